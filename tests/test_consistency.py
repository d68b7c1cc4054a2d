"""Cross-checks of reported figures: relations, verdicts, explanations, bad input, CLI."""

from __future__ import annotations

import json

import pytest

import munitions_model as mm
from munitions_model import consistency
from munitions_model.cli import main
from munitions_model.record import reported_figure

N = 20_000
SEED = 20231101


def check(claims: list[str | mm.Claim], **kwargs: object) -> mm.consistency.ConsistencyReport:
    return mm.check_consistency(claims, samples=N, seed=SEED, **kwargs)  # type: ignore[arg-type]


class TestPhysicalCapacity:
    def test_beyond_capacity_is_inconsistent(self) -> None:
        # 100 containers x at most about 410 rounds of 152 mm (the 95th percentile of a
        # full 20 ft container) is about 41,000 rounds, far below one million.
        report = check(["100 containers", "one million rounds"])
        (finding,) = report.findings
        assert finding.relation == "containers"
        assert finding.verdict == "inconsistent"
        assert finding.above > 0.99
        assert "more than can physically fit" in finding.explanation
        assert report.consistent is False

    def test_the_seed_pair_at_face_value(self) -> None:
        # Kirby's "more than 1,000 containers" cannot hold the NIS's "more than one
        # million" rounds if they are all 152 mm.
        report = check(["more than 1,000 containers", "more than one million artillery rounds"])
        assert report.findings[0].verdict == "inconsistent"

    def test_smaller_calibres_reconcile_the_seed_pair(self) -> None:
        # A 122 mm round is about half the mass of a 152 mm one, so the same containers
        # hold about twice as many: enough to make the pair agree.
        report = check(
            ["more than 1,000 containers", "more than one million artillery rounds"],
            munition="122mm",
        )
        assert report.findings[0].verdict == "consistent"

    def test_fewer_than_full_containers_is_only_tension(self) -> None:
        # ROK government source (Oct 2023): "in the upper 200000 range" from the same
        # containers, below what full 152 mm containers would hold: part-filled or mixed
        # cargo, so never inconsistent.
        report = check(["more than 1000 containers", "250,000 to 300,000 rounds"])
        (finding,) = report.findings
        assert finding.verdict == "tension"
        assert finding.below > finding.above
        assert "% full" in finding.explanation

    def test_rounds_per_container_against_physics(self) -> None:
        # ISW citing Estonian officials (Oct 2023): 300 to 500 shells a container.
        estonian = check(["300 to 500 shells per container"]).findings[0]
        assert (estonian.relation, estonian.verdict) == ("capacity", "consistent")
        # Ten times that cannot fit.
        absurd = check(["3000 rounds per container"]).findings[0]
        assert (absurd.relation, absurd.verdict) == ("capacity", "inconsistent")

    def test_stated_rounds_per_container(self) -> None:
        # 1,000 containers at 300-500 a container is 300,000-500,000 rounds, which the
        # Estonian officials also gave as their total.
        report = check(
            [
                "about 1,000 containers",
                "300 to 500 shells per container",
                "300,000 to 500,000 rounds",
            ]
        )
        stated = [f for f in report.findings if len(f.claims) == 3]
        assert [f.relation for f in stated] == ["containers"]
        assert stated[0].verdict == "consistent"

    def test_calibre_named_in_the_claim_is_used(self) -> None:
        # Shin (Dec 2023): "more than two million" 152 mm rounds from about 5,000
        # containers; the claim's calibre overrides the munition argument.
        report = check(
            ["about 5000 containers", "more than two million 152 mm rounds"], munition="122mm"
        )
        assert "152mm rounds" in report.findings[0].explanation
        assert report.findings[0].verdict != "inconsistent"


class TestStockRateDuration:
    def test_agreeing_triple_is_consistent(self) -> None:
        # 10,000 rounds a day for 100 days is 1,000,000 rounds.
        report = check(["about 1,000,000 rounds", "about 100 days", "about 10,000 rounds a day"])
        (finding,) = report.findings
        assert finding.relation == "rate_duration"
        assert finding.formula == "rounds = rate x days"
        assert finding.verdict == "consistent"
        assert finding.agreement > 0.9
        assert report.consistent is True

    def test_disagreeing_triple_is_inconsistent(self) -> None:
        # 10,000 a day for 10 days is 100,000 rounds, a tenth of the stated million.
        report = check(["about 1,000,000 rounds", "about 10 days", "about 10,000 rounds a day"])
        finding = report.findings[0]
        assert finding.verdict == "inconsistent"
        assert "far below 'about 1,000,000 rounds'" in finding.explanation

    def test_units_are_converted(self) -> None:
        # Two months at 500,000 rounds a month is 1,000,000 rounds.
        report = check(["one million rounds", "two months", "500,000 rounds a month"])
        assert report.findings[0].verdict == "consistent"


class TestTransfers:
    def test_transfers_relation(self) -> None:
        # At least 10 transfers of about 100,000 rounds: at least a million.
        report = check(
            [
                "more than one million rounds",
                "at least 10 transfers",
                "about 100,000 rounds per transfer",
            ]
        )
        (finding,) = report.findings
        assert finding.relation == "transfers"
        assert finding.verdict == "consistent"

    def test_too_few_transfers(self) -> None:
        # 2 transfers of about 1,000 rounds is about 2,000, not a million.
        report = check(["one million rounds", "2 transfers", "about 1,000 rounds per transfer"])
        assert report.findings[0].verdict == "inconsistent"


class TestReport:
    def test_every_finding_names_its_relation(self) -> None:
        report = check(
            [
                "more than 1,000 containers",
                "more than one million artillery rounds",
                "around two months",
                "about 16,000 rounds a day",
                "at least 10 arms transfers",
                "about 100,000 rounds per transfer",
            ]
        )
        relations = {f.relation for f in report.findings}
        assert relations == {"containers", "rate_duration", "transfers"}
        for f in report.findings:
            assert f.formula == consistency._FORMULAS[f.relation]
            assert f.explanation.endswith(".")
            assert f.explanation.count(". ") == 0  # one sentence
            assert 0.0 <= f.agreement <= 1.0
            assert f.agreement + f.above + f.below == pytest.approx(1.0)

    def test_consistent_only_if_every_finding_is(self) -> None:
        report = check(
            [
                "about 1,000,000 rounds",
                "about 100 days",
                "about 10,000 rounds a day",
                "100 containers",
            ]
        )
        verdicts = sorted(f.verdict for f in report.findings)
        assert verdicts == ["consistent", "inconsistent"]
        assert report.consistent is False

    def test_claims_as_claims_with_sources(self) -> None:
        containers = reported_figure("us-containers-2023-10").claim
        rounds = reported_figure("seed-rounds").claim
        from_claims = check([containers, rounds])
        from_phrases = check(
            ["more than 1000 containers", "more than one million artillery rounds"]
        )
        assert from_claims.findings[0].verdict == from_phrases.findings[0].verdict
        assert from_claims.findings[0].agreement == from_phrases.findings[0].agreement

    def test_unused_claims_are_listed(self) -> None:
        report = check(["100 containers", "one million rounds", "around two months"])
        assert report.unused == (
            "'around two months': no other claim completes a relation with it",
        )

    def test_reproducible(self) -> None:
        a = check(["more than 1,000 containers", "more than one million artillery rounds"])
        b = check(["more than 1,000 containers", "more than one million artillery rounds"])
        assert a == b

    def test_seed_is_recorded_when_omitted(self) -> None:
        report = mm.check_consistency(["300 to 500 shells per container"], samples=2_000)
        again = mm.check_consistency(
            ["300 to 500 shells per container"], samples=2_000, seed=report.seed
        )
        assert again.findings == report.findings

    def test_text(self) -> None:
        text = check(["100 containers", "one million rounds"]).to_text()
        assert text.startswith("Overall: inconsistent")
        assert "rounds = containers x rounds per container" in text


class TestVerdictThresholds:
    @pytest.mark.parametrize(
        ("relation", "agreement", "above", "below", "verdict"),
        [
            ("rate_duration", consistency.CONSISTENT_AT, 0.4, 0.4, "consistent"),
            ("rate_duration", 0.19, 0.81, 0.0, "tension"),
            ("rate_duration", 0.019, 0.981, 0.0, "inconsistent"),
            ("rate_duration", 0.0, 0.0, 1.0, "inconsistent"),
            ("containers", 0.0, 1.0, 0.0, "inconsistent"),  # more than fits
            ("containers", 0.0, 0.0, 1.0, "tension"),  # fewer than full carriers hold
            ("capacity", 0.1, 0.9, 0.0, "tension"),
        ],
    )
    def test_thresholds(
        self, relation: str, agreement: float, above: float, below: float, verdict: str
    ) -> None:
        assert consistency._verdict(relation, agreement, above, below) == verdict  # type: ignore[arg-type]


class TestBadInput:
    def test_nothing_to_check(self) -> None:
        with pytest.raises(
            ValueError,
            match=r"no relation links these claims; found 'around two months' \(duration\)",
        ):
            check(["around two months"])

    def test_empty(self) -> None:
        with pytest.raises(ValueError, match="at least one phrase or Claim"):
            check([])

    def test_unknown_munition_and_carrier(self) -> None:
        with pytest.raises(ValueError, match=r"unknown munition '155mm'; known munitions"):
            check(["100 containers", "one million rounds"], munition="155mm")
        with pytest.raises(ValueError, match="unknown carrier 'barge'"):
            check(["100 containers", "one million rounds"], container="barge")

    def test_bad_fill_and_mix(self) -> None:
        with pytest.raises(ValueError, match=r"fill_fraction must lie in \(0, 1\]"):
            check(["100 containers", "one million rounds"], fill_fraction=0.0)
        with pytest.raises(ValueError, match="mix shares must sum to 1"):
            check(["100 containers", "one million rounds"], mix={"152mm": 0.5, "122mm": 0.4})

    def test_unreadable_phrase(self) -> None:
        with pytest.raises(mm.ClaimParseError):
            check(["a container could hold 300 to 500 shells"])


class TestCommandLine:
    def test_check_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = ["check", "100 containers", "one million rounds", "--samples", "2000"]
        assert main(argv) == 0
        assert (
            "[inconsistent] rounds = containers x rounds per container" in capsys.readouterr().out
        )

    def test_check_json_with_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = [
            "check",
            "more than 1,000 containers",
            "more than one million rounds",
            "--munition",
            "122mm",
            "--container",
            "40ft",
            "--samples",
            "2000",
            "--json",
        ]
        assert main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["munition"], data["container"]) == ("122mm", "40ft")
        assert data["findings"][0]["relation"] == "containers"

    def test_check_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "around two months"]) == 2
        assert "no relation links these claims" in capsys.readouterr().err
