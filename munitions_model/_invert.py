"""Inverting a monotone CDF: the answer of bisection, in a few evaluations (private).

A mixture's quantile function has no closed form: ``u -> x`` is found on the mixture CDF
``F``. Bisection from the bracket ``[lo, hi]`` (the smallest and largest component
quantile) halves it about 60 times in logs before the ends are adjacent floats, and
returns the upper end: the smallest float ``y`` with ``F(y) >= u``. This module returns
that same float with far fewer evaluations of ``F`` (about seven instead of sixty for
the 65,537 nodes of a mixture's table):

1. ``F`` on a grid spanning every bracket places each ``u`` between two grid points whose
   values bracket it (one evaluation of ``F`` on the grid, not on the targets);
2. false position with the Illinois modification (Dowell & Jarratt 1971) shrinks each
   bracket superlinearly, keeping ``F(a) < u <= F(b)`` with the computed ``F``;
3. once ``a`` and ``b`` are a few floats apart, bisection steps (the same midpoints as
   plain bisection) leave them adjacent, and ``b`` is the answer.

Every bracket is checked with the computed ``F`` itself, so where ``F`` is non-decreasing
the result equals plain bisection's bit for bit (the smallest float at which ``F``
reaches ``u`` is unique). Targets whose grid bracket does not hold (``F`` not monotone
there, or ``u`` outside ``F``'s range on the grid), whose answer would fall outside their
own ``(lo, hi]``, or that do not converge within `MAX_STEPS` are left to plain
bisection, which stays the definition.

References
----------
.. [1] Dowell, M., & Jarratt, P. (1971). A modified regula falsi method for computing the
   root of an equation. *BIT Numerical Mathematics* 11, 168-174.
   https://doi.org/10.1007/BF01934364
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final, TypeAlias

import numpy as np
from numpy.typing import NDArray

__all__ = ["bisect", "smallest_crossing"]

Floats: TypeAlias = NDArray[np.float64]
Cdf: TypeAlias = Callable[[Floats], Floats]

#: Grid points of step 1.
GRID: Final = 2049
#: False-position steps allowed before the remaining targets go to plain bisection.
MAX_STEPS: Final = 100
#: Brackets this many floats wide (or narrower) are finished by bisection steps.
_BISECT_ULPS: Final = 64.0
#: Values of the CDF this many of its own rounding steps from the target count as flat.
_FLAT: Final = 4.0
#: The first step across a root, in floats.
_FIRST_STRIDE: Final = 2.0


def bisect(cdf: Cdf, u: Floats, lo: Floats, hi: Floats) -> Floats:
    """Plain bisection: the upper end once ``lo`` and ``hi`` are adjacent floats, keeping
    ``cdf(lo) < u <= cdf(hi)`` (``cdf`` is only ever evaluated at midpoints)."""
    lo, hi = lo.copy(), hi.copy()
    for _ in range(1100):
        mid = lo + (hi - lo) / 2.0
        if np.all((mid == lo) | (mid == hi)):
            break
        below = cdf(mid) < u
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return hi


def _grid_brackets(
    cdf: Cdf, u: Floats, span: tuple[float, float]
) -> tuple[Floats, Floats, Floats, Floats, NDArray[np.bool_]]:
    """Step 1: for each target, adjacent points ``a < b`` of a grid over ``span`` with
    ``cdf(a) < u <= cdf(b)``, the values ``cdf - u`` there, and whether such a pair was
    found. The grid depends on ``span`` only, so each target's answer does not depend on
    which others are found with it."""
    grid = np.linspace(span[0], span[1], GRID)
    values = cdf(grid)
    # searchsorted needs ascending values: a computed CDF may dip by a rounding error;
    # the brackets are then checked against the values themselves.
    at = np.searchsorted(np.maximum.accumulate(values), u, side="left")
    ok = (at > 0) & (at < GRID)
    right = np.clip(at, 1, GRID - 1)
    left = right - 1
    a, b = grid[left], grid[right]
    ga, gb = values[left] - u, values[right] - u
    ok &= (ga < 0.0) & (gb >= 0.0)
    return a, b, ga, gb, ok


def _own_brackets(
    cdf: Cdf, u: Floats, lo: Floats, hi: Floats
) -> tuple[Floats, Floats, Floats, Floats, NDArray[np.bool_]]:
    """Step 1 without a grid: each target's own ``[lo, hi]``, where it holds."""
    ga, gb = cdf(lo) - u, cdf(hi) - u
    return lo, hi, ga, gb, (ga < 0.0) & (gb >= 0.0) & (lo < hi)


def _next_points(
    bracket: tuple[Floats, Floats, Floats, Floats],
    weights: tuple[Floats, Floats],
    last: tuple[Floats, Floats, Floats, Floats],
    stride: Floats,
    slow: NDArray[np.bool_],
) -> tuple[Floats, Floats]:
    """Where to evaluate next, and the next strides.

    Bisection's midpoint once the bracket is at most `_BISECT_ULPS` floats wide, or when
    the CDF at both ends is within rounding of the target. Else the secant through the
    last two points if it falls inside the bracket, or false position (with the Illinois
    ``weights``). When that no longer moves (the root is within a float or two of the last
    point, or the CDF is flat there to rounding), a step of ``stride`` floats across it
    instead, the stride growing fourfold while that goes on, so the bracket closes in a
    few steps. Where the bracket did not halve in two steps (``slow``: a kink, say), the
    midpoint, so that no target takes more steps than bisection would.
    """
    a, b, ga, gb = bracket
    wa, wb = weights
    x0, g0, x1, g1 = last
    ulp = np.spacing(np.maximum(np.abs(a), np.abs(b)))
    mid = a + (b - a) / 2.0
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        secant = x1 - g1 * ((x1 - x0) / (g1 - g0))
        falsi = b - wb * ((b - a) / (wb - wa))
    inside = (secant > a) & (secant < b)
    x = np.where(inside, secant, falsi)
    settled = np.abs(x - x1) <= 2.0 * ulp
    with np.errstate(over="ignore", invalid="ignore"):  # far out: inf, replaced by mid below
        x = np.where(settled, x1 + np.where(g1 < 0.0, stride, -stride) * ulp, x)
    x = np.where((x > a) & (x < b), x, mid)
    # Bisect a narrow bracket, or one whose ends the CDF cannot tell apart from the target
    # by more than rounding (a stride crossed a flat stretch): secants cannot help there.
    flat = np.maximum(np.abs(ga), np.abs(gb)) <= _FLAT * np.spacing(np.abs(ga) + np.abs(gb) + 1.0)
    slow &= ~inside & (stride == _FIRST_STRIDE)  # false position stalling (at a kink)
    x = np.where(((b - a) <= _BISECT_ULPS * ulp) | flat | slow, mid, x)
    return x, np.where(settled, stride * 4.0, _FIRST_STRIDE)


def _false_position(cdf: Cdf, u: Floats, a: Floats, b: Floats, ga: Floats, gb: Floats) -> Floats:
    """Steps 2 and 3 for targets with a valid bracket; NaN where they did not converge."""
    out = np.full(u.shape, np.nan)
    active = np.arange(u.size)
    # The last two points evaluated (the secant's); at first the bracket's ends.
    x0, g0, x1, g1 = a, ga, b, gb
    wa, wb = ga, gb  # false position's weights (Illinois: halved when an end stays put)
    stride = np.full(u.size, _FIRST_STRIDE)
    moved = np.zeros(u.size, dtype=np.int8)  # the end that moved last: -1 a, +1 b
    widths = (b - a, b - a)  # the bracket's width one and two steps ago
    for _ in range(MAX_STEPS):
        mid = a + (b - a) / 2.0
        done = (mid == a) | (mid == b)  # adjacent (or equal): b is the answer
        if done.any():
            out[active[done]] = b[done]
            keep = ~done
            active, a, b, ga, gb, wa, wb, x0, g0, x1, g1, stride, moved = (
                v[keep] for v in (active, a, b, ga, gb, wa, wb, x0, g0, x1, g1, stride, moved)
            )
            widths = (widths[0][keep], widths[1][keep])
            if active.size == 0:
                break
        slow = (b - a) > 0.5 * widths[1]
        widths = (b - a, widths[0])
        x, stride = _next_points((a, b, ga, gb), (wa, wb), (x0, g0, x1, g1), stride, slow)
        gx = cdf(x) - u[active]
        left = gx < 0.0
        wb = np.where(left & (moved == -1), wb / 2.0, np.where(left, wb, gx))
        wa = np.where(~left & (moved == 1), wa / 2.0, np.where(left, gx, wa))
        a, ga = np.where(left, x, a), np.where(left, gx, ga)
        b, gb = np.where(left, b, x), np.where(left, gb, gx)
        moved = np.where(left, -1, 1).astype(np.int8)
        x0, g0, x1, g1 = x1, g1, x, gx
    return out


def _at_jumps(cdf: Cdf, u: Floats, lo: Floats, hi: Floats, atoms: Floats) -> Floats:
    """Targets answered where ``cdf`` jumps across ``u``: the float just above ``lo`` when
    ``cdf`` already reaches ``u`` there (the jump is at ``lo`` itself, say a point mass
    that is the smallest component quantile), else an atom ``x`` in ``(lo, hi]`` with
    ``cdf(x') < u <= cdf(x)``, ``x'`` the float just below ``x``. Either is the smallest
    float in ``(lo, hi]`` at which ``cdf`` reaches ``u`` where ``cdf`` is non-decreasing,
    which is what bisection returns. NaN for the other targets."""
    first = np.nextafter(lo, np.inf)
    below = np.nextafter(atoms, -np.inf)
    with np.errstate(invalid="ignore"):
        values = cdf(np.concatenate([first, below, atoms]))
        out = np.where((values[: u.size] >= u) & (first <= hi), first, np.nan)
    before, at = values[u.size : u.size + atoms.size], values[u.size + atoms.size :]
    for x, f_before, f_at in zip(atoms.tolist(), before.tolist(), at.tolist(), strict=True):
        hit = (f_before < u) & (u <= f_at) & (lo < x) & (x <= hi) & np.isnan(out)
        out[hit] = x
    return out


def smallest_crossing(
    cdf: Cdf,
    u: Floats,
    lo: Floats,
    hi: Floats,
    span: tuple[float, float] | None = None,
    atoms: Floats | None = None,
) -> Floats:
    """What `bisect` returns, found in a few evaluations of ``cdf``.

    Parameters
    ----------
    cdf : callable
        A vectorised, non-decreasing function (up to rounding), e.g. a mixture's CDF of
        ``exp(y)`` when working in logs.
    u : ndarray
        Targets, one per bracket.
    lo, hi : ndarray
        Brackets, ``lo <= hi``, with the answer in ``(lo, hi]``.
    span : (float, float), optional
        Where most answers lie (e.g. between the components' 1e-10 and 1 - 1e-10
        quantiles): a grid over it places the first brackets. Without it (or for targets
        the grid does not place) each target starts from its own ``[lo, hi]``.
    atoms : ndarray, optional
        Points where ``cdf`` may jump (a mixture's point masses). Targets that a jump at
        an atom, or at ``lo``, carries across ``u`` are answered there (see `_at_jumps`)
        instead of by steps that stall at the jump.

    Returns
    -------
    ndarray
        For each target the smallest float ``y`` with ``cdf(y) >= u`` (the upper end
        bisection stops at), ``hi`` where ``cdf`` stays below ``u``. Each target's answer
        depends only on it, its bracket and ``span``.
    """
    u = np.asarray(u, dtype=np.float64).reshape(-1)
    lo = np.asarray(lo, dtype=np.float64).reshape(-1)
    hi = np.asarray(hi, dtype=np.float64).reshape(-1)
    result = np.full(u.shape, np.nan)
    if atoms is not None and atoms.size:
        result = _at_jumps(cdf, u, lo, hi, np.asarray(atoms, dtype=np.float64).reshape(-1))
    pending = np.flatnonzero(np.isfinite(lo) & np.isfinite(hi) & np.isnan(result))
    gridded = span is not None and math.isfinite(span[0]) and math.isfinite(span[1])
    if gridded and span is not None and span[0] < span[1] and pending.size:
        pending = _solve(cdf, u, result, pending, _grid_brackets(cdf, u[pending], span))
    if pending.size:
        found = _own_brackets(cdf, u[pending], lo[pending], hi[pending])
        _solve(cdf, u, result, pending, found)
    # Bisection keeps to (lo, hi]: an answer outside, or none, is bisection's to give.
    with np.errstate(invalid="ignore"):
        rest = np.flatnonzero(~((result > lo) & (result <= hi)))
    if rest.size:
        result[rest] = bisect(cdf, u[rest], lo[rest], hi[rest])
    return result


def _solve(
    cdf: Cdf,
    u: Floats,
    result: Floats,
    which: NDArray[np.intp],
    brackets: tuple[Floats, Floats, Floats, Floats, NDArray[np.bool_]],
) -> NDArray[np.intp]:
    """Steps 2 and 3 for the targets ``which`` whose bracket holds, written to ``result``;
    returns those it could not bracket."""
    a, b, ga, gb, ok = brackets
    good = np.flatnonzero(ok)
    result[which[good]] = _false_position(cdf, u[which[good]], a[good], b[good], ga[good], gb[good])
    return which[~ok]
