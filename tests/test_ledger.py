"""Ledger: rows read through the parser and hedge model, problems kept with row and reason."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munitions_model as mm
from munitions_model.ledger import (
    COLUMNS,
    Ledger,
    Subject,
    bundled_ledger,
    bundled_subjects,
    load_subjects,
    source_key,
)
from munitions_model.units import DAYS_PER_MONTH

RATE = {"subject": "russia_fire_rate", "period_start": "2024-03", "who": "US official"}


def _one(**cells: object) -> mm.Distribution:
    ledger = Ledger.from_rows([cells])
    assert not ledger.problems, ledger.problems
    return ledger.reports[0].reading


class TestUnits:
    def test_a_rate_phrase_is_read_per_day(self) -> None:
        reading = _one(phrase="about 10,000 rounds a day", **RATE)
        assert reading.unit == "rounds/day"
        assert reading.median == pytest.approx(10_000)

    def test_per_month_becomes_per_day(self) -> None:
        # 110,000 a month is 110,000 / 30.4375 a day; an exact figure reads as a uniform
        # around it, so the median is the figure itself.
        reading = _one(phrase="110000 shells a month", **RATE)
        assert reading.median == pytest.approx(110_000 / DAYS_PER_MONTH)

    def test_no_unit_word_takes_the_subjects_unit(self) -> None:
        reading = _one(phrase="about 20 thousand", **RATE)
        assert reading.unit == "rounds/day"
        assert reading.median == pytest.approx(20_000)

    def test_a_bare_count_per_day_counts_what_the_subject_counts(self) -> None:
        assert _one(phrase="as many as 20000 a day", **RATE).unit == "rounds/day"

    def test_a_total_over_the_period_is_its_mean_rate(self) -> None:
        # "some 12 million shells in 2022": 12e6 over the 365 days of 2022.
        reading = _one(
            phrase="some 12 million shells in 2022",
            subject="russia_fire_rate",
            period_start="2022",
            period_end="2022",
            who="RUSI",
        )
        assert reading.median == pytest.approx(12e6 / 365)

    def test_the_rows_unit_gives_context_to_a_bare_number(self) -> None:
        reading = _one(
            phrase="between 10 and 11 million",
            subject="russia_fire_rate",
            period_start="2022",
            period_end="2022",
            unit="rounds",
            who="Western official",
        )
        assert reading.median == pytest.approx(10.5e6 / 365)

    def test_a_rate_for_a_cumulative_total_is_the_amount_in_its_window(self) -> None:
        # "around 3 million a year" over the 366 days of 2024: 3e6 / 365.25 * 366.
        reading = _one(
            phrase="around 3 million a year",
            subject="nk_to_russia_rounds",
            period_start="2024",
            period_end="2024",
            who="Western intelligence",
        )
        assert reading.unit == "rounds"
        assert reading.median == pytest.approx(3e6 / 365.25 * 366)

    def test_cumulative_reports_count_from_the_origin_to_the_report_date(self) -> None:
        ledger = Ledger.from_rows(
            [
                {
                    "phrase": "more than one million artillery rounds",
                    "subject": "nk_to_russia_rounds",
                    "reported_on": "2023-11-01",
                    "who": "ROK NIS",
                }
            ]
        )
        r = ledger.reports[0]
        assert (r.period_start, r.period_end) == (dt.date(2023, 8, 1), dt.date(2023, 11, 1))

    def test_a_rate_report_without_period_covers_the_month_it_was_made(self) -> None:
        r = Ledger.from_rows(
            [{"phrase": "10,000 a day", "subject": "russia_fire_rate", "reported_on": "2024-03-11"}]
        ).reports[0]
        assert (r.period_start, r.period_end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))

    def test_partial_dates_cover_their_span(self) -> None:
        r = Ledger.from_rows(
            [
                {
                    "phrase": "10,000 a day",
                    "subject": "russia_fire_rate",
                    "period_start": "2023-09",
                    "period_end": "2023-10",
                    "reported_on": "2023-11",
                }
            ]
        ).reports[0]
        assert (r.period_start, r.period_end) == (dt.date(2023, 9, 1), dt.date(2023, 10, 31))
        assert r.reported_on == dt.date(2023, 11, 30)  # the last day it can have been made
        assert r.claim.source is None  # no who: unattributed
        assert r.source == "row 1 (unattributed)"


class TestProblems:
    ROWS = (
        {"phrase": "about 10,000 rounds a day", **RATE},  # 1 fine
        {"phrase": "", **RATE},  # 2 no phrase
        {"phrase": "a lot of shells", **RATE},  # 3 does not parse
        {"phrase": "about 10,000 rounds a day", "subject": "moon_rate"},  # 4 unknown subject
        {"phrase": "about 5000 containers", **RATE},  # 5 unit does not fit
        {"phrase": "10,000 a day", "subject": "russia_fire_rate", "period_start": "2023-13"},
        {"phrase": "10,000 a day", **RATE, "period_end": "2024-01"},  # 7 ends before start
        {"phrase": "10,000 a day", **RATE, "id": "a"},  # 8 fine
        {"phrase": "10,000 a day", **RATE, "id": "a"},  # 9 repeated id
        {"phrase": "some 12 million shells", "subject": "russia_fire_rate"},  # 10 no period
        {"phrase": "about 10", **RATE, "unit": "furlongs"},  # 11 unknown unit
        {"phrase": "10 rounds a day", **RATE, "unit": "containers"},  # 12 contradicts
        {"phrase": "more than 0 rounds a day", **RATE},  # 13 no scale to read
    )

    def test_each_bad_row_is_a_problem_with_its_row_and_reason(self) -> None:
        ledger = Ledger.from_rows(self.ROWS)
        assert [r.row for r in ledger.reports] == [1, 8]
        reasons = {p.row: p.reason for p in ledger.problems}
        assert len(ledger) + len(ledger.problems) == len(self.ROWS)  # nothing lost
        assert "no phrase" in reasons[2]
        assert "cannot parse 'a lot of shells'" in reasons[3]
        assert "unknown subject 'moon_rate'" in reasons[4]
        assert "unit 'containers' does not fit subject 'russia_fire_rate'" in reasons[5]
        assert "period_start must be a date" in reasons[6]
        assert "ends (2024-01-31) before it starts (2024-03-01)" in reasons[7]
        assert "id 'a' is used by an earlier row" in reasons[9]
        assert "does not fit" in reasons[10]  # a total needs a period to become a rate
        assert "furlongs" in reasons[11]
        assert "contradicts the row's unit 'containers'" in reasons[12]
        assert "cannot read more_than 0" in reasons[13]
        assert ledger.problems[0].phrase is None
        assert ledger.problems[1].phrase == "a lot of shells"

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.dictionaries(
                st.sampled_from([*COLUMNS, "id", "unit", "note", "source", "other"]),
                st.one_of(st.none(), st.text(max_size=30), st.floats(), st.integers()),
            ),
            max_size=6,
        )
    )
    def test_a_bad_row_never_stops_a_ledger_from_loading(
        self, rows: list[dict[str, object]]
    ) -> None:
        ledger = Ledger.from_rows(rows)
        assert len(ledger) + len(ledger.problems) == len(rows)
        assert sorted([r.row for r in ledger.reports] + [p.row for p in ledger.problems]) == list(
            range(1, len(rows) + 1)
        )


def test_csv_and_frame_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "phrase,subject,period_start,period_end,reported_on,who,url,comment\n"
        '"about 10,000 rounds a day",russia_fire_rate,2024-03,,2024-04-02,US official,https://x,hi\n'
        "garbage phrase,russia_fire_rate,2024-03,,2024-04-02,US official,,\n"
        '"more than 50,000 rounds a day",russia_fire_rate,2022,2022,2023-09-12,Estonia MoD,,\n',
        encoding="utf-8",
    )
    ledger = Ledger.from_csv(path)
    assert len(ledger) == 2
    assert [p.row for p in ledger.problems] == [2]
    assert ledger.ignored_columns == ("comment",)
    frame = ledger.to_frame()
    assert list(frame["row"]) == [1, 3]
    back = Ledger.from_frame(frame)
    assert [r.reading for r in back.reports] == [r.reading for r in ledger.reports]
    assert [r.period_end for r in back.reports] == [r.period_end for r in ledger.reports]
    assert back.ignored_columns == ()


def test_from_frame_takes_dates_timestamps_and_missing_cells() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "phrase": ["about 10,000 rounds a day", "20,000 a day"],
            "subject": ["russia_fire_rate", "russia_fire_rate"],
            "period_start": [pd.Timestamp("2024-03-01"), dt.date(2024, 4, 1)],
            "period_end": [pd.NaT, None],
            "reported_on": [pd.Timestamp("2024-04-02"), math.nan],
            "who": ["US official", None],
        }
    )
    ledger = Ledger.from_frame(frame)
    assert not ledger.problems
    assert ledger.reports[0].period_end == dt.date(2024, 4, 2)  # to the report date
    assert ledger.reports[1].period_end == dt.date(2024, 4, 1)  # that day's span


def test_a_table_without_phrases_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("text,subject\nabout 5,russia_fire_rate\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has no 'phrase' column"):
        Ledger.from_csv(path)
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValueError, match="frame has no 'phrase' column"):
        Ledger.from_frame(pd.DataFrame({"text": ["x"]}))


def test_select_by_subject_and_date() -> None:
    ledger = Ledger.from_rows(
        [
            {"phrase": "10,000 a day", **RATE, "reported_on": "2024-04-01"},
            {"phrase": "12,000 a day", **RATE, "reported_on": "2024-05-01"},
            {"phrase": "about 7,000 a day", "subject": "ukraine_fire_rate", "reported_on": "2024"},
        ]
    )
    assert len(ledger.select("russia_fire_rate")) == 2
    assert [r.row for r in ledger.select(before="2024-05-01")] == [1]
    assert [r.row for r in ledger.select(since="2024-05")] == [2, 3]
    with pytest.raises(ValueError, match="unknown subject 'nope'"):
        ledger.select("nope")
    assert ledger.subject_names == ("russia_fire_rate", "ukraine_fire_rate")


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("Ukraine C-in-C Oleksandr Syrskyi, speech to Congress", "Ukraine"),
        ("Ukrainian General Staff official, anonymous (NV)", "Ukraine"),
        ("ROK NIS via lawmaker Yoo Sang-bum", "South Korea"),
        ("US defence official (NBC)", "United States"),
        ("ISW citing Estonian officials", "Estonia"),
        ("IISS (via WSJ)", "IISS"),
        ("Defense Express citing open sources", "Defense Express"),
        ("A Think Tank, nobody (X)", "a think tank, nobody"),
    ],
)
def test_source_key(who: str, key: str) -> None:
    assert source_key(who) == key


def test_an_explicit_source_overrides_who() -> None:
    ledger = Ledger.from_rows([{"phrase": "10,000 a day", **RATE, "source": "my desk"}])
    assert ledger.reports[0].source == "my desk"


class TestSubjects:
    def test_registry(self) -> None:
        subjects = bundled_subjects()
        assert subjects["russia_fire_rate"].kind == "rate"
        assert subjects["russia_fire_rate"].unit == "rounds/day"
        assert subjects["nk_to_russia_rounds"].kind == "cumulative"
        for s in subjects.values():
            assert s.description

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            ({"subject": "a", "unit": "rounds", "kind": "rate"}, "a rate needs a unit per day"),
            ({"subject": "a", "unit": "rounds/month", "kind": "rate"}, "must be a base unit"),
            ({"subject": "a", "unit": "rounds", "kind": "cumulative"}, "needs an origin"),
            (
                {
                    "subject": "a",
                    "unit": "rounds/day",
                    "kind": "cumulative",
                    "origin": "2023-01-01",
                },
                "needs a count unit",
            ),
            ({"subject": "a", "unit": "rounds", "kind": "total"}, "subject 'a' is invalid"),
        ],
    )
    def test_invalid_subjects_are_refused(self, row: dict[str, str], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            load_subjects([row])

    def test_a_name_twice_is_refused(self) -> None:
        row = {"subject": "a", "unit": "rounds/day", "kind": "rate"}
        with pytest.raises(ValueError, match="registered twice"):
            load_subjects([row, row])

    def test_a_ledger_reads_against_its_own_registry(self) -> None:
        mine = {"my_rate": Subject(name="my_rate", unit="containers/day", kind="rate")}
        ledger = Ledger.from_rows(
            [{"phrase": "about 40 containers a day", "subject": "my_rate", "reported_on": "2024"}],
            subjects=mine,
        )
        assert ledger.reports[0].unit == "containers/day"


def test_the_bundled_record_loads_with_sources() -> None:
    ledger = bundled_ledger()
    assert len(ledger) >= 40
    assert "russia_fire_rate" in ledger.subject_names
    for r in ledger.reports:
        assert r.claim.source is not None
        assert r.claim.source.who
        assert r.reported_on is not None
    # every row of the file is a report or a problem
    assert len(ledger) + len(ledger.problems) == ledger_rows()


def ledger_rows() -> int:
    import csv
    import io
    from importlib import resources

    text = resources.files("munitions_model").joinpath("data", "ledger.csv").read_text("utf-8")
    return len(list(csv.DictReader(io.StringIO(text))))


class TestTimeWords:
    """The phrase's own time words (its TimeScope) fill empty period columns and are
    checked against filled ones."""

    def test_a_total_in_a_named_year_needs_no_period_columns(self) -> None:
        ledger = Ledger.from_rows(
            [{"phrase": "some 12 million shells in 2022", "subject": "russia_fire_rate"}]
        )
        r = ledger.reports[0]
        assert (r.period_start, r.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
        assert r.reading.median == pytest.approx(12e6 / 365, rel=0.05)

    def test_since_a_month_is_dated_by_the_report(self) -> None:
        # "since August" said on 1 Nov 2023 is August 2023; the total runs to the report
        ledger = Ledger.from_rows(
            [
                {
                    "phrase": "at least 10 arms transfers to Russia since August",
                    "subject": "nk_to_russia_transfers",
                    "reported_on": "2023-11-01",
                    "who": "ROK NIS",
                }
            ]
        )
        r = ledger.reports[0]
        assert (r.period_start, r.period_end) == (dt.date(2023, 8, 1), dt.date(2023, 11, 1))

    def test_columns_may_narrow_the_words(self) -> None:
        # "this year" said in September 2023, the columns January to September: agreed
        ledger = Ledger.from_rows(
            [
                {
                    "phrase": "more than 7 million rounds of artillery this year",
                    "subject": "russia_fire_rate",
                    "period_start": "2023-01",
                    "period_end": "2023-09",
                    "reported_on": "2023-09-20",
                }
            ]
        )
        assert not ledger.problems
        assert ledger.reports[0].period_end == dt.date(2023, 9, 30)

    @pytest.mark.parametrize(
        ("cells", "clash"),
        [
            ({"period_start": "2024-06", "period_end": "2024-06"}, "period_start 2024-06-01"),
            ({"period_start": "2023-12"}, "period_start 2023-12-01"),
        ],
    )
    def test_columns_that_contradict_the_words_are_a_problem(
        self, cells: dict[str, str], clash: str
    ) -> None:
        row = {
            "phrase": "7-to-1 at the start of the year",
            "subject": "ru_ua_fire_ratio",
            "reported_on": "2024-06-15",
            **cells,
        }
        ledger = Ledger.from_rows([row])
        assert not ledger.reports
        reason = ledger.problems[0].reason
        assert "the phrase says 'at the start of the year' (during:2024-01)" in reason
        assert clash in reason


class TestSharesStatusesRatios:
    def test_a_share_of_a_stated_whole_is_the_amount(self) -> None:
        ledger = Ledger.from_rows(
            [
                {
                    "phrase": "80% of our target of 2 million rounds of ammunition",
                    "subject": "western_deliveries",
                    "period_start": "2025-01",
                    "period_end": "2025-09",
                    "reported_on": "2025-09-30",
                }
            ]
        )
        r = ledger.reports[0]
        assert (r.claim.value, r.claim.unit, r.unit) == (1.6e6, "rounds", "rounds")
        assert r.reading.median == pytest.approx(1.6e6)

    def test_a_share_of_a_hedged_whole_is_refused(self) -> None:
        # today's parser keeps no hedge on a whole ("half of about 2 million" has an exact
        # whole), so the claim is built as a parser that kept it would give it
        from munitions_model.claims import Claim
        from munitions_model.ledger import _of_whole, _RowError

        whole = Claim(value=2e6, qualifier="about", unit="rounds")
        claim = Claim(value=0.5, unit="fraction", whole=whole)
        with pytest.raises(_RowError, match="a share of a hedged or per-time whole"):
            _of_whole(claim)

    def test_a_share_stays_a_share_for_a_subject_counted_in_shares(self) -> None:
        r = Ledger.from_rows(
            [
                {
                    "phrase": "Approximately 0.05% of nearly 35,000 artillery shells",
                    "subject": "dud_fraction",
                    "reported_on": "2024-09",
                }
            ]
        ).reports[0]
        assert r.unit == "fraction"
        assert r.reading.median == pytest.approx(0.0005, rel=0.2)

    def test_a_status_row_that_does_not_fit_is_kept_in_its_own_unit(self) -> None:
        ledger = Ledger.from_rows(
            [
                {
                    "phrase": "increased by almost 2.5 times",
                    "subject": "russia_production",
                    "reported_on": "2024-03-21",
                    "status": "relative",
                },
                {
                    "phrase": "increased by almost 2.5 times",
                    "subject": "russia_production",
                    "reported_on": "2024-03-21",
                },
            ]
        )
        assert [(r.row, r.unit, r.status) for r in ledger.reports] == [
            (1, "multiplier", "relative")
        ]
        assert "a multiple of another amount" in ledger.problems[0].reason

    def test_a_multiple_of_ukraines_fire_is_a_ratio(self) -> None:
        r = Ledger.from_rows(
            [
                {
                    "phrase": "an estimated three times as many as Ukraine",
                    "subject": "ru_ua_fire_ratio",
                    "reported_on": "2023-04-09",
                }
            ]
        ).reports[0]
        assert r.unit == "ratio"
        assert r.reading.median == pytest.approx(3.0)

    def test_a_count_per_day_takes_the_rows_noun(self) -> None:
        reading = _one(phrase="about 20 thousand daily", **RATE, unit="rounds/day")
        assert reading.unit == "rounds/day"
        assert reading.median == pytest.approx(20_000)


#: Bundled rows the parser refuses, and why: phrases not in English (the research notes
#: gloss them), and two English phrasings it has no reading of.
NOT_ENGLISH = {
    "isw-estonia-2023",
    "isw-estonia-rounds-2023",
    "nk-cont-2023-11-rok-2000",
    "nk-cont-2025-dia-33000",
    "nk-rounds-2025-dia-15m",
    "nk-rounds-2025-hur-6-5m",
    "nk-missiles-2024-hur-100",
    "nk-launchers-2023-11-forbes",
    "nk-rounds-2026-02-efis",
    "nk-transfers-2024-02-csis-25",
    "ru-prod-2025-zelensky-7m",
    "ru-prod-2026-estonia-17x",
    "west-del-2025-czech-300k-babis",
    "ru-fire-2023-10-isw",
    "ratio-2025-12-syrskyi-2",
    "ua-fire-2025-10-matviychuk",
}
UNREAD_ENGLISH = {
    "rok-source-2023-10": "unexpected word 'range'",  # "in the upper 200000 range"
    "west-del-2023-05-eu-fifth": "a share, and no whole of it was read",  # "of the targeted"
}


def test_the_bundled_record_refuses_only_what_it_cannot_read() -> None:
    problems = {p.id: p.reason for p in bundled_ledger().problems}
    assert set(problems) == NOT_ENGLISH | set(UNREAD_ENGLISH)
    for key, words in UNREAD_ENGLISH.items():
        assert words in problems[key]
    for key in NOT_ENGLISH:  # the parser says so, or stops at the first foreign word
        assert "is not English" in problems[key] or "unexpected word" in problems[key]


def test_the_bundled_record_reads_shared_thousands() -> None:
    # "40-60,000 artillery shells every day" is 40,000 to 60,000 (Zaluzhnyi, Aug 2022)
    r = next(r for r in bundled_ledger().reports if r.id == "ru-fire-2022-08-zaluzhnyi")
    assert (r.claim.value, r.claim.value_high) == (40_000, 60_000)
