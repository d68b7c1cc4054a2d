"""The numpy normal CDF and quantile function against scipy.special (munitions_model._normal)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from budgets import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from munitions_model import _normal

RNG = np.random.default_rng(20231101)
# Arguments of every branch: |x| < sqrt(2) (erf), up to 8 sqrt(2) (erfc, first pair),
# beyond (second pair), past the underflow at about 38.6, and the special values.
X = np.concatenate(
    [
        RNG.standard_normal(20_000) * 3.0,
        RNG.uniform(-40.0, 40.0, 20_000),
        [0.0, -0.0, 1.0, -1.0, math.sqrt(2), -math.sqrt(2), 8 * math.sqrt(2), 38.5, -38.6],
        [np.inf, -np.inf, np.nan, 5e-324, -5e-324, 1e300, -1e300],
    ]
)
# Probabilities of every branch: the centre, tails down to exp(-32) and beyond (to the
# smallest subnormal), both ends, and values outside [0, 1].
P = np.concatenate(
    [
        RNG.uniform(0.0, 1.0, 20_000),
        np.exp(RNG.uniform(-745.0, 0.0, 20_000)),
        -np.expm1(-np.exp(RNG.uniform(-36.0, 3.0, 20_000))),
        [0.0, 1.0, 0.5, math.exp(-2), 1 - math.exp(-2), 5e-324, np.nextafter(1.0, 0.0)],
        [-0.1, 1.1, np.nan, -np.inf, np.inf],
    ]
)


def _libm_like_numpy() -> bool:
    """Whether numpy's exp and log round as the C library's (then the values are scipy's
    bit for bit; on builds with their own vector exp/log they may differ in the last bit)."""
    x = RNG.uniform(-50.0, 50.0, 2_000)
    y = np.exp(RNG.uniform(-700.0, 700.0, 2_000))
    return bool(
        np.array_equal(np.exp(x), [math.exp(v) for v in x])
        and np.array_equal(np.log(y), [math.log(v) for v in y])
    )


def _ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance in units in the last place (0 where both are NaN or equal infinities)."""
    same = (a == b) | (np.isnan(a) & np.isnan(b))
    spacing = np.spacing(np.maximum(np.abs(a), np.abs(b)))
    with np.errstate(invalid="ignore"):
        return np.where(same, 0.0, np.abs(a - b) / spacing)


@pytest.mark.parametrize(
    ("ours", "theirs", "args"), [(_normal.ndtr, special.ndtr, X), (_normal.ndtri, special.ndtri, P)]
)
def test_arrays_within_two_ulps_of_scipy(ours, theirs, args) -> None:
    assert _ulps(ours(args), theirs(args)).max() <= 2.0


@pytest.mark.skipif(not _libm_like_numpy(), reason="numpy's exp/log differ from the C library")
@pytest.mark.parametrize(
    ("ours", "theirs", "args"), [(_normal.ndtr, special.ndtr, X), (_normal.ndtri, special.ndtri, P)]
)
def test_arrays_equal_scipy_bit_for_bit(ours, theirs, args) -> None:
    np.testing.assert_array_equal(ours(args), theirs(args))


@pytest.mark.parametrize(
    ("ours", "theirs", "args"), [(_normal.ndtr, special.ndtr, X), (_normal.ndtri, special.ndtri, P)]
)
def test_scalars_equal_scipy_bit_for_bit(ours, theirs, args) -> None:
    # The scalar path uses Python's math module, i.e. the C library, as scipy does.
    for value in args[::97]:
        got, want = ours(float(value)), float(theirs(value))
        assert isinstance(got, float)
        assert got == want or (math.isnan(got) and math.isnan(want)), value


@settings(max_examples=examples(200, ci=100))  # all its arcs by the 50th ci example
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0.0, max_value=1.0))
def test_round_trip(p: float) -> None:
    # ndtr(ndtri(p)) returns p where the quantile is finite, to ndtr's accuracy: Cephes
    # quotes 3.4e-14 relative on [-13, 0]; in the far tail exp(-x^2 / 2) magnifies the
    # rounding of x^2 (x = 38: a relative 2e-16 of 1,444 is 3e-13 in the exponent).
    x = _normal.ndtri(p)
    if math.isfinite(x):
        assert _normal.ndtr(x) == pytest.approx(p, rel=1e-12, abs=1e-300)


def test_in_place_and_shapes() -> None:
    z = RNG.standard_normal((3, 5))
    want = special.ndtr(z)
    _normal.ndtr(z, out=z)  # the engine maps its own scores in place
    np.testing.assert_array_equal(z, want)
    u = RNG.uniform(size=(4, 6))[:, ::2]  # a strided view
    out = np.empty_like(u)
    assert _normal.ndtri(u, out=out) is out
    np.testing.assert_array_equal(out, special.ndtri(u))
    assert _normal.ndtr(np.array(0.5)).shape == ()
    assert _normal.ndtri(np.array([])).shape == (0,)


def test_ends_and_outside() -> None:
    assert _normal.ndtri(0.0) == -math.inf
    assert _normal.ndtri(1.0) == math.inf
    assert math.isnan(_normal.ndtri(1.5))
    assert math.isnan(_normal.ndtr(math.nan))
    assert _normal.ndtr(-40.0) == 0.0
    assert _normal.ndtr(40.0) == 1.0
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # no warnings
        _normal.ndtr(X)
        _normal.ndtri(P)


@pytest.mark.parametrize(
    ("ours", "theirs", "args"), [(_normal.ndtr, special.ndtr, X), (_normal.ndtri, special.ndtri, P)]
)
def test_small_and_large_arrays_agree(ours, theirs, args) -> None:  # type: ignore[no-untyped-def]
    # Arrays of up to _FEW values take the plain-Python path; larger ones numpy's.
    for size in (1, 3, _normal._FEW, _normal._FEW + 1):
        for start in range(0, 2000, 97):
            part = args[start : start + size]
            np.testing.assert_array_equal(ours(part), theirs(part))
