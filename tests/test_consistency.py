"""Cross-checks of reported figures: the compatibility measure and its thresholds, the
official conversions, subjects and periods, explanations, properties, bad input, CLI."""

from __future__ import annotations

import functools
import itertools
import json
import math
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import munitions_model as mm
from munitions_model import consistency
from munitions_model.cli import main
from munitions_model.consistency import CONSISTENT_AT, INCONSISTENT_BELOW, Conversion
from munitions_model.record import Period, reported_figure, reported_figures

N = 20_000
SEED = 20231101
CHECKS = settings(max_examples=25, deadline=None)  # each example runs a check


def check(claims: object, **kwargs: object) -> consistency.ConsistencyReport:
    return mm.check_consistency(claims, samples=N, seed=SEED, **kwargs)  # type: ignore[arg-type]


def only(report: consistency.ConsistencyReport) -> consistency.Finding:
    (finding,) = report.findings
    return finding


# -- the measure and its thresholds ----------------------------------------------------------


class TestThresholds:
    def test_derived_from_the_90_percent_level(self) -> None:
        # consistent: zero inside the central 90% interval of D, c >= 1 - 0.9.
        assert pytest.approx(0.1, abs=1e-12) == CONSISTENT_AT
        # inconsistent: what two equally spread normal readings score when their 90%
        # intervals just touch: medians 2 x 1.645 sd apart, D ~ N(3.29 sd, sqrt(2) sd).
        z = stats.norm.ppf(0.95)
        touching = 2 * stats.norm.cdf(-2 * z / math.sqrt(2))
        assert pytest.approx(touching, rel=1e-9) == INCONSISTENT_BELOW
        assert pytest.approx(0.0200, abs=1e-4) == INCONSISTENT_BELOW

    def test_thresholds_are_false_alarm_rates_for_calibrated_readings(self) -> None:
        # Two calibrated readings of one true value T: each report is T times a lognormal
        # error, and each reading is a lognormal of the same spread around its report.
        # Then c is uniform, so 10% of such pairs fall below CONSISTENT_AT and 2% below
        # INCONSISTENT_BELOW. 2,000 pairs: binomial standard errors 0.007 and 0.003.
        rng = np.random.default_rng(SEED)
        sigma = 0.3
        errors = rng.normal(0.0, sigma, size=(2_000, 2))
        scores = rng.normal(0.0, sigma, size=(2, 4_000))
        cs = []
        for e1, e2 in errors:
            d = (e1 + scores[0]) - (e2 + scores[1])
            cs.append(consistency.compatibility(d)[0])
        cs_arr = np.asarray(cs)
        assert np.mean(cs_arr < CONSISTENT_AT) == pytest.approx(0.10, abs=0.025)
        assert np.mean(cs_arr < INCONSISTENT_BELOW) == pytest.approx(0.02, abs=0.012)

    def test_compatibility_exact_cases(self) -> None:
        assert consistency.compatibility(np.array([-1.0, 1.0])) == (1.0, 0.5, 0.5)
        assert consistency.compatibility(np.zeros(3)) == (1.0, 0.0, 0.0)  # ties split
        assert consistency.compatibility(np.ones(4)) == (0.0, 0.0, 1.0)
        with pytest.raises(ValueError, match="at least one draw"):
            consistency.compatibility(np.array([]))

    def test_verdicts_follow_the_thresholds(self) -> None:
        assert consistency._verdict(CONSISTENT_AT) == "consistent"
        assert consistency._verdict(CONSISTENT_AT - 1e-9) == "tension"
        assert consistency._verdict(INCONSISTENT_BELOW) == "tension"
        assert consistency._verdict(INCONSISTENT_BELOW - 1e-9) == "inconsistent"


# -- the cases the issue names -----------------------------------------------------------------


class TestIssueCases:
    def test_shins_own_conversion_is_not_inconsistent(self) -> None:
        # South Korea's defence minister (26 Feb 2024): about 6,700 containers, more than
        # 3 million 152 mm shells "if 152 mm" (448 a container).
        finding = only(check(["about 6,700 containers", "more than 3 million rounds"]))
        assert finding.relation == "containers"
        assert finding.verdict != "inconsistent"
        assert not finding.physically_impossible

    def test_a_range_that_contains_the_implied_total_is_consistent(self) -> None:
        # 10,000 a day for 100 days: 560,000 to 1,770,000 rounds, wholly inside the range.
        report = check(
            [
                "about 100 days",
                "about 10,000 rounds a day",
                "between 100,000 and 100,000,000 rounds",
            ]
        )
        finding = only(report)
        assert finding.relation == "rate_duration"
        assert finding.verdict == "consistent"
        assert report.consistent
        stated = {f.text: f for f in finding.figures}
        assert stated["between 100,000 and 100,000,000 rounds"].range == (1e5, 1e8)

    def test_every_figure_is_checked(self) -> None:
        # Each figure's value as the others imply it: 'about 100 days' and 'about 10,000
        # rounds a day' against one million rounds.
        claims = ["about 1,000,000 rounds", "about 100 days", "about 10,000 rounds a day"]
        finding = only(check(claims))
        implied = {f.role: f.implied for f in finding.figures}
        assert set(implied) == {"rounds", "rate", "duration"}
        assert 60 < implied["duration"].median < 160
        assert 6_000 < implied["rate"].median < 16_000


# -- the official conversions (data/conversions.csv; the README's table) --------------------------


CONVERSIONS = {c.id: c for c in consistency.conversions()}
POINT_RATES_152 = [
    "rok-mil-2023-11-02",
    "shin-2023-12-29-152",
    "shin-2024-02-26-152",
    "shin-2024-06-14",
    "dia-kang-2024-08-27",
    "dia-kang-2024-10-23",
    "dia-kang-2025-07-13",
    "dia-2025-33000",
]


@pytest.fixture(scope="module")
def full_20ft_152() -> mm.Estimate:
    return mm.rounds_per_container("152mm", "20ft", samples=N, seed=SEED)


class TestOfficialConversions:
    @pytest.mark.parametrize("conv", list(CONVERSIONS.values()), ids=list(CONVERSIONS))
    def test_none_is_inconsistent_under_its_wording(self, conv: Conversion) -> None:
        finding = only(conv.check(samples=N, seed=SEED))
        # The government source's "upper 200,000 range" of 1,000-odd containers lies
        # below what full containers hold: part filled, at most tension.
        expected = "tension" if conv.id == "rok-govsource-2023-10-17" else "consistent"
        assert finding.verdict == expected

    @pytest.mark.parametrize("key", POINT_RATES_152)
    def test_each_south_korean_152mm_rate_is_inside_the_interval(
        self, key: str, full_20ft_152: mm.Estimate
    ) -> None:
        # Rounds per container at face value (rounds / containers) against the 90% interval
        # of a full 20 ft container of 152 mm under the catalogue's shipped packings.
        low, high = full_20ft_152.interval(0.9)
        rate = CONVERSIONS[key].per_carrier[0]
        assert low <= rate <= high

    def test_the_interval_is_no_wider_and_no_narrower_than_the_sources_support(
        self, full_20ft_152: mm.Estimate
    ) -> None:
        # What full 20 ft containers of 152 mm hold, as the sources say: the ministerial
        # and intelligence conversions run from 400 (Shin, Dec 2023) to 500 (SBS, Nov
        # 2023); Estonian officials said a container "could hold 300 to 500". No narrower:
        # the interval holds 400 to 500 and reaches 300 within a tenth. No wider: it stays
        # within a quarter of 300 and of 500.
        low, high = full_20ft_152.interval(0.9)
        assert low <= 400
        assert high >= 500
        assert 0.75 * 300 <= low <= 1.1 * 300
        assert high <= 1.25 * 500

    def test_the_rocket_rates_are_inside(self) -> None:
        est = mm.rounds_per_container("122mm-rocket", "20ft", samples=N, seed=SEED)
        low, high = est.interval(0.9)
        for key in ("rok-mil-2023-11-02-122r", "shin-2023-12-29-122", "shin-2024-02-26-122"):
            assert low <= CONVERSIONS[key].per_carrier[0] <= high

    def test_the_nis_mixed_rate_is_inside(self) -> None:
        # NIS (18 Oct 2024): more than 8 million 122 and 152 mm shells in more than 13,000
        # containers: 615 a container, read as half of each.
        conv = CONVERSIONS["nis-2024-10-18"]
        est = mm.rounds_per_container("152mm", mix=conv.mix, samples=N, seed=SEED)
        low, high = est.interval(0.9)
        assert low <= conv.per_carrier[0] <= high

    def test_which_reading_reproduces_which(self) -> None:
        # The South Korean 152 mm rates need projectiles alone; the open-source range
        # complete rounds with their charges.
        def c(key: str, packing: str) -> float:
            return only(CONVERSIONS[key].check(packing=packing, samples=N, seed=SEED)).compatibility

        for key in ("shin-2024-02-26-152", "dia-kang-2024-08-27"):
            assert c(key, "projectile") >= CONSISTENT_AT
            assert c(key, "complete") < CONSISTENT_AT
        assert c("reuters-osc-2025-04-15", "complete") >= CONSISTENT_AT
        assert c("reuters-osc-2025-04-15", "projectile") < CONSISTENT_AT
        # C4ADS: 74,000 t at 46.25 kg a shell is projectiles by weight.
        assert c("c4ads-wapo-2024-06-22", "projectile") >= CONSISTENT_AT
        assert c("c4ads-wapo-2024-06-22", "complete") < CONSISTENT_AT

    def test_structured_claims_agree_with_their_phrases(self) -> None:
        # The parser reads every phrase (tonnes and rail cars too) as the columns say.
        for conv in CONVERSIONS.values():
            for claim in (conv.carriers, conv.rounds):
                assert claim.phrase is not None
                parsed = mm.parse_claim(claim.phrase)
                fields = ("value", "value_high", "qualifier", "unit", "item")
                assert [getattr(parsed, f) for f in fields] == [
                    getattr(claim, f) for f in fields
                ], claim.phrase

    def test_every_conversion_is_sourced(self) -> None:
        for conv in CONVERSIONS.values():
            assert conv.url.startswith("http")
            assert conv.quote
            assert conv.rounds.source is not None
            assert conv.rounds.source.who == conv.who


# -- subjects and periods --------------------------------------------------------------------


class TestSubjectsAndPeriods:
    def test_different_subjects_are_not_related(self) -> None:
        # An EU pledge to Ukraine and North Korean containers are about different things.
        pledge = ("more than one million rounds", "western_deliveries", "2023-03/2024-03")
        boxes = ("about 6,700 containers", "nk_to_russia_containers", "2023-07/2024-02")
        report = check([pledge, boxes])
        assert report.findings == ()
        assert not report.consistent
        assert len(report.unrelated) == 2
        assert all("other subjects or periods" in u for u in report.unrelated)

    def test_totals_over_different_windows_are_not_related(self) -> None:
        # The White House's containers (7 Sep-1 Oct 2023) and the NIS's rounds (August to
        # 1 November) count different windows.
        containers = reported_figure("us-containers-2023-10")
        rounds = reported_figure("seed-rounds")
        report = check([containers, rounds])
        assert report.findings == ()
        # ...while the South Korean defence ministry's conversion of the same containers
        # is related to them.
        mnd = reported_figure("rok-mnd-2023-10")
        assert only(check([containers, mnd])).relation == "containers"

    def test_plain_phrases_are_about_one_thing(self) -> None:
        report = check(["more than 1,000 containers", "more than one million artillery rounds"])
        assert only(report).relation == "containers"

    def test_linked_subjects(self) -> None:
        # The NIS's rounds, Russia's fire rate and how long the rounds last are linked.
        report = check(
            [
                ("more than one million rounds", "nk_to_russia_rounds", "2023-08/2023-10"),
                ("about 10,000 rounds a day", "russia_fire_rate", "2023-10/2023-12"),
                ("around two months", "duration_of_stock", None),
            ]
        )
        assert only(report).relation == "rate_duration"
        # Ukraine's fire rate is not linked to North Korean rounds...
        with pytest.raises(ValueError, match="no relation links these claims"):
            check(
                [
                    ("about 10,000 rounds a day", "ukraine_fire_rate", "2023"),
                    ("around two months", "duration_of_stock", None),
                ]
            )
        # ...unless the caller says so.
        report = check(
            [
                ("more than one million rounds", "nk_to_russia_rounds", "2023-08/2023-10"),
                ("about 10,000 rounds a day", "ukraine_fire_rate", "2023"),
                ("around two months", "duration_of_stock", None),
            ],
            links=[{"nk_to_russia_rounds", "ukraine_fire_rate"}],
        )
        assert only(report).relation == "rate_duration"

    def test_the_bundled_record(self) -> None:
        figures = reported_figures()
        report = check(figures)
        assert 0 < len(report.findings) <= 60
        by_text = {f.claim.phrase: f for f in figures}
        for finding in report.findings:
            subjects = {by_text[text].subject for text in finding.claims}
            stems = {consistency._stem(s) for s in subjects}
            linked = any(
                stems <= {consistency._stem(x) for x in g} for g in consistency.LINKED_SUBJECTS
            )
            assert len(stems) == 1 or linked or "rounds_per_container" in subjects, subjects
        assert any("enters none of the relations" in u for u in report.unrelated)

    def test_findings_grow_with_the_figures_not_their_cube(self) -> None:
        # Eight stocks, eight rates and eight durations: every combination would be 512
        # findings; the table takes each figure's best partners.
        stocks = [f"about {k} million rounds" for k in range(1, 9)]
        rates = [f"about {k}0,000 rounds a day" for k in range(1, 9)]
        days = [f"about {k}0 days" for k in range(2, 10)]
        report = mm.check_consistency(stocks + rates + days, samples=2_000, seed=1)
        rate_duration = [f for f in report.findings if f.relation == "rate_duration"]
        assert len(rate_duration) <= 24
        assert {t for f in rate_duration for t in f.claims} == set(stocks + rates + days)
        capped = mm.check_consistency(stocks + rates + days, samples=2_000, seed=1, max_findings=5)
        assert len(capped.findings) == 5
        assert capped.skipped > 0

    def test_a_ledger_like_object(self) -> None:
        class Ledger:
            reports: ClassVar[list[consistency.Figure]] = [
                consistency.Figure(
                    claim=mm.parse_claim("about 6,700 containers"),
                    subject="nk_to_russia_containers",
                    period=Period.parse("2023-07/2024-02"),
                ),
                consistency.Figure(
                    claim=mm.parse_claim("more than 3 million rounds"),
                    subject="nk_to_russia_rounds",
                    period=Period.parse("2023-07/2024-02"),
                ),
            ]

        assert only(check(Ledger())).relation == "containers"

    def test_the_bundled_ledger(self) -> None:
        # The ledger's reports carry subjects, periods and readings fitted to their
        # subjects' units ("20000 to 60000 a day" of a fire rate is rounds a day); rows
        # whose status says they are not reports of the quantity (a plan, the 122 mm
        # alternative of a 152 mm conversion) are left unrelated, with the reason.
        ledger = mm.bundled_ledger()
        report = mm.check_consistency(ledger, samples=2_000, seed=1)
        assert 0 < len(report.findings) <= 60
        statuses = [r for r in ledger.reports if r.status]
        assert statuses
        for r in statuses:
            assert f"{r.claim.phrase!r}: status '{r.status}'" in "\n".join(report.unrelated)
        rates = [f for f in report.findings if f.relation == "rate_duration"]
        assert rates
        by_phrase = {r.claim.phrase: r for r in ledger.reports}
        for f in report.findings:
            if f.relation == "containers":
                rounds, boxes = (by_phrase[t] for t in f.claims)
                assert rounds.period is not None
                assert boxes.period is not None
                assert consistency._same_window(rounds.period, boxes.period)


# -- explanations and the tornado --------------------------------------------------------------


class TestExplanations:
    def test_physically_impossible_only_when_nothing_reconciles(self) -> None:
        # 100 containers hold at most some 60,000 rounds whatever the packing and payload.
        hopeless = only(check(["100 containers", "one million rounds"]))
        assert hopeless.verdict == "inconsistent"
        assert hopeless.physically_impossible
        assert "more than can physically fit" in hopeless.explanation
        # The seed pair read as the officials rounded it (granularity-1: 'more than 1,000'
        # reaches 1,500 and beyond) is inconsistent, but a modelled assumption (projectiles
        # alone, a full payload, 'more than 1,000' at its top) comes close: not "physical".
        pair = ["more than 1,000 containers", "more than one million rounds"]
        seed_pair = only(check(pair, hedges=mm.hedges.GRANULARITY_1))
        assert seed_pair.verdict == "inconsistent"
        assert not seed_pair.physically_impossible
        assert "physically" not in seed_pair.explanation
        # Read at face value (reader-2015: 'more than 1,000' is 1,000 to about 1,200), no
        # assumption at its most favourable end fits a million rounds in the containers.
        assert only(check(pair)).physically_impossible

    def test_smaller_calibres_reconcile_the_seed_pair_as_rounded(self) -> None:
        # A 122 mm round is about half the mass of a 152 mm one, so the same containers
        # hold about twice as many: three rounds in four of 122 mm make the pair agree if
        # "more than 1,000" is an official's rounding of a count (granularity-1).
        pair = ["more than 1,000 containers", "more than one million artillery rounds"]
        mostly_122 = {"152mm": 0.25, "122mm": 0.75}
        rounded = check(pair, mix=mostly_122, hedges=mm.hedges.GRANULARITY_1)
        assert only(rounded).verdict == "consistent"
        # Read as readers read it (reader-2015), that mix still holds too few; only a load
        # of 122 mm rounds alone reconciles them (0.1's physics: not even that).
        as_read = check(pair, mix=mostly_122)
        assert as_read.hedge_model == "reader-2015"
        assert only(as_read).verdict != "consistent"
        assert only(check(pair, munition="122mm")).verdict == "consistent"

    def test_the_deciding_assumption_is_named(self) -> None:
        # DIA (27 Aug 2024): more than 13,000 containers, more than 6 million 152 mm rounds.
        finding = only(CONVERSIONS["dia-kang-2024-08-27"].check(samples=N, seed=SEED))
        physics = [f for f in finding.factors if f.name not in finding.claims]
        assert physics[0].name == "packing"
        assert "projectiles alone" in finding.explanation
        assert "turns most on what a count counts" in finding.explanation
        assert sum(f.share for f in finding.factors) == pytest.approx(1.0)

    def test_rocket_crates_decide_the_rocket_conversions(self) -> None:
        finding = only(CONVERSIONS["rok-mil-2023-11-02-122r"].check(samples=N, seed=SEED))
        assert "end-face area a packed 122mm-rocket crate takes" in finding.explanation

    def test_fewer_rounds_than_full_carriers_hold_is_tension(self) -> None:
        finding = only(check(["more than 1000 containers", "250,000 to 300,000 rounds"]))
        assert finding.verdict == "tension"
        assert finding.below > finding.above
        assert "% full of these rounds" in finding.explanation

    def test_one_sentence_each(self) -> None:
        report = check(
            [
                "more than 1,000 containers",
                "more than one million artillery rounds",
                "around two months",
                "about 16,000 rounds a day",
                "at least 10 arms transfers",
                "about 100,000 rounds per transfer",
            ]
        )
        assert {f.relation for f in report.findings} >= {"containers", "rate_duration", "transfers"}
        for f in report.findings:
            assert f.explanation.endswith(".")
            assert f.explanation.count(". ") == 0
            assert 0.0 <= f.compatibility <= 1.0
            assert f.below + f.above <= 1.0 + 1e-12


# -- properties --------------------------------------------------------------------------------


_PHRASES = [
    "about 6,700 containers",
    "more than 3 million rounds",
    "about 400 rounds per container",
    "about 100 days",
    "about 30,000 rounds a day",
]


def _order_free(report: consistency.ConsistencyReport) -> set[tuple[object, ...]]:
    return {
        (f.relation, frozenset(f.claims), f.verdict, round(f.compatibility, 12))
        for f in report.findings
    }


@functools.cache
def _in_listed_order() -> set[tuple[object, ...]]:
    """The findings for `_PHRASES` as listed: the same for every permutation, made once."""
    return _order_free(mm.check_consistency(_PHRASES, samples=2_000, seed=3))


class TestProperties:
    @CHECKS
    @given(st.permutations(_PHRASES))
    def test_order_does_not_matter(self, order: list[str]) -> None:
        permuted = mm.check_consistency(order, samples=2_000, seed=3)
        assert _order_free(permuted) == _in_listed_order()

    @CHECKS
    @given(
        st.sampled_from(["rounds", "containers", "rounds a day", "days", "rounds per container"]),
        st.integers(1, 9),
        st.integers(0, 6),
        st.sampled_from(["about", "more than", "nearly", "up to", ""]),
    )
    def test_a_figure_checked_against_itself_is_consistent(
        self, unit: str, digit: int, power: int, hedge: str
    ) -> None:
        phrase = f"{hedge} {digit * 10**power:,} {unit}".strip()
        report = mm.check_consistency([phrase, phrase], samples=4_000, seed=5)
        (finding,) = [f for f in report.findings if f.relation == "same"]
        assert finding.verdict == "consistent"

    @CHECKS
    @given(st.floats(1e3, 1e5), st.floats(10.0, 1e3))
    def test_an_exact_product_is_consistent(self, containers: float, per: float) -> None:
        claims = [
            mm.Claim(value=round(containers), qualifier="about", unit="containers"),
            mm.Claim(value=round(per), qualifier="about", unit="rounds/container"),
            mm.Claim(value=round(containers) * round(per), qualifier="about", unit="rounds"),
        ]
        report = mm.check_consistency(claims, samples=4_000, seed=5)
        stated = [f for f in report.findings if f.relation == "stated_capacity"]
        assert stated[0].verdict == "consistent"

    @CHECKS
    @given(st.floats(0.2, 5.0), st.floats(0.2, 5.0), st.floats(1.0, 20.0))
    def test_containment_is_never_inconsistent(
        self, rate_k: float, days_k: float, width: float
    ) -> None:
        # A range that holds the 90% interval of rate x days is consistent; a reading whose
        # 90% interval holds it is at worst in tension.
        rate = mm.lognormal(1e4 * rate_k, 2e4 * rate_k, unit="rounds/day")
        days = mm.lognormal(50 * days_k, 100 * days_k, unit="days")
        implied = mm.estimate(
            mm.model.stock_rounds, {"rounds_per_day": rate, "duration_days": days}, seed=1
        )
        low, high = implied.interval(0.9)
        figures = [
            mm.Claim(
                value=1e4 * rate_k, value_high=2e4 * rate_k, qualifier="range", unit="rounds/day"
            ),
            mm.Claim(value=50 * days_k, value_high=100 * days_k, qualifier="range", unit="days"),
        ]
        wide = mm.Claim(
            value=low / width, value_high=high * width, qualifier="range", unit="rounds"
        )
        finding = only(mm.check_consistency([*figures, wide], samples=4_000, seed=5))
        assert finding.verdict == "consistent"

    @CHECKS
    @given(st.floats(-1.5, 1.5), st.floats(0.01, 1.0))
    def test_monotone_in_each_figure(self, log10_scale: float, step: float) -> None:
        # Scaling the rounds figure up never makes it less likely to lie above what the
        # others imply (same seed: the same draws, scaled), so the compatibility rises to
        # one peak and falls.
        def above(scale: float) -> float:
            rounds = mm.Claim(
                value=3e6 * scale, value_high=4e6 * scale, qualifier="range", unit="rounds"
            )
            boxes = mm.Claim(value=6_000, value_high=7_000, qualifier="range", unit="containers")
            per = mm.Claim(value=400, qualifier="about", unit="rounds/container")
            finding = next(
                f
                for f in mm.check_consistency([rounds, boxes, per], samples=4_000, seed=5).findings
                if f.relation == "stated_capacity"
            )
            return finding.above

        small = 10**log10_scale
        assert above(small) <= above(small * (1 + step))


# -- other relations, report, bad input --------------------------------------------------------


class TestRelations:
    def test_units_are_converted(self) -> None:
        # Two months at 500,000 rounds a month is 1,000,000 rounds.
        assert only(
            check(["one million rounds", "two months", "500,000 rounds a month"])
        ).verdict == ("consistent")

    @pytest.mark.parametrize(
        "triple",
        [
            ["100,000 rounds", "2 months", "50,000 rounds a month"],
            ["300,000 rounds", "3 weeks", "100,000 rounds a week"],
            ["2,700,000 rounds", "3 weeks", "900,000 rounds a week"],
        ],
    )
    def test_exact_figures_agreeing_up_to_rounding_tie(self, triple: list[str]) -> None:
        # Bare numbers are points under reader-2015; these products are exact, but their
        # logarithms differ in the last bit (D = +-1e-16 in every draw, which scored 0
        # before the hedges' rounding fix was carried over to the compatibility).
        finding = only(check(triple))
        assert (finding.verdict, finding.compatibility) == ("consistent", 1.0)

    def test_fill_fraction_takes_a_phrase(self) -> None:
        # Issue 8: every fraction slot takes a phrase; "about half" is drawn as an input.
        report = check(["1,000 containers", "200,000 rounds"], fill_fraction="about half")
        assert report.fill_fraction == "about half"
        assert "fill_fraction" in {f.name for f in only(report).factors}
        with pytest.raises(ValueError, match="fill_fraction"):
            check(["1,000 containers", "200,000 rounds"], fill_fraction="about 3 million")

    def test_disagreeing_triple_is_inconsistent(self) -> None:
        # 10,000 a day for 10 days is 100,000 rounds, a tenth of the stated million.
        finding = only(
            check(["about 1,000,000 rounds", "about 10 days", "about 10,000 rounds a day"])
        )
        assert finding.verdict == "inconsistent"
        assert "far below 'about 1,000,000 rounds'" in finding.explanation

    def test_transfers(self) -> None:
        agree = only(
            check(
                [
                    "more than one million rounds",
                    "at least 10 transfers",
                    "about 100,000 rounds per transfer",
                ]
            )
        )
        assert (agree.relation, agree.verdict) == ("transfers", "consistent")
        assert only(
            check(["one million rounds", "2 transfers", "about 1,000 rounds per transfer"])
        ).verdict == ("inconsistent")

    def test_tonnes_and_rail_cars(self) -> None:
        tonnes = mm.Claim(value=74_000, qualifier="more_than", unit="tonnes")
        finding = only(check([tonnes, "about 1.6 million rounds"]))
        assert finding.relation == "tonnes"
        assert finding.verdict == "consistent"
        wagons = mm.Claim(value=123, unit="rail_cars")
        finding = only(check([wagons, "up to 50,000 152 mm rounds"]))
        assert "rail_car carriers" in finding.explanation

    def test_rounds_per_container_against_physics(self) -> None:
        estonian = only(check(["300 to 500 shells per container"]))
        assert (estonian.relation, estonian.verdict) == ("capacity", "consistent")
        absurd = only(check(["3000 rounds per container"]))
        assert (absurd.relation, absurd.verdict) == ("capacity", "inconsistent")
        assert absurd.physically_impossible

    def test_calibre_named_in_the_claim_is_used(self) -> None:
        # Shin (Dec 2023): "more than two million" 152 mm rounds from about 5,000
        # containers; the claim's calibre is the load when no munition is given.
        report = check(["about 5000 containers", "more than two million 152 mm rounds"])
        assert "full of 152mm" in only(report).explanation
        assert only(report).verdict != "inconsistent"
        assert report.munition == "152mm"

    def test_claims_naming_122mm_rockets_are_checked_as_rockets(self) -> None:
        # Issue 8: "half a million 122mm rockets" was checked as 152 mm ("load: 152mm").
        report = check(["more than 1,000 containers", "half a million 122mm rockets"])
        assert report.munition == "122mm-rocket"
        assert "full of 122mm-rocket" in only(report).explanation
        # A calibre counted in rockets is that calibre's rocket.
        rockets = mm.Claim(value=500_000, qualifier="about", unit="rockets", item="122 mm")
        assert check(["more than 1,000 containers", rockets]).munition == "122mm-rocket"

    def test_a_claim_contradicting_the_munition_argument_is_an_error(self) -> None:
        # Issue 8: a clash between the phrase's item and an explicit argument is an error
        # (before issue 8 the claim's calibre silently overrode the argument).
        with pytest.raises(ValueError, match="munition='122mm' contradicts the phrase"):
            check(
                ["about 5000 containers", "more than two million 152 mm rounds"],
                munition="122mm",
            )
        with pytest.raises(ValueError, match="names '152mm', which is not in mix"):
            check(
                ["about 5000 containers", "more than two million 152 mm rounds"],
                mix={"122mm": 1.0},
            )

    def test_a_calibre_the_catalogue_does_not_hold_is_an_error_not_152mm(self) -> None:
        with pytest.raises(ValueError, match="names '155mm', which the catalogue does not hold"):
            check(["about 5000 containers", "more than two million 155mm shells"])

    def test_a_packing_fits_the_munition_the_figures_name(self) -> None:
        # With no munition given, the figures decide it: "crated" is the rockets' packing.
        rockets = check(["2,000 containers", "more than 200,000 122 mm rockets"], packing="crated")
        assert only(rockets).load == "122mm-rocket (crated) in 20ft carriers"
        # Generic rounds are 152 mm, which has no "crated" packing.
        with pytest.raises(ValueError, match="unknown packing 'crated' of 152mm"):
            check(["2,000 containers", "one million rounds"], packing="crated")

    def test_relations_without_physics_need_no_munition(self) -> None:
        # 155 mm is not in the catalogue, but rate x days does not ask what a carrier
        # holds: 500,000 a month for two months is a million, whatever the calibre.
        finding = only(check(["one million 155mm rounds", "two months", "500,000 rounds a month"]))
        assert (finding.relation, finding.verdict) == ("rate_duration", "consistent")


class TestReport:
    def test_claims_as_claims_with_sources(self) -> None:
        a = check(
            [reported_figure("shin-2023-12").claim, reported_figure("shin-2023-12-152").claim]
        )
        b = check(["about 5000 containers", "more than two million 152 mm rounds"])
        assert only(a).compatibility == only(b).compatibility

    def test_reproducible_and_seed_recorded(self) -> None:
        a = check(["more than 1,000 containers", "more than one million artillery rounds"])
        b = check(["more than 1,000 containers", "more than one million artillery rounds"])
        assert a == b
        fresh = mm.check_consistency(["300 to 500 shells per container"], samples=2_000)
        again = mm.check_consistency(
            ["300 to 500 shells per container"], samples=2_000, seed=fresh.seed
        )
        assert again.findings == fresh.findings

    def test_unrelated_are_listed(self) -> None:
        report = check(["100 containers", "one million rounds", "around two months"])
        assert report.unrelated == (
            "'around two months': no other claim completes a relation with it",
        )

    def test_text(self) -> None:
        report = check(["100 containers", "one million rounds"])
        text = report.to_text()
        assert text.startswith("Overall: inconsistent")
        assert "rounds = carriers x rounds a full carrier holds x fill" in text
        assert report.thresholds["consistent_at"] == CONSISTENT_AT


class TestBadInput:
    def test_nothing_to_check(self) -> None:
        with pytest.raises(
            ValueError,
            match=r"no relation links these claims; found 'around two months' \(duration\)",
        ):
            check(["around two months"])

    def test_empty(self) -> None:
        with pytest.raises(ValueError, match="at least one phrase or Claim"):
            check([])

    def test_unknown_munition_carrier_packing(self) -> None:
        with pytest.raises(ValueError, match=r"unknown munition '155mm'; known munitions"):
            check(["100 containers", "one million rounds"], munition="155mm")
        with pytest.raises(ValueError, match="unknown carrier 'barge'"):
            check(["100 containers", "one million rounds"], container="barge")
        with pytest.raises(ValueError, match="unknown packing 'pallet'"):
            check(["100 containers", "one million rounds"], packing="pallet")

    def test_bad_fill_mix_and_cap(self) -> None:
        with pytest.raises(ValueError, match=r"fill_fraction must lie in \(0, 1\]"):
            check(["100 containers", "one million rounds"], fill_fraction=0.0)
        with pytest.raises(ValueError, match="mix shares must sum to 1"):
            check(["100 containers", "one million rounds"], mix={"152mm": 0.5, "122mm": 0.4})
        with pytest.raises(ValueError, match="max_findings must be a positive integer"):
            check(["100 containers", "one million rounds"], max_findings=0)

    def test_bad_figures(self) -> None:
        # "a container could hold 300 to 500 shells" reads since issue 8 (rounds/container).
        with pytest.raises(mm.ClaimParseError):
            check(["5000 bananas"])
        with pytest.raises(ValueError, match="a figure in claims must be a phrase"):
            check([3.5])
        with pytest.raises(ValueError, match="period must be"):
            check([("one million rounds", "nk_to_russia_rounds", "autumn")])


class TestCommandLine:
    def test_check_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = ["check", "100 containers", "one million rounds", "--samples", "2000"]
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "[inconsistent] rounds = carriers x rounds a full carrier holds x fill" in out

    def test_check_json_with_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = [
            "check",
            "more than 1,000 containers",
            "more than one million rounds",
            "--munition",
            "122mm",
            "--container",
            "40ft",
            "--packing",
            "complete",
            "--samples",
            "2000",
            "--json",
        ]
        assert main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["munition"], data["container"], data["packing"]) == (
            "122mm",
            "40ft",
            "complete",
        )
        assert data["findings"][0]["relation"] == "containers"

    def test_check_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "around two months"]) == 2
        assert "no relation links these claims" in capsys.readouterr().err


def test_every_permutation_of_a_triple_agrees() -> None:
    # Order independence, exhaustively for one triple.
    triple = ["about 1,000,000 rounds", "about 100 days", "about 10,000 rounds a day"]
    values = {
        only(mm.check_consistency(list(p), samples=2_000, seed=3)).compatibility
        for p in itertools.permutations(triple)
    }
    assert len(values) == 1


@settings(max_examples=40, deadline=None)
@given(
    st.floats(-3.0, 3.0),
    st.floats(0.05, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.01, 1.0),
)
def test_a_reading_holding_the_other_90_percent_is_never_inconsistent(
    centre: float, wide: float, where: float, narrow_share: float
) -> None:
    # X1 lognormal with log-sd `wide`; X2 lognormal, narrower, its 90% interval inside
    # X1's. Then P(D < 0) >= 0.05 x 0.95 on either side, so c >= 0.095 > 0.02 (up to Monte
    # Carlo error, about 0.003 at 20,000 draws).
    rng = np.random.default_rng(SEED)
    z = 1.6449
    narrow = wide * narrow_share
    # X2's centre anywhere that keeps its interval inside X1's.
    slack = (wide - narrow) * z
    centre2 = centre - slack + 2 * slack * where
    d = (centre + wide * rng.standard_normal(20_000)) - (
        centre2 + narrow * rng.standard_normal(20_000)
    )
    c = consistency.compatibility(d)[0]
    assert c >= 0.085
    assert consistency._verdict(c) != "inconsistent"
