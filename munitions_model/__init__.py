"""munitions_model: reported munitions figures to burn-rate and duration estimates.

Phrases as reported ("more than one million artillery rounds", "around two months") are
parsed into typed claims, read through an explicit hedge model into distributions, and
propagated through pure numpy functions by an estimation engine that returns estimates
with uncertainty ranges and a provenance trail. Container counts become rounds through the
physics of payload and volume (`rounds_per_container`), and `check_consistency` says
which reported figures can all be true.

The names a user needs first are here; the rest is one module down:
:mod:`~munitions_model.distributions` (``pert``, ``mixture`` ...),
:mod:`~munitions_model.sensitivity` (``tornado``, ``sobol``, ``sweep`` ...),
:mod:`~munitions_model.logistics` and :mod:`~munitions_model.capacity` (containers and
transfers), :mod:`~munitions_model.stockflow`, :mod:`~munitions_model.plots`,
:mod:`~munitions_model.record` (the bundled reported figures and facts),
:mod:`~munitions_model.catalogue`, :mod:`~munitions_model.units`,
:mod:`~munitions_model.model` and :mod:`~munitions_model.strategies` (hypothesis
strategies for your own property tests). Modules are imported when first used, so
``import munitions_model`` is quick.

>>> import munitions_model as mm
>>> est = mm.estimate_burn_rate(stock="more than one million artillery rounds",
...                             duration="around two months", seed=1)
>>> est.unit
'rounds/day'
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from munitions_model._parser import extract_claims, parse_claim
    from munitions_model.backtesting import backtest
    from munitions_model.claims import Claim, ClaimParseError, Source
    from munitions_model.consistency import check_consistency
    from munitions_model.distributions import Distribution, lognormal
    from munitions_model.estimation import (
        Estimate,
        Quantity,
        estimate,
        estimate_burn_rate,
        estimate_duration,
        estimate_stock,
    )
    from munitions_model.hedges import HedgeModel, interpret
    from munitions_model.inference import infer
    from munitions_model.ledger import Ledger, bundled_ledger
    from munitions_model.logistics import rounds_from_containers, rounds_per_container
    from munitions_model.model import duration_days, implied_rounds_per_day
    from munitions_model.report import seed_report
    from munitions_model.stockflow import project_stock

__version__ = "0.1.0"

#: The front door: each name and the module it lives in.
_EXPORTS: dict[str, str] = {
    "parse_claim": "_parser",
    "extract_claims": "_parser",
    "Claim": "claims",
    "Source": "claims",
    "ClaimParseError": "claims",
    "interpret": "hedges",
    "HedgeModel": "hedges",
    "Distribution": "distributions",
    "lognormal": "distributions",
    "estimate": "estimation",
    "estimate_burn_rate": "estimation",
    "estimate_duration": "estimation",
    "estimate_stock": "estimation",
    "Estimate": "estimation",
    "Quantity": "estimation",
    "duration_days": "model",
    "implied_rounds_per_day": "model",
    "rounds_per_container": "logistics",
    "rounds_from_containers": "logistics",
    "check_consistency": "consistency",
    "project_stock": "stockflow",
    "seed_report": "report",
    "Ledger": "ledger",
    "bundled_ledger": "ledger",
    "infer": "inference",
    "backtest": "backtesting",
}

__all__ = [
    "Claim",
    "ClaimParseError",
    "Distribution",
    "Estimate",
    "HedgeModel",
    "Ledger",
    "Quantity",
    "Source",
    "__version__",
    "backtest",
    "bundled_ledger",
    "check_consistency",
    "duration_days",
    "estimate",
    "estimate_burn_rate",
    "estimate_duration",
    "estimate_stock",
    "extract_claims",
    "implied_rounds_per_day",
    "infer",
    "interpret",
    "lognormal",
    "parse_claim",
    "project_stock",
    "rounds_from_containers",
    "rounds_per_container",
    "seed_report",
]

#: Public modules, reached as attributes (``mm.sensitivity.sobol``).
_SUBMODULES = (
    "backtesting",
    "capacity",
    "catalogue",
    "claims",
    "cli",
    "consistency",
    "distributions",
    "estimation",
    "hedges",
    "inference",
    "ledger",
    "logistics",
    "limits",
    "model",
    "plots",
    "record",
    "report",
    "sensitivity",
    "stockflow",
    "strategies",
    "units",
)

#: Top-level names of 0.1 that moved one module down: old name -> "module.name" (a bare
#: module for a module). Still reachable, with a DeprecationWarning naming the new place.
_MOVED: dict[str, str] = {
    **{
        name: f"distributions.{name}"
        for name in [
            "Empirical",
            "LogNormal",
            "LogUniform",
            "Mixture",
            "Normal",
            "Pert",
            "Point",
            "Triangular",
            "Truncated",
            "Uniform",
            "distribution_from_json",
            "empirical",
            "loguniform",
            "mixture",
            "normal",
            "pert",
            "point",
            "triangular",
            "truncated",
            "uniform",
        ]
    },
    **{
        name: f"sensitivity.{name}"
        for name in [
            "DEFAULT_WORDINGS",
            "Elasticities",
            "HedgeParameterSwing",
            "HedgeSensitivity",
            "SobolIndex",
            "SobolIndices",
            "SweepResult",
            "Tornado",
            "TornadoBar",
            "WordingReading",
            "WordingSensitivity",
            "elasticities",
            "hedge_sensitivity",
            "sobol",
            "sweep",
            "tornado",
            "wording_sensitivity",
        ]
    },
    **{
        name: f"logistics.{name}"
        for name in [
            "carrier_capacity_rounds",
            "containers_for_rounds",
            "elapsed_days",
            "implied_rounds_per_transfer",
            "length_fill_fraction",
            "mixed_capacity_rounds",
            "payload_limited_rounds",
            "rounds_from_transfers",
            "rounds_in_containers",
            "rounds_per_transfer",
            "transfer_cadence",
            "transfers_per_month",
            "volume_limited_rounds",
        ]
    },
    **{
        name: f"plots.{name}"
        for name in [
            "plot_distribution",
            "plot_fan_chart",
            "plot_hedge_sensitivity",
            "plot_intervals",
            "plot_sobol",
            "plot_sweep",
            "plot_tornado",
            "plot_wording",
        ]
    },
    **{
        name: f"model.{name}"
        for name in [
            "FunctionSpec",
            "effective_stock",
            "function_spec",
            "model_function",
            "rounds_per_day_from_tubes",
            "stock_rounds",
        ]
    },
    **{
        name: f"catalogue.{name}"
        for name in ("Carrier", "Catalogue", "Munition", "carrier", "default_catalogue", "munition")
    },
    **{name: f"stockflow.{name}" for name in ("Cadence", "Delivery", "Phase", "StockProjection")},
    **{
        name: f"consistency.{name}"
        for name in ("CONSISTENT_AT", "INCONSISTENT_BELOW", "ConsistencyReport", "Finding")
    },
    **{name: f"units.{name}" for name in ("DAYS_PER_MONTH", "DAYS_PER_WEEK", "DAYS_PER_YEAR")},
    **{
        name: f"hedges.{name}" for name in ("DEFAULT_HEDGES", "DEFAULT_HEDGE_RANGES", "granularity")
    },
    **{name: f"claims.{name}" for name in ("QUALIFIERS", "Qualifier")},
    "InputRecord": "estimation.InputRecord",
    "Spread": "estimation.Spread",
    "phases_from_figures": "stockflow.phases_from_record",
    "figures": "record",
}


def _resolve(path: str) -> Any:
    module, _, attr = path.partition(".")
    found = importlib.import_module(f"munitions_model.{module}")
    return getattr(found, attr) if attr else found


def __getattr__(name: str) -> Any:
    """Load front-door names and public modules when first used; warn on moved names."""
    if name in _EXPORTS:
        value = _resolve(f"{_EXPORTS[name]}.{name}")
        globals()[name] = value  # later lookups do not come here
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"munitions_model.{name}")
    if name in _MOVED:
        warnings.warn(
            f"munitions_model.{name} is deprecated: use munitions_model.{_MOVED[name]}",
            DeprecationWarning,
            stacklevel=2,
        )
        return _resolve(_MOVED[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES})
