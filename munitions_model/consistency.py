"""Can these reported figures all be true? Cross-checks through the relations that link them.

:func:`check_consistency` reads each figure (a phrase, a `Claim`, or a dated, attributed
figure with a subject and a period), gives it a role by its unit, and applies each
relation of a small table to the figures that can fill its roles:

``same``
    two figures of one quantity (two counts of rounds, two fire rates ...);
``containers``
    rounds = carriers x rounds a full carrier holds x fill fraction, the capacity from the
    physics of :mod:`munitions_model.logistics` (containers, rail cars or trains);
``capacity``
    a stated rounds-per-container figure = the capacity of a full carrier;
``stated_capacity``
    rounds = containers x a stated rounds-per-container figure;
``tonnes``
    rounds = 1000 x tonnes / packed mass of a counted round;
``rate_duration``
    rounds = rate x days: a stock, a fire rate and how long the stock lasts;
``transfers``
    rounds = transfers x rounds per transfer.

Which figures are related
-------------------------
Figures are related only when they are about the same thing and their periods overlap. A
plain phrase or `Claim` has no subject and no period, so a list of them is taken to be
about one thing. A figure with a subject (a bundled `~munitions_model.record.ReportedFigure`,
a ledger report, or a ``(claim, subject, period)`` triple) is related to figures whose
subjects are linked: the same subject; subjects that differ only in what they count
(``nk_to_russia_rounds`` and ``nk_to_russia_containers``); a subject that applies to any
flow (``rounds_per_container``); or subjects in one set of `LINKED_SUBJECTS` (a stock, the
rate it is fired at and how long it lasts). A relation takes, for each figure that can
fill one of its roles, the related partners whose periods overlap it most (then those
reported closest in time), not every combination, so the findings grow with the number of
figures, not with its cube; ``max_findings`` caps them. The report lists every figure left
unrelated, and why.

Compatibility
-------------
Every relation above is a product of powers, so in logarithms it says that a difference
``D`` is zero: for ``containers``, ``D = log(rounds) - log(carriers) - log(capacity x
fill)``. Each figure is drawn from its reading (the hedge model's distribution), each
catalogue assumption from its distribution, all independently, and ``D`` is computed
draw by draw. The **compatibility** is ``c = 2 min(P(D < 0), P(D > 0))`` (ties split
evenly): the two-sided probability that zero difference is no further out than the draws.
It is 1 when the figures agree exactly and falls as they pull apart. A figure stated as a
range (``"between 100,000 and 100,000,000 rounds"``, or the vague ``"hundreds of
thousands"``) says only that the value lies in it, so it takes, in each draw, the value
in its range that brings ``D`` closest to zero: a range that contains what the others
imply is compatible with them (``c`` = 1), whatever its width.

Properties: ``c`` is the same whichever figure is taken as the one checked (``D`` only
changes sign), so order does not matter and every figure of a relation is checked at
once; a figure checked against itself scores about 1; with the same seed, ``P(D > 0)`` is
monotone in each figure, so ``c`` rises to a single peak and falls.

Verdicts and their thresholds
-----------------------------
Readings that are calibrated (the true value is a draw from each) and about one quantity
give ``D``'s sign the same odds as its draws, so ``c`` is then uniform on [0, 1]: a
threshold on ``c`` is the share of such agreeing figures that a verdict would misjudge.
The library states uncertainty as central 90% intervals (``LEVEL``), and the thresholds
follow from that:

* ``consistent`` when ``c >= 1 - LEVEL = 0.10`` (`CONSISTENT_AT`): zero lies inside the
  central 90% interval of ``D``; calibrated agreeing figures get this verdict 90% of the
  time;
* ``inconsistent`` when ``c < 2 Phi(-sqrt(2) z) = 0.020`` with ``z = Phi^-1(0.95)``
  (`INCONSISTENT_BELOW`): the value ``c`` takes when two readings of equal spread (in
  logs, normal) have central 90% intervals that just touch, the most lenient case, since
  a narrower reading against a wider one reaches up to 0.1 when their intervals touch;
  calibrated agreeing figures get this verdict 2% of the time;
* ``tension`` in between.

So a reading whose 90% interval contains the others' never scores below ``2 x 0.05 x
0.95 = 0.095`` and is never ``inconsistent``.

The physical relations (``containers``, ``capacity``, ``tonnes``) are one-sided: a
figure *below* what full carriers (or the tonnage) hold can be true if the carriers were
part filled or carried other cargo, so it is at most ``tension``, and the explanation
says what fill it needs. A figure *above* is ``inconsistent`` below the threshold, and the
explanation names the assumption that decides the verdict: a tornado over the physics
(the packing counted, the payload, the crate masses ...) and over the readings of the
figures gives each its share of the swing in ``c``, and the top one is stated with the
values at which the figures agree. "Physically impossible" is said only when the figures
stay inconsistent with every catalogue assumption at its most favourable end at once
(each at the end of its support, or its 0.1% / 99.9% quantile when unbounded or open at
zero, under each packing).

The report is ``consistent`` only when every finding is.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import math
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, Protocol, TypeAlias, runtime_checkable

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from munitions_model import _validation, limits
from munitions_model._parser import parse_claim
from munitions_model._validation import SeedLike, SeedRecord
from munitions_model.capacity import Load, LoadMode
from munitions_model.catalogue import Carrier, Catalogue, Munition, default_catalogue
from munitions_model.claims import Claim, ClaimParseError, Source
from munitions_model.distributions import DISTRIBUTION_TYPES, Distribution
from munitions_model.estimation import Spread
from munitions_model.hedges import DEFAULT_HEDGES, GRANULARITY_1, HedgeModel, interpret
from munitions_model.logistics import (
    DEFAULT_MUNITION,
    LoadSpec,
    PackingLike,
    _fill,
    input_label,
    load_function,
    named_munition,
)
from munitions_model.logistics import _period as _as_period
from munitions_model.record import Period

__all__ = [
    "CONSISTENT_AT",
    "CONVERSION_HEDGES",
    "INCONSISTENT_BELOW",
    "LEVEL",
    "LINKED_SUBJECTS",
    "AttributedFigure",
    "ConsistencyReport",
    "Conversion",
    "Factor",
    "Figure",
    "FigureCheck",
    "FigureLike",
    "Finding",
    "check_consistency",
    "compatibility",
    "conversions",
]

Floats: TypeAlias = NDArray[np.float64]

#: The level of the central intervals the thresholds are derived from.
LEVEL = 0.9
#: Compatibility at or above which a finding is ``consistent``: ``1 - LEVEL``.
CONSISTENT_AT = round(1.0 - LEVEL, 12)
_Z = statistics.NormalDist().inv_cdf(0.5 + LEVEL / 2.0)
#: Compatibility below which a finding is ``inconsistent``: ``2 Phi(-sqrt(2) z)``, what two
#: equally spread readings score when their central ``LEVEL`` intervals just touch.
INCONSISTENT_BELOW = 2.0 * statistics.NormalDist().cdf(-math.sqrt(2.0) * _Z)

#: Subjects related across flows: a stock, the rate it is fired at, and how long it lasts.
LINKED_SUBJECTS: tuple[frozenset[str], ...] = (
    frozenset({"nk_to_russia_rounds", "russia_fire_rate", "duration_of_stock"}),
    frozenset({"western_deliveries", "ukraine_fire_rate", "duration_of_stock"}),
)
#: Subjects that apply to any flow (what a carrier holds, what a transfer carries).
_GENERIC_SUBJECTS = frozenset({"rounds_per_container", "rounds_per_transfer"})
#: Suffixes naming what a flow's figures count; subjects differing only in them are linked.
_COUNTED = (
    "_rounds",
    "_rockets",
    "_containers",
    "_rail_cars",
    "_trains",
    "_tonnes",
    "_transfers",
)
#: Roles of totals: amounts counted over a period (a cumulative count grows with it).
_TOTALS = frozenset({"rounds", "carriers", "tonnes", "transfers"})
#: Two totals count the same window when they share at least this much of their joint span.
_SAME_WINDOW = 0.8
#: What a subject name looks like.
_SUBJECT = re.compile(r"[a-z0-9_]+")

Verdict = Literal["consistent", "tension", "inconsistent"]
RelationName = Literal[
    "same", "containers", "capacity", "stated_capacity", "tonnes", "rate_duration", "transfers"
]

#: Base unit of a figure -> its role in the relations.
_ROLES = {
    "rounds": "rounds",
    "containers": "carriers",
    "rail_cars": "carriers",
    "trains": "carriers",
    "tonnes": "tonnes",
    "transfers": "transfers",
    "days": "duration",
    "rounds/day": "rate",
    "rounds/container": "per_container",
    "rounds/transfer": "per_transfer",
    # A rocket is one round of a launcher (the catalogue's "122mm-rocket").
    "rockets": "rounds",
    "rockets/day": "rate",
    "rockets/container": "per_container",
    "rockets/transfer": "per_transfer",
}
#: Roles whose figures say what the carriers hold (their item names the munition).
_LOADED = frozenset({"rounds", "per_container"})
#: Rounding error, in logarithms, under which ``D`` counts as zero: exact figures that agree
#: up to the last bits of a float (500,000 a month for two months is a million) tie.
_ROUNDING = 1e-9


# -- figures --------------------------------------------------------------------------------


@runtime_checkable
# A protocol: it has no constructor to document.
class AttributedFigure(Protocol):  # numpydoc ignore=PR01
    """Anything with a claim, a subject and a period, as `check_consistency` takes it.

    A bundled `~munitions_model.record.ReportedFigure`, a ledger report, or a `Figure`
    all are.

    See Also
    --------
    Figure : The plain one.
    FigureLike : Everything a figure may be given as.

    Examples
    --------
    >>> from munitions_model import parse_claim
    >>> isinstance(Figure(claim=parse_claim("about 6,700 containers")), AttributedFigure)
    True
    """

    @property
    def claim(self) -> Claim:
        """The figure, with its source."""
        ...

    @property
    def subject(self) -> str | None:
        """What it is about (``nk_to_russia_rounds``); ``None`` relates it to everything."""
        ...

    @property
    def period(self) -> Period | None:
        """The period it covers; ``None`` overlaps every period."""
        ...


class Figure(BaseModel):
    """A reported figure with what it is about and when.

    Parameters
    ----------
    claim : Claim
        The figure, with its source.
    subject : str, optional
        What it is about (``nk_to_russia_rounds``); ``None`` relates it to everything.
    period : Period, optional
        The period it covers; ``None`` overlaps every period.
    reading : Distribution, optional
        The figure as read, when it was read already (a ledger report's reading, fitted
        to its subject's unit); ``None`` reads the claim with the hedge model.
    status : str, optional
        What the figure is when it is not a report of the quantity itself (a ledger's
        ``plan``, ``alternative`` ...): such figures are left unrelated.

    See Also
    --------
    AttributedFigure : What it stands for.
    check_consistency : Takes it.

    Examples
    --------
    >>> from munitions_model import parse_claim
    >>> fig = Figure(claim=parse_claim("about 6,700 containers"), subject="nk_to_russia_containers")
    >>> fig.subject, fig.period is None
    ('nk_to_russia_containers', True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    claim: Claim
    subject: str | None = None
    period: Period | None = None
    reading: Distribution | None = None
    status: str | None = None


#: What `check_consistency` takes as one figure: a phrase, a `Claim`, an `AttributedFigure`,
#: or a ``(claim, subject, period)`` triple.
FigureLike: TypeAlias = (
    str | Claim | AttributedFigure | tuple[str | Claim, str | None, Period | str | dt.date | None]
)


def _period(value: Period | str | dt.date | None) -> Period | None:
    return None if value is None else _as_period("period", value)


def _as_figure(given: object) -> Figure:
    """Any accepted form of a figure as a `Figure` (phrases are parsed here)."""
    if isinstance(given, str):
        return Figure(claim=parse_claim(given))
    if isinstance(given, Claim):
        return Figure(claim=given)
    if isinstance(given, tuple):
        if not _is_triple(given):
            raise ValueError(
                f"a figure given as a tuple is (claim, subject, period), got {given!r}"
            )
        claim, subject, period = given
        return Figure(
            claim=parse_claim(claim) if isinstance(claim, str) else claim,
            subject=subject,
            period=_period(period),
        )
    if isinstance(given, AttributedFigure):
        reading = getattr(given, "reading", None)
        unit = getattr(given, "unit", None)
        if isinstance(reading, DISTRIBUTION_TYPES) and reading.unit is None and unit:
            reading = reading.with_unit(str(unit))
        return Figure(
            claim=given.claim,
            subject=given.subject,
            period=given.period,
            reading=reading if isinstance(reading, DISTRIBUTION_TYPES) else None,
            status=getattr(given, "status", None) or None,
        )
    raise ValueError(
        "a figure in claims must be a phrase, a Claim, a (claim, subject, period) tuple or an "
        f"object with claim, subject and period, got {_validation.shown(given)}"
    )


def _text(given: object, claim: Claim) -> str:
    if isinstance(given, str):
        return given
    if isinstance(given, tuple) and isinstance(given[0], str):
        return given[0]
    if claim.phrase:
        return claim.phrase
    high = "" if claim.value_high is None else f" to {claim.value_high:g}"
    return f"{claim.qualifier} {claim.value:g}{high} {claim.unit}"


@dataclass(frozen=True)
class _Read:
    """A figure as given and as read."""

    index: int
    text: str
    figure: Figure
    dist: Distribution
    role: str | None
    bounds: tuple[float, float] | None  # the stated range, for a range figure

    @property
    def claim(self) -> Claim:
        return self.figure.claim

    @property
    def subject(self) -> str | None:
        return self.figure.subject

    @property
    def period(self) -> Period | None:
        return self.figure.period

    @property
    def label(self) -> str:
        return repr(self.text)

    def munition(self, cat: Catalogue) -> str | None:
        """The catalogue munition its item names (``"152 mm"`` -> ``"152mm"``; a calibre
        counted in rockets is that calibre's rocket), if any; see `named_munition`.

        Raises
        ------
        ValueError
            When the item names a munition the catalogue does not hold ("155mm").
        """
        named = named_munition(self.claim, cat)
        rocket = f"{named}-rocket"
        if self.claim.unit.split("/")[0] == "rockets" and rocket in cat.munitions:
            return rocket
        return named

    def sort_key(self) -> tuple[str, float, float, str]:
        return (self.text, self.claim.value, self.claim.high, self.subject or "")


def _read(index: int, given: object, hedges: HedgeModel) -> _Read:
    figure = _as_figure(given)
    dist = figure.reading if figure.reading is not None else interpret(figure.claim, hedges)
    bounds = None
    hedged = bool(getattr(figure.claim, "qualifiers", ()))
    if figure.claim.qualifier == "range" and not hedged:
        bounds = dist.support
    return _Read(
        index=index,
        text=_text(given, figure.claim),
        figure=figure,
        dist=dist,
        role=None if figure.status else _ROLES.get(dist.unit or ""),
        bounds=bounds,
    )


# -- which figures are related --------------------------------------------------------------


def _stem(subject: str) -> str:
    for suffix in _COUNTED:
        if subject.endswith(suffix):
            return subject.removesuffix(suffix)
    return subject


def _subjects_linked(a: str | None, b: str | None, links: Sequence[frozenset[str]]) -> bool:
    if a is None or b is None or a == b:
        return True
    if a in _GENERIC_SUBJECTS or b in _GENERIC_SUBJECTS or _stem(a) == _stem(b):
        return True
    stems_a = {a, _stem(a)}
    stems_b = {b, _stem(b)}
    for group in links:
        stems = group | {_stem(s) for s in group}
        if stems_a & stems and stems_b & stems:
            return True
    return False


def _overlap_days(a: Period | None, b: Period | None) -> float:
    """Days two periods share (inf when either is open)."""
    if a is None or b is None:
        return math.inf
    return float((min(a.end, b.end) - max(a.start, b.start)).days + 1)


def _months(p: Period) -> Period:
    """The period widened to whole months (most reports date their periods by month)."""
    return Period.parse(f"{p.start:%Y-%m}/{p.end:%Y-%m}")


def _same_window(a: Period, b: Period) -> bool:
    """Whether two periods, in whole months, share at least `_SAME_WINDOW` of their joint
    span: totals of a steady flow over them differ by less than a quarter, well inside the
    spread of their readings."""
    a, b = _months(a), _months(b)
    union = (max(a.end, b.end) - min(a.start, b.start)).days + 1
    return _overlap_days(a, b) >= _SAME_WINDOW * union


def _related(a: _Read, b: _Read, links: Sequence[frozenset[str]]) -> bool:
    """Linked subjects, and periods that overlap (for two totals: the same window)."""
    if not _subjects_linked(a.subject, b.subject, links):
        return False
    if a.period is None or b.period is None:
        return True
    if a.role in _TOTALS and b.role in _TOTALS:
        return _same_window(a.period, b.period)
    return _overlap_days(a.period, b.period) > 0


def _closeness(a: _Read, b: _Read) -> tuple[float, float]:
    """How well ``b`` goes with ``a`` (larger is better): the share of the shorter period
    they share, then closeness of the report dates (ties go to the first in the pool,
    which is sorted by text, so that the order figures are given in does not matter)."""
    shared = _overlap_days(a.period, b.period)
    if math.isinf(shared):
        share = 1.0
    else:
        assert a.period is not None
        assert b.period is not None
        shorter = min((p.end - p.start).days + 1 for p in (a.period, b.period))
        share = shared / shorter
    dates = [_reported(r) for r in (a, b)]
    gap = abs((dates[0] - dates[1]).days) if dates[0] and dates[1] else 0
    return share, -float(gap)


def _reported(r: _Read) -> dt.date | None:
    source = r.claim.source
    if source is None or source.when is None:
        return None
    return Period.parse(source.when).end


# -- relations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Relation:
    """One row of the table: the roles it links, each with the sign of its logarithm in
    ``D``, the physics it needs, and whether the side above is the impossible one."""

    name: RelationName
    formula: str
    roles: tuple[tuple[str, int], ...]
    physics: Literal["capacity", "mass"] | None = None
    physical: bool = False


_RELATIONS: tuple[_Relation, ...] = (
    _Relation(
        "containers",
        "rounds = carriers x rounds a full carrier holds x fill",
        (("rounds", 1), ("carriers", -1)),
        "capacity",
        True,
    ),
    _Relation(
        "stated_capacity",
        "rounds = containers x rounds per container",
        (("rounds", 1), ("carriers", -1), ("per_container", -1)),
        physical=True,
    ),
    _Relation(
        "tonnes",
        "rounds = 1000 x tonnes / packed mass of a round",
        (("rounds", 1), ("tonnes", -1)),
        "mass",
        True,
    ),
    _Relation(
        "rate_duration", "rounds = rate x days", (("rounds", 1), ("rate", -1), ("duration", -1))
    ),
    _Relation(
        "transfers",
        "rounds = transfers x rounds per transfer",
        (("rounds", 1), ("transfers", -1), ("per_transfer", -1)),
    ),
    _Relation(
        "capacity",
        "rounds per container = capacity of a full carrier (payload and space)",
        (("per_container", 1),),
        "capacity",
        True,
    ),
)
_SAME_ROLES = ("rounds", "carriers", "tonnes", "transfers", "duration", "rate", "per_container")


def _same(role: str) -> _Relation:
    return _Relation(
        "same", f"one {role.replace('_', ' ')} figure = another", ((role, 1), (role, -1))
    )


_FORMULAS: dict[str, str] = {str(r.name): r.formula for r in _RELATIONS}
_FORMULAS["same"] = "one figure = another figure of the same quantity"


def _combos(
    relation: _Relation, by_role: Mapping[str, Sequence[_Read]], links: Sequence[frozenset[str]]
) -> list[tuple[_Read, ...]]:
    """For each figure that can fill a role, the related partners that go with it best."""
    pools = [list(by_role.get(role, ())) for role, _ in relation.roles]
    if any(not pool for pool in pools):
        return []
    found: dict[tuple[int, ...], tuple[_Read, ...]] = {}

    def fit(candidate: _Read, chosen: Mapping[int, _Read]) -> tuple[float, ...]:
        scores = [_closeness(f, candidate) for f in chosen.values()]
        return tuple(sum(parts) for parts in zip(*scores, strict=True))

    for slot, pool in enumerate(pools):
        for anchor in pool:
            chosen: dict[int, _Read] = {slot: anchor}
            for other, candidates in enumerate(pools):
                if other in chosen:
                    continue
                fits = [
                    c
                    for c in candidates
                    if all(c.index != f.index and _related(c, f, links) for f in chosen.values())
                ]
                if not fits:
                    break
                chosen[other] = max(fits, key=lambda c: fit(c, chosen))
            if len(chosen) < len(pools):
                continue
            combo = tuple(chosen[i] for i in range(len(pools)))
            if relation.name == "same":
                combo = tuple(sorted(combo, key=_Read.sort_key))
            found.setdefault(tuple(sorted(f.index for f in combo)), combo)
    return list(found.values())


# -- compatibility ---------------------------------------------------------------------------


def compatibility(d: Floats) -> tuple[float, float, float]:
    """Score how well draws of a log difference ``d`` agree with zero.

    ``below = P(d < 0)``, ``above = P(d > 0)`` and ``c = 2 min(P(d < 0), P(d > 0))``,
    ties split evenly.

    Parameters
    ----------
    d : ndarray
        Draws of the log difference between a figure and what the others imply.

    Returns
    -------
    c : float
        The compatibility [0-1]: 1 when ``d`` is centred on zero.
    below : float
        ``P(d < 0)``.
    above : float
        ``P(d > 0)``.

    See Also
    --------
    Finding : Records all three.

    Examples
    --------
    >>> compatibility(np.array([-1.0, 0.0, 1.0, 2.0]))
    (0.75, 0.25, 0.5)
    """
    d = np.asarray(d, dtype=np.float64)
    if d.size == 0:
        raise ValueError("compatibility needs at least one draw")
    below = float(np.count_nonzero(d < 0)) / d.size
    above = float(np.count_nonzero(d > 0)) / d.size
    return _two_sided(below, above), below, above


def _two_sided(below: float, above: float) -> float:
    """``2 min(P(D < 0), P(D > 0))`` from those two shares, ties split evenly."""
    low = below + (1.0 - below - above) / 2.0
    return 2.0 * min(low, 1.0 - low)


def _verdict(c: float) -> Verdict:
    if c >= CONSISTENT_AT:
        return "consistent"
    return "inconsistent" if c < INCONSISTENT_BELOW else "tension"


# -- results ---------------------------------------------------------------------------------


class FigureCheck(BaseModel):
    """One figure of a finding: as read, and as the others imply it.

    Parameters
    ----------
    text : str
        The figure as given.
    role : str
        Its role in the relation (``rounds``, ``carriers``, ``rate`` ...).
    stated : Spread
        Median and 90% interval of its reading.
    implied : Spread
        Median and 90% interval of the value that would make the relation hold given the
        draws of everything else.
    range : tuple of float or None, default None
        The stated range, for a figure read as a range.
    subject : str or None, default None
        What it is about, for a dated, attributed figure.
    period : str or None, default None
        When, for a dated, attributed figure.

    See Also
    --------
    Finding : Holds one per figure (``Finding.figures``).

    Examples
    --------
    >>> f = check_consistency(["about 100 days", "about 10,000 rounds a day",
    ...                        "about 1,000,000 rounds"], samples=2_000, seed=1).findings[0]
    >>> sorted(c.role for c in f.figures)
    ['duration', 'rate', 'rounds']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    role: str
    stated: Spread
    implied: Spread
    range: tuple[float, float] | None = None
    subject: str | None = None
    period: str | None = None


class Factor(BaseModel):
    """One bar of a finding's tornado: an assumption or a reading, and its share.

    Parameters
    ----------
    name : str
        The input (``payload_kg``, ``packing``, ``152mm.round.packaging_fraction``, or a
        figure's text).
    label : str
        The input in words.
    share : float
        Its share of the summed swings of all factors [fraction].
    swing : float
        How far the figures' agreement moves across its bins (its quintiles, or each
        packing): the largest minus the smallest normal score of ``P(D < 0)`` in a bin.
    bins : tuple of tuple of float
        ``(low, high, compatibility)`` for each bin of its values (for ``packing``, the
        bin's index twice).
    consistent_when : str, optional
        Where in its range the figures are consistent (or, when nowhere, in tension), in
        words; ``None`` when its whole range gives one verdict.

    See Also
    --------
    Finding : Holds the factors, largest share first.
    munitions_model.sensitivity.tornado : The same idea for an estimate.

    Examples
    --------
    >>> report = check_consistency(
    ...     ["about 6,700 containers", "more than 3 million rounds"], samples=2_000, seed=1)
    >>> top = report.findings[0].factors[0]
    >>> top.name, top.label
    ('packing', 'what a count counts (the packing)')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    label: str
    share: float
    swing: float
    bins: tuple[tuple[float, float, float], ...]
    consistent_when: str | None = None


class Finding(BaseModel):
    """One relation applied to one combination of figures.

    Parameters
    ----------
    relation : str
        The relation applied: ``same``, ``containers``, ``capacity``, ``stated_capacity``,
        ``tonnes``, ``rate_duration`` or ``transfers``.
    formula : str
        The relation in words.
    claims : tuple of str
        The figures involved, as given, in the relation's order.
    figures : tuple of FigureCheck
        Each figure, as read and as the others imply it.
    checked : str
        The first figure (rounds, or rounds per container): the one the explanation is
        about; the compatibility does not depend on the choice.
    stated : Spread
        ``figures[0].stated``: median and 90% interval of the checked figure as read.
    implied : Spread
        ``figures[0].implied``: the same for the value the other figures imply.
    compatibility : float
        ``2 min(P(D < 0), P(D > 0))`` (see the module docstring) [0-1].
    below : float
        Probability that the checked figure lies below what the others imply.
    above : float
        Probability that the checked figure lies above what the others imply.
    verdict : {"consistent", "tension", "inconsistent"}
        From the compatibility and the thresholds `CONSISTENT_AT` and `INCONSISTENT_BELOW`.
    physically_impossible : bool, default False
        Inconsistent even with every catalogue assumption at its most favourable end.
    load : str, optional
        The load assumed by a physical relation, in words.
    factors : tuple of Factor
        The tornado over the physics and the readings, largest share first.
    explanation : str
        One plain-English sentence.

    See Also
    --------
    ConsistencyReport : Holds the findings.
    compatibility : The score.

    Examples
    --------
    >>> report = check_consistency(
    ...     ["about 6,700 containers", "more than 3 million rounds"], samples=2_000, seed=1)
    >>> finding = report.findings[0]
    >>> finding.relation, finding.verdict, round(finding.compatibility, 2)
    ('containers', 'consistent', 0.44)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    relation: RelationName
    formula: str
    claims: tuple[str, ...]
    figures: tuple[FigureCheck, ...]
    checked: str
    stated: Spread
    implied: Spread
    compatibility: float
    below: float
    above: float
    verdict: Verdict
    physically_impossible: bool = False
    load: str | None = None
    factors: tuple[Factor, ...] = ()
    explanation: str


class ConsistencyReport(BaseModel):
    """What :func:`check_consistency` found.

    Parameters
    ----------
    consistent : bool
        True only when there are findings and every one is ``consistent``.
    findings : tuple of Finding
        One per relation applied to a combination of figures.
    unrelated : tuple of str
        Figures no finding uses, each with the reason (its unit enters no relation; or the
        figures that would complete a relation are about other subjects or periods).
    skipped : int
        Combinations not checked because of ``max_findings``.
    munition : str
        The munition assumed for the physical relations (``"mix"`` for a mix; a figure that
        names its calibre uses it instead).
    container : str
        The carrier assumed for the physical relations.
    mix : dict of str to float or None
        Shares of rounds by munition, when a mix was given.
    packing : str
        What a count counts, as given (``"shipped"`` for each munition's own weights).
    fill_fraction : str
        Share of each carrier's capacity assumed used for rounds.
    hedge_model : str
        The hedge model the wording was read with (its name and version).
    samples : int
        Draws per finding.
    seed : SeedRecord
        The seed every finding used (pass it as ``seed=`` to reproduce the report).
    thresholds : dict of str to float
        ``level``, ``consistent_at`` and ``inconsistent_below``.

    See Also
    --------
    check_consistency : Builds it.
    Finding : One finding.

    Examples
    --------
    >>> report = check_consistency(
    ...     ["about 6,700 containers", "more than 3 million rounds"], samples=2_000, seed=1)
    >>> report.consistent, report.verdict
    (True, 'consistent')
    >>> print(report.to_text().splitlines()[0])
    Overall: consistent (1 finding(s); load: 152mm in 20ft carriers, packing shipped, fill 1.0)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    consistent: bool
    findings: tuple[Finding, ...]
    unrelated: tuple[str, ...]
    skipped: int
    munition: str
    container: str
    mix: dict[str, float] | None
    packing: str
    fill_fraction: str
    hedge_model: str
    samples: int
    seed: SeedRecord
    thresholds: dict[str, float]

    @property
    def verdict(self) -> Verdict:
        """The worst verdict of the findings.

        ``consistent`` when there are none: see ``consistent`` and ``unrelated`` for why
        nothing was related.
        """
        verdicts = {f.verdict for f in self.findings}
        worst: tuple[Verdict, ...] = ("inconsistent", "tension")
        for v in worst:
            if v in verdicts:
                return v
        return "consistent"

    def to_text(self) -> str:
        """Return the report as plain text: the overall verdict, then each finding.

        Returns
        -------
        str
            Lines of text, each finding with its figures, compatibility, largest factors and
            explanation.
        """
        load = self.munition if self.mix is None else _mix_text(self.mix)
        overall = self.verdict if self.findings else "nothing related"
        lines = [
            f"Overall: {overall} ({len(self.findings)} finding(s); load: {load} in "
            f"{self.container} carriers, packing {self.packing}, fill {self.fill_fraction})",
        ]
        for f in self.findings:
            lines += ["", f"[{f.verdict}] {f.formula}"]
            for g in f.figures:
                lines.append(
                    f"  {g.text!r}: as read {g.stated.text()}; implied by the others "
                    f"{g.implied.text()} {g.implied.unit}"
                )
            lines.append(f"  compatibility {f.compatibility:.3f}")
            for factor in f.factors[:3]:
                if factor.share > 0:
                    lines.append(f"  {factor.share:4.0%} of the swing: {factor.label}")
            lines.append(f"  {f.explanation}")
        if self.unrelated:
            lines += ["", "Not related:"] + [f"  {u}" for u in self.unrelated]
        if self.skipped:
            lines += ["", f"{self.skipped} more combination(s) not checked (max_findings)."]
        t = self.thresholds
        lines += [
            "",
            f"Medians with 90% ranges; hedge model {self.hedge_model}, samples={self.samples:,}, "
            f"seed={self.seed}; consistent at compatibility >= {t['consistent_at']:.3f}, "
            f"inconsistent below {t['inconsistent_below']:.3f}.",
        ]
        return "\n".join(lines)


# -- helpers ---------------------------------------------------------------------------------


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
    return " + ".join(f"{float(share):.0%} {name}" for name, share in mix.items())


def _name(thing: str | Munition | Carrier) -> str:
    return thing if isinstance(thing, str) else thing.name


def _packing_text(packing: PackingLike) -> str:
    if packing is None:
        return "shipped"
    if isinstance(packing, str):
        return packing
    return " + ".join(f"{w:.0%} {p}" for p, w in packing.items())


def _spread(values: Floats, unit: str | None) -> Spread:
    finite = values[np.isfinite(values)]
    if finite.size == 0:  # every value infinite: order statistics, as interpolating
        # between two infinities gives NaN
        low, median, high = np.quantile(values, [0.05, 0.5, 0.95], method="inverted_cdf")
    else:
        low, median, high = np.quantile(finite, [0.05, 0.5, 0.95])
    return Spread(median=float(median), low=float(low), high=float(high), unit=unit)


def _log(x: Floats) -> Floats:
    with np.errstate(divide="ignore"):
        return np.log(np.asarray(x, dtype=np.float64))


@dataclass(frozen=True)
class _Context:
    """What every relation needs besides the figures: the load and the controls.

    ``munition`` is the argument as given (``None``: what the figures name, else
    `DEFAULT_MUNITION`); ``fill_fraction`` is checked and read (a phrase becomes its
    reading).
    """

    munition: str | Munition | None
    container: str | Carrier
    fill_fraction: float | Distribution
    mix: Mapping[str, float] | None
    packing: PackingLike
    samples: int
    seed: SeedRecord
    catalogue: Catalogue
    links: tuple[frozenset[str], ...]

    @classmethod
    def checked(
        cls,
        spec: LoadSpec,
        *,
        samples: int,
        seed: SeedLike,
        links: Iterable[Iterable[str]],
        hedges: HedgeModel,
    ) -> _Context:
        """The context of a check, its arguments validated before anything is drawn."""
        cat = spec.resolved()
        container = "20ft" if spec.container is None else spec.container
        cat.carrier(container)
        if spec.mix is None and spec.munition is not None:
            cat.munition(spec.munition)
        _check_packing(spec, cat)  # refuses an unknown packing or a bad mix
        fill = _fill(spec.fill_fraction, hedges)  # the one check of a fill fraction
        return cls(
            munition=spec.munition,
            container=container,
            fill_fraction=fill,
            mix=spec.mix,
            packing=spec.packing,
            samples=_validation.samples(samples),
            seed=_validation.seed_record(seed),  # one seed for every finding
            catalogue=cat,
            links=LINKED_SUBJECTS + _links(links),
        )

    def named(self, figure: _Read) -> str | None:
        """The munition a figure names, checked against the argument: a figure that names
        another munition than ``munition`` (or one outside ``mix``), or one the catalogue
        does not hold, is an error rather than a silent 152 mm."""
        named = figure.munition(self.catalogue)
        if named is None:
            return None
        if self.mix is not None and named not in self.mix:
            raise ValueError(
                f"{figure.label} names {named!r}, which is not in mix={dict(self.mix)}"
            )
        if self.munition is not None and named != _name(self.munition):
            raise ValueError(
                f"munition={_name(self.munition)!r} contradicts the phrase {figure.label}, "
                f"which names {named!r}; drop the argument or change the phrase"
            )
        return named

    def load(self, relation: _Relation, figures: Sequence[_Read]) -> LoadSpec:
        """The load a physical relation assumes for these figures: the munition a rounds
        (or rounds-per-container) figure names, else the argument, else 152 mm."""
        munition = DEFAULT_MUNITION if self.munition is None else self.munition
        named = [n for f in figures if f.role in _LOADED and (n := self.named(f)) is not None]
        mix = self.mix
        if named:
            munition, mix = named[0], None
        container: str | Carrier | None = self.container
        for f in figures:
            if f.role == "carriers":
                kind = (f.dist.unit or "containers").split("/")[0]
                container = {"rail_cars": "rail_car", "trains": "train"}.get(kind, self.container)
        if relation.physics == "mass":
            container = None
        packing = self.packing
        if packing is not None and not self._knows(munition, mix, packing):
            if not named:  # 152 mm by default: the packing must be one of its own
                self.catalogue.munition(munition).packing_weights(packing)
            packing = None  # a figure naming another munition keeps that munition's own
        return LoadSpec(munition, container, self.fill_fraction, mix, packing, self.catalogue)

    def _knows(
        self, munition: str | Munition, mix: Mapping[str, float] | None, packing: PackingLike
    ) -> bool:
        names = {packing} if isinstance(packing, str) else set(packing or ())
        held = [munition] if mix is None else list(mix)
        return any(names <= set(self.catalogue.munition(m).packings) for m in held)

    def describe(self, spec: LoadSpec) -> str:
        munition = DEFAULT_MUNITION if spec.munition is None else spec.munition
        goods = _mix_text(spec.mix) if spec.mix is not None else _name(munition)
        if spec.packing is not None:
            goods += f" ({_packing_text(spec.packing)})"
        else:
            goods += " (the catalogue's shipped packings)"
        if spec.container is None:
            return goods
        return f"{goods} in {_name(spec.container)} carriers"


def _links(links: object) -> tuple[frozenset[str], ...]:
    """``links`` as sets of subject names, else ``ValueError`` naming it."""
    refused = ValueError(
        f"links must be an iterable of sets of subject names, got {_validation.shown(links)}"
    )
    if isinstance(links, str | bytes) or not isinstance(links, Iterable):
        raise refused
    groups = []
    for group in links:
        if isinstance(group, str | bytes) or not isinstance(group, Iterable):
            raise refused
        names = list(group)
        if not all(isinstance(name, str) for name in names):
            raise refused
        groups.append(frozenset(names))
    return tuple(groups)


def _check_packing(spec: LoadSpec, cat: Catalogue) -> None:
    """Refuse an unknown packing or a bad mix. With no munition given, the figures decide
    it, so a packing is known when some munition of the catalogue knows it."""
    if spec.munition is not None or spec.mix is not None or spec.packing is None:
        load_function(spec, "capacity", "")
        return
    names = {spec.packing} if isinstance(spec.packing, str) else set(spec.packing)
    knowing = [m for m in cat.munitions.values() if names <= set(m.packings)]
    first = knowing[0] if knowing else cat.munition(DEFAULT_MUNITION)
    first.packing_weights(spec.packing)  # unknown names and bad weights raise


class _Draws:
    """Independent draws of named distributions: row ``i`` of one generator's normal
    scores feeds the ``i``-th name, so the same seed gives the same draws."""

    def __init__(self, dists: Mapping[str, Distribution], samples: int, seed: SeedRecord):
        rng = _validation.generator(seed)
        scores = rng.standard_normal((len(dists), samples))
        self.values = {
            name: np.asarray(d.from_normal(scores[i]), dtype=np.float64)
            for i, (name, d) in enumerate(dists.items())
        }


@dataclass
class _Physics:
    """The physics of one finding: its load, draws and the log multiplier ``log g``."""

    load: Load
    spec: LoadSpec
    inputs: dict[str, Distribution]
    draws: dict[str, Floats]
    log_g: Floats
    kind: Literal["capacity", "mass"]

    def log_g_of(self, x: Mapping[str, Floats]) -> Floats:
        if self.kind == "mass":
            return _log(1000.0 / self.load.average_item(x)[0])
        fill = np.asarray(x.get("fill_fraction", 1.0), dtype=np.float64)
        return _log(self.load.capacity(x) * fill)


def _corners(dists: Mapping[str, Distribution]) -> dict[str, Floats]:
    """Every combination of each distribution's two ends (support, or the 0.1% and 99.9%
    quantiles when unbounded, or open at zero as a lognormal's is: every physical input is
    positive); fixed inputs stay fixed. At most 2**16 combinations: beyond that, the
    remaining inputs take their medians."""
    ends = {}
    for name, d in dists.items():
        low, high = d.support
        if not math.isfinite(low) or low <= 0.0:
            low = d.quantile(0.001)
        if not math.isfinite(high):
            high = d.quantile(0.999)
        ends[name] = (low, high) if high > low else (low,)
    varying = [n for n, e in ends.items() if len(e) == 2][:16]
    grid = np.array(list(itertools.product(*(ends[n] for n in varying)))).T
    count = grid.shape[1] if varying else 1
    out: dict[str, Floats] = {}
    for name, d in dists.items():
        if name in varying:
            out[name] = grid[varying.index(name)]
        else:
            value = ends[name][0] if len(ends[name]) == 1 else d.median
            out[name] = np.full(count, value)
    return out


def _most_favourable(physics: _Physics) -> float:
    """The largest multiplier ``g`` any corner of the assumptions gives, under each packing."""
    dists = {k: v for k, v in physics.inputs.items() if k != "packing"}
    x = _corners(dists)
    if "fill_fraction" in physics.draws:
        x["fill_fraction"] = np.full(next(iter(x.values())).shape, 1.0)
    best = -math.inf
    load = physics.load
    picks = [0.5] if not load.drawn_packing else _packing_points(load)
    for u in picks:
        x["packing"] = np.full(next(iter(x.values())).shape, u)
        best = max(best, float(np.max(physics.log_g_of(x))))
    return best


def _packing_points(load: Load) -> list[float]:
    """A draw of ``packing`` inside each packing's share of [0, 1), for every munition."""
    points: set[float] = set()
    for weights in load.packings.values():
        edges = np.concatenate([[0.0], np.cumsum(list(weights.values()))])
        points.update(float((a + b) / 2) for a, b in itertools.pairwise(edges))
    return sorted(points)


# -- one finding -----------------------------------------------------------------------------


#: For the packing factor: which packing each draw counts, and the packings' labels.
_Groups: TypeAlias = tuple[NDArray[np.intp], list[str]]
_TORNADO_DRAWS = 10_000
_EDGE_DRAWS = 2_000
_BINS = 5
#: A swing (in normal scores) below which a factor is not said to decide anything.
_MIN_SWING = 0.25


def _direction(below: float, above: float, draws: int) -> float:
    """``P(D < 0)`` with ties split, kept a half-draw away from 0 and 1, as a normal score:
    how far, in standard deviations, the draws put zero from the middle of ``D``."""
    low = below + (1.0 - below - above) / 2.0
    edge = 0.5 / draws
    return statistics.NormalDist().inv_cdf(min(max(low, edge), 1.0 - edge))


def _bins(
    name: str, v: Floats, packing_groups: _Groups | None
) -> tuple[NDArray[np.intp], list[tuple[float, float]]] | None:
    """Which bin each draw of a factor falls in (its quintiles, or its packing), and each
    bin's range of values (``(k, k)`` for packing ``k``); ``None`` for a fixed input."""
    if name == "packing" and packing_groups is not None:
        groups = packing_groups[0][: v.size]
        return groups, [(float(k), float(k)) for k in range(len(packing_groups[1]))]
    low, high = float(np.min(v)), float(np.max(v))
    if low == high:
        return None
    # Edges from the first draws only (the draws are independent, so these are a sample
    # too): the tornado runs on every finding, and equal-count bins are not needed.
    edges = np.quantile(v[:_EDGE_DRAWS], np.linspace(0.0, 1.0, _BINS + 1)[1:-1])
    ends = [low, *edges.tolist(), high]
    idx = np.zeros(v.shape, dtype=np.intp)
    for edge in edges:  # four comparisons: faster than searchsorted for so few edges
        idx += v > edge
    return idx, list(itertools.pairwise(ends))


def _tornado(
    values: Mapping[str, Floats],
    labels: Mapping[str, str],
    d: Floats,
    packing_groups: _Groups | None,
) -> tuple[Factor, ...]:
    """Each factor's swing across its quintiles (or packings), largest first.

    The swing is measured on the normal-score scale of ``P(D < 0)`` (`_direction`), which
    does not flatten near 0 or 1 as the compatibility does: a factor that moves an
    inconsistent finding a long way still shows. Shares divide the swings by their sum.
    """
    m = min(d.size, _TORNADO_DRAWS)
    d = d[:m]
    negative, positive = (d < 0).astype(np.float64), (d > 0).astype(np.float64)
    found = []
    for name, all_values in values.items():
        binned = _bins(name, np.asarray(all_values, dtype=np.float64)[:m], packing_groups)
        if binned is None:
            continue
        idx, ranges = binned
        k = len(ranges)
        counts = np.bincount(idx, minlength=k)
        below = np.bincount(idx, weights=negative, minlength=k)
        above = np.bincount(idx, weights=positive, minlength=k)
        rows = [
            (lo, hi, b / n, a / n, int(n))
            for (lo, hi), n, b, a in zip(ranges, counts, below, above, strict=True)
            if n > 0
        ]
        if len(rows) < 2:
            continue
        scores = [_direction(b, a, n) for _, _, b, a, n in rows]
        table = tuple((lo, hi, _two_sided(b, a)) for lo, hi, b, a, _ in rows)
        found.append((name, max(scores) - min(scores), table))
    total = sum(swing for _, swing, _ in found)
    factors = [
        Factor(
            name=name,
            label=labels.get(name, name),
            share=swing / total if total > 0 else 0.0,
            swing=swing,
            bins=table,
            consistent_when=_consistent_when(name, table, packing_groups),
        )
        for name, swing, table in found
    ]
    return tuple(sorted(factors, key=lambda f: -f.swing))


def _where(ok: Sequence[bool], bins: Sequence[tuple[float, float, float]]) -> str:
    """The part of a factor's range where ``ok`` holds, as words about its values."""
    first = ok.index(True)
    last = len(ok) - 1 - ok[::-1].index(True)
    if not all(ok[first : last + 1]):
        return "in parts of its range only"
    if last == len(ok) - 1:
        return f"above about {_about(bins[first][0])}"
    if first == 0:
        return f"below about {_about(bins[last][1])}"
    return f"between about {_about(bins[first][0])} and {_about(bins[last][1])}"


def _consistent_when(
    name: str,
    bins: Sequence[tuple[float, float, float]],
    packing_groups: _Groups | None,
) -> str | None:
    """Where in a factor's range the figures are consistent (or, failing that, reach
    tension), in words; ``None`` when its whole range gives one verdict."""
    verdicts = [_verdict(b[2]) for b in bins]
    if len(set(verdicts)) == 1:
        return None
    target = "consistent" if "consistent" in verdicts else "tension"
    ok = [v == target for v in verdicts]
    lead = "consistent" if target == "consistent" else "at best in tension"
    if name == "packing" and packing_groups is not None:
        names = packing_groups[1]
        told = [
            (f"{names[int(b[0])]} ({b[2]:.2f})", good) for b, good in zip(bins, ok, strict=True)
        ]
        yes = " or ".join(t for t, good in told if good)
        no = " or ".join(t for t, good in told if not good)
        return f"{lead} if {yes} are counted, not if {no}"
    return f"{lead} {_where(ok, bins)}"


@dataclass
class _Trial:
    """The draws of one finding: every figure and assumption, and ``D`` from them."""

    relation: _Relation
    combo: tuple[_Read, ...]
    draws: dict[str, Floats]
    labels: dict[str, str]
    physics: _Physics | None
    logs: list[Floats]
    signs: list[int]
    d_raw: Floats  # D with every figure at its draw
    d: Floats  # D with each range figure at its best value

    @classmethod
    def run(cls, relation: _Relation, combo: Sequence[_Read], ctx: _Context) -> _Trial:
        dists: dict[str, Distribution] = {f"figure {i}": f.dist for i, f in enumerate(combo)}
        labels = {f"figure {i}": f"how {f.text!r} is read" for i, f in enumerate(combo)}
        built = None
        if relation.physics is not None:
            spec = ctx.load(relation, combo)
            mode: LoadMode = "capacity" if relation.physics == "capacity" else "mass_per_round"
            load, inputs, _ = load_function(spec, mode, relation.name)
            if relation.physics == "capacity" and not isinstance(ctx.fill_fraction, float):
                inputs["fill_fraction"] = ctx.fill_fraction
            dists.update(inputs)
            labels.update({k: input_label(k, load) for k in inputs})
            built = (spec, load, inputs)
        draws = _Draws(dists, ctx.samples, ctx.seed).values
        physics = None
        log_g: Floats = np.zeros(())
        if built is not None and relation.physics is not None:
            spec, load, inputs = built
            x = {k: draws[k] for k in inputs}
            if relation.physics == "capacity" and isinstance(ctx.fill_fraction, float):
                x["fill_fraction"] = np.full(ctx.samples, ctx.fill_fraction)
            physics = _Physics(load, spec, dict(inputs), x, np.zeros(()), relation.physics)
            physics.log_g = log_g = physics.log_g_of(x)
        logs = [_log(draws[f"figure {i}"]) for i in range(len(combo))]
        signs = [s for _, s in relation.roles]
        d_raw = sum((s * lg for s, lg in zip(signs, logs, strict=True)), -log_g)
        d_raw = np.nan_to_num(np.asarray(d_raw, dtype=np.float64), nan=0.0, posinf=np.inf)
        d_raw = np.nan_to_num(d_raw, neginf=-np.inf)
        d_raw[np.abs(d_raw) <= _ROUNDING] = 0.0  # exact figures agreeing up to rounding tie
        d = _with_ranges(d_raw, combo, signs, logs)
        return cls(relation, tuple(combo), draws, labels, physics, logs, signs, d_raw, d)

    def checks(self) -> tuple[FigureCheck, ...]:
        """Each figure as read and as the others imply it: the value that makes D = 0, draw
        by draw (the others' ranges at their best values; a range figure against the
        others' draws)."""
        out = []
        for i, (f, s, lg) in enumerate(zip(self.combo, self.signs, self.logs, strict=True)):
            with np.errstate(over="ignore", invalid="ignore"):
                implied = np.exp(lg - s * (self.d_raw if f.bounds else self.d))
            out.append(
                FigureCheck(
                    text=f.text,
                    role=f.role or "",
                    stated=_spread(self.draws[f"figure {i}"], f.dist.unit),
                    implied=_spread(implied, f.dist.unit),
                    range=f.bounds,
                    subject=f.subject,
                    period=None if f.period is None else str(f.period),
                )
            )
        return tuple(out)

    def impossible(self) -> bool:
        """Whether the figures stay inconsistent with every assumption at its most
        favourable end at once (only asked of an inconsistent physical finding)."""
        if self.physics is None:
            return False
        best = _most_favourable(self.physics)
        d_best = _with_ranges(
            self.d_raw + self.physics.log_g - best, self.combo, self.signs, self.logs
        )
        return compatibility(d_best)[0] < INCONSISTENT_BELOW

    def factors(self) -> tuple[Factor, ...]:
        """The tornado over the assumptions and the readings of non-range figures."""
        values = {k: v for k, v in self.draws.items() if not k.startswith("figure ")}
        for i, f in enumerate(self.combo):
            if f.bounds is None:
                values[f"figure {i}"] = self.draws[f"figure {i}"]
        groups = None
        if self.physics is not None and self.physics.load.drawn_packing:
            load = self.physics.load
            first = next(m for m, w in load.packings.items() if len(w) > 1)
            munition = load.munitions[first]
            groups = (
                load.packing_index(first, self.draws["packing"]),
                [munition.packings[p].label for p in load.packings[first]],
            )
        factors = _tornado(values, self.labels, self.d, groups)
        return tuple(
            f.model_copy(update={"name": self.combo[int(f.name.split()[1])].text})
            if f.name.startswith("figure ")
            else f
            for f in factors
        )


def _evaluate(relation: _Relation, combo: Sequence[_Read], ctx: _Context) -> Finding:
    """Draw everything, compute ``D``, its compatibility, the tornado and the words."""
    trial = _Trial.run(relation, combo, ctx)
    c, below, above = compatibility(trial.d)
    verdict = _verdict(c)
    if relation.physical and verdict == "inconsistent" and below > above:
        verdict = "tension"  # fewer rounds than full carriers hold: part filled
    impossible = verdict == "inconsistent" and above >= below and trial.impossible()
    checks = trial.checks()
    finding = Finding(
        relation=relation.name,
        formula=relation.formula,
        claims=tuple(f.text for f in combo),
        figures=checks,
        checked=combo[0].text,
        stated=checks[0].stated,
        implied=checks[0].implied,
        compatibility=c,
        below=below,
        above=above,
        verdict=verdict,
        physically_impossible=impossible,
        load=None if trial.physics is None else ctx.describe(trial.physics.spec),
        factors=trial.factors(),
        explanation="",
    )
    return finding.model_copy(update={"explanation": _explain(relation, combo, finding)})


def _with_ranges(
    d: Floats, combo: Sequence[_Read], signs: Sequence[int], logs: Sequence[Floats]
) -> Floats:
    """``D`` with each range figure set, draw by draw, to the value in its range that
    brings ``D`` closest to zero."""
    ranged = [(f, s, lg) for f, s, lg in zip(combo, signs, logs, strict=True) if f.bounds]
    if not ranged:
        return d
    rest = d
    low, high = 0.0, 0.0
    for f, s, lg in ranged:
        assert f.bounds is not None
        rest = rest - s * lg
        ends = sorted(s * float(v) for v in _log(np.asarray(f.bounds)))
        low, high = low + ends[0], high + ends[1]
    with np.errstate(invalid="ignore"):
        out = rest + np.clip(-rest, low, high)
    return np.nan_to_num(out, nan=0.0, posinf=np.inf, neginf=-np.inf)


def _explain(relation: _Relation, combo: Sequence[_Read], f: Finding) -> str:
    """One sentence: what the others imply, the verdict, and what decides it."""
    checked = combo[0].label
    implied = f.implied
    n, rng = _about(implied.median), _range(implied)
    unit = implied.unit or ""
    if relation.name == "containers":
        how = f"{combo[1].label}, full of {f.load}, would hold about {n} rounds (90% range {rng})"
    elif relation.name == "capacity":
        how = f"a full carrier of {f.load} holds about {n} by weight and space (90% range {rng})"
    elif relation.name == "tonnes":
        how = f"{combo[1].label} of {f.load} come to about {n} rounds (90% range {rng})"
    elif relation.name == "same":
        how = f"{combo[1].label} reads as about {n} {unit} (90% range {rng})"
    else:
        others = " with ".join(c.label for c in combo[1:])
        how = f"{others} come to about {n} {unit} (90% range {rng})"
    c = f.compatibility
    if f.verdict == "consistent":
        outcome = f"which can be true together with {checked} (compatibility {c:.2f})"
    elif relation.physical and f.below > f.above and c < CONSISTENT_AT:
        fill = f.stated.median / implied.median if implied.median > 0 else math.inf
        outcome = (
            f"more than {checked}, so both hold only if the carriers were about "
            f"{min(fill, 1.0):.0%} full of these rounds or carried other cargo too "
            f"(compatibility {c:.3f})"
        )
    elif f.verdict == "tension":
        outcome = f"which fits {checked} only at the edges (compatibility {c:.3f})"
    elif f.physically_impossible:
        outcome = (
            f"so {checked} is more than can physically fit: no modelled assumption, even at "
            f"its most favourable end, reconciles them (compatibility {c:.3f})"
        )
    else:
        side = "below" if f.above > f.below else "above"
        outcome = (
            f"far {side} {checked}: they cannot both be true under the model's "
            f"assumptions (compatibility {c:.3f})"
        )
    sentence = f"{how}, {outcome}{_deciding(f)}."
    return sentence[0].upper() + sentence[1:]


# -- the check -------------------------------------------------------------------------------


def _deciding(f: Finding) -> str:
    """The assumption that decides the verdict, in words: the catalogue assumption with
    the largest swing (a reading of a figure when no assumption swings), with where in its
    range the figures agree. Empty when nothing swings by `_MIN_SWING` or more, or when the
    finding is consistent throughout the top factor's range."""
    figures = set(f.claims)
    ranked = [x for x in f.factors if x.swing >= _MIN_SWING]
    physical = [x for x in ranked if x.name not in figures]
    top = physical or ranked
    if not top or (f.verdict == "consistent" and not top[0].consistent_when):
        return ""
    x = top[0]
    words = f"; it turns most on {x.label} ({x.share:.0%} of the swing)"
    return words + (f": {x.consistent_when}" if x.consistent_when else "")


def _unrelated(
    read: Sequence[_Read], used: set[int], by_role: Mapping[str, Sequence[_Read]]
) -> list[str]:
    out = []
    for r in read:
        if r.index in used:
            continue
        if r.figure.status:
            out.append(f"{r.label}: status {r.figure.status!r}, not a report of the quantity")
            continue
        if r.role is None:
            out.append(f"{r.label}: its unit ({r.dist.unit}) enters none of the relations")
            continue
        could = [rel for rel in _RELATIONS if any(role == r.role for role, _ in rel.roles)]
        could.append(_same(r.role))
        if any(_fills(rel, by_role) for rel in could):
            out.append(
                f"{r.label}"
                + (f" ({r.subject}, {r.period})" if r.subject else "")
                + ": the figures that could complete a relation with it are about other "
                "subjects or periods"
            )
        else:
            out.append(f"{r.label}: no other claim completes a relation with it")
    return out


def _nothing_links(read: Sequence[_Read]) -> ValueError:
    roles = {r.text: r.role or "none" for r in read}
    return ValueError(
        "no relation links these claims; found "
        f"{', '.join(f'{t!r} ({role})' for t, role in roles.items())}. A check needs a "
        "rounds figure with a container, rail-car or train count (or tonnes), or with a rate "
        "and a duration, or with a transfer count and rounds per transfer; or a "
        "rounds-per-container figure; or two figures of one quantity"
    )


def _is_triple(value: object) -> bool:
    """Whether a tuple is one figure ``(claim, subject, period)`` rather than several: three
    items, the second a subject name (``nk_to_russia_rounds``: lower case, digits and
    underscores) or ``None``."""
    if not (isinstance(value, tuple) and len(value) == 3):
        return False
    subject = value[1]
    return subject is None or (isinstance(subject, str) and _SUBJECT.fullmatch(subject) is not None)


def _given(figures: object) -> list[object]:
    if isinstance(figures, str | Claim) or _is_triple(figures):
        return [figures]
    if isinstance(figures, AttributedFigure) and not isinstance(figures, tuple):
        return [figures]
    reports = getattr(figures, "reports", None)  # a ledger
    if reports is not None:
        return list(reports)
    if isinstance(figures, Iterable):
        return list(figures)
    raise ValueError(
        f"claims must be figures or a sequence of them, got {_validation.shown(figures)}"
    )


def _read_claim(i: int, given: object, model: HedgeModel) -> _Read:
    """`_read`, an error naming the figure's place in ``claims`` unless it names it."""
    try:
        return _read(i, given, model)
    except ValueError as err:
        if "claims" in str(err):
            raise
        kind = ClaimParseError if isinstance(err, ClaimParseError) else ValueError
        raise kind(f"claims[{i}]: {err}") from err


def check_consistency(
    claims: FigureLike | Iterable[FigureLike] | Any,
    munition: str | Munition | None = None,
    container: str | Carrier = "20ft",
    *,
    fill_fraction: float | Distribution | str | Claim = 1.0,
    mix: Mapping[str, float] | None = None,
    packing: PackingLike = None,
    links: Iterable[Iterable[str]] = (),
    max_findings: int = 60,
    samples: int = 100_000,
    seed: SeedLike = None,
    hedges: HedgeModel | None = None,
    catalogue: Catalogue | None = None,
) -> ConsistencyReport:
    """Check reported figures against each other through the relations that link them.

    Parameters
    ----------
    claims : figure, or a sequence (or a ledger) of them
        Phrases (``"more than 1,000 containers"``), `Claim`\\ s, ``(claim, subject,
        period)`` triples, or dated, attributed figures with ``claim``, ``subject`` and
        ``period`` (``record.reported_figures()``, a ledger's reports). Only figures about
        linked subjects with overlapping periods are related (see the module docstring).
    munition : str or Munition, optional
        What the carriers hold, for the physical relations. By default the munition a
        rounds figure of the relation names ("half a million 122mm rockets" names
        ``"122mm-rocket"``), else ``"152mm"``. A figure in a physical relation that names
        another munition than this argument, or one the catalogue does not hold
        ("155mm"), is an error rather than a silent 152 mm; figures in the other relations
        need no munition and are not looked up.
    container : str or Carrier
        The kind of carrier a count of containers counts (default ``"20ft"``); counts of
        rail cars and trains use the catalogue's ``rail_car`` and ``train``.
    fill_fraction : float, distribution or phrase
        Share of each carrier's capacity used for rounds, in (0, 1]; default 1 (full, the
        conversion officials make). A phrase is read as a fraction ("about half", "80%").
    mix : mapping of str to float, optional
        Shares of rounds by munition, replacing ``munition``.
    packing : str or mapping, optional
        What a count of rounds counts (``"complete"``, ``"separate"``, ``"projectile"``, or
        weights); by default each munition's ``shipped`` weights.
    links : iterable of sets of str
        More sets of subjects to relate, added to `LINKED_SUBJECTS`.
    max_findings : int
        At most this many findings (default 60; at most ``limits.current().findings``);
        the report counts the rest.
    samples : int
        Draws per finding.
    seed : SeedLike
        Every finding uses this seed; drawn afresh (and recorded) when omitted.
    hedges : HedgeModel, optional
        How the claims' wording is read.
    catalogue : Catalogue, optional
        Where munition and carrier names are looked up.

    Returns
    -------
    ConsistencyReport
        The findings, what was not related and why, and the settings used.

    Raises
    ------
    ValueError
        When no relation links the figures (the message says what each one needs), or
        for the bad inputs `rounds_from_containers` refuses.

    See Also
    --------
    ConsistencyReport : What it returns.
    conversions : Published conversions, each checked with `Conversion.check`.
    munitions_model.rounds_from_containers : The containers relation on its own.

    Examples
    --------
    South Korea's defence minister's own conversion (26 February 2024), read as 152 mm:

    >>> report = check_consistency(
    ...     ["about 6,700 containers", "more than 3 million rounds"], samples=20_000, seed=1)
    >>> finding = report.findings[0]
    >>> finding.relation, finding.verdict, finding.factors[0].name
    ('containers', 'consistent', 'packing')

    A range that contains what the others imply is consistent with them:

    >>> check_consistency(
    ...     ["about 100 days", "about 10,000 rounds a day",
    ...      "between 100,000 and 100,000,000 rounds"], samples=20_000, seed=1).consistent
    True
    """
    packing = _validation.packing(packing)
    model = DEFAULT_HEDGES if hedges is None else hedges
    ctx = _Context.checked(
        LoadSpec(munition, container, fill_fraction, mix, packing, catalogue),
        samples=samples,
        seed=seed,
        links=links,
        hedges=model,
    )
    given = _given(claims)
    if not given:
        raise ValueError(f"claims must hold at least one phrase or Claim, got {claims!r}")
    limit = _validation.positive_int(max_findings, "max_findings")
    limits.check("findings", limit, "check_consistency's max_findings")
    read = [_read_claim(i, g, model) for i, g in enumerate(given)]
    by_role = _by_role(read)
    rows = [*_RELATIONS, *(_same(role) for role in _SAME_ROLES)]
    combos = [(rel, combo) for rel in rows for combo in _combos(rel, by_role, ctx.links)]
    if not combos and not any(_fills(rel, by_role) for rel in rows):
        raise _nothing_links(read)
    kept = combos[:limit]
    # Each physical relation's load, before anything is drawn: a figure naming a munition
    # the argument contradicts, or the catalogue does not hold, fails here.
    loads = [ctx.load(rel, combo) for rel, combo in kept if rel.physics is not None]
    findings = [_evaluate(rel, combo, ctx) for rel, combo in kept]
    used = {f.index for _, combo in kept for f in combo}
    return ConsistencyReport(
        consistent=bool(findings) and all(f.verdict == "consistent" for f in findings),
        findings=tuple(findings),
        unrelated=tuple(_unrelated(read, used, by_role)),
        skipped=len(combos) - len(kept),
        munition=_load_name(munition, mix, loads),
        container=_name(ctx.container),
        mix=None if mix is None else {k: float(v) for k, v in mix.items()},
        packing=_packing_text(packing),
        fill_fraction=_fill_text(fill_fraction),
        hedge_model=model.label,
        samples=ctx.samples,
        seed=ctx.seed,
        thresholds={
            "level": LEVEL,
            "consistent_at": CONSISTENT_AT,
            "inconsistent_below": INCONSISTENT_BELOW,
        },
    )


def _load_name(
    munition: str | Munition | None, mix: Mapping[str, float] | None, loads: Sequence[LoadSpec]
) -> str:
    """The report's munition: the argument, ``"mix"``, or the one munition the physical
    relations load (what the figures name), else `DEFAULT_MUNITION`."""
    if munition is not None:
        return _name(munition)
    if mix is not None:
        return "mix"
    loaded = {_name(s.munition) for s in loads if s.mix is None and s.munition is not None}
    return loaded.pop() if len(loaded) == 1 else DEFAULT_MUNITION


def _fill_text(fill_fraction: object) -> str:
    if isinstance(fill_fraction, Claim):
        return fill_fraction.phrase or f"{fill_fraction.qualifier} {fill_fraction.value:g}"
    return str(fill_fraction)


def _fills(relation: _Relation, by_role: Mapping[str, Sequence[_Read]]) -> bool:
    """Whether there are figures for every role of a relation, whatever their subjects."""
    needed: dict[str, int] = {}
    for role, _ in relation.roles:
        needed[role] = needed.get(role, 0) + 1
    return all(len(by_role.get(role, ())) >= k for role, k in needed.items())


def _by_role(read: Sequence[_Read]) -> dict[str, list[_Read]]:
    """Figures by role, each pool sorted by text (so that input order does not matter)."""
    by_role: dict[str, list[_Read]] = {}
    for r in read:
        if r.role is not None:
            by_role.setdefault(r.role, []).append(r)
    for pool in by_role.values():
        pool.sort(key=_Read.sort_key)
    return by_role


# -- the official conversions ----------------------------------------------------------------


#: How a published conversion's figures are read by default: as their author rounded them
#: (the speaker reading, ``granularity-1``). Each side is a count or a computed total its
#: author holds and rounds ("about 6,700 containers", "more than 3 million"), the case the
#: hedge model documents for ``granularity-1``; ``reader-2015`` reads the same words as a
#: reader takes them, a bare "2,000 containers" as exactly 2,000.
CONVERSION_HEDGES: HedgeModel = GRANULARITY_1


class Conversion(BaseModel):
    """A conversion an official or analyst published between carriers and rounds.

    A count of carriers (or tonnes) and the rounds it was said to equal, with the reading
    its wording implies.

    Parameters
    ----------
    id : str
        A short unique name (``dia-kang-2024-10-23``).
    who : str
        Who published it.
    reported_on : str
        When, as an ISO date.
    url : str
        Where.
    quote : str
        The key words, as published (translated where the original is not English).
    carriers : Claim
        The count of containers, rail cars or tonnes, with its phrase and source.
    rounds : Claim
        The rounds it was said to equal, with its phrase and source.
    munition : str
        The catalogue munition the wording names ("assuming all 152 mm" is ``152mm``).
    mix : dict of str to float, optional
        Shares by munition, for a conversion of mixed calibres.
    container : str or None
        The catalogue carrier; ``None`` for tonnes.
    reading : str
        The reading the wording implies, in words.
    subject : str
        The flow it is about (``nk_to_russia``); its figures' subjects add the unit.
    period : Period or None
        The period the figures cover.
    note : str, default ""
        Anything else worth knowing.

    See Also
    --------
    conversions : The bundled ones.

    Examples
    --------
    >>> dia = next(c for c in conversions() if c.id == "dia-kang-2024-10-23")
    >>> dia.per_carrier  # rounds per container at face value
    (470.0, 470.0)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    who: str = Field(min_length=1)
    reported_on: str
    url: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    carriers: Claim
    rounds: Claim
    munition: str
    mix: dict[str, float] | None = None
    container: str | None
    reading: str
    subject: str
    period: Period | None
    note: str = ""

    @property
    def per_carrier(self) -> tuple[float, float]:
        """Rounds per carrier (or per tonne) at face value: the stated numbers divided."""
        return self.rounds.low / self.carriers.high, self.rounds.high / self.carriers.low

    @property
    def packings(self) -> tuple[str, ...]:
        """The packings its munition (or every munition of its mix) can be counted as."""
        cat = default_catalogue()
        held = [self.munition] if self.mix is None else list(self.mix)
        names = [set(cat.munition(m).packings) for m in held]
        first = cat.munition(held[0]).packings
        return tuple(p for p in first if all(p in n for n in names))

    def figures(self) -> list[Figure]:
        """Return the two figures, each with a subject of the conversion's flow and its period.

        Returns
        -------
        list of Figure
            The carriers and the rounds, with subjects ``{subject}_{unit}``
            (``nk_to_russia_containers``, ``nk_to_russia_rounds``).
        """
        return [
            Figure(claim=c, subject=f"{self.subject}_{c.unit}", period=self.period)
            for c in (self.carriers, self.rounds)
        ]

    def check(
        self,
        *,
        packing: PackingLike = None,
        samples: int = 100_000,
        seed: SeedLike = None,
        hedges: HedgeModel = CONVERSION_HEDGES,
    ) -> ConsistencyReport:
        """Check the two figures against each other under the reading the wording implies.

        `check_consistency` with the catalogue's shipped packings (or ``packing``), the words read
        as their author rounded them (`CONVERSION_HEDGES`, ``granularity-1``) unless ``hedges``
        says otherwise (``mm.hedges.READER_2015`` reads them at face value).

        Parameters
        ----------
        packing : str or mapping of str to float, optional
            What a count of rounds counts; by default each munition's ``shipped`` weights.
        samples : int, default 100000
            Draws.
        seed : SeedLike, optional
            Drawn afresh (and recorded) when omitted.
        hedges : HedgeModel, default CONVERSION_HEDGES
            How the wording is read.

        Returns
        -------
        ConsistencyReport
            One finding, of the containers (or tonnes) relation.
        """
        munition = self.munition if self.mix is None else None
        return check_consistency(
            self.figures(),
            munition,
            self.container or "20ft",
            mix=self.mix,
            packing=packing,
            samples=samples,
            seed=seed,
            hedges=hedges,
        )


def _conversion_claim(row: Mapping[str, str], side: str, source: Source) -> Claim:
    """One side of a conversion from its columns (the phrase is kept for display)."""

    def cell(name: str) -> str | None:
        value = row.get(f"{side}_{name}", "")
        return value.strip() or None

    high = cell("value_high")
    return Claim(
        value=float(cell("value") or "nan"),
        qualifier=cell("qualifier") or "exact",
        unit=cell("unit") or "rounds",
        value_high=None if high is None else float(high),
        vague=cell("vague") == "true",
        item=cell("item"),
        phrase=cell("phrase"),
        source=source,
    )


def _conversion(row: Mapping[str, str]) -> Conversion:
    source = Source(who=row["who"], when=row["reported_on"] or None, url=row["url"])
    mix = None
    if row["mix"]:
        mix = {k: float(v) for k, v in (part.split("=") for part in row["mix"].split(","))}
    return Conversion(
        id=row["id"],
        who=row["who"],
        reported_on=row["reported_on"],
        url=row["url"],
        quote=row["quote"],
        carriers=_conversion_claim(row, "carriers", source),
        rounds=_conversion_claim(row, "rounds", source),
        munition=row["munition"],
        mix=mix,
        container=row["container"] or None,
        reading=row["reading"],
        subject=row["subject"],
        period=Period.parse(row["period"]) if row["period"] else None,
        note=row["note"],
    )


@cache
def conversions() -> tuple[Conversion, ...]:
    """Return the official and open-source conversions of 2023-2025 between carriers and rounds.

    Containers, tonnes or rail cars against rounds, bundled as ``data/conversions.csv``. Each
    has its source, the words it rests on, and the reading its wording implies (the munition,
    the carrier, whether containers are full); the README's table checks each against the
    model.

    Returns
    -------
    tuple of Conversion
        In the order of the file.

    See Also
    --------
    Conversion.check : Checks one against the model.

    Examples
    --------
    >>> dia = next(c for c in conversions() if c.id == "dia-kang-2024-10-23")
    >>> round(dia.rounds.value / dia.carriers.value)  # rounds per container at face value
    470
    """
    text = resources.files("munitions_model").joinpath("data", "conversions.csv")
    rows = list(csv.DictReader(text.read_text(encoding="utf-8").splitlines()))
    out = []
    for row in rows:
        try:
            out.append(_conversion(row))
        except ValueError as err:
            raise ValueError(f"conversion {row.get('id')!r} is invalid: {err}") from err
    ids = [c.id for c in out]
    if len(set(ids)) != len(ids):
        raise ValueError("conversion ids must be unique")
    return tuple(out)
