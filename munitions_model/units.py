"""Units and conversions to the base units of the library.

Base units: counts are counts (rounds, containers, transfers, pieces); time is **days**;
rates are **per day**. A unit is written as a count followed by ``/``-separated
denominators, e.g. ``"rounds"``, ``"months"``, ``"rounds/month"``, ``"rounds/piece/day"``.
Time units anywhere in the unit are converted to days; everything else is kept as stated.
Physical quantities of munitions and carriers (``kg``, ``m``, ``m3``, ``ft``, and per item,
e.g. ``kg/round``) are labels only: the library never converts between them.

The calendar lengths are the Julian-year conventions: a year is 365.25 days and a month is
a twelfth of that, 30.4375 days, so that "two months" is 60.875 days everywhere.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "COUNT_UNITS",
    "DAYS_PER_MONTH",
    "DAYS_PER_WEEK",
    "DAYS_PER_YEAR",
    "PHYSICAL_UNITS",
    "TIME_UNITS",
    "base_unit",
    "compatible",
    "to_base_factor",
    "validate_unit",
]

DAYS_PER_WEEK: Final = 7.0
DAYS_PER_YEAR: Final = 365.25
DAYS_PER_MONTH: Final = DAYS_PER_YEAR / 12.0  # 30.4375

#: Length of each time unit in days; plural forms are the canonical spelling.
TIME_UNITS: Final[dict[str, float]] = {
    "days": 1.0,
    "weeks": DAYS_PER_WEEK,
    "months": DAYS_PER_MONTH,
    "years": DAYS_PER_YEAR,
}
_TIME_SINGULAR: Final[dict[str, str]] = {
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}

#: Countable things. ``count`` is a plain number whose kind the slot it is used in decides;
#: ``fraction`` is a dimensionless share in [0, 1] (e.g. a dud fraction).
COUNT_UNITS: Final = (
    "rounds",
    "containers",
    "rail_cars",
    "trains",
    "transfers",
    "pieces",
    "count",
    "fraction",
)
#: Physical units of the munitions and carriers catalogue (mass, length, volume).
PHYSICAL_UNITS: Final = ("kg", "tonnes", "m", "m3", "ft")
_DENOMINATORS: Final = {"round", "container", "transfer", "piece", "box", "weapon"}


def _time_days(part: str) -> float | None:
    """Days in a time unit written singular or plural, or ``None`` if not a time unit."""
    if part in TIME_UNITS:
        return TIME_UNITS[part]
    if part in _TIME_SINGULAR:
        return TIME_UNITS[_TIME_SINGULAR[part]]
    return None


def validate_unit(unit: str) -> str:
    """Return ``unit`` if it is well formed, else raise ``ValueError`` naming it.

    A well-formed unit is a count, physical or time unit, optionally followed by ``/``
    denominators, each a singular count (``round``, ``container``, ``transfer``,
    ``piece``, ``box``, ``weapon``) or a singular time unit (``day``, ``week``, ``month``,
    ``year``).
    """
    parts = unit.split("/")
    head, denominators = parts[0], parts[1:]
    if head not in COUNT_UNITS and head not in TIME_UNITS and head not in PHYSICAL_UNITS:
        known = ", ".join((*COUNT_UNITS, *PHYSICAL_UNITS, *TIME_UNITS))
        raise ValueError(
            f"unit {unit!r} is not known; expected one of {known}, optionally per day/..."
        )
    times = 0
    for d in denominators:
        if d in _TIME_SINGULAR:
            times += 1
        elif d not in _DENOMINATORS:
            raise ValueError(f"unit {unit!r} has an unknown denominator {d!r}")
    if times > 1 or (head in TIME_UNITS and denominators):
        raise ValueError(f"unit {unit!r} has more than one time dimension")
    return unit


def to_base_factor(unit: str) -> float:
    """Factor that converts a value in ``unit`` to the base unit.

    Examples: ``months`` -> 30.4375 (days per month); ``rounds/month`` -> 1/30.4375
    (a rate per month divided by days per month is a rate per day); ``rounds`` -> 1.
    """
    validate_unit(unit)
    parts = unit.split("/")
    factor = _time_days(parts[0]) or 1.0
    for d in parts[1:]:
        days = _time_days(d)
        if days is not None:
            factor /= days
    return factor


def base_unit(unit: str) -> str:
    """The base unit of ``unit``: time becomes ``days`` and per-time becomes ``/day``."""
    validate_unit(unit)
    parts = unit.split("/")
    head = "days" if parts[0] in TIME_UNITS else parts[0]
    tail = ["day" if _time_days(d) is not None else d for d in parts[1:]]
    return "/".join([head, *tail])


def compatible(unit: str | None, slot_unit: str | None) -> bool:
    """Whether a value in ``unit`` may fill a slot that expects ``slot_unit``.

    ``None`` on either side means "unknown" and is always accepted. A plain ``count``
    fits any countable head (``rounds``, ``containers`` ...) with the same denominators.
    """
    if unit is None or slot_unit is None:
        return True
    have, want = base_unit(unit).split("/"), base_unit(slot_unit).split("/")
    if have[1:] != want[1:]:
        return False
    heads = {have[0], want[0]}
    return len(heads) == 1 or ("count" in heads and not heads & {"days", "fraction"})
