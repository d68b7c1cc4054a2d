"""Inverting a mixture CDF: ``Mixture.ppf`` is the smallest float where the CDF reaches u.

The quantile search (Illinois steps with a bisection every third step, in logs for
positive mixtures, see ``Mixture._solve``) must return exactly the generalized inverse
``min{x : F(x) >= u}`` of the computed CDF ``F``: the answer ``x`` has ``F(x) >= u`` and
the float just below it has ``F < u``. It replaced a false-position search that returned
what bisection in logs returns (a float up to 16 ulps above that minimum, since adjacent
logs are further apart than adjacent values), and an atom's value with it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munitions_model as mm
from munitions_model import _invert
from munitions_model.distributions import _TABLE_NODES, _TABLE_Z_MAX, Mixture, _ndtr
from munitions_model.record import FIRE_RATE_PERIODS, pooled

# The targets of a mixture's table: the normal CDF at its nodes (every 64th: the exactness
# check evaluates the CDF twice per target).
NODES = _ndtr(np.linspace(-_TABLE_Z_MAX, _TABLE_Z_MAX, _TABLE_NODES))[::64]


# The mixture CDF of lognormal components is a matrix product, whose summation order (and
# so its last bit) can depend on how many values are evaluated together: the check allows
# the CDF that much (a few units of 2**-53) either way.
ROUNDING = 4 * 2.0**-53


def _assert_smallest_crossing(mixture: Mixture, u: np.ndarray) -> None:
    x = mixture._ppf(u)
    below = np.nextafter(x, -np.inf)
    assert np.all(mixture._cdf(x) >= u - ROUNDING)
    assert np.all(mixture._cdf(below) < u + ROUNDING)


@pytest.mark.parametrize("period", FIRE_RATE_PERIODS)
def test_pooled_reports_smallest_crossing_at_the_nodes(period: str) -> None:
    # The main job's mixtures (lognormal, truncated lognormal and uniform reports).
    mixture = pooled("russia_fire_rate", period)
    if isinstance(mixture, Mixture):
        _assert_smallest_crossing(mixture, NODES)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0.0, 12.0),  # log of the lower 90% bound
            st.floats(0.01, 4.0),  # log of its ratio to the upper one
            st.floats(0.05, 1.0),  # weight before normalising
        ),
        min_size=2,  # (one component: its own quantile function, not a search)
        max_size=4,
    ),
    st.lists(st.floats(1e-12, 1.0 - 1e-12), min_size=1, max_size=50),
)
def test_lognormal_mixtures_smallest_crossing(
    parts: list[tuple[float, float, float]], u: list[float]
) -> None:
    total = sum(w for _, _, w in parts)
    mixture = mm.distributions.mixture(
        [mm.lognormal(math.exp(a), math.exp(a + r)) for a, r, _ in parts],
        [w / total for _, _, w in parts[:-1]] + [1.0 - sum(w / total for _, _, w in parts[:-1])],
    )
    _assert_smallest_crossing(mixture, np.array(u))


def test_an_atom_comes_back_exactly() -> None:
    # Half the mass at 5: every u in (P(X < 5), P(X < 5) + 0.5] maps to 5.0 exactly.
    mixture = mm.distributions.mixture(
        [mm.distributions.point(5.0), mm.lognormal(10.0, 20.0)], [0.5, 0.5]
    )
    assert isinstance(mixture, Mixture)
    below = float(mixture._cdf_below(np.array([5.0]))[0])
    inside = np.linspace(below + 1e-9, below + 0.5, 7)
    assert mixture._ppf(inside).tolist() == [5.0] * 7


def test_answers_do_not_depend_on_the_other_targets() -> None:
    mixture = pooled("russia_fire_rate", "2022")
    together = mixture.ppf(np.array([0.05, 0.5, 0.95, 1e-9]))
    alone = [mixture.quantile(q) for q in (0.05, 0.5, 0.95, 1e-9)]
    assert together.tolist() == alone


def _count_cdf_points(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """From now on, count in ``["n"]`` the points at which `Mixture._cdf` is evaluated."""
    counted = {"n": 0}
    cdf = Mixture._cdf

    def counting(self: Mixture, x: np.ndarray) -> np.ndarray:
        counted["n"] += x.size
        return cdf(self, x)

    monkeypatch.setattr(Mixture, "_cdf", counting)
    return counted


def test_far_fewer_evaluations_than_bisection(monkeypatch: pytest.MonkeyPatch) -> None:
    # Plain bisection in natural values from the components' bracket halves it about 60
    # times to adjacent floats, and returns the smallest crossing too; the search needs
    # far fewer CDF evaluations (counted, not timed).
    mixture = pooled("russia_fire_rate", "2022")
    assert isinstance(mixture, Mixture)
    counted = _count_cdf_points(monkeypatch)
    qs = np.stack([c.ppf(NODES) for c in mixture.components])
    lo, hi = qs.min(axis=0), qs.max(axis=0)
    for _ in range(1100):
        mid = lo + (hi - lo) / 2.0
        if np.all((mid == lo) | (mid == hi)):
            break
        below = mixture._cdf(mid) < NODES
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    by_bisection, counted["n"] = counted["n"], 0
    searched = mixture._ppf(NODES)
    np.testing.assert_array_equal(searched, hi)
    assert counted["n"] < by_bisection / 2


def test_targets_in_a_jump_are_answered_at_the_atom(monkeypatch: pytest.MonkeyPatch) -> None:
    # Russia's pooled 2023 fire rate (the README's `sobol` example) holds two reports
    # read as points, 5,000 and 20,000 rounds a day, an eighth of the weight each: a
    # quarter of the targets fall in a jump of the CDF. Steps close in on a jump only by
    # halving, about 40 evaluations per target from a grid bracket to adjacent floats, so
    # without the atoms the search took 20.9 evaluations per target on these 4,096; it
    # now answers those targets at the atom after one evaluation (7.7 per target). The
    # answers are still plain bisection's (counted, not timed).
    mixture = pooled("russia_fire_rate", "2023")
    assert isinstance(mixture, Mixture)
    u = (np.arange(4096) + 0.5) / 4096
    counted = _count_cdf_points(monkeypatch)
    searched = mixture._ppf(u)
    per_target = counted["n"] / u.size
    assert np.mean(np.isin(searched, [5000.0, 20000.0])) == 0.25
    assert per_target < 10.0  # a quarter of targets at 40 steps each alone would be 10
    qs = np.stack([c.ppf(u) for c in mixture.components])
    lo, hi = qs.min(axis=0), qs.max(axis=0)
    lo = np.where(mixture._cdf(lo) < u, lo, np.nextafter(lo, -np.inf))  # answer in (lo, hi]
    np.testing.assert_array_equal(searched, _invert.bisect(mixture._cdf, u, lo, hi))
