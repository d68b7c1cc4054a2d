"""Units and conversions to the base units of the library.

Base units: counts are counts (rounds, containers, transfers, pieces ...); time is
**days**; rates are **per day**. A unit is written as a head followed by ``/``-separated
denominators, e.g. ``"rounds"``, ``"months"``, ``"rounds/month"``, ``"rounds/piece/day"``.
Time units anywhere in the unit are converted to days; everything else is kept as stated.

The calendar lengths are the Julian-year conventions: a year is 365.25 days and a month is
a twelfth of that, 30.4375 days, so that "two months" is 60.875 days everywhere.

Unit table
----------
=====================  ==========================================================  =========
head                   what it counts                                              base
=====================  ==========================================================  =========
``rounds``             artillery and tank rounds, shells, projectiles, shots        rounds
``rockets``            unguided rockets (MLRS, Grad, Qassam); fit a ``rounds``      rockets
                       slot: the catalogue counts a rocket as one round
``missiles``           guided missiles (ballistic, cruise, air defence)             missiles
``bombs``              aerial bombs, glide bombs                                    bombs
``drones``             one-way attack drones (Shahed-type), loitering munitions     drones
``mines``              land and sea mines                                           mines
``containers``         shipping containers                                          containers
``rail_cars``          rail cars, wagons, boxcars, carriages                        rail_cars
``trains``             whole trains                                                 trains
``transfers``          shipments, deliveries, consignments                          transfers
``pieces``             guns, howitzers, tubes, launchers (one weapon each)          pieces
``batteries``          batteries of guns or launchers (several pieces each)         batteries
``count``              a plain number whose kind the slot it fills decides          count
``fraction``           a share in [0, 1]: "half", "a fifth", "30%"                  fraction
``ratio``              one quantity per another: "7:1" is 7, "1 to 10" is 0.1       ratio
``multiplier``         a change by a factor: "threefold", "double", "ten times"     multiplier
``tonnes``             metric tonnes of cargo (labels only, never converted)        tonnes
``kg`` ``m`` ``m3``    physical sizes of munitions and carriers (labels only)       as stated
``ft``
``days`` ``weeks``     durations                                                    days
``months`` ``years``
``hours`` ``minutes``
``seconds``
=====================  ==========================================================  =========

Denominators are the singular of a count head (``round``, ``rocket``, ``piece``,
``rail_car`` ..., plus ``box`` and ``weapon``) or of a time unit (``day``, ``week``,
``month``, ``year``, ``hour``, ``minute``, ``second``); at most one of them is a time.
``rounds/hour`` is a rate: its factor to the base unit ``rounds/day`` is 24.

Fractions, ratios and multipliers are dimensionless but not interchangeable: a fraction is
a part of a whole (at most 1), a ratio compares two quantities of the same kind, a
multiplier says how a quantity changed. None of them fits a slot that expects a count.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "COUNT_UNITS",
    "DAYS_PER_MONTH",
    "DAYS_PER_WEEK",
    "DAYS_PER_YEAR",
    "DIMENSIONLESS_UNITS",
    "MUNITION_UNITS",
    "PHYSICAL_UNITS",
    "TIME_UNITS",
    "base_unit",
    "compatible",
    "is_rate",
    "to_base_factor",
    "validate_unit",
]

#: Days in a week.
DAYS_PER_WEEK: Final = 7.0
#: Days in a (Julian) year.
DAYS_PER_YEAR: Final = 365.25
#: Days in a month: a twelfth of a Julian year, 30.4375.
DAYS_PER_MONTH: Final = DAYS_PER_YEAR / 12.0  # 30.4375

#: Length of each time unit in days; plural forms are the canonical spelling.
TIME_UNITS: Final[dict[str, float]] = {
    "days": 1.0,
    "weeks": DAYS_PER_WEEK,
    "months": DAYS_PER_MONTH,
    "years": DAYS_PER_YEAR,
    "hours": 1.0 / 24.0,
    "minutes": 1.0 / (24.0 * 60.0),
    "seconds": 1.0 / (24.0 * 60.0 * 60.0),
}
_TIME_SINGULAR: Final[dict[str, str]] = {
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "hour": "hours",
    "minute": "minutes",
    "second": "seconds",
}

#: Munitions counted one by one; each is its own unit (a missile is not a shell).
MUNITION_UNITS: Final = ("rounds", "rockets", "missiles", "bombs", "drones", "mines")
#: Countable things. ``count`` is a plain number whose kind the slot it is used in decides.
COUNT_UNITS: Final = (
    *MUNITION_UNITS,
    "containers",
    "rail_cars",
    "trains",
    "transfers",
    "pieces",
    "batteries",
    "count",
)
#: Dimensionless numbers: a share of a whole, a comparison, a change by a factor.
DIMENSIONLESS_UNITS: Final = ("fraction", "ratio", "multiplier")
#: Physical units (mass, length, volume): labels only, never converted.
PHYSICAL_UNITS: Final = ("kg", "tonnes", "m", "m3", "ft")

_SINGULAR: Final[dict[str, str]] = {
    "batteries": "battery",
    **{u: u.removesuffix("s") for u in COUNT_UNITS if u not in {"count", "batteries"}},
}
_DENOMINATORS: Final = frozenset({*_SINGULAR.values(), "box", "weapon"})
#: Heads that fill a slot of another head: a rocket is one round of a rocket launcher.
_FITS: Final[dict[str, str]] = {"rockets": "rounds"}


def _time_days(part: str) -> float | None:
    """Days in a time unit written singular or plural, or ``None`` if not a time unit."""
    if part in TIME_UNITS:
        return TIME_UNITS[part]
    if part in _TIME_SINGULAR:
        return TIME_UNITS[_TIME_SINGULAR[part]]
    return None


def validate_unit(unit: str) -> str:
    """Return ``unit`` if it is well formed, else raise ``ValueError`` naming it.

    A well-formed unit is a head from the unit table (a count, dimensionless, physical or
    time unit), optionally followed by ``/`` denominators, each the singular of a count
    (``round``, ``container``, ``piece``, ``rail_car`` ..., ``box``, ``weapon``) or a
    singular time unit (``day``, ``week``, ``month``, ``year``, ``hour``, ``minute``,
    ``second``), with at most one time among them.

    Parameters
    ----------
    unit : str
        The unit to check.

    Returns
    -------
    str
        ``unit`` itself.

    Raises
    ------
    ValueError
        If the unit is not well formed; the message names it.

    See Also
    --------
    base_unit : Its base unit.

    Examples
    --------
    >>> validate_unit("rounds/piece/day")
    'rounds/piece/day'
    """
    parts = unit.split("/")
    head, denominators = parts[0], parts[1:]
    heads = (*COUNT_UNITS, *DIMENSIONLESS_UNITS, *PHYSICAL_UNITS, *TIME_UNITS)
    if head not in heads:
        raise ValueError(
            f"unit {unit!r} is not known; expected one of {', '.join(heads)}, "
            "optionally per day/..."
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


def is_rate(unit: str) -> bool:
    """Return whether ``unit`` is per some time (``rounds/day``, ``bombs/month``, ``count/hour``).

    A rate counts per unit of time; a count with no time denominator is a total, even when
    a claim says over which period it was counted (see `munitions_model.claims.TimeScope`).

    Parameters
    ----------
    unit : str
        A well-formed unit.

    Returns
    -------
    bool
        ``True`` when it has a time denominator.

    See Also
    --------
    base_unit : Converts a rate to per day.

    Examples
    --------
    >>> is_rate("rounds/month"), is_rate("rounds"), is_rate("months")
    (True, False, False)
    """
    return any(_time_days(d) is not None for d in validate_unit(unit).split("/")[1:])


def to_base_factor(unit: str) -> float:
    """Return the factor that converts a value in ``unit`` to the base unit.

    ``months`` -> 30.4375 (days per month); ``rounds/month`` -> 1/30.4375 (a rate per month
    divided by days per month is a rate per day); ``rounds`` -> 1.

    Parameters
    ----------
    unit : str
        A well-formed unit.

    Returns
    -------
    float
        Multiply a value in ``unit`` by it to get the value in `base_unit` ``(unit)``.

    See Also
    --------
    base_unit : The unit converted to.

    Examples
    --------
    >>> to_base_factor("months"), to_base_factor("rounds")
    (30.4375, 1.0)
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
    """Return the base unit of ``unit``: time becomes ``days`` and per-time becomes ``/day``.

    >>> base_unit("rounds/hour"), base_unit("weeks"), base_unit("ratio")
    ('rounds/day', 'days', 'ratio')

    Parameters
    ----------
    unit : str
        A well-formed unit, e.g. ``"months"`` or ``"rounds/month"``.

    Returns
    -------
    str
        The base unit, e.g. ``"days"`` or ``"rounds/day"``.

    See Also
    --------
    to_base_factor : The factor that converts a value to it.

    Examples
    --------
    >>> base_unit("months"), base_unit("rounds/month"), base_unit("rounds")
    ('days', 'rounds/day', 'rounds')
    """
    validate_unit(unit)
    parts = unit.split("/")
    head = "days" if parts[0] in TIME_UNITS else parts[0]
    tail = ["day" if _time_days(d) is not None else d for d in parts[1:]]
    return "/".join([head, *tail])


def compatible(unit: str | None, slot_unit: str | None) -> bool:
    """Return whether a value in ``unit`` may fill a slot that expects ``slot_unit``.

    ``None`` on either side means "unknown" and is always accepted. A plain ``count`` (a
    number stated without a unit) fits any head that is not a time, with the same
    denominators: in a ``fraction`` slot it is a fraction, in a ``rounds/day`` slot a
    rate of rounds. ``rockets`` fit a ``rounds`` slot. Otherwise the heads must agree.

    >>> compatible("count/day", "rounds/day"), compatible("rockets", "rounds")
    (True, True)
    >>> compatible("count", "fraction"), compatible("count", "days")
    (True, False)
    >>> compatible("ratio", "fraction"), compatible("missiles", "rounds")
    (False, False)

    Parameters
    ----------
    unit : str or None
        The value's unit; ``None`` means unknown.
    slot_unit : str or None
        The unit the slot expects; ``None`` means unknown.

    Returns
    -------
    bool
        ``True`` when they agree after conversion to base units, when either is unknown, or
        when a plain ``count`` meets a countable head with the same denominators.

    See Also
    --------
    base_unit : What both sides are compared in.

    Examples
    --------
    >>> compatible("months", "days"), compatible("count", "rounds"), compatible("rounds", "days")
    (True, True, False)
    """
    if unit is None or slot_unit is None:
        return True
    have, want = base_unit(unit).split("/"), base_unit(slot_unit).split("/")
    if have[1:] != want[1:]:
        return False
    head, slot = _FITS.get(have[0], have[0]), _FITS.get(want[0], want[0])
    if head == slot:
        return True
    return "count" in {head, slot} and not {head, slot} & set(TIME_UNITS)
