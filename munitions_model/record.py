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
import io
import json
import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from munitions_model._validation import shown
from munitions_model.claims import Claim, PartialDate, Source, Unit
from munitions_model.distributions import Distribution, mixture
from munitions_model.hedges import HedgeModel, interpret

__all__ = [
    "FIRE_RATE_PERIODS",
    "DataFileError",
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
    def parse(cls, text: object) -> Period:
        """Read a period from ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or two of them joined by ``/``.

        Parameters
        ----------
        text : str
            The text; a partial date covers its whole span.

        Returns
        -------
        Period
            The period.

        Raises
        ------
        ValueError
            For anything else (naming the text), and for a period that ends before it
            starts.
        """
        if not isinstance(text, str):
            raise ValueError(f"period must be text YYYY[-MM[-DD]][/...], got {shown(text)}")
        first, _, last = text.partition("/")
        try:
            start, end = _edge(first, start=True), _edge(last or first, start=False)
        except (ValueError, OverflowError):
            raise ValueError(
                f"period must be YYYY, YYYY-MM or YYYY-MM-DD (or two joined by '/'), got "
                f"{shown(text)}"
            ) from None
        return cls(start=start, end=end)

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
    pieces = text.strip().split("-")
    if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in pieces):
        raise ValueError(f"period must be YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    parts = [int(p) for p in pieces]
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


class DataFileError(ValueError):
    """A data file (or rows given as data) that does not load.

    The message and the attributes say which file, which row and which column, and what is
    wrong.

    Parameters
    ----------
    file : str
        The file (``data/reported_figures.csv``) or what the rows were (``"rows"``).
    row : str or None
        Where in it: ``"row 3 (line 4)"`` in a CSV file, ``"claims[2]"`` in JSON.
    column : str or None
        The column (CSV) or field (JSON) at fault.
    problem : str
        What is wrong.

    See Also
    --------
    load_figures, load_facts : Raise it.

    Examples
    --------
    >>> str(DataFileError("rows", "row 2", "value", "must be a number, got 'x'"))
    "rows, row 2, column 'value': must be a number, got 'x'"
    """

    def __init__(self, file: str, row: str | None, column: str | None, problem: str) -> None:
        self.file, self.row, self.column = file, row, column
        where = ", ".join(
            [file, *([row] if row else []), *([f"column {column!r}"] if column else [])]
        )
        super().__init__(f"{where}: {problem}")


class _CellError(ValueError):
    """A bad cell: its column and what is wrong (the loader adds the file and the row)."""

    def __init__(self, column: str | None, problem: str) -> None:
        self.column = column
        super().__init__(problem)


#: A row of a data file: (file, where in it, cells).
_Row = tuple[str, str, Mapping[str, object]]
#: Which column a validation error in a figure's claim or source points at.
_CLAIM_COLUMNS = {"when": "reported_on", "source": "who"}


def _cells(row: Mapping[str, object]) -> dict[str, str]:
    """The row's non-empty cells, stripped."""
    return {str(k): str(v).strip() for k, v in row.items() if v is not None and str(v).strip()}


def _number(cells: Mapping[str, str], key: str) -> float | None:
    text = cells.get(key)
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _CellError(key, f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise _CellError(key, f"{text!r} is not a finite number")
    return value


def _column_of(err: ValidationError, renames: Mapping[str, str]) -> tuple[str | None, str]:
    """The column a pydantic error is about (its first location), and its message."""
    first = err.errors()[0]
    loc = [str(part) for part in first["loc"]]
    column = loc[-1] if loc and loc[0] == "source" and len(loc) > 1 else (loc[0] if loc else None)
    return (renames.get(column, column) if column else None), first["msg"]


def _row_to_figure(row: Mapping[str, object]) -> ReportedFigure:
    """A figure from a CSV row or a JSON object with the same field names; a bad cell is
    a `_CellError` naming its column."""
    cells = _cells(row)

    def need(key: str) -> str:
        value = cells.get(key)
        if value is None:
            raise _CellError(key, "is empty (every figure needs it)")
        return value

    for key in ("id", "subject", "who", "qualifier", "unit", "value"):
        need(key)
    try:
        source = Source(
            who=need("who"),
            when=cells.get("reported_on"),
            url=cells.get("url"),
            note=cells.get("note"),
        )
        claim = Claim.model_validate(
            {
                "value": _number(cells, "value"),
                "value_high": _number(cells, "value_high"),
                "qualifier": need("qualifier"),
                "vague": cells.get("vague") == "true",
                "unit": need("unit"),
                "item": cells.get("item"),
                "phrase": cells.get("phrase"),
                "source": source,
            }
        )
    except ValidationError as err:
        raise _CellError(*_column_of(err, _CLAIM_COLUMNS)) from None
    period = cells.get("period")
    try:
        parsed = Period.parse(period) if period else None
    except (ValueError, ValidationError) as err:
        raise _CellError("period", f"{period!r} is not a period ({err})") from None
    return ReportedFigure(id=need("id"), subject=need("subject"), period=parsed, claim=claim)


def _labelled(rows: Iterable[Mapping[str, object]], source: str) -> list[_Row]:
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        raise DataFileError(
            source, None, None, f"rows must be a list of mappings, got {shown(rows)}"
        )
    out: list[_Row] = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise DataFileError(
                source, f"row {i}", None, f"rows must be mappings, got {shown(row)}"
            )
        out.append((source, f"row {i}", row))
    return out


def _load_rows(rows: Sequence[_Row], build: Any, what: str, name: str) -> tuple[Any, ...]:
    """Build one record per row; every error is a `DataFileError` with file, row and
    column; ids must be unique; no rows at all is an error too."""
    if not rows:
        raise DataFileError(name, None, None, f"has no {what}")
    out = []
    seen: dict[str, str] = {}
    for file, where, row in rows:
        try:
            built = build(row)
        except _CellError as err:
            raise DataFileError(file, where, err.column, str(err)) from None
        except ValidationError as err:
            column, problem = _column_of(err, {})
            raise DataFileError(file, where, column, problem) from None
        except ValueError as err:
            raise DataFileError(file, where, None, str(err)) from None
        if built.id in seen:
            raise DataFileError(
                file, where, "id", f"{built.id!r} repeats {seen[built.id]} (ids must be unique)"
            )
        seen[built.id] = f"{file}, {where}"
        out.append(built)
    return tuple(out)


def load_figures(
    rows: Iterable[Mapping[str, object]], *, source: str = "rows"
) -> tuple[ReportedFigure, ...]:
    """Validate reported figures given as rows (CSV or JSON records, same field names).

    Parameters
    ----------
    rows : iterable of mapping of str to object
        One mapping per figure; empty cells count as missing.
    source : str, default "rows"
        What the rows are, named in errors (a file name for a bundled file).

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
    return _load_rows(_labelled(rows, source), _row_to_figure, "reported figures", source)


def _data(name: str) -> str:
    try:
        return resources.files("munitions_model").joinpath("data", name).read_text(encoding="utf-8")
    except (OSError, UnicodeError) as err:
        raise DataFileError(f"data/{name}", None, None, f"cannot be read: {err}") from None


def _csv_rows(name: str) -> list[_Row]:
    """The rows of a bundled CSV file, each labelled with its row and line; a row with
    more or fewer cells than the header is refused."""
    file = f"data/{name}"
    reader = csv.DictReader(io.StringIO(_data(name), newline=""))
    if not reader.fieldnames:
        raise DataFileError(file, None, None, "is empty (no header row)")
    out: list[_Row] = []
    for row in reader:
        where = f"row {len(out) + 1} (line {reader.line_num})"
        if None in row:
            extra = len(row[None])
            raise DataFileError(file, where, None, f"has {extra} more cells than the header")
        missing = [k for k, v in row.items() if v is None]
        if missing:
            raise DataFileError(file, where, missing[0], "is missing (fewer cells than the header)")
        out.append((file, where, row))
    return out


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
    try:
        doc = json.loads(_data("seed.json"))
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, character {err.colno}"
        raise DataFileError("data/seed.json", where, None, f"is not JSON: {err.msg}") from None
    if not isinstance(doc, dict):
        raise DataFileError("data/seed.json", None, None, "must hold an object")
    claims = doc.get("claims")
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        raise DataFileError("data/seed.json", None, "claims", "must be a list of objects")
    for i, c in enumerate(claims):
        if not isinstance(c.get("role"), str):
            raise DataFileError("data/seed.json", f"claims[{i}]", "role", "must be a role name")
    result: dict[str, Any] = doc
    return result


@cache
def reported_figures() -> tuple[ReportedFigure, ...]:
    """Return every bundled figure: the seed's claims first, then the other reports.

    Raises
    ------
    DataFileError
        When a bundled file is broken: which file, row and column.

    See Also
    --------
    reported_figure : One by id.
    subjects : What they are about.

    Examples
    --------
    >>> reported_figures()[0].id
    'seed-rounds'
    """
    rows: list[_Row] = [
        ("data/seed.json", f"claims[{i}]", c) for i, c in enumerate(seed_document()["claims"])
    ]
    rows += _csv_rows("reported_figures.csv")
    return _load_rows(rows, _row_to_figure, "reported figures", "data/reported_figures.csv")


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


def _fact(row: Mapping[str, object]) -> PhysicalFact:
    cells = _cells(row)
    for required in ("id", "url", "who", "unit"):
        if required not in cells:
            raise _CellError(required, f"physical fact {cells.get('id')!r} has no {required}")
    return PhysicalFact.model_validate(cells)


def load_facts(
    rows: Iterable[Mapping[str, object]], *, source: str = "rows"
) -> tuple[PhysicalFact, ...]:
    """Validate physical facts given as rows (CSV or JSON records, same field names).

    Empty cells count as missing; a fact without ``url``, ``who`` or ``unit`` is refused.

    Parameters
    ----------
    rows : iterable of mapping of str to object
        One mapping per fact; empty cells count as missing.
    source : str, default "rows"
        What the rows are, named in errors (a file name for a bundled file).

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
    return _load_rows(_labelled(rows, source), _fact, "physical facts", source)


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
    rows = _csv_rows("physical_facts.csv")
    return _load_rows(rows, _fact, "physical facts", "data/physical_facts.csv")


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, got {shown(value)}")
    return value


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
    _text(fact_id, "fact_id")
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
    _text(figure_id, "figure_id")
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
    if subject is not None and _text(subject, "subject") not in subjects():
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
    _text(subject, "subject")
    if isinstance(period, Period):
        window = period
    else:
        _text(period, "period")
        found = FIRE_RATE_PERIODS.get(period)
        window = found if found is not None else Period.parse(period)
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
