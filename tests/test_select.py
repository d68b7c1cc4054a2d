"""Exact order statistics by passes over blocks: every answer must equal numpy.partition."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from munitions_model import _select

Floats = NDArray[np.float64]


class CountingSource(_select.ArraySource):
    """An array source that counts the passes made over it."""

    def __init__(self, draws: Floats, block: int) -> None:
        super().__init__(draws, block)
        self.passes = 0

    def visit(self, fn):  # type: ignore[no-untyped-def]
        self.passes += 1
        return super().visit(fn)


def _expected(draws: Floats, ranks: list[int]) -> dict[int, float]:
    ordered = np.sort(draws)
    return {r: float(ordered[r]) for r in ranks}


RNG = np.random.default_rng(20231101)
NORMAL = RNG.standard_normal(200_003)
RANKS = [0, 1, 10_000, 100_001, 100_002, 190_000, 200_002]


class TestExact:
    def test_good_pilot_takes_one_pass(self) -> None:
        source = CountingSource(NORMAL, block=4096)
        found = _select.order_statistics(source, RANKS, NORMAL[:4096])
        assert found == _expected(NORMAL, RANKS)
        assert source.passes == 1

    @pytest.mark.parametrize(
        "pilot",
        [np.full(50, 1e9), np.full(50, -1e9), np.array([]), np.array([0.0])],
        ids=["all-above", "all-below", "empty", "one-value"],
    )
    def test_misleading_pilot_costs_passes_not_accuracy(self, pilot: Floats) -> None:
        source = CountingSource(NORMAL, block=4096)
        assert _select.order_statistics(source, RANKS, pilot) == _expected(NORMAL, RANKS)

    def test_too_many_in_a_bracket_refines(self) -> None:
        # With at most 500 draws collected per bracket, the search samples and narrows.
        source = CountingSource(NORMAL, block=4096)
        with mock.patch.object(_select, "COLLECT_MAX", 500):
            found = _select.order_statistics(source, RANKS, np.array([0.0]))
        assert found == _expected(NORMAL, RANKS)
        assert source.passes > 2

    def test_ties_and_infinities(self) -> None:
        # 60% of the draws are one value and 10% infinite: brackets collapse to a value.
        draws = np.where(RNG.random(100_000) < 0.6, 3.0, RNG.standard_normal(100_000))
        draws[RNG.random(100_000) < 0.1] = np.inf
        ranks = [0, 29_999, 30_000, 50_000, 89_999, 90_000, 99_999]
        for cap in (_select.COLLECT_MAX, 100):
            with mock.patch.object(_select, "COLLECT_MAX", cap):
                found = _select.order_statistics(
                    _select.ArraySource(draws, block=1000), ranks, np.array([3.0])
                )
            assert found == _expected(draws, ranks)

    def test_constant(self) -> None:
        draws = np.full(10_000, 2.5)
        assert _select.order_statistics_of(draws, [0, 5000, 9999]) == dict.fromkeys(
            (0, 5000, 9999), 2.5
        )

    def test_large_array_path(self) -> None:
        # Above PARTITION_BELOW the passes are used; the answers are those of a sort.
        draws = RNG.lognormal(0.0, 2.0, _select.PARTITION_BELOW + 12_345)
        ranks = [0, 17, 99_999, draws.size // 2, draws.size - 1]
        assert _select.order_statistics_of(draws, ranks) == _expected(draws, ranks)

    @settings(max_examples=60, deadline=None)
    @given(
        values=st.lists(
            st.floats(allow_nan=False, width=32) | st.sampled_from([0.0, 1.0, -1.0]),
            min_size=1,
            max_size=300,
        ),
        data=st.data(),
    )
    def test_any_floats(self, values: list[float], data: st.DataObject) -> None:
        draws = np.array(values, dtype=np.float64)
        ranks = data.draw(st.lists(st.integers(0, draws.size - 1), min_size=1, max_size=5))
        pilot = data.draw(st.lists(st.sampled_from(values), max_size=20))
        with mock.patch.object(_select, "COLLECT_MAX", 8):
            found = _select.order_statistics(
                _select.ArraySource(draws, block=7), ranks, np.array(pilot)
            )
        assert found == _expected(draws, ranks)


class TestSmallArrays:
    """Below `PARTITION_BELOW` the draws are sorted (small) or partitioned a rank at a
    time (`_partitioned`); both give the values a sort puts at the ranks."""

    @pytest.mark.parametrize("n", [1, 2, 1_000, _select.SORT_BELOW, 100_000])
    def test_canonical_ranks(self, n: int) -> None:
        draws = RNG.lognormal(0.0, 2.0, n)
        # The two order statistics behind each of the 5/25/50/75/95% quantiles.
        lows = [int(q * (n - 1)) for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
        ranks = sorted({*lows, *(min(r + 1, n - 1) for r in lows)})
        assert _select.order_statistics_of(draws, ranks) == _expected(draws, ranks)

    @settings(max_examples=80, deadline=None)
    @given(
        values=st.lists(
            st.floats(allow_nan=True, width=32) | st.sampled_from([0.0, 1.0, -1.0, np.nan]),
            min_size=1,
            max_size=200,
        ),
        data=st.data(),
    )
    def test_partitioned_any_floats(self, values: list[float], data: st.DataObject) -> None:
        # Runs of adjacent ranks (found as minima), ties, infinities and NaN (sorted last).
        draws = np.array(values, dtype=np.float64)
        firsts = data.draw(st.lists(st.integers(0, draws.size - 1), min_size=1, max_size=5))
        ranks = sorted({min(r + k, draws.size - 1) for r in firsts for k in (0, 1, 2)})
        found = _select._partitioned(draws, ranks)
        expected = np.sort(draws)[ranks]
        assert np.array_equal(list(found.values()), expected, equal_nan=True)
        assert list(found) == ranks


def test_rank_out_of_range() -> None:
    with pytest.raises(ValueError, match=r"rank must lie in \[0, 10\), got 10"):
        _select.Selection(10, [10], np.zeros(3))
