"""Phrases are read once per hedge model (munitions_model.estimation)."""

from __future__ import annotations

import pytest

import munitions_model as mm
from munitions_model.hedges import DEFAULT_HEDGES, GRANULARITY_1

PHRASES = {"stock": "more than one million artillery rounds", "duration": "around two months"}


def test_a_phrase_is_read_once_per_hedge_model() -> None:
    first = mm.estimate_burn_rate(**PHRASES, samples=1_000, seed=1)
    again = mm.estimate_burn_rate(**PHRASES, samples=1_000, seed=1)
    for a, b in zip(first.inputs, again.inputs, strict=True):
        assert a.claim is b.claim
        assert a.interpretation is b.interpretation
    assert first.draws.tolist() == again.draws.tolist()
    other = mm.estimate_burn_rate(**PHRASES, samples=1_000, seed=1, hedges=GRANULARITY_1)
    assert other.inputs[0].claim is first.inputs[0].claim  # the same words
    assert other.inputs[1].interpretation != first.inputs[1].interpretation  # read anew
    assert other.inputs[1].hedge_model == GRANULARITY_1.label != DEFAULT_HEDGES.label


def test_a_phrase_that_cannot_be_read_fails_every_time() -> None:
    for _ in range(2):
        with pytest.raises(mm.ClaimParseError):
            mm.estimate_burn_rate(stock="rounds galore", duration=60.0, samples=10, seed=1)
