"""infer, measured: time, agreement with a reference sampler, back-tests, what the record says.

Run from the repository root (each part alone with its flag; all by default)::

    python benchmarks/inference.py --timing      # infer on the bundled record, seconds
    python benchmarks/inference.py --reference   # Gibbs vs random-walk Metropolis, long runs
    python benchmarks/inference.py --backtests   # the back-test table and prior variants
    python benchmarks/inference.py --record      # fire rate by year, NK deliveries

``--timing`` runs `infer` with its defaults (1,000 warm-up and 2,000 kept draws) five
times on each subject and reports the median wall time, the Metropolis-Hastings acceptance
of the path step and the smallest effective sample size over the months (Geyer's initial
positive sequence). ``--reference`` compares the Gibbs sampler with the plain numpy
random-walk Metropolis of :mod:`munitions_model._reference` on a small synthetic case, and
reports each one's time per 1,000 effective draws as a ratio: that ratio is why the Gibbs
sampler was chosen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import munitions_model as mm  # noqa: E402
from munitions_model._reference import reference_draws  # noqa: E402
from munitions_model.inference import Priors, infer  # noqa: E402

CUTOFFS = ("2023-07-01", "2024-01-01", "2024-04-01", "2024-07-01")
SUBJECTS = ("russia_fire_rate", "nk_to_russia_rounds", "ukraine_fire_rate")


def ess(chain: np.ndarray) -> float:
    """Effective sample size of one chain (Geyer's initial positive sequence)."""
    x = np.asarray(chain, dtype=float) - np.mean(chain)
    n = x.size
    var = float(x @ x) / n
    if var == 0.0:
        return float(n)
    f = np.fft.rfft(x, 2 * n)
    acf = np.fft.irfft(f * np.conj(f))[:n] / (n * var)
    total = 0.0
    for k in range(0, n - 1, 2):
        pair = acf[k] + acf[k + 1]
        if pair <= 0:
            break
        total += pair
    return n / max(2.0 * total - 1.0, 1.0)


def timing() -> None:
    ledger = mm.bundled_ledger()
    print(f"machine: {os.cpu_count()} cores, {platform.python_version()}, numpy {np.__version__}")
    print("| subject | steps | reports | sources | median time (5 runs) | acceptance | min ESS |")
    print("|---|---|---|---|---|---|---|")
    for subject in ("russia_fire_rate", "nk_to_russia_rounds"):
        times = []
        for rep in range(5):
            t0 = time.perf_counter()
            post = infer(ledger, subject, seed=rep)
            times.append(time.perf_counter() - t0)
        worst = min(ess(np.log(post.rate_draws[:, m])) for m in range(len(post.periods)))
        print(
            f"| {subject} | {len(post.periods)} | {len(post.used)} | {len(post.sources)} | "
            f"{statistics.median(times):.2f} s | {post.acceptance:.2f} | {worst:.0f} |"
        )


def reference() -> None:
    from synthetic_reports import synthetic

    ledger, _ = synthetic(3, months=12, reports=10)
    t0 = time.perf_counter()
    post = infer(ledger, "russia_fire_rate", seed=1, samples=30_000, warmup=2_000)
    t_gibbs = time.perf_counter() - t0
    t0 = time.perf_counter()
    chains = 8
    ref = reference_draws(
        post._p, post.priors, seed=2, chains=chains, warmup=20_000, samples=80_000, thin=10
    )
    t_ref = time.perf_counter() - t0
    gx, rx = np.log(post.rate_draws), ref["x"]
    sd = rx.std(axis=0)
    print(f"small case: {len(post.periods)} months, {len(post.used)} reports, 4 sources")
    print(f"posterior sd of a month's log rate: {sd.min():.3f}-{sd.max():.3f}")
    print("| quantity | largest difference of the 5%, 50%, 95% quantiles (log scale) |")
    print("|---|---|")
    pairs = [
        ("month log rate", gx, rx),
        ("source log bias", np.log(post.bias_draws), ref["b"]),
        ("source noise", post.noise_draws, np.sqrt(ref["sig2"])),
        ("walk step tau", post.tau_draws[:, None], np.sqrt(ref["tau2"])[:, None]),
        ("bias spread omega", np.sqrt(post._d.omega2)[:, None], np.sqrt(ref["omega2"])[:, None]),
    ]
    for name, a, b in pairs:
        diffs = [
            float(np.max(np.abs(np.quantile(a, q, axis=0) - np.quantile(b, q, axis=0))))
            for q in (0.05, 0.5, 0.95)
        ]
        print(f"| {name} | {diffs[0]:.3f}, {diffs[1]:.3f}, {diffs[2]:.3f} |")
    g_ess = min(ess(gx[:, m]) for m in range(gx.shape[1]))
    per_chain = rx.shape[0] // chains
    r_ess = min(
        sum(ess(rx[c * per_chain : (c + 1) * per_chain, m]) for c in range(chains))
        for m in range(rx.shape[1])
    )
    g_rate, r_rate = t_gibbs / g_ess * 1000, t_ref / r_ess * 1000
    print(
        f"Gibbs: {t_gibbs:.1f} s, min ESS {g_ess:.0f}, acceptance {post.acceptance:.2f}, "
        f"{g_rate:.2f} s per 1000 effective draws"
    )
    print(
        f"random-walk Metropolis ({chains} chains): {t_ref:.1f} s, min ESS {r_ess:.0f}, "
        f"acceptance {float(ref['acceptance'][0]):.2f}, {r_rate:.2f} s per 1000 effective draws"
    )
    print(f"ratio Gibbs / RWM per effective draw: {g_rate / r_rate:.3f}")


def backtests() -> None:
    ledger = mm.bundled_ledger()
    variants = {
        "default (t4 noise, typical 0.4)": None,
        "normal noise, typical 0.4": Priors(noise_df=float("inf")),
        "first choice: normal noise, typical 0.25": Priors(
            noise_df=float("inf"), noise_median=0.25
        ),
    }
    for label, priors in variants.items():
        print(f"\n{label}\n")
        print(
            "| subject | cutoff | n | coverage 50% | coverage 90% | CRPS | pooled CRPS | "
            "pooled coverage 90% |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for subject in SUBJECTS:
            for cutoff in CUTOFFS:
                try:
                    bt = mm.backtest(ledger, subject, cutoff, seed=1, priors=priors)
                except ValueError as err:
                    print(f"| {subject} | {cutoff} | - | {err} |")
                    continue
                print(
                    f"| {subject} | {cutoff} | {bt.n} | {bt.coverage(0.5):.2f} | "
                    f"{bt.coverage(0.9):.2f} | {bt.crps:.3f} | {bt.baseline_crps:.3f} | "
                    f"{bt.baseline_coverage(0.9):.2f} |"
                )


def record() -> None:
    ledger = mm.bundled_ledger()
    fire = infer(ledger, "russia_fire_rate", seed=1)
    print("Russia's fire rate, yearly mean [rounds/day]: median (90% interval)")
    years = sorted({p.start.year for p in fire.periods})
    for year in years:
        cols = [m for m, p in enumerate(fire.periods) if p.start.year == year]
        days = np.array([(fire.periods[m].end - fire.periods[m].start).days + 1 for m in cols])
        mean = fire.draws[:, cols] @ days / days.sum()
        lo, mid, hi = np.quantile(mean, [0.05, 0.5, 0.95])
        print(f"  {year} ({len(cols)} months): {mid:,.0f} ({lo:,.0f}-{hi:,.0f})")
    for row in fire.source_rows():
        print(
            f"  source {row['source']}: {row['reports']} reports, bias x{row['bias_median']:.2f} "
            f"({row['bias_low']:.2f}-{row['bias_high']:.2f})"
        )
    nk = infer(ledger, "nk_to_russia_rounds", seed=1)
    print("North Korean rounds delivered to Russia since August 2023 (cumulative)")
    for m, p in enumerate(nk.periods):
        if p.end.month in (12, 6) or m == len(nk.periods) - 1:
            lo, mid, hi = np.quantile(nk.draws[:, m], [0.05, 0.5, 0.95])
            print(f"  by {p.end}: {mid / 1e6:.2f} M ({lo / 1e6:.2f}-{hi / 1e6:.2f} M)")
    for row in nk.source_rows():
        print(
            f"  source {row['source']}: {row['reports']} reports, bias x{row['bias_median']:.2f} "
            f"({row['bias_low']:.2f}-{row['bias_high']:.2f})"
        )
    print(
        f"(dates of the record: reports up to {max(r.reported_on for r in ledger.reports)}; "
        f"run {dt.date.today()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("timing", "reference", "backtests", "record"):
        parser.add_argument(f"--{name}", action="store_true")
    args = parser.parse_args()
    chosen = [n for n in ("timing", "reference", "backtests", "record") if getattr(args, n)]
    for name in chosen or ["timing", "reference", "backtests", "record"]:
        print(f"\n## {name}\n")
        globals()[name]()


if __name__ == "__main__":
    main()
