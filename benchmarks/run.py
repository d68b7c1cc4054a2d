"""Speed and memory of munitions_model against plain numpy, as ratios (issues 5 and 14).

Run from the repository root::

    python benchmarks/run.py              # the full table (about five minutes)
    python benchmarks/run.py --quick      # smaller sizes, one run of each, about ten seconds
    python benchmarks/run.py --markdown   # the table as benchmarks/README.md shows it
    python benchmarks/run.py --only small --only processes   # some sections only
    python benchmarks/run.py --check      # regression guard on the ratios (CI; ~30 s)

Each case runs the library and a hand-written numpy version of the same model in one
process, interleaved (library, baseline, ... with the order rotated every repetition),
after a warm-up run of each, and reports medians. Ratios are library / baseline, so
below 1 the library is faster. Peak memory is measured by ``tracemalloc`` (numpy reports
its array allocations to it) in a separate run of each function. What a user waits for
in a fresh interpreter (the import, the first call, ``python -m munitions_model``) is
timed in subprocesses, against ``import numpy, pydantic``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.metadata
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

import munitions_model as mm  # noqa: E402
from munitions_model import _engine  # noqa: E402
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


def _cold() -> None:
    """Forget the engine's remembered input draws (``_engine.DrawMemo``): a benchmark
    repeats one call with one seed, which would then copy the stock's draws instead of
    making them, as the numpy baseline must."""
    _engine.MEMO.clear()


def lib_pipeline(n: int, seed: int = 1) -> list[float]:
    _cold()
    est = mm.estimate_burn_rate(**SEED_PHRASES, samples=n, seed=seed)
    return [est.quantile(q) for q in Q]


def _pipeline_parameters() -> tuple[float, float, float, float, float, float]:
    """The seed's phrases as the library reads them (``reader-2015``): "more than one
    million" is ``x (1 + s Y)`` with ``Y`` generalised Pareto, "around two months" a
    two-piece lognormal."""
    est = mm.estimate_burn_rate(**SEED_PHRASES, samples=1, seed=0)
    stock, duration = (r.interpretation for r in est.inputs)
    assert isinstance(stock, mm.distributions.Exceedance)
    assert stock.side == "above"
    assert not stock.anchors  # one significant digit: nothing to anchor on
    assert isinstance(duration, mm.distributions.SplitLogNormal)
    return (
        stock.bound,
        stock.scale,
        stock.shape,
        duration.mu,
        duration.sigma_low,
        duration.sigma_high,
    )


PIPELINE = _pipeline_parameters()


def numpy_pipeline(n: int, seed: int = 1) -> list[float]:
    """The same model with the parameters already known (no phrases to read)."""
    bound, s, xi, mu, sigma_low, sigma_high = PIPELINE
    rng = np.random.default_rng(seed)
    y = np.expm1(-xi * np.log(rng.random(n))) / xi  # generalised Pareto, scale 1
    stock = bound * (1.0 + s * y)
    z = rng.standard_normal(n)
    duration = np.exp(mu + np.where(z < 0, sigma_low, sigma_high) * z)
    return [float(x) for x in np.quantile(stock / duration, Q)]


def lib_analytic() -> list[float]:
    est = mm.estimate_duration(stock=STOCK, burn_rate=RATE, method="analytic")
    return [est.quantile(q) for q in Q]


_Z = [statistics.NormalDist().inv_cdf(q) for q in Q]


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


def lib_given(n: int, seed: int = 1) -> list[float]:
    """Case (i): the seed pipeline's call given the distributions its phrases are read as."""
    _cold()
    est = mm.estimate_burn_rate(**PIPELINE_READ, samples=n, seed=seed)
    return [est.quantile(q) for q in Q]


def _pipeline_read() -> dict[str, mm.Distribution]:
    est = mm.estimate_burn_rate(**SEED_PHRASES, samples=1, seed=0)
    stock, duration = (r.interpretation for r in est.inputs)
    return {"stock": stock, "duration": duration}


PIPELINE_READ = _pipeline_read()

#: Case (l): the README's Sobol example, the seed's stock against Russia's 2023 fire rate
#: (a pooled mixture of eight reports), 2^14 base samples, 999 bootstrap resamples.
SOBOL_INPUTS = {
    "stock_rounds": "more than one million rounds",
    "rounds_per_day": mm.record.pooled("russia_fire_rate", "2023"),
}


def lib_sobol() -> object:
    return mm.sensitivity.sobol(mm.duration_days, SOBOL_INPUTS, samples=2**14, seed=1)


#: Case (m): the README's cross-check of October-November 2023 (10^5 draws, the default).
CONSISTENCY_CLAIMS = ["more than 1,000 containers", "more than one million artillery rounds"]


def lib_consistency(samples: int = 100_000) -> object:
    return mm.check_consistency(CONSISTENCY_CLAIMS, samples=samples, seed=1)


def lib_containers(samples: int = 100_000) -> object:
    return mm.rounds_from_containers("more than 1,000 containers", samples=samples, seed=1).median


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
    fns: dict[str, Callable[[], object]],
    reps: int,
    *,
    number: int = 1,
    memory: bool = True,
    warm: bool = True,
) -> Timing:
    """Time each function ``reps`` times, interleaved, order rotated each repetition,
    after one warm-up run each (unless not ``warm``); ``number`` calls per timing (for
    short calls)."""
    names = list(fns)
    for name in names if warm else ():  # warm-up: caches, page faults, lazy imports
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


#: Cases (j) and (k), each a fresh interpreter: what a user waits for before the first
#: answer. The first call is case (h) at 10^4 draws; from phrases, case (i).
PROCESSES = {
    "numpy": "import numpy, pydantic",
    "import": "import munitions_model",
    "first": (
        "import munitions_model as mm; est = mm.estimate_duration(stock=mm.lognormal(9e5, "
        "1.6e6), burn_rate=mm.lognormal(8e3, 2.5e4), samples=10**4, seed=1, method='mc'); "
        "[est.quantile(q) for q in (0.05, 0.5, 0.95)]"
    ),
    "first_phrases": (
        "import munitions_model as mm; est = mm.estimate_burn_rate(stock='more than one "
        "million artillery rounds', duration='around two months', samples=10**4, seed=1); "
        "[est.quantile(q) for q in (0.05, 0.5, 0.95)]"
    ),
    "main": "-m munitions_model",
}


def _process(what: str) -> Callable[[], object]:
    args = what.split() if what.startswith("-m ") else ["-c", what]

    def run() -> object:
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )

    return run


def measure_processes(reps: int, which: Sequence[str], warm: bool = True) -> Timing:
    """Cases (j) and (k): wall time of fresh interpreters, interleaved. The package is
    compiled to bytecode first, as an installed package is (pip compiles it), so that the
    interpreters do not compile its sources on every start (they would with
    ``PYTHONDONTWRITEBYTECODE`` set and no cache)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "munitions_model")], check=True
    )
    fns = {k: _process(PROCESSES[k]) for k in which}
    return interleaved(fns, reps, memory=False, warm=warm)


def measure_stock(paths: int, days: int, reps: int, *, memory: bool = True) -> Timing:
    """Case (f): ``project_stock`` against the hand-written day loop."""
    return interleaved(
        {"f_lib": lambda: lib_stock(paths, days), "f_np": lambda: numpy_stock(paths, days)},
        reps,
        memory=memory,
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
        "scipy": importlib.metadata.version("scipy"),
        "munitions_model": getattr(mm, "__version__", "0.1.0"),
    }


def _seconds(x: float) -> str:
    if x < 0:
        return "-" + _seconds(-x)
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
            limit = (
                f"{memory_target >> 30} GiB"
                if memory_target >= 1 << 30
                else f"{memory_target >> 20} MiB"
            )
            row[7] = f"< {limit}: {_check(t.peak[lib], memory_target)}"
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


def _absolute(label: str, seconds: float, target: float, unit: str = "s") -> list[str]:
    """A row with an absolute time target and no baseline."""
    shown = f"{target * 1e3:g} ms" if unit == "ms" else f"{target:g} s"
    return [label, _seconds(seconds), "", "", "", f"≤ {shown}: {_check(seconds, target)}", "", ""]


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions of a run (`FULL` by default, `QUICK` with ``--quick``)."""

    draws: int = 10**7  # (a)-(c)
    big: int = 10**8  # (g); 0 skips it
    reps: int = 7
    big_reps: int = 3
    paths: int = 100_000  # (f)
    stock_reps: int = 3
    calls: int = 200  # calls per timing of (h) and (i)
    exact_calls: int = 2000  # calls per timing of (e)
    analyses_reps: int = 3  # (l) and (m)
    check_samples: int = 100_000  # (m)
    processes: tuple[str, ...] = tuple(PROCESSES)
    process_reps: int = 7
    warm_processes: bool = True
    memory: bool = True


FULL = Plan()
#: About ten seconds: smaller sizes, fewer repetitions, no memory runs, one fresh
#: interpreter of each kind.
QUICK = Plan(
    draws=10**6,
    big=2**21,
    reps=3,
    big_reps=1,
    paths=10_000,
    stock_reps=2,
    calls=50,
    exact_calls=200,
    analyses_reps=1,
    check_samples=10_000,
    processes=("numpy", "import", "first", "main"),
    process_reps=1,
    warm_processes=False,
    memory=False,
)


def run_draws(plan: Plan) -> list[list[str]]:
    """Cases (a)-(e): many draws, the seed pipeline and the exact path."""
    exp = _power_of_ten(plan.draws)
    t = measure_draws(plan.draws, plan.reps, memory=plan.memory)
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
        {"d_lib": lambda: lib_pipeline(100_000), "d_np": lambda: numpy_pipeline(100_000)},
        plan.reps,
        memory=plan.memory,
    )
    rows.append(_row("(d) seed pipeline from phrases, 10^5 draws", t, "d_lib", "d_np"))
    t = interleaved(
        {"e_lib": lib_analytic, "e_np": by_hand_analytic},
        plan.reps,
        number=plan.exact_calls,
        memory=False,
    )
    rows.append(_row("(e) analytic, per call + 3 quantiles", t, "e_lib", "e_np", memory=False))
    rows[-1][5] = f"≤ 100 µs: {_check(t.seconds['e_lib'], 100e-6)}"
    return rows


def run_small(plan: Plan) -> list[list[str]]:
    """Cases (h) and (i): calls a notebook makes in a loop, per call."""
    fns: dict[str, Callable[[], object]] = {
        "h3_lib": lambda: lib_independent(1_000),
        "h3_np": lambda: numpy_independent(1_000),
        "h4_lib": lambda: lib_independent(10_000),
        "h4_np": lambda: numpy_independent(10_000),
        "i_phrases": lambda: lib_pipeline(10_000),
        "i_given": lambda: lib_given(10_000),
    }
    t = interleaved(fns, plan.reps, number=plan.calls, memory=False)
    return [
        _row("(h) 10^3 draws, 5/50/95%, per call", t, "h3_lib", "h3_np", target=1.5, memory=False),
        _row("(h) 10^4 draws, 5/50/95%, per call", t, "h4_lib", "h4_np", target=1.0, memory=False),
        _row(
            "(i) seed pipeline, 10^4 draws: phrases / distributions",
            t,
            "i_phrases",
            "i_given",
            target=1.2,
            memory=False,
        ),
    ]


def run_processes(plan: Plan) -> list[list[str]]:
    """Cases (j) and (k): fresh interpreters, against ``import numpy, pydantic``."""
    t = measure_processes(plan.process_reps, plan.processes, plan.warm_processes)
    rows = []
    for key, label, target in [
        ("import", "(j) import munitions_model", 0.25),
        ("first", "(j) import + first call, 10^4 draws", None),
        ("first_phrases", "(j) import + first call from phrases", None),
    ]:
        if key not in t.seconds:
            continue
        extra = t.seconds[key] - t.seconds["numpy"]
        row = [
            f"{label}, beyond numpy + pydantic",
            _seconds(extra),
            _seconds(t.seconds["numpy"]),
            "",
            "",
            "" if target is None else f"≤ {target:g} s: {_check(extra, target)}",
            "",
            "",
        ]
        rows.append(row)
    rows.append(_absolute("(k) python -m munitions_model, wall", t.seconds["main"], 1.0))
    return rows


def run_analyses(plan: Plan) -> list[list[str]]:
    """Cases (l) and (m): Sobol indices and repeated cross-checks, per call."""
    t = interleaved({"l": lib_sobol}, plan.analyses_reps, memory=plan.memory)
    rows = [_absolute("(l) sobol, 2^14 base samples, 999 resamples", t.seconds["l"], 0.5)]
    if t.peak:
        rows[-1][6] = _mib(t.peak["l"])
        rows[-1][7] = f"< 64 MiB: {_check(t.peak['l'], 64 * MiB)}"
    n = plan.check_samples
    t = interleaved(
        {"m_check": lambda: lib_consistency(n), "m_containers": lambda: lib_containers(n)},
        plan.analyses_reps,
        memory=plan.memory,
    )
    for key, label in [
        ("m_check", f"(m) check_consistency, 2 claims, {_power_of_ten(n)} draws, repeated"),
        ("m_containers", f"(m) rounds_from_containers, {_power_of_ten(n)} draws, repeated"),
    ]:
        peak = _mib(t.peak[key]) if t.peak else ""
        rows.append([label, _seconds(t.seconds[key]), "", "", "", "", peak, ""])
    return rows


SECTIONS = ("draws", "small", "stock", "analyses", "processes", "chunks")


def run(plan: Plan = FULL, sections: Sequence[str] = SECTIONS) -> list[list[str]]:
    """The cases of ``sections``; rows of the table."""
    rows = []
    if "draws" in sections:
        rows += run_draws(plan)
    if "small" in sections:
        rows += run_small(plan)
    if "stock" in sections:
        t = measure_stock(plan.paths, 1096, plan.stock_reps, memory=plan.memory)
        what = f"(f) project_stock, {_power_of_ten(plan.paths)} paths, 3 years"
        rows.append(_row(what, t, "f_lib", "f_np", target=0.7, memory_target=128 * MiB))
    if "analyses" in sections:
        rows += run_analyses(plan)
    if "processes" in sections:
        rows += run_processes(plan)
    if plan.big and "chunks" in sections:
        rows += run_chunks(plan.big, plan.big_reps, memory=plan.memory)
    return rows


def run_chunks(big: int, big_reps: int, *, memory: bool = True) -> list[list[str]]:
    """Case (g): ``big`` draws in chunks on one and two threads."""
    t = measure_chunked(big, big_reps, memory=memory)
    rows = [
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
    rows.append(_row("    2 threads / 1 thread", t, "g_lib_2", "g_lib_1", memory=False, note=runs))
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

    def small() -> dict[str, float]:
        t = interleaved(
            {"lib": lambda: lib_independent(1_000), "np": lambda: numpy_independent(1_000)},
            CHECK_REPS,
            number=100,
            memory=False,
        )
        return {"10^3 draws, library / numpy": t.ratio("lib", "np")}

    # Measured at 10^6: about 0.65, 1.0 and 1.15 (targets 1.0, 1.3 and 1.3).
    first = _guard(
        "draws",
        draws,
        {"library / numpy": 1.5, "correlated / independent": 2.0, "mixture / independent": 2.0},
    )
    # Case (h): about 1.2-1.5 (target 1.5); per-call checks once made it 3.6 unnoticed.
    second = _guard("small calls", small, {"10^3 draws, library / numpy": 2.5})
    return _guard("chunks", chunked, {"chunked / kept": 2.0}) and first and second


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=float, help="draws for (a)-(c)")
    parser.add_argument("--big", type=float, help="draws for (g); 0 skips it")
    parser.add_argument("--reps", type=int, help="repetitions (medians)")
    parser.add_argument("--big-reps", type=int, help="repetitions for (g)")
    parser.add_argument("--paths", type=float, help="paths for (f)")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only these sections (repeat)"
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes: about ten seconds")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument(
        "--check", action="store_true", help="regression guard on the ratios; exit 1 if slow"
    )
    args = parser.parse_args(argv)
    if args.check:
        raise SystemExit(0 if check() else 1)
    plan = QUICK if args.quick else FULL
    given = {
        "draws": args.draws,
        "big": args.big,
        "reps": args.reps,
        "big_reps": args.big_reps,
        "paths": args.paths,
    }
    plan = replace(plan, **{k: int(v) for k, v in given.items() if v is not None})
    info = machine()
    print(", ".join(f"{k}: {v}" for k, v in info.items()))
    rows = run(plan, args.only or SECTIONS)
    print(format_table(rows, args.markdown))
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nwhole process, resident peak (ru_maxrss): {maxrss:,.0f} MiB")


if __name__ == "__main__":
    main()
