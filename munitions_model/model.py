"""Pure core functions: burn rate, duration, stock, duds, tubes and transfers.

Every function takes scalars, lists or arrays, broadcasts them with numpy, and returns a
float64 array (0-d for scalar inputs). Inputs are checked once, vectorised: a negative,
NaN or infinite value raises ``ValueError`` naming the argument and the first bad value.
Units are in the names: counts of rounds, days, and rates per day.

Each function declares, through :func:`model_function`, the unit of every argument and of
its result, and, when it is a product of powers of its inputs, the exponents. The
estimation engine uses the units to check that a phrase fits the slot it fills and the
exponents for exact lognormal propagation and exact elasticities.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeAlias, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from munitions_model._validation import float_range, fraction_array, is_real, nonnegative_array
from munitions_model.units import DAYS_PER_MONTH

__all__ = [
    "FunctionSpec",
    "duration_days",
    "effective_stock",
    "function_spec",
    "implied_rounds_per_day",
    "implied_rounds_per_transfer",
    "model_function",
    "rounds_from_transfers",
    "rounds_per_day_from_tubes",
    "stock_rounds",
    "transfers_per_month",
]

Floats: TypeAlias = NDArray[np.float64]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class FunctionSpec:
    """What a model function declares about itself, as :func:`model_function` records it.

    Parameters
    ----------
    returns : str
        Unit of the result, e.g. ``"days"``.
    units : Mapping[str, str]
        Unit of each argument, by name.
    exponents : Mapping[str, float] or None, default None
        For a product of powers ``c * prod(x_i ** a_i)``: each ``a_i``, valid when every
        argument not listed keeps its default. ``None`` otherwise.
    constant : float, default 1.0
        The ``c`` of that product.

    See Also
    --------
    model_function : Record a declaration.
    function_spec : Read it back.

    Examples
    --------
    >>> spec = function_spec(duration_days)
    >>> spec.returns, dict(spec.exponents)
    ('days', {'stock_rounds': 1.0, 'rounds_per_day': -1.0})
    """

    returns: str
    units: Mapping[str, str]
    exponents: Mapping[str, float] | None = None
    constant: float = 1.0


_SPECS: dict[Callable[..., Any], FunctionSpec] = {}


def model_function(
    returns: str,
    units: Mapping[str, str],
    exponents: Mapping[str, float] | None = None,
    constant: float = 1.0,
) -> Callable[[F], F]:
    """Declare the units (and, for a product of powers, the exponents) of a function.

    The function is returned wrapped (same name, signature and docstring) so that its
    arithmetic follows the library's float-range policy: a result that overflows float64
    raises `~munitions_model.limits.FloatRangeError` (a ``ValueError`` naming the
    function) instead of warning and returning ``inf``; :func:`function_spec` reads the
    declaration back. Use it on your own functions to give them slot checks and the exact
    lognormal path in :func:`munitions_model.estimate`.

    Parameters
    ----------
    returns : str
        Unit of the result, e.g. ``"rounds"`` or ``"rounds/day"``.
    units : Mapping[str, str]
        Unit of each argument, by argument name (``"rounds"``, ``"days"``,
        ``"rounds/day"``, ``"fraction"`` ...).
    exponents : Mapping[str, float] or None, default None
        When the function is a product of powers ``constant * prod(x_i ** a_i)`` of the
        arguments listed (the others at their defaults): each ``a_i``, by name.
    constant : float, default 1.0
        The ``constant`` of that product.

    Returns
    -------
    Callable
        A decorator that records the declaration and returns the function wrapped.

    See Also
    --------
    function_spec : Read the declaration back.
    FunctionSpec : What is recorded.

    Examples
    --------
    >>> @model_function(returns="rounds", units={"rounds_per_day": "rounds/day",
    ...                 "duration_days": "days"}, exponents={"rounds_per_day": 1,
    ...                 "duration_days": 1})
    ... def fired(rounds_per_day, duration_days):
    ...     return np.multiply(rounds_per_day, duration_days)
    >>> function_spec(fired).returns
    'rounds'
    """
    spec = FunctionSpec(
        returns=returns,
        units=MappingProxyType(dict(units)),
        exponents=None if exponents is None else MappingProxyType(dict(exponents)),
        constant=constant,
    )

    def register(fn: F) -> F:
        name = getattr(fn, "__name__", "the function")

        @functools.wraps(fn)
        def checked(*args: Any, **kwargs: Any) -> Any:
            with float_range(lambda: _call_text(fn, name, args, kwargs)):
                return fn(*args, **kwargs)

        _SPECS[checked] = spec
        return cast(F, checked)

    return register


def _call_text(fn: Callable[..., Any], name: str, args: Any, kwargs: Any) -> str:
    """``name(argument=value, ...)``, each value a number or its type (for messages)."""
    try:
        given = dict(inspect.signature(fn).bind_partial(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        given = {**{str(i): a for i, a in enumerate(args)}, **kwargs}
    return f"{name}({', '.join(f'{k}={_short(v)}' for k, v in given.items())})"


def _short(value: object) -> str:
    if is_real(value):
        return repr(float(value))  # type: ignore[arg-type]
    return f"<{type(value).__name__}>"


def function_spec(fn: Callable[..., Any]) -> FunctionSpec | None:
    """Return the declaration :func:`model_function` made for ``fn``.

    Parameters
    ----------
    fn : Callable
        A function, e.g. :func:`duration_days`.

    Returns
    -------
    FunctionSpec or None
        Its units (and exponents), or ``None`` when ``fn`` declares nothing.

    See Also
    --------
    model_function : Make the declaration.

    Examples
    --------
    >>> function_spec(implied_rounds_per_day).units["duration_days"]
    'days'
    >>> function_spec(print) is None
    True
    """
    return _SPECS.get(fn)


@model_function(
    returns="days",
    units={
        "stock_rounds": "rounds",
        "rounds_per_day": "rounds/day",
        "production_rounds_per_day": "rounds/day",
        "dud_fraction": "fraction",
    },
    exponents={"stock_rounds": 1.0, "rounds_per_day": -1.0},
)
def duration_days(
    stock_rounds: ArrayLike,
    rounds_per_day: ArrayLike,
    production_rounds_per_day: ArrayLike = 0.0,
    dud_fraction: ArrayLike = 0.0,
) -> Floats:
    """Compute how many days a stock lasts at a fire rate, net of production and duds.

    ``duration = stock * (1 - dud_fraction) / (rate - production)``; infinite when
    production covers the fire rate (the stock never runs down), and zero for an empty
    stock. A product of powers (exponents 1 and -1) at the default production and duds.

    Parameters
    ----------
    stock_rounds : array_like
        Stock [rounds].
    rounds_per_day : array_like
        Fire (consumption) rate [rounds/day].
    production_rounds_per_day : array_like, default 0.0
        New rounds added per day [rounds/day].
    dud_fraction : array_like, default 0.0
        Share of the stock that does not work [fraction in 0-1] (see
        :func:`effective_stock`).

    Returns
    -------
    ndarray
        Duration [days], float64, broadcast over the inputs (0-d for scalars).

    Raises
    ------
    ValueError
        If an input is negative, NaN or infinite, or ``dud_fraction`` is above 1.

    See Also
    --------
    implied_rounds_per_day : The fire rate at which a stock lasts a given time.
    stock_rounds : The stock a rate needs for a given time.
    munitions_model.estimate_duration : The same with uncertain, reported inputs.

    Examples
    --------
    >>> float(duration_days(1_000_000, 16_427.9))  # the seed's "two months"
    60.87...
    >>> duration_days([1e6, 2e6], [[10_000], [20_000]])  # broadcasting: 2 x 2
    array([[100., 200.],
           [ 50., 100.]])
    >>> float(duration_days(1e6, 10_000, production_rounds_per_day=10_000))
    inf
    """
    stock = effective_stock(stock_rounds, dud_fraction)
    rate = nonnegative_array(rounds_per_day, "rounds_per_day")
    production = nonnegative_array(production_rounds_per_day, "production_rounds_per_day")
    net = rate - production
    net, stock = np.broadcast_arrays(net, stock)
    out = np.full(net.shape, np.inf)
    np.divide(stock, net, out=out, where=net > 0)
    out[stock == 0] = 0.0
    return out


@model_function(
    returns="rounds/day",
    units={"stock_rounds": "rounds", "duration_days": "days", "dud_fraction": "fraction"},
    exponents={"stock_rounds": 1.0, "duration_days": -1.0},
)
def implied_rounds_per_day(
    stock_rounds: ArrayLike, duration_days: ArrayLike, dud_fraction: ArrayLike = 0.0
) -> Floats:
    """Compute the fire rate at which a stock lasts a given time.

    ``rate = stock * (1 - dud_fraction) / duration``: a product of powers (exponents 1
    and -1) at the default of no duds.

    Parameters
    ----------
    stock_rounds : array_like
        Stock [rounds].
    duration_days : array_like
        How long it lasts [days]; must be positive.
    dud_fraction : array_like, default 0.0
        Share of the stock that does not work [fraction in 0-1]. With duds the result is
        the rate of rounds that work.

    Returns
    -------
    ndarray
        Rate [rounds/day], broadcast over the inputs.

    Raises
    ------
    ValueError
        If an input is negative, NaN or infinite, or ``duration_days`` is zero.

    See Also
    --------
    duration_days : The inverse: how long a stock lasts at a rate.
    munitions_model.estimate_burn_rate : The same with uncertain, reported inputs.

    Examples
    --------
    The seed figure at face value, one million rounds over two months:

    >>> round(float(implied_rounds_per_day(1_000_000, 2 * 30.4375)))
    16427
    """
    stock = effective_stock(stock_rounds, dud_fraction)
    days = nonnegative_array(duration_days, "duration_days", positive=True)
    return np.asarray(stock / days)


@model_function(
    returns="rounds",
    units={"rounds_per_day": "rounds/day", "duration_days": "days"},
    exponents={"rounds_per_day": 1.0, "duration_days": 1.0},
)
def stock_rounds(rounds_per_day: ArrayLike, duration_days: ArrayLike) -> Floats:
    """Compute the rounds needed to fire at a rate for a time: ``rate * duration``.

    Parameters
    ----------
    rounds_per_day : array_like
        Rate [rounds/day].
    duration_days : array_like
        Time [days].

    Returns
    -------
    ndarray
        Stock [rounds], broadcast over the inputs.

    See Also
    --------
    duration_days : How long a stock lasts at a rate.
    munitions_model.estimate_stock : The same with uncertain, reported inputs.

    Examples
    --------
    >>> float(stock_rounds(10_000, 30.4375))  # a month at 10,000 rounds a day
    304375.0
    """
    rate = nonnegative_array(rounds_per_day, "rounds_per_day")
    days = nonnegative_array(duration_days, "duration_days")
    return np.asarray(rate * days)


@model_function(returns="rounds", units={"stock_rounds": "rounds", "dud_fraction": "fraction"})
def effective_stock(stock_rounds: ArrayLike, dud_fraction: ArrayLike) -> Floats:
    """Compute the rounds that work: ``stock * (1 - dud_fraction)``.

    Ukraine's military intelligence said in February 2024 that about half of the North
    Korean shells did not work [1]_.

    Parameters
    ----------
    stock_rounds : array_like
        Stock [rounds].
    dud_fraction : array_like
        Share of rounds that fail [fraction in 0-1].

    Returns
    -------
    ndarray
        Working rounds [rounds], broadcast over the inputs.

    Raises
    ------
    ValueError
        If ``stock_rounds`` is negative, NaN or infinite, or ``dud_fraction`` is outside
        [0, 1].

    See Also
    --------
    duration_days : Uses it for its ``dud_fraction``.

    References
    ----------
    .. [1] V. Skibitskyi (deputy chief of Ukraine's HUR), 23 February 2024, reported by
       LIGA.net: https://news.liga.net/en/politics/news/rossiya-planiruet-proizvesti-27-mln-artilleriyskih-snaryadov-v-2024-godu-razvedka

    Examples
    --------
    >>> float(effective_stock(1_000_000, 0.5))  # half of them duds
    500000.0
    """
    stock = nonnegative_array(stock_rounds, "stock_rounds")
    duds = fraction_array(dud_fraction, "dud_fraction")
    if not duds.any():  # the common default: no pass over the stock
        return np.broadcast_to(stock, np.broadcast_shapes(stock.shape, duds.shape)).copy()
    return np.asarray(stock * (1.0 - duds))


@model_function(
    returns="rounds/day",
    units={"tubes": "pieces", "rounds_per_tube_per_day": "rounds/piece/day"},
    exponents={"tubes": 1.0, "rounds_per_tube_per_day": 1.0},
)
def rounds_per_day_from_tubes(tubes: ArrayLike, rounds_per_tube_per_day: ArrayLike) -> Floats:
    """Compute the fire rate of an artillery park: ``tubes * rounds_per_tube_per_day``.

    For scale: fewer than 5,000 Russian artillery pieces were reported deployed in
    Ukraine in February 2024 [1]_, and daily firing is limited to about 24 shots a gun
    [2]_.

    Parameters
    ----------
    tubes : array_like
        Guns, howitzers or launchers firing [pieces].
    rounds_per_tube_per_day : array_like
        Rounds each fires per day [rounds/piece/day].

    Returns
    -------
    ndarray
        Rate [rounds/day], broadcast over the inputs.

    See Also
    --------
    duration_days : How long a stock lasts at that rate.

    References
    ----------
    .. [1] RUSI, reported by The Economist, February 2024.
    .. [2] P. Gros, Fondation pour la recherche stratégique (FRS), 2023.

    Examples
    --------
    >>> float(rounds_per_day_from_tubes(5_000, 24))
    120000.0
    """
    n = nonnegative_array(tubes, "tubes")
    per_tube = nonnegative_array(rounds_per_tube_per_day, "rounds_per_tube_per_day")
    return np.asarray(n * per_tube)


@model_function(
    returns="rounds",
    units={"transfers": "transfers", "rounds_per_transfer": "rounds/transfer"},
    exponents={"transfers": 1.0, "rounds_per_transfer": 1.0},
)
def rounds_from_transfers(transfers: ArrayLike, rounds_per_transfer: ArrayLike) -> Floats:
    """Compute the rounds moved by transfers: ``transfers * rounds_per_transfer``.

    Parameters
    ----------
    transfers : array_like
        Number of transfers (shipments, voyages, trains) [transfers].
    rounds_per_transfer : array_like
        Average rounds each carries [rounds/transfer].

    Returns
    -------
    ndarray
        Rounds [rounds], broadcast over the inputs.

    See Also
    --------
    implied_rounds_per_transfer : The inverse.
    transfers_per_month : The cadence of the transfers.

    Examples
    --------
    >>> float(rounds_from_transfers(10, 100_000))  # "at least 10 arms transfers"
    1000000.0
    """
    t = nonnegative_array(transfers, "transfers")
    per = nonnegative_array(rounds_per_transfer, "rounds_per_transfer")
    return np.asarray(t * per)


@model_function(
    returns="rounds/transfer",
    units={"rounds": "rounds", "transfers": "transfers"},
    exponents={"rounds": 1.0, "transfers": -1.0},
)
def implied_rounds_per_transfer(rounds: ArrayLike, transfers: ArrayLike) -> Floats:
    """Compute the average rounds per transfer: ``rounds / transfers``.

    Parameters
    ----------
    rounds : array_like
        Rounds transferred [rounds].
    transfers : array_like
        Number of transfers (shipments, voyages, trains) [transfers]; must be positive.

    Returns
    -------
    ndarray
        Rounds per transfer [rounds/transfer], broadcast over the inputs.

    Raises
    ------
    ValueError
        If an input is negative, NaN or infinite, or ``transfers`` is zero.

    See Also
    --------
    rounds_from_transfers : The inverse.

    Examples
    --------
    >>> float(implied_rounds_per_transfer(1_000_000, 10))
    100000.0
    """
    r = nonnegative_array(rounds, "rounds")
    t = nonnegative_array(transfers, "transfers", positive=True)
    return np.asarray(r / t)


@model_function(
    returns="transfers/month",
    units={"transfers": "transfers", "elapsed_days": "days"},
    exponents={"transfers": 1.0, "elapsed_days": -1.0},
    constant=DAYS_PER_MONTH,
)
def transfers_per_month(transfers: ArrayLike, elapsed_days: ArrayLike) -> Floats:
    """Compute the transfer cadence: ``transfers / elapsed_days * 30.4375``.

    Parameters
    ----------
    transfers : array_like
        Transfers in the period [transfers].
    elapsed_days : array_like
        Length of the period [days]; must be positive.

    Returns
    -------
    ndarray
        Transfers per month [transfers/month] (a month is 365.25 / 12 days).

    See Also
    --------
    rounds_from_transfers : Rounds moved by a number of transfers.

    Examples
    --------
    >>> round(float(transfers_per_month(10, 92)), 2)  # 10 from 1 August to 1 November
    3.31
    """
    t = nonnegative_array(transfers, "transfers")
    days = nonnegative_array(elapsed_days, "elapsed_days", positive=True)
    return np.asarray(t / days * DAYS_PER_MONTH)
