"""Peak memory of a three-year stock projection, against the naive all-paths array.

Usage: ``python benchmarks/stock_memory.py [paths] [days]`` (default 100,000 paths, 1,096
days). Projects from August 2023 with the NIS cadence ("more than one million rounds" in
"at least 10 transfers"), Russian fire and production phases from the bundled reports,
and prints the traced peak (tracemalloc; numpy reports its buffers to it), the size of a
single paths x days float64 array that a non-blocked implementation would hold (it needs
several), and their ratio.
"""

from __future__ import annotations

import sys
import time
import tracemalloc

import munitions_model as mm


def main(paths: int = 100_000, days: int = 1_096) -> None:
    cadence = mm.stockflow.Cadence.from_record("seed-rounds", "seed-transfers")
    fire = mm.stockflow.phases_from_record("russia_fire_rate")
    production = mm.stockflow.phases_from_record("russia_production")
    tracemalloc.start()
    began = time.perf_counter()
    mm.project_stock(
        "about 3 million rounds",
        fire,
        [cadence],
        production,
        start="2023-08-01",
        horizon_days=days,
        samples=paths,
        seed=1,
        options=mm.stockflow.ProjectionOptions(progress=False),
    )
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    naive = paths * (days + 1) * 8 / 2**20
    print(f"{paths:,} paths x {days:,} days: {seconds:.1f} s, peak {peak:,.0f} MiB")
    print(f"one paths x days float64 array: {naive:,.0f} MiB ({naive / peak:.1f}x the peak)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
