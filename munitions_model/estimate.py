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
    :func:`munitions_model.model_function`) and every input is lognormal or a positive
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
output's logarithm is accumulated in place in the score array, quantiles are taken by one
partial sort of that array, and ``exp`` is applied only to the few order statistics
needed. This is the same arithmetic a careful analyst would write by hand, with fewer
temporaries.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel, ConfigDict, PrivateAttr
from scipy import special
from scipy.stats import qmc

from munitions_model._parser import parse_claim
from munitions_model.claims import Claim, Source
from munitions_model.distributions import (
    DISTRIBUTION_TYPES,
    Distribution,
    Empirical,
    LogNormal,
    Point,
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

__all__ = [
    "Estimate",
    "InputRecord",
    "estimate",
    "estimate_burn_rate",
    "estimate_duration",
    "estimate_stock",
    "resolve_input",
]

Floats: TypeAlias = NDArray[np.float64]
Method = Literal["auto", "mc", "qmc", "analytic"]
SeedLike: TypeAlias = int | np.random.Generator | np.random.SeedSequence | None
CorrelationLike: TypeAlias = (
    float | Mapping[tuple[str, str], float] | Sequence[Sequence[float]] | NDArray[Any] | None
)

#: Quantiles located once, when an estimate is built (all later summaries use them).
_CANONICAL_Q = (0.05, 0.25, 0.5, 0.75, 0.95)
_MEAN_CHUNK = 1 << 20


class InputRecord(BaseModel):
    """Provenance of one input: what was given and how it was read."""

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
    value: object,
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
    """
    model = DEFAULT_HEDGES if hedges is None else hedges
    record: InputRecord
    if isinstance(value, str):
        claim = parse_claim(value)
        record = InputRecord(
            name=name,
            given="phrase",
            phrase=value,
            claim=claim,
            interpretation=interpret(claim, model),
            hedge_model=model.label,
        )
    elif isinstance(value, Claim):
        record = InputRecord(
            name=name,
            given="claim",
            phrase=value.phrase,
            claim=value,
            source=value.source,
            interpretation=interpret(value, model),
            hedge_model=model.label,
        )
    elif _is_distribution(value):
        record = InputRecord(name=name, given="distribution", interpretation=value)
    elif isinstance(value, Estimate):
        record = InputRecord(name=name, given="estimate", interpretation=value.as_distribution())
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{name} must be finite, got {number!r}")
        record = InputRecord(name=name, given="number", interpretation=Point(value=number))
    else:
        raise TypeError(
            f"{name} must be a phrase, Claim, distribution, Estimate or number, "
            f"got {type(value).__name__}"
        )
    _check_slot(record, slot_unit)
    return record


def _check_slot(record: InputRecord, slot_unit: str | None) -> None:
    dist = record.interpretation
    what = repr(record.phrase) if record.phrase else f"the {dist.kind} given"
    if dist.unit is not None and slot_unit is not None and base_unit(dist.unit) != dist.unit:
        # A distribution's values are taken as they are; one labelled per month (say,
        # a transfer cadence) would silently be read as per day.
        raise ValueError(
            f"{record.name} expects base units ({base_unit(slot_unit)}), but {what} is in "
            f"{dist.unit}; rescale it to {base_unit(dist.unit)} first"
        )
    if not compatible(dist.unit, slot_unit):
        raise ValueError(f"{record.name} expects {slot_unit}, got {what} in {dist.unit}")
    if slot_unit is None:
        return
    low, high = dist.support
    if low < 0:
        raise ValueError(
            f"{record.name} cannot be negative, but {what} reaches {low!r}; truncate it at zero"
        )
    if slot_unit == "fraction" and high > 1:
        raise ValueError(f"{record.name} is a fraction in [0, 1], but {what} reaches {high!r}")


# -- randomness and correlation -------------------------------------------------------------


def _generator(seed: SeedLike) -> tuple[np.random.Generator, int | None]:
    """A generator and the integer that reproduces it (``None`` for a given Generator)."""
    if isinstance(seed, np.random.Generator):
        return seed, None
    if isinstance(seed, np.random.SeedSequence):
        entropy = seed.entropy if isinstance(seed.entropy, int) else None
        return np.random.default_rng(seed), entropy
    if seed is None:
        sequence = np.random.SeedSequence()
        assert isinstance(sequence.entropy, int)
        return np.random.default_rng(sequence), sequence.entropy
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
        return np.random.default_rng(int(seed)), int(seed)
    raise ValueError(f"seed must be a non-negative integer, Generator or None, got {seed!r}")


def _correlation_matrix(correlation: CorrelationLike, names: Sequence[str]) -> Floats | None:
    """Correlation of the normal scores, in the order of ``names``; ``None`` if independent."""
    k = len(names)
    if correlation is None:
        return None
    if isinstance(correlation, numbers.Real) and not isinstance(correlation, bool):
        rho = float(correlation)
        if not -1.0 <= rho <= 1.0:
            raise ValueError(f"correlation must lie in [-1, 1], got {rho!r}")
        if k < 2:
            raise ValueError(f"correlation needs at least two inputs, got {list(names)}")
        matrix = np.full((k, k), rho)
    elif isinstance(correlation, Mapping):
        matrix = np.zeros((k, k))
        index = {n: i for i, n in enumerate(names)}
        for pair, rho in correlation.items():
            a, b = pair
            for n in (a, b):
                if n not in index:
                    raise ValueError(
                        f"correlation names unknown input {n!r}; inputs are {list(names)}"
                    )
            if not -1.0 <= float(rho) <= 1.0:
                raise ValueError(f"correlation of {a!r} and {b!r} must lie in [-1, 1], got {rho!r}")
            matrix[index[a], index[b]] = matrix[index[b], index[a]] = float(rho)
    else:
        matrix = np.array(correlation, dtype=np.float64)
        if matrix.shape != (k, k):
            raise ValueError(
                f"correlation matrix must be {k}x{k} for inputs {list(names)}, "
                f"got shape {matrix.shape}"
            )
        if not np.all(np.isfinite(matrix)) or not np.allclose(matrix, matrix.T):
            raise ValueError("correlation matrix must be finite and symmetric")
        if np.any(np.abs(matrix) > 1.0):
            raise ValueError("correlation matrix entries must lie in [-1, 1]")
    np.fill_diagonal(matrix, 1.0)
    if np.min(np.linalg.eigvalsh(matrix)) < -1e-10:
        raise ValueError(f"correlation matrix is not positive semi-definite: {matrix.tolist()}")
    return matrix


def _correlate(scores: Floats, matrix: Floats) -> Floats:
    """Give independent standard normal rows the correlation ``matrix`` (Gaussian copula).

    With a Cholesky factor ``L`` the rows are transformed in place, last row first, so
    no second score array is needed; a singular matrix (a correlation of +-1) uses its
    symmetric square root instead.
    """
    try:
        lower = np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(matrix)
        root = (vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T
        return np.asarray(root @ scores)
    for i in range(scores.shape[0] - 1, -1, -1):
        row = scores[i]
        row *= lower[i, i]
        for j in range(i):
            if lower[i, j] != 0.0:
                row += lower[i, j] * scores[j]
    return scores


def _normal_scores(
    k: int, n: int, method: Literal["mc", "qmc"], rng: np.random.Generator
) -> Floats:
    """``k`` rows of ``n`` standard normal scores."""
    if method == "mc":
        return rng.standard_normal((k, n))
    sobol = qmc.Sobol(d=k, scramble=True, rng=rng)
    u = sobol.random_base2(int(n).bit_length() - 1).T.copy()
    # Scrambled Sobol points lie in [0, 1); keep them off the end points.
    np.clip(u, np.finfo(np.float64).tiny, 1.0 - np.finfo(np.float64).epsneg, out=u)
    return np.asarray(special.ndtri(u))


# -- the estimate --------------------------------------------------------------------------


def _interpolated(lo: float, hi: float, frac: float) -> float:
    """``lo + frac * (hi - lo)`` without NaN for infinite ends."""
    if frac == 0.0 or lo == hi:
        return lo
    return lo + frac * (hi - lo)


class Estimate(BaseModel):
    """An uncertain result: its draws (or exact distribution), summary and provenance.

    Build one with :func:`estimate` or a wrapper. Quantiles follow ``numpy.quantile``'s
    default (linear) definition on the draws; for ``method="analytic"`` they are exact.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    function: str
    unit: str | None
    method: Literal["analytic", "mc", "qmc"]
    n: int
    seed: int | None
    inputs: tuple[InputRecord, ...]
    correlation: tuple[tuple[float, ...], ...] | None = None
    distribution: Distribution | None = None

    _work: Floats | None = PrivateAttr(default=None)
    _in_logs: bool = PrivateAttr(default=False)
    _kth: tuple[int, ...] = PrivateAttr(default=())
    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    @classmethod
    def _from_draws(cls, work: Floats, *, in_logs: bool, **fields: Any) -> Estimate:
        """Wrap draws (taking ownership of ``work``) and locate the canonical quantiles."""
        if work.size == 0:
            raise ValueError("an estimate needs at least one draw")
        est = cls(**fields)
        n = work.size
        kth = sorted({i for q in _CANONICAL_Q for i in _brackets(n, q)})
        work.partition(kth)
        est._work, est._in_logs, est._kth = work, in_logs, tuple(kth)
        return est

    # -- draws ----------------------------------------------------------------------------
    def _natural(self, x: float) -> float:
        return math.exp(x) if self._in_logs else x

    def _order_statistic(self, i: int) -> float:
        """The ``i``-th smallest draw (natural units), without reordering the draws."""
        work = self._work
        assert work is not None
        if i in self._kth:
            return self._natural(float(work[i]))
        below = [k for k in self._kth if k < i]
        above = [k for k in self._kth if k > i]
        start = below[-1] + 1 if below else 0
        stop = above[0] if above else work.size
        segment = work[start:stop].copy()
        segment.partition(i - start)
        return self._natural(float(segment[i - start]))

    @property
    def samples(self) -> Floats:
        """The draws in natural units (read-only). Analytic estimates draw ``n`` of them
        from the exact distribution, with the recorded seed."""
        if "samples" not in self._cache:
            if self._work is None:
                assert self.distribution is not None
                values = self.distribution.sample(self.n, self.seed)
            else:
                values = np.exp(self._work) if self._in_logs else self._work.view()
            values.setflags(write=False)
            self._cache["samples"] = values
        result: Floats = self._cache["samples"]
        return result

    # -- summaries ------------------------------------------------------------------------
    def quantile(self, q: float) -> float:
        """Value below which a fraction ``q`` of the outcome lies."""
        if not 0.0 <= q <= 1.0:
            raise ValueError(f"q must lie in [0, 1], got {q!r}")
        if self.distribution is not None and self._work is None:
            return self.distribution.quantile(q)
        key = f"q{q!r}"
        if key not in self._cache:
            assert self._work is not None
            lo, hi = _brackets(self._work.size, q)
            frac = (self._work.size - 1) * q - lo
            self._cache[key] = _interpolated(
                self._order_statistic(lo), self._order_statistic(hi), frac
            )
        value: float = self._cache[key]
        return value

    def interval(self, level: float = 0.9) -> tuple[float, float]:
        """Central interval holding probability ``level`` (default 90%)."""
        if not 0.0 < level < 1.0:
            raise ValueError(f"level must be strictly between 0 and 1, got {level!r}")
        tail = (1.0 - level) / 2.0
        return self.quantile(round(tail, 12)), self.quantile(round(1.0 - tail, 12))

    @property
    def median(self) -> float:
        """The 50% quantile."""
        return self.quantile(0.5)

    @property
    def mean(self) -> float:
        """Average outcome."""
        if self._work is None:
            assert self.distribution is not None
            return self.distribution.mean
        if "mean" not in self._cache:
            work = self._work
            if self._in_logs:  # chunked exp-sum: no full-size temporary
                total = sum(
                    float(np.exp(work[i : i + _MEAN_CHUNK]).sum())
                    for i in range(0, work.size, _MEAN_CHUNK)
                )
                self._cache["mean"] = total / work.size
            else:
                self._cache["mean"] = float(work.mean())
        value: float = self._cache["mean"]
        return value

    def prob_above(self, x: float) -> float:
        """Probability that the outcome exceeds ``x``."""
        x = _finite("x", x)
        if self._work is None:
            assert self.distribution is not None
            return 1.0 - float(self.distribution.cdf(x))
        if self._in_logs:
            if x <= 0:
                return 1.0
            x = math.log(x)
        return int(np.count_nonzero(self._work > x)) / self._work.size

    def prob_below(self, x: float) -> float:
        """Probability that the outcome is below ``x``."""
        x = _finite("x", x)
        if self._work is None:
            assert self.distribution is not None
            return float(self.distribution.cdf(x)) - (
                1.0
                if isinstance(self.distribution, Point) and self.distribution.value == x
                else 0.0
            )
        if self._in_logs:
            if x <= 0:
                return 0.0
            x = math.log(x)
        return int(np.count_nonzero(self._work < x)) / self._work.size

    def as_distribution(self) -> Distribution:
        """This estimate as an input to another: exact if analytic, else the draws (at most
        65,537 evenly spaced order statistics of them, to keep it light)."""
        if self._work is None:
            assert self.distribution is not None
            return self.distribution
        draws = self.samples
        if draws.size > 65_537:
            draws = np.quantile(draws, np.linspace(0.0, 1.0, 65_537))
        return Empirical(values=tuple(np.sort(draws).tolist()), unit=self.unit)

    def summary(self) -> str:
        """One line: median, 90% interval and mean with the unit, then how it was made."""
        lo, hi = self.interval(0.9)
        unit = f" {self.unit}" if self.unit else ""
        how = f"{self.method}, n={self.n:,}" + (
            f", seed={self.seed}" if self.seed is not None else ""
        )
        return (
            f"{self.function}: median {_fmt(self.median)}{unit}, 90% interval "
            f"{_fmt(lo)} to {_fmt(hi)}, mean {_fmt(self.mean)} ({how})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Summary and provenance as plain JSON-ready data."""
        lo, hi = self.interval(0.9)
        data = self.model_dump(mode="json", exclude={"distribution"})
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


def _brackets(n: int, q: float) -> tuple[int, int]:
    """Indices of the two order statistics that ``numpy.quantile`` interpolates."""
    h = (n - 1) * q
    lo = min(math.floor(h), n - 1)
    return lo, min(lo + 1, n - 1)


def _finite(name: str, x: float) -> float:
    value = float(x)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {x!r}")
    return value


def _fmt(x: float) -> str:
    if not math.isfinite(x):
        return str(x)
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


# -- the engine ------------------------------------------------------------------------------


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


def _analytic(
    spec: FunctionSpec, records: Sequence[InputRecord], matrix: Floats | None
) -> Distribution:
    assert spec.exponents is not None
    mu = math.log(spec.constant)
    loadings = np.zeros(len(records))
    for i, r in enumerate(records):
        a = spec.exponents[r.name]
        d = r.interpretation
        if isinstance(d, LogNormal):
            mu += a * d.mu
            loadings[i] = a * d.sigma
        else:
            assert isinstance(d, Point)
            mu += a * math.log(d.value)
    variance = float(loadings @ loadings if matrix is None else loadings @ matrix @ loadings)
    if variance <= 0.0:
        return Point(value=math.exp(mu))
    return LogNormal(mu=mu, sigma=math.sqrt(variance))


def _log_path(spec: FunctionSpec | None, records: Sequence[InputRecord]) -> bool:
    """Sample in log space: a product of powers of strictly positive inputs."""
    if _analytic_applies(spec, records) is None:
        return True
    if spec is None or spec.exponents is None or {r.name for r in records} != set(spec.exponents):
        return False
    return all(r.interpretation.support[0] > 0 for r in records)


def estimate(
    fn: Callable[..., ArrayLike],
    inputs: Mapping[str, object],
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    *,
    hedges: HedgeModel | None = None,
    unit: str | None = None,
) -> Estimate:
    """Evaluate ``fn`` with uncertain inputs.

    Parameters
    ----------
    fn : callable
        A vectorised function of keyword arguments, e.g. :func:`duration_days`. If it was
        declared with :func:`model_function`, phrases are checked against its argument
        units and the exact path may apply.
    inputs : mapping
        Argument name -> phrase, `Claim`, distribution, `Estimate` or number.
    samples : int
        Number of draws (``qmc`` rounds it up to a power of two).
    seed : int, Generator or None
        Randomness; the same seed gives bit-identical results. ``None`` draws fresh
        entropy and records it, so the result can still be reproduced.
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

    Returns
    -------
    Estimate
    """
    if not isinstance(samples, numbers.Integral) or isinstance(samples, bool) or samples < 1:
        raise ValueError(f"samples must be a positive integer, got {samples!r}")
    if method not in ("auto", "mc", "qmc", "analytic"):
        raise ValueError(f"method must be 'auto', 'mc', 'qmc' or 'analytic', got {method!r}")
    if not inputs:
        raise ValueError("inputs must name at least one argument")
    spec = function_spec(fn)
    model = DEFAULT_HEDGES if hedges is None else hedges
    records = [
        resolve_input(name, value, spec.units.get(name) if spec else None, model)
        for name, value in inputs.items()
    ]
    names = [r.name for r in records]
    matrix = _correlation_matrix(correlation, names)
    rng, seed_used = _generator(seed)
    fields: dict[str, Any] = {
        "function": getattr(fn, "__name__", repr(fn)),
        "unit": unit if unit is not None else (spec.returns if spec else None),
        "seed": seed_used,
        "inputs": tuple(records),
        "correlation": None if matrix is None else tuple(map(tuple, matrix.tolist())),
    }

    reason = _analytic_applies(spec, records)
    if method == "analytic" and reason is not None:
        raise ValueError(f"method='analytic' does not apply: {reason}")
    if method in ("auto", "analytic") and reason is None:
        assert spec is not None
        exact = _analytic(spec, records, matrix)
        return Estimate(
            method="analytic",
            n=int(samples),
            distribution=exact.with_unit(fields["unit"]),
            **fields,
        )

    sampling: Literal["mc", "qmc"] = "qmc" if method == "qmc" else "mc"
    n = int(samples) if sampling == "mc" else 1 << (int(samples) - 1).bit_length()
    uncertain = [i for i, r in enumerate(records) if not isinstance(r.interpretation, Point)]
    scores = _normal_scores(max(len(uncertain), 1), n, sampling, rng)
    if matrix is not None and len(uncertain) > 1:
        scores = _correlate(scores, matrix[np.ix_(uncertain, uncertain)])
    row_of = {i: row for row, i in enumerate(uncertain)}

    if _log_path(spec, records):
        assert spec is not None
        work = _accumulate_logs(spec, records, scores, row_of)
        return Estimate._from_draws(work, in_logs=True, method=sampling, n=n, **fields)

    values = {
        r.name: (
            r.interpretation.from_normal(scores[row_of[i]])
            if i in row_of
            else r.interpretation.support[0]  # a point: broadcast by the function
        )
        for i, r in enumerate(records)
    }
    del scores
    out = np.asarray(fn(**values), dtype=np.float64).reshape(-1)
    if out.size == 1:
        out = np.full(n, out[0])
    elif not out.flags.owndata:  # the draws get partially sorted in place
        out = out.copy()
    if out.size != n:
        raise ValueError(f"{fields['function']} returned {out.size} values for {n} draws")
    if np.isnan(out).any():
        raise ValueError(f"{fields['function']} returned NaN for some draws")
    return Estimate._from_draws(out, in_logs=False, method=sampling, n=n, **fields)


def _accumulate_logs(
    spec: FunctionSpec,
    records: Sequence[InputRecord],
    scores: Floats,
    row_of: Mapping[int, int],
) -> Floats:
    """``log(c) + sum(a_i * log(x_i))`` built in place in the first score row."""
    assert spec.exponents is not None
    constant = math.log(spec.constant)
    work: Floats | None = None
    for i, r in enumerate(records):
        a = spec.exponents[r.name]
        d = r.interpretation
        if i not in row_of:
            constant += a * math.log(d.support[0])
            continue
        logs = d._log_from_normal_inplace(scores[row_of[i]])
        if work is None:
            work = logs
            if a != 1.0:
                work *= a
        elif a == 1.0:
            work += logs
        elif a == -1.0:
            work -= logs
        else:
            logs *= a
            work += logs
    if work is None:  # every input a point: the exact path handled it unless forced
        work = np.zeros(scores.shape[1])
    if constant != 0.0:
        work += constant
    return np.ascontiguousarray(work)


# -- wrappers --------------------------------------------------------------------------------


def _pair(correlation: CorrelationLike, a: str, b: str) -> CorrelationLike:
    """A single number correlates the wrapper's two main inputs only."""
    if isinstance(correlation, numbers.Real) and not isinstance(correlation, bool):
        return {(a, b): float(correlation)}
    return correlation


def estimate_burn_rate(
    stock: object,
    duration: object,
    dud_fraction: object | None = None,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
) -> Estimate:
    """Daily fire rate implied by a stock lasting a duration: ``stock / duration``.

    Parameters
    ----------
    stock : phrase, Claim, distribution, Estimate or number
        Rounds, e.g. ``"more than one million artillery rounds"``.
    duration : phrase, Claim, distribution, Estimate or number
        How long they last, e.g. ``"around two months"`` (numbers are days).
    dud_fraction : optional
        Share of the stock that does not work, in [0, 1]; the result is then the rate of
        rounds that work.
    samples, seed, method, correlation, hedges
        As for :func:`estimate`; a single correlation number links stock and duration.

    Returns
    -------
    Estimate
        In rounds/day.

    Examples
    --------
    >>> est = estimate_burn_rate(stock="more than one million artillery rounds",
    ...                          duration="around two months", seed=1)
    >>> 15_000 < est.median < 23_000
    True
    """
    inputs: dict[str, object] = {"stock_rounds": stock, "duration_days": duration}
    if dud_fraction is not None:
        inputs["dud_fraction"] = dud_fraction
    return estimate(
        implied_rounds_per_day,
        inputs,
        samples,
        seed,
        method,
        _pair(correlation, "stock_rounds", "duration_days"),
        hedges=hedges,
    )


def estimate_duration(
    stock: object,
    burn_rate: object,
    production: object | None = None,
    dud_fraction: object | None = None,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
) -> Estimate:
    """Days a stock lasts at a fire rate, optionally net of production and duds.

    ``duration = stock * (1 - dud_fraction) / (burn_rate - production)``; infinite
    where production covers the fire rate.

    Parameters
    ----------
    stock : phrase, Claim, distribution, Estimate or number
        Rounds.
    burn_rate : phrase, Claim, distribution, Estimate or number
        Fire rate, e.g. ``"about 10,000 rounds a day"`` (numbers are per day).
    production : optional
        New rounds per day that offset the fire rate.
    dud_fraction : optional
        Share of the stock that does not work, in [0, 1].
    samples, seed, method, correlation, hedges
        As for :func:`estimate`; a single correlation number links stock and burn rate.

    Returns
    -------
    Estimate
        In days.
    """
    inputs: dict[str, object] = {"stock_rounds": stock, "rounds_per_day": burn_rate}
    if production is not None:
        inputs["production_rounds_per_day"] = production
    if dud_fraction is not None:
        inputs["dud_fraction"] = dud_fraction
    return estimate(
        duration_days,
        inputs,
        samples,
        seed,
        method,
        _pair(correlation, "stock_rounds", "rounds_per_day"),
        hedges=hedges,
    )


def estimate_stock(
    burn_rate: object,
    duration: object,
    *,
    samples: int = 100_000,
    seed: SeedLike = None,
    method: Method = "auto",
    correlation: CorrelationLike = None,
    hedges: HedgeModel | None = None,
) -> Estimate:
    """Rounds needed to fire at a rate for a duration: ``burn_rate * duration``.

    Returns
    -------
    Estimate
        In rounds.
    """
    return estimate(
        stock_rounds,
        {"rounds_per_day": burn_rate, "duration_days": duration},
        samples,
        seed,
        method,
        _pair(correlation, "rounds_per_day", "duration_days"),
        hedges=hedges,
    )
