"""Distributions: exact cases, closed forms against sampling, JSON, input types, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import munitions_model as mm
from munitions_model.distributions import distribution_from_json, exceedance, split_lognormal

# One of each kind, with parameters a reader can check by hand.
EXAMPLES = {
    "point": mm.distributions.point(3.0),
    "uniform": mm.distributions.uniform(2.0, 6.0),
    "loguniform": mm.distributions.loguniform(1.0, 100.0),
    "normal": mm.distributions.normal(10.0, 20.0),
    "lognormal": mm.lognormal(900_000, 1_600_000),
    "triangular": mm.distributions.triangular(0.0, 1.0, 4.0),
    "pert": mm.distributions.pert(0.0, 1.0, 4.0),
    "empirical": mm.distributions.empirical([1.0, 2.0, 3.0, 4.0, 10.0]),
    "truncated": mm.distributions.truncated(mm.distributions.normal(0.0, 10.0), low=0.0),
    "mixture": mm.distributions.mixture(
        [mm.lognormal(4_000, 7_000), mm.lognormal(20_000, 35_000)], [0.4, 0.6]
    ),
    "split_lognormal": split_lognormal(15.0, 20.0, 25.0),
    "exceedance": exceedance(1100.0, scale=0.03, shape=0.4, anchors=[(1000.0, 0.06)]),
    "exceedance_below": exceedance(1000.0, 0.02, 0.3, side="below", anchors=[(1100.0, 0.2)]),
}
CONTINUOUS = [k for k in EXAMPLES if k not in ("point", "empirical")]


class TestExactCases:
    def test_lognormal_from_interval(self) -> None:
        # The median is the geometric mean of the 90% interval's ends: sqrt(9e5 * 1.6e6).
        d = mm.lognormal(900_000, 1_600_000)
        assert d.median == pytest.approx(1_200_000, rel=1e-12)
        assert d.interval(0.9) == pytest.approx((900_000, 1_600_000), rel=1e-12)

    def test_lognormal_other_level(self) -> None:
        d = mm.lognormal(10.0, 1000.0, level=0.5)
        assert d.interval(0.5) == pytest.approx((10.0, 1000.0), rel=1e-12)

    def test_normal_from_interval(self) -> None:
        # 90% of a normal lies within 1.6449 sd of the mean.
        d = mm.distributions.normal(10.0, 20.0)
        assert d.mean == 15.0
        assert d.sd == pytest.approx(5.0 / 1.6448536269514722, rel=1e-12)

    def test_uniform_quantiles(self) -> None:
        d = mm.distributions.uniform(2.0, 6.0)
        assert d.quantile(0.25) == 3.0
        assert d.mean == 4.0

    def test_loguniform_median_is_geometric_mean(self) -> None:
        assert mm.distributions.loguniform(1.0, 100.0).median == pytest.approx(10.0, rel=1e-12)

    def test_triangular_mode_and_mean(self) -> None:
        d = mm.distributions.triangular(0.0, 1.0, 4.0)
        # F(mode) = (c - a) / (b - a) = 1/4; the mean is (a + b + c) / 3.
        assert d.quantile(0.25) == pytest.approx(1.0)
        assert d.mean == pytest.approx(5.0 / 3.0)

    def test_pert_mean(self) -> None:
        # PERT mean (a + 4m + b) / 6 = (0 + 4 + 4) / 6.
        assert mm.distributions.pert(0.0, 1.0, 4.0).mean == pytest.approx(8.0 / 6.0)

    def test_empirical_is_the_step_distribution_of_the_sample(self) -> None:
        # The generalized inverse of the step CDF is numpy's "inverted_cdf" quantile.
        values = [1.0, 2.0, 3.0, 4.0, 10.0]
        d = mm.distributions.empirical(values)
        for q in (0.0, 0.1, 0.2, 0.5, 0.77, 1.0):
            assert d.quantile(q) == np.quantile(values, q, method="inverted_cdf")
        assert d.mean == np.mean(values)

    def test_point(self) -> None:
        d = mm.distributions.point(3.0)
        assert d.quantile(0.1) == d.quantile(0.9) == d.mean == 3.0

    def test_truncated_half_normal_mean(self) -> None:
        # A normal truncated at its mean is half-normal: mean + sd * sqrt(2 / pi).
        base = mm.distributions.normal(-10.0, 10.0)
        d = mm.distributions.truncated(base, low=0.0)
        assert d.mean == pytest.approx(base.sd * math.sqrt(2 / math.pi), rel=1e-12)
        assert d.support == (0.0, math.inf)

    def test_truncated_lognormal_mean_closed_form_vs_quadrature(self) -> None:
        # The lognormal closed form and adaptive quadrature of x f(x) (scipy) must agree.
        from scipy import integrate

        base = mm.lognormal(1.0, 10.0)
        d = mm.distributions.truncated(base, high=5.0)
        ref = stats.lognorm(s=base.sigma, scale=math.exp(base.mu))
        first, _ = integrate.quad(lambda x: x * ref.pdf(x), 0.0, 5.0, epsabs=0, epsrel=1e-12)
        assert d.mean == pytest.approx(first / ref.cdf(5.0), rel=1e-9)

    def test_mixture_cdf_is_weighted(self) -> None:
        d = mm.distributions.mixture(
            [mm.distributions.uniform(0.0, 1.0), mm.distributions.uniform(1.0, 3.0)], [0.5, 0.5]
        )
        # Half the mass on [0, 1]; x = 2 is the middle of the second component.
        assert d.cdf(2.0) == pytest.approx(0.75)
        assert d.quantile(0.75) == pytest.approx(2.0)
        assert d.mean == pytest.approx(0.5 * 0.5 + 0.5 * 2.0)


class TestAgainstScipy:
    """Published implementations as the reference for each closed form."""

    def test_lognormal(self) -> None:
        d = mm.distributions.LogNormal(mu=1.0, sigma=0.5)
        ref = stats.lognorm(s=0.5, scale=math.e)
        u = np.linspace(0.01, 0.99, 11)
        np.testing.assert_allclose(d.ppf(u), ref.ppf(u), rtol=1e-12)
        assert d.mean == pytest.approx(ref.mean(), rel=1e-12)

    def test_pert_is_scaled_beta(self) -> None:
        d = mm.distributions.pert(0.0, 1.0, 4.0)
        ref = stats.beta(2.0, 4.0, scale=4.0)  # alpha = 1 + 4 * 1/4, beta = 1 + 4 * 3/4
        u = np.linspace(0.01, 0.99, 11)
        np.testing.assert_allclose(d.ppf(u), ref.ppf(u), rtol=1e-10)

    def test_triangular(self) -> None:
        d = mm.distributions.triangular(0.0, 1.0, 4.0)
        ref = stats.triang(c=0.25, loc=0.0, scale=4.0)
        x = np.linspace(-1, 5, 13)
        np.testing.assert_allclose(d.cdf(x), ref.cdf(x), atol=1e-12)


@pytest.mark.parametrize("kind", list(EXAMPLES))
class TestEveryKind:
    def test_json_round_trip(self, kind: str) -> None:
        d = EXAMPLES[kind].with_unit("rounds")
        back = distribution_from_json(d.to_json())
        assert back == d
        assert back.unit == "rounds"

    def test_ppf_input_types(self, kind: str) -> None:
        d = EXAMPLES[kind]
        as_array = d.ppf(np.array([0.1, 0.5, 0.9]))
        np.testing.assert_array_equal(d.ppf([0.1, 0.5, 0.9]), as_array)
        assert d.ppf(0.5).shape == ()
        assert float(d.ppf(0.5)) == d.quantile(0.5)

    def test_quantiles_non_decreasing(self, kind: str) -> None:
        q = EXAMPLES[kind].ppf(np.linspace(0.0, 1.0, 201))
        assert np.all(np.diff(q) >= 0)

    def test_from_normal_is_ppf_of_phi(self, kind: str) -> None:
        d = EXAMPLES[kind]
        z = np.linspace(-3, 3, 61)
        # A mixture samples through its tabulated quantile function; between two regimes,
        # where it is steepest, linear interpolation is good to about 1e-7 (see
        # TestMixtureSampling for the guaranteed bound).
        rtol = 1e-6 if kind == "mixture" else 1e-9
        np.testing.assert_allclose(d.from_normal(z), d.ppf(stats.norm.cdf(z)), rtol=rtol)

    def test_sample_mean_matches_mean(self, kind: str) -> None:
        d = EXAMPLES[kind]
        draws = d.sample(200_000, seed=7)
        # Four standard errors of the sample mean.
        tolerance = 4 * draws.std() / math.sqrt(draws.size) + 1e-12
        assert abs(draws.mean() - d.mean) <= tolerance

    def test_ppf_rejects_probabilities_outside_unit_interval(self, kind: str) -> None:
        with pytest.raises(ValueError, match="u must lie in"):
            EXAMPLES[kind].ppf([0.5, 1.5])


@pytest.mark.parametrize("kind", CONTINUOUS)
def test_cdf_inverts_ppf(kind: str) -> None:
    d = EXAMPLES[kind]
    u = np.linspace(0.02, 0.98, 25)
    np.testing.assert_allclose(d.cdf(d.ppf(u)), u, atol=1e-9)


class TestMixtureSampling:
    def test_table_error_within_stated_bound(self) -> None:
        # Sampling interpolates the exact quantile function between nodes 12/65536 apart
        # in normal score; a draw must lie between the exact quantiles of its two nodes.
        d = EXAMPLES["mixture"]
        assert isinstance(d, mm.distributions.Mixture)
        z = np.random.default_rng(3).standard_normal(20_000)
        step = 12.0 / 65_536
        lo = d.ppf(stats.norm.cdf(z - step))
        hi = d.ppf(stats.norm.cdf(z + step))
        x = d.from_normal(z)
        assert np.all((x >= lo * (1 - 1e-12)) & (x <= hi * (1 + 1e-12)))

    def test_tails_beyond_table_are_exact(self) -> None:
        # Beyond the table the quantile is exact; above the median it is found from the
        # survival function (Phi(7.5) = 1 - 3.2e-14 keeps only two digits of the tail).
        d = EXAMPLES["mixture"]
        z = np.array([-7.0, 7.5])
        x = d.from_normal(z)
        assert x[0] == pytest.approx(float(d.ppf(stats.norm.cdf(-7.0))), rel=1e-12)
        assert float(d.sf(x[1])) == pytest.approx(stats.norm.sf(7.5), rel=1e-9)

    def test_log_from_normal(self) -> None:
        d = EXAMPLES["mixture"]
        z = np.linspace(-2, 2, 9)
        np.testing.assert_allclose(d.log_from_normal(z), np.log(d.from_normal(z)), rtol=1e-12)

    def test_atoms(self) -> None:
        # A point component makes a jump: half the draws must equal it exactly... or lie
        # within one table cell of it.
        d = mm.distributions.mixture(
            [mm.distributions.point(3.0), mm.distributions.uniform(1.0, 5.0)], [0.5, 0.5]
        )
        draws = d.sample(100_000, seed=1)
        share_at_three = np.mean(np.abs(draws - 3.0) < 1e-3)
        assert share_at_three == pytest.approx(0.5 + 0.5 * 2e-3 / 4.0, abs=0.01)


class TestBadInput:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: mm.lognormal(2.0, 1.0), "low=2.0, high=1.0"),
            (lambda: mm.lognormal(0.0, 1.0), "0 < low < high"),
            (lambda: mm.lognormal(1.0, 2.0, level=1.0), "level must lie strictly between"),
            (lambda: mm.lognormal(1.0, 2.0, level=0.0), "level must lie strictly between"),
            (lambda: mm.distributions.uniform(3.0, 3.0), "low must be below high"),
            (lambda: mm.distributions.uniform(0.0, math.nan), "high must be finite"),
            (lambda: mm.distributions.loguniform(-1.0, 3.0), "low must be positive"),
            (lambda: mm.distributions.point(math.inf), "value must be finite"),
            (lambda: mm.distributions.triangular(0.0, 5.0, 4.0), "mode must lie in"),
            (lambda: mm.distributions.pert(0.0, 1.0, 4.0, lam=0.0), "lam must be"),
            (lambda: mm.distributions.LogNormal(mu=0.0, sigma=0.0), "sigma must be"),
            (lambda: mm.distributions.Normal(mu=0.0, sd=-1.0), "sd must be"),
            (lambda: mm.distributions.mixture([]), "at least one component"),
            (
                lambda: mm.distributions.mixture(
                    [mm.distributions.point(1.0), mm.distributions.point(2.0)], [0.5, 0.6]
                ),
                "sum to 1",
            ),
            (
                lambda: mm.distributions.mixture([mm.distributions.point(1.0)], [0.5, 0.5]),
                "one entry per component",
            ),
            (
                lambda: mm.distributions.truncated(mm.distributions.uniform(0.0, 1.0), low=2.0),
                "no mass",
            ),
            (
                lambda: mm.distributions.truncated(mm.distributions.uniform(0.0, 1.0)),
                "needs low, high or both",
            ),
            (lambda: mm.distributions.empirical([1.0, math.nan]), "finite"),
        ],
    )
    def test_raises_value_error_naming_the_problem(self, make, message: str) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValueError, match=message):
            make()

    def test_quantile_outside_unit_interval(self) -> None:
        with pytest.raises(ValueError, match="q must lie in"):
            mm.distributions.uniform(0, 1).quantile(1.2)

    def test_extra_fields_forbidden(self) -> None:
        with pytest.raises(ValueError, match="extra"):
            distribution_from_json('{"kind": "point", "value": 1.0, "oops": 2}')


def test_lognormal_quantile_is_its_array_quantile_function_bit_for_bit() -> None:
    # LogNormal.quantile works on one Python float (the exact path's speed); it must give
    # exactly what the array quantile function gives, and where exp overflows below q = 1
    # (a finite quantile beyond float64) refuse it, as every distribution's quantile does.
    rng = np.random.default_rng(14)
    mus = [*rng.normal(0.0, 30.0, 300), 705.0, 709.0, -745.0]
    sigmas = [*rng.exponential(3.0, 300), 1.0, 5.0, 2.0]
    levels = [0.0, 1.0, 0.5, 1e-300, 1.0 - 2.0**-53, *rng.random(20)]
    overflowed = 0
    for mu, sigma in zip(mus, sigmas, strict=True):
        d = mm.distributions.LogNormal(mu=float(mu), sigma=float(sigma))
        expected = d.ppf(np.array(levels))
        for q, want in zip(levels, expected.tolist(), strict=True):
            if math.isinf(want) and q < 1.0:
                overflowed += 1
                with pytest.raises(mm.limits.FloatRangeError, match="beyond the largest"):
                    d.quantile(float(q))
            else:
                assert d.quantile(float(q)) == want
    assert overflowed > 0  # mu = 705 and 709 reach beyond float64 near q = 1


def test_equal_distributions_compare_equal_after_use() -> None:
    """Two equal distributions stay equal (and hash alike) once both have cached arrays of
    more than one value (an exceedance with an anchor caches its two lines); pydantic's
    own comparison raised ``ValueError`` on the arrays."""
    from munitions_model.distributions import Exceedance

    a, b = (Exceedance(bound=1000.0, scale=0.05, anchors=((500.0, 0.1),)) for _ in range(2))
    for d in (a, b):
        d.from_normal(np.zeros(3))
    assert a == b
    assert hash(a) == hash(b)
    assert a != Exceedance(bound=1000.0, scale=0.06, anchors=((500.0, 0.1),))
    assert a != Exceedance(bound=1000.0, scale=0.05, anchors=((500.0, 0.1),), unit="rounds")
