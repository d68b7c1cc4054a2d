"""How much work one call may ask for, and what happens beyond float64's range.

Every call that could otherwise allocate or compute without bound checks its request
against these limits **before** it allocates anything, and refuses with a `LimitError`
(a ``ValueError``) that says which limit, its value, and how to raise it. The defaults are
generous for the questions the library answers (the seed report uses 10^5 draws; a stock
projection of 10^5 paths over three years is 10^8 path-days).

=======================  ===============  ==================================================
limit                    default          what it bounds
=======================  ===============  ==================================================
``samples``              2**30            draws of one estimate (after rounding up to a
                                          power of two for ``"qmc"``), paths of one stock
                                          projection, and any other ``samples=`` argument
``path_days``            10**9            ``samples * horizon_days`` of one stock projection
``transfers``            10**7            transfers of one cadence in one path (a drawn
                                          count above it is refused)
``mixture_components``   1_000            leaf components of one mixture (nested mixtures
                                          count their leaves)
``findings``             10_000           findings one consistency check may be asked to
                                          make (its ``max_findings``)
=======================  ===============  ==================================================

Raise a limit for a block of code with `override` (it applies to the current thread or
asyncio task), or for the whole process with `configure`:

>>> from munitions_model import limits
>>> limits.current().samples == 2**30
True
>>> with limits.override(samples=2**32):
...     limits.current().samples
4294967296
>>> limits.current().samples == 2**30
True

Float range
-----------
One policy holds on every path (exact, Monte Carlo, quasi-Monte Carlo, chunked): inputs
must be finite; a result that is mathematically infinite (a duration when production
covers the fire rate, a depletion beyond the horizon) is ``inf`` and documented as such;
a result that is finite but beyond the largest float64 (about 1.8e308) raises
`FloatRangeError` (a ``ValueError``) naming the inputs; no call returns NaN or lets an
``OverflowError`` or a numpy warning escape.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = [
    "DEFAULTS",
    "FloatRangeError",
    "LimitError",
    "Limits",
    "check",
    "configure",
    "current",
    "override",
]


class LimitError(ValueError):
    """A request above a resource limit; the message says how to raise the limit.

    Parameters
    ----------
    limit : str
        Which limit (a field of `Limits`); also an attribute.
    allowed : int
        The limit in force; also an attribute.
    requested : int
        What was asked for; also an attribute.
    what : str
        The request in words, for the message (``"samples=10**12"``).

    See Also
    --------
    check : Raises it.
    override : Raise a limit for a block of code.

    Examples
    --------
    >>> err = LimitError("samples", 2**30, 2**40, "samples=2**40")
    >>> err.limit, isinstance(err, ValueError)
    ('samples', True)
    """

    def __init__(self, limit: str, allowed: int, requested: int, what: str) -> None:
        self.limit, self.allowed, self.requested = limit, allowed, requested
        super().__init__(
            f"{what} asks for {requested:,}, above the limit of {allowed:,} "
            f"(munitions_model.limits: {limit}); raise it with "
            f"`with munitions_model.limits.override({limit}=...)` or "
            f"`munitions_model.limits.configure({limit}=...)`"
        )


class FloatRangeError(ValueError):
    """A finite result beyond the largest float64 (about 1.8e308).

    Also raised for a result too close to zero to tell from it where that matters; the
    message names the inputs.

    See Also
    --------
    LimitError : The other refusal of this module.

    Examples
    --------
    >>> import munitions_model as mm
    >>> try:
    ...     mm.distributions.LogNormal(mu=709.0, sigma=5.0).quantile(0.99)
    ... except FloatRangeError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    FloatRangeError True
    """


class Limits(BaseModel):
    """The resource limits in force (see the module docstring for what each bounds).

    Parameters
    ----------
    samples : int, default 2**30
        Draws of one estimate, paths of one stock projection, any ``samples=``.
    path_days : int, default 10**9
        ``samples * horizon_days`` of one stock projection.
    transfers : int, default 10**7
        Transfers of one cadence in one path.
    mixture_components : int, default 1000
        Leaf components of one mixture.
    findings : int, default 10000
        Findings one consistency check may be asked to make.

    See Also
    --------
    current : The limits in force.
    override : Other limits for a block of code.

    Examples
    --------
    >>> Limits(samples=10).samples
    10
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    samples: int = Field(default=2**30, ge=1)
    path_days: int = Field(default=10**9, ge=1)
    transfers: int = Field(default=10**7, ge=1)
    mixture_components: int = Field(default=1_000, ge=1)
    findings: int = Field(default=10_000, ge=1)


#: The limits a fresh process starts with.
DEFAULTS = Limits()

_process_defaults = DEFAULTS
_process_lock = threading.Lock()
_overridden: ContextVar[Limits | None] = ContextVar("munitions_model_limits", default=None)


def current() -> Limits:
    """Return the limits in force here: the innermost `override`, else the process-wide ones.

    Returns
    -------
    Limits
        The limits.

    See Also
    --------
    override, configure : Change them.

    Examples
    --------
    >>> current().mixture_components
    1000
    """
    found = _overridden.get()
    return _process_defaults if found is None else found


def _changed(base: Limits, changes: dict[str, Any]) -> Limits:
    try:
        return Limits.model_validate({**base.model_dump(), **changes})
    except ValidationError as err:
        raise ValueError(f"limits: {err.errors()[0]['loc']} {err.errors()[0]['msg']}") from err


@contextmanager
def override(**changes: int) -> Iterator[Limits]:
    """Use other limits inside a ``with`` block (this thread or task only).

    Parameters
    ----------
    **changes : int
        New values by name (``samples=2**32``); the others stay as they are.

    Yields
    ------
    Limits
        The limits in force inside the block.

    See Also
    --------
    configure : For the whole process.

    Examples
    --------
    >>> with override(findings=20_000) as inside:
    ...     inside.findings
    20000
    """
    token = _overridden.set(_changed(current(), dict(changes)))
    try:
        yield current()
    finally:
        _overridden.reset(token)


def configure(**changes: int) -> Limits:
    """Change the process-wide limits (every thread without an `override`).

    Parameters
    ----------
    **changes : int
        New values by name; the others stay as they are.

    Returns
    -------
    Limits
        The new process-wide limits; ``configure(**DEFAULTS.model_dump())`` restores the
        defaults.

    See Also
    --------
    override : For a block of code only.

    Examples
    --------
    >>> configure(transfers=10**8).transfers
    100000000
    >>> configure(**DEFAULTS.model_dump()) == DEFAULTS
    True
    """
    global _process_defaults
    with _process_lock:
        _process_defaults = _changed(_process_defaults, dict(changes))
        return _process_defaults


def check(limit: str, requested: int, what: str) -> int:
    """Return ``requested`` if it is within the limit named ``limit``, else raise `LimitError`.

    Parameters
    ----------
    limit : str
        A field of `Limits`.
    requested : int
        What the call asks for.
    what : str
        The request in words, for the message (``"samples=10**12"``).

    Returns
    -------
    int
        ``requested``.

    See Also
    --------
    LimitError : Raised above the limit.

    Examples
    --------
    >>> check("samples", 100_000, "samples=100000")
    100000
    """
    allowed = int(getattr(current(), limit))
    if requested > allowed:
        raise LimitError(limit, allowed, int(requested), what)
    return requested
