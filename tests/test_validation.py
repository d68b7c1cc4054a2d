"""One place for checks (``munitions_model._validation``) and seeds that reproduce their run.

Regression tests for issue 12 (drifted checks) and issue 13's seed findings: each failed
before the checks and seed records moved to ``_validation``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import munitions_model as mm
from munitions_model import _validation
from munitions_model._validation import SeedRecord

PACKAGE = Path(mm.__file__).parent
STOCK = mm.lognormal(9e5, 1.6e6)
RATE = mm.lognormal(8e3, 2.5e4)


def _duration(seed: object, samples: int = 2_000) -> mm.Estimate:
    return mm.estimate_duration(
        stock=STOCK,
        burn_rate=RATE,
        method="mc",
        samples=samples,
        seed=seed,  # type: ignore[arg-type]
    )


class TestSeedRecords:
    def test_spawned_sequence_reproduces_the_child(self) -> None:
        # 0.1 recorded the parent's entropy (5), which reproduces the parent, not the child.
        child = np.random.SeedSequence(5).spawn(3)[2]
        est = _duration(child)
        assert est.seed == SeedRecord(entropy=5, spawn_key=(2,))
        np.testing.assert_array_equal(_duration(est.seed).draws, est.draws)
        assert not np.array_equal(_duration(5).draws, est.draws)

    def test_list_entropy_is_recorded(self) -> None:
        # 0.1 recorded no seed at all for a sequence seeded with a list.
        est = _duration(np.random.SeedSequence([1, 2, 3]))
        assert est.seed.entropy == (1, 2, 3)
        np.testing.assert_array_equal(_duration(est.seed).draws, est.draws)

    def test_generator_is_recorded_by_the_sequence_drawn_from_it(self) -> None:
        rng = np.random.default_rng(11)
        est = _duration(rng)
        words = np.random.default_rng(11).integers(0, 2**63, size=4)
        assert est.seed == SeedRecord(entropy=tuple(int(w) for w in words))
        np.testing.assert_array_equal(_duration(est.seed).draws, est.draws)

    def test_integer_seed_draws_what_default_rng_draws(self) -> None:
        record = _validation.seed_record(7)
        assert str(record) == "7"
        a = _validation.generator(record).standard_normal(5)
        np.testing.assert_array_equal(a, np.random.default_rng(7).standard_normal(5))

    def test_fresh_entropy_is_recorded(self) -> None:
        est = _duration(None)
        np.testing.assert_array_equal(_duration(est.seed).draws, est.draws)

    def test_record_survives_json(self) -> None:
        est = _duration(np.random.SeedSequence(9).spawn(2)[1])
        data = est.to_dict()
        assert data["seed"] == {"entropy": 9, "spawn_key": [1], "pool_size": 4}
        again = _duration(SeedRecord.model_validate(data["seed"]))
        np.testing.assert_array_equal(again.draws, est.draws)

    def test_plain_integer_validates_as_a_record(self) -> None:
        assert SeedRecord.model_validate(3) == SeedRecord(entropy=3)
        assert SeedRecord.model_validate([1, 2]) == SeedRecord(entropy=(1, 2))
        assert str(SeedRecord(entropy=1, spawn_key=(4,))) == "SeedSequence(1, spawn_key=(4,))"

    def test_chunked_draws_reproduce_from_a_spawned_record(self) -> None:
        child = np.random.SeedSequence(21).spawn(2)[1]
        est = mm.estimate_duration(
            stock=STOCK, burn_rate=RATE, method="mc", samples=5_000, seed=child, chunk=1_000
        )
        again = mm.estimate_duration(
            stock=STOCK, burn_rate=RATE, method="mc", samples=5_000, seed=est.seed, chunk=1_000
        )
        np.testing.assert_array_equal(again.draws, est.draws)

    @pytest.mark.parametrize("bad", [-1, 1.5, "1", True, [1, 2]])
    def test_bad_seed_names_the_argument(self, bad: object) -> None:
        with pytest.raises(ValueError, match=r"seed must be a non-negative integer"):
            _duration(bad)

    @pytest.mark.parametrize(
        "bad", [{"entropy": -1}, {"entropy": ()}, {"entropy": 1, "pool_size": 0}]
    )
    def test_bad_record(self, bad: dict[str, Any]) -> None:
        with pytest.raises(ValueError, match="seed"):
            SeedRecord.model_validate(bad)


def _every_result_records_its_seed() -> list[tuple[str, Callable[[object], Any]]]:
    duration = {"stock_rounds": STOCK, "rounds_per_day": RATE}
    return [
        ("estimate", lambda s: mm.estimate(mm.duration_days, duration, samples=500, seed=s)),
        (
            "sobol",
            lambda s: mm.sensitivity.sobol(
                mm.duration_days, duration, samples=2**7, seed=s, resamples=10
            ),
        ),
        (
            "hedge_sensitivity",
            lambda s: mm.sensitivity.hedge_sensitivity(
                mm.implied_rounds_per_day,
                {"stock_rounds": "more than one million rounds", "duration_days": 60.0},
                models=3,
                samples=256,
                seed=s,
            ),
        ),
        (
            "sweep",
            lambda s: mm.sensitivity.sweep(
                mm.duration_days,
                {"stock_rounds": [1e6, 2e6]},
                {"rounds_per_day": RATE},
                samples=200,
                seed=s,
            ),
        ),
        (
            "project_stock",
            lambda s: mm.project_stock(
                STOCK, RATE, start="2023-08-01", horizon_days=30, samples=200, seed=s
            ),
        ),
        (
            "check_consistency",
            lambda s: mm.check_consistency(
                ["more than 1,000 containers", "more than one million rounds"],
                samples=2_000,
                seed=s,
            ),
        ),
        ("rounds_per_container", lambda s: mm.rounds_per_container("152mm", samples=500, seed=s)),
    ]


@pytest.mark.parametrize(
    ("name", "run"), _every_result_records_its_seed(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_generator_seed_recorded_and_reproduced(name: str, run: Callable[[object], Any]) -> None:
    # check_consistency(seed=Generator) used to run every estimate and then fail with a
    # pydantic ValidationError; now every result records a SeedRecord that reproduces it.
    first = run(np.random.default_rng(1))
    assert isinstance(first.seed, SeedRecord)
    again = run(first.seed)
    if name in ("estimate", "rounds_per_container"):
        np.testing.assert_array_equal(again.draws, first.draws)
    elif name == "project_stock":
        assert again == first
    else:
        assert again.model_dump() == first.model_dump()


class TestSampleCounts:
    @pytest.mark.parametrize("bad", [True, False, 0, -3, 2.0, "10", None])
    @pytest.mark.parametrize(
        "call",
        [
            lambda n: mm.sensitivity.sweep(
                mm.duration_days, {"stock_rounds": [1e6]}, {"rounds_per_day": RATE}, samples=n
            ),
            lambda n: _duration(1, samples=n),
            lambda n: STOCK.sample(n, seed=1),
            lambda n: mm.project_stock(1e6, 1e4, start="2023-08-01", horizon_days=5, samples=n),
            lambda n: mm.check_consistency(
                ["more than 1,000 containers", "more than one million rounds"], samples=n
            ),
        ],
        ids=["sweep", "estimate", "sample", "project_stock", "check_consistency"],
    )
    def test_refused_everywhere_alike(self, call: Callable[[object], Any], bad: object) -> None:
        # sweep(samples=True) used to run with one draw.
        with pytest.raises(ValueError, match=r"samples must be a positive integer, got "):
            call(bad)


class TestChecks:
    def test_positive_int(self) -> None:
        assert _validation.positive_int(np.int64(3), "chunk") == 3
        with pytest.raises(ValueError, match=r"chunk must be a positive integer, got True"):
            _validation.positive_int(True, "chunk")
        with pytest.raises(ValueError, match=r"models must be an integer of at least 2, got 1"):
            _validation.positive_int(1, "models", minimum=2)

    def test_workers(self) -> None:
        assert _validation.workers(-1, 4) == 4
        assert _validation.workers(-1, lambda: 3) == 3  # the cores, asked only for -1
        assert _validation.workers(2, lambda: 1 / 0) == 2
        with pytest.raises(ValueError, match=r"workers must be a positive integer or -1, got 0"):
            _validation.workers(0, 4)

    def test_probabilities_and_levels(self) -> None:
        assert _validation.quantile_probability(0.0) == 0.0
        with pytest.raises(ValueError, match=r"q must lie in \[0, 1\], got 1.5"):
            _validation.quantile_probability(1.5)
        with pytest.raises(ValueError, match=r"low must lie strictly between 0 and 1, got 0"):
            _validation.quantile_probability(0, "low", open_interval=True)
        with pytest.raises(ValueError, match=r"level must lie strictly between 0 and 1, got 1"):
            _validation.interval_level(1)
        with pytest.raises(ValueError, match=r"quantiles must be probabilities"):
            _validation.quantile_probabilities(())
        with pytest.raises(ValueError, match=r"quantiles must be a sequence"):
            _validation.quantile_probabilities(0.5)
        with pytest.raises(ValueError, match=r"q must be a number, got 'x'"):
            _validation.quantile_probability("x")

    def test_fractions(self) -> None:
        assert _validation.fraction(0.0, "dud_fraction") == 0.0
        with pytest.raises(ValueError, match=r"fill_fraction must lie in \(0, 1\], got 0.0"):
            _validation.fraction(0.0, "fill_fraction", zero=False)
        with pytest.raises(ValueError, match=r"dud_fraction must lie in \[0, 1\], got 1.5"):
            _validation.fraction_array([0.2, 1.5], "dud_fraction")

    def test_arrays(self) -> None:
        with pytest.raises(ValueError, match=r"stock_rounds must be finite and >= 0, got nan"):
            _validation.nonnegative_array([1.0, np.nan], "stock_rounds")
        with pytest.raises(ValueError, match=r"duration_days must be finite and > 0, got 0.0"):
            _validation.nonnegative_array([0.0], "duration_days", positive=True)

    def test_correlations(self) -> None:
        names = ["a", "b"]
        assert _validation.correlation_matrix(None, names) is None
        assert _validation.correlation_matrix(0.5, names).tolist() == [[1.0, 0.5], [0.5, 1.0]]
        with pytest.raises(ValueError, match=r"correlation must lie in \[-1, 1\], got 2"):
            _validation.correlation_matrix(2, names)
        with pytest.raises(ValueError, match=r"correlation names unknown input 'c'"):
            _validation.correlation_matrix({("a", "c"): 0.1}, names)
        with pytest.raises(ValueError, match=r"correlation matrix must be 2x2"):
            _validation.correlation_matrix([[1.0]], names)
        with pytest.raises(ValueError, match="not positive semi-definite"):
            _validation.correlation_matrix(-0.9, ["a", "b", "c"])


def test_seed_is_keyword_only_and_seedlike_everywhere() -> None:
    functions = [
        mm.estimate,
        mm.estimate_burn_rate,
        mm.estimate_duration,
        mm.estimate_stock,
        mm.rounds_per_container,
        mm.rounds_from_containers,
        mm.check_consistency,
        mm.project_stock,
        mm.seed_report,
        mm.distributions.lognormal(1, 2).sample,
        mm.sensitivity.sobol,
        mm.sensitivity.sweep,
        mm.sensitivity.hedge_sensitivity,
        mm.sensitivity.wording_sensitivity,
        mm.logistics.containers_for_rounds,
        mm.logistics.rounds_per_transfer,
        mm.logistics.transfer_cadence,
    ]
    for fn in functions:
        parameter = inspect.signature(fn).parameters["seed"]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, fn
        assert parameter.annotation == "SeedLike", fn
        for control in ("samples", "method", "correlation"):
            if control in inspect.signature(fn).parameters and fn.__name__ != "sample":
                kind = inspect.signature(fn).parameters[control].kind
                assert kind is inspect.Parameter.KEYWORD_ONLY, (fn, control)


def test_checks_are_not_copied() -> None:
    # Fresh entropy, seed checks and linear quantile interpolation each live in one place.
    sources = {p.name: p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py")}
    fresh = [name for name, text in sources.items() if "SeedSequence()" in text]
    assert fresh == ["_validation.py"]
    interpolating = [name for name, text in sources.items() if "(n - 1) * " in text]
    assert interpolating == ["_stats.py"]
    seed_messages = [
        name for name, text in sources.items() if "non-negative integer, SeedSequence" in text
    ]
    assert seed_messages == ["_validation.py"]


# -- models built without validation ---------------------------------------------------------


def _rebuilt(model: Any) -> Any:
    """The same model validated by pydantic from its field values."""
    cls = type(model)
    return cls(**{name: getattr(model, name) for name in cls.model_fields})


@pytest.mark.parametrize("seed", [0, 7, None, np.random.SeedSequence(3)])
def test_trusted_seed_records_equal_validated_ones(seed: object) -> None:
    record = _validation.seed_record(seed)
    again = _rebuilt(record)
    assert record == again
    assert repr(record) == repr(again)
    assert record.model_dump_json() == again.model_dump_json()
    assert hash(record) == hash(again)


@pytest.mark.parametrize("method", ["analytic", "mc"])
def test_trusted_estimates_equal_validated_ones(method: str) -> None:
    # A phrase read as a shifted distribution takes the Monte Carlo path; lognormals, the
    # exact one.
    stock = "more than one million rounds" if method == "mc" else mm.lognormal(9e5, 1.6e6)
    est = mm.estimate_duration(
        stock=stock, burn_rate=mm.lognormal(8e3, 2.5e4), samples=1_000, seed=1
    )
    assert est.method == method
    again = _rebuilt(est)
    assert repr(again) == repr(est)
    assert again.model_dump_json() == est.model_dump_json()
    for record in est.inputs:
        assert _rebuilt(record) == record
    # The private attributes start as pydantic's own: fresh containers, not shared ones.
    other = mm.estimate_duration(stock=mm.lognormal(9e5, 1.6e6), burn_rate=8e3, seed=2)
    assert est._cache is not other._cache
    assert est._known is not other._known
