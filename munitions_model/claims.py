"""Reported claims: a number as it was stated, with its qualifier, unit and source.

`Claim` and `Source` are frozen pydantic models validated once, at the boundary.
`parse_claim` turns a phrase such as ``"more than one million artillery rounds"`` into a
`Claim`; it lives in :mod:`munitions_model._parser`.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from munitions_model.units import validate_unit

__all__ = [
    "QUALIFIERS",
    "Claim",
    "ClaimParseError",
    "Qualifier",
    "Source",
]

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

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class ClaimParseError(ValueError):
    """A phrase the parser cannot read; the message quotes the phrase and what was expected."""


def _finite_non_negative(value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"value must be a finite number >= 0, got {value!r}")
    return value


def _partial_date(value: str) -> str:
    if not _PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"when must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


NonNegative = Annotated[float, AfterValidator(_finite_non_negative)]
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
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    who: str = Field(min_length=1)
    when: PartialDate | None = None
    url: str | None = None
    note: str | None = None


class Claim(BaseModel):
    """A reported figure as stated: number (or range), qualifier, unit, item and source.

    Values are in the unit as stated (``unit="months"`` keeps ``value=2``); conversion to
    base units happens in :func:`munitions_model.interpret`.

    Parameters
    ----------
    value : float
        The stated number; the low end for a range.
    qualifier : str
        One of ``exact``, ``about``, ``more_than``, ``at_least``, ``less_than``,
        ``at_most``, ``nearly``, ``range``.
    unit : str
        Unit as stated, e.g. ``rounds``, ``months``, ``rounds/day``; ``count`` for a bare
        number whose kind the slot it fills decides.
    value_high : float, optional
        High end of a range; required exactly when ``qualifier == "range"``.
    vague : bool
        The range comes from a vague quantity word ("hundreds of thousands"), not from two
        stated numbers.
    item : str, optional
        What is counted beyond the unit, e.g. ``"152 mm"``.
    phrase : str, optional
        The original text.
    source : Source, optional
        Who reported it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: NonNegative
    qualifier: Qualifier = "exact"
    unit: Unit = "count"
    value_high: NonNegative | None = None
    vague: bool = False
    item: str | None = None
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
        return self

    @property
    def low(self) -> float:
        """Low end of the stated number (the number itself unless a range)."""
        return self.value

    @property
    def high(self) -> float:
        """High end of the stated number (the number itself unless a range)."""
        return self.value if self.value_high is None else self.value_high
