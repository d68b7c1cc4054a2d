"""Repeated container calls: the first call in a process, then the median of repeats.

Issue 14 asks that repeated `check_consistency` and `rounds_from_containers` calls be at
least five times faster than in 0.1, whose catalogue PERTs inverted an incomplete beta
function on every call. The calls below exist in 0.1 and 0.2 alike, so the script
measures either; to measure another checkout, put its package first on the path:

    python benchmarks/containers_repeat.py                     # this checkout
    git archive <rev> | tar -x -C /tmp/rev
    PYTHONPATH=/tmp/rev python benchmarks/containers_repeat.py

Each case runs once (the first call pays for anything built once per process, such as the
tabulated quantile functions of 0.2), then ``--repeats`` more times; the table gives the
first call and the median of the repeats, in milliseconds, on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import munitions_model as mm

SEED = 20231101


def _cases(samples: int) -> dict[str, Callable[[], object]]:
    return {
        "check_consistency (Shin, Feb 2024)": lambda: mm.check_consistency(
            ["about 6,700 containers", "more than 3 million rounds"], samples=samples, seed=SEED
        ),
        "rounds_from_containers": lambda: mm.rounds_from_containers(
            "more than 1,000 containers", samples=samples, seed=SEED
        ),
        "rounds_per_container": lambda: mm.rounds_per_container(
            "152mm", samples=samples, seed=SEED
        ),
    }


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--samples", type=int, nargs="+", default=[20_000, 100_000])
    args = parser.parse_args()
    print(f"munitions_model from {mm.__file__}")
    print("| case | samples | first call, ms | repeated, median ms |")
    print("|---|---|---|---|")
    for samples in args.samples:
        for name, fn in _cases(samples).items():
            first = _time(fn)
            repeats = [_time(fn) for _ in range(args.repeats)]
            print(
                f"| {name} | {samples:,} | {first * 1e3:,.0f} | "
                f"{statistics.median(repeats) * 1e3:,.1f} |"
            )


if __name__ == "__main__":
    main()
