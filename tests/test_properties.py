"""Hypothesis properties that keep the estimates self-consistent.

Monotonicity, scaling, inversion, interval nesting, reproducibility, unit round trips and
the hedge model's bounds. Strategies live in ``tests/strategies.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munitions_model as mm
from munitions_model.strategies import (
    CLAIM_UNITS,
    POINT_QUALIFIERS,
    durations_days,
    factors,
    lognormal_inputs,
    rates_per_day,
    seeds,
    stated_numbers,
    stocks_rounds,
)
from munitions_model.units import DAYS_PER_MONTH, to_base_factor

FAST = settings(max_examples=60, deadline=None)
ENGINE = settings(max_examples=20, deadline=None)


class TestCoreFunctions:
    @FAST
    @given(stocks_rounds(), stocks_rounds(), rates_per_day())
    def test_more_stock_never_shortens(self, a: float, b: float, rate: float) -> None:
        low, high = sorted((a, b))
        assert mm.duration_days(low, rate) <= mm.duration_days(high, rate)

    @FAST
    @given(stocks_rounds(), rates_per_day(), rates_per_day())
    def test_higher_rate_never_lengthens(self, stock: float, a: float, b: float) -> None:
        slow, fast = sorted((a, b))
        assert mm.duration_days(stock, fast) <= mm.duration_days(stock, slow)

    @FAST
    @given(stocks_rounds(), rates_per_day(), factors())
    def test_scaling_stock_and_rate_together(self, stock: float, rate: float, k: float) -> None:
        assert float(mm.duration_days(stock * k, rate * k)) == pytest.approx(
            float(mm.duration_days(stock, rate)), rel=1e-12
        )

    @FAST
    @given(stocks_rounds(), rates_per_day())
    def test_rate_and_duration_invert(self, stock: float, rate: float) -> None:
        days = mm.duration_days(stock, rate)
        assert float(mm.implied_rounds_per_day(stock, days)) == pytest.approx(rate, rel=1e-12)
        assert float(mm.model.stock_rounds(rate, days)) == pytest.approx(stock, rel=1e-12)

    @FAST
    @given(stocks_rounds(), durations_days())
    def test_duration_and_rate_invert(self, stock: float, days: float) -> None:
        rate = mm.implied_rounds_per_day(stock, days)
        assert float(mm.duration_days(stock, rate)) == pytest.approx(days, rel=1e-12)

    @FAST
    @given(stocks_rounds(), rates_per_day(), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
    def test_more_duds_never_lengthen(self, stock: float, rate: float, a: float, b: float) -> None:
        few, many = sorted((a, b))
        assert mm.duration_days(stock, rate, dud_fraction=many) <= mm.duration_days(
            stock, rate, dud_fraction=few
        )


class TestEngine:
    @ENGINE
    @given(lognormal_inputs(), lognormal_inputs(10.0, 1e6), factors(), seeds())
    def test_more_stock_never_shortens_any_quantile(
        self, stock: tuple[float, float], rate: tuple[float, float], k: float, seed: int
    ) -> None:
        # Same seed, same scores: every draw of the larger stock is larger.
        k = 1.0 + k
        opts = {"samples": 2000, "seed": seed, "method": "mc"}
        base = mm.estimate_duration(
            stock=mm.lognormal(*stock), burn_rate=mm.lognormal(*rate), **opts
        )  # type: ignore[arg-type]
        more = mm.estimate_duration(
            stock=mm.lognormal(stock[0] * k, stock[1] * k),
            burn_rate=mm.lognormal(*rate),
            **opts,  # type: ignore[arg-type]
        )
        for q in (0.05, 0.5, 0.95):
            assert more.quantile(q) >= base.quantile(q)

    @ENGINE
    @given(lognormal_inputs(), lognormal_inputs(10.0, 1e6), seeds())
    def test_intervals_nest(
        self, stock: tuple[float, float], rate: tuple[float, float], seed: int
    ) -> None:
        for method in ("mc", "analytic"):
            est = mm.estimate_duration(
                stock=mm.lognormal(*stock),
                burn_rate=mm.lognormal(*rate),
                samples=2000,
                seed=seed,
                method=method,  # type: ignore[arg-type]
            )
            lo50, hi50 = est.interval(0.5)
            lo90, hi90 = est.interval(0.9)
            assert lo90 <= lo50 <= est.median <= hi50 <= hi90

    @ENGINE
    @given(lognormal_inputs(), lognormal_inputs(10.0, 1e6), seeds(), st.sampled_from(["mc", "qmc"]))
    def test_same_seed_same_result(
        self, stock: tuple[float, float], rate: tuple[float, float], seed: int, method: str
    ) -> None:
        def run() -> mm.Estimate:
            return mm.estimate_duration(
                stock=mm.lognormal(*stock),
                burn_rate=mm.lognormal(*rate),
                samples=1000,
                seed=seed,
                method=method,  # type: ignore[arg-type]
                correlation=0.3,
            )

        np.testing.assert_array_equal(run().samples, run().samples)

    @ENGINE
    @given(lognormal_inputs(), lognormal_inputs(10.0, 1e6), factors(), seeds())
    def test_scaling_leaves_duration_unchanged(
        self, stock: tuple[float, float], rate: tuple[float, float], k: float, seed: int
    ) -> None:
        opts = {"samples": 1000, "seed": seed, "method": "mc"}
        base = mm.estimate_duration(
            stock=mm.lognormal(*stock), burn_rate=mm.lognormal(*rate), **opts
        )  # type: ignore[arg-type]
        scaled = mm.estimate_duration(
            stock=mm.lognormal(stock[0] * k, stock[1] * k),
            burn_rate=mm.lognormal(rate[0] * k, rate[1] * k),
            **opts,  # type: ignore[arg-type]
        )
        np.testing.assert_allclose(scaled.samples, base.samples, rtol=1e-9)


class TestUnits:
    @FAST
    @given(st.floats(1.0, 1e7), st.floats(1.01, 10.0))
    def test_rate_per_month_is_rate_per_day(self, low: float, ratio: float) -> None:
        per_month = mm.Claim(
            value=low, value_high=low * ratio, qualifier="range", unit="rounds/month"
        )
        per_day = mm.Claim(
            value=low / DAYS_PER_MONTH,
            value_high=low * ratio / DAYS_PER_MONTH,
            qualifier="range",
            unit="rounds/day",
        )
        a, b = mm.interpret(per_month), mm.interpret(per_day)
        assert a.unit == b.unit == "rounds/day"
        for q in (0.0, 0.3, 0.5, 1.0):
            assert a.quantile(q) == pytest.approx(b.quantile(q), rel=1e-12)

    @FAST
    @given(stated_numbers(), st.sampled_from(["day", "week", "month", "year"]))
    def test_phrase_rates_round_trip(self, value: float, period: str) -> None:
        claim = mm.parse_claim(f"about {value:f} rounds per {period}")
        median = mm.interpret(claim).median
        assert median * to_base_factor(f"{period}s") == pytest.approx(value, rel=1e-9)

    @FAST
    @given(st.sampled_from(["days", "weeks", "months", "years"]), st.floats(0.1, 100.0))
    def test_durations_in_days(self, unit: str, value: float) -> None:
        dist = mm.interpret(mm.Claim(value=value, qualifier="about", unit=unit))
        assert dist.unit == "days"
        assert dist.median == pytest.approx(value * to_base_factor(unit), rel=1e-12)


class TestHedgeModelBounds:
    """The speaker reading's documented shapes (the reader reading's properties are in
    ``tests/test_reader_hedges.py``)."""

    @FAST
    @given(stated_numbers(), st.sampled_from(POINT_QUALIFIERS), st.sampled_from(CLAIM_UNITS))
    def test_interpret_respects_qualifier(self, value: float, qualifier: str, unit: str) -> None:
        claim = mm.Claim(value=value, qualifier=qualifier, unit=unit)  # type: ignore[arg-type]
        dist = mm.interpret(claim, mm.hedges.GRANULARITY_1)
        x = value * to_base_factor(unit)
        g = mm.hedges.granularity(value) * to_base_factor(unit)
        low, high = dist.support
        ends = dist.ppf([0.0, 1.0])
        rel = 1e-12
        if qualifier in ("more_than", "at_least"):
            assert low >= x * (1 - rel)
            assert ends[0] >= x * (1 - rel)
            assert float(dist.cdf(x + g)) == pytest.approx(0.8, abs=1e-9)
        elif qualifier in ("less_than", "at_most", "nearly"):
            assert high <= x * (1 + rel)
            assert ends[1] <= x * (1 + rel)
        elif qualifier == "exact":
            assert low == pytest.approx(x - g / 2, rel=rel)
            assert high == pytest.approx(x + g / 2, rel=rel)
        else:  # about: centred (in ratio) on the stated number
            assert dist.median == pytest.approx(x, rel=1e-9)
        assert low >= 0.0
        assert not math.isnan(dist.mean)

    @FAST
    @given(stated_numbers(), st.floats(1.01, 50.0), st.booleans())
    def test_ranges_stay_in_range(self, low: float, ratio: float, vague: bool) -> None:
        claim = mm.Claim(
            value=low, value_high=low * ratio, qualifier="range", vague=vague, unit="rounds"
        )
        q = mm.interpret(claim).ppf(np.linspace(0, 1, 11))
        assert q[0] == pytest.approx(low)
        assert q[-1] == pytest.approx(low * ratio)
