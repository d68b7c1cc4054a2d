"""Stock over time: exact small cases, reduction to duration_days, monotonicity, memory."""

from __future__ import annotations

import datetime as dt
import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import munitions_model as mm
from munitions_model.strategies import DatedAmount, PositiveInput, dated_amounts, positive_inputs

START = dt.date(2023, 8, 1)
SEED_STOCK = "more than one million artillery rounds"


def _binomial_tolerance(q: float, n: int, samples: int = 1) -> float:
    """Four standard errors of an empirical CDF at level q, from ``samples`` independent
    samples of size n (the differences of two add their variances)."""
    return 4.0 * math.sqrt(samples * q * (1 - q) / n)


class TestExactCases:
    def test_constant_fire_is_duration_days(self) -> None:
        # The seed's face value: one million rounds at 16,427.1 a day last 60.875 days.
        p = mm.project_stock(1e6, 16_427.1, [], start=START, horizon_days=90, samples=3, seed=1)
        expected = float(mm.duration_days(1e6, 16_427.1))
        assert np.allclose(p.depletion_days, expected, rtol=1e-12)
        assert p.depletion_date() == START + dt.timedelta(days=60)
        # Stock at the start of day t: 1e6 - 16,427.1 t, never below zero.
        t = np.arange(91)
        assert np.allclose(p.band(0.5), np.maximum(1e6 - 16_427.1 * t, 0), rtol=0, atol=1e-6)
        assert p.prob_depleted == 1.0

    def test_run_out_date_counts_as_depleted_by_that_date(self) -> None:
        # 100 rounds at 10 a day, 5 more on day 4: empty 10.5 days in, during day 10.
        p = mm.project_stock(
            100.0, 10.0, [("2023-08-05", 5.0)], start=START, horizon_days=30, samples=2, seed=1
        )
        day = p.depletion_date()
        assert day == START + dt.timedelta(days=10)
        assert p.prob_depleted_by(day) == 1.0
        assert p.prob_depleted_by(day - dt.timedelta(days=1)) == 0.0
        assert p.prob_depleted_by(10.4) == 0.0  # a number of days is exact
        assert p.prob_depleted_by(10.5) == 1.0

    def test_delivery_arrives_at_the_start_of_its_day(self) -> None:
        # 100 rounds at 10 a day; 50 more at the start of day 5: 150 rounds in 15 days.
        p = mm.project_stock(
            100.0, 10.0, [("2023-08-06", 50.0)], start=START, horizon_days=30, samples=2, seed=1
        )
        assert p.depletion_days[0] == pytest.approx(15.0, rel=1e-12)
        band = p.band(0.5)
        assert band[5] == pytest.approx(50.0)  # before the delivery
        assert band[6] == pytest.approx(90.0)  # 50 + 50 - 10

    def test_runs_out_then_recovers(self) -> None:
        # Empty on day 10; a delivery on day 20 refills it, but the first run-out counts.
        p = mm.project_stock(
            100.0, 10.0, [mm.stockflow.Delivery(on="2023-08-21", rounds=35.0)], start=START,
            horizon_days=30, samples=2, seed=1,
        )  # fmt: skip
        assert p.depletion_days[0] == pytest.approx(10.0)
        band = p.band(0.5)
        assert band[20] == 0.0
        assert band[21] == pytest.approx(25.0)
        assert band[24] == 0.0  # 25 left, 10 a day: empty again during day 23

    def test_phases(self) -> None:
        # 200 rounds: 10 a day for 5 days (150 left), then 20 a day: 7.5 more days.
        fire = {"2023-07-01": 10.0, "2023-08-06": 20.0}
        p = mm.project_stock(200.0, fire, [], start=START, horizon_days=30, samples=2, seed=1)
        assert p.depletion_days[0] == pytest.approx(12.5)

    def test_production_offsets_fire(self) -> None:
        # Net drain 10 - 4 = 6 a day: 120 rounds last 20 days; duration_days agrees.
        p = mm.project_stock(120.0, 10.0, [], 4.0, start=START, horizon_days=40, samples=2, seed=1)
        assert p.depletion_days[0] == pytest.approx(float(mm.duration_days(120, 10, 4)))
        never = mm.project_stock(
            120.0, 10.0, [], 12.0, start=START, horizon_days=40, samples=2, seed=1
        )
        assert never.prob_depleted == 0.0
        assert never.depletion_date() is None
        assert never.band(0.5)[-1] == pytest.approx(120.0 + 2.0 * 40)

    def test_cadence_spreads_transfers_evenly(self) -> None:
        # 10 transfers over the 10 days from 1 August: transfer k on day floor(k + 0.5) = k,
        # 100 rounds each; nothing in stock, 50 fired a day: 50 rounds gained a day.
        cadence = mm.stockflow.Cadence(
            rounds=1000.0, transfers=10.0, start="2023-08-01", end="2023-08-10"
        )
        p = mm.project_stock(0.0, 50.0, [cadence], start=START, horizon_days=20, samples=2, seed=1)
        band = p.band(0.5)
        assert np.allclose(band[1:11], 50.0 * np.arange(1, 11))
        # Day 0 starts empty and the first transfer arrives then: no run-out until the
        # 500 gained after the window are fired, 10 days later.
        assert p.depletion_days[0] == pytest.approx(20.0)

    def test_cadence_without_a_count_arrives_daily(self) -> None:
        # 310 rounds over the 31 days of August, no count given: 10 rounds a day, matching
        # the fire: the stock stays at 100 through August, then runs down 10 a day.
        cadence = mm.stockflow.Cadence(rounds=310.0, start="2023-08", end="2023-08")
        p = mm.project_stock(
            100.0, 10.0, [cadence], start=START, horizon_days=60, samples=2, seed=1
        )
        assert np.allclose(p.band(0.5)[:32], 100.0)
        assert p.depletion_days[0] == pytest.approx(31 + 10.0)

    def test_duds(self) -> None:
        p = mm.project_stock(
            1e6, 1e4, [("2023-08-11", 1e5)], start=START, horizon_days=200, samples=2, seed=1,
            dud_fraction=0.5,
        )  # fmt: skip
        # Half of 1e6 and half of 1e5 work: 550,000 working rounds at 10,000 a day.
        assert p.depletion_days[0] == pytest.approx(55.0)


class TestReducesToDuration:
    def test_phrases_match_estimate_duration(self) -> None:
        n = 20_000
        p = mm.project_stock(
            SEED_STOCK,
            "about 10,000 rounds a day",
            [],
            start=START,
            horizon_days=800,
            samples=n,
            seed=3,
        )
        est = mm.estimate_duration(
            stock=SEED_STOCK, burn_rate="about 10,000 rounds a day", samples=n, seed=4
        )
        # Two independent samples of n: their CDFs at the same point differ by less than
        # four standard errors of a difference of two binomial proportions.
        for q in (0.05, 0.25, 0.5, 0.75, 0.95):
            share = p.prob_depleted_by(est.quantile(q))
            assert share == pytest.approx(q, abs=_binomial_tolerance(q, n, samples=2))

    def test_lognormals_match_the_exact_distribution(self) -> None:
        n = 20_000
        stock, rate = mm.lognormal(9e5, 1.6e6), mm.lognormal(8e3, 2.5e4)
        p = mm.project_stock(stock, rate, [], start=START, horizon_days=1000, samples=n, seed=5)
        exact = mm.estimate_duration(stock=stock, burn_rate=rate)
        assert exact.method == "analytic"
        for q in (0.01, 0.05, 0.5, 0.95, 0.99):
            share = p.prob_depleted_by(exact.quantile(q))
            assert share == pytest.approx(q, abs=_binomial_tolerance(q, n))
        assert p.depletion.median == pytest.approx(exact.median, rel=0.02)

    def test_with_duds_and_production(self) -> None:
        n = 20_000
        inputs = {
            "stock": mm.lognormal(9e5, 1.6e6),
            "burn_rate": mm.lognormal(1.5e4, 2.5e4),
            "production": mm.distributions.uniform(2e3, 5e3),
            "dud_fraction": mm.distributions.uniform(0.2, 0.5),
        }
        p = mm.project_stock(
            inputs["stock"], inputs["burn_rate"], [], inputs["production"], start=START,
            horizon_days=600, samples=n, seed=6, dud_fraction=inputs["dud_fraction"],
        )  # fmt: skip
        est = mm.estimate_duration(**inputs, samples=n, seed=7)  # type: ignore[arg-type]
        for q in (0.05, 0.5, 0.95):
            share = p.prob_depleted_by(est.quantile(q))
            assert share == pytest.approx(q, abs=_binomial_tolerance(q, n, samples=2))


@settings(max_examples=100, deadline=None)
@given(
    initial=positive_inputs(1e4, 1e7),
    fire=positive_inputs(1e2, 1e5),
    base=st.lists(dated_amounts(200), max_size=3),
    extra=st.lists(dated_amounts(200), min_size=1, max_size=3),
    seed=st.integers(0, 2**32 - 1),
)
def test_deliveries_never_bring_depletion_forward(
    initial: PositiveInput,
    fire: PositiveInput,
    base: list[DatedAmount],
    extra: list[DatedAmount],
    seed: int,
) -> None:
    def run(items: list[DatedAmount]) -> mm.stockflow.StockProjection:
        deliveries = [(START + dt.timedelta(days=d.day), d.rounds.value()) for d in items]
        return mm.project_stock(
            initial.value(), fire.value(), deliveries, start=START, horizon_days=200, samples=64,
            seed=seed,
        )  # fmt: skip

    fewer, more = run(base), run(base + extra)
    # Path by path: the extra deliveries draw from their own streams, so every other draw
    # is unchanged and the only difference is more rounds. The run-out time is found by
    # comparisons and one division by the day's net drain, both monotone, so it holds
    # exactly.
    assert np.all(more.depletion_days >= fewer.depletion_days)
    # The bands are differences of running sums of at most 200 daily terms: rounding can
    # move them by a few units in the last place of the largest total (2e-16 each);
    # 1e-9 of it is far above that and far below a single round.
    slack = 1e-9 * float(np.max(more.bands))
    for q in fewer.quantiles:
        assert np.all(more.band(q) >= fewer.band(q) - slack)


class TestFromFigures:
    def test_phases(self) -> None:
        fire = mm.stockflow.phases_from_record("russia_fire_rate")
        assert [p.start for p in fire] == [
            dt.date(2022, 1, 1),
            dt.date(2023, 1, 1),
            dt.date(2023, 5, 1),
            dt.date(2023, 10, 1),
        ]
        production = mm.stockflow.phases_from_record("russia_production")
        assert [p.start for p in production] == [dt.date(2023, 1, 1), dt.date(2024, 1, 1)]
        with pytest.raises(ValueError, match="overlapping"):
            mm.stockflow.phases_from_record("nk_to_russia_rounds")

    def test_projection_from_august_2023(self) -> None:
        # The projection notebook 03 needs: from August 2023, the NIS's "more than one
        # million rounds" in "at least 10 transfers since August", Russian production and
        # fire by period from the bundled reports.
        cadence = mm.stockflow.Cadence.from_record("seed-rounds", "seed-transfers")
        assert (cadence.start, cadence.end) == (dt.date(2023, 8, 1), dt.date(2023, 10, 31))
        args = {
            "burn_rate": mm.stockflow.phases_from_record("russia_fire_rate"),
            "production": mm.stockflow.phases_from_record("russia_production"),
            "start": "2023-08-01",
            "horizon_days": 3 * 365,
            "samples": 2000,
            "seed": 8,
        }
        with_nk = mm.project_stock("about 3 million rounds", deliveries=[cadence], **args)  # type: ignore[arg-type]
        without = mm.project_stock("about 3 million rounds", deliveries=[], **args)  # type: ignore[arg-type]
        assert np.all(with_nk.depletion_days >= without.depletion_days)
        assert with_nk.depletion.median > without.depletion.median
        names = [r.name for r in with_nk.inputs]
        assert "burn_rate phase from 2023-10-01" in names
        assert "delivery 0 transfers" in names
        # By the end of October the transfers (over a million rounds) have all arrived.
        end_oct = (dt.date(2023, 11, 1) - START).days
        gained = with_nk.band(0.5)[end_oct] - without.band(0.5)[end_oct]
        assert gained > 1e6


class TestBadInput:
    def test_negative_phase(self) -> None:
        with pytest.raises(ValueError, match=r"phase starting 2023-10-01 has a negative rate"):
            mm.project_stock(
                1e6,
                {"2023-08-01": 1e4, "2023-10-01": -5e3},
                [],
                start=START,
                horizon_days=10,
                seed=1,
            )
        negative = r"production phase from 2023-08-01 cannot be negative"
        with pytest.raises(ValueError, match=negative):
            mm.project_stock(
                1e6,
                1e4,
                [],
                [(START, mm.distributions.normal(-1e3, 1e3))],
                start=START,
                horizon_days=10,
                seed=1,
            )

    def test_delivery_before_start(self) -> None:
        with pytest.raises(ValueError, match=r"delivery 1 is dated 2023-07-15, before start"):
            mm.project_stock(
                1e6,
                1e4,
                [("2023-08-15", 1e5), ("2023-07-15", 1e5)],
                start=START,
                horizon_days=10,
                seed=1,
            )
        cadence = mm.stockflow.Cadence(rounds=1e6, transfers=10, start="2023-07", end="2023-10")
        with pytest.raises(ValueError, match=r"cadence\) starts 2023-07-01, before start"):
            mm.project_stock(1e6, 1e4, [cadence], start=START, horizon_days=10, seed=1)

    def test_phases_must_cover_the_start(self) -> None:
        with pytest.raises(ValueError, match="no phase in effect at start 2023-08-01"):
            mm.project_stock(1e6, {"2023-09-01": 1e4}, [], start=START, horizon_days=10, seed=1)
        with pytest.raises(ValueError, match="two phases starting on 2023-08-01"):
            mm.project_stock(
                1e6, [("2023-08-01", 1e4), (START, 2e4)], [], start=START, horizon_days=10, seed=1
            )

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"horizon_days": 0}, "horizon_days must be a positive integer"),
            ({"samples": 0}, "samples must be a positive integer"),
            ({"seed": -2}, "seed must be"),
            ({"start": "August"}, "start must be a date"),
            ({"quantiles": (0.5, 2.0)}, "quantiles"),
        ],
    )
    def test_bad_options(self, kwargs: dict[str, object], message: str) -> None:
        options: dict[str, object] = {"start": START, "horizon_days": 10, "seed": 1} | kwargs
        with pytest.raises(ValueError, match=message):
            mm.project_stock(1e6, 1e4, [], **options)  # type: ignore[arg-type]

    def test_wrong_units(self) -> None:
        with pytest.raises(ValueError, match="expects rounds/day"):
            mm.project_stock(1e6, "around two months", [], start=START, horizon_days=10, seed=1)
        with pytest.raises(ValueError, match=r"ends .* before it starts"):
            mm.stockflow.Cadence(rounds=1e6, transfers=10, start="2023-10", end="2023-08")


class TestReproducibility:
    def test_same_seed_same_paths(self) -> None:
        args = (SEED_STOCK, "about 15,000 rounds a day", [("2023-09-01", "about 200,000 rounds")])
        a = mm.project_stock(*args, start=START, horizon_days=120, samples=500, seed=2)
        b = mm.project_stock(*args, start=START, horizon_days=120, samples=500, seed=2)
        assert a == b
        assert np.array_equal(a.depletion_days, b.depletion_days)
        fresh = mm.project_stock(*args, start=START, horizon_days=120, samples=500)
        again = mm.project_stock(*args, start=START, horizon_days=120, samples=500, seed=fresh.seed)
        assert fresh == again

    def test_blocks_do_not_change_the_result(self) -> None:
        # Blocks regroup the running sums, so results agree up to rounding: 120 daily terms
        # of at most ~2e6 rounds carry errors below 120 x 2e6 x 2.2e-16 = 5e-8 rounds.
        args = (SEED_STOCK, "about 15,000 rounds a day", [("2023-09-01", "about 200,000 rounds")])
        whole = mm.project_stock(*args, start=START, horizon_days=120, samples=500, seed=2)
        blocks = mm.project_stock(
            *args,
            start=START,
            horizon_days=120,
            samples=500,
            seed=2,
            options=mm.stockflow.ProjectionOptions(block_days=7),
        )
        assert np.allclose(whole.depletion_days, blocks.depletion_days, rtol=1e-12, atol=0)
        assert np.allclose(whole.bands, blocks.bands, rtol=0, atol=1e-6)

    def test_depletion_days_are_read_only(self) -> None:
        p = mm.project_stock(1e6, 1e4, [], start=START, horizon_days=10, samples=2, seed=1)
        with pytest.raises(ValueError, match="read-only"):
            p.depletion_days[0] = 1.0


def _peak_mib(days: int, samples: int) -> float:
    cadence = mm.stockflow.Cadence.from_record("seed-rounds", "seed-transfers")
    fire = mm.stockflow.phases_from_record("russia_fire_rate")
    production = mm.stockflow.phases_from_record("russia_production")
    tracemalloc.start()
    try:
        mm.project_stock(
            "about 3 million rounds", fire, [cadence], production, start=START, horizon_days=days,
            samples=samples, seed=1, options=mm.stockflow.ProjectionOptions(progress=False),
        )  # fmt: skip
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_horizon() -> None:
    # 20,000 paths: one float64 per path-day over 3 years would be 20,000 x 1,096 x 8 B =
    # 167 MiB. Days run in blocks of at most 2^20 path-days (8 MiB per working array, six
    # of them), and the inputs take a few floats per path: well under that, and the same
    # for one year or three. Measured with tracemalloc, which numpy reports its buffers to.
    samples, full = 20_000, 20_000 * 1_096 * 8 / 2**20
    one_year, three_years = _peak_mib(365, samples), _peak_mib(3 * 365, samples)
    assert three_years < full / 2
    assert three_years < 1.1 * one_year


def test_memory_does_not_grow_with_a_cadence_window() -> None:
    # A cadence with no count arrives every day of its window. Main up to 0a3248b listed
    # every arrival (day, path, rounds: 24 B each) after counting transfers in a paths x
    # window float64 array: for 20,000 paths over a year, 20,000 x 365 x (24 + 8 + 8) B =
    # 278 MiB at least (tracemalloc saw 671 MiB). What arrives is now made one block of
    # days at a time: blocks of at most 2^20 path-days, 8 MiB per working array, and about
    # three of them at once (the arrivals, the stock, the temporaries of the run-out
    # search); six is the bound.
    cadence = mm.stockflow.Cadence(rounds=1e6, start="2023-08-01", end="2024-07-31")
    tracemalloc.start()
    try:
        mm.project_stock(
            1e6, 1e4, [cadence], start=START, horizon_days=400, samples=20_000, seed=1,
            options=mm.stockflow.ProjectionOptions(progress=False),
        )  # fmt: skip
        peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert peak_mib < 6 * 8


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    mm.project_stock(
        1e6,
        1e4,
        [],
        start=START,
        horizon_days=30,
        samples=10,
        seed=1,
        options=mm.stockflow.ProjectionOptions(progress=True),
    )
    assert "project_stock" in capsys.readouterr().err
    mm.project_stock(
        1e6,
        1e4,
        [],
        start=START,
        horizon_days=30,
        samples=10,
        seed=1,
        options=mm.stockflow.ProjectionOptions(progress=False),
    )
    assert capsys.readouterr().err == ""
