"""Core functions: small exact cases, input types, broadcasting, declared exponents, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

import munitions_model as mm

MONTH = 30.4375


class TestReferenceValues:
    def test_seed_face_value(self) -> None:
        # SEED.md: one million rounds over two months (60.875 days) is about 16,400 a day.
        rate = float(mm.implied_rounds_per_day(1_000_000, 2 * MONTH))
        assert rate == pytest.approx(16_427.1, abs=0.1)

    def test_rusi_2022_total_as_daily(self) -> None:
        # RUSI: some 12 million shells in 2022, noted in the data as about 32,900/day.
        assert pytest.approx(32_854, abs=1) == 12e6 / mm.units.DAYS_PER_YEAR


class TestExactCases:
    def test_duration(self) -> None:
        assert float(mm.duration_days(1000, 10)) == 100.0

    def test_duration_net_of_production(self) -> None:
        assert float(mm.duration_days(1000, 10, 5)) == 200.0

    def test_production_covering_fire_never_depletes(self) -> None:
        assert float(mm.duration_days(1000, 10, 10)) == math.inf
        assert float(mm.duration_days(1000, 0)) == math.inf

    def test_empty_stock_lasts_zero_days(self) -> None:
        assert float(mm.duration_days(0, 0)) == 0.0

    def test_duds(self) -> None:
        assert float(mm.model.effective_stock(1000, 0.25)) == 750.0
        assert float(mm.duration_days(1000, 10, dud_fraction=0.5)) == 50.0
        assert float(mm.implied_rounds_per_day(1000, 10, dud_fraction=0.5)) == 50.0

    def test_stock(self) -> None:
        assert float(mm.model.stock_rounds(16_000, 60)) == 960_000.0

    def test_tubes(self) -> None:
        # 5,000 pieces (RUSI) at 24 rounds per gun per day (Gros): 120,000 a day at most.
        assert float(mm.model.rounds_per_day_from_tubes(5000, 24)) == 120_000.0


class TestInputTypes:
    @pytest.mark.parametrize(
        "stock", [1000, 1000.0, [1000.0, 2000.0], np.array([1000.0, 2000.0]), np.float32(1000)]
    )
    def test_accepts_scalars_lists_arrays(self, stock: object) -> None:
        out = mm.duration_days(stock, 10)  # type: ignore[arg-type]
        assert isinstance(out, np.ndarray)
        assert out.dtype == np.float64
        np.testing.assert_allclose(out, np.asarray(stock, dtype=float) / 10)

    def test_broadcasts(self) -> None:
        stock = np.array([[1000.0], [2000.0]])
        rate = np.array([10.0, 20.0, 40.0])
        out = mm.duration_days(stock, rate)
        assert out.shape == (2, 3)
        np.testing.assert_allclose(out, stock / rate)

    def test_scalar_gives_zero_dimensional(self) -> None:
        assert mm.implied_rounds_per_day(1.0, 2.0).shape == ()


class TestExponents:
    @pytest.mark.parametrize(
        ("fn", "exponents"),
        [
            (mm.duration_days, {"stock_rounds": 1, "rounds_per_day": -1}),
            (mm.implied_rounds_per_day, {"stock_rounds": 1, "duration_days": -1}),
            (mm.model.stock_rounds, {"rounds_per_day": 1, "duration_days": 1}),
            (mm.model.rounds_per_day_from_tubes, {"tubes": 1, "rounds_per_tube_per_day": 1}),
        ],
    )
    def test_declared_exponents_match_the_function(self, fn, exponents) -> None:  # type: ignore[no-untyped-def]
        spec = mm.model.function_spec(fn)
        assert spec is not None
        assert dict(spec.exponents or {}) == exponents
        # Scaling each argument by 2 scales the output by 2 ** exponent.
        base = dict.fromkeys(exponents, 3.0)
        for name, a in exponents.items():
            scaled = dict(base, **{name: 6.0})
            assert float(fn(**scaled)) / float(fn(**base)) == pytest.approx(2.0**a)

    def test_effective_stock_is_not_a_power_law(self) -> None:
        spec = mm.model.function_spec(mm.model.effective_stock)
        assert spec is not None
        assert spec.exponents is None


class TestBadInput:
    @pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, -math.inf])
    def test_stock_rejected(self, bad: float) -> None:
        with pytest.raises(ValueError, match=f"stock_rounds must be finite and >= 0, got {bad}"):
            mm.duration_days([1000.0, bad], 10)

    def test_zero_duration(self) -> None:
        with pytest.raises(ValueError, match=r"duration_days must be finite and > 0, got 0\.0"):
            mm.implied_rounds_per_day(1000, 0)

    def test_negative_rate(self) -> None:
        with pytest.raises(ValueError, match="rounds_per_day"):
            mm.duration_days(1000, -5)

    def test_dud_fraction_above_one(self) -> None:
        with pytest.raises(ValueError, match=r"dud_fraction must lie in \[0, 1\], got 1\.5"):
            mm.model.effective_stock(1000, 1.5)

    def test_empty(self) -> None:
        with pytest.raises(ValueError, match="must not be empty"):
            mm.duration_days([], 10)

    def test_no_numpy_warnings_on_edge_values(self) -> None:
        # pytest runs with warnings as errors; division by zero must not warn.
        out = mm.duration_days([0.0, 5.0, 5.0], [0.0, 0.0, 1.0])
        np.testing.assert_array_equal(out, [0.0, math.inf, 5.0])
