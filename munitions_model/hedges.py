"""The hedge model: how the words around a reported number become a distribution.

A reported number is a rounded number. How round it is (its *granularity*) says how
precisely the speaker knew it, and the qualifier says on which side of it the truth lies.
This module makes both explicit, as versioned data a user can inspect and override.

Granularity
-----------
The granularity of a stated number ``x`` is the coarsest step ``g`` on a 1-2-5 scale
(..., 0.5, 1, 2, 5, 10, 20, 50, ...) such that ``x`` is a whole multiple of ``g`` and at
least the second point on that scale (``x / g >= 2``). So one million has granularity half
a million (it sits on the scale 0.5 M, 1 M, 1.5 M, ...), "2.7 million" has granularity
100,000, "two months" has granularity one month, and "16,400" has granularity 200. The idea
that round numbers are read on a coarse scale and precise ones on a fine scale is Krifka's
(2009); that the next point on the scale bounds a comparative ("more than one million"
implicates "not as much as 1.5 million") is from Cummins, Sauerland and Solt (2012).
Granularity is taken in the unit as stated ("two months", not 60.875 days).

Defaults (`HedgeModel` ``granularity-1``)
-----------------------------------------
Let ``x`` be the stated number and ``g`` its granularity.

* ``exact`` (a bare number): rounding error only, uniform on ``[x - g/2, x + g/2]``: the
  true value is whatever rounds to ``x`` on its scale.
* ``about`` (about, around, approximately ...): lognormal with median ``x`` and a 90%
  interval ``[x / (1 + g/x), x * (1 + g/x)]``: one scale step either side, symmetric in
  ratio so the value stays positive. "Around two months" is 40.6 to 91.3 days.
* ``more_than`` / ``at_least``: ``x * exp(s |Z|)``, a lognormal truncated at its median, so
  no mass at or below ``x``; ``s`` puts 80% of the mass below the next scale point
  ``x + g``. "More than one million" has median 1.24 M, 95th percentile 1.86 M.
  ``at_least`` uses the same shape: for a continuous quantity the bound's inclusiveness
  carries no mass.
* ``less_than``: the mirror image, ``x * exp(-s |Z|)``, 80% of the mass above ``x - g``.
* ``at_most`` (up to, as many as, no more than): the same shape, but only 50% above
  ``x - g``: "up to" usually reports a maximum, and the typical value sits lower.
* ``nearly`` (nearly, almost, close to): just below ``x``: 90% of the mass within half a
  step, in ``[x - g/2, x]``.
* ``range`` (between a and b, a to b): uniform on ``[a, b]``; a vague range ("hundreds of
  thousands") is log-uniform, as such words name an order of magnitude, not an interval.

Every shape is scale-free, so a value converts to base units (days, per day) by a single
factor after it is built. A fraction (``unit="fraction"``, e.g. a dud rate) is truncated at
1 when its shape would reach beyond.

References
----------
.. [1] Krifka, M. (2009). Approximate interpretations of number words: a case for strategic
   communication. In E. Hinrichs & J. Nerbonne (eds.), *Theory and Evidence in Semantics*,
   109-132. CSLI Publications.
.. [2] Cummins, C., Sauerland, U., & Solt, S. (2012). Granularity and scalar implicature in
   numerical expressions. *Linguistics and Philosophy* 35(2), 135-169.
   https://doi.org/10.1007/s10988-012-9114-0
.. [3] Solt, S. (2014). An alternative theory of imprecision. *Semantics and Linguistic
   Theory* 24, 514-533. https://doi.org/10.3765/salt.v24i0.2446
"""

from __future__ import annotations

import math
import sys
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from scipy import special

from munitions_model import _validation
from munitions_model.claims import Claim
from munitions_model.distributions import (
    Distribution,
    LogNormal,
    LogUniform,
    Point,
    Truncated,
    Uniform,
)
from munitions_model.units import base_unit, to_base_factor

__all__ = ["DEFAULT_HEDGES", "HedgeModel", "granularity", "interpret"]

Probability = float


class HedgeModel(BaseModel):
    """Named, versioned parameters that turn qualifiers into distributions.

    Change any field with ``DEFAULT_HEDGES.model_copy(update={...})`` or build a new one;
    give it a new ``name`` or ``version`` so estimates record which model produced them.
    See the module docstring for what each default means and why.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = "granularity"
    version: str = "1"
    scale_steps: tuple[float, ...] = Field(
        default=(1.0, 2.0, 5.0), description="mantissas of the round-number scale"
    )
    min_points: int = Field(
        default=2, ge=2, description="x must be at least this many steps of its granularity"
    )
    about_steps: float = Field(
        default=1.0, gt=0, description="half-width of 'about', in granularity steps"
    )
    about_level: Probability = Field(
        default=0.9, gt=0, lt=1, description="probability inside that half-width"
    )
    above_within_step: Probability = Field(
        default=0.8,
        gt=0,
        lt=1,
        description="'more than' / 'at least': mass below the next scale point",
    )
    below_within_step: Probability = Field(
        default=0.8, gt=0, lt=1, description="'less than': mass above the previous point"
    )
    at_most_within_step: Probability = Field(
        default=0.5, gt=0, lt=1, description="'up to': mass above the previous point"
    )
    nearly_within_half_step: Probability = Field(
        default=0.9, gt=0, lt=1, description="'nearly': mass within half a step below"
    )
    range_shape: Literal["uniform", "loguniform"] = "uniform"
    vague_range_shape: Literal["uniform", "loguniform"] = "loguniform"

    @property
    def label(self) -> str:
        """``name-version``, as recorded in provenance."""
        return f"{self.name}-{self.version}"


DEFAULT_HEDGES = HedgeModel()


def granularity(value: float, hedges: HedgeModel = DEFAULT_HEDGES) -> float:
    """Step of the coarsest round-number scale on which ``value`` lies.

    Parameters
    ----------
    value : float
        A stated number, in the unit as stated. Must be positive and finite.
    hedges : HedgeModel
        Supplies the scale mantissas (1, 2, 5) and the minimum number of steps (2).

    Returns
    -------
    float
        The largest ``g = m * 10**k`` (``m`` a scale mantissa) with ``value / g`` a whole
        number of at least ``min_points``.

    Examples
    --------
    >>> granularity(1_000_000), granularity(2_700_000), granularity(2), granularity(16_400)
    (500000.0, 100000.0, 1.0, 200.0)
    """
    if not (math.isfinite(value) and value >= sys.float_info.min):
        # (below the smallest normal float, the scale steps 10**k underflow to zero)
        raise ValueError(
            f"value must be a positive finite number, got {value!r} (the smallest is "
            f"{sys.float_info.min!r})"
        )
    top = math.floor(math.log10(value))
    for k in range(top, top - 16, -1):
        for m in sorted(hedges.scale_steps, reverse=True):
            step = m * 10.0**k
            ratio = value / step
            whole = round(ratio)
            if whole >= hedges.min_points and abs(ratio - whole) <= 1e-9 * ratio:
                return step
    return value * 1e-15  # a number with 16+ significant digits: effectively exact


def _one_sided_sigma(gap_ratio: float, probability: float) -> float:
    """Log-scale ``s`` such that ``P(|Z| <= log(gap_ratio) / s) = probability``."""
    return math.log(gap_ratio) / float(special.ndtri(0.5 + probability / 2.0))


def _shape(claim: Claim, hedges: HedgeModel) -> Distribution:
    """The claim's distribution in the unit as stated."""
    x = claim.value
    q = claim.qualifier
    if q == "range":
        assert claim.value_high is not None  # guaranteed by Claim's validator
        shape = hedges.vague_range_shape if claim.vague else hedges.range_shape
        if shape == "loguniform" and x > 0:
            return LogUniform(low=x, high=claim.value_high)
        return Uniform(low=x, high=claim.value_high)
    if x == 0:
        if q in ("exact", "about", "at_most", "less_than", "nearly"):
            return Point(value=0.0)
        raise ValueError(f"cannot interpret {q!r} zero: the claim gives no scale")
    g = granularity(x, hedges)
    if q == "exact":
        return Uniform(low=x - g / 2, high=x + g / 2)
    if q == "about":
        z = float(special.ndtri(0.5 + hedges.about_level / 2.0))
        sigma = math.log1p(hedges.about_steps * g / x) / z
        return LogNormal(mu=math.log(x), sigma=sigma)
    if q in ("more_than", "at_least"):
        sigma = _one_sided_sigma(1 + g / x, hedges.above_within_step)
        return Truncated(base=LogNormal(mu=math.log(x), sigma=sigma), low=x)
    below = {
        "less_than": (g, hedges.below_within_step),
        "at_most": (g, hedges.at_most_within_step),
        "nearly": (g / 2, hedges.nearly_within_half_step),
    }
    gap, probability = below[q]
    sigma = _one_sided_sigma(x / (x - gap), probability)
    return Truncated(base=LogNormal(mu=math.log(x), sigma=sigma), high=x)


def _scaled(dist: Distribution, factor: float) -> Distribution:
    """``dist`` multiplied by a positive constant (all shapes here are scale families)."""
    if factor == 1.0:
        return dist
    if isinstance(dist, Point):
        return Point(value=dist.value * factor)
    if isinstance(dist, Uniform | LogUniform):
        return type(dist)(low=dist.low * factor, high=dist.high * factor)
    if isinstance(dist, LogNormal):
        return LogNormal(mu=dist.mu + math.log(factor), sigma=dist.sigma)
    if isinstance(dist, Truncated):
        return Truncated(
            base=_scaled(dist.base, factor),
            low=None if dist.low is None else dist.low * factor,
            high=None if dist.high is None else dist.high * factor,
        )
    raise TypeError(f"cannot scale a {dist.kind} distribution")  # not produced by _shape


def interpret(claim: Claim, hedges: HedgeModel | None = None) -> Distribution:
    """Turn a claim into a distribution in base units (counts; days; per day).

    Parameters
    ----------
    claim : Claim
        A parsed or hand-built claim.
    hedges : HedgeModel, optional
        The hedge model; `DEFAULT_HEDGES` when omitted.

    Returns
    -------
    Distribution
        Labelled with the base unit (e.g. ``days`` for a claim in months).

    Examples
    --------
    >>> from munitions_model import parse_claim
    >>> d = interpret(parse_claim("around two months"))
    >>> d.unit, round(d.median, 3)
    ('days', 60.875)

    References
    ----------
    See the module docstring: Krifka (2009); Cummins, Sauerland & Solt (2012).
    """
    if not isinstance(claim, Claim):
        raise ValueError(
            f"claim must be a Claim (parse_claim reads a phrase), got {_validation.shown(claim)}"
        )
    if hedges is not None and not isinstance(hedges, HedgeModel):
        raise ValueError(f"hedges must be a HedgeModel or None, got {_validation.shown(hedges)}")
    model = DEFAULT_HEDGES if hedges is None else hedges
    shape = _scaled(_shape(claim, model), to_base_factor(claim.unit))
    unit = base_unit(claim.unit)
    if unit == "fraction" and shape.support[1] > 1.0:
        if claim.high > 1.0:
            raise ValueError(f"a fraction cannot exceed 1, got {claim.high!r}")
        shape = Truncated(base=shape, high=1.0)
    return shape.with_unit(unit)
