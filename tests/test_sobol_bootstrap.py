"""`sobol`'s vectorised bootstrap against scipy's, bit for bit, and its memory."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from scipy import stats

import munitions_model as mm
from munitions_model import sensitivity

RNG = np.random.default_rng(11)


def _scipy_indices(y: np.ndarray, rows: np.ndarray | slice) -> np.ndarray:
    """What `sobol` computed before: scipy's estimators on the resampled design rows."""
    result = stats.sobol_indices(
        func={"f_A": y[0][None, rows], "f_B": y[1][None, rows], "f_AB": y[2:][:, None, rows]},
        n=y.shape[1],
    )
    return np.concatenate([np.atleast_1d(result.first_order), np.atleast_1d(result.total_order)])


@pytest.mark.parametrize(("d", "n"), [(2, 8), (2, 1024), (3, 256), (5, 64)])
def test_saltelli_is_scipys_for_every_resample(d: int, n: int) -> None:
    y = RNG.standard_normal((d + 2, n)) * 3.0 + 4.0
    rows = RNG.integers(0, n, size=(7, n))
    got = sensitivity._saltelli(sensitivity._resampled(y, rows))
    want = np.array([_scipy_indices(y, r) for r in rows])
    np.testing.assert_array_equal(got, want)


# (2, 2**14): batches of 4 resamples (2^18 outputs), the last of 3, in reused buffers.
@pytest.mark.parametrize(("d", "n", "level"), [(2, 256, 0.95), (3, 64, 0.9), (2, 2**14, 0.95)])
def test_interval_is_scipys_bootstrap(d: int, n: int, level: float) -> None:
    # scipy.stats.bootstrap resampling the design rows, as `sobol` called it before: the
    # same resample indices from the generator and the same arithmetic, in batches.
    y = RNG.standard_normal((d + 2, n))
    old = stats.bootstrap(
        (np.arange(n),),
        lambda rows: _scipy_indices(y, rows),
        n_resamples=99,
        confidence_level=level,
        method="percentile",
        vectorized=False,
        rng=np.random.default_rng(3),
    ).confidence_interval
    low, high = sensitivity._bootstrap_interval(y, 99, level, np.random.default_rng(3))
    np.testing.assert_array_equal(low, old.low)
    np.testing.assert_array_equal(high, old.high)


def test_one_uncertain_input() -> None:
    # scipy's estimator squeezed one input's indices to a scalar and failed. All of the
    # log-variance is then the stock's: both indices are 1 up to the estimators' error
    # (here AB = B, and the first-order estimator is mean(f_B (f_B - f_A)) / var, within
    # about 1e-3 of 1 at 2^10 scrambled Sobol rows).
    result = mm.sensitivity.sobol(
        mm.duration_days,
        {"stock_rounds": mm.lognormal(9e5, 1.6e6), "rounds_per_day": 2e4},
        samples=2**10,
        resamples=99,
        seed=1,
    )
    assert result.first_order("stock_rounds") == pytest.approx(1.0, abs=0.01)
    assert result.total_order("stock_rounds") == pytest.approx(1.0, abs=0.01)


def test_memory_does_not_hold_every_resample() -> None:
    # 999 resamples of 2^12 rows: all their indices at once would be 31 MiB; a batch at a
    # time it is a few.
    inputs = {"stock_rounds": mm.lognormal(9e5, 1.6e6), "rounds_per_day": mm.lognormal(8e3, 2.5e4)}
    mm.sensitivity.sobol(mm.duration_days, inputs, samples=2**8, resamples=9, seed=1)  # warm
    tracemalloc.start()
    try:
        mm.sensitivity.sobol(mm.duration_days, inputs, samples=2**12, seed=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * 2**20


@pytest.mark.parametrize(("size", "n"), [(1, 2), (3, 2), (4, 2**14), (7, 64), (1, 2**20)])
@pytest.mark.parametrize("before", ["fresh", "half used", "mt19937"])
def test_resample_rows_are_integers_draws(size: int, n: int, before: str) -> None:
    # The bootstrap's rows are what rng.integers(0, n, (size, n)) draws (scipy's call),
    # and the generator is left where integers leaves it: made from raw 64-bit outputs
    # for numpy's default generator, by integers itself where that would not hold (a
    # 32-bit half pending from an earlier draw, another bit generator).
    def make() -> np.random.Generator:
        if before == "mt19937":
            return np.random.Generator(np.random.MT19937(5))
        rng = np.random.default_rng(5)
        if before == "half used":
            rng.integers(0, 2**20, dtype=np.uint32)
        return rng

    ours, theirs = make(), make()
    got = sensitivity._resampled_rows(ours, size, n)
    np.testing.assert_array_equal(got, theirs.integers(0, n, size=(size, n)))
    assert ours.random() == theirs.random()  # the same state after


def test_raw_rows_are_used_on_this_numpy() -> None:
    # The shortcut above is checked once against this numpy's integers; if a numpy
    # changes how integers draws, the bootstrap falls back to it (correct, slower) and
    # this test says so.
    assert sensitivity._raw_rows_are_integers()
