"""What a carrier holds: the physics of payload, volume and length (pure numpy).

Functions here take numbers or arrays, broadcast them, and return float64 arrays; no
pydantic, no randomness. :mod:`munitions_model.logistics` feeds them the catalogue's
uncertain numbers through the estimation engine.

Capacity of a full carrier
--------------------------
A carrier is full when either its payload or its space runs out (carriers "cube out
before weight out, or weight out before cubing out": physical fact
``outload-cube-or-weight``):

* payload-limited count = ``floor(payload_kg / packed_mass_kg)``, where the packed mass of a
  counted item is the mass of the parts that travel with it, each package's parts times
  ``1 + packaging_fraction`` (the crate, pallet or box);
* volume-limited count = ``floor(volume_m3 * packing_efficiency / space_m3)``, where the
  space of a counted item is the sum of its packages': ``packed_volume_m3`` for a short
  package; for a long one (a rocket crate) laid along the carrier, crates fill whole tiers:
  ``floor(L / l)`` crate lengths fit a carrier of internal length ``L``, each tier takes the
  carrier's end face (``volume_m3 / length_m``), and a crate takes ``cross_section_m2`` of
  it, so one crate takes ``cross_section_m2 * L / floor(L / l)`` of the volume
  (`long_item_space_m3`): a 3 m crate in a 5.89 m container uses one tier and wastes the
  rest of the length; a crate longer than the carrier does not fit at all;
* capacity = the smaller of the two.

Artillery rounds are dense, so carriers of shells run out of payload first. Rockets are
long and light for their bulk: a 20 ft container takes one tier of crates and runs out of
space; a 40 ft container takes three tiers, and its weight and space limits bind about
equally often; a rail car loaded as ammunition wagons are (about 27 t) runs out of payload.
Counts are whole items, rounded down; a relative tolerance of 1e-12 keeps floating-point
noise (``0.3 / 0.1 = 2.9999999999999996``) from losing a round.

What is counted
---------------
A *packing* says which packages travel with each counted item: a complete round in its
crate; a projectile and its charge packed apart but carried together; or a projectile
alone, its charge carried elsewhere and not counted. The same carrier holds very different
counts under each reading (for 152 mm in a 20 ft container, about 350 complete crated
rounds or about 520 projectiles), so `Load` draws the packing as an input of its own.

Mixed loads
-----------
A mix is given by share of **rounds** (e.g. 70% 152 mm, 30% 122 mm). Loaded in those
proportions, an average round weighs ``sum(share * packed_mass)`` and takes ``sum(share *
space)`` of the usable volume, so the capacity is that of a single "average round". When
one munition is both heavier and bulkier than the other (true of the bundled calibres),
the mix's capacity lies between the pure ones. In general it need not: dense shells and
bulky rockets loaded together can use both the payload and the volume, and carry more
rounds than either alone; the model says so rather than hide it.

Carriers of carriers and tonnes
-------------------------------
A flatcar of two containers, or a train of rail cars, holds the count of the carrier it
carries times that carrier's capacity. A mass of ammunition ("74,000 tonnes") holds
``1000 * tonnes / packed_mass_kg`` counted items (`rounds_from_mass`), whatever carries it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from munitions_model._validation import fraction_array, nonnegative_array
from munitions_model.catalogue import Carrier, Munition
from munitions_model.model import model_function

__all__ = [
    "Load",
    "carrier_capacity_rounds",
    "length_fill_fraction",
    "long_item_space_m3",
    "mixed_capacity_rounds",
    "payload_limited_rounds",
    "rounds_from_mass",
    "rounds_in_containers",
    "tiered_rounds",
    "volume_limited_rounds",
]

Floats: TypeAlias = NDArray[np.float64]

# Relative tolerance of the round-down: far above float64 noise, far below one round.
_WHOLE_RTOL = 1e-12


def _whole(count: Floats) -> Floats:
    """Whole items, rounded down, forgiving floating-point noise just below an integer."""
    return np.asarray(np.floor(count * (1.0 + _WHOLE_RTOL)))


# -- core functions -------------------------------------------------------------------------


@model_function(
    returns="rounds/container",
    units={"payload_kg": "kg", "packed_mass_kg": "kg/round"},
)
def payload_limited_rounds(payload_kg: ArrayLike, packed_mass_kg: ArrayLike) -> Floats:
    """Whole rounds a payload allows: ``floor(payload_kg / packed_mass_kg)``.

    Parameters
    ----------
    payload_kg : array_like
        Cargo mass the carrier takes [kg].
    packed_mass_kg : array_like
        Mass of one round with its share of the crate [kg/round]; must be positive.

    Returns
    -------
    ndarray
        Rounds per carrier [rounds/container], broadcast over the inputs.

    Examples
    --------
    >>> float(payload_limited_rounds(28_180, 70.0))  # a 20 ft container's rated payload
    402.0
    """
    payload = nonnegative_array(payload_kg, "payload_kg")
    mass = nonnegative_array(packed_mass_kg, "packed_mass_kg", positive=True)
    return _whole(payload / mass)


@model_function(returns="fraction", units={"length_m": "m", "packed_length_m": "m"})
def length_fill_fraction(length_m: ArrayLike, packed_length_m: ArrayLike) -> Floats:
    """Share of a carrier's length that whole items laid lengthwise can use.

    ``floor(length_m / packed_length_m) * packed_length_m / length_m``; 1 for items of
    zero length (short items, for which the carrier's length does not matter) and 0 for
    items longer than the carrier.

    Parameters
    ----------
    length_m : array_like
        Internal length of the carrier [m]; must be positive.
    packed_length_m : array_like
        Crated length of one item [m].

    Returns
    -------
    ndarray
        Fraction [0-1].

    Examples
    --------
    >>> round(float(length_fill_fraction(5.89, 3.0)), 3)  # one rocket crate fits lengthwise
    0.509
    """
    length = nonnegative_array(length_m, "length_m", positive=True)
    item = nonnegative_array(packed_length_m, "packed_length_m")
    length, item = np.broadcast_arrays(length, item)
    rows = np.zeros(length.shape)
    np.divide(length, item, out=rows, where=item > 0)
    used = _whole(rows) * item
    out = np.ones(length.shape)
    np.divide(used, length, out=out, where=item > 0)
    return out


@model_function(
    returns="rounds/container",
    units={
        "volume_m3": "m3",
        "packed_volume_m3": "m3/round",
        "packing_efficiency": "fraction",
        "length_fill": "fraction",
    },
)
def volume_limited_rounds(
    volume_m3: ArrayLike,
    packed_volume_m3: ArrayLike,
    packing_efficiency: ArrayLike = 1.0,
    length_fill: ArrayLike = 1.0,
) -> Floats:
    """Whole rounds the space allows: ``floor(volume * efficiency * length_fill / packed)``.

    Parameters
    ----------
    volume_m3 : array_like
        Internal volume of the carrier [m3].
    packed_volume_m3 : array_like
        Space one crated round takes [m3/round]; must be positive.
    packing_efficiency : array_like, optional
        Share of the volume crates can fill, in (0, 1]; default 1.
    length_fill : array_like, optional
        Share of the length whole items can use (see `length_fill_fraction`), in [0, 1];
        default 1 (short items).

    Returns
    -------
    ndarray
        Rounds per carrier [rounds/container].

    Examples
    --------
    >>> float(volume_limited_rounds(33.2, 0.05, 0.75))
    498.0
    """
    volume = nonnegative_array(volume_m3, "volume_m3")
    packed = nonnegative_array(packed_volume_m3, "packed_volume_m3", positive=True)
    efficiency = fraction_array(packing_efficiency, "packing_efficiency", zero=False)
    fill = fraction_array(length_fill, "length_fill")
    return _whole(volume * efficiency * fill / packed)


@model_function(
    returns="rounds/container",
    units={
        "payload_kg": "kg",
        "packed_mass_kg": "kg/round",
        "volume_m3": "m3",
        "packed_volume_m3": "m3/round",
        "packing_efficiency": "fraction",
        "length_m": "m",
        "packed_length_m": "m",
    },
)
def carrier_capacity_rounds(
    payload_kg: ArrayLike,
    packed_mass_kg: ArrayLike,
    volume_m3: ArrayLike,
    packed_volume_m3: ArrayLike,
    packing_efficiency: ArrayLike = 1.0,
    length_m: ArrayLike | None = None,
    packed_length_m: ArrayLike | None = None,
) -> Floats:
    """Rounds a full carrier holds: the smaller of the payload- and volume-limited counts.

    Parameters
    ----------
    payload_kg : array_like
        Cargo mass the carrier takes [kg].
    packed_mass_kg : array_like
        Mass of one crated round [kg/round].
    volume_m3 : array_like
        Internal volume [m3].
    packed_volume_m3 : array_like
        Space one crated round takes [m3/round].
    packing_efficiency : array_like, optional
        Share of the volume crates can fill, in (0, 1]; default 1.
    length_m, packed_length_m : array_like, optional
        Internal length of the carrier and crated length of a long item [m]; give both for
        long items (see `length_fill_fraction`), neither for short ones.

    Returns
    -------
    ndarray
        Rounds per carrier [rounds/container].

    Examples
    --------
    A carrier whose payload allows 10 rounds and whose volume allows 7 holds 7:

    >>> float(carrier_capacity_rounds(100.0, 10.0, 7.0, 1.0))
    7.0
    """
    if (length_m is None) != (packed_length_m is None):
        raise ValueError("give both length_m and packed_length_m, or neither")
    fill: ArrayLike = 1.0
    if length_m is not None and packed_length_m is not None:
        fill = length_fill_fraction(length_m, packed_length_m)
    by_mass = payload_limited_rounds(payload_kg, packed_mass_kg)
    by_volume = volume_limited_rounds(volume_m3, packed_volume_m3, packing_efficiency, fill)
    return np.asarray(np.minimum(by_mass, by_volume))


def _rows(name: str, value: ArrayLike, k: int, *, positive: bool = False) -> Floats:
    arr = nonnegative_array(value, name, positive=positive)
    if arr.ndim == 0 or arr.shape[0] != k:
        raise ValueError(f"{name} needs one row per share ({k}), got shape {arr.shape}")
    return arr


@model_function(
    returns="rounds/container",
    units={
        "shares": "fraction",
        "payload_kg": "kg",
        "packed_mass_kg": "kg/round",
        "volume_m3": "m3",
        "packed_volume_m3": "m3/round",
        "packing_efficiency": "fraction",
        "length_fill": "fraction",
    },
)
def mixed_capacity_rounds(
    shares: ArrayLike,
    payload_kg: ArrayLike,
    packed_mass_kg: ArrayLike,
    volume_m3: ArrayLike,
    packed_volume_m3: ArrayLike,
    packing_efficiency: ArrayLike = 1.0,
    length_fill: ArrayLike = 1.0,
) -> Floats:
    """Rounds a full carrier holds when loaded with a mix of munitions by share of rounds.

    The mix is loaded as an "average round" of mass ``sum(share * packed_mass_kg)`` taking
    ``sum(share * packed_volume_m3 / length_fill)`` of the usable volume; the capacity is
    the smaller of the payload- and volume-limited counts of that average round. A munition
    that cannot fit at all (``length_fill == 0``) makes any mix that contains it fit
    nothing. See the module docstring for when the result lies between the pure capacities.

    Parameters
    ----------
    shares : array_like, shape (k,)
        Share of the rounds of each munition; non-negative, summing to 1.
    payload_kg, volume_m3 : array_like
        The carrier's payload [kg] and internal volume [m3].
    packed_mass_kg, packed_volume_m3 : array_like, shape (k, ...)
        Each munition's crated mass [kg/round] and volume [m3/round], one row per share.
    packing_efficiency : array_like, optional
        Share of the volume crates can fill, in (0, 1]; default 1.
    length_fill : array_like, optional
        Each munition's `length_fill_fraction` in this carrier, shape (k, ...) or scalar;
        default 1.

    Returns
    -------
    ndarray
        Rounds per carrier [rounds/container], broadcast over the trailing axes.

    Examples
    --------
    Half 10 kg rounds, half 30 kg rounds weigh 20 kg on average:

    >>> float(mixed_capacity_rounds([0.5, 0.5], 200.0, [10.0, 30.0], 100.0, [1.0, 1.0]))
    10.0
    """
    s = nonnegative_array(shares, "shares")
    if s.ndim != 1:
        raise ValueError(f"shares must be one-dimensional, got shape {s.shape}")
    k = s.size
    if abs(float(s.sum()) - 1.0) > 1e-9:
        raise ValueError(f"shares must sum to 1, got {s.tolist()} (sum {float(s.sum())!r})")
    mass = _rows("packed_mass_kg", packed_mass_kg, k, positive=True)
    packed = _rows("packed_volume_m3", packed_volume_m3, k, positive=True)
    fill = fraction_array(length_fill, "length_fill")
    if fill.ndim > 0 and fill.shape[0] != k:
        raise ValueError(f"length_fill needs one row per share ({k}), got shape {fill.shape}")
    column = s.reshape((k,) + (1,) * (max(mass.ndim, packed.ndim, fill.ndim) - 1))
    mean_mass = np.sum(column * mass, axis=0)
    share_volume, fill = np.broadcast_arrays(column * packed, fill)
    taken = np.full(share_volume.shape, np.inf)
    np.divide(share_volume, fill, out=taken, where=fill > 0)
    taken[np.broadcast_to(column == 0, taken.shape)] = 0.0  # a munition not in the mix
    mean_volume = np.sum(taken, axis=0)
    by_mass = payload_limited_rounds(payload_kg, mean_mass)
    volume = nonnegative_array(volume_m3, "volume_m3")
    efficiency = fraction_array(packing_efficiency, "packing_efficiency", zero=False)
    with np.errstate(divide="ignore"):  # mean_volume > 0: infinite only when nothing fits
        by_volume = _whole(volume * efficiency / mean_volume)
    return np.asarray(np.minimum(by_mass, by_volume))


@model_function(
    returns="rounds",
    units={
        "containers": "containers",
        "rounds_per_container": "rounds/container",
        "fill_fraction": "fraction",
    },
    exponents={"containers": 1.0, "rounds_per_container": 1.0},
)
def rounds_in_containers(
    containers: ArrayLike, rounds_per_container: ArrayLike, fill_fraction: ArrayLike = 1.0
) -> Floats:
    """Rounds in a number of carriers: ``containers * rounds_per_container * fill``.

    A product of powers (exponents 1 and 1) at the default fill fraction.

    Parameters
    ----------
    containers : array_like
        Number of carriers [containers].
    rounds_per_container : array_like
        Rounds a full carrier holds [rounds/container].
    fill_fraction : array_like, optional
        Share of each carrier's capacity used for rounds, in (0, 1]; default 1 (full).

    Returns
    -------
    ndarray
        Rounds [rounds].
    """
    n = nonnegative_array(containers, "containers")
    per = nonnegative_array(rounds_per_container, "rounds_per_container")
    fill = fraction_array(fill_fraction, "fill_fraction", zero=False)
    return np.asarray(n * per * fill)


def long_item_space_m3(
    volume_m3: ArrayLike,
    length_m: ArrayLike,
    packed_length_m: ArrayLike,
    cross_section_m2: ArrayLike,
) -> Floats:
    """Volume one long item takes in a carrier, laid along its length in whole tiers.

    ``cross_section_m2 * length_m / floor(length_m / packed_length_m)``: the carrier's
    length holds ``floor(L / l)`` tiers of crates, and a crate takes its cross-section of
    the end face for the carrier's whole length shared among the tiers. Infinite when the
    item is longer than the carrier (nothing fits).

    Parameters
    ----------
    volume_m3 : array_like
        Internal volume of the carrier [m3] (only checked here: the end face is
        ``volume_m3 / length_m``, so the count of items is ``volume_m3 * efficiency /
        space``).
    length_m : array_like
        Internal length of the carrier [m]; must be positive.
    packed_length_m : array_like
        Packed length of one item [m]; must be positive.
    cross_section_m2 : array_like
        Share of the end face one packed item takes, gaps included [m2]; must be positive.

    Returns
    -------
    ndarray
        Space per item [m3], broadcast over the inputs.

    Examples
    --------
    A 3 m crate of 0.05 m2 in a container 5.89 m long: one tier, so it takes 0.05 x 5.89:

    >>> round(float(long_item_space_m3(33.2, 5.89, 3.0, 0.05)), 4)
    0.2945
    """
    nonnegative_array(volume_m3, "volume_m3")
    length = nonnegative_array(length_m, "length_m", positive=True)
    item = nonnegative_array(packed_length_m, "packed_length_m", positive=True)
    section = nonnegative_array(cross_section_m2, "cross_section_m2", positive=True)
    length, item, section = np.broadcast_arrays(length, item, section)
    tiers = _whole(length / item)
    out = np.full(length.shape, np.inf)
    np.divide(section * length, tiers, out=out, where=tiers > 0)
    return out


def tiered_rounds(
    volume_m3: ArrayLike,
    length_m: ArrayLike,
    packed_length_m: ArrayLike,
    cross_section_m2: ArrayLike,
    packing_efficiency: ArrayLike = 1.0,
) -> Floats:
    """Whole long items a carrier's space holds: tiers along its length times the items
    one tier's end face takes, ``floor(volume * efficiency / long_item_space_m3(...))``.

    Parameters
    ----------
    volume_m3, length_m : array_like
        Internal volume [m3] and length [m] of the carrier.
    packed_length_m, cross_section_m2 : array_like
        Packed length [m] and end-face share [m2] of one item.
    packing_efficiency : array_like, optional
        Share of the end face packages can fill, in (0, 1]; default 1.

    Returns
    -------
    ndarray
        Items per carrier [rounds/container] (0 where an item is longer than the carrier).

    Examples
    --------
    A 20 ft container (33.2 m3, 5.89 m) takes one tier of 3 m rocket crates: its end face,
    5.64 m2, three quarters filled by crates of 0.05 m2, holds 84 of them:

    >>> float(tiered_rounds(33.2, 5.89, 3.0, 0.05, 0.75))
    84.0
    """
    space = long_item_space_m3(volume_m3, length_m, packed_length_m, cross_section_m2)
    volume = nonnegative_array(volume_m3, "volume_m3")
    efficiency = fraction_array(packing_efficiency, "packing_efficiency", zero=False)
    return _whole(volume * efficiency / space)


@model_function(
    returns="rounds",
    units={"mass_kg": "kg", "packed_mass_kg": "kg/round"},
    exponents={"mass_kg": 1.0, "packed_mass_kg": -1.0},
)
def rounds_from_mass(mass_kg: ArrayLike, packed_mass_kg: ArrayLike) -> Floats:
    """Counted items in a mass of cargo: ``mass_kg / packed_mass_kg`` (not rounded: a
    total of many carriers).

    Parameters
    ----------
    mass_kg : array_like
        Cargo mass [kg] (1,000 per tonne).
    packed_mass_kg : array_like
        Mass of one counted item with its packing [kg/round]; must be positive.

    Returns
    -------
    ndarray
        Rounds [rounds].

    References
    ----------
    .. [1] The Washington Post with C4ADS data (22 June 2024): "over 74,000 metric tons of
       explosives" equate to "approximately 1.6 million artillery shells", i.e. 46.25 kg a
       shell. https://newsukraine.rbc.ua/news/north-korea-may-have-sent-1-6m-shells-to-1719145593.html

    Examples
    --------
    >>> float(rounds_from_mass(74_000_000, 46.25))
    1600000.0
    """
    mass = nonnegative_array(mass_kg, "mass_kg")
    packed = nonnegative_array(packed_mass_kg, "packed_mass_kg", positive=True)
    return np.asarray(mass / packed)


# -- loads of munitions, as functions of named draws ------------------------------------------

LoadMode = Literal["capacity", "rounds", "carriers", "rounds_from_tonnes", "mass_per_round"]
#: What a `Load` gives back, and the unit it is in.
LOAD_UNITS: dict[str, str] = {
    "capacity": "rounds/container",
    "rounds": "rounds",
    "carriers": "containers",
    "rounds_from_tonnes": "rounds",
    "mass_per_round": "kg/round",
}
_KG_PER_TONNE = 1000.0


class Load:
    """A load of munitions as a function of named draws (what `logistics` hands to the
    estimation engine: pure numpy, vectorised over the draws, named ``name``).

    Parameters
    ----------
    munitions : mapping of str to Munition
        The munitions of the load, by name.
    shares : mapping of str to float
        Share of the rounds of each munition (summing to 1).
    packings : mapping of str to mapping of str to float
        For each munition, the packings counted and their weights (summing to 1).
    chain : sequence of Carrier
        The carrier, then the carrier it holds, down to the one loaded directly; empty for
        a load that only needs masses (``rounds_from_tonnes``, ``mass_per_round``).
    mode : str
        What the call returns: ``capacity`` (rounds one full carrier holds), ``rounds``
        (in ``containers`` carriers, times ``fill_fraction``), ``carriers`` (needed for
        ``rounds``), ``rounds_from_tonnes`` (in ``tonnes`` of cargo) or ``mass_per_round``
        (packed mass of an average counted item, kg).
    name : str
        What the estimate records as its function.

    Notes
    -----
    Inputs: the innermost carrier's ``payload_kg``, ``volume_m3``, ``length_m`` and
    ``packing_efficiency``; ``{carrier}.holds`` for each carrier of carriers; each
    munition's numbers prefixed by its name (``152mm.case_kg``,
    ``152mm.round.packaging_fraction``); ``packing``, a uniform draw on [0, 1) that picks
    each munition's packing by its weights (the same draw for every munition, so a mix is
    read one way at a time), needed only when some munition has more than one packing;
    and, by mode, ``containers``, ``rounds``, ``tonnes`` and ``fill_fraction``.
    """

    def __init__(
        self,
        munitions: Mapping[str, Munition],
        shares: Mapping[str, float],
        packings: Mapping[str, Mapping[str, float]],
        chain: Sequence[Carrier],
        mode: LoadMode,
        name: str,
    ) -> None:
        self.munitions = dict(munitions)
        self.shares = {m: float(shares[m]) for m in self.munitions}
        self.packings = {m: dict(packings[m]) for m in self.munitions}
        self.chain = tuple(chain)
        self.mode = mode
        self.__name__ = name

    @property
    def drawn_packing(self) -> bool:
        """Whether the ``packing`` input is needed (some munition has several packings)."""
        return any(len(w) > 1 for w in self.packings.values())

    def packing_index(self, munition: str, u: ArrayLike) -> NDArray[np.intp]:
        """Which of the munition's packings each draw of ``packing`` picks (its index in
        the order of ``packings[munition]``)."""
        weights = np.array(list(self.packings[munition].values()), dtype=np.float64)
        edges = np.cumsum(weights)[:-1]
        return np.asarray(np.searchsorted(edges, np.asarray(u), side="right"), dtype=np.intp)

    def _package(
        self, munition: str, package: str, x: Mapping[str, Floats]
    ) -> tuple[Floats, Floats]:
        """Packed mass [kg] and space [m3] of one package of ``munition`` (space only in
        carriers: ``inf`` is not used without one)."""
        m = self.munitions[munition]
        spec = m.packages[package]
        p = f"{munition}."
        mass = sum((np.asarray(x[f"{p}{part}_kg"]) for part in spec.parts), np.zeros(()))
        mass = mass * (1.0 + np.asarray(x[f"{p}{package}.packaging_fraction"]))
        if not self.chain:
            return np.asarray(mass), np.zeros(())
        if spec.long:
            space = long_item_space_m3(
                x["volume_m3"],
                x["length_m"],
                x[f"{p}{package}.packed_length_m"],
                x[f"{p}{package}.cross_section_m2"],
            )
        else:
            space = np.asarray(x[f"{p}{package}.packed_volume_m3"], dtype=np.float64)
        return np.asarray(mass), space

    def item(self, munition: str, x: Mapping[str, Floats]) -> tuple[Floats, Floats]:
        """Packed mass [kg] and space [m3] of one counted item of ``munition``, each draw
        under the packing its ``packing`` draw picks."""
        m = self.munitions[munition]
        rows = []
        for packing in self.packings[munition]:
            mass, space = np.zeros(()), np.zeros(())
            for package in m.packings[packing].packages:
                pm, ps = self._package(munition, package, x)
                mass, space = mass + pm, space + ps
            rows.append((mass, space))
        if len(rows) == 1:
            return rows[0]
        idx = self.packing_index(munition, x["packing"])
        shape = np.broadcast_shapes(idx.shape, *(np.shape(r[0]) for r in rows))
        shape = np.broadcast_shapes(shape, *(np.shape(r[1]) for r in rows))
        masses = [np.broadcast_to(r[0], shape) for r in rows]
        spaces = [np.broadcast_to(r[1], shape) for r in rows]
        pick = np.broadcast_to(idx, shape)
        return np.choose(pick, masses), np.choose(pick, spaces)

    def average_item(self, x: Mapping[str, Floats]) -> tuple[Floats, Floats]:
        """Packed mass [kg] and space [m3] of the average counted item of the mix."""
        mass, space = np.zeros(()), np.zeros(())
        for name, share in self.shares.items():
            m_mass, m_space = self.item(name, x)
            mass = mass + share * m_mass
            space = space + share * m_space
        return np.asarray(mass), np.asarray(space)

    def capacity(self, x: Mapping[str, Floats]) -> Floats:
        """Rounds one full outermost carrier holds, per draw."""
        if not self.chain:
            raise ValueError("a load without a carrier has no capacity")
        mass, space = self.average_item(x)
        by_mass = payload_limited_rounds(x["payload_kg"], mass)
        volume = nonnegative_array(x["volume_m3"], "volume_m3")
        efficiency = fraction_array(x["packing_efficiency"], "packing_efficiency", zero=False)
        with np.errstate(divide="ignore"):  # space > 0; infinite where nothing fits
            by_volume = _whole(volume * efficiency / space)
        held = np.minimum(by_mass, by_volume)
        for outer in self.chain[:-1]:
            held = held * nonnegative_array(x[f"{outer.name}.holds"], f"{outer.name}.holds")
        return np.asarray(held, dtype=np.float64)

    def __call__(self, **x: Floats) -> Floats:
        if self.mode == "mass_per_round":
            return self.average_item(x)[0]
        if self.mode == "rounds_from_tonnes":
            tonnes = nonnegative_array(x["tonnes"], "tonnes")
            return rounds_from_mass(tonnes * _KG_PER_TONNE, self.average_item(x)[0])
        capacity = self.capacity(x)
        fill = fraction_array(x.get("fill_fraction", 1.0), "fill_fraction", zero=False)
        if self.mode == "carriers":  # the inverse: carriers needed for a number of rounds
            rounds = nonnegative_array(x["rounds"], "rounds")
            rounds, room = np.broadcast_arrays(rounds, capacity * fill)
            needed = np.full(rounds.shape, np.inf)  # nothing fits: no number of carriers do
            np.divide(rounds, room, out=needed, where=room > 0)
            return needed
        if self.mode == "rounds":
            return rounds_in_containers(x["containers"], capacity, fill)
        return capacity
