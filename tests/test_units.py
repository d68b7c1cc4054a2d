"""Tests for :mod:`munitions_model.units`: the unit table and conversions to base units."""

from __future__ import annotations

import doctest
import math

import pytest

from munitions_model import units
from munitions_model.units import (
    COUNT_UNITS,
    DAYS_PER_MONTH,
    DIMENSIONLESS_UNITS,
    MUNITION_UNITS,
    base_unit,
    compatible,
    is_rate,
    to_base_factor,
    validate_unit,
)


@pytest.mark.parametrize(
    ("unit", "factor", "base"),
    [
        ("rounds", 1.0, "rounds"),
        ("rounds/day", 1.0, "rounds/day"),
        # 24 hours in a day: a rate per hour is 24 times that per day.
        ("rounds/hour", 24.0, "rounds/day"),
        ("rounds/minute", 24.0 * 60.0, "rounds/day"),
        ("drones/second", 86400.0, "drones/day"),
        ("bombs/month", 1.0 / DAYS_PER_MONTH, "bombs/day"),
        ("rounds/piece/hour", 24.0, "rounds/piece/day"),
        ("hours", 1.0 / 24.0, "days"),
        ("months", DAYS_PER_MONTH, "days"),
        ("fraction", 1.0, "fraction"),
        ("ratio", 1.0, "ratio"),
        ("multiplier", 1.0, "multiplier"),
        ("tonnes/year", 1.0 / 365.25, "tonnes/day"),
        ("rounds/rail_car", 1.0, "rounds/rail_car"),
        ("rounds/battery", 1.0, "rounds/battery"),
    ],
)
def test_factor_and_base(unit: str, factor: float, base: str) -> None:
    assert math.isclose(to_base_factor(unit), factor, rel_tol=1e-15)
    assert base_unit(unit) == base


@pytest.mark.parametrize("unit", [*COUNT_UNITS, *DIMENSIONLESS_UNITS, "tonnes", "kg/round"])
def test_every_head_in_the_table_is_valid(unit: str) -> None:
    assert validate_unit(unit) == unit


@pytest.mark.parametrize(
    ("unit", "match"),
    [
        ("shells", "not known"),
        ("rounds/gun", "unknown denominator 'gun'"),
        ("rounds/day/hour", "more than one time"),
        ("days/day", "more than one time"),
        ("", "not known"),
    ],
)
def test_invalid_units_name_the_unit(unit: str, match: str) -> None:
    with pytest.raises(ValueError, match=match) as info:
        validate_unit(unit)
    assert repr(unit) in str(info.value)


@pytest.mark.parametrize(
    ("unit", "rate"),
    [("rounds/day", True), ("count/hour", True), ("rounds/piece", False), ("months", False)],
)
def test_is_rate(unit: str, rate: bool) -> None:
    assert is_rate(unit) is rate


@pytest.mark.parametrize(
    ("unit", "slot", "fits"),
    [
        ("count", "rounds", True),
        ("count", "fraction", True),  # a unitless number in a fraction slot is a fraction
        ("count/day", "rounds/day", True),
        ("count/hour", "rounds/day", True),
        ("count", "days", False),
        ("rockets", "rounds", True),  # the catalogue counts a rocket as one round
        ("rounds/month", "rockets/day", True),
        ("missiles", "rounds", False),
        ("drones/day", "rounds/day", False),
        ("fraction", "ratio", False),
        ("multiplier", "fraction", False),
        ("rounds", "rounds/day", False),
        ("tonnes", "rounds", False),
        (None, "rounds", True),
    ],
)
def test_compatible(unit: str | None, slot: str, fits: bool) -> None:
    assert compatible(unit, slot) is fits


def test_munitions_are_counts() -> None:
    assert set(MUNITION_UNITS) <= set(COUNT_UNITS)
    assert not set(DIMENSIONLESS_UNITS) & set(COUNT_UNITS)


def test_docstring_examples() -> None:
    result = doctest.testmod(units, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
