"""Plots: every kind is drawn headless, returns its Figure, and leaves pyplot alone."""

from __future__ import annotations

import io
import sys

import numpy as np
import pytest

import munitions_model as mm

pytest.importorskip("matplotlib")
from matplotlib.figure import Figure

SEED_STOCK = "more than one million artillery rounds"
SEED_DURATION = "around two months"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"  # the PNG file signature (RFC 2083, section 3.1)


def _renders(fig: Figure) -> bool:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue().startswith(PNG_SIGNATURE)


@pytest.fixture(scope="module")
def figures() -> dict[str, Figure]:
    ledger = mm.bundled_ledger()
    fire = mm.infer(ledger, "russia_fire_rate", seed=1, samples=200, warmup=100)
    deliveries = mm.infer(ledger, "nk_to_russia_rounds", seed=1, samples=200, warmup=100)
    seed_inputs = {"stock_rounds": SEED_STOCK, "duration_days": SEED_DURATION}
    fire_2023 = mm.record.pooled("russia_fire_rate", "2023")
    duration_inputs = {"stock_rounds": SEED_STOCK, "rounds_per_day": fire_2023}
    rate = mm.estimate_burn_rate(SEED_STOCK, SEED_DURATION, samples=5000, seed=1)
    sweep = mm.sensitivity.sweep(
        mm.duration_days,
        {"rounds_per_day": [1e4, 2e4, 3e4], "stock_rounds": [1e6, 2e6]},
        {"dud_fraction": mm.distributions.uniform(0.2, 0.6)},
        samples=500,
        seed=1,
    )
    projection = mm.project_stock(
        SEED_STOCK, "about 20,000 rounds a day", [("2023-12-01", "about 500,000 rounds")],
        start="2023-11-01", horizon_days=200, samples=500, seed=1,
        )  # fmt: skip
    wording = mm.sensitivity.wording_sensitivity(
        SEED_DURATION,
        fn=mm.implied_rounds_per_day,
        slot="duration_days",
        inputs={"stock_rounds": SEED_STOCK},
        samples=2000,
        seed=1,
    )
    return {
        "distribution": mm.plots.plot_distribution(mm.interpret(mm.parse_claim(SEED_DURATION))),
        "estimate": mm.plots.plot_distribution(rate),
        "tornado": mm.plots.plot_tornado(
            mm.sensitivity.tornado(mm.implied_rounds_per_day, seed_inputs)
        ),
        "sobol": mm.plots.plot_sobol(
            mm.sensitivity.sobol(
                mm.duration_days, duration_inputs, samples=2**9, seed=1, resamples=20
            )
        ),
        "sweep": mm.plots.plot_sweep(sweep, contours=[50, 100]),
        "fan": mm.plots.plot_fan_chart(projection),
        "wording": mm.plots.plot_wording(wording),
        "readings": mm.plots.plot_wording(wording, output=False),
        "intervals": mm.plots.plot_intervals(
            ["2023", "late 2023"],
            [fire_2023, mm.record.pooled("russia_fire_rate", "late 2023")],
            reference=16_427.1,
            reference_label="face value",
            log=True,
        ),
        "hedges": mm.plots.plot_hedge_sensitivity(
            mm.sensitivity.hedge_sensitivity(
                mm.duration_days, duration_inputs, models=4, samples=2**10, seed=1
            )
        ),
        "posterior_rate": mm.plots.plot_posterior(fire),
        "posterior_cumulative": mm.plots.plot_posterior(deliveries, log=False),
    }


def test_every_plot_returns_a_figure_that_renders(figures: dict[str, Figure]) -> None:
    for name, fig in figures.items():
        assert isinstance(fig, Figure), name
        assert fig.axes, name
        assert _renders(fig), name


def test_pyplot_is_left_alone(figures: dict[str, Figure]) -> None:
    # Figures are built without pyplot: none is registered, so none is shown or leaked.
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []
    assert len(figures) == 12


def test_draws_into_given_axes() -> None:
    fig = Figure()
    ax = fig.add_subplot()
    out = mm.plots.plot_distribution(mm.lognormal(9e5, 1.6e6), ax=ax)
    assert out is fig
    assert len(fig.axes) == 1


def test_sweep_needs_two_varying_axes() -> None:
    one_axis = mm.sensitivity.sweep(
        mm.duration_days, {"stock_rounds": [1e6, 2e6]}, {"rounds_per_day": 1e4}
    )
    with pytest.raises(ValueError, match="exactly two axes"):
        mm.plots.plot_sweep(one_axis)


def test_wording_output_needs_a_function() -> None:
    readings = mm.sensitivity.wording_sensitivity(SEED_DURATION)
    with pytest.raises(ValueError, match="no output"):
        mm.plots.plot_wording(readings, output=True)
    assert isinstance(mm.plots.plot_wording(readings), Figure)


def test_intervals_need_one_label_each() -> None:
    with pytest.raises(ValueError, match="one label per interval"):
        mm.plots.plot_intervals(["a"], [])


def test_clear_error_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'munitions_model\[plots\]'"):
        mm.plots.plot_distribution(mm.lognormal(1, 2))


def test_whole_number_draws_get_whole_number_bins() -> None:
    # Rounds per container are whole numbers; 120 equal bins over a span of about 280
    # would hold two values in some bins and three in others (a comb of bar heights).
    capacity = mm.rounds_per_container("152mm", "20ft", samples=20_000, seed=1)
    assert np.array_equal(capacity.samples, np.round(capacity.samples))
    (bars,) = mm.plots.plot_distribution(capacity).axes[0].containers  # the histogram's bars
    edges = np.array([bar.get_x() for bar in bars])
    widths = np.array([bar.get_width() for bar in bars])
    assert len(bars) > 50
    assert np.allclose(edges % 1.0, 0.5)  # edges halfway between whole numbers
    assert np.allclose(widths, widths[0])
    assert widths[0] >= 1
    assert widths[0] == round(widths[0])
    # Continuous draws keep 120 equal bins.
    rate = mm.estimate_burn_rate(SEED_STOCK, SEED_DURATION, samples=5000, seed=1)
    assert rate.distribution is None
    (bars,) = mm.plots.plot_distribution(rate).axes[0].containers
    assert len(bars) == 120


def test_samples_are_drawn_as_a_histogram() -> None:
    # An Empirical distribution's quantile function is a jagged line through its samples:
    # its slope would draw noise, so it is drawn like an estimate's draws.
    values = np.random.default_rng(1).lognormal(5.0, 0.3, 10_000)
    (bars,) = (
        mm.plots.plot_distribution(mm.distributions.empirical(values, unit="days"))
        .axes[0]
        .containers
    )
    assert len(bars) == 120
    heights = np.array([bar.get_height() for bar in bars])
    assert np.isclose(np.sum(heights * bars[0].get_width()), 1.0)
