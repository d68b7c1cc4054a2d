"""Checks shared by every entry point, in one place and one style (private).

Each check takes the argument's name and value and returns the value in the form the
caller uses, or raises ``ValueError("<name> must ..., got <value>")``. Entry points call
these rather than write their own, so that the rules cannot drift apart.

Seeds
-----
Every stochastic function takes ``seed: SeedLike`` and records a `SeedRecord`: the entropy
and spawn key of the `numpy.random.SeedSequence` the run drew from. The record is itself
accepted as ``seed=`` and reproduces the run bit for bit. An integer ``s`` is recorded as
``SeedRecord(entropy=s)`` and draws exactly what ``numpy.random.default_rng(s)`` draws;
``None`` draws fresh entropy from the operating system and records it; a `SeedSequence` is
recorded with its spawn key (so a spawned child is reproduced, not its parent); a
`Generator` is advanced by four draws that become the entropy of a new `SeedSequence`,
which is recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import math
import numbers
import secrets
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, TypeAlias, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator

from munitions_model import limits

__all__ = [
    "CorrelationLike",
    "Count",
    "SeedLike",
    "SeedRecord",
    "binds",
    "calendar_date",
    "correlation_matrix",
    "finite",
    "float_array",
    "float_range",
    "fraction",
    "fraction_array",
    "function",
    "generator",
    "instance",
    "interval_level",
    "mapping",
    "nonnegative_array",
    "packing",
    "positive_int",
    "power_of_two",
    "quantile_probabilities",
    "quantile_probability",
    "real",
    "samples",
    "seed_record",
    "shown",
    "text",
    "workers",
]

Floats: TypeAlias = NDArray[np.float64]
#: A count in a result model: an integer of at least one (``samples`` of an `Estimate`).
Count = Annotated[int, Field(ge=1)]
CorrelationLike: TypeAlias = (
    float | Mapping[tuple[str, str], float] | Sequence[Sequence[float]] | NDArray[Any] | None
)

# -- seeds ------------------------------------------------------------------------------------

_POOL_SIZE = 4  # numpy's default SeedSequence pool size


class SeedRecord(BaseModel):
    """The seed a result was made with, as recorded: pass it as ``seed=`` to reproduce it.

    Parameters
    ----------
    entropy : int or tuple of int
        The entropy of the `numpy.random.SeedSequence` the run drew from.
    spawn_key : tuple of int
        Its spawn key (empty unless it was spawned from another sequence).
    pool_size : int
        Its pool size (numpy's default, 4, unless a caller chose another).

    See Also
    --------
    Estimate : Records the seed it used (``Estimate.seed``).

    Examples
    --------
    >>> record = SeedRecord(entropy=1)
    >>> str(record)
    '1'
    >>> SeedRecord.model_validate(7).entropy
    7
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    entropy: int | tuple[int, ...] = Field(union_mode="left_to_right")
    spawn_key: tuple[int, ...] = ()
    pool_size: int = _POOL_SIZE

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        # An integer (or a list of them) is the entropy alone: what 0.1 recorded.
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            return {"entropy": int(value)}
        if isinstance(value, list | tuple):
            return {"entropy": tuple(value)}
        return value

    @model_validator(mode="after")
    def _valid(self) -> SeedRecord:
        words = (self.entropy,) if isinstance(self.entropy, int) else self.entropy
        if not words or any(w < 0 for w in (*words, *self.spawn_key)):
            raise ValueError(f"seed entropy and spawn key must be integers >= 0, got {self!r}")
        if self.pool_size < 1:
            raise ValueError(f"seed pool_size must be a positive integer, got {self.pool_size}")
        return self

    def sequence(self) -> np.random.SeedSequence:
        """Return a fresh `numpy.random.SeedSequence` equal to the one recorded.

        Returns
        -------
        numpy.random.SeedSequence
            The sequence.
        """
        return np.random.SeedSequence(
            self.entropy, spawn_key=self.spawn_key, pool_size=self.pool_size
        )

    def child(self, *key: int) -> np.random.SeedSequence:
        """Return the sequence with ``key`` appended to the spawn key.

        An independent stream for each part of a run (a chunk, a grid point, an input).

        Parameters
        ----------
        *key : int
            Words to append to the spawn key.

        Returns
        -------
        numpy.random.SeedSequence
            The child sequence.
        """
        return np.random.SeedSequence(
            self.entropy, spawn_key=(*self.spawn_key, *key), pool_size=self.pool_size
        )

    def __str__(self) -> str:
        if isinstance(self.entropy, int) and not self.spawn_key and self.pool_size == 4:
            return str(self.entropy)
        key = f", spawn_key={self.spawn_key}" if self.spawn_key else ""
        return f"SeedSequence({self.entropy!r}{key})"


SeedLike: TypeAlias = int | np.random.SeedSequence | np.random.Generator | SeedRecord | None
"""What ``seed=`` accepts everywhere: an integer, a `numpy.random.SeedSequence`, a
`numpy.random.Generator`, a recorded `SeedRecord`, or ``None`` for fresh entropy."""


def _of_sequence(sequence: np.random.SeedSequence) -> SeedRecord:
    entropy = sequence.entropy
    if entropy is None:  # pragma: no cover - numpy always fills it in
        raise ValueError("seed: a SeedSequence without entropy cannot be recorded")
    return trusted(  # numpy's own values: already valid
        SeedRecord,
        entropy=entropy if isinstance(entropy, int) else tuple(int(e) for e in entropy),
        spawn_key=tuple(int(k) for k in sequence.spawn_key),
        pool_size=int(sequence.pool_size),
    )


_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class _Layout:
    """What `trusted` needs of a model class, read once: every field in order with its
    default (pydantic's marker for a required one, which must be given), its private
    attributes' plain defaults, and the factories of those made by one."""

    fields: dict[str, Any]
    private: dict[str, Any]
    factories: tuple[tuple[str, Callable[[], Any]], ...]


@functools.cache
def _layout(cls: type[BaseModel]) -> _Layout:
    made = [name for name, info in cls.model_fields.items() if info.default_factory]
    if made:  # a shared default would be a bug; no model built this way has one
        raise TypeError(f"trusted() cannot build {cls.__name__}: {made} have default factories")
    attrs = cls.__private_attributes__.items()
    return _Layout(
        fields={name: info.default for name, info in cls.model_fields.items()},
        private={name: attr.default for name, attr in attrs if attr.default_factory is None},
        factories=tuple(
            (name, cast(Callable[[], Any], attr.default_factory))
            for name, attr in attrs
            if attr.default_factory is not None
        ),
    )


def trusted(cls: type[_Model], **fields: Any) -> _Model:
    """``cls(**fields)`` for fields this library made and checked already, without
    pydantic's validation: the same model (equal to the validated one, dumped the same),
    built in about 2 µs rather than 5-15 µs; a small estimate builds several.

    Only for values known to be valid: nothing is checked (every required field must be
    given) and model validators do not run. Fields with default factories are refused.
    """
    layout = _layout(cls)
    values = layout.fields.copy()
    values.update(fields)  # keeps the fields' order, as pydantic's own __dict__ does
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(fields))
    object.__setattr__(model, "__pydantic_extra__", None)
    private = layout.private.copy()
    for name, make in layout.factories:
        private[name] = make()
    object.__setattr__(model, "__pydantic_private__", private or None)
    return model


def seed_record(seed: object, name: str = "seed") -> SeedRecord:
    """The `SeedRecord` a run with ``seed`` records (and draws from).

    Raises
    ------
    ValueError
        For anything but a non-negative integer, a `SeedSequence`, a `Generator`, a
        `SeedRecord` or ``None``.
    """
    if type(seed) is int and seed >= 0:  # the common case first: no abstract-class checks
        return trusted(SeedRecord, entropy=seed)
    if isinstance(seed, SeedRecord):
        return seed
    if seed is None:
        # What ``SeedSequence()`` draws: pool_size * 32 bits from the system's entropy.
        return trusted(SeedRecord, entropy=secrets.randbits(32 * _POOL_SIZE))
    if isinstance(seed, np.random.SeedSequence):
        return _of_sequence(seed)
    if isinstance(seed, np.random.Generator):
        # Four 63-bit words drawn from the generator (advancing it) seed a new sequence.
        return SeedRecord(entropy=tuple(int(w) for w in seed.integers(0, 2**63, size=4)))
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and int(seed) >= 0:
        # Checked here already: built without pydantic's validation (tens of microseconds).
        return trusted(SeedRecord, entropy=int(seed))
    raise ValueError(
        f"{name} must be a non-negative integer, SeedSequence, Generator, SeedRecord or "
        f"None, got {shown(seed)}"
    )


def generator(record: SeedRecord) -> np.random.Generator:
    """The generator a run with this record draws from."""
    return np.random.default_rng(record.sequence())


# -- counts -----------------------------------------------------------------------------------


def positive_int(value: object, name: str, *, minimum: int = 1) -> int:
    """An integer of at least ``minimum`` (``bool`` is refused: ``True`` is not a count)."""
    if type(value) is int and value >= minimum:  # the common case, without ABC checks
        return value
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or int(value) < minimum:
        what = "a positive integer" if minimum == 1 else f"an integer of at least {minimum}"
        raise ValueError(f"{name} must be {what}, got {shown(value)}")
    return int(value)


def power_of_two(value: object, name: str, *, minimum: int = 1, why: str = "") -> int:
    """An integer power of two of at least ``minimum``; ``why`` says what needs it."""
    number = positive_int(value, name, minimum=minimum)
    if number & (number - 1):
        reason = f" {why}" if why else ""
        raise ValueError(f"{name} must be a power of two{reason}, got {shown(value)}")
    return number


def samples(value: object, name: str = "samples", *, minimum: int = 1) -> int:
    """A draw count: an integer of at least ``minimum`` (default 1), not a bool, and
    within ``munitions_model.limits`` (``samples``), checked before anything is drawn."""
    count = positive_int(value, name, minimum=minimum)
    return limits.check("samples", count, name)


def workers(value: object, available: int | Callable[[], int]) -> int:
    """Threads: a positive integer, or ``-1`` for every usable core (``available``, or what
    it returns: asked only then, since asking the system costs a system call)."""
    if type(value) is int and value >= 1:  # the common case first
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value == -1:
        return available() if callable(available) else available
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or int(value) < 1:
        raise ValueError(f"workers must be a positive integer or -1, got {shown(value)}")
    return int(value)


# -- numbers and probabilities ----------------------------------------------------------------


def shown(value: object) -> str:
    """``repr(value)``, short: an integer too long to print whole (Python refuses
    ``str(10**5000)``) is described by its size instead."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        number = int(value)
        if abs(number).bit_length() > 128:
            sign = "-" if number < 0 else ""
            return f"{sign}an integer of about 10**{int(abs(number).bit_length() * math.log10(2))}"
    try:
        text = repr(value)
    except ValueError:  # e.g. a Fraction of integers too long to print
        return f"a {type(value).__name__} too long to print"
    return text if len(text) <= 200 else f"{text[:120]}... ({len(text):,} characters)"


def is_real(value: object) -> bool:
    """Whether ``value`` is a real number this library accepts: a Python or numpy int or
    float, a `fractions.Fraction` or a `decimal.Decimal` (not a bool)."""
    if isinstance(value, bool | np.bool_):
        return False
    return isinstance(value, numbers.Real | Decimal)


def real(value: object, name: str) -> float:
    """``value`` as a float: any real number (see `is_real`), NaN and infinities kept.

    Raises
    ------
    ValueError
        For anything else, and for a number beyond the float64 range (``10**400``), naming
        ``name`` and the value.
    """
    if not is_real(value):
        raise ValueError(f"{name} must be a number, got {shown(value)}")
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise ValueError(
            f"{name} must lie within the float64 range (magnitude below 1.8e308), "
            f"got {shown(value)}"
        ) from None
    except (ValueError, ArithmeticError):  # Decimal('sNaN') refuses to convert
        raise ValueError(f"{name} must be a number, got {shown(value)}") from None


_real = real


def finite(value: object, name: str) -> float:
    """A finite real number (any type `is_real` accepts), as a float."""
    number = real(value, name)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {shown(value)}")
    return number


def calendar_date(value: object, name: str) -> dt.date | None:
    """``value`` as a plain `datetime.date` when it is a date or datetime (a pandas
    ``Timestamp`` included), ``None`` when it is not a date object at all (the caller may
    read text), and ``ValueError`` for a date object that holds no date (pandas ``NaT``)."""
    if not isinstance(value, dt.date):
        return None
    try:
        day = value.date() if isinstance(value, dt.datetime) else value
        return dt.date(day.year, day.month, day.day)
    except (TypeError, ValueError, AttributeError):
        raise ValueError(f"{name} must be a date, got {shown(value)}") from None


def function(value: object, name: str = "fn") -> Any:
    """A callable (a model function), else ``ValueError`` naming ``name``."""
    if not callable(value) or isinstance(value, type):
        raise ValueError(f"{name} must be a function, got {shown(value)}")
    return value


def binds(fn: Any, names: Iterable[str], what: str = "inputs", *, partial: bool = False) -> None:
    """``ValueError`` when ``fn`` cannot be called with keyword arguments ``names`` (an
    unknown argument, or with ``partial`` false a missing one), naming them; nothing is
    checked for a callable without an inspectable signature. The verdict is remembered per
    function and names (a signature costs tens of microseconds, a small estimate about a
    hundred)."""
    given = tuple(sorted(names))
    try:
        problem = _binding_problem(fn, given, partial)
    except TypeError:  # an unhashable callable: not remembered
        problem = _binding_problem.__wrapped__(fn, given, partial)
    if problem is not None:
        raise ValueError(f"{what} {list(given)} do not fit {problem}")


@functools.lru_cache(maxsize=256)
def _binding_problem(fn: Any, given: tuple[str, ...], partial: bool) -> str | None:
    """Why ``fn`` cannot be called with keywords ``given`` (its name, signature and
    Python's reason), or ``None`` when it can or has no inspectable signature."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    try:
        (signature.bind_partial if partial else signature.bind)(**dict.fromkeys(given))
    except TypeError as err:
        label = getattr(fn, "__name__", type(fn).__name__)
        return f"{label}{signature}: {err}"
    return None


def mapping(value: object, name: str, *, empty: bool = False) -> Mapping[Any, Any]:
    """A mapping (``{name: value}``), non-empty unless ``empty``, else ``ValueError``."""
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a mapping of names to values, got {shown(value)}")
    if not value and not empty:
        raise ValueError(f"{name} must name at least one argument, got {{}}")
    return value


def text(value: object, name: str) -> str:
    """A ``str`` (a subject, a packing name ...), else ``ValueError`` naming ``name``."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, got {shown(value)}")
    return value


def instance(value: object, kind: type[Any], name: str) -> Any:
    """``value`` when it is a ``kind`` (a `Ledger`, `Priors` ...), else ``ValueError``
    naming ``name``, the type wanted and the value."""
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be a {kind.__name__}, got {shown(value)}")
    return value


def packing(value: object, name: str = "packing") -> str | dict[str, float] | None:
    """What a count of rounds counts: ``None``, a packing's name, or weights (a mapping of
    packing names to finite numbers >= 0; whether they sum to 1 and the names exist is the
    catalogue's check, which lists the known packings)."""
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{name} must be a packing's name, a mapping of packing names to weights, or "
            f"None, got {shown(value)}"
        )
    weights: dict[str, float] = {}
    for key, weight in value.items():
        label = text(key, f"a packing name of {name}")
        number = real(weight, f"{name}[{key!r}]")
        if not (math.isfinite(number) and number >= 0.0):
            raise ValueError(f"{name}[{key!r}] must be a finite weight >= 0, got {shown(weight)}")
        weights[label] = number
    return weights


@contextmanager
def float_range(what: str | Callable[[], str]) -> Iterator[None]:
    """Numpy arithmetic inside the block raises `limits.FloatRangeError` (a
    ``ValueError``) naming ``what`` when a finite result would exceed float64, instead of
    warning and returning ``inf`` (see ``munitions_model.limits``: the float range)."""
    with np.errstate(over="raise"):
        try:
            yield
        except FloatingPointError as err:
            label = what if isinstance(what, str) else what()
            raise limits.FloatRangeError(
                f"{label} exceeds the largest float64 (about 1.8e308): {err}"
            ) from None


def quantile_probability(value: object, name: str = "q", *, open_interval: bool = False) -> float:
    """A quantile probability in [0, 1] (in (0, 1) with ``open_interval``)."""
    if type(value) is float and 0.0 < value < 1.0:  # the common case, without ABC checks
        return value
    q = _real(value, name)
    if open_interval and not 0.0 < q < 1.0:
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {shown(value)}")
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {shown(value)}")
    return q


def quantile_probabilities(values: object, name: str = "quantiles") -> tuple[float, ...]:
    """A non-empty sequence of quantile probabilities in [0, 1], as a tuple of floats."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise ValueError(
            f"{name} must be a sequence of probabilities in [0, 1], got {shown(values)}"
        )
    out = tuple(real(q, name) for q in values)
    if not out or not all(0.0 <= q <= 1.0 for q in out):
        raise ValueError(f"{name} must be probabilities in [0, 1], got {shown(values)}")
    return out


def interval_level(value: object, name: str = "level") -> float:
    """The probability inside a central interval: strictly between 0 and 1."""
    level = _real(value, name)
    if not 0.0 < level < 1.0:
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {shown(value)}")
    return level


def fraction(value: object, name: str, *, zero: bool = True) -> float:
    """A fraction in [0, 1] (or (0, 1] when ``zero`` is false)."""
    number = _real(value, name)
    if not ((number >= 0.0 if zero else number > 0.0) and number <= 1.0):
        rule = "[0, 1]" if zero else "(0, 1]"
        raise ValueError(f"{name} must lie in {rule}, got {shown(value)}")
    return number


# -- arrays -----------------------------------------------------------------------------------


def float_array(value: object, name: str) -> Floats:
    """``value`` as a float64 array: a number, a sequence or an array of real numbers (not
    text, dates, complex numbers or objects), else ``ValueError`` naming ``name``."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return np.asarray(value, dtype=np.float64)  # the common case: no inspection
    refused = ValueError(f"{name} must be real numbers within float64, got {shown(value)}")
    if isinstance(value, str | bytes):
        raise refused
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a ragged list, say, is refused, not warned of
            raw = np.asarray(value)
            if raw.dtype.kind not in "fiubO":  # text, bytes, complex, dates, durations
                raise refused
            with np.errstate(over="ignore"):  # a float128 beyond float64: inf, refused later
                return np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError, OverflowError, ArithmeticError, Warning):
        raise refused from None


def nonnegative_array(value: ArrayLike, name: str, *, positive: bool = False) -> Floats:
    """``value`` as a float64 array, or ``ValueError`` if any entry is negative (or zero
    when ``positive``), NaN or infinite, or not a number. Two reductions, no temporaries
    on the good path."""
    arr = float_array(value, name)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    low, high = arr.min(), arr.max()
    ok_low = low > 0 if positive else low >= 0  # NaN fails both comparisons
    if ok_low and high < np.inf:
        return arr
    flat = arr.ravel()
    bad = flat[~(np.isfinite(flat) & ((flat > 0) if positive else (flat >= 0)))][0]
    rule = "finite and > 0" if positive else "finite and >= 0"
    raise ValueError(f"{name} must be {rule}, got {float(bad)!r}")


def fraction_array(value: ArrayLike, name: str, *, zero: bool = True) -> Floats:
    """``value`` as a float64 array of fractions in [0, 1] (or (0, 1] when ``zero`` is
    false), else ``ValueError`` naming it and the first bad value."""
    arr = nonnegative_array(value, name)
    low, high = float(arr.min()), float(arr.max())
    if high > 1.0 or (low <= 0.0 and not zero):
        bad = high if high > 1.0 else low
        rule = "[0, 1]" if zero else "(0, 1]"
        raise ValueError(f"{name} must lie in {rule}, got {bad!r}")
    return arr


# -- correlation ------------------------------------------------------------------------------


def _rho(value: object, what: str) -> float:
    if not is_real(value):
        raise ValueError(f"{what} must be a number in [-1, 1], got {shown(value)}")
    rho = real(value, what)
    if not -1.0 <= rho <= 1.0:
        raise ValueError(f"{what} must lie in [-1, 1], got {shown(value)}")
    return rho


def _pairwise(correlation: Mapping[tuple[str, str], float], names: Sequence[str]) -> Floats:
    k = len(names)
    matrix = np.zeros((k, k))
    index = {n: i for i, n in enumerate(names)}
    for pair, value in correlation.items():
        a, b = pair
        for n in (a, b):
            if n not in index:
                raise ValueError(f"correlation names unknown input {n!r}; inputs are {list(names)}")
        rho = _rho(value, f"correlation of {a!r} and {b!r}")
        matrix[index[a], index[b]] = matrix[index[b], index[a]] = rho
    return matrix


def _given_matrix(correlation: object, names: Sequence[str]) -> Floats:
    k = len(names)
    try:
        matrix = np.array(correlation, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as err:
        raise ValueError(
            f"correlation must be a number, mapping or matrix, got {shown(correlation)}"
        ) from err
    if matrix.shape != (k, k):
        raise ValueError(
            f"correlation matrix must be {k}x{k} for inputs {list(names)}, got shape {matrix.shape}"
        )
    if not np.all(np.isfinite(matrix)) or not np.allclose(matrix, matrix.T):
        raise ValueError(f"correlation matrix must be finite and symmetric, got {matrix.tolist()}")
    if np.any(np.abs(matrix) > 1.0):
        raise ValueError(f"correlation matrix entries must lie in [-1, 1], got {matrix.tolist()}")
    return matrix


def correlation_matrix(correlation: CorrelationLike, names: Sequence[str]) -> Floats | None:
    """Correlation of the normal scores, in the order of ``names``; ``None`` if independent.

    ``correlation`` is one number for every pair, ``{(a, b): rho}`` by name, or a matrix
    in the order of ``names``; the result is checked to be a valid correlation matrix
    (positive semi-definite).
    """
    if correlation is None:
        return None
    if is_real(correlation):
        rho = _rho(correlation, "correlation")
        if len(names) < 2:
            raise ValueError(f"correlation needs at least two inputs, got {list(names)}")
        matrix = np.full((len(names), len(names)), rho)
    elif isinstance(correlation, Mapping):
        matrix = _pairwise(correlation, names)
    else:
        matrix = _given_matrix(correlation, names)
    np.fill_diagonal(matrix, 1.0)
    if np.min(np.linalg.eigvalsh(matrix)) < -1e-10:
        raise ValueError(f"correlation matrix is not positive semi-definite: {matrix.tolist()}")
    return matrix
