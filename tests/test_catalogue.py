"""Physical facts and the munitions and carriers catalogue: loading, sources, refusals."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

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
        # The reference compilation's 14 rows plus the 13-6724 loading length.
        assert len(facts) == 15
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
        assert list(cat.carriers) == ["20ft", "40ft", "boxcar", "flatcar"]

    def test_sourced_numbers_are_the_facts(self) -> None:
        m = mm.catalogue.munition("152mm")
        projectile = m.parts_kg["projectile"]
        assert (projectile.basis, projectile.value, projectile.facts) == (
            "sourced",
            43.56,  # reference proj-152-he
            ("proj-152-he",),
        )
        assert (
            mm.catalogue.munition("122mm-rocket").parts_kg["rocket"].value == 65.0
        )  # rocket-122-grad
        assert mm.catalogue.carrier("20ft").volume_m3.value == 33.2  # iso-20ft: 33.2 m3

    def test_unknowns_are_distributions_with_reasons(self) -> None:
        # The reference says the 152 mm case mass was not found: it must be uncertain.
        case = mm.catalogue.munition("152mm").parts_kg["case"]
        assert case.basis == "assumption"
        assert case.distribution is not None
        assert case.why
        cat = mm.catalogue.default_catalogue()
        for m in cat.munitions.values():
            for q in (*m.parts_kg.values(), m.packaging_fraction, m.packed_volume_m3):
                assert q.basis != "assumption" or (q.distribution is not None and q.why)
            assert m.packaging_fraction.distribution is not None  # no crate data found

    def test_only_the_rocket_is_long(self) -> None:
        assert mm.catalogue.munition("122mm-rocket").packed_length_m is not None
        assert mm.catalogue.munition("152mm").packed_length_m is None

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
