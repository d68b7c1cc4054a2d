"""Issue 13's findings, one test each: every test here failed on main at 4b61fc1 (before
the fixes of the ``robust`` branch) and passes after them.

Wrong numbers first, then crashes, then unbounded work. Numbers are derived in comments.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import math
import re
import tracemalloc
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from scipy import integrate, stats

import munitions_model as mm
from munitions_model import distributions as dist
from munitions_model import limits

START = dt.date(2023, 8, 1)
#: numpy's integer and floating type codes: every numpy real scalar type.
_REALS = np.typecodes["AllInteger"] + np.typecodes["Float"]


def _within(p_hat: float, p: float, n: int) -> bool:
    """An estimated probability within five binomial standard errors of ``p``."""
    return abs(p_hat - p) <= 5.0 * math.sqrt(p * (1 - p) / n) + 1e-12


# -- wrong numbers -------------------------------------------------------------------------


class TestAtomsInMixtures:
    ATOM = dist.mixture([dist.point(5.0), mm.lognormal(10.0, 20.0)], [0.5, 0.5])

    def test_point_mass_probability_through_estimate(self) -> None:
        # Half the mass sits exactly on 5 and the lognormal part lies above it (its 90%
        # interval is 10-20, so P(lognormal <= 5) = Phi(-3.3) = 5e-4): P(X > 5) is
        # 0.5 * (1 - 5e-4). Main gave 1.000: the atom came back as 5.000000000000001.
        est = mm.estimate(lambda x: x, {"x": self.ATOM}, samples=100_000, seed=1)
        p = 0.5 * (1.0 - float(self.ATOM.components[1].cdf(5.0)))
        assert _within(est.prob_above(5.0), p, est.samples)
        assert np.count_nonzero(est.draws == 5.0) / est.samples == pytest.approx(0.5, abs=0.01)
        assert est.quantile(0.3) == 5.0

    def test_point_mass_through_a_product_of_powers(self) -> None:
        # stock = rate * duration with duration 1: the log path used to return exp(log 5).
        est = mm.estimate_stock(self.ATOM, 1.0, samples=50_000, seed=2, method="mc")
        assert est.quantile(0.25) == 5.0
        assert _within(est.prob_below(5.0), 0.5 * float(self.ATOM.components[1].cdf(5.0)), 50_000)

    def test_exact_quantile_at_the_atom(self) -> None:
        # F(5-) = 0.5 * P(lognormal < 5), F(5) = that + 0.5: every u in between maps to 5.
        low = 0.5 * float(self.ATOM.components[1].cdf(5.0))
        for u in (low + 1e-12, 0.25, low + 0.5):
            assert self.ATOM.quantile(u) == 5.0
        assert self.ATOM.quantile(low + 0.5 + 1e-9) > 5.0

    def test_integer_capacities_mixed_count_the_atom_on_its_side(self) -> None:
        # Two whole-number capacities (rounds per container), pooled half and half:
        # F(450) = 0.5 * 3/3 + 0.5 * 1/2 = 0.75, so the 0.75 quantile is 450 exactly and
        # P(X = 450) = 0.5 * 1/3 + 0.5 * 1/2 = 5/12.
        pooled = dist.mixture([dist.empirical([430, 440, 450]), dist.empirical([450, 460])])
        assert pooled.cdf(450.0) == pytest.approx(0.75)
        assert pooled.quantile(0.75) == 450.0
        assert pooled.quantile(0.75 + 1e-12) == 460.0
        draws = pooled.sample(60_000, seed=3)
        assert np.array_equal(draws, np.round(draws))
        assert _within(float(np.mean(draws == 450.0)), 5 / 12, draws.size)
        est = mm.estimate(lambda x: x, {"x": pooled}, samples=60_000, seed=3)
        assert _within(est.prob_below(450.0), 1 / 3, 60_000)  # 0.5 * 2/3 + 0.5 * 0


class TestUpperTails:
    def test_truncation_far_in_the_upper_tail_is_finite(self) -> None:
        # Main: mean inf (Phi(z) rounded to one and ndtri gave +inf draws).
        stock = dist.truncated(mm.lognormal(1e5, 2e5), low=6e5)
        rate = mm.lognormal(8e3, 2.5e4)
        est = mm.estimate_duration(stock, rate, samples=200_000, seed=1)
        assert np.isfinite(est.draws).all()
        # Independent inputs: E[stock / rate] = E[stock] * E[1 / rate], with
        # E[1 / rate] = exp(-mu + sigma^2 / 2) for a lognormal rate.
        expected = stock.mean * math.exp(-rate.mu + rate.sigma**2 / 2)
        sd = float(np.std(est.draws))
        assert abs(est.mean - expected) <= 5 * sd / math.sqrt(est.samples)

    def test_truncated_mean_against_quadrature(self) -> None:
        base = mm.lognormal(1e5, 2e5)
        d = dist.truncated(base, low=6e5)
        ref = stats.lognorm(s=base.sigma, scale=math.exp(base.mu))
        # integrate in log space, where the tail is smooth: E[X | X > a] by quadrature
        num, _ = integrate.quad(
            lambda y: math.exp(2 * y) * ref.pdf(math.exp(y)), math.log(6e5), math.log(6e5) + 3
        )
        den = ref.sf(6e5)
        assert d.mean == pytest.approx(num / den, rel=1e-6)

    def test_eight_sigma_cut_on_the_log_path_has_no_nan(self) -> None:
        # Main: 25% of the durations were NaN (inf - inf in logs), unchecked on the log
        # path, while the median and interval still looked valid.
        stock = mm.lognormal(9e5, 1.6e6)
        rate = mm.lognormal(8e3, 2.5e4)
        cut = [dist.truncated(d, low=math.exp(d.mu + 8 * d.sigma)) for d in (stock, rate)]
        est = mm.estimate_duration(cut[0], cut[1], samples=100_000, seed=4, method="mc")
        draws = est.draws
        assert np.isfinite(draws).all()
        # Each input is its base above 8 sd: its own draws follow the truncated normal of
        # log X / sigma (scipy.stats.truncnorm), checked at the quartiles.
        for d in cut:
            z = (np.log(d.sample(40_000, seed=5)) - d.base.mu) / d.base.sigma
            expected = stats.truncnorm(8, np.inf).ppf([0.25, 0.5, 0.75])
            assert np.quantile(z, [0.25, 0.5, 0.75]) == pytest.approx(expected, abs=3e-3)

    def test_upper_tail_from_the_survival_function(self) -> None:
        # P(X > x) far in the tail: 1 - cdf rounds to zero, sf keeps it (Phi(-9) = 1.1e-19).
        d = mm.lognormal(1.0, 10.0)
        x = math.exp(d.mu + 9 * d.sigma)
        assert float(d.sf(x)) == pytest.approx(stats.norm.sf(9), rel=1e-9)


class TestTruncatedMixtureMean:
    def test_exact_against_adaptive_quadrature(self) -> None:
        # Main used a fixed 160-node Gauss-Hermite rule on a quantile function with a
        # near-jump (the truncation) and got it wrong; the mean is now exact (partial
        # means of each component). scipy's adaptive quad with rtol 1e-12 is the reference.
        m = dist.mixture([mm.lognormal(1.0, 2.0), mm.lognormal(100.0, 200.0)])
        d = dist.truncated(m, low=1.5)
        parts = [stats.lognorm(s=c.sigma, scale=math.exp(c.mu)) for c in m.components]

        def pdf(x: float) -> float:
            return sum(w * p.pdf(x) for w, p in zip(m.weights, parts, strict=True))

        opts = {"epsabs": 0.0, "epsrel": 1e-12, "limit": 500}
        num = integrate.quad(lambda x: x * pdf(x), 1.5, np.inf, **opts)[0]  # type: ignore[arg-type]
        den = integrate.quad(pdf, 1.5, np.inf, **opts)[0]  # type: ignore[arg-type]
        assert d.mean == pytest.approx(num / den, rel=1e-9)


class TestEmpirical:
    def test_truncated_empirical_draws_every_value(self) -> None:
        # range(10) cut at 5 keeps 5, 6, 7, 8, 9, each with probability 1/5. Main drew
        # interpolated values and never anything in [5, 5.4).
        d = dist.truncated(dist.empirical(range(10)), low=5)
        draws = d.sample(50_000, seed=1)
        values, counts = np.unique(draws, return_counts=True)
        assert values.tolist() == [5.0, 6.0, 7.0, 8.0, 9.0]
        assert all(_within(c / draws.size, 0.2, draws.size) for c in counts)

    def test_cdf_and_quantile_agree(self) -> None:
        # The quantile function is the generalized inverse of the step CDF.
        d = dist.empirical([3.0, 1.0, 2.0, 2.0, 10.0])
        for x in (1.0, 2.0, 3.0, 10.0):
            assert d.quantile(float(d.cdf(x))) == x
        assert d.mean == pytest.approx(18.0 / 5)


class TestThreads:
    def test_shared_chunked_qmc_estimate_answers_as_serially(self) -> None:
        # Main: the threads shared one Sobol engine, reset and advanced by each pass. Each
        # quantile not recorded is one pass over 16 chunks; 2**13 draws in chunks of 2**9
        # keep the 16 chunks (where threads can interleave) at a quarter of the draws of
        # 2**15 in chunks of 2**11, and one estimate asked one level at a time is the
        # serial answer (a pass each, as in a fresh estimate). Checked against main at
        # 4b61fc1: 5 runs of 5 failed, 13 to 21 of the 32 threaded quantiles differing.
        def make() -> mm.Estimate:
            return mm.estimate_duration(
                mm.lognormal(9e5, 1.6e6),
                dist.truncated(mm.lognormal(8e3, 2.5e4), low=5e3),
                method="qmc",
                samples=2**13,
                chunk=2**9,
                seed=7,
            )

        levels = [round(0.1 + 0.8 * i / 31, 6) for i in range(32)]
        serial_estimate = make()
        serial = [serial_estimate.quantile(q) for q in levels]
        shared = make()
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(shared.quantile, levels))
        assert threaded == serial


class TestTransfers:
    def test_huge_transfer_count_is_refused_before_allocation(self) -> None:
        # Main: int64 overflow with only a warning, and the cadence delivered nothing.
        cadence = mm.stockflow.Cadence(rounds=1e6, transfers=1e19, start="2023-08", end="2023-10")
        with pytest.raises(limits.LimitError, match="transfers"):
            mm.project_stock(1e5, 1e4, [cadence], start=START, horizon_days=120, samples=10)

    def test_many_transfers_deliver_everything_in_bounded_memory(self) -> None:
        # Five million transfers in August-October with no fire: every round arrives (the
        # stock at the horizon is 1e5 + 1e6). Main held a paths x transfers matrix: 5e9
        # entries here; the per-day count holds paths x 92 days.
        cadence = mm.stockflow.Cadence(rounds=1e6, transfers=5e6, start="2023-08", end="2023-10")
        tracemalloc.start()
        p = mm.project_stock(1e5, 0.0, [cadence], start=START, horizon_days=120, samples=1_000)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert p.band(0.5)[-1] == pytest.approx(1.1e6, rel=1e-9)
        assert peak < 64 * 2**20


class TestLastRunOut:
    def test_median_run_out_is_the_last_depletion_when_the_stock_refills(self) -> None:
        # 10 rounds at 1 a day run out on day 10; 10 more on day 20 last to day 30.
        p = mm.project_stock(
            10.0, 1.0, [("2023-08-21", 10.0)], start=START, horizon_days=60, samples=3, seed=1
        )
        assert p.depletion.median == pytest.approx(10.0)
        assert p.last_depletion.median == pytest.approx(30.0)
        assert np.allclose(p.last_depletion_days, 30.0)
        # A path with stock left at the horizon has not run out (last = inf).
        q = mm.project_stock(
            10.0, 1.0, [("2023-08-21", 100.0)], start=START, horizon_days=60, samples=2, seed=1
        )
        assert np.isinf(q.last_depletion_days).all()
        assert q.depletion.median == pytest.approx(10)

    def test_fan_chart_marks_the_last_run_out(self) -> None:
        pytest.importorskip("matplotlib")
        from matplotlib.dates import date2num

        p = mm.project_stock(
            10.0, 1.0, [("2023-08-21", 10.0)], start=START, horizon_days=60, samples=3, seed=1
        )
        fig = mm.plots.plot_fan_chart(p)
        ax = fig.axes[0]
        marks = [line for line in ax.get_lines() if "run-out" in str(line.get_label())]
        assert len(marks) == 1
        assert marks[0].get_xdata()[0] == pytest.approx(date2num(START) + 30.0)


# -- crashes --------------------------------------------------------------------------------


class TestFloatRange:
    def test_overflowing_ratio_is_a_value_error_naming_the_inputs(self) -> None:
        # `estimate --stock 1e308 --duration 1e-308`: main raised OverflowError.
        with pytest.raises(limits.FloatRangeError, match=r"stock_rounds.*duration_days"):
            mm.estimate_burn_rate(1e308, 1e-308)

    def test_exact_and_monte_carlo_paths_agree_on_overflow(self) -> None:
        # Main: math.exp overflowed on the exact path while Monte Carlo returned inf.
        stock = mm.lognormal(1e300, 1e305)
        exact = mm.estimate_stock(stock, 1e10, seed=1)
        with pytest.raises(limits.FloatRangeError):
            _ = exact.mean
        with pytest.raises(limits.FloatRangeError):
            mm.estimate_stock(stock, 1e10, seed=1, method="mc", samples=10_000)
        # the geometric mean of the interval's ends, sqrt(1e300 * 1e305), times 1e-10
        median = math.sqrt(1e300) * math.sqrt(1e305) * 1e-10
        assert mm.estimate_stock(stock, 1e-10, seed=1).median == pytest.approx(median, rel=1e-12)

    def test_lognormal_mean_beyond_float64(self) -> None:
        with pytest.raises(limits.FloatRangeError, match="mean"):
            _ = dist.LogNormal(mu=700.0, sigma=5.0).mean  # exp(700 + 12.5) > 1.8e308

    def test_tiny_level_is_refused(self) -> None:
        # lognormal(1, 2, level=1e-17): main divided by zero.
        with pytest.raises(ValueError, match="level"):
            mm.lognormal(1.0, 2.0, level=1e-17)

    def test_granularity_of_a_subnormal(self) -> None:
        with pytest.raises(ValueError, match="value"):
            mm.hedges.granularity(5e-324)


class TestNumberTypes:
    @pytest.mark.parametrize(
        "number",
        [
            Decimal("5"),
            Fraction(5, 1),
            5,
            *(kind(5) for kind in sorted({np.dtype(t).type for t in _REALS}, key=str)),
        ],
        ids=repr,
    )
    def test_every_real_type_is_a_number(self, number: object) -> None:
        # 5 rounds a day for one day is 5 rounds, exactly (main: 4.999999999999999, and
        # Decimal raised TypeError).
        est = mm.estimate_stock(number, 1.0, seed=1)  # type: ignore[arg-type]
        assert est.median == 5.0

    def test_huge_integer_is_a_value_error(self) -> None:
        # Main: OverflowError from float(10**400).
        with pytest.raises(ValueError, match=r"stock_rounds .*10\*\*400"):
            mm.estimate_burn_rate(10**400, 30.0)

    def test_mixture_of_a_number(self) -> None:
        # Main: AttributeError ('float' object has no attribute 'unit').
        with pytest.raises(ValueError, match=r"components\[0\] must be a distribution"):
            dist.mixture([1.0])  # type: ignore[list-item]


class TestEstimateRoundTrip:
    def test_rebuilt_from_to_dict_answers(self) -> None:
        # Main: the rebuilt estimate refused its own "summary" key, then failed on .median.
        est = mm.estimate_burn_rate(1e6, "around two months", seed=1, method="mc")
        back = mm.Estimate.model_validate(est.to_dict())
        assert back.median == est.median
        assert back.mean == est.mean
        assert back.interval(0.9) == est.interval(0.9)
        assert back.quantile(0.25) == est.quantile(0.25)
        with pytest.raises(ValueError, match="rerun"):
            back.quantile(0.3)

    def test_json_refuses_negative_counts(self) -> None:
        est = mm.estimate_burn_rate(1e6, "around two months", seed=1, method="mc")
        for field in ("samples", "chunk"):
            data = est.model_dump(mode="json")
            data[field] = -5
            with pytest.raises(ValueError, match=field):
                mm.Estimate.model_validate(data)


# -- unbounded work -------------------------------------------------------------------------


class TestLimits:
    @pytest.mark.parametrize("samples", [2**62, 10**12])
    def test_samples_refused_before_allocation(self, samples: int) -> None:
        with pytest.raises(limits.LimitError, match=r"limits\.override\(samples="):
            mm.estimate_duration(mm.lognormal(1e5, 1e6), mm.lognormal(1e3, 1e4), samples=samples)

    def test_path_days_refused(self) -> None:
        with pytest.raises(limits.LimitError, match="path_days"):
            mm.project_stock(1e6, 1e4, start=START, horizon_days=10**7, samples=10_000)

    def test_mixture_components_refused_above_the_limit(self) -> None:
        parts = [mm.lognormal(10.0 * (i + 1), 30.0 * (i + 1)) for i in range(1_001)]
        with pytest.raises(limits.LimitError, match="mixture_components"):
            dist.mixture(parts)
        with limits.override(mixture_components=2_000):
            assert len(dist.mixture(parts).components) == 1_001

    def test_long_horizon_memory_does_not_grow_with_the_horizon(self) -> None:
        # Working memory is one block of 2^20 path-days; the result holds the daily band,
        # 8 bytes per day. Main kept tuples of Python floats (32 bytes each, twice over
        # while converting) and per-day phase indices: 2.9 GB at 10^7 days. Here the
        # horizon grows four times and the peak beyond the band must not move (1 MiB
        # slack for the allocator's rounding).
        peaks = {}
        for days in (2**21, 2**23):
            tracemalloc.start()
            mm.project_stock(
                1e12, 1.0, start=START, horizon_days=days, samples=1, quantiles=(0.5,), seed=1
            )
            peaks[days] = tracemalloc.get_traced_memory()[1] - 8 * (days + 1)
            tracemalloc.stop()
        assert peaks[2**23] < peaks[2**21] + 2**20


# -- output ---------------------------------------------------------------------------------


class TestPlots:
    @pytest.fixture(autouse=True)
    def _matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    def test_fan_chart_stock_axis_has_thousands_separators(self) -> None:
        # Main: matplotlib's default "1e6" offset notation on the stock axis.
        p = mm.project_stock(2e6, 3e4, start=START, horizon_days=90, samples=20, seed=1)
        fig = mm.plots.plot_fan_chart(p)
        fig.canvas.draw()
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
        assert any("," in label for label in labels), labels
        assert fig.axes[0].yaxis.get_offset_text().get_text() == ""

    def test_run_outs_are_a_strip_apart_from_the_stock_bands(self) -> None:
        # Main: a full-height orange band over the blue stock bands.
        p = mm.project_stock(2e6, 3e4, start=START, horizon_days=120, samples=50, seed=1)
        ax = mm.plots.plot_fan_chart(p).axes[0]
        strips = [a for a in ax.patches if "run-outs" in str(a.get_label())]
        assert len(strips) == 1
        assert strips[0].get_hatch()
        y0, height = strips[0].get_y(), strips[0].get_height()
        assert (y0, y0 + height) == pytest.approx((0.0, 0.06))  # axes fraction

    def test_axis_labels_name_the_quantity(self) -> None:
        # Main: "value [days]" for every duration.
        est = mm.estimate_duration(mm.lognormal(9e5, 1.6e6), mm.lognormal(8e3, 2.5e4), seed=1)
        ax = mm.plots.plot_distribution(est).axes[0]
        assert ax.get_xlabel() == "duration_days [days]"
        ax = mm.plots.plot_distribution(mm.lognormal(8e3, 2.5e4, unit="rounds/day")).axes[0]
        assert ax.get_xlabel() == "fire rate [rounds/day]"


def test_notebook_02_writes_its_figure_only_when_asked() -> None:
    # Main: running notebook 02 rewrote the tracked docs/duration_heatmap.png. Every savefig
    # now sits under a test of MUNITIONS_MODEL_DOCS (checked in the source, without running
    # the notebook: running it is the notebooks' CI step).
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "notebooks" / "02_sensitivity.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            for inner in ast.walk(node):
                guarded.add(id(inner))
    saves = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "savefig"
    ]
    assert saves
    assert all(id(node) in guarded for node in saves)
    assert "MUNITIONS_MODEL_DOCS" in source.read_text(encoding="utf-8")


class TestBrokenBundledFile:
    def test_help_and_estimate_work_with_a_broken_data_file(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # Issue 13: one malformed row in a bundled data file made every CLI command,
        # --help included, exit with a traceback. Every bundled file now reads as a CSV
        # row with too many cells: --help and `estimate` from phrases still work, and a
        # command that needs the data (`figures`) exits with status 2 and a message
        # naming the file and where, not a traceback.
        from munitions_model import cli, record

        def broken(name: str) -> str:
            return "id,phrase\nx,1,2\n"

        for fn in (record.seed_document, record.reported_figures):
            fn.cache_clear()
        monkeypatch.setattr(record, "_data", broken)
        try:
            with pytest.raises(SystemExit) as caught:  # argparse's exit after printing help
                cli.main(["--help"])
            assert caught.value.code == 0
            assert "usage" in capsys.readouterr().out
            phrases = ["--stock", "about 1,000,000 rounds", "--burn-rate", "about 10,000 a day"]
            assert cli.main(["estimate", *phrases, "--samples", "2000"]) == 0
            capsys.readouterr()
            assert cli.main(["figures"]) == 2  # needs the record: one line naming the file
            assert capsys.readouterr().err.startswith("error: data/seed.json, line 1")
            with pytest.raises(record.DataFileError, match=r"data/seed\.json, line 1"):
                record.reported_figures()
        finally:
            for fn in (record.seed_document, record.reported_figures):
                fn.cache_clear()
        capsys.readouterr()

    def test_a_broken_facts_file_is_named_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # A malformed row in data/physical_facts.csv gave a pydantic ValidationError that
        # repeated the file and row once per sourced number citing a fact (ten of them);
        # the catalogue now reads the facts first, so the error is the file's own.
        from munitions_model import catalogue, record

        original = record._data

        def broken(name: str) -> str:
            return "id,phrase\nx,1,2\n" if name == "physical_facts.csv" else original(name)

        caches = [record.physical_facts, catalogue.default_catalogue]
        for fn in caches:
            fn.cache_clear()
        monkeypatch.setattr(record, "_data", broken)
        try:
            with pytest.raises(record.DataFileError) as caught:
                mm.rounds_per_container("152mm", "20ft", samples=64, seed=1)
            message = str(caught.value)
            assert message.count("physical_facts.csv") == 1
            assert "row 1 (line 2)" in message
        finally:
            monkeypatch.undo()
            for fn in caches:
                fn.cache_clear()


# -- the fuzz2 campaign: the ledger, inference, backtests, packings --------------------------
# Each test failed on main at bbfb739 (the exception named in its comment) and passes now.

_TWO_REPORTS = [
    {"phrase": "about 10,000 rounds a day", "subject": "russia_fire_rate",
     "period_start": "2024-03", "reported_on": "2024-04-02", "who": "US official"},
    {"phrase": "about 20,000 rounds a day", "subject": "russia_fire_rate",
     "period_start": "2024-05", "reported_on": "2024-06-02", "who": "UK MoD"},
]  # fmt: skip


@pytest.mark.parametrize("packing", [5, 1e308, math.nan, ["complete"], {math.nan: 1.0}])
def test_packing_that_is_not_a_name_or_weights_is_refused_by_name(packing: object) -> None:
    # was TypeError ('int' object is not iterable) from the load estimates, and pydantic's
    # "weights.nan.[key]" without the argument's name from check_consistency
    with pytest.raises(ValueError, match="packing"):
        mm.rounds_per_container("152mm", "20ft", packing=packing, samples=64, seed=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="packing"):
        mm.check_consistency(
            ["more than 1,000 containers", "more than one million rounds"],
            packing=packing,  # type: ignore[arg-type]
            samples=64,
            seed=1,
        )


def test_packing_weight_that_is_not_a_number_is_refused_by_name() -> None:
    # was pydantic's "weights.complete: Input should be a valid number" (no "packing")
    with pytest.raises(ValueError, match=r"packing\['complete'\]"):
        mm.logistics.containers_for_rounds(
            "about 100,000 rounds",
            packing={"complete": [1.0]},
            samples=64,
            seed=1,  # type: ignore[dict-item]
        )


@pytest.mark.parametrize(
    ("argument", "value"),
    [("ledger", None), ("ledger", 5.0), ("subject", ["a"]), ("freq", ["a"]), ("priors", "x")],
)
def test_infer_refuses_a_bad_argument_by_name(argument: str, value: object) -> None:
    # was AttributeError ('NoneType' object has no attribute 'subjects', ... 'noise_median')
    # or TypeError (unhashable type: 'list')
    ledger = mm.Ledger.from_rows(_TWO_REPORTS)
    kwargs: dict[str, object] = {"ledger": ledger, "subject": "russia_fire_rate"}
    kwargs[argument] = value
    with pytest.raises(ValueError, match=argument):
        mm.infer(seed=1, samples=16, warmup=16, **kwargs)  # type: ignore[arg-type]


def test_infer_warmup_is_within_the_samples_limit() -> None:
    # was unbounded: warmup=10**12 started a run of 10**12 sampler steps
    ledger = mm.Ledger.from_rows(_TWO_REPORTS)
    with pytest.raises(limits.LimitError, match="warmup"):
        mm.infer(ledger, "russia_fire_rate", seed=1, samples=16, warmup=10**12)


def test_backtest_and_select_refuse_a_bad_ledger_or_subject_by_name() -> None:
    # was AttributeError (no attribute 'subjects') and TypeError (unhashable type: 'list')
    ledger = mm.Ledger.from_rows(_TWO_REPORTS)
    with pytest.raises(ValueError, match="ledger"):
        mm.backtest([], "russia_fire_rate", "2024-05-01", seed=1, samples=16, warmup=16)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="subject"):
        mm.backtest(ledger, ["a"], "2024-05-01", seed=1, samples=16, warmup=16)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="subject"):
        ledger.select(["a"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="before"):
        ledger.select(before=1e308)  # type: ignore[arg-type]


def test_ledger_rows_that_are_not_mappings_are_refused_by_name() -> None:
    # was TypeError ('float' object is not iterable) and AttributeError ('str' object has
    # no attribute 'items')
    with pytest.raises(ValueError, match="rows"):
        mm.Ledger.from_rows(5.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"rows\[1\]"):
        mm.Ledger.from_rows([_TWO_REPORTS[0], "about 5 rounds"])  # type: ignore[list-item]


def test_decimal_snan_cell_is_missing() -> None:
    # was decimal.InvalidOperation from the NaN test of a cell (found by the fuzzing)
    ledger = mm.Ledger.from_rows([{**_TWO_REPORTS[0], "who": Decimal("sNaN")}])
    assert len(ledger) == 1
    assert ledger.reports[0].claim.source is None or ledger.reports[0].claim.source.who is None


def test_ledger_file_that_cannot_be_read_is_named(tmp_path: object) -> None:
    # was FileNotFoundError / IsADirectoryError / UnicodeDecodeError without the file's name,
    # and TypeError for a path that is not a file name
    from pathlib import Path

    from munitions_model.record import DataFileError

    folder = Path(str(tmp_path))
    latin = folder / "latin1.csv"
    latin.write_bytes(b"phrase\n\xe9\n")
    for path in (folder / "missing.csv", folder, latin):
        with pytest.raises(DataFileError, match=re.escape(str(path))):
            mm.Ledger.from_csv(path)
    with pytest.raises(ValueError, match="path"):
        mm.Ledger.from_csv(None)  # type: ignore[arg-type]


def test_rounds_per_container_without_a_container_names_it() -> None:
    # was "a load without a carrier has no capacity", naming no argument (fuzz2 campaign)
    with pytest.raises(ValueError, match="container"):
        mm.rounds_per_container("152mm", None, samples=64, seed=1)  # type: ignore[arg-type]


def test_ledger_row_whose_who_names_only_an_outlet_is_unattributed() -> None:
    # was pydantic's ValidationError (Report.source: at least 1 character) out of from_rows,
    # stopping the whole ledger: "(CNN)" has an empty source key (found by fuzzing infer)
    row = {"phrase": "about 10,000 rounds a day", "subject": "russia_fire_rate",
           "period_start": "2024-03", "reported_on": "2024-04-02", "who": "(CNN)"}  # fmt: skip
    ledger = mm.Ledger.from_rows([row])
    assert [r.source for r in ledger] == ["row 1 (unattributed)"]


def test_cli_options_before_the_command_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    # was: the command's own defaults overwrote them, so `--json figures` printed text and
    # `--samples 2000 estimate ...` drew 100,000 (found by fuzzing the CLI)
    import json

    from munitions_model import cli

    assert cli.main(["--json", "figures"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    phrases = ["--stock", "about 1,000,000 rounds", "--duration", "about 100 days"]
    assert cli.main(["--samples", "2000", "--seed", "3", "--json", "estimate", *phrases]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["samples"], shown["seed"]["entropy"]) == (2000, 3)


# -- the fuzz3 campaign: the methods of the results users hold --------------------------------
# Each test failed on main at 3bb8e88 (the exception named in its comment) and passes now.


def _five_days() -> mm.stockflow.StockProjection:
    """About 1,000,000 rounds at about 10,000 a day, projected over 5 days (of about 100)."""
    return mm.project_stock(
        "about 1,000,000 rounds", "about 10,000 rounds a day", start=START, horizon_days=5,
        samples=8, seed=1,
    )  # fmt: skip


def test_projection_that_outlasts_its_horizon_reads_back_from_its_json() -> None:
    # was ValidationError ("depletion.median: Input should be a valid number", input None):
    # an infinite depletion time was written as null, which does not read back
    p = _five_days()
    assert p.depletion.median == math.inf  # 1,000,000 rounds at 10,000 a day: 100 days
    text = p.model_dump_json()
    back = type(p).model_validate_json(text)
    assert back.model_dump() == p.model_dump()
    json_module = __import__("json")
    assert json_module.loads(text)["depletion"]["median"] == "Infinity"  # strict JSON


def test_estimate_with_an_infinite_mean_reads_back_from_its_json() -> None:
    # was ValidationError on the summary's mean (written as null): production of about 9,000
    # rounds a day covers a fire rate of about 10,000 on some draws, whose durations are inf
    est = mm.estimate_duration(
        "about 1,000,000 rounds",
        "about 10,000 rounds a day",
        production="about 9,000 rounds a day",
        samples=512,
        seed=1,
    )
    rebuilt = mm.Estimate.model_validate(est.to_dict())
    assert rebuilt.mean == math.inf
    back = mm.Estimate.model_validate_json(rebuilt.model_dump_json())
    assert (back.mean, back.interval(0.9)) == (rebuilt.mean, rebuilt.interval(0.9))


@pytest.mark.parametrize("z", [math.nan, [0.0, math.nan], 10**400, Decimal("sNaN"), "1", object()])
def test_from_normal_refuses_a_score_that_is_not_a_number_by_name(z: object) -> None:
    # was NaN out for NaN in, OverflowError, TypeError, and ValueError ("cannot convert
    # signaling NaN to float") naming no argument
    for d in (mm.lognormal(1.0, 10.0), dist.uniform(1.0, 2.0), dist.mixture([dist.point(1.0)])):
        with pytest.raises(ValueError, match=r"\bz\b"):
            d.from_normal(z)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"\bz\b"):
            d.log_from_normal(z)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "d", [dist.uniform(1.0, 2.0), dist.triangular(1.0, 2.0, 3.0), dist.pert(1.0, 2.0, 3.0)]
)
def test_from_normal_of_one_positive_score(d: dist.Distribution) -> None:
    # was TypeError ("'numpy.float64' object does not support item assignment") for a single
    # score above zero; the value is the quantile at Phi(z)
    for z in (1.0, -1.0, 0.0):
        assert float(d.from_normal(z)) == pytest.approx(d.quantile(float(stats.norm.cdf(z))))
        assert float(d.log_from_normal(z)) == pytest.approx(math.log(float(d.from_normal(z))))


def test_with_unit_refuses_a_unit_that_is_not_text() -> None:
    # was accepted silently (model_copy does not validate); the distribution then warned
    # "PydanticSerializationUnexpectedValue" when written
    d = mm.lognormal(1.0, 10.0)
    with pytest.raises(ValueError, match="unit"):
        d.with_unit(math.nan)  # type: ignore[arg-type]
    assert d.with_unit("rounds").unit == "rounds"
    assert d.with_unit(None).unit is None


@pytest.mark.parametrize("u", [5e-324, 1e-300, 1e-200, 1e-120])
def test_pert_quantile_far_in_the_lower_tail_is_not_nan(u: float) -> None:
    # was NaN: scipy's betaincinv returns NaN for such u at a = b = 3 (pert(0, 1, 2));
    # near zero I_t(3, 3) = t^3 / (3 B(3, 3)) = 10 t^3 to float64 (B(3, 3) = 1/30), so the
    # quantile is (u / 10)^(1/3), and by symmetry the upper one is 2 minus it
    d = dist.pert(0.0, 1.0, 2.0)
    expected = 2.0 * (u / 10.0) ** (1.0 / 3.0)  # width 2 times t
    assert d.quantile(u) == pytest.approx(expected, rel=1e-9)
    assert float(d.ppf(u)) == pytest.approx(expected, rel=1e-9)
    assert float(d._isf(np.array(u))) == pytest.approx(2.0 - expected, rel=1e-15)
    assert dist.mixture([d]).quantile(u) == pytest.approx(expected, rel=1e-6)


def test_uniform_far_beyond_a_narrow_interval_is_certain() -> None:
    # was RuntimeWarning "overflow encountered in divide" (an error under -W error):
    # (x - low) / width beyond float64 for a width of 6e-99; P(X <= 1e300) is 1
    u = dist.uniform(1.26e-260, 6.27e-99)
    assert float(u.cdf(1e300)) == 1.0
    assert float(u.sf(-1e300)) == 1.0
    assert float(dist.mixture([dist.point(1e300), u]).cdf(1e300)) == 1.0


def test_mixture_spanning_more_than_float64_draws_without_warnings() -> None:
    # was RuntimeWarning "invalid value encountered in multiply": its table's grid ran from
    # -1e308 to 1e308, whose steps overflowed (0 * inf); the grid is now spaced in halves.
    # Half the mass lies below zero (two uniforms of equal weight on either side of it).
    wide = dist.mixture([dist.uniform(-1e308, 0.0), dist.uniform(0.0, 1e308)])
    draws = wide.sample(4_000, seed=1)
    assert np.isfinite(draws).all()
    assert _within(float(np.mean(draws < 0.0)), 0.5, draws.size)


def test_mean_of_an_exceedance_below_1e300_without_warnings() -> None:
    # was RuntimeWarning "overflow encountered in scalar multiply" from the envelope's kinks
    # (bound 8.2e299 times scale 4.9e282); one term has no kinks, and the mean lies inside
    # the support of the mixture, (0, 9.9e299)
    below = dist.mixture(
        [dist.exceedance(8.2e299, 4.88e282, 0.0, "below"), dist.loguniform(2.2e-16, 9.9e299)]
    )
    assert 0.0 < below.mean < 9.9e299


def test_posterior_step_rates_refuse_draw_numbers_that_are_not_draws() -> None:
    # was IndexError ("arrays used as indices must be of integer (or boolean) type", "index
    # 99 is out of bounds")
    post = mm.infer(
        mm.Ledger.from_rows(_TWO_REPORTS), "russia_fire_rate", seed=1, samples=16, warmup=16
    )
    for index in ([math.nan], [99], [-1], [[0]], "0"):
        with pytest.raises(ValueError, match="index"):
            post.step_rates("2024-05-01", 10, index, seed=1)  # type: ignore[arg-type]
    rates, steps = post.step_rates("2024-05-01", 10, np.array([0, 15]), seed=1)
    assert rates.shape == (1, 2)  # May only: one step, two paths
    assert steps.tolist() == [0] * 10


@pytest.mark.parametrize("q", [Decimal("sNaN"), np.array([0.5, 0.5]), "x"])
def test_band_and_sweep_refuse_a_probability_that_is_not_a_number_by_name(q: object) -> None:
    # was decimal.InvalidOperation and "The truth value of an array ... is ambiguous"
    p = _five_days()
    with pytest.raises(ValueError, match=r"\bq\b"):
        p.band(q)  # type: ignore[arg-type]
    sweep = mm.sensitivity.sweep(
        mm.duration_days, {"rounds_per_day": [1e4, 2e4]}, {"stock_rounds": 1e6}, samples=16, seed=1
    )
    with pytest.raises(ValueError, match=r"\bq\b"):
        sweep.array(q)  # type: ignore[arg-type]
    assert p.band(np.float64(0.5)).shape == (6,)
    assert sweep.array(Fraction(1, 2)).tolist() == [100.0, 50.0]  # 1e6 / 1e4, 1e6 / 2e4


def test_sobol_index_of_a_name_that_is_not_text_is_refused_by_name() -> None:
    # was "The truth value of an empty array is ambiguous" (no argument named)
    s = mm.sensitivity.sobol(
        mm.duration_days,
        {"stock_rounds": mm.lognormal(5e5, 2e6), "rounds_per_day": mm.lognormal(5e3, 3e4)},
        samples=64,
        seed=1,
    )
    with pytest.raises(ValueError, match="name"):
        s.first_order(np.array([]))  # type: ignore[arg-type]


def test_backtest_coverage_of_a_decimal_level() -> None:
    # was TypeError ("unsupported operand type(s) for -: 'float' and 'decimal.Decimal'"):
    # the level was checked, then used as given
    bt = mm.backtest(
        mm.Ledger.from_rows(_TWO_REPORTS),
        "russia_fire_rate",
        "2024-05-01",
        seed=1,
        samples=16,
        warmup=16,
    )
    assert bt.coverage(Decimal("0.5")) == bt.coverage(0.5)
    assert bt.baseline_coverage(Decimal("0.5")) == bt.baseline_coverage(0.5)


_CHECKED = ["more than 1,000 containers", "more than one million rounds"]


def test_catalogue_that_is_no_catalogue_is_refused_by_name() -> None:
    # was AttributeError ("'dict' object has no attribute 'carrier'")
    from munitions_model.catalogue import default_catalogue

    dump = default_catalogue().model_dump()
    with pytest.raises(ValueError, match="catalogue"):
        mm.check_consistency(_CHECKED, catalogue=dump, samples=64, seed=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="catalogue"):
        mm.rounds_per_container("152mm", "20ft", catalogue=dump, samples=64, seed=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "mix",
    [
        {"152mm": "0.5", "122mm": 0.5},
        {"152mm": 10**400},
        {"152mm": object()},
        [("152mm", 1.0)],
        {"155mm": 1.0},
    ],
)
def test_mix_that_is_not_shares_of_known_munitions_is_refused_by_name(mix: object) -> None:
    # was ValueError naming no argument ("could not convert string to float"; "unknown
    # munition '155mm'"), OverflowError, TypeError, AttributeError (no attribute 'items');
    # a share given as text ("0.5") was read as a number
    with pytest.raises(ValueError, match="mix"):
        mm.check_consistency(_CHECKED, mix=mix, samples=64, seed=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="mix"):
        mm.rounds_from_containers(1000.0, mix=mix, samples=64, seed=1)  # type: ignore[arg-type]


def test_mix_of_exact_fractions_is_reported() -> None:
    # was TypeError ("unsupported format string passed to Fraction.__format__") from the
    # report's load text
    report = mm.check_consistency(_CHECKED, mix={"152mm": Fraction(1, 1)}, samples=64, seed=1)
    assert "100% 152mm" in report.to_text()


@pytest.mark.parametrize("links", [5.0, [5.0], [[5.0]], "nk_to_russia_rounds", [["a"], None]])
def test_links_that_are_not_sets_of_subjects_are_refused_by_name(links: object) -> None:
    # was TypeError ("'float' object is not iterable") or accepted subjects that are no names
    with pytest.raises(ValueError, match="links"):
        mm.check_consistency(_CHECKED, links=links, samples=64, seed=1)  # type: ignore[arg-type]


def test_container_that_has_no_truth_value_is_refused_by_name() -> None:
    # was ValueError "The truth value of a Series is ambiguous" and TypeError "boolean value
    # of NA is ambiguous" (the default was taken with `or`)
    pd = pytest.importorskip("pandas")
    for container in (pd.Series([], dtype=float), pd.NA):
        with pytest.raises(ValueError, match="carrier"):
            mm.check_consistency(_CHECKED, container=container, samples=64, seed=1)


def test_consistency_with_every_implied_value_infinite() -> None:
    # was RuntimeWarning "invalid value encountered in subtract" (inf - inf interpolating the
    # spread): at a fill fraction of 5e-324 the containers implied by a million rounds are
    # all infinite, and their spread is inf to inf
    report = mm.check_consistency(_CHECKED, fill_fraction=5e-324, samples=64, seed=1)
    assert report.verdict == "inconsistent"
    assert "implied by the others inf (inf to inf) containers" in report.to_text()


def test_predict_refuses_a_source_that_is_not_text_by_name() -> None:
    # was "The truth value of an empty array is ambiguous" (the source looked up as given)
    post = mm.infer(
        mm.Ledger.from_rows(_TWO_REPORTS), "russia_fire_rate", seed=1, samples=16, warmup=16
    )
    with pytest.raises(ValueError, match="source"):
        post.predict("2024-03-01", "2024-06", source=np.array([]), seed=1)  # type: ignore[arg-type]
    assert post.predict("2024-03-01", "2024-06", source="UK MoD", seed=1).values


def test_step_rates_beyond_the_last_date_names_the_horizon() -> None:
    # was OverflowError ("Python int too large to convert to C int", "date value out of
    # range") for a horizon past 9999-12-31
    post = mm.infer(
        mm.Ledger.from_rows(_TWO_REPORTS), "russia_fire_rate", seed=1, samples=16, warmup=16
    )
    for days in (10**400, 3_000_000):  # 3,000,000 days from 2024 is past the year 9999
        with pytest.raises(ValueError, match="horizon_days"):
            post.step_rates("2024-05-01", days, np.arange(2), seed=1)


def test_check_consistency_with_container_none_uses_the_default() -> None:
    # was AttributeError ("'NoneType' object has no attribute 'name'") writing the report:
    # the check used 20ft for None, the report the argument as given
    report = mm.check_consistency(_CHECKED, container=None, samples=64, seed=1)  # type: ignore[arg-type]
    assert report.container == "20ft"


@pytest.mark.parametrize(
    ("parts", "gap"),
    [
        ([dist.point(1e-20), dist.uniform(1.0, 2.0)], (1e-20, 1.0)),
        ([dist.uniform(0.0, 1.0), dist.uniform(2.0, 3.0)], (1.0, 2.0)),
        ([dist.empirical([1.0, 2.0, 3.0]), dist.uniform(10.0, 11.0)], (3.0, 10.0)),
    ],
)
def test_mixture_draws_never_fall_in_a_gap_of_its_support(
    parts: list[dist.Distribution], gap: tuple[float, float]
) -> None:
    # was: about 7 draws in 10^5 (14 of 200,000 for the two uniforms) lay in the gap, where
    # there is no mass: the sampling table interpolated across the jump of the quantile
    # function (and its node at the jump lay in the gap, within its score tolerance)
    m = dist.mixture(parts)
    draws = m.sample(400_000, seed=2)
    assert not np.any((draws > gap[0]) & (draws < gap[1]))
    assert _within(float(np.mean(draws <= gap[0])), 0.5, draws.size)  # half the weight below
