"""The public strategies (``munitions_model.strategies``) draw what they say they draw."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings

import munitions_model as mm
from munitions_model.strategies import claims, lognormals

SOME = settings(max_examples=30, deadline=None)


@SOME
@given(claim=claims())
def test_claims_carry_their_phrase(claim: mm.Claim) -> None:
    assert claim.phrase
    assert (claim.value_high is not None) == (claim.qualifier == "range")


@SOME
@given(d=lognormals(1e3, 1e6))
def test_lognormals_stay_in_their_bounds(d: mm.distributions.LogNormal) -> None:
    low, high = d.interval(0.9)
    assert 1e3 * (1 - 1e-9) <= low < high <= 1e6 * (1 + 1e-9)


def test_hypothesis_is_imported_only_with_the_strategies() -> None:
    code = (
        "import sys, munitions_model as mm; mm.estimate_duration; a = 'hypothesis' in sys.modules;"
        " import munitions_model.strategies; print(a, 'hypothesis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
