"""The two kinds the reader reading of the hedge model needs: split lognormal, exceedance."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from munitions_model.distributions import (
    Exceedance,
    SplitLogNormal,
    exceedance,
    split_lognormal,
)

EXAMPLES = {
    # "about 20" read as 15 to 25: symmetric in the number, wider below on the log scale.
    "split": split_lognormal(15.0, 20.0, 25.0),
    "above": exceedance(1000.0, scale=0.05, shape=0.4),
    "above-exponential": exceedance(1000.0, scale=0.05, shape=0.0),
    "above-anchored": exceedance(1100.0, scale=0.03, shape=0.4, anchors=[(1000.0, 0.06)]),
    "below": exceedance(1000.0, scale=0.05, shape=0.3, side="below"),
    "below-anchored": exceedance(
        1000.0, scale=0.02, shape=0.3, side="below", anchors=[(1100.0, 0.2)]
    ),
}


def _quadrature_mean(d: SplitLogNormal | Exceedance) -> float:
    """``int_0^1 ppf(u) du`` by adaptive quadrature: the reference for closed forms."""

    def ppf(u: float) -> float:
        return float(d.ppf(np.array([u]))[0])

    return float(integrate.quad(ppf, 0.0, 1.0, epsabs=1e-10, epsrel=1e-12, limit=2000)[0])


@pytest.mark.parametrize("kind", list(EXAMPLES))
class TestEveryKind:
    """Beyond the checks every kind gets in ``test_distributions.py``."""

    def test_log_from_normal(self, kind: str) -> None:
        d = EXAMPLES[kind]
        z = np.linspace(-5, 5, 41)
        np.testing.assert_allclose(d.log_from_normal(z), np.log(d.from_normal(z)), rtol=1e-12)

    def test_mean_against_quadrature(self, kind: str) -> None:
        d = EXAMPLES[kind]
        assert d.mean == pytest.approx(_quadrature_mean(d), rel=1e-8)


class TestSplitLogNormal:
    def test_equal_halves_are_a_lognormal(self) -> None:
        d = SplitLogNormal(mu=1.0, sigma_low=0.5, sigma_high=0.5)
        ref = stats.lognorm(s=0.5, scale=math.e)
        u = np.linspace(0.01, 0.99, 11)
        np.testing.assert_allclose(d.ppf(u), ref.ppf(u), rtol=1e-12)
        assert d.mean == pytest.approx(ref.mean(), rel=1e-12)

    def test_interval_and_median_as_given(self) -> None:
        d = split_lognormal(15.0, 20.0, 25.0, level=0.8)
        assert d.interval(0.8) == pytest.approx((15.0, 25.0), rel=1e-12)
        assert d.median == pytest.approx(20.0, rel=1e-12)
        assert d.support == (0.0, math.inf)

    def test_halves_hold_half_the_mass(self) -> None:
        d = split_lognormal(15.0, 20.0, 25.0)
        assert float(d.cdf(20.0)) == pytest.approx(0.5, abs=1e-15)
        assert float(d.cdf(0.0)) == 0.0


class TestExceedance:
    def test_above_is_a_generalised_pareto(self) -> None:
        # bound * (1 + scale * Y) with Y ~ GPD(shape, scale 1) is GPD(shape, loc=bound,
        # scale=bound * scale).
        d = exceedance(1000.0, scale=0.05, shape=0.4)
        ref = stats.genpareto(c=0.4, loc=1000.0, scale=50.0)
        u = np.linspace(0.0, 0.99, 12)
        np.testing.assert_allclose(d.ppf(u), ref.ppf(u), rtol=1e-12)
        x = np.linspace(900.0, 3000.0, 22)
        np.testing.assert_allclose(d.cdf(x), ref.cdf(x), atol=1e-14)
        assert d.mean == pytest.approx(ref.mean(), rel=1e-12)

    def test_exponential_limit(self) -> None:
        d = exceedance(10.0, scale=0.1, shape=0.0)
        assert d.mean == pytest.approx(11.0, rel=1e-14)  # 10 * (1 + 0.1 * E[Y]), E[Y] = 1
        assert d.median == pytest.approx(10.0 * (1.0 + 0.1 * math.log(2.0)), rel=1e-14)

    def test_below_is_the_reciprocal(self) -> None:
        d = exceedance(1000.0, scale=0.05, shape=0.3, side="below")
        ref = stats.genpareto(c=0.3, scale=0.05)
        u = np.linspace(0.01, 1.0, 12)
        np.testing.assert_allclose(d.ppf(u), 1000.0 / (1.0 + ref.isf(u)), rtol=1e-12)

    @pytest.mark.parametrize("kind", ["above", "above-anchored", "below", "below-anchored"])
    def test_never_crosses_its_bound(self, kind: str) -> None:
        d = EXAMPLES[kind]
        assert isinstance(d, Exceedance)
        draws = d.from_normal(np.linspace(-8.0, 8.0, 1601))
        if d.side == "above":
            assert np.all(draws >= d.bound)
            assert d.support[0] == d.bound
        else:
            assert np.all((draws > 0) & (draws <= d.bound))
            assert d.support[1] == d.bound

    def test_anchor_lifts_the_tail_not_the_bound(self) -> None:
        # Without the anchor "more than 1,100" is narrow; the anchor (the reading of
        # "more than 1,000") lifts every quantile to at least its own.
        anchored = EXAMPLES["above-anchored"]
        alone = exceedance(1100.0, scale=0.03, shape=0.4)
        anchor = exceedance(1000.0, scale=0.06, shape=0.4)
        u = np.linspace(0.0, 0.999, 1000)
        np.testing.assert_allclose(
            anchored.ppf(u), np.maximum(alone.ppf(u), anchor.ppf(u)), rtol=1e-14
        )
        assert anchored.quantile(0.0) == 1100.0

    def test_scales_with_its_bound(self) -> None:
        d = EXAMPLES["above-anchored"]
        assert isinstance(d, Exceedance)
        big = Exceedance(
            bound=d.bound * 7.0,
            scale=d.scale,
            shape=d.shape,
            anchors=tuple((p * 7.0, s) for p, s in d.anchors),
        )
        u = np.linspace(0.0, 0.99, 34)
        np.testing.assert_allclose(big.ppf(u), 7.0 * d.ppf(u), rtol=1e-13)


class TestBadInput:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: split_lognormal(20.0, 15.0, 25.0), "0 < low < median < high"),
            (lambda: split_lognormal(15.0, 20.0, math.inf), "high must be finite"),
            (lambda: SplitLogNormal(mu=0.0, sigma_low=0.0, sigma_high=1.0), "sigma_low must"),
            (lambda: exceedance(0.0, scale=0.1), "bound must be a finite number > 0, got 0.0"),
            (lambda: exceedance(10.0, scale=-0.1), "scale must be a finite number > 0"),
            (lambda: exceedance(10.0, scale=0.1, shape=1.0), r"shape must lie in \[0, 1\)"),
            (
                lambda: exceedance(10.0, scale=0.1, anchors=[(12.0, 0.1)]),
                "anchor point must lie between 0 and the bound 10.0",
            ),
            (
                lambda: exceedance(10.0, scale=0.1, side="below", anchors=[(8.0, 0.1)]),
                "anchor point must lie above the bound 10.0",
            ),
            (
                lambda: exceedance(10.0, scale=0.1, anchors=[(8.0, math.nan)]),
                "anchor scale must be",
            ),
        ],
    )
    def test_raises_value_error_naming_the_problem(self, make, message: str) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValueError, match=message):
            make()
