"""Linear quantiles, written once (private).

Quantiles follow ``numpy.quantile``'s default (linear) definition: the quantile ``q`` of
``n`` sorted values ``x`` is ``x[lo] + frac * (x[hi] - x[lo])`` with ``h = (n - 1) q``,
``lo = floor(h)``, ``hi = lo + 1`` (both at most ``n - 1``) and ``frac = h - lo``.
`positions` gives ``lo``, ``hi`` and ``frac``; `between` interpolates without turning two
infinite order statistics into NaN: between equal order statistics, or at an exact order
statistic, the quantile is that statistic (``inf`` stays ``inf``). `Estimate`, the
empirical distribution, sweeps and stock projections all use these two functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

Floats: TypeAlias = NDArray[np.float64]
Ints: TypeAlias = NDArray[np.intp]


def positions(n: int, q: ArrayLike) -> tuple[Ints, Ints, Floats]:
    """Ranks ``lo``, ``hi`` and weight ``frac`` of the linear quantile ``q`` of ``n`` values.

    Parameters
    ----------
    n : int
        Number of values (at least one).
    q : array_like
        Quantile probabilities in [0, 1].

    Returns
    -------
    lo, hi : ndarray of intp
        0-based ranks of the two order statistics interpolated, ``lo <= hi <= n - 1``.
    frac : ndarray of float64
        Weight of the upper one.

    Examples
    --------
    >>> lo, hi, frac = positions(5, [0.0, 0.3, 1.0])
    >>> lo.tolist(), hi.tolist(), frac.round(6).tolist()
    ([0, 1, 4], [1, 2, 4], [0.0, 0.2, 0.0])
    """
    h = (n - 1) * np.asarray(q, dtype=np.float64)
    lo = np.minimum(np.floor(h).astype(np.intp), n - 1)
    hi = np.minimum(lo + 1, n - 1)
    return lo, hi, h - lo


def between(low: ArrayLike, high: ArrayLike, frac: ArrayLike) -> Floats:
    """``low + frac * (high - low)``, but ``low`` itself where ``frac == 0`` or the two are
    equal (so that ``inf`` stays ``inf`` rather than becoming NaN)."""
    a = np.asarray(low, dtype=np.float64)
    b = np.asarray(high, dtype=np.float64)
    f = np.asarray(frac, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # inf - inf where a == b == inf: not used
        mid = a + f * (b - a)
    return np.asarray(np.where((f == 0.0) | (a == b), a, mid))


def sorted_quantiles(ordered: Floats, levels: Sequence[float]) -> Floats:
    """Linear quantiles along the last axis of an array already sorted along it.

    Parameters
    ----------
    ordered : ndarray, shape (..., n)
        Values sorted ascending along the last axis (``inf`` allowed, no NaN).
    levels : sequence of float
        Quantile probabilities in [0, 1].

    Returns
    -------
    ndarray, shape (..., len(levels))
    """
    lo, hi, frac = positions(ordered.shape[-1], levels)
    return between(ordered[..., lo], ordered[..., hi], frac)


def quantiles(values: Floats, levels: Sequence[float]) -> Floats:
    """Linear quantiles of ``values`` along the last axis (sorts a copy)."""
    return sorted_quantiles(np.sort(values, axis=-1), levels)


def row_quantiles(values: Floats, levels: Sequence[float]) -> Floats:
    """Linear quantiles of each row of a 2-D array, by partial sorting (``values`` is
    reordered in place along its rows).

    Parameters
    ----------
    values : ndarray, shape (rows, n)
        Values; overwritten with a partition of each row.
    levels : sequence of float
        Quantile probabilities in [0, 1].

    Returns
    -------
    ndarray, shape (rows, len(levels))
    """
    lo, hi, frac = positions(values.shape[-1], levels)
    values.partition(sorted({int(i) for i in (*lo, *hi)}), axis=-1)
    return between(values[:, lo], values[:, hi], frac)
