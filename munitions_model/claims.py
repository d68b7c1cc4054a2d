"""Reported claims: a number as it was stated, with its qualifier, unit, item, time and source.

`Claim`, `TimeScope` and `Source` are frozen pydantic models validated once, at the
boundary. `parse_claim` turns a phrase such as ``"more than one million artillery
rounds"`` into a `Claim`, and `extract_claims` finds every claim in a paragraph; both live
in ``munitions_model._parser``.

A claim is a **rate** when its unit is per some time (``rounds/day``: see
:func:`munitions_model.units.is_rate`) and otherwise a **total**; its `TimeScope` says when
the total was counted or the rate held ("over one million this year" is a total *during*
this year, not a rate per year).
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from munitions_model.units import is_rate, validate_unit

__all__ = [
    "QUALIFIERS",
    "SCOPE_KINDS",
    "Claim",
    "ClaimParseError",
    "ExtractedClaim",
    "Qualifier",
    "ScopeKind",
    "Source",
    "TimeScope",
]

#: The qualifiers a claim may have (see the glossary's hedge words).
Qualifier = Literal[
    "about", "more_than", "at_least", "less_than", "at_most", "nearly", "range", "exact"
]
#: Every qualifier, in the order the docs present them.
QUALIFIERS: tuple[Qualifier, ...] = (
    "exact",
    "about",
    "more_than",
    "at_least",
    "less_than",
    "at_most",
    "nearly",
    "range",
)

#: The kinds of time scope: since a date, by a date, during a period, or a total.
ScopeKind = Literal["since", "by", "during", "total"]
#: Every kind of time scope (see `TimeScope`).
SCOPE_KINDS: tuple[ScopeKind, ...] = ("since", "by", "during", "total")

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class ClaimParseError(ValueError):
    """A phrase the parser cannot read; the message quotes the phrase and what was expected.

    See Also
    --------
    munitions_model.parse_claim : Raises it.

    Examples
    --------
    >>> import munitions_model as mm
    >>> try:
    ...     mm.parse_claim("no number here")
    ... except ClaimParseError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    ClaimParseError True
    """


def _finite_non_negative(value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"value must be a finite number >= 0, got {value!r}")
    return value


def _partial_date(value: str) -> str:
    if not _PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"a date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        date(*(*parts, 1, 1)[:3])
    except ValueError as exc:
        raise ValueError(f"a date must be a calendar date, got {value!r}: {exc}") from None
    return value


def _finite_positive(value: float) -> float:
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"length_days must be a finite number > 0, got {value!r}")
    return value


NonNegative = Annotated[float, AfterValidator(_finite_non_negative)]
PositiveDays = Annotated[float, AfterValidator(_finite_positive)]
PartialDate = Annotated[str, AfterValidator(_partial_date)]
Unit = Annotated[str, AfterValidator(validate_unit)]


class Source(BaseModel):
    """Who reported a figure, when, and where it can be read.

    Parameters
    ----------
    who : str
        The person or body the figure is attributed to.
    when : str, optional
        Date reported, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    url : str, optional
        Where the report can be read.
    note : str, optional
        Anything a reader needs to weigh the figure (translation, secondary source ...).

    See Also
    --------
    Claim : Carries one.

    Examples
    --------
    >>> Source(who="ROK NIS", when="2023-11-01").who
    'ROK NIS'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    who: str = Field(min_length=1)
    when: PartialDate | None = None
    url: str | None = None
    note: str | None = None


def first_day(partial: str) -> date:
    """The first day of a partial date: ``"2024"`` -> 2024-01-01, ``"2024-03"`` -> 2024-03-01.

    >>> first_day("2024-03")
    datetime.date(2024, 3, 1)
    """
    parts = [int(p) for p in _partial_date(partial).split("-")]
    year, month, day = (*parts, 1, 1)[:3]
    return date(year, month, day)


def last_day(partial: str) -> date:
    """The last day of a partial date: ``"2024"`` -> 2024-12-31, ``"2024-02"`` -> 2024-02-29.

    >>> last_day("2024-02")
    datetime.date(2024, 2, 29)
    """
    parts = [int(p) for p in _partial_date(partial).split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts[0], parts[1] if len(parts) == 2 else 12
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


class TimeScope(BaseModel):
    """When a reported figure holds: the period a total was counted over, or a rate held.

    A claim whose unit is per some time is a rate and the scope says when that rate held
    ("100,000 per month in 2025"); any other claim is a total and the scope says over
    which period it accumulated ("over 10,000 containers since September"). Dates are
    partial (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): a start means its first day, an end
    its last day, so ``during 2024`` runs from 2024-01-01 to 2024-12-31 and ``by 2025-03``
    means by 2025-03-31.

    Parameters
    ----------
    kind : {"since", "by", "during", "total"}
        ``since``: from ``start`` until the report ("since August 2023").
        ``by``: up to ``end`` ("by the end of 2024", "as of September").
        ``during``: from ``start`` to ``end`` ("in 2024", "in July and August", "over the
        past six months").
        ``total``: a cumulative total with no dates ("in total", "a total of").
    start, end : str, optional
        Partial dates bounding the period, as far as the words say. ``None`` for an end
        the kind leaves open, or when the words could not be dated (see ``resolved``).
    length_days : float, optional
        The period's length [days] when the words state one ("over two months",
        "in one hour", "over the past six months").
    text : str
        The words the scope was read from, e.g. ``"since August"``, ``"this year"``.
    resolved : bool
        Whether every date the words imply is in ``start``/``end``. Relative words ("this
        year", "last month", "since August" with no year) are resolved against the
        report date (``Source.when``); without one they stay unresolved, with their
        ``text`` kept and ``start``/``end`` left ``None``.

    See Also
    --------
    Claim : Carries one as ``scope``.

    Examples
    --------
    >>> scope = TimeScope(kind="during", start="2024-07", end="2024-08", text="in July and August")
    >>> str(scope), scope.period()
    ('during:2024-07/2024-08', (datetime.date(2024, 7, 1), datetime.date(2024, 8, 31)))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ScopeKind
    start: PartialDate | None = None
    end: PartialDate | None = None
    length_days: PositiveDays | None = None
    text: str = ""
    resolved: bool = True

    @model_validator(mode="after")
    def _check_dates(self) -> Self:
        allowed = {
            "since": ("start",),
            "by": ("end",),
            "during": ("start", "end"),
            "total": (),
        }[self.kind]
        for name in ("start", "end"):
            if getattr(self, name) is not None and name not in allowed:
                raise ValueError(f"a {self.kind!r} scope has no {name}, got {self}")
        if self.resolved and self.kind != "total" and self.length_days is None:
            missing = [name for name in allowed if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"a resolved {self.kind!r} scope needs {' and '.join(missing)}; "
                    "set resolved=False for words that could not be dated"
                )
        if (
            self.start is not None
            and self.end is not None
            and first_day(self.start) > last_day(self.end)
        ):
            raise ValueError(f"scope starts after it ends: {self.start} to {self.end}")
        return self

    def period(self) -> tuple[date | None, date | None]:
        """Return the first and last day of the period, ``None`` where open or unknown.

        Returns
        -------
        tuple of (datetime.date or None, datetime.date or None)
            The first and the last day.
        """
        return (
            None if self.start is None else first_day(self.start),
            None if self.end is None else last_day(self.end),
        )

    def __str__(self) -> str:
        """Compact form: ``since:2023-09``, ``by:2024-12``, ``during:2024-07/2024-08``, ``total``.

        A single-period ``during`` is written once (``during:2024``); unknown dates are
        ``?`` and a stated length is added in days (``during:?/?~60.875d``).
        """
        if self.kind == "total":
            return "total"
        start, end = self.start or "?", self.end or "?"
        dates = {"since": start, "by": end}.get(
            self.kind, start if self.start == self.end and self.start else f"{start}/{end}"
        )
        length = "" if self.length_days is None else f"~{self.length_days:g}d"
        return f"{self.kind}:{dates}{length}"


class Claim(BaseModel):
    """A reported figure as stated: number (or range), qualifier, unit, item, time and source.

    Values are in the unit as stated (``unit="months"`` keeps ``value=2``); conversion to
    base units happens in :func:`munitions_model.interpret`.

    Parameters
    ----------
    value : float
        The stated number; the low end for a range. A fraction is a share in [0, 1]
        ("30%" is 0.3); a ratio is the first quantity per the second ("1 to 10" is 0.1).
    qualifier : str
        The qualifier the hedge model reads: one of ``exact``, ``about``, ``more_than``,
        ``at_least``, ``less_than``, ``at_most``, ``nearly``, ``range``.
    unit : str
        Unit as stated, from the table in :mod:`munitions_model.units`: e.g. ``rounds``,
        ``bombs``, ``rail_cars``, ``tonnes``, ``months``, ``rounds/day``,
        ``rounds/hour``, ``fraction``, ``ratio``, ``multiplier``; ``count`` for a bare
        number whose kind the slot it fills decides.
    value_high : float, optional
        High end of a range; required exactly when ``qualifier == "range"``.
    vague : bool
        The range comes from a vague quantity word ("hundreds of thousands", "several
        times"), not from two stated numbers.
    qualifiers : tuple of str
        Every qualifier stated, in the order stated, when they are more than the reading
        in ``qualifier`` says: a hedged range ("approximately 5,000-7,000": ``qualifier``
        ``range``, ``qualifiers`` ``("about",)``) or two qualifiers ("up to approximately
        3 million": ``at_most`` and ``("at_most", "about")``). Empty otherwise.
    item : str, optional
        What is counted beyond the unit: a catalogue key when one fits (``"152mm"``,
        ``"122mm"``, ``"122mm-rocket"``), otherwise normalised text: a calibre or weight
        class (``"155mm"``, ``"2000lb"``, ``"122mm/152mm"`` for a mix), a kind
        (``"artillery"``, ``"ballistic missile"``, ``"glide bomb"``) or a system
        (``"Shahed"``, ``"KN-23"``). What a carrier or a mass holds ("tons of
        explosives") is the item of that claim.
    scope : TimeScope, optional
        When the figure holds: since, by or during which dates, or a total with no dates.
        ``None`` when the words say nothing about time beyond a rate's unit.
    whole : Claim, optional
        What a fraction or a part is taken of: "80% of our 2 million" is
        ``value=0.8, unit="fraction"`` with ``whole`` 2 million.
    phrase : str, optional
        The original text.
    source : Source, optional
        Who reported it; ``source.when`` dates relative words in ``scope``.

    See Also
    --------
    munitions_model.parse_claim : Makes one from a phrase.
    munitions_model.interpret : Reads one into a distribution.

    Examples
    --------
    >>> Claim(value=2, qualifier="about", unit="months").value_high is None
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: NonNegative
    qualifier: Qualifier = "exact"
    unit: Unit = "count"
    value_high: NonNegative | None = None
    vague: bool = False
    qualifiers: tuple[Qualifier, ...] = ()
    item: str | None = None
    scope: TimeScope | None = None
    whole: Claim | None = None
    phrase: str | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _check_range(self) -> Self:
        if self.qualifier == "range":
            if self.value_high is None:
                raise ValueError("value_high is required when qualifier is 'range'")
            if self.value_high <= self.value:
                raise ValueError(
                    f"value_high must exceed value for a range, got {self.value!r} to "
                    f"{self.value_high!r}"
                )
        elif self.value_high is not None:
            raise ValueError(
                f"value_high is only allowed with qualifier 'range', got {self.qualifier!r}"
            )
        if self.vague and self.qualifier != "range":
            raise ValueError("vague is only allowed with qualifier 'range'")
        if self.unit.split("/")[0] == "fraction" and self.high > 1.0:
            raise ValueError(f"a fraction cannot exceed 1, got {self.high!r}")
        self._check_qualifiers()
        return self

    def _check_qualifiers(self) -> None:
        stated = self.qualifiers
        if {"range", "exact"} & set(stated):
            raise ValueError(f"qualifiers holds stated words only, got {stated!r}")
        if len(set(stated)) != len(stated):
            raise ValueError(f"qualifiers repeats a qualifier: {stated!r}")
        if self.qualifier == "exact" and stated:
            raise ValueError(f"an exact claim has no qualifiers, got {stated!r}")
        if self.qualifier not in {"range", "exact"} and stated and self.qualifier not in stated:
            raise ValueError(
                f"qualifiers must hold the qualifier {self.qualifier!r}, got {stated!r}"
            )

    @property
    def low(self) -> float:
        """Low end of the stated number (the number itself unless a range)."""
        return self.value

    @property
    def high(self) -> float:
        """High end of the stated number (the number itself unless a range)."""
        return self.value if self.value_high is None else self.value_high

    @property
    def is_rate(self) -> bool:
        """Whether the claim is per some time (its unit has a time denominator)."""
        return is_rate(self.unit)


class ExtractedClaim(BaseModel):
    """A claim found in a text by `munitions_model.extract_claims`, with where it stands.

    Parameters
    ----------
    claim : Claim
        The claim read; ``claim.phrase`` is ``text``.
    start, end : int
        Character offsets in the text searched: ``text[start:end]`` is the span read.
    text : str
        The span's text.

    See Also
    --------
    munitions_model.extract_claims : Finds them.

    Examples
    --------
    >>> import munitions_model as mm
    >>> text = "Seoul said more than one million rounds were sent."
    >>> found = mm.extract_claims(text)
    >>> found[0].text == text[found[0].start : found[0].end]
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    claim: Claim
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _check_span(self) -> Self:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"the span {self.start}:{self.end} does not fit its text {self.text!r}"
            )
        return self
