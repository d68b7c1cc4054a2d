"""Distribution specs: small frozen pydantic models with a vectorised quantile function.

Every distribution exposes ``ppf(u)`` (the inverse CDF), ``cdf(x)``, ``quantile(q)``,
``interval(level)``, ``median``, ``mean`` and ``support``, and round-trips through JSON
(``to_json`` / :func:`distribution_from_json`; the ``kind`` field discriminates).

All sampling goes through the quantile function. The engine draws *normal scores* ``z``
(plain Monte Carlo, scrambled Sobol points mapped through the normal quantile, or
correlated scores from a Gaussian copula) and maps them with ``from_normal(z)``, which is
``ppf(Phi(z))`` written so that the common cases cost nothing extra: for a lognormal it is
``exp(mu + sigma * z)``, and ``log_from_normal`` skips even the ``exp``. Mixtures sample
through a tabulated quantile function whose interpolation error is checked when it is
built (see `Mixture`).
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

from munitions_model import _invert, _normal, _stats, _tables, _validation
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

# A mixture's tabulated quantile function: nodes evenly spaced in normal score on [-6, 6].
_TABLE_NODES = 2**16 + 1
_TABLE_Z_MAX = 6.0
_TABLE_LAYOUT = f"{_TABLE_NODES} nodes on [-{_TABLE_Z_MAX}, {_TABLE_Z_MAX}]"
# Draws interpolated together: small enough that a block and its temporaries stay in cache.
_TABLE_BLOCK = 1 << 16
# Built tables by spec (JSON), so that an equal mixture built again (in a loop, a sweep or a
# report) does not pay for the bisection again: at most 16 tables of about 1 MiB each.
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


def _z_of_level(level: float) -> float:
    """Standard normal quantile that bounds a central interval of probability ``level``."""
    return float(_ndtri(0.5 + _validation.interval_level(level) / 2.0))


def _check_finite(name: str, value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def _as_unit_interval(u: ArrayLike) -> Floats:
    arr = np.asarray(u, dtype=np.float64)
    if arr.size and not (np.all(arr >= 0.0) and np.all(arr <= 1.0)):
        bad = arr[~((arr >= 0) & (arr <= 1))].ravel()[0]
        raise ValueError(f"u must lie in [0, 1], got {float(bad)!r}")
    return arr


class _Base(BaseModel):
    """Shared behaviour. Subclasses implement ``ppf``, ``cdf``, ``mean`` and ``support``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: str | None = None

    # -- to implement -------------------------------------------------------------------
    def _ppf(self, u: Floats) -> Floats:
        raise NotImplementedError

    def _cdf(self, x: Floats) -> Floats:
        raise NotImplementedError

    @property
    def support(self) -> tuple[float, float]:
        """Smallest and largest value the distribution can take."""
        raise NotImplementedError

    @property
    def mean(self) -> float:
        """Expected value."""
        nodes, weights = _gauss_hermite()
        return float(np.dot(weights, self.from_normal(nodes)))

    # -- shared -------------------------------------------------------------------------
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
        return self._cdf(np.asarray(x, dtype=np.float64))

    def from_normal(self, z: ArrayLike) -> Floats:
        """Map standard normal scores to values: ``ppf(Phi(z))``, monotone in ``z``.

        Parameters
        ----------
        z : array_like
            Standard normal scores.

        Returns
        -------
        ndarray
            The values, shaped like ``z``.
        """
        return self._ppf(_ndtr(np.asarray(z, dtype=np.float64)))

    def log_from_normal(self, z: ArrayLike) -> Floats:
        """Return ``log(from_normal(z))``; only meaningful for positive distributions.

        Parameters
        ----------
        z : array_like
            Standard normal scores.

        Returns
        -------
        ndarray
            The logarithms of the values, shaped like ``z``.
        """
        with np.errstate(divide="ignore"):
            return np.log(self.from_normal(z))

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        """Like `log_from_normal` but may overwrite ``z`` (the engine owns its scores)."""
        return self.log_from_normal(z)

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
        """
        q = _validation.quantile_probability(q)
        return float(self._ppf(np.array([q]))[0])  # (q is checked: no second check)

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
        _z_of_level(level)  # validates level
        tail = (1.0 - level) / 2.0
        return self.quantile(tail), self.quantile(1.0 - tail)

    @property
    def median(self) -> float:
        """The 50% quantile."""
        return self.quantile(0.5)

    def sample(self, samples: int, *, seed: SeedLike = None) -> Floats:
        """Draw ``samples`` independent values, through the quantile function.

        Parameters
        ----------
        samples : int
            How many draws.
        seed : int, SeedSequence, Generator, SeedRecord or None
            The randomness; the same seed gives the same draws.

        Returns
        -------
        ndarray
            The draws, shape ``(samples,)``.
        """
        count = _validation.samples(samples)
        rng = _validation.generator(_validation.seed_record(seed))
        return self.from_normal(rng.standard_normal(count))

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
        """
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
        lo, hi = self.interval(0.9)
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.kind} (median {self.median:.4g}, 90% {lo:.4g}-{hi:.4g}{unit})"  # type: ignore[attr-defined]


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

    def _cdf(self, x: Floats) -> Floats:
        return (x >= self.value).astype(np.float64)

    def from_normal(self, z: ArrayLike) -> Floats:
        return np.full(np.shape(z), self.value)

    def log_from_normal(self, z: ArrayLike) -> Floats:
        with np.errstate(divide="ignore"):
            return np.full(np.shape(z), np.log(self.value))

    @property
    def support(self) -> tuple[float, float]:
        return self.value, self.value

    @property
    def mean(self) -> float:
        return self.value


class _Interval(_Base):
    """Base for specs with ``low < high`` (both finite)."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_finite("low", self.low)
        _check_finite("high", self.high)
        if not self.low < self.high:
            raise ValueError(f"low must be below high, got low={self.low!r}, high={self.high!r}")
        return self

    @property
    def support(self) -> tuple[float, float]:
        return self.low, self.high


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
        return self.low + u * (self.high - self.low)

    def _cdf(self, x: Floats) -> Floats:
        return np.clip((x - self.low) / (self.high - self.low), 0.0, 1.0)

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2.0


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

    def log_from_normal(self, z: ArrayLike) -> Floats:
        lo, hi = math.log(self.low), math.log(self.high)
        return lo + _ndtr(np.asarray(z, dtype=np.float64)) * (hi - lo)

    def _ppf(self, u: Floats) -> Floats:
        lo, hi = math.log(self.low), math.log(self.high)
        return np.exp(lo + u * (hi - lo))

    def _cdf(self, x: Floats) -> Floats:
        lo, hi = math.log(self.low), math.log(self.high)
        with np.errstate(divide="ignore"):
            return np.clip((np.log(np.maximum(x, 0.0)) - lo) / (hi - lo), 0.0, 1.0)

    @property
    def mean(self) -> float:
        return (self.high - self.low) / math.log(self.high / self.low)


class Normal(_Base):
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

    def _ppf(self, u: Floats) -> Floats:
        with np.errstate(divide="ignore"):
            return self.mu + self.sd * _ndtri(u)

    def _cdf(self, x: Floats) -> Floats:
        return _ndtr((x - self.mu) / self.sd)

    def from_normal(self, z: ArrayLike) -> Floats:
        return self.mu + self.sd * np.asarray(z, dtype=np.float64)

    @property
    def support(self) -> tuple[float, float]:
        return -math.inf, math.inf

    @property
    def mean(self) -> float:
        return self.mu


class LogNormal(_Base):
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

    def _ppf(self, u: Floats) -> Floats:
        with np.errstate(divide="ignore", over="ignore"):
            return np.exp(self.mu + self.sigma * _ndtri(u))

    def _cdf(self, x: Floats) -> Floats:
        with np.errstate(divide="ignore"):
            return _ndtr((np.log(np.maximum(x, 0.0)) - self.mu) / self.sigma)

    def quantile(self, q: float) -> float:
        # One value in plain Python (the exact path asks for a few): the values of `_ppf`,
        # bit for bit (numpy's exp of the same float64), without its array round trip.
        q = _validation.quantile_probability(q)
        log_value = self.mu + self.sigma * _normal.ndtri(q)
        if log_value > 709.0:  # exp overflows: `_ppf` gives inf without a warning
            return super().quantile(q)
        return float(np.exp(np.float64(log_value)))

    def from_normal(self, z: ArrayLike) -> Floats:
        return np.exp(self.log_from_normal(z))

    def log_from_normal(self, z: ArrayLike) -> Floats:
        return self.mu + self.sigma * np.asarray(z, dtype=np.float64)

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        z *= self.sigma
        z += self.mu
        return z

    @property
    def support(self) -> tuple[float, float]:
        return 0.0, math.inf

    @property
    def mean(self) -> float:
        return math.exp(self.mu + self.sigma**2 / 2.0)

    @property
    def median(self) -> float:
        return math.exp(self.mu)


class SplitLogNormal(_Base):
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

    def _ppf(self, u: Floats) -> Floats:
        with np.errstate(divide="ignore", over="ignore"):
            return np.exp(self.log_from_normal(_ndtri(u)))

    def _cdf(self, x: Floats) -> Floats:
        with np.errstate(divide="ignore"):
            t = np.log(np.maximum(x, 0.0)) - self.mu
        return _ndtr(np.where(t < 0, t / self.sigma_low, t / self.sigma_high))

    def from_normal(self, z: ArrayLike) -> Floats:
        with np.errstate(over="ignore"):
            return np.exp(self.log_from_normal(z))

    def log_from_normal(self, z: ArrayLike) -> Floats:
        scores = np.asarray(z, dtype=np.float64)
        sigma = np.where(scores < 0, self.sigma_low, self.sigma_high)
        return np.asarray(self.mu + sigma * scores, dtype=np.float64)

    @property
    def support(self) -> tuple[float, float]:
        return 0.0, math.inf

    @property
    def mean(self) -> float:
        # E[exp(s Z); Z < 0] = exp(s^2 / 2) Phi(-s), and the mirror image above the median.
        low, high = self.sigma_low, self.sigma_high
        below = math.exp(low**2 / 2.0) * float(_ndtr(-low))
        above = math.exp(high**2 / 2.0) * float(_ndtr(high))
        return math.exp(self.mu) * (below + above)

    @property
    def median(self) -> float:
        return math.exp(self.mu)


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
    >>> Triangular(low=0.0, mode=5.0, high=10.0).median
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
        left = a + np.sqrt(np.maximum(u, 0.0) * (b - a) * (c - a))
        right = b - np.sqrt(np.maximum(1.0 - u, 0.0) * (b - a) * (b - c))
        return np.where(u < split, left, right)

    def _cdf(self, x: Floats) -> Floats:
        a, c, b = self.low, self.mode, self.high
        xc = np.clip(x, a, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            left = (xc - a) ** 2 / ((b - a) * (c - a))
            right = 1.0 - (b - xc) ** 2 / ((b - a) * (b - c))
        return np.where(xc <= c, np.nan_to_num(left), np.nan_to_num(right, nan=1.0))

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3.0


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
        if not (math.isfinite(self.lam) and self.lam > 0):
            raise ValueError(f"lam must be a finite number > 0, got {self.lam!r}")
        return self

    @property
    def _ab(self) -> tuple[float, float]:
        width = self.high - self.low
        return (
            1.0 + self.lam * (self.mode - self.low) / width,
            1.0 + self.lam * (self.high - self.mode) / width,
        )

    def _ppf(self, u: Floats) -> Floats:
        from scipy import special  # imported when first needed: it is slow to import

        a, b = self._ab
        return self.low + (self.high - self.low) * np.asarray(special.betaincinv(a, b, u))

    def _cdf(self, x: Floats) -> Floats:
        a, b = self._ab
        t = np.clip((x - self.low) / (self.high - self.low), 0.0, 1.0)
        if np.all((t == 0.0) | (t == 1.0)):  # outside the support (no scipy needed)
            return t
        from scipy import special

        return np.asarray(special.betainc(a, b, t), dtype=np.float64)

    @property
    def mean(self) -> float:
        return (self.low + self.lam * self.mode + self.high) / (self.lam + 2.0)


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

    def from_normal(self, z: ArrayLike) -> Floats:
        z = np.asarray(z, dtype=np.float64)
        tail = _ndtr(-z) if self.side == "above" else _ndtr(z)  # accurate in the far tail
        return self._value(_gpd_isf(tail, self.shape))

    def _cdf(self, x: Floats) -> Floats:
        points, scales = self._lines
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.side == "above":
                ratios = np.maximum(x, 0.0)[..., None] / points - 1.0
            else:
                ratios = points / np.maximum(x, 0.0)[..., None] - 1.0
            y = np.min(ratios / scales, axis=-1)
        y = np.where(np.isnan(y), math.inf, y)
        inside = _gpd_sf(np.maximum(y, 0.0), self.shape)
        if self.side == "above":
            return np.where(x <= self.bound, 0.0, 1.0 - inside)
        return np.where(x >= self.bound, 1.0, np.where(x <= 0.0, 0.0, inside))

    @property
    def support(self) -> tuple[float, float]:
        return (self.bound, math.inf) if self.side == "above" else (0.0, self.bound)

    @property
    def mean(self) -> float:
        if self.side == "below":
            return self._mean_below()
        return self._mean_above()

    def _mean_below(self) -> float:
        """``int_0^bound P(X > x) dx`` by Gauss-Legendre between the envelope's kinks."""
        points, scales = self._lines
        cuts = {0.0, self.bound}
        for j in range(points.size):
            for k in range(points.size):
                den = points[j] * scales[k] - points[k] * scales[j]
                y = (points[k] - points[j]) / den if den != 0 else -1.0
                if y > 0:
                    cuts.add(float(points[j] / (1.0 + scales[j] * y)))
        edges = sorted(c for c in cuts if 0.0 <= c <= self.bound)
        total = 0.0
        for a, b in itertools.pairwise(edges):
            nodes, weights = _gauss_legendre()
            x = (a + b) / 2.0 + (b - a) / 2.0 * nodes
            total += (b - a) / 2.0 * float(np.dot(weights, 1.0 - self._cdf(x)))
        return total

    def _mean_above(self) -> float:
        """``E[max_k a_k + b_k Y]`` piece by piece along the upper envelope of the lines."""
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
        while True:
            a, b = points[current], slopes[current]
            steeper = [
                ((a - points[k]) / (slopes[k] - b), k)
                for k in range(points.size)
                if slopes[k] > b and (a - points[k]) / (slopes[k] - b) >= start
            ]
            end, nxt = min(steeper) if steeper else (math.inf, -1)
            mass = survival(start) - survival(end)
            total += float(a * mass + b * (tail_mean(start) - tail_mean(end)))
            if nxt < 0:
                return total
            current, start = nxt, end


class Empirical(_Base):
    """Distribution of a set of samples (e.g. another estimate's draws).

    The quantile function interpolates linearly between order statistics, as
    ``numpy.quantile``'s default method does; the mean is that of this quantile function.

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
    >>> Empirical(values=(1.0, 2.0, 3.0, 4.0)).median
    2.5
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
        return np.asarray(self.values, dtype=np.float64)

    def _ppf(self, u: Floats) -> Floats:
        s = self._sorted
        lo, hi, frac = _stats.positions(s.size, u)
        return _stats.between(s[lo], s[hi], frac)

    def _cdf(self, x: Floats) -> Floats:
        return np.searchsorted(self._sorted, x, side="right") / self._sorted.size

    @property
    def support(self) -> tuple[float, float]:
        return float(self._sorted[0]), float(self._sorted[-1])

    @property
    def mean(self) -> float:
        # The mean of the interpolated quantile function (trapezoids between order
        # statistics), so that it agrees with sampling; the plain sample mean differs by
        # O(1/n).
        s = self._sorted
        if s.size == 1:
            return float(s[0])
        return float((s[:-1] + s[1:]).sum() / (2.0 * (s.size - 1)))


class Truncated(_Base):
    """``base`` restricted to ``[low, high]`` (either bound may be omitted) and renormalised.

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
        if not self._mass > 0.0:
            raise ValueError(f"{self.base.kind} has no mass between {lo!r} and {hi!r}")
        return self

    @cached_property
    def _f_bounds(self) -> tuple[float, float]:
        f_lo = 0.0 if self.low is None else float(self.base.cdf(self.low))
        f_hi = 1.0 if self.high is None else float(self.base.cdf(self.high))
        return f_lo, f_hi

    @property
    def _mass(self) -> float:
        f_lo, f_hi = self._f_bounds
        return f_hi - f_lo

    def _ppf(self, u: Floats) -> Floats:
        f_lo, f_hi = self._f_bounds
        x = self.base.ppf(f_lo + u * (f_hi - f_lo))
        lo, hi = self.support
        return np.clip(x, lo, hi)

    def _cdf(self, x: Floats) -> Floats:
        f_lo, f_hi = self._f_bounds
        return np.clip((self.base.cdf(x) - f_lo) / (f_hi - f_lo), 0.0, 1.0)

    def log_from_normal(self, z: ArrayLike) -> Floats:
        if isinstance(self.base, LogNormal):
            return self._log_from_normal_inplace(np.array(z, dtype=np.float64))
        return super().log_from_normal(z)

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        base = self.base
        if not isinstance(base, LogNormal):
            return super()._log_from_normal_inplace(z)
        # log of ppf(Phi(z)) without the exp/log round trip:
        # mu + sigma * ndtri(F_lo + Phi(z) (F_hi - F_lo)), clipped to the log bounds.
        f_lo, f_hi = self._f_bounds
        lo, hi = self.support
        _normal.ndtr(z, out=z)
        z *= f_hi - f_lo
        z += f_lo
        _normal.ndtri(z, out=z)
        z *= base.sigma
        z += base.mu
        with np.errstate(divide="ignore"):
            log_lo = math.log(lo) if lo > 0 else -math.inf
        np.clip(z, log_lo, math.log(hi) if hi < math.inf else math.inf, out=z)
        return z

    @property
    def support(self) -> tuple[float, float]:
        b_lo, b_hi = self.base.support
        lo = b_lo if self.low is None else max(b_lo, self.low)
        hi = b_hi if self.high is None else min(b_hi, self.high)
        return lo, hi

    @property
    def mean(self) -> float:
        base = self.base
        f_lo, f_hi = self._f_bounds
        if isinstance(base, LogNormal):
            # E[X; a<X<b] = exp(mu + s^2/2) [Phi(beta - s) - Phi(alpha - s)]
            s = base.sigma
            a_z, b_z = _ndtri(f_lo), _ndtri(f_hi)
            part = _ndtr(b_z - s) - _ndtr(a_z - s)
            return float(base.mean * part / (f_hi - f_lo))
        if isinstance(base, Normal):
            a_z, b_z = _ndtri(f_lo), _ndtri(f_hi)
            phi = np.exp(-0.5 * np.array([a_z, b_z]) ** 2) / math.sqrt(2 * math.pi)
            return float(base.mu + base.sd * (phi[0] - phi[1]) / (f_hi - f_lo))
        return super().mean


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
        if abs(w.sum() - 1.0) > 1e-9:
            raise ValueError(f"weights must sum to 1, got {self.weights!r} (sum {w.sum()!r})")
        return self

    def _cdf(self, x: Floats) -> Floats:
        out = np.zeros(x.shape)
        for w, c in zip(self.weights, self.components, strict=True):
            out += w * c.cdf(x)
        return out

    def _ppf(self, u: Floats) -> Floats:
        out = np.empty(u.shape)
        lo_end, hi_end = self.support
        out[u <= 0.0] = lo_end
        out[u >= 1.0] = hi_end
        inner = (u > 0.0) & (u < 1.0)
        out[inner] = self._bisect(u[inner])
        return out

    def _bisect(self, u: Floats) -> Floats:
        """Exact quantiles for ``0 < u < 1``: what bisection on the mixture CDF returns
        (found in a few evaluations of it, see ``munitions_model._invert``)."""
        # The mixture quantile lies between the smallest and largest component quantiles.
        qs = np.stack([c.ppf(u) for c in self.components])
        lo, hi = qs.min(axis=0), qs.max(axis=0)
        ends = np.stack([c.ppf(np.array([1e-10, 1.0 - 1e-10])) for c in self.components])
        span = float(ends[:, 0].min()), float(ends[:, 1].max())  # where most answers are
        atoms = np.array([c.value for c in self.components if isinstance(c, Point)])
        if bool(np.all(lo > 0)):  # in logs: ratio-scale steps whatever the scale
            with np.errstate(divide="ignore"):
                log_span = (math.log(span[0]), math.log(span[1])) if span[0] > 0 else None
                log_atoms = np.log(atoms[atoms > 0])
            # The first float whose exp reaches the atom (log rounds, then exp rounds).
            for _ in range(4):
                short = np.exp(log_atoms) < atoms[atoms > 0]
                log_atoms[short] = np.nextafter(log_atoms[short], np.inf)
            logs = _invert.smallest_crossing(
                lambda y: self._cdf(np.exp(y)), u, np.log(lo), np.log(hi), log_span, log_atoms
            )
            return np.exp(logs)
        return _invert.smallest_crossing(self._cdf, u, lo, hi, span, atoms)

    @cached_property
    def _table(self) -> _Table:
        """``(in_logs, z0, 1/dz, values, slopes)``: the exact quantile function at
        ``_TABLE_NODES`` normal scores evenly spaced on [-6, 6], in logs when positive
        (shipped with the package for the bundled record's mixtures, see
        ``munitions_model._tables``)."""
        key = self.model_dump_json(exclude={"unit"})
        with _TABLES_LOCK:
            table = _TABLES.get(key)
            if table is not None:
                _TABLES.move_to_end(key)
                return table
        shipped = _tables.lookup(key, _TABLE_LAYOUT)
        in_logs, y = shipped if shipped is not None else self._table_values()
        table = (in_logs, -_TABLE_Z_MAX, (_TABLE_NODES - 1) / (2 * _TABLE_Z_MAX), y, np.diff(y))
        for array in table[3:]:
            array.setflags(write=False)
        with _TABLES_LOCK:
            _TABLES[key] = table
            while len(_TABLES) > _TABLE_CACHE_SIZE:
                _TABLES.popitem(last=False)
        return table

    def _table_values(self) -> tuple[bool, Floats]:
        """The table's values, computed: whether they are logs, and the values."""
        y = self._ppf(_ndtr(np.linspace(-_TABLE_Z_MAX, _TABLE_Z_MAX, _TABLE_NODES)))
        in_logs = bool(np.all(y > 0))
        return in_logs, np.log(y) if in_logs else y

    def _interpolate_inplace(self, z: Floats) -> tuple[bool, Floats]:
        """The tabulated quantile function at scores ``z`` (in logs when positive), written
        over ``z`` block by block so that each block's temporaries stay in cache."""
        in_logs, z0, inv_dz, values, slopes = self._table
        if not z.flags.c_contiguous:
            z = np.ascontiguousarray(z)
        flat = z.reshape(-1)
        for start in range(0, flat.size, _TABLE_BLOCK):
            block = flat[start : start + _TABLE_BLOCK]
            low, high = float(block.min()), float(block.max())
            outside: NDArray[np.bool_] | None = None
            if low < z0 or high > -z0:  # the tails beyond the table: few draws, exact values
                outside = (block < z0) | (block > -z0)
                exact = self._ppf(_ndtr(block[outside]))
            block -= z0
            block *= inv_dz
            if low < z0 + 1e-6 or high > -z0 - 1e-6:  # only then can a node index overflow
                np.clip(block, 0.0, values.size - 1 - 1e-9, out=block)
            idx = block.astype(np.intp)
            block -= idx
            np.multiply(slopes.take(idx), block, out=block)
            block += values.take(idx)
            if outside is not None:
                with np.errstate(divide="ignore"):
                    block[outside] = np.log(exact) if in_logs else exact
        return in_logs, z

    def from_normal(self, z: ArrayLike) -> Floats:
        in_logs, out = self._interpolate_inplace(np.array(z, dtype=np.float64))
        return np.exp(out, out=out) if in_logs else out

    def log_from_normal(self, z: ArrayLike) -> Floats:
        return self._log_from_normal_inplace(np.array(z, dtype=np.float64))

    def _log_from_normal_inplace(self, z: Floats) -> Floats:
        in_logs, out = self._interpolate_inplace(z)
        if in_logs:
            return out
        with np.errstate(divide="ignore"):
            return np.log(out, out=out)

    @property
    def support(self) -> tuple[float, float]:
        lows, highs = zip(*(c.support for c in self.components), strict=True)
        return min(lows), max(highs)

    @property
    def mean(self) -> float:
        return float(sum(w * c.mean for w, c in zip(self.weights, self.components, strict=True)))


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
    return Point(value=value, unit=unit)


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
    return Uniform(low=low, high=high, unit=unit)


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
    return LogUniform(low=low, high=high, unit=unit)


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
    _check_finite("low", low)
    _check_finite("high", high)
    if not 0 < low < high:
        raise ValueError(f"lognormal needs 0 < low < high, got low={low!r}, high={high!r}")
    log_lo, log_hi = math.log(low), math.log(high)
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
    _check_finite("low", low)
    _check_finite("high", high)
    if not low < high:
        raise ValueError(f"normal needs low < high, got low={low!r}, high={high!r}")
    return Normal(mu=(low + high) / 2.0, sd=(high - low) / (2.0 * z), unit=unit)


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
    return Truncated(base=base, low=low, high=high, unit=base.unit)


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
    return Pert(low=low, mode=mode, high=high, lam=lam, unit=unit)


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
    >>> triangular(0, 5, 10).median
    5.0
    """
    return Triangular(low=low, mode=mode, high=high, unit=unit)


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
    comps = tuple(components)
    if not comps:
        raise ValueError("mixture needs at least one component, got none")
    w = tuple(weights) if weights is not None else (1.0 / len(comps),) * len(comps)
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
    >>> empirical([1.0, 2.0, 3.0, 4.0]).median
    2.5
    """
    arr = np.asarray(values, dtype=np.float64).ravel()
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
    for name, value in (("low", low), ("median", median), ("high", high)):
        _check_finite(name, value)
    if not 0 < low < median < high:
        raise ValueError(
            f"split_lognormal needs 0 < low < median < high, got low={low!r}, "
            f"median={median!r}, high={high!r}"
        )
    return SplitLogNormal(
        mu=math.log(median),
        sigma_low=math.log(median / low) / z,
        sigma_high=math.log(high / median) / z,
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
    return Exceedance(
        bound=bound,
        scale=scale,
        shape=shape,
        side=side,
        anchors=tuple((float(p), float(s)) for p, s in anchors),
        unit=unit,
    )
