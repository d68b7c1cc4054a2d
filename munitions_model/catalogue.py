"""Munitions and carriers: the physical data behind rounds per container.

The bundled catalogue (``data/munitions.json`` and ``data/carriers.json``) describes

* each **munition** by the masses of the parts of one round; the **packages** it travels
  in (a crate of complete rounds, a pallet of projectiles, a box of charges, a long rocket
  crate), each with the parts it holds, its packing's mass as a share of theirs and the
  space it takes; the **packings**, ways of shipping it that say which packages travel
  with each *counted* item (complete rounds; projectiles and charges packed apart; or
  projectiles alone, their charges in carriers that are not counted); and what is
  **shipped**, the weights of those packings: an explicit assumption with its reasons;
* each **carrier** by its payload, internal volume, internal length and how much of that
  volume packages can fill; or, for a carrier of carriers (a flatcar of two containers, a
  train of rail cars), by what it holds and how many.

Every number is a `Parameter` (a catalogue parameter with its basis) that says where it
comes from:

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
`Catalogue.with_carrier`; the capacity functions take names or objects, and which packing
is counted is an argument of every load estimate (``packing="projectile"``).

Sampling
--------
A PERT's quantile function is an inverse incomplete beta function, far slower than the
rest of a load. `Parameter.sampling_distribution` gives the same distribution as a
one-component `~munitions_model.distributions.Mixture`, whose quantile function is
tabulated once (65,537 nodes; within 7.4e-5 of the exact one in Kolmogorov distance) and
then interpolated; the tables of the bundled catalogue are built once per process, so
repeated load estimates pay only for the interpolation.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from munitions_model.claims import Source
from munitions_model.distributions import (
    Distribution,
    LogNormal,
    Mixture,
    Point,
    Uniform,
    distribution_from_json,
    lognormal,
)
from munitions_model.record import physical_facts

__all__ = [
    "CATALOGUE_UNITS",
    "Carrier",
    "Catalogue",
    "Holding",
    "Munition",
    "Package",
    "Packing",
    "Parameter",
    "Shipped",
    "carrier",
    "default_catalogue",
    "munition",
]

Basis = Literal["sourced", "derived", "assumption"]
#: Units a catalogue number may carry.
CATALOGUE_UNITS: tuple[str, ...] = ("kg", "m", "m2", "m3", "fraction", "count")


class Parameter(BaseModel):
    """A number in the catalogue: a sourced value, or a distribution, and why.

    Parameters
    ----------
    unit : str
        ``kg``, ``m``, ``m2``, ``m3``, ``fraction`` or ``count``.
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

    See Also
    --------
    Parameter.sampling_distribution : What a load estimate draws from.
    munitions_model.record.physical_facts : The facts a sourced number cites.

    Examples
    --------
    An assumption: a uniform fraction, with its reasoning.

    >>> from munitions_model.distributions import Uniform
    >>> q = Parameter(unit="fraction", basis="assumption",
    ...               distribution=Uniform(low=0.1, high=0.3), why="a guess, for the example")
    >>> q.support, q.uncertain
    ((0.1, 0.3), True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: str
    basis: Basis
    value: float | None = None
    distribution: Distribution | None = None
    facts: tuple[str, ...] = ()
    source: Source | None = None
    quote: str | None = None
    why: str | None = None

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        if value not in CATALOGUE_UNITS:
            raise ValueError(
                f"unit {value!r} is not known for a catalogue parameter; expected one of "
                f"{', '.join(CATALOGUE_UNITS)}"
            )
        return value

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
        self._check_sources()
        return self

    def _check_sources(self) -> None:
        if self.basis in ("sourced", "derived") and not self.facts and self.source is None:
            raise ValueError(f"a {self.basis} number must cite facts or give a source")
        _check_cited(self.facts, self.quote)
        if self.basis == "sourced" and self.value is not None and self.facts:
            cited = [f for f in physical_facts() if f.id in self.facts]
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

    @property
    def uncertain(self) -> bool:
        """Whether the parameter is a distribution that is not a single value."""
        low, high = self.support
        return high > low

    def as_distribution(self) -> Distribution:
        """Return the parameter as a distribution (a point for a known number), with its unit.

        Returns
        -------
        Distribution
            ``distribution`` with ``unit``, or a `~munitions_model.distributions.Point` at
            ``value``.
        """
        if self.distribution is not None:
            return self.distribution.with_unit(self.unit)
        assert self.value is not None
        return Point(value=self.value, unit=self.unit)

    def sampling_distribution(self) -> Distribution:
        """Return the distribution the load estimates draw from.

        It is `as_distribution`, with a slow quantile function (anything but a point, uniform or
        lognormal) tabulated once and shared by equal parameters (see the module docstring).

        Returns
        -------
        Distribution
            The same distribution, or a one-component tabulated
            `~munitions_model.distributions.Mixture` of it.
        """
        return _tabulated(self.as_distribution().to_json())


@lru_cache(maxsize=256)
def _tabulated(spec: str) -> Distribution:
    """A distribution from its JSON, wrapped (when its quantile function is slow) in a
    one-component mixture whose tabulated quantile function is built on first use."""
    dist = distribution_from_json(spec)
    if isinstance(dist, Point | Uniform | LogNormal | Mixture):
        return dist
    return Mixture(components=(dist,), weights=(1.0,), unit=dist.unit)


def _check_cited(facts: tuple[str, ...], quote: str | None) -> None:
    known = {f.id: f for f in physical_facts()}
    unknown = [f for f in facts if f not in known]
    if unknown:
        raise ValueError(f"unknown physical facts {unknown}; known ids: {sorted(known)}")
    if quote is not None and not any(quote in known[f].text for f in facts):
        raise ValueError(f"quote {quote!r} is not in the cited facts {list(facts)}")


def _all_known(what: str, names: Iterable[str], kind: str, known: Mapping[str, Any]) -> None:
    """Refuse names that are not keys of ``known``, listing the known ones."""
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"{what} unknown {kind} {unknown}; {kind}: {list(known)}")


def _unit_is(name: str, q: Parameter | None, unit: str) -> None:
    if q is not None and q.unit != unit:
        raise ValueError(f"{name} must be in {unit}, got {q.unit}")


class Package(BaseModel):
    """One package a munition travels in: the parts it holds and what packing adds.

    A short package (a crate of rounds, a pallet of projectiles) takes ``packed_volume_m3``
    of a carrier; a long one (a rocket crate) lies along the carrier's length, so it gives
    its ``packed_length_m`` and the ``cross_section_m2`` of the carrier's end face it takes,
    and whole crate lengths fit the carrier (a tier along its length).

    Parameters
    ----------
    parts : tuple of str
        Names of the munition's parts (``parts_kg`` keys) the package holds, one of each.
    packaging_fraction : Parameter
        Mass of the packing (crate, pallet, dunnage) as a share of the parts' mass
        [fraction].
    packed_volume_m3 : Parameter, optional
        Space it takes, its share of the packing included [m3]; short packages only.
    packed_length_m, cross_section_m2 : Parameter, optional
        Packed length [m] and share of the end face [m2] of a long package.
    description : str
        What it is.

    See Also
    --------
    Packing : Which packages travel with a counted item.
    Munition : The munition the package belongs to.

    Examples
    --------
    >>> pkg = munition("152mm").packages["round"]
    >>> pkg.parts, pkg.long
    (('projectile', 'propellant', 'case'), False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    parts: tuple[str, ...] = Field(min_length=1)
    packaging_fraction: Parameter
    packed_volume_m3: Parameter | None = None
    packed_length_m: Parameter | None = None
    cross_section_m2: Parameter | None = None
    description: str = Field(min_length=1)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        _unit_is("packaging_fraction", self.packaging_fraction, "fraction")
        _unit_is("packed_volume_m3", self.packed_volume_m3, "m3")
        _unit_is("packed_length_m", self.packed_length_m, "m")
        _unit_is("cross_section_m2", self.cross_section_m2, "m2")
        long = (self.packed_length_m is not None, self.cross_section_m2 is not None)
        if long[0] != long[1]:
            raise ValueError("a long package gives both packed_length_m and cross_section_m2")
        if long[0] == (self.packed_volume_m3 is not None):
            raise ValueError(
                "give packed_volume_m3 (a short package) or packed_length_m and "
                "cross_section_m2 (a long one), not both and not neither"
            )
        for field in ("packed_volume_m3", "packed_length_m", "cross_section_m2"):
            q = getattr(self, field)
            if q is not None and not q.positive:
                raise ValueError(f"{field} must be > 0")
        return self

    @property
    def long(self) -> bool:
        """Whether the package lies along the carrier's length."""
        return self.packed_length_m is not None

    def parameters(self) -> dict[str, Parameter]:
        """Return its numbers by field name.

        Returns
        -------
        dict of str to Parameter
            ``packaging_fraction``, and ``packed_volume_m3`` (short) or ``packed_length_m`` and
            ``cross_section_m2`` (long).
        """
        fields = ("packaging_fraction", "packed_volume_m3", "packed_length_m", "cross_section_m2")
        return {f: getattr(self, f) for f in fields if getattr(self, f) is not None}


class Packing(BaseModel):
    """A way a munition is shipped and counted: which packages travel with each item.

    Complete rounds; projectiles and charges packed apart; or projectiles alone.

    Parameters
    ----------
    packages : tuple of str
        Names of the munition's packages, one of each per counted item.
    label : str
        A few words for explanations ("projectiles alone").
    description : str
        What is shipped and what is counted, in words ("projectiles only ...").

    See Also
    --------
    Shipped : The weights of a munition's packings.
    Package : One package.

    Examples
    --------
    >>> munition("152mm").packings["projectile"].label
    'projectiles alone'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    packages: tuple[str, ...] = Field(min_length=1)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)


class Shipped(BaseModel):
    """What is shipped: the weight of each packing, an explicit assumption with reasons.

    A load estimate draws, for each draw, one packing with these probabilities (the same
    draw for every munition of a mix), so its interval spans what each reading implies.

    Parameters
    ----------
    weights : mapping of str to float
        Packing name -> weight [fraction]; non-negative, summing to 1.
    basis : {"sourced", "derived", "assumption"}, default "assumption"
        Where the weights come from.
    facts : tuple of str
        Physical facts the weights rest on.
    why : str
        The reasoning.

    See Also
    --------
    Munition.packing_weights : The weights a load uses.

    Examples
    --------
    >>> Shipped(weights={"complete": 1.0}, why="every round complete, for the example").basis
    'assumption'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    weights: dict[str, float] = Field(min_length=1)
    basis: Basis = "assumption"
    facts: tuple[str, ...] = ()
    why: str = Field(min_length=1)

    @model_validator(mode="after")
    def _valid(self) -> Self:
        _check_cited(self.facts, None)
        for name, w in self.weights.items():
            if not (math.isfinite(w) and w >= 0):
                raise ValueError(f"weight of packing {name!r} must be a number >= 0, got {w!r}")
        total = sum(self.weights.values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"packing weights must sum to 1, got {self.weights} (sum {total!r})")
        return self


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
    packages : mapping of str to Package
        The packages it travels in, by name (``round``, ``projectile``, ``charge``,
        ``crate``).
    packings : mapping of str to Packing
        Ways of shipping and counting it, by name (``complete``, ``separate``,
        ``projectile``, ``crated``).
    shipped : Shipped
        The weights of the packings a load estimate assumes unless told otherwise.

    See Also
    --------
    munition : A bundled munition by name.
    Catalogue.with_munition : Adds your own to a catalogue.

    Examples
    --------
    >>> m = munition("152mm")
    >>> sorted(m.packings), m.parts_kg["projectile"].value
    (['complete', 'projectile', 'separate'], 43.56)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    parts_kg: dict[str, Parameter] = Field(min_length=1)
    packages: dict[str, Package] = Field(min_length=1)
    packings: dict[str, Packing] = Field(min_length=1)
    shipped: Shipped

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for part, q in self.parts_kg.items():
            _unit_is(f"{self.name} part {part!r}", q, "kg")
        for key, package in self.packages.items():
            _all_known(f"{self.name} package {key!r} holds", package.parts, "parts", self.parts_kg)
        for key, packing in self.packings.items():
            _all_known(
                f"{self.name} packing {key!r} uses", packing.packages, "packages", self.packages
            )
        _all_known(
            f"{self.name} shipped weights name", self.shipped.weights, "packings", self.packings
        )
        return self

    def packing_weights(self, packing: str | Mapping[str, float] | None = None) -> dict[str, float]:
        """Return the packings counted and their weights, zero weights dropped.

        Parameters
        ----------
        packing : str or mapping of str to float, optional
            ``None`` for the munition's own weights (`Shipped`), a packing's name for that one
            alone, or your weights (a mapping summing to 1).

        Returns
        -------
        dict of str to float
            Packing name -> weight, summing to 1.

        Raises
        ------
        ValueError
            For an unknown packing (the message lists the known ones) or weights that are
            negative or do not sum to 1.
        """
        if packing is None:
            weights = dict(self.shipped.weights)
        elif isinstance(packing, str):
            weights = {packing: 1.0}
        else:
            weights = dict(Shipped(weights=dict(packing), why="given").weights)
        for name in weights:
            if name not in self.packings:
                raise ValueError(
                    f"unknown packing {name!r} of {self.name}; known packings: "
                    f"{list(self.packings)}"
                )
        return {name: w for name, w in weights.items() if w > 0}

    def parameters(self, packings: Mapping[str, float] | None = None) -> dict[str, Parameter]:
        """Return every number a load of it uses, by input name.

        Input names are ``{part}_kg`` and ``{package}.{field}``.

        Parameters
        ----------
        packings : mapping of str to float, optional
            The packings used (their names are read); by default all of them.

        Returns
        -------
        dict of str to Parameter
            The parts' masses and the packages' numbers the packings use.
        """
        used = self.packings if packings is None else {p: self.packings[p] for p in packings}
        packages = dict.fromkeys(pkg for p in used.values() for pkg in p.packages)
        parts = dict.fromkeys(part for pkg in packages for part in self.packages[pkg].parts)
        out = {f"{part}_kg": self.parts_kg[part] for part in parts}
        for pkg in packages:
            for field, q in self.packages[pkg].parameters().items():
                out[f"{pkg}.{field}"] = q
        return out

    def inputs(
        self, prefix: str = "", packings: Mapping[str, float] | None = None
    ) -> dict[str, Distribution]:
        """Return the numbers of `parameters` as named distributions (engine inputs).

        Parameters
        ----------
        prefix : str, default ""
            Put before each input name (``"152mm."``).
        packings : mapping of str to float, optional
            The packings used; by default all of them.

        Returns
        -------
        dict of str to Distribution
            Each parameter's `Parameter.sampling_distribution`, by prefixed input name.
        """
        return {
            f"{prefix}{name}": q.sampling_distribution()
            for name, q in self.parameters(packings).items()
        }


class Holding(BaseModel):
    """What a carrier of carriers holds: another carrier of the catalogue, and how many.

    Parameters
    ----------
    carrier : str
        Name of the carrier held (``"20ft"``, ``"rail_car"``).
    count : Parameter
        How many [count].

    See Also
    --------
    Carrier : Takes it as ``holds``.
    Catalogue.chain : Follows what each carrier holds.

    Examples
    --------
    >>> h = carrier("flatcar").holds
    >>> h.carrier, h.count.value
    ('20ft', 2.0)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    carrier: str = Field(min_length=1)
    count: Parameter

    @model_validator(mode="after")
    def _count(self) -> Self:
        _unit_is("count", self.count, "count")
        if not self.count.positive:
            raise ValueError("a carrier holds a positive count of carriers")
        return self


class Carrier(BaseModel):
    """A container, rail car, train or anything else rounds are loaded into.

    Give either the four physical numbers (a carrier loaded directly) or ``holds`` (a
    carrier of carriers: a flatcar of two 20 ft containers, a train of rail cars).

    Parameters
    ----------
    name : str
        E.g. ``"20ft"``.
    description : str
        What it is.
    payload_kg : Parameter, optional
        Cargo mass a full carrier takes [kg] (for a rail car of ammunition, the load
        observed).
    volume_m3 : Parameter, optional
        Internal volume [m3].
    length_m : Parameter, optional
        Internal length [m]; limits long items.
    packing_efficiency : Parameter, optional
        Share of the volume packages can fill [fraction, > 0].
    holds : Holding, optional
        The carriers it holds.
    counted_as : str
        What a count of these carriers is reported in: ``containers``, ``rail_cars`` or
        ``trains``.

    See Also
    --------
    carrier : A bundled carrier by name.
    Catalogue.with_carrier : Adds your own to a catalogue.

    Examples
    --------
    >>> c = carrier("20ft")
    >>> c.volume_m3.value, c.length_m.value, c.counted_as
    (33.2, 5.89, 'containers')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    payload_kg: Parameter | None = None
    volume_m3: Parameter | None = None
    length_m: Parameter | None = None
    packing_efficiency: Parameter | None = None
    holds: Holding | None = None
    counted_as: Literal["containers", "rail_cars", "trains"] = "containers"

    @model_validator(mode="after")
    def _units(self) -> Self:
        physical = ("payload_kg", "volume_m3", "length_m", "packing_efficiency")
        given = [f for f in physical if getattr(self, f) is not None]
        if self.holds is not None and given:
            raise ValueError(
                f"{self.name} holds other carriers, so it takes no {given[0]} of its own"
            )
        if self.holds is None and len(given) < len(physical):
            missing = [f for f in physical if getattr(self, f) is None]
            raise ValueError(f"{self.name} needs {', '.join(missing)} (or holds)")
        _unit_is(f"{self.name} payload_kg", self.payload_kg, "kg")
        _unit_is(f"{self.name} volume_m3", self.volume_m3, "m3")
        _unit_is(f"{self.name} length_m", self.length_m, "m")
        _unit_is(f"{self.name} packing_efficiency", self.packing_efficiency, "fraction")
        for field in given:
            if not getattr(self, field).positive:
                raise ValueError(f"{self.name} {field} must be > 0")
        return self

    def parameters(self) -> dict[str, Parameter]:
        """Return its own numbers by input name.

        ``payload_kg``, ``volume_m3``, ``length_m`` and ``packing_efficiency`` for a carrier
        loaded directly; ``{name}.holds`` for the count a carrier of carriers holds (the held
        carrier's numbers are its own).

        Returns
        -------
        dict of str to Parameter
            The carrier's numbers.
        """
        if self.holds is not None:
            return {f"{self.name}.holds": self.holds.count}
        fields = ("payload_kg", "volume_m3", "length_m", "packing_efficiency")
        return {f: getattr(self, f) for f in fields}


class Catalogue(BaseModel):
    """Munitions and carriers by name.

    Parameters
    ----------
    munitions : mapping of str to Munition
        Munitions, each filed under its own name.
    carriers : mapping of str to Carrier
        Carriers, each filed under its own name; every carrier a carrier holds is among them.

    See Also
    --------
    default_catalogue : The bundled one.

    Examples
    --------
    >>> cat = default_catalogue()
    >>> sorted(cat.munitions)
    ['122mm', '122mm-rocket', '152mm']
    >>> [c.name for c in cat.chain("train")]
    ['train', 'rail_car']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    munitions: dict[str, Munition]
    carriers: dict[str, Carrier]

    @model_validator(mode="after")
    def _names(self) -> Self:
        for kind, table in (("munition", self.munitions), ("carrier", self.carriers)):
            for key, item in table.items():
                if key != item.name:
                    raise ValueError(f"{kind} {item.name!r} is filed under {key!r}")
        for c in self.carriers.values():
            self.chain(c)  # every held carrier is known, and none holds itself
        return self

    def munition(self, which: str | Munition) -> Munition:
        """Return the munition named ``which`` (a `Munition` is returned as it is).

        Parameters
        ----------
        which : str or Munition
            A name in the catalogue, or a munition.

        Returns
        -------
        Munition
            The munition.

        Raises
        ------
        ValueError
            For an unknown name; the message lists the known ones.
        """
        if isinstance(which, Munition):
            return which
        if not isinstance(which, str) or which not in self.munitions:
            raise ValueError(f"unknown munition {which!r}; known munitions: {list(self.munitions)}")
        return self.munitions[which]

    def carrier(self, which: str | Carrier) -> Carrier:
        """Return the carrier named ``which`` (a `Carrier` is returned as it is).

        Parameters
        ----------
        which : str or Carrier
            A name in the catalogue, or a carrier.

        Returns
        -------
        Carrier
            The carrier.

        Raises
        ------
        ValueError
            For an unknown name; the message lists the known ones.
        """
        if isinstance(which, Carrier):
            return which
        if not isinstance(which, str) or which not in self.carriers:
            raise ValueError(f"unknown carrier {which!r}; known carriers: {list(self.carriers)}")
        return self.carriers[which]

    def chain(self, which: str | Carrier) -> tuple[Carrier, ...]:
        """Return the carrier, the carrier it holds, and so on down to one loaded directly.

        Parameters
        ----------
        which : str or Carrier
            The outermost carrier.

        Returns
        -------
        tuple of Carrier
            Outermost first.

        Raises
        ------
        ValueError
            For an unknown carrier, held or not, or a carrier that holds itself.
        """
        out = [self.carrier(which)]
        while out[-1].holds is not None:
            held = out[-1].holds
            assert held is not None
            if held.carrier not in self.carriers:
                raise ValueError(
                    f"carrier {out[-1].name!r} holds unknown carrier {held.carrier!r}; "
                    f"known carriers: {list(self.carriers)}"
                )
            inner = self.carriers[held.carrier]
            if any(c.name == inner.name for c in out):
                raise ValueError(f"carrier {out[0].name!r} holds itself (through {inner.name!r})")
            out.append(inner)
        return tuple(out)

    def carrier_parameters(self, which: str | Carrier) -> dict[str, Parameter]:
        """Return the numbers of a carrier and of every carrier it holds, by input name.

        Parameters
        ----------
        which : str or Carrier
            The outermost carrier.

        Returns
        -------
        dict of str to Parameter
            Every `Carrier.parameters` along the `chain`.
        """
        out: dict[str, Parameter] = {}
        for c in self.chain(which):
            out.update(c.parameters())
        return out

    def with_munition(self, item: Munition) -> Catalogue:
        """Return a copy with ``item`` added (or replacing the munition of the same name).

        Parameters
        ----------
        item : Munition
            The munition to add.

        Returns
        -------
        Catalogue
            The new catalogue; this one is unchanged.
        """
        return Catalogue(munitions={**self.munitions, item.name: item}, carriers=self.carriers)

    def with_carrier(self, item: Carrier) -> Catalogue:
        """Return a copy with ``item`` added (or replacing the carrier of the same name).

        Parameters
        ----------
        item : Carrier
            The carrier to add.

        Returns
        -------
        Catalogue
            The new catalogue; this one is unchanged.
        """
        return Catalogue(munitions=self.munitions, carriers={**self.carriers, item.name: item})

    @classmethod
    def from_json(cls, munitions_json: str, carriers_json: str) -> Catalogue:
        """Read a catalogue from the text of a munitions file and a carriers file.

        The layout is that of the bundled ``data/munitions.json`` and ``data/carriers.json``.

        Parameters
        ----------
        munitions_json : str
            JSON text with a list under ``"munitions"``.
        carriers_json : str
            JSON text with a list under ``"carriers"``.

        Returns
        -------
        Catalogue
            The munitions and carriers, by name.

        Raises
        ------
        ValueError
            For duplicate names, or any invalid munition or carrier.
        """
        # Read the cited facts first: a broken facts file is then named once (DataFileError),
        # not inside the validation of every number that cites a fact.
        physical_facts()
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
    """Return the bundled catalogue (``data/munitions.json``, ``data/carriers.json``).

    Returns
    -------
    Catalogue
        Read once per process.

    See Also
    --------
    munition : One of its munitions.
    carrier : One of its carriers.

    Examples
    --------
    >>> sorted(default_catalogue().carriers)
    ['20ft', '40ft', 'boxcar', 'flatcar', 'rail_car', 'train']
    """
    return Catalogue.from_json(_data("munitions.json"), _data("carriers.json"))


def munition(name: str) -> Munition:
    """Return a bundled munition: ``"152mm"``, ``"122mm"`` or ``"122mm-rocket"``.

    Parameters
    ----------
    name : str
        The munition's name.

    Returns
    -------
    Munition
        From `default_catalogue`.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.

    See Also
    --------
    carrier : A bundled carrier.
    Catalogue.munition : The same in any catalogue.

    Examples
    --------
    >>> munition("152mm").parts_kg["propellant"].value
    8.185
    """
    return default_catalogue().munition(name)


def carrier(name: str) -> Carrier:
    """Return a bundled carrier by name.

    ``"20ft"``, ``"40ft"``, ``"boxcar"``, ``"flatcar"``, ``"rail_car"`` or ``"train"``.

    Parameters
    ----------
    name : str
        The carrier's name.

    Returns
    -------
    Carrier
        From `default_catalogue`.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.

    See Also
    --------
    munition : A bundled munition.
    Catalogue.carrier : The same in any catalogue.

    Examples
    --------
    >>> carrier("40ft").counted_as
    'containers'
    """
    return default_catalogue().carrier(name)
