"""From normal scores to draws of the output, block by block (private).

:func:`munitions_model.estimate` builds a plan (`LogPlan` for a product of powers of
positive inputs, worked in logs; `NaturalPlan` otherwise), then either keeps the draws or
makes them in chunks.

Kept (`kept_log_draws`, `kept_natural_draws`)
    One random stream: exactly the numbers ``rng.standard_normal((k, n))`` gives (or the
    first ``n`` scrambled Sobol points), so results do not depend on how the work is split.
    For a `LogPlan`, all rows of scores but the last are drawn whole and the last a block
    at a time; each block of every row is correlated, mapped through its distribution and
    summed in logs while it is in cache, and the output takes over the first row's memory:
    ``max(k - 1, 1) * n`` floats in all, where plain numpy holds ``k + 2`` arrays.
Chunked (`ChunkedDraws`)
    Chunk ``c`` (draws ``c * chunk`` onwards) comes from its own stream, child ``c`` of
    ``SeedSequence.spawn`` (for QMC: the same scrambled Sobol sequence, ``chunk`` points at
    a time), so chunks can be made on several threads and made again, bit for bit, when a
    summary needs another pass. Memory is a few chunks whatever ``n``, and the result does
    not depend on the number of threads.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from munitions_model import limits
from munitions_model._normal import ndtri
from munitions_model.distributions import LOG_MAX, Distribution, LogNormal, Point

__all__ = [
    "BLOCK",
    "ChunkedDraws",
    "LogPlan",
    "Mixing",
    "NaturalPlan",
    "default_workers",
    "kept_log_draws",
    "kept_natural_draws",
    "scrambled_sobol",
]

Floats: TypeAlias = NDArray[np.float64]
Sampling: TypeAlias = Literal["mc", "qmc"]
T = TypeVar("T")

#: Draws processed together: a block of each row and its temporaries stay in cache.
BLOCK = 1 << 16
# Scrambled Sobol points lie in [0, 1); they are kept off the end points.
_U_LOW = float(np.finfo(np.float64).tiny)
_U_HIGH = float(1.0 - np.finfo(np.float64).epsneg)


def scrambled_sobol(d: int, rng: np.random.Generator) -> Any:
    """A scrambled Sobol engine (``scipy.stats.qmc.Sobol``) of dimension ``d``, seeded by
    ``rng``; ``scipy.stats`` is imported here, when first needed, not with the package."""
    from scipy.stats import qmc

    return qmc.Sobol(d=d, scramble=True, rng=rng)


def default_workers() -> int:
    """Cores this process may use."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return len(affinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Mixing:
    """Gives independent standard normal rows a correlation matrix (Gaussian copula): by
    its Cholesky factor, in place, last row first; or, for a singular matrix (a
    correlation of +-1), by its symmetric square root."""

    lower: Floats | None = None
    root: Floats | None = None

    @classmethod
    def of(cls, matrix: Floats | None) -> Mixing | None:
        """The mixing for ``matrix``; ``None`` for independent rows."""
        if matrix is None:
            return None
        try:
            return cls(lower=np.asarray(np.linalg.cholesky(matrix), dtype=np.float64))
        except np.linalg.LinAlgError:
            values, vectors = np.linalg.eigh(matrix)
            return cls(root=(vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T)

    def apply(self, rows: list[Floats]) -> list[Floats]:
        """Correlated rows (the Cholesky path overwrites and returns ``rows``)."""
        if self.lower is not None:
            lower = self.lower
            for i in range(len(rows) - 1, -1, -1):
                row = rows[i]
                row *= lower[i, i]
                for j in range(i):
                    if lower[i, j] != 0.0:
                        row += lower[i, j] * rows[j]
            return rows
        assert self.root is not None
        mixed = []
        for i in range(len(rows)):
            row = rows[0] * self.root[i, 0]
            for j in range(1, len(rows)):
                row += self.root[i, j] * rows[j]
            mixed.append(row)
        return mixed


class DrawMemo:
    """An input's draws, remembered by where their scores came from.

    A report or a notebook loop asks for many estimates from one seed that share an input
    ("more than one million rounds" against each reported fire rate): with the same seed
    and draw count, that input's row of scores is the same every time, and so are its
    draws. Mapping scores through a distribution that is not lognormal (a generalised
    Pareto excess, a mixture) takes several milliseconds per 10^5 draws; a copy, a tenth
    of one. So the draws are kept under the distribution (the same object: the phrase
    caches hand out one per phrase) and a key saying which scores they came from, and the
    next estimate copies them: the same numbers, bit for bit, as mapping again.

    At most `MAX_ENTRIES` blocks are kept, the least recently used dropped first, and only
    for runs of at most `MAX_DRAWS` draws (16 MiB at most). Lognormals and points, one
    multiply-add a draw, are mapped directly.
    """

    MAX_ENTRIES = 16
    MAX_DRAWS = 1 << 17

    def __init__(self) -> None:
        # (id of the distribution, key) -> (the distribution, its draws); the distribution
        # is held so that its id is not reused while the entry lives.
        self._kept: OrderedDict[tuple[int, Hashable], tuple[Distribution, Floats]] = OrderedDict()
        self._lock = threading.Lock()

    def mapped(
        self, dist: Distribution, z: Floats, key: Hashable | None, *, natural: bool = False
    ) -> Floats:
        """``dist``'s draws at scores ``z`` (which may be overwritten): their logs, or the
        values with ``natural``; remembered under ``key`` when it is given."""
        if key is None or isinstance(dist, LogNormal | Point):
            return dist._from_normal(z) if natural else dist._log_from_normal_inplace(z)
        entry = (id(dist), key)
        with self._lock:
            kept = self._kept.get(entry)
            if kept is not None:
                self._kept.move_to_end(entry)
        if kept is not None and kept[0] is dist:
            z[...] = kept[1]
            return z
        out = dist._from_normal(z) if natural else dist._log_from_normal_inplace(z)
        copy = out.copy()
        copy.setflags(write=False)
        with self._lock:
            self._kept[entry] = (dist, copy)
            while len(self._kept) > self.MAX_ENTRIES:
                self._kept.popitem(last=False)
        return out

    def clear(self) -> None:
        """Forget every kept block."""
        with self._lock:
            self._kept.clear()


#: The engine's one `DrawMemo`.
MEMO = DrawMemo()


def _out_of_range(name: str, inputs: str) -> limits.FloatRangeError:
    return limits.FloatRangeError(
        f"{name}: some draws exceed the largest float64 (about 1.8e308) for the inputs "
        f"{inputs}; rescale them (e.g. thousands of rounds) or narrow them"
    )


@dataclass(frozen=True)
class LogPlan:
    """``log(output) = constant + sum(exponent_i * log(x_i))``: each ``x_i`` an uncertain
    input mapped from row ``i`` of the scores (after mixing).

    Every block is checked as it is made (one reduction, while it is in cache): its
    largest log must be at most `LOG_MAX`, so that no draw overflows when
    exponentiated; a NaN (which the inputs' log-quantile functions cannot produce, as
    each is finite on the open unit interval) would fail the same comparison."""

    constant: float
    terms: tuple[tuple[Distribution, float], ...]
    mixing: Mixing | None = None
    name: str = "the output"
    inputs: str = ""

    def block(self, rows: list[Floats], size: int, stream: Hashable | None = None) -> Floats:
        """Logs of the output for one block of ``size`` draws; overwrites ``rows`` and
        returns the first of them when its distribution maps in place. ``stream`` names
        where the rows' scores came from, when that fixes them (see `MEMO`)."""
        work = self._block(rows, size, stream)
        top = work.max() if work.size else self.constant
        if not top <= LOG_MAX:
            if np.isnan(top):
                raise ValueError(f"{self.name} made NaN draws from the inputs {self.inputs}")
            raise _out_of_range(self.name, self.inputs)
        return work

    def _block(self, rows: list[Floats], size: int, stream: Hashable | None) -> Floats:
        if not self.terms:
            return np.full(size, self.constant)
        if self.mixing is not None:
            rows = self.mixing.apply(rows)
            stream = None  # each row now depends on the others
        work: Floats | None = None
        for i, ((dist, a), z) in enumerate(zip(self.terms, rows, strict=True)):
            logs = MEMO.mapped(dist, z, None if stream is None else ("log", stream, i))
            if work is None:
                work = logs
                if a != 1.0:
                    work *= a
            elif a == 1.0:
                work += logs
            elif a == -1.0:
                work -= logs
            else:
                logs *= a
                work += logs
        assert work is not None
        if self.constant != 0.0:
            work += self.constant
        return work


@dataclass(frozen=True)
class NaturalPlan:
    """``fn(**inputs)``: each uncertain input mapped from its row of scores."""

    fn: Callable[..., ArrayLike]
    name: str
    uncertain: tuple[tuple[str, Distribution], ...]
    fixed: Mapping[str, float]
    mixing: Mixing | None = None

    def evaluate(self, rows: list[Floats], size: int, stream: Hashable | None = None) -> Floats:
        """The output for ``size`` draws, checked: one value per draw, no NaN, and no
        value that overflowed float64 (an input's draws or the function's arithmetic:
        `limits.FloatRangeError`). An infinite output the function returns on purpose
        (a duration when production covers the fire rate) is kept. ``stream``: as for
        `LogPlan.block`."""
        if self.mixing is not None:
            rows = self.mixing.apply(rows)
            stream = None
        values: dict[str, object] = dict(self.fixed)
        for i, ((name, dist), z) in enumerate(zip(self.uncertain, rows, strict=True)):
            key = None if stream is None else ("natural", stream, i)
            drawn = MEMO.mapped(dist, z, key, natural=True)
            if not np.isfinite(drawn).all():  # every distribution's draws are finite
                raise _out_of_range(name, f"{name}={dist}")
            values[name] = drawn
        del rows
        try:
            with np.errstate(over="raise"):
                result = self.fn(**values)
        except FloatingPointError:
            raise _out_of_range(self.name, ", ".join(sorted(values))) from None
        out = np.asarray(result, dtype=np.float64).reshape(-1)
        if out.size == 1:
            out = np.full(size, out[0])
        elif not out.flags.owndata:  # a view of someone else's memory: the draws own theirs
            out = out.copy()
        if out.size != size:
            raise ValueError(f"{self.name} returned {out.size} values for {size} draws")
        if np.isnan(out).any():
            raise ValueError(f"{self.name} returned NaN for some draws")
        return out


def _sobol_normal(points: Floats) -> Floats:
    """Rows of normal scores from Sobol points (one point per row of ``points``)."""
    u = np.ascontiguousarray(points.T)
    np.clip(u, _U_LOW, _U_HIGH, out=u)
    ndtri(u, out=u)
    return u


def kept_log_draws(
    plan: LogPlan,
    n: int,
    sampling: Sampling,
    rng: np.random.Generator,
    stream: Hashable | None = None,
) -> Floats:
    """``n`` draws of ``log(output)`` from one stream; see the module docstring. ``stream``
    names the stream (the seed) when it fixes the scores: Monte Carlo draws ``n`` at a
    time, so row ``i`` holds draws ``i * n`` onwards of it, whatever the number of rows
    (see `MEMO`)."""
    k = len(plan.terms)
    if k == 0:
        return plan.block([], n)
    if n > MEMO.MAX_DRAWS:
        stream = None
    if sampling == "mc":
        stored = [rng.standard_normal(n) for _ in range(k - 1)]
        out = stored[0] if stored else np.empty(n)
        last = np.empty(min(BLOCK, n))
        for start in range(0, n, BLOCK):
            stop = min(start + BLOCK, n)
            tail = last[: stop - start]
            rng.standard_normal(out=tail)
            rows = [row[start:stop] for row in stored] + [tail]
            first = rows[0]
            where = None if stream is None else (stream, n, start)
            result = plan.block(rows, stop - start, where)
            if result is not first or not stored:
                out[start:stop] = result
        return out
    sobol = scrambled_sobol(k, rng)
    points = sobol.random_base2(int(n).bit_length() - 1)
    np.clip(points, _U_LOW, _U_HIGH, out=points)
    out = np.empty(n)
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        rows = [ndtri(points[start:stop, i]) for i in range(k)]
        out[start:stop] = plan.block(rows, stop - start)
    return out


def _normal_scores(k: int, n: int, sampling: Sampling, rng: np.random.Generator) -> Floats:
    """``k`` rows of ``n`` standard normal scores."""
    if sampling == "mc":
        return rng.standard_normal((k, n))
    sobol = scrambled_sobol(k, rng)
    return _sobol_normal(sobol.random_base2(int(n).bit_length() - 1))


def kept_natural_draws(
    plan: NaturalPlan,
    n: int,
    sampling: Sampling,
    rng: np.random.Generator,
    stream: Hashable | None = None,
) -> Floats:
    """``n`` draws of the output from one stream (the function sees whole arrays);
    ``stream`` as for `kept_log_draws`."""
    scores = _normal_scores(max(len(plan.uncertain), 1), n, sampling, rng)
    rows = list(scores[: len(plan.uncertain)])
    del scores
    remembered = stream is not None and sampling == "mc" and n <= MEMO.MAX_DRAWS
    return plan.evaluate(rows, n, (stream, n) if remembered else None)


class _Pass:
    """The mutable state of one pass over the chunks: each thread's score buffer and, for
    QMC, the pass's own Sobol engine. A pass belongs to one call of `ChunkedDraws.visit`
    (or `ChunkedDraws.first`), so passes made at the same time from several threads
    share nothing that changes."""

    def __init__(self, sobol: Any) -> None:
        # Each thread draws its scores into one buffer, reused chunk after chunk: fresh
        # chunk-sized arrays would be mapped and faulted in by the kernel every time.
        self.buffers = threading.local()
        self.sobol = sobol


class ChunkedDraws:
    """Draws made ``chunk`` at a time from independent streams, never all held: a
    ``munitions_model._select.Source``.

    It holds the recipe of the draws, never their state: every pass over them makes its
    own buffers and (for QMC) its own scrambled Sobol engine, so one set of chunked draws
    can be visited from several threads at once and each gets the serial answer.

    Parameters
    ----------
    plan : LogPlan or NaturalPlan
        What to compute from the scores. A `NaturalPlan`'s function is called once per
        chunk, so it must act elementwise (every model function does).
    n, chunk : int
        Draws in all, and per chunk.
    sampling : {"mc", "qmc"}
        ``"mc"``: chunk ``c`` uses ``default_rng(seed.spawn(count)[c])``. ``"qmc"``: the
        points of a scrambled Sobol engine in order (then made on one thread).
    seed : SeedSequence
        Parent of the chunk streams (``"mc"``); it is not modified.
    sobol : callable, optional
        Makes a fresh scrambled engine with one dimension per uncertain input, the same
        every time (``"qmc"``).
    workers : int
        Threads making chunks (``"mc"``); results do not depend on it.
    """

    def __init__(
        self,
        plan: LogPlan | NaturalPlan,
        n: int,
        chunk: int,
        sampling: Sampling,
        seed: np.random.SeedSequence,
        sobol: Callable[[], Any] | None,
        workers: int,
    ) -> None:
        self.plan, self.chunk, self.workers = plan, chunk, workers
        self._n = n
        self.count = -(-n // chunk)
        self._k = len(plan.terms) if isinstance(plan, LogPlan) else len(plan.uncertain)
        parent = np.random.SeedSequence(seed.entropy, spawn_key=seed.spawn_key)
        self._streams = parent.spawn(self.count) if sampling == "mc" else []
        self._sobol = sobol if sampling == "qmc" and self._k > 0 else None

    @property
    def n(self) -> int:
        """Number of draws."""
        return self._n

    def _new_pass(self) -> _Pass:
        return _Pass(None if self._sobol is None else self._sobol())

    def _scores(self, c: int, state: _Pass) -> Floats:
        size = min(self.chunk, self._n - c * self.chunk)
        if self._k == 0:
            return np.empty((0, size))
        if state.sobol is None:
            flat: Floats | None = getattr(state.buffers, "scores", None)
            if flat is None:
                flat = state.buffers.scores = np.empty(self._k * self.chunk)
            scores = flat[: self._k * size].reshape(self._k, size)
            np.random.default_rng(self._streams[c]).standard_normal(out=scores)
            return scores
        return _sobol_normal(state.sobol.random(size))  # chunks are made in order

    def _outputs(self, c: int, state: _Pass) -> Iterator[tuple[int, Floats]]:
        scores = self._scores(c, state)
        size = scores.shape[1]
        plan = self.plan
        if isinstance(plan, LogPlan):
            for start in range(0, size, BLOCK):
                rows = [scores[i, start : start + BLOCK] for i in range(self._k)]
                yield start, plan.block(rows, min(BLOCK, size - start))
        else:
            out = plan.evaluate(list(scores), size)
            del scores
            for start in range(0, size, BLOCK):
                yield start, out[start : start + BLOCK]

    def _chunk(self, c: int, fn: Callable[[Floats, int], T], state: _Pass) -> list[T]:
        base = c * self.chunk
        return [fn(block, base + start) for start, block in self._outputs(c, state)]

    def visit(self, fn: Callable[[Floats, int], T]) -> list[T]:
        """``fn(block, start)`` on every block of output, in order (work-space values:
        logs for a `LogPlan`). A block is valid only during the call: ``fn`` must copy
        what it keeps."""
        state = self._new_pass()
        if state.sobol is not None or self.workers <= 1 or self.count == 1:
            return [r for c in range(self.count) for r in self._chunk(c, fn, state)]
        with ThreadPoolExecutor(max_workers=min(self.workers, self.count)) as pool:
            per_chunk = pool.map(lambda c: self._chunk(c, fn, state), range(self.count))
            return [r for results in per_chunk for r in results]

    def first(self, size: int) -> Floats:
        """The first ``size`` draws (or fewer, if the first chunk is smaller)."""
        blocks: list[Floats] = []
        taken = 0
        for _, block in self._outputs(0, self._new_pass()):
            blocks.append(block[: size - taken].copy())
            taken += blocks[-1].size
            if taken >= size:
                break
        return np.concatenate(blocks)
