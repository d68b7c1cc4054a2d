"""Hedge model: the two readings, granularity, each qualifier's shape under the speaker
reading, overrides, and the seed's figures (the reader reading: ``test_reader_hedges.py``)."""

from __future__ import annotations

import math

import pytest

import munitions_model as mm
from munitions_model import Claim, interpret
from munitions_model.hedges import (
    DEFAULT_HEDGES,
    GRANULARITY_1,
    READER_2015,
    GranularityHedges,
    HedgeModel,
    ReaderHedges,
    granularity,
)

MONTH = 30.4375  # days: 365.25 / 12


def speaker(claim: Claim):  # type: ignore[no-untyped-def]
    """The claim read by granularity-1, the speaker (rounding) reading."""
    return interpret(claim, GRANULARITY_1)


class TestReadings:
    def test_default_is_the_reader_reading(self) -> None:
        assert DEFAULT_HEDGES is READER_2015
        assert (READER_2015.label, GRANULARITY_1.label) == ("reader-2015", "granularity-1")
        assert isinstance(READER_2015, HedgeModel)
        assert isinstance(GRANULARITY_1, HedgeModel)
        claim = mm.parse_claim("more than one million artillery rounds")
        assert interpret(claim) == interpret(claim, READER_2015)

    def test_estimates_record_the_reading(self) -> None:
        for hedges in (READER_2015, GRANULARITY_1):
            est = mm.estimate_burn_rate(
                stock="more than one million rounds", duration=60.0, hedges=hedges, seed=1
            )
            assert est.inputs[0].hedge_model == hedges.label

    def test_the_base_is_not_a_reading(self) -> None:
        with pytest.raises(ValueError, match="build ReaderHedges"):
            HedgeModel(name="mine", version="1")


@pytest.mark.parametrize(
    ("value", "step"),
    [
        (1_000_000, 500_000),  # one million sits on the 0.5 M scale (its second point)
        (2_000_000, 1_000_000),
        (1_500_000, 500_000),
        (2_700_000, 100_000),
        (2, 1),  # "two months": month granularity
        (10, 5),
        (12, 2),
        (16_400, 200),
        (60_000, 20_000),
        (5_000, 1_000),
        (0.5, 0.1),
        (1.37, 0.01),
    ],
)
def test_granularity(value: float, step: float) -> None:
    assert granularity(value) == pytest.approx(step)


def test_granularity_rejects_non_positive() -> None:
    with pytest.raises(ValueError, match="value must be a positive finite number, got -3"):
        granularity(-3)


class TestSeedFigures:
    """The core issue's acceptance figures, under the speaker reading."""

    def test_more_than_one_million(self) -> None:
        d = speaker(mm.parse_claim("more than one million artillery rounds"))
        assert d.unit == "rounds"
        assert d.quantile(0.05) >= 1_000_000
        assert 1_050_000 <= d.median <= 1_400_000
        assert d.quantile(0.95) <= 2_000_000
        # No mass at or below the stated number.
        assert float(d.cdf(1_000_000)) == 0.0

    def test_most_mass_below_next_scale_point(self) -> None:
        # Default: 80% below 1.0 M + one granularity step (0.5 M).
        d = speaker(Claim(value=1e6, qualifier="more_than", unit="rounds"))
        assert float(d.cdf(1_500_000)) == pytest.approx(0.8, abs=1e-12)

    def test_around_two_months(self) -> None:
        d = speaker(mm.parse_claim("around two months"))
        assert d.unit == "days"
        assert d.median == pytest.approx(2 * MONTH, rel=0.02)
        # A month-sized spread: the 90% interval spans about one month either side.
        lo, hi = d.interval(0.9)
        assert lo == pytest.approx(2 * MONTH / 1.5, rel=1e-9)
        assert hi == pytest.approx(2 * MONTH * 1.5, rel=1e-9)


class TestQualifierShapes:
    """granularity-1's documented shapes."""

    def test_exact_is_rounding_error(self) -> None:
        d = speaker(Claim(value=2.7e6, unit="rounds"))
        assert d.support == pytest.approx((2.65e6, 2.75e6))

    @pytest.mark.parametrize("qualifier", ["at_most", "less_than", "nearly"])
    def test_upper_bounds_hold(self, qualifier: str) -> None:
        d = speaker(Claim(value=60_000, qualifier=qualifier, unit="rounds/day"))  # type: ignore[arg-type]
        assert d.support[1] == 60_000
        assert d.quantile(1.0) <= 60_000

    @pytest.mark.parametrize("qualifier", ["more_than", "at_least"])
    def test_lower_bounds_hold(self, qualifier: str) -> None:
        d = speaker(Claim(value=10, qualifier=qualifier, unit="transfers"))  # type: ignore[arg-type]
        assert d.quantile(0.0) >= 10

    def test_nearly_is_just_below(self) -> None:
        # 90% within half a step (g = 1 M for 2 M) below the number.
        d = speaker(Claim(value=2e6, qualifier="nearly", unit="rounds"))
        assert float(d.cdf(1.5e6)) == pytest.approx(0.1, abs=1e-12)

    def test_up_to_sits_lower_than_less_than(self) -> None:
        up_to = speaker(Claim(value=60_000, qualifier="at_most", unit="rounds/day"))
        less = speaker(Claim(value=60_000, qualifier="less_than", unit="rounds/day"))
        assert up_to.median < less.median < 60_000

    def test_range_is_uniform(self) -> None:
        d = speaker(Claim(value=20_000, value_high=60_000, qualifier="range", unit="rounds/day"))
        assert d.support == (20_000, 60_000)
        assert d.median == pytest.approx(40_000)

    def test_vague_range_is_loguniform(self) -> None:
        c = Claim(value=2e5, value_high=9e5, qualifier="range", vague=True, unit="rounds")
        assert speaker(c).median == pytest.approx(math.sqrt(2e5 * 9e5))

    def test_rates_convert_to_per_day(self) -> None:
        per_month = speaker(Claim(value=250_000, qualifier="about", unit="rounds/month"))
        assert per_month.unit == "rounds/day"
        assert per_month.median == pytest.approx(250_000 / MONTH)

    def test_fraction_is_truncated_at_one(self) -> None:
        d = speaker(Claim(value=0.9, qualifier="about", unit="fraction"))
        assert d.support[1] <= 1.0

    def test_zero_with_a_lower_bound_has_no_scale(self) -> None:
        with pytest.raises(ValueError, match="more_than"):
            speaker(Claim(value=0, qualifier="more_than", unit="rounds"))


class TestOverride:
    def test_new_model_changes_spread_and_is_recorded(self) -> None:
        wide = GRANULARITY_1.model_copy(update={"name": "wide", "about_steps": 2.0})
        claim = mm.parse_claim("around two months")
        assert interpret(claim, wide).interval()[1] > speaker(claim).interval()[1]
        est = mm.estimate_burn_rate(stock=1e6, duration=claim, hedges=wide, seed=1)
        assert est.inputs[1].hedge_model == "wide-1"

    def test_reader_variant(self) -> None:
        narrow = READER_2015.model_copy(update={"name": "narrow", "about_halfwidth": 0.05})
        claim = mm.parse_claim("around two months")
        assert interpret(claim, narrow).interval()[1] < interpret(claim).interval()[1]
        assert narrow.label == "narrow-2015"

    def test_invalid_parameter_names_field(self) -> None:
        with pytest.raises(ValueError, match="above_within_step"):
            GranularityHedges(above_within_step=1.5)
        with pytest.raises(ValueError, match="above_shape"):
            ReaderHedges(above_shape=1.5)
        with pytest.raises(ValueError, match="about_steps"):
            ReaderHedges(about_steps=2.0)  # a granularity-1 field: not a reader parameter
