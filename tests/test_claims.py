"""Tests for the `Claim`, `TimeScope` and `Source` models in :mod:`munitions_model.claims`."""

from __future__ import annotations

import doctest
from datetime import date

import pytest
from pydantic import ValidationError

from munitions_model import claims
from munitions_model.claims import Claim, Source, TimeScope, first_day, last_day


@pytest.mark.parametrize(
    ("partial", "first", "last"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
        ("2023-10-07", date(2023, 10, 7), date(2023, 10, 7)),
    ],
)
def test_partial_dates(partial: str, first: date, last: date) -> None:
    assert (first_day(partial), last_day(partial)) == (first, last)


@pytest.mark.parametrize("bad", ["24", "2024-13", "2023-02-30", "2024/01", "2024-1"])
def test_bad_dates_name_the_value(bad: str) -> None:
    with pytest.raises(ValueError, match="date") as info:
        Source(who="x", when=bad)
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        (TimeScope(kind="since", start="2023-09"), "since:2023-09"),
        (TimeScope(kind="by", end="2024-12"), "by:2024-12"),
        (TimeScope(kind="during", start="2024", end="2024"), "during:2024"),
        (TimeScope(kind="during", start="2024-07", end="2024-08"), "during:2024-07/2024-08"),
        (TimeScope(kind="total"), "total"),
        (TimeScope(kind="during", length_days=60.875, resolved=False), "during:?/?~60.875d"),
        (TimeScope(kind="since", text="since August", resolved=False), "since:?"),
    ],
)
def test_scope_text(scope: TimeScope, text: str) -> None:
    assert str(scope) == text


def test_scope_period_is_first_to_last_day() -> None:
    scope = TimeScope(kind="by", end="2024-03")
    assert scope.period() == (None, date(2024, 3, 31))


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"kind": "since", "end": "2024"}, "no end"),
        ({"kind": "by", "start": "2024"}, "no start"),
        ({"kind": "total", "start": "2024"}, "no start"),
        ({"kind": "since"}, "needs start"),
        ({"kind": "during", "start": "2024"}, "needs end"),
        ({"kind": "during", "start": "2024-03", "end": "2024-02"}, "starts after it ends"),
        ({"kind": "during", "length_days": 0.0, "resolved": False}, "length_days"),
        ({"kind": "later"}, "kind"),
    ],
)
def test_invalid_scopes(fields: dict[str, object], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        TimeScope.model_validate(fields)


def test_scope_of_one_year_accepts_a_month_inside_it() -> None:
    # "2024-03" starts on 1 March, "2024" ends on 31 December: a valid period.
    assert TimeScope(kind="during", start="2024-03", end="2024").period()[1] == date(2024, 12, 31)


def test_claim_keeps_the_design_contract_fields() -> None:
    claim = Claim(value=1e6, qualifier="more_than", unit="rounds")
    assert (claim.value, claim.qualifier, claim.unit) == (1e6, "more_than", "rounds")
    assert (claim.qualifiers, claim.item, claim.scope, claim.whole) == ((), None, None, None)


def test_rate_and_total() -> None:
    assert Claim(value=5, unit="bombs/month").is_rate
    total = Claim(value=5, unit="bombs", scope=TimeScope(kind="since", start="2024"))
    assert not total.is_rate


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"value": 1.5, "unit": "fraction"}, "fraction cannot exceed 1"),
        ({"value": 0.5, "value_high": 1.2, "qualifier": "range", "unit": "fraction"}, "exceed 1"),
        ({"value": 5, "qualifiers": ("about",)}, "exact claim has no qualifiers"),
        ({"value": 5, "qualifier": "about", "qualifiers": ("range",)}, "stated words only"),
        ({"value": 5, "qualifier": "at_most", "qualifiers": ("about", "more_than")}, "must hold"),
        ({"value": 5, "qualifier": "about", "qualifiers": ("about", "about")}, "repeats"),
        ({"value": -1}, "value must be a finite number >= 0"),
        ({"value": 5, "unit": "shells"}, "unit 'shells' is not known"),
    ],
)
def test_invalid_claims(fields: dict[str, object], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        Claim.model_validate(fields)


def test_hedged_range_and_two_qualifiers() -> None:
    hedged = Claim(value=5000, value_high=7000, qualifier="range", qualifiers=("about",))
    assert hedged.qualifiers == ("about",)
    two = Claim(value=3e6, qualifier="at_most", qualifiers=("at_most", "about"))
    assert two.qualifiers == ("at_most", "about")


def test_claim_json_round_trip_with_nested_whole_and_scope() -> None:
    claim = Claim(
        value=0.8,
        unit="fraction",
        whole=Claim(value=2e6, unit="rounds"),
        scope=TimeScope(kind="by", end="2024-12", text="by the end of the year"),
        source=Source(who="someone", when="2024-02-20"),
    )
    assert Claim.model_validate_json(claim.model_dump_json()) == claim


def test_docstring_examples() -> None:
    result = doctest.testmod(claims, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
