"""Distribution specs: small frozen pydantic models with a vectorised quantile function.

Every distribution exposes ``ppf(u)`` (the inverse CDF), ``cdf(x)``, ``sf(x)`` (the
survival function ``P(X > x)``), ``quantile(q)``, ``interval(level)``, ``median``, ``mean``
and ``support``, and round-trips through JSON (``to_json`` / :func:`distribution_from_json`;
the ``kind`` field discriminates).

All sampling goes through the quantile function. The engine draws *normal scores* ``z``
(plain Monte Carlo, scrambled Sobol points mapped through the normal quantile, or
correlated scores from a Gaussian copula) and maps them with ``from_normal(z)``, which is
``ppf(Phi(z))`` written so that the common cases cost nothing extra: for a lognormal it is
``exp(mu + sigma * z)``, and ``log_from_normal`` skips even the ``exp``. Mixtures sample
through a tabulated quantile function whose interpolation error is bounded (see
`Mixture`).

Numerics
--------
* **Upper tails use survival functions.** ``Phi(z)`` rounds to 1 beyond ``z = 8.3``, and
  ``1 - cdf(x)`` loses every digit far in an upper tail; so wherever a probability is near
  one, the code works with its complement (``sf``, the inverse survival function, and
  masses ``P(a <= X <= b)`` taken from whichever tail is small). A truncation far in an
  upper tail (``truncated(lognormal(1e5, 2e5), low=6e5)``) samples, averages and
  integrates correctly, and never draws ``inf``.
* **Atoms are exact.** A point mass (a `Point`, an `Empirical` value, a point inside a
  `Mixture`) is drawn as exactly that number, with exactly its probability: quantiles are
  the generalized inverse ``min{x : F(x) >= u}``, found to the last bit at a jump.
* **Means are exact.** Every kind has a closed-form partial mean ``E[X; a <= X <= b]``, so
  the mean of a truncated mixture is exact, with no quadrature.
* **Float range** (see :mod:`munitions_model.limits`): parameters are finite; a quantile or
  mean that is finite but beyond float64 raises `~munitions_model.limits.FloatRangeError`
  (a ``ValueError``); ``inf`` is returned only at an unbounded end of the support
  (``ppf(1)`` of a lognormal).

`Empirical` is the distribution *of the sample*: a step CDF and the matching step quantile
function (each value is an atom of weight ``1/n``), so a truncated or mixed empirical
distribution draws exactly the values it holds.
"""

from __future__ import annotations

import functools
import itertools
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal, Self, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from munitions_model import _invert, _normal, _tables, _validation, limits
from munitions_model._validation import SeedLike

__all__ = [
    "Distribution",
    "Empirical",
    "Exceedance",
    "LogNormal",
    "LogUniform",
    "Mixture",
    "Normal",
    "Pert",
    "Point",
    "SplitLogNormal",
    "Triangular",
    "Truncated",
    "Uniform",
    "distribution_from_json",
    "empirical",
    "exceedance",
    "lognormal",
    "loguniform",
    "mixture",
    "normal",
    "pert",
    "point",
    "split_lognormal",
    "triangular",
    "truncated",
    "uniform",
]

Floats: TypeAlias = NDArray[np.float64]

_EPS = float(np.finfo(np.float64).eps)
# Largest PERT peakedness: scipy's betaincinv returns NaN for shape parameters near 1e16.
_PERT_LAM_MAX = 1e12
#: Largest ``x`` with ``exp(x)`` finite in float64.
LOG_MAX = float(np.log(np.finfo(np.float64).max))
# A mixture's tabulated quantile function: nodes evenly spaced in normal score on [-6, 6].
_TABLE_NODES = 2**16 + 1
_TABLE_Z_MAX = 6.0
# Precision of the table's nodes, in normal score (each is the quantile at a score within
# this of its own).
_NODE_SCORE_TOL = 1e-9
# Grid of values a mixture's CDF is evaluated on to bracket the table's nodes.
_GRID_POINTS = 2049
# What a shipped table must have been made with to be used (see munitions_model._tables).
_TABLE_LAYOUT = (
    f"{_TABLE_NODES} nodes on [-{_TABLE_Z_MAX}, {_TABLE_Z_MAX}], exact atoms, "
    f"score tolerance {_NODE_SCORE_TOL}, grid {_GRID_POINTS}"
)
# Draws interpolated together: small enough that a block and its temporaries stay in cache.
_TABLE_BLOCK = 1 << 16
# Values times components evaluated together in a mixture's CDF (8 MiB of float64).
_MATRIX_ELEMENTS = 1 << 20
# Iterations allowed to the quantile search (bisection every third step: from the widest
# float64 bracket to adjacent floats takes about 2 * 1100 halvings in the worst case).
_SOLVE_ITERATIONS = 6_600
# Built tables by spec (JSON), so that an equal mixture built again (in a loop, a sweep or a
# report) does not pay for the search again: at most 16 tables of about 1 MiB each.
_TABLE_CACHE_SIZE = 16
_Table: TypeAlias = tuple[bool, float, float, NDArray[np.float64], NDArray[np.float64]]
_TABLES: OrderedDict[str, _Table] = OrderedDict()
_TABLES_LOCK = threading.Lock()


def _ndtr(x: ArrayLike) -> Floats:
    """Standard normal CDF (``scipy.special.ndtr``'s values, without importing scipy)."""
    return np.asarray(_normal.ndtr(x), dtype=np.float64)


def _ndtri(p: ArrayLike) -> Floats:
    """Standard normal quantile function (``scipy.special.ndtri``'s values)."""
    return np.asarray(_normal.ndtri(p), dtype=np.float64)


@functools.cache
def _gauss_hermite() -> tuple[Floats, Floats]:
    """Nodes and weights for E[g(Z)], Z standard normal: for means without a closed form
    (made when first needed: 160 nodes take tens of milliseconds)."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(160)
    return nodes, weights / math.sqrt(2.0 * math.pi)


@functools.cache
def _gauss_legendre() -> tuple[Floats, Floats]:
    """Gauss-Legendre nodes and weights on [-1, 1] (64): means of bounded distributions
    piece by piece (made when first needed)."""
    nodes, weights = np.polynomial.legendre.leggauss(64)
    return nodes, weights


def _phi(x: Floats) -> Floats:
    """Standard normal density (0 at infinities, without warnings)."""
    with np.errstate(over="ignore", under="ignore"):
        return np.asarray(np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi))


def _exp(x: float) -> float:
    """``exp(x)``, ``inf`` beyond the float range instead of ``OverflowError``."""
    return math.exp(x) if x <= LOG_MAX else math.inf


def _log(x: ArrayLike) -> Floats:
    """Natural log, ``-inf`` at zero and below (callers only pass non-negative values)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(np.maximum(np.asarray(x, dtype=np.float64), 0.0))


def _score(lower: Floats, upper: Floats) -> Floats:
    """The normal score of a probability given as ``lower = P`` and ``upper = 1 - P``,
    from whichever is smaller (so that ``P`` near one keeps its precision)."""
    return np.where(lower <= 0.5, _ndtri(lower), -_ndtri(upper))


def _norm_mass(a: ArrayLike, b: ArrayLike) -> Floats:
    """``P(a <= Z <= b)`` for a standard normal ``Z``, from the tail the interval is in."""
    a_, b_ = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    direct = _ndtr(b_) - _ndtr(a_)
    upper = _ndtr(-a_) - _ndtr(-b_)
    return np.maximum(np.where(a_ > 0.0, upper, direct), 0.0)


def _z_of_level(level: object) -> float:
    """Standard normal quantile that bounds a central interval of probability ``level``."""
    checked = _validation.interval_level(level)
    z = float(_ndtri(0.5 + checked / 2.0))
    if not z > 0.0:
        raise ValueError(
            f"level must be at least about 1e-16 (a narrower interval has zero width in "
            f"float64), got {checked!r}"
        )
    return z


def _check_finite(name: str, value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def _as_unit_interval(u: ArrayLike) -> Floats:
    arr = _validation.float_array(u, "u")
    if arr.size and not (np.all(arr >= 0.0) and np.all(arr <= 1.0)):
        bad = arr[~((arr >= 0) & (arr <= 1))].ravel()[0]
        raise ValueError(f"u must lie in [0, 1], got {float(bad)!r}")
    return arr


def _as_values(x: ArrayLike, name: str = "x") -> Floats:
    arr = _validation.float_array(x, name)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not be NaN, got {_validation.shown(x)}")
    return arr


def _safe_mean(values: Floats) -> float:
    """Mean of finite values that does not overflow on the way (values near 1e308)."""
    if values.size == 0:
        return 0.0
    with np.errstate(over="ignore"):
        mean = float(values.mean())
    if math.isfinite(mean):
        return mean
    scale = float(np.max(np.abs(values)))
    return scale * float((values / scale).mean())


class _Base(BaseModel):
    """Shared behaviour. Subclasses implement ``_ppf``, ``_cdf``, ``_partial_mean`` and
    ``support``, and where they can do better than the defaults (an exact upper tail,
    atoms), ``_isf``, ``_sf``, ``_cdf_below``, ``_sf_from`` and ``_mass``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: str | None = None

    def __eq__(self, other: object) -> bool:
        # The fields alone: pydantic's own comparison also compares the instance
        # dictionaries, where cached arrays (an exceedance's lines, a mixture's table)
        # have no single truth value once both were used.
        if not isinstance(other, _Base):
            return NotImplemented
        return type(self) is type(other) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self), self._key()))

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in type(self).model_fields)

    # -- to implement -------------------------------------------------------------------
    def _ppf(self, u: Floats) -> Floats:
        raise NotImplementedError

    def _cdf(self, x: Floats) -> Floats:
        """``P(X <= x)``."""
        raise NotImplementedError

    def _partial_mean(self, a: float, b: float) -> float:
        """``E[X; a <= X <= b]`` (``a`` may be ``-inf``, ``b`` ``inf``)."""
        raise NotImplementedError

    @property
    def support(self) -> tuple[float, float]:
        """Smallest and largest value the distribution can take."""
        raise NotImplementedError

    # -- defaults, exact for continuous distributions -----------------------------------
    def _isf(self, p: Floats) -> Floats:
        """Inverse survival function: ``min{x : P(X > x) <= p}``."""
        return self._ppf(1.0 - p)

    def _cdf_below(self, x: Floats) -> Floats:
        """``P(X < x)``."""
        return self._cdf(x)

    def _sf(self, x: Floats) -> Floats:
        """``P(X > x)``."""
        return 1.0 - self._cdf(x)

    def _sf_from(self, x: Floats) -> Floats:
        """``P(X >= x)``."""
        return 1.0 - self._cdf_below(x)

    def _mass(self, a: ArrayLike, b: ArrayLike) -> Floats:
        """``P(a <= X <= b)``, from the tail the interval lies in."""
        a_, b_ = np.broadcast_arrays(
            np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        )
        below = self._cdf_below(a_)
        lower = self._cdf(b_) - below
        upper = self._sf_from(a_) - self._sf(b_)
        return np.clip(np.where(below > 0.5, upper, lower), 0.0, 1.0)

    def _mean(self) -> float:
        return self._partial_mean(-math.inf, math.inf)

    # -- shared -------------------------------------------------------------------------
    @property
    def mean(self) -> float:
        """Expected value (exact).

        Raises
        ------
        FloatRangeError
            When it is finite but beyond float64 (see :mod:`munitions_model.limits`).
        """
        value = self._mean()
        if not math.isfinite(value):  # every kind here has a finite mean
            raise limits.FloatRangeError(
                f"the mean of {self._label()} exceeds the largest float64 (about 1.8e308)"
            )
        return value

    def _end(self, value: float) -> float:
        """The support's end on the side of ``value`` (for telling overflow from it)."""
        lo, hi = self.support
        return hi if value > 0 else lo

    def _label(self) -> str:
        fields = self.model_dump(exclude={"unit", "kind"})
        text = ", ".join(f"{k}={v!r}" for k, v in fields.items())
        return f"{self.kind}({text[:200]})"  # type: ignore[attr-defined]

    def ppf(self, u: ArrayLike) -> Floats:
        """Return the quantile function (inverse CDF), vectorised over ``u`` in [0, 1].

        Parameters
        ----------
        u : array_like
            Probabilities in [0, 1].

        Returns
        -------
        ndarray
            The values, shaped like ``u``.

        Raises
        ------
        ValueError
            If a probability lies outside [0, 1].
        """
        return self._ppf(_as_unit_interval(u))

    def cdf(self, x: ArrayLike) -> Floats:
        """Return the cumulative distribution function, vectorised over ``x``.

        Parameters
        ----------
        x : array_like
            Values.

        Returns
        -------
        ndarray
            ``P(X <= x)``, shaped like ``x``.
        """
        return self._cdf(_as_values(x))

    def sf(self, x: ArrayLike) -> Floats:
        """Return the survival function ``P(X > x)``, vectorised over ``x``.

        Exact far in an upper tail, where ``1 - cdf(x)`` would round to zero.

        Parameters
        ----------
        x : array_like
            Values.

        Returns
        -------
        ndarray
            ``P(X > x)``, shaped like ``x``.
        """
        return self._sf(_as_values(x))

    def from_normal(self, z: ArrayLike) -> Floats:
        """Map standard normal scores to values: ``ppf(Phi(z))``, monotone in ``z``.

        Parameters
        ----------
        z : array_like
            Standard normal scores (``-inf`` and ``inf`` give the ends of the support).

        Returns
        -------
        ndarray
            The values, shaped like ``z``.

        Raises
        ------
        ValueError
            If a score is NaN or not a real number.
        """
        return self._from_normal(_as_values(z, "z"))

    def log_from_normal(self, z: ArrayLike) -> Floats:
        """Return ``log(from_normal(z))``; only meaningful for positive distributions.

        Parameters
        ----------
        z : array_like
            Standard normal scores.

        Returns
        -------
        ndarray
            The logarithms of the values, shaped like ``z`` (``-inf`` for a value of zero
            or below).

        Raises
        ------
        ValueError
            If a score is NaN or not a real number.
        """
        return self._log_from_normal(_as_values(z, "z"))

    def _from_normal(self, z: ArrayLike) -> Floats:
        """`from_normal` of scores already checked (the engine's own draws)."""
        scores = np.asarray(z, dtype=np.float64)
        out = np.asarray(self._ppf(_ndtr(scores)), dtype=np.float64)  # (a 0-d array for a
        upper = scores > 0.0  # single score, which item assignment needs)
        if upper.any():  # Phi(z) rounds towards one: take the upper tail from 1 - Phi(z)
            out[upper] = self._isf(_ndtr(-scores[upper]))
        return out

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        """`log_from_normal` of scores already checked."""
        return _log(self._from_normal(z))

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        """Like `_log_from_normal` but may overwrite ``z`` (the engine owns its scores)."""
        return self._log_from_normal(z)

    def quantile(self, q: float) -> float:
        """Return the value below which a fraction ``q`` of the mass lies.

        Parameters
        ----------
        q : float
            Probability in [0, 1] (0 and 1 give the ends of the support).

        Returns
        -------
        float
            The quantile.

        Raises
        ------
        FloatRangeError
            When the quantile is finite but beyond float64.
        """
        q = _validation.quantile_probability(q)
        return self._quantiles((q,))[0]

    def _quantiles(self, qs: Sequence[float]) -> list[float]:
        """`quantile` of several checked probabilities in one call of the quantile function
        (a mixture's are found together, in the evaluations one of them takes)."""
        values: list[float] = self.ppf(np.array(qs, dtype=np.float64)).tolist()
        for q, value in zip(qs, values, strict=True):
            if math.isinf(value) and not (q in (0.0, 1.0) and value == self._end(value)):
                raise limits.FloatRangeError(
                    f"the {q!r} quantile of {self._label()} is beyond the largest float64 "
                    f"(about 1.8e308)"
                )
        return values

    def interval(self, level: float = 0.9) -> tuple[float, float]:
        """Return the central interval holding probability ``level``.

        Parameters
        ----------
        level : float, default 0.9
            Probability inside the interval, in (0, 1).

        Returns
        -------
        low : float
            The ``(1 - level) / 2`` quantile.
        high : float
            The ``(1 + level) / 2`` quantile.
        """
        level = _validation.interval_level(level)
        tail = (1.0 - level) / 2.0
        low, high = self._quantiles((tail, 1.0 - tail))
        return low, high

    def _spread(self) -> tuple[float, float, float]:
        """``(median, low, high)``: the median and `interval`, in one call (see `Spread`)."""
        tail = (1.0 - 0.9) / 2.0
        low, median, high = self._quantiles((tail, 0.5, 1.0 - tail))
        return median, low, high

    @property
    def median(self) -> float:
        """The 50% quantile."""
        return self.quantile(0.5)

    def sample(self, samples: int, *, seed: SeedLike = None) -> Floats:
        """Draw ``samples`` independent values, through the quantile function.

        Parameters
        ----------
        samples : int
            How many draws (within ``munitions_model.limits``).
        seed : int, SeedSequence, Generator, SeedRecord or None
            The randomness; the same seed gives the same draws.

        Returns
        -------
        ndarray
            The draws, shape ``(samples,)``.
        """
        count = _validation.samples(samples)
        rng = _validation.generator(_validation.seed_record(seed))
        return self._from_normal(rng.standard_normal(count))

    def with_unit(self, unit: str | None) -> Self:
        """Return the same distribution labelled with another unit.

        Parameters
        ----------
        unit : str or None
            The new unit label.

        Returns
        -------
        Distribution
            A copy with ``unit`` replaced.

        Raises
        ------
        ValueError
            If ``unit`` is neither text nor ``None``.
        """
        if unit is not None:
            _validation.text(unit, "unit")
        return self.model_copy(update={"unit": unit})

    def to_json(self) -> str:
        """Return JSON text that :func:`distribution_from_json` reads back.

        Returns
        -------
        str
            The distribution's fields, ``kind`` included.
        """
        return self.model_dump_json()

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        try:
            lo, hi = self.interval(0.9)
            median = self.median
        except ValueError:  # beyond float64: say what it is instead
            return f"{self._label()}{unit}"
        return f"{self.kind} (median {median:.4g}, 90% {lo:.4g}-{hi:.4g}{unit})"  # type: ignore[attr-defined]


class Point(_Base):
    """A known number: all mass at ``value``.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"point"}
        The discriminator that JSON round trips use; leave the default.
    value : float
        The number.

    See Also
    --------
    point : The factory.

    Examples
    --------
    >>> Point(value=3.0).interval(0.9)
    (3.0, 3.0)
    """

    kind: Literal["point"] = "point"
    value: float

    _v = field_validator("value")(lambda v: _check_finite("value", v))

    def _ppf(self, u: Floats) -> Floats:
        return np.full(u.shape, self.value)

    def _isf(self, p: Floats) -> Floats:
        return np.full(p.shape, self.value)

    def _cdf(self, x: Floats) -> Floats:
        return (x >= self.value).astype(np.float64)

    def _cdf_below(self, x: Floats) -> Floats:
        return (x > self.value).astype(np.float64)

    def _sf(self, x: Floats) -> Floats:
        return (x < self.value).astype(np.float64)

    def _sf_from(self, x: Floats) -> Floats:
        return (x <= self.value).astype(np.float64)

    def _partial_mean(self, a: float, b: float) -> float:
        return self.value if a <= self.value <= b else 0.0

    def _from_normal(self, z: ArrayLike) -> Floats:
        return np.full(np.shape(z), self.value)

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        return np.full(np.shape(z), float(_log(self.value)))

    @property
    def support(self) -> tuple[float, float]:
        return self.value, self.value

    def _mean(self) -> float:
        return self.value


class _Interval(_Base):
    """Base for specs with ``low < high`` (both finite, and ``high - low`` finite)."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_finite("low", self.low)
        _check_finite("high", self.high)
        if not self.low < self.high:
            raise ValueError(f"low must be below high, got low={self.low!r}, high={self.high!r}")
        if not math.isfinite(self.high - self.low):
            raise ValueError(
                f"high - low must be finite in float64, got low={self.low!r}, high={self.high!r}"
            )
        return self

    @property
    def support(self) -> tuple[float, float]:
        return self.low, self.high

    @property
    def _width(self) -> float:
        return self.high - self.low

    def _clipped(self, a: float, b: float) -> tuple[float, float] | None:
        lo, hi = max(a, self.low), min(b, self.high)
        return (lo, hi) if lo < hi else None


class Uniform(_Interval):
    """Every value in ``[low, high]`` equally likely.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    low, high : float
        The ends, ``low < high``.
    kind : {"uniform"}
        The discriminator that JSON round trips use; leave the default.

    See Also
    --------
    uniform : The factory.

    Examples
    --------
    >>> Uniform(low=0.0, high=10.0).median
    5.0
    """

    kind: Literal["uniform"] = "uniform"

    def _ppf(self, u: Floats) -> Floats:
        return self.low + u * self._width

    def _isf(self, p: Floats) -> Floats:
        return self.high - p * self._width

    def _cdf(self, x: Floats) -> Floats:
        with np.errstate(over="ignore"):  # far beyond a narrow interval: inf, clipped to 1
            return np.clip((x - self.low) / self._width, 0.0, 1.0)

    def _sf(self, x: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return np.clip((self.high - x) / self._width, 0.0, 1.0)

    def _partial_mean(self, a: float, b: float) -> float:
        span = self._clipped(a, b)
        if span is None:
            return 0.0
        lo, hi = span
        return (hi - lo) / self._width * (lo / 2.0 + hi / 2.0)

    def _mean(self) -> float:
        return self.low / 2.0 + self.high / 2.0


class LogUniform(_Interval):
    """Uniform in the logarithm on ``[low, high]``, ``0 < low``: every factor of 2 alike.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    low, high : float
        The ends, ``0 < low < high``.
    kind : {"loguniform"}
        The discriminator that JSON round trips use; leave the default.

    See Also
    --------
    loguniform : The factory.

    Examples
    --------
    >>> round(LogUniform(low=1.0, high=100.0).median, 6)
    10.0
    """

    kind: Literal["loguniform"] = "loguniform"

    @model_validator(mode="after")
    def _positive(self) -> Self:
        if self.low <= 0:
            raise ValueError(f"low must be positive for a log-uniform, got {self.low!r}")
        return self

    @property
    def _logs(self) -> tuple[float, float]:
        return math.log(self.low), math.log(self.high)

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        lo, hi = self._logs
        scores = np.asarray(z, dtype=np.float64)
        return np.where(scores > 0, hi - _ndtr(-scores) * (hi - lo), lo + _ndtr(scores) * (hi - lo))

    def _from_normal(self, z: ArrayLike) -> Floats:
        return np.clip(np.exp(self._log_from_normal(z)), self.low, self.high)

    def _ppf(self, u: Floats) -> Floats:
        lo, hi = self._logs
        return np.clip(np.exp(lo + u * (hi - lo)), self.low, self.high)

    def _isf(self, p: Floats) -> Floats:
        lo, hi = self._logs
        return np.clip(np.exp(hi - p * (hi - lo)), self.low, self.high)

    def _cdf(self, x: Floats) -> Floats:
        lo, hi = self._logs
        return np.clip((_log(x) - lo) / (hi - lo), 0.0, 1.0)

    def _sf(self, x: Floats) -> Floats:
        lo, hi = self._logs
        return np.clip((hi - _log(x)) / (hi - lo), 0.0, 1.0)

    def _partial_mean(self, a: float, b: float) -> float:
        span = self._clipped(a, b)
        if span is None:
            return 0.0
        lo, hi = self._logs
        return (span[1] - span[0]) / (hi - lo)


class _Gaussian(_Base):
    """A distribution whose values map to standard normal scores by ``_z`` (normal and
    lognormal): CDF, survival function and masses from the normal's, each from the tail
    it lies in."""

    def _z(self, x: Floats) -> Floats:
        raise NotImplementedError

    def _cdf(self, x: Floats) -> Floats:
        return _ndtr(self._z(x))

    def _sf(self, x: Floats) -> Floats:
        return _ndtr(-self._z(x))

    def _mass(self, a: ArrayLike, b: ArrayLike) -> Floats:
        return _norm_mass(self._z(np.asarray(a, float)), self._z(np.asarray(b, float)))


class Normal(_Gaussian):
    """Gaussian with mean ``mu`` and standard deviation ``sd``.

    Unbounded: truncate it to use it where a quantity cannot be negative.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"normal"}
        The discriminator that JSON round trips use; leave the default.
    mu : float
        The mean.
    sd : float
        The standard deviation, positive.

    See Also
    --------
    normal : The factory, from an interval.
    truncated : Bound it.

    Examples
    --------
    >>> Normal(mu=10.0, sd=2.0).median
    10.0
    """

    kind: Literal["normal"] = "normal"
    mu: float
    sd: float

    @model_validator(mode="after")
    def _valid(self) -> Self:
        _check_finite("mean", self.mu)
        if not (math.isfinite(self.sd) and self.sd > 0):
            raise ValueError(f"sd must be a finite number > 0, got {self.sd!r}")
        return self

    def _z(self, x: Floats) -> Floats:
        with np.errstate(over="ignore", invalid="ignore"):
            return np.asarray((x - self.mu) / self.sd)

    def _ppf(self, u: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return self.mu + self.sd * _ndtri(u)

    def _isf(self, p: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return self.mu - self.sd * _ndtri(p)

    def _partial_mean(self, a: float, b: float) -> float:
        za, zb = self._z(np.array([a, b]))
        mass = float(_norm_mass(za, zb))
        return self.mu * mass + self.sd * float(_phi(za) - _phi(zb))

    def _from_normal(self, z: ArrayLike) -> Floats:
        with np.errstate(over="ignore"):
            return self.mu + self.sd * np.asarray(z, dtype=np.float64)

    @property
    def support(self) -> tuple[float, float]:
        return -math.inf, math.inf

    def _mean(self) -> float:
        return self.mu


class LogNormal(_Gaussian):
    """Lognormal: ``log X`` is normal with mean ``mu`` and standard deviation ``sigma``.

    The natural default for a positive quantity known to within a factor: a product or
    ratio of lognormals is lognormal, which gives the engine its exact path.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"lognormal"}
        The discriminator that JSON round trips use; leave the default.
    mu : float
        Mean of ``log X``.
    sigma : float
        Standard deviation of ``log X``, positive.

    See Also
    --------
    lognormal : The factory, from an interval.

    Examples
    --------
    >>> import math
    >>> round(LogNormal(mu=math.log(1e6), sigma=0.3).median)
    1000000
    """

    kind: Literal["lognormal"] = "lognormal"
    mu: float
    sigma: float

    @model_validator(mode="after")
    def _valid(self) -> Self:
        _check_finite("mu", self.mu)
        if not (math.isfinite(self.sigma) and self.sigma > 0):
            raise ValueError(f"sigma must be a finite number > 0, got {self.sigma!r}")
        return self

    def _z(self, x: Floats) -> Floats:
        with np.errstate(over="ignore", invalid="ignore"):
            return np.asarray((_log(x) - self.mu) / self.sigma)

    def _ppf(self, u: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self.mu + self.sigma * _ndtri(u))

    def _isf(self, p: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self.mu - self.sigma * _ndtri(p))

    def _partial_mean(self, a: float, b: float) -> float:
        # E[X; a <= X <= b] = exp(mu + s^2/2) [Phi(beta - s) - Phi(alpha - s)], in logs.
        s = self.sigma
        za, zb = self._z(np.array([a, b]))
        part = float(_norm_mass(za - s, zb - s))
        if part <= 0.0:
            return 0.0
        return _exp(self.mu + s * s / 2.0 + math.log(part))

    def quantile(self, q: float) -> float:
        # One value in plain Python (the exact path asks for a few): the values of `_ppf`,
        # bit for bit (numpy's exp of the same float64), without its array round trip.
        q = _validation.quantile_probability(q)
        log_value = self.mu + self.sigma * _normal.ndtri(q)
        if log_value > 709.0:  # exp overflows: `_ppf` gives inf without a warning
            return super().quantile(q)
        return float(np.exp(np.float64(log_value)))

    def _from_normal(self, z: ArrayLike) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self._log_from_normal(z))

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        with np.errstate(over="ignore"):
            return self.mu + self.sigma * np.asarray(z, dtype=np.float64)

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        z *= self.sigma
        z += self.mu
        return z

    @property
    def support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _mean(self) -> float:
        return _exp(self.mu + self.sigma * self.sigma / 2.0)


class SplitLogNormal(_Gaussian):
    """Two-piece lognormal: median ``exp(mu)``, different log-scales below and above it.

    ``sigma_low`` applies below the median and ``sigma_high`` above it. Each half is half of a
    lognormal, so the quantile function is ``exp(mu + s * ndtri(u))`` with ``s = sigma_low``
    for ``u < 1/2`` and ``sigma_high`` above. A reading that is symmetric in the number itself
    ("about 20" as 15 to 25, not 16 to 25) is wider below the median on the log scale; this
    shape keeps that without leaving the positive numbers. Every value is positive, as for a
    lognormal.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"split_lognormal"}
        The discriminator that JSON round trips use; leave the default.
    mu : float
        Logarithm of the median.
    sigma_low : float
        Log-scale below the median, positive.
    sigma_high : float
        Log-scale above the median, positive.

    See Also
    --------
    split_lognormal : The factory, from a median and an interval.
    LogNormal : The symmetric case.

    Examples
    --------
    >>> import math
    >>> d = SplitLogNormal(mu=math.log(20.0), sigma_low=0.2, sigma_high=0.1)
    >>> round(d.median, 6), d.quantile(0.05) < 20.0 < d.quantile(0.95)
    (20.0, True)
    """

    kind: Literal["split_lognormal"] = "split_lognormal"
    mu: float
    sigma_low: float
    sigma_high: float

    @model_validator(mode="after")
    def _valid(self) -> Self:
        _check_finite("mu", self.mu)
        for name in ("sigma_low", "sigma_high"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
        return self

    @cached_property
    def _halves(self) -> tuple[LogNormal, LogNormal]:
        """The lognormals whose densities the two halves follow (below, above the median)."""
        return LogNormal(mu=self.mu, sigma=self.sigma_low), LogNormal(
            mu=self.mu, sigma=self.sigma_high
        )

    def _z(self, x: Floats) -> Floats:
        with np.errstate(over="ignore", invalid="ignore"):
            t = _log(x) - self.mu
            return np.asarray(np.where(t < 0, t / self.sigma_low, t / self.sigma_high))

    def _ppf(self, u: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self._log_from_normal(_ndtri(u)))

    def _isf(self, p: Floats) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self._log_from_normal(-_ndtri(p)))

    def _partial_mean(self, a: float, b: float) -> float:
        # Below the median the density is the sigma_low lognormal's, above the sigma_high's.
        median = _exp(self.mu)
        low, high = self._halves
        below = low._partial_mean(a, min(b, median)) if a < median else 0.0
        above = high._partial_mean(max(a, median), b) if b > median else 0.0
        return below + above

    def _from_normal(self, z: ArrayLike) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self._log_from_normal(z))

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        scores = np.asarray(z, dtype=np.float64)
        sigma = np.where(scores < 0, self.sigma_low, self.sigma_high)
        with np.errstate(over="ignore"):
            return np.asarray(self.mu + sigma * scores, dtype=np.float64)

    @property
    def support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _mean(self) -> float:
        # E[exp(s Z); Z < 0] = exp(s^2 / 2) Phi(-s), and the mirror image above the median.
        return self._partial_mean(0.0, math.inf)

    @property
    def median(self) -> float:
        return _exp(self.mu)

    def _spread(self) -> tuple[float, float, float]:
        low, high = self.interval()
        return self.median, low, high


class Triangular(_Interval):
    """Triangular on ``[low, high]`` with its peak at ``mode``.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    low : float
        The lower end.
    high : float
        The upper end, above ``low``.
    kind : {"triangular"}
        The discriminator that JSON round trips use; leave the default.
    mode : float
        The peak, in ``[low, high]``.

    See Also
    --------
    triangular : The factory.
    Pert : A smoother peaked distribution.

    Examples
    --------
    >>> round(Triangular(low=0.0, mode=5.0, high=10.0).median, 9)
    5.0
    """

    kind: Literal["triangular"] = "triangular"
    mode: float

    @model_validator(mode="after")
    def _mode_inside(self) -> Self:
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"mode must lie in [low, high], got mode={self.mode!r}")
        return self

    def _ppf(self, u: Floats) -> Floats:
        a, c, b = self.low, self.mode, self.high
        split = (c - a) / (b - a)
        # sqrt(u (b - a)) sqrt(c - a): the product under one root could overflow
        left = a + np.sqrt(np.maximum(u, 0.0) * (b - a)) * math.sqrt(c - a)
        right = b - np.sqrt(np.maximum(1.0 - u, 0.0) * (b - a)) * math.sqrt(b - c)
        return np.clip(np.where(u < split, left, right), a, b)

    def _isf(self, p: Floats) -> Floats:
        a, c, b = self.low, self.mode, self.high
        split = (b - c) / (b - a)  # P(X > mode)
        right = b - np.sqrt(np.maximum(p, 0.0) * (b - a)) * math.sqrt(b - c)
        left = a + np.sqrt(np.maximum(1.0 - p, 0.0) * (b - a)) * math.sqrt(c - a)
        return np.clip(np.where(p < split, right, left), a, b)

    def _tails(self, x: Floats) -> tuple[Floats, Floats, Floats]:
        """``(x clipped, P(X <= x) left of the mode, P(X > x) right of it)``, each side
        from its own formula, in ratios so that large values do not overflow."""
        a, c, b = self.low, self.mode, self.high
        xc = np.clip(x, a, b)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # unused sides
            left = np.minimum(((xc - a) / (b - a)) * ((xc - a) / (c - a)), 1.0)
            right = np.minimum(((b - xc) / (b - a)) * ((b - xc) / (b - c)), 1.0)
        return xc, np.nan_to_num(left), np.nan_to_num(right)  # 0/0 at a degenerate side

    def _cdf(self, x: Floats) -> Floats:
        xc, left, right = self._tails(x)
        return np.where(xc <= self.mode, left, 1.0 - right)

    def _sf(self, x: Floats) -> Floats:
        xc, left, right = self._tails(x)
        return np.where(xc >= self.mode, right, 1.0 - left)

    def _partial_mean(self, a: float, b: float) -> float:
        # Shifted by low (y = x - low on [0, W], peak at m) so that large values keep
        # their precision: E[X; .] = low * P(.) + E[Y; .].
        span = self._clipped(a, b)
        if span is None:
            return 0.0
        w, m = self._width, self.mode - self.low
        y1, y2 = span[0] - self.low, span[1] - self.low
        mass = first = 0.0
        if m > 0 and y1 < m:  # rising side, density 2y / (W m)
            l1, l2 = y1, min(y2, m)
            mass += (l2 - l1) * (l2 + l1) / (w * m)
            first += 2.0 * (l2 * l2 * l2 - l1 * l1 * l1) / (3.0 * w * m)
        if m < w and y2 > m:  # falling side, density 2 (W - y) / (W (W - m))
            r1, r2 = max(y1, m), y2
            k = 2.0 / (w * (w - m))
            mass += k * ((r2 - r1) * w - (r2 - r1) * (r2 + r1) / 2.0)
            first += k * (w * (r2 - r1) * (r2 + r1) / 2.0 - (r2 * r2 * r2 - r1 * r1 * r1) / 3.0)
        return self.low * mass + first

    def _mean(self) -> float:
        return self.low / 3.0 + self.mode / 3.0 + self.high / 3.0


class Pert(_Interval):
    """PERT: a beta distribution on ``[low, high]`` peaked at ``mode``.

    ``lam`` sets how peaked it is (4 is the classic choice [1]_).

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    low : float
        The lower end.
    high : float
        The upper end, above ``low``.
    kind : {"pert"}
        The discriminator that JSON round trips use; leave the default.
    mode : float
        The peak, in ``[low, high]``.
    lam : float, default 4.0
        How peaked, positive.

    See Also
    --------
    pert : The factory.
    Triangular : The same with straight sides.

    References
    ----------
    .. [1] D. G. Malcolm, J. H. Roseboom, C. E. Clark and W. Fazar (1959). Application of a
       technique for research and development program evaluation. *Operations Research*
       7(5), 646-669. https://doi.org/10.1287/opre.7.5.646

    Examples
    --------
    >>> round(Pert(low=3.0, mode=5.0, high=8.0).mean, 4)  # (low + lam * mode + high) / (lam + 2)
    5.1667
    """

    kind: Literal["pert"] = "pert"
    mode: float
    lam: float = 4.0

    @model_validator(mode="after")
    def _mode_inside(self) -> Self:
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"mode must lie in [low, high], got mode={self.mode!r}")
        if not (math.isfinite(self.lam) and 0 < self.lam <= _PERT_LAM_MAX):
            # (beyond it scipy's incomplete-beta inverse fails, and the PERT is a point
            # to 1e-6 of its width: use point(mode))
            raise ValueError(f"lam must be a number in (0, 1e12], got {self.lam!r}")
        return self

    @property
    def _ab(self) -> tuple[float, float]:
        width = self._width
        return (
            1.0 + self.lam * (self.mode - self.low) / width,
            1.0 + self.lam * (self.high - self.mode) / width,
        )

    def _ppf(self, u: Floats) -> Floats:
        a, b = self._ab
        t = _beta_inverse(a, b, u)
        return np.clip(self.low + self._width * t, self.low, self.high)

    def _isf(self, p: Floats) -> Floats:
        a, b = self._ab
        t = _beta_inverse(b, a, p)  # 1 - Y is Beta(b, a)
        return np.clip(self.high - self._width * t, self.low, self.high)

    def _cdf(self, x: Floats) -> Floats:
        a, b = self._ab
        t = np.clip((x - self.low) / self._width, 0.0, 1.0)
        if np.all((t == 0.0) | (t == 1.0)):  # outside the support (no scipy needed)
            return t
        from scipy import special

        return np.asarray(special.betainc(a, b, t), dtype=np.float64)

    def _sf(self, x: Floats) -> Floats:
        a, b = self._ab
        t = np.clip((self.high - x) / self._width, 0.0, 1.0)
        if np.all((t == 0.0) | (t == 1.0)):  # outside the support (no scipy needed)
            return t
        from scipy import special

        return np.asarray(special.betainc(b, a, t), dtype=np.float64)

    def _partial_mean(self, a: float, b: float) -> float:
        # Y = (X - low) / W ~ Beta(al, be): E[Y; .] = al / (al + be) * P_{Beta(al+1, be)}(.)
        span = self._clipped(a, b)
        if span is None:
            return 0.0
        from scipy import special

        al, be = self._ab
        t1, t2 = ((v - self.low) / self._width for v in span)
        mass = float(special.betainc(al, be, t2) - special.betainc(al, be, t1))
        shifted = special.betainc(al + 1, be, t2) - special.betainc(al + 1, be, t1)
        first = al / (al + be) * float(shifted)
        return self.low * mass + self._width * first

    def _mean(self) -> float:
        al, be = self._ab
        return self.low + self._width * al / (al + be)


def _beta_inverse(a: float, b: float, p: Floats) -> Floats:
    """``t`` with ``I_t(a, b) = p``: the inverse of the regularised incomplete beta function.

    scipy's ``betaincinv`` returns NaN for some tiny ``p`` (below about 1e-107 for
    ``a`` = 3 to 8, only for subnormal ``p`` for others: scipy 1.17, see
    https://github.com/scipy/scipy/issues/21426 for the same family). There ``t`` is found
    from the leading term of the series at zero, ``I_t(a, b) = t**a / (a B(a, b)) (1 +
    O((a + b) t))`` (DLMF 8.17.7, https://dlmf.nist.gov/8.17.E7), which is exact to
    float64 when ``(a + b) t`` is below 1e-16, and within a few percent of ``t`` even at
    ``p`` = 5e-324 and ``a, b`` = 100, 1e12, where ``p`` itself holds a single bit.
    """
    from scipy import special  # imported when first needed: it is slow to import

    t = np.array(special.betaincinv(a, b, p), dtype=np.float64)
    hole = np.isnan(t) & (p > 0.0)
    if hole.any():
        log_t = (np.log(p[hole]) + math.log(a) + float(special.betaln(a, b))) / a
        t[hole] = np.minimum(np.exp(log_t), 1.0)
    return t


def _gpd_isf(p: Floats, shape: float) -> Floats:
    """``y`` with ``P(Y > y) = p`` for a generalised Pareto ``Y`` of scale 1 and ``shape``."""
    with np.errstate(divide="ignore"):
        log_p = np.log(p)
    if shape == 0.0:
        return -log_p
    with np.errstate(over="ignore"):
        return np.asarray(np.expm1(-shape * log_p) / shape, dtype=np.float64)


def _gpd_sf(y: Floats, shape: float) -> Floats:
    """``P(Y > y)`` for a generalised Pareto ``Y`` of scale 1 and ``shape``, ``y >= 0``."""
    if shape == 0.0:
        return np.exp(-y)
    return np.asarray(np.exp(-np.log1p(shape * y) / shape), dtype=np.float64)


class Exceedance(_Base):
    """A value beyond a bound, its excess generalised Pareto.

    ``bound * (1 + scale * Y)`` above the bound, or ``bound / (1 + scale * Y)`` below it, with
    ``Y`` generalised Pareto (scale 1, ``shape``).

    The generalised Pareto distribution is the limit law of an excess over a high threshold
    (Pickands 1975 [1]_; Balkema & de Haan 1974 [2]_), which is what "more than x" states. Its
    density is largest at the bound and falls off as a power (``shape > 0``) or
    exponentially (``shape = 0``), so most of the mass sits near the bound with a long tail
    away from it. The value never crosses the bound and stays positive on either side, and
    the shape is scale-free: ``bound`` carries the unit, ``scale`` is a fraction of it.

    ``anchors`` are ``(point, scale)`` pairs: other bounds, on the open side of ``bound``,
    whose readings this one must not fall below (``side="above"``) or rise above
    (``side="below"``). With them the quantile function is the pointwise maximum
    (minimum) over ``bound`` and the anchors of ``point * (1 + scale * y(u))`` (of
    ``point / (1 + scale * y(u))``), with one ``Y`` shared by all, which keeps the closed
    forms: a maximum of lines in ``y``.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"exceedance"}
        The discriminator that JSON round trips use; leave the default.
    bound : float
        The bound, positive and finite; it carries the unit.
    scale : float
        Scale of the excess, as a fraction of ``bound``; positive.
    shape : float, default 0.0
        Generalised Pareto shape, in [0, 1): 0 for an exponential tail, more for a power law.
    side : {"above", "below"}, default "above"
        Which side of the bound the value lies on.
    anchors : tuple of tuple of float, default ()
        ``(point, scale)`` pairs: other bounds whose readings this one must not cross (see
        above).

    See Also
    --------
    exceedance : The factory.
    Truncated : A bound on another distribution.

    References
    ----------
    .. [1] Pickands, J. (1975). Statistical inference using extreme order statistics.
       *Annals of Statistics* 3(1), 119-131. https://doi.org/10.1214/aos/1176343003
    .. [2] Balkema, A. A., & de Haan, L. (1974). Residual life time at great age. *Annals of
       Probability* 2(5), 792-804. https://doi.org/10.1214/aop/1176996548

    Examples
    --------
    >>> d = Exceedance(bound=1000.0, scale=0.05)  # "more than 1,000"
    >>> d.support[0], d.quantile(0.5) > 1000.0
    (1000.0, True)
    """

    kind: Literal["exceedance"] = "exceedance"
    bound: float
    scale: float
    shape: float = 0.0
    side: Literal["above", "below"] = "above"
    anchors: tuple[tuple[float, float], ...] = ()

    @model_validator(mode="after")
    def _valid(self) -> Self:
        if not (math.isfinite(self.bound) and self.bound > 0):
            raise ValueError(f"bound must be a finite number > 0, got {self.bound!r}")
        if not (math.isfinite(self.scale) and self.scale > 0):
            raise ValueError(f"scale must be a finite number > 0, got {self.scale!r}")
        if not (math.isfinite(self.shape) and 0.0 <= self.shape < 1.0):
            raise ValueError(f"shape must lie in [0, 1), got {self.shape!r}")
        for point, scale in self.anchors:
            if not (math.isfinite(scale) and scale > 0):
                raise ValueError(f"anchor scale must be a finite number > 0, got {scale!r}")
            inside = 0 < point < self.bound if self.side == "above" else point > self.bound
            if not (math.isfinite(point) and inside):
                where = "between 0 and" if self.side == "above" else "above"
                raise ValueError(
                    f"anchor point must lie {where} the bound {self.bound!r} for side "
                    f"{self.side!r}, got {point!r}"
                )
        return self

    @cached_property
    def _lines(self) -> tuple[Floats, Floats]:
        """``(points, scales)``, the bound first."""
        terms = ((self.bound, self.scale), *self.anchors)
        return (
            np.array([p for p, _ in terms], dtype=np.float64),
            np.array([s for _, s in terms], dtype=np.float64),
        )

    def _value(self, y: Floats) -> Floats:
        """The value at generalised Pareto draw(s) ``y`` (the envelope over the terms)."""
        points, scales = self._lines
        out: Floats | None = None
        with np.errstate(over="ignore"):
            for point, scale in zip(points, scales, strict=True):
                if self.side == "above":
                    term = point * (1.0 + scale * y)
                    out = term if out is None else np.maximum(out, term)
                else:
                    term = point / (1.0 + scale * y)
                    out = term if out is None else np.minimum(out, term)
        assert out is not None
        return out

    def _ppf(self, u: Floats) -> Floats:
        # Above, the value rises with Y; below, it falls, so Y is taken at 1 - u.
        tail = 1.0 - u if self.side == "above" else u
        return self._value(_gpd_isf(tail, self.shape))

    def _from_normal(self, z: ArrayLike) -> Floats:
        z = np.asarray(z, dtype=np.float64)
        tail = _ndtr(-z) if self.side == "above" else _ndtr(z)  # accurate in the far tail
        return self._value(_gpd_isf(tail, self.shape))

    def _isf(self, p: Floats) -> Floats:
        tail = p if self.side == "above" else 1.0 - p
        return self._value(_gpd_isf(tail, self.shape))

    def _y_of(self, x: Floats) -> Floats:
        """The generalised Pareto draw whose value is ``x`` (inverse of `_value`, >= 0)."""
        points, scales = self._lines
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            if self.side == "above":
                ratios = np.maximum(x, 0.0)[..., None] / points - 1.0
            else:
                ratios = points / np.maximum(x, 0.0)[..., None] - 1.0
            y = np.min(ratios / scales, axis=-1)
        return np.maximum(np.where(np.isnan(y), math.inf, y), 0.0)

    def _cdf(self, x: Floats) -> Floats:
        inside = _gpd_sf(self._y_of(x), self.shape)
        if self.side == "above":
            return np.where(x <= self.bound, 0.0, 1.0 - inside)
        return np.where(x >= self.bound, 1.0, np.where(x <= 0.0, 0.0, inside))

    def _sf(self, x: Floats) -> Floats:
        inside = _gpd_sf(self._y_of(x), self.shape)
        if self.side == "above":  # the upper tail straight from the Pareto's
            return np.where(x <= self.bound, 1.0, inside)
        return np.where(x >= self.bound, 0.0, np.where(x <= 0.0, 1.0, 1.0 - inside))

    @property
    def support(self) -> tuple[float, float]:
        return (self.bound, math.inf) if self.side == "above" else (0.0, self.bound)

    def _partial_mean(self, a: float, b: float) -> float:
        lo, hi = max(a, self.support[0]), min(b, self.support[1])
        if not lo < hi:
            return 0.0
        if self.side == "below":
            return self._partial_below(lo, hi)
        ends = self._y_of(np.array([lo, hi]))
        return self._partial_above(float(ends[0]), float(ends[1]))

    def _mean(self) -> float:
        if self.side == "below":
            return self._partial_below(0.0, self.bound)
        return self._partial_above(0.0, math.inf)

    def _partial_below(self, lo: float, hi: float) -> float:
        """``E[X; lo <= X <= hi] = lo P(lo <= X <= hi) + int_lo^hi (F(hi) - F(x)) dx`` by
        Gauss-Legendre between the envelope's kinks (``0 <= lo < hi <= bound``)."""
        points, scales = self._lines
        cuts = {lo, hi}
        for j in range(points.size):
            for k in range(points.size):
                if j == k:
                    continue
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    den = points[j] * scales[k] - points[k] * scales[j]
                    y = (points[k] - points[j]) / den if den != 0 else -1.0
                    if not math.isfinite(den):  # products beyond float64: divided by both
                        y = (1 / points[j] - 1 / points[k]) / (
                            scales[k] / points[k] - scales[j] / points[j]
                        )
                if y > 0:
                    cuts.add(float(points[j] / (1.0 + scales[j] * y)))
        edges = sorted(c for c in cuts if lo <= c <= hi)
        f_lo, f_hi = (float(v) for v in self._cdf(np.array([lo, hi])))
        total = lo * (f_hi - f_lo)
        nodes, weights = _gauss_legendre()
        for a, b in itertools.pairwise(edges):
            x = (a + b) / 2.0 + (b - a) / 2.0 * nodes
            total += (b - a) / 2.0 * float(np.dot(weights, f_hi - self._cdf(x)))
        return total

    def _partial_above(self, y_lo: float, y_hi: float) -> float:
        """``E[max_k a_k + b_k Y; y_lo <= Y <= y_hi]`` piece by piece along the upper
        envelope of the lines (exact)."""
        points, scales = self._lines
        slopes = points * scales
        xi = self.shape

        def survival(y: float) -> float:
            return 0.0 if y == math.inf else float(_gpd_sf(np.array(y), xi))

        def tail_mean(y: float) -> float:
            # E[Y; Y > y] = y P(Y > y) + int_y^inf P(Y > t) dt, finite for shape < 1.
            if y == math.inf:
                return 0.0
            rest = math.exp(-y) if xi == 0.0 else (1.0 + xi * y) ** (1.0 - 1.0 / xi) / (1.0 - xi)
            return y * survival(y) + rest

        current, start, total = 0, 0.0, 0.0  # the bound's line is on top at y = 0
        while start < y_hi:
            a, b = points[current], slopes[current]
            steeper = [
                ((a - points[k]) / (slopes[k] - b), k)
                for k in range(points.size)
                if slopes[k] > b and (a - points[k]) / (slopes[k] - b) >= start
            ]
            end, nxt = min(steeper) if steeper else (math.inf, -1)
            left, right = max(start, y_lo), min(end, y_hi)
            if left < right:
                mass = survival(left) - survival(right)
                with np.errstate(over="ignore"):
                    total += float(a * mass + b * (tail_mean(left) - tail_mean(right)))
            if nxt < 0:
                break
            current, start = nxt, end
        return total


class Empirical(_Base):
    """The distribution of a sample: each value an atom of weight ``1/n``.

    Another estimate's draws make one (`Estimate.as_distribution`).
    The CDF is the step function ``#{values <= x} / n`` and the quantile function its
    generalized inverse, ``min{x : F(x) >= u}`` (``numpy.quantile``'s ``"inverted_cdf"``
    method), so draws are always values of the sample, whole numbers stay whole, and a
    truncation or mixture keeps each value's weight. The mean is the sample mean.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"empirical"}
        The discriminator that JSON round trips use; leave the default.
    values : tuple of float
        The samples, at least one.

    See Also
    --------
    empirical : The factory, from an array.
    munitions_model.estimation.Estimate : Its draws make one.

    Examples
    --------
    >>> Empirical(values=(1.0, 2.0, 3.0, 4.0)).median  # the step CDF reaches 1/2 at 2
    2.0
    """

    kind: Literal["empirical"] = "empirical"
    values: tuple[float, ...] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _finite_sorted(cls, v: tuple[float, ...]) -> tuple[float, ...]:
        arr = np.asarray(v, dtype=np.float64)
        if not np.all(np.isfinite(arr)):
            raise ValueError("values must all be finite")
        return tuple(np.sort(arr).tolist())

    @cached_property
    def _sorted(self) -> Floats:
        values = np.asarray(self.values, dtype=np.float64)
        values.setflags(write=False)
        return values

    @cached_property
    def _atom_table(self) -> tuple[Floats, Floats]:
        values, counts = np.unique(self._sorted, return_counts=True)
        return values, counts / self._sorted.size

    def _ppf(self, u: Floats) -> Floats:
        s = self._sorted
        idx = np.clip(np.ceil(u * s.size) - 1.0, 0, s.size - 1).astype(np.intp)
        return s[idx]

    def _isf(self, p: Floats) -> Floats:
        s = self._sorted
        idx = np.clip(s.size - 1.0 - np.floor(p * s.size), 0, s.size - 1).astype(np.intp)
        return s[idx]

    def _cdf(self, x: Floats) -> Floats:
        return np.searchsorted(self._sorted, x, side="right") / self._sorted.size

    def _cdf_below(self, x: Floats) -> Floats:
        return np.searchsorted(self._sorted, x, side="left") / self._sorted.size

    def _sf(self, x: Floats) -> Floats:
        n = self._sorted.size
        return (n - np.searchsorted(self._sorted, x, side="right")) / n

    def _sf_from(self, x: Floats) -> Floats:
        n = self._sorted.size
        return (n - np.searchsorted(self._sorted, x, side="left")) / n

    def _partial_mean(self, a: float, b: float) -> float:
        s = self._sorted
        i, j = int(np.searchsorted(s, a, side="left")), int(np.searchsorted(s, b, side="right"))
        if j <= i:
            return 0.0
        return _safe_mean(s[i:j]) * ((j - i) / s.size)

    def _from_normal(self, z: ArrayLike) -> Floats:
        scores = np.asarray(z, dtype=np.float64)
        return np.where(scores > 0, self._isf(_ndtr(-scores)), self._ppf(_ndtr(scores)))

    @property
    def support(self) -> tuple[float, float]:
        return float(self._sorted[0]), float(self._sorted[-1])


class Truncated(_Base):
    """``base`` restricted to ``[low, high]`` (either bound may be omitted) and renormalised.

    Both bounds are included: a point mass of ``base`` at ``low`` or ``high`` is kept.
    Probabilities are taken from whichever tail the interval lies in, so a truncation far
    in an upper tail keeps its precision; a truncation whose probability under ``base``
    underflows float64 is refused (``has no mass``).

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"truncated"}
        The discriminator that JSON round trips use; leave the default.
    base : Distribution
        The distribution to restrict.
    low, high : float or None, default None
        The bounds; ``None`` leaves that side open.

    See Also
    --------
    truncated : The factory, which keeps the base's unit.

    Examples
    --------
    >>> Truncated(base=Normal(mu=0.0, sd=1.0), low=0.0).support
    (0.0, inf)
    """

    kind: Literal["truncated"] = "truncated"
    base: Distribution
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _valid(self) -> Self:
        if self.low is None and self.high is None:
            raise ValueError("truncated needs low, high or both")
        lo = -math.inf if self.low is None else _check_finite("low", self.low)
        hi = math.inf if self.high is None else _check_finite("high", self.high)
        if not lo < hi:
            raise ValueError(f"low must be below high, got low={lo!r}, high={hi!r}")
        if not self._masses[1] > 0.0:
            raise ValueError(
                f"{self.base.kind} has no mass (representable in float64) between low={lo!r} "
                f"and high={hi!r}"
            )
        return self

    @property
    def _bounds(self) -> tuple[float, float]:
        return (
            -math.inf if self.low is None else self.low,
            math.inf if self.high is None else self.high,
        )

    @cached_property
    def _masses(self) -> tuple[float, float, float]:
        """``(P(X < low), P(low <= X <= high), P(X > high))`` under ``base``."""
        lo, hi = self._bounds
        one = np.ones(1)
        below = float(self.base._cdf_below(lo * one)[0])
        above = float(self.base._sf(hi * one)[0])
        mass = float(self.base._mass(lo, hi))
        return below, mass, above

    def _from_uniforms(self, u: Floats, v: Floats) -> Floats:
        """The truncated quantile at ``u`` (with ``v = 1 - u`` given separately, exactly),
        from the base's lower tail ``P(X < low) + u m`` or its upper tail
        ``P(X > high) + v m``, whichever is below one half."""
        below, mass, above = self._masses
        lower = below + u * mass
        upper = above + v * mass
        base = self.base
        if isinstance(base, Normal | LogNormal | Mixture):  # quick from a normal score
            out = base._from_normal(_score(lower, upper))
        else:
            out = base._ppf(np.clip(lower, 0.0, 1.0))
            high_side = lower > 0.5
            if high_side.any():
                out[high_side] = base._isf(np.clip(upper[high_side], 0.0, 1.0))
        lo, hi = self.support
        return np.clip(out, lo, hi)

    def _ppf(self, u: Floats) -> Floats:
        return self._from_uniforms(u, 1.0 - u)

    def _isf(self, p: Floats) -> Floats:
        return self._from_uniforms(1.0 - p, p)

    def _from_normal(self, z: ArrayLike) -> Floats:
        scores = np.asarray(z, dtype=np.float64)
        return self._from_uniforms(_ndtr(scores), _ndtr(-scores))

    def _conditional(self, x: Floats, lower_tail: Floats, upper_tail: Floats) -> Floats:
        """``P(low <= X <= x | ...)`` from ``lower_tail = P(X <= x)`` (or ``<``) and
        ``upper_tail`` its complement under ``base``, whichever is smaller."""
        below, mass, above = self._masses
        out = np.where(
            lower_tail <= 0.5, (lower_tail - below) / mass, (above + mass - upper_tail) / mass
        )
        return np.clip(out, 0.0, 1.0)

    def _cdf(self, x: Floats) -> Floats:
        return self._conditional(x, self.base._cdf(x), self.base._sf(x))

    def _cdf_below(self, x: Floats) -> Floats:
        return self._conditional(x, self.base._cdf_below(x), self.base._sf_from(x))

    def _sf(self, x: Floats) -> Floats:
        return self._tail(x, self.base._cdf(x), self.base._sf(x))

    def _sf_from(self, x: Floats) -> Floats:
        return self._tail(x, self.base._cdf_below(x), self.base._sf_from(x))

    def _tail(self, x: Floats, lower_tail: Floats, upper_tail: Floats) -> Floats:
        """``P(X > x | ...)`` (or ``>=``) from the smaller of the two base tails."""
        below, mass, above = self._masses
        out = np.where(
            lower_tail <= 0.5, (below + mass - lower_tail) / mass, (upper_tail - above) / mass
        )
        return np.clip(out, 0.0, 1.0)

    def _mass(self, a: ArrayLike, b: ArrayLike) -> Floats:
        lo, hi = self._bounds
        a_ = np.maximum(np.asarray(a, dtype=np.float64), lo)
        b_ = np.minimum(np.asarray(b, dtype=np.float64), hi)
        inside = np.asarray(self.base._mass(a_, b_)) / self._masses[1]
        return np.where(a_ <= b_, np.clip(inside, 0.0, 1.0), 0.0)

    def _partial_mean(self, a: float, b: float) -> float:
        lo, hi = self._bounds
        a_, b_ = max(a, lo), min(b, hi)
        if a_ > b_:
            return 0.0
        return self.base._partial_mean(a_, b_) / self._masses[1]

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        if isinstance(self.base, LogNormal):
            return self._log_from_normal_inplace(np.array(z, dtype=np.float64))
        return super()._log_from_normal(z)

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        base = self.base
        if not isinstance(base, LogNormal):
            return super()._log_from_normal_inplace(z)
        # log of the truncated quantile without the exp/log round trip: the base's normal
        # score from its upper tail when the whole range lies above the median (every
        # draw then keeps its precision), else from its lower tail.
        below, mass, above = self._masses
        lo, hi = self.support
        if below >= 0.5:
            np.negative(z, out=z)
            _normal.ndtr(z, out=z)  # 1 - u
            z *= mass
            z += above
            _normal.ndtri(z, out=z)
            np.negative(z, out=z)
        else:
            _normal.ndtr(z, out=z)
            z *= mass
            z += below
            np.clip(z, 0.0, 1.0 - np.finfo(np.float64).epsneg, out=z)  # Phi rounds up to 1
            _normal.ndtri(z, out=z)
        z *= base.sigma
        z += base.mu
        log_lo = math.log(lo) if lo > 0 else -math.inf
        np.clip(z, log_lo, math.log(hi) if hi < math.inf else math.inf, out=z)
        return z

    @property
    def support(self) -> tuple[float, float]:
        b_lo, b_hi = self.base.support
        lo = b_lo if self.low is None else max(b_lo, self.low)
        hi = b_hi if self.high is None else min(b_hi, self.high)
        return lo, hi


class _Parts:
    """A mixture's components grouped by kind, so that its CDF is a few array operations:
    lognormal and normal components as a matrix product, point components by a search
    in their sorted values, the rest one by one."""

    def __init__(self, components: Sequence[Distribution], weights: Sequence[float]) -> None:
        pairs = list(zip(components, weights, strict=True))
        ln = [(c.mu, c.sigma, w) for c, w in pairs if isinstance(c, LogNormal)]
        gauss = [(c.mu, c.sd, w) for c, w in pairs if isinstance(c, Normal)]
        self.ln = self._columns(ln)
        self.normal = self._columns(gauss)
        points = sorted((c.value, w) for c, w in pairs if isinstance(c, Point))
        self.point_values = np.array([v for v, _ in points])
        w_points = np.array([w for _, w in points])
        self.point_below = np.concatenate([[0.0], np.cumsum(w_points)])  # weight of [0, i)
        self.point_above = np.concatenate([np.cumsum(w_points[::-1])[::-1], [0.0]])
        self.others = [
            (w, c)
            for c, w in zip(components, weights, strict=True)
            if not isinstance(c, LogNormal | Normal | Point)
        ]

    @staticmethod
    def _columns(rows: list[tuple[float, float, float]]) -> tuple[Floats, Floats, Floats]:
        table = np.array(rows, dtype=np.float64).reshape(-1, 3)
        return table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy()

    @staticmethod
    def _matrix(x: Floats, centre: Floats, scale: Floats, weight: Floats, upper: bool) -> Floats:
        out = np.empty(x.size)
        rows = max(1, _MATRIX_ELEMENTS // max(centre.size, 1))
        for start in range(0, x.size, rows):
            block = x[start : start + rows, None]
            with np.errstate(over="ignore", invalid="ignore"):
                z = (centre - block if upper else block - centre) / scale
            out[start : start + rows] = _normal.ndtr(z) @ weight
        return out

    def evaluate(self, x: Floats, *, upper: bool, strict: bool) -> Floats:
        """``P(X > x)`` (``upper``) or ``P(X <= x)``; with ``strict``, ``P(X >= x)`` or
        ``P(X < x)`` instead (they differ only at atoms)."""
        flat = x.reshape(-1)
        out = np.zeros(flat.size)
        if self.ln[0].size:
            out += self._matrix(_log(flat), *self.ln, upper)
        if self.normal[0].size:
            out += self._matrix(flat, *self.normal, upper)
        if self.point_values.size:
            # points <= x count (or < x for strict); above: points > x (or >= x)
            side: Literal["left", "right"] = "left" if strict else "right"
            idx = np.searchsorted(self.point_values, flat, side=side)
            out += self.point_above[idx] if upper else self.point_below[idx]
        for w, c in self.others:
            if upper:
                part = c._sf_from(flat) if strict else c._sf(flat)
            else:
                part = c._cdf_below(flat) if strict else c._cdf(flat)
            out += w * part
        return np.clip(out, 0.0, 1.0).reshape(x.shape)


def _leaves(dist: _Base) -> int:
    """Components of a mixture, counted through nested mixtures (1 for anything else)."""
    if isinstance(dist, Mixture):
        return sum(_leaves(c) for c in dist.components)
    if isinstance(dist, Truncated):
        return _leaves(dist.base)
    return 1


def _atoms(dist: _Base) -> tuple[Floats, Floats]:
    """The point masses of a distribution: sorted distinct values and their probabilities."""
    if isinstance(dist, Point):
        return np.array([dist.value]), np.ones(1)
    if isinstance(dist, Empirical):
        return dist._atom_table
    if isinstance(dist, Mixture):
        parts = [_atoms(c) for c in dist.components]
        values = np.concatenate([v for v, _ in parts])
        probs = np.concatenate([p * w for (_, p), w in zip(parts, dist.weights, strict=True)])
        if values.size == 0:
            return values, probs
        unique, inverse = np.unique(values, return_inverse=True)
        merged = np.bincount(inverse, weights=probs, minlength=unique.size)
        return unique.astype(np.float64), merged.astype(np.float64)
    if isinstance(dist, Truncated):
        values, probs = _atoms(dist.base)
        lo, hi = dist._bounds
        keep = (values >= lo) & (values <= hi)
        return values[keep], probs[keep] / dist._masses[1]
    return np.zeros(0), np.zeros(0)


def _atomic(dist: _Base, every: bool) -> bool:
    """Whether every (``every``) or some component down the tree is a point mass."""
    if isinstance(dist, Point | Empirical):
        return True
    if isinstance(dist, Mixture):
        found = (_atomic(c, every) for c in dist.components)
        return all(found) if every else any(found)
    if isinstance(dist, Truncated):
        return _atomic(dist.base, every)
    return False


def _purely_atomic(dist: _Base) -> bool:
    """Whether every bit of mass sits on point masses (points and empirical values)."""
    return _atomic(dist, every=True)


def _has_atoms(dist: _Base) -> bool:
    """Whether some value has positive probability (then a draw can equal it exactly)."""
    return _atomic(dist, every=False)


class Mixture(_Base):
    """A weighted mixture: with probability ``weights[i]`` a draw comes from ``components[i]``.

    E.g. two fire-rate regimes, or several reports pooled.

    ``ppf`` is the exact quantile function (vectorised bisection on the mixture CDF).
    Sampling uses the same function tabulated at 65,537 normal scores evenly spaced on
    [-6, 6] (in logs for positive mixtures) and interpolated linearly, with exact values
    beyond. A sampled value always lies between the exact quantiles of its two nodes, so the
    sampled distribution is within ``0.4 * 12 / 65536 < 7.4e-5`` of the exact one in
    Kolmogorov distance (below Monte Carlo noise up to 10^8 draws), and far closer where
    the quantile function is smooth.

    Parameters
    ----------
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).
    kind : {"mixture"}
        The discriminator that JSON round trips use; leave the default.
    components : tuple of Distribution
        The components, at least one.
    weights : tuple of float
        Their weights, one per component, positive, summing to 1.

    See Also
    --------
    mixture : The factory (equal weights by default).

    Examples
    --------
    >>> m = Mixture(components=(Point(value=1.0), Point(value=3.0)), weights=(0.5, 0.5))
    >>> m.mean
    2.0
    """

    kind: Literal["mixture"] = "mixture"
    components: tuple[Distribution, ...] = Field(min_length=1)
    weights: tuple[float, ...]

    @model_validator(mode="after")
    def _valid(self) -> Self:
        w = np.asarray(self.weights, dtype=np.float64)
        if w.size != len(self.components):
            raise ValueError(
                f"weights must have one entry per component, got {w.size} weights for "
                f"{len(self.components)} components"
            )
        if not (np.all(np.isfinite(w)) and np.all(w > 0)):
            raise ValueError(f"weights must be positive and finite, got {self.weights!r}")
        if abs(math.fsum(self.weights) - 1.0) > 1e-9:
            raise ValueError(f"weights must sum to 1, got {self.weights!r} (sum {w.sum()!r})")
        limits.check("mixture_components", _leaves(self), "a mixture's components")
        return self

    @cached_property
    def _parts(self) -> _Parts:
        return _Parts(self.components, self.weights)

    def _cdf(self, x: Floats) -> Floats:
        return self._parts.evaluate(x, upper=False, strict=False)

    def _cdf_below(self, x: Floats) -> Floats:
        return self._parts.evaluate(x, upper=False, strict=True)

    def _sf(self, x: Floats) -> Floats:
        return self._parts.evaluate(x, upper=True, strict=False)

    def _sf_from(self, x: Floats) -> Floats:
        return self._parts.evaluate(x, upper=True, strict=True)

    def _mass(self, a: ArrayLike, b: ArrayLike) -> Floats:
        total = np.zeros(np.broadcast_shapes(np.shape(a), np.shape(b)))
        for w, c in zip(self.weights, self.components, strict=True):
            total = total + w * np.asarray(c._mass(a, b))
        return np.clip(total, 0.0, 1.0)

    def _partial_mean(self, a: float, b: float) -> float:
        return math.fsum(
            w * c._partial_mean(a, b) for w, c in zip(self.weights, self.components, strict=True)
        )

    def _mean(self) -> float:
        return float(sum(w * c._mean() for w, c in zip(self.weights, self.components, strict=True)))

    # -- exact quantiles ------------------------------------------------------------------
    def _ppf(self, u: Floats) -> Floats:
        lo_end, hi_end = self.support
        out = np.where(u <= 0.5, lo_end, hi_end).astype(np.float64)
        inner = (u > 0.0) & (u < 1.0)
        out[inner] = self._exact(u[inner], upper=False)
        return out

    def _isf(self, p: Floats) -> Floats:
        lo_end, hi_end = self.support
        out = np.where(p <= 0.5, hi_end, lo_end).astype(np.float64)
        inner = (p > 0.0) & (p < 1.0)
        out[inner] = self._exact(p[inner], upper=True)
        return out

    def _exact(self, t: Floats, *, upper: bool) -> Floats:
        """Exact quantiles at lower-tail probabilities ``t`` (or upper-tail, ``upper``),
        bracketed by the components' own quantiles (the mixture's lies between the
        smallest and the largest of them): the smallest float ``x`` with ``F(x) >= t``
        (``P(X > x) <= t``), found by `munitions_model._invert` in a few evaluations of
        the CDF (or survival function), so that a point mass comes back as its value;
        a target inside a point mass's jump is answered at the point, in one evaluation
        instead of the fifty or so bisection steps that close in on a jump."""
        lo = np.full(t.shape, np.inf)
        hi = np.full(t.shape, -np.inf)
        for c in self.components:
            q = c._isf(t) if upper else c._ppf(t)
            np.minimum(lo, q, out=lo)
            np.maximum(hi, q, out=hi)
        big = float(np.finfo(np.float64).max)
        # a few thousand floats wider: the mixture's computed CDF may reach t a float or
        # two outside the components' own quantiles (equal components: lo == hi)
        with np.errstate(invalid="ignore", over="ignore"):
            lo = np.clip(np.where(np.isfinite(lo), lo - 1e-12 * np.abs(lo), lo), -big, big)
            hi = np.clip(np.where(np.isfinite(hi), hi + 1e-12 * np.abs(hi), hi), -big, big)

        def rises(x: Floats) -> Floats:  # non-decreasing in x, reaching the target
            return -self._sf(x) if upper else self._cdf(x)

        target = -t if upper else t
        out: Floats = lo.copy()
        inside = rises(lo) < target  # else the smallest candidate already qualifies
        if inside.any():
            span = (float(lo.min()), float(hi.max()))
            out[inside] = _invert.smallest_crossing(
                rises,
                target[inside],
                lo[inside],
                hi[inside],
                span if span[0] < span[1] else None,
                atoms=_atoms(self)[0],
            )
        return out

    def _residual(self, x: Floats, target: Floats, upper: bool, scores: bool) -> Floats:
        """Negative where ``x`` lies below the quantile sought: ``F(x) - t``, or for an
        upper-tail probability ``t``, ``t - P(X > x)``; with ``scores``, the same in normal
        scores (``ndtri(F(x)) - ndtri(t)``), nearly linear in ``log x`` for the mixtures
        met in practice, so that a secant step lands almost on the answer."""
        if upper:
            tail = self._sf(x)
            return _ndtri(target) - _ndtri(tail) if scores else np.asarray(target - tail)
        below = self._cdf(x)
        return _ndtri(below) - _ndtri(target) if scores else np.asarray(below - target)

    def _solve(
        self,
        t: Floats,
        upper: bool,
        lo: Floats,
        hi: Floats,
        *,
        tol: float | None = None,
        ends: tuple[Floats, Floats] | None = None,
    ) -> Floats:
        """``min{x : F(x) >= t}`` (``upper``: ``min{x : P(X > x) <= t}``) given ``lo`` and
        ``hi`` that bracket it (their residuals ``ends``, when known).

        Illinois steps (a secant that cannot stall), in logs where the bracket is
        positive. Without ``tol``: to adjacent floats, with a bisection every third step,
        so that the answer is exact at a jump. With ``tol``: until the residual, in normal
        scores, is within ``tol`` (``ends`` then in scores too)."""
        big = float(np.finfo(np.float64).max)
        lo = np.clip(lo, -big, big)
        hi = np.clip(hi, -big, big)
        scores = tol is not None
        r_lo, r_hi = (
            ends
            if ends is not None
            else (
                self._residual(lo, t, upper, scores),
                self._residual(hi, t, upper, scores),
            )
        )
        out = hi.copy()
        out[r_lo >= 0] = lo[r_lo >= 0]  # the smallest candidate already qualifies
        live = (r_lo < 0) & (r_hi >= 0)
        if tol is not None:
            at_hi = live & (r_hi <= tol)
            at_lo = live & (-r_lo <= tol) & ~at_hi
            out[at_lo] = lo[at_lo]
            live &= ~(at_hi | at_lo)
        idx = np.flatnonzero(live)
        a, b, fa, fb, target = lo[idx], hi[idx], r_lo[idx], r_hi[idx], t[idx]
        side = np.zeros(idx.size, dtype=np.int8)  # which end moved last: -1 low, +1 high
        for step in range(_SOLVE_ITERATIONS):
            if idx.size == 0:
                break
            logs = a > 0
            ya = np.where(logs, _log(a), a)
            yb = np.where(logs, _log(b), b)
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                if step % 3 == 2 and (tol is None or step > 30):
                    y = ya + (yb - ya) / 2.0
                else:
                    y = yb - fb * (yb - ya) / (fb - fa)
                x = np.where(logs, np.exp(y), y)
            middle = a + (b - a) / 2.0
            x = np.where((x > a) & (x < b), x, middle)
            done = ~((x > a) & (x < b))  # adjacent floats: b is the answer
            fx = self._residual(x, target, upper, scores)
            answer = b
            if tol is not None:
                close = ~done & (np.abs(fx) <= tol)
                answer = np.where(close, x, b)
                done |= close
            if done.any():
                out[idx[done]] = answer[done]
                keep = ~done
                idx, side = idx[keep], side[keep]
                a, b, fa, fb, x, fx, target = (v[keep] for v in (a, b, fa, fb, x, fx, target))
            below = fx < 0
            # Illinois: an end kept twice in a row has its residual halved.
            fb = np.where(below & (side == -1), fb / 2.0, fb)
            fa = np.where(~below & (side == 1), fa / 2.0, fa)
            a = np.where(below, x, a)
            fa = np.where(below, fx, fa)
            b = np.where(below, b, x)
            fb = np.where(below, fb, fx)
            side = np.where(below, -1, 1).astype(np.int8)
        out[idx] = b  # not reached in practice: the search converges long before
        return out

    # -- sampling ---------------------------------------------------------------------------
    @cached_property
    def _atom_edges(self) -> tuple[Floats, Floats] | None:
        """``(edges, values)``: atom ``k`` takes the normal scores in
        ``(edges[2k], edges[2k + 1]]``; ``None`` without atoms."""
        values, _ = _atoms(self)
        if values.size == 0:
            return None
        z_low = _score(self._cdf_below(values), self._sf_from(values))
        z_high = _score(self._cdf(values), self._sf(values))
        edges = np.maximum.accumulate(np.column_stack([z_low, z_high]).reshape(-1))
        return edges, values

    def _snap_atoms(self, z: Floats, out: Floats, *, in_logs: bool) -> None:
        """Draws whose score falls in an atom's share are set to that atom, exactly."""
        found = self._atom_edges
        if found is None:
            return
        edges, values = found
        pos = np.searchsorted(edges, z, side="left")
        inside = (pos & 1).astype(bool)
        if inside.any():
            picked = values[(pos[inside] - 1) // 2]
            out[inside] = _log(picked) if in_logs else picked

    @cached_property
    def _jump_cells(self) -> NDArray[np.intp]:
        """The table's cells in which the quantile function may jump: those holding the
        normal score of a component's support end, where a gap with no mass may open
        (``mixture([point(1e-20), uniform(1, 2)])`` jumps from 1e-20 to 1 at score 0).
        Interpolating across a jump puts draws in the gap, so draws whose score falls in
        such a cell or its neighbours are made exactly (`_exact_at`): about 7 in 10^5 draws
        per cell (the normal density at most 0.4 times the cell's width, 12 / 2^16)."""
        ends = np.array([e for c in self.components for e in c.support if math.isfinite(e)])
        if ends.size == 0:
            return np.zeros(0, dtype=np.intp)
        scores = np.concatenate(
            [
                _score(self._cdf_below(ends), self._sf_from(ends)),
                _score(self._cdf(ends), self._sf(ends)),
            ]
        )
        _, z0, inv_dz, values, _ = self._table
        # (and each neighbour: a node is the quantile only to within its score tolerance,
        # so the node at a jump may itself lie in the gap)
        cells = np.floor((scores[np.isfinite(scores)] - z0) * inv_dz)[:, None] + [-1, 0, 1]
        cells = cells[(cells >= 0) & (cells < values.size - 1)]
        return np.unique(cells.astype(np.intp))

    def _exact_at(self, z: Floats) -> Floats:
        """The exact quantile function at normal scores ``z``, upper tails from the
        survival function."""
        out = np.empty(z.size)
        upper = z > 0.0
        out[upper] = self._isf(_ndtr(-z[upper]))
        out[~upper] = self._ppf(_ndtr(z[~upper]))
        return out

    def _atomic_draws(self, z: Floats) -> Floats:
        """Draws of a mixture of point masses only: a search among the atoms' shares."""
        found = self._atom_edges
        assert found is not None
        edges, values = found
        pos = np.searchsorted(edges, z, side="left")
        return values[np.clip((pos - 1) // 2, 0, values.size - 1)]

    @cached_property
    def _table(self) -> _Table:
        """``(in_logs, z0, 1/dz, values, slopes)``: the quantile function at
        ``_TABLE_NODES`` normal scores evenly spaced on [-6, 6], in logs when positive."""
        key = self.model_dump_json(exclude={"unit"})
        with _TABLES_LOCK:
            table = _TABLES.get(key)
            if table is not None:
                _TABLES.move_to_end(key)
                return table
        shipped = _tables.lookup(key, _TABLE_LAYOUT)
        in_logs, y = shipped if shipped is not None else self._table_values()
        with np.errstate(invalid="ignore", over="ignore"):
            slopes = np.diff(y)
        table = (in_logs, -_TABLE_Z_MAX, (_TABLE_NODES - 1) / (2 * _TABLE_Z_MAX), y, slopes)
        for array in table[3:]:
            array.setflags(write=False)
        with _TABLES_LOCK:
            _TABLES[key] = table
            while len(_TABLES) > _TABLE_CACHE_SIZE:
                _TABLES.popitem(last=False)
        return table

    def _table_values(self) -> tuple[bool, Floats]:
        """The table's values, computed (see `_nodes`): whether they are logs, and the
        values."""
        y = self._nodes(np.linspace(-_TABLE_Z_MAX, _TABLE_Z_MAX, _TABLE_NODES))
        in_logs = bool(np.all(y > 0))
        return in_logs, np.log(y) if in_logs else y

    def _nodes(self, z: Floats) -> Floats:
        """Quantiles at sorted normal scores ``z``: each bracketed by a grid of values on
        which the CDF (or, above the median, the survival function) is evaluated once,
        then found by `_solve`. Each node costs a few CDF evaluations, not a bisection."""
        edge = np.array([-_TABLE_Z_MAX - 0.5])
        lows = [float(c._from_normal(edge)[0]) for c in self.components]
        highs = [float(c._from_normal(-edge)[0]) for c in self.components]
        start, stop = min(lows), max(highs)
        big = float(np.finfo(np.float64).max)
        start, stop = max(start, -big), min(stop, big)
        if start > 0 and math.isfinite(math.log(stop) - math.log(start)):
            logs = np.linspace(math.log(start), math.log(stop), _GRID_POINTS)
            with np.errstate(over="ignore"):
                grid = np.minimum(np.exp(logs), big)
        else:
            # stop - start may exceed float64: space the halves (exact, and bit for bit the
            # same grid when it does not), an ulp beyond big at most overflows to inf
            with np.errstate(over="ignore"):
                grid = 2.0 * np.linspace(start / 2.0, stop / 2.0, _GRID_POINTS)
            grid = np.clip(grid, -big, big)
        grid[0], grid[-1] = start, stop
        out = np.empty(z.size)
        for upper in (False, True):
            chosen = z > 0 if upper else z <= 0
            if not chosen.any():
                continue
            t = _ndtr(-z[chosen]) if upper else _ndtr(z[chosen])
            # on the grid, find the last value below the answer and the first not below
            key_scores = self._sf(grid) if upper else self._cdf(grid)
            key = -key_scores if upper else key_scores
            pos = np.searchsorted(key, -t if upper else t, side="left")
            below_at = np.maximum(pos - 1, 0)
            above_at = np.minimum(pos, grid.size - 1)
            lo, hi = grid[below_at], grid[above_at]
            score = _ndtri(key_scores[below_at]), _ndtri(key_scores[above_at])
            own = _ndtri(t)
            ends = (own - score[0], own - score[1]) if upper else (score[0] - own, score[1] - own)
            outside = (pos == 0) | (pos == grid.size)
            if outside.any():  # beyond the grid: exact, bracketed by the components
                lo[outside] = hi[outside] = self._exact(t[outside], upper=upper)
                ends[0][outside] = ends[1][outside] = 0.0
            # within 1e-9 in normal score: far below what interpolating between nodes
            # 1.8e-4 apart could notice
            out[chosen] = self._solve(t, upper, lo, hi, tol=_NODE_SCORE_TOL, ends=ends)
        return out

    def _interpolate_inplace(self, z: Floats, *, natural: bool) -> tuple[bool, Floats]:
        """The sampled quantile function at scores ``z``, written over ``z`` block by block
        so that each block's temporaries stay in cache: natural values when ``natural``,
        else logs where the table is in logs (the flag returned says which)."""
        if not z.flags.c_contiguous:
            z = np.ascontiguousarray(z)
        flat = z.reshape(-1)
        if _purely_atomic(self):
            flat[:] = self._atomic_draws(flat)
            return False, z
        in_logs, z0, inv_dz, values, slopes = self._table
        jumps = self._jump_cells
        for start in range(0, flat.size, _TABLE_BLOCK):
            block = flat[start : start + _TABLE_BLOCK]
            keep = self._atom_edges is not None or jumps.size > 0
            scores = block.copy() if keep else None
            low, high = float(block.min()), float(block.max())
            exact = self._tails(block, z0, low, high)
            outside = low < z0 + 1e-6 or high > -z0 - 1e-6  # only then can an index overflow
            if outside:  # (the exact tails replace those scores; a score of 1e308 would
                np.clip(block, z0, -z0, out=block)  # overflow when scaled)
            block -= z0
            block *= inv_dz
            if outside:
                np.clip(block, 0.0, values.size - 1 - 1e-9, out=block)
            idx = block.astype(np.intp)
            across = np.isin(idx, jumps) if jumps.size else None
            block -= idx
            np.multiply(slopes.take(idx), block, out=block)
            block += values.take(idx)
            if in_logs and natural:
                with np.errstate(over="ignore"):
                    np.exp(block, out=block)
            logs = in_logs and not natural
            if scores is not None and across is not None and across.any():
                exact.append((across, self._exact_at(scores[across])))
            for where, found in exact:
                block[where] = _log(found) if logs else found
            if scores is not None:
                self._snap_atoms(scores, block, in_logs=logs)
        return in_logs and not natural, z

    def _tails(
        self, block: Floats, z0: float, low: float, high: float
    ) -> list[tuple[NDArray[np.bool_], Floats]]:
        """The draws of a block beyond the table's ends (scores below ``z0`` or above
        ``-z0``; ``low`` and ``high`` are the block's extremes): few, made exactly, as
        (where, values)."""
        out = []
        if low < z0:
            below = block < z0
            out.append((below, self._ppf(_ndtr(block[below]))))
        if high > -z0:
            above = block > -z0
            out.append((above, self._isf(_ndtr(-block[above]))))
        return out

    def _from_normal(self, z: ArrayLike) -> Floats:
        return self._interpolate_inplace(np.array(z, dtype=np.float64), natural=True)[1]

    def _log_from_normal(self, z: ArrayLike) -> Floats:
        return self._log_from_normal_inplace(np.array(z, dtype=np.float64))

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        in_logs, out = self._interpolate_inplace(z, natural=False)
        return out if in_logs else _log(out)

    @property
    def support(self) -> tuple[float, float]:
        lows, highs = zip(*(c.support for c in self.components), strict=True)
        return min(lows), max(highs)


def _strictly_positive(dist: _Base) -> bool:
    """Whether every value is above zero, so that the engine may work with logarithms
    (a lognormal's support starts at 0, but it never takes that value)."""
    if isinstance(dist, LogNormal | SplitLogNormal | Exceedance):
        return True  # support starts at 0 (or below the bound), but 0 is never taken
    if isinstance(dist, Mixture):
        return all(_strictly_positive(c) for c in dist.components)
    if isinstance(dist, Truncated) and _strictly_positive(dist.base):
        return True
    return dist.support[0] > 0


Distribution = Annotated[
    Point
    | Uniform
    | LogUniform
    | Normal
    | LogNormal
    | SplitLogNormal
    | Triangular
    | Pert
    | Exceedance
    | Empirical
    | Truncated
    | Mixture,
    Field(discriminator="kind"),
]
"""Any distribution spec; the ``kind`` field says which."""

Truncated.model_rebuild()
Mixture.model_rebuild()
_ADAPTER: TypeAdapter[Distribution] = TypeAdapter(Distribution)
DISTRIBUTION_TYPES = (
    Point,
    Uniform,
    LogUniform,
    Normal,
    LogNormal,
    SplitLogNormal,
    Triangular,
    Pert,
    Exceedance,
    Empirical,
    Truncated,
    Mixture,
)


def distribution_from_json(text: str | bytes) -> Distribution:
    """Read a distribution written by ``to_json``.

    Parameters
    ----------
    text : str or bytes
        JSON text, with its ``kind`` field.

    Returns
    -------
    Distribution
        The distribution, of the class ``kind`` names.

    See Also
    --------
    Point.to_json : Writes the text (every distribution has it).

    Examples
    --------
    >>> d = lognormal(1e5, 1e6, unit="rounds")
    >>> distribution_from_json(d.to_json()) == d
    True
    """
    return _ADAPTER.validate_json(text)


def distribution_from_dict(data: dict[str, Any]) -> Distribution:
    """Read a distribution from a ``model_dump()`` dictionary."""
    return _ADAPTER.validate_python(data)


# -- factories ------------------------------------------------------------------------------
#
# Factories accept any real number (int of any size, float, Decimal, Fraction, numpy
# scalars) and refuse anything else with a ValueError naming the argument.

_finite = _validation.finite


def _optional(value: object, name: str) -> float | None:
    return None if value is None else _finite(value, name)


def _distribution(value: object, name: str) -> Distribution:
    if not isinstance(value, DISTRIBUTION_TYPES):
        raise ValueError(
            f"{name} must be a distribution (point, lognormal, mixture ...), got "
            f"{_validation.shown(value)}"
        )
    return value


def point(value: float, *, unit: str | None = None) -> Point:
    """Return a known number as a distribution: all mass at ``value``.

    Parameters
    ----------
    value : float
        The number.
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Point
        The distribution.

    See Also
    --------
    Point : The class.

    Examples
    --------
    >>> point(60.875, unit="days").quantile(0.05)
    60.875
    """
    return Point(value=_finite(value, "value"), unit=unit)


def uniform(low: float, high: float, *, unit: str | None = None) -> Uniform:
    """Return a distribution with every value between ``low`` and ``high`` equally likely.

    Parameters
    ----------
    low, high : float
        The ends, ``low < high``.
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Uniform
        The distribution.

    See Also
    --------
    loguniform : Uniform in the logarithm.

    Examples
    --------
    >>> uniform(21_750, 28_180, unit="kg").median  # a 20 ft container's payload
    24965.0
    """
    return Uniform(low=_finite(low, "low"), high=_finite(high, "high"), unit=unit)


def loguniform(low: float, high: float, *, unit: str | None = None) -> LogUniform:
    """Return a distribution uniform in the logarithm between ``low > 0`` and ``high``.

    Parameters
    ----------
    low, high : float
        The ends, ``0 < low < high``.
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    LogUniform
        The distribution: every factor of 2 inside alike.

    See Also
    --------
    uniform : Uniform in the value.

    Examples
    --------
    >>> round(loguniform(200_000, 900_000).median)  # "hundreds of thousands"
    424264
    """
    return LogUniform(low=_finite(low, "low"), high=_finite(high, "high"), unit=unit)


def lognormal(low: float, high: float, level: float = 0.9, *, unit: str | None = None) -> LogNormal:
    """Return the lognormal whose central ``level`` interval is ``[low, high]``.

    The median is the geometric mean ``sqrt(low * high)``.

    Parameters
    ----------
    low, high : float
        The ends of the interval, ``0 < low < high``.
    level : float, default 0.9
        Probability inside ``[low, high]``, in (0, 1).
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    LogNormal
        The distribution.

    Raises
    ------
    ValueError
        If ``low`` or ``high`` is not finite, ``not 0 < low < high``, or ``level`` is outside
        (0, 1).

    See Also
    --------
    normal : The same for a quantity that may be negative.
    LogNormal : The class.

    Examples
    --------
    >>> d = lognormal(900_000, 1_600_000)
    >>> round(d.median)
    1200000
    """
    z = _z_of_level(level)
    lo, hi = _finite(low, "low"), _finite(high, "high")
    if not 0 < lo < hi:
        raise ValueError(f"lognormal needs 0 < low < high, got low={lo!r}, high={hi!r}")
    log_lo, log_hi = math.log(lo), math.log(hi)
    return LogNormal(mu=(log_lo + log_hi) / 2.0, sigma=(log_hi - log_lo) / (2.0 * z), unit=unit)


def normal(low: float, high: float, level: float = 0.9, *, unit: str | None = None) -> Normal:
    """Return the normal whose central ``level`` interval is ``[low, high]``.

    Parameters
    ----------
    low, high : float
        The ends of the interval, ``low < high``.
    level : float, default 0.9
        Probability inside ``[low, high]``, in (0, 1).
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Normal
        The distribution.

    See Also
    --------
    lognormal : The default for a positive quantity.

    Examples
    --------
    >>> normal(-1.0, 1.0).median
    0.0
    """
    z = _z_of_level(level)
    lo, hi = _finite(low, "low"), _finite(high, "high")
    if not lo < hi:
        raise ValueError(f"normal needs low < high, got low={lo!r}, high={hi!r}")
    sd = (hi / 2.0 - lo / 2.0) / z  # halves first: hi - lo may exceed float64
    return Normal(mu=lo / 2.0 + hi / 2.0, sd=sd, unit=unit)


def truncated(base: Distribution, low: float | None = None, high: float | None = None) -> Truncated:
    """Restrict ``base`` to ``[low, high]`` and renormalise; the unit is ``base``'s.

    Parameters
    ----------
    base : Distribution
        The distribution to restrict.
    low, high : float or None, default None
        The bounds; ``None`` leaves that side open.

    Returns
    -------
    Truncated
        The distribution.

    See Also
    --------
    Truncated : The class.

    Examples
    --------
    >>> truncated(lognormal(0.3, 0.7), high=1.0).support  # a dud fraction
    (0.0, 1.0)
    """
    checked = _distribution(base, "base")
    return Truncated(
        base=checked, low=_optional(low, "low"), high=_optional(high, "high"), unit=checked.unit
    )


def pert(
    low: float, mode: float, high: float, lam: float = 4.0, *, unit: str | None = None
) -> Pert:
    """Return a PERT (scaled beta) distribution between ``low`` and ``high`` peaked at ``mode``.

    Parameters
    ----------
    low : float
        The lower end.
    mode : float
        The peak, in ``[low, high]``.
    high : float
        The upper end, above ``low``.
    lam : float, default 4.0
        How peaked, positive.
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Pert
        The distribution.

    See Also
    --------
    triangular : The same with straight sides.

    Examples
    --------
    >>> pert(3, 5, 8, unit="kg").mode
    5.0
    """
    return Pert(
        low=_finite(low, "low"),
        mode=_finite(mode, "mode"),
        high=_finite(high, "high"),
        lam=_finite(lam, "lam"),
        unit=unit,
    )


def triangular(low: float, mode: float, high: float, *, unit: str | None = None) -> Triangular:
    """Return a triangular distribution between ``low`` and ``high`` peaked at ``mode``.

    Parameters
    ----------
    low : float
        The lower end.
    mode : float
        The peak, in ``[low, high]``.
    high : float
        The upper end, above ``low``.
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Triangular
        The distribution.

    See Also
    --------
    pert : A smoother peaked distribution.

    Examples
    --------
    >>> round(triangular(0, 5, 10).median, 9)
    5.0
    """
    return Triangular(
        low=_finite(low, "low"), mode=_finite(mode, "mode"), high=_finite(high, "high"), unit=unit
    )


def mixture(
    components: Sequence[Distribution],
    weights: Sequence[float] | None = None,
    *,
    unit: str | None = None,
) -> Mixture:
    """Return a mixture of ``components``; equal weights unless given.

    The unit defaults to the components' common unit.

    Parameters
    ----------
    components : sequence of Distribution
        The components, at least one.
    weights : sequence of float or None, default None
        Their weights, positive, summing to 1; equal by default.
    unit : str or None, default None
        Unit label; by default the components' unit when they all share one.

    Returns
    -------
    Mixture
        The distribution.

    Raises
    ------
    ValueError
        If there is no component, or the weights are not one positive number per component
        summing to 1.

    See Also
    --------
    munitions_model.record.pooled : Pools reports as an equal-weight mixture.

    Examples
    --------
    >>> m = mixture([point(5_000), point(20_000)])  # two fire-rate regimes
    >>> m.weights, m.mean
    ((0.5, 0.5), 12500.0)
    """
    if isinstance(components, str | bytes) or not isinstance(components, Sequence):
        raise ValueError(
            f"components must be a sequence of distributions, got {_validation.shown(components)}"
        )
    comps = tuple(_distribution(c, f"components[{i}]") for i, c in enumerate(components))
    if not comps:
        raise ValueError("mixture needs at least one component, got none (components is empty)")
    limits.check("mixture_components", sum(_leaves(c) for c in comps), "a mixture's components")
    if weights is None:
        w = (1.0 / len(comps),) * len(comps)
    else:
        if isinstance(weights, str | bytes) or not isinstance(weights, Sequence):
            shown = _validation.shown(weights)
            raise ValueError(f"weights must be a sequence of numbers, got {shown}")
        w = tuple(_finite(x, f"weights[{i}]") for i, x in enumerate(weights))
    if unit is None:
        units = {c.unit for c in comps}
        unit = units.pop() if len(units) == 1 else None
    return Mixture(components=comps, weights=w, unit=unit)


def empirical(values: ArrayLike, *, unit: str | None = None) -> Empirical:
    """Return the distribution of a set of samples.

    Parameters
    ----------
    values : array_like
        The samples (flattened).
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Empirical
        The distribution.

    See Also
    --------
    Empirical : The class.

    Examples
    --------
    >>> empirical([1.0, 2.0, 3.0, 4.0]).median  # the smallest value with F >= 1/2
    2.0
    """
    arr = _validation.float_array(values, "values").ravel()
    return Empirical(values=tuple(arr.tolist()), unit=unit)


def split_lognormal(
    low: float, median: float, high: float, level: float = 0.9, *, unit: str | None = None
) -> SplitLogNormal:
    """Return a two-piece lognormal from its median and central ``level`` interval.

    The interval is ``[low, high]``; each side of the median is half a lognormal.

    Parameters
    ----------
    low : float
        The lower end of the interval, positive.
    median : float
        The median, between ``low`` and ``high``.
    high : float
        The upper end of the interval.
    level : float, default 0.9
        Probability inside ``[low, high]``, in (0, 1).
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    SplitLogNormal
        The distribution.

    Raises
    ------
    ValueError
        Unless ``0 < low < median < high``, all finite, and ``level`` in (0, 1).

    See Also
    --------
    lognormal : The symmetric case, median the geometric mean.

    Examples
    --------
    >>> d = split_lognormal(15.0, 20.0, 25.0)  # "about 20" read as 15 to 25
    >>> [round(x, 6) for x in (d.quantile(0.05), d.median, d.quantile(0.95))]
    [15.0, 20.0, 25.0]
    """
    z = _z_of_level(level)
    low, median, high = _finite(low, "low"), _finite(median, "median"), _finite(high, "high")
    if not 0 < low < median < high:
        raise ValueError(
            f"split_lognormal needs 0 < low < median < high, got low={low!r}, "
            f"median={median!r}, high={high!r}"
        )
    return SplitLogNormal(
        mu=math.log(median),
        sigma_low=(math.log(median) - math.log(low)) / z,  # (the ratios may overflow)
        sigma_high=(math.log(high) - math.log(median)) / z,
        unit=unit,
    )


def exceedance(
    bound: float,
    scale: float,
    shape: float = 0.0,
    side: Literal["above", "below"] = "above",
    anchors: Sequence[tuple[float, float]] = (),
    *,
    unit: str | None = None,
) -> Exceedance:
    """A value beyond ``bound`` with a generalised Pareto excess (see `Exceedance`).

    Parameters
    ----------
    bound : float
        The bound, positive and finite.
    scale : float
        Scale of the excess, as a fraction of ``bound``; positive.
    shape : float, default 0.0
        Generalised Pareto shape, in [0, 1).
    side : {"above", "below"}, default "above"
        Which side of the bound the value lies on.
    anchors : sequence of tuple of float, default ()
        ``(point, scale)`` pairs that the reading must not cross (see `Exceedance`).
    unit : str or None, default None
        Unit of the values, e.g. ``"rounds"`` (a label: it does not scale anything).

    Returns
    -------
    Exceedance
        The distribution.

    See Also
    --------
    Exceedance : The class, with the formula.
    munitions_model.hedges.ReaderHedges : Reads "more than x" as one.

    Examples
    --------
    >>> d = exceedance(1000.0, scale=0.05, shape=0.0)  # "more than 1,000"
    >>> d.support[0], round(d.median, 3)  # median 1000 * (1 + 0.05 ln 2)
    (1000.0, 1034.657)
    """
    if isinstance(anchors, str) or not isinstance(anchors, Sequence):
        raise ValueError(f"anchors must be a sequence of pairs, got {_validation.shown(anchors)}")
    pairs, checked = list(anchors), []
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            raise ValueError(
                f"anchors[{i}] must be a (point, scale) pair, got {_validation.shown(pair)}"
            )
        checked.append(
            (_validation.real(pair[0], "anchor point"), _validation.real(pair[1], "anchor scale"))
        )
    return Exceedance(
        bound=_validation.real(bound, "bound"),
        scale=_validation.real(scale, "scale"),
        shape=_validation.real(shape, "shape"),
        side=side,
        anchors=tuple(checked),
        unit=unit,
    )
