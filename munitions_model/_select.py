"""Exact order statistics of many draws, found in passes over blocks of them (private).

:func:`order_statistics` returns exactly the values ``numpy.partition`` would put at the
wanted ranks, without sorting, copying or even holding all the draws: they are visited
block by block, from an array in memory (`ArraySource`) or from chunks made again from
their random streams (see ``munitions_model._engine``).

One pass usually suffices. A *pilot* (some of the draws, e.g. the first block) gives each
wanted rank a bracket of values, `PILOT_SDS` standard errors of the pilot's quantile either
side. The pass counts the draws below each bracket and collects those inside it. When the
rank falls inside, its value is the right order statistic of the collected draws, found by
a partition of that small set. When it does not (with 6 standard errors, about one chance
in 10^9 per rank), or when more than `COLLECT_MAX` draws fell inside, the counts narrow the
search to a range known to hold the rank, and further passes sample that range for a new
bracket. Every answer is therefore exact; only the number of passes is random.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeAlias, TypeVar

import numpy as np
from numpy.typing import NDArray

__all__ = ["ArraySource", "Selection", "Source", "order_statistics", "order_statistics_of"]

Floats: TypeAlias = NDArray[np.float64]
T = TypeVar("T")

#: Half-width of a pilot bracket, in standard errors of the pilot quantile.
PILOT_SDS = 6.0
#: Most draws collected for one bracket; beyond it the bracket is refined instead.
COLLECT_MAX = 1 << 22
#: Draws sampled from a range to place a new bracket in it.
SAMPLE_SIZE = 1 << 16
#: Draws per block when visiting an array in memory (small enough to stay in cache).
BLOCK = 1 << 16
#: Draws of an array in memory used as its pilot (its first ones).
PILOT = 1 << 18
#: Below this many draws, a partition of a copy is simpler and as fast.
PARTITION_BELOW = 1 << 18
#: Passes allowed before giving up (each pass at least halves the search, in practice
#: by a factor of hundreds; 64 is never reached).
MAX_PASSES = 64


class Source(Protocol):
    """Draws that can be visited in blocks, in order, as often as needed."""

    @property
    def n(self) -> int:
        """Number of draws."""
        ...

    def visit(self, fn: Callable[[Floats, int], T]) -> list[T]:
        """``fn(block, start)`` for consecutive blocks covering all draws, in order."""
        ...


class ArraySource:
    """An array of draws in memory, visited in cache-sized blocks."""

    def __init__(self, draws: Floats, block: int = BLOCK) -> None:
        self._draws = draws
        self._block = block

    @property
    def n(self) -> int:
        return int(self._draws.size)

    def visit(self, fn: Callable[[Floats, int], T]) -> list[T]:
        d, b = self._draws, self._block
        return [fn(d[s : s + b], s) for s in range(0, d.size, b)]


@dataclass
class _Target:
    """One wanted rank. Invariant: ``below`` draws are ``< lo``, ``inside`` draws lie in
    ``[lo, hi]``, and the rank-th smallest draw is one of the latter."""

    rank: int
    inside: int
    lo: float = -math.inf
    hi: float = math.inf
    below: int = 0
    guess: tuple[float, float] | None = None
    value: float | None = None


# Per block: for each bracket (draws below, draws inside, the draws inside or None when
# the bracket holds too many), and for each sampled range, the sampled draws.
_BlockResult: TypeAlias = tuple[list[tuple[int, int, Floats | None]], list[Floats]]


def _brackets_in(
    sample: Floats, relative: Sequence[float], lo: float, hi: float
) -> list[tuple[float, float]]:
    """For each relative position in ``[0, 1]`` among the draws in ``[lo, hi]``, a bracket
    of values around it from ``sample`` (a random subset of those draws, any order)."""
    m = sample.size
    if m == 0:
        return [(lo, hi)] * len(relative)
    spans = []
    for rel in relative:
        pos = rel * (m - 1)
        half = max(PILOT_SDS, 0.0) * (math.sqrt(m * rel * (1.0 - rel)) + 1.0)
        spans.append((math.floor(pos - half), math.ceil(pos + half)))
    kth = sorted({i for span in spans for i in span if 0 <= i < m})
    ordered = np.partition(sample, kth) if kth else sample
    return [
        (
            lo if a < 0 else max(lo, float(ordered[a])),
            hi if b >= m else min(hi, float(ordered[b])),
        )
        for a, b in spans
    ]


class Selection:
    """The state of a search for the draws at ``ranks`` among ``n``; see the module
    docstring. Call `visit` on every block (possibly from several threads), then `absorb`
    the results in block order, until `done`."""

    def __init__(self, n: int, ranks: Iterable[int], pilot: Floats) -> None:
        self.n = n
        self._targets = [_Target(rank=r, inside=n) for r in sorted(set(ranks))]
        for t in self._targets:
            if not 0 <= t.rank < n:
                raise ValueError(f"rank must lie in [0, {n}), got {t.rank!r}")
        if self._targets:
            guesses = _brackets_in(
                np.array(pilot, dtype=np.float64).reshape(-1),
                [t.rank / max(n - 1, 1) for t in self._targets],
                -math.inf,
                math.inf,
            )
            for t, guess in zip(self._targets, guesses, strict=True):
                t.guess = guess
        self._passes = 0
        self._plan()

    @property
    def done(self) -> bool:
        """Whether every wanted draw is known."""
        return all(t.value is not None for t in self._targets)

    def values(self) -> dict[int, float]:
        """Rank -> draw, once `done`."""
        return {t.rank: t.value for t in self._targets if t.value is not None}

    def _plan(self) -> None:
        pending = [t for t in self._targets if t.value is None]
        self._brackets = list(dict.fromkeys(t.guess for t in pending if t.guess is not None))
        ranges = dict.fromkeys((t.lo, t.hi) for t in pending if t.guess is None)
        inside = {(t.lo, t.hi): t.inside for t in pending if t.guess is None}
        self._ranges = [(lo, hi, max(1, inside[lo, hi] // SAMPLE_SIZE)) for lo, hi in ranges]
        self._collected = [0] * len(self._brackets)

    def visit(self, block: Floats, start: int = 0) -> _BlockResult:
        """Counts and collected draws of one block for the current pass."""
        counts: list[tuple[int, int, Floats | None]] = []
        for i, (lo, hi) in enumerate(self._brackets):
            lower = block < lo
            below = int(np.count_nonzero(lower))
            inner = block <= hi
            inner ^= lower  # lo <= draw <= hi
            if lo == hi:  # a single value: its count is all we need
                counts.append((below, int(np.count_nonzero(inner)), None))
                continue
            values = block[inner]
            # A guard on memory only: whether a bracket is usable is decided from the
            # final counts in `absorb`, so threads racing on this total change nothing.
            self._collected[i] += values.size
            kept = values if self._collected[i] <= COLLECT_MAX else None
            counts.append((below, values.size, kept))
        samples = []
        for lo, hi, stride in self._ranges:
            inner = block >= lo
            inner &= block <= hi
            values = block[inner]
            samples.append(values[::stride].copy() if stride > 1 else values)
        return counts, samples

    def absorb(self, results: Sequence[_BlockResult]) -> None:
        """Take in one pass's block results (in block order) and plan the next pass."""
        nb = len(self._brackets)
        below, inside = [0] * nb, [0] * nb
        parts: list[list[Floats]] = [[] for _ in range(nb)]
        complete = [True] * nb
        drawn: list[list[Floats]] = [[] for _ in self._ranges]
        for counts, samples in results:
            for i, (b, c, values) in enumerate(counts):
                below[i] += b
                inside[i] += c
                if values is None:
                    complete[i] = False
                else:
                    parts[i].append(values)
            for j, values in enumerate(samples):
                drawn[j].append(values)
        bracket_index = {key: i for i, key in enumerate(self._brackets)}
        range_index = {(lo, hi): j for j, (lo, hi, _) in enumerate(self._ranges)}
        resolved: dict[int, list[_Target]] = {}
        sampled: dict[int, list[_Target]] = {}
        for t in self._targets:
            if t.value is not None:
                continue
            if t.guess is None:
                sampled.setdefault(range_index[t.lo, t.hi], []).append(t)
                continue
            i = bracket_index[t.guess]
            lo, hi = t.guess
            b, c = below[i], inside[i]
            t.guess = None
            if b <= t.rank < b + c:
                if lo == hi:
                    t.value = lo
                elif complete[i] and c <= COLLECT_MAX:
                    resolved.setdefault(i, []).append(t)
                else:  # the rank is inside, but too many draws are: refine
                    t.lo, t.hi, t.below, t.inside = lo, hi, b, c
            elif t.rank < b:  # below the bracket: [t.lo, lo)
                t.hi = float(np.nextafter(lo, -math.inf))
                t.inside = b - t.below
            else:  # above it: (hi, t.hi]
                t.lo = float(np.nextafter(hi, math.inf))
                t.inside = t.below + t.inside - (b + c)
                t.below = b + c
        for i, targets in resolved.items():
            values = np.concatenate(parts[i])
            kth = [t.rank - below[i] for t in targets]
            values.partition(kth)
            for t, k in zip(targets, kth, strict=True):
                t.value = float(values[k])
        for j, targets in sampled.items():
            sample = np.concatenate(drawn[j])
            if sample.size == targets[0].inside:  # sampled every draw in the range
                kth = [t.rank - t.below for t in targets]
                sample.partition(kth)
                for t, k in zip(targets, kth, strict=True):
                    t.value = float(sample[k])
                continue
            guesses = _brackets_in(
                sample,
                [(t.rank - t.below) / max(t.inside - 1, 1) for t in targets],
                targets[0].lo,
                targets[0].hi,
            )
            for t, guess in zip(targets, guesses, strict=True):
                if guess != (t.lo, t.hi):
                    t.guess = guess
                else:  # no narrower: split at a sampled draw instead (ties, or tiny samples)
                    at = round((t.rank - t.below) / max(t.inside - 1, 1) * (sample.size - 1))
                    pivot = float(np.partition(sample, at)[at])
                    t.guess = (pivot, pivot)
        for t in self._targets:
            if t.value is not None or t.guess is not None:
                continue
            if t.lo == t.hi:  # every draw in the range is this value
                t.value = t.lo
            elif t.inside <= COLLECT_MAX:  # few enough: collect the whole range
                t.guess = (t.lo, t.hi)
        self._passes += 1
        if not self.done and self._passes >= MAX_PASSES:
            raise RuntimeError(f"order statistics not found after {self._passes} passes")
        self._plan()


def order_statistics(source: Source, ranks: Iterable[int], pilot: Floats) -> dict[int, float]:
    """The draws of ``source`` at 0-based ``ranks`` in sorted order, exactly.

    Parameters
    ----------
    source : Source
        The draws, visited in blocks (no NaN).
    ranks : iterable of int
        Wanted ranks, each in ``[0, source.n)``.
    pilot : ndarray
        A random subset of the draws (e.g. the first block), used only to place the first
        brackets: a poor pilot costs passes, never accuracy.

    Returns
    -------
    dict
        Rank -> draw.
    """
    selection = Selection(source.n, ranks, pilot)
    while not selection.done:
        selection.absorb(source.visit(selection.visit))
    return selection.values()


def order_statistics_of(draws: Floats, ranks: Iterable[int]) -> dict[int, float]:
    """`order_statistics` of an array in memory; small arrays are simply partitioned."""
    wanted = sorted(set(ranks))
    if not wanted:
        return {}
    if draws.size < PARTITION_BELOW:
        ordered = np.partition(draws, wanted)
        return {r: float(ordered[r]) for r in wanted}
    return order_statistics(ArraySource(draws), wanted, draws[:PILOT])
