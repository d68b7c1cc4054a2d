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

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict

from munitions_model._parser import parse_claim
from munitions_model.catalogue import Carrier, Catalogue, Munition, default_catalogue
from munitions_model.claims import Claim
from munitions_model.distributions import Distribution, Point
from munitions_model.estimate import Estimate, estimate
from munitions_model.hedges import DEFAULT_HEDGES, HedgeModel, interpret
from munitions_model.logistics import (
    rounds_from_containers,
    rounds_from_transfers,
    rounds_in_containers,
    rounds_per_container,
)
from munitions_model.model import stock_rounds
from munitions_model.report import Spread

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
    samples, seed : int
        Draws per estimate, and the seed every estimate used.
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
    seed: int
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
            f"Medians with 90% ranges; hedge model {self.hedge_model}, n={self.samples:,}, "
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


def check_consistency(
    claims: str | Claim | Sequence[str | Claim],
    munition: str | Munition = "152mm",
    container: str | Carrier = "20ft",
    *,
    fill_fraction: float | Distribution = 1.0,
    mix: Mapping[str, float] | None = None,
    samples: int = 100_000,
    seed: int | None = None,
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
    seed : int, optional
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
    given = [claims] if isinstance(claims, str | Claim) else list(claims)
    if not given:
        raise ValueError("claims must hold at least one phrase or Claim")
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)
        seed = entropy % (1 << 63)
    read = [_Read(g, model) for g in given]
    by_role: dict[str, list[_Read]] = {}
    unused: list[str] = []
    for r in read:
        role = _ROLES.get(r.dist.unit or "")
        if role is None:
            unused.append(f"{r.text!r}: its unit ({r.dist.unit}) enters none of the relations")
        else:
            by_role.setdefault(role, []).append(r)

    carrier_name = _name(container)
    findings: list[Finding] = []

    def full(what: str | Munition, containers: Claim) -> Estimate:
        return rounds_from_containers(
            containers,
            what,
            container,
            fill_fraction,
            mix,
            samples=samples,
            seed=seed,
            hedges=model,
            catalogue=cat,
        )

    def product(fn: Callable[..., ArrayLike], inputs: dict[str, object]) -> Estimate:
        return estimate(fn, inputs, samples, seed, hedges=model)

    for r in by_role.get("rounds", []):
        what = r.munition(munition, cat)
        goods = _mix_text(mix) if mix is not None else f"{_name(what)} rounds"
        for c in by_role.get("containers", []):
            how = f"{c.text!r}, full {carrier_name} carriers of {goods}, would hold about {{n}}"
            findings.append(_finding("containers", [c, r], r, full(what, c.claim), how))
            for p in by_role.get("per_container", []):
                implied = product(
                    rounds_in_containers, {"containers": c.claim, "rounds_per_container": p.claim}
                )
                how = f"{c.text!r} at {p.text!r} would hold about {{n}}"
                findings.append(_finding("containers", [c, p, r], r, implied, how))
        for rate in by_role.get("rate", []):
            for d in by_role.get("duration", []):
                implied = product(
                    stock_rounds, {"rounds_per_day": rate.claim, "duration_days": d.claim}
                )
                how = f"{rate.text!r} for {d.text!r} comes to about {{n}} rounds"
                findings.append(_finding("rate_duration", [rate, d, r], r, implied, how))
        for t in by_role.get("transfers", []):
            for p in by_role.get("per_transfer", []):
                implied = product(
                    rounds_from_transfers, {"transfers": t.claim, "rounds_per_transfer": p.claim}
                )
                how = f"{t.text!r} of {p.text!r} each come to about {{n}} rounds"
                findings.append(_finding("transfers", [t, p, r], r, implied, how))
    for p in by_role.get("per_container", []):
        goods = _mix_text(mix) if mix is not None else f"{_name(munition)} rounds"
        capacity = rounds_per_container(
            munition, container, mix=mix, samples=samples, seed=seed, catalogue=cat
        )
        how = f"a full {carrier_name} carrier holds about {{n}} {goods} by weight and volume"
        findings.append(_finding("capacity", [p], p, capacity, how))

    if not findings:
        roles = {r.text: _ROLES.get(r.dist.unit or "", "none") for r in read}
        raise ValueError(
            "no relation links these claims; found "
            f"{', '.join(f'{t!r} ({role})' for t, role in roles.items())}. A check needs a "
            "rounds figure with a container count, or with a rate and a duration, or with a "
            "transfer count and rounds per transfer; or a rounds-per-container figure"
        )
    used = {text for f in findings for text in f.claims}
    for r in read:
        if r.text not in used and not any(r.text in u for u in unused):
            unused.append(f"{r.text!r}: no other claim completes a relation with it")
    return ConsistencyReport(
        consistent=all(f.verdict == "consistent" for f in findings),
        findings=tuple(findings),
        unused=tuple(unused),
        munition="mix" if mix is not None else _name(munition),
        container=carrier_name,
        mix=None if mix is None else {k: float(v) for k, v in mix.items()},
        fill_fraction=str(fill_fraction),
        hedge_model=model.label,
        samples=samples,
        seed=seed,
        thresholds={"consistent_at": CONSISTENT_AT, "inconsistent_below": INCONSISTENT_BELOW},
    )
