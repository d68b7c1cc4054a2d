"""The seed report and the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import munitions_model as mm
from munitions_model.cli import main
from munitions_model.report import SeedReport, seed_report


@pytest.fixture(scope="module")
def report() -> SeedReport:
    return seed_report(samples=20_000)


class TestSeedReport:
    def test_face_value(self, report: SeedReport) -> None:
        # SEED.md: 1,000,000 rounds / 60.875 days = 16,427 rounds a day.
        assert report.face_value_rounds_per_day == pytest.approx(16_427.1, abs=0.1)

    def test_burn_rate_brackets_face_value(self, report: SeedReport) -> None:
        rate = report.burn_rate
        assert rate.unit == "rounds/day"
        assert rate.low <= report.face_value_rounds_per_day <= rate.high
        assert 15_000 <= rate.median <= 23_000

    def test_inputs_as_read(self, report: SeedReport) -> None:
        assert report.stock.qualifier == "more_than"
        assert report.stock.read_as.low >= 1_000_000
        assert report.duration.read_as.median == pytest.approx(60.875, rel=1e-9)

    def test_periods(self, report: SeedReport) -> None:
        periods = [r.period for r in report.at_reported_rates]
        assert periods == ["2022", "early 2023", "summer 2023", "late 2023"]
        late = report.at_reported_rates[-1]
        # Late 2023 (more than 30,000 a day) burns the stock faster than "two months".
        assert late.duration.median < 60.875
        assert late.reports == ["ru-fire-2023-q4-syrskyi"]

    def test_wordings(self, report: SeedReport) -> None:
        phrases = [w.phrase for w in report.wording]
        assert phrases == [
            "around two months",
            "approximately two months",
            "over two months",
            "more than two months",
        ]
        around, _, over, _ = report.wording
        # A longer duration ("over two months") implies a lower burn rate.
        assert over.burn_rate.median < around.burn_rate.median

    def test_duds_lower_the_working_rate(self, report: SeedReport) -> None:
        none, fifth, half = report.duds
        assert none.working_rounds_per_day.median == pytest.approx(report.burn_rate.median)
        # A fixed dud fraction scales every draw: exactly 0.8 times the rate.
        assert fifth.working_rounds_per_day.median == pytest.approx(
            0.8 * none.working_rounds_per_day.median, rel=1e-9
        )
        assert half.working_rounds_per_day.median < fifth.working_rounds_per_day.median

    def test_the_other_reading_beside(self, report: SeedReport) -> None:
        # Read as readers read it by default; the speaker's rounding beside it.
        assert report.hedge_model == "reader-2015"
        other = report.other_reading
        assert other is not None
        assert other.hedge_model == "granularity-1"
        # granularity-1 reads "around two months" one month either side in ratio:
        # 60.875 / 1.5 to 60.875 * 1.5 days.
        assert (other.duration.low, other.duration.high) == pytest.approx(
            (60.875 / 1.5, 60.875 * 1.5), rel=1e-9
        )
        assert len(other.wording_burn_rates) == len(report.wording)
        assert "The same figures under granularity-1" in report.to_text()

    def test_without_the_other_reading(self) -> None:
        alone = seed_report(samples=2_000, alternative=False)
        assert alone.other_reading is None
        assert "The same figures under" not in alone.to_text()

    def test_reproducible(self, report: SeedReport) -> None:
        assert seed_report(samples=20_000) == report

    def test_text_and_json(self, report: SeedReport) -> None:
        text = report.to_text()
        assert "16,427 rounds/day" in text
        assert "late 2023" in text
        data = json.loads(report.model_dump_json())
        assert data["burn_rate"]["unit"] == "rounds/day"


class TestCommandLine:
    def test_default_prints_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["--samples", "5000"]) == 0
        out = capsys.readouterr().out
        assert "at face value: 1,000,000 rounds / 60.875 days = 16,427 rounds/day" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["--json", "--samples", "5000"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["face_value_rounds_per_day"] == pytest.approx(16_427.1, abs=0.1)

    def test_estimate_burn_rate(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = ["estimate", "--stock", "more than one million rounds", "--duration", "60"]
        assert main([*argv, "--samples", "5000", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["unit"] == "rounds/day"
        assert data["inputs"][1]["given"] == "number"

    def test_estimate_duration_with_duds(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = ["estimate", "--stock", "1000000", "--burn-rate", "10000", "--dud-fraction", "0.5"]
        assert main(argv) == 0
        # Half of a million rounds at 10,000 a day: 50 days exactly.
        assert "median 50 days, 90% interval 50 to 50" in capsys.readouterr().out

    def test_estimate_stock(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = ["estimate", "--burn-rate", "about 10,000 rounds a day", "--duration", "30"]
        assert main(argv) == 0
        assert "rounds" in capsys.readouterr().out

    def test_estimate_needs_two(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["estimate", "--stock", "1000"]) == 2
        assert "exactly two" in capsys.readouterr().err

    def test_estimate_bad_phrase(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["estimate", "--stock", "lots of rounds", "--duration", "60"]) == 2
        assert "lots of rounds" in capsys.readouterr().err

    def test_figures(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["figures", "--subject", "russia_fire_rate"]) == 0
        out = capsys.readouterr().out
        assert "ru-fire-2023-q4-syrskyi" in out
        assert "seed-rounds" not in out

    def test_figures_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["figures", "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert len(rows) == len(mm.record.reported_figures())

    def test_module_entry_point(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "munitions_model", "figures", "--subject", "dud_fraction"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "half of them do not work" in done.stdout
