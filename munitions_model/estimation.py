"""The estimation engine: evaluate a core function under uncertainty.

:func:`estimate` turns each input (a phrase, a `Claim`, a distribution, an `Estimate` or
a number) into a distribution in base units, draws normal scores for the uncertain ones
(plain Monte Carlo, scrambled Sobol points, or either passed through a Gaussian copula for
correlated inputs), maps them through each input's quantile function and evaluates the
function. It returns an `Estimate` that keeps the draws, their summary and the
provenance of every input.

Three methods:

``"analytic"``
    Exact. Applies when the function declares exponents (a product of powers, see
    :func:`munitions_model.model.model_function`) and every input is lognormal or a positive
    point: then ``log(output) = log(c) + sum(a_i * log(x_i))`` is normal, with the
    correlations carried exactly.
``"mc"``
    Monte Carlo with ``numpy.random.Generator.standard_normal`` scores.
``"qmc"``
    Randomised quasi-Monte Carlo: scrambled Sobol points (``scipy.stats.qmc.Sobol``). The
    sample count is rounded up to a power of two, which Sobol balance requires; the
    estimate records the count used.

``"auto"`` (the default) picks ``"analytic"`` when it applies and ``"mc"`` otherwise.

For a product of powers of positive inputs, the sampling methods work in log space: the
output's logarithm is accumulated in place in the score array and ``exp`` is applied only
to the few order statistics needed. This is the same arithmetic a careful analyst would
write by hand, with fewer temporaries: the scores are correlated, mapped and summed block
by block while they are in cache, and the output takes over the memory of the first row of
scores (see ``munitions_model._engine``).

Quantiles are exact order statistics (``numpy.quantile``'s linear definition), found by
counting passes over the draws around brackets placed by a pilot sample, rather than by
sorting them (see ``munitions_model._select``).

Memory stays bounded. Up to `MAX_KEPT_DRAWS` draws are kept in memory, made from one
random stream. Above it (or whenever ``chunk`` is given) the draws are made in chunks of
`CHUNK_DRAWS`, chunk ``c`` from child ``c`` of ``SeedSequence(seed).spawn``, summarised as
they are made (mean, the canonical quantiles) and not kept; a later summary that needs them
makes them again, bit for bit. Chunks can be made on several threads (``workers``); the
result does not depend on how many.
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from munitions_model import _select, _stats, _validation, limits
from munitions_model._engine import (
    ChunkedDraws,
    LogPlan,
    Mixing,
    NaturalPlan,
    default_workers,
    kept_log_draws,
    kept_natural_draws,
    scrambled_sobol,
)
from munitions_model._parser import parse_claim
from munitions_model._validation import CorrelationLike, Count, SeedRecord
from munitions_model.claims import Claim, Source
from munitions_model.distributions import (
    DISTRIBUTION_TYPES,
    LOG_MAX,
    Distribution,
    Empirical,
    LogNormal,
    Point,
    _has_atoms,
    _strictly_positive,
)
from munitions_model.hedges import DEFAULT_HEDGES, HedgeModel, interpret
from munitions_model.model import (
    FunctionSpec,
    duration_days,
    function_spec,
    implied_rounds_per_day,
    stock_rounds,
)
from munitions_model.units import base_unit, compatible

#: What ``seed=`` accepts everywhere: an integer, a `numpy.random.SeedSequence`, a
#: `numpy.random.Generator`, a recorded `SeedRecord`, or ``None`` for fresh entropy.
SeedLike: TypeAlias = _validation.SeedLike

__all__ = [
    "CHUNK_DRAWS",
    "MAX_KEPT_DRAWS",
    "Estimate",
    "InputRecord",
    "Quantity",
    "SeedLike",
    "SeedRecord",
    "Spread",
    "Summary",
    "estimate",
    "estimate_burn_rate",
    "estimate_duration",
    "estimate_stock",
    "read_inputs",
    "resolve_input",
]

Floats: TypeAlias = NDArray[np.float64]
Method = Literal["auto", "mc", "qmc", "analytic"]

#: Quantiles found together: with the first quantile asked of kept draws, or while chunked
#: draws are made (the 90% interval, median and quartiles then cost nothing more).
_CANONICAL_Q = (0.05, 0.25, 0.5, 0.75, 0.95)
_MEAN_CHUNK = 1 << 20
#: Most draws kept in memory (256 MiB of them); above it the draws are made in chunks.
MAX_KEPT_DRAWS = 1 << 25
#: Draws per chunk (each from its own random stream) when they are not kept.
CHUNK_DRAWS = 1 << 20
#: Most draws `Estimate.draws` returns when the draws were not kept (every m-th one).
_THINNED_MAX = 1 << 22


class InputRecord(BaseModel):
    """Provenance of one input: what was given and how it was read.

    Parameters
    ----------
    name : str
        The argument the input fills.
    given : {"phrase", "claim", "distribution", "estimate", "number"}
        What was given.
    phrase : str or None, default None
        The phrase, when one was given.
    claim : Claim or None, default None
        The parsed claim, for a phrase or a claim.
    source : Source or None, default None
        The claim's source, when it has one.
    interpretation : Distribution
        How the input was read, in base units.
    hedge_model : str or None, default None
        Name and version of the hedge model that read the words.

    See Also
    --------
    resolve_input : Reads one input into a record.
    Estimate : Keeps one record per input (``Estimate.inputs``).

    Examples
    --------
    >>> record = resolve_input("stock", "more than one million rounds")
    >>> record.given, record.claim.qualifier
    ('phrase', 'more_than')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    given: Literal["phrase", "claim", "distribution", "estimate", "number"]
    phrase: str | None = None
    claim: Claim | None = None
    source: Source | None = None
    interpretation: Distribution
    hedge_model: str | None = None


# -- resolving inputs ---------------------------------------------------------------------


def _is_distribution(value: object) -> bool:
    return isinstance(value, DISTRIBUTION_TYPES)


def resolve_input(
    name: str,
    value: Quantity,
    slot_unit: str | None = None,
    hedges: HedgeModel | None = None,
) -> InputRecord:
    """Read one input into a distribution in base units, checking it fits its slot.

    Parameters
    ----------
    name : str
        The argument it fills (used in messages and provenance).
    value : str, Claim, Distribution, Estimate or number
        The input as given.
    slot_unit : str, optional
        The unit the argument expects (``None``: no check).
    hedges : HedgeModel, optional
        For phrases and claims; `DEFAULT_HEDGES` when omitted.

    Returns
    -------
    InputRecord
        The input read into a distribution in base units, with its provenance.

    Raises
    ------
    ValueError
        If the input cannot be read, or its unit does not fit ``slot_unit``.

    See Also
    --------
    read_inputs : Reads every input of a function.
    munitions_model.interpret : Reads a claim through the hedge model.

    Examples
    --------
    >>> round(resolve_input("duration", "around two months", "days").interpretation.median, 3)
    60.875
    """
    model = _hedges(hedges)
    _validation.text(name, "name")
    try:
        record = _read_input(name, value, model)
    except ValueError as err:  # say which input, unless the message already does
        if name in str(err) or (isinstance(value, str) and value in str(err)):
            raise
        raise ValueError(f"{name} ({_validation.shown(value)}): {err}") from err
    _check_slot(record, slot_unit)
    return record


def _read_input(name: str, value: object, model: HedgeModel) -> InputRecord:
    """One input read into a distribution (no slot checks yet). Every value of the record
    is checked or made here, so it is built without pydantic's validation."""
    record: InputRecord
    if isinstance(value, str):
        claim = _parsed(value)
        record = _validation.trusted(
            InputRecord,
            name=name,
            given="phrase",
            phrase=value,
            claim=claim,
            interpretation=_interpreted(claim, model),
            hedge_model=model.label,
        )
    elif isinstance(value, Claim):
        record = _validation.trusted(
            InputRecord,
            name=name,
            given="claim",
            phrase=value.phrase,
            claim=value,
            source=value.source,
            interpretation=_interpreted(value, model),
            hedge_model=model.label,
        )
    elif _is_distribution(value):
        record = _validation.trusted(
            InputRecord, name=name, given="distribution", interpretation=value
        )
    elif isinstance(value, Estimate):
        record = _validation.trusted(
            InputRecord, name=name, given="estimate", interpretation=value.as_distribution()
        )
    elif _validation.is_real(value):
        number = _validation.finite(value, name)
        record = _validation.trusted(
            InputRecord, name=name, given="number", interpretation=Point(value=number)
        )
    else:
        raise ValueError(
            f"{name} must be a phrase, Claim, distribution, Estimate or number, "
            f"got {_validation.shown(value)}"
        )
    return record


def _hedges(hedges: object) -> HedgeModel:
    """The hedge model to read phrases with: ``None`` for the default."""
    if hedges is None:
        return DEFAULT_HEDGES
    if not isinstance(hedges, HedgeModel):
        raise ValueError(f"hedges must be a HedgeModel or None, got {_validation.shown(hedges)}")
    return hedges


# Reading a phrase takes about 0.3 ms and its claim's reading under a hedge model 0.05 ms,
# more than a small estimate's draws; both are pure (frozen claims, distributions and
# hedge models in, frozen out), so a notebook loop or a report reads each phrase once.
_parsed = functools.lru_cache(maxsize=1024)(parse_claim)
_read_cached = functools.lru_cache(maxsize=1024)(interpret)


def _interpreted(claim: Claim, hedges: HedgeModel) -> Distribution:
    """``interpret(claim, hedges)``, remembered (a claim that cannot be hashed is read)."""
    try:
        return _read_cached(claim, hedges)
    except TypeError:  # pragma: no cover - every field of a Claim is hashable
        return interpret(claim, hedges)


def _check_slot(record: InputRecord, slot_unit: str | None) -> None:
    dist = record.interpretation
    if dist.unit is not None and slot_unit is not None and base_unit(dist.unit) != dist.unit:
        # A distribution's values are taken as they are; one labelled per month (say,
        # a transfer cadence) would silently be read as per day.
        raise ValueError(
            f"{record.name} expects base units ({base_unit(slot_unit)}), but "
            f"{_given(record)} is in {dist.unit}; rescale it to {base_unit(dist.unit)} first"
        )
    if not compatible(dist.unit, slot_unit):
        raise ValueError(f"{record.name} expects {slot_unit}, got {_given(record)} in {dist.unit}")
    if slot_unit is None:
        return
    low, high = dist.support
    if low < 0:
        raise ValueError(
            f"{record.name} cannot be negative, but {_given(record)} reaches {low!r}; "
            "truncate it at zero"
        )
    if slot_unit == "fraction" and high > 1:
        raise ValueError(
            f"{record.name} is a fraction in [0, 1], but {_given(record)} reaches {high!r}"
        )


def _given(record: InputRecord) -> str:
    """What an input was, for a message: its phrase, or the kind of distribution given."""
    return repr(record.phrase) if record.phrase else f"the {record.interpretation.kind} given"


# -- the estimate --------------------------------------------------------------------------


class Summary(BaseModel):
    """The outcome as `Estimate.to_dict` writes it: median, mean, 90% interval, quantiles.

    An `Estimate` rebuilt from its own ``to_dict()`` (without its draws) answers from it:
    `Estimate.median`, `Estimate.mean`, ``interval(0.9)`` and the quantiles at 5, 25, 50,
    75 and 95%.

    Parameters
    ----------
    median : float
        The median.
    mean : float
        The mean.
    interval_90 : tuple of float
        The central 90% interval.
    quantiles : dict of str to float
        Probability (as text, e.g. ``"0.25"``) -> quantile; they must not decrease.

    See Also
    --------
    Estimate.to_dict : Writes it.

    Examples
    --------
    >>> s = Summary(median=2.0, mean=2.1, interval_90=(1.0, 3.0), quantiles={"0.25": 1.5})
    >>> s.quantile(0.25), s.quantile(0.3)
    (1.5, None)
    """

    # An infinity (a mean of infinite draws) is "Infinity" in JSON, which reads back.
    model_config = ConfigDict(frozen=True, extra="forbid", ser_json_inf_nan="strings")

    median: float
    mean: float
    interval_90: tuple[float, float]
    quantiles: dict[str, float]

    @model_validator(mode="after")
    def _consistent(self) -> Summary:
        values = [self.median, self.mean, *self.interval_90, *self.quantiles.values()]
        if any(math.isnan(v) for v in values):
            raise ValueError(f"summary values must not be NaN, got {self!r}")
        known = [(0.05, self.interval_90[0]), (0.5, self.median), (0.95, self.interval_90[1])]
        for key, value in self.quantiles.items():
            try:
                level = float(key)
            except ValueError:
                raise ValueError(
                    f"summary quantile keys must be probabilities, got {key!r}"
                ) from None
            q = _validation.quantile_probability(level, "summary quantile")
            known.append((q, value))
        known.sort()
        for (q1, v1), (q2, v2) in itertools.pairwise(known):
            if v2 < v1 or (q1 == q2 and v1 != v2):
                raise ValueError(
                    f"summary quantiles must not decrease with the probability, got "
                    f"{q1!r} -> {v1!r} and {q2!r} -> {v2!r}"
                )
        return self

    def quantile(self, q: float) -> float | None:
        """Return the recorded quantile ``q``, or ``None`` when it was not recorded.

        Parameters
        ----------
        q : float
            Probability in [0, 1].

        Returns
        -------
        float or None
            The quantile, when recorded.
        """
        if q == 0.5:
            return self.median
        for key, value in self.quantiles.items():
            if float(key) == q:
                return value
        return None


class Estimate(BaseModel):
    """An uncertain result: its draws (or exact distribution), summary and provenance.

    Build one with :func:`estimate` or a wrapper. Quantiles follow ``numpy.quantile``'s
    default (linear) definition on the draws, exactly; for ``method="analytic"`` they are
    exact for the distribution.

    When ``chunk`` is set the draws were made in chunks of that many, each from its own
    stream, and were not kept: the mean and the quantiles at 5, 25, 50, 75 and 95% were
    found while they were made; other quantiles and probabilities make them again (exactly
    the same draws, one pass each); `draws` returns a thinned subset.

    Parameters
    ----------
    function : str
        Name of the function evaluated.
    unit : str or None
        Unit of the result.
    method : {"analytic", "mc", "qmc"}
        How the uncertainty was propagated.
    samples : int
        How many draws were made.
    seed : SeedRecord
        The seed as recorded: ``seed=est.seed`` reproduces the estimate bit for bit.
    inputs : tuple of InputRecord
        How each input was read (provenance).
    correlation : tuple of tuple of float or None, default None
        The correlation matrix of the inputs' normal scores, when one was given.
    distribution : Distribution or None, default None
        The exact distribution, for ``method="analytic"``.
    chunk : int or None, default None
        Draws per chunk, when the draws were made in chunks and not kept.
    summary : Summary or None, default None
        What ``to_dict()`` wrote under ``"summary"``; given only when an estimate is rebuilt
        from it (``Estimate.model_validate(est.to_dict())``), which then answers from it.

    See Also
    --------
    estimate : Builds it.
    Spread : Its median and 90% interval.
    munitions_model.plots.plot_distribution : Draws it.

    Examples
    --------
    >>> import munitions_model as mm
    >>> est = mm.estimate_duration(stock="about 1,000,000 rounds",
    ...                            burn_rate="about 10,000 rounds a day", samples=20_000, seed=1)
    >>> est.unit, est.samples, est.seed == mm.estimation.SeedRecord(entropy=1)
    ('days', 20000, True)
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", arbitrary_types_allowed=True, populate_by_name=True
    )

    function: str
    unit: str | None
    method: Literal["analytic", "mc", "qmc"]
    samples: Count
    seed: SeedRecord
    inputs: tuple[InputRecord, ...]
    correlation: tuple[tuple[float, ...], ...] | None = None
    distribution: Distribution | None = None
    chunk: Count | None = None
    #: What ``to_dict()`` wrote under ``"summary"``: set only on an estimate rebuilt from it.
    recorded: Summary | None = Field(default=None, alias="summary")

    @model_validator(mode="after")
    def _summary_matches(self) -> Estimate:
        exact, recorded = self.distribution, self.recorded
        if exact is not None and recorded is not None:
            median = exact.median
            if not math.isclose(median, recorded.median, rel_tol=1e-9, abs_tol=1e-300):
                raise ValueError(
                    f"summary median {recorded.median!r} does not match the distribution's "
                    f"{median!r}"
                )
        return self

    def __eq__(self, other: object) -> bool:
        # Made the same way: the same fields (inputs, seed, draw count, method ...), from
        # which the draws follow bit for bit. Pydantic's own comparison would also compare
        # the private draws, arrays that have no single truth value.
        if not isinstance(other, Estimate):
            return NotImplemented
        return type(self) is type(other) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in type(self).model_fields)

    _work: Floats | None = PrivateAttr(default=None)
    _chunks: ChunkedDraws | None = PrivateAttr(default=None)
    _pilot: Floats | None = PrivateAttr(default=None)
    _in_logs: bool = PrivateAttr(default=False)
    _known: dict[int, float] = PrivateAttr(default_factory=dict)
    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    if not TYPE_CHECKING:  # (as pydantic does, so that mypy still checks attribute names)

        def __getattr__(self, item: str) -> Any:
            # The private attributes above, read straight from pydantic's dict: its own
            # __getattr__ first asks each default whether it is a descriptor (a few
            # microseconds a read, and a summary reads several).
            try:
                return object.__getattribute__(self, "__pydantic_private__")[item]
            except (AttributeError, KeyError, TypeError):
                return super().__getattr__(item)

    @classmethod
    def _from_draws(cls, work: Floats, *, in_logs: bool, **fields: Any) -> Estimate:
        """Wrap draws kept in memory (taking ownership of ``work``; logs if ``in_logs``)."""
        if work.size == 0:
            raise ValueError("an estimate needs at least one draw")
        est = _validation.trusted(cls, **fields)
        est._work, est._in_logs = work, in_logs
        return est

    @classmethod
    def _from_chunks(cls, chunks: ChunkedDraws, *, in_logs: bool, **fields: Any) -> Estimate:
        """Make the draws chunk by chunk and summarise them in one pass: the mean and the
        canonical quantiles (exact order statistics, see ``munitions_model._select``)."""
        est = _validation.trusted(cls, **fields)
        est._chunks, est._in_logs = chunks, in_logs
        # The whole first chunk places the brackets (narrower brackets, fewer draws
        # collected); a part of it is kept for later quantiles.
        pilot = chunks.first(CHUNK_DRAWS)
        est._pilot = pilot[: _select.PILOT].copy()
        selection = _select.Selection(chunks.n, _canonical_ranks(chunks.n), pilot)
        del pilot

        def summarise(block: Floats, start: int) -> tuple[Any, tuple[float, float]]:
            return selection.visit(block, start), _block_total(block, in_logs)

        results = chunks.visit(summarise)
        selection.absorb([r[0] for r in results])
        est._cache["totals"] = [r[1] for r in results]
        while not selection.done:
            selection.absorb(chunks.visit(selection.visit))
        est._known.update(selection.values())
        return est

    # -- draws ----------------------------------------------------------------------------
    @property
    def _private(self) -> dict[str, Any]:
        """The private attributes, in one read: the summaries a notebook loop calls read
        several, and each ``self._work`` goes through ``__getattr__`` (about a microsecond,
        a tenth of a quantile of kept draws)."""
        private = self.__pydantic_private__
        assert private is not None
        return private

    @property
    def _draw_count(self) -> int:
        private = self._private
        if private["_work"] is not None:
            return int(private["_work"].size)
        assert private["_chunks"] is not None
        return int(private["_chunks"].n)

    def _order_statistics(self, ranks: Sequence[int]) -> list[float]:
        """The draws (work-space: logs if ``_in_logs``) at 0-based sorted ranks. Fewer
        than `_select.SORT_BELOW` kept draws are sorted once and kept sorted (a copy of at
        most 128 KiB); the first call on more kept draws also finds the canonical ones, in
        the same pass."""
        private = self._private
        work, known, cache = private["_work"], private["_known"], private["_cache"]
        if work is not None and work.size < _select.SORT_BELOW:
            ordered = cache.get("sorted")
            if ordered is None:
                ordered = cache["sorted"] = np.sort(work)
            return [float(ordered[r]) for r in ranks]
        missing = {r for r in ranks if r not in known}
        if missing:
            if work is not None:
                if not known:
                    missing.update(_canonical_ranks(work.size))
                found = _select.order_statistics_of(work, missing)
            else:
                chunks, pilot = private["_chunks"], private["_pilot"]
                assert chunks is not None
                assert pilot is not None
                found = _select.order_statistics(chunks, missing, pilot)
            known.update(found)
        return [known[r] for r in ranks]

    def _count(self, predicate: Callable[[Floats], Any]) -> int:
        """Draws (work-space) for which ``predicate`` holds."""
        if self._work is not None:
            return int(np.count_nonzero(predicate(self._work)))
        assert self._chunks is not None
        return sum(self._chunks.visit(lambda b, _: int(np.count_nonzero(predicate(b)))))

    @property
    def draws(self) -> Floats:
        """Return the draws in natural units (read-only).

        Analytic estimates draw `samples` of them from the exact distribution, with the
        recorded seed. When the draws were not kept (``chunk`` set), every m-th draw,
        ``m = ceil(samples / 4,194,304)``, made again: all of them up to 4,194,304 draws, an
        evenly thinned subset (in draw order) above.
        """
        if "draws" not in self._cache:
            if self._chunks is not None:
                step = -(-self._chunks.n // _THINNED_MAX)
                parts = self._chunks.visit(lambda b, start: b[(-start) % step :: step].copy())
                values = np.concatenate(parts)
                if self._in_logs:
                    with np.errstate(over="ignore"):
                        np.exp(values, out=values)
            elif self._work is None:
                values = self._exact("draws").sample(self.samples, seed=self.seed)
            else:
                values = np.exp(self._work) if self._in_logs else self._work.view()
            values.setflags(write=False)
            self._cache["draws"] = values
        result: Floats = self._cache["draws"]
        return result

    # -- summaries ------------------------------------------------------------------------
    def quantile(self, q: float) -> float:
        """Value below which a fraction ``q`` of the outcome lies.

        Parameters
        ----------
        q : float
            Quantile probability in [0, 1].

        Returns
        -------
        float
            ``numpy.quantile``'s linear quantile of the draws, exactly (the distribution's
            quantile for an analytic estimate).
        """
        q = _validation.quantile_probability(q)
        cache = self._private["_cache"]
        key = f"q{q!r}"
        if key not in cache:
            cache[key] = self._quantile(q)
        value: float = cache[key]
        return value

    def _quantile(self, q: float) -> float:
        """`quantile`, not remembered."""
        private = self._private
        work = private["_work"]
        if self.distribution is not None and work is None:
            return self.distribution.quantile(q)
        if work is None and private["_chunks"] is None:
            found = self._recorded().quantile(q)
            if found is None:
                raise ValueError(
                    f"q={q!r} was not recorded in this estimate's summary (it was rebuilt "
                    f"without its draws; recorded: 0.5 and {sorted(self._recorded().quantiles)}); "
                    f"rerun the estimate with seed={self.seed} for other quantiles"
                )
            return found
        lo, hi, frac = _stats.position(self._draw_count, q)
        low, high = self._order_statistics([lo, hi])
        if private["_in_logs"]:
            low, high = _natural(low), _natural(high)
        return _stats.interpolate(low, high, frac)

    def interval(self, level: float = 0.9) -> tuple[float, float]:
        """Central interval holding probability ``level`` (default 90%).

        Parameters
        ----------
        level : float
            Probability inside the interval, strictly between 0 and 1.

        Returns
        -------
        tuple of float
            The quantiles ``(1 - level) / 2`` and ``(1 + level) / 2``.
        """
        level = _validation.interval_level(level)
        if self.recorded is not None and self.distribution is None and level == 0.9:
            low, high = self.recorded.interval_90
            return low, high
        tail = (1.0 - level) / 2.0
        return self.quantile(round(tail, 12)), self.quantile(round(1.0 - tail, 12))

    @property
    def median(self) -> float:
        """The 50% quantile."""
        return self.quantile(0.5)

    @property
    def mean(self) -> float:
        """Return the average outcome.

        It is ``inf`` only when some draws are infinite, e.g. a duration where production
        covers the fire rate.

        Raises
        ------
        FloatRangeError
            When the average of finite draws exceeds float64.
        """
        if self._work is None and self._chunks is None:
            if self.distribution is not None:
                return self.distribution.mean
            return self._recorded().mean
        if "totals" not in self._cache:  # (made with the draws when they are not kept)
            work = self._work
            assert work is not None
            self._cache["totals"] = [
                _block_total(work[i : i + _MEAN_CHUNK], self._in_logs)
                for i in range(0, work.size, _MEAN_CHUNK)
            ]
        return _mean_of(self._cache["totals"], self._draw_count, self._in_logs, self.function)

    def _recorded(self) -> Summary:
        """The summary an estimate rebuilt from ``to_dict()`` answers from."""
        if self.recorded is None:
            raise ValueError(
                "this Estimate holds no draws, no distribution and no summary (it was "
                "rebuilt from a dump without them): rebuild it from Estimate.to_dict(), or "
                f"rerun the estimate with seed={self.seed}"
            )
        return self.recorded

    def _exact(self, what: str) -> Distribution:
        """The exact distribution of an analytic estimate (a rebuilt sampled estimate has
        none, nor draws: then ``ValueError``)."""
        if self.distribution is None:
            self._recorded()
            raise ValueError(
                f"{what} needs the draws, which an estimate rebuilt from its summary does "
                f"not keep; rerun the estimate with seed={self.seed}"
            )
        return self.distribution

    def prob_above(self, x: float) -> float:
        """Return the probability that the outcome exceeds ``x``.

        Parameters
        ----------
        x : float
            A value [unit].

        Returns
        -------
        float
            The share of draws above ``x`` (exact for an analytic estimate).

        Raises
        ------
        ValueError
            If ``x`` is not a finite number.
        """
        x = _validation.finite(x, "x")
        if self._work is None and self._chunks is None:
            return float(self._exact("prob_above").sf(x))
        if self._in_logs:
            if x <= 0:
                return 1.0
            x = math.log(x)
        return self._count(lambda draws: draws > x) / self._draw_count

    def prob_below(self, x: float) -> float:
        """Return the probability that the outcome is below ``x``.

        Parameters
        ----------
        x : float
            A value [unit].

        Returns
        -------
        float
            The share of draws below ``x`` (exact for an analytic estimate).

        Raises
        ------
        ValueError
            If ``x`` is not a finite number.
        """
        x = _validation.finite(x, "x")
        if self._work is None and self._chunks is None:
            exact = self._exact("prob_below")
            return float(exact._cdf_below(np.array([x]))[0])
        if self._in_logs:
            if x <= 0:
                return 0.0
            x = math.log(x)
        return self._count(lambda draws: draws < x) / self._draw_count

    def as_distribution(self) -> Distribution:
        """Return this estimate as an input to another.

        Exact if analytic, else the draws (at most 65,537 evenly spaced order statistics of
        them, to keep it light; of `draws` when the draws were not kept).

        Returns
        -------
        Distribution
            The distribution, in the estimate's unit.
        """
        if self._work is None and self._chunks is None:
            return self._exact("as_distribution")
        draws = np.sort(self.draws)
        if draws.size > 65_537:
            # One sort, then the linear quantiles (np.quantile with 65,537 probabilities
            # partitions once per rank: seconds at 10^5 draws).
            # Sorted again: interpolation may break ties by an ulp.
            draws = np.sort(_stats.sorted_quantiles(draws, np.linspace(0.0, 1.0, 65_537).tolist()))
        return Empirical(values=tuple(draws.tolist()), unit=self.unit)

    def summary(self) -> str:
        """Return one line: median, 90% interval and mean with the unit, then how it was made.

        Returns
        -------
        str
            The line.
        """
        lo, hi = self.interval(0.9)
        unit = f" {self.unit}" if self.unit else ""
        how = (
            f"{self.method}, samples={self.samples:,}"
            + (f" in chunks of {self.chunk:,}" if self.chunk is not None else "")
            + (f", seed={self.seed}" if self.seed is not None else "")
        )
        return (
            f"{self.function}: median {_fmt(self.median)}{unit}, 90% interval "
            f"{_fmt(lo)} to {_fmt(hi)}, mean {_fmt(self.mean)} ({how})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the summary and provenance as plain JSON-ready data.

        Returns
        -------
        dict
            ``function``, ``unit``, ``method``, ``samples``, ``seed``, ``inputs``, ``correlation``,
            ``chunk`` and ``summary`` (median, mean, 90% interval and quantiles).
        """
        lo, hi = self.interval(0.9)
        data = self.model_dump(mode="json", exclude={"distribution", "recorded"})
        data["summary"] = {
            "median": self.median,
            "mean": self.mean,
            "interval_90": [lo, hi],
            "quantiles": {str(q): self.quantile(q) for q in _CANONICAL_Q},
        }
        if self.distribution is not None:
            data["distribution"] = self.distribution.model_dump(mode="json")
        return data

    def __str__(self) -> str:
        return self.summary()


class Spread(BaseModel):
    """Median and central 90% interval of an estimate or a distribution, with its unit.

    Parameters
    ----------
    median : float
        The median.
    low : float
        The 5% quantile.
    high : float
        The 95% quantile.
    unit : str or None
        The unit.

    See Also
    --------
    Estimate : What it summarises.

    Examples
    --------
    >>> from munitions_model.distributions import lognormal
    >>> Spread.of(lognormal(100.0, 400.0)).text()
    '200 (100 to 400)'
    """

    # An infinity (a stock that outlasts the horizon) is "Infinity" in JSON: it reads back.
    model_config = ConfigDict(frozen=True, extra="forbid", ser_json_inf_nan="strings")

    median: float
    low: float
    high: float
    unit: str | None

    @model_validator(mode="after")
    def _ordered(self) -> Spread:
        if not self.low <= self.median <= self.high:  # (NaN fails too)
            raise ValueError(
                f"a spread needs low <= median <= high, got {self.low!r}, {self.median!r}, "
                f"{self.high!r}"
            )
        return self

    @classmethod
    def of(cls, thing: Estimate | Distribution) -> Spread:
        """Return the median and 90% interval of ``thing``.

        Parameters
        ----------
        thing : Estimate or Distribution
            What to summarise.

        Returns
        -------
        Spread
            Its median and 90% interval, with its unit.
        """
        if isinstance(thing, Estimate):
            low, high = thing.interval(0.9)
            median = thing.median
        else:  # the three quantiles in one call: a mixture finds them together
            median, low, high = thing._spread()
        return cls(median=median, low=low, high=high, unit=thing.unit)

    def text(self) -> str:
        """Return ``"median (low to high)"``, thousands separated.

        Returns
        -------
        str
            The text.
        """
        return f"{_fmt(self.median)} ({_fmt(self.low)} to {_fmt(self.high)})"


Quantity: TypeAlias = str | Claim | Distribution | Estimate | float
"""What an argument with a concept name accepts (see ``docs/glossary.md``): a phrase
(``"more than one million rounds"``), a parsed `Claim`, a distribution, a previous
`Estimate`, or a plain number in base units."""


def _block_total(block: Floats, in_logs: bool) -> tuple[float, float]:
    """A block's sum as ``(scale, scaled sum)``, so that adding many cannot overflow: for
    logs, the sum of ``exp(block)`` is ``exp(scale) * scaled``; otherwise it is
    ``scale * scaled`` (or ``scaled`` itself, scale 1, when there are infinite draws)."""
    if in_logs:
        top = float(block.max())
        return top, float(np.exp(block - top).sum())
    top = float(np.max(np.abs(block)))
    if top == 0.0 or not math.isfinite(top):
        with np.errstate(invalid="ignore"):
            return 1.0, float(block.sum())
    return top, float((block / top).sum())


def _mean_of(totals: Sequence[tuple[float, float]], n: int, in_logs: bool, name: str) -> float:
    """The mean from `_block_total` parts; ``FloatRangeError`` when it exceeds float64."""
    scales = np.array([t[0] for t in totals])
    sums = np.array([t[1] for t in totals])
    if in_logs:
        top = float(scales.max())
        log_mean = top + math.log(float(np.sum(sums * np.exp(scales - top))) / n)
        if log_mean > LOG_MAX:
            raise limits.FloatRangeError(
                f"the mean of {name} exceeds the largest float64 (its log is {log_mean:.6g})"
            )
        return math.exp(log_mean)
    if not np.isfinite(sums).all():  # infinite draws: the finite blocks do not matter
        with np.errstate(invalid="ignore"):
            total = float(np.sum(sums[~np.isfinite(sums)]))
        if math.isnan(total):
            raise ValueError(f"the mean of {name} is undefined: it has draws of +inf and -inf")
        return total
    top = float(scales.max())
    return top * (float(np.sum(sums * (scales / top))) / n)


def _natural(log_value: float) -> float:
    """A draw kept in logs, in natural units: numpy's exp, as for `Estimate.draws`, so that
    a quantile is bit for bit a draw; above `LOG_MAX` it overflows to inf (decided here: an
    ``errstate`` costs microseconds)."""
    return float(np.exp(np.float64(log_value))) if log_value <= LOG_MAX else math.inf


def _canonical_ranks(n: int) -> set[int]:
    """Ranks of the order statistics behind the canonical quantiles."""
    lo, hi, _ = _stats.positions(n, _CANONICAL_Q)
    return {int(i) for i in (*lo, *hi)}


def _fmt(x: float) -> str:
    if not math.isfinite(x):
        return str(x)
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


# -- the engine ------------------------------------------------------------------------------

_METHODS = ("auto", "mc", "qmc", "analytic")


def read_inputs(
    fn: Callable[..., Any], inputs: Mapping[str, Quantity], hedges: HedgeModel | None
) -> list[InputRecord]:
    """Read every input of ``fn`` into a distribution in base units.

    Each is checked against the unit of the argument it fills, when ``fn`` declares units.

    Parameters
    ----------
    fn : Callable
        The function the inputs are for, e.g. :func:`~munitions_model.model.duration_days`.
    inputs : mapping of str to Quantity
        Argument name -> phrase, `Claim`, distribution, `Estimate` or number.
    hedges : HedgeModel or None
        How phrases and claims are read; `DEFAULT_HEDGES` when ``None``.

    Returns
    -------
    list of InputRecord
        One per input, in the order of ``inputs``.

    See Also
    --------
    resolve_input : Reads one input.
    estimate : Reads its inputs this way.

    Examples
    --------
    >>> from munitions_model.model import duration_days
    >>> records = read_inputs(duration_days, {"stock_rounds": "about 1,000,000 rounds",
    ...                                       "rounds_per_day": 10_000.0}, None)
    >>> [r.given for r in records]
    ['phrase', 'number']
    """
    _validation.function(fn)
    _validation.mapping(inputs, "inputs")
    _validation.binds(fn, [str(name) for name in inputs], partial=True)
    for name in inputs:
        if not isinstance(name, str) or not name:
            raise ValueError(
                f"inputs must be keyed by argument names, got {_validation.shown(name)}"
            )
    spec = function_spec(fn)
    model = _hedges(hedges)
    return [
        resolve_input(name, value, spec.units.get(name) if spec else None, model)
        for name, value in inputs.items()
    ]


@dataclass(frozen=True)
class _Setup:
    """An estimate's inputs, checked and read: everything the run needs."""

    fn: Callable[..., ArrayLike]
    spec: FunctionSpec | None
    records: tuple[InputRecord, ...]
    matrix: Floats | None
    seed: SeedRecord
    method: Method
    samples: int
    chunk: int | None
    workers: int
    fields: dict[str, Any]  # what every Estimate of this run records
    repeatable: bool  # the seed was given: another run may use the same scores


def _check(
    fn: Callable[..., ArrayLike],
    inputs: Mapping[str, Quantity],
    *,
    samples: object,
    seed: SeedLike,
    method: object,
    correlation: CorrelationLike,
    hedges: HedgeModel | None,
    unit: str | None,
    chunk: object,
    workers: object,
) -> _Setup:
    """Validate the controls and read the inputs; nothing is drawn yet."""
    count = _validation.samples(samples)
    if not isinstance(method, str) or method not in _METHODS:
        raise ValueError(
            f"method must be 'auto', 'mc', 'qmc' or 'analytic', got {_validation.shown(method)}"
        )
    if unit is not None and not isinstance(unit, str):
        raise ValueError(f"unit must be text or None, got {_validation.shown(unit)}")
    size = None
    if chunk is not None and method == "qmc":
        size = _validation.power_of_two(chunk, "chunk", why="for method='qmc'")
    elif chunk is not None:
        size = _validation.positive_int(chunk, "chunk")
    if size is not None:  # a chunk is held at once: no larger than the largest draw count
        limits.check("samples", size, "draws per chunk (chunk)")
    threads = _validation.workers(workers, default_workers)
    spec = function_spec(fn)
    records = tuple(read_inputs(fn, inputs, hedges))
    _validation.binds(fn, [r.name for r in records])
    matrix = _validation.correlation_matrix(correlation, [r.name for r in records])
    record = _validation.seed_record(seed)
    fields: dict[str, Any] = {
        "function": getattr(fn, "__name__", repr(fn)),
        "unit": unit if unit is not None else (spec.returns if spec else None),
        "seed": record,
        "inputs": records,
        "correlation": None if matrix is None else tuple(map(tuple, matrix.tolist())),
    }
    checked = cast(Method, method)
    return _Setup(
        fn, spec, records, matrix, record, checked, count, size, threads, fields, seed is not None
    )


def _analytic_applies(spec: FunctionSpec | None, records: Sequence[InputRecord]) -> str | None:
    """Why the exact path does not apply, or ``None`` when it does."""
    if spec is None or spec.exponents is None:
        return "the function declares no exponents (not a product of powers)"
    names = {r.name for r in records}
    if names != set(spec.exponents):
        return (
            f"the inputs {sorted(names)} are not exactly its power-law arguments "
            f"{sorted(spec.exponents)}"
        )
    for r in records:
        d = r.interpretation
        if not (isinstance(d, LogNormal) or (isinstance(d, Point) and d.value > 0)):
            return f"{r.name} is {d.kind}, not lognormal or a positive point"
    return None


def _analytic(setup: _Setup) -> Distribution:
    """The exact result, in the run's unit: lognormal, or a point when nothing is uncertain
    (then the function itself is evaluated, so that ``5 * 1.0`` is 5 and not
    ``exp(log 5)``)."""
    spec, records, matrix = setup.spec, setup.records, setup.matrix
    assert spec is not None
    assert spec.exponents is not None
    name = setup.fields["function"]
    if all(isinstance(r.interpretation, Point) for r in records):
        points = {r.name: r.interpretation.support[0] for r in records}
        call = ", ".join(f"{k}={v!r}" for k, v in points.items())
        with _validation.float_range(f"{name}({call})"):
            value = float(np.asarray(setup.fn(**points), dtype=np.float64).reshape(-1)[0])
        return Point(value=value, unit=setup.fields["unit"])
    mu = math.log(spec.constant)
    loadings = [0.0] * len(records)
    for i, r in enumerate(records):
        a = spec.exponents[r.name]
        d = r.interpretation
        if isinstance(d, LogNormal):
            mu += a * d.mu
            loadings[i] = a * d.sigma
        else:
            assert isinstance(d, Point)
            mu += a * math.log(d.value)
    if matrix is None:  # in plain Python, in order: the sum numpy's dot of a few makes
        variance = 0.0
        for loading in loadings:
            variance += loading * loading
    else:
        vector = np.array(loadings)
        variance = float(vector @ matrix @ vector)
    if not (math.isfinite(mu) and math.isfinite(variance)):
        raise limits.FloatRangeError(
            f"{name}: the logarithm of the result is beyond float64 for the inputs "
            f"{[r.name for r in records]}"
        )
    if variance <= 0.0:  # perfectly correlated inputs that cancel
        if mu > LOG_MAX:
            raise limits.FloatRangeError(f"{name} exceeds the largest float64 (log {mu:.6g})")
        return Point(value=math.exp(mu), unit=setup.fields["unit"])
    # Finite, and sigma > 0: built without a second validation (see _validation.trusted).
    return _validation.trusted(
        LogNormal, mu=mu, sigma=math.sqrt(variance), unit=setup.fields["unit"]
    )


def _log_path(spec: FunctionSpec | None, records: Sequence[InputRecord]) -> bool:
    """Sample in log space: a product of powers of strictly positive inputs, none of them
    uncertain with point masses (an atom ``a`` would come back as ``exp(log a)``, which
    need not be ``a``: such inputs go through the function itself, which keeps them)."""
    if spec is None or spec.exponents is None or {r.name for r in records} != set(spec.exponents):
        return False
    return all(
        _strictly_positive(r.interpretation)
        and (isinstance(r.interpretation, Point) or not _has_atoms(r.interpretation))
        for r in records
    )


def _log_constant(
    constant: float, exponents: Mapping[str, float], records: Sequence[InputRecord]
) -> float:
    """``log(c) + sum(a_i * log(x_i))`` over the inputs that are points."""
    total = math.log(constant)
    for r in records:
        if isinstance(r.interpretation, Point):
            total += exponents[r.name] * math.log(r.interpretation.support[0])
    return total


def _plan(setup: _Setup) -> LogPlan | NaturalPlan:
    """How draws become outputs: in logs for a product of powers of positive inputs,
    through the function otherwise; the uncertain inputs' scores mixed by the copula."""
    records = setup.records
    uncertain = [i for i, r in enumerate(records) if not isinstance(r.interpretation, Point)]
    mixing = None
    if setup.matrix is not None and len(uncertain) > 1:
        mixing = Mixing.of(setup.matrix[np.ix_(uncertain, uncertain)])
    spec = setup.spec
    if _log_path(spec, records):
        assert spec is not None
        assert spec.exponents is not None
        return LogPlan(
            constant=_log_constant(spec.constant, spec.exponents, records),
            terms=tuple(
                (records[i].interpretation, float(spec.exponents[records[i].name]))
                for i in uncertain
            ),
            mixing=mixing,
            name=setup.fields["function"],
            inputs=", ".join(r.name for r in records),
        )
    return NaturalPlan(
        fn=setup.fn,
        name=setup.fields["function"],
        uncertain=tuple((records[i].name, records[i].interpretation) for i in uncertain),
        fixed={
            r.name: r.interpretation.support[0]  # a point: broadcast by the function
            for r in records
            if isinstance(r.interpretation, Point)
        },
        mixing=mixing,
    )


def _run(setup: _Setup) -> Estimate:
    """Draw (or take the exact path) and summarise."""
    reason = _analytic_applies(setup.spec, setup.records)
    if setup.method == "analytic" and reason is not None:
        raise ValueError(f"method='analytic' does not apply: {reason}")
    if setup.method in ("auto", "analytic") and reason is None:
        exact = _analytic(setup)
        return _validation.trusted(
            Estimate,
            method="analytic",
            samples=setup.samples,
            distribution=exact,
            **setup.fields,
        )
    sampling: Literal["mc", "qmc"] = "qmc" if setup.method == "qmc" else "mc"
    n = setup.samples if sampling == "mc" else 1 << (setup.samples - 1).bit_length()
    if n != setup.samples:
        limits.check("samples", n, f"samples={setup.samples:,} rounded up to a power of two")
    plan = _plan(setup)
    in_logs = isinstance(plan, LogPlan)
    rng = _validation.generator(setup.seed)
    chunk = setup.chunk
    if chunk is None and n > MAX_KEPT_DRAWS:
        chunk = CHUNK_DRAWS
    if chunk is None:
        stream = setup.seed if setup.repeatable else None  # (see _engine.DrawMemo)
        if isinstance(plan, LogPlan):
            work = kept_log_draws(plan, n, sampling, rng, stream)
        else:
            work = kept_natural_draws(plan, n, sampling, rng, stream)
        return Estimate._from_draws(
            work, in_logs=in_logs, method=sampling, samples=n, **setup.fields
        )
    k = len(plan.terms) if isinstance(plan, LogPlan) else len(plan.uncertain)
    sobol = None
    if sampling == "qmc" and k:  # the same scrambled points the kept path uses, each pass

        def sobol() -> Any:
            return scrambled_sobol(k, _validation.generator(setup.seed))

    chunks = ChunkedDraws(plan, n, chunk, sampling, setup.seed.sequence(), sobol, setup.workers)
    return Estimate._from_chunks(
        chunks, in_logs=in_logs, method=sampling, samples=n, chunk=chunk, **setup.fields
    )


def estimate(
    fn: Callable[..., ArrayLike],
    inputs: Mapping[str, Quantity],
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
    unit: str | None = None,
    chunk: int | None = None,
    workers: int = 1,
) -> Estimate:
    """Evaluate ``fn`` with uncertain inputs.

    Parameters
    ----------
    fn : callable
        A vectorised function of keyword arguments, e.g.
        :func:`~munitions_model.model.duration_days`. If it was declared with
        :func:`~munitions_model.model.model_function`, phrases are checked against its
        argument units and the exact path may apply.
    inputs : mapping of str to Quantity
        Argument name -> phrase, `Claim`, distribution, `Estimate` or number.
    samples : int
        Number of draws (``qmc`` rounds it up to a power of two).
    seed : SeedLike
        Randomness: an integer, `numpy.random.SeedSequence`, `numpy.random.Generator`, a
        recorded `SeedRecord`, or ``None`` for fresh entropy. The same seed gives
        bit-identical results, and `Estimate.seed` records one that reproduces them.
    method : {"auto", "mc", "qmc", "analytic"}
        See the module docstring.
    correlation : float, mapping or matrix, optional
        Correlation of the inputs' normal scores (Gaussian copula): one number for every
        pair, ``{("a", "b"): rho}`` by name, or a matrix in the order of ``inputs``. For
        lognormal inputs it is the correlation of their logarithms.
    hedges : HedgeModel, optional
        How phrases and claims are read; `DEFAULT_HEDGES` when omitted.
    unit : str, optional
        Unit of the result; defaults to the function's declared unit.
    chunk : int, optional
        Make the draws this many at a time, each chunk from its own random stream, and do
        not keep them (bounded memory; the function must act elementwise). By default
        this happens above `MAX_KEPT_DRAWS` draws (2**25), in chunks of `CHUNK_DRAWS`
        (2**20); below it the draws are kept, from one stream. For ``"qmc"`` it must be
        a power of two. The same seed and chunk give the same draws.
    workers : int
        Threads making chunks (Monte Carlo only); ``-1`` for every usable core. Results
        do not depend on it. One by default: on a 2-core virtual machine two threads were
        1.0x to 1.9x as fast, about 1.0x in the median (``benchmarks/README.md``).

    Returns
    -------
    Estimate
        The result, with its draws (or exact distribution) and provenance.

    See Also
    --------
    estimate_burn_rate, estimate_duration, estimate_stock : The common questions.

    Examples
    --------
    Inputs whose reading is not lognormal take the Monte Carlo path:

    >>> from munitions_model import duration_days, lognormal
    >>> est = estimate(duration_days, {"stock_rounds": "more than one million rounds",
    ...                                "rounds_per_day": "about 10,000 rounds a day"}, seed=1)
    >>> est.method, est.unit, est.samples
    ('mc', 'days', 100000)

    Lognormal inputs to a product of powers take the exact path:

    >>> exact = estimate(duration_days, {"stock_rounds": lognormal(9e5, 1.6e6),
    ...                                  "rounds_per_day": lognormal(8e3, 2.5e4)})
    >>> exact.method, round(exact.median, 2)
    ('analytic', 84.85)
    """
    setup = _check(
        fn,
        inputs,
        samples=samples,
        seed=seed,
        method=method,
        correlation=correlation,
        hedges=hedges,
        unit=unit,
        chunk=chunk,
        workers=workers,
    )
    return _run(setup)


# -- wrappers --------------------------------------------------------------------------------


def _wrapped(
    fn: Callable[..., ArrayLike],
    main: Mapping[str, Quantity],
    optional: Mapping[str, Quantity | None],
    options: Mapping[str, Any],
) -> Estimate:
    """Run a wrapper: its two ``main`` inputs, the ``optional`` ones that were given, and
    its options. A single correlation number links the two main inputs only."""
    inputs = {**main, **{k: v for k, v in optional.items() if v is not None}}
    opts = dict(options)
    rho = opts.pop("correlation")
    if isinstance(rho, numbers.Real) and not isinstance(rho, bool):
        first, second = main
        rho = {(first, second): float(rho)}
    return estimate(fn, inputs, correlation=rho, **opts)


def estimate_burn_rate(
    stock: Quantity,
    duration: Quantity,
    dud_fraction: Quantity | None = None,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
    chunk: int | None = None,
    workers: int = 1,
) -> Estimate:
    """Estimate the daily fire rate implied by a stock lasting a duration: ``stock / duration``.

    Parameters
    ----------
    stock : Quantity
        Rounds, e.g. ``"more than one million artillery rounds"``.
    duration : Quantity
        How long they last, e.g. ``"around two months"`` (numbers are days).
    dud_fraction : Quantity or None, default None
        Share of the stock that does not work, in [0, 1]; the result is then the rate of
        rounds that work.
    samples : int, default 100_000
        How many draws (for ``"qmc"``, rounded up to a power of two).
    seed : SeedLike, default None
        The randomness; the same seed gives bit-identical results, and `Estimate.seed`
        records one that reproduces them.
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        How to propagate uncertainty (see :func:`estimate`).
    correlation : float, mapping or array_like, default None
        Correlation of the inputs' normal scores; a single number links stock and duration.
    hedges : HedgeModel or None, default None
        How phrases and claims are read; `DEFAULT_HEDGES` when omitted.
    chunk : int or None, default None
        Draws per chunk when the draws are not kept (see :func:`estimate`).
    workers : int, default 1
        Threads making chunks; ``-1`` for every usable core.

    Returns
    -------
    Estimate
        The rate [rounds/day].

    See Also
    --------
    estimate_duration, estimate_stock : The other two questions.
    munitions_model.model.implied_rounds_per_day : The function evaluated.

    Examples
    --------
    >>> est = estimate_burn_rate(stock="more than one million artillery rounds",
    ...                          duration="around two months", seed=1)
    >>> 15_000 < est.median < 23_000
    True
    """
    return _wrapped(
        implied_rounds_per_day,
        {"stock_rounds": stock, "duration_days": duration},
        {"dud_fraction": dud_fraction},
        {
            "samples": samples,
            "seed": seed,
            "method": method,
            "correlation": correlation,
            "hedges": hedges,
            "chunk": chunk,
            "workers": workers,
        },
    )


def estimate_duration(
    stock: Quantity,
    burn_rate: Quantity,
    production: Quantity | None = None,
    dud_fraction: Quantity | None = None,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
    chunk: int | None = None,
    workers: int = 1,
) -> Estimate:
    """Estimate how many days a stock lasts at a fire rate, net of production and duds.

    ``duration = stock * (1 - dud_fraction) / (burn_rate - production)``; infinite
    where production covers the fire rate.

    Parameters
    ----------
    stock : Quantity
        Rounds.
    burn_rate : Quantity
        Fire rate, e.g. ``"about 10,000 rounds a day"`` (numbers are per day).
    production : Quantity or None, default None
        New rounds per day that offset the fire rate.
    dud_fraction : Quantity or None, default None
        Share of the stock that does not work, in [0, 1].
    samples : int, default 100_000
        How many draws (for ``"qmc"``, rounded up to a power of two).
    seed : SeedLike, default None
        The randomness; the same seed gives bit-identical results, and `Estimate.seed`
        records one that reproduces them.
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        How to propagate uncertainty (see :func:`estimate`).
    correlation : float, mapping or array_like, default None
        Correlation of the inputs' normal scores; a single number links stock and burn rate.
    hedges : HedgeModel or None, default None
        How phrases and claims are read; `DEFAULT_HEDGES` when omitted.
    chunk : int or None, default None
        Draws per chunk when the draws are not kept (see :func:`estimate`).
    workers : int, default 1
        Threads making chunks; ``-1`` for every usable core.

    Returns
    -------
    Estimate
        The duration [days].

    See Also
    --------
    estimate_burn_rate, estimate_stock : The other two questions.
    munitions_model.project_stock : The same day by day, with deliveries.

    Examples
    --------
    >>> est = estimate_duration(stock="about 1,000,000 rounds",
    ...                         burn_rate="about 10,000 rounds a day", samples=20_000, seed=1)
    >>> 80 < est.median < 120
    True
    """
    return _wrapped(
        duration_days,
        {"stock_rounds": stock, "rounds_per_day": burn_rate},
        {"production_rounds_per_day": production, "dud_fraction": dud_fraction},
        {
            "samples": samples,
            "seed": seed,
            "method": method,
            "correlation": correlation,
            "hedges": hedges,
            "chunk": chunk,
            "workers": workers,
        },
    )


def estimate_stock(
    burn_rate: Quantity,
    duration: Quantity,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
    chunk: int | None = None,
    workers: int = 1,
) -> Estimate:
    """Estimate the rounds needed to fire at a rate for a duration: ``burn_rate * duration``.

    Parameters
    ----------
    burn_rate : Quantity
        Fire rate (numbers are per day).
    duration : Quantity
        How long it is kept up (numbers are days).
    samples : int, default 100_000
        How many draws (for ``"qmc"``, rounded up to a power of two).
    seed : SeedLike, default None
        The randomness; the same seed gives bit-identical results, and `Estimate.seed`
        records one that reproduces them.
    method : {"auto", "mc", "qmc", "analytic"}, default "auto"
        How to propagate uncertainty (see :func:`estimate`).
    correlation : float, mapping or array_like, default None
        Correlation of the inputs' normal scores; a single number links rate and duration.
    hedges : HedgeModel or None, default None
        How phrases and claims are read; `DEFAULT_HEDGES` when omitted.
    chunk : int or None, default None
        Draws per chunk when the draws are not kept (see :func:`estimate`).
    workers : int, default 1
        Threads making chunks; ``-1`` for every usable core.

    Returns
    -------
    Estimate
        The stock [rounds].

    See Also
    --------
    estimate_burn_rate, estimate_duration : The other two questions.

    Examples
    --------
    >>> est = estimate_stock(burn_rate="about 10,000 rounds a day", duration="about 100 days",
    ...                      samples=20_000, seed=1)
    >>> 600_000 < est.median < 1_600_000
    True
    """
    return _wrapped(
        stock_rounds,
        {"rounds_per_day": burn_rate, "duration_days": duration},
        {},
        {
            "samples": samples,
            "seed": seed,
            "method": method,
            "correlation": correlation,
            "hedges": hedges,
            "chunk": chunk,
            "workers": workers,
        },
    )
