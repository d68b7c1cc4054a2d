"""The front door: a small __all__, every name resolves, moved names warn, imports stay light."""

from __future__ import annotations

import inspect
import subprocess
import sys
from types import ModuleType

import pytest

import munitions_model as mm


def test_at_most_thirty_names() -> None:
    assert len(mm.__all__) <= 30
    assert len(set(mm.__all__)) == len(mm.__all__)


@pytest.mark.parametrize("name", mm.__all__)
def test_every_name_resolves(name: str) -> None:
    assert getattr(mm, name) is not None
    assert name in dir(mm)


@pytest.mark.parametrize("name", mm._SUBMODULES)
def test_public_modules_are_attributes(name: str) -> None:
    module = getattr(mm, name)
    assert isinstance(module, ModuleType)
    for public in getattr(module, "__all__", ()):
        assert hasattr(module, public), f"{name}.{public}"


@pytest.mark.parametrize("old", sorted(mm._MOVED))
def test_moved_names_warn_and_still_work(old: str) -> None:
    new = mm._MOVED[old]
    with pytest.warns(DeprecationWarning, match=rf"munitions_model\.{new}\b"):
        found = getattr(mm, old)
    module, _, attr = new.partition(".")
    target = getattr(mm, module)
    assert found is (getattr(target, attr) if attr else target)


def test_old_names_one_module_down_warn() -> None:
    with pytest.warns(DeprecationWarning, match="record.claims"):
        assert mm.record.figures("russia_fire_rate") == mm.record.claims("russia_fire_rate")
    with pytest.warns(DeprecationWarning, match="phases_from_record"):
        assert mm.stockflow.phases_from_figures is mm.stockflow.phases_from_record
    with pytest.warns(DeprecationWarning, match="from_record"):
        old = mm.stockflow.Cadence.from_figures("seed-rounds", "seed-transfers")
    assert old == mm.stockflow.Cadence.from_record("seed-rounds", "seed-transfers")


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = mm.nope


def test_help_shows_the_quantity_alias() -> None:
    # help(mm.estimate_duration) shows what a stock may be, not `object`.
    signature = str(inspect.signature(mm.estimate_duration))
    assert "stock: 'Quantity'" in signature
    assert "object" not in signature
    assert "seed: 'SeedLike' = None" in signature


def test_import_is_light() -> None:
    # A fresh interpreter: importing the package (and touching its front door's lightest
    # name) loads neither scipy.stats, matplotlib nor hypothesis.
    code = (
        "import sys, munitions_model as mm; mm.parse_claim; "
        "print(sorted(m for m in ('scipy.stats', 'matplotlib', 'hypothesis') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
