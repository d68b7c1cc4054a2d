"""What a carrier holds: the physics of payload, volume and length (pure numpy).

Functions here take numbers or arrays, broadcast them, and return float64 arrays; no
pydantic, no randomness. :mod:`munitions_model.logistics` feeds them the catalogue's
uncertain numbers through the estimation engine.

Capacity of a full carrier
--------------------------
A carrier is full when either its payload or its space runs out:

* payload-limited count = ``floor(payload_kg / packed_mass_kg)``, where the packed mass of a
  round is the sum of its parts times ``1 + packaging_fraction`` (the crate);
* volume-limited count = ``floor(volume_m3 * packing_efficiency * length_fill /
  packed_volume_m3)``, where ``length_fill`` is the share of the carrier's internal length
  that whole items can use: a long item of crated length ``l`` in a carrier of length ``L``
  fills ``floor(L / l) * l / L`` of it (a 3 m rocket crate in a 5.89 m container uses one
  length and wastes the rest; short items use all of it);
* capacity = the smaller of the two.

Artillery rounds are dense, so containers of shells usually run out of payload first.
Rockets are long and light for their bulk: a 20 ft container's length takes one crate
and wastes the rest, so it runs out of space (and length) first; a 40 ft container or a
boxcar takes several crate lengths, and there the rockets' weight binds first.
Counts are whole rounds, rounded down; a relative tolerance of 1e-12 keeps floating-point
noise (``0.3 / 0.1 = 2.9999999999999996``) from losing a round.

Mixed loads
-----------
A mix is given by share of **rounds** (e.g. 70% 152 mm, 30% 122 mm). Loaded in those
proportions, an average round weighs ``sum(share * packed_mass)`` and takes ``sum(share *
packed_volume / length_fill)`` of the carrier's usable volume, so the capacity is that of a
single "average round". When one munition is both heavier and bulkier than the other (true
of the bundled calibres), the mix's capacity lies between the pure ones. In general it need
not: dense shells and bulky rockets loaded together can use both the payload and the
volume, and carry more rounds than either alone; the model says so rather than hide it.
Cross-section limits (a crate wider than the carrier) are not modelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from munitions_model._validation import fraction_array, nonnegative_array
from munitions_model.catalogue import Munition
from munitions_model.model import model_function

__all__ = [
    "LoadCapacity",
    "carrier_capacity_rounds",
    "length_fill_fraction",
    "mixed_capacity_rounds",
    "payload_limited_rounds",
    "rounds_in_containers",
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


# -- loads of munitions, as functions of named draws ----------------------------------------------


class LoadCapacity:
    """Rounds in one full carrier, as a function of named draws; or, given ``containers``,
    rounds in that many; or, given ``rounds``, the carriers those rounds need.

    The function :mod:`munitions_model.logistics` hands to the estimation engine: pure
    numpy, vectorised over the draws, named ``name`` in the estimate's record.

    Inputs are the carrier's (``payload_kg``, ``volume_m3``, ``length_m``,
    ``packing_efficiency``), each munition's prefixed by its name (``152mm.case_kg`` ...),
    and optionally ``containers`` or ``rounds``, and ``fill_fraction``.
    """

    def __init__(
        self, munitions: Mapping[str, Munition], shares: Mapping[str, float], name: str
    ) -> None:
        self.munitions = dict(munitions)
        self.shares = np.array([shares[m] for m in self.munitions], dtype=np.float64)
        self.__name__ = name  # what the estimate records as its function

    def _per_round(self, name: str, x: Mapping[str, Floats]) -> tuple[Floats, Floats, Floats]:
        m = self.munitions[name]
        p = f"{name}."
        mass = sum((np.asarray(x[f"{p}{part}_kg"]) for part in m.parts_kg), np.zeros(()))
        packed_mass = mass * (1.0 + np.asarray(x[f"{p}packaging_fraction"]))
        fill = (
            length_fill_fraction(x["length_m"], x[f"{p}packed_length_m"])
            if m.packed_length_m is not None
            else np.ones(())
        )
        return packed_mass, np.asarray(x[f"{p}packed_volume_m3"], dtype=np.float64), fill

    def __call__(self, **x: Floats) -> Floats:
        names = list(self.munitions)
        if len(names) == 1:
            mass, volume, fill = self._per_round(names[0], x)
            capacity = np.minimum(
                payload_limited_rounds(x["payload_kg"], mass),
                volume_limited_rounds(x["volume_m3"], volume, x["packing_efficiency"], fill),
            )
        else:
            parts = [self._per_round(n, x) for n in names]
            rows = [np.broadcast_arrays(*p) for p in parts]
            capacity = mixed_capacity_rounds(
                self.shares,
                x["payload_kg"],
                np.stack([r[0] for r in rows]),
                x["volume_m3"],
                np.stack([r[1] for r in rows]),
                x["packing_efficiency"],
                np.stack([r[2] for r in rows]),
            )
        if "rounds" in x:  # the inverse: carriers needed for a number of rounds
            rounds = nonnegative_array(x["rounds"], "rounds")
            fill = fraction_array(x.get("fill_fraction", 1.0), "fill_fraction", zero=False)
            rounds, room = np.broadcast_arrays(rounds, capacity * fill)
            needed = np.full(rounds.shape, np.inf)  # nothing fits: no number of carriers do
            np.divide(rounds, room, out=needed, where=room > 0)
            return needed
        if "containers" not in x:
            return capacity
        return rounds_in_containers(x["containers"], capacity, x.get("fill_fraction", 1.0))
