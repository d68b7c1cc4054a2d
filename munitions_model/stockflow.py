"""Stock over time: deliveries in, production in, fire out, all uncertain.

:func:`project_stock` follows many sample paths of a stock day by day. Each path draws
every uncertain input once (the initial stock, the rate of each consumption and
production phase, each delivery's size, a cadence's number of transfers and total), then
runs the stock forward:

* a delivery dated ``d`` arrives at the start of day ``d``; a `Cadence` of ``N`` transfers
  carrying ``R`` rounds over a window spreads them evenly: transfer ``k`` (0-based) of
  ``N`` arrives on day ``floor(w0 + (k + 1/2) W / N)`` of a window of ``W`` days starting on
  day ``w0``, each with ``R / N`` rounds; ``N`` is the draw rounded to a whole number, at
  least one, or ``W`` (one arrival a day) when the cadence gives no number of transfers;
* consumption and production run at their phase's daily rate through the day; a phase
  lasts from its start date until the next phase of the same kind starts (the last one
  until the horizon), and the phase in effect at ``start`` is the latest one starting on
  or before it;
* the stock cannot go below zero: once empty, fire is limited to what arrives
  (``S[t+1] = max(0, S[t] + deliveries[t] + production[t] - consumption[t])``, solved for a
  block of days at once as a reflected cumulative sum);
* the *depletion time* is the first moment the stock runs out, interpolated within the
  day (consumption is continuous); ``inf`` if it does not run out within the horizon;
* ``dud_fraction``, if given, removes that share of the initial stock and of every
  delivery (production is assumed to work);
* a `Posterior` from :func:`munitions_model.infer` may stand for the stock (a cumulative
  subject: its total on the day before ``start``), for the fire rate or production (a rate
  subject: each month at that month's value) and among the deliveries (a cumulative
  subject: what it delivers per day, month by month, from ``start`` on). Each path follows
  one posterior draw, picked at random; a posterior used in several places follows the
  same draw on a path, so North Korea's stock and its later deliveries stay consistent.
  Beyond the months the posterior was fitted on, its random walk continues, so the spread
  grows with the horizon.

With no deliveries and no production the depletion time of a path is exactly
``initial * (1 - duds) / rate``, i.e. :func:`munitions_model.duration_days`; the tests
check that the depletion-time distribution matches :func:`munitions_model.estimate_duration`.

Randomness: each input draws from its own stream,
``SeedSequence(seed, spawn_key=(role, index))``, so adding a delivery leaves every other
draw unchanged (and so can only delay depletion, path by path).

Memory: the inputs take a few floats per path (a cadence two: its transfer size and
transfers per day; what arrives on each day is made a block at a time, so neither the
window nor the number of transfers adds memory); days are processed in blocks of at most
2^20 path-days (8 MiB per working array, about three of them), so memory grows with the
number of paths but not with the horizon. The daily quantile bands are exact, taken over
every path one block of days at a time. ``benchmarks/stock_memory.py`` measured a peak of
33 MiB (tracemalloc) for 100,000 paths over 1,096 days with the NIS cadence and phased
fire and production, the same as over 365 days; one paths x days float64 array alone
would be 837 MiB.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import numbers
import warnings
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Final, NamedTuple, Self, TypeAlias

import numpy as np
from numpy.typing import NDArray
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    PrivateAttr,
    field_validator,
    model_validator,
)

from munitions_model import _validation, limits
from munitions_model._progress import Progress
from munitions_model._stats import quantiles as quantiles_of
from munitions_model._stats import row_quantiles
from munitions_model._validation import SeedLike, SeedRecord
from munitions_model.claims import Claim
from munitions_model.distributions import DISTRIBUTION_TYPES, empirical
from munitions_model.estimation import Estimate, InputRecord, Quantity, Spread, resolve_input
from munitions_model.hedges import DEFAULT_HEDGES, HedgeModel
from munitions_model.inference import Posterior
from munitions_model.record import (
    FIRE_RATE_PERIODS,
    Period,
    pooled,
    reported_figure,
    reported_figures,
)

__all__ = [
    "Cadence",
    "Delivery",
    "Phase",
    "Phases",
    "ProjectionOptions",
    "StockProjection",
    "phases_from_record",
    "project_stock",
]

Floats: TypeAlias = NDArray[np.float64]
#: Path-days evaluated per block: 2^20 float64 values are 8 MiB per working array.
_BLOCK_ELEMENTS: Final = 1 << 20
# Stream roles for SeedSequence spawn keys.
_INITIAL, _DUDS, _CONSUMPTION, _PRODUCTION, _DELIVERY, _CADENCE, _POSTERIOR = range(7)


def _date(value: object, *, end: bool = False, name: str = "date") -> dt.date:
    """A date from a date, ``YYYY[-MM[-DD]]`` or a `FIRE_RATE_PERIODS` key ("late 2023"):
    the first day of the period, or its last day with ``end``."""
    day = _validation.calendar_date(value, name)
    if day is not None:
        return day
    if isinstance(value, str):
        period = FIRE_RATE_PERIODS.get(value)
        if period is None:
            try:
                period = Period.parse(value)
            except ValueError as err:
                raise ValueError(
                    f"{name} must be a date YYYY, YYYY-MM, YYYY-MM-DD or one of "
                    f"{list(FIRE_RATE_PERIODS)}, got {value!r}"
                ) from err
        return period.end if end else period.start
    raise ValueError(f"{name} must be a date, got {_validation.shown(value)}")


def _quantity(value: object) -> object:
    """An input as `project_stock` reads it (phrase, `Claim`, distribution, `Estimate`,
    posterior) or a finite number (its sign is checked where it is used); anything else is
    refused at once."""
    if _validation.is_real(value):
        return _validation.finite(value, "value")
    if isinstance(value, (str, Claim, Estimate, Posterior, *DISTRIBUTION_TYPES)):
        return value
    raise ValueError(
        f"value must be a phrase, Claim, distribution, Estimate or number, got "
        f"{_validation.shown(value)}"
    )


#: A quantity field of a delivery, cadence or phase, checked when it is built.
QuantityField = Annotated[Any, BeforeValidator(_quantity)]
OptionalQuantityField = Annotated[
    Any, BeforeValidator(lambda v: None if v is None else _quantity(v))
]
StartDate = Annotated[dt.date, BeforeValidator(lambda v: _date(v))]
EndDate = Annotated[dt.date, BeforeValidator(lambda v: _date(v, end=True))]
_INPUT = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class Delivery(BaseModel):
    """Rounds arriving on a date (at the start of that day).

    Parameters
    ----------
    on : datetime.date or str
        The day the rounds arrive (ISO text allowed; a partial date is its first day).
    rounds : Quantity
        How many: anything :func:`munitions_model.estimate` accepts (a phrase, `Claim`,
        distribution, `Estimate` or number) [rounds].

    See Also
    --------
    Cadence : Rounds spread over a window in several transfers.
    project_stock : Takes deliveries.

    Examples
    --------
    >>> Delivery(on="2023-09-15", rounds="about 100,000 rounds").on
    datetime.date(2023, 9, 15)
    """

    model_config = _INPUT

    on: StartDate
    rounds: QuantityField


class Cadence(BaseModel):
    """Rounds delivered in a number of transfers spread evenly over a window.

    E.g. "more than one million rounds" in "at least 10 transfers since August": both the
    total and the number of transfers are uncertain inputs. ``transfers=None`` spreads the
    rounds over every day of the window (for totals reported without a count). The window
    runs from the first day of ``start`` to the last day of ``end`` (so ``end="2023-10"``
    is 31 October).

    Parameters
    ----------
    rounds : Quantity
        The total delivered over the window [rounds]: a phrase, `Claim`, distribution,
        `Estimate` or number.
    transfers : Quantity or None, default None
        How many transfers it came in [transfers]; ``None`` spreads the rounds over every
        day of the window.
    start : datetime.date or str
        First month (or day) of the window.
    end : datetime.date or str
        Last month (or day) of the window.

    See Also
    --------
    Delivery : Rounds arriving on one date.
    project_stock : Takes cadences.

    Examples
    --------
    >>> c = Cadence(rounds="more than one million rounds", transfers="at least 10 transfers",
    ...             start="2023-08", end="2023-10")
    >>> c.end
    datetime.date(2023, 10, 31)
    """

    model_config = _INPUT

    rounds: QuantityField
    transfers: OptionalQuantityField = None
    start: StartDate
    end: EndDate

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"cadence ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def from_record(cls, rounds: str, transfers: str | None = None) -> Cadence:
        """Build a cadence from bundled reported figures, over the rounds figure's period.

        The ids are those of :mod:`munitions_model.record`; without a transfers figure the
        rounds arrive day by day.

        Parameters
        ----------
        rounds : str
            Id of a rounds figure with a period, e.g. ``"seed-rounds"``.
        transfers : str, optional
            Id of a transfers figure, e.g. ``"seed-transfers"``.

        Returns
        -------
        Cadence
            The cadence, its window the rounds figure's period.

        Examples
        --------
        >>> c = Cadence.from_record("seed-rounds", "seed-transfers")
        >>> c.start, c.end
        (datetime.date(2023, 8, 1), datetime.date(2023, 10, 31))
        """
        total = reported_figure(rounds)
        if total.period is None:
            raise ValueError(f"figure {rounds!r} has no period to spread its rounds over")
        return cls(
            rounds=total.claim,
            transfers=None if transfers is None else reported_figure(transfers).claim,
            start=total.period.start,
            end=total.period.end,
        )

    @classmethod
    def from_figures(cls, rounds: str, transfers: str | None = None) -> Cadence:
        """Build a cadence from bundled figures: the deprecated name of `from_record`.

        Parameters
        ----------
        rounds : str
            Id of a rounds figure with a period.
        transfers : str or None, default None
            Id of a transfers figure.

        Returns
        -------
        Cadence
            As `from_record` returns it (with a ``DeprecationWarning``).
        """
        warnings.warn(
            "Cadence.from_figures is deprecated; use Cadence.from_record",
            DeprecationWarning,
            stacklevel=2,
        )
        return cls.from_record(rounds, transfers)


class Phase(BaseModel):
    """A daily rate (consumption or production) in effect from ``start``.

    Parameters
    ----------
    start : datetime.date or str
        The first day the rate applies (ISO text allowed).
    rounds_per_day : Quantity
        The rate [rounds/day]: a phrase, `Claim`, distribution, `Estimate` or number.

    See Also
    --------
    Phases : The forms a rate that changes over time may take.
    phases_from_record : Phases from the bundled reports.

    Examples
    --------
    >>> Phase(start="2024-01", rounds_per_day="about 10,000 rounds a day").start
    datetime.date(2024, 1, 1)
    """

    model_config = _INPUT

    start: StartDate
    rounds_per_day: QuantityField


Phases: TypeAlias = Sequence[Phase | tuple[object, object]] | Mapping[Any, Quantity]
"""A rate that changes over time: `Phase` objects or ``(date, rate)`` pairs, or a mapping
date -> rate."""


def phases_from_record(
    subject: str,
    periods: Mapping[str, Period | str] | None = None,
    *,
    hedges: HedgeModel | None = None,
) -> tuple[Phase, ...]:
    """Build one phase per period, at the bundled reports for ``subject`` pooled over it.

    Parameters
    ----------
    subject : str
        E.g. ``"russia_fire_rate"`` or ``"russia_production"``.
    periods : mapping, optional
        Name -> `Period` (or ``"YYYY[-MM]/YYYY[-MM]"`` text). By default
        `FIRE_RATE_PERIODS` for ``russia_fire_rate``, otherwise the distinct periods of the
        subject's figures (which must not overlap).
    hedges : HedgeModel, optional
        How each report's wording is read.

    Returns
    -------
    tuple of Phase
        Sorted by start; each phase's rate is :func:`munitions_model.record.pooled` over
        its period, so it lasts until the next period starts.

    See Also
    --------
    munitions_model.record.pooled : The pooling.
    project_stock : Takes the phases as ``burn_rate`` or ``production``.

    Examples
    --------
    >>> phases = phases_from_record("russia_fire_rate")
    >>> [p.start for p in phases] == sorted(p.start for p in phases)
    True
    """
    if periods is None:
        if subject == "russia_fire_rate":
            periods = FIRE_RATE_PERIODS
        else:
            found = sorted(
                {f.period for f in reported_figures() if f.subject == subject and f.period},
                key=lambda p: (p.start, p.end),
            )
            for a, b in itertools.pairwise(found):
                if b.start <= a.end:
                    raise ValueError(
                        f"the {subject!r} figures have overlapping periods ({a} and {b}); "
                        "pass periods="
                    )
            periods = {str(p): p for p in found}
    if not periods:
        raise ValueError(f"no periods to build {subject!r} phases from")
    phases = []
    for raw in periods.values():
        window = raw if isinstance(raw, Period) else Period.parse(raw)
        phases.append(Phase(start=window.start, rounds_per_day=pooled(subject, window, hedges)))
    return tuple(sorted(phases, key=lambda p: p.start))


def _same(a: Floats | None, b: Floats | None) -> bool:
    return a is b if a is None or b is None else bool(np.array_equal(a, b))


def _band_array(value: object) -> Floats:
    try:
        bands = np.asarray(value, dtype=np.float64).view()  # no copy of a day-long array
    except (TypeError, ValueError, OverflowError):
        raise ValueError("bands must be rows of numbers, one row per quantile") from None
    if bands.ndim != 2 or np.isnan(bands).any():
        raise ValueError(f"bands must be rows of numbers (no NaN), got shape {bands.shape}")
    bands.setflags(write=False)
    return bands


#: Daily bands: a read-only float64 array (quantiles x days); lists in JSON and dumps.
Bands = Annotated[
    Floats,
    BeforeValidator(_band_array),
    PlainSerializer(lambda bands: bands.tolist(), return_type=list[list[float]]),
]


class StockProjection(BaseModel):
    """Daily quantile bands of a stock and the distribution of its depletion time.

    ``bands[j][t]`` is the quantile ``quantiles[j]``, over all paths, of the stock at the
    start of day ``t`` (date ``start + t``), before that day's deliveries; ``t`` runs from
    0 (the initial stock) to ``horizon_days`` (a read-only float64 array, 8 bytes per
    quantile per day; lists in ``model_dump`` and JSON). Times are in days since ``start``
    (fractional):

    * ``depletion``: when the stock *first* runs out (``inf`` if it lasts the horizon);
      `prob_depleted` is the share of paths that ran out at some point;
    * ``last_depletion``: when it runs out *for the last time*, so that after it the
      stock is empty at the end of every day to the horizon (what arrives is fired the
      day it arrives); ``inf`` for a path with stock left at the end of the horizon. It
      differs from the first only on paths that refill (deliveries, production) after
      running out; it is the "run-out" a fan chart marks.

    Parameters
    ----------
    start : datetime.date
        The first day of the projection.
    horizon_days : int
        How many days it runs.
    samples : int
        How many paths were followed.
    seed : SeedRecord
        The seed as recorded: ``seed=projection.seed`` reproduces the run.
    quantiles : tuple of float
        The probabilities of the bands.
    bands : tuple of tuple of float
        ``bands[j][t]``: quantile ``quantiles[j]`` of the stock on day ``t`` [rounds].
    depletion : Spread
        Median and interval of the first depletion time [days since ``start``].
    last_depletion : Spread
        Median and interval of the last depletion time [days since ``start``].
    prob_depleted : float
        Share of paths that ran out within the horizon.
    inputs : tuple of InputRecord
        How each input was read (provenance).

    See Also
    --------
    project_stock : Builds it.
    munitions_model.plots.plot_fan_chart : Draws it.

    Examples
    --------
    >>> p = project_stock("about 1,000,000 rounds", "about 20,000 rounds a day",
    ...                   start="2024-01-01", horizon_days=120, samples=1_000, seed=1)
    >>> len(p.band(0.5)) == p.horizon_days + 1
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    start: dt.date
    horizon_days: _validation.Count
    samples: _validation.Count
    seed: SeedRecord
    quantiles: tuple[float, ...]
    bands: Bands
    depletion: Spread
    last_depletion: Spread
    prob_depleted: float
    inputs: tuple[InputRecord, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _validation.quantile_probabilities(self.quantiles)
        _validation.fraction(self.prob_depleted, "prob_depleted")
        if self.bands.shape != (len(self.quantiles), self.horizon_days + 1):
            raise ValueError(
                f"bands must have one row per quantile and horizon_days + 1 columns, got "
                f"shape {self.bands.shape}"
            )
        return self

    _depletion_days: Floats | None = PrivateAttr(default=None)
    _last_depletion_days: Floats | None = PrivateAttr(default=None)

    def _paths(self, which: Floats | None) -> Floats:
        """The per-path times, which a projection rebuilt from JSON does not hold."""
        if which is None:
            raise ValueError(
                "this projection was rebuilt from its summary and holds no paths; rerun "
                f"project_stock with seed={self.seed}"
            )
        return which

    def __eq__(self, other: object) -> bool:
        """Equal fields and the same depletion time on every path."""
        if not isinstance(other, StockProjection):
            return NotImplemented
        return (
            self.model_dump() == other.model_dump()
            and _same(self._depletion_days, other._depletion_days)
            and _same(self._last_depletion_days, other._last_depletion_days)
        )

    __hash__ = None  # type: ignore[assignment]  # equality looks at the paths' arrays

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The date of each band value, ``start`` to ``start + horizon_days``."""
        return tuple(self.start + dt.timedelta(days=t) for t in range(self.horizon_days + 1))

    def band(self, q: float) -> Floats:
        """Return the stock's quantile ``q`` (one of `quantiles`) on each day.

        Parameters
        ----------
        q : float
            One of the projection's `quantiles`.

        Returns
        -------
        ndarray, shape (horizon_days + 1,)
            The stock's quantile on each day [rounds].
        """
        if _validation.quantile_probability(q) not in self.quantiles:
            raise ValueError(
                f"q must be one of the projected quantiles {self.quantiles}, got {q!r}"
            )
        return np.asarray(self.bands[self.quantiles.index(float(q))])

    @property
    def depletion_days(self) -> Floats:
        """Each path's depletion time in days since ``start`` (read-only; ``inf``: never)."""
        view = self._paths(self._depletion_days).view()
        view.setflags(write=False)
        return view

    @property
    def last_depletion_days(self) -> Floats:
        """Each path's last run-out in days since ``start``.

        Read-only; ``inf`` for a path with stock left at the end of the horizon.
        """
        view = self._paths(self._last_depletion_days).view()
        view.setflags(write=False)
        return view

    def depletion_quantile(self, q: float) -> float:
        """Return the depletion time by which a fraction ``q`` of the paths ran out.

        In days since ``start``; ``inf`` if fewer than that ran out within the horizon.

        Parameters
        ----------
        q : float
            A probability in (0, 1).

        Returns
        -------
        float
            The time [days since ``start``].
        """
        q = _validation.quantile_probability(q)
        return float(quantiles_of(self._paths(self._depletion_days), (q,))[0])

    def depletion_date(self, q: float = 0.5) -> dt.date | None:
        """Return the date of `depletion_quantile`, or ``None`` if beyond the horizon.

        Parameters
        ----------
        q : float, default 0.5
            A probability in (0, 1).

        Returns
        -------
        datetime.date or None
            The date by which a fraction ``q`` of the paths ran out.
        """
        t = self.depletion_quantile(q)
        return None if math.isinf(t) else self.start + dt.timedelta(days=math.floor(t))

    def prob_depleted_by(self, when: dt.date | str | float) -> float:
        """Return the share of paths that ran out by a date, that day included.

        ``prob_depleted_by(depletion_date(q)) >= q``.

        Parameters
        ----------
        when : datetime.date or str or float
            A date (ISO text allowed), or a number of days since ``start``.

        Returns
        -------
        float
            The share of paths, in [0, 1].
        """
        days = self._paths(self._depletion_days)
        if _validation.is_real(when):
            hits = days <= _validation.finite(when, "when")
        else:
            hits = days < float((_date(when, name="when") - self.start).days + 1)
        return int(np.count_nonzero(hits)) / days.size


# -- inputs -------------------------------------------------------------------------------------


class _Draws:
    """Reads inputs and draws each from its own stream, child ``key`` of the seed."""

    def __init__(self, seed: SeedRecord, samples: int, hedges: HedgeModel) -> None:
        self.seed, self.samples, self.hedges = seed, samples, hedges
        self.records: list[InputRecord] = []
        self.followed: list[tuple[Posterior, NDArray[np.intp]]] = []

    def posterior(self, post: Posterior) -> tuple[NDArray[np.intp], np.random.SeedSequence]:
        """The draw each path follows in ``post`` (the same wherever ``post`` is used) and
        the stream that continues its walk."""
        for k, (seen, index) in enumerate(self.followed):
            if seen is post:
                return index, self.seed.child(_POSTERIOR, k, 1)
        k = len(self.followed)
        rng = np.random.default_rng(self.seed.child(_POSTERIOR, k, 0))
        index = rng.integers(post.samples, size=self.samples).astype(np.intp)
        self.followed.append((post, index))
        return index, self.seed.child(_POSTERIOR, k, 1)

    def posterior_steps(
        self, name: str, post: Posterior, start: dt.date, days: int
    ) -> tuple[Floats, NDArray[np.intp]]:
        """Each path's daily value in each step of ``post`` (rows: steps), and the step
        of each day; recorded as an input (its first step's values)."""
        index, stream = self.posterior(post)
        rates, which = post.step_rates(start, days, index, seed=stream)
        self._record(name, post, rates[0])
        return rates, which

    def _record(self, name: str, post: Posterior, values: Floats) -> None:
        summary = empirical(values, unit=post.unit)
        self.records.append(
            InputRecord(
                name=f"{name} (posterior of {post.subject.name})",
                given="distribution",
                interpretation=summary,
            )
        )

    def posterior_total(self, name: str, post: Posterior, start: dt.date) -> Floats:
        """Each path's cumulative total of ``post`` on the day before ``start``."""
        index, stream = self.posterior(post)
        origin = post.subject.origin
        if origin is not None and start <= origin:
            total = np.zeros(self.samples)
        else:
            day_before = start - dt.timedelta(days=1)
            total = post.period_draws(None, day_before, seed=stream)[index]
        self._record(name, post, total)
        return total

    def __call__(self, name: str, value: object, slot: str, key: tuple[int, ...]) -> Floats:
        record = resolve_input(name, value, slot, self.hedges)  # type: ignore[arg-type]
        self.records.append(record)
        d = record.interpretation
        z = np.random.default_rng(self.seed.child(*key)).standard_normal(self.samples)
        drawn = np.asarray(d.from_normal(z), dtype=np.float64)
        if not np.isfinite(drawn).all():
            raise limits.FloatRangeError(
                f"{name}: some draws of {d} exceed the largest float64 (about 1.8e308)"
            )
        return drawn


def _phase(what: str, i: int, start: object, rate: object) -> Phase:
    try:
        return Phase(start=start, rounds_per_day=rate)
    except ValueError as err:  # (pydantic's ValidationError names only the field)
        raise ValueError(f"{what} phase {i}: {err}") from err


def _phases(what: str, given: object) -> list[Phase]:
    """Normalise a constant, a sequence of phases / (date, rate) pairs or a mapping."""
    if isinstance(given, Mapping):
        items: list[Any] = [_phase(what, i, k, v) for i, (k, v) in enumerate(given.items())]
    elif isinstance(given, list | tuple):
        items = []
        for i, p in enumerate(given):
            if isinstance(p, Phase):
                items.append(p)
            elif isinstance(p, list | tuple) and len(p) == 2:
                items.append(_phase(what, i, p[0], p[1]))
            else:
                raise ValueError(
                    f"{what} phase {i} must be a Phase or a (date, rate) pair, got "
                    f"{_validation.shown(p)}"
                )
    else:
        return []  # a constant rate: handled by the caller
    if not items:
        raise ValueError(f"{what} has no phases")
    items.sort(key=lambda p: p.start)
    for a, b in itertools.pairwise(items):
        if a.start == b.start:
            raise ValueError(f"{what} has two phases starting on {a.start}")
    for p in items:
        rate = p.rounds_per_day
        if isinstance(rate, numbers.Real) and not isinstance(rate, bool) and rate < 0:
            raise ValueError(
                f"{what} phase starting {p.start} has a negative rate: {float(rate)!r} rounds/day"
            )
    return items


def _rates(
    what: str, given: object, start: dt.date, days: int, draw: _Draws, role: int
) -> tuple[Floats, Runs]:
    """Each phase's rate per path, shape (phases, paths), and which phase is in effect
    when, as `Runs` (the phase of a day is found per block, see `_phase_of`)."""
    if isinstance(given, Posterior):
        if given.subject.kind == "cumulative" or given.unit != "rounds/day":
            raise ValueError(
                f"{what} must be a rate in rounds/day; the posterior of "
                f"{given.subject.name!r} is a {given.subject.kind} in {given.unit}"
            )
        rates, which = draw.posterior_steps(what, given, start, days)
        return rates, _runs_of(which)
    phases = _phases(what, given)
    if not phases:
        constant = draw(what, given, "rounds/day", (role, 0))[None, :]
        return constant, (np.zeros(1, dtype=np.intp), np.zeros(1, dtype=np.intp))
    if phases[0].start > start:
        raise ValueError(
            f"{what} has no phase in effect at start {start}; the first begins {phases[0].start}"
        )
    rates = np.stack(
        [
            draw(f"{what} phase from {p.start}", p.rounds_per_day, "rounds/day", (role, i))
            for i, p in enumerate(phases)
        ]
    )
    starts = np.array([(p.start - start).days for p in phases], dtype=np.intp)
    return rates, (starts, np.arange(len(phases), dtype=np.intp))


Runs: TypeAlias = tuple[NDArray[np.intp], NDArray[np.intp]]
"""Which row of rates is in effect when: ``(starts, rows)``, row ``rows[i]`` from day
``starts[i]`` (days since ``start``, increasing; the first at or before day 0) until the
next start. Its size is the number of changes, not of days."""


def _runs_of(which: NDArray[np.intp]) -> Runs:
    """`Runs` from the row of each day."""
    changes = np.flatnonzero(np.diff(which)) + 1
    starts = np.concatenate([[0], changes]).astype(np.intp)
    return starts, np.asarray(which[starts], dtype=np.intp)


def _rows_at(runs: Runs, days: NDArray[np.intp]) -> NDArray[np.intp]:
    """The row in effect on each of ``days``."""
    starts, rows = runs
    return rows[np.searchsorted(starts, days, side="right") - 1]


def _phase_of(runs: Runs, k0: int, k1: int) -> NDArray[np.intp]:
    """The row in effect on each day ``k0 <= k < k1``."""
    return _rows_at(runs, np.arange(k0, k1, dtype=np.intp))


class _Arrivals(NamedTuple):
    """Rounds that arrive on given days, per path: a dated delivery (one transfer on day
    ``first``, ``width`` 1) or a cadence (transfers spread over a window of ``width`` days
    from day ``first``). Nothing per day is held: `add_to` makes the days of one block."""

    first: int  # first day of the window [days since start]
    width: int  # days in the window
    per_transfer: Floats  # rounds in one transfer, per path
    per_day: Floats | None  # transfers per day of the window (N / W), per path; None: one

    def add_to(self, delivered: Floats, k0: int) -> None:
        """Add what arrives on days ``k0 <= k < k0 + len(delivered)`` to ``delivered``
        (days x paths): transfer ``k`` of ``N`` arrives on window day
        ``floor((k + 1/2) W / N)``, so window day ``j`` receives
        ``ceil((j + 1) N / W - 1/2) - ceil(j N / W - 1/2)`` of them."""
        d0 = max(k0, self.first)
        d1 = min(k0 + delivered.shape[0], self.first + self.width)
        if d0 >= d1:
            return
        if self.per_day is None:
            delivered[self.first - k0] += self.per_transfer
            return
        j = np.arange(d0 - self.first, d1 - self.first + 1, dtype=np.float64)
        edges = np.multiply(j[:, None], self.per_day[None, :])
        edges -= 0.5
        np.ceil(edges, out=edges)
        count = np.subtract(edges[1:], edges[:-1], out=edges[:-1])
        count *= self.per_transfer
        delivered[d0 - k0 : d1 - k0] += count

    def overlaps(self, k0: int, k1: int) -> bool:
        return self.first < k1 and k0 < self.first + self.width


def _deliveries(
    deliveries: Sequence[object],
    start: dt.date,
    days: int,
    draw: _Draws,
    kept: Floats,
) -> tuple[_Arrivals, ...]:
    """Every dated delivery and cadence that arrives within the horizon, in the order given
    (the order in which a day's arrivals are added up)."""
    arrivals: list[_Arrivals] = []
    for i, item in enumerate(deliveries):
        if isinstance(item, list | tuple) and len(item) == 2:
            try:
                item = Delivery(on=item[0], rounds=item[1])
            except ValueError as err:  # (pydantic's ValidationError names only the field)
                raise ValueError(f"delivery {i}: {err}") from err
        if isinstance(item, Delivery):
            if item.on < start:
                raise ValueError(f"delivery {i} is dated {item.on}, before start {start}")
            rounds = draw(f"delivery {i} on {item.on}", item.rounds, "rounds", (_DELIVERY, i))
            on_day = (item.on - start).days
            if on_day < days:
                arrivals.append(_Arrivals(on_day, 1, rounds * kept, None))
        elif isinstance(item, Cadence):
            if item.start < start:
                raise ValueError(
                    f"delivery {i} (a cadence) starts {item.start}, before start {start}"
                )
            total = draw(f"delivery {i} rounds", item.rounds, "rounds", (_CADENCE, i, 0))
            first = (item.start - start).days
            width = (item.end - item.start).days + 1
            if item.transfers is None:
                count = np.full(draw.samples, float(width))
            else:
                raw = draw(f"delivery {i} transfers", item.transfers, "transfers", (_CADENCE, i, 1))
                count = np.maximum(1.0, np.rint(raw))
                limits.check("transfers", int(count.max()), f"delivery {i}'s transfers (a path)")
            if first < days:
                arrivals.append(_Arrivals(first, width, total * kept / count, count / width))
        else:
            raise ValueError(
                f"delivery {i} must be a Delivery, a Cadence or a (date, rounds) pair, got {item!r}"
            )
    return tuple(arrivals)


# -- projection --------------------------------------------------------------------------------


class ProjectionOptions(BaseModel):
    """Rarely needed knobs of :func:`project_stock`: how the days are worked through.

    Parameters
    ----------
    block_days : int, optional
        Days per block (default: as many as keep a block under 2^20 path-days).
    progress : bool or None
        Progress bar (tqdm): ``None`` shows one for long projections, ``False`` never.

    See Also
    --------
    project_stock : Takes them as ``options=``.

    Examples
    --------
    >>> ProjectionOptions(block_days=30, progress=False).block_days
    30
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    block_days: int | None = None
    progress: bool | None = None

    @field_validator("block_days")
    @classmethod
    def _positive(cls, value: int | None) -> int | None:
        return None if value is None else _validation.positive_int(value, "block_days")


class _Flows(NamedTuple):
    """Every path's inputs, drawn: the stock on ``start`` and what flows in and out."""

    stock: Floats
    fire: Floats  # (phases, paths)
    fire_phase: Runs  # which row of ``fire`` is in effect when
    make: tuple[Floats, Runs] | None  # like fire and fire_phase, if any
    arrivals: tuple[_Arrivals, ...]  # dated deliveries and cadences, in the order given


def _merge_inflows(parts: Sequence[tuple[Floats, Runs]]) -> tuple[Floats, Runs] | None:
    """Several phased daily inflows as one: a row per distinct combination of phases,
    in effect from each start of any part's phases."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    starts = np.unique(np.concatenate([runs[0] for _, runs in parts]))
    rows = np.stack([_rows_at(runs, starts) for _, runs in parts], axis=1)
    combos, which = np.unique(rows, axis=0, return_inverse=True)
    rates = sum(r[combos[:, k]] for k, (r, _) in enumerate(parts))
    return np.asarray(rates, dtype=np.float64), (starts, np.asarray(which, dtype=np.intp).ravel())


def _draw_flows(
    draw: _Draws,
    stock: object,
    burn_rate: object,
    deliveries: Sequence[object],
    production: object | None,
    dud_fraction: object | None,
    start: dt.date,
    horizon_days: int,
) -> _Flows:
    """Read and draw every input, each from its own stream."""
    n = draw.samples
    if isinstance(stock, Posterior):
        if stock.subject.kind != "cumulative" or stock.unit != "rounds":
            raise ValueError(
                f"stock must be in rounds; the posterior of {stock.subject.name!r} is a "
                f"{stock.subject.kind} in {stock.unit} (a stock is a cumulative total)"
            )
        initial = draw.posterior_total("stock", stock, start)
    else:
        initial = draw("stock", stock, "rounds", (_INITIAL,))
    kept = (
        np.ones(n)
        if dud_fraction is None
        else 1.0 - draw("dud_fraction", dud_fraction, "fraction", (_DUDS,))
    )
    initial *= kept
    fire, fire_phase = _rates("burn_rate", burn_rate, start, horizon_days, draw, _CONSUMPTION)
    inflows = (
        []
        if production is None
        else [_rates("production", production, start, horizon_days, draw, _PRODUCTION)]
    )
    given = list(deliveries)
    for i, item in enumerate(given):
        if isinstance(item, Posterior):
            if item.subject.kind != "cumulative" or item.unit != "rounds":
                raise ValueError(
                    f"delivery {i} must count rounds delivered; the posterior of "
                    f"{item.subject.name!r} is a {item.subject.kind} in {item.unit}"
                )
            rates, which = draw.posterior_steps(f"delivery {i}", item, start, horizon_days)
            inflows.append((rates * kept[None, :], _runs_of(which)))
    make = _merge_inflows(inflows)
    rest = [item for item in given if not isinstance(item, Posterior)]
    arrivals = _deliveries(rest, start, horizon_days, draw, kept)
    return _Flows(initial, fire, fire_phase, make, arrivals)


class _Runs(NamedTuple):
    """What the days leave behind: the daily bands and, per path, when the stock first
    ran out and when it ran out for the last time (``inf``: not / not at the end)."""

    bands: Floats
    first: Floats
    last: Floats


def _project(
    flows: _Flows, horizon_days: int, quantiles: tuple[float, ...], options: ProjectionOptions
) -> _Runs:
    """Run every path through the horizon, block by block: the daily bands
    ``(quantiles, horizon_days + 1)`` and each path's first and last depletion times.
    Working memory is one block (at most 2^20 path-days unless ``block_days`` says
    otherwise), whatever the horizon; the bands take 8 bytes per quantile per day."""
    stock = flows.stock
    n = stock.size
    block = options.block_days or max(1, min(horizon_days, _BLOCK_ELEMENTS // n))
    bands = np.empty((len(quantiles), horizon_days + 1))
    bands[:, 0] = row_quantiles(stock[None, :].copy(), quantiles)[0]
    runs = _Runs(bands, np.full(n, np.inf), np.where(stock <= 0.0, 0.0, np.inf))
    starts = range(0, horizon_days, block)
    with (
        Progress(len(starts), n * horizon_days, options.progress, "project_stock") as bar,
        _validation.float_range(
            "project_stock: the stock (from stock, burn_rate, deliveries, production)"
        ),
    ):
        for k0 in starts:
            k1 = min(k0 + block, horizon_days)
            stock = _run_block(
                k0,
                k1,
                stock,
                runs,
                quantiles,
                _Drain.of(flows, k0, k1),
                _delivered(flows.arrivals, k0, k1, n),
            )
            bar.update()
    return runs


def project_stock(
    stock: Quantity | Posterior,
    burn_rate: Quantity | Phases | Posterior,
    deliveries: Sequence[Delivery | Cadence | Posterior | tuple[object, object]] = (),
    production: Quantity | Phases | None = None,
    *,
    start: dt.date | str,
    horizon_days: int,
    samples: int = 10_000,
    seed: SeedLike = None,
    dud_fraction: Quantity | None = None,
    quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95),
    hedges: HedgeModel | None = None,
    options: ProjectionOptions | None = None,
) -> StockProjection:
    """Project a stock day by day under uncertain deliveries, production and fire.

    See the module docstring for the exact semantics.

    Parameters
    ----------
    stock : Quantity or Posterior
        The stock on ``start`` [rounds]: a phrase, `Claim`, distribution, `Estimate` or
        number; or the posterior of a cumulative subject (its total by ``start``).
    burn_rate : Quantity, phases or Posterior
        Fire rate [rounds/day]: one input for the whole horizon, or phases (a sequence of
        `Phase` or ``(date, rate)`` pairs, or a mapping date -> rate), one in effect at
        ``start`` (see `phases_from_record`), or the posterior of a rate subject (month
        by month, see :func:`munitions_model.infer`).
    deliveries : sequence, optional
        `Delivery` (dated amount), `Cadence` (transfers spread over a window),
        ``(date, rounds)`` pairs, or the posterior of a cumulative subject (what it delivers
        per day from ``start`` on); none may be dated before ``start``. Empty for none.
    production : Quantity or phases, optional
        New rounds per day [rounds/day], in the same forms as ``burn_rate``.
    start : date or str
        First day, e.g. ``"2023-08-01"``.
    horizon_days : int
        How many days the projection runs.
    samples : int
        Sample paths.
    seed : SeedLike
        The randomness; ``None`` draws fresh entropy and records it.
    dud_fraction : Quantity, optional
        Share of the initial stock and of each delivery that does not work [0-1].
    quantiles : sequence of float
        Quantile probabilities of the daily bands.
    hedges : HedgeModel, optional
        How phrases are read.
    options : ProjectionOptions, optional
        Block size and progress bar.

    Returns
    -------
    StockProjection
        Daily quantile bands of the stock and the distribution of its depletion time.

    See Also
    --------
    munitions_model.estimate_duration : The same question without flows, in closed form.

    Examples
    --------
    >>> p = project_stock("more than one million rounds", "about 20,000 rounds a day",
    ...                   start="2023-11-01", horizon_days=365, samples=2_000, seed=1)
    >>> 40 < p.depletion.median < 90
    True

    How long North Korea's deliveries by August 2024 last at the fire rate the record
    implies (both inferred from the bundled record):

    >>> import munitions_model as mm
    >>> ledger = mm.bundled_ledger()
    >>> nk = mm.infer(ledger, "nk_to_russia_rounds", seed=1, samples=500, warmup=300)
    >>> fire = mm.infer(ledger, "russia_fire_rate", seed=1, samples=500, warmup=300)
    >>> p = project_stock(nk, fire, start="2024-08-01", horizon_days=730, samples=2_000, seed=1)
    >>> 60 < p.depletion.median < 400
    True
    """
    begin = _date(start, name="start")
    days = _validation.positive_int(horizon_days, "horizon_days")
    n = _validation.samples(samples)
    probabilities = _validation.quantile_probabilities(quantiles)
    record = _validation.seed_record(seed)
    limits.check("path_days", n * days, f"samples x horizon_days ({n:,} x {days:,})")
    if isinstance(deliveries, str | bytes | Delivery | Cadence) or not isinstance(
        deliveries, Sequence
    ):
        raise ValueError(
            f"deliveries must be a sequence (a list of Delivery / Cadence), got "
            f"{_validation.shown(deliveries)}"
        )
    draw = _Draws(record, n, DEFAULT_HEDGES if hedges is None else hedges)
    flows = _draw_flows(draw, stock, burn_rate, deliveries, production, dud_fraction, begin, days)
    runs = _project(flows, days, probabilities, options or ProjectionOptions())
    result = StockProjection(
        start=begin,
        horizon_days=days,
        samples=n,
        seed=record,
        quantiles=probabilities,
        bands=runs.bands,
        depletion=_spread(runs.first),
        last_depletion=_spread(runs.last),
        prob_depleted=float(np.mean(np.isfinite(runs.first))),
        inputs=tuple(draw.records),
    )
    result._depletion_days = runs.first
    result._last_depletion_days = runs.last
    return result


def _spread(times: Floats) -> Spread:
    low, median, high = quantiles_of(times, (0.05, 0.5, 0.95)).tolist()
    return Spread(median=median, low=low, high=high, unit="days")


class _Drain(NamedTuple):
    """The net outflow (fire less production) of each day of a block, as a few distinct
    rows (one per combination of phases in the block) and the row of each day."""

    rows: Floats  # (distinct, paths)
    day_row: NDArray[np.intp]  # (days in block,)

    @classmethod
    def of(cls, flows: _Flows, k0: int, k1: int) -> _Drain:
        fire_phase = _phase_of(flows.fire_phase, k0, k1)
        if flows.make is None:
            phases, day_row = np.unique(fire_phase, return_inverse=True)
            return cls(flows.fire[phases], day_row.reshape(-1).astype(np.intp))
        make, make_phase = flows.make[0], _phase_of(flows.make[1], k0, k1)
        pairs, day_row = np.unique(
            np.stack([fire_phase, make_phase], axis=1), axis=0, return_inverse=True
        )
        rows = flows.fire[pairs[:, 0]] - make[pairs[:, 1]]
        return cls(rows, day_row.reshape(-1).astype(np.intp))

    def on(self, days: NDArray[np.intp], paths: NDArray[np.intp]) -> Floats:
        """The drain on ``days[i]`` (0-based in the block) of ``paths[i]``."""
        return self.rows[self.day_row[days], paths]


def _delivered(arrivals: Sequence[_Arrivals], k0: int, k1: int, n: int) -> Floats | None:
    """What arrives on each day ``k0 <= k < k1`` of each of ``n`` paths (days x paths), or
    ``None`` when nothing is due in these days; a day's arrivals are added in the order the
    deliveries were given."""
    due = [a for a in arrivals if a.overlaps(k0, k1)]
    if not due:
        return None
    delivered = np.zeros((k1 - k0, n))
    for a in due:
        a.add_to(delivered, k0)
    return delivered


def _run_block(
    k0: int,
    k1: int,
    stock: Floats,
    runs: _Runs,
    quantiles: tuple[float, ...],
    drain: _Drain,
    delivered: Floats | None,
) -> Floats:
    """Days ``k0 <= k < k1`` for every path; fills ``runs``, returns the stock at the start
    of day ``k1``. Arrays are (days in block, paths), worked a day (a row) at a time:
    numpy's operations along the first axis are several times slower."""
    length, n = k1 - k0, stock.size
    level = _net_summed(delivered, drain, length, n)
    level += stock  # end-of-day stock if it never ran out before (unclamped)

    depleted = runs.first
    hit = np.isinf(depleted) & (np.fmin.reduce(level, axis=0) <= 0.0)
    if hit.any():
        paths = np.flatnonzero(hit)
        j = (level[:, paths] <= 0.0).argmax(axis=0)
        before = np.where(j > 0, level[np.maximum(j - 1, 0), paths], stock[paths])
        depleted[paths] = k0 + j + _part_of_day(before, delivered, drain, j, paths)

    _reflect(level)
    _last_run_out(k0, stock, level, delivered, drain, runs.last)
    end: Floats = level[-1].copy()
    runs.bands[:, k0 + 1 : k1 + 1] = row_quantiles(level, quantiles).T
    return end


# Below this many paths a block is worked along its first axis at once (a day at a time,
# the Python loop would dominate: a long horizon of few paths); from it on, a day (a row)
# at a time. Both orders add and compare the same numbers: the results are bit for bit.
_ROW_LOOP_PATHS: Final = 64


def _net_summed(delivered: Floats | None, drain: _Drain, length: int, n: int) -> Floats:
    """Deliveries less the drain of each day of a block, summed over the days so far."""
    level = np.empty((length, n))
    if n < _ROW_LOOP_PATHS:
        np.subtract(0.0 if delivered is None else delivered, drain.rows[drain.day_row], out=level)
        np.cumsum(level, axis=0, out=level)
        return level
    for t in range(length):
        np.subtract(
            0.0 if delivered is None else delivered[t], drain.rows[drain.day_row[t]], out=level[t]
        )
        if t:
            np.add(level[t - 1], level[t], out=level[t])
    return level


def _reflect(level: Floats) -> None:
    """Reflect unclamped levels at zero in place: ``S[t+1] = max(0, S[t] + net[t])``."""
    n = level.shape[1]
    if n < _ROW_LOOP_PATHS:
        floor = np.minimum(level, 0.0)
        np.minimum.accumulate(floor, axis=0, out=floor)
        level -= floor
        return
    floor = np.minimum(level[0], 0.0)  # the lowest unclamped level so far, at most zero
    below = np.empty(n)
    for t in range(level.shape[0]):
        if t:
            np.minimum(level[t], 0.0, out=below)
            np.minimum(floor, below, out=floor)
        level[t] -= floor


def _part_of_day(
    before: Floats,
    delivered: Floats | None,
    drain: _Drain,
    j: NDArray[np.intp],
    paths: NDArray[np.intp],
) -> Floats:
    """How far into day ``j`` each path's stock (``before`` at the end of the day before,
    plus that day's deliveries) lasts at that day's net outflow: in [0, 1]."""
    available = before + (0.0 if delivered is None else delivered[j, paths])
    rate = drain.on(j, paths)
    frac = np.zeros(paths.size)
    np.divide(available, rate, out=frac, where=(available > 0) & (rate > 0))
    return np.minimum(frac, 1.0)


def _last_run_out(
    k0: int,
    stock: Floats,
    level: Floats,
    delivered: Floats | None,
    drain: _Drain,
    last: Floats,
) -> None:
    """Update each path's last run-out: the start of the empty spell that lasts to the
    end of this block (``inf`` for a path with stock left at its end). ``level`` holds
    the end-of-day stocks of the block, ``stock`` the stock before it."""
    out_at_end = ~(level[-1] > 0.0)
    last[~out_at_end] = np.inf
    if not out_at_end.any():
        return
    # the final empty spell starts after the last stocked day (or at the block's start
    # when the stock ran out on its first day); a path empty all block keeps its value
    last_stocked = _last_stocked_day(level)
    paths = np.flatnonzero(out_at_end & ((last_stocked >= 0) | (stock > 0.0)))
    if paths.size == 0:
        return
    j = (last_stocked[paths] + 1).astype(np.intp)
    before = np.where(j > 0, level[np.maximum(j - 1, 0), paths], stock[paths])
    last[paths] = k0 + j + _part_of_day(before, delivered, drain, j, paths)


def _last_stocked_day(level: Floats) -> NDArray[np.int32]:
    """Each path's last day of the block with stock left at its end, ``-1`` for none:
    the largest ``t + 1`` over its stocked days, less one. Cheaper than picking the
    columns of the paths empty at the end out of the block and searching them along
    the days, as the first version did (a third of the projection's time); the block
    is at most 2^20 path-days, so the int32 day numbers take 4 MiB at most."""
    days = np.arange(1, level.shape[0] + 1, dtype=np.int32)[:, None]
    marked: NDArray[np.int32] = np.max((level > 0.0) * days, axis=0)
    marked -= 1
    return marked


def __getattr__(name: str) -> Any:
    """Names of 0.1 that moved: still reachable, with a ``DeprecationWarning``."""
    if name == "phases_from_figures":
        warnings.warn(
            "munitions_model.stockflow.phases_from_figures is deprecated; use "
            "munitions_model.stockflow.phases_from_record",
            DeprecationWarning,
            stacklevel=2,
        )
        return phases_from_record
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
