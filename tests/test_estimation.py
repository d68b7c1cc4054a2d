"""Estimation engine: reference values, agreement between methods, provenance, bad input."""

from __future__ import annotations

import json
import math
import sys
import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest
from numpy.typing import ArrayLike, NDArray
from scipy import stats

import munitions_model as mm

Z90 = stats.norm.ppf(0.95)  # 1.6449: half-width of a 90% interval in standard deviations

# The core issue's reference case. Both inputs are lognormal, so duration = stock / rate is
# lognormal with log-median ln(sqrt(9e5 * 1.6e6)) - ln(sqrt(8e3 * 2.5e4)) and log-sd
# sqrt(s1^2 + s2^2), s = ln(high / low) / (2 * 1.6449):
# median 1.2e6 / 14,142.1 = 84.85 days; 5th and 95th percentiles 44.82 and 160.64 days.
REFERENCE_STOCK = mm.lognormal(9e5, 1.6e6)
REFERENCE_RATE = mm.lognormal(8e3, 2.5e4)
REFERENCE_QUANTILES = {0.05: 44.82, 0.5: 84.85, 0.95: 160.64}


def _reference_sigma(rho: float = 0.0) -> float:
    s1 = math.log(1.6e6 / 9e5) / (2 * Z90)
    s2 = math.log(2.5e4 / 8e3) / (2 * Z90)
    return math.sqrt(s1**2 + s2**2 - 2 * rho * s1 * s2)


class TestReferenceValues:
    def test_analytic_within_half_a_percent(self) -> None:
        est = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE)
        assert est.method == "analytic"
        for q, value in REFERENCE_QUANTILES.items():
            assert est.quantile(q) == pytest.approx(value, rel=0.005)

    @pytest.mark.parametrize("method", ["mc", "qmc"])
    def test_sampling_within_two_percent(self, method: str) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK,
            burn_rate=REFERENCE_RATE,
            samples=1_000_000,
            seed=11,
            method=method,  # type: ignore[arg-type]
        )
        assert est.method == method
        for q, value in REFERENCE_QUANTILES.items():
            assert est.quantile(q) == pytest.approx(value, rel=0.02)

    def test_seed_burn_rate(self) -> None:
        # The core issue's acceptance range; 16,400/day is the seed's face value.
        est = mm.estimate_burn_rate(
            stock="more than one million artillery rounds",
            duration="around two months",
            samples=200_000,
            seed=1,
        )
        assert est.unit == "rounds/day"
        assert est.method == "mc"
        assert 15_000 <= est.median <= 23_000
        low, high = est.interval(0.9)
        assert low <= 16_400 <= high


class TestAgreementBetweenMethods:
    @pytest.mark.parametrize("rho", [-0.5, 0.5, 0.9])
    def test_correlated_lognormals(self, rho: float) -> None:
        exact = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, correlation=rho
        )
        assert exact.distribution is not None
        assert isinstance(exact.distribution, mm.distributions.LogNormal)
        # Var(log S - log R) = s1^2 + s2^2 - 2 rho s1 s2.
        assert exact.distribution.sigma == pytest.approx(_reference_sigma(rho), rel=1e-12)
        for method in ("mc", "qmc"):
            est = mm.estimate_duration(
                stock=REFERENCE_STOCK,
                burn_rate=REFERENCE_RATE,
                correlation=rho,
                method=method,  # type: ignore[arg-type]
                samples=400_000,
                seed=5,
            )
            for q in (0.05, 0.5, 0.95):
                assert est.quantile(q) == pytest.approx(exact.quantile(q), rel=0.02)

    def test_mixture_against_hand_written_numpy(self) -> None:
        # Two fire-rate regimes, sampled by hand: choose a regime, then draw from it.
        low_regime, high_regime = mm.lognormal(4_000, 7_000), mm.lognormal(20_000, 35_000)
        rate = mm.distributions.mixture([low_regime, high_regime], [0.4, 0.6])
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=rate, samples=400_000, seed=3, method="mc"
        )
        rng = np.random.default_rng(99)
        n = 400_000
        high = rng.random(n) < 0.6
        mu = np.where(high, high_regime.mu, low_regime.mu)
        sigma = np.where(high, high_regime.sigma, low_regime.sigma)
        by_hand = REFERENCE_STOCK.sample(n, seed=rng) / np.exp(mu + sigma * rng.standard_normal(n))
        for q in (0.05, 0.25, 0.5, 0.75, 0.95):
            assert est.quantile(q) == pytest.approx(np.quantile(by_hand, q), rel=0.02)

    def test_qmc_closer_than_mc_at_same_n(self) -> None:
        # Randomised QMC should beat MC on the median error at 2**14 points (on average
        # over a few seeds, so the comparison is not one lucky draw).
        exact = REFERENCE_QUANTILES[0.5]
        errors = {"mc": 0.0, "qmc": 0.0}
        for seed in range(8):
            for method in errors:
                est = mm.estimate_duration(
                    stock=REFERENCE_STOCK,
                    burn_rate=REFERENCE_RATE,
                    samples=2**14,
                    seed=seed,
                    method=method,  # type: ignore[arg-type]
                )
                errors[method] += abs(est.median - 84.8528)
        assert errors["qmc"] < errors["mc"]
        assert exact == pytest.approx(84.85)


class TestEstimateObject:
    def test_quantile_matches_numpy_on_samples(self) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, samples=10_001, seed=4, method="mc"
        )
        draws = est.draws
        for q in (0.0, 0.013, 0.05, 0.3, 0.5, 0.61, 0.95, 0.999, 1.0):
            assert est.quantile(q) == pytest.approx(np.quantile(draws, q), rel=1e-12)

    def test_natural_path_quantiles_match_numpy(self) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, production=1000.0, samples=5000, seed=4
        )
        for q in (0.05, 0.42, 0.5, 0.95):
            assert est.quantile(q) == np.quantile(est.draws, q)

    def test_probabilities(self) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, samples=10_000, seed=4, method="mc"
        )
        assert est.prob_above(90.0) == np.mean(est.draws > 90.0)
        assert est.prob_below(90.0) == np.mean(est.draws < 90.0)
        assert est.prob_above(-1.0) == 1.0
        exact = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE)
        assert exact.prob_above(exact.median) == pytest.approx(0.5)
        assert exact.prob_below(exact.median) == pytest.approx(0.5)

    def test_mean(self) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, samples=200_000, seed=4, method="mc"
        )
        assert est.mean == pytest.approx(float(np.mean(est.draws)), rel=1e-9)
        exact = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE)
        # Lognormal mean: median * exp(sigma^2 / 2).
        lognormal_mean = 84.8528 * math.exp(_reference_sigma() ** 2 / 2)
        assert exact.mean == pytest.approx(lognormal_mean, rel=1e-4)
        assert est.mean == pytest.approx(exact.mean, rel=0.01)

    def test_samples_read_only(self) -> None:
        est = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, seed=4)
        with pytest.raises(ValueError, match="read-only"):
            est.draws[0] = 1.0

    def test_summary_mentions_unit_and_method(self) -> None:
        est = mm.estimate_burn_rate(stock="about one million rounds", duration=60.0, seed=2)
        text = est.summary()
        assert "rounds/day" in text
        assert "90% interval" in text
        assert "seed=2" in text

    def test_infinite_durations_do_not_make_nan(self) -> None:
        # Production above the fire rate in some draws: the stock never runs out there.
        est = mm.estimate_duration(
            stock=1e6,
            burn_rate=mm.distributions.uniform(1000, 3000),
            production=2000.0,
            samples=1000,
            seed=1,
        )
        assert est.quantile(0.95) == math.inf
        assert not math.isnan(est.quantile(0.5))
        assert est.prob_above(1e12) == pytest.approx(0.5, abs=0.05)


class TestInputKinds:
    def test_phrase_claim_distribution_estimate_number(self) -> None:
        claim = mm.parse_claim("about 10,000 rounds a day")
        stock = mm.estimate_stock(burn_rate=claim, duration="around two months", seed=1)
        est = mm.estimate_duration(stock=stock, burn_rate=10_000, seed=1)
        kinds = [r.given for r in est.inputs]
        assert kinds == ["estimate", "number"]
        assert stock.inputs[0].given == "claim"
        assert stock.inputs[1].given == "phrase"
        # Stock = rate x duration, then duration = stock / the same rate: about two months.
        assert est.median == pytest.approx(2 * mm.units.DAYS_PER_MONTH, rel=0.05)

    def test_user_function_without_declaration(self) -> None:
        def doubled(x: ArrayLike) -> NDArray[np.float64]:
            return np.asarray(x, dtype=float) * 2

        est = mm.estimate(doubled, {"x": mm.distributions.uniform(1, 3)}, samples=1000, seed=1)
        assert est.unit is None
        assert est.median == pytest.approx(4.0, rel=0.05)

    def test_point_inputs_only(self) -> None:
        est = mm.estimate_duration(stock=1000.0, burn_rate=10.0, method="mc", samples=10, seed=1)
        # Sampled in log space: exp(log 1000 - log 10), exact to rounding.
        assert est.median == pytest.approx(100.0, rel=1e-14)
        assert mm.estimate_duration(stock=1000.0, burn_rate=10.0).median == pytest.approx(100.0)


class TestReproducibility:
    def test_same_seed_identical(self) -> None:
        kwargs = {"stock": "more than one million rounds", "duration": "around two months"}
        a = mm.estimate_burn_rate(**kwargs, samples=5000, seed=42)
        b = mm.estimate_burn_rate(**kwargs, samples=5000, seed=42)
        np.testing.assert_array_equal(a.draws, b.draws)
        c = mm.estimate_burn_rate(**kwargs, samples=5000, seed=43)
        assert not np.array_equal(a.draws, c.draws)

    def test_no_seed_records_entropy_that_reproduces(self) -> None:
        a = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, method="mc")
        assert a.seed is not None
        b = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, method="mc", seed=a.seed
        )
        np.testing.assert_array_equal(a.draws, b.draws)

    def test_generator_accepted(self) -> None:
        rng = np.random.default_rng(5)
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, method="mc", seed=rng, samples=100
        )
        # Four words drawn from the generator seed a sequence; the record reproduces it.
        again = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, method="mc", seed=est.seed, samples=100
        )
        np.testing.assert_array_equal(est.draws, again.draws)

    def test_qmc_rounds_up_to_power_of_two(self) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, method="qmc", samples=1000, seed=1
        )
        assert est.samples == 1024
        assert est.draws.size == 1024

    def test_remembered_input_draws_are_the_draws_made_afresh(self) -> None:
        """The engine keeps an input's draws by seed, draw count and row
        (``_engine.DrawMemo``); every estimate that reuses them must equal the same
        estimate made with nothing remembered, whatever ran before it: log-space plans
        with two inputs (two blocks of 2**16 at 100,000 draws), a natural-space plan with
        three, and the same stock in another row."""
        from munitions_model import _engine

        stock = "more than one million rounds"  # a generalised Pareto excess: remembered
        calls: list[tuple[Callable[..., mm.Estimate], dict[str, object]]] = [
            (mm.estimate_burn_rate, {"stock": stock, "duration": "around two months"}),
            (mm.estimate_burn_rate, {"stock": stock, "duration": "about 60 days"}),
            (mm.estimate_duration, {"stock": stock, "burn_rate": "up to 20,000 rounds a day"}),
            (
                mm.estimate_burn_rate,
                {"stock": stock, "duration": "around two months", "dud_fraction": "about half"},
            ),
            (mm.estimate_duration, {"stock": REFERENCE_STOCK, "burn_rate": "over 10,000 a day"}),
        ]
        _engine.MEMO.clear()
        remembered = [
            fn(**kwargs, samples=100_000, seed=7).draws for fn, kwargs in calls for _ in range(2)
        ]
        assert _engine.MEMO._kept  # something was kept
        for i, (fn, kwargs) in enumerate(calls):
            _engine.MEMO.clear()
            fresh = fn(**kwargs, samples=100_000, seed=7).draws
            np.testing.assert_array_equal(remembered[2 * i], fresh)
            np.testing.assert_array_equal(remembered[2 * i + 1], fresh)

    def test_estimates_made_the_same_way_are_equal(self) -> None:
        # Kept draws are arrays; equality is by how the estimate was made (pydantic's own
        # comparison raised ValueError on the arrays).
        kwargs = {"stock": "more than one million rounds", "burn_rate": 1e4, "samples": 1000}
        a, b = (mm.estimate_duration(**kwargs, seed=1) for _ in range(2))
        assert a.median == b.median  # both have kept, sorted draws now
        assert a == b
        assert hash(a) == hash(b)
        assert a != mm.estimate_duration(**kwargs, seed=2)


class TestProvenance:
    def test_to_dict_carries_the_trail(self) -> None:
        est = mm.estimate_burn_rate(
            stock=mm.Claim(
                value=1e6,
                qualifier="more_than",
                unit="rounds",
                phrase="more than one million artillery rounds",
                source=mm.Source(who="ROK NIS", when="2023-11-01"),
            ),
            duration="around two months",
            samples=1000,
            seed=8,
        )
        data = json.loads(json.dumps(est.to_dict()))
        assert data["method"] == "mc"
        assert data["samples"] == 1000
        assert data["seed"] == {"entropy": 8, "spawn_key": [], "pool_size": 4}
        stock, duration = data["inputs"]
        assert stock["source"]["who"] == "ROK NIS"
        assert stock["phrase"] == "more than one million artillery rounds"
        assert stock["interpretation"]["kind"] == "exceedance"
        assert stock["hedge_model"] == "reader-2015"
        assert duration["claim"]["qualifier"] == "about"
        assert data["summary"]["median"] == est.median

    def test_analytic_records_distribution(self) -> None:
        data = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE).to_dict()
        assert data["distribution"]["kind"] == "lognormal"


class TestBadInput:
    def test_zero_samples(self) -> None:
        with pytest.raises(ValueError, match="samples must be a positive integer, got 0"):
            mm.estimate_duration(stock=1e6, burn_rate=1e4, samples=0)

    def test_duration_where_stock_belongs(self) -> None:
        with pytest.raises(ValueError, match="stock_rounds expects rounds, got 'two months'"):
            mm.estimate_duration(stock="two months", burn_rate="10,000 rounds a day")

    def test_rate_where_duration_belongs(self) -> None:
        with pytest.raises(ValueError, match="duration_days expects days"):
            mm.estimate_burn_rate(stock=1e6, duration="about 10,000 rounds a day")

    @pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
    def test_bad_numbers(self, bad: float) -> None:
        with pytest.raises(ValueError, match="stock_rounds"):
            mm.estimate_duration(stock=bad, burn_rate=1e4, samples=10, seed=1)

    def test_zero_duration(self) -> None:
        with pytest.raises(ValueError, match="duration_days must be finite and > 0"):
            mm.estimate_burn_rate(stock=1e6, duration=0.0, samples=10, seed=1)

    def test_negative_support(self) -> None:
        with pytest.raises(ValueError, match="stock_rounds cannot be negative"):
            mm.estimate_duration(stock=mm.distributions.normal(-1e5, 1e6), burn_rate=1e4)

    def test_distribution_in_a_non_base_unit(self) -> None:
        # Values are taken as they are: a per-month rate read as per day would be 30.4375
        # times too large, so it is refused.
        per_month = mm.lognormal(1e5, 3e5, unit="rounds/month")
        with pytest.raises(ValueError, match=r"is in rounds/month; rescale it to rounds/day"):
            mm.estimate_duration(stock=1e6, burn_rate=per_month, seed=1)

    def test_fraction_above_one(self) -> None:
        with pytest.raises(ValueError, match="dud_fraction is a fraction"):
            mm.estimate_duration(
                stock=1e6, burn_rate=1e4, dud_fraction=mm.distributions.uniform(0.5, 1.5)
            )

    def test_unreadable_phrase(self) -> None:
        with pytest.raises(mm.ClaimParseError, match="gazillion"):
            mm.estimate_duration(stock="a gazillion rounds", burn_rate=1e4)

    def test_empty_phrase(self) -> None:
        with pytest.raises(ValueError, match="empty"):
            mm.estimate_duration(stock="", burn_rate=1e4)

    def test_unknown_method(self) -> None:
        with pytest.raises(ValueError, match="method must be"):
            mm.estimate_duration(stock=1e6, burn_rate=1e4, method="magic")  # type: ignore[arg-type]

    def test_analytic_when_it_does_not_apply(self) -> None:
        with pytest.raises(ValueError, match="does not apply: stock_rounds is exceedance"):
            mm.estimate_duration(
                stock="more than one million rounds", burn_rate=1e4, method="analytic"
            )

    @pytest.mark.parametrize(
        ("correlation", "message"),
        [
            (1.5, r"must lie in \[-1, 1\], got 1.5"),
            ({("stock_rounds", "nope"): 0.5}, "unknown input 'nope'"),
            ([[1.0, 0.5, 0.1], [0.5, 1.0, 0.0], [0.1, 0.0, 1.0]], "must be 2x2"),
        ],
    )
    def test_bad_correlation(self, correlation: object, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            mm.estimate_duration(
                stock=REFERENCE_STOCK,
                burn_rate=REFERENCE_RATE,
                correlation=correlation,  # type: ignore[arg-type]
            )

    def test_correlation_not_positive_semidefinite(self) -> None:
        def product(a: ArrayLike, b: ArrayLike, c: ArrayLike) -> NDArray[np.float64]:
            return np.asarray(a, dtype=float) * np.asarray(b) * np.asarray(c)

        inputs = {k: mm.distributions.uniform(1, 2) for k in "abc"}
        with pytest.raises(ValueError, match="not positive semi-definite"):
            mm.estimate(product, inputs, correlation=-0.9, samples=10, seed=1)

    def test_wrong_input_type(self) -> None:
        # A ValueError like every other bad input (issue 13: one kind of error for callers).
        with pytest.raises(ValueError, match="stock_rounds must be a phrase"):
            mm.estimate_duration(stock=[1, 2], burn_rate=1e4)

    def test_interval_level(self) -> None:
        est = mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE)
        with pytest.raises(ValueError, match=r"level must lie strictly between 0 and 1, got 1\.0"):
            est.interval(1.0)


# Chunked draws: 300,001 draws so that (n - 1) * q is a whole number for these q, where a
# quantile is one order statistic and must equal numpy's exactly.
WHOLE_Q = (0.0, 0.013, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1.0)


class TestChunked:
    def test_quantiles_exact_mean_and_probabilities(self) -> None:
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK,
            burn_rate=REFERENCE_RATE,
            samples=300_001,
            seed=5,
            method="mc",
            chunk=2**14,
            workers=2,
        )
        assert est.chunk == 2**14
        draws = est.draws  # all of them below 2**22 draws, made again
        assert draws.size == 300_001
        for q in WHOLE_Q:
            assert est.quantile(q) == np.quantile(draws, q)
        for q in (0.1234, 0.61):  # between two order statistics: numpy interpolates alike
            assert est.quantile(q) == pytest.approx(np.quantile(draws, q), rel=1e-12)
        assert est.mean == pytest.approx(float(np.mean(draws)), rel=1e-12)
        assert est.prob_above(90.0) == np.mean(draws > 90.0)
        assert est.prob_below(90.0) == np.mean(draws < 90.0)
        for q, value in REFERENCE_QUANTILES.items():  # and the model is right
            assert est.quantile(q) == pytest.approx(value, rel=0.02)

    def test_exact_when_the_pilot_misleads(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # A pilot of zeros puts every bracket at log(1 day), far below the draws, and at
        # most 5,000 draws may be collected per bracket: the search must sample and narrow
        # over several more passes (the chunks made again) and still be exact.
        from munitions_model import _engine, _select

        monkeypatch.setattr(_engine.ChunkedDraws, "first", lambda self, size: np.zeros(1000))
        monkeypatch.setattr(_select, "COLLECT_MAX", 5000)
        passes = []
        visit = _engine.ChunkedDraws.visit
        monkeypatch.setattr(
            _engine.ChunkedDraws, "visit", lambda self, fn: passes.append(1) or visit(self, fn)
        )
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK,
            burn_rate=REFERENCE_RATE,
            samples=300_001,
            seed=6,
            method="mc",
            chunk=2**15,
        )
        assert len(passes) > 2
        draws = est.draws
        for q in WHOLE_Q:
            assert est.quantile(q) == np.quantile(draws, q)

    def test_same_draws_for_any_number_of_threads(self) -> None:
        runs = [
            mm.estimate_duration(
                stock="more than one million rounds",
                burn_rate=mm.distributions.mixture(
                    [mm.lognormal(4e3, 7e3), mm.lognormal(2e4, 3.5e4)]
                ),
                samples=100_000,
                seed=9,
                chunk=2**13,
                correlation=0.5,
                workers=workers,
            )
            for workers in (1, 2, -1)
        ]
        for other in runs[1:]:
            np.testing.assert_array_equal(runs[0].draws, other.draws)
            assert other.to_dict()["summary"] == runs[0].to_dict()["summary"]

    def test_qmc_chunks_are_the_kept_points(self) -> None:
        # The same scrambled Sobol sequence, made 2**12 points at a time.
        kwargs = {"stock": REFERENCE_STOCK, "burn_rate": REFERENCE_RATE, "method": "qmc"}
        kept = mm.estimate_duration(**kwargs, samples=2**15, seed=2, correlation=-0.5)  # type: ignore[arg-type]
        chunked = mm.estimate_duration(
            **kwargs,  # type: ignore[arg-type]
            samples=2**15,
            seed=2,
            correlation=-0.5,
            chunk=2**12,
        )
        np.testing.assert_array_equal(kept.draws, chunked.draws)
        assert chunked.median == kept.median

    def test_natural_path_and_infinite_draws(self) -> None:
        # Production above the fire rate in some draws: the function is evaluated per chunk.
        est = mm.estimate_duration(
            stock=1e6,
            burn_rate=mm.distributions.uniform(1000, 3000),
            production=2000.0,
            samples=10_001,
            seed=1,
            chunk=1000,
        )
        draws = est.draws
        assert est.quantile(0.95) == math.inf
        for q in (0.05, 0.3, 0.5):
            assert est.quantile(q) == np.quantile(draws, q)
        assert est.prob_above(1e12) == np.mean(draws > 1e12)

    def test_nan_from_a_chunk_is_an_error(self) -> None:
        def sometimes_nan(x: ArrayLike) -> NDArray[np.float64]:
            x = np.asarray(x, dtype=float)
            return np.where(x > 2.9, np.nan, x)

        with pytest.raises(ValueError, match="sometimes_nan returned NaN for some draws"):
            mm.estimate(
                sometimes_nan,
                {"x": mm.distributions.uniform(1, 3)},
                samples=50_000,
                seed=1,
                chunk=4096,
            )

    def test_draws_thinned_above_the_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        estimate_module = sys.modules["munitions_model.estimation"]
        kwargs = {"stock": REFERENCE_STOCK, "burn_rate": REFERENCE_RATE, "samples": 10_000}
        everything = mm.estimate_duration(**kwargs, seed=3, method="mc", chunk=999).draws  # type: ignore[arg-type]
        monkeypatch.setattr(estimate_module, "_THINNED_MAX", 1000)
        thinned = mm.estimate_duration(**kwargs, seed=3, method="mc", chunk=999).draws  # type: ignore[arg-type]
        # Every 10th draw, ceil(10,000 / 1,000), counted across chunks.
        np.testing.assert_array_equal(thinned, everything[::10])

    def test_large_counts_are_chunked_automatically(self, monkeypatch: pytest.MonkeyPatch) -> None:
        estimate_module = sys.modules["munitions_model.estimation"]
        monkeypatch.setattr(estimate_module, "MAX_KEPT_DRAWS", 50_000)
        monkeypatch.setattr(estimate_module, "CHUNK_DRAWS", 2**12)
        kept = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, samples=50_000, seed=1, method="mc"
        )
        chunked = mm.estimate_duration(
            stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, samples=50_001, seed=1, method="mc"
        )
        assert kept.chunk is None
        assert chunked.chunk == 2**12
        assert chunked.to_dict()["chunk"] == 2**12
        assert "in chunks of 4,096" in chunked.summary()

    def test_memory_bounded(self) -> None:
        # 2**23 draws would take 64 MiB; made 2**16 at a time, the peak stays far below.
        n = 2**23
        tracemalloc.start()
        try:
            est = mm.estimate_duration(
                stock=REFERENCE_STOCK,
                burn_rate=REFERENCE_RATE,
                samples=n,
                seed=1,
                method="mc",
                chunk=2**16,
                workers=1,
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < n * 8 / 4
        assert est.median == pytest.approx(REFERENCE_QUANTILES[0.5], rel=0.005)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"chunk": 0}, "chunk must be a positive integer, got 0"),
            ({"chunk": 2.5}, "chunk must be a positive integer, got 2.5"),
            ({"workers": 0}, "workers must be a positive integer or -1, got 0"),
            ({"chunk": 1000, "method": "qmc"}, "chunk must be a power of two for method='qmc'"),
        ],
    )
    def test_bad_chunk_or_workers(self, kwargs: dict[str, object], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            mm.estimate_duration(stock=REFERENCE_STOCK, burn_rate=REFERENCE_RATE, **kwargs)  # type: ignore[arg-type]


class TestKeptDraws:
    def test_large_kept_quantiles_exact(self) -> None:
        # Above 2**18 kept draws the quantiles come from counting passes, not a sort.
        est = mm.estimate_duration(
            stock=REFERENCE_STOCK,
            burn_rate=mm.distributions.mixture(
                [mm.lognormal(4e3, 7e3), mm.lognormal(2e4, 3.5e4)], [0.4, 0.6]
            ),
            samples=600_001,
            seed=8,
            method="mc",
            correlation=0.3,
        )
        draws = est.draws
        for q in WHOLE_Q:
            assert est.quantile(q) == np.quantile(draws, q)

    def test_one_stream_worked_in_logs(self) -> None:
        # Kept draws are the scores rng.standard_normal((2, n)) would give, mapped to logs
        # and combined there: "more than" (a truncated lognormal) and "around" (a
        # lognormal) are both strictly positive, although a lognormal's support starts at 0.
        est = mm.estimate_burn_rate(
            stock="more than one million rounds",
            duration="around two months",
            samples=100_003,
            seed=1,
        )
        stock, duration = (r.interpretation for r in est.inputs)
        z = np.random.default_rng(1).standard_normal((2, 100_003))
        by_hand = np.exp(stock.log_from_normal(z[0]) - duration.log_from_normal(z[1]))
        np.testing.assert_array_equal(est.draws, by_hand)
