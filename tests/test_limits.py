"""Resource limits (``munitions_model.limits``): defaults, overrides, messages."""

from __future__ import annotations

import concurrent.futures

import pytest

import munitions_model as mm
from munitions_model import limits


def test_defaults_are_documented() -> None:
    # The module docstring's table, value by value.
    assert limits.DEFAULTS.model_dump() == {
        "samples": 2**30,
        "path_days": 10**9,
        "transfers": 10**7,
        "mixture_components": 1_000,
        "findings": 10_000,
    }


def test_override_is_scoped_to_the_block() -> None:
    with limits.override(samples=10) as inside:
        assert inside.samples == 10
        assert limits.current().samples == 10
        with pytest.raises(limits.LimitError):
            mm.estimate_duration(1e6, mm.lognormal(1e3, 1e4), samples=11, method="mc")
    assert limits.current() == limits.DEFAULTS


def test_override_applies_to_its_own_thread_only() -> None:
    with (
        limits.override(samples=10),
        concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool,
    ):
        assert pool.submit(lambda: limits.current().samples).result() == 2**30


def test_configure_changes_every_thread() -> None:
    try:
        limits.configure(findings=5)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            assert pool.submit(lambda: limits.current().findings).result() == 5
    finally:
        limits.configure(**limits.DEFAULTS.model_dump())
    assert limits.current() == limits.DEFAULTS


def test_message_says_the_limit_and_how_to_raise_it() -> None:
    with pytest.raises(limits.LimitError) as caught:
        limits.check("samples", 2**31, "samples")
    message = str(caught.value)
    assert "2,147,483,648" in message
    assert "1,073,741,824" in message
    assert "limits.override(samples=...)" in message
    assert caught.value.limit == "samples"
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("bad", [0, -1, "many", 1.5])
def test_limits_must_be_positive_integers(bad: object) -> None:
    with pytest.raises(ValueError, match="samples"), limits.override(samples=bad):  # type: ignore[arg-type]
        pass


def test_findings_refused_before_they_are_made() -> None:
    # 24 claims (12 rounds, 12 containers) relate 12 x 12 = 144 ways through the first
    # relation: asking for them all above a limit of 100 is refused before any finding is
    # estimated; by default the check makes max_findings (60) and counts the rest.
    phrases = [f"about {k},000 containers" for k in range(1, 13)] + [
        f"about {k} million rounds" for k in range(1, 13)
    ]
    with limits.override(findings=100), pytest.raises(limits.LimitError, match="findings"):
        mm.check_consistency(phrases, max_findings=144)
