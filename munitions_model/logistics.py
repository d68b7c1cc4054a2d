"""Containers, transfers and the physics of how many rounds fit.

Pure core functions first (numpy in, numpy out, broadcasting, declared units), then the
wrappers that feed them the catalogue's uncertain numbers through the estimation engine.

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

import datetime as dt
import math
import numbers
from collections.abc import Mapping
from typing import NamedTuple, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from munitions_model.catalogue import Carrier, Catalogue, Munition, default_catalogue
from munitions_model.distributions import DISTRIBUTION_TYPES, Distribution, Point, Uniform
from munitions_model.estimate import Estimate, Method, SeedLike, estimate, resolve_input
from munitions_model.figures import Period
from munitions_model.hedges import HedgeModel
from munitions_model.model import _checked, model_function
from munitions_model.units import DAYS_PER_MONTH

__all__ = [
    "carrier_capacity_rounds",
    "containers_for_rounds",
    "elapsed_days",
    "implied_rounds_per_transfer",
    "length_fill_fraction",
    "mixed_capacity_rounds",
    "payload_limited_rounds",
    "rounds_from_containers",
    "rounds_from_transfers",
    "rounds_in_containers",
    "rounds_per_container",
    "rounds_per_transfer",
    "transfer_cadence",
    "transfers_per_month",
    "volume_limited_rounds",
]

Floats: TypeAlias = NDArray[np.float64]

# Relative tolerance of the round-down: far above float64 noise, far below one round.
_WHOLE_RTOL = 1e-12


def _whole(count: Floats) -> Floats:
    """Whole items, rounded down, forgiving floating-point noise just below an integer."""
    return np.asarray(np.floor(count * (1.0 + _WHOLE_RTOL)))


def _share(name: str, value: ArrayLike, *, zero: bool = False) -> Floats:
    """A share in (0, 1] (or [0, 1] when ``zero``), else ``ValueError`` naming it."""
    arr = _checked(name, value)
    low, high = float(arr.min()), float(arr.max())
    if high > 1.0 or (low <= 0.0 and not zero):
        bad = high if high > 1.0 else low
        rule = "[0, 1]" if zero else "(0, 1]"
        raise ValueError(f"{name} must lie in {rule}, got {bad!r}")
    return arr


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
    payload = _checked("payload_kg", payload_kg)
    mass = _checked("packed_mass_kg", packed_mass_kg, positive=True)
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
    length = _checked("length_m", length_m, positive=True)
    item = _checked("packed_length_m", packed_length_m)
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
    volume = _checked("volume_m3", volume_m3)
    packed = _checked("packed_volume_m3", packed_volume_m3, positive=True)
    efficiency = _share("packing_efficiency", packing_efficiency)
    fill = _share("length_fill", length_fill, zero=True)
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
    arr = _checked(name, value, positive=positive)
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
    s = _checked("shares", shares)
    if s.ndim != 1:
        raise ValueError(f"shares must be one-dimensional, got shape {s.shape}")
    k = s.size
    if abs(float(s.sum()) - 1.0) > 1e-9:
        raise ValueError(f"shares must sum to 1, got {s.tolist()} (sum {float(s.sum())!r})")
    mass = _rows("packed_mass_kg", packed_mass_kg, k, positive=True)
    packed = _rows("packed_volume_m3", packed_volume_m3, k, positive=True)
    fill = _share("length_fill", length_fill, zero=True)
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
    volume = _checked("volume_m3", volume_m3)
    efficiency = _share("packing_efficiency", packing_efficiency)
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
    n = _checked("containers", containers)
    per = _checked("rounds_per_container", rounds_per_container)
    fill = _share("fill_fraction", fill_fraction)
    return np.asarray(n * per * fill)


@model_function(
    returns="rounds",
    units={"transfers": "transfers", "rounds_per_transfer": "rounds/transfer"},
    exponents={"transfers": 1.0, "rounds_per_transfer": 1.0},
)
def rounds_from_transfers(transfers: ArrayLike, rounds_per_transfer: ArrayLike) -> Floats:
    """Rounds moved by a number of transfers: ``transfers * rounds_per_transfer``.

    Parameters
    ----------
    transfers : array_like
        Number of transfers [transfers].
    rounds_per_transfer : array_like
        Average rounds each carries [rounds/transfer].

    Returns
    -------
    ndarray
        Rounds [rounds].
    """
    t = _checked("transfers", transfers)
    per = _checked("rounds_per_transfer", rounds_per_transfer)
    return np.asarray(t * per)


@model_function(
    returns="rounds/transfer",
    units={"rounds": "rounds", "transfers": "transfers"},
    exponents={"rounds": 1.0, "transfers": -1.0},
)
def implied_rounds_per_transfer(rounds: ArrayLike, transfers: ArrayLike) -> Floats:
    """Average rounds per transfer: ``rounds / transfers``.

    Parameters
    ----------
    rounds : array_like
        Rounds transferred [rounds].
    transfers : array_like
        Number of transfers (shipments, voyages, trains) [transfers]; must be positive.

    Returns
    -------
    ndarray
        Rounds per transfer [rounds/transfer].
    """
    r = _checked("rounds", rounds)
    t = _checked("transfers", transfers, positive=True)
    return np.asarray(r / t)


@model_function(
    returns="transfers/month",
    units={"transfers": "transfers", "elapsed_days": "days"},
    exponents={"transfers": 1.0, "elapsed_days": -1.0},
    constant=DAYS_PER_MONTH,
)
def transfers_per_month(transfers: ArrayLike, elapsed_days: ArrayLike) -> Floats:
    """Transfer cadence: ``transfers / elapsed_days * 30.4375``.

    Parameters
    ----------
    transfers : array_like
        Transfers in the period [transfers].
    elapsed_days : array_like
        Length of the period [days]; must be positive.

    Returns
    -------
    ndarray
        Transfers per month [transfers/month] (a month is 365.25 / 12 days).

    Examples
    --------
    >>> round(float(transfers_per_month(10, 92)), 2)  # 10 from 1 August to 1 November
    3.31
    """
    t = _checked("transfers", transfers)
    days = _checked("elapsed_days", elapsed_days, positive=True)
    return np.asarray(t / days * DAYS_PER_MONTH)


# -- loads of munitions, evaluated by the engine ----------------------------------------------


class _Load:
    """Rounds in one full carrier, as a function of named draws; or, given ``containers``,
    rounds in that many; or, given ``rounds``, the carriers those rounds need.

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
            rounds = _checked("rounds", x["rounds"])
            fill = _share("fill_fraction", x.get("fill_fraction", 1.0))
            rounds, room = np.broadcast_arrays(rounds, capacity * fill)
            needed = np.full(rounds.shape, np.inf)  # nothing fits: no number of carriers do
            np.divide(rounds, room, out=needed, where=room > 0)
            return needed
        if "containers" not in x:
            return capacity
        return rounds_in_containers(x["containers"], capacity, x.get("fill_fraction", 1.0))


def _mix(
    mix: Mapping[str, float] | None, munition: str | Munition, cat: Catalogue
) -> tuple[dict[str, Munition], dict[str, float]]:
    """The munitions of a load and their shares, validated."""
    if mix is None:
        m = cat.munition(munition)
        return {m.name: m}, {m.name: 1.0}
    if not mix:
        raise ValueError("mix must name at least one munition, got {}")
    shares: dict[str, float] = {}
    for name, share in mix.items():
        cat.munition(name)  # unknown names raise, listing the known ones
        value = float(share)
        if not (math.isfinite(value) and value >= 0):
            raise ValueError(f"mix share of {name!r} must be a finite number >= 0, got {share!r}")
        shares[name] = value
    total = sum(shares.values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"mix shares must sum to 1, got {dict(mix)} (sum {total!r})")
    # Rescale away the rounding of shares such as thirds; drop munitions not in the mix.
    kept = {name: s / total for name, s in shares.items() if s > 0}
    return {name: cat.munition(name) for name in kept}, kept


def _load_inputs(carrier: Carrier, munitions: Mapping[str, Munition]) -> dict[str, object]:
    inputs: dict[str, object] = dict(carrier.inputs())
    for name, m in munitions.items():
        inputs.update(m.inputs(prefix=f"{name}."))
    return inputs


def rounds_per_container(
    munition: str | Munition,
    container: str | Carrier = "20ft",
    *,
    mix: Mapping[str, float] | None = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Rounds a **full** carrier holds, with the uncertainty of the catalogue's numbers.

    The smaller of the payload-limited and the volume- (and length-) limited counts, each
    drawn from the catalogue's distributions (see the module docstring and
    ``data/munitions.json``, ``data/carriers.json``).

    Parameters
    ----------
    munition : str or Munition
        ``"152mm"``, ``"122mm"``, ``"122mm-rocket"``, or your own `Munition`.
    container : str or Carrier
        ``"20ft"`` (default), ``"40ft"``, ``"boxcar"``, ``"flatcar"``, or your own `Carrier`.
    mix : mapping of str to float, optional
        Shares of rounds by munition name, e.g. ``{"152mm": 0.7, "122mm": 0.3}``, summing
        to 1; replaces ``munition``.
    samples, seed, method
        As for :func:`munitions_model.estimate` (``"auto"`` is Monte Carlo here).
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    Returns
    -------
    Estimate
        In rounds/container (per carrier: a wagon counts as one).

    Raises
    ------
    ValueError
        For an unknown munition or carrier (the message lists the known ones) or a mix that
        does not sum to 1.

    References
    ----------
    .. [1] ISW citing Estonian officials (Oct 2023): a container could hold 300 to 500
       shells. http://world.kbs.co.kr/service/news_view.htm?lang=f&Seq_Code=84202
    .. [2] ROK Defence Minister Shin Won-sik (29 Dec 2023): about 5,000 containers, more
       than two million 152 mm rounds.
       https://pledgetimes.com/north-korea-helped-russia-with-5000-containers-says-seoul/

    Examples
    --------
    >>> est = rounds_per_container("152mm", "20ft", samples=20_000, seed=1)
    >>> est.unit, 200 < est.median < 500
    ('rounds/container', True)
    """
    cat = default_catalogue() if catalogue is None else catalogue
    load_carrier = cat.carrier(container)
    munitions, shares = _mix(mix, munition, cat)
    return estimate(
        _Load(munitions, shares, "rounds_per_container"),
        _load_inputs(load_carrier, munitions),
        samples,
        seed,
        "mc" if method == "auto" else method,
        unit="rounds/container",
    )


def _fill(value: object) -> object:
    """Check a fill fraction (number or distribution) lies in (0, 1]."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if not (0.0 < number <= 1.0):
            raise ValueError(f"fill_fraction must lie in (0, 1], got {number!r}")
        return number
    if isinstance(value, DISTRIBUTION_TYPES):
        low, high = value.support
        if high > 1.0 or low < 0.0 or float(value.cdf(0.0)) > 0.0:
            bad = high if high > 1.0 else low
            raise ValueError(f"fill_fraction must lie in (0, 1], but {value} reaches {bad!r}")
        return value
    raise TypeError(f"fill_fraction must be a number or a distribution, got {type(value).__name__}")


def rounds_from_containers(
    containers: object,
    munition: str | Munition = "152mm",
    container: str | Carrier = "20ft",
    fill_fraction: float | Distribution = 1.0,
    mix: Mapping[str, float] | None = None,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Rounds in a number of carriers: count x capacity of a full one x fill fraction.

    Parameters
    ----------
    containers : phrase, Claim, distribution, Estimate or number
        How many, e.g. ``"more than 1,000 containers"``.
    munition : str or Munition
        What they hold (default ``"152mm"``); ignored when ``mix`` is given.
    container : str or Carrier
        What kind of carrier (default ``"20ft"``).
    fill_fraction : float or distribution
        Share of each carrier's capacity used for these rounds, in (0, 1]; default 1.
        Officials who convert containers to shells assume full containers of one calibre;
        the US described the containers as holding "military equipment and munitions".
    mix : mapping of str to float, optional
        Shares of rounds by munition, e.g. ``{"152mm": 0.7, "122mm": 0.3}``.
    samples, seed, method, hedges
        As for :func:`munitions_model.estimate`; ``hedges`` reads a phrase or claim.
    catalogue : Catalogue, optional
        Where names are looked up.

    Returns
    -------
    Estimate
        In rounds.

    Raises
    ------
    ValueError
        Negative containers, a fill fraction outside (0, 1], an unknown munition or
        carrier, or a mix that does not sum to 1.

    Examples
    --------
    >>> est = rounds_from_containers("more than 1,000 containers", samples=20_000, seed=1)
    >>> est.unit, 200_000 < est.median < 1_000_000
    ('rounds', True)
    """
    return _estimate_load(
        "rounds_from_containers",
        ("containers", containers),
        "rounds",
        _LoadSpec(munition, container, fill_fraction, mix, catalogue),
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


def containers_for_rounds(
    rounds: object,
    munition: str | Munition = "152mm",
    container: str | Carrier = "20ft",
    fill_fraction: float | Distribution = 1.0,
    mix: Mapping[str, float] | None = None,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Carriers needed for a number of rounds: rounds / (capacity of a full one x fill).

    The inverse of `rounds_from_containers`, with the same arguments in place of
    ``containers``; infinite for draws in which the munition does not fit at all.

    Parameters
    ----------
    rounds : phrase, Claim, distribution, Estimate or number
        E.g. ``"more than one million artillery rounds"``.
    munition, container, fill_fraction, mix, samples, seed, method, hedges, catalogue
        As for `rounds_from_containers`.

    Returns
    -------
    Estimate
        In containers (carriers of the given kind; not rounded up).

    Examples
    --------
    >>> est = containers_for_rounds("more than one million rounds", samples=20_000, seed=1)
    >>> est.unit, 2_000 < est.median < 6_000
    ('containers', True)
    """
    return _estimate_load(
        "containers_for_rounds",
        ("rounds", rounds),
        "containers",
        _LoadSpec(munition, container, fill_fraction, mix, catalogue),
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


class _LoadSpec(NamedTuple):
    """What is loaded, into what, and how full: the arguments the load estimates share."""

    munition: str | Munition
    container: str | Carrier
    fill_fraction: float | Distribution
    mix: Mapping[str, float] | None
    catalogue: Catalogue | None


def _estimate_load(
    name: str,
    given: tuple[str, object],
    unit: str,
    load: _LoadSpec,
    *,
    samples: int,
    seed: SeedLike,
    method: Method,
    hedges: HedgeModel | None,
) -> Estimate:
    """Rounds from carriers, or carriers for rounds: ``given`` is the known side."""
    cat = default_catalogue() if load.catalogue is None else load.catalogue
    load_carrier = cat.carrier(load.container)
    munitions, shares = _mix(load.mix, load.munition, cat)
    slot, value = given
    resolve_input(slot, value, slot, hedges)  # unit and sign checks, before sampling
    inputs = _load_inputs(load_carrier, munitions)
    inputs[slot] = value
    inputs["fill_fraction"] = _fill(load.fill_fraction)
    return estimate(
        _Load(munitions, shares, name),
        inputs,
        samples,
        seed,
        "mc" if method == "auto" else method,
        hedges=hedges,
        unit=unit,
    )


def rounds_per_transfer(
    rounds: object,
    transfers: object,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
) -> Estimate:
    """Average rounds per transfer: ``rounds / transfers``.

    Parameters
    ----------
    rounds : phrase, Claim, distribution, Estimate or number
        E.g. ``"more than one million artillery rounds"``.
    transfers : phrase, Claim, distribution, Estimate or number
        E.g. ``"at least 10 arms transfers"``.
    samples, seed, method, hedges
        As for :func:`munitions_model.estimate`.

    Returns
    -------
    Estimate
        In rounds/transfer.

    References
    ----------
    .. [1] ROK NIS via lawmaker Yoo Sang-bum (1 Nov 2023): more than one million artillery
       rounds in at least 10 arms transfers since August (The Moscow Times, AFP).
    """
    return estimate(
        implied_rounds_per_transfer,
        {"rounds": rounds, "transfers": transfers},
        samples,
        seed,
        method,
        hedges=hedges,
    )


def _period(name: str, value: str | dt.date) -> Period:
    if isinstance(value, dt.date):
        return Period(start=value, end=value)
    try:
        return Period.parse(value)
    except ValueError as err:
        raise ValueError(
            f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
        ) from err


def elapsed_days(since: str | dt.date, reported_on: str | dt.date) -> Distribution:
    """Days from the start of activity to a report, as a distribution.

    ``since`` may be a month ("since August" is ``"2023-08"``): activity began on a day of
    it that is not known, so the elapsed time is uniform between the days from its last
    and from its first day to the report (a point when both are exact dates).

    Examples
    --------
    >>> elapsed_days("2023-08", "2023-11-01").support
    (62.0, 92.0)
    """
    start, end = _period("since", since), _period("reported_on", reported_on)
    shortest = (end.start - start.end).days
    longest = (end.end - start.start).days
    if shortest <= 0:
        raise ValueError(
            f"reported_on ({end}) must come after the whole of since ({start}), "
            f"so that some time has elapsed"
        )
    if shortest == longest:
        return Point(value=float(shortest), unit="days")
    return Uniform(low=float(shortest), high=float(longest), unit="days")


def transfer_cadence(
    transfers: object,
    since: str | dt.date,
    reported_on: str | dt.date,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
) -> Estimate:
    """Transfers per month, from a count since a date and the date it was reported.

    Parameters
    ----------
    transfers : phrase, Claim, distribution, Estimate or number
        E.g. ``"at least 10 arms transfers to Russia since August"``.
    since : str or date
        When the transfers began: ``"2023-08"`` for "since August" (any day of it).
    reported_on : str or date
        When the count was reported, e.g. ``"2023-11-01"``.
    samples, seed, method, hedges
        As for :func:`munitions_model.estimate`.

    Returns
    -------
    Estimate
        In transfers/month (a month is 30.4375 days). Not a base unit: to use it as an
        input elsewhere, divide by 30.4375 for transfers/day.

    References
    ----------
    .. [1] ROK NIS (1 Nov 2023): "at least 10 arms transfers to Russia since August".

    Examples
    --------
    >>> est = transfer_cadence("at least 10 transfers", "2023-08", "2023-11-01", seed=1)
    >>> est.unit, 3.0 < est.median < 6.0
    ('transfers/month', True)
    """
    return estimate(
        transfers_per_month,
        {"transfers": transfers, "elapsed_days": elapsed_days(since, reported_on)},
        samples,
        seed,
        method,
        hedges=hedges,
    )
