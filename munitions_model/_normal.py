"""The standard normal CDF and quantile function, in numpy alone (private).

``scipy.special`` costs about half a second to import (it pulls in ``numpy.f2py`` through
its array-API layer), more than everything else a first estimate needs. The engine only
needs two of its functions for most work, the normal CDF ``ndtr`` and its inverse
``ndtri``, so they are evaluated here with the rational approximations of the Cephes
library (Moshier 1989), the ones ``scipy.special`` itself evaluates, with the same
operations in the same order. Where numpy's ``exp``, ``log`` and ``sqrt`` round as the C
library does (they did on every machine tested) the values are bit for bit those of
``scipy.special``; ``tests/test_normal.py`` checks that, and that they are never more
than two units in the last place apart in any case. Scalars and arrays of at most
`_FEW` values take a plain-Python path (``math``, i.e. the C library, as scipy), which
is far faster than numpy for a few values.

References
----------
.. [1] Moshier, S. L. (1989). *Methods and Programs for Mathematical Functions*. Ellis
   Horwood. The Cephes library: https://www.netlib.org/cephes/
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final, TypeAlias, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["ndtr", "ndtri"]

Floats: TypeAlias = NDArray[np.float64]

#: Values evaluated together: a block and its temporaries stay in a 1 MiB L2 cache, which
#: made both functions twice as fast as on 10^5 values at once.
_BLOCK: Final = 1 << 14
#: Arrays this small take the plain-Python path value by value (about 2 us a value,
#: against some 70 us for numpy's fixed cost); both give scipy's values.
_FEW: Final = 16

_SQRT1_2: Final = 0.70710678118654752440
_SQRT2PI: Final = 2.50662827463100050242
_MAXLOG: Final = 7.09782712893383996843e2  # log of the largest double
_EXP_M2: Final = 0.13533528323661269189  # exp(-2): where ndtri's tail formula starts

# erf(x) = x T(x^2) / U(x^2) for |x| < 1 (U monic, its leading 1 left out).
_T: Final = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_U: Final = (
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)
# erfc(x) = exp(-x^2) P(x) / Q(x) for 1 <= x < 8, and R(x) / S(x) from 8 on.
_P: Final = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_Q: Final = (
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_R: Final = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_S: Final = (
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
# ndtri: for |y - 1/2| <= 3/8, x / sqrt(2 pi) = w + w^3 A(w^2) / B(w^2) with w = y - 1/2;
# in the tails, with t = sqrt(-2 log y): x = t - log(t) / t - (1/t) C(1/t) / D(1/t), one
# pair for 2 <= t < 8 (y down to exp(-32)) and another beyond.
_A: Final = (
    -5.99633501014107895267e1,
    9.80010754185999661536e1,
    -5.66762857469070293439e1,
    1.39312609387279679503e1,
    -1.23916583867381258016e0,
)
_B: Final = (
    1.95448858338141759834e0,
    4.67627912898881538453e0,
    8.63602421390890590575e1,
    -2.25462687854119370527e2,
    2.00260212380060660359e2,
    -8.20372256168333339912e1,
    1.59056225126211695515e1,
    -1.18331621121330003142e0,
)
_C1: Final = (
    4.05544892305962419923e0,
    3.15251094599893866154e1,
    5.71628192246421288162e1,
    4.40805073893200834700e1,
    1.46849561928858024014e1,
    2.18663306850790267539e0,
    -1.40256079171354495875e-1,
    -3.50424626827848203418e-2,
    -8.57456785154685413611e-4,
)
_D1: Final = (
    1.57799883256466749731e1,
    4.53907635128879210584e1,
    4.13172038254672030440e1,
    1.50425385692907503408e1,
    2.50464946208309415979e0,
    -1.42182922854787788574e-1,
    -3.80806407691578277194e-2,
    -9.33259480895457427372e-4,
)
_C2: Final = (
    3.23774891776946035970e0,
    6.91522889068984211695e0,
    3.93881025292474443415e0,
    1.33303460815807542389e0,
    2.01485389549179081538e-1,
    1.23716634817820021358e-2,
    3.01581553508235416007e-4,
    2.65806974686737550832e-6,
    6.23974539184983293730e-9,
)
_D2: Final = (
    6.02427039364742014255e0,
    3.67983563856160859403e0,
    1.37702099489081330271e0,
    2.16236993594496635890e-1,
    1.34204006088543189037e-2,
    3.28014464682127739104e-4,
    2.89247864745380683936e-6,
    6.79019408009981274425e-9,
)


# -- one value ------------------------------------------------------------------------------


def _horner(x: float, coefs: Sequence[float], monic: bool = False) -> float:
    """``c0 x^k + ... + ck`` (with a leading ``x^(k+1)`` when ``monic``), by Horner."""
    acc = x + coefs[0] if monic else coefs[0]
    for c in coefs[1:]:
        acc = acc * x + c
    return acc


def _erfc_of_positive(z: float) -> float:
    """``erfc(z)`` for ``z >= 1``."""
    if -z * z < -_MAXLOG:
        return 0.0
    e = math.exp(-z * z)
    if z < 8.0:
        return (e * _horner(z, _P)) / _horner(z, _Q, monic=True)
    return (e * _horner(z, _R)) / _horner(z, _S, monic=True)


def _ndtr_scalar(a: float) -> float:
    if math.isnan(a):
        return math.nan
    x = a * _SQRT1_2
    z = abs(x)
    if z < 1.0:
        x2 = x * x
        return 0.5 + 0.5 * (x * _horner(x2, _T) / _horner(x2, _U, monic=True))
    y = 0.5 * _erfc_of_positive(z)
    return 1.0 - y if x > 0 else y


def _ndtri_scalar(y0: float) -> float:
    if y0 == 0.0:
        return -math.inf
    if y0 == 1.0:
        return math.inf
    if not 0.0 < y0 < 1.0:  # outside [0, 1], or NaN
        return math.nan
    flip = y0 > 1.0 - _EXP_M2
    y = 1.0 - y0 if flip else y0
    if y > _EXP_M2:
        w = y - 0.5
        w2 = w * w
        return (w + w * (w2 * _horner(w2, _A) / _horner(w2, _B, monic=True))) * _SQRT2PI
    t = math.sqrt(-2.0 * math.log(y))
    head = t - math.log(t) / t
    r = 1.0 / t
    c, d = (_C1, _D1) if t < 8.0 else (_C2, _D2)
    x = head - r * _horner(r, c) / _horner(r, d, monic=True)
    return x if flip else -x


# -- arrays ----------------------------------------------------------------------------------


def _horner_array(x: Floats, coefs: Sequence[float], monic: bool = False) -> Floats:
    acc = x + coefs[0] if monic else x * coefs[0] + coefs[1]
    for c in coefs[1:] if monic else coefs[2:]:
        acc *= x
        acc += c
    return acc


def _erf_part(x: Floats) -> Floats:
    """``0.5 + 0.5 erf(x)`` for ``|x| < 1``."""
    x2 = x * x
    y = x * _horner_array(x2, _T)
    y /= _horner_array(x2, _U, monic=True)
    y *= 0.5
    y += 0.5
    return y


def _erfc_part(z: Floats) -> Floats:
    """``0.5 erfc(z)`` for ``z >= 1`` (or NaN)."""
    dead = None
    if float(np.nanmax(z, initial=0.0)) > 26.0:  # exp(-z^2) underflows: erfc is 0
        with np.errstate(over="ignore"):
            dead = -z * z < -_MAXLOG
        z = np.where(dead, 1.0, z)  # a stand-in, overwritten below
    e = np.exp(-z * z)
    far = z >= 8.0
    if far.any():
        out = np.empty_like(z)
        for piece, p, q in ((~far, _P, _Q), (far, _R, _S)):
            zp = z[piece]
            out[piece] = e[piece] * _horner_array(zp, p) / _horner_array(zp, q, monic=True)
    else:
        out = e
        out *= _horner_array(z, _P)
        out /= _horner_array(z, _Q, monic=True)
    if dead is not None:
        out[dead] = 0.0
    out *= 0.5
    return out


def _ndtr_array(a: Floats, out: Floats) -> None:
    x = a * _SQRT1_2
    z = np.abs(x)
    inner = z < 1.0  # NaN goes to the outer branch, and stays NaN
    if inner.all():
        out[...] = _erf_part(x)
        return
    outer = ~inner
    if not inner.any():
        tail = _erfc_part(z)
        np.subtract(1.0, tail, out=tail, where=x > 0)
        out[...] = tail
        return
    out[inner] = _erf_part(x[inner])
    tail = _erfc_part(z[outer])
    np.subtract(1.0, tail, out=tail, where=x[outer] > 0)
    out[outer] = tail


def _ndtri_array(y0: Floats, out: Floats) -> None:
    # Values above 1 - exp(-2) are flipped to 1 - y and take the tail formula, negated
    # back; values in (exp(-2), 1 - exp(-2)] take the central one; so do 0, 1 and the rest.
    upper = y0 > 1.0 - _EXP_M2
    central = (y0 > _EXP_M2) & ~upper
    idx = np.flatnonzero(central)
    w = y0[idx] - 0.5
    w2 = w * w
    ratio = w2 * _horner_array(w2, _A)
    ratio /= _horner_array(w2, _B, monic=True)
    ratio *= w
    ratio += w
    ratio *= _SQRT2PI
    values = np.empty_like(y0)
    values[idx] = ratio
    if idx.size == y0.size:
        out[...] = values
        return
    flip = upper[~central]
    rest = np.flatnonzero(~central)
    y = np.where(flip, 1.0 - y0[rest], y0[rest])
    inside = y > 0.0  # y in (0, exp(-2)]
    tails, flip = rest[inside], flip[inside]
    if tails.size:
        t = np.sqrt(-2.0 * np.log(y[inside]))
        head = t - np.log(t) / t
        r = 1.0 / t
        x = np.empty_like(t)
        for near, c, d in ((True, _C1, _D1), (False, _C2, _D2)):
            part = np.flatnonzero((t < 8.0) == near)
            if part.size:
                rp = r[part]
                x[part] = rp * _horner_array(rp, c) / _horner_array(rp, d, monic=True)
        head -= x
        values[tails] = np.where(flip, head, -head)
    if tails.size < rest.size:  # y == 0 (the ends), or NaN and out of range
        at = rest[~inside]
        ends = y0[at]
        values[at] = np.where(ends == 0.0, -np.inf, np.where(ends == 1.0, np.inf, np.nan))
    out[...] = values


def _apply(
    scalar: Callable[[float], float],
    array: Callable[[Floats, Floats], None],
    x: ArrayLike,
    out: Floats | None,
) -> float | Floats:
    """``scalar`` for a Python or numpy scalar, else ``array`` on the flattened values,
    into ``out`` (or a new array of ``x``'s shape)."""
    if out is None and isinstance(x, float | int | np.floating | np.integer):
        return scalar(float(x))
    arr = np.asarray(x, dtype=np.float64)
    if arr.size <= _FEW:  # a few values: numpy's per-call cost would dominate
        few = np.array([scalar(v) for v in arr.ravel().tolist()])
        few.shape = arr.shape
        if out is None:
            return few
        out[...] = few
        return out
    result = np.empty(arr.shape) if out is None else out
    flat = result.reshape(-1) if result.flags.c_contiguous else np.empty(arr.size)
    values = arr.reshape(-1)
    for start in range(0, values.size, _BLOCK):  # blocks whose temporaries stay in cache
        array(values[start : start + _BLOCK], flat[start : start + _BLOCK])
    if flat.base is not result and flat is not result:
        result[...] = flat.reshape(arr.shape)
    return result


@overload
def ndtr(x: float, out: None = None) -> float: ...
@overload
def ndtr(x: Floats, out: Floats | None = None) -> Floats: ...
@overload
def ndtr(x: ArrayLike, out: Floats | None = None) -> float | Floats: ...
def ndtr(x: ArrayLike, out: Floats | None = None) -> float | Floats:
    """Standard normal CDF, ``P(Z <= x)``; the values of ``scipy.special.ndtr``.

    Parameters
    ----------
    x : float or array_like
        Where to evaluate it.
    out : ndarray, optional
        Written in place (may be ``x`` itself).

    Returns
    -------
    float or ndarray
        A float for a Python or numpy scalar, else an array of ``x``'s shape.

    Examples
    --------
    >>> ndtr(0.0), round(ndtr(1.6448536269514722), 12)
    (0.5, 0.95)
    """
    return _apply(_ndtr_scalar, _ndtr_array, x, out)


@overload
def ndtri(p: float, out: None = None) -> float: ...
@overload
def ndtri(p: Floats, out: Floats | None = None) -> Floats: ...
@overload
def ndtri(p: ArrayLike, out: Floats | None = None) -> float | Floats: ...
def ndtri(p: ArrayLike, out: Floats | None = None) -> float | Floats:
    """Standard normal quantile function, the inverse of `ndtr`; the values of
    ``scipy.special.ndtri`` (``-inf`` at 0, ``inf`` at 1, NaN outside [0, 1]).

    Parameters
    ----------
    p : float or array_like
        Probabilities.
    out : ndarray, optional
        Written in place (may be ``p`` itself).

    Returns
    -------
    float or ndarray
        A float for a Python or numpy scalar, else an array of ``p``'s shape.

    Examples
    --------
    >>> ndtri(0.5), round(ndtri(0.95), 12)
    (0.0, 1.644853626951)
    """
    return _apply(_ndtri_scalar, _ndtri_array, p, out)
