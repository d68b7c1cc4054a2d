"""The families of issue 8, one example each (most from the issue's own text), and the
minus-sign and overflow findings of issue 13.

Each row is (phrase, value, value_high, qualifier, unit, item); the expected reading is
what the words say, as the module docstring of ``munitions_model._parser`` explains.
"""

from __future__ import annotations

from datetime import date

import pytest

import munitions_model as mm
from munitions_model.claims import ClaimParseError, Source, TimeScope

M = 1_000_000.0
#: The report date used to resolve relative words below.
WHEN = Source(who="example", when="2024-08-20")

FAMILIES = [
    # leading words
    ("an average of 44,500 per day", 44500.0, None, "exact", "count/day", None),
    ("just 2,000 a day", 2000.0, None, "exact", "count/day", None),
    ("another 400,000 rounds", 400000.0, None, "exact", "rounds", None),
    ("not more than 2,000 shells per day", 2000.0, None, "at_most", "rounds/day", None),
    ("unable to fire more than 2,000 shells a day", 2000.0, None, "at_most", "rounds/day", None),
    ("anywhere between 480,000 to 700,000", 480000.0, 700000.0, "range", "count", None),
    # extra words in or after the unit
    ("more than 13,000 shipping containers", 13000.0, None, "more_than", "containers", None),
    (
        "500,000 rounds of 122 mm multiple rocket launchers",
        5e5,
        None,
        "exact",
        "rounds",
        "122mm-rocket",
    ),
    ("between 60,000 and 70,000 rounds fired each day", 6e4, 7e4, "range", "rounds/day", None),
    (
        "over 10,000 containers of munitions or munitions-related materials",
        1e4,
        None,
        "more_than",
        "containers",
        None,
    ),
    ("14,000 highly destructive 2,000-pound bombs", 14000.0, None, "exact", "bombs", "2000lb"),
    # halves, fractions, percents
    ("half of them do not work", 0.5, None, "exact", "fraction", None),
    ("about half", 0.5, None, "about", "fraction", None),
    ("a fifth", 0.2, None, "exact", "fraction", None),
    ("two-thirds", 2 / 3, None, "exact", "fraction", None),
    ("as much as 40 percent", 0.4, None, "at_most", "fraction", None),
    ("only 4% are in working condition", 0.04, None, "exact", "fraction", None),
    ("2 out of 5 missiles", 0.4, None, "exact", "fraction", None),
    # ratios
    ("5-to-1", 5.0, None, "exact", "ratio", None),
    ("a 7:1 ratio", 7.0, None, "exact", "ratio", None),
    ("a ratio of 1 to 2", 0.5, None, "exact", "ratio", None),
    ("1.5 rounds for each Ukrainian shell", 1.5, None, "exact", "ratio", None),
    ("10,000 artillery shells a day to Ukraine's 2,000", 5.0, None, "exact", "ratio", "artillery"),
    # two qualifiers, qualified ranges
    ("up to approximately 3 million", 3 * M, None, "at_most", "count", None),
    ("about 4 to 6 million", 4 * M, 6 * M, "range", "count", None),
    ("some 10,000\u201312,000 rounds daily", 1e4, 1.2e4, "range", "rounds/day", None),
    # number forms
    ("one and a half million shells", 1.5 * M, None, "exact", "rounds", None),
    ("one-point-six million", 1.6 * M, None, "exact", "count", None),
    ("6 700 containers", 6700.0, None, "exact", "containers", None),
    ("110-thousand rounds", 110000.0, None, "exact", "rounds", None),
    ("600-1.8 million shells", 6e5, 1.8 * M, "range", "rounds", None),
    ("an additional half-dozen flights", 6.0, None, "exact", "count", "aircraft"),
    # carriers and tonnes
    ("two separate military trains", 2.0, None, "exact", "trains", None),
    ("approximately 73 freight railcars", 73.0, None, "about", "rail_cars", None),
    ("20 wagons", 20.0, None, "exact", "rail_cars", None),
    ("12 boxcars", 12.0, None, "exact", "rail_cars", None),
    ("more than 74,000 tons of explosives", 74000.0, None, "more_than", "tonnes", "explosives"),
    # munitions other than shells, and weapons
    ("several dozen ballistic missiles", 36.0, 108.0, "range", "missiles", "ballistic missile"),
    ("3,000 glide bombs every month", 3000.0, None, "exact", "bombs/month", "glide bomb"),
    ("almost 14,000 attack drones", 14000.0, None, "nearly", "drones", "attack drone"),
    ("5.5 Shaheds per day", 5.5, None, "exact", "drones/day", "Shahed"),
    ("thousands of landmines", 2000.0, 9000.0, "range", "mines", None),
    ("50 mortar bombs", 50.0, None, "exact", "rounds", "mortar"),
    ("2,000 Russian howitzers", 2000.0, None, "exact", "pieces", "howitzer"),
    ("200 pieces of long-range artillery", 200.0, None, "exact", "pieces", "long-range artillery"),
    (
        "600,000 pieces of artillery ammunition a year",
        6e5,
        None,
        "exact",
        "rounds/year",
        "artillery",
    ),
    ("at least seven Patriot batteries", 7.0, None, "at_least", "batteries", "Patriot battery"),
    # rates per hour or minute, per gun
    ("up to 1,000 shells in one hour", 1000.0, None, "at_most", "rounds/hour", None),
    ("more than 10 rounds per minute", 10.0, None, "more_than", "rounds/minute", None),
    ("just five rounds per gun per day", 5.0, None, "exact", "rounds/piece/day", None),
    # multipliers
    ("threefold", 3.0, None, "exact", "multiplier", None),
    ("three times more than the Armed Forces of Ukraine", 3.0, None, "exact", "multiplier", None),
    ("doubling or even tripling", 2.0, 3.0, "range", "multiplier", None),
    ("ten times less", 0.1, None, "exact", "fraction", None),
    ("more than twice less", 0.5, None, "less_than", "fraction", None),
    # calibres and systems: the item, mapped to catalogue keys
    ("3 million 122mm shells", 3 * M, None, "exact", "rounds", "122mm"),
    ("half a million 122mm rockets", 5e5, None, "exact", "rockets", "122mm-rocket"),
    ("5 Grad rockets", 5.0, None, "exact", "rockets", "122mm-rocket"),
    ("100 6-inch shells", 100.0, None, "exact", "rounds", "152mm"),
    (
        "more than 6 million 152-millimeter artillery shells",
        6 * M,
        None,
        "more_than",
        "rounds",
        "152mm",
    ),
    (
        "120 M1991 multiple-launch rocket systems",
        120.0,
        None,
        "exact",
        "pieces",
        "240mm M1991 MLRS",
    ),
]


@pytest.mark.parametrize(("phrase", "value", "high", "qualifier", "unit", "item"), FAMILIES)
def test_family(
    phrase: str, value: float, high: float | None, qualifier: str, unit: str, item: str | None
) -> None:
    claim = mm.parse_claim(phrase, WHEN)
    assert claim.value == pytest.approx(value, rel=1e-12)
    assert claim.value_high == (None if high is None else pytest.approx(high, rel=1e-12))
    assert (claim.qualifier, claim.unit, claim.item) == (qualifier, unit, item)


@pytest.mark.parametrize(
    ("phrase", "scope"),
    [
        # Resolved against the report date, 2024-08-20.
        ("over one million this year", TimeScope(kind="during", start="2024", end="2024")),
        (
            "more than 1,000 containers last month",
            TimeScope(kind="during", start="2024-07", end="2024-07"),
        ),
        ("over 10,000 containers since September", TimeScope(kind="since", start="2023-09")),
        ("nearly 600,000 more by the end of the year", TimeScope(kind="by", end="2024-12")),
        ("a million rounds by March", TimeScope(kind="by", end="2025-03")),
        (
            "100,000 shells during July and August",
            TimeScope(kind="during", start="2024-07", end="2024-08"),
        ),
        (
            "in January-May this year it was 7:1",
            TimeScope(kind="during", start="2024-01", end="2024-05"),
        ),
        (
            "about 15,000 during the summer of 2023",
            TimeScope(kind="during", start="2023-06", end="2023-08"),
        ),
        ("since mid-2022", None),  # no number: refused below
        ("at least 13,000 containers since mid-2022", TimeScope(kind="since", start="2022-06")),
        (
            "almost 10,000 bombs since the beginning of 2024",
            TimeScope(kind="since", start="2024-01"),
        ),
        (
            "9,600 missiles since the start of the full-scale invasion",
            TimeScope(kind="since", start="2022-02-24"),
        ),
        (
            "5,760 units in the first nine months of 2024",
            TimeScope(kind="during", start="2024-01", end="2024-09"),
        ),
        (
            "over 300,000 shells over the past six months",
            TimeScope(kind="during", start="2024-02", end="2024-08", length_days=182.625),
        ),
        (
            "14,000 per month 6 or 8 months ago",
            TimeScope(kind="during", start="2023-12", end="2024-02"),
        ),
        ("approximately 73 railcars in total", TimeScope(kind="total")),
    ],
)
def test_time_scope(phrase: str, scope: TimeScope | None) -> None:
    if scope is None:
        with pytest.raises(ClaimParseError, match="no number"):
            mm.parse_claim(phrase, WHEN)
        return
    read = mm.parse_claim(phrase, WHEN).scope
    assert read is not None
    assert (read.kind, read.period(), read.length_days) == (
        scope.kind,
        scope.period(),
        scope.length_days,
    )
    assert read.resolved


def test_a_total_is_not_a_rate() -> None:
    claim = mm.parse_claim("over one million this year", WHEN)
    assert not claim.is_rate
    assert claim.scope is not None
    assert claim.scope.period() == (date(2024, 1, 1), date(2024, 12, 31))


def test_relative_words_without_a_report_date_stay_unresolved_and_say_so() -> None:
    claim = mm.parse_claim("over one million this year")
    assert claim.scope is not None
    assert (claim.scope.kind, claim.scope.resolved, claim.scope.text) == (
        "during",
        False,
        "this year",
    )
    assert claim.scope.period() == (None, None)


def test_fraction_of_a_whole() -> None:
    claim = mm.parse_claim("80% of our 2 million")
    assert (claim.value, claim.unit) == (0.8, "fraction")
    assert claim.whole is not None
    assert (claim.whole.value, claim.whole.unit) == (2 * M, "count")


@pytest.mark.parametrize(
    "phrase",
    [
        "-1,000,000 rounds",
        "\u22125",  # the unicode minus sign
        "(-5) rounds",
        "about -5 rounds",
        "minus 5 rounds",
        "-10,000 rounds a day",
    ],
)
def test_a_negative_count_is_an_error_never_silently_positive(phrase: str) -> None:
    # Issue 13: "-1,000,000 rounds" used to read as 1,000,000.
    with pytest.raises(ClaimParseError, match="a count cannot be negative") as info:
        mm.parse_claim(phrase)
    assert repr(phrase) in str(info.value)


def test_a_hyphen_between_numbers_is_still_a_range() -> None:
    for phrase in ("10-20 rounds", "10 - 20 rounds", "10 -20 rounds"):
        claim = mm.parse_claim(phrase)
        assert (claim.value, claim.value_high) == (10.0, 20.0)


def test_negative_stock_phrase_fails_in_the_estimate() -> None:
    # Issue 13: estimate_duration returned 99 days for these.
    with pytest.raises(ClaimParseError, match="cannot be negative"):
        mm.estimate_duration(stock="-1,000,000 rounds", burn_rate="-10,000 rounds a day", seed=1)


@pytest.mark.parametrize("digits", [200, 309, 400])
def test_huge_numbers_are_a_clear_error_not_an_overflow(digits: int) -> None:
    # 200 digits is 1e199, a float; 309 digits and more are not.
    text = "9" * digits + " rounds"
    if digits < 309:
        assert mm.parse_claim(text).value == pytest.approx(10.0**digits)
        return
    with pytest.raises(ClaimParseError, match="too large"):
        mm.parse_claim(text)


@pytest.mark.parametrize(
    ("phrase", "why"),
    [
        ("500kg ballistic missiles", "no number"),  # the weight of one missile
        ("warheads weighing up to one tonne", "no number"),
        ("The 40-ton self-propelled gun", "no number"),
        ("a significant amount", "no number"),
        ("im shells", "no number"),
        (
            "\u0432 \u0441\u043e\u043e\u0442\u043d\u043e\u0448\u0435\u043d\u0438\u0438 20 \u043a 1",
            "not English",
        ),
        ("5717 l\u00e9gibomb\u00e1t", "not English"),
        ("\u8a98\u5c0e\u6ed1\u7a7a\u7206\u5f3e1\u4e07\u767a\u4ee5\u4e0a", "not English"),
    ],
)
def test_out_of_domain_phrases_say_what_was_expected(phrase: str, why: str) -> None:
    with pytest.raises(ClaimParseError, match=why) as info:
        mm.parse_claim(phrase)
    assert "expected" in str(info.value)


def test_huge_and_decimal_numbers_as_inputs() -> None:
    # Issue 13: 10**400 raised OverflowError and Decimal TypeError in the estimate wrappers.
    from decimal import Decimal

    with pytest.raises(ValueError, match="stock_rounds must lie within the float64 range"):
        mm.estimate_duration(stock=10**400, burn_rate=1e4, samples=1000, seed=1)
    est = mm.estimate_duration(stock=Decimal("1e6"), burn_rate=1e4, samples=1000, seed=1)
    assert est.median == pytest.approx(100.0)
