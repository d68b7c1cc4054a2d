"""A ledger of dated, attributed reports, each read through the parser and the hedge model.

A `Ledger` holds what an analyst collects: rows of reported phrases ("more than 50000
rounds a day"), each about a *subject* (``russia_fire_rate``), covering a period, reported
on a date by someone, with a link. Each row is read once, when the ledger is built: the
phrase through :func:`munitions_model.parse_claim`, the claim through
:func:`munitions_model.interpret` into a *reading* (a distribution in the subject's base
unit). A row that cannot be read is kept out of the reports and listed in
`Ledger.problems` with its row number and the reason; a bad row never stops a ledger from
loading, and nothing is dropped without a problem saying so.

Columns
-------
``phrase`` (required)
    The figure as reported, verbatim ("as many as 20000 a day").
``subject``
    What the figure is about; a name in the subject registry (below).
``period_start``, ``period_end``
    The period the figure covers, each ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial
    date covers its whole span (``period_start=2023-09`` is 1 September, ``period_end=
    2023-10`` is 31 October).
``reported_on``
    When the figure was reported (same forms; a partial date counts as its last day, the
    day by which the report had certainly been made).
``who``, ``url``
    Who reported it, and where it can be read.

Optional extras: ``id`` (unique; a repeated id is a problem), ``note`` (kept in the
claim's `Source`), ``source`` (the source key used to pool a source's reports, overriding
the rule below), ``unit`` (the unit the sentence around the phrase gives when the phrase
has none, e.g. ``rounds`` for "between 10 and 11 million" said of shells fired in 2022, or
only the count, e.g. ``rounds/day`` for "between 10,000 and 15,000 shots" said of a daily
rate; a ``unit`` that contradicts the phrase's is a problem) and ``status`` (empty for a
report of the quantity itself; otherwise what the figure is instead, e.g. ``plan``,
``capacity`` (a capacity, or a count of containers converted into shells by an assumed
load), ``peak``, ``local``, ``relative``, ``fired`` (missiles launched: a lower bound of
those delivered), ``inverse`` (a ratio stated the other way round): such rows stay in the
ledger but :func:`munitions_model.infer` leaves them out; one whose unit does not fit its
subject, a share or a multiple, is read in its own unit). Other columns are listed in
`Ledger.ignored_columns` and otherwise ignored. `Ledger.to_frame` adds the reading's
summary (``reading_unit``, ``qualifier``, ``value``, ``value_high``, ``median`` and the
90% ``low``/``high``), which `from_frame` ignores on the way back.

Periods
-------
The period columns come first: they are the curator's reading, which can draw on the
sentence around the phrase. The phrase's own time words (the parser's ``TimeScope``: "in
2024", "since August", "by the end of the year", dated by ``reported_on``) fill a column
left empty, and are checked against the columns: the columns may narrow what the words say
("this year" said in September, with the columns January to September), never contradict
it; a row whose columns contradict its words ("7-to-1 at the start of the year" with the
columns on June) is a problem naming both. Then:
rate and level subjects: a report with only ``period_end`` covers that date's span; with
only ``period_start``, from then until ``reported_on``; with neither, the month it was
reported in. Cumulative subjects: a report is the amount delivered from ``period_start``
(the subject's origin when absent) to ``period_end`` (``reported_on`` when absent), so "more
than one million rounds" reported on 1 Nov 2023 with no period is the total since the
origin.

Subjects and units
------------------
The registry (``data/subjects.csv``; see `bundled_subjects`) gives each subject a base
unit and a kind: ``rate`` (a flow per day, e.g. ``russia_fire_rate`` in rounds/day; a report
is the mean rate over its period), ``cumulative`` (a total that never decreases, e.g.
``nk_to_russia_rounds``, counted from the subject's ``origin`` date; a report is the amount
in its window), or ``level`` (a state or share, e.g. ``dud_fraction``; read like a rate). A
phrase's unit is fitted to its subject:

* a phrase with no unit word (``count``) takes its subject's unit (or the row's ``unit``);
* a bare count per time (``20000 a day`` is ``count/day``) takes the subject's count noun;
* a total over the report's period for a rate subject ("some 12 million shells in 2022")
  is read as the period's mean rate, the total divided by the days in the period; and a
  rate for a cumulative subject ("around 3 million a year", said of 2024) as the amount
  delivered in the report's window, the rate times its days;
* a share of a stated whole ("80% of our target of 2 million rounds") is the amount it
  names, 1.6 million rounds, with the share's hedge (a hedged whole is a problem); a
  multiple ("three times as many as Ukraine") fits a subject counted as a ratio;
* any other unit that is not the subject's base unit (after time conversion: rounds per
  month become rounds per day) is a problem row, e.g. containers for a subject counted in
  rounds, or a total or a rate whose period is unknown.

Sources
-------
Each report has a source key, used by :func:`munitions_model.infer` to learn how far a
source's reports run high or low. The key is the row's ``source`` cell when given;
otherwise it is derived from ``who``: lowercased, without parenthesised parts (the outlet:
"(CNN)") and without what follows ``via`` (the relay), then matched against the prefixes of
the alias table ``data/sources.csv``, which groups the people and bodies of one government
or institution (a Ukrainian defence minister, Ukraine's commander-in-chief and its military
intelligence are one source, "Ukraine"), since what pushes reports high or low (access,
method, interest) is shared by an institution. In "X citing Y" the party quoted, Y, is the
source when the table knows it, else X. A ``who`` that matches no prefix is its own source;
a row with no ``who`` is a source of its own ("row 7 (unattributed)"), sharing its bias
with no other.

Examples
--------
>>> from munitions_model.ledger import Ledger
>>> ledger = Ledger.from_rows([
...     {"phrase": "about 10,000 rounds a day", "subject": "russia_fire_rate",
...      "period_start": "2024-03", "reported_on": "2024-04-02", "who": "US official"},
...     {"phrase": "some 12 million shells in 2022", "subject": "russia_fire_rate",
...      "period_start": "2022", "period_end": "2022", "who": "RUSI"},
...     {"phrase": "no number here", "subject": "russia_fire_rate", "who": "nobody"},
... ])
>>> len(ledger), [p.row for p in ledger.problems]
(2, [3])
>>> round(ledger.reports[1].reading.median)  # 12 million over 365 days
32877
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import importlib
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from munitions_model import _validation
from munitions_model._parser import parse_claim
from munitions_model.claims import Claim, Source, Unit
from munitions_model.distributions import Distribution
from munitions_model.hedges import HedgeModel, _scaled, interpret
from munitions_model.record import DataFileError, Period
from munitions_model.units import base_unit

__all__ = [
    "COLUMNS",
    "EXTRA_COLUMNS",
    "Ledger",
    "Problem",
    "Report",
    "Subject",
    "SubjectKind",
    "bundled_ledger",
    "bundled_subjects",
    "load_subjects",
    "source_key",
]

#: The columns a ledger reads; only ``phrase`` is required.
COLUMNS: Final = ("phrase", "subject", "period_start", "period_end", "reported_on", "who", "url")
#: Optional columns (see the module docstring).
EXTRA_COLUMNS: Final = ("id", "note", "source", "unit", "status")
#: Columns `Ledger.to_frame` adds, which a ledger read back ignores without listing them.
DERIVED_COLUMNS: Final = (
    "row",
    "reading_unit",
    "qualifier",
    "value",
    "value_high",
    "median",
    "low",
    "high",
)

#: The kinds of subject: a flow per day, a total that never decreases, or a state.
SubjectKind = Literal["rate", "cumulative", "level"]


class Subject(BaseModel):
    """What reports can be about: a name, a base unit and a kind.

    Parameters
    ----------
    name : str
        E.g. ``"russia_fire_rate"``.
    unit : str
        Base unit [e.g. ``rounds/day``, ``rounds``, ``fraction``].
    kind : {"rate", "cumulative", "level"}
        A flow per day, a total that never decreases, or a state; see the module docstring.
    origin : date, optional
        Cumulative subjects: the date the total counts from (zero before it).
    description : str
        What is counted.

    See Also
    --------
    load_subjects : A registry from rows.
    bundled_subjects : The bundled registry.

    Examples
    --------
    >>> Subject(name="russia_fire_rate", unit="rounds/day", kind="rate").kind
    'rate'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    unit: Unit
    kind: SubjectKind
    origin: dt.date | None = None
    description: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if base_unit(self.unit) != self.unit:
            raise ValueError(
                f"subject {self.name!r}: unit must be a base unit, got {self.unit!r} "
                f"(use {base_unit(self.unit)!r})"
            )
        per_time = self.unit.endswith("/day")
        if self.kind == "rate" and not per_time:
            raise ValueError(
                f"subject {self.name!r}: a rate needs a unit per day, got {self.unit!r}"
            )
        if self.kind == "cumulative":
            if per_time:
                raise ValueError(
                    f"subject {self.name!r}: a cumulative total needs a count unit, "
                    f"got {self.unit!r}"
                )
            if self.origin is None:
                raise ValueError(f"subject {self.name!r}: a cumulative total needs an origin date")
        return self


def load_subjects(rows: Iterable[Mapping[str, object]]) -> Mapping[str, Subject]:
    """Build a subject registry from rows with ``subject, unit, kind, origin, description``.

    Parameters
    ----------
    rows : iterable of mapping of str to object
        One mapping per subject, e.g. the rows of ``csv.DictReader``; empty cells are
        ignored.

    Returns
    -------
    Mapping[str, Subject]
        The subjects by name (read-only).

    Raises
    ------
    ValueError
        Naming the subject, for an invalid row or a name registered twice.

    See Also
    --------
    bundled_subjects : The bundled registry.
    Ledger.from_rows : Reads reports against a registry.

    Examples
    --------
    >>> registry = load_subjects([{"subject": "my_rate", "unit": "rounds/day", "kind": "rate"}])
    >>> registry["my_rate"].unit
    'rounds/day'
    """
    out: dict[str, Subject] = {}
    for row in rows:
        cells = {k: v for k, v in row.items() if v not in (None, "")}
        name = str(cells.pop("subject", "")).strip()
        try:
            subject = Subject.model_validate({"name": name, **cells})
        except ValidationError as err:
            raise ValueError(f"subject {name!r} is invalid: {err}") from err
        if name in out:
            raise ValueError(f"subject {name!r} is registered twice")
        out[name] = subject
    return MappingProxyType(out)


def _data_text(name: str) -> str:
    return resources.files("munitions_model").joinpath("data", name).read_text(encoding="utf-8")


@cache
def bundled_subjects() -> Mapping[str, Subject]:
    """Return the bundled subject registry (``data/subjects.csv``), by name.

    Returns
    -------
    Mapping[str, Subject]
        The subjects by name (read-only).

    See Also
    --------
    load_subjects : Build your own registry.
    bundled_ledger : The bundled reports, read against it.

    Examples
    --------
    >>> s = bundled_subjects()["nk_to_russia_rounds"]
    >>> s.kind, s.unit, s.origin
    ('cumulative', 'rounds', datetime.date(2023, 8, 1))
    """
    return load_subjects(csv.DictReader(io.StringIO(_data_text("subjects.csv"))))


@cache
def _aliases() -> tuple[tuple[str, str], ...]:
    """``(prefix, source)`` pairs of ``data/sources.csv``, longest prefix first."""
    rows = csv.DictReader(io.StringIO(_data_text("sources.csv")))
    pairs = [(r["prefix"].strip().lower(), r["source"].strip()) for r in rows]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


_PARENTHESES = re.compile(r"\([^)]*\)")
_SPACES = re.compile(r"\s+")


def source_key(who: str) -> str:
    """Return the source a ``who`` belongs to, by the rule in the module docstring.

    Parameters
    ----------
    who : str
        Who reported a figure, as the ledger's ``who`` column gives it.

    Returns
    -------
    str
        The source key: a name from ``data/sources.csv`` (``"Ukraine"``, ``"Estonia"``),
        or the speaker itself, lowercased.

    See Also
    --------
    Ledger.from_rows : Gives each report its source key (a ``source`` cell overrides it).

    Examples
    --------
    >>> source_key("Ukraine HUR deputy chief Vadym Skibitskyi")
    'Ukraine'
    >>> source_key("ISW citing Estonian officials")
    'Estonia'
    >>> source_key("A think tank nobody knows")
    'a think tank nobody knows'
    """
    text = _SPACES.sub(" ", _PARENTHESES.sub(" ", who.lower()).split(" via ", 1)[0]).strip()
    speaker, _, cited = text.partition(" citing ")
    for part in (cited, speaker) if cited else (speaker,):
        for prefix, source in _aliases():
            if part.startswith(prefix):
                return source
    return speaker.rstrip(" ,")


class Report(BaseModel):
    """One readable row of a ledger.

    Parameters
    ----------
    row : int
        Position among the ledger's data rows, from 1 (the header is not counted).
    id : str, optional
        The row's ``id``.
    subject : str, optional
        What it is about (a registry name), or ``None``.
    claim : Claim
        The parsed phrase, with its `Source` (who, reported_on, url, note).
    source : str
        The source key (see the module docstring).
    period_start, period_end : date, optional
        The period covered, both ends inclusive, resolved as the module docstring says.
    reported_on : date, optional
        When it was reported (the last day of a partial date).
    reading : Distribution
        What the phrase says, in ``unit``.
    unit : str
        The subject's base unit, or the claim's base unit without a subject.
    context_unit : str, optional
        The row's ``unit`` cell, as given.
    status : str, optional
        The row's ``status`` cell (e.g. ``plan``): what kind of figure it is when it is not
        a report of the quantity itself; :func:`munitions_model.infer` leaves such rows out.

    See Also
    --------
    Ledger : Holds the reports.
    Problem : A row that could not be read.

    Examples
    --------
    >>> report = bundled_ledger().reports[0]
    >>> report.unit == report.reading.unit
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int = Field(ge=1)
    id: str | None = None
    subject: str | None = None
    claim: Claim
    source: str = Field(min_length=1)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reported_on: dt.date | None = None
    reading: Distribution
    unit: str
    context_unit: str | None = None
    status: str | None = None

    @property
    def phrase(self) -> str:
        """The phrase as reported."""
        assert self.claim.phrase is not None  # every report is read from a phrase
        return self.claim.phrase

    @property
    def period(self) -> Period | None:
        """The period covered, when both ends are known."""
        if self.period_start is None or self.period_end is None:
            return None
        return Period(start=self.period_start, end=self.period_end)


class Problem(BaseModel):
    """A row that could not be read: where it is, what it said, and why.

    Parameters
    ----------
    row : int
        Position among the ledger's data rows, from 1 (the header is not counted).
    id : str or None, default None
        The row's ``id``.
    phrase : str or None, default None
        The row's phrase, as given.
    reason : str
        Why it could not be read.

    See Also
    --------
    Ledger : Lists the problems of its rows.

    Examples
    --------
    >>> ledger = Ledger.from_rows([{"phrase": "no number here", "subject": "russia_fire_rate"}])
    >>> ledger.problems[0].row
    1
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int = Field(ge=1)
    id: str | None = None
    phrase: str | None = None
    reason: str


class _RowError(ValueError):
    """Why a row cannot be read (becomes a `Problem`)."""


def _cell(value: object) -> str | None:
    """A cell as stripped text; empty, ``None``, NaN and NaT are missing."""
    if value is None:
        return None
    try:
        if value != value:  # NaN, NaT
            return None
    except (TypeError, ValueError, ArithmeticError):
        return None  # pandas.NA refuses a truth value, Decimal('sNaN') a comparison: missing
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return None if text in ("", "nan", "NaT", "<NA>", "None") else text


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _span(name: str, text: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a partial date ``YYYY[-MM[-DD]]``; ``None`` when missing."""
    if text is None:
        return None
    found = _DATE.fullmatch(text[:10] if text[10:].startswith((" ", "T")) else text)
    try:
        if found is None:
            raise ValueError(text)
        year, month, day = (int(g) if g else None for g in found.groups())
        assert year is not None
        if day is not None:
            one = dt.date(year, month or 1, day)
            return one, one
        first = dt.date(year, month or 1, 1)
        last_month = month or 12
        return first, dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    except ValueError as err:
        raise _RowError(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}") from err


def _month(day: dt.date) -> tuple[dt.date, dt.date]:
    return _span("reported_on", f"{day.year:04d}-{day.month:02d}") or (day, day)


def _scope_spans(claim: Claim) -> tuple[tuple[dt.date, dt.date] | None, ...]:
    """The spans of the partial dates a claim's resolved time scope states: (start, end)."""
    scope = claim.scope
    if scope is None or not scope.resolved:
        return None, None
    return _span("the phrase's start", scope.start), _span("the phrase's end", scope.end)


def _check_scope(
    claim: Claim,
    start: tuple[dt.date, dt.date] | None,
    end: tuple[dt.date, dt.date] | None,
) -> None:
    """A `_RowError` when the phrase's own time words contradict the period columns.

    The columns may narrow what the words say, never contradict them: a ``since`` date must
    fall in the phrase's start ("since 2023" holds ``2023-08``), a ``by`` date in its end,
    and a ``during`` period must lie inside the phrase's ("this year" said in September
    holds January to September).
    """
    scope = claim.scope
    said_start, said_end = _scope_spans(claim)
    if scope is None or (said_start is None and said_end is None):
        return
    if scope.kind == "during" and said_start is not None and said_end is not None:
        said_start = said_end = (said_start[0], said_end[1])  # anywhere inside the period
    clashes = [
        f"{name} {day}"
        for name, day, said in (
            ("period_start", start and start[0], said_start),
            ("period_end", end and end[1], said_end),
        )
        if day is not None and said is not None and not said[0] <= day <= said[1]
    ]
    if clashes:
        raise _RowError(
            f"the phrase says {scope.text!r} ({scope}) but the row has "
            f"{' and '.join(clashes)}; correct the period columns or the phrase"
        )


def _period(
    cells: Mapping[str, str | None],
    subject: Subject | None,
    reported_on: dt.date | None,
    claim: Claim,
) -> tuple[dt.date | None, dt.date | None]:
    """The period a report covers, resolved as the module docstring says."""
    start = _span("period_start", cells.get("period_start"))
    end = _span("period_end", cells.get("period_end"))
    _check_scope(claim, start, end)
    said_start, said_end = _scope_spans(claim)
    start = start or said_start
    end = end or said_end
    if subject is not None and subject.kind == "cumulative":
        first = start[0] if start else subject.origin
        last = end[1] if end else reported_on
    elif start is None and end is None:
        first, last = _month(reported_on) if reported_on else (None, None)
    else:
        first = start[0] if start else end[0] if end else None
        last = end[1] if end else reported_on if reported_on else start[1] if start else None
    if first is not None and last is not None and last < first:
        raise _RowError(f"the period ends ({last}) before it starts ({first})")
    return first, last


def _stated_unit(claim: Claim, context_unit: str | None) -> str:
    """The unit a claim is read in: its own, completed by the row's ``unit``."""
    stated = claim.unit
    if context_unit is None:
        return stated
    have, given = base_unit(stated).split("/"), base_unit(context_unit).split("/")
    if stated == "count" or have == given[:1]:
        return context_unit  # the unit, or its per-time, is in the sentence around
    if have[0] == "count" and have[1:] == given[1:]:
        return context_unit  # "20 thousand daily" said of rounds
    if have[0] == "count" and len(given) == 1:
        return "/".join([given[0], *stated.split("/")[1:]])  # "20,000 a day" of rounds
    if base_unit(context_unit) != base_unit(stated):
        raise _RowError(
            f"the phrase's unit {claim.unit!r} contradicts the row's unit {context_unit!r}"
        )
    return stated


def _fit_unit(
    claim: Claim, subject: Subject, context_unit: str | None, days: int | None
) -> tuple[str, float]:
    """The unit a claim is read in and the factor from its base unit to the subject's."""
    stated = _stated_unit(claim, context_unit)
    if stated == "count":
        return subject.unit, 1.0
    have = base_unit(stated).split("/")
    want = subject.unit.split("/")
    if have[0] == "count" and len(have) > 1:
        have[0] = want[0]  # "20000 a day" counts what the subject counts
    if have[0] == "multiplier" and want == ["ratio"]:
        have = want  # "three times as many as Ukraine" is a ratio of three to one
    if have == want:
        return stated, 1.0
    if days is not None and subject.kind != "cumulative" and [*have, "day"] == want:
        return stated, 1.0 / days  # a total over the period: its mean rate
    if days is not None and subject.kind == "cumulative" and have == [*want, "day"]:
        return stated, float(days)  # a rate over the window: the amount delivered in it
    what = _RELATIVE.get(have[0], "")
    raise _RowError(
        f"unit {claim.unit!r}{what} does not fit subject {subject.name!r} "
        f"({subject.kind}, in {subject.unit})"
    )


#: Why a relative figure does not fit a subject counted in amounts.
_RELATIVE: Final = {
    "fraction": " (a share, and no whole of it was read)",
    "ratio": " (one amount per another)",
    "multiplier": " (a multiple of another amount)",
}


def _of_whole(claim: Claim) -> Claim:
    """A share of a stated whole as the amount it is ("80% of our target of 2 million
    rounds" is 1.6 million rounds, with the share's hedge); other claims unchanged.

    A whole that is itself hedged ("about 2 million") is a problem: two hedges on one
    figure have no reading here.
    """
    whole = claim.whole
    if whole is None or claim.unit != "fraction":
        return claim
    if whole.qualifier != "exact" or whole.is_rate:
        raise _RowError(
            f"a share of a hedged or per-time whole ({whole.qualifier} {whole.value:g} "
            f"{whole.unit}) has no reading; give the amount instead"
        )
    high = None if claim.value_high is None else claim.value_high * whole.value
    return claim.model_copy(
        update={
            "value": claim.value * whole.value,
            "value_high": high,
            "unit": whole.unit,
            "item": claim.item or whole.item,
            "whole": None,
        }
    )


def _parse(phrase: str, cells: Mapping[str, str | None]) -> Claim:
    """The phrase parsed, its relative time words dated by ``reported_on``, with its source."""
    who, when = cells.get("who"), cells.get("reported_on")
    try:
        dating = Source(who=who or "unattributed", when=when[:10] if when else None)
    except ValidationError:
        dating = None  # a bad reported_on is reported by _span below
    try:
        parsed = parse_claim(phrase, dating)
        source = None
        if who is not None:
            source = Source(who=who, when=when, url=cells.get("url"), note=cells.get("note"))
        return parsed.model_copy(update={"phrase": phrase, "source": source})
    except (ValueError, ValidationError) as err:
        if isinstance(err, _RowError):
            raise
        raise _RowError(str(err)) from err


def _reading(
    claim: Claim,
    subject: Subject | None,
    context_unit: str | None,
    days: int | None,
    status: str | None,
    hedges: HedgeModel | None,
) -> tuple[Claim, Distribution, str]:
    """The claim in the unit it is read in, its reading in the report's unit, and that unit.

    A row with a ``status`` whose unit does not fit its subject (a share, a multiple, a
    plan in another unit) is read in its own unit: it is kept, and `infer` leaves it out.
    """
    factor = 1.0
    if subject is None:
        unit = base_unit(claim.unit if context_unit is None else context_unit)
    else:
        if subject.unit != "fraction":
            claim = _of_whole(claim)
        try:
            stated, factor = _fit_unit(claim, subject, context_unit, days)
            unit = subject.unit
            claim = claim.model_copy(update={"unit": stated})
        except _RowError:
            if status is None:
                raise
            unit = base_unit(_stated_unit(claim, context_unit))
    try:
        reading = _scaled(interpret(claim, hedges), factor).with_unit(unit)
    except (ValueError, TypeError) as err:
        raise _RowError(f"cannot read {claim.qualifier} {claim.value:g}: {err}") from err
    return claim, reading, unit


def _read_row(
    row: int,
    cells: Mapping[str, str | None],
    subjects: Mapping[str, Subject],
    hedges: HedgeModel | None,
) -> Report:
    """One row as a report, or `_RowError` saying why not."""
    phrase = cells.get("phrase")
    if phrase is None:
        raise _RowError("the row has no phrase")
    name = cells.get("subject")
    subject = None
    if name is not None:
        subject = subjects.get(name)
        if subject is None:
            raise _RowError(f"unknown subject {name!r}; known subjects: {sorted(subjects)}")
    context_unit = cells.get("unit")
    if context_unit is not None:
        try:
            base_unit(context_unit)
        except ValueError as err:
            raise _RowError(str(err)) from err
    reported = _span("reported_on", cells.get("reported_on"))
    reported_on = reported[1] if reported else None
    claim = _parse(phrase, cells)
    first, last = _period(cells, subject, reported_on, claim)
    days = None if first is None or last is None else (last - first).days + 1
    status = cells.get("status")
    claim, reading, unit = _reading(claim, subject, context_unit, days, status, hedges)
    who = cells.get("who")
    # a who that names only an outlet, "(CNN)", has no source key: unattributed
    source = cells.get("source") or (source_key(who) if who else "") or f"row {row} (unattributed)"
    try:
        return Report(
            row=row,
            id=cells.get("id"),
            subject=name,
            claim=claim,
            source=source,
            period_start=first,
            period_end=last,
            reported_on=reported_on,
            reading=reading,
            unit=unit,
            context_unit=context_unit,
            status=status,
        )
    except ValidationError as err:  # a bad row is a problem, never a stop
        raise _RowError(" ".join(str(err).split())) from err


class Ledger:
    """Dated, attributed reports, read through the parser and the hedge model.

    Build one with `from_csv`, `from_frame` or `from_rows`; see the module docstring for
    the columns and how each is read. A ledger is immutable: `select` returns a new one.

    Parameters
    ----------
    reports : sequence of Report, default ()
        The rows that were read, in row order.
    problems : sequence of Problem, default ()
        The rows that were not, each with its row number and reason.
    subjects : mapping of str to Subject or None, default None
        The registry the rows were read against (the bundled one by default).
    hedges : HedgeModel or None, default None
        The hedge model the phrases were read with (the default one when ``None``).
    ignored_columns : sequence of str, default ()
        Columns given that the ledger does not read.

    Attributes
    ----------
    reports : tuple of Report
        The rows that were read, in row order.
    problems : tuple of Problem
        The rows that were not, each with its row number and reason.
    subjects : mapping of str to Subject
        The registry the rows were read against.
    ignored_columns : tuple of str
        Columns given that the ledger does not read.

    See Also
    --------
    bundled_ledger : The bundled record as a ledger.
    munitions_model.infer : Pools a ledger's reports into a posterior.

    Examples
    --------
    >>> ledger = bundled_ledger().select("russia_fire_rate", before="2024-01-01")
    >>> all(r.subject == "russia_fire_rate" for r in ledger)
    True
    """

    __slots__ = ("hedges", "ignored_columns", "problems", "reports", "subjects")

    def __init__(
        self,
        reports: Sequence[Report] = (),
        problems: Sequence[Problem] = (),
        *,
        subjects: Mapping[str, Subject] | None = None,
        hedges: HedgeModel | None = None,
        ignored_columns: Sequence[str] = (),
    ) -> None:
        self.reports: tuple[Report, ...] = tuple(reports)
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.subjects: Mapping[str, Subject] = bundled_subjects() if subjects is None else subjects
        self.hedges = hedges
        self.ignored_columns: tuple[str, ...] = tuple(ignored_columns)

    # -- building -----------------------------------------------------------------------
    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Mapping[str, object]],
        *,
        subjects: Mapping[str, Subject] | None = None,
        hedges: HedgeModel | None = None,
    ) -> Ledger:
        """A ledger from rows (mappings of column name to cell), read one by one.

        Parameters
        ----------
        rows : iterable of mapping
            Column name -> cell (text, date, number, ``None`` or NaN for missing).
        subjects : mapping, optional
            The subject registry; `bundled_subjects` when omitted.
        hedges : HedgeModel, optional
            How qualifier words are read.

        Returns
        -------
        Ledger
            Every readable row as a `Report`; every other row as a `Problem`.
        """
        registry = bundled_subjects() if subjects is None else subjects
        known = {*COLUMNS, *EXTRA_COLUMNS, *DERIVED_COLUMNS}
        reports: list[Report] = []
        problems: list[Problem] = []
        ignored: dict[str, None] = {}
        seen: set[str] = set()
        if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
            raise ValueError(
                f"rows must be an iterable of mappings (column -> cell), got "
                f"{_validation.shown(rows)}"
            )
        for row, raw in enumerate(rows, start=1):
            if not isinstance(raw, Mapping):
                raise ValueError(
                    f"rows[{row - 1}] must be a mapping of column names to cells, got "
                    f"{_validation.shown(raw)}"
                )
            cells = {str(k).strip(): _cell(v) for k, v in raw.items()}
            ignored.update(dict.fromkeys(k for k in cells if k not in known))
            ident = cells.get("id")
            try:
                if ident is not None and ident in seen:
                    raise _RowError(f"id {ident!r} is used by an earlier row")
                reports.append(_read_row(row, cells, registry, hedges))
            except _RowError as err:
                problems.append(
                    Problem(row=row, id=ident, phrase=cells.get("phrase"), reason=str(err))
                )
            if ident is not None:
                seen.add(ident)
        return cls(
            reports, problems, subjects=registry, hedges=hedges, ignored_columns=tuple(ignored)
        )

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        subjects: Mapping[str, Subject] | None = None,
        hedges: HedgeModel | None = None,
    ) -> Ledger:
        """Read a ledger from a CSV file with a header row (UTF-8); see `from_rows`.

        A file without a ``phrase`` column raises ``ValueError``: no row could be read.

        Parameters
        ----------
        path : str or pathlib.Path
            The file.
        subjects : mapping of str to Subject or None, default None
            The subject registry (the bundled one by default).
        hedges : HedgeModel or None, default None
            How qualifier words are read (the default hedge model by default).

        Returns
        -------
        Ledger
            The ledger, its unreadable rows in `Ledger.problems`.

        Raises
        ------
        ValueError
            If the file has no ``phrase`` column: no row could be read, or ``path`` is not
            a file name.
        munitions_model.record.DataFileError
            If the file cannot be read (missing, a directory, not UTF-8, a malformed CSV
            line); the message names the file. A ``ValueError``.
        """
        if not isinstance(path, str | PathLike):
            raise ValueError(f"path must be a file name, got {_validation.shown(path)}")
        try:
            with Path(path).open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                fields = reader.fieldnames
                if fields is None or "phrase" not in fields:
                    raise ValueError(
                        f"ledger file {str(path)!r} has no 'phrase' column; columns: {fields}"
                    )
                rows = list(reader)
        except (OSError, UnicodeDecodeError, csv.Error) as err:
            # a missing file, a directory, bytes that are not UTF-8, a malformed CSV line
            raise DataFileError(
                str(path), None, None, f"cannot be read as a CSV file: {err}"
            ) from err
        return cls.from_rows(rows, subjects=subjects, hedges=hedges)

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        subjects: Mapping[str, Subject] | None = None,
        hedges: HedgeModel | None = None,
    ) -> Ledger:
        """Read a ledger from a pandas ``DataFrame`` (the ``frames`` extra); see `from_rows`.

        Date columns may hold text, dates or timestamps; missing cells may be NaN or NaT.

        Parameters
        ----------
        frame : pandas.DataFrame
            One row per report, the columns of the module docstring.
        subjects : mapping of str to Subject or None, default None
            The subject registry (the bundled one by default).
        hedges : HedgeModel or None, default None
            How qualifier words are read (the default hedge model by default).

        Returns
        -------
        Ledger
            The ledger, its unreadable rows in `Ledger.problems`.
        """
        columns = [str(c) for c in getattr(frame, "columns", ())]
        if "phrase" not in columns:
            raise ValueError(f"frame has no 'phrase' column; columns: {columns}")
        records = frame.astype(object).to_dict(orient="records")
        return cls.from_rows(records, subjects=subjects, hedges=hedges)

    # -- reading ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.reports)

    def __iter__(self) -> Iterator[Report]:
        return iter(self.reports)

    def __repr__(self) -> str:
        return f"Ledger({len(self.reports)} reports, {len(self.problems)} problems)"

    @property
    def subject_names(self) -> tuple[str, ...]:
        """Subjects with at least one report, in order of first appearance."""
        return tuple(dict.fromkeys(r.subject for r in self.reports if r.subject is not None))

    def select(
        self,
        subject: str | None = None,
        *,
        before: dt.date | str | None = None,
        since: dt.date | str | None = None,
    ) -> Ledger:
        """Return the reports about ``subject``, reported before ``before`` and/or since ``since``.

        Problems carry over unchanged.

        Reports with no ``reported_on`` are dropped when either date is given.

        Parameters
        ----------
        subject : str or None, default None
            A subject of the registry; ``None`` keeps every subject.
        before : datetime.date or str or None, default None
            Keep reports made strictly before this date (ISO text allowed).
        since : datetime.date or str or None, default None
            Keep reports made on or after this date.

        Returns
        -------
        Ledger
            A new ledger; the problems carry over unchanged.

        Raises
        ------
        ValueError
            If ``subject`` is not in the registry, or a date cannot be read.
        """
        if subject is not None and _validation.text(subject, "subject") not in self.subjects:
            raise ValueError(
                f"unknown subject {subject!r}; known subjects: {sorted(self.subjects)}"
            )
        lo = None if since is None else _as_date("since", since)
        hi = None if before is None else _as_date("before", before)
        kept = [
            r
            for r in self.reports
            if (subject is None or r.subject == subject)
            and (lo is None or (r.reported_on is not None and r.reported_on >= lo))
            and (hi is None or (r.reported_on is not None and r.reported_on < hi))
        ]
        return Ledger(
            kept,
            self.problems,
            subjects=self.subjects,
            hedges=self.hedges,
            ignored_columns=self.ignored_columns,
        )

    def to_rows(self) -> list[dict[str, object]]:
        """Return one dict per report: the columns as read, then the reading's summary.

        Returns
        -------
        list of dict
            Keyed by the column names of `to_frame`.
        """
        out: list[dict[str, object]] = []
        for r in self.reports:
            src = r.claim.source
            low, high = r.reading.interval(0.9)
            out.append(
                {
                    "row": r.row,
                    "id": r.id,
                    "phrase": r.phrase,
                    "subject": r.subject,
                    "period_start": r.period_start,
                    "period_end": r.period_end,
                    "reported_on": r.reported_on,
                    "who": None if src is None else src.who,
                    "url": None if src is None else src.url,
                    "note": None if src is None else src.note,
                    "source": r.source,
                    "unit": r.context_unit,
                    "status": r.status,
                    "reading_unit": r.unit,
                    "qualifier": r.claim.qualifier,
                    "value": r.claim.value,
                    "value_high": r.claim.value_high,
                    "median": r.reading.median,
                    "low": low,
                    "high": high,
                }
            )
        return out

    def to_frame(self) -> Any:
        """Return the reports as a pandas ``DataFrame`` (see `to_rows`; the ``frames`` extra).

        ``low`` and ``high`` bound the reading's central 90% interval, in ``unit``. The
        frame reads back with `from_frame` into the same reports.

        Returns
        -------
        pandas.DataFrame
            One row per report.
        """
        return _pandas().DataFrame(self.to_rows(), columns=_FRAME_COLUMNS)


_FRAME_COLUMNS: Final = [
    "row",
    "id",
    "phrase",
    "subject",
    "period_start",
    "period_end",
    "reported_on",
    "who",
    "url",
    "note",
    "source",
    "unit",
    "status",
    "reading_unit",
    "qualifier",
    "value",
    "value_high",
    "median",
    "low",
    "high",
]


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as err:
        raise ImportError(
            "Ledger.to_frame needs pandas, which is not installed; install the frames extra: "
            "pip install 'munitions_model[frames]'"
        ) from err


def _as_date(name: str, value: dt.date | str) -> dt.date:
    """A date from a date or ISO text (a partial date is its first day)."""
    day = _validation.calendar_date(value, name)  # a pandas NaT is refused by name
    if day is not None:
        return day
    if not isinstance(value, str):
        raise ValueError(
            f"{name} must be a date or text YYYY, YYYY-MM or YYYY-MM-DD, "
            f"got {_validation.shown(value)}"
        )
    try:
        span = _span(name, value)
    except _RowError as err:
        raise ValueError(str(err)) from err
    assert span is not None
    return span[0]


@cache
def bundled_ledger(hedges: HedgeModel | None = None) -> Ledger:
    """Return the bundled record (``data/ledger.csv``) as a ledger.

    Rows whose phrase today's parser cannot read are kept in the file and listed in
    `Ledger.problems`.

    Sourced reports, each with who, when and url, read against the bundled subjects.

    Parameters
    ----------
    hedges : HedgeModel, optional
        How the phrases are read; `munitions_model.hedges.DEFAULT_HEDGES` when omitted.

    Returns
    -------
    Ledger
        The bundled reports.

    See Also
    --------
    bundled_subjects : The registry they are read against.
    munitions_model.infer : Pools them into a posterior.

    Examples
    --------
    >>> ledger = bundled_ledger()
    >>> len(ledger) > 20 and "russia_fire_rate" in ledger.subject_names
    True
    """
    rows = list(csv.DictReader(io.StringIO(_data_text("ledger.csv"))))
    return Ledger.from_rows(rows, hedges=hedges)
