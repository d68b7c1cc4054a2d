"""Which assumption moves the answer: tornado, elasticities, Sobol, wording, hedges, sweeps.

Every function here is pure: it takes a core function (e.g.
:func:`~munitions_model.model.duration_days`), its inputs in any form
:func:`munitions_model.estimate` accepts (phrase, `Claim`, distribution, `Estimate`,
number) and, where it draws at random, a ``seed``; it returns a frozen pydantic result that
prints, serialises and plots (:mod:`munitions_model.plots`).

``tornado``
    One input at a time at its low and high quantile, the others at their medians.
``elasticities``
    ``d ln f / d ln x``: the declared exponents of a product of powers, or central
    differences otherwise.
``sobol``
    Variance-based first- and total-order indices, the estimators of
    :func:`scipy.stats.sobol_indices`, with bootstrap intervals.
``wording_sensitivity``
    The same number read through each qualifier (around, over, up to ...), under the
    reading given and, beside it, the other standard reading (``reader-2015`` and
    ``granularity-1``: how readers read the words, how a speaker rounds).
``hedge_sensitivity``
    How much of the output's spread comes from the hedge model itself, from the words
    under a given reading, and from inputs given as numbers or distributions; with the
    output under the other standard reading beside it.
``sweep``
    Quantiles of the output over a grid of scenario parameters, in-process or fanned out
    to any `concurrent.futures.Executor` (a process pool, a Dask cluster ...).

Scale of variance-based results
-------------------------------
`sobol` and `hedge_sensitivity` decompose the variance of ``log(output)`` by default
(``scale="log"``). The quantities this library estimates (rounds, days, rounds a day) are
positive and known to within a factor; the hedge model itself works in ratios; and for a
product of powers of independent inputs ``log(output)`` is a sum, so the first-order
indices add up to one and equal each input's share of the log-variance,
``a_i^2 sigma_i^2 / sum_j a_j^2 sigma_j^2``. On the output itself (``scale="linear"``) the
variance of such a product is dominated by its upper tail and the indices include
interactions: for ``exp(a_1 X_1 + a_2 X_2)`` with independent normal ``X_i`` the exact
first-order index is ``(exp(s_1^2) - 1) / (exp(s_1^2 + s_2^2) - 1)`` with
``s_i = a_i sigma_i``, slightly below the log-share, and the two first-order indices leave
``(exp(s_1^2) - 1)(exp(s_2^2) - 1) / (exp(s_1^2 + s_2^2) - 1)`` to their interaction.
Both scales are available; the tests check both against these formulas. The indices are
Saltelli's estimators [1]_; pick-freeze estimation follows Sobol' [2]_.

References
----------
.. [1] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., & Tarantola, S.
   (2010). Variance based sensitivity analysis of model output. Design and estimator for
   the total sensitivity index. *Computer Physics Communications* 181(2), 259-270.
   https://doi.org/10.1016/j.cpc.2009.09.018
.. [2] Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models
   and their Monte Carlo estimates. *Mathematics and Computers in Simulation* 55, 271-280.
   https://doi.org/10.1016/S0378-4754(00)00270-6
"""

from __future__ import annotations

import functools
import inspect
import math
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import Any, Final, Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel, ConfigDict, ValidationError
from scipy import stats
from scipy.stats import qmc

from munitions_model import _validation, limits
from munitions_model._parser import parse_claim
from munitions_model._progress import Progress
from munitions_model._stats import quantiles, sorted_quantiles
from munitions_model._validation import SeedLike, SeedRecord
from munitions_model.claims import Claim, Qualifier
from munitions_model.distributions import Distribution, Point, Uniform
from munitions_model.estimation import (
    InputRecord,
    Quantity,
    Spread,
    _hedges,
    estimate,
    read_inputs,
    resolve_input,
)
from munitions_model.hedges import (
    DEFAULT_HEDGE_RANGES,
    DEFAULT_HEDGES,
    HedgeModel,
    interpret,
    other_reading,
)
from munitions_model.model import function_spec
from munitions_model.units import base_unit, to_base_factor

__all__ = [
    "DEFAULT_HEDGE_RANGES",
    "DEFAULT_WORDINGS",
    "Elasticities",
    "HedgeParameterSwing",
    "HedgeSensitivity",
    "SobolIndex",
    "SobolIndices",
    "SweepResult",
    "Tornado",
    "TornadoBar",
    "WordingReading",
    "WordingSensitivity",
    "elasticities",
    "hedge_sensitivity",
    "sobol",
    "sweep",
    "tornado",
    "wording_sensitivity",
]

Floats: TypeAlias = NDArray[np.float64]
Scale = Literal["log", "linear"]
# An infinite output (a duration at a zero fire rate) is "Infinity" in JSON, which reads back.
_FROZEN = ConfigDict(frozen=True, extra="forbid", ser_json_inf_nan="strings")
# Open unit interval for quantile functions: scrambled Sobol points lie in [0, 1).
_U_LOW: Final = float(np.finfo(np.float64).tiny)
_U_HIGH: Final = 1.0 - float(np.finfo(np.float64).epsneg)
# Log-step of the central differences: truncation error ~h^2/6 ~ 2e-11, rounding ~eps/h.
_LOG_STEP: Final = 1e-5
# Outputs gathered per batch of bootstrap resamples by `sobol`: 2^18 float64 (2 MiB: the
# batch stays in cache, which made the bootstrap three times faster than 8 MiB batches).
_BOOTSTRAP_ELEMENTS: Final = 1 << 18
# Elements (grid points x draws) evaluated at once by `sweep`: 2^22 float64 = 32 MiB.
_SWEEP_ELEMENTS: Final = 1 << 22


# -- shared helpers ---------------------------------------------------------------------------


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__name__", repr(fn))


def _unit(fn: Callable[..., Any]) -> str | None:
    spec = function_spec(fn)
    return spec.returns if spec else None


def _evaluate(fn: Callable[..., ArrayLike], values: Mapping[str, Any], size: int) -> Floats:
    """``fn(**values)`` as a float64 array of ``size`` values; NaN is an error."""
    out = np.asarray(fn(**values), dtype=np.float64)
    out = np.broadcast_to(out, (size,)) if out.size == 1 else out.reshape(-1)
    if out.size != size:
        raise ValueError(f"{_name(fn)} returned {out.size} values for {size} inputs")
    if np.isnan(out).any():
        raise ValueError(f"{_name(fn)} returned NaN for some inputs")
    return out


def _on_scale(y: Floats, scale: Scale, fn: Callable[..., Any]) -> Floats:
    """The output on the requested scale; ``ValueError`` if it cannot be taken there."""
    if scale == "log":
        ok = np.isfinite(y) & (y > 0)
        if not ok.all():
            bad = float(y[~ok][0])
            raise ValueError(
                f"scale='log' needs positive finite outputs, but {_name(fn)} returned "
                f"{int((~ok).sum())} values that are not (e.g. {bad!r}); use "
                "scale='linear' or inputs that keep the output positive and finite"
            )
        return np.log(y)
    if scale == "linear":
        if not np.isfinite(y).all():
            bad = float(y[~np.isfinite(y)][0])
            raise ValueError(
                f"variance needs finite outputs, but {_name(fn)} returned {bad!r} for some "
                "inputs (e.g. a stock that never runs out); narrow the inputs"
            )
        return y
    raise ValueError(f"scale must be 'log' or 'linear', got {scale!r}")


def _open_unit(u: Floats) -> Floats:
    return np.clip(u, _U_LOW, _U_HIGH)


def _spread(values: Floats, unit: str | None) -> Spread:
    """Median and 90% interval of draws (inf-safe linear quantiles)."""
    low, median, high = quantiles(values, (0.05, 0.5, 0.95))
    return Spread(median=float(median), low=float(low), high=float(high), unit=unit)


# -- tornado ----------------------------------------------------------------------------------


class TornadoBar(BaseModel):
    """One input's bar: the output with that input at its low and high quantile.

    Parameters
    ----------
    name : str
        The input.
    input_low, input_high : float
        The input at its low and high quantile.
    output_at_low, output_at_high : float
        The output with the input there, the others at their medians.

    See Also
    --------
    Tornado : Holds the bars.

    Examples
    --------
    >>> TornadoBar(name="stock_rounds", input_low=1e6, input_high=2e6, output_at_low=100.0,
    ...            output_at_high=200.0).swing
    100.0
    """

    model_config = _FROZEN

    name: str
    input_low: float
    input_high: float
    output_at_low: float
    output_at_high: float

    @property
    def swing(self) -> float:
        """``|output_at_high - output_at_low|``, in the output's unit."""
        return abs(self.output_at_high - self.output_at_low)


class Tornado(BaseModel):
    """One-at-a-time sensitivity: bars sorted by swing, largest first.

    Parameters
    ----------
    function : str
        Name of the function analysed.
    unit : str or None
        Unit of its output.
    low, high : float
        Quantile levels of the bar ends.
    baseline : float
        The output with every input at its median.
    bars : tuple of TornadoBar
        One per input, largest swing first.
    inputs : tuple of InputRecord
        How each input was read (provenance).

    See Also
    --------
    tornado : Computes it.
    munitions_model.plots.plot_tornado : Draws it.

    Examples
    --------
    >>> from munitions_model import implied_rounds_per_day
    >>> t = tornado(implied_rounds_per_day, {"stock_rounds": "more than one million rounds",
    ...                                      "duration_days": "around two months"})
    >>> t.bars[0].name
    'stock_rounds'
    """

    model_config = _FROZEN

    function: str
    unit: str | None
    low: float
    high: float
    baseline: float
    bars: tuple[TornadoBar, ...]
    inputs: tuple[InputRecord, ...]

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names from the most to the least influential."""
        return tuple(b.name for b in self.bars)


def tornado(
    fn: Callable[..., ArrayLike],
    inputs: Mapping[str, Quantity],
    low: float = 0.05,
    high: float = 0.95,
    *,
    hedges: HedgeModel | None = None,
) -> Tornado:
    """Compute the output's swing when each input moves to its low and high quantile.

    Each input in turn is set to its ``low`` and its ``high`` quantile while every other
    input stays at its median; the bar's swing is the absolute difference of the two
    outputs. Bars are sorted by swing, largest first (ties keep the order of ``inputs``).
    All ``2k + 1`` scenarios are evaluated in one vectorised call.

    Parameters
    ----------
    fn : callable
        A vectorised core function, e.g. :func:`munitions_model.implied_rounds_per_day`.
    inputs : mapping
        Argument name -> phrase, `Claim`, distribution, `Estimate` or number.
    low, high : float
        Quantile levels of the bar ends, ``0 < low < high < 1`` (default 5% and 95%).
    hedges : HedgeModel, optional
        How phrases are read; `DEFAULT_HEDGES` when omitted.

    Returns
    -------
    Tornado
        One bar per input, largest swing first.

    See Also
    --------
    elasticities : Local sensitivities at a point.
    sobol : Variance-based sensitivities.
    munitions_model.plots.plot_tornado : Draws it.

    Examples
    --------
    >>> from munitions_model import implied_rounds_per_day
    >>> from munitions_model.hedges import GRANULARITY_1
    >>> seed = {"stock_rounds": "more than one million rounds",
    ...         "duration_days": "around two months"}
    >>> tornado(implied_rounds_per_day, seed).ranking  # as readers read the words
    ('stock_rounds', 'duration_days')
    >>> tornado(implied_rounds_per_day, seed, hedges=GRANULARITY_1).ranking  # as rounded
    ('duration_days', 'stock_rounds')
    """
    low = _validation.quantile_probability(low, "low", open_interval=True)
    high = _validation.quantile_probability(high, "high", open_interval=True)
    if not low < high:
        raise ValueError(f"low must be below high, got low={low!r}, high={high!r}")
    records = read_inputs(fn, inputs, hedges)
    k = len(records)
    values: dict[str, Floats] = {}
    ends: list[tuple[float, float]] = []
    for i, r in enumerate(records):
        d = r.interpretation
        column = np.full(2 * k + 1, d.median)
        lo_x, hi_x = d.quantile(low), d.quantile(high)
        column[1 + 2 * i], column[2 + 2 * i] = lo_x, hi_x
        values[r.name] = column
        ends.append((lo_x, hi_x))
    out = _evaluate(fn, values, 2 * k + 1)
    bars = [
        TornadoBar(
            name=r.name,
            input_low=ends[i][0],
            input_high=ends[i][1],
            output_at_low=float(out[1 + 2 * i]),
            output_at_high=float(out[2 + 2 * i]),
        )
        for i, r in enumerate(records)
    ]
    bars.sort(key=lambda b: -b.swing)
    return Tornado(
        function=_name(fn),
        unit=_unit(fn),
        low=low,
        high=high,
        baseline=float(out[0]),
        bars=tuple(bars),
        inputs=tuple(records),
    )


# -- elasticities -----------------------------------------------------------------------------

ElasticityMethod = Literal["declared exponent", "zero input", "central difference"]


class Elasticities(BaseModel):
    """``d ln f / d ln x`` for each argument at a point, and how each was obtained.

    Parameters
    ----------
    function : str
        Name of the function analysed.
    at : dict of str to float
        The point: each argument's value in base units.
    output : float
        The output there.
    values : dict of str to float
        Each argument's elasticity ``d ln f / d ln x``.
    method : dict of str to str
        How each was obtained: ``"declared exponent"``, ``"zero input"`` or
        ``"central difference"``.

    See Also
    --------
    elasticities : Computes them.

    Examples
    --------
    >>> from munitions_model import duration_days
    >>> e = elasticities(duration_days, {"stock_rounds": 1e6, "rounds_per_day": 1e4})
    >>> e.method["stock_rounds"]
    'declared exponent'
    """

    model_config = _FROZEN

    function: str
    at: dict[str, float]
    output: float
    values: dict[str, float]
    method: dict[str, ElasticityMethod]

    @property
    def exact(self) -> bool:
        """Whether every value is exact (declared exponents or a zero input)."""
        return all(m != "central difference" for m in self.method.values())


def _defaults(fn: Callable[..., Any]) -> dict[str, Any]:
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature
        return {}
    return {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}


def elasticities(
    fn: Callable[..., ArrayLike],
    at: Mapping[str, Quantity],
    *,
    hedges: HedgeModel | None = None,
) -> Elasticities:
    """Compute the elasticity of the output with respect to each argument at a point.

    The elasticity ``e_i = (x_i / f) df/dx_i = d ln f / d ln x_i`` is the percentage change
    of the output per percent change of the input.

    * When ``fn`` declares exponents (a product of powers, see
      :func:`munitions_model.model.model_function`) and every other argument keeps its default,
      each power-law argument's elasticity is its exponent, exactly.
    * An argument at zero has elasticity zero: a proportional change of zero is no change.
    * Otherwise a central difference in ``ln x`` (step 1e-5; a backward difference where
      the forward step leaves the argument's domain, e.g. a fraction above 1).

    Parameters
    ----------
    fn : callable
        A vectorised core function.
    at : mapping
        Argument name -> value in base units; a phrase, `Claim`, distribution or `Estimate`
        is taken at its median.
    hedges : HedgeModel, optional
        How phrases are read.

    Returns
    -------
    Elasticities
        Each argument's elasticity and how it was obtained.

    See Also
    --------
    tornado : The output's swing over each input's range.
    munitions_model.model.model_function : Declares the exponents used exactly.

    Examples
    --------
    >>> from munitions_model import duration_days
    >>> elasticities(duration_days, {"stock_rounds": 1e6, "rounds_per_day": 1e4}).values
    {'stock_rounds': 1.0, 'rounds_per_day': -1.0}
    """
    _validation.function(fn)
    _validation.mapping(at, "at")
    _validation.binds(fn, [str(name) for name in at], "at")
    spec = function_spec(fn)
    point: dict[str, float] = {}
    for name, value in at.items():
        if _validation.is_real(value):
            x = _validation.finite(value, name)
        else:
            slot = spec.units.get(name) if spec else None
            x = resolve_input(name, value, slot, hedges).interpretation.median
        point[name] = x
    f0 = float(_evaluate(fn, point, 1)[0])
    if f0 == 0.0 or not math.isfinite(f0):
        raise ValueError(f"elasticities of {_name(fn)} are undefined where it is {f0!r}")

    defaults = _defaults(fn)
    exponents = spec.exponents if spec else None
    declared = (
        exponents is not None
        and set(exponents) <= set(point)
        and all(n in exponents or defaults.get(n, object()) == x for n, x in point.items())
    )
    values: dict[str, float] = {}
    method: dict[str, ElasticityMethod] = {}
    for name, x in point.items():
        if declared and exponents is not None and name in exponents:
            values[name], method[name] = float(exponents[name]), "declared exponent"
        elif x == 0.0:
            values[name], method[name] = 0.0, "zero input"
        else:
            values[name], method[name] = _central(fn, point, name, f0), "central difference"
    return Elasticities(function=_name(fn), at=point, output=f0, values=values, method=method)


def _central(
    fn: Callable[..., ArrayLike], point: Mapping[str, float], name: str, f0: float
) -> float:
    """``x f'(x) / f`` by a difference in ``ln x``; backward if the forward step fails."""
    h = _LOG_STEP
    x = point[name]
    try:
        out = _evaluate(fn, {**point, name: np.array([x * math.exp(-h), x * math.exp(h)])}, 2)
        return float((out[1] - out[0]) / (2.0 * math.sinh(h)) / f0)
    except ValueError:
        below = float(_evaluate(fn, {**point, name: x * math.exp(-h)}, 1)[0])
        return (f0 - below) / (-math.expm1(-h)) / f0


# -- Sobol ------------------------------------------------------------------------------------


class SobolIndex(BaseModel):
    """First- and total-order index of one input, with bootstrap intervals.

    Parameters
    ----------
    name : str
        The input.
    first_order : float
        Its first-order index.
    first_order_low, first_order_high : float
        Bootstrap interval of the first-order index.
    total_order : float
        Its total-order index.
    total_order_low, total_order_high : float
        Bootstrap interval of the total-order index.

    See Also
    --------
    SobolIndices : One per input.

    Examples
    --------
    >>> SobolIndex(name="stock_rounds", first_order=0.1, first_order_low=0.05,
    ...            first_order_high=0.15, total_order=0.1, total_order_low=0.05,
    ...            total_order_high=0.15).total_order
    0.1
    """

    model_config = _FROZEN

    name: str
    first_order: float
    first_order_low: float
    first_order_high: float
    total_order: float
    total_order_low: float
    total_order_high: float


class SobolIndices(BaseModel):
    """Variance-based sensitivity indices of every uncertain input.

    Parameters
    ----------
    function : str
        Name of the function analysed.
    unit : str or None
        Unit of its output.
    scale : {"log", "linear"}
        Whether the variance of ``log(output)`` or of the output was decomposed.
    samples : int
        Rows of each design matrix.
    evaluations : int
        How many times the function was evaluated.
    seed : SeedRecord
        The seed as recorded: pass it as ``seed=`` to reproduce the result.
    confidence_level : float
        Of the bootstrap intervals.
    resamples : int
        Bootstrap resamples.
    indices : tuple of SobolIndex
        One per uncertain input.
    fixed : tuple of str
        Inputs given as plain numbers, which take no part.
    inputs : tuple of InputRecord
        How each input was read (provenance).

    See Also
    --------
    sobol : Computes them.
    munitions_model.plots.plot_sobol : Draws them.

    Examples
    --------
    >>> from munitions_model import duration_days, lognormal
    >>> s = sobol(duration_days, {"stock_rounds": lognormal(5e5, 2e6),
    ...           "rounds_per_day": lognormal(5e3, 3e4)}, samples=256, seed=1)
    >>> [i.name for i in s.indices]
    ['stock_rounds', 'rounds_per_day']
    """

    model_config = _FROZEN

    function: str
    unit: str | None
    scale: Scale
    samples: int
    evaluations: int
    seed: SeedRecord
    confidence_level: float
    resamples: int
    indices: tuple[SobolIndex, ...]
    fixed: tuple[str, ...]
    inputs: tuple[InputRecord, ...]

    def first_order(self, name: str) -> float:
        """Return the first-order index of input ``name``.

        Parameters
        ----------
        name : str
            An input's name.

        Returns
        -------
        float
            The index.
        """
        return self._index(name).first_order

    def total_order(self, name: str) -> float:
        """Return the total-order index of input ``name``.

        Parameters
        ----------
        name : str
            An input's name.

        Returns
        -------
        float
            The index.
        """
        return self._index(name).total_order

    def _index(self, name: str) -> SobolIndex:
        _validation.text(name, "name")
        for index in self.indices:
            if index.name == name:
                return index
        known = [i.name for i in self.indices]
        raise ValueError(f"no Sobol index for {name!r}; uncertain inputs are {known}")


def sobol(
    fn: Callable[..., ArrayLike],
    inputs: Mapping[str, Quantity],
    *,
    samples: int = 2**14,
    seed: SeedLike = None,
    scale: Scale = "log",
    confidence_level: float = 0.95,
    resamples: int = 999,
    hedges: HedgeModel | None = None,
) -> SobolIndices:
    """Compute first- and total-order Sobol indices, with bootstrap confidence intervals.

    The indices are those of :func:`scipy.stats.sobol_indices` (Saltelli et al. 2010
    estimators [1]_), bit for bit. The sample design is the one scipy uses, two matrices ``A``
    and ``B`` from one scrambled Sobol sequence of dimension ``2d`` mapped through each
    input's quantile function, drawn here with the given ``seed`` so that the same seed
    also fixes the bootstrap: the percentile interval :func:`scipy.stats.bootstrap`
    gives when resampling the ``samples`` rows of the design (scipy's own
    ``SobolResult.bootstrap`` takes no generator, so it could not be reproduced), computed
    here for a few resamples at a time in one vectorised pass, with the same resample
    indices and arithmetic, so that memory stays a few MiB. BCa would re-estimate the
    indices once per row for its jackknife. ``fn`` is evaluated ``samples * (d + 2)``
    times in one vectorised call. Inputs that are plain numbers take no part (they are
    listed in ``fixed``).

    Parameters
    ----------
    fn : callable
        A vectorised core function.
    inputs : mapping
        Argument name -> phrase, `Claim`, distribution, `Estimate` or number.
    samples : int
        Rows of each design matrix; a power of two (Sobol balance), default 2^14.
    seed : SeedLike
        Randomness of the scrambling and the bootstrap.
    scale : {"log", "linear"}
        Decompose the variance of ``log(output)`` (default) or of the output itself; see
        the module docstring for why log is the default and the exact values on each scale.
    confidence_level : float
        Of the bootstrap intervals (default 0.95).
    resamples : int
        Bootstrap resamples (default 999).
    hedges : HedgeModel, optional
        How phrases are read.

    Returns
    -------
    SobolIndices
        One index pair per uncertain input, with intervals.

    See Also
    --------
    tornado : One input at a time.
    hedge_sensitivity : The same decomposition for the hedge model.

    References
    ----------
    .. [1] Saltelli et al. (2010), https://doi.org/10.1016/j.cpc.2009.09.018

    Examples
    --------
    >>> from munitions_model import duration_days, lognormal
    >>> s = sobol(duration_days, {"stock_rounds": lognormal(9e5, 1.1e6),
    ...           "rounds_per_day": lognormal(5e3, 3e4)}, samples=1024, seed=1)
    >>> s.first_order("rounds_per_day") > s.first_order("stock_rounds")
    True
    """
    n = _validation.power_of_two(samples, "samples", minimum=2, why="(Sobol balance)")
    boots = _validation.positive_int(resamples, "resamples", minimum=2)
    limits.check("samples", boots * n, "sobol's resamples x samples")
    level = _validation.interval_level(confidence_level, "confidence_level")
    records = read_inputs(fn, inputs, hedges)
    uncertain = [r for r in records if not isinstance(r.interpretation, Point)]
    fixed = {r.name: r.interpretation.support[0] for r in records if r not in uncertain}
    d = len(uncertain)
    if d == 0:
        raise ValueError("sobol needs at least one uncertain input; every input is a number")
    seed_used = _validation.seed_record(seed)
    rng = _validation.generator(seed_used)

    design = qmc.Sobol(d=2 * d, scramble=True, rng=rng).random_base2(int(n).bit_length() - 1)
    # Columns: A, B, then A with row i taken from B, for each i (Saltelli 2010, Table 2).
    # Input i takes only A's or B's values, so its quantile function is evaluated at those
    # 2n points, not at all (d + 2) n.
    a, b = _open_unit(design[:, :d].T), _open_unit(design[:, d:].T)
    values: dict[str, Any] = dict(fixed)
    for i, r in enumerate(uncertain):
        at_a, at_b = np.split(r.interpretation.ppf(np.concatenate([a[i], b[i]])), 2)
        values[r.name] = np.concatenate([at_a, at_b, *(at_b if j == i else at_a for j in range(d))])
    evaluations = (d + 2) * n
    y = _on_scale(_evaluate(fn, values, evaluations), scale, fn).reshape(d + 2, n)
    estimate_ = _saltelli(_resampled(y, np.arange(n)[None, :]))[0]
    low, high = _bootstrap_interval(y, boots, level, rng)
    result = [
        SobolIndex(
            name=r.name,
            first_order=float(estimate_[i]),
            first_order_low=float(low[i]),
            first_order_high=float(high[i]),
            total_order=float(estimate_[d + i]),
            total_order_low=float(low[d + i]),
            total_order_high=float(high[d + i]),
        )
        for i, r in enumerate(uncertain)
    ]
    return SobolIndices(
        function=_name(fn),
        unit=_unit(fn),
        scale=scale,
        samples=n,
        evaluations=evaluations,
        seed=seed_used,
        confidence_level=level,
        resamples=boots,
        indices=tuple(result),
        fixed=tuple(fixed),
        inputs=tuple(records),
    )


def _saltelli(rows: Floats, scratch: Floats | None = None) -> Floats:
    """Saltelli (2010) first- and total-order indices of resamples, ``(resamples, 2 d)``.

    ``rows`` holds each resample's outputs, ``(resamples, d + 2, n)`` and C-contiguous:
    ``f(A)``, ``f(B)`` and each ``f(AB_i)``; it is overwritten (centred, then differences
    and their squares in place). ``scratch``, if given, is a C-contiguous float64 buffer of
    at least ``resamples * max(2, d) * n`` values for the products and squared deviations.
    The arithmetic is that of :func:`scipy.stats.sobol_indices` (centred on the mean of
    ``f(A)`` and ``f(B)``, Table 2 (b) and (f)) with a resample axis in front, and gives
    the indices it gives, bit for bit (``tests/test_sobol_bootstrap.py`` checks that
    against scipy): each value goes through the same operations, and every sum is over
    the same values in the same memory order, so numpy's pairwise sums group them alike.
    """
    size, k, n = rows.shape
    if scratch is None:
        scratch = np.empty(size * max(2, k - 2) * n)
    # np.mean is numpy's sum divided by the count; written out, without its Python-level
    # checks (a few microseconds a call, thousands of calls)
    pair = rows[:, 0:2]
    mean = np.add.reduce(pair, axis=(1, 2)) / (2 * n)
    rows -= mean[:, None, None]  # centred
    var = _variance(pair, scratch[: size * 2 * n].reshape(size, 2, n))[:, None]
    f_a, f_b, apart = rows[:, 0:1], rows[:, 1:2], rows[:, 2:]
    apart -= f_a  # f(AB_i) - f(A); its square is (f(A) - f(AB_i))^2 exactly
    product = np.multiply(f_b, apart, out=scratch[: size * (k - 2) * n].reshape(size, k - 2, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.add.reduce(product, axis=-1) / n / var
        apart *= apart
        total = 0.5 * (np.add.reduce(apart, axis=-1) / n) / var
    out = np.concatenate([first, total], axis=1)
    out[~np.isfinite(out)] = 0.0
    return out


def _variance(values: Floats, squares: Floats) -> Floats:
    """``np.var(values, axis=(1, 2))``, bit for bit (numpy's steps: the sum over the two
    axes divided by the count, the deviations squared, their sum divided by the count),
    with the squared deviations written to ``squares`` (C-contiguous, the shape of
    ``values``, as the array numpy would allocate) instead of a new array."""
    count = values.shape[1] * values.shape[2]
    mean = np.add.reduce(values, axis=(1, 2), keepdims=True)
    mean /= count
    np.subtract(values, mean, out=squares)
    np.square(squares, out=squares)
    variance: Floats = np.add.reduce(squares, axis=(1, 2)) / count
    return variance


def _resampled(y: Floats, rows: NDArray[np.intp], out: Floats | None = None) -> Floats:
    """``y`` (outputs by design matrix, ``(d + 2, n)``) at each resample's rows,
    ``(resamples, d + 2, n)``, C-contiguous (``out``, if given): numpy's reductions then
    add in the order they do for one resample, so the indices are scipy's bit for bit.
    Each resample is gathered into its own contiguous block (``mode="clip"``: the rows
    are in range, so numpy need not check them, nor buffer the output)."""
    if out is None:
        out = np.empty((rows.shape[0], y.shape[0], y.shape[1]))
    for picked, block in zip(rows, out, strict=True):
        np.take(y, picked, axis=1, out=block, mode="clip")
    return out


def _resampled_rows(rng: np.random.Generator, size: int, n: int) -> NDArray[np.intp]:
    """``rng.integers(0, n, size=(size, n))`` for a power of two ``n``: the same rows, and
    the generator in the same state after, at about half the cost where that is known to
    hold (`_raw_rows_are_integers`).

    For a range below 2^32 numpy's ``integers`` takes one 32-bit half of a 64-bit output
    of the bit generator per value (PCG64: the low half, then the high one) and maps it to
    ``floor(x n / 2^32)`` (Lemire's method, which rejects nothing when ``n`` divides
    2^32): for ``n = 2^b``, the top ``b`` bits of each half. Made here from the raw 64-bit
    outputs; anything else (another bit generator, a half left over from an earlier
    32-bit draw, an odd count) goes to ``integers`` itself.
    """
    bits = rng.bit_generator
    if (
        type(bits) is np.random.PCG64
        and (size * n) % 2 == 0
        and 2 <= n <= 2**31
        and not bits.state["has_uint32"]
        and _raw_rows_are_integers()
    ):
        return _top_bits(bits, size, n)
    return rng.integers(0, n, size=(size, n))


def _top_bits(bits: np.random.BitGenerator, size: int, n: int) -> NDArray[np.intp]:
    """The top ``log2(n)`` bits of each 32-bit half of ``size * n / 2`` raw outputs."""
    halves = bits.random_raw(size * n // 2).view(np.uint32)
    rows = halves.astype(np.intp)
    rows >>= 32 - (n.bit_length() - 1)
    return rows.reshape(size, n)


@functools.cache
def _raw_rows_are_integers() -> bool:
    """Whether this numpy's ``integers`` is what `_resampled_rows` assumes (checked once
    on a fresh generator, values and state; numpy may change its algorithms)."""
    if sys.byteorder != "little":  # the 64-bit outputs' halves would come high first
        return False
    for b, size in ((1, 3), (5, 2), (14, 1)):
        n = 2**b
        made = np.random.PCG64(20261201)
        drawn = np.random.default_rng(20261201)
        if not np.array_equal(_top_bits(made, size, n), drawn.integers(0, n, size=(size, n))):
            return False
        if made.state["state"] != drawn.bit_generator.state["state"]:
            return False
    return True


def _bootstrap_interval(
    y: Floats, resamples: int, level: float, rng: np.random.Generator
) -> tuple[Floats, Floats]:
    """Percentile bootstrap interval of the Sobol indices, resampling the rows of the
    design: what :func:`scipy.stats.bootstrap` (``method="percentile"``) returns with
    :func:`scipy.stats.sobol_indices` as the statistic, bit for bit (the same resample
    indices from ``rng``, the same arithmetic), but vectorised over resamples and made a
    batch at a time in two buffers reused by every batch, so that memory stays a few MiB
    and not ``resamples x n`` indices.

    Parameters
    ----------
    y : ndarray, shape (d + 2, n)
        Outputs at ``A``, ``B`` and each ``AB_i``.
    """
    k, n = y.shape
    batch = max(1, _BOOTSTRAP_ELEMENTS // y.size)
    theta = np.empty((resamples, 2 * (k - 2)))
    gathered = np.empty((batch, k, n))
    scratch = np.empty(batch * max(2, k - 2) * n)
    for start in range(0, resamples, batch):
        size = min(batch, resamples - start)
        # n is a power of two: integers() then rejects nothing, so batches draw exactly
        # the stream scipy's single (resamples, n) draw does.
        rows = _resampled_rows(rng, size, n)
        theta[start : start + size] = _saltelli(_resampled(y, rows, gathered[:size]), scratch)
    alpha = np.asarray((1.0 - level) / 2.0, dtype=theta.dtype)
    interval = np.stack((alpha, 1 - alpha), axis=-1)
    ci = stats.quantile(theta.T, interval, axis=-1)
    return ci[..., 0], ci[..., 1]


# -- wording ----------------------------------------------------------------------------------

#: The wordings outlets used for the seed's "two months" (around, approximately, over, more
#: than; see ``seeds/README.md``) and the other common qualifiers of the same figure.
DEFAULT_WORDINGS: Final[Mapping[str, Qualifier]] = {
    "around": "about",
    "approximately": "about",
    "over": "more_than",
    "more than": "more_than",
    "at least": "at_least",
    "up to": "at_most",
}


class WordingReading(BaseModel):
    """The figure read through one wording, and what it implies downstream.

    Under the reading asked for and under the alternative reading.

    Parameters
    ----------
    wording : str
        The qualifier words, e.g. ``"over"``.
    qualifier : str
        The qualifier they stand for.
    phrase : str
        The phrase with that wording.
    stated : bool
        Whether this is the wording as reported.
    reading : Spread
        The figure read through that wording.
    output : Spread or None, default None
        What the reading implies downstream, when a function was given.
    alternative_reading : Spread or None, default None
        The figure read through that wording under the alternative reading.
    alternative_output : Spread or None, default None
        What the alternative reading implies downstream, when a function was given.

    See Also
    --------
    WordingSensitivity : Holds one per wording.

    Examples
    --------
    >>> w = wording_sensitivity("around two months").readings[0]
    >>> w.stated, w.qualifier
    (True, 'about')
    """

    model_config = _FROZEN

    wording: str
    qualifier: Qualifier
    phrase: str
    stated: bool
    reading: Spread
    output: Spread | None = None
    alternative_reading: Spread | None = None
    alternative_output: Spread | None = None


class WordingSensitivity(BaseModel):
    """One number read through several qualifiers, side by side.

    ``hedge_model`` reads them, ``alternative_model`` (when given) reads them beside it.

    Parameters
    ----------
    phrase : str
        The phrase as reported.
    claim : Claim
        It, parsed.
    hedge_model : str
        The hedge model that read the wordings.
    alternative_model : str or None, default None
        The alternative reading shown beside it (``name-version``), if any.
    function : str or None
        The function each reading was pushed through, if any.
    slot : str or None
        The argument the reading filled.
    readings : tuple of WordingReading
        One per wording.

    See Also
    --------
    wording_sensitivity : Computes it.
    munitions_model.plots.plot_wording : Draws it.

    Examples
    --------
    >>> [r.wording for r in wording_sensitivity("around two months").readings][:2]
    ['around', 'approximately']
    """

    model_config = _FROZEN

    phrase: str
    claim: Claim
    hedge_model: str
    alternative_model: str | None = None
    function: str | None
    slot: str | None
    readings: tuple[WordingReading, ...]


def _number_text(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) and value >= 1000 else f"{value:g}"


def wording_sensitivity(
    phrase: str | Claim,
    *,
    wordings: Mapping[str, Qualifier] | None = None,
    hedges: HedgeModel | None = None,
    alternative: HedgeModel | Literal[False] | None = None,
    fn: Callable[..., ArrayLike] | None = None,
    slot: str | None = None,
    inputs: Mapping[str, Quantity] | None = None,
    samples: int = 100_000,
    seed: SeedLike = None,
) -> WordingSensitivity:
    """Read the same figure through each qualifier of its kind, side by side.

    The number, unit and item of ``phrase`` are kept and only the qualifier changes:
    "around two months", "over two months", "up to two months" ... Each reading is a
    distribution from the hedge model. With ``fn`` and ``slot`` each reading is also
    pushed through ``fn`` (the other arguments from ``inputs``) with the same ``seed``,
    so the rows differ only by the wording.

    Parameters
    ----------
    phrase : str or Claim
        A single reported number (not a range).
    wordings : mapping of str to str or None, default None
        Wording -> qualifier; `DEFAULT_WORDINGS` (around, approximately, over, more than,
        at least, up to) when omitted. If the stated qualifier is not among them, the
        reading as stated comes first.
    hedges : HedgeModel or None, default None
        How words are read; `~munitions_model.hedges.DEFAULT_HEDGES` (``reader-2015``) when
        omitted.
    alternative : HedgeModel or False, optional
        A second reading shown beside it; the other standard reading when omitted
        (``granularity-1`` beside ``reader-2015`` and the reverse), none with ``False``.
    fn : Callable or None, default None
        Push each reading through ``fn`` as argument ``slot``.
    slot : str or None, default None
        The argument of ``fn`` the reading fills.
    inputs : mapping of str to Quantity or None, default None
        The other arguments of ``fn``.
    samples : int, default 100000
        Draws per estimate through ``fn``.
    seed : SeedLike, default None
        The same seed for every estimate, so the rows differ only by the wording.

    Returns
    -------
    WordingSensitivity
        One reading per wording.

    See Also
    --------
    hedge_sensitivity : How much the reading of the words matters overall.
    munitions_model.plots.plot_wording : Draws it.

    Examples
    --------
    >>> w = wording_sensitivity("around two months")
    >>> [r.qualifier for r in w.readings][:3]
    ['about', 'about', 'more_than']
    """
    if not isinstance(phrase, str | Claim):
        raise ValueError(f"phrase must be a phrase or a Claim, got {_validation.shown(phrase)}")
    claim = parse_claim(phrase) if isinstance(phrase, str) else phrase
    text = phrase if isinstance(phrase, str) else (claim.phrase or _number_text(claim.value))
    if claim.qualifier == "range":
        raise ValueError(f"wording_sensitivity needs a single number, got the range {text!r}")
    _check_push(fn, slot, inputs)
    table = dict(DEFAULT_WORDINGS if wordings is None else wordings)
    if not table:
        raise ValueError(f"wordings must name at least one wording, got {wordings!r}")
    model = DEFAULT_HEDGES if hedges is None else hedges
    other = other_reading(model) if alternative is None else alternative or None
    # One seed for every row (resolved once: fresh entropy or a Generator would otherwise
    # differ from row to row), so that the rows differ only by the wording.
    push = None
    if fn is not None and slot is not None:
        record = _validation.seed_record(seed)
        n = _validation.samples(samples)

        def push(variant: Claim, reading: HedgeModel) -> Spread:
            return Spread.of(
                estimate(
                    fn, {**(inputs or {}), slot: variant}, samples=n, seed=record, hedges=reading
                )
            )

    readings = []
    for word, qualifier, said, stated in _wording_rows(claim, text, table):
        variant = claim.model_copy(update={"qualifier": qualifier, "phrase": said})
        readings.append(
            WordingReading(
                wording=word,
                qualifier=qualifier,
                phrase=said,
                stated=stated,
                reading=Spread.of(_read(variant, model, text)),
                output=None if push is None else push(variant, model),
                alternative_reading=None
                if other is None
                else Spread.of(_read(variant, other, text)),
                alternative_output=None if push is None or other is None else push(variant, other),
            )
        )
    return WordingSensitivity(
        phrase=text,
        claim=claim,
        hedge_model=model.label,
        alternative_model=None if other is None else other.label,
        function=None if fn is None else _name(fn),
        slot=slot,
        readings=tuple(readings),
    )


def _read(variant: Claim, model: HedgeModel, text: str) -> Distribution:
    """``variant`` interpreted; a refusal names the phrase it was made from."""
    try:
        return interpret(variant, model)
    except ValueError as err:
        raise ValueError(f"phrase {text!r} read as {variant.phrase!r}: {err}") from err


def _check_push(
    fn: Callable[..., ArrayLike] | None, slot: str | None, inputs: Mapping[str, object] | None
) -> None:
    """``fn``, ``slot`` and ``inputs`` of `wording_sensitivity` make sense together."""
    if fn is not None:
        _validation.function(fn)
    if inputs is not None:
        _validation.mapping(inputs, "inputs", empty=True)
    if slot is not None and not isinstance(slot, str):
        raise ValueError(f"slot must be an argument name, got {_validation.shown(slot)}")
    if (fn is None) != (slot is None):
        raise ValueError(
            f"give fn and slot together (the argument the figure fills), got fn={fn!r}, "
            f"slot={slot!r}"
        )
    if inputs and fn is None:
        raise ValueError("inputs only make sense with fn and slot")
    if inputs and slot in inputs:
        raise ValueError(f"slot {slot!r} is filled by the wordings; remove it from inputs")


def _wording_rows(
    claim: Claim, text: str, table: Mapping[str, Qualifier]
) -> list[tuple[str, Qualifier, str, bool]]:
    """(wording, qualifier, phrase, whether it is the stated one) for each row: the reading
    as stated first when its qualifier is not among the wordings."""
    tail = " ".join(w for w in (_number_text(claim.value), claim.item, claim.unit) if w)
    tail = tail.removesuffix(" count")
    rows: list[tuple[str, Qualifier, str, bool]] = []
    if claim.qualifier not in table.values():
        rows.append(("as stated", claim.qualifier, text, True))
    rows += [(word, q, f"{word} {tail}", q == claim.qualifier) for word, q in table.items()]
    return rows


# -- hedge-model sensitivity ----------------------------------------------------------------


class HedgeParameterSwing(BaseModel):
    """The output's median with one hedge-model parameter at each end of its range.

    Parameters
    ----------
    parameter : str
        A `HedgeModel` field.
    low, high : float
        The ends of its range.
    median_at_low, median_at_high : float
        The output's median with the parameter at each end.

    See Also
    --------
    HedgeSensitivity : Lists one per parameter (``parameters``).

    Examples
    --------
    >>> HedgeParameterSwing(parameter="about_steps", low=0.5, high=2.0, median_at_low=20.0,
    ...                     median_at_high=25.0).swing
    5.0
    """

    model_config = _FROZEN

    parameter: str
    low: float
    high: float
    median_at_low: float
    median_at_high: float

    @property
    def swing(self) -> float:
        """``|median_at_high - median_at_low|``, in the output's unit."""
        return abs(self.median_at_high - self.median_at_low)


class HedgeSensitivity(BaseModel):
    """Where the output's spread comes from: the hedge model, the words, the numbers.

    The shares decompose ``Var(g(Y))`` (``g`` = log by default) by the law of total
    variance, with ``H`` the hedge model (drawn from ``ranges``), ``N`` the inputs given as
    numbers, distributions or estimates, and ``W`` where the words put each phrase's value
    under a given reading::

        Var g(Y) = Var_H E[g | H]              from_hedge_model
                 + E_H Var_N E[g | H, N]        from_numbers
                 + E_H E_N Var_W (g | H, N)     from_words

    so the three shares are non-negative in expectation and add up to one.

    Parameters
    ----------
    function : str
        Name of the function analysed.
    unit : str or None
        Unit of its output.
    scale : {"log", "linear"}
        Whether the variance of ``log(output)`` or of the output was decomposed.
    hedge_model : str
        The baseline hedge model.
    models : int
        How many hedge models were drawn.
    samples : int
        Draws per evaluation.
    seed : SeedRecord
        The seed as recorded: pass it as ``seed=`` to reproduce the result.
    words : tuple of str
        Inputs given as phrases or claims.
    numbers : tuple of str
        Inputs given as numbers, distributions or estimates.
    variance : float
        The total variance decomposed.
    from_hedge_model, from_words, from_numbers : float
        The three shares (they add up to one).
    face_value : Spread
        The output with every phrase at its stated number.
    hedged : Spread
        The output under the baseline hedge model.
    across_models : Spread
        The output pooled over the hedge models.
    alternative_model : str or None, default None
        The alternative reading (``name-version``), when one was asked for.
    alternative : Spread or None, default None
        The output under the alternative reading, with the same draws.
    parameters : tuple of HedgeParameterSwing
        The median's swing with each parameter at the ends of its range.
    ranges : dict of str to tuple of float
        The range of each parameter varied.

    See Also
    --------
    hedge_sensitivity : Computes it.
    munitions_model.plots.plot_hedge_sensitivity : Draws it.

    Examples
    --------
    >>> from munitions_model import implied_rounds_per_day
    >>> inputs = {"stock_rounds": "more than one million rounds",
    ...           "duration_days": "around two months"}
    >>> h = hedge_sensitivity(implied_rounds_per_day, inputs, samples=256, seed=1)
    >>> round(h.from_hedge_model + h.from_words + h.from_numbers, 6)
    1.0
    """

    model_config = _FROZEN

    function: str
    unit: str | None
    scale: Scale
    hedge_model: str
    models: int
    samples: int
    seed: SeedRecord
    words: tuple[str, ...]
    numbers: tuple[str, ...]
    variance: float
    from_hedge_model: float
    from_words: float
    from_numbers: float
    face_value: Spread
    hedged: Spread
    across_models: Spread
    alternative_model: str | None = None
    alternative: Spread | None = None
    parameters: tuple[HedgeParameterSwing, ...]
    ranges: dict[str, tuple[float, float]]


def _hedge_variants(
    base: HedgeModel,
    ranges: Mapping[str, tuple[float, float]],
    count: int,
    rng: np.random.Generator,
) -> list[HedgeModel]:
    """``count`` hedge models with the ranged parameters on a Latin hypercube."""
    names = list(ranges)
    points = qmc.LatinHypercube(d=len(names), rng=rng).random(count)
    out = []
    for m, row in enumerate(points):
        update = {
            name: lo + float(t) * (hi - lo)
            for name, t, (lo, hi) in zip(names, row, ranges.values(), strict=True)
        }
        out.append(_hedge_with(base, update, f"{base.version}.{m}"))
    return out


def _hedge_with(base: HedgeModel, update: Mapping[str, float], version: str) -> HedgeModel:
    try:
        return type(base).model_validate(
            {**base.model_dump(), **update, "name": f"{base.name}-varied", "version": version}
        )
    except ValidationError as err:
        raise ValueError(f"hedge parameters {dict(update)} are not valid: {err}") from err


def _face_value(claim: Claim) -> Distribution:
    """The claim's numbers with no reading: the stated value, or every value in a range."""
    factor = to_base_factor(claim.unit)
    unit = base_unit(claim.unit)
    if claim.value_high is not None:
        return Uniform(low=claim.value * factor, high=claim.value_high * factor, unit=unit)
    return Point(value=claim.value * factor, unit=unit)


def hedge_sensitivity(
    fn: Callable[..., ArrayLike],
    inputs: Mapping[str, Quantity],
    *,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    models: int | Sequence[HedgeModel] = 32,
    samples: int = 2**14,
    seed: SeedLike = None,
    scale: Scale = "log",
    hedges: HedgeModel | None = None,
    alternative: HedgeModel | Literal[False] | None = None,
) -> HedgeSensitivity:
    """Split the output's spread between the hedge model, the words and the numbers.

    Inputs given as phrases or `Claim` objects are *words*: the hedge model turns them
    into distributions. Inputs given as distributions, estimates or numbers are
    *numbers*. The hedge model itself is uncertain: nobody knows exactly how wide
    "around" is. This function draws ``models`` hedge models with each parameter in
    ``ranges`` on a Latin hypercube (or takes the models given), and decomposes the
    variance of ``log(output)`` by the law of total variance (see `HedgeSensitivity`):

    ``from_hedge_model``
        ``Var_H E[g | H] / Var g``: the spread that would go if we knew how to read the
        words (the first-order Sobol index of the hedge model as a group).
    ``from_numbers``
        ``E_H Var_N E[g | H, N] / Var g``: the spread carried by inputs given as numbers
        and distributions (for instance several reports that disagree, pooled).
    ``from_words``
        The rest: the spread the words express under a given reading.

    ``Var_N E[g | H, N]`` is estimated by pick-freeze (Sobol 2001 [1]_): ``Cov(g, g')`` between
    two evaluations that share the numbers' draws and redraw the words'. Every hedge model
    uses the same draws (common random numbers), so differences between models are not
    noise. The result also reports the output at face value (every phrase as its stated
    number, a range as every value between its ends), under the baseline model, pooled
    over the models and under the alternative reading, and a one-at-a-time swing of the
    median for each parameter.

    Parameters
    ----------
    fn : callable
        A vectorised core function.
    inputs : mapping
        Argument name -> phrase, `Claim`, distribution, `Estimate` or number.
    ranges : mapping, optional
        Field of the baseline reading -> (low, high); the reading's own when omitted
        (`DEFAULT_HEDGE_RANGES`, the bootstrap ranges of ``reader-2015``; for
        ``granularity-1``, `munitions_model.hedges.GRANULARITY_HEDGE_RANGES`).
    models : int or sequence of HedgeModel
        How many hedge models to draw (default 32), or the models themselves (equally
        likely).
    samples : int
        Draws per evaluation (default 2^14); ``fn`` runs ``2 * samples`` times per model.
    seed : SeedLike
        Randomness; the same seed gives bit-identical results.
    scale : {"log", "linear"}
        Decompose the variance of ``log(output)`` (default) or of the output.
    hedges : HedgeModel, optional
        The baseline reading; `DEFAULT_HEDGES` (``reader-2015``) when omitted.
    alternative : HedgeModel or False, optional
        A second reading whose output is reported beside the baseline's (same draws); the
        other standard reading when omitted, none with ``False``.

    Returns
    -------
    HedgeSensitivity
        The three shares, the output at face value and per model, and each parameter's swing.

    See Also
    --------
    wording_sensitivity : The same figure read through each wording.
    munitions_model.hedges.HedgeModel : The parameters varied.

    References
    ----------
    .. [1] Sobol' (2001), https://doi.org/10.1016/S0378-4754(00)00270-6 (pick-freeze).

    Examples
    --------
    >>> from munitions_model import implied_rounds_per_day
    >>> inputs = {"stock_rounds": "more than one million rounds",
    ...           "duration_days": "around two months"}
    >>> h = hedge_sensitivity(implied_rounds_per_day, inputs, samples=256, seed=1)
    >>> h.words
    ('stock_rounds', 'duration_days')
    """
    n = _validation.samples(samples, minimum=2)
    base = _hedges(hedges)
    other = other_reading(base) if alternative is None else alternative or None
    table = _hedge_ranges(base, ranges)
    records = read_inputs(fn, inputs, base)
    seed_used = _validation.seed_record(seed)
    rng = _validation.generator(seed_used)
    variants = _hedge_models(base, table, models, rng)
    draws = _HedgeDraws.make(fn, records, n, rng, scale)

    means, variances, covariances, pooled = [], [], [], []
    for model in variants:
        g = draws.run(model)
        means.append(float(g.mean()))
        variances.append(float(g.var()))
        covariances.append(draws.numbers_covariance(g))
        pooled.append(g)
    between = float(np.var(means))
    numbers_part = float(np.mean(covariances))
    within = float(np.mean(variances))
    total = between + within
    if total <= 0.0:
        raise ValueError(f"{_name(fn)} does not vary with these inputs: nothing to attribute")
    unit = _unit(fn)
    return HedgeSensitivity(
        function=_name(fn),
        unit=unit,
        scale=scale,
        hedge_model=base.label,
        models=len(variants),
        samples=n,
        seed=seed_used,
        words=tuple(r.name for r in draws.words),
        numbers=tuple(r.name for r in draws.given),
        variance=total,
        from_hedge_model=between / total,
        from_words=(within - numbers_part) / total,
        from_numbers=numbers_part / total,
        face_value=_spread(draws.face_value(), unit),
        hedged=_spread(draws.natural(draws.run(base)), unit),
        across_models=_spread(draws.natural(np.concatenate(pooled)), unit),
        alternative_model=None if other is None else other.label,
        alternative=None if other is None else _spread(draws.natural(draws.run(other)), unit),
        parameters=tuple(_parameter_swings(draws, base, table)),
        ranges={k: (float(v[0]), float(v[1])) for k, v in table.items()},
    )


def _hedge_ranges(
    base: HedgeModel, ranges: Mapping[str, tuple[float, float]] | None
) -> dict[str, tuple[float, float]]:
    """The ranges to vary, checked: numeric fields of ``base``'s reading, ``low < high``, and
    a valid model at each end."""
    table = base.sensitivity_ranges() if ranges is None else dict(ranges)
    for field, bounds in table.items():
        if field not in type(base).model_fields or field in ("name", "version"):
            raise ValueError(
                f"ranges names {field!r}, which is not a numeric field of {type(base).__name__}"
            )
        lo, hi = bounds
        if not lo < hi:
            raise ValueError(f"range of {field} must have low < high, got {bounds!r}")
        _hedge_with(base, {field: lo}, "check")
        _hedge_with(base, {field: hi}, "check")
    return table


def _hedge_models(
    base: HedgeModel,
    table: Mapping[str, tuple[float, float]],
    models: int | Sequence[HedgeModel],
    rng: np.random.Generator,
) -> list[HedgeModel]:
    """The hedge models to average over: ``models`` drawn on a Latin hypercube over
    ``table``, or the models given."""
    if isinstance(models, Sequence):
        variants = list(models)
        if len(variants) < 2:
            raise ValueError(f"give at least two hedge models, got {len(variants)}")
        return variants
    count = _validation.positive_int(models, "models", minimum=2)
    if not table:
        raise ValueError("ranges must name at least one hedge parameter to vary")
    return _hedge_variants(base, table, count, rng)


@dataclass(frozen=True)
class _HedgeDraws:
    """The draws every hedge model shares (common random numbers): the numbers' scores
    once, repeated over two halves, and two independent halves of the words' scores."""

    fn: Callable[..., ArrayLike]
    words: tuple[InputRecord, ...]
    given: tuple[InputRecord, ...]
    z_words: Floats
    fixed: dict[str, Floats]
    samples: int
    scale: Scale

    @classmethod
    def make(
        cls,
        fn: Callable[..., ArrayLike],
        records: Sequence[InputRecord],
        n: int,
        rng: np.random.Generator,
        scale: Scale,
    ) -> _HedgeDraws:
        words = tuple(r for r in records if r.claim is not None)
        given = tuple(r for r in records if r.claim is None)
        z_numbers = rng.standard_normal((len(given), n))
        z_words = rng.standard_normal((len(words), 2 * n))  # two halves: pick-freeze
        fixed = {
            r.name: np.concatenate([r.interpretation.from_normal(z_numbers[i])] * 2)
            for i, r in enumerate(given)
        }
        return cls(fn, words, given, z_words, fixed, n, scale)

    def _evaluate(self, read: Mapping[str, Floats]) -> Floats:
        return _evaluate(self.fn, {**read, **self.fixed}, 2 * self.samples)

    def run(self, model: HedgeModel) -> Floats:
        """``g(output)`` with the words read by ``model``, on both halves."""
        read = {
            r.name: interpret(r.claim, model).from_normal(self.z_words[i])
            for i, r in enumerate(self.words)
            if r.claim is not None
        }
        return _on_scale(self._evaluate(read), self.scale, self.fn)

    def numbers_covariance(self, g: Floats) -> float:
        """``Cov(g, g')`` of the two halves (they share the numbers, not the words)."""
        if not self.given:  # no numbers: E[g | H, N] is constant
            return 0.0
        if not self.words:  # no words: g == g'
            return float(g.var())
        first, second = g[: self.samples], g[self.samples :]
        return float(np.mean(first * second) - first.mean() * second.mean())

    def natural(self, g: Floats) -> Floats:
        """Back from the analysis scale to the output's own."""
        return np.exp(g) if self.scale == "log" else g

    def face_value(self) -> Floats:
        """The output with every phrase at its stated number (a range: uniform over it)."""
        face = {
            r.name: _face_value(r.claim).from_normal(self.z_words[i])
            for i, r in enumerate(self.words)
            if r.claim is not None
        }
        return self._evaluate(face)


def _parameter_swings(
    draws: _HedgeDraws, base: HedgeModel, table: Mapping[str, tuple[float, float]]
) -> list[HedgeParameterSwing]:
    """The output's median with each hedge parameter at the ends of its range, the others
    at ``base``; largest swing first."""
    swings = []
    for field, (lo, hi) in table.items():
        medians = []
        for value in (lo, hi):
            g = draws.run(_hedge_with(base, {field: value}, f"{base.version}+{field}"))
            medians.append(float(quantiles(draws.natural(g), (0.5,))[0]))
        swings.append(
            HedgeParameterSwing(
                parameter=field,
                low=lo,
                high=hi,
                median_at_low=medians[0],
                median_at_high=medians[1],
            )
        )
    swings.sort(key=lambda s: -s.swing)
    return swings


# -- sweeps -----------------------------------------------------------------------------------


class SweepResult(BaseModel):
    """Quantiles and mean of the output at every point of a scenario grid.

    Points are in C order over ``axes`` (the last axis varies fastest). ``values[p][j]``
    is the quantile at ``quantiles[j]`` at point ``p``; `array` reshapes a statistic to the
    grid's shape.

    Parameters
    ----------
    function : str
        Name of the function analysed.
    unit : str or None
        Unit of its output.
    axes : dict of str to tuple of float
        The grid: each swept argument's values.
    quantiles : tuple of float
        The quantile probabilities kept.
    values : tuple of tuple of float
        ``values[p][j]``: the quantile ``quantiles[j]`` at grid point ``p``.
    means : tuple of float
        The mean at each grid point.
    samples : int
        Draws per grid point.
    seed : SeedRecord
        The seed as recorded: pass it as ``seed=`` to reproduce the result.
    common_random_numbers : bool
        Whether every grid point used the same draws.
    inputs : tuple of InputRecord
        How each input was read (provenance).

    See Also
    --------
    sweep : Computes it.
    munitions_model.plots.plot_sweep : Draws it.

    Examples
    --------
    >>> from munitions_model import duration_days
    >>> r = sweep(duration_days, {"stock_rounds": [5e5, 1e6], "rounds_per_day": [1e4, 2e4, 4e4]},
    ...           samples=100, seed=1)
    >>> r.array(0.5).shape
    (2, 3)
    """

    model_config = _FROZEN

    function: str
    unit: str | None
    axes: dict[str, tuple[float, ...]]
    quantiles: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    means: tuple[float, ...]
    samples: int
    seed: SeedRecord
    common_random_numbers: bool
    inputs: tuple[InputRecord, ...]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values along each axis."""
        return tuple(len(v) for v in self.axes.values())

    def array(self, q: float | Literal["mean"] = 0.5) -> Floats:
        """Return the quantile ``q`` (one of `quantiles`), or ``"mean"``, shaped as the grid.

        Parameters
        ----------
        q : float or "mean", default 0.5
            Which statistic.

        Returns
        -------
        ndarray
            One value per grid point, shaped as the grid.
        """
        if isinstance(q, str) and q == "mean":
            flat = np.asarray(self.means)
        else:
            if _validation.quantile_probability(q) not in self.quantiles:
                raise ValueError(
                    f"q must be one of the swept quantiles {self.quantiles}, got {q!r}"
                )
            flat = np.asarray(self.values)[:, self.quantiles.index(float(q))]
        return flat.reshape(self.shape)


@dataclass(frozen=True)
class _SweepTask:
    """One chunk of grid points: everything a worker needs, picklable."""

    fn: Callable[..., ArrayLike]
    grid: dict[str, Floats]  # the chunk's parameter values, one entry per point
    first: int  # flat index of the chunk's first point
    draws: tuple[tuple[str, Distribution], ...]
    fixed: dict[str, float]
    samples: int
    seed: SeedRecord
    common: bool
    quantiles: tuple[float, ...]


def _sweep_chunk(task: _SweepTask) -> tuple[Floats, Floats]:
    """Quantiles and means of one chunk of points: ``(points, quantiles)`` and ``(points,)``.

    Every point's draws depend only on the seed (and, without common random numbers, the
    point's flat index), never on the chunk, so any chunking gives the same numbers.
    """
    count = len(next(iter(task.grid.values())))
    k = len(task.draws)
    if task.common:
        z = np.random.default_rng(task.seed.sequence()).standard_normal((k, task.samples))
        values = {name: d.from_normal(z[i])[None, :] for i, (name, d) in enumerate(task.draws)}
    else:
        z = np.empty((k, count, task.samples))
        for p in range(count):
            stream = np.random.default_rng(task.seed.child(task.first + p))
            z[:, p, :] = stream.standard_normal((k, task.samples))
        values = {name: d.from_normal(z[i]) for i, (name, d) in enumerate(task.draws)}
    columns = {name: v[:, None] for name, v in task.grid.items()}
    out = np.asarray(task.fn(**columns, **values, **task.fixed), dtype=np.float64)
    out = np.broadcast_to(out, (count, task.samples))
    if np.isnan(out).any():
        raise ValueError(f"{_name(task.fn)} returned NaN at some grid points")
    ordered = np.sort(out, axis=1)
    return sorted_quantiles(ordered, task.quantiles), ordered.mean(axis=1)


def _chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(start + size, total)


def sweep(
    fn: Callable[..., ArrayLike],
    grid: Mapping[str, ArrayLike],
    inputs: Mapping[str, Quantity] | None = None,
    *,
    samples: int = 10_000,
    seed: SeedLike = None,
    quantiles: Sequence[float] = (0.05, 0.5, 0.95),
    executor: Executor | None = None,
    chunk_points: int | None = None,
    common_random_numbers: bool = True,
    progress: bool | None = None,
    hedges: HedgeModel | None = None,
) -> SweepResult:
    """Compute the quantiles of ``fn`` over every combination of scenario parameters.

    ``grid`` gives the values of some arguments (e.g. stock x burn rate x dud fraction);
    ``inputs`` gives the others as phrases, claims, distributions or numbers, uncertain
    at every grid point. At each point ``samples`` draws of the uncertain inputs are
    pushed through ``fn`` and summarised by the given ``quantiles`` and the mean.

    Seeding: with ``common_random_numbers=True`` (the default) every grid point uses the
    same draws, those ``numpy.random.default_rng(seed)`` gives, in the order of
    ``inputs``: the result at a point equals ``estimate(fn, {...}, samples=samples,
    seed=seed, method="mc")`` there, and differences between neighbouring points are free
    of Monte Carlo noise. With ``False`` the point with flat index ``k`` draws from
    ``SeedSequence(seed, spawn_key=(k,))``, independent streams. Either way a point's draws
    depend on nothing but the seed and its position, so the result is identical however
    the grid is chunked and whoever evaluates the chunks.

    Parameters
    ----------
    fn : callable
        A vectorised core function; with ``executor`` it must be picklable (a module-level
        function such as :func:`munitions_model.duration_days`).
    grid : mapping
        Argument name -> one-dimensional values in base units. Points are the Cartesian
        product, in C order (last axis fastest).
    inputs : mapping, optional
        The other arguments (phrase, `Claim`, distribution, `Estimate` or number).
    samples : int
        Draws per grid point.
    seed : SeedLike
        The randomness; ``None`` draws fresh entropy and records it.
    quantiles : sequence of float
        Quantile probabilities to keep (default 5%, 50%, 95%).
    executor : concurrent.futures.Executor, optional
        Evaluate chunks there (a ``ProcessPoolExecutor``, ``distributed.Client(...)
        .get_executor()`` ...); ``None`` evaluates them here, vectorised.
    chunk_points : int, optional
        Grid points per chunk; by default as many as keep a chunk under 2^22 values
        (32 MiB of float64).
    common_random_numbers : bool
        See above.
    progress : bool or None
        Progress bar (tqdm): ``None`` shows one for long sweeps, ``False`` never.
    hedges : HedgeModel, optional
        How phrases are read.

    Returns
    -------
    SweepResult
        The quantiles and mean at every grid point.

    See Also
    --------
    munitions_model.estimate : One point of the grid.
    munitions_model.plots.plot_sweep : Draws a two-parameter sweep.

    Examples
    --------
    >>> from munitions_model import duration_days
    >>> r = sweep(duration_days, {"stock_rounds": [5e5, 1e6, 2e6], "rounds_per_day": [1e4, 2e4]},
    ...           {"dud_fraction": 0.5}, samples=100, seed=1)
    >>> r.array(0.5)  # half of each stock works
    array([[ 25. ,  12.5],
           [ 50. ,  25. ],
           [100. ,  50. ]])
    """
    _validation.function(fn)
    axes = _grid_axes(grid)
    given = dict(_validation.mapping(inputs, "inputs", empty=True) if inputs is not None else {})
    overlap = sorted(set(given) & set(axes))
    if overlap:
        raise ValueError(f"{overlap} appear both in grid and in inputs")
    _validation.binds(fn, [*map(str, axes), *map(str, given)], "grid and inputs")
    n = _validation.samples(samples)
    probabilities = _validation.quantile_probabilities(quantiles)
    record = _validation.seed_record(seed)
    size = (
        max(1, _SWEEP_ELEMENTS // n)
        if chunk_points is None
        else _validation.positive_int(chunk_points, "chunk_points")
    )
    records = read_inputs(fn, given, hedges) if given else []
    task = _SweepTask(
        fn=fn,
        grid={},
        first=0,
        draws=tuple(
            (r.name, r.interpretation) for r in records if not isinstance(r.interpretation, Point)
        ),
        fixed={
            r.name: r.interpretation.support[0]
            for r in records
            if isinstance(r.interpretation, Point)
        },
        samples=n,
        seed=record,
        common=common_random_numbers,
        quantiles=probabilities,
    )
    q, means = _run_sweep(_sweep_tasks(task, axes, size), executor, progress)
    return SweepResult(
        function=_name(fn),
        unit=_unit(fn),
        axes={name: tuple(v.tolist()) for name, v in axes.items()},
        quantiles=probabilities,
        values=tuple(map(tuple, q.tolist())),
        means=tuple(means.tolist()),
        samples=n,
        seed=record,
        common_random_numbers=common_random_numbers,
        inputs=tuple(records),
    )


def _grid_axes(grid: Mapping[str, ArrayLike]) -> dict[str, Floats]:
    """Each grid parameter's values, checked: one-dimensional, non-empty, finite."""
    if not _validation.mapping(grid, "grid", empty=True):
        raise ValueError("grid must name at least one parameter; it has no points")
    axes: dict[str, Floats] = {}
    for name, raw in grid.items():
        values = _validation.float_array(raw, f"grid values of {name!r}")
        if values.ndim != 1:
            raise ValueError(f"grid values of {name!r} must be one-dimensional, got {values.shape}")
        if values.size == 0:
            raise ValueError(f"grid has no points: the values of {name!r} are empty")
        if not np.isfinite(values).all():
            raise ValueError(f"grid values of {name!r} must be finite, got {values.tolist()}")
        axes[name] = values
    return axes


def _sweep_tasks(template: _SweepTask, axes: Mapping[str, Floats], size: int) -> list[_SweepTask]:
    """The grid's points in C order, cut into chunks of ``size`` points."""
    mesh = np.meshgrid(*axes.values(), indexing="ij")
    flat = {name: m.ravel() for name, m in zip(axes, mesh, strict=True)}
    return [
        replace(template, grid={name: v[start:stop] for name, v in flat.items()}, first=start)
        for start, stop in _chunks(mesh[0].size, size)
    ]


def _run_sweep(
    tasks: Sequence[_SweepTask], executor: Executor | None, progress: bool | None
) -> tuple[Floats, Floats]:
    """Every chunk's quantiles and means, here or on ``executor``, in grid order."""
    points = sum(len(next(iter(t.grid.values()))) for t in tasks)
    results: list[tuple[Floats, Floats]] = []
    with Progress(len(tasks), points * tasks[0].samples, progress, "sweep") as bar:
        if executor is None:
            for task in tasks:
                results.append(_sweep_chunk(task))
                bar.update()
        else:
            futures = [executor.submit(_sweep_chunk, task) for task in tasks]
            for future in futures:
                results.append(future.result())
                bar.update()
    return np.concatenate([r[0] for r in results]), np.concatenate([r[1] for r in results])
