"""Sensitivity: tornado, elasticities, Sobol, wording, hedge model, sweeps (and executors)."""

from __future__ import annotations

import math
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from numpy.typing import ArrayLike, NDArray
from scipy import stats

import munitions_model as mm
from munitions_model.strategies import sorted_axes

Z90 = stats.norm.ppf(0.95)  # 1.6449: half-width of a 90% interval in standard deviations
MONTH = 30.4375
SEED_STOCK = "more than one million artillery rounds"
SEED_DURATION = "around two months"
# The closed forms below (_seed_stock_quantile ...) are those of the speaker reading.
GRANULARITY = mm.hedges.GRANULARITY_1

# The core issue's reference lognormals (tests/test_estimate.py): log-sds
# s = ln(high / low) / (2 * 1.6449).
REFERENCE_STOCK = mm.lognormal(9e5, 1.6e6)
REFERENCE_RATE = mm.lognormal(8e3, 2.5e4)
S_STOCK = math.log(1.6e6 / 9e5) / (2 * Z90)  # 0.1749
S_RATE = math.log(2.5e4 / 8e3) / (2 * Z90)  # 0.3464


def _seed_stock_quantile(q: float) -> float:
    """Quantile of "more than one million" by ``granularity-1``'s documented formula.

    x * exp(s |Z|) with s = ln(1 + g/x) / Phi^-1(0.9), so that 80% of the mass lies below
    the next scale point x + g (g = 500,000 for one million): the q-quantile of |Z| is
    Phi^-1((1 + q) / 2).
    """
    s = math.log(1.5) / stats.norm.ppf(0.9)
    return 1e6 * math.exp(s * stats.norm.ppf((1 + q) / 2))


def _seed_duration_quantile(q: float) -> float:
    """Quantile of "around two months" under ``granularity-1``: lognormal, median 60.875
    days, 90% interval
    [x / (1 + g/x), x (1 + g/x)] with g/x = 1 month / 2 months = 0.5."""
    sigma = math.log(1.5) / Z90
    return 2 * MONTH * math.exp(sigma * stats.norm.ppf(q))


class TestTornado:
    def test_seed_order_and_swings(self) -> None:
        # Burn rate = stock / duration. The stock's 5-95% range spans a factor
        # exp(s (Phi^-1(0.975) - Phi^-1(0.525))) = 1.82 on one side of one million; "around"
        # spans 1.5^2 = 2.25 around two months. So the duration hedge moves the burn rate
        # more than the stock hedge: duration first, stock second.
        t = mm.sensitivity.tornado(
            mm.implied_rounds_per_day,
            {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION},
            hedges=GRANULARITY,
        )
        assert t.ranking == ("duration_days", "stock_rounds")
        stock_median = _seed_stock_quantile(0.5)
        duration, stock = t.bars
        expected_stock_swing = (_seed_stock_quantile(0.95) - _seed_stock_quantile(0.05)) / (
            2 * MONTH
        )
        expected_duration_swing = stock_median * (
            1 / _seed_duration_quantile(0.05) - 1 / _seed_duration_quantile(0.95)
        )
        assert stock.swing == pytest.approx(expected_stock_swing, rel=1e-9)
        assert duration.swing == pytest.approx(expected_duration_swing, rel=1e-9)
        assert t.baseline == pytest.approx(stock_median / (2 * MONTH), rel=1e-12)
        # A longer duration means a lower burn rate.
        assert duration.output_at_high < t.baseline < duration.output_at_low
        assert stock.output_at_low < t.baseline < stock.output_at_high

    def test_seed_with_duds_third(self) -> None:
        # HUR's "half of them do not work" (about 0.5, granularity 0.1): 90% in
        # [0.5 / 1.2, 0.6], so the working-rate factor (1 - d) moves by 0.1833 while the
        # stock and duration bars keep their factor-1.8 and 2.25 ranges: duds come last.
        duds = mm.record.reported_figure("hur-duds-2024-02").claim
        t = mm.sensitivity.tornado(
            mm.implied_rounds_per_day,
            {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION, "dud_fraction": duds},
            hedges=GRANULARITY,
        )
        assert t.ranking == ("duration_days", "stock_rounds", "dud_fraction")
        rate_at_medians = _seed_stock_quantile(0.5) / (2 * MONTH)
        assert t.bars[2].swing == pytest.approx(rate_at_medians * (0.6 - 0.5 / 1.2), rel=1e-6)

    def test_numbers_do_not_swing(self) -> None:
        t = mm.sensitivity.tornado(
            mm.duration_days, {"stock_rounds": 1e6, "rounds_per_day": REFERENCE_RATE}
        )
        assert t.ranking == ("rounds_per_day", "stock_rounds")
        assert t.bars[1].swing == 0.0

    def test_user_function(self) -> None:
        def square(x: ArrayLike) -> NDArray[np.float64]:
            return np.asarray(x, dtype=float) ** 2

        t = mm.sensitivity.tornado(
            square, {"x": mm.distributions.uniform(1, 3)}, low=0.25, high=0.75
        )
        # Uniform quartiles 1.5 and 2.5: squares 2.25 and 6.25.
        assert t.bars[0].swing == pytest.approx(4.0)
        assert t.unit is None

    @pytest.mark.parametrize(("low", "high"), [(0.0, 0.9), (0.5, 0.5), (0.9, 0.1), (0.1, 1.0)])
    def test_bad_levels(self, low: float, high: float) -> None:
        with pytest.raises(ValueError, match=r"low|high"):
            mm.sensitivity.tornado(
                mm.duration_days, {"stock_rounds": 1e6, "rounds_per_day": 1e4}, low, high
            )


class TestElasticities:
    def test_declared_exponents(self) -> None:
        e = mm.sensitivity.elasticities(
            mm.duration_days, {"stock_rounds": 1e6, "rounds_per_day": 1e4}
        )
        assert e.values == {"stock_rounds": 1.0, "rounds_per_day": -1.0}
        assert e.exact
        assert e.output == 100.0

    def test_defaults_keep_exponents_valid(self) -> None:
        e = mm.sensitivity.elasticities(
            mm.duration_days, {"stock_rounds": 1e6, "rounds_per_day": 1e4, "dud_fraction": 0.0}
        )
        assert e.values["dud_fraction"] == 0.0
        assert e.method["dud_fraction"] == "zero input"
        assert e.exact

    def test_numerical_matches_calculus(self) -> None:
        # duration = S (1 - d) / (r - p): elasticities 1, -r/(r - p), p/(r - p), -d/(1 - d).
        r, p, d = 1e4, 4e3, 0.3
        e = mm.sensitivity.elasticities(
            mm.duration_days,
            {
                "stock_rounds": 1e6,
                "rounds_per_day": r,
                "production_rounds_per_day": p,
                "dud_fraction": d,
            },
        )
        assert not e.exact
        assert e.values["stock_rounds"] == pytest.approx(1.0, rel=1e-8)
        assert e.values["rounds_per_day"] == pytest.approx(-r / (r - p), rel=1e-8)
        assert e.values["production_rounds_per_day"] == pytest.approx(p / (r - p), rel=1e-8)
        assert e.values["dud_fraction"] == pytest.approx(-d / (1 - d), rel=1e-8)

    def test_backward_step_at_the_domain_edge(self) -> None:
        # d = 0.9999999: the forward step leaves [0, 1]; backward difference of a linear
        # factor (1 - d) is exact up to rounding: elasticity -d / (1 - d).
        d = 0.9999999
        e = mm.sensitivity.elasticities(
            mm.model.effective_stock, {"stock_rounds": 1e6, "dud_fraction": d}
        )
        assert e.values["dud_fraction"] == pytest.approx(-d / (1 - d), rel=1e-5)

    def test_phrases_at_their_median(self) -> None:
        e = mm.sensitivity.elasticities(
            mm.implied_rounds_per_day,
            {"stock_rounds": SEED_STOCK, "duration_days": 60.875},
            hedges=GRANULARITY,
        )
        assert e.at["stock_rounds"] == pytest.approx(_seed_stock_quantile(0.5), rel=1e-9)
        assert e.values == {"stock_rounds": 1.0, "duration_days": -1.0}

    def test_undefined_at_zero_output(self) -> None:
        with pytest.raises(ValueError, match="undefined"):
            mm.sensitivity.elasticities(
                mm.duration_days, {"stock_rounds": 0.0, "rounds_per_day": 1e4}
            )


@pytest.fixture(scope="module")
def log_scale() -> mm.sensitivity.SobolIndices:
    return mm.sensitivity.sobol(
        mm.duration_days,
        {"stock_rounds": REFERENCE_STOCK, "rounds_per_day": REFERENCE_RATE},
        seed=7,
    )


class TestSobol:
    def test_log_shares(self, log_scale: mm.sensitivity.SobolIndices) -> None:
        # log(duration) = log S - log R with independent normal logs: first- and total-order
        # indices of the log are both s_i^2 / (s_S^2 + s_R^2) = 0.2032 and 0.7968.
        total = S_STOCK**2 + S_RATE**2
        for name, s in (("stock_rounds", S_STOCK), ("rounds_per_day", S_RATE)):
            assert log_scale.first_order(name) == pytest.approx(s**2 / total, abs=0.03)
            assert log_scale.total_order(name) == pytest.approx(s**2 / total, abs=0.03)

    def test_intervals_bracket_the_estimates(self, log_scale: mm.sensitivity.SobolIndices) -> None:
        for i in log_scale.indices:
            assert i.first_order_low <= i.first_order <= i.first_order_high
            assert i.total_order_low <= i.total_order <= i.total_order_high
            assert i.first_order_high - i.first_order_low < 0.1
        # samples * (d + 2) evaluations of the function.
        assert log_scale.evaluations == 2**14 * 4

    def test_linear_scale_against_the_lognormal_formula(self) -> None:
        # Y = exp(m + X1 - X2), X_i ~ N(0, s_i^2): Var E[Y | X1] = E[Y]^2 (exp(s1^2) - 1) and
        # Var Y = E[Y]^2 (exp(s1^2 + s2^2) - 1), so S1 = (e^{s1^2} - 1) / (e^{s1^2+s2^2} - 1)
        # and the total index of X1 is 1 - S2.
        result = mm.sensitivity.sobol(
            mm.duration_days,
            {"stock_rounds": REFERENCE_STOCK, "rounds_per_day": REFERENCE_RATE},
            seed=3,
            scale="linear",
        )
        denominator = math.expm1(S_STOCK**2 + S_RATE**2)
        first = {
            "stock_rounds": math.expm1(S_STOCK**2) / denominator,
            "rounds_per_day": math.expm1(S_RATE**2) / denominator,
        }
        assert result.scale == "linear"
        for name, other in (("stock_rounds", "rounds_per_day"), ("rounds_per_day", "stock_rounds")):
            assert result.first_order(name) == pytest.approx(first[name], abs=0.03)
            assert result.total_order(name) == pytest.approx(1 - first[other], abs=0.03)

    def test_reproducible_and_fixed_inputs(self) -> None:
        inputs = {"stock_rounds": SEED_STOCK, "rounds_per_day": REFERENCE_RATE, "dud_fraction": 0.2}
        a = mm.sensitivity.sobol(mm.duration_days, inputs, samples=2**10, seed=5, resamples=50)
        b = mm.sensitivity.sobol(mm.duration_days, inputs, samples=2**10, seed=5, resamples=50)
        assert a == b
        assert a.fixed == ("dud_fraction",)
        assert [i.name for i in a.indices] == ["stock_rounds", "rounds_per_day"]
        with pytest.raises(ValueError, match="no Sobol index for 'dud_fraction'"):
            a.first_order("dud_fraction")

    def test_bad_input(self) -> None:
        inputs = {"stock_rounds": REFERENCE_STOCK, "rounds_per_day": REFERENCE_RATE}
        with pytest.raises(ValueError, match="power of two"):
            mm.sensitivity.sobol(mm.duration_days, inputs, samples=1000, seed=1)
        with pytest.raises(ValueError, match="at least one uncertain input"):
            mm.sensitivity.sobol(
                mm.duration_days, {"stock_rounds": 1e6, "rounds_per_day": 1e4}, seed=1
            )
        # Production above the fire rate in some draws: infinite durations have no log.
        with pytest.raises(ValueError, match="positive finite"):
            mm.sensitivity.sobol(
                mm.duration_days,
                {**inputs, "production_rounds_per_day": mm.distributions.uniform(5e3, 2e4)},
                samples=2**8,
                seed=1,
            )


class TestWording:
    def test_readings_of_two_months(self) -> None:
        w = mm.sensitivity.wording_sensitivity(SEED_DURATION)
        assert [r.wording for r in w.readings] == list(mm.sensitivity.DEFAULT_WORDINGS)
        assert [r.stated for r in w.readings] == [True, True, False, False, False, False]
        around, _, over, more, least, up_to = (r.reading for r in w.readings)
        assert around.median == pytest.approx(2 * MONTH)
        # "over" puts no mass at or below two months; "up to" puts its median lower.
        assert over.low > 2 * MONTH
        assert over == more == least
        assert up_to.median < around.median < over.median
        assert w.readings[2].phrase == "over 2 months"

    def test_pushed_through_the_burn_rate(self) -> None:
        w = mm.sensitivity.wording_sensitivity(
            SEED_DURATION,
            fn=mm.implied_rounds_per_day,
            slot="duration_days",
            inputs={"stock_rounds": SEED_STOCK},
            samples=20_000,
            seed=4,
        )
        outputs = [r.output for r in w.readings]
        assert all(o is not None and o.unit == "rounds/day" for o in outputs)
        rates = {r.wording: r.output.median for r in w.readings if r.output}
        # Same seed for every row: the same qualifier gives the same numbers exactly.
        assert rates["over"] == rates["more than"] == rates["at least"]
        assert rates["around"] == rates["approximately"]
        # A shorter reading of the duration implies a higher burn rate.
        assert rates["up to"] > rates["around"] > rates["over"]
        # The same under the speaker reading, pushed through with the same seed.
        speaker = {
            r.wording: r.alternative_output.median for r in w.readings if r.alternative_output
        }
        assert speaker["over"] == speaker["more than"] == speaker["at least"]
        assert speaker["up to"] > speaker["around"] > speaker["over"]

    def test_both_readings_side_by_side(self) -> None:
        w = mm.sensitivity.wording_sensitivity(SEED_DURATION)
        assert (w.hedge_model, w.alternative_model) == ("reader-2015", "granularity-1")
        around = w.readings[0]
        assert around.alternative_reading is not None
        # granularity-1 reads "around two months" as one month either side in ratio,
        # 60.875 / 1.5 to 60.875 * 1.5 days; readers read it narrower.
        assert around.alternative_reading.low == pytest.approx(2 * MONTH / 1.5, rel=1e-9)
        assert around.alternative_reading.high == pytest.approx(2 * MONTH * 1.5, rel=1e-9)
        assert around.alternative_reading.low < around.reading.low
        assert around.reading.high < around.alternative_reading.high
        # The other way round, and none at all.
        speaker = mm.sensitivity.wording_sensitivity(SEED_DURATION, hedges=GRANULARITY)
        assert speaker.alternative_model == "reader-2015"
        assert speaker.readings[0].reading == around.alternative_reading
        alone = mm.sensitivity.wording_sensitivity(SEED_DURATION, alternative=False)
        assert alone.alternative_model is None
        assert all(r.alternative_reading is None for r in alone.readings)

    def test_stated_qualifier_not_among_the_wordings(self) -> None:
        w = mm.sensitivity.wording_sensitivity("nearly two months", wordings={"around": "about"})
        assert [r.wording for r in w.readings] == ["as stated", "around"]
        assert w.readings[0].stated
        assert w.readings[0].qualifier == "nearly"

    def test_bad_input(self) -> None:
        with pytest.raises(ValueError, match="single number"):
            mm.sensitivity.wording_sensitivity("between 20000 and 60000 rounds a day")
        with pytest.raises(ValueError, match="fn and slot"):
            mm.sensitivity.wording_sensitivity(SEED_DURATION, fn=mm.implied_rounds_per_day)


class TestHedgeSensitivity:
    def test_seed_phrases_have_no_number_share(self) -> None:
        h = mm.sensitivity.hedge_sensitivity(
            mm.implied_rounds_per_day,
            {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION},
            models=8,
            samples=2**12,
            seed=2,
        )
        assert h.words == ("stock_rounds", "duration_days")
        assert h.numbers == ()
        assert h.from_numbers == 0.0
        assert 0.0 < h.from_hedge_model < 0.5
        assert h.from_hedge_model + h.from_words == pytest.approx(1.0, abs=1e-12)
        # At face value the seed is one number: 1,000,000 / 60.875 = 16,427.1 rounds/day.
        assert h.face_value.low == h.face_value.high == pytest.approx(16_427.1, abs=0.1)
        # The reader reading's ranges are its bootstrap ranges; "nearly" and "at most" do
        # not occur, so their parameters cannot move the answer.
        assert h.hedge_model == "reader-2015"
        assert h.ranges == mm.hedges.DEFAULT_HEDGE_RANGES
        swings = {p.parameter: p.swing for p in h.parameters}
        assert swings["nearly_scale"] == swings["below_scale"] == swings["below_shape"] == 0.0
        assert h.parameters[0].swing > 0
        # Beside it, the same draws read by the speaker reading.
        assert h.alternative_model == "granularity-1"
        assert h.alternative is not None
        assert h.alternative.median != h.hedged.median

    def test_numbers_only(self) -> None:
        h = mm.sensitivity.hedge_sensitivity(
            mm.duration_days,
            {"stock_rounds": REFERENCE_STOCK, "rounds_per_day": REFERENCE_RATE},
            models=4,
            samples=2**10,
            seed=1,
        )
        assert (h.from_hedge_model, h.from_words, h.from_numbers) == (0.0, 0.0, 1.0)

    def test_numbers_share_against_exact_variances(self) -> None:
        # log(duration) = log S - log R. "about one million" is centred on one million
        # whatever about_steps is, so E[log S | H] does not depend on H: no hedge-model
        # share. Under model m, Var log S = (ln(1 + k_m g/x) / 1.6449)^2 with g/x = 0.5, and
        # log R contributes S_RATE^2, so the numbers' share is
        # S_RATE^2 / (mean_m Var_m log S + S_RATE^2).
        steps = (0.5, 1.0, 2.0)
        models = [GRANULARITY.model_copy(update={"about_steps": k}) for k in steps]
        h = mm.sensitivity.hedge_sensitivity(
            mm.duration_days,
            {"stock_rounds": "about one million rounds", "rounds_per_day": REFERENCE_RATE},
            models=models,
            samples=2**15,
            seed=9,
        )
        words = np.mean([(math.log1p(k * 0.5) / Z90) ** 2 for k in steps])
        # Pick-freeze error ~ 1/sqrt(2^15) = 0.006 in the share: allow 4 of them.
        assert h.from_numbers == pytest.approx(S_RATE**2 / (words + S_RATE**2), abs=0.025)
        assert h.from_hedge_model == pytest.approx(0.0, abs=1e-3)

    def test_hedge_model_share_against_exact_variances(self) -> None:
        # "more than one million": log S = ln 1e6 + s_m |Z|, s_m = ln 1.5 / Phi^-1((1+p_m)/2),
        # with E|Z| = sqrt(2/pi) and Var|Z| = 1 - 2/pi. Two models (p = 0.6, 0.95), equally
        # likely: Var_H E[log S | H] = ((s_1 - s_2) sqrt(2/pi) / 2)^2.
        ps = (0.6, 0.95)
        models = [GRANULARITY.model_copy(update={"above_within_step": p}) for p in ps]
        s = [math.log(1.5) / stats.norm.ppf((1 + p) / 2) for p in ps]
        between = ((s[0] - s[1]) * math.sqrt(2 / math.pi) / 2) ** 2
        within = np.mean([x**2 for x in s]) * (1 - 2 / math.pi) + S_RATE**2
        h = mm.sensitivity.hedge_sensitivity(
            mm.duration_days,
            {"stock_rounds": SEED_STOCK, "rounds_per_day": REFERENCE_RATE},
            models=models,
            samples=2**15,
            seed=3,
        )
        assert h.variance == pytest.approx(between + within, rel=0.03)
        assert h.from_hedge_model == pytest.approx(between / (between + within), abs=0.01)

    def test_speaker_reading_as_baseline(self) -> None:
        # granularity-1 varies its own (judgement) ranges; reader-2015 is read beside it.
        h = mm.sensitivity.hedge_sensitivity(
            mm.implied_rounds_per_day,
            {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION},
            hedges=GRANULARITY,
            models=4,
            samples=2**10,
            seed=5,
        )
        assert h.hedge_model == "granularity-1"
        assert h.ranges == mm.hedges.GRANULARITY_HEDGE_RANGES
        assert h.alternative_model == "reader-2015"
        without = mm.sensitivity.hedge_sensitivity(
            mm.implied_rounds_per_day,
            {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION},
            hedges=GRANULARITY,
            alternative=False,
            models=4,
            samples=2**10,
            seed=5,
        )
        assert without.alternative is None
        assert without.hedged == h.hedged

    def test_reproducible(self) -> None:
        kwargs = {"models": 4, "samples": 2**10, "seed": 11}
        inputs = {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION}
        a = mm.sensitivity.hedge_sensitivity(mm.implied_rounds_per_day, inputs, **kwargs)  # type: ignore[arg-type]
        b = mm.sensitivity.hedge_sensitivity(mm.implied_rounds_per_day, inputs, **kwargs)  # type: ignore[arg-type]
        assert a == b

    @pytest.mark.parametrize(
        ("ranges", "message"),
        [
            ({"about_width": (0.5, 2.0)}, "not a numeric field of ReaderHedges"),
            ({"about_steps": (0.5, 2.0)}, "'about_steps', which is not a numeric field"),
            ({"about_halfwidth": (0.2, 0.1)}, "low < high"),
            ({"above_shape": (0.5, 1.2)}, "not valid"),
        ],
    )
    def test_bad_ranges(self, ranges: dict[str, tuple[float, float]], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            mm.sensitivity.hedge_sensitivity(
                mm.implied_rounds_per_day,
                {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION},
                ranges=ranges,
                seed=1,
            )


# -- sweeps ------------------------------------------------------------------------------------

GRID = {
    "stock_rounds": [5e5, 1e6, 1.5e6, 2e6, 3e6],
    "rounds_per_day": [5e3, 1e4, 2e4, 3e4],
}
DUDS = mm.distributions.uniform(0.2, 0.6)


def _sweep(**kwargs: object) -> mm.sensitivity.SweepResult:
    options: dict[str, object] = {"samples": 2000, "seed": 17} | kwargs
    return mm.sensitivity.sweep(mm.duration_days, GRID, {"dud_fraction": DUDS}, **options)  # type: ignore[arg-type]


class TestSweep:
    def test_each_point_is_the_estimate_with_the_same_seed(self) -> None:
        result = _sweep()
        assert result.shape == (5, 4)
        median = result.array(0.5)
        for i, stock in enumerate(GRID["stock_rounds"]):
            for j, rate in enumerate(GRID["rounds_per_day"]):
                est = mm.estimate(
                    mm.duration_days,
                    {"stock_rounds": stock, "rounds_per_day": rate, "dud_fraction": DUDS},
                    samples=2000,
                    seed=17,
                    method="mc",
                )
                assert median[i, j] == pytest.approx(est.median, rel=1e-12)
                assert result.array(0.05)[i, j] == pytest.approx(est.quantile(0.05), rel=1e-12)
                assert result.array("mean")[i, j] == pytest.approx(est.mean, rel=1e-12)

    def test_chunking_does_not_change_anything(self) -> None:
        whole = _sweep()
        assert _sweep(chunk_points=1) == whole
        assert _sweep(chunk_points=7) == whole
        streams = _sweep(common_random_numbers=False)
        assert _sweep(common_random_numbers=False, chunk_points=3) == streams
        assert streams.values != whole.values

    def test_process_pool(self) -> None:
        # Not fork: forking a process that runs threads (Dask, tqdm) is unsafe. forkserver
        # (Python 3.14's default on Linux) forks the workers from a clean server that
        # imported the package once, where spawn imports it again in each worker (about a
        # second each); spawn where there is no forkserver (Windows).
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["munitions_model.sensitivity"])
        else:
            context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            assert _sweep(executor=pool, chunk_points=3) == _sweep()
            streams = _sweep(executor=pool, chunk_points=6, common_random_numbers=False)
        assert streams == _sweep(common_random_numbers=False)

    def test_dask_local_cluster(self) -> None:
        distributed = pytest.importorskip("distributed")
        with (
            distributed.LocalCluster(
                n_workers=1,
                threads_per_worker=2,
                processes=False,
                dashboard_address=None,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            executor = client.get_executor()
            on_dask = _sweep(executor=executor, chunk_points=4)
            streams = _sweep(executor=executor, chunk_points=5, common_random_numbers=False)
        assert on_dask == _sweep()
        assert streams == _sweep(common_random_numbers=False)

    @settings(max_examples=60, deadline=None)
    @given(stocks=sorted_axes(1e4, 1e7), rates=sorted_axes(1e2, 1e5))
    def test_monotone_with_common_random_numbers(
        self, stocks: list[float], rates: list[float]
    ) -> None:
        # Duration rises with the stock and falls with the rate draw by draw; with the same
        # draws at every point, every quantile does too (exactly, no Monte Carlo noise).
        result = mm.sensitivity.sweep(
            mm.duration_days,
            {"stock_rounds": stocks, "rounds_per_day": rates},
            {"dud_fraction": DUDS},
            samples=200,
            seed=1,
        )
        for q in result.quantiles:
            grid = result.array(q)
            assert np.all(np.diff(grid, axis=0) >= 0)
            assert np.all(np.diff(grid, axis=1) <= 0)

    def test_progress_bar(self, capsys: pytest.CaptureFixture[str]) -> None:
        _sweep(progress=True, chunk_points=5)
        assert "sweep" in capsys.readouterr().err
        _sweep(progress=False, chunk_points=5)
        assert capsys.readouterr().err == ""

    def test_progress_without_tqdm(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "tqdm", None)
        with pytest.raises(ImportError, match="needs tqdm"):
            _sweep(progress=True)
        assert _sweep(progress=None) == _sweep()  # silently without a bar

    @pytest.mark.parametrize(
        ("grid", "message"),
        [
            ({}, "no points"),
            (
                {"stock_rounds": [], "rounds_per_day": [1e4]},
                "no points: the values of 'stock_rounds'",
            ),
            ({"stock_rounds": [1e6, math.nan], "rounds_per_day": [1e4]}, "finite"),
            ({"stock_rounds": [[1e6]], "rounds_per_day": [1e4]}, "one-dimensional"),
            ({"stock_rounds": [1e6], "dud_fraction": [0.1]}, "both in grid and in inputs"),
        ],
    )
    def test_bad_grid(self, grid: dict[str, list[float]], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            mm.sensitivity.sweep(mm.duration_days, grid, {"dud_fraction": DUDS}, samples=10, seed=1)

    def test_bad_options(self) -> None:
        with pytest.raises(ValueError, match="samples"):
            _sweep(samples=0)
        with pytest.raises(ValueError, match="seed"):
            _sweep(seed=-1)
        with pytest.raises(ValueError, match="quantiles"):
            _sweep(quantiles=(0.5, 1.5))
        with pytest.raises(ValueError, match="one of the swept quantiles"):
            _sweep().array(0.25)
