"""Can these reported figures all be true? Cross-checks through the relations that link them.

:func:`check_consistency` reads each claim (a phrase or a `Claim`), sorts it by its unit
and checks every combination that one of these relations links:

``containers``
    rounds = containers x rounds per container, with the capacity of a full carrier from
    the physics of :mod:`munitions_model.logistics` (and, when a rounds-per-container
    figure is among the claims, with that figure too);
``capacity``
    a stated rounds-per-container figure against the physical capacity of a full carrier;
``rate_duration``
    rounds = rate x days: a stock, a fire rate and how long the stock lasts;
``transfers``
    rounds = transfers x rounds per transfer.

Units decide: ``rounds`` is a stock, ``containers`` a count of carriers, ``days`` (weeks,
months) a duration, ``rounds/day`` (per month, per year) a fire rate, and so on. In each
finding the rounds figure (or the rounds-per-container figure, for ``capacity``) is the one
*checked*; the others *imply* a distribution for it, computed with the estimation engine.

Measure and verdicts
--------------------
The agreement is the probability, under the hedge model's reading of the checked figure,
that it lies inside the central 90% interval implied by the others. A figure that agrees
exactly with what the others imply scores about 0.9; one that is much vaguer than the
others scores less even when it agrees, which is why the bar for ``consistent`` is low.

* ``consistent``: agreement >= 0.2 (``CONSISTENT_AT``);
* ``inconsistent``: agreement < 0.02 (``INCONSISTENT_BELOW``), with the checked figure
  lying beyond the implied range; for the physical relations (``containers``,
  ``capacity``) only when it lies **above** it: more than full carriers can physically
  hold;
* ``tension`` otherwise, and always when a figure lies *below* what full carriers would
  hold: carriers may be part-filled or carry other equipment (the US described the
  containers as holding "military equipment and munitions"), so fewer rounds than the
  physical maximum is possible, and the explanation says what fill it implies.

The report is ``consistent`` only when every finding is.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict

from munitions_model import _validation, limits
from munitions_model._parser import parse_claim
from munitions_model._validation import SeedLike, SeedRecord
from munitions_model.catalogue import Carrier, Catalogue, Munition, default_catalogue
from munitions_model.claims import Claim
from munitions_model.distributions import Distribution, Point
from munitions_model.estimation import Estimate, Quantity, Spread, estimate
from munitions_model.hedges import DEFAULT_HEDGES, HedgeModel, interpret
from munitions_model.logistics import (
    rounds_from_containers,
    rounds_from_transfers,
    rounds_in_containers,
    rounds_per_container,
)
from munitions_model.model import stock_rounds

__all__ = [
    "CONSISTENT_AT",
    "INCONSISTENT_BELOW",
    "ConsistencyReport",
    "Finding",
    "check_consistency",
]

#: Agreement at or above which a finding is ``consistent``.
CONSISTENT_AT = 0.2
#: Agreement below which a finding is ``inconsistent`` (beyond physical capacity, for the
#: physical relations).
INCONSISTENT_BELOW = 0.02

Verdict = Literal["consistent", "tension", "inconsistent"]
Relation = Literal["containers", "capacity", "rate_duration", "transfers"]

_FORMULAS: dict[Relation, str] = {
    "containers": "rounds = containers x rounds per container",
    "capacity": "rounds per container <= capacity of a full carrier (payload and volume)",
    "rate_duration": "rounds = rate x days",
    "transfers": "rounds = transfers x rounds per transfer",
}
_PHYSICAL: frozenset[Relation] = frozenset({"containers", "capacity"})
#: Base unit of a claim -> its role in the relations.
_ROLES = {
    "rounds": "rounds",
    "containers": "containers",
    "transfers": "transfers",
    "days": "duration",
    "rounds/day": "rate",
    "rounds/container": "per_container",
    "rounds/transfer": "per_transfer",
}


class Finding(BaseModel):
    """One relation applied to one combination of claims.

    Attributes
    ----------
    relation : str
        ``containers``, ``capacity``, ``rate_duration`` or ``transfers``.
    formula : str
        The relation in words, e.g. ``"rounds = rate x days"``.
    claims : tuple of str
        The claims involved, as phrases.
    checked : str
        The claim tested against what the others imply.
    stated, implied : Spread
        Median and 90% interval of the checked claim as read, and of what the others imply.
    agreement : float
        Probability that the checked figure lies inside the implied 90% interval.
    above, below : float
        Probability that it lies above / below that interval.
    verdict : str
        ``consistent``, ``tension`` or ``inconsistent`` (see the module docstring).
    explanation : str
        One plain-English sentence.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    relation: Relation
    formula: str
    claims: tuple[str, ...]
    checked: str
    stated: Spread
    implied: Spread
    agreement: float
    above: float
    below: float
    verdict: Verdict
    explanation: str


class ConsistencyReport(BaseModel):
    """What :func:`check_consistency` found.

    Attributes
    ----------
    consistent : bool
        True only when every finding is ``consistent``.
    findings : tuple of Finding
    unused : tuple of str
        Claims no relation could use, each with the reason.
    munition, container : str
        The load assumed for the physical relations (``munition`` is ``"mix"`` for a mix).
    mix : dict, optional
        Shares of rounds by munition, when a mix was given.
    fill_fraction : str
        Share of each carrier's capacity assumed used for rounds.
    hedge_model : str
    samples : int
        Draws per estimate.
    seed : SeedRecord
        The seed every estimate used (pass it as ``seed=`` to reproduce the report).
    thresholds : dict
        ``consistent_at`` and ``inconsistent_below``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    consistent: bool
    findings: tuple[Finding, ...]
    unused: tuple[str, ...]
    munition: str
    container: str
    mix: dict[str, float] | None
    fill_fraction: str
    hedge_model: str
    samples: int
    seed: SeedRecord
    thresholds: dict[str, float]

    def to_text(self) -> str:
        """The report as plain text: the overall verdict, then each finding."""
        verdicts = [f.verdict for f in self.findings]
        overall = (
            "consistent"
            if self.consistent
            else ("inconsistent" if "inconsistent" in verdicts else "tension")
        )
        load = self.munition if self.mix is None else _mix_text(self.mix)
        lines = [
            f"Overall: {overall} ({len(self.findings)} finding(s); load: {load} in "
            f"{self.container} carriers, fill {self.fill_fraction})",
        ]
        for f in self.findings:
            lines += [
                "",
                f"[{f.verdict}] {f.formula}",
                f"  claims: {', '.join(repr(c) for c in f.claims)}",
                f"  {f.checked!r} as read: {f.stated.text()} {f.stated.unit}",
                f"  implied by the others: {f.implied.text()} {f.implied.unit}",
                f"  agreement (chance it lies in the implied 90% range): {f.agreement:.2f}",
                f"  {f.explanation}",
            ]
        if self.unused:
            lines += ["", "Not used:"] + [f"  {u}" for u in self.unused]
        lines += [
            "",
            f"Medians with 90% ranges; hedge model {self.hedge_model}, samples={self.samples:,}, "
            f"seed={self.seed}; consistent at agreement >= {self.thresholds['consistent_at']}, "
            f"inconsistent below {self.thresholds['inconsistent_below']}.",
        ]
        return "\n".join(lines)


# -- helpers ----------------------------------------------------------------------------------


def _about(x: float) -> str:
    """A number for prose: two significant figures, thousands separated."""
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    digits = 1 - math.floor(math.log10(abs(x)))
    rounded = round(x, digits)
    if digits <= 0:
        return f"{int(rounded):,}"
    return f"{rounded:,.{digits}f}"


def _range(thing: Spread) -> str:
    return f"{_about(thing.low)} to {_about(thing.high)}"


def _mix_text(mix: Mapping[str, float]) -> str:
    return " + ".join(f"{share:.0%} {name}" for name, share in mix.items())


class _Read:
    """A claim as given and as read."""

    def __init__(self, given: str | Claim, hedges: HedgeModel):
        self.claim = parse_claim(given) if isinstance(given, str) else given
        if isinstance(given, str):
            self.text = given
        elif given.phrase:
            self.text = given.phrase
        else:
            self.text = f"{given.qualifier} {given.value:g} {given.unit}"
        self.dist: Distribution = interpret(self.claim, hedges)

    def munition(self, default: str | Munition, cat: Catalogue) -> str | Munition:
        """The munition its item names (``"152 mm"`` -> ``"152mm"``), else ``default``."""
        item = (self.claim.item or "").replace(" ", "").lower()
        return item if item in cat.munitions else default


def _position(dist: Distribution, low: float, high: float) -> tuple[float, float, float]:
    """(agreement, above, below): the mass of ``dist`` inside, above and below [low, high]."""
    if isinstance(dist, Point):
        below = 1.0 if dist.value < low else 0.0
        above = 1.0 if dist.value > high else 0.0
    else:
        below = float(dist.cdf(np.nextafter(low, -np.inf)))
        above = 1.0 - float(dist.cdf(high))
    below, above = min(max(below, 0.0), 1.0), min(max(above, 0.0), 1.0)
    return max(0.0, 1.0 - below - above), above, below


def _verdict(relation: Relation, agreement: float, above: float, below: float) -> Verdict:
    if agreement >= CONSISTENT_AT:
        return "consistent"
    if relation in _PHYSICAL and below >= above:
        return "tension"  # fewer rounds than full carriers hold is possible
    return "inconsistent" if agreement < INCONSISTENT_BELOW else "tension"


def _finding(
    relation: Relation,
    claims: Sequence[_Read],
    checked: _Read,
    implied: Estimate,
    how: str,
) -> Finding:
    """Compare ``checked`` with ``implied``. ``how`` says in words where ``implied`` comes
    from, with ``{n}`` where its median goes; the explanation continues it."""
    low, high = implied.interval(0.9)
    agreement, above, below = _position(checked.dist, low, high)
    verdict = _verdict(relation, agreement, above, below)
    stated, spread = Spread.of(checked.dist), Spread.of(implied)
    it = repr(checked.text)
    if verdict == "consistent":
        outcome = f"which agrees with {it}"
    elif relation in _PHYSICAL and above > below:
        if verdict == "inconsistent":
            outcome = (
                f"so {it} is more than can physically fit: the figures cannot both be true "
                "as stated"
            )
        else:
            outcome = (
                f"so {it} is more than usually fits: only {agreement:.0%} of its plausible "
                "values lie in that range"
            )
    elif relation in _PHYSICAL:
        fill = stated.median / spread.median if spread.median > 0 else math.inf
        outcome = (
            f"more than {it}, so the two agree only if the carriers were about "
            f"{min(fill, 1.0):.0%} full of these rounds or also carried other things"
        )
    elif verdict == "inconsistent":
        side = "below" if above > below else "above"  # where the implied figure lies
        outcome = f"far {side} {it}: the figures cannot all be true as stated"
    else:
        outcome = f"which overlaps {it} only partly ({agreement:.0%} chance it lies in that range)"
    amount = how.format(n=_about(spread.median))
    explanation = f"{amount} (90% range {_range(spread)}), {outcome}."
    return Finding(
        relation=relation,
        formula=_FORMULAS[relation],
        claims=tuple(c.text for c in claims),
        checked=checked.text,
        stated=stated,
        implied=spread,
        agreement=agreement,
        above=above,
        below=below,
        verdict=verdict,
        explanation=explanation[0].upper() + explanation[1:],
    )


def _name(thing: str | Munition | Carrier) -> str:
    return thing if isinstance(thing, str) else thing.name


@dataclass(frozen=True)
class _Context:
    """What every relation needs besides the claims: the load, the estimation controls."""

    munition: str | Munition
    container: str | Carrier
    fill_fraction: float | Distribution
    mix: Mapping[str, float] | None
    samples: int
    seed: SeedRecord
    hedges: HedgeModel
    catalogue: Catalogue

    @property
    def carrier(self) -> str:
        return _name(self.container)

    def goods(self, what: str | Munition) -> str:
        """What the carriers hold, in words."""
        return _mix_text(self.mix) if self.mix is not None else f"{_name(what)} rounds"

    def full(self, containers: _Read, what: str | Munition) -> Estimate:
        """Rounds in that many full carriers of ``what`` (or of the mix)."""
        return rounds_from_containers(
            containers.claim,
            what,
            self.container,
            self.fill_fraction,
            self.mix,
            samples=self.samples,
            seed=self.seed,
            hedges=self.hedges,
            catalogue=self.catalogue,
        )

    def product(self, fn: Callable[..., ArrayLike], inputs: dict[str, Quantity]) -> Estimate:
        """``fn`` of the claims, through the engine."""
        return estimate(fn, inputs, samples=self.samples, seed=self.seed, hedges=self.hedges)

    def capacity(self) -> Estimate:
        """Rounds a full carrier holds."""
        return rounds_per_container(
            self.munition,
            self.container,
            mix=self.mix,
            samples=self.samples,
            seed=self.seed,
            catalogue=self.catalogue,
        )


@dataclass(frozen=True)
class _Relation:
    """One row of the table of relations: the claim checked (by role), the claims that
    imply it (by role), what they imply, and how to say so (``{n}`` for the median)."""

    name: Relation
    checked: str
    given: tuple[str, ...]
    implied: Callable[[_Context, _Read, Sequence[_Read]], Estimate]
    how: Callable[[_Context, _Read, Sequence[_Read]], str]


def _full_how(ctx: _Context, r: _Read, given: Sequence[_Read]) -> str:
    goods = ctx.goods(r.munition(ctx.munition, ctx.catalogue))
    return f"{given[0].text!r}, full {ctx.carrier} carriers of {goods}, would hold about {{n}}"


def _capacity_how(ctx: _Context, p: _Read, given: Sequence[_Read]) -> str:
    goods = ctx.goods(ctx.munition)
    return f"a full {ctx.carrier} carrier holds about {{n}} {goods} by weight and volume"


#: Every relation, in the order findings are reported for each checked claim.
_RELATIONS: tuple[_Relation, ...] = (
    _Relation(
        "containers",
        "rounds",
        ("containers",),
        lambda ctx, r, g: ctx.full(g[0], r.munition(ctx.munition, ctx.catalogue)),
        _full_how,
    ),
    _Relation(
        "containers",
        "rounds",
        ("containers", "per_container"),
        lambda ctx, r, g: ctx.product(
            rounds_in_containers, {"containers": g[0].claim, "rounds_per_container": g[1].claim}
        ),
        lambda ctx, r, g: f"{g[0].text!r} at {g[1].text!r} would hold about {{n}}",
    ),
    _Relation(
        "rate_duration",
        "rounds",
        ("rate", "duration"),
        lambda ctx, r, g: ctx.product(
            stock_rounds, {"rounds_per_day": g[0].claim, "duration_days": g[1].claim}
        ),
        lambda ctx, r, g: f"{g[0].text!r} for {g[1].text!r} comes to about {{n}} rounds",
    ),
    _Relation(
        "transfers",
        "rounds",
        ("transfers", "per_transfer"),
        lambda ctx, r, g: ctx.product(
            rounds_from_transfers, {"transfers": g[0].claim, "rounds_per_transfer": g[1].claim}
        ),
        lambda ctx, r, g: f"{g[0].text!r} of {g[1].text!r} each come to about {{n}} rounds",
    ),
    _Relation("capacity", "per_container", (), lambda ctx, p, g: ctx.capacity(), _capacity_how),
)


def _by_role(read: Sequence[_Read]) -> tuple[dict[str, list[_Read]], list[str]]:
    """Claims by their role in the relations, and why the others enter none."""
    by_role: dict[str, list[_Read]] = {}
    unused: list[str] = []
    for r in read:
        role = _ROLES.get(r.dist.unit or "")
        if role is None:
            unused.append(f"{r.text!r}: its unit ({r.dist.unit}) enters none of the relations")
        else:
            by_role.setdefault(role, []).append(r)
    return by_role, unused


def _findings(ctx: _Context, by_role: Mapping[str, Sequence[_Read]]) -> list[Finding]:
    """Every relation applied to every combination of claims it can take: for each
    checked claim (rounds first, then rounds per container), the relations in table order.
    Their number is checked against ``munitions_model.limits`` (``findings``) first."""
    count = sum(
        len(by_role.get(relation.checked, []))
        * math.prod(len(by_role.get(g, [])) for g in relation.given)
        for relation in _RELATIONS
    )
    limits.check("findings", count, "check_consistency's findings")
    return [
        _finding(
            relation.name,
            [*given, checked],
            checked,
            relation.implied(ctx, checked, given),
            relation.how(ctx, checked, given),
        )
        for role in ("rounds", "per_container")
        for checked in by_role.get(role, [])
        for relation in _RELATIONS
        if relation.checked == role
        for given in itertools.product(*(by_role.get(g, []) for g in relation.given))
    ]


def _nothing_links(read: Sequence[_Read]) -> ValueError:
    roles = {r.text: _ROLES.get(r.dist.unit or "", "none") for r in read}
    return ValueError(
        "no relation links these claims; found "
        f"{', '.join(f'{t!r} ({role})' for t, role in roles.items())}. A check needs a "
        "rounds figure with a container count, or with a rate and a duration, or with a "
        "transfer count and rounds per transfer; or a rounds-per-container figure"
    )


def _claims_given(claims: object) -> list[str | Claim]:
    """The claims to check, as a list: one phrase or `Claim`, or a list of them."""
    if isinstance(claims, str | Claim):
        return [claims]
    if not isinstance(claims, list | tuple):
        raise ValueError(
            f"claims must be a phrase, a Claim or a list of them, got {_validation.shown(claims)}"
        )
    for i, item in enumerate(claims):
        if not isinstance(item, str | Claim):
            raise ValueError(
                f"claims[{i}] must be a phrase or a Claim, got {_validation.shown(item)}"
            )
    if not claims:
        raise ValueError(f"claims must hold at least one phrase or Claim, got {claims!r}")
    return list(claims)


def check_consistency(
    claims: str | Claim | Sequence[str | Claim],
    munition: str | Munition = "152mm",
    container: str | Carrier = "20ft",
    *,
    fill_fraction: float | Distribution = 1.0,
    mix: Mapping[str, float] | None = None,
    samples: int = 100_000,
    seed: SeedLike = None,
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> ConsistencyReport:
    """Check reported figures against each other through the relations that link them.

    Parameters
    ----------
    claims : phrase, Claim, or a sequence of them
        E.g. ``["more than 1,000 containers", "more than one million rounds"]``.
    munition : str or Munition
        What the carriers hold, for the physical relations (default ``"152mm"``). A rounds
        claim that names a calibre in the catalogue ("two million 152 mm rounds") uses it.
    container : str or Carrier
        The kind of carrier a container count counts (default ``"20ft"``).
    fill_fraction : float or distribution
        Share of each carrier's capacity used for rounds, in (0, 1]; default 1 (full, the
        conversion officials make).
    mix : mapping of str to float, optional
        Shares of rounds by munition, replacing ``munition``.
    samples : int
        Draws per estimate.
    seed : SeedLike
        Every estimate uses this seed; drawn afresh (and recorded) when omitted.
    hedges : HedgeModel, optional
        How the claims' wording is read.
    catalogue : Catalogue, optional
        Where munition and carrier names are looked up.

    Returns
    -------
    ConsistencyReport

    Raises
    ------
    ValueError
        When no relation links the claims (the message says what each one needs), or for
        the bad inputs `rounds_from_containers` refuses.

    Examples
    --------
    >>> report = check_consistency(
    ...     ["more than 1,000 containers", "more than one million rounds"],
    ...     samples=20_000, seed=1)
    >>> report.consistent, report.findings[0].relation, report.findings[0].verdict
    (False, 'containers', 'inconsistent')
    """
    model = DEFAULT_HEDGES if hedges is None else hedges
    cat = default_catalogue() if catalogue is None else catalogue
    cat.carrier(container)
    if mix is None:
        cat.munition(munition)
    given = _claims_given(claims)
    ctx = _Context(
        munition=munition,
        container=container,
        fill_fraction=fill_fraction,
        mix=mix,
        samples=_validation.samples(samples),
        seed=_validation.seed_record(seed),  # one seed for every estimate
        hedges=model,
        catalogue=cat,
    )
    read = [_Read(g, model) for g in given]
    by_role, unused = _by_role(read)
    findings = _findings(ctx, by_role)
    if not findings:
        raise _nothing_links(read)
    used = {text for f in findings for text in f.claims}
    for r in read:
        if r.text not in used and not any(r.text in u for u in unused):
            unused.append(f"{r.text!r}: no other claim completes a relation with it")
    return ConsistencyReport(
        consistent=all(f.verdict == "consistent" for f in findings),
        findings=tuple(findings),
        unused=tuple(unused),
        munition="mix" if mix is not None else _name(munition),
        container=ctx.carrier,
        mix=None if mix is None else {k: float(v) for k, v in mix.items()},
        fill_fraction=str(fill_fraction),
        hedge_model=model.label,
        samples=ctx.samples,
        seed=ctx.seed,
        thresholds={"consistent_at": CONSISTENT_AT, "inconsistent_below": INCONSISTENT_BELOW},
    )
