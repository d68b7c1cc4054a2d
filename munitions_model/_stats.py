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

import math
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


def position(n: int, q: float) -> tuple[int, int, float]:
    """`positions` of one probability, in plain Python: the same ranks and weight, without
    numpy's fixed cost (a few microseconds a call)."""
    h = (n - 1) * q
    lo = min(math.floor(h), n - 1)
    return lo, min(lo + 1, n - 1), h - lo


def interpolate(low: float, high: float, frac: float) -> float:
    """`between` of one pair of order statistics, in plain Python: the same number."""
    if frac == 0.0 or low == high:
        return low
    return low + frac * (high - low)


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


# Rows shorter than this are sorted together (one numpy call) rather than selected row by
# row (a Python loop over the rows): the same order statistics, so the same quantiles.
_SORT_BELOW = 64


def row_quantiles(values: Floats, levels: Sequence[float]) -> Floats:
    """Linear quantiles of each row of a 2-D array, by selection (``values`` is used as
    scratch space: its rows are reordered).

    Each row's order statistics are found by single-rank partitions, each of the part of
    the row left by the previous one (`select_in_place`): on numpy 2 a partition with
    one rank is several times faster than one with ten, and than a sort. Ties at a row's
    smallest value (a stock that ran out: many paths at zero) make partitions slow: the
    ranks they cover are answered by counting and the rest selected among the larger
    values, or, when they are a quarter of the row or more, the row is sorted.

    Parameters
    ----------
    values : ndarray, shape (rows, n)
        Values (no NaN); overwritten.
    levels : sequence of float
        Quantile probabilities in [0, 1].

    Returns
    -------
    ndarray, shape (rows, len(levels))
    """
    if values.shape[-1] < _SORT_BELOW:  # few values a row, many rows: sort them all at once
        values.sort(axis=-1)
        return sorted_quantiles(values, levels)
    lo, hi, frac = positions(values.shape[-1], levels)
    ranks = sorted({int(i) for i in (*lo, *hi)})
    at = {r: i for i, r in enumerate(ranks)}
    found = np.empty((values.shape[0], len(ranks)))
    for row, out in zip(values, found, strict=True):
        _row_order_statistics(row, ranks, out)
    return between(found[:, [at[int(i)] for i in lo]], found[:, [at[int(i)] for i in hi]], frac)


def _row_order_statistics(row: Floats, ranks: Sequence[int], out: Floats) -> None:
    """`select_in_place`, with the ranks held by ties at the smallest value counted (many
    ties: a sort, which handles them well)."""
    least = row.min()
    ties = int(np.count_nonzero(row == least))
    if ties * 64 < row.size:  # few ties: partitions are quick
        select_in_place(row, ranks, out)
    elif ties * 4 < row.size:
        tied = sum(1 for r in ranks if r < ties)
        out[:tied] = least
        if tied < len(ranks):
            select_in_place(row[row > least], [r - ties for r in ranks[tied:]], out[tied:])
    else:
        row.sort()
        out[:] = row[list(ranks)]


def select_in_place(row: Floats, ranks: Sequence[int], out: Floats) -> None:
    """The values of a 1-D ``row`` at sorted 0-based ``ranks`` (ascending, distinct) in
    sorted order, written to ``out``; ``row`` is reordered in place (partitioned at each).

    The middle wanted rank is placed by a partition of the whole row; the ranks below it
    are then looked for among the values left of it, those above among the values right
    of it, and so on: each partition works on a part of the row, and the values are
    exactly ``numpy.sort(row)[ranks]``.
    """
    stack = [(0, row.size, 0, len(ranks))]  # (start, stop) of the row, [i, j) of ranks
    while stack:
        start, stop, i, j = stack.pop()
        if i >= j:
            continue
        m = (i + j) // 2
        k = ranks[m]
        part = row[start:stop]
        part.partition(k - start)
        out[m] = part[k - start]
        stack.append((start, k, i, m))
        stack.append((k + 1, stop, m + 1, j))
