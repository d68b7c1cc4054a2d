"""project_stock on inferred series: a posterior as stock, fire rate and deliveries."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import munitions_model as mm
from munitions_model.ledger import Ledger
from munitions_model.stockflow import project_stock

FAST = {"samples": 600, "warmup": 300}


@pytest.fixture(scope="module")
def fire() -> mm.inference.Posterior:
    # Six sources all saying 20,000 a day through 2024: a narrow posterior near 20,000.
    rows = [
        {
            "phrase": "20,000 rounds a day",
            "subject": "russia_fire_rate",
            "period_start": f"2024-{m:02d}",
            "period_end": f"2024-{m:02d}",
            "reported_on": f"2024-{m:02d}-28",
            "who": f"Office {m % 6}",
        }
        for m in range(1, 13)
    ]
    return mm.infer(Ledger.from_rows(rows), "russia_fire_rate", seed=1, **FAST)


@pytest.fixture(scope="module")
def deliveries() -> mm.inference.Posterior:
    rows = [
        {
            "phrase": phrase,
            "subject": "nk_to_russia_rounds",
            "period_end": end,
            "reported_on": end,
            "who": who,
        }
        for phrase, end, who in [
            ("about one million shells", "2023-11-30", "A"),
            ("about 2 million shells", "2024-02-29", "B"),
            ("about 3 million shells", "2024-05-31", "A"),
            ("about 4 million shells", "2024-08-31", "B"),
        ]
    ]
    return mm.infer(Ledger.from_rows(rows), "nk_to_russia_rounds", seed=1, **FAST)


def test_a_stock_at_an_inferred_fire_rate(fire: mm.inference.Posterior) -> None:
    # One million rounds at about 20,000 a day last about 50 days (duration_days).
    p = project_stock(1e6, fire, start="2024-03-01", horizon_days=200, samples=4000, seed=1)
    assert p.depletion.median == pytest.approx(1e6 / 20_000, rel=0.15)
    assert p.inputs[1].name == "burn_rate (posterior of russia_fire_rate)"


def test_a_posterior_stock_and_its_deliveries_follow_one_draw(
    deliveries: mm.inference.Posterior,
) -> None:
    # With no fire, the stock on day t is the cumulative total by the day before
    # start + t, path by path: its median matches the posterior's at that date.
    start = dt.date(2024, 1, 1)
    p = project_stock(
        deliveries, 0.0, [deliveries], start=start, horizon_days=150, samples=6000, seed=2
    )
    for t in (0, 59, 149):
        total = deliveries.period_draws(None, start + dt.timedelta(days=t - 1), seed=3)
        assert p.band(0.5)[t] == pytest.approx(float(np.median(total)), rel=0.06)
    assert p.prob_depleted == 0.0


def test_how_long_north_koreas_deliveries_last_at_the_recorded_fire_rate() -> None:
    # The one call of issue 11: both series inferred from the bundled record.
    ledger = mm.bundled_ledger()
    nk = mm.infer(ledger, "nk_to_russia_rounds", seed=1, **FAST)
    fire = mm.infer(ledger, "russia_fire_rate", seed=1, **FAST)
    a = project_stock(nk, fire, start="2024-08-01", horizon_days=730, samples=3000, seed=4)
    b = project_stock(nk, fire, start="2024-08-01", horizon_days=730, samples=3000, seed=4)
    assert a == b  # seeded
    # the stock on 1 Aug 2024 over the fire rate then: a few months, not days or years
    assert 60 < a.depletion.median < 500


def test_posteriors_must_fit_their_slot(
    fire: mm.inference.Posterior, deliveries: mm.inference.Posterior
) -> None:
    with pytest.raises(ValueError, match="stock must be in rounds"):
        project_stock(fire, 1.0, start="2024-01-01", horizon_days=10, samples=10, seed=1)
    with pytest.raises(ValueError, match="burn_rate must be a rate in rounds/day"):
        project_stock(1.0, deliveries, start="2024-01-01", horizon_days=10, samples=10, seed=1)
    with pytest.raises(ValueError, match="delivery 0 must count rounds delivered"):
        project_stock(1.0, 1.0, [fire], start="2024-01-01", horizon_days=10, samples=10, seed=1)
