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
``capacity``, ``peak``, ``local``, ``relative``: such rows stay in the ledger but
:func:`munitions_model.infer` leaves them out). Other columns are listed in
`Ledger.ignored_columns` and otherwise ignored. `Ledger.to_frame` adds the reading's
summary (``reading_unit``, ``qualifier``, ``value``, ``value_high``, ``median`` and the
90% ``low``/``high``), which `from_frame` ignores on the way back.

Periods
-------
Rate and level subjects: a report with only ``period_end`` covers that date's span; with
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
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from munitions_model._parser import parse_claim
from munitions_model.claims import Claim, Source, Unit
from munitions_model.distributions import Distribution
from munitions_model.hedges import HedgeModel, _scaled, interpret
from munitions_model.record import Period
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
    """A subject registry from rows with ``subject, unit, kind, origin, description``.

    Raises ``ValueError`` naming the subject for an invalid row or a repeated name.
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
    """The bundled subject registry (``data/subjects.csv``), by name.

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
    """The source a ``who`` belongs to, by the rule in the module docstring.

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
    """A row that could not be read: where it is, what it said, and why."""

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
    except (TypeError, ValueError):  # pandas.NA refuses a truth value: missing
        return None
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


def _period(
    cells: Mapping[str, str | None], subject: Subject | None, reported_on: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period a report covers, resolved as the module docstring says."""
    start = _span("period_start", cells.get("period_start"))
    end = _span("period_end", cells.get("period_end"))
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


def _fit_unit(
    claim: Claim, subject: Subject, context_unit: str | None, days: int | None
) -> tuple[str, float]:
    """The unit a claim is read in and the factor from its base unit to the subject's."""
    stated = claim.unit
    if context_unit is not None:
        given = base_unit(context_unit).split("/")
        if stated == "count" or base_unit(stated).split("/") == given[:1]:
            stated = context_unit  # the unit, or its per-time, is in the sentence around
        elif base_unit(context_unit) != base_unit(stated):
            raise _RowError(
                f"the phrase's unit {claim.unit!r} contradicts the row's unit {context_unit!r}"
            )
    if stated == "count":
        return subject.unit, 1.0
    have = base_unit(stated).split("/")
    want = subject.unit.split("/")
    if have[0] == "count" and len(have) > 1:
        have[0] = want[0]  # "20000 a day" counts what the subject counts
    if have == want:
        return stated, 1.0
    if days is not None and subject.kind != "cumulative" and [*have, "day"] == want:
        return stated, 1.0 / days  # a total over the period: its mean rate
    if days is not None and subject.kind == "cumulative" and have == [*want, "day"]:
        return stated, float(days)  # a rate over the window: the amount delivered in it
    raise _RowError(
        f"unit {claim.unit!r} does not fit subject {subject.name!r} "
        f"({subject.kind}, in {subject.unit})"
    )


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
    first, last = _period(cells, subject, reported_on)
    who = cells.get("who")
    try:
        parsed = parse_claim(phrase)
        source = None
        if who is not None:
            when = cells.get("reported_on")
            source = Source(who=who, when=when, url=cells.get("url"), note=cells.get("note"))
        claim = parsed.model_copy(update={"phrase": phrase, "source": source})
    except (ValueError, ValidationError) as err:
        raise _RowError(str(err)) from err
    days = None if first is None or last is None else (last - first).days + 1
    try:
        if subject is None:
            unit, factor = base_unit(claim.unit if context_unit is None else context_unit), 1.0
        else:
            stated, factor = _fit_unit(claim, subject, context_unit, days)
            unit = subject.unit
            claim = claim.model_copy(update={"unit": stated})
        reading = _scaled(interpret(claim, hedges), factor).with_unit(unit)
    except (ValueError, TypeError) as err:
        if isinstance(err, _RowError):
            raise
        raise _RowError(f"cannot read {claim.qualifier} {claim.value:g}: {err}") from err
    return Report(
        row=row,
        id=cells.get("id"),
        subject=name,
        claim=claim,
        source=cells.get("source") or (source_key(who) if who else f"row {row} (unattributed)"),
        period_start=first,
        period_end=last,
        reported_on=reported_on,
        reading=reading,
        unit=unit,
        context_unit=context_unit,
        status=cells.get("status"),
    )


class Ledger:
    """Dated, attributed reports, read through the parser and the hedge model.

    Build one with `from_csv`, `from_frame` or `from_rows`; see the module docstring for
    the columns and how each is read. A ledger is immutable: `select` returns a new one.

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
        for row, raw in enumerate(rows, start=1):
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
        """A ledger from a CSV file with a header row (UTF-8); see `from_rows`.

        A file without a ``phrase`` column raises ``ValueError``: no row could be read.
        """
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "phrase" not in reader.fieldnames:
                raise ValueError(
                    f"ledger file {str(path)!r} has no 'phrase' column; "
                    f"columns: {reader.fieldnames}"
                )
            return cls.from_rows(list(reader), subjects=subjects, hedges=hedges)

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        subjects: Mapping[str, Subject] | None = None,
        hedges: HedgeModel | None = None,
    ) -> Ledger:
        """A ledger from a pandas ``DataFrame`` (the ``frames`` extra); see `from_rows`.

        Date columns may hold text, dates or timestamps; missing cells may be NaN or NaT.
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
        """The reports about ``subject``, reported before ``before`` and/or on or after
        ``since`` (reports with no ``reported_on`` are dropped when either is given).

        Problems carry over unchanged.
        """
        if subject is not None and subject not in self.subjects:
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
        """One dict per report: the columns as read, then the reading's summary."""
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
        """The reports as a pandas ``DataFrame`` (see `to_rows`; needs the ``frames`` extra).

        ``low`` and ``high`` bound the reading's central 90% interval, in ``unit``. The
        frame reads back with `from_frame` into the same reports.
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
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        span = _span(name, str(value))
    except _RowError as err:
        raise ValueError(str(err)) from err
    assert span is not None
    return span[0]


@cache
def bundled_ledger() -> Ledger:
    """The bundled record (``data/ledger.csv``): sourced reports, each with who, when and
    url, read against the bundled subjects.

    Rows whose phrase today's parser cannot read are kept in the file and listed in
    `Ledger.problems`.

    Examples
    --------
    >>> ledger = bundled_ledger()
    >>> len(ledger) > 20 and "russia_fire_rate" in ledger.subject_names
    True
    """
    return Ledger.from_rows(list(csv.DictReader(io.StringIO(_data_text("ledger.csv")))))
