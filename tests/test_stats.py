"""Linear quantiles by selection (munitions_model._stats) against numpy."""

from __future__ import annotations

import numpy as np
import pytest
from budgets import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from munitions_model import _stats

LEVELS = (0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0)


def _expected(values: np.ndarray, levels: tuple[float, ...]) -> np.ndarray:
    """The same linear quantiles from a full sort (the definition)."""
    return _stats.sorted_quantiles(np.sort(values, axis=-1), levels)


@pytest.mark.parametrize("zeros", [0.0, 0.01, 0.1, 0.5, 0.9, 1.0])
def test_rows_with_ties_at_the_minimum(zeros: float) -> None:
    # A stock projection's rows: many paths at exactly zero once the stock runs out (the
    # three branches: few ties, some, most).
    rng = np.random.default_rng(3)
    values = rng.lognormal(10.0, 1.0, size=(4, 5_000))
    values[rng.random(values.shape) < zeros] = 0.0
    want = _expected(values, LEVELS)
    got = _stats.row_quantiles(values.copy(), LEVELS)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got, np.quantile(values, LEVELS, axis=1).T)


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=40),
        elements=st.floats(allow_nan=False, min_value=-1e6, max_value=1e6)
        | st.sampled_from([0.0, 1.0, np.inf, -np.inf]),
    ),
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=6),
)
def test_row_quantiles_equal_a_sort(values: np.ndarray, levels: list[float]) -> None:
    np.testing.assert_array_equal(
        _stats.row_quantiles(values.copy(), levels), _expected(values, tuple(levels))
    )


def test_select_in_place_gives_sorted_order_statistics() -> None:
    rng = np.random.default_rng(5)
    row = rng.integers(0, 50, 1_000).astype(np.float64)  # many ties everywhere
    ranks = [0, 1, 10, 499, 500, 998, 999]
    out = np.empty(len(ranks))
    _stats.select_in_place(row.copy(), ranks, out)
    np.testing.assert_array_equal(out, np.sort(row)[ranks])


@settings(max_examples=examples(200, ci=50), deadline=None)  # all its arcs by the 25th
@given(
    st.integers(1, 10**9),
    st.floats(0.0, 1.0),
    st.floats(allow_nan=False) | st.sampled_from([np.inf, -np.inf]),
    st.floats(allow_nan=False) | st.sampled_from([np.inf, -np.inf]),
)
def test_scalar_helpers_equal_the_array_ones(n: int, q: float, a: float, b: float) -> None:
    lo, hi, frac = _stats.positions(n, q)
    assert _stats.position(n, q) == (int(lo), int(hi), float(frac))
    low, high = min(a, b), max(a, b)
    want = float(_stats.between(low, high, float(frac)))
    got = _stats.interpolate(low, high, float(frac))
    assert got == want or (np.isnan(got) and np.isnan(want))
