"""Containers, rail cars, trains, tonnes and transfers under uncertainty: the catalogue's
numbers through the engine.

The physics of what a carrier holds is pure numpy in :mod:`munitions_model.capacity`
(re-exported here); this module feeds it the catalogue's uncertain numbers
(:mod:`munitions_model.catalogue`) through :func:`munitions_model.estimate` and returns
estimates: rounds per container (or rail car, or train), rounds in a number of carriers,
carriers for a number of rounds, rounds in a mass of cargo, the packed mass of a round,
rounds per transfer and the transfer cadence.

What is counted
---------------
Every load estimate takes ``packing``: which packing of the catalogue a count of rounds
counts (``"complete"`` crated rounds, ``"separate"`` projectiles and charges packed apart,
``"projectile"`` projectiles alone; ``"crated"`` rockets), or weights over them. By default
each munition's ``shipped`` weights are used (for 152 mm: half projectiles alone, half
rounds with their charges), and the estimate draws the packing as an input named
``packing``, so its interval spans the readings and a tornado over its inputs says how
much the reading matters. See the README's table of the official conversions for which
reading reproduces which.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import NamedTuple

from munitions_model import _validation
from munitions_model._parser import parse_claim
from munitions_model._validation import SeedLike
from munitions_model._vocabulary import GENERIC_ITEMS, vocabulary
from munitions_model.capacity import (
    LOAD_UNITS,
    Load,
    LoadMode,
    carrier_capacity_rounds,
    length_fill_fraction,
    long_item_space_m3,
    mixed_capacity_rounds,
    payload_limited_rounds,
    rounds_from_mass,
    rounds_in_containers,
    tiered_rounds,
    volume_limited_rounds,
)
from munitions_model.catalogue import Carrier, Catalogue, Munition, Parameter, default_catalogue
from munitions_model.claims import Claim
from munitions_model.distributions import DISTRIBUTION_TYPES, Distribution, Point, Uniform
from munitions_model.estimation import Estimate, Method, Quantity, estimate, resolve_input
from munitions_model.hedges import HedgeModel
from munitions_model.model import (
    implied_rounds_per_transfer,
    rounds_from_transfers,
    transfers_per_month,
)
from munitions_model.record import Period
from munitions_model.units import validate_unit

__all__ = [
    "DEFAULT_MUNITION",
    "LoadSpec",
    "PackingLike",
    "carrier_capacity_rounds",
    "containers_for_rounds",
    "elapsed_days",
    "implied_rounds_per_transfer",
    "input_label",
    "length_fill_fraction",
    "load_function",
    "long_item_space_m3",
    "mass_per_round",
    "mixed_capacity_rounds",
    "named_munition",
    "payload_limited_rounds",
    "rounds_from_containers",
    "rounds_from_mass",
    "rounds_from_tonnes",
    "rounds_from_transfers",
    "rounds_in_containers",
    "rounds_per_container",
    "rounds_per_transfer",
    "tiered_rounds",
    "transfer_cadence",
    "transfers_per_month",
    "volume_limited_rounds",
]

#: Which packing a count counts: a packing name, weights over packing names, or ``None``
#: for each munition's own ``shipped`` weights.
PackingLike = str | Mapping[str, float] | None


def _mix(
    mix: Mapping[str, float] | None, munition: str | Munition, cat: Catalogue
) -> tuple[dict[str, Munition], dict[str, float]]:
    """The munitions of a load and their shares, validated."""
    if mix is None:
        m = cat.munition(munition)
        return {m.name: m}, {m.name: 1.0}
    if not isinstance(mix, Mapping):
        raise ValueError(
            f"mix must be a mapping of munitions to shares, got {_validation.shown(mix)}"
        )
    if not mix:
        raise ValueError("mix must name at least one munition, got {}")
    shares: dict[str, float] = {}
    for name, share in mix.items():
        try:
            cat.munition(name)  # unknown names raise, listing the known ones
        except ValueError as err:
            raise ValueError(f"mix: {err}") from None
        value = _validation.real(share, f"mix share of {name!r}")
        if not (math.isfinite(value) and value >= 0):
            raise ValueError(f"mix share of {name!r} must be a finite number >= 0, got {share!r}")
        shares[name] = value
    total = sum(shares.values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"mix shares must sum to 1, got {dict(mix)} (sum {total!r})")
    # Rescale away the rounding of shares such as thirds; drop munitions not in the mix.
    kept = {name: s / total for name, s in shares.items() if s > 0}
    return {name: cat.munition(name) for name in kept}, kept


_CALIBRE = re.compile(r"(\d)\s*(?:mm|millimet(?:er|re)s?)\b", re.IGNORECASE)

#: Default munition when neither an argument nor the phrase names one (0.1's default).
DEFAULT_MUNITION = "152mm"


def named_munition(value: object, cat: Catalogue | None = None) -> str | None:
    """The catalogue munition a phrase or claim names, or ``None`` if it names none.

    "half a million 122mm rockets" names ``"122mm-rocket"``; "more than one million
    artillery rounds" names none in particular (its item, "artillery", is generic); a
    distribution, estimate or number names none.

    Parameters
    ----------
    value : phrase, Claim or other Quantity
        What a function was given.
    cat : Catalogue, optional
        Where names are looked up (the bundled catalogue by default).

    Returns
    -------
    str or None
        A name in ``cat.munitions``.

    Raises
    ------
    ValueError
        When the item names a munition the catalogue does not hold ("155mm", "Shahed",
        "122mm/152mm"): reading it as 152 mm would be a wrong answer. The message says
        how to pass one.

    See Also
    --------
    rounds_from_containers : Uses it to pick the munition a phrase names.

    Examples
    --------
    >>> named_munition("half a million 122mm rockets"), named_munition("1,000 rounds")
    ('122mm-rocket', None)
    """
    item = _specific_item(value)
    if item is None:
        return None
    cat = default_catalogue() if cat is None else cat
    if item in cat.munitions:
        return item
    shown = value if isinstance(value, str) else getattr(value, "phrase", None) or item
    raise ValueError(
        f"{shown!r} names {item!r}, which "
        f"the catalogue does not hold (known munitions: {list(cat.munitions)}); pass "
        "munition= (or mix=) to say what the carriers hold, or add it to a Catalogue"
    )


def _specific_item(value: object) -> str | None:
    """The item a phrase or claim names, unless it is generic ("artillery") or absent."""
    if isinstance(value, str):
        item = parse_claim(value).item
    elif isinstance(value, Claim):
        item = value.item
    else:
        return None
    if item is None:
        return None
    # Claims written by hand or recorded in 0.1 spell calibres "152 mm", "122 mm rocket".
    label = _CALIBRE.sub(r"\1mm", item.strip())
    label = vocabulary().catalogue.get(label, label)
    return None if label in GENERIC_ITEMS else label


def _route_munition(
    given: object, munition: str | Munition | None, mix: Mapping[str, float] | None, cat: Catalogue
) -> str | Munition:
    """The munition to use: an explicit argument, else the one the phrase names, else 152 mm.

    A phrase that names one catalogue munition and an explicit argument (or mix) that says
    another is a contradiction, and an error.
    """
    item = _specific_item(given)
    if mix is not None:
        if item is not None and item not in mix:
            raise ValueError(f"the phrase names {item!r}, which is not in mix={dict(mix)}")
        return munition if munition is not None else DEFAULT_MUNITION
    if munition is None:
        named = named_munition(given, cat)
        return named if named is not None else DEFAULT_MUNITION
    explicit = munition if isinstance(munition, str) else munition.name
    if item is not None and item != explicit:
        raise ValueError(
            f"munition={explicit!r} contradicts the phrase, which names {item!r}; drop the "
            "argument or change the phrase"
        )
    return munition


def _packings(
    munitions: Mapping[str, Munition], packing: PackingLike
) -> dict[str, dict[str, float]]:
    """Each munition's packings and weights. A packing (or weights) given applies to the
    munitions that know it; a munition with a single packing keeps it."""
    packing = _validation.packing(packing)
    if packing is None:
        return {name: m.packing_weights(None) for name, m in munitions.items()}
    named = {packing} if isinstance(packing, str) else set(packing)
    out = {}
    for name, m in munitions.items():
        if named <= set(m.packings) or len(m.packings) > 1 or len(munitions) == 1:
            out[name] = m.packing_weights(packing)  # unknown names raise, listing the known
        else:
            out[name] = m.packing_weights(None)
    return out


class LoadSpec(NamedTuple):
    """What is loaded, into what, how full, and what a count counts.

    The arguments the load estimates share, as `load_function` takes them.

    Parameters
    ----------
    munition : str, Munition or None
        What the carriers hold (ignored when ``mix`` is given); ``None`` for the one the
        count names (see `named_munition`), else ``DEFAULT_MUNITION`` (152 mm).
    container : str, Carrier or None
        What kind of carrier; ``None`` for a load that needs no carrier (tonnes).
    fill_fraction : float, Distribution, phrase or Claim
        Share of each carrier's capacity used for these rounds, in (0, 1]; a phrase is
        read as a fraction ("about half").
    mix : mapping of str to float, optional
        Shares of rounds by munition.
    packing : str, mapping or None
        What a count counts (see the module docstring).
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    See Also
    --------
    load_function : Turns one into a `~munitions_model.capacity.Load` and its inputs.

    Examples
    --------
    >>> spec = LoadSpec("152mm", "40ft", packing="complete")
    >>> spec.container, spec.fill_fraction, spec.resolved().munition("152mm").name
    ('40ft', 1.0, '152mm')
    """

    munition: str | Munition | None = None
    container: str | Carrier | None = "20ft"
    fill_fraction: float | Distribution | str | Claim = 1.0
    mix: Mapping[str, float] | None = None
    packing: PackingLike = None
    catalogue: Catalogue | None = None

    def resolved(self) -> Catalogue:
        """Return the catalogue the names are looked up in.

        Returns
        -------
        Catalogue
            ``catalogue``, or the bundled one when it is ``None``.
        """
        if self.catalogue is None:
            return default_catalogue()
        checked: Catalogue = _validation.instance(self.catalogue, Catalogue, "catalogue")
        return checked


def load_function(
    spec: LoadSpec, mode: LoadMode, name: str
) -> tuple[Load, dict[str, Distribution], dict[str, Parameter]]:
    """The load as a function of named draws, with its physical inputs.

    Parameters
    ----------
    spec : LoadSpec
        What is loaded into what.
    mode : str
        What the function returns (see `munitions_model.capacity.Load`).
    name : str
        What an estimate records as its function.

    Returns
    -------
    load : Load
        Pure numpy, vectorised over draws.
    inputs : dict of str to Distribution
        Every catalogue number it uses, as the distribution it is drawn from (slow
        quantile functions tabulated once: `Parameter.sampling_distribution`), and
        ``packing`` (uniform on [0, 1)) when a munition has several packings. The count,
        rounds, tonnes and fill fraction are not included.
    parameters : dict of str to Parameter
        The catalogue parameters behind ``inputs`` (``packing`` has none).

    See Also
    --------
    munitions_model.capacity.Load : What it builds.
    input_label : Its inputs in words.

    Examples
    --------
    >>> load, inputs, _ = load_function(LoadSpec("152mm", "20ft", packing="complete"),
    ...                                 "capacity", "capacity")
    >>> sorted(inputs)[:3], load.drawn_packing
    (['152mm.case_kg', '152mm.projectile_kg', '152mm.propellant_kg'], False)
    """
    cat = spec.resolved()
    munition = DEFAULT_MUNITION if spec.munition is None else spec.munition
    munitions, shares = _mix(spec.mix, munition, cat)
    packings = _packings(munitions, spec.packing)
    chain = () if spec.container is None else cat.chain(cat.carrier(spec.container))
    parameters: dict[str, Parameter] = {}
    if chain:
        for c in chain:
            parameters.update(c.parameters())
    for m_name, m in munitions.items():
        for key, q in m.parameters(packings[m_name]).items():
            parameters[f"{m_name}.{key}"] = q
    load = Load(munitions, shares, packings, chain, mode, name)
    inputs = {key: q.sampling_distribution() for key, q in parameters.items()}
    if load.drawn_packing:
        inputs["packing"] = Uniform(low=0.0, high=1.0)
    return load, inputs, parameters


def input_label(name: str, load: Load) -> str:
    """Describe a load input in words, e.g. ``"payload of a 20ft carrier [kg]"``.

    Parameters
    ----------
    name : str
        The input's name (``payload_kg``, ``152mm.round.packed_volume_m3``, ``packing`` ...).
    load : Load
        The load it is an input of (for the carriers' names).

    Returns
    -------
    str
        The words, with the unit in brackets where it has one; ``name`` itself when the
        input is not one a load has.

    See Also
    --------
    load_function : The load and its inputs.

    Examples
    --------
    >>> load, _, _ = load_function(LoadSpec("152mm", "20ft"), "capacity", "capacity")
    >>> input_label("152mm.round.packaging_fraction", load)
    'packing mass of a 152mm round package, as a share of its contents'
    """
    inner = load.chain[-1].name if load.chain else "carrier"
    fixed = {
        "payload_kg": f"payload of a {inner} carrier [kg]",
        "volume_m3": f"internal volume of a {inner} carrier [m3]",
        "length_m": f"internal length of a {inner} carrier [m]",
        "packing_efficiency": f"share of a {inner} carrier's space packages fill",
        "packing": "what a count counts (the packing)",
        "fill_fraction": "share of each carrier's capacity holding these rounds",
    }
    if name in fixed:
        return fixed[name]
    for outer, held in zip(load.chain[:-1], load.chain[1:], strict=True):
        if name == f"{outer.name}.holds":
            return f"{held.name} carriers a {outer.name} holds"
    munition, _, rest = name.partition(".")
    package, _, field = rest.partition(".")
    words = {
        "packaging_fraction": f"packing mass of a {munition} {package} package, as a share "
        "of its contents",
        "packed_volume_m3": f"space a packed {munition} {package} takes [m3]",
        "packed_length_m": f"length of a packed {munition} {package} [m]",
        "cross_section_m2": f"end-face area a packed {munition} {package} takes [m2]",
    }
    if field in words:
        return words[field]
    if rest.endswith("_kg"):
        return f"mass of a {munition} {rest.removesuffix('_kg')} [kg]"
    return name


def rounds_per_container(
    munition: str | Munition,
    container: str | Carrier = "20ft",
    *,
    mix: Mapping[str, float] | None = None,
    packing: PackingLike = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Estimate the rounds a **full** carrier holds, with the catalogue's uncertainty.

    The smaller of the payload-limited and the volume- (and length-) limited counts, each
    drawn from the catalogue's distributions (see :mod:`munitions_model.capacity` and
    ``data/munitions.json``, ``data/carriers.json``); for a carrier of carriers (a flatcar,
    a train), the count it holds times the capacity of each.

    Parameters
    ----------
    munition : str or Munition
        ``"152mm"``, ``"122mm"``, ``"122mm-rocket"``, or your own `Munition`.
    container : str or Carrier, default "20ft"
        ``"20ft"``, ``"40ft"``, ``"boxcar"``, ``"flatcar"``, ``"rail_car"``, ``"train"``, or
        your own `Carrier`.
    mix : mapping of str to float, optional
        Shares of rounds by munition [fraction], e.g. ``{"152mm": 0.7, "122mm": 0.3}``,
        summing to 1; replaces ``munition``.
    packing : str or mapping of str to float, optional
        What a count counts: ``"complete"``, ``"separate"``, ``"projectile"`` (or
        ``"crated"`` for rockets), or weights over them; by default each munition's
        ``shipped`` weights (see the module docstring).
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate` (``"auto"`` is Monte Carlo here).
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    Returns
    -------
    Estimate
        In rounds/container (per carrier: a rail car or a train counts as one).

    Raises
    ------
    ValueError
        For an unknown munition, carrier or packing (the message lists the known ones) or
        a mix that does not sum to 1.

    See Also
    --------
    rounds_from_containers : Rounds in a number of carriers.
    containers_for_rounds : Carriers for a number of rounds.
    rounds_from_tonnes : Rounds in a mass of cargo.
    mass_per_round : The packed mass of a counted round.

    References
    ----------
    .. [1] ISW citing Estonian officials (Oct 2023): a container could hold 300 to 500
       shells. http://world.kbs.co.kr/service/news_view.htm?lang=f&Seq_Code=84202
    .. [2] ROK Defense Intelligence Agency to Rep. Kang Dae-sik (23 Oct 2024): about
       20,000 containers, about 9.4 million rounds "assuming all held 152 mm shells" (470 a
       container). https://kollo.kr/todaycontent?id=aurSfj

    Examples
    --------
    >>> crated = rounds_per_container("152mm", "20ft", packing="complete", samples=20_000, seed=1)
    >>> bare = rounds_per_container("152mm", "20ft", packing="projectile", samples=20_000, seed=1)
    >>> crated.unit, 250 < crated.median < 450 < bare.median < 600
    ('rounds/container', True)
    """
    if container is None:  # a load without a carrier has no capacity to count
        raise ValueError("container must name a carrier (e.g. '20ft'), got None")
    spec = LoadSpec(munition, container, 1.0, mix, packing, catalogue)
    load, inputs, _ = load_function(spec, "capacity", "rounds_per_container")
    return estimate(
        load,
        dict(inputs),
        samples=samples,
        seed=seed,
        method="mc" if method == "auto" else method,
        unit=LOAD_UNITS["capacity"],
    )


def _fill(value: object, hedges: HedgeModel | None = None) -> float | Distribution:
    """Check a fill fraction (phrase, claim, number or distribution) lies in (0, 1].

    A phrase is read as a fraction ("about half", "a fifth", "30%"); a bare number in it is
    a fraction too ("0.8").
    """
    if isinstance(value, str | Claim):
        value = resolve_input("fill_fraction", value, "fraction", hedges).interpretation
    if _validation.is_real(value):
        return _validation.fraction(value, "fill_fraction", zero=False)
    if isinstance(value, DISTRIBUTION_TYPES):
        low, high = value.support
        if high > 1.0 or low < 0.0 or float(value.cdf(0.0)) > 0.0:
            bad = high if high > 1.0 else low
            raise ValueError(f"fill_fraction must lie in (0, 1], but {value} reaches {bad!r}")
        return value
    raise ValueError(
        f"fill_fraction must be a phrase, a number or a distribution, got "
        f"{_validation.shown(value)}"
    )


def rounds_from_containers(
    containers: Quantity,
    munition: str | Munition | None = None,
    container: str | Carrier = "20ft",
    fill_fraction: float | Distribution | str | Claim = 1.0,
    mix: Mapping[str, float] | None = None,
    *,
    packing: PackingLike = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Estimate the rounds in a number of carriers: count x capacity of a full one x fill.

    Officials who convert containers to shells assume full containers of one calibre; the US
    described the containers as holding "military equipment and munitions".

    Parameters
    ----------
    containers : Quantity
        How many carriers [containers], e.g. ``"more than 1,000 containers"`` (or rail cars,
        or trains, with ``container="rail_car"`` or ``"train"``).
    munition : str or Munition, optional
        What the carriers hold. By default the munition the phrase names ("2,000 containers of
        122mm rockets"; see `named_munition`), else ``"152mm"``; an argument that contradicts
        the phrase is an error. Ignored when ``mix`` is given.
    container : str or Carrier, default "20ft"
        What kind of carrier.
    fill_fraction : float, Distribution, str or Claim, default 1.0
        Share of each carrier's capacity used for these rounds [fraction], in (0, 1]. A
        phrase is read as a fraction ("about half", "80%").
    mix : mapping of str to float, optional
        Shares of rounds by munition [fraction], e.g. ``{"152mm": 0.7, "122mm": 0.3}``,
        summing to 1; replaces ``munition``.
    packing : str or mapping of str to float, optional
        What a count counts: ``"complete"``, ``"separate"``, ``"projectile"`` (or
        ``"crated"`` for rockets), or weights over them; by default each munition's
        ``shipped`` weights (see the module docstring).
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate` (``"auto"`` is Monte Carlo here).
    hedges : HedgeModel, optional
        How a phrase or claim is read; `~munitions_model.hedges.DEFAULT_HEDGES` when omitted.
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    Returns
    -------
    Estimate
        In rounds.

    Raises
    ------
    ValueError
        Negative containers, a fill fraction outside (0, 1], an unknown munition, carrier
        or packing, or a mix that does not sum to 1.

    See Also
    --------
    rounds_per_container : What one full carrier holds.
    containers_for_rounds : Carriers for a number of rounds.
    rounds_from_tonnes : Rounds in a mass of cargo.
    munitions_model.consistency.check_consistency : Checks a containers figure against others.

    Examples
    --------
    >>> est = rounds_from_containers("more than 1,000 containers", samples=20_000, seed=1)
    >>> est.unit, 300_000 < est.median < 1_000_000
    ('rounds', True)
    """
    return _estimate_load(
        "rounds_from_containers",
        ("containers", containers),
        "rounds",
        LoadSpec(munition, container, fill_fraction, mix, packing, catalogue),
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


def containers_for_rounds(
    rounds: Quantity,
    munition: str | Munition | None = None,
    container: str | Carrier = "20ft",
    fill_fraction: float | Distribution | str | Claim = 1.0,
    mix: Mapping[str, float] | None = None,
    *,
    packing: PackingLike = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Estimate the carriers needed for a number of rounds: rounds / (capacity x fill).

    The inverse of `rounds_from_containers`, with the same arguments in place of
    ``containers``; infinite for draws in which the munition does not fit at all.

    Parameters
    ----------
    rounds : Quantity
        How many rounds [rounds], e.g. ``"more than one million artillery rounds"``.
    munition : str or Munition, optional
        What the carriers hold. By default the munition the phrase names ("2,000 containers of
        122mm rockets"; see `named_munition`), else ``"152mm"``; an argument that contradicts
        the phrase is an error. Ignored when ``mix`` is given.
    container : str or Carrier, default "20ft"
        What kind of carrier.
    fill_fraction : float, Distribution, str or Claim, default 1.0
        Share of each carrier's capacity used for these rounds [fraction], in (0, 1]. A
        phrase is read as a fraction ("about half", "80%").
    mix : mapping of str to float, optional
        Shares of rounds by munition [fraction], e.g. ``{"152mm": 0.7, "122mm": 0.3}``,
        summing to 1; replaces ``munition``.
    packing : str or mapping of str to float, optional
        What a count counts: ``"complete"``, ``"separate"``, ``"projectile"`` (or
        ``"crated"`` for rockets), or weights over them; by default each munition's
        ``shipped`` weights (see the module docstring).
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate` (``"auto"`` is Monte Carlo here).
    hedges : HedgeModel, optional
        How a phrase or claim is read; `~munitions_model.hedges.DEFAULT_HEDGES` when omitted.
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    Returns
    -------
    Estimate
        In containers (carriers of the given kind; not rounded up).

    See Also
    --------
    rounds_per_container : What one full carrier holds.
    rounds_from_containers : Rounds in a number of carriers.
    rounds_from_tonnes : Rounds in a mass of cargo.

    Examples
    --------
    >>> est = containers_for_rounds("more than one million rounds", samples=20_000, seed=1)
    >>> est.unit, 1_500 < est.median < 5_000
    ('containers', True)
    """
    return _estimate_load(
        "containers_for_rounds",
        ("rounds", rounds),
        "carriers",
        LoadSpec(munition, container, fill_fraction, mix, packing, catalogue),
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


def rounds_from_tonnes(
    tonnes: Quantity,
    munition: str | Munition | None = None,
    mix: Mapping[str, float] | None = None,
    *,
    packing: PackingLike = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Estimate the rounds in a mass of cargo: ``1000 * tonnes / packed mass of a round``.

    Parameters
    ----------
    tonnes : Quantity
        Metric tonnes of ammunition as shipped [t], e.g. ``"more than 74,000 tonnes"``.
    munition : str or Munition, optional
        What the cargo is. By default the munition the phrase names ("1,000 tonnes of 122mm
        rockets"; see `named_munition`), else ``"152mm"``; an argument that contradicts
        the phrase is an error. Ignored when ``mix`` is given.
    mix : mapping of str to float, optional
        Shares of rounds by munition [fraction], e.g. ``{"152mm": 0.7, "122mm": 0.3}``,
        summing to 1; replaces ``munition``.
    packing : str or mapping of str to float, optional
        What a count counts: ``"complete"``, ``"separate"``, ``"projectile"`` (or
        ``"crated"`` for rockets), or weights over them; by default each munition's
        ``shipped`` weights (see the module docstring).
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate` (``"auto"`` is Monte Carlo here).
    hedges : HedgeModel, optional
        How a phrase or claim is read; `~munitions_model.hedges.DEFAULT_HEDGES` when omitted.
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    Returns
    -------
    Estimate
        In rounds.

    See Also
    --------
    rounds_per_container : What one full carrier holds.
    rounds_from_containers : Rounds in a number of carriers.
    containers_for_rounds : Carriers for a number of rounds.
    mass_per_round : The packed mass it divides by.

    References
    ----------
    .. [1] The Washington Post with C4ADS data (22 June 2024): "over 74,000 metric tons
       of explosives ... approximately 1.6 million artillery shells" (46.25 kg a shell).
       https://newsukraine.rbc.ua/news/north-korea-may-have-sent-1-6m-shells-to-1719145593.html

    Examples
    --------
    Projectiles alone at C4ADS's tonnage come to about their 1.6 million; complete crated
    rounds to about a million:

    >>> bare = rounds_from_tonnes(74_000, packing="projectile", samples=20_000, seed=1)
    >>> crated = rounds_from_tonnes(74_000, packing="complete", samples=20_000, seed=1)
    >>> 1.4e6 < bare.median < 1.7e6, 0.9e6 < crated.median < 1.2e6
    (True, True)
    """
    return _estimate_load(
        "rounds_from_tonnes",
        ("tonnes", tonnes),
        "rounds_from_tonnes",
        LoadSpec(munition, None, 1.0, mix, packing, catalogue),
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


def mass_per_round(
    munition: str | Munition = "152mm",
    mix: Mapping[str, float] | None = None,
    *,
    packing: PackingLike = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    catalogue: Catalogue | None = None,
) -> Estimate:
    """Estimate the packed mass of one counted round: its parts and their packing.

    Parameters
    ----------
    munition : str or Munition, default "152mm"
        The munition, by name or your own.
    mix : mapping of str to float, optional
        Shares of rounds by munition [fraction], e.g. ``{"152mm": 0.7, "122mm": 0.3}``,
        summing to 1; replaces ``munition``.
    packing : str or mapping of str to float, optional
        What a count counts: ``"complete"``, ``"separate"``, ``"projectile"`` (or
        ``"crated"`` for rockets), or weights over them; by default each munition's
        ``shipped`` weights (see the module docstring).
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate` (``"auto"`` is Monte Carlo here).
    catalogue : Catalogue, optional
        Where names are looked up; the bundled catalogue by default.

    Returns
    -------
    Estimate
        In kg/round.

    See Also
    --------
    rounds_from_tonnes : Divides a mass by it.
    rounds_per_container : The same load in a carrier.

    Examples
    --------
    >>> crated = mass_per_round("152mm", packing="complete", samples=20_000, seed=1)
    >>> crated.unit, 60 < crated.median < 75
    ('kg/round', True)
    """
    spec = LoadSpec(munition, None, 1.0, mix, packing, catalogue)
    load, inputs, _ = load_function(spec, "mass_per_round", "mass_per_round")
    return estimate(
        load,
        dict(inputs),
        samples=samples,
        seed=seed,
        method="mc" if method == "auto" else method,
        unit=LOAD_UNITS["mass_per_round"],
    )


def _slot_unit(unit: str) -> str | None:
    """``unit`` for the slot check, or ``None`` when this version's unit table does not
    know it (then the slot is not checked)."""
    try:
        return validate_unit(unit)
    except ValueError:
        return None


def _estimate_load(
    name: str,
    given: tuple[str, Quantity],
    mode: LoadMode,
    spec: LoadSpec,
    *,
    samples: int,
    seed: SeedLike,
    method: Method,
    hedges: HedgeModel | None,
) -> Estimate:
    """Rounds from carriers or tonnes, or carriers for rounds: ``given`` is the known side."""
    cat = spec.resolved()
    slot, value = given
    spec = spec._replace(munition=_route_munition(value, spec.munition, spec.mix, cat))
    unit = slot
    if slot == "containers" and spec.container is not None:
        unit = cat.carrier(spec.container).counted_as
    load, inputs, _ = load_function(spec, mode, name)
    resolve_input(slot, value, _slot_unit(unit), hedges)  # unit and sign checks, first
    run_inputs: dict[str, Quantity] = dict(inputs)
    run_inputs[slot] = value
    if spec.container is not None:
        run_inputs["fill_fraction"] = _fill(spec.fill_fraction, hedges)
    return estimate(
        load,
        run_inputs,
        samples=samples,
        seed=seed,
        method="mc" if method == "auto" else method,
        hedges=hedges,
        unit=LOAD_UNITS[mode],
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
    """Estimate the average rounds per transfer: ``rounds / transfers``.

    Parameters
    ----------
    rounds : Quantity
        Rounds [rounds], e.g. ``"more than one million artillery rounds"``.
    transfers : Quantity
        Transfers [transfers], e.g. ``"at least 10 arms transfers"``.
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate`.
    hedges : HedgeModel, optional
        How a phrase or claim is read; `~munitions_model.hedges.DEFAULT_HEDGES` when omitted.

    Returns
    -------
    Estimate
        In rounds/transfer.

    See Also
    --------
    transfer_cadence : Transfers per month.
    munitions_model.model.implied_rounds_per_transfer : The formula.

    References
    ----------
    .. [1] ROK NIS via lawmaker Yoo Sang-bum (1 Nov 2023): more than one million artillery
       rounds in at least 10 arms transfers since August (The Moscow Times, AFP).

    Examples
    --------
    >>> est = rounds_per_transfer("more than one million rounds", "at least 10 transfers",
    ...                           samples=20_000, seed=1)
    >>> est.unit, 50_000 < est.median < 150_000
    ('rounds/transfer', True)
    """
    return estimate(
        implied_rounds_per_transfer,
        {"rounds": rounds, "transfers": transfers},
        samples=samples,
        seed=seed,
        method=method,
        hedges=hedges,
    )


def _period(name: str, value: str | dt.date | Period) -> Period:
    """A date or a period (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or two joined by ``/``)."""
    if isinstance(value, Period):
        return value
    day = _validation.calendar_date(value, name)
    if day is not None:
        return Period(start=day, end=day)
    try:
        return Period.parse(value)
    except ValueError as err:
        raise ValueError(
            f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD (or two joined by '/'), "
            f"got {_validation.shown(value)}"
        ) from err


def elapsed_days(since: str | dt.date, reported_on: str | dt.date) -> Distribution:
    """Return the days from the start of activity to a report, as a distribution.

    ``since`` may be a month ("since August" is ``"2023-08"``): activity began on a day of
    it that is not known, so the elapsed time is uniform between the days from its last
    and from its first day to the report (a point when both are exact dates).

    Parameters
    ----------
    since : str or date
        When activity began: a date or a period (``"2023-08"`` for "since August").
    reported_on : str or date
        When it was reported.

    Returns
    -------
    Distribution
        In days: uniform between the days from the last and from the first day of ``since``
        to the report, a point when both are exact dates.

    Raises
    ------
    ValueError
        When ``reported_on`` does not come after the whole of ``since``.

    See Also
    --------
    transfer_cadence : Divides a count by it.

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
    """Estimate transfers per month, from a count since a date and the date it was reported.

    Parameters
    ----------
    transfers : Quantity
        Transfers [transfers], e.g. ``"at least 10 arms transfers to Russia since August"``.
    since : str or date
        When the transfers began: ``"2023-08"`` for "since August" (any day of it).
    reported_on : str or date
        When the count was reported, e.g. ``"2023-11-01"``.
    samples : int, default 100000
        Number of draws.
    seed : SeedLike, optional
        An integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a recorded
        `~munitions_model.estimation.SeedRecord`, or ``None`` for fresh entropy (recorded).
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        As for `munitions_model.estimate`.
    hedges : HedgeModel, optional
        How a phrase or claim is read; `~munitions_model.hedges.DEFAULT_HEDGES` when omitted.

    Returns
    -------
    Estimate
        In transfers/month (a month is 30.4375 days). Not a base unit: to use it as an
        input elsewhere, divide by 30.4375 for transfers/day.

    See Also
    --------
    elapsed_days : The time elapsed, as a distribution.
    rounds_per_transfer : Rounds per transfer.

    References
    ----------
    .. [1] ROK NIS (1 Nov 2023): "at least 10 arms transfers to Russia since August".

    Examples
    --------
    >>> est = transfer_cadence("at least 10 transfers", "2023-08", "2023-11-01",
    ...                        samples=20_000, seed=1)
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
