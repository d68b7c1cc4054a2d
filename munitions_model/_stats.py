"""Small numerical helpers shared by the analysis modules (private).

Quantiles follow ``numpy.quantile``'s default (linear) definition, as `Estimate` does, but
never turn two infinite order statistics into NaN: between equal order statistics, or at an
exact order statistic, the quantile is that statistic (``inf`` stays ``inf``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

Floats: TypeAlias = NDArray[np.float64]


def sorted_quantiles(ordered: Floats, levels: Sequence[float]) -> Floats:
    """Linear quantiles along the last axis of an array already sorted along it.

    Parameters
    ----------
    ordered : ndarray, shape (..., n)
        Values sorted ascending along the last axis (``inf`` allowed, no NaN).
    levels : sequence of float
        Quantile levels in [0, 1].

    Returns
    -------
    ndarray, shape (..., len(levels))
    """
    n = ordered.shape[-1]
    out = np.empty((*ordered.shape[:-1], len(levels)))
    for j, q in enumerate(levels):
        h = (n - 1) * q
        lo = min(int(np.floor(h)), n - 1)
        hi = min(lo + 1, n - 1)
        frac = h - lo
        a, b = ordered[..., lo], ordered[..., hi]
        with np.errstate(invalid="ignore"):  # inf - inf where a == b == inf: not used
            between = a + frac * (b - a)
        out[..., j] = np.where((frac == 0.0) | (a == b), a, between)
    return out


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
        Quantile levels in [0, 1].

    Returns
    -------
    ndarray, shape (rows, len(levels))
    """
    n = values.shape[-1]
    spots = []
    for q in levels:
        h = (n - 1) * q
        lo = min(int(np.floor(h)), n - 1)
        spots.append((lo, min(lo + 1, n - 1), h - lo))
    kth = sorted({i for lo, hi, _ in spots for i in (lo, hi)})
    values.partition(kth, axis=-1)
    out = np.empty((values.shape[0], len(levels)))
    for j, (lo, hi, frac) in enumerate(spots):
        a, b = values[:, lo], values[:, hi]
        with np.errstate(invalid="ignore"):  # inf - inf where a == b == inf: not used
            between = a + frac * (b - a)
        out[:, j] = np.where((frac == 0.0) | (a == b), a, between)
    return out
