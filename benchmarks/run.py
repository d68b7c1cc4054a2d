"""Speed and memory of munitions_model against plain numpy, as ratios (issue 5).

Run from the repository root::

    python benchmarks/run.py              # the full table (about two minutes)
    python benchmarks/run.py --quick      # small sizes, a few seconds
    python benchmarks/run.py --markdown   # the table as benchmarks/README.md shows it
    python benchmarks/run.py --check      # regression guard on the ratios (CI; ~30 s)

Each case runs the library and a hand-written numpy version of the same model in one
process, interleaved (library, baseline, ... with the order rotated every repetition),
after a warm-up run of each, and reports medians. Ratios are library / baseline, so
below 1 the library is faster. Peak memory is measured by ``tracemalloc`` (numpy reports
its array allocations to it) in a separate run of each function.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import math
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy
from scipy import special

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

import munitions_model as mm  # noqa: E402
from munitions_model.estimation import CHUNK_DRAWS  # noqa: E402

#: The core issue's reference inputs (90% intervals).
STOCK = mm.lognormal(9e5, 1.6e6)
RATE = mm.lognormal(8e3, 2.5e4)
#: Two fire-rate regimes, 40% low and 60% high (as in tests/test_estimate.py).
LOW_REGIME, HIGH_REGIME = mm.lognormal(4_000, 7_000), mm.lognormal(20_000, 35_000)
MIXTURE = mm.distributions.mixture([LOW_REGIME, HIGH_REGIME], [0.4, 0.6])
RHO = 0.5
Q = (0.05, 0.5, 0.95)
SEED_PHRASES = {
    "stock": "more than one million artillery rounds",
    "duration": "around two months",
}
MiB = 1 << 20


# -- the cases: library and plain numpy -----------------------------------------------------


def lib_independent(n: int, seed: int = 1) -> list[float]:
    est = mm.estimate_duration(stock=STOCK, burn_rate=RATE, samples=n, seed=seed, method="mc")
    return [est.quantile(q) for q in Q]


def lib_correlated(n: int, seed: int = 1) -> list[float]:
    est = mm.estimate_duration(
        stock=STOCK, burn_rate=RATE, samples=n, seed=seed, method="mc", correlation=RHO
    )
    return [est.quantile(q) for q in Q]


def lib_mixture(n: int, seed: int = 1) -> list[float]:
    est = mm.estimate_duration(stock=STOCK, burn_rate=MIXTURE, samples=n, seed=seed, method="mc")
    return [est.quantile(q) for q in Q]


def numpy_independent(n: int, seed: int = 1) -> list[float]:
    """The straightforward version: two lognormal arrays, divide, ``np.quantile``."""
    rng = np.random.default_rng(seed)
    stock = rng.lognormal(STOCK.mu, STOCK.sigma, n)
    rate = rng.lognormal(RATE.mu, RATE.sigma, n)
    return [float(x) for x in np.quantile(stock / rate, Q)]


def numpy_independent_careful(n: int, seed: int = 1) -> list[float]:
    """The careful version: normal scores, log space, in place, quantiles of the logs."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((2, n))
    log_d = z[0]
    log_d *= STOCK.sigma
    z[1] *= RATE.sigma
    log_d -= z[1]
    log_d += STOCK.mu - RATE.mu
    return [float(x) for x in np.exp(np.quantile(log_d, Q))]


def numpy_correlated(n: int, seed: int = 1) -> list[float]:
    """Correlated normal scores by hand (Cholesky of a 2x2 matrix), then as above."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((2, n))
    stock = np.exp(STOCK.mu + STOCK.sigma * z[0])
    rate = np.exp(RATE.mu + RATE.sigma * (RHO * z[0] + math.sqrt(1 - RHO**2) * z[1]))
    return [float(x) for x in np.quantile(stock / rate, Q)]


def numpy_mixture(n: int, seed: int = 1) -> list[float]:
    """Choose a regime for each draw, then draw from it (tests/test_estimate.py)."""
    rng = np.random.default_rng(seed)
    high = rng.random(n) < 0.6
    mu = np.where(high, HIGH_REGIME.mu, LOW_REGIME.mu)
    sigma = np.where(high, HIGH_REGIME.sigma, LOW_REGIME.sigma)
    rate = np.exp(mu + sigma * rng.standard_normal(n))
    stock = rng.lognormal(STOCK.mu, STOCK.sigma, n)
    return [float(x) for x in np.quantile(stock / rate, Q)]


def lib_pipeline(n: int, seed: int = 1) -> list[float]:
    est = mm.estimate_burn_rate(**SEED_PHRASES, samples=n, seed=seed)
    return [est.quantile(q) for q in Q]


def _pipeline_parameters() -> tuple[float, float, float, float]:
    """The seed's phrases as the library reads them: "more than one million" is
    ``x * exp(s |Z|)``, "around two months" a lognormal."""
    est = mm.estimate_burn_rate(**SEED_PHRASES, samples=1, seed=0)
    stock, duration = (r.interpretation for r in est.inputs)
    assert isinstance(stock, mm.distributions.Truncated)
    assert isinstance(stock.base, mm.distributions.LogNormal)
    assert isinstance(duration, mm.distributions.LogNormal)
    assert stock.low is not None
    assert math.isclose(stock.low, math.exp(stock.base.mu))  # truncated at its median
    return stock.low, stock.base.sigma, duration.mu, duration.sigma


PIPELINE = _pipeline_parameters()


def numpy_pipeline(n: int, seed: int = 1) -> list[float]:
    """The same model with the parameters already known (no phrases to read)."""
    floor, s, mu, sigma = PIPELINE
    rng = np.random.default_rng(seed)
    stock = floor * np.exp(s * np.abs(rng.standard_normal(n)))
    duration = rng.lognormal(mu, sigma, n)
    return [float(x) for x in np.quantile(stock / duration, Q)]


def lib_analytic() -> list[float]:
    est = mm.estimate_duration(stock=STOCK, burn_rate=RATE, method="analytic")
    return [est.quantile(q) for q in Q]


_Z = [float(special.ndtri(q)) for q in Q]


def by_hand_analytic() -> list[float]:
    """The closed form: a ratio of lognormals is lognormal."""
    mu = STOCK.mu - RATE.mu
    sigma = math.hypot(STOCK.sigma, RATE.sigma)
    return [math.exp(mu + sigma * z) for z in _Z]


def lib_chunked(n: int, workers: int, chunk: int) -> list[float]:
    est = mm.estimate_duration(
        stock=STOCK, burn_rate=RATE, samples=n, seed=1, method="mc", chunk=chunk, workers=workers
    )
    return [est.quantile(q) for q in Q]


# -- measuring --------------------------------------------------------------------------------


@dataclass
class Timing:
    """Medians (seconds) of interleaved repetitions, and peak traced memory (bytes)."""

    seconds: dict[str, float]
    runs: dict[str, list[float]]
    peak: dict[str, int] = field(default_factory=dict)

    def ratio(self, a: str, b: str) -> float:
        return self.seconds[a] / self.seconds[b]


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak memory traced while ``fn`` runs, in bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def interleaved(
    fns: dict[str, Callable[[], object]], reps: int, *, number: int = 1, memory: bool = True
) -> Timing:
    """Time each function ``reps`` times, interleaved, order rotated each repetition,
    after one warm-up run each; ``number`` calls per timing (for short calls)."""
    names = list(fns)
    for name in names:  # warm-up: caches, page faults, lazy imports
        fns[name]()
    runs: dict[str, list[float]] = {name: [] for name in names}
    for rep in range(reps):
        order = names[rep % len(names) :] + names[: rep % len(names)]
        for name in order:
            gc.collect()
            start = time.perf_counter()
            for _ in range(number):
                fns[name]()
            runs[name].append((time.perf_counter() - start) / number)
    timing = Timing({k: statistics.median(v) for k, v in runs.items()}, runs)
    if memory:
        timing.peak = {name: peak_memory(fns[name]) for name in names}
    return timing


def measure_draws(n: int, reps: int, *, careful: bool = True, memory: bool = True) -> Timing:
    """Cases (a)-(c): independent, correlated and mixture, library and numpy, at ``n``."""
    fns: dict[str, Callable[[], object]] = {
        "a_lib": lambda: lib_independent(n),
        "a_np": lambda: numpy_independent(n),
        "b_lib": lambda: lib_correlated(n),
        "b_np": lambda: numpy_correlated(n),
        "c_lib": lambda: lib_mixture(n),
        "c_np": lambda: numpy_mixture(n),
    }
    if careful:
        fns["a_np_careful"] = lambda: numpy_independent_careful(n)
    return interleaved(fns, reps, memory=memory)


def measure_chunked(n: int, reps: int, *, chunk: int | None = None, memory: bool = True) -> Timing:
    """Case (g): ``n`` draws in chunks on one and on two threads, against numpy holding
    all of them (and, for the regression test, against the library keeping them)."""
    size = CHUNK_DRAWS if chunk is None else chunk
    fns: dict[str, Callable[[], object]] = {
        "g_lib_1": lambda: lib_chunked(n, 1, size),
        "g_lib_2": lambda: lib_chunked(n, 2, size),
        "g_np": lambda: numpy_independent(n),
    }
    return interleaved(fns, reps, memory=memory)


#: Case (f): a three-year projection from August 2023. The initial stock is the reference
#: stock; "more than one million" rounds arrive in 10 transfers spread over August to
#: October; fire runs at the reference rate until the new year, then at 5,000 to 20,000 a
#: day; production is 4,000 to 8,000 a day (90% intervals, lognormal).
STOCK_START = datetime.date(2023, 8, 1)
NEW_YEAR = datetime.date(2024, 1, 1)
DELIVERED = mm.lognormal(1e6, 1.5e6)
TRANSFERS = 10
WINDOW = (datetime.date(2023, 8, 1), datetime.date(2023, 10, 31))
LATER_RATE = mm.lognormal(5e3, 2e4)
PRODUCTION = mm.lognormal(4e3, 8e3)
LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)


def lib_stock(paths: int, days: int) -> object:
    projection = mm.project_stock(
        STOCK,
        [(STOCK_START, RATE), (NEW_YEAR, LATER_RATE)],
        [
            mm.stockflow.Cadence(
                rounds=DELIVERED, transfers=TRANSFERS, start=WINDOW[0], end=WINDOW[1]
            )
        ],
        PRODUCTION,
        start=STOCK_START,
        horizon_days=days,
        samples=paths,
        seed=1,
        quantiles=LEVELS,
        options=mm.stockflow.ProjectionOptions(progress=False),
    )
    return projection.depletion_quantile(0.5)


def numpy_stock(paths: int, days: int) -> object:
    """The same model by hand: one (days + 1, paths) array filled day by day."""
    rng = np.random.default_rng(1)

    def draw(d: mm.distributions.LogNormal) -> np.ndarray:
        return rng.lognormal(d.mu, d.sigma, paths)

    stock = np.empty((days + 1, paths))
    stock[0] = draw(STOCK)
    per_transfer = draw(DELIVERED) / TRANSFERS
    fire_before, fire_after, make = draw(RATE), draw(LATER_RATE), draw(PRODUCTION)
    width = (WINDOW[1] - WINDOW[0]).days + 1
    arrivals = {int((k + 0.5) * width / TRANSFERS) for k in range(TRANSFERS)}
    switch = (NEW_YEAR - STOCK_START).days
    depleted = np.full(paths, np.inf)
    for t in range(days):
        available = stock[t] + per_transfer if t in arrivals else stock[t]
        net = (fire_before if t < switch else fire_after) - make
        after = available - net
        new = np.isinf(depleted) & (after <= 0)
        if new.any():
            depleted[new] = t + np.clip(available[new] / net[new], 0.0, 1.0)
        np.maximum(after, 0.0, out=stock[t + 1])
    np.quantile(stock, LEVELS, axis=1)
    return np.median(depleted)


def measure_stock(paths: int, days: int, reps: int) -> Timing:
    """Case (f): ``project_stock`` against the hand-written day loop."""
    return interleaved(
        {"f_lib": lambda: lib_stock(paths, days), "f_np": lambda: numpy_stock(paths, days)},
        reps,
    )


# -- reporting --------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = getattr(os, "sched_getaffinity", None)
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": model,
        "nproc": str(len(cores(0)) if cores else os.cpu_count()),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "munitions_model": getattr(mm, "__version__", "0.1.0"),
    }


def _seconds(x: float) -> str:
    if x < 1e-3:
        return f"{x * 1e6:.1f} µs"
    if x < 1.0:
        return f"{x * 1e3:.0f} ms"
    return f"{x:.2f} s"


def _mib(x: int | None) -> str:
    return "" if x is None else f"{x / MiB:,.0f}"


def _power_of_ten(n: int) -> str:
    p = round(math.log10(n))
    return f"10^{p}" if n == 10**p else f"{n:,}"


def _check(value: float, bound: float) -> str:
    return "met" if value <= bound else "MISSED"


def _row(
    label: str,
    t: Timing,
    lib: str,
    base: str | None,
    *,
    target: float | None = None,
    memory: bool = True,
    memory_target: int | None = None,
    memory_vs_base: bool = False,
    note: str = "",
) -> list[str]:
    """One table row: ``lib`` against ``base`` (keys of ``t``)."""
    row = [label, _seconds(t.seconds[lib]), "", "", "", note, "", ""]
    if base is not None:
        ratio = t.ratio(lib, base)
        best = min(t.runs[lib]) / min(t.runs[base])
        row[2:5] = [_seconds(t.seconds[base]), f"{ratio:.2f}", f"{best:.2f}"]
        if target is not None:
            row[5] = f"≤ {target:g}: {_check(ratio, target)}"
    if memory and t.peak:
        row[6] = _mib(t.peak[lib]) + (f" / {_mib(t.peak[base])}" if base else "")
        if memory_target is not None:
            row[7] = f"< 1 GiB: {_check(t.peak[lib], memory_target)}"
        elif base is not None and memory_vs_base:
            row[7] = f"≤ baseline: {_check(t.peak[lib], t.peak[base])}"
    return row


def mixture_table_build(low: float) -> float:
    """Seconds to tabulate a two-regime mixture's quantile function, the first time a
    mixture with these parameters is used (later uses, and equal mixtures, reuse it)."""
    fresh = mm.distributions.mixture([mm.lognormal(low, 7_000), HIGH_REGIME], [0.4, 0.6])
    start = time.perf_counter()
    fresh.from_normal(np.zeros(1))
    return time.perf_counter() - start


def run(draws: int, big: int, reps: int, big_reps: int) -> list[list[str]]:
    """All cases; rows of the table."""
    exp = _power_of_ten(draws)
    t = measure_draws(draws, reps)
    rows = [
        _row(
            f"(a) {exp} independent draws, 5/50/95%",
            t,
            "a_lib",
            "a_np",
            target=1.0,
            memory_vs_base=True,
        ),
        _row("(a') the same, vs careful log-space numpy", t, "a_lib", "a_np_careful"),
        _row(f"(b) {exp}, correlation {RHO}", t, "b_lib", "b_np"),
        _row("    (b) library / (a) library", t, "b_lib", "a_lib", target=1.3, memory=False),
        _row(f"(c) {exp}, two-regime mixture", t, "c_lib", "c_np"),
        _row("    (c) library / (a) library", t, "c_lib", "a_lib", target=1.3, memory=False),
    ]
    build = statistics.median(mixture_table_build(4_000 + i) for i in range(1, 4))
    rows.append(
        ["    (c) its quantile table, once per mixture", _seconds(build), "", "", "", "", "", ""]
    )

    t = interleaved(
        {"d_lib": lambda: lib_pipeline(100_000), "d_np": lambda: numpy_pipeline(100_000)}, reps
    )
    rows.append(_row("(d) seed pipeline from phrases, 10^5 draws", t, "d_lib", "d_np"))
    t = interleaved({"e_lib": lib_analytic, "e_np": by_hand_analytic}, reps, number=2000)
    rows.append(_row("(e) analytic, per call + 3 quantiles", t, "e_lib", "e_np", memory=False))
    rows[-1][5] = f"≤ 100 µs: {_check(t.seconds['e_lib'], 100e-6)}"

    paths = 100_000 if big else 10_000
    t = measure_stock(paths, 1096, max(3, reps // 2))
    what = f"(f) project_stock, {_power_of_ten(paths)} paths, 3 years"
    rows.append(_row(what, t, "f_lib", "f_np", memory_target=1 << 30))

    if big:
        t = measure_chunked(big, big_reps)
        rows += [
            _row(
                f"(g) {_power_of_ten(big)} draws in chunks, {w} thread{'s' if w > 1 else ''}",
                t,
                f"g_lib_{w}",
                "g_np",
                memory_target=1 << 30,
            )
            for w in (1, 2)
        ]
        pairs = zip(t.runs["g_lib_2"], t.runs["g_lib_1"], strict=True)
        runs = "runs: " + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in pairs)
        rows.append(
            _row("    2 threads / 1 thread", t, "g_lib_2", "g_lib_1", memory=False, note=runs)
        )
    return rows


HEADER = [
    "case",
    "library",
    "baseline",
    "ratio",
    "ratio, best runs",
    "time target",
    "peak MiB (lib / base)",
    "memory target",
]


def format_table(rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*r).rstrip() for r in [HEADER, *rows])


# -- regression guard (CI) ---------------------------------------------------------------
#
# The targets (issue 5, measured at 10^7 draws in benchmarks/README.md) are: the library at
# most as slow as plain numpy, and correlation or a two-regime mixture at most 1.3x the
# independent case. The guard runs at 10^6 draws with medians of 7 interleaved
# repetitions; its bounds are generous (1.5-2x the targets, about 2.5x the ratios measured
# at this size) so that noise on a shared machine does not fail it but a real regression
# does; a check that fails is measured once more and judged on the better of the two runs.
# It is a CI step of its own (``.ci/run``), not a test: the test suite asserts behaviour,
# never the clock.

CHECK_DRAWS = 10**6
CHECK_REPS = 7


def _guard(name: str, measure: Callable[[], dict[str, float]], bounds: dict[str, float]) -> bool:
    found = measure()
    if any(found[k] > bound for k, bound in bounds.items()):
        again = measure()
        found = {k: min(found[k], again[k]) for k in bounds}
    ok = True
    for k, bound in bounds.items():
        verdict = "ok" if found[k] <= bound else "TOO SLOW"
        ok &= found[k] <= bound
        print(f"{name}: {k} = {found[k]:.2f} (bound {bound}) {verdict}")
    return ok


def check() -> bool:
    """The regression guard: ``True`` when every ratio is within its bound."""

    def draws() -> dict[str, float]:
        t = measure_draws(CHECK_DRAWS, CHECK_REPS, careful=False, memory=False)
        return {
            "library / numpy": t.ratio("a_lib", "a_np"),
            "correlated / independent": t.ratio("b_lib", "a_lib"),
            "mixture / independent": t.ratio("c_lib", "a_lib"),
        }

    # 2**21 draws made in chunks of 2**16 on one thread, against the same count kept in
    # memory: measured about 1.0 (the chunked path does the same work, plus a pilot).
    n = 2**21

    def chunked() -> dict[str, float]:
        t = interleaved(
            {"chunked": lambda: lib_chunked(n, 1, 2**16), "kept": lambda: lib_independent(n)},
            CHECK_REPS,
            memory=False,
        )
        return {"chunked / kept": t.ratio("chunked", "kept")}

    # Measured at 10^6: about 0.65, 1.0 and 1.15 (targets 1.0, 1.3 and 1.3).
    first = _guard(
        "draws",
        draws,
        {"library / numpy": 1.5, "correlated / independent": 2.0, "mixture / independent": 2.0},
    )
    return _guard("chunks", chunked, {"chunked / kept": 2.0}) and first


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=float, default=1e7, help="draws for (a)-(c)")
    parser.add_argument("--big", type=float, default=1e8, help="draws for (g); 0 skips it")
    parser.add_argument("--reps", type=int, default=7, help="repetitions (medians)")
    parser.add_argument("--big-reps", type=int, default=3, help="repetitions for (g)")
    parser.add_argument("--quick", action="store_true", help="10^6 and 10^7 draws, 3 reps")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument(
        "--check", action="store_true", help="regression guard on the ratios; exit 1 if slow"
    )
    args = parser.parse_args(argv)
    if args.check:
        raise SystemExit(0 if check() else 1)
    if args.quick:
        args.draws, args.reps, args.big_reps = 1e6, 3, 1
        args.big = min(args.big, 1e7)
    info = machine()
    print(", ".join(f"{k}: {v}" for k, v in info.items()))
    rows = run(int(args.draws), int(args.big), args.reps, args.big_reps)
    print(format_table(rows, args.markdown))
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nwhole process, resident peak (ru_maxrss): {maxrss:,.0f} MiB")


if __name__ == "__main__":
    main()
