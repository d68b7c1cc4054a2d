"""Inverting a mixture CDF: the fast search returns what bisection does (_invert)."""

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

# The targets of a mixture's table: the normal CDF at its nodes.
NODES = _ndtr(np.linspace(-_TABLE_Z_MAX, _TABLE_Z_MAX, _TABLE_NODES))


def _both(mixture: Mixture, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bisection's answers (the definition) and the mixture's own, in logs."""
    qs = np.stack([c.ppf(u) for c in mixture.components])
    lo, hi = np.log(qs.min(axis=0)), np.log(qs.max(axis=0))
    old = _invert.bisect(lambda y: mixture._cdf(np.exp(y)), u, lo, hi)
    return np.exp(old), mixture._ppf(u)


@pytest.mark.parametrize("period", [p for p in FIRE_RATE_PERIODS if p != "late 2023"])
def test_pooled_reports_equal_bisection_at_every_node(period: str) -> None:
    # The main job's mixtures (lognormal, truncated lognormal and uniform reports): the
    # computed CDF rises with the value, so the smallest float where it reaches u is
    # unique, and both searches find it.
    mixture = pooled("russia_fire_rate", period)
    assert isinstance(mixture, Mixture)
    old, new = _both(mixture, NODES)
    np.testing.assert_array_equal(new, old)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0.0, 12.0),  # log of the lower 90% bound
            st.floats(0.01, 4.0),  # log of its ratio to the upper one
            st.floats(0.05, 1.0),  # weight before normalising
        ),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.floats(1e-12, 1.0 - 1e-12), min_size=1, max_size=50),
)
def test_lognormal_mixtures_equal_bisection(
    parts: list[tuple[float, float, float]], u: list[float]
) -> None:
    total = sum(w for _, _, w in parts)
    mixture = mm.distributions.mixture(
        [mm.lognormal(math.exp(a), math.exp(a + r)) for a, r, _ in parts],
        [w / total for _, _, w in parts[:-1]] + [1.0 - sum(w / total for _, _, w in parts[:-1])],
    )
    old, new = _both(mixture, np.array(u))
    np.testing.assert_array_equal(new, old)


def test_answers_do_not_depend_on_the_other_targets() -> None:
    mixture = pooled("russia_fire_rate", "2022")
    together = mixture.ppf(np.array([0.05, 0.5, 0.95, 1e-9]))
    alone = [mixture.quantile(q) for q in (0.05, 0.5, 0.95, 1e-9)]
    assert together.tolist() == alone


def test_without_a_bracket_it_is_bisection() -> None:
    # cdf never reaches u inside (lo, hi]: bisection keeps to hi; an empty bracket returns
    # hi at once; targets outside the span's grid start from their own brackets.
    def cdf(y: np.ndarray) -> np.ndarray:
        return np.clip(y / 10.0, 0.0, 1.0)

    u = np.array([0.5, 0.95, 0.2])
    lo, hi = np.array([0.0, 0.0, 2.0]), np.array([8.0, 9.0, 2.0])
    got = _invert.smallest_crossing(cdf, u, lo, hi, span=(0.0, 3.0))
    want = _invert.bisect(cdf, u, lo, hi)
    np.testing.assert_array_equal(got, want)
    assert got.tolist()[1:] == [9.0, 2.0]


def test_far_fewer_evaluations_than_bisection() -> None:
    # Bisection evaluates the CDF about 52 times per node in logs; the search about ten
    # times (counted, not timed).
    mixture = pooled("russia_fire_rate", "2022")
    assert isinstance(mixture, Mixture)
    counted = {"bisect": 0, "fast": 0}

    def counting(key: str):  # type: ignore[no-untyped-def]
        def cdf(y: np.ndarray) -> np.ndarray:
            counted[key] += y.size
            return mixture._cdf(np.exp(y))

        return cdf

    qs = np.stack([c.ppf(NODES) for c in mixture.components])
    lo, hi = np.log(qs.min(axis=0)), np.log(qs.max(axis=0))
    ends = np.stack([c.ppf(np.array([1e-10, 1.0 - 1e-10])) for c in mixture.components])
    span = (math.log(ends[:, 0].min()), math.log(ends[:, 1].max()))
    _invert.bisect(counting("bisect"), NODES, lo, hi)
    _invert.smallest_crossing(counting("fast"), NODES, lo, hi, span)
    assert counted["fast"] < counted["bisect"] / 3


def _bisection(mixture: Mixture, u: np.ndarray) -> np.ndarray:
    """Bisection's answers (the definition), in logs for a positive mixture, each target
    bisected alone: where the answer is the float just above ``lo``, a batch can move a
    finished target's ``hi`` onto ``lo`` while the others go on."""
    answers = []
    for target in u:
        one = np.array([target])
        qs = np.stack([c.ppf(one) for c in mixture.components])
        lo, hi = qs.min(axis=0), qs.max(axis=0)
        if bool(np.all(lo > 0)):
            logs = _invert.bisect(lambda y: mixture._cdf(np.exp(y)), one, np.log(lo), np.log(hi))
            answers.append(float(np.exp(logs)[0]))
        else:
            answers.append(float(_invert.bisect(mixture._cdf, one, lo, hi)[0]))
    return np.array(answers)


@pytest.mark.parametrize(
    "mixture",
    [
        # The main job's summer 2023: half the reports a point at 5,000 rounds a day, the
        # smallest component quantile for every u up to 1/2 (the jump is at lo).
        pooled("russia_fire_rate", "summer 2023"),
        # Points inside the brackets, at zero (not in logs), and two at one value.
        mm.distributions.mixture(
            [
                mm.distributions.point(4000.0),
                mm.distributions.point(7000.0),
                mm.lognormal(3e3, 9e3),
            ],
            [0.3, 0.2, 0.5],
        ),
        mm.distributions.mixture([mm.distributions.point(0.0), mm.lognormal(2, 9)], [0.3, 0.7]),
        mm.distributions.mixture([mm.distributions.point(3.0)] * 2, [0.5, 0.5]),
    ],
)
def test_point_masses_answered_at_the_jump_equal_bisection(mixture: Mixture) -> None:
    # Where a point mass carries the CDF across u, false position stalls; the answer is
    # taken at the jump instead, and it is bisection's, alone or with other targets.
    u = np.concatenate([[0.05, 0.25, 0.3, 0.5, 0.95], np.linspace(1e-9, 1.0 - 1e-9, 97)])
    expected = _bisection(mixture, u)
    np.testing.assert_array_equal(mixture._ppf(u), expected)
    assert [mixture.quantile(float(q)) for q in u[:5]] == expected[:5].tolist()
