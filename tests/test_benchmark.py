"""Regression guard: benchmarks/run.py at a small size, judged by ratios only.

The targets (issue 5, measured at 10^7 draws in benchmarks/README.md) are: the library at
most as slow as plain numpy, and correlation or a two-regime mixture at most 1.3x the
independent case. Here, at 10^6 draws with medians of 7 interleaved repetitions, the
bounds are generous (1.5-2x the targets, about 2.5x the ratios measured at this size) so
that noise on a shared machine does not fail the test but a real regression does; a
check that fails is measured once more and judged on the better of the two runs.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
DRAWS = 10**6
REPS = 7


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _check(measure: Callable[[], dict[str, float]], bounds: dict[str, float]) -> None:
    found = measure()
    if any(found[k] > bound for k, bound in bounds.items()):
        again = measure()
        found = {k: min(found[k], again[k]) for k in bounds}
    for k, bound in bounds.items():
        assert found[k] <= bound, f"{k} = {found[k]:.2f}, above {bound}"


@pytest.mark.slow
def test_draws_against_numpy(bench: ModuleType) -> None:
    def measure() -> dict[str, float]:
        t = bench.measure_draws(DRAWS, REPS, careful=False, memory=False)
        return {
            "library / numpy": t.ratio("a_lib", "a_np"),
            "correlated / independent": t.ratio("b_lib", "a_lib"),
            "mixture / independent": t.ratio("c_lib", "a_lib"),
        }

    # Measured at 10^6: about 0.65, 1.0 and 1.15 (targets 1.0, 1.3 and 1.3).
    _check(
        measure,
        {"library / numpy": 1.5, "correlated / independent": 2.0, "mixture / independent": 2.0},
    )


@pytest.mark.slow
def test_chunked_against_kept(bench: ModuleType) -> None:
    # 2**21 draws made in chunks of 2**16 on one thread, against the same count kept in
    # memory: measured about 1.0 (the chunked path does the same work, plus a pilot).
    n = 2**21

    def measure() -> dict[str, float]:
        t = bench.interleaved(
            {
                "chunked": lambda: bench.lib_chunked(n, 1, 2**16),
                "kept": lambda: bench.lib_independent(n),
            },
            REPS,
            memory=False,
        )
        return {"chunked / kept": t.ratio("chunked", "kept")}

    _check(measure, {"chunked / kept": 2.0})
