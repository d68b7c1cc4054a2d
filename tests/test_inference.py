"""infer: reproducibility, agreement with a reference sampler, recovery of a known series."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from synthetic_reports import BIASES, synthetic

import munitions_model as mm
from munitions_model._reference import reference_draws
from munitions_model._validation import SeedRecord
from munitions_model.inference import Posterior, Priors, infer
from munitions_model.ledger import Ledger

FAST = {"samples": 400, "warmup": 200}
#: For tests of plumbing (seeds, shapes, errors), where no statistic is asserted.
TINY = {"samples": 100, "warmup": 50}


@pytest.fixture(scope="module")
def small() -> Ledger:
    ledger, _ = synthetic(3, months=12, reports=10)
    return ledger


@pytest.fixture(scope="module")
def tiny(small: Ledger) -> Posterior:
    """The plumbing tests' posterior (seed 1), made once."""
    return infer(small, "russia_fire_rate", seed=1, **TINY)


@pytest.fixture(scope="module")
def thousand(small: Ledger) -> Posterior:
    """1,000 draws after 300 of warm-up (seed 1), for the predictions' widths."""
    return infer(small, "russia_fire_rate", seed=1, samples=1000, warmup=300)


class TestSeeds:
    def test_same_seed_bit_identical(self, small: Ledger) -> None:
        a = infer(small, "russia_fire_rate", seed=7, **TINY)
        b = infer(small, "russia_fire_rate", seed=7, **TINY)
        assert np.array_equal(a.draws, b.draws)
        assert np.array_equal(a.bias_draws, b.bias_draws)
        assert a.seed == SeedRecord(entropy=7)

    def test_seed_forms(self, small: Ledger) -> None:
        by_int = infer(small, "russia_fire_rate", seed=5, **TINY)
        by_sequence = infer(small, "russia_fire_rate", seed=np.random.SeedSequence(5), **TINY)
        by_generator = infer(small, "russia_fire_rate", seed=np.random.default_rng(5), **TINY)
        assert np.array_equal(by_int.draws, by_sequence.draws)
        assert by_sequence.seed == SeedRecord(entropy=5)
        # a generator seeds a new sequence from four of its draws, which is recorded
        replay = infer(small, "russia_fire_rate", seed=by_generator.seed, **TINY)
        assert np.array_equal(by_generator.draws, replay.draws)
        fresh = infer(small, "russia_fire_rate", seed=None, **TINY)
        assert fresh.seed is not None
        again = infer(small, "russia_fire_rate", seed=fresh.seed, **TINY)
        assert np.array_equal(fresh.draws, again.draws)  # the recorded seed reproduces it

    def test_different_seeds_differ(self, small: Ledger, tiny: Posterior) -> None:
        b = infer(small, "russia_fire_rate", seed=2, **TINY)
        assert not np.array_equal(tiny.draws, b.draws)

    def test_predict_is_seeded(self, tiny: Posterior) -> None:
        post = tiny
        a = post.predict("2023-03-01", "2023-05-31", seed=3)
        b = post.predict("2023-03-01", "2023-05-31", seed=3)
        assert a == b


class TestBadInput:
    def test_unknown_subject(self, small: Ledger) -> None:
        with pytest.raises(ValueError, match="unknown subject 'nope'"):
            infer(small, "nope")

    def test_no_usable_report(self, small: Ledger) -> None:
        with pytest.raises(ValueError, match="no usable report about 'ukraine_fire_rate'"):
            infer(small, "ukraine_fire_rate")

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"samples": 0}, "samples must be a positive integer, got 0"),
            ({"samples": 2.5}, "samples must be a positive integer, got 2.5"),
            ({"warmup": -1}, "warmup must be an integer of at least 0, got -1"),
            ({"freq": "week"}, "freq must be one of"),
            ({"seed": -3}, "seed must be a non-negative integer"),
            ({"seed": "x"}, "seed must be a non-negative integer"),
        ],
    )
    def test_arguments(self, small: Ledger, kwargs: dict[str, object], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            infer(small, "russia_fire_rate", **kwargs)  # type: ignore[arg-type]

    def test_levels(self, tiny: Posterior) -> None:
        post = tiny
        with pytest.raises(ValueError, match="q must lie in"):
            post.quantile(1.5)
        with pytest.raises(ValueError, match="level must lie strictly between"):
            post.interval(1.0)
        with pytest.raises(ValueError, match="must not be before start"):
            post.predict("2023-05-01", "2023-04-01")


def _gibbs_and_reference(ledger: Ledger) -> tuple[Posterior, dict[str, np.ndarray]]:
    post = infer(ledger, "russia_fire_rate", seed=1, samples=3000, warmup=500)
    ref = reference_draws(post._p, post.priors, seed=2, chains=8, warmup=4000, samples=6000)
    return post, ref


@pytest.mark.long
def test_gibbs_agrees_with_random_walk_metropolis(small: Ledger) -> None:
    # Two samplers of the same posterior: the 5%, 50% and 95% quantiles of every month's
    # log rate, of the biases, the noises and the walk's step agree within Monte Carlo
    # error. Here each run's effective size is a few hundred, so a 5% quantile carries a
    # Monte Carlo error of about 0.1 posterior sd per sampler: medians must agree within
    # 0.2 sd, tails within 0.4 sd (0.7 sd for the scales). benchmarks/inference.py runs
    # both about 6x longer and finds every difference within 0.02 on the log scale
    # (posterior sd about 0.3).
    post, ref = _gibbs_and_reference(small)
    pairs = [  # what, Gibbs, reference, tolerance of the tails in sd
        ("log rate", np.log(post.rate_draws), ref["x"], 0.4),
        ("bias", np.log(post.bias_draws), ref["b"], 0.4),
        # scales have long right tails that both samplers explore slowly: looser
        ("noise", post.noise_draws, np.sqrt(ref["sig2"]), 0.7),
        ("step", post.tau_draws[:, None], np.sqrt(ref["tau2"])[:, None], 0.7),
    ]
    for name, a, b, tail in pairs:
        sd = b.std(axis=0)
        for q, tol in ((0.05, tail), (0.5, 0.2), (0.95, tail)):
            diff = (np.quantile(a, q, axis=0) - np.quantile(b, q, axis=0)) / sd
            assert np.max(np.abs(diff)) < tol, (name, q, diff)
    assert 0.5 < post.acceptance <= 1.0


@pytest.mark.long
def test_recovers_a_known_series_at_the_stated_rate() -> None:
    # Ten ledgers, each drawn from a known series (a random walk) with four sources whose
    # known biases are drawn from N(0, 0.3^2), the spread infer assumes: a source's bias is
    # only known relative to the others, so truths that always average zero would be
    # covered too often. Over 10 x 24 months the 90% bands must cover the truth about 90%
    # of the time. Months of one series are correlated (effective n ~ 60 rather than 240:
    # 3 binomial sd of 0.9 is then 0.12), hence the margins; likewise the 50% bands, and
    # the 90% intervals of the 40 biases (3 sd: 0.14).
    covered90, covered50, bias_hits = [], [], []
    for rep in range(10):
        rng = np.random.default_rng(500 + rep)
        biases = {f"Office {k}": float(b) for k, b in enumerate(rng.normal(0, 0.3, 4))}
        ledger, truth = synthetic(200 + rep, months=24, reports=36, biases=biases)
        post = infer(
            ledger,
            "russia_fire_rate",
            seed=rep,
            samples=600,
            warmup=300,
            start="2023-01-01",
            end="2024-12-31",
        )
        lo, hi = post.interval(0.9)
        covered90 += list((lo <= truth) & (truth <= hi))
        lo, hi = post.interval(0.5)
        covered50 += list((lo <= truth) & (truth <= hi))
        for k, name in enumerate(post.sources):
            lo_b, hi_b = np.quantile(np.log(post.bias_draws[:, k]), [0.05, 0.95])
            bias_hits.append(lo_b <= biases[name] <= hi_b)
    assert 0.80 <= np.mean(covered90) <= 0.98, np.mean(covered90)
    assert 0.35 <= np.mean(covered50) <= 0.65, np.mean(covered50)
    assert np.mean(bias_hits) >= 0.76, np.mean(bias_hits)


def test_recovers_a_known_series_quick() -> None:
    # The default run's version of the test above (which runs with -m long): four short
    # series, short chains. Its margins are wide (about 12 effective months per band), so
    # it catches a posterior that is off-centre or far too narrow or wide, not a
    # miscalibration of a few points; the long test checks the stated rate.
    covered90, covered50 = [], []
    for rep in range(4):
        rng = np.random.default_rng(700 + rep)
        biases = {f"Office {k}": float(b) for k, b in enumerate(rng.normal(0, 0.3, 4))}
        ledger, truth = synthetic(300 + rep, months=12, reports=24, biases=biases)
        post = infer(
            ledger,
            "russia_fire_rate",
            seed=rep,
            samples=300,
            warmup=200,
            start="2023-01-01",
            end="2023-12-31",
        )
        for level, hits in ((0.9, covered90), (0.5, covered50)):
            lo, hi = post.interval(level)
            hits += list((lo <= truth) & (truth <= hi))
    assert 0.70 <= np.mean(covered90) <= 1.0, np.mean(covered90)
    assert 0.20 <= np.mean(covered50) <= 0.80, np.mean(covered50)


def test_a_source_that_is_always_high_is_discounted() -> None:
    ledger, truth = synthetic(11, months=18, reports=40)
    post = infer(
        ledger,
        "russia_fire_rate",
        seed=1,
        samples=600,
        warmup=300,
        start="2023-01-01",
        end="2024-06-30",
    )
    high = post.sources.index("High Office")
    assert np.median(post.bias_draws[:, high]) > 1.2  # its true factor is exp(0.4) = 1.49
    # The posterior median is closer to the truth than the plain mean of what was said.
    said = np.array([r.reading.median for r in ledger.reports])
    naive = np.exp(np.mean(np.log(said)))
    assert np.mean(np.abs(np.log(post.median / truth))) < np.mean(np.abs(np.log(naive / truth)))


class TestResult:
    def test_shapes_and_summaries(self, small: Ledger) -> None:
        post = infer(small, "russia_fire_rate", seed=1, **FAST)
        n = len(post.periods)
        assert post.draws.shape == (400, n)
        first = min(r.period_start for r in small.reports if r.period_start is not None)
        assert post.periods[0].start == first.replace(day=1)  # the month of the first report
        lo, hi = post.interval(0.9)
        lo50, hi50 = post.interval(0.5)
        assert np.all((lo <= lo50) & (lo50 <= post.median) & (post.median <= hi50) & (hi50 <= hi))
        frame = post.to_frame()
        assert list(frame.columns)[:3] == ["period_start", "period_end", "mean"]
        assert len(frame) == n
        assert {r["source"] for r in post.source_rows()} == set(BIASES)
        assert not post.draws.flags.writeable
        assert "russia_fire_rate" in repr(post)

    def test_predict_a_new_source_is_wider_than_a_known_one(self, thousand: Posterior) -> None:
        post = thousand
        known = post.predict("2023-05-01", "2023-05-31", source="Plain Office", seed=1)
        new = post.predict("2023-05-01", "2023-05-31", seed=1)
        width = [np.log(d.interval(0.9)[1] / d.interval(0.9)[0]) for d in (known, new)]
        assert width[1] > width[0]
        assert new.unit == "rounds/day"

    def test_predict_beyond_the_fit_widens_with_distance(self, thousand: Posterior) -> None:
        post = thousand
        last = post.periods[-1]
        inside = post.period_draws(last.start, last.end, seed=1)
        later = post.period_draws("2025-06-01", "2025-06-30", seed=1)
        earlier = post.period_draws("2021-06-01", "2021-06-30", seed=1)
        sd = [np.std(np.log(d)) for d in (inside, later, earlier)]
        assert sd[1] > 1.5 * sd[0]
        assert sd[2] > 1.5 * sd[0]

    def test_quarterly_steps(self, small: Ledger) -> None:
        post = infer(small, "russia_fire_rate", seed=1, freq="quarter", **TINY)
        assert [p.start.month for p in post.periods[:4]] == [1, 4, 7, 10]

    def test_reports_without_a_place_in_time_are_skipped_and_said(self) -> None:
        ledger = Ledger.from_rows(
            [
                {
                    "phrase": "about 10,000 rounds a day",
                    "subject": "russia_fire_rate",
                    "reported_on": "2024-03-01",
                    "who": "A",
                },
                {"phrase": "about 20,000 rounds a day", "subject": "russia_fire_rate", "who": "B"},
                {
                    "phrase": "about 20,000 rounds a day",
                    "subject": "russia_fire_rate",
                    "reported_on": "2024-03-01",
                    "who": "B",
                    "status": "plan",
                },
            ]
        )
        post = infer(ledger, "russia_fire_rate", seed=1, **TINY)
        assert [r.row for r in post.used] == [1]
        reasons = dict(post.skipped)
        assert "no period" in reasons[2]
        assert "status is 'plan'" in reasons[3]


def test_a_cumulative_total_never_decreases() -> None:
    ledger = Ledger.from_rows(
        [
            {
                "phrase": "more than one million artillery rounds",
                "subject": "nk_to_russia_rounds",
                "reported_on": "2023-11-01",
                "who": "ROK NIS",
            },
            {
                "phrase": "about 3 million shells",
                "subject": "nk_to_russia_rounds",
                "reported_on": "2024-06-01",
                "who": "HUR",
            },
            {
                "phrase": "around 3 million a year",
                "subject": "nk_to_russia_rounds",
                "period_start": "2024",
                "period_end": "2024",
                "reported_on": "2024-10",
                "who": "X",
            },
        ]
    )
    post = infer(ledger, "nk_to_russia_rounds", seed=1, **TINY)
    assert post.periods[0].start == dt.date(2023, 8, 1)  # the subject's origin
    assert np.all(np.diff(post.draws, axis=1) >= 0)
    # a window's amount is the difference of the totals at its ends
    total = post.period_draws(None, "2024-05-31", seed=1)
    head = post.period_draws(None, "2023-12-31", seed=1)
    tail = post.period_draws("2024-01-01", "2024-05-31", seed=1)
    assert np.allclose(total, head + tail)
    # the total at a month's end is the posterior's value for that month
    m = [p.end for p in post.periods].index(dt.date(2024, 5, 31))
    assert np.allclose(total, post.draws[:, m])


def test_bundled_fire_rate_runs() -> None:
    post = infer(mm.bundled_ledger(), "russia_fire_rate", seed=1, **TINY)
    assert post.periods[0].start == dt.date(2022, 1, 1)
    assert 5_000 < float(np.median(post.median)) < 60_000
    assert post.priors == Priors()
