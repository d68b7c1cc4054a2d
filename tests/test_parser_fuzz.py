"""Text fuzz: `parse_claim` and `extract_claims` raise nothing but `ClaimParseError` (a
`ValueError`), and always finish.

They always finish because the reader advances at least one token per step (a step that
does not raises ``RuntimeError``, which these tests would report) and every look-ahead is
bounded; the benchmark ``benchmarks/parse_scaling.py`` measures that the time grows
linearly with the length of the text. The inputs are arbitrary unicode, soups of the
vocabulary, and real corpus sentences cut, spliced and salted with minus signs, huge
numbers, odd separators and unicode look-alikes.
"""

from __future__ import annotations

import csv
from pathlib import Path

from budgets import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import munitions_model as mm
from munitions_model.claims import Claim, ClaimParseError, ExtractedClaim, Source
from munitions_model.strategies import phrases, token_soups

CORPUS = Path(__file__).parent / "data" / "phrase_corpus.csv"
with CORPUS.open(newline="", encoding="utf-8") as _handle:
    _ROWS = list(csv.DictReader(_handle))
SENTENCES = sorted({r["context"] for r in _ROWS})
PHRASES = sorted({r["phrase"] for r in _ROWS})

# A fuzzer: 100 examples in the default run (test_parser.py's FUZZ says what they keep),
# the full 250 in the ci-full step.
FUZZ = settings(
    max_examples=examples(250, ci=100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: Pieces that stress the reader: signs, separators, scales, dates, look-alike characters.
SALT = [
    "-", "\u2212", "(-", ")", "+", "%", ":", "/", "~", "$", ",", ".", " ", "\u00a0", "'s",
    "9" * 40, "9" * 320, "0", "0,5", "1.000,5", "1,00,000", "1e400", "between", "and", "to",
    "from", "since", "by", "in", "of", "a", "half", "dozens", "several", "times", "fold",
    "per", "day", "month", "this year", "mm", "122mm", "6-inch", "-pound", "kg", "tons",
    "rounds", "shells", "containers", "drones", "Grad", "KN-23",
    "\u0441\u043d\u0430\u0440\u044f\u0434",
    "\u4e07", "\ufe63", "\u2014", "\u2010", "'", '"', "\u201c", "\n", "\t", "...",
]  # fmt: skip


@st.composite
def spliced(draw: st.DrawFn) -> str:
    """A corpus sentence or phrase cut at random places with salt pieces put in."""
    text = draw(st.sampled_from(SENTENCES + PHRASES))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(SALT) | st.text(max_size=4))
        cut = draw(st.integers(0, 3))
        text = text[:at] + piece + text[at + cut :]
    return text


TEXTS = st.one_of(
    st.text(max_size=300),
    token_soups(),
    phrases().map(lambda p: p.text),
    spliced(),
)


def _parse(text: str, source: Source | None) -> Claim | None:
    try:
        return mm.parse_claim(text, source)
    except ClaimParseError:  # a ValueError subclass; anything else fails the test
        return None


@FUZZ
@given(
    TEXTS, st.sampled_from([None, Source(who="x", when="2024-08-20"), Source(who="y", when="2023")])
)
def test_parse_claim_raises_only_claim_parse_errors(text: str, source: Source | None) -> None:
    claim = _parse(text, source)
    if claim is not None:
        assert claim.phrase == text
        assert claim.value >= 0
        assert claim.high >= claim.value


@FUZZ
@given(TEXTS, st.sampled_from([None, Source(who="x", when="2024-08-20")]))
def test_extract_claims_raises_only_claim_parse_errors(text: str, source: Source | None) -> None:
    try:
        found = mm.extract_claims(text, source)
    except ClaimParseError:
        assert not text.strip()  # only empty text is refused
        return
    for item in found:
        assert isinstance(item, ExtractedClaim)
        assert text[item.start : item.end] == item.text
        assert item.claim.value >= 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=40))
def test_a_paragraph_reads_as_its_sentences(sentences: list[str]) -> None:
    # Joined sentences give at least the claims of each sentence read alone, in order: no
    # claim is lost because of a neighbour (a neighbour may add one, e.g. a carried unit).
    paragraph = " ".join(s if s.rstrip().endswith((".", '"')) else s + "." for s in sentences)
    whole = [(c.claim.value, c.text) for c in mm.extract_claims(paragraph)]
    alone = [(c.claim.value, c.text) for s in sentences for c in mm.extract_claims(s)]
    assert len(whole) >= len(alone) * 0.9
