"""Issue 8 items 5-6 and the command-line findings of issue 13: items route to the
catalogue, every slot takes a phrase, the command line chains what Python chains, every
error is one line (JSON under ``--json``) with exit status 2, and JSON output is strict.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

import munitions_model as mm
from munitions_model.cli import main
from munitions_model.logistics import (
    DEFAULT_MUNITION,
    containers_for_rounds,
    named_munition,
    rounds_from_containers,
    rounds_from_tonnes,
)

QUICK = {"samples": 20_000, "seed": 1}


# --------------------------------------------------------------------------- items


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("half a million 122mm rockets", "122mm-rocket"),
        ("5,000 Grad rockets", "122mm-rocket"),
        ("5,000 122mm MLRS rockets", "122mm-rocket"),
        ("3 million 122mm shells", "122mm"),
        ("more than 6 million 152-millimeter artillery shells", "152mm"),
        ("100,000 6-inch shells", "152mm"),
        ("2,000 containers of 122mm rockets", "122mm-rocket"),
        ("more than one million artillery rounds", None),  # generic: no munition named
        ("more than 1,000 containers", None),
        ("74,000 tonnes of 122mm shells", "122mm"),  # a calibre, not what the mass is of
        ("5,000 tonnes of Grad rockets", "122mm-rocket"),
        ("more than 74,000 tonnes of shells", None),  # what the mass is of: generic
        ("over 74,000 metric tons of explosives", None),
    ],
)
def test_named_munition(phrase: str, key: str | None) -> None:
    assert named_munition(phrase) == key
    assert named_munition(mm.parse_claim(phrase)) == key


def test_numbers_and_distributions_name_no_munition() -> None:
    assert named_munition(5e5) is None
    assert named_munition(mm.lognormal(4e5, 6e5)) is None


def test_the_phrase_item_replaces_the_silent_152mm_default() -> None:
    # Issue 8: "half a million 122mm rockets" was looked up as 152 mm. Rockets are long:
    # a 20 ft container holds fewer of them, so more containers are needed.
    rockets = containers_for_rounds("half a million 122mm rockets", **QUICK)
    shells = containers_for_rounds("half a million rounds", **QUICK)
    explicit = containers_for_rounds("half a million rounds", "122mm-rocket", **QUICK)
    assert rockets.median == explicit.median
    assert rockets.median > 1.5 * shells.median
    assert DEFAULT_MUNITION == "152mm"


def test_a_clash_with_the_munition_argument_is_an_error() -> None:
    with pytest.raises(ValueError, match="munition='152mm' contradicts the phrase"):
        containers_for_rounds("half a million 122mm rockets", "152mm", **QUICK)
    with pytest.raises(ValueError, match="not in mix"):
        rounds_from_containers("2,000 containers of 122mm rockets", mix={"152mm": 1.0}, **QUICK)


def test_a_munition_the_catalogue_does_not_hold_is_an_error() -> None:
    with pytest.raises(ValueError, match="'155mm', which the catalogue does not hold"):
        containers_for_rounds("3 million 155mm shells", **QUICK)
    with pytest.raises(ValueError, match="'122mm/152mm'"):
        containers_for_rounds("2 million rounds of 122 and 152 mm", **QUICK)


# --------------------------------------------------------------------------- slots


@pytest.mark.parametrize(
    ("dud_fraction", "share"),
    [("about half", 0.5), ("half", 0.5), ("a fifth", 0.2), ("30%", 0.3), ("0.3", 0.3), (0.3, 0.3)],
)
def test_every_fraction_slot_takes_a_phrase(dud_fraction: object, share: float) -> None:
    # duration = stock x (1 - duds) / rate: at face value 1e6 x (1 - share) / 1e4 days.
    est = mm.estimate_duration(
        stock=1e6, burn_rate=1e4, dud_fraction=dud_fraction, method="mc", **QUICK
    )
    assert est.median == pytest.approx(100 * (1 - share), rel=0.1)


@pytest.mark.parametrize("fill", ["about half", "50%", "0.5", 0.5])
def test_fill_fraction_takes_a_phrase(fill: object) -> None:
    full = rounds_from_containers("1,000 containers", **QUICK).median
    half = rounds_from_containers("1,000 containers", fill_fraction=fill, **QUICK).median
    assert half == pytest.approx(full / 2, rel=0.15)


@pytest.mark.parametrize("bad", ["2", "about 5 rounds", "150%"])
def test_a_fraction_slot_refuses_what_is_not_a_fraction(bad: str) -> None:
    with pytest.raises(ValueError, match=r"fill_fraction|fraction cannot exceed 1"):
        rounds_from_containers("1,000 containers", fill_fraction=bad, **QUICK)


# --------------------------------------------------------------------------- command line


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_chains_containers_to_rounds_to_days(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["estimate", "--stock", "about 6,700 containers", "--burn-rate"]
    argv += ["about 10,000 rounds a day", "--munition", "152mm", "--samples", "20000"]
    code, out, _ = _run([*argv, "--seed", "1", "--json"], capsys)
    assert code == 0
    chained = json.loads(out)
    # The same chain in Python, with the same seed.
    rounds = rounds_from_containers("about 6,700 containers", "152mm", **QUICK)
    days = mm.estimate_duration(stock=rounds, burn_rate="about 10,000 rounds a day", **QUICK)
    assert chained["unit"] == "days"
    assert chained["summary"]["median"] == pytest.approx(days.median)


@pytest.mark.parametrize(
    ("stock", "convert"),
    [
        # Defense Express (19 July 2022): 123 rail cars; a train counts as one carrier.
        (
            "123 rail cars",
            lambda **o: rounds_from_containers("123 rail cars", "152mm", "rail_car", **o),
        ),
        (
            "about 3 trains",
            lambda **o: rounds_from_containers("about 3 trains", "152mm", "train", **o),
        ),
        # C4ADS (22 June 2024): more than 74,000 tonnes.
        (
            "more than 74,000 tonnes",
            lambda **o: rounds_from_tonnes("more than 74,000 tonnes", "152mm", **o),
        ),
    ],
)
def test_cli_chains_rail_cars_trains_and_tonnes(
    stock: str, convert: Callable[..., mm.Estimate], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["estimate", "--stock", stock, "--burn-rate", "about 10,000 rounds a day"]
    argv += ["--munition", "152mm", "--packing", "complete", "--samples", "20000"]
    code, out, _ = _run([*argv, "--seed", "1", "--json"], capsys)
    assert code == 0
    rounds = convert(packing="complete", **QUICK)
    days = mm.estimate_duration(stock=rounds, burn_rate="about 10,000 rounds a day", **QUICK)
    assert json.loads(out)["summary"]["median"] == pytest.approx(days.median)


def test_cli_fraction_flags_take_phrases(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["estimate", "--stock", "1000000", "--burn-rate", "10000", "--samples", "20000"]
    for duds in ("about half", "a fifth", "30%", "0.3"):
        assert _run([*argv, "--dud-fraction", duds], capsys)[0] == 0
    cap = ["capacity", "--containers", "1,000 containers", "--fill-fraction", "about half"]
    assert _run([*cap, "--samples", "5000"], capsys)[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["estimate", "--stock", "-1,000,000 rounds", "--burn-rate", "-10,000 rounds a day"],
        ["estimate", "--stock", "5000 bananas", "--duration", "60"],
        ["estimate", "--stock", "1000"],
        ["estimate", "--bogus"],
        ["check", "half a million 122mm rockets", "1,000 containers", "--munition", "152mm"],
        ["capacity", "--mix", "152mm=0.7,122mm=0.2"],
        ["nonsense-command"],
        ["estimate", "--stock", "1e6", "--burn-rate", "1e4", "--dud-fraction", "2"],
    ],
)
def test_cli_errors_are_one_line_with_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.startswith("error: ")
    assert err.count("\n") == 1, err
    code, out, err = _run([*argv, "--json"], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1, err
    assert set(json.loads(err)) == {"error", "type"}


def test_cli_json_is_strict_infinity_is_a_string(capsys: pytest.CaptureFixture[str]) -> None:
    # Production above the burn rate: the stock never runs out, the duration is infinite.
    argv = ["estimate", "--stock", "more than one million rounds", "--burn-rate"]
    argv += ["10,000 rounds a day", "--production", "12,000 rounds a day", "--json"]
    code, out, _ = _run([*argv, "--samples", "2000"], capsys)
    assert code == 0
    assert "Infinity" not in out
    assert "NaN" not in out
    parsed = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert parsed["summary"]["median"] == "inf"


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ("152 mm", "152mm"),
        ("122 mm rocket", "122mm-rocket"),
        ("122mm", "122mm"),
        ("artillery", None),
    ],
)
def test_items_spelt_as_in_0_1_still_route(item: str, key: str | None) -> None:
    # Claims written by hand or recorded in 0.1 spell calibres with a space.
    assert (
        named_munition(mm.Claim(value=2e6, qualifier="more_than", unit="rounds", item=item)) == key
    )
