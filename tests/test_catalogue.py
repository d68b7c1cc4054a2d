"""Physical facts and the munitions and carriers catalogue: loading, sources, refusals."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import munitions_model as mm
from munitions_model import record
from munitions_model.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _reference(name: str) -> Path | None:
    """The shared reference file, beside this checkout or one level up (worktrees)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "reference" / name
        if path.exists():
            return path
    return None


class TestPhysicalFacts:
    def test_every_fact_has_source_who_and_unit(self) -> None:
        facts = record.physical_facts()
        # The reference compilation's 14 rows, the 13-6724 loading length and the 12 facts
        # on packing, rail loads and train lengths from the 2023-2025 research
        # (/work/research/containers/packing_facts.csv).
        assert len(facts) == 27
        for f in facts:
            assert f.url
            assert f.who
            assert f.unit

    def test_ids_unique_and_lookup(self) -> None:
        ids = [f.id for f in record.physical_facts()]
        assert len(set(ids)) == len(ids)
        assert record.fact("iso-20ft").value == 28_180  # reference: max payload 28180 kg
        with pytest.raises(ValueError, match="no physical fact 'nope'; known ids"):
            record.fact("nope")

    def test_carried_over_from_the_reference(self) -> None:
        path = _reference("physical_facts.csv")
        if path is None:
            pytest.skip("the shared reference folder is not beside this checkout")
        by_id = {f.id: f for f in record.physical_facts()}
        with path.open() as fh:
            for row in csv.DictReader(fh):
                f = by_id[row["id"]]
                assert (f.item, f.fact, f.unit, f.url) == (
                    row["item"],
                    row["fact"],
                    row["unit"],
                    row["url"],
                )
                assert f.value == (float(row["value"]) if row["value"] else None)
                assert (f.note or "") == row["note"]

    def _row(self, **change: str) -> dict[str, str]:
        row = {
            "id": "x",
            "item": "a crate",
            "fact": "weighs 10 kg",
            "value": "10",
            "unit": "kg",
            "url": "https://example.org",
            "who": "someone",
        }
        row.update(change)
        return row

    def test_valid_row(self) -> None:
        (f,) = record.load_facts([self._row()])
        assert f.value == 10.0

    @pytest.mark.parametrize("missing", ["url", "who", "unit"])
    def test_refuses_a_fact_without_source_or_unit(self, missing: str) -> None:
        with pytest.raises(ValueError, match=f"physical fact 'x' has no {missing}"):
            record.load_facts([self._row(**{missing: ""})])

    def test_refuses_unknown_unit_and_duplicates(self) -> None:
        with pytest.raises(ValueError, match="'stone' is not known"):
            record.load_facts([self._row(unit="stone")])
        with pytest.raises(ValueError, match="unique"):
            record.load_facts([self._row(), self._row()])

    def test_cli_lists_facts(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["figures", "--facts"]) == 0
        out = capsys.readouterr().out
        assert "iso-20ft" in out
        assert "FreightUtils" in out


class TestCatalogue:
    def test_names(self) -> None:
        cat = mm.catalogue.default_catalogue()
        assert list(cat.munitions) == ["152mm", "122mm", "122mm-rocket"]
        assert list(cat.carriers) == ["20ft", "40ft", "boxcar", "flatcar", "rail_car", "train"]

    def test_sourced_numbers_are_the_facts(self) -> None:
        m = mm.catalogue.munition("152mm")
        projectile = m.parts_kg["projectile"]
        assert (projectile.basis, projectile.value, projectile.facts) == (
            "sourced",
            43.56,  # reference proj-152-he
            ("proj-152-he",),
        )
        # The North Korean rocket: 66.3 kg (rocket-122-nk-length-mass).
        assert mm.catalogue.munition("122mm-rocket").parts_kg["rocket"].value == 66.3
        assert mm.catalogue.carrier("20ft").volume_m3.value == 33.2  # iso-20ft: 33.2 m3

    def test_unknowns_are_distributions_with_reasons(self) -> None:
        # The reference says the 152 mm case mass was not found: it must be uncertain.
        case = mm.catalogue.munition("152mm").parts_kg["case"]
        assert case.basis == "assumption"
        assert case.distribution is not None
        assert case.why
        cat = mm.catalogue.default_catalogue()
        for m in cat.munitions.values():
            for q in m.parameters().values():
                assert q.basis != "assumption" or (q.distribution is not None and q.why)
            for package in m.packages.values():
                assert package.packaging_fraction.distribution is not None  # no crate data
            assert m.shipped.why

    def test_only_the_rocket_is_long(self) -> None:
        assert mm.catalogue.munition("122mm-rocket").packages["crate"].long
        assert not any(p.long for p in mm.catalogue.munition("152mm").packages.values())

    def test_packings_and_what_is_shipped(self) -> None:
        m = mm.catalogue.munition("152mm")
        assert {k: p.packages for k, p in m.packings.items()} == {
            "complete": ("round",),
            "separate": ("projectile", "charge"),
            "projectile": ("projectile",),
        }
        # Half projectiles alone, half rounds with their charges: an assumption, cited.
        assert m.shipped.weights == {"complete": 0.25, "separate": 0.25, "projectile": 0.5}
        assert m.shipped.basis == "assumption"
        assert "us-separate-loading-palletized" in m.shipped.facts
        assert m.packing_weights("projectile") == {"projectile": 1.0}

    def test_carriers_of_carriers(self) -> None:
        cat = mm.catalogue.default_catalogue()
        assert [c.name for c in cat.chain("train")] == ["train", "rail_car"]
        assert [c.name for c in cat.chain("flatcar")] == ["flatcar", "20ft"]
        holds = mm.catalogue.carrier("flatcar").holds
        assert holds is not None
        assert holds.count.value == 2.0
        train = mm.catalogue.carrier("train").holds
        assert train is not None
        assert train.count.support == (51.0, 71.0)  # rail-military-echelon-51 .. -avg-train-71
        # The rail car carries the observed load (26.8 t a wagon, Belarus 2022), not a
        # boxcar's 68-71 t.
        load = mm.catalogue.carrier("rail_car").payload_kg
        assert load is not None
        assert load.facts == ("rail-ammo-belarus-tonnes-per-wagon",)
        assert load.as_distribution().support == (13_800.0, 32_800.0)
        assert mm.catalogue.carrier("train").counted_as == "trains"

    def test_a_carrier_that_holds_itself_is_refused(self) -> None:
        cat = mm.catalogue.default_catalogue()
        loop = mm.catalogue.Carrier(
            name="loop",
            description="holds itself",
            holds=mm.catalogue.Holding(
                carrier="loop",
                count=mm.catalogue.Parameter(unit="count", basis="assumption", why="x", value=2),
            ),
        )
        with pytest.raises(ValueError, match="holds itself"):
            cat.with_carrier(loop)
        with pytest.raises(ValueError, match="holds other carriers, so it takes no payload_kg"):
            mm.catalogue.Carrier.model_validate(
                {**loop.model_dump(), "payload_kg": cat.carriers["20ft"].payload_kg}
            )

    def test_packing_refusals(self) -> None:
        m = mm.catalogue.munition("152mm")
        data = m.model_dump()
        data["packings"]["broken"] = {"packages": ["crate"], "label": "x", "description": "x"}
        with pytest.raises(ValueError, match="uses unknown packages"):
            mm.catalogue.Munition.model_validate(data)
        data = m.model_dump()
        data["shipped"]["weights"] = {"complete": 0.5, "projectile": 0.6}
        with pytest.raises(ValueError, match="packing weights must sum to 1"):
            mm.catalogue.Munition.model_validate(data)
        package = m.packages["round"].model_dump()
        package["packed_length_m"] = package["packed_volume_m3"] | {"unit": "m"}
        with pytest.raises(ValueError, match="a long package gives both"):
            mm.catalogue.Package.model_validate(package)

    def test_sampling_tables_are_shared_and_exact_enough(self) -> None:
        # A PERT is sampled through a tabulated quantile function (a one-component
        # mixture), built once and shared by equal parameters.
        a = mm.catalogue.carrier("20ft").packing_efficiency
        b = mm.catalogue.carrier("40ft").packing_efficiency
        assert a is not None
        assert b is not None
        assert a.sampling_distribution() is b.sampling_distribution()
        tabulated = a.sampling_distribution()
        exact = a.as_distribution()
        z = np.linspace(-4.0, 4.0, 101)
        # Within the table's documented Kolmogorov distance (7.4e-5) of the exact CDF.
        gap = np.abs(exact.cdf(tabulated.from_normal(z)) - exact.cdf(exact.from_normal(z)))
        assert float(gap.max()) < 7.4e-5
        # Points, uniforms and lognormals are fast already: left as they are.
        payload = mm.catalogue.carrier("20ft").payload_kg
        assert payload is not None
        assert payload.sampling_distribution().kind == "uniform"

    def test_unknown_names_list_the_known_ones(self) -> None:
        with pytest.raises(
            ValueError,
            match=(
                r"unknown munition '155mm'; known munitions: "
                r"\['152mm', '122mm', '122mm-rocket'\]"
            ),
        ):
            mm.catalogue.munition("155mm")
        with pytest.raises(ValueError, match="unknown carrier 'barge'; known carriers"):
            mm.catalogue.carrier("barge")

    def test_override(self) -> None:
        light = mm.catalogue.munition("152mm").model_copy(update={"name": "152mm-light"})
        cat = mm.catalogue.default_catalogue().with_munition(light)
        assert cat.munition("152mm-light") is light
        assert (
            "152mm-light" not in mm.catalogue.default_catalogue().munitions
        )  # the bundled one stays

    def test_misfiled_name(self) -> None:
        cat = mm.catalogue.default_catalogue()
        with pytest.raises(ValueError, match="filed under"):
            mm.catalogue.Catalogue(munitions={"x": cat.munitions["152mm"]}, carriers=cat.carriers)


class TestParameterRefuses:
    def _q(self, **fields: Any) -> mm.catalogue.Parameter:
        return mm.catalogue.Parameter.model_validate(fields)

    def test_valid(self) -> None:
        q = self._q(unit="kg", basis="sourced", value=43.56, facts=["proj-152-he"])
        assert q.as_distribution().median == 43.56

    def test_lognormal_as_interval(self) -> None:
        q = self._q(
            unit="m3",
            basis="assumption",
            why="a guess",
            distribution={"kind": "lognormal", "low": 1, "high": 4},
        )
        assert q.as_distribution().interval(0.9) == pytest.approx((1.0, 4.0))

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"unit": "kg", "basis": "sourced"}, "exactly one of value and distribution"),
            (
                {"unit": "kg", "basis": "assumption", "value": 3.0},
                "an assumption must say why",
            ),
            ({"unit": "kg", "basis": "sourced", "value": 3.0}, "must cite facts or give a source"),
            (
                {"unit": "kg", "basis": "sourced", "value": 3.0, "facts": ["nope"]},
                "unknown physical facts",
            ),
            (
                {"unit": "kg", "basis": "sourced", "value": 44.0, "facts": ["proj-152-he"]},
                "not the headline value",
            ),
            (
                {
                    "unit": "m",
                    "basis": "sourced",
                    "value": 5.9,
                    "facts": ["iso-20ft"],
                    "quote": "internal 5.9 m",
                },
                "is not in the cited facts",
            ),
            (
                {"unit": "fraction", "basis": "assumption", "why": "x", "value": 1.5},
                "cannot exceed 1",
            ),
            ({"unit": "kg", "basis": "assumption", "why": "x", "value": -1.0}, ">= 0"),
            ({"unit": "stone", "basis": "assumption", "why": "x", "value": 1.0}, "not known"),
        ],
    )
    def test_refuses(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            self._q(**fields)

    def test_munition_units_are_checked(self) -> None:
        m = mm.catalogue.munition("152mm")
        metres = self._q(unit="m", basis="assumption", why="x", value=1.0)
        with pytest.raises(ValueError, match="part 'case' must be in kg, got m"):
            mm.catalogue.Munition.model_validate(
                {**m.model_dump(), "parts_kg": {**m.model_dump()["parts_kg"], "case": metres}}
            )
