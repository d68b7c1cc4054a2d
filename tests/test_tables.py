"""The mixture tables shipped with the package (munitions_model._tables)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

import munitions_model as mm
from munitions_model import _tables
from munitions_model.distributions import _TABLE_LAYOUT, Mixture
from munitions_model.record import FIRE_RATE_PERIODS, pooled

ROOT = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_mixture_tables", ROOT / "scripts" / "build_mixture_tables.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_every_main_job_mixture_is_shipped() -> None:
    # python -m munitions_model pools the fire-rate reports of each period. If this fails,
    # the record, the hedge model or the table layout changed: run
    # `python scripts/build_mixture_tables.py` and commit the file it writes.
    script = _script()
    assert script.missing() == []
    for period in FIRE_RATE_PERIODS:
        fire = pooled("russia_fire_rate", period)
        if isinstance(fire, Mixture):
            spec = fire.model_dump_json(exclude={"unit"})
            assert _tables.lookup(spec, _TABLE_LAYOUT) is not None, period


@pytest.mark.parametrize("period", ["2022", "early 2023"])
def test_shipped_table_is_the_computed_one(period: str) -> None:
    fire = pooled("russia_fire_rate", period)
    assert isinstance(fire, Mixture)
    shipped = _tables.lookup(fire.model_dump_json(exclude={"unit"}), _TABLE_LAYOUT)
    assert shipped is not None
    in_logs, values = fire._table_values()
    assert shipped[0] == in_logs
    np.testing.assert_array_equal(shipped[1], values)


def test_pack_round_trip_is_exact() -> None:
    rng = np.random.default_rng(7)
    values = np.concatenate(
        [np.cumsum(rng.exponential(size=1000)), [np.inf, -0.0, 5e-324, 1e308, -1e308]]
    )
    np.testing.assert_array_equal(_tables._unpack(_tables._pack(values)), values)


def test_other_mixtures_are_not_shipped() -> None:
    other = mm.distributions.mixture([mm.lognormal(1.0, 2.0), mm.lognormal(3.0, 9.0)])
    assert _tables.lookup(other.model_dump_json(exclude={"unit"}), _TABLE_LAYOUT) is None
    assert _tables.lookup("{}", "another layout") is None
