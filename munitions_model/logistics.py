"""Containers and transfers under uncertainty: the catalogue's numbers through the engine.

The physics of what a carrier holds is pure numpy in :mod:`munitions_model.capacity`
(re-exported here); this module feeds it the catalogue's uncertain numbers
(:mod:`munitions_model.catalogue`) through :func:`munitions_model.estimate` and returns
estimates: rounds per container, rounds in a number of containers, containers for a number
of rounds, rounds per transfer and the transfer cadence.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import NamedTuple

from munitions_model import _validation
from munitions_model._validation import SeedLike
from munitions_model.capacity import (
    LoadCapacity,
    carrier_capacity_rounds,
    length_fill_fraction,
    mixed_capacity_rounds,
    payload_limited_rounds,
    rounds_in_containers,
    volume_limited_rounds,
)
from munitions_model.catalogue import Carrier, Catalogue, Munition, default_catalogue
from munitions_model.distributions import DISTRIBUTION_TYPES, Distribution, Point, Uniform
from munitions_model.estimation import Estimate, Method, Quantity, estimate, resolve_input
from munitions_model.hedges import HedgeModel
from munitions_model.model import (
    implied_rounds_per_transfer,
    rounds_from_transfers,
    transfers_per_month,
)
from munitions_model.record import Period

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


def _load_inputs(carrier: Carrier, munitions: Mapping[str, Munition]) -> dict[str, Quantity]:
    inputs: dict[str, Quantity] = dict(carrier.inputs())
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
        LoadCapacity(munitions, shares, "rounds_per_container"),
        _load_inputs(load_carrier, munitions),
        samples=samples,
        seed=seed,
        method="mc" if method == "auto" else method,
        unit="rounds/container",
    )


def _fill(value: object) -> Quantity:
    """Check a fill fraction (number or distribution) lies in (0, 1]."""
    if _validation.is_real(value):
        return _validation.fraction(value, "fill_fraction", zero=False)
    if isinstance(value, DISTRIBUTION_TYPES):
        low, high = value.support
        if high > 1.0 or low < 0.0 or float(value.cdf(0.0)) > 0.0:
            bad = high if high > 1.0 else low
            raise ValueError(f"fill_fraction must lie in (0, 1], but {value} reaches {bad!r}")
        return value
    raise ValueError(
        f"fill_fraction must be a number or a distribution, got {_validation.shown(value)}"
    )


def rounds_from_containers(
    containers: Quantity,
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
    containers : Quantity
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
    rounds: Quantity,
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
    rounds : Quantity
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
    given: tuple[str, Quantity],
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
        LoadCapacity(munitions, shares, name),
        inputs,
        samples=samples,
        seed=seed,
        method="mc" if method == "auto" else method,
        hedges=hedges,
        unit=unit,
    )


def rounds_per_transfer(
    rounds: Quantity,
    transfers: Quantity,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
) -> Estimate:
    """Average rounds per transfer: ``rounds / transfers``.

    Parameters
    ----------
    rounds : Quantity
        E.g. ``"more than one million artillery rounds"``.
    transfers : Quantity
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
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


def _period(name: str, value: str | dt.date) -> Period:
    day = _validation.calendar_date(value, name)
    if day is not None:
        return Period(start=day, end=day)
    try:
        return Period.parse(value)
    except ValueError as err:
        raise ValueError(
            f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {_validation.shown(value)}"
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
    transfers: Quantity,
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
    transfers : Quantity
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
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )
