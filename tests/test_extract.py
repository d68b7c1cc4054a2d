"""Tests for `extract_claims`: every claim of a paragraph, with its character span."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

import munitions_model as mm
from munitions_model.claims import ClaimParseError, ExtractedClaim, Source

CORPUS = Path(__file__).parent / "data" / "phrase_corpus.csv"
#: Share of corpus rows whose expected value ``extract_claims`` finds in the phrase's span
#: of its sentence. Measured 93.2% (benchmarks/compare_quantulum.py, 520 of 558 rows); the
#: floor leaves room for vocabulary changes without letting a regression through.
FOUND_FLOOR = 0.90

NIS = (
    "North Korea sent Russia more than one million artillery rounds in at least 10 arms "
    'transfers since August, "sufficient for around two months" of the war (South Korea\'s '
    "NIS, 1 Nov 2023). The US said North Korea had delivered more than 1,000 containers of "
    "military equipment and munitions."
)


def _corpus() -> list[dict[str, str]]:
    with CORPUS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_seed_paragraph() -> None:
    found = mm.extract_claims(NIS, Source(who="ROK NIS", when="2023-11-01"))
    read = [(c.text, c.claim.qualifier, c.claim.value, c.claim.unit) for c in found]
    assert read == [
        ("more than one million artillery rounds", "more_than", 1e6, "rounds"),
        ("at least 10 arms transfers since August", "at_least", 10.0, "transfers"),
        ("around two months", "about", 2.0, "months"),
        (
            "more than 1,000 containers of military equipment and munitions",
            "more_than",
            1000.0,
            "containers",
        ),
    ]
    transfers = found[1].claim
    assert transfers.scope is not None
    assert (transfers.scope.kind, transfers.scope.start) == ("since", "2023-08")


def test_spans_point_into_the_text() -> None:
    for found in mm.extract_claims(NIS):
        assert NIS[found.start : found.end] == found.text == found.claim.phrase


def test_a_bare_number_takes_the_unit_of_the_figure_before_it_in_its_sentence() -> None:
    text = (
        "In October-December 2023, Russian troops spent more than 30,000 artillery shells "
        "daily, while the Armed Forces of Ukraine spent up to 10,000."
    )
    found = mm.extract_claims(text, Source(who="Syrskyi", when="2024-08-20"))
    assert [(c.claim.value, c.claim.unit) for c in found] == [
        (30000.0, "rounds/day"),
        (10000.0, "rounds/day"),
    ]
    assert all(str(c.claim.scope) == "during:2023-10/2023-12" for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "The 1,500-kilometer front",  # a length
        "sold for $1.7 million",  # money
        "6.5 km away",
        "3,000 Hamas gunmen attacked on October 7",  # a count of people, a date
        "in 2022 and 2023",  # years
        "500kg ballistic missiles",  # the weight of one missile
        "(-5) rounds",  # a negative number is not a claim
    ],
)
def test_numbers_that_are_not_claims_are_skipped(text: str) -> None:
    assert mm.extract_claims(text) == []


def test_several_figures_in_one_sentence() -> None:
    text = "Hezbollah fired 127 missiles and 109 drones, and 1,410 drones in September."
    found = mm.extract_claims(text, Source(who="x", when="2024-11-01"))
    assert [(c.claim.value, c.claim.unit) for c in found] == [
        (127.0, "missiles"),
        (109.0, "drones"),
        (1410.0, "drones"),
    ]
    assert str(found[2].claim.scope) == "during:2024-09"


def test_no_claims_in_text_without_numbers() -> None:
    assert mm.extract_claims("A significant amount of ammunition was sent.") == []


@pytest.mark.parametrize(
    ("text", "match"),
    [("", "empty"), ("   ", "empty"), (None, "NoneType"), (b"5 rounds", "bytes")],
)
def test_only_text_is_refused(text: object, match: str) -> None:
    with pytest.raises(ClaimParseError, match=match):
        mm.extract_claims(text)  # type: ignore[arg-type]


def test_result_type_checks_its_span() -> None:
    claim = mm.parse_claim("5 rounds")
    with pytest.raises(ValueError, match="does not fit"):
        ExtractedClaim(claim=claim, start=0, end=3, text="5 rounds")


def test_corpus_sentences() -> None:
    """Every corpus sentence reads without error, spans are right, and the phrase's figure
    is found with its value in at least ``FOUND_FLOOR`` of the rows."""
    rows = [r for r in _corpus() if r["family"] != "refused" and r["phrase"] in r["context"]]
    found = 0
    for row in rows:
        context, phrase = row["context"], row["phrase"]
        claims = mm.extract_claims(context, Source(who=row["who"], when=row["reported_on"] or None))
        assert [c.start for c in claims] == sorted(c.start for c in claims)
        for c in claims:
            assert context[c.start : c.end] == c.text
        at, end = context.index(phrase), context.index(phrase) + len(phrase)
        values = [float(row["value"]), *([float(row["value_high"])] if row["value_high"] else [])]
        found += any(
            c.start < end and c.end > at and any(math.isclose(c.claim.value, v) for v in values)
            for c in claims
        )
    assert found / len(rows) >= FOUND_FLOOR, f"{found}/{len(rows)}"
