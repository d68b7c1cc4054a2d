"""munitions_model: reported munitions figures to burn-rate and duration estimates.

Phrases as reported ("more than one million artillery rounds", "around two months") are
parsed into typed claims, read through an explicit hedge model into distributions, and
propagated through pure numpy functions by an estimation engine that returns estimates
with uncertainty ranges and a provenance trail. Container counts become rounds through the
physics of payload and volume (`rounds_per_container`), and `check_consistency` says
which reported figures can all be true.

>>> import munitions_model as mm
>>> est = mm.estimate_burn_rate(stock="more than one million artillery rounds",
...                             duration="around two months", seed=1)
>>> est.unit
'rounds/day'
"""

from munitions_model._parser import parse_claim
from munitions_model.catalogue import (
    Carrier,
    Catalogue,
    Munition,
    Quantity,
    carrier,
    default_catalogue,
    munition,
)
from munitions_model.claims import QUALIFIERS, Claim, ClaimParseError, Qualifier, Source
from munitions_model.consistency import (
    CONSISTENT_AT,
    INCONSISTENT_BELOW,
    ConsistencyReport,
    Finding,
    check_consistency,
)
from munitions_model.distributions import (
    Distribution,
    Empirical,
    LogNormal,
    LogUniform,
    Mixture,
    Normal,
    Pert,
    Point,
    Triangular,
    Truncated,
    Uniform,
    distribution_from_json,
    empirical,
    lognormal,
    loguniform,
    mixture,
    normal,
    pert,
    point,
    triangular,
    truncated,
    uniform,
)
from munitions_model.estimate import (
    Estimate,
    InputRecord,
    estimate,
    estimate_burn_rate,
    estimate_duration,
    estimate_stock,
)
from munitions_model.hedges import DEFAULT_HEDGES, HedgeModel, granularity, interpret
from munitions_model.logistics import (
    carrier_capacity_rounds,
    containers_for_rounds,
    elapsed_days,
    implied_rounds_per_transfer,
    length_fill_fraction,
    mixed_capacity_rounds,
    payload_limited_rounds,
    rounds_from_containers,
    rounds_from_transfers,
    rounds_in_containers,
    rounds_per_container,
    rounds_per_transfer,
    transfer_cadence,
    transfers_per_month,
    volume_limited_rounds,
)
from munitions_model.model import (
    FunctionSpec,
    duration_days,
    effective_stock,
    function_spec,
    implied_rounds_per_day,
    model_function,
    rounds_per_day_from_tubes,
    stock_rounds,
)
from munitions_model.units import DAYS_PER_MONTH, DAYS_PER_WEEK, DAYS_PER_YEAR

__version__ = "0.1.0"

__all__ = [
    "CONSISTENT_AT",
    "DAYS_PER_MONTH",
    "DAYS_PER_WEEK",
    "DAYS_PER_YEAR",
    "DEFAULT_HEDGES",
    "INCONSISTENT_BELOW",
    "QUALIFIERS",
    "Carrier",
    "Catalogue",
    "Claim",
    "ClaimParseError",
    "ConsistencyReport",
    "Distribution",
    "Empirical",
    "Estimate",
    "Finding",
    "FunctionSpec",
    "HedgeModel",
    "InputRecord",
    "LogNormal",
    "LogUniform",
    "Mixture",
    "Munition",
    "Normal",
    "Pert",
    "Point",
    "Qualifier",
    "Quantity",
    "Source",
    "Triangular",
    "Truncated",
    "Uniform",
    "__version__",
    "carrier",
    "carrier_capacity_rounds",
    "check_consistency",
    "containers_for_rounds",
    "default_catalogue",
    "distribution_from_json",
    "duration_days",
    "effective_stock",
    "elapsed_days",
    "empirical",
    "estimate",
    "estimate_burn_rate",
    "estimate_duration",
    "estimate_stock",
    "function_spec",
    "granularity",
    "implied_rounds_per_day",
    "implied_rounds_per_transfer",
    "interpret",
    "length_fill_fraction",
    "lognormal",
    "loguniform",
    "mixed_capacity_rounds",
    "mixture",
    "model_function",
    "munition",
    "normal",
    "parse_claim",
    "payload_limited_rounds",
    "pert",
    "point",
    "rounds_from_containers",
    "rounds_from_transfers",
    "rounds_in_containers",
    "rounds_per_container",
    "rounds_per_day_from_tubes",
    "rounds_per_transfer",
    "stock_rounds",
    "transfer_cadence",
    "transfers_per_month",
    "triangular",
    "truncated",
    "uniform",
    "volume_limited_rounds",
]
