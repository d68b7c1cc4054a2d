"""Capacity physics, containers to rounds, transfers: reference values, exact cases,
input types, properties and bad input."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from budgets import examples
from hypothesis import given, settings
from hypothesis import strategies as st

import munitions_model as mm
from munitions_model.cli import main
from munitions_model.strategies import (
    CarrierDraw,
    RoundDraw,
    carriers,
    container_counts,
    fill_fractions,
    mix_shares,
    nested_rounds,
    rounds,
)

N = 20_000  # draws per estimate: quantiles to well under one round per container
SEED = 20231101
MONTH = 30.4375
# Each of the five properties reaches all its arcs by its 25th ci example (budgets.py).
PROPERTIES = settings(max_examples=examples(200, ci=50), deadline=None)
ESTIMATES = settings(max_examples=12, deadline=None)  # each example runs estimates


@pytest.fixture(scope="module")
def per_container_152() -> mm.Estimate:
    return mm.rounds_per_container("152mm", "20ft", samples=N, seed=SEED)


@pytest.fixture(scope="module")
def readings() -> dict[str, mm.Estimate]:
    """What a full 20 ft container holds of 152 mm under each packing."""
    return {
        p: mm.rounds_per_container("152mm", "20ft", packing=p, samples=N, seed=SEED)
        for p in ("complete", "separate", "projectile")
    }


class TestReferenceValues:
    def test_152mm_in_a_20ft_container_is_in_the_hundreds(
        self, per_container_152: mm.Estimate
    ) -> None:
        assert per_container_152.unit == "rounds/container"
        assert 100 <= per_container_152.median < 1000

    def test_agrees_with_estonian_officials(self, per_container_152: mm.Estimate) -> None:
        # ISW citing Estonian officials (Oct 2023): a container could hold 300 to 500
        # shells. Our 90% interval must overlap that range.
        low, high = per_container_152.interval(0.9)
        assert low <= 500
        assert high >= 300

    def test_makes_shins_conversion_plausible(self, per_container_152: mm.Estimate) -> None:
        # Shin Won-sik (Dec 2023): about 5,000 containers, more than two million 152 mm
        # rounds, i.e. 2,000,000 / 5,000 = 400 or more per container. 400 must lie inside
        # our 90% interval, not beyond it.
        low, high = per_container_152.interval(0.9)
        assert low <= 400 <= high
        assert per_container_152.prob_above(400) > 0.05  # outside the 90% band otherwise

    def test_shin_through_the_consistency_check(self) -> None:
        report = mm.check_consistency(
            ["about 5000 containers", "more than two million 152 mm rounds"],
            samples=N,
            seed=SEED,
        )
        assert report.findings[0].verdict != "inconsistent"

    def test_face_value_of_the_rated_payload(self) -> None:
        # 28,180 kg (iso-20ft rated payload) / 70 kg per crated round = 402.57 -> 402.
        assert float(mm.logistics.payload_limited_rounds(28_180, 70.0)) == 402.0

    def test_rocket_is_volume_and_length_limited_not_weight_limited(self) -> None:
        base = mm.catalogue.carrier("20ft")
        assert base.payload_kg is not None
        heavy_duty = base.model_copy(
            update={
                "name": "20ft-x10",
                "payload_kg": mm.catalogue.Parameter(
                    unit="kg",
                    basis="assumption",
                    why="ten times the payload",
                    distribution=mm.distributions.uniform(217_500.0, 281_800.0),
                ),
            }
        )
        for munition, payload_binds in (("122mm-rocket", False), ("152mm", True)):
            normal = mm.rounds_per_container(munition, base, samples=N, seed=SEED)
            loose = mm.rounds_per_container(munition, heavy_duty, samples=N, seed=SEED)
            # Same seed, same input order: only the payload draws differ (scaled by ten).
            assert (loose.median > normal.median) is payload_binds, munition
        # One crated rocket length (2.95-3.2 m) fits in 5.89 m; two fit in 6.5 m.
        longer = base.model_copy(
            update={
                "name": "20ft-long",
                "length_m": mm.catalogue.Parameter(
                    unit="m", basis="assumption", why="test", value=6.5
                ),
            }
        )
        short = mm.rounds_per_container("122mm-rocket", base, samples=N, seed=SEED)
        long = mm.rounds_per_container("122mm-rocket", longer, samples=N, seed=SEED)
        assert long.median > 1.5 * short.median

    def test_rocket_limits_by_carrier(self) -> None:
        # With ten times the payload, only carriers where the payload binds hold more. A
        # 20 ft container takes one tier of crates and runs out of space; a 40 ft container
        # (three tiers) runs out of payload in about half the draws; a rail car loaded as
        # observed (about 27 t) runs out of payload in nearly all of them.
        share_payload_binds = {}
        for name in ("20ft", "40ft", "rail_car"):
            base = mm.catalogue.carrier(name)
            assert base.payload_kg is not None
            payload = base.payload_kg.distribution
            assert payload is not None
            low, high = payload.support
            heavy_duty = base.model_copy(
                update={
                    "name": f"{name}-x10",
                    "payload_kg": mm.catalogue.Parameter(
                        unit="kg",
                        basis="assumption",
                        why="ten times the payload",
                        distribution=mm.distributions.uniform(10 * low, 10 * high),
                    ),
                }
            )
            normal = mm.rounds_per_container("122mm-rocket", base, samples=N, seed=SEED)
            loose = mm.rounds_per_container("122mm-rocket", heavy_duty, samples=N, seed=SEED)
            share_payload_binds[name] = float(np.mean(loose.draws > normal.draws))
        assert share_payload_binds["20ft"] == 0.0
        assert 0.3 < share_payload_binds["40ft"] < 0.8
        assert share_payload_binds["rail_car"] > 0.9

    def test_smaller_calibre_fits_more(self, per_container_152: mm.Estimate) -> None:
        per_122 = mm.rounds_per_container("122mm", "20ft", samples=N, seed=SEED)
        assert per_122.median > per_container_152.median

    def test_flatcar_is_two_containers(self, per_container_152: mm.Estimate) -> None:
        # The 13-6724's 46 ft loading length takes two 20 ft containers.
        flatcar = mm.rounds_per_container("152mm", "flatcar", samples=N, seed=SEED)
        assert flatcar.median == pytest.approx(2 * per_container_152.median, rel=0.02)

    def test_seed_containers_in_rounds(self) -> None:
        # "More than 1,000 containers" (Kirby, Oct 2023) of 152 mm: the ROK defence
        # ministry called them "equivalent to hundreds of thousands of rounds".
        est = mm.rounds_from_containers("more than 1,000 containers", samples=N, seed=SEED)
        assert est.unit == "rounds"
        assert 100_000 <= est.median < 1_000_000


class TestExactCases:
    def test_payload_allows_ten_volume_seven_holds_seven(self) -> None:
        # 100 kg / 10 kg = 10 rounds by payload; 7 m3 / 1 m3 = 7 by volume.
        assert float(mm.logistics.payload_limited_rounds(100.0, 10.0)) == 10.0
        assert float(mm.logistics.volume_limited_rounds(7.0, 1.0)) == 7.0
        assert float(mm.logistics.carrier_capacity_rounds(100.0, 10.0, 7.0, 1.0)) == 7.0

    def test_volume_allows_more_payload_binds(self) -> None:
        # 50 kg / 10 kg = 5 by payload; 20 m3 x 0.5 / 1 m3 = 10 by volume.
        assert float(mm.logistics.carrier_capacity_rounds(50.0, 10.0, 20.0, 1.0, 0.5)) == 5.0

    def test_whole_rounds_only(self) -> None:
        assert float(mm.logistics.payload_limited_rounds(109.9, 10.0)) == 10.0
        assert float(mm.logistics.volume_limited_rounds(7.99, 1.0)) == 7.0

    def test_rounding_noise_does_not_lose_a_round(self) -> None:
        # 0.3 / 0.1 is 2.9999999999999996 in floating point; it is three rounds.
        assert float(mm.logistics.payload_limited_rounds(0.3, 0.1)) == 3.0

    def test_length_fill(self) -> None:
        # 5.89 m holds one 3 m item: 3 / 5.89 of the length is used.
        assert float(mm.logistics.length_fill_fraction(5.89, 3.0)) == pytest.approx(3.0 / 5.89)
        assert float(mm.logistics.length_fill_fraction(6.0, 3.0)) == 1.0  # two fit exactly
        assert float(mm.logistics.length_fill_fraction(2.0, 3.0)) == 0.0  # does not fit
        assert float(mm.logistics.length_fill_fraction(5.89, 0.0)) == 1.0  # a short item

    def test_long_item(self) -> None:
        # 10 m3 x 1 x (3/6.5 of the length... two 3 m items fit in 6.5 m: 6/6.5) / 0.1 m3.
        got = float(mm.logistics.carrier_capacity_rounds(1e6, 1.0, 10.0, 0.1, 1.0, 6.5, 3.0))
        assert got == math.floor(10.0 * (6.0 / 6.5) / 0.1)

    def test_mix_is_an_average_round(self) -> None:
        # Half 10 kg, half 30 kg rounds average 20 kg: 200 kg holds 10 of them.
        got = mm.logistics.mixed_capacity_rounds([0.5, 0.5], 200.0, [10.0, 30.0], 100.0, [1.0, 1.0])
        assert float(got) == 10.0

    def test_mix_of_dense_and_bulky_can_beat_both(self) -> None:
        # Documented behaviour: A is 10 kg and 0.1 m3, B is 1 kg and 1 m3; a 100 kg,
        # 10 m3 carrier holds 10 of either alone, but 18 of a half-and-half mix
        # (5.5 kg and 0.55 m3 on average: floor(100 / 5.5) = floor(10 / 0.55) = 18).
        mass, volume = [10.0, 1.0], [0.1, 1.0]
        pure = [
            float(mm.logistics.carrier_capacity_rounds(100.0, m, 10.0, v))
            for m, v in zip(mass, volume, strict=True)
        ]
        assert pure == [10.0, 10.0]
        assert (
            float(mm.logistics.mixed_capacity_rounds([0.5, 0.5], 100.0, mass, 10.0, volume)) == 18.0
        )

    def test_a_munition_that_does_not_fit_sinks_the_mix(self) -> None:
        got = mm.logistics.mixed_capacity_rounds(
            [0.5, 0.5], 100.0, [1.0, 1.0], 10.0, [0.1, 0.1], length_fill=[1.0, 0.0]
        )
        assert float(got) == 0.0
        # ...but not when its share is zero.
        got = mm.logistics.mixed_capacity_rounds(
            [1.0, 0.0], 100.0, [1.0, 1.0], 10.0, [0.1, 0.1], length_fill=[1.0, 0.0]
        )
        assert float(got) == 100.0

    def test_containers_and_transfers(self) -> None:
        assert float(mm.logistics.rounds_in_containers(1000, 400, 0.5)) == 200_000.0
        assert float(mm.logistics.rounds_from_transfers(10, 100_000)) == 1_000_000.0
        assert float(mm.logistics.implied_rounds_per_transfer(1_000_000, 10)) == 100_000.0
        # 10 transfers from 1 August to 1 November (92 days): 10 / 92 x 30.4375 a month.
        assert float(mm.logistics.transfers_per_month(10, 92)) == pytest.approx(10 / 92 * MONTH)


class TestInputTypes:
    @pytest.mark.parametrize(
        "payload", [100, 100.0, [100.0, 200.0], np.array([100.0, 200.0]), np.float32(100)]
    )
    def test_scalars_lists_arrays(self, payload: object) -> None:
        out = mm.logistics.payload_limited_rounds(payload, 10.0)  # type: ignore[arg-type]
        assert isinstance(out, np.ndarray)
        assert out.dtype == np.float64
        np.testing.assert_array_equal(out, np.asarray(payload, dtype=float) // 10)

    def test_broadcasts(self) -> None:
        payload = np.array([[100.0], [200.0]])
        mass = np.array([10.0, 20.0, 40.0])
        out = mm.logistics.carrier_capacity_rounds(payload, mass, 1e3, 1.0)
        assert out.shape == (2, 3)
        np.testing.assert_array_equal(out, np.floor(payload / mass))

    def test_mix_broadcasts_over_draws(self) -> None:
        mass = np.array([[10.0, 20.0], [30.0, 30.0]])  # 2 munitions x 2 draws
        out = mm.logistics.mixed_capacity_rounds([0.5, 0.5], 200.0, mass, 100.0, np.ones((2, 2)))
        np.testing.assert_array_equal(out, [10.0, 8.0])  # 200/20, 200/25

    def test_containers_input_kinds(self) -> None:
        # A number, a phrase, a claim and a distribution all fill the containers slot.
        for containers in (
            1000,
            "about 1,000 containers",
            mm.parse_claim("about 1,000 containers"),
            mm.lognormal(800, 1200),
        ):
            est = mm.rounds_from_containers(containers, samples=2_000, seed=1)
            assert 100_000 < est.median < 1_000_000


class TestEstimates:
    def test_rounds_scale_with_containers(self) -> None:
        # Same seed: the capacity draws are the same, so twice the containers is exactly
        # twice the rounds.
        one = mm.rounds_from_containers(1000, samples=N, seed=SEED)
        two = mm.rounds_from_containers(2000, samples=N, seed=SEED)
        assert two.median == pytest.approx(2 * one.median, rel=1e-12)

    def test_fill_fraction(self) -> None:
        full = mm.rounds_from_containers(1000, samples=N, seed=SEED)
        half = mm.rounds_from_containers(1000, fill_fraction=0.5, samples=N, seed=SEED)
        assert half.median == pytest.approx(full.median / 2, rel=1e-12)
        unsure = mm.rounds_from_containers(
            1000, fill_fraction=mm.distributions.uniform(0.5, 1.0), samples=N, seed=SEED
        )
        assert half.median < unsure.median < full.median

    def test_mixed_load_between_pure(self, per_container_152: mm.Estimate) -> None:
        per_122 = mm.rounds_per_container("122mm", "20ft", samples=N, seed=SEED)
        mixed = mm.rounds_per_container(
            "152mm", mix={"152mm": 0.7, "122mm": 0.3}, samples=N, seed=SEED
        )
        assert per_container_152.median < mixed.median < per_122.median

    def test_containers_for_rounds_inverts(self, per_container_152: mm.Estimate) -> None:
        # 1,000,000 rounds / (rounds per full container); the median of 1/x is 1/median.
        needed = mm.logistics.containers_for_rounds(1_000_000, samples=N, seed=SEED)
        assert needed.unit == "containers"
        assert needed.median == pytest.approx(1e6 / per_container_152.median, rel=0.01)

    def test_reproducible_and_recorded(self) -> None:
        a = mm.rounds_per_container("122mm-rocket", samples=5_000, seed=7)
        b = mm.rounds_per_container("122mm-rocket", samples=5_000, seed=7)
        np.testing.assert_array_equal(a.samples, b.samples)
        data = a.to_dict()
        assert data["function"] == "rounds_per_container"
        names = [i["name"] for i in data["inputs"]]
        assert "payload_kg" in names
        assert "122mm-rocket.crate.packed_length_m" in names
        assert "122mm-rocket.crate.cross_section_m2" in names
        assert "packing" not in names  # one packing: nothing to draw

    def test_rounds_per_transfer(self) -> None:
        # NIS: more than one million rounds in at least 10 transfers; at face value
        # 1,000,000 / 10 = 100,000 a transfer.
        est = mm.logistics.rounds_per_transfer(
            "more than one million artillery rounds",
            "at least 10 arms transfers",
            samples=N,
            seed=SEED,
        )
        assert est.unit == "rounds/transfer"
        low, high = est.interval(0.9)
        assert low < 100_000 < high

    def test_transfer_cadence(self) -> None:
        # Exactly 10 transfers since some day in August 2023, reported on 1 November:
        # between 62 and 92 days, so 10 x 30.4375 / 92 to 10 x 30.4375 / 62 a month, with
        # the median at the median elapsed time, 77 days.
        est = mm.logistics.transfer_cadence(10, "2023-08", "2023-11-01", samples=N, seed=SEED)
        assert est.unit == "transfers/month"
        assert est.quantile(0.0) >= 10 * MONTH / 92 - 1e-9
        assert est.quantile(1.0) <= 10 * MONTH / 62 + 1e-9
        assert est.median == pytest.approx(10 * MONTH / 77, rel=5e-3)
        worded = mm.logistics.transfer_cadence(
            "at least 10 arms transfers to Russia since August", "2023-08", "2023-11-01", seed=1
        )
        assert worded.median > est.median  # "at least" only adds

    def test_elapsed_days(self) -> None:
        d = mm.logistics.elapsed_days("2023-08", "2023-11-01")
        assert d.support == (62.0, 92.0)  # 31 Aug and 1 Aug to 1 Nov
        assert d.unit == "days"
        assert mm.logistics.elapsed_days("2023-08-01", "2023-11-01").support == (92.0, 92.0)


class TestBadInput:
    def test_negative_containers(self) -> None:
        with pytest.raises(ValueError, match="containers cannot be negative"):
            mm.rounds_from_containers(-5, samples=100, seed=1)
        with pytest.raises(ValueError, match=r"containers must be finite and >= 0, got -5.0"):
            mm.logistics.rounds_in_containers(-5, 400)

    @pytest.mark.parametrize("fill", [0.0, -0.1, 1.5])
    def test_fill_fraction_outside_unit_interval(self, fill: float) -> None:
        with pytest.raises(ValueError, match=r"fill_fraction must lie in \(0, 1\]"):
            mm.rounds_from_containers(1000, fill_fraction=fill, samples=100, seed=1)
        with pytest.raises(ValueError, match="fill_fraction must"):
            mm.logistics.rounds_in_containers(1000, 400, fill)

    @pytest.mark.parametrize(
        "fill",
        [
            mm.distributions.point(0.0),
            mm.distributions.uniform(-0.2, 0.8),
            mm.distributions.uniform(0.5, 1.2),
        ],
        ids=str,
    )
    def test_fill_fraction_distribution_outside(self, fill: mm.Distribution) -> None:
        with pytest.raises(ValueError, match=r"fill_fraction must lie in \(0, 1\], but"):
            mm.rounds_from_containers(1000, fill_fraction=fill, samples=100, seed=1)

    def test_unknown_munition_lists_known(self) -> None:
        with pytest.raises(
            ValueError, match=r"unknown munition '155mm'; known munitions: \['152mm'"
        ):
            mm.rounds_per_container("155mm")
        with pytest.raises(ValueError, match="unknown munition '155mm'"):
            mm.rounds_from_containers(1000, mix={"155mm": 1.0})

    def test_unknown_carrier_lists_known(self) -> None:
        with pytest.raises(ValueError, match=r"unknown carrier '30ft'; known carriers: \['20ft'"):
            mm.rounds_from_containers(1000, container="30ft")

    @pytest.mark.parametrize(
        ("mix", "message"),
        [
            ({"152mm": 0.7, "122mm": 0.2}, "mix shares must sum to 1"),
            ({"152mm": 1.5, "122mm": -0.5}, "mix share of '122mm' must be a finite number >= 0"),
            ({}, "mix must name at least one munition"),
        ],
    )
    def test_bad_mix(self, mix: dict[str, float], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            mm.rounds_per_container("152mm", mix=mix)

    def test_wrong_unit_in_the_containers_slot(self) -> None:
        with pytest.raises(ValueError, match="containers expects containers"):
            mm.rounds_from_containers("more than one million rounds")

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (
                lambda: mm.logistics.payload_limited_rounds(-1.0, 10.0),
                "payload_kg must be finite and >= 0",
            ),
            (
                lambda: mm.logistics.payload_limited_rounds(100.0, 0.0),
                "packed_mass_kg must be finite and > 0",
            ),
            (
                lambda: mm.logistics.payload_limited_rounds(np.nan, 10.0),
                "payload_kg must be finite",
            ),
            (
                lambda: mm.logistics.volume_limited_rounds(1.0, 0.1, 0.0),
                r"packing_efficiency must lie in \(0, 1\]",
            ),
            (
                lambda: mm.logistics.volume_limited_rounds(1.0, 0.1, 1.0, 1.2),
                r"length_fill must lie in \[0, 1\]",
            ),
            (
                lambda: mm.logistics.length_fill_fraction(0.0, 1.0),
                "length_m must be finite and > 0",
            ),
            (
                lambda: mm.logistics.carrier_capacity_rounds(1, 1, 1, 1, length_m=5.0),
                "give both length_m",
            ),
            (
                lambda: mm.logistics.mixed_capacity_rounds([0.5, 0.6], 1, [1, 1], 1, [1, 1]),
                "shares must sum to 1",
            ),
            (
                lambda: mm.logistics.mixed_capacity_rounds([0.5, 0.5], 1, [1, 1, 1], 1, [1, 1]),
                "one row per share",
            ),
            (
                lambda: mm.logistics.implied_rounds_per_transfer(1000, 0),
                "transfers must be finite and > 0",
            ),
            (
                lambda: mm.logistics.transfers_per_month(10, 0),
                "elapsed_days must be finite and > 0",
            ),
            (
                lambda: mm.logistics.elapsed_days("2023-11", "2023-11-15"),
                "must come after the whole of since",
            ),
            (lambda: mm.logistics.elapsed_days("August", "2023-11-01"), "since must be a date"),
        ],
    )
    def test_core_refuses(self, call: object, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            call()  # type: ignore[operator]

    def test_no_numpy_warnings_on_edge_cases(self) -> None:
        # pytest turns warnings into errors: zero payload, zero-length items and items
        # longer than the carrier must all pass quietly.
        assert float(mm.logistics.payload_limited_rounds(0.0, 10.0)) == 0.0
        assert (
            float(mm.logistics.carrier_capacity_rounds(10.0, 1.0, 10.0, 1.0, 1.0, 2.0, 3.0)) == 0.0
        )
        assert float(mm.logistics.containers_for_rounds(0, samples=100, seed=1).median) == 0.0


class TestProperties:
    @PROPERTIES
    @given(carriers(), rounds(), container_counts(), container_counts())
    def test_more_containers_never_fewer_rounds(
        self, carrier: CarrierDraw, item: RoundDraw, a: float, b: float
    ) -> None:
        per = mm.logistics.carrier_capacity_rounds(
            carrier.payload_kg,
            item.packed_mass_kg,
            carrier.volume_m3,
            item.packed_volume_m3,
            carrier.packing_efficiency,
        )
        few, many = sorted((a, b))
        assert mm.logistics.rounds_in_containers(few, per) <= mm.logistics.rounds_in_containers(
            many, per
        )

    @PROPERTIES
    @given(container_counts(), st.floats(0.0, 1e4), fill_fractions(), fill_fractions())
    def test_lower_fill_never_more(self, n: float, per: float, a: float, b: float) -> None:
        low, high = sorted((a, b))
        assert mm.logistics.rounds_in_containers(n, per, low) <= mm.logistics.rounds_in_containers(
            n, per, high
        )

    @PROPERTIES
    @given(carriers(), rounds(), st.floats(1.0, 100.0))
    def test_heavier_round_never_fits_more(
        self, carrier: CarrierDraw, item: RoundDraw, heavier: float
    ) -> None:
        def capacity(mass: float) -> float:
            return float(
                mm.logistics.carrier_capacity_rounds(
                    carrier.payload_kg,
                    mass,
                    carrier.volume_m3,
                    item.packed_volume_m3,
                    carrier.packing_efficiency,
                )
            )

        assert capacity(item.packed_mass_kg * heavier) <= capacity(item.packed_mass_kg)

    @PROPERTIES
    @given(carriers(), nested_rounds(), mix_shares())
    def test_mix_between_pure_calibres(
        self, carrier: CarrierDraw, pair: tuple[RoundDraw, RoundDraw], shares: list[float]
    ) -> None:
        # A larger calibre is heavier and bulkier; a mix of the two lies between them.
        pure = [
            float(
                mm.logistics.carrier_capacity_rounds(
                    carrier.payload_kg,
                    r.packed_mass_kg,
                    carrier.volume_m3,
                    r.packed_volume_m3,
                    carrier.packing_efficiency,
                )
            )
            for r in pair
        ]
        mixed = float(
            mm.logistics.mixed_capacity_rounds(
                shares,
                carrier.payload_kg,
                [r.packed_mass_kg for r in pair],
                carrier.volume_m3,
                [r.packed_volume_m3 for r in pair],
                carrier.packing_efficiency,
            )
        )
        assert min(pure) <= mixed <= max(pure)

    @PROPERTIES
    @given(carriers(), rounds())
    def test_a_pure_mix_is_the_pure_capacity(self, carrier: CarrierDraw, item: RoundDraw) -> None:
        other = RoundDraw(item.packed_mass_kg * 2, item.packed_volume_m3 * 3)
        args = (carrier.payload_kg, item.packed_mass_kg, carrier.volume_m3)
        pure = mm.logistics.carrier_capacity_rounds(
            *args, item.packed_volume_m3, carrier.packing_efficiency
        )
        mixed = mm.logistics.mixed_capacity_rounds(
            [1.0, 0.0],
            carrier.payload_kg,
            [item.packed_mass_kg, other.packed_mass_kg],
            carrier.volume_m3,
            [item.packed_volume_m3, other.packed_volume_m3],
            carrier.packing_efficiency,
        )
        assert float(mixed) == float(pure)

    @ESTIMATES
    @given(container_counts(), container_counts())
    def test_estimate_more_containers_never_fewer(self, a: float, b: float) -> None:
        few, many = sorted((a, b))
        lo = mm.rounds_from_containers(few, samples=2_000, seed=3)
        hi = mm.rounds_from_containers(many, samples=2_000, seed=3)
        for q in (0.05, 0.5, 0.95):
            assert lo.quantile(q) <= hi.quantile(q)

    @ESTIMATES
    @given(fill_fractions(), fill_fractions())
    def test_estimate_lower_fill_never_more(self, a: float, b: float) -> None:
        low, high = sorted((a, b))
        lo = mm.rounds_from_containers(1000, fill_fraction=low, samples=2_000, seed=3)
        hi = mm.rounds_from_containers(1000, fill_fraction=high, samples=2_000, seed=3)
        assert lo.median <= hi.median

    @ESTIMATES
    @given(st.floats(0.0, 40.0))
    def test_estimate_heavier_round_never_fits_more(self, extra_kg: float) -> None:
        base = mm.catalogue.munition("152mm")
        parts = dict(base.parts_kg)
        parts["projectile"] = mm.catalogue.Parameter(
            unit="kg", basis="assumption", why="heavier for the test", value=43.56 + extra_kg
        )
        heavier = base.model_copy(update={"parts_kg": parts})
        a = mm.rounds_per_container(base, samples=2_000, seed=3)
        b = mm.rounds_per_container(heavier, samples=2_000, seed=3)
        for q in (0.05, 0.5, 0.95):
            assert b.quantile(q) <= a.quantile(q)


class TestCommandLine:
    def test_capacity(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["capacity", "152mm", "--container", "20ft", "--samples", "2000"]) == 0
        assert "rounds_per_container: median" in capsys.readouterr().out

    def test_capacity_of_containers_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = [
            "capacity",
            "--containers",
            "more than 1,000 containers",
            "--mix",
            "152mm=0.7,122mm=0.3",
            "--samples",
            "2000",
            "--json",
        ]
        assert main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["unit"] == "rounds"
        assert data["function"] == "rounds_from_containers"

    def test_bad_mix(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["capacity", "--mix", "152mm=0.7,122mm=0.2"]) == 2
        assert "mix shares must sum to 1" in capsys.readouterr().err
        assert main(["capacity", "--mix", "152mm"]) == 2
        assert "--mix must read NAME=SHARE" in capsys.readouterr().err


class TestWhatIsCounted:
    """Packings: complete crated rounds, projectiles and charges packed apart, projectiles
    alone; the officials' and the open-source conversions against each reading."""

    def test_projectiles_alone_reproduce_the_south_korean_factor(
        self, readings: dict[str, mm.Estimate]
    ) -> None:
        # ROK DIA (23 Oct 2024): about 20,000 containers, about 9.4 million 152 mm rounds,
        # i.e. 470 a container; Shin (26 Feb 2024): 3,000,000 / 6,700 = 448; DIA (27 Aug
        # 2024): 6,000,000 / 13,000 = 462. Projectiles alone at the catalogue's payloads
        # cover them; complete crated rounds do not.
        low, high = readings["projectile"].interval(0.9)
        for rate in (448, 462, 470):
            assert low <= rate <= high
        assert readings["complete"].interval(0.9)[1] < 448

    def test_complete_rounds_reproduce_the_open_source_range(
        self, readings: dict[str, mm.Estimate]
    ) -> None:
        # Reuters with the Open Source Centre (15 Apr 2025): nearly 16,000 containers, 4 to
        # 6 million shells: 250 to 375 a container (4e6 / 16,000 and 6e6 / 16,000).
        assert readings["complete"].interval(0.9)[0] < 375
        assert readings["projectile"].interval(0.9)[0] > 375

    def test_rounds_with_their_charges_weigh_about_the_same_crated_or_apart(
        self, readings: dict[str, mm.Estimate]
    ) -> None:
        # Both carry the charge and its case; only the packing differs.
        assert readings["separate"].median == pytest.approx(readings["complete"].median, rel=0.1)

    def test_the_shipped_mixture_spans_the_readings(
        self, per_container_152: mm.Estimate, readings: dict[str, mm.Estimate]
    ) -> None:
        low, high = per_container_152.interval(0.9)
        assert readings["complete"].median > low
        assert readings["projectile"].median < high
        # Half the weight on projectiles alone: about half the draws above 440.
        share = float(np.mean(per_container_152.draws > 440))
        assert 0.35 < share < 0.65

    def test_packing_weights_are_an_argument(self) -> None:
        est = mm.rounds_per_container(
            "152mm", packing={"complete": 0.5, "projectile": 0.5}, samples=N, seed=SEED
        )
        names = [i.name for i in est.inputs]
        assert "packing" in names
        assert "152mm.charge.packaging_fraction" not in names  # 'separate' has no weight

    def test_rockets_fit_the_officials_conversions(self) -> None:
        # South Korean conversions of the same containers to 122 mm multiple-rocket rounds
        # (방사포탄): 200,000 / 2,000 = 100 (SBS, Nov 2023), 400,000 / 5,000 = 80 (Shin,
        # Dec 2023), 500,000 / 6,700 = 75 (Shin, Feb 2024). One tier of 3 m crates in a
        # 5.89 m container.
        est = mm.rounds_per_container("122mm-rocket", "20ft", samples=N, seed=SEED)
        low, high = est.interval(0.9)
        assert low <= 75
        assert high >= 100


class TestTonnesAndTrains:
    def test_c4ads_tonnage_is_projectiles(self) -> None:
        # The Washington Post with C4ADS (22 Jun 2024): more than 74,000 t ~ 1.6 million
        # shells, 46.25 kg a shell: the mass of a 43.56 kg projectile with light packing.
        bare = mm.logistics.rounds_from_tonnes(74_000, packing="projectile", samples=N, seed=SEED)
        crated = mm.logistics.rounds_from_tonnes(74_000, packing="complete", samples=N, seed=SEED)
        assert bare.unit == "rounds"
        assert bare.interval(0.9)[0] < 1.6e6 <= bare.interval(0.9)[1] * 1.01
        # As complete crated rounds of 62-80 kg the same tonnage is about a million.
        assert 0.9e6 < crated.median < 1.2e6

    def test_mass_per_round(self) -> None:
        bare = mm.logistics.mass_per_round(packing="projectile", samples=N, seed=SEED)
        # 43.56 kg x (1 + 0.04) to 43.56 kg x (1 + 0.25): the packing's support.
        assert bare.quantile(0.001) >= 43.56 * 1.04
        assert bare.quantile(0.999) <= 43.56 * 1.25
        assert bare.unit == "kg/round"

    def test_tonnes_phrase(self) -> None:
        claim = mm.Claim(value=74_000, qualifier="more_than", unit="tonnes")
        est = mm.logistics.rounds_from_tonnes(claim, samples=N, seed=SEED)
        assert est.median > mm.logistics.rounds_from_tonnes(74_000, samples=N, seed=SEED).median

    def test_a_tonnage_of_a_named_calibre_is_that_calibre(self) -> None:
        # Issue 8 wherever a munition is needed: "tonnes of 122mm shells" is 122 mm, not the
        # 152 mm default; 122 mm rounds are about half the mass, so about twice as many.
        named = mm.logistics.rounds_from_tonnes(
            "74,000 tonnes of 122mm shells", samples=N, seed=SEED
        )
        given = mm.logistics.rounds_from_tonnes(74_000, "122mm", samples=N, seed=SEED)
        assert named.median == pytest.approx(given.median)
        # What the mass is of, without a calibre, names no munition: 152 mm by default.
        shells = mm.logistics.rounds_from_tonnes("74,000 tonnes of shells", samples=N, seed=SEED)
        assert shells.median == pytest.approx(
            mm.logistics.rounds_from_tonnes(74_000, samples=N, seed=SEED).median
        )
        with pytest.raises(ValueError, match="munition='152mm' contradicts the phrase"):
            mm.logistics.rounds_from_tonnes("74,000 tonnes of 122mm shells", "152mm", samples=N)
        with pytest.raises(ValueError, match="names '155mm', which the catalogue does not hold"):
            mm.logistics.rounds_from_tonnes("74,000 tonnes of 155mm shells", samples=N)

    def test_rail_car_carries_the_observed_load(self) -> None:
        # Belarusian railway workers (Oct 2022): 1,390 wagons of ammunition, 37,267 t,
        # 26.8 t a wagon, far below a boxcar's 68-71 t: a rail car of 152 mm holds well
        # under half what a full boxcar holds.
        wagon = mm.rounds_per_container("152mm", "rail_car", samples=N, seed=SEED)
        boxcar = mm.rounds_per_container("152mm", "boxcar", samples=N, seed=SEED)
        assert wagon.median < 0.5 * boxcar.median

    def test_a_train_is_its_rail_cars(self) -> None:
        # 51 to 71 rail cars a train (rail-military-echelon-51 ... rail-avg-train-71).
        wagon = mm.rounds_per_container("152mm", "rail_car", samples=N, seed=SEED)
        train = mm.rounds_per_container("152mm", "train", samples=N, seed=SEED)
        assert 51 * wagon.quantile(0.05) <= train.median <= 71 * wagon.quantile(0.95)
        claim = mm.Claim(value=20, qualifier="about", unit="trains")
        est = mm.rounds_from_containers(claim, container="train", samples=N, seed=SEED)
        assert est.median == pytest.approx(20 * train.median, rel=0.2)

    def test_a_count_of_trains_is_not_a_count_of_containers(self) -> None:
        claim = mm.Claim(value=20, qualifier="about", unit="trains")
        with pytest.raises(ValueError, match="containers expects containers"):
            mm.rounds_from_containers(claim, samples=100, seed=1)


class TestGeometryAndPackingCore:
    def test_long_item_space(self) -> None:
        # One tier of 3 m crates in 5.89 m: a crate of 0.05 m2 takes 0.05 x 5.89 m3.
        assert float(mm.logistics.long_item_space_m3(33.2, 5.89, 3.0, 0.05)) == pytest.approx(
            0.05 * 5.89
        )
        # Two tiers in 6.5 m: each crate takes half of 0.05 x 6.5.
        assert float(mm.logistics.long_item_space_m3(33.2, 6.5, 3.0, 0.05)) == pytest.approx(
            0.05 * 6.5 / 2
        )
        # Longer than the carrier: it takes all the space there is (nothing fits).
        assert math.isinf(float(mm.logistics.long_item_space_m3(33.2, 2.0, 3.0, 0.05)))

    def test_tiered_rounds(self) -> None:
        # 20 ft container: end face 33.2 / 5.89 = 5.637 m2, three quarters of it in crates
        # of 0.05 m2 is 84.5 crates a tier, one tier: 84.
        assert float(mm.logistics.tiered_rounds(33.2, 5.89, 3.0, 0.05, 0.75)) == 84.0
        # A 40 ft container: 67.7 / 12.16 = 5.567 m2, four tiers of 3 m: 4 x 83.5 = 334.
        assert float(mm.logistics.tiered_rounds(67.7, 12.16, 3.0, 0.05, 0.75)) == 334.0
        assert float(mm.logistics.tiered_rounds(33.2, 2.0, 3.0, 0.05)) == 0.0

    def test_rounds_from_mass(self) -> None:
        # 74,000 t / 46.25 kg = 1.6 million (C4ADS's own conversion).
        assert float(mm.logistics.rounds_from_mass(74_000_000, 46.25)) == 1_600_000.0
        with pytest.raises(ValueError, match="packed_mass_kg must be finite and > 0"):
            mm.logistics.rounds_from_mass(1.0, 0.0)

    def test_load_picks_each_draws_packing(self) -> None:
        # The packing draw picks complete rounds below 0.25, packed apart up to 0.5 and
        # projectiles alone above (the 152 mm shipped weights, in order).
        spec = mm.logistics.LoadSpec("152mm", None)
        load, inputs, _ = mm.logistics.load_function(spec, "mass_per_round", "mass")
        assert list(load.packings["152mm"]) == ["complete", "separate", "projectile"]
        x = {k: np.full(3, d.median) for k, d in inputs.items()}
        x["packing"] = np.array([0.1, 0.4, 0.9])
        mass = load(**x)
        projectile = 43.56 * (1 + x["152mm.projectile.packaging_fraction"][0])
        assert mass[2] == pytest.approx(projectile)
        assert mass[0] > mass[2]
        assert mass[1] > mass[2]

    def test_input_labels(self) -> None:
        spec = mm.logistics.LoadSpec("122mm-rocket", "train")
        load, inputs, _ = mm.logistics.load_function(spec, "capacity", "capacity")
        labels = {k: mm.logistics.input_label(k, load) for k in inputs}
        assert labels["train.holds"] == "rail_car carriers a train holds"
        assert labels["122mm-rocket.crate.cross_section_m2"].startswith("end-face area")
        assert labels["payload_kg"] == "payload of a rail_car carrier [kg]"


class TestPackingBadInput:
    def test_unknown_packing_lists_known(self) -> None:
        with pytest.raises(
            ValueError, match=r"unknown packing 'pallet' of 152mm; known packings: \['complete'"
        ):
            mm.rounds_per_container("152mm", packing="pallet")
        with pytest.raises(ValueError, match="unknown packing 'complete' of 122mm-rocket"):
            mm.rounds_per_container("122mm-rocket", packing="complete")

    def test_packing_weights_must_sum_to_one(self) -> None:
        with pytest.raises(ValueError, match="packing weights must sum to 1"):
            mm.rounds_per_container("152mm", packing={"complete": 0.5, "projectile": 0.2})

    def test_a_packing_a_rocket_lacks_leaves_it_crated_in_a_mix(self) -> None:
        est = mm.rounds_per_container(
            "152mm",
            mix={"152mm": 0.5, "122mm-rocket": 0.5},
            packing="projectile",
            samples=2_000,
            seed=1,
        )
        assert est.median > 0
