"""The seed article, reproduced: what "about two months" implies, and how wide it is.

:func:`seed_report` reads the seed's claims (``data/seed.json``) through the hedge model,
estimates the implied daily burn rate, how long the stock lasts at the Russian fire rates
reported for each period, how the answer moves with each outlet's wording, and what a
dud fraction does; and, beside the reading used (``reader-2015`` by default: how readers
read the words), the same figures under the other (``granularity-1``: how a speaker
rounds), so a reader sees what the reading changes. It returns a typed `SeedReport` that
prints as a table (:meth:`SeedReport.to_text`) or serialises to JSON.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from munitions_model import _validation
from munitions_model._validation import SeedLike, SeedRecord
from munitions_model.distributions import point
from munitions_model.estimation import Quantity, Spread, estimate_burn_rate, estimate_duration
from munitions_model.hedges import DEFAULT_HEDGES, HedgeModel, interpret, other_reading
from munitions_model.model import implied_rounds_per_day
from munitions_model.record import (
    FIRE_RATE_PERIODS,
    pooled,
    reported_figure,
    reported_figures,
    seed_document,
    seed_figures,
)
from munitions_model.units import to_base_factor

__all__ = [
    "DEFAULT_SEED",
    "DudRow",
    "OtherReading",
    "RateRow",
    "ReadClaim",
    "SeedReport",
    "WordingRow",
    "seed_report",
]

#: Seed used by ``python -m munitions_model`` so its output is reproducible (the date of
#: the seed article).
DEFAULT_SEED = 20231101


class ReadClaim(BaseModel):
    """A seed claim and how the hedge model reads it: a row of `SeedReport`.

    Parameters
    ----------
    id : str
        The claim's id in the seed's figures (``"seed-rounds"``).
    phrase : str
        The words as reported.
    who : str
        Who said it.
    qualifier : str
        The hedge word's qualifier (``"more_than"``, ``"about"`` ...).
    read_as : Spread
        Median and 90% interval of its reading, in base units.

    See Also
    --------
    SeedReport : Holds it.

    Examples
    --------
    >>> from munitions_model.report import seed_report
    >>> r = seed_report(samples=2_000)
    >>> r.stock.qualifier
    'more_than'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    phrase: str
    who: str
    qualifier: str
    read_as: Spread


class RateRow(BaseModel):
    """Duration of the stock at one period's reported Russian fire rate.

    Parameters
    ----------
    period : str
        The period's name (``"late 2023"``).
    reports : list of str
        The ids of the reports pooled for it.
    fire_rate : Spread
        The pooled fire rate [rounds/day].
    duration : Spread
        How long the seed's stock lasts at it [days].

    See Also
    --------
    SeedReport : Holds the rows.

    Examples
    --------
    >>> from munitions_model.report import seed_report
    >>> r = seed_report(samples=2_000)
    >>> r.at_reported_rates[0].period
    '2022'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    period: str
    reports: list[str]
    fire_rate: Spread
    duration: Spread


class WordingRow(BaseModel):
    """The burn rate implied by one outlet's wording of the duration.

    Parameters
    ----------
    phrase : str
        The outlet's wording (``"over two months"``).
    who : str
        The outlet.
    duration : Spread
        The wording as read [days].
    burn_rate : Spread
        The seed's stock over it [rounds/day].

    See Also
    --------
    SeedReport : Holds the rows.

    Examples
    --------
    >>> from munitions_model.report import seed_report
    >>> r = seed_report(samples=2_000)
    >>> r.wording[0].phrase
    'around two months'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrase: str
    who: str
    duration: Spread
    burn_rate: Spread


class DudRow(BaseModel):
    """The rate of *working* rounds implied when a share of the stock are duds.

    Parameters
    ----------
    label : str
        The dud share as named (``"a fifth"``).
    dud_fraction : Spread
        It as read [fraction].
    working_rounds_per_day : Spread
        The rate of rounds that work [rounds/day].

    See Also
    --------
    SeedReport : Holds the rows.

    Examples
    --------
    >>> from munitions_model.report import seed_report
    >>> r = seed_report(samples=2_000)
    >>> r.duds[0].label
    'none'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    dud_fraction: Spread
    working_rounds_per_day: Spread


class OtherReading(BaseModel):
    """The headline figures again, with the words read by another hedge model.

    Parameters
    ----------
    hedge_model : str
        The other reading (``name-version``).
    stock : Spread
        The stock as read by it [rounds].
    duration : Spread
        The duration as read by it [days].
    burn_rate : Spread
        The implied burn rate [rounds/day].
    prob_above_face_value : float
        Probability that the burn rate exceeds its face value.
    wording_burn_rates : list of Spread
        The burn rate under each outlet's wording, as in `WordingRow`.

    See Also
    --------
    SeedReport : Holds it.

    Examples
    --------
    >>> from munitions_model.report import seed_report
    >>> r = seed_report(samples=2_000)
    >>> r.other_reading.hedge_model.startswith("granularity")
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    hedge_model: str
    stock: Spread
    duration: Spread
    burn_rate: Spread
    prob_above_face_value: float
    wording_burn_rates: list[Spread]


class SeedReport(BaseModel):
    """Everything ``python -m munitions_model`` prints.

    Parameters
    ----------
    citation : dict of str to str
        The seed article: ``title``, ``publisher``, ``date`` and ``url``.
    hedge_model : str
        The hedge model the wording was read with (``name-version``).
    method : str
        ``"mc"`` or ``"qmc"``.
    samples : int
        Draws per estimate.
    seed : SeedRecord
        The seed every estimate used; pass it as ``seed=`` to reproduce the report.
    stock : ReadClaim
        The stock's phrase, who said it, and how it is read [rounds].
    duration : ReadClaim
        The duration's phrase, who said it, and how it is read [days].
    face_value_rounds_per_day : float
        The burn rate with the words dropped: the stated stock over the stated duration
        [rounds/day].
    burn_rate : Spread
        The burn rate with the hedges read [rounds/day].
    prob_above_face_value : float
        Probability that the burn rate exceeds its face value.
    at_reported_rates : list of RateRow
        How long the stock lasts at each period's reported Russian fire rate.
    wording : list of WordingRow
        The burn rate under each outlet's wording of the duration.
    duds : list of DudRow
        The rate of working rounds when a share of the stock are duds.
    other_reading : OtherReading or None
        The headline figures read by the other standard hedge model, or ``None``.

    See Also
    --------
    seed_report : Builds it.

    Examples
    --------
    >>> report = seed_report(samples=2_000, seed=1)
    >>> report.hedge_model, round(report.face_value_rounds_per_day)
    ('reader-2015', 16427)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    citation: dict[str, str]
    hedge_model: str
    method: str
    samples: int
    seed: SeedRecord
    stock: ReadClaim
    duration: ReadClaim
    face_value_rounds_per_day: float
    burn_rate: Spread
    prob_above_face_value: float
    at_reported_rates: list[RateRow]
    wording: list[WordingRow]
    duds: list[DudRow]
    other_reading: OtherReading | None = None

    def to_text(self) -> str:
        """Return the report as a readable plain-text table.

        Returns
        -------
        str
            What ``python -m munitions_model`` prints.
        """
        c = self.citation
        lines = [
            f"The seed: {c['publisher']}, {c['date']}",
            f"  {c['url']}",
            "",
            f"Inputs as read (hedge model {self.hedge_model}; medians, 90% intervals in brackets)",
        ]
        for role, r in (("stock", self.stock), ("duration", self.duration)):
            lines.append(f"  {role:<9} {r.phrase!r:<44} {r.read_as.text()} {r.read_as.unit}")
        lines += [
            "",
            "Implied burn rate (stock / duration)",
            f"  at face value: 1,000,000 rounds / 60.875 days = "
            f"{_num(self.face_value_rounds_per_day)} rounds/day",
            f"  with the hedges: {self.burn_rate.text()} rounds/day; "
            f"P(above face value) = {self.prob_above_face_value:.2f}",
            "",
            "How long the stock lasts at the Russian fire rates reported for each period",
            _row(
                "period", "reports", "fire rate, rounds/day", "duration, days", widths=(13, 8, 32)
            ),
        ]
        for row in self.at_reported_rates:
            lines.append(
                _row(
                    row.period,
                    str(len(row.reports)),
                    row.fire_rate.text(),
                    row.duration.text(),
                    widths=(13, 8, 32),
                )
            )
        lines += [
            "",
            "The same briefing in each outlet's wording",
            _row(
                "wording",
                "reported by",
                "duration, days",
                "burn rate, rounds/day",
                widths=(28, 38, 24),
            ),
        ]
        for w in self.wording:
            lines.append(
                _row(
                    w.phrase, w.who[:36], w.duration.text(), w.burn_rate.text(), widths=(28, 38, 24)
                )
            )
        lines += [
            "",
            "Duds: the daily rate of rounds that work, if the stock lasts the duration",
            _row("dud fraction", "as read", "working rounds/day", widths=(32, 24)),
        ]
        for d in self.duds:
            lines.append(
                _row(
                    d.label, d.dud_fraction.text(), d.working_rounds_per_day.text(), widths=(32, 24)
                )
            )
        lines += self._other_reading_lines()
        lines += ["", f"method {self.method}, samples={self.samples:,}, seed={self.seed}"]
        return "\n".join(lines)

    def _other_reading_lines(self) -> list[str]:
        other = self.other_reading
        if other is None:
            return []
        widths = (34, 36)
        lines = [
            "",
            f"The same figures under {other.hedge_model}",
            "  (reader-2015: how readers read the words, fitted to Ferson et al. 2015;",
            "   granularity-1: how a speaker rounds a count; see the README's hedge model)",
            _row("", self.hedge_model, other.hedge_model, widths=widths),
            _row("stock, rounds", self.stock.read_as.text(), other.stock.text(), widths=widths),
            _row(
                "duration, days", self.duration.read_as.text(), other.duration.text(), widths=widths
            ),
            _row(
                "burn rate, rounds/day",
                self.burn_rate.text(),
                other.burn_rate.text(),
                widths=widths,
            ),
            _row(
                "P(above face value)",
                f"{self.prob_above_face_value:.2f}",
                f"{other.prob_above_face_value:.2f}",
                widths=widths,
            ),
            "  burn rate, rounds/day, if the duration is read from",
        ]
        for w, rate in zip(self.wording, other.wording_burn_rates, strict=True):
            lines.append(_row(f"  {w.phrase}", w.burn_rate.text(), rate.text(), widths=widths))
        return lines


def _num(x: float) -> str:
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def _row(*cells: str, widths: tuple[int, ...]) -> str:
    padded = [cell.ljust(w) for cell, w in zip(cells, widths, strict=False)]
    return "  " + " ".join(padded + list(cells[len(widths) :])).rstrip()


def _read(fig_id: str, hedges: HedgeModel) -> ReadClaim:
    f = reported_figure(fig_id)
    c = f.claim
    assert c.source is not None  # bundled figures have both
    assert c.phrase is not None
    return ReadClaim(
        id=f.id,
        phrase=c.phrase,
        who=c.source.who,
        qualifier=c.qualifier,
        read_as=Spread.of(interpret(c, hedges)),
    )


def seed_report(
    *,
    samples: int = 100_000,
    seed: SeedLike = DEFAULT_SEED,
    method: Literal["mc", "qmc"] = "mc",
    hedges: HedgeModel | None = None,
    alternative: HedgeModel | Literal[False] | None = None,
) -> SeedReport:
    """Reproduce the seed article's "about two months" and show how wide it is.

    Parameters
    ----------
    samples : int, default 100000
        Draws per estimate.
    seed : SeedLike, default DEFAULT_SEED
        Every estimate in the report uses this seed (default `DEFAULT_SEED`), so the report
        is reproducible.
    method : {"mc", "qmc"}, default "mc"
        Sampling method for the estimates.
    hedges : HedgeModel, optional
        How the wording is read; `~munitions_model.hedges.DEFAULT_HEDGES` (``reader-2015``)
        when omitted.
    alternative : HedgeModel or False, optional
        Another reading for the headline figures beside it; the other standard reading when
        omitted (``granularity-1`` beside ``reader-2015`` and the reverse), none with
        ``False``.

    Returns
    -------
    SeedReport
        The headline burn rate, the durations at reported fire rates, the outlets' wordings,
        duds and the other reading.

    See Also
    --------
    munitions_model.estimate_burn_rate : The headline estimate on its own.
    munitions_model.hedges.other_reading : The reading shown beside.

    References
    ----------
    .. [1] The Moscow Times (AFP), 1 Nov 2023, "N. Korea Sends Russia Artillery Rounds for
       Satellite Technical Advice - Seoul".
       https://www.themoscowtimes.com/2023/11/01/n-korea-sends-russia-artillery-rounds-for-satellite-technical-advice-seoul-a82959

    Examples
    --------
    >>> report = seed_report(samples=2_000, seed=1)
    >>> print(report.to_text().splitlines()[0])
    The seed: The Moscow Times (AFP wording), 2023-11-01
    >>> report.burn_rate.unit, report.prob_above_face_value > 0.5
    ('rounds/day', True)
    """
    model = DEFAULT_HEDGES if hedges is None else hedges
    if method not in ("mc", "qmc"):
        raise ValueError(f"method must be 'mc' or 'qmc', got {method!r}")
    record = _validation.seed_record(seed)  # one seed for every estimate
    opts: dict[str, Any] = {"samples": samples, "seed": record, "method": method, "hedges": model}
    roles = seed_figures()
    stock_fig, duration_fig = roles["stock"][0], roles["duration"][0]
    stock, duration = stock_fig.claim, duration_fig.claim
    rate = estimate_burn_rate(stock=stock, duration=duration, **opts)
    # The headline arithmetic, with the words taken at face value.
    face_value = float(
        implied_rounds_per_day(stock.value, duration.value * to_base_factor(duration.unit))
    )

    at_rates = []
    for period in FIRE_RATE_PERIODS:
        fire = pooled("russia_fire_rate", period, model)
        window = FIRE_RATE_PERIODS[period]
        ids = [
            f.id
            for f in reported_figures()
            if f.subject == "russia_fire_rate" and f.period is not None and f.period.within(window)
        ]
        lasts = estimate_duration(stock=stock, burn_rate=fire, **opts)
        at_rates.append(
            RateRow(
                period=period, reports=ids, fire_rate=Spread.of(fire), duration=Spread.of(lasts)
            )
        )

    wording = []
    other = other_reading(model) if alternative is None else alternative or None
    other_rates = []
    for f in roles["duration"]:
        assert f.claim.phrase is not None
        assert f.claim.source is not None
        wording.append(
            WordingRow(
                phrase=f.claim.phrase.removeprefix("sufficient for ").split(" in the ")[0],
                who=f.claim.source.who,
                duration=Spread.of(interpret(f.claim, model)),
                burn_rate=Spread.of(estimate_burn_rate(stock=stock, duration=f.claim, **opts)),
            )
        )
        if other is not None:
            other_opts = {**opts, "hedges": other}
            other_rates.append(
                Spread.of(estimate_burn_rate(stock=stock, duration=f.claim, **other_opts))
            )

    hur = reported_figure("hur-duds-2024-02")
    dud_inputs: list[tuple[str, Quantity]] = [
        ("none", point(0.0, unit="fraction")),
        ("a fifth", point(0.2, unit="fraction")),
        ("about half (Ukraine HUR, 2024)", hur.claim),
    ]
    duds = []
    for label, fraction in dud_inputs:
        per_day = estimate_burn_rate(stock=stock, duration=duration, dud_fraction=fraction, **opts)
        duds.append(
            DudRow(
                label=label,
                dud_fraction=Spread.of(per_day.inputs[2].interpretation),
                working_rounds_per_day=Spread.of(per_day),
            )
        )

    beside = None
    if other is not None:
        other_rate = estimate_burn_rate(stock=stock, duration=duration, **{**opts, "hedges": other})
        beside = OtherReading(
            hedge_model=other.label,
            stock=Spread.of(interpret(stock, other)),
            duration=Spread.of(interpret(duration, other)),
            burn_rate=Spread.of(other_rate),
            prob_above_face_value=other_rate.prob_above(face_value),
            wording_burn_rates=other_rates,
        )
    return SeedReport(
        citation={k: str(v) for k, v in seed_document()["citation"].items()},
        hedge_model=model.label,
        method=rate.method,
        samples=rate.samples,
        seed=record,
        stock=_read(stock_fig.id, model),
        duration=_read(duration_fig.id, model),
        face_value_rounds_per_day=face_value,
        burn_rate=Spread.of(rate),
        prob_above_face_value=rate.prob_above(face_value),
        at_reported_rates=at_rates,
        wording=wording,
        duds=duds,
        other_reading=beside,
    )
