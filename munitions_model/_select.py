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
#: Below this many draws, sorting a copy beats partitioning it (numpy's partition with
#: several ranks is 2-3x slower than a sort at 10^4 values, `_partitioned` 1.3x).
SORT_BELOW = 1 << 14
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
        tally = _Tally.of(results, len(self._brackets), len(self._ranges))
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
            if _place(t, tally.below[i], tally.inside[i], tally.complete[i]):
                resolved.setdefault(i, []).append(t)
        for i, targets in resolved.items():
            _select_from(np.concatenate(tally.parts[i]), tally.below[i], targets)
        for j, targets in sampled.items():
            _rebracket(np.concatenate(tally.drawn[j]), targets)
        for t in self._targets:
            _collect_whole_range(t)
        self._passes += 1
        if not self.done and self._passes >= MAX_PASSES:
            raise RuntimeError(f"order statistics not found after {self._passes} passes")
        self._plan()


@dataclass
class _Tally:
    """One pass's block results added up: per bracket, the draws below and inside it, the
    draws collected inside it and whether all were; per sampled range, the draws sampled."""

    below: list[int]
    inside: list[int]
    parts: list[list[Floats]]
    complete: list[bool]
    drawn: list[list[Floats]]

    @classmethod
    def of(cls, results: Sequence[_BlockResult], brackets: int, ranges: int) -> _Tally:
        tally = cls(
            below=[0] * brackets,
            inside=[0] * brackets,
            parts=[[] for _ in range(brackets)],
            complete=[True] * brackets,
            drawn=[[] for _ in range(ranges)],
        )
        for counts, samples in results:
            for i, (b, c, values) in enumerate(counts):
                tally.below[i] += b
                tally.inside[i] += c
                if values is None:
                    tally.complete[i] = False
                else:
                    tally.parts[i].append(values)
            for j, values in enumerate(samples):
                tally.drawn[j].append(values)
        return tally


def _place(t: _Target, below: int, inside: int, complete: bool) -> bool:
    """Move ``t`` past its bracket, given the counts: ``True`` when its draw is among the
    draws collected inside the bracket, else narrow its range (below, inside or above)."""
    assert t.guess is not None
    lo, hi = t.guess
    t.guess = None
    if below <= t.rank < below + inside:
        if lo == hi:
            t.value = lo
            return False
        if complete and inside <= COLLECT_MAX:
            return True
        t.lo, t.hi, t.below, t.inside = lo, hi, below, inside  # inside, but too many: refine
    elif t.rank < below:  # below the bracket: [t.lo, lo)
        t.hi = float(np.nextafter(lo, -math.inf))
        t.inside = below - t.below
    else:  # above it: (hi, t.hi]
        t.lo = float(np.nextafter(hi, math.inf))
        t.inside = t.below + t.inside - (below + inside)
        t.below = below + inside
    return False


def _select_from(values: Floats, below: int, targets: Sequence[_Target]) -> None:
    """Each target's draw from the draws collected inside its bracket."""
    kth = [t.rank - below for t in targets]
    values.partition(kth)
    for t, k in zip(targets, kth, strict=True):
        t.value = float(values[k])


def _rebracket(sample: Floats, targets: Sequence[_Target]) -> None:
    """New brackets for targets sharing a range, from draws sampled in it (or their draws,
    when every draw in the range was sampled)."""
    if sample.size == targets[0].inside:  # sampled every draw in the range
        kth = [t.rank - t.below for t in targets]
        sample.partition(kth)
        for t, k in zip(targets, kth, strict=True):
            t.value = float(sample[k])
        return
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


def _collect_whole_range(t: _Target) -> None:
    """A target left without a bracket: its range is one value, or small enough to
    collect whole in the next pass (otherwise the next pass samples it)."""
    if t.value is not None or t.guess is not None:
        return
    if t.lo == t.hi:  # every draw in the range is this value
        t.value = t.lo
    elif t.inside <= COLLECT_MAX:  # few enough: collect the whole range
        t.guess = (t.lo, t.hi)


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
    if draws.size < SORT_BELOW:
        ordered = np.sort(draws)
        return {r: float(ordered[r]) for r in wanted}
    if draws.size < PARTITION_BELOW:
        return _partitioned(draws, wanted)
    return order_statistics(ArraySource(draws), wanted, draws[:PILOT])


def _partitioned(draws: Floats, wanted: Sequence[int]) -> dict[int, float]:
    """The order statistics at ``wanted`` (sorted ranks) of a copy of ``draws``, partitioned
    one rank at a time from the left, each partition of what lies above the last rank
    (about twice as fast as one ``np.partition`` with every rank, at 10^5 values). A rank
    just above the last one is the minimum of what lies above it, swapped into place."""
    work = draws.copy()
    found: dict[int, float] = {}
    start = 0
    for r in wanted:
        value = math.nan
        if r == start and r > 0:
            at = r + int(work[r:].argmin())
            value = float(work[at])
            work[r], work[at] = work[at], work[r]
        if math.isnan(value):  # a partition puts NaN last, as np.partition does
            work[start:].partition(r - start)
            value = float(work[r])
        found[r] = value
        start = r + 1
    return found
