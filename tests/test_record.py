"""Bundled reported figures: loading, validation, pooling and agreement with their phrases."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import munitions_model as mm
from munitions_model import record
from munitions_model.units import compatible

ROOT = Path(__file__).resolve().parents[1]


def test_every_figure_has_source_and_unit() -> None:
    figs = record.reported_figures()
    assert len(figs) == 40  # the reference compilation's 40 rows
    for f in figs:
        assert f.claim.source is not None
        assert f.claim.source.who
        assert f.claim.unit


def test_figures_by_subject() -> None:
    rates = record.claims("russia_fire_rate")
    assert all(c.unit.startswith("rounds/") for c in rates)
    assert len(rates) == 14  # the reference compilation's ru-fire-* rows
    with pytest.raises(ValueError, match="unknown subject 'nope'; known subjects"):
        record.claims("nope")


def test_phrases_that_parse_agree_with_the_recorded_claim() -> None:
    # The qualifier and value recorded for each figure were read from its phrase by hand;
    # wherever the parser can read the phrase it must agree.
    read = 0
    for f in record.reported_figures():
        assert f.claim.phrase is not None
        if f.id == "ru-fire-2023-01-ua":
            continue  # "from 60000 to 20000" describes a fall; the figure is where it ended
        if f.id == "hur-duds-2024-02":
            continue  # "half of them do not work" reads as exactly half; the record says about
        try:
            parsed = mm.parse_claim(f.claim.phrase)
        except mm.ClaimParseError:
            continue
        read += 1
        assert parsed.qualifier == f.claim.qualifier, f.id
        assert parsed.value == pytest.approx(f.claim.value), f.id
        # An annual total ("12 million shells in 2022") reads as a count; the figure
        # records it per year.
        annual_total = f.claim.unit.endswith("/year") and "/" not in parsed.unit
        # A phrase with no unit word is a plain count: its context supplies the unit.
        bare = parsed.unit == "count"
        assert bare or annual_total or compatible(parsed.unit, f.claim.unit), f.id
    assert read >= 25


class TestLoaderRefuses:
    def _row(self, **change: str) -> dict[str, str]:
        row = {
            "id": "x",
            "subject": "russia_fire_rate",
            "period": "2023",
            "qualifier": "about",
            "value": "5000",
            "unit": "rounds/day",
            "who": "someone",
        }
        row.update(change)
        return row

    def test_valid_row(self) -> None:
        (fig,) = record.load_figures([self._row()])
        assert fig.claim.source is not None
        assert fig.claim.source.who == "someone"

    @pytest.mark.parametrize("missing", ["who", "unit", "value", "qualifier"])
    def test_missing_field(self, missing: str) -> None:
        with pytest.raises(record.DataFileError, match=f"row 1, column '{missing}': is empty"):
            record.load_figures([self._row(**{missing: ""})])

    def test_bad_unit(self) -> None:
        with pytest.raises(ValueError, match=r"column 'unit'.*'furlongs' is not known"):
            record.load_figures([self._row(unit="furlongs")])

    @pytest.mark.parametrize(
        ("column", "bad"),
        [("value", "1,0a"), ("value", "inf"), ("value_high", "x"), ("period", "2023-13")],
    )
    def test_bad_cell_names_its_row_and_column(self, column: str, bad: str) -> None:
        with pytest.raises(record.DataFileError) as caught:
            record.load_figures([self._row(), self._row(id="y", **{column: bad})], source="f.csv")
        assert (caught.value.file, caught.value.row, caught.value.column) == (
            "f.csv",
            "row 2",
            column,
        )

    def test_duplicate_ids(self) -> None:
        with pytest.raises(ValueError, match=r"row 2, column 'id': 'x' repeats rows, row 1"):
            record.load_figures([self._row(), self._row()])

    def test_no_figures_is_an_error(self) -> None:
        # issue 13: an empty figures file loaded as zero figures without complaint
        with pytest.raises(record.DataFileError, match="has no reported figures"):
            record.load_figures([])


class TestBrokenBundledFiles:
    """Each bundled file broken on purpose: the error names the file, row and column."""

    @pytest.fixture
    def data(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
        files: dict[str, str] = {}
        real = record._data

        def fake(name: str) -> str:
            return files[name] if name in files else real(name)

        monkeypatch.setattr(record, "_data", fake)
        for loader in (record.seed_document, record.reported_figures, record.physical_facts):
            loader.cache_clear()
        yield files
        for loader in (record.seed_document, record.reported_figures, record.physical_facts):
            loader.cache_clear()

    def _csv(self, name: str) -> list[str]:
        return record._data(name).splitlines()

    def test_bad_value_in_figures(self, data: dict[str, str]) -> None:
        lines = self._csv("reported_figures.csv")
        cells = lines[3].split(",")
        cells[4] = "lots"  # the value column
        data["reported_figures.csv"] = "\n".join([*lines[:3], ",".join(cells), *lines[4:]])
        with pytest.raises(record.DataFileError) as caught:
            record.reported_figures()
        err = caught.value
        assert (err.file, err.row, err.column) == (
            "data/reported_figures.csv",
            "row 3 (line 4)",
            "value",
        )

    def test_row_with_too_many_cells(self, data: dict[str, str]) -> None:
        lines = self._csv("physical_facts.csv")
        data["physical_facts.csv"] = "\n".join([*lines[:2], lines[2] + ",extra", *lines[3:]])
        with pytest.raises(record.DataFileError, match=r"physical_facts.csv, row 2 \(line 3\)"):
            record.physical_facts()

    def test_empty_figures_file(self, data: dict[str, str]) -> None:
        data["reported_figures.csv"] = ""
        with pytest.raises(record.DataFileError, match=r"reported_figures\.csv: is empty"):
            record.reported_figures()

    def test_header_only_facts_file(self, data: dict[str, str]) -> None:
        data["physical_facts.csv"] = self._csv("physical_facts.csv")[0]
        with pytest.raises(record.DataFileError, match="has no physical facts"):
            record.physical_facts()

    def test_seed_json_syntax(self, data: dict[str, str]) -> None:
        data["seed.json"] = '{"claims": [}'
        with pytest.raises(record.DataFileError, match=r"seed.json, line 1, character 13"):
            record.reported_figures()

    def test_seed_claim_field(self, data: dict[str, str]) -> None:
        doc = record.seed_document()
        claims = [dict(c) for c in doc["claims"]]
        claims[1]["unit"] = "furlongs"
        data["seed.json"] = json.dumps({**doc, "claims": claims})
        record.seed_document.cache_clear()
        with pytest.raises(record.DataFileError) as caught:
            record.reported_figures()
        assert (caught.value.row, caught.value.column) == ("claims[1]", "unit")


class TestPeriods:
    def test_parse(self) -> None:
        p = record.Period.parse("2023-08/2023-10")
        assert str(p) == "2023-08-01/2023-10-31"
        assert str(record.Period.parse("2024-02")) == "2024-02-01/2024-02-29"

    def test_backwards(self) -> None:
        with pytest.raises(ValueError, match="ends"):
            record.Period.parse("2023-10/2023-08")

    def test_pooled_late_2023_is_syrskyi(self) -> None:
        # Only one fire-rate report covers October-December 2023: "more than 30000".
        d = record.pooled("russia_fire_rate", "late 2023")
        assert d.unit == "rounds/day"
        assert d.quantile(0.0) >= 30_000

    def test_pooled_is_equal_weight_mixture(self) -> None:
        d = record.pooled("russia_fire_rate", "early 2023")
        assert isinstance(d, mm.distributions.Mixture)
        assert d.weights == pytest.approx((0.25,) * 4)

    def test_pooled_window_string(self) -> None:
        d = record.pooled("russia_fire_rate", "2023-06/2023-09")
        assert isinstance(d, mm.distributions.Mixture)
        assert len(d.components) == 2

    def test_pooled_nothing(self) -> None:
        with pytest.raises(ValueError, match="no 'russia_fire_rate' figures within 2019"):
            record.pooled("russia_fire_rate", "2019")


def test_seed_file_is_the_package_file() -> None:
    seeds = ROOT / "seeds" / "seed.json"
    package = ROOT / "munitions_model" / "data" / "seed.json"
    assert json.loads(seeds.read_text()) == json.loads(package.read_text())


def test_bundled_csv_keeps_the_reference_figures() -> None:
    # Values, units and sources carried over from the reference compilation.
    reference = ROOT.parent / "shared" / "reference" / "reported_figures.csv"
    if not reference.exists():
        pytest.skip("the shared reference folder is not beside this checkout")
    by_id = {f.id: f for f in record.reported_figures()}
    with reference.open() as fh:
        for row in csv.DictReader(fh):
            claim = by_id[row["id"]].claim
            assert claim.value == float(row["value"])
            assert claim.source is not None
            assert claim.source.who == row["who"]
            assert (claim.source.url or "") == row["url"]
