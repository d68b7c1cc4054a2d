"""Munitions and carriers: the physical data behind rounds per container.

The bundled catalogue (``data/munitions.json`` and ``data/carriers.json``) describes each
munition by the masses of the parts of one round, the crate's mass as a share of the
round's, the space one crated round takes and, for long items, its crated length; and each
carrier by its payload, internal volume, internal length and how much of that volume crates
can fill. Every number is a `Parameter` (a catalogue parameter with its basis) that says
where it comes from:

``sourced``
    Cites facts in ``data/physical_facts.csv`` by id. A number that is not the fact's
    headline value quotes the words it was read from, and the loader checks the quote.
``derived``
    Follows from cited facts by the arithmetic given in ``why``.
``assumption``
    No source pins it down: it is a distribution, and ``why`` gives the reasoning.

Nothing here is an invented constant: what is not known is uncertain. To change a number,
copy the model (``munition("152mm").model_copy(update=...)``), build your own `Munition`
or `Carrier`, or add them to a catalogue with `Catalogue.with_munition` /
`Catalogue.with_carrier`; the capacity functions take names or objects.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from munitions_model.claims import Source, Unit
from munitions_model.distributions import Distribution, Point, lognormal
from munitions_model.record import physical_facts

__all__ = [
    "Carrier",
    "Catalogue",
    "Munition",
    "Parameter",
    "carrier",
    "default_catalogue",
    "munition",
]

Basis = Literal["sourced", "derived", "assumption"]


class Parameter(BaseModel):
    """A number in the catalogue: a sourced value, or a distribution, and why.

    Parameters
    ----------
    unit : str
        ``kg``, ``m``, ``m3`` or ``fraction``.
    basis : {"sourced", "derived", "assumption"}
        Where the number comes from (see the module docstring).
    value : float, optional
        A known number. Exactly one of ``value`` and ``distribution`` is given.
    distribution : Distribution, optional
        An uncertain number. In JSON a lognormal may be written as its 90% interval,
        ``{"kind": "lognormal", "low": a, "high": b}``.
    facts : tuple of str
        Ids of the physical facts it rests on (``record.physical_facts``).
    source : Source, optional
        A source that is not among the bundled facts (for numbers you add).
    quote : str, optional
        The words of a cited fact the number was read from.
    why : str, optional
        The reasoning: required for derived numbers, assumptions and sourced ranges.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: Unit
    basis: Basis
    value: float | None = None
    distribution: Distribution | None = None
    facts: tuple[str, ...] = ()
    source: Source | None = None
    quote: str | None = None
    why: str | None = None

    @field_validator("distribution", mode="before")
    @classmethod
    def _interval_lognormal(cls, value: Any) -> Any:
        if isinstance(value, Mapping) and value.get("kind") == "lognormal" and "low" in value:
            spec = lognormal(float(value["low"]), float(value["high"]), value.get("level", 0.9))
            return spec.model_dump()
        return value

    @model_validator(mode="after")
    def _valid(self) -> Self:
        if (self.value is None) == (self.distribution is None):
            raise ValueError("give exactly one of value and distribution")
        low, high = self.support
        if not (math.isfinite(low) and low >= 0):
            raise ValueError(f"a catalogue parameter must be >= 0, got a low end of {low!r}")
        if self.value is not None and not (math.isfinite(self.value) and self.value > 0):
            raise ValueError(f"value must be a finite number > 0, got {self.value!r}")
        if self.unit == "fraction" and high > 1.0:
            raise ValueError(f"a fraction cannot exceed 1, got a high end of {high!r}")
        needs_why = self.basis != "sourced" or self.distribution is not None
        if needs_why and not (self.why and self.why.strip()):
            what = {
                "sourced": "a sourced range",
                "derived": "a derived number",
                "assumption": "an assumption",
            }[self.basis]
            raise ValueError(f"{what} must say why (field 'why')")
        if self.basis in ("sourced", "derived") and not self.facts and self.source is None:
            raise ValueError(f"a {self.basis} number must cite facts or give a source")
        self._check_facts()
        return self

    def _check_facts(self) -> None:
        known = {f.id: f for f in physical_facts()}
        unknown = [f for f in self.facts if f not in known]
        if unknown:
            raise ValueError(f"unknown physical facts {unknown}; known ids: {sorted(known)}")
        cited = [known[f] for f in self.facts]
        if self.quote is not None and not any(self.quote in f.text for f in cited):
            raise ValueError(f"quote {self.quote!r} is not in the cited facts {list(self.facts)}")
        if self.basis == "sourced" and self.value is not None and cited:
            headline = any(f.value is not None and f.value == self.value for f in cited)
            if not headline and self.quote is None:
                raise ValueError(
                    f"value {self.value!r} is not the headline value of {list(self.facts)}: "
                    "quote the words it was read from (field 'quote')"
                )

    @property
    def support(self) -> tuple[float, float]:
        """Smallest and largest value."""
        if self.distribution is not None:
            return self.distribution.support
        assert self.value is not None
        return self.value, self.value

    @property
    def positive(self) -> bool:
        """Whether the parameter has no mass at or below zero."""
        if self.distribution is not None:
            return float(self.distribution.cdf(0.0)) == 0.0
        return self.value is not None and self.value > 0

    def as_distribution(self) -> Distribution:
        """The parameter as a distribution (a point for a known number), with its unit."""
        if self.distribution is not None:
            return self.distribution.with_unit(self.unit)
        assert self.value is not None
        return Point(value=self.value, unit=self.unit)


def _unit_is(name: str, q: Parameter | None, unit: str) -> None:
    if q is not None and q.unit != unit:
        raise ValueError(f"{name} must be in {unit}, got {q.unit}")


class Munition(BaseModel):
    """A munition as the capacity model sees it.

    Parameters
    ----------
    name : str
        E.g. ``"152mm"``.
    description : str
        What it is.
    parts_kg : mapping of str to Parameter
        Mass of each part of one round [kg] (projectile, propellant, case; or the rocket).
    packaging_fraction : Parameter
        Crate mass as a share of the round's mass [fraction].
    packed_volume_m3 : Parameter
        Space one crated round takes, its share of the crate included [m3].
    packed_length_m : Parameter, optional
        Crated length of a long item (a rocket) [m]; omit for items short enough that a
        carrier's length does not matter.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    parts_kg: dict[str, Parameter] = Field(min_length=1)
    packaging_fraction: Parameter
    packed_volume_m3: Parameter
    packed_length_m: Parameter | None = None

    @model_validator(mode="after")
    def _units(self) -> Self:
        for part, q in self.parts_kg.items():
            _unit_is(f"{self.name} part {part!r}", q, "kg")
        _unit_is(f"{self.name} packaging_fraction", self.packaging_fraction, "fraction")
        _unit_is(f"{self.name} packed_volume_m3", self.packed_volume_m3, "m3")
        _unit_is(f"{self.name} packed_length_m", self.packed_length_m, "m")
        if not self.packed_volume_m3.positive:
            raise ValueError(f"{self.name} packed_volume_m3 must be > 0")
        return self

    def inputs(self, prefix: str = "") -> dict[str, Distribution]:
        """Every number of the munition as a named distribution (engine inputs).

        Names are ``{prefix}{part}_kg``, ``{prefix}packaging_fraction``,
        ``{prefix}packed_volume_m3`` and, for long items, ``{prefix}packed_length_m``.
        """
        out = {f"{prefix}{part}_kg": q.as_distribution() for part, q in self.parts_kg.items()}
        out[f"{prefix}packaging_fraction"] = self.packaging_fraction.as_distribution()
        out[f"{prefix}packed_volume_m3"] = self.packed_volume_m3.as_distribution()
        if self.packed_length_m is not None:
            out[f"{prefix}packed_length_m"] = self.packed_length_m.as_distribution()
        return out


class Carrier(BaseModel):
    """A container, wagon or anything else rounds are loaded into.

    Parameters
    ----------
    name : str
        E.g. ``"20ft"``.
    description : str
        What it is.
    payload_kg : Parameter
        Cargo mass a full carrier takes [kg].
    volume_m3 : Parameter
        Internal volume [m3].
    length_m : Parameter
        Internal length [m]; limits long items.
    packing_efficiency : Parameter
        Share of the volume crates can fill [fraction, > 0].
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    payload_kg: Parameter
    volume_m3: Parameter
    length_m: Parameter
    packing_efficiency: Parameter

    @model_validator(mode="after")
    def _units(self) -> Self:
        _unit_is(f"{self.name} payload_kg", self.payload_kg, "kg")
        _unit_is(f"{self.name} volume_m3", self.volume_m3, "m3")
        _unit_is(f"{self.name} length_m", self.length_m, "m")
        _unit_is(f"{self.name} packing_efficiency", self.packing_efficiency, "fraction")
        for field in ("payload_kg", "volume_m3", "length_m", "packing_efficiency"):
            if not getattr(self, field).positive:
                raise ValueError(f"{self.name} {field} must be > 0")
        return self

    def inputs(self) -> dict[str, Distribution]:
        """The carrier's numbers as named distributions (engine inputs)."""
        return {
            "payload_kg": self.payload_kg.as_distribution(),
            "volume_m3": self.volume_m3.as_distribution(),
            "length_m": self.length_m.as_distribution(),
            "packing_efficiency": self.packing_efficiency.as_distribution(),
        }


class Catalogue(BaseModel):
    """Munitions and carriers by name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    munitions: dict[str, Munition]
    carriers: dict[str, Carrier]

    @model_validator(mode="after")
    def _names(self) -> Self:
        for kind, table in (("munition", self.munitions), ("carrier", self.carriers)):
            for key, item in table.items():
                if key != item.name:
                    raise ValueError(f"{kind} {item.name!r} is filed under {key!r}")
        return self

    def munition(self, which: str | Munition) -> Munition:
        """The munition named ``which`` (a `Munition` is returned as it is)."""
        if isinstance(which, Munition):
            return which
        if not isinstance(which, str) or which not in self.munitions:
            raise ValueError(f"unknown munition {which!r}; known munitions: {list(self.munitions)}")
        return self.munitions[which]

    def carrier(self, which: str | Carrier) -> Carrier:
        """The carrier named ``which`` (a `Carrier` is returned as it is)."""
        if isinstance(which, Carrier):
            return which
        if not isinstance(which, str) or which not in self.carriers:
            raise ValueError(f"unknown carrier {which!r}; known carriers: {list(self.carriers)}")
        return self.carriers[which]

    def with_munition(self, item: Munition) -> Catalogue:
        """A copy with ``item`` added (or replacing the munition of the same name)."""
        return Catalogue(munitions={**self.munitions, item.name: item}, carriers=self.carriers)

    def with_carrier(self, item: Carrier) -> Catalogue:
        """A copy with ``item`` added (or replacing the carrier of the same name)."""
        return Catalogue(munitions=self.munitions, carriers={**self.carriers, item.name: item})

    @classmethod
    def from_json(cls, munitions_json: str, carriers_json: str) -> Catalogue:
        """Read a catalogue from the text of a munitions file and a carriers file (the
        layout of the bundled ``data/munitions.json`` and ``data/carriers.json``)."""
        ms = [Munition.model_validate(m) for m in json.loads(munitions_json)["munitions"]]
        cs = [Carrier.model_validate(c) for c in json.loads(carriers_json)["carriers"]]
        for kind, names in (("munition", [m.name for m in ms]), ("carrier", [c.name for c in cs])):
            if len(set(names)) != len(names):
                raise ValueError(f"{kind} names must be unique, got {names}")
        return cls(munitions={m.name: m for m in ms}, carriers={c.name: c for c in cs})


def _data(name: str) -> str:
    return resources.files("munitions_model").joinpath("data", name).read_text(encoding="utf-8")


@cache
def default_catalogue() -> Catalogue:
    """The bundled catalogue (``data/munitions.json``, ``data/carriers.json``)."""
    return Catalogue.from_json(_data("munitions.json"), _data("carriers.json"))


def munition(name: str) -> Munition:
    """A bundled munition: ``"152mm"``, ``"122mm"`` or ``"122mm-rocket"``.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.
    """
    return default_catalogue().munition(name)


def carrier(name: str) -> Carrier:
    """A bundled carrier: ``"20ft"``, ``"40ft"``, ``"boxcar"`` or ``"flatcar"``."""
    return default_catalogue().carrier(name)
