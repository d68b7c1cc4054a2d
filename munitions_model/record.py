"""The bundled record: reported figures, physical facts and the seed document, each with
its source, validated on load.

``data/seed.json`` holds the seed article's claims (the same file is ``seeds/seed.json``
in the repository); ``data/reported_figures.csv`` holds what officials and analysts
reported about North Korean transfers, Russian and Ukrainian fire rates, Russian
production and artillery parks, with who said it, when, and where. The qualifier of each
figure is read from its phrase as reported. Loading refuses a figure without a source
(``who``) or a unit.

``data/physical_facts.csv`` holds the physical facts behind the munitions and carriers
catalogue (projectile and rocket masses, container and wagon payloads and volumes), each
with its source (``url`` as given in the reference compilation, and ``who``) and, where
known, its date. Loading refuses a fact without a source, a ``who`` or a unit.

Fire-rate figures carry the period they describe, so :func:`pooled` can answer "Russian
fire rate, late 2023" with one distribution: an equal-weight mixture of the interpreted
reports whose period lies within the window. Equal weights say that we do not know which
report is right; a user who does can build their own `mixture`.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import warnings
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from munitions_model.claims import Claim, PartialDate, Source, Unit
from munitions_model.distributions import Distribution, mixture
from munitions_model.hedges import HedgeModel, interpret

__all__ = [
    "FIRE_RATE_PERIODS",
    "Period",
    "PhysicalFact",
    "ReportedFigure",
    "claims",
    "fact",
    "load_facts",
    "load_figures",
    "physical_facts",
    "pooled",
    "reported_figure",
    "reported_figures",
    "seed_document",
    "seed_figures",
    "subjects",
]


class Period(BaseModel):
    """A span of dates a figure describes, inclusive at both ends.

    Parameters
    ----------
    start : datetime.date
        First day.
    end : datetime.date
        Last day, not before ``start``.

    See Also
    --------
    Period.parse : Read one from text.

    Examples
    --------
    >>> Period.parse("2023-08/2023-10").end
    datetime.date(2023, 10, 31)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or two of them joined by ``/``.

        Parameters
        ----------
        text : str
            The text; a partial date covers its whole span.

        Returns
        -------
        Period
            The period.
        """
        first, _, last = text.partition("/")
        return cls(start=_edge(first, start=True), end=_edge(last or first, start=False))

    def within(self, other: Period) -> bool:
        """Return whether this period lies inside ``other``.

        Parameters
        ----------
        other : Period
            The enclosing period.

        Returns
        -------
        bool
            ``True`` if both ends lie in ``other``.
        """
        return other.start <= self.start and self.end <= other.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _edge(text: str, *, start: bool) -> dt.date:
    """First (``start``) or last day of a partial ISO date."""
    parts = [int(p) for p in text.strip().split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"period must be YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (1 if start else 12)
    if len(parts) == 3:
        return dt.date(year, month, parts[2])
    day = 1 if start else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


#: Windows for the Russian fire-rate periods the seed report compares.
FIRE_RATE_PERIODS: dict[str, Period] = {
    "2022": Period.parse("2022"),
    "early 2023": Period.parse("2023-01/2023-04"),
    "summer 2023": Period.parse("2023-05/2023-09"),
    "late 2023": Period.parse("2023-10/2023-12"),
}


class ReportedFigure(BaseModel):
    """One bundled figure: its claim (with phrase and source), subject and period.

    Parameters
    ----------
    id : str
        Short unique name, e.g. ``"seed-rounds"``.
    subject : str
        What the figure is about, e.g. ``"russia_fire_rate"``.
    period : Period or None
        The period it covers, where known.
    claim : Claim
        The figure as a claim, with its phrase and `Source`.

    See Also
    --------
    reported_figures : The bundled figures.
    reported_figure : One by id.

    Examples
    --------
    >>> reported_figure("seed-rounds").claim.qualifier
    'more_than'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    period: Period | None
    claim: Claim

    @model_validator(mode="after")
    def _sourced(self) -> Self:
        if self.claim.source is None:
            raise ValueError(f"figure {self.id!r} has no source")
        return self


def _row_to_figure(row: Mapping[str, object]) -> ReportedFigure:
    """A figure from a CSV row or a JSON object with the same field names."""

    def opt(key: str) -> str | None:
        value = row.get(key)
        return str(value).strip() or None if value is not None else None

    def need(key: str) -> str:
        value = opt(key)
        if value is None:
            raise ValueError(f"reported figure {row.get('id')!r} has no {key}")
        return value

    source = Source(who=need("who"), when=opt("reported_on"), url=opt("url"), note=opt("note"))
    high = opt("value_high")
    claim = Claim.model_validate(
        {
            "value": float(need("value")),
            "value_high": None if high is None else float(high),
            "qualifier": need("qualifier"),
            "vague": opt("vague") == "true",
            "unit": need("unit"),
            "item": opt("item"),
            "phrase": opt("phrase"),
            "source": source,
        }
    )
    period = opt("period")
    return ReportedFigure(
        id=need("id"),
        subject=need("subject"),
        period=Period.parse(period) if period else None,
        claim=claim,
    )


def load_figures(rows: Iterable[Mapping[str, object]]) -> tuple[ReportedFigure, ...]:
    """Validate reported figures given as rows (CSV or JSON records, same field names).

    Parameters
    ----------
    rows : iterable of mapping of str to object
        One mapping per figure; empty cells count as missing.

    Returns
    -------
    tuple of ReportedFigure
        The figures, in row order.

    Raises
    ------
    ValueError
        Naming the figure, for a row that is missing a required field (``id``, ``subject``,
        ``qualifier``, ``value``, ``unit``, ``who``) or is otherwise invalid, and for ids that
        are not unique.

    See Also
    --------
    reported_figures : The bundled figures, loaded this way.

    Examples
    --------
    >>> row = {"id": "mine", "subject": "russia_fire_rate", "period": "2024-03",
    ...        "qualifier": "about", "value": "10000", "unit": "rounds/day",
    ...        "phrase": "about 10,000 rounds a day", "who": "an illustration",
    ...        "url": "https://example.org"}
    >>> load_figures([row])[0].claim.value
    10000.0
    """
    out = []
    for row in rows:
        try:
            out.append(_row_to_figure(row))
        except (ValidationError, ValueError) as err:
            raise ValueError(f"reported figure {row.get('id')!r} is invalid: {err}") from err
    ids = [f.id for f in out]
    if len(set(ids)) != len(ids):
        raise ValueError("reported figure ids must be unique")
    return tuple(out)


def _data(name: str) -> str:
    return resources.files("munitions_model").joinpath("data", name).read_text(encoding="utf-8")


@cache
def seed_document() -> dict[str, Any]:
    """Return the seed article's citation and claims (``data/seed.json``, also ``seeds/``).

    See Also
    --------
    seed_figures : The seed's figures by role.

    Examples
    --------
    >>> sorted(seed_document())[:2]
    ['citation', 'claims']
    """
    doc: dict[str, Any] = json.loads(_data("seed.json"))
    return doc


@cache
def reported_figures() -> tuple[ReportedFigure, ...]:
    """Return every bundled figure: the seed's claims first, then the other reports.

    See Also
    --------
    reported_figure : One by id.
    subjects : What they are about.

    Examples
    --------
    >>> reported_figures()[0].id
    'seed-rounds'
    """
    rows: list[Mapping[str, object]] = list(seed_document()["claims"])
    rows += csv.DictReader(_data("reported_figures.csv").splitlines())
    return load_figures(rows)


@cache
def seed_figures() -> dict[str, tuple[ReportedFigure, ...]]:
    """Return the seed's figures by role (``stock``, ``duration``, ``transfers``, ``containers``).

    The first of each role is the cited article's wording.

    See Also
    --------
    seed_document : The seed article.
    munitions_model.seed_report : The seed reproduced.

    Examples
    --------
    >>> seed_figures()["stock"][0].claim.qualifier
    'more_than'
    """
    by_id = {f.id: f for f in reported_figures()}
    roles: dict[str, list[ReportedFigure]] = {}
    for c in seed_document()["claims"]:
        roles.setdefault(str(c["role"]), []).append(by_id[str(c["id"])])
    return {role: tuple(found) for role, found in roles.items()}


class PhysicalFact(BaseModel):
    """A physical fact with its source: a mass, a length, a payload or a volume.

    Parameters
    ----------
    id : str
        Short unique name, e.g. ``"iso-20ft"``; the catalogue cites facts by it.
    item : str
        What the fact is about.
    fact : str
        The fact as reported, with every number it gives (the catalogue quotes it).
    value : float, optional
        The headline number, in ``unit``; absent for a definition (e.g. a doctrine rate).
    unit : str
        Unit of ``value``, e.g. ``kg``, ``m3``, ``rounds/box``.
    url : str
        Where it was found, as the reference compilation gives it (a link, or a description
        of a source that has none).
    who : str
        Publisher or author.
    date : str, optional
        Date published, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, where known.
    note : str, optional
        Caveats: secondary source, unconfirmed, what is missing.

    See Also
    --------
    physical_facts : The bundled facts.
    munitions_model.catalogue : Cites them.

    Examples
    --------
    >>> fact("iso-20ft").unit
    'kg'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    item: str = Field(min_length=1)
    fact: str = Field(min_length=1)
    value: float | None = None
    unit: Unit
    url: str = Field(min_length=1)
    who: str = Field(min_length=1)
    date: PartialDate | None = None
    note: str | None = None

    @property
    def text(self) -> str:
        """The fact and its note, as one string (what catalogue quotes are checked against)."""
        return f"{self.fact}; {self.note}" if self.note else self.fact


def load_facts(rows: Iterable[Mapping[str, object]]) -> tuple[PhysicalFact, ...]:
    """Validate physical facts given as rows (CSV or JSON records, same field names).

    Empty cells count as missing; a fact without ``url``, ``who`` or ``unit`` is refused
    with a ``ValueError`` naming the fact and the field.

    Parameters
    ----------
    rows : iterable of mapping of str to object
        One mapping per fact; empty cells count as missing.

    Returns
    -------
    tuple of PhysicalFact
        The facts, in row order.

    Raises
    ------
    ValueError
        Naming the fact and the field, for a fact without ``url``, ``who`` or ``unit``; naming
        the fact for one otherwise invalid; and for ids that are not unique.

    See Also
    --------
    physical_facts : The bundled facts, loaded this way.

    Examples
    --------
    >>> load_facts([{"id": "box", "item": "crate", "fact": "weighs 20 kg", "value": "20",
    ...              "unit": "kg", "url": "https://example.org", "who": "me"}])[0].value
    20.0
    """
    out = []
    for row in rows:
        cells = {k: str(v).strip() for k, v in row.items() if v is not None and str(v).strip()}
        for required in ("url", "who", "unit"):
            if required not in cells:
                raise ValueError(f"physical fact {row.get('id')!r} has no {required}")
        try:
            out.append(PhysicalFact.model_validate(cells))
        except ValidationError as err:
            raise ValueError(f"physical fact {row.get('id')!r} is invalid: {err}") from err
    ids = [f.id for f in out]
    if len(set(ids)) != len(ids):
        raise ValueError("physical fact ids must be unique")
    return tuple(out)


@cache
def physical_facts() -> tuple[PhysicalFact, ...]:
    """Return every bundled physical fact (``data/physical_facts.csv``), in file order.

    See Also
    --------
    fact : One by id.

    Examples
    --------
    >>> len(physical_facts()) > 10
    True
    """
    return load_facts(csv.DictReader(_data("physical_facts.csv").splitlines()))


def fact(fact_id: str) -> PhysicalFact:
    """Return the bundled physical fact with this id.

    Parameters
    ----------
    fact_id : str
        E.g. ``"iso-20ft"``.

    Returns
    -------
    PhysicalFact
        The fact, with its source.

    Raises
    ------
    ValueError
        If no bundled fact has this id; the message lists the known ids.

    See Also
    --------
    physical_facts : Every bundled fact.

    Examples
    --------
    >>> fact("iso-20ft").who != ""
    True
    """
    for f in physical_facts():
        if f.id == fact_id:
            return f
    raise ValueError(f"no physical fact {fact_id!r}; known ids: {[f.id for f in physical_facts()]}")


def reported_figure(figure_id: str) -> ReportedFigure:
    """Return the bundled reported figure with this id (e.g. ``"seed-rounds"``).

    Parameters
    ----------
    figure_id : str
        The figure's id.

    Returns
    -------
    ReportedFigure
        The figure.

    Raises
    ------
    ValueError
        If no bundled figure has this id; the message lists the known ids.

    See Also
    --------
    reported_figures : Every bundled figure.

    Examples
    --------
    >>> reported_figure("seed-transfers").subject
    'nk_to_russia_transfers'
    """
    for f in reported_figures():
        if f.id == figure_id:
            return f
    raise ValueError(
        f"no reported figure {figure_id!r}; known ids: {[f.id for f in reported_figures()]}"
    )


def subjects() -> tuple[str, ...]:
    """Return the subjects of the bundled figures, in file order.

    Returns
    -------
    tuple of str
        E.g. ``"russia_fire_rate"``.

    See Also
    --------
    claims : The figures about one subject.

    Examples
    --------
    >>> "russia_fire_rate" in subjects()
    True
    """
    return tuple(dict.fromkeys(f.subject for f in reported_figures()))


def claims(subject: str | None = None) -> list[Claim]:
    """Return the bundled reported figures as claims with sources, optionally one subject's.

    Parameters
    ----------
    subject : str, optional
        E.g. ``"russia_fire_rate"``, ``"nk_to_russia_rounds"``; see `subjects`.

    Returns
    -------
    list of Claim
        In file order, each with its phrase and `Source`.

    See Also
    --------
    reported_figures : The figures with their subjects and periods.
    pooled : One distribution per subject and period.

    Examples
    --------
    >>> all(c.source is not None for c in claims("russia_fire_rate"))
    True
    """
    if subject is not None and subject not in subjects():
        raise ValueError(f"unknown subject {subject!r}; known subjects: {list(subjects())}")
    return [f.claim for f in reported_figures() if subject is None or f.subject == subject]


def pooled(subject: str, period: str | Period, hedges: HedgeModel | None = None) -> Distribution:
    """Pool the reports on a subject over a period into one distribution, with equal weights.

    Parameters
    ----------
    subject : str
        E.g. ``"russia_fire_rate"``.
    period : str or Period
        A key of `FIRE_RATE_PERIODS` (``"late 2023"``) or a period such as
        ``"2023-10/2023-12"``. Figures whose period lies within it are pooled.
    hedges : HedgeModel, optional
        How each report's wording is read.

    Returns
    -------
    Distribution
        The single report's distribution, or an equal-weight mixture of several.

    See Also
    --------
    claims : The reports.
    munitions_model.distributions.mixture : The pooling.

    Examples
    --------
    >>> pooled("russia_fire_rate", "2023").unit
    'rounds/day'
    """
    window = period if isinstance(period, Period) else FIRE_RATE_PERIODS.get(period)
    if window is None:
        window = Period.parse(str(period))
    chosen = [
        f
        for f in reported_figures()
        if f.subject == subject and f.period is not None and f.period.within(window)
    ]
    if not chosen:
        raise ValueError(f"no {subject!r} figures within {period!s} ({window})")
    parts = [interpret(f.claim, hedges) for f in chosen]
    return parts[0] if len(parts) == 1 else mixture(parts)


_RENAMED = {"figures": "claims", "figure": "reported_figure"}


def __getattr__(name: str) -> Any:
    """Names of 0.1 that moved: still reachable, with a ``DeprecationWarning``."""
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"munitions_model.record.{name} is deprecated; use munitions_model.record.{new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
