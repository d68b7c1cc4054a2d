"""The robustness rule, fuzzed over every public entry point (issue 13 item 2).

**The rule.** Called with any value in any argument, a public function returns a sound
result (no NaN anywhere; every number finite unless the function documents an infinity)
or raises a ``ValueError`` (or a subclass: ``ClaimParseError``, ``LimitError``,
``FloatRangeError``, ``DataFileError``, pydantic's ``ValidationError``) whose message
names the argument (its name, or the value itself). Any other exception fails, and so does
a warning: pytest runs with warnings as errors.

**What is tried.** Each entry point has a valid baseline call; each example replaces one
argument with a value from :func:`munitions_model.strategies.edge_values` (NaN, infinities,
signed zeros, subnormals, 1e308, integers beyond float64, ``Decimal``, ``Fraction``, numpy
scalars of every real dtype, text, containers, arrays, dates, pandas objects), or with a
generated value of the right kind (phrases, token soups, distributions, JSON with one field
mutated). The entry points are every name of ``munitions_model.__all__`` that takes input
and the main functions one module down (see ``ENTRIES``): the ledger's constructors (on
generated rows, CSV files and frames), ``infer`` and ``backtest`` on generated ledgers of
zero to three rows (16 draws after 16 of warm-up), ``packing=`` wherever it is taken, and
the command line, whose rule is the same in its own terms: exit 0, or exit 2 with one line
on stderr (JSON under ``--json``), never a traceback.

The options of the consistency check and the load estimates (``OPTION_ENTRIES``):
``check_consistency``'s ``munition``, ``container``, ``fill_fraction``, ``mix``, ``links``,
``max_findings``, ``hedges`` and ``catalogue`` (catalogues that lack the default munition or
container, and things that are no catalogue), and ``mix=`` and ``catalogue=`` of
``rounds_per_container`` and ``rounds_from_containers``.

**The methods of results** (``METHODS``, `test_method_obeys_the_rule`): each example draws
a holder, then calls one method with one argument replaced; a refusal must name the
argument as a word (``q`` alone, not the q of "quantile"), or say that the holder was
rebuilt from its summary and must be rerun. The holders: estimates of every kind (kept
draws in logs or not, exact, chunked, QMC, with infinite draws, and each rebuilt from its
``to_dict()``), distributions of every kind (ordinary and from 1e-300 to 1e300),
posteriors and back-tests (a rate and a cumulative subject, and fits on generated ledgers),
stock projections (running out, refilled, lasting, rebuilt from JSON), Sobol indices, a
sweep, a tornado and the published conversions. The methods: ``Estimate.quantile``,
``interval``, ``prob_above``, ``prob_below``, ``as_distribution``, ``to_dict`` (read back
from its JSON), ``summary``/``str``/``Spread.of``; every distribution's ``cdf``, ``sf``,
``ppf``, ``quantile``, ``interval``, ``sample`` (``samples=``, ``seed=``), ``from_normal``,
``log_from_normal``, ``with_unit``, ``str``/``support``/``to_json``/``Spread.of``;
``Posterior.quantile``, ``interval``, ``predict``, ``period_draws``, ``step_rates``,
``to_rows``/``source_rows``/``median``/``tau_draws``; ``Backtest.coverage``,
``baseline_coverage``, ``to_rows``/``summary``/``crps``; ``StockProjection.band``,
``depletion_quantile``, ``depletion_date``, ``prob_depleted_by``, its paths and its JSON;
``SobolIndices.first_order``, ``total_order``, ``SweepResult.array``, the sensitivity
results' JSON; ``Conversion.check`` and ``ConsistencyReport.to_text``.

**How long.** A run tries `EXAMPLES` inputs per entry point: 15 (about 6 s), or 8 under the
``ci`` hypothesis profile of the default CI test step (about 3 s; tests/budgets.py), which
keeps 178 of the 230 arcs the 15 add to the rest of that run. The ``ci-full`` step of
``.ci/run`` (``pytest -m hypothesis``) tries the 15. The big campaign raises that and
writes the counts::

    ROBUSTNESS_EXAMPLES=500 ROBUSTNESS_COUNTS=robustness.json \\
        python -m pytest tests/test_robustness.py -p no:cacheprovider

``ROBUSTNESS_COUNTS`` names a JSON file that receives the number of inputs tried per entry
point (every call counted, including hypothesis' shrinking).
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import importlib
import importlib.util
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from budgets import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import munitions_model as mm
from munitions_model import _validation, limits
from munitions_model import distributions as dist
from munitions_model import strategies as mst
from munitions_model.cli import main as cli_main
from munitions_model.ledger import COLUMNS, Ledger

EXAMPLES = int(os.environ.get("ROBUSTNESS_EXAMPLES", examples(15, ci=8)))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
COUNTS: collections.Counter[str] = collections.Counter()
#: Limits the fuzzing runs under: a legal but huge request (samples=10**7) is refused by a
#: LimitError at once instead of running for a minute; the limits themselves are tested in
#: tests/test_limits.py.
TIGHT = {"samples": 2**16, "path_days": 2**22, "transfers": 10**5, "mixture_components": 50}
START = dt.date(2023, 8, 1)
SAMPLES = 512  # draws per estimate: enough to exercise every path, quick


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    yield
    target = os.environ.get("ROBUSTNESS_COUNTS")
    if target:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(dict(sorted(COUNTS.items())), out, indent=1)


# -- the rule ---------------------------------------------------------------------------


def _names(message: str, names: tuple[str, ...], value: object) -> bool:
    """Whether an error message names the argument: one of its names, or the value."""
    if any(name in message for name in names):
        return True
    shown = _validation.shown(value)
    if shown in message:
        return True
    if isinstance(value, list | tuple) and any(_names(message, (), item) for item in value):
        return True  # an element of a list, named by its value
    try:
        text = str(value).strip()
    except ValueError:  # an int too long to print
        return False
    return bool(text) and (text[:40] in message or (len(text) > 16 and text[:16] in message))


def _sound(result: object, where: str = "result") -> None:
    """No NaN anywhere in ``result``; estimates and distributions are summarised (a
    summary beyond float64 may refuse with FloatRangeError: it says so)."""
    if isinstance(result, bool | int | str | bytes | dt.date | type(None)):
        return
    if isinstance(result, float | np.floating):
        assert not math.isnan(result), f"NaN in {where}"
        return
    if isinstance(result, np.ndarray):
        if result.dtype.kind == "f":
            assert not np.isnan(result).any(), f"NaN in {where}"
        return
    if isinstance(result, Ledger):
        _sound(result.to_rows(), where)
        return
    if isinstance(result, (mm.Estimate, *dist.DISTRIBUTION_TYPES)):
        _summary(result, where)
    if isinstance(result, BaseModel):
        _sound(result.model_dump(), where)
        return
    if isinstance(result, Mapping):
        for key, value in result.items():
            _sound(value, f"{where}[{key!r}]")
        return
    if isinstance(result, list | tuple):
        for i, value in enumerate(result):
            _sound(value, f"{where}[{i}]")


def _summary(thing: Any, where: str) -> None:
    try:
        low, high = thing.interval(0.9)
        median = thing.median
        mean = thing.mean
    except limits.FloatRangeError:
        return
    except ValueError as err:  # an estimate rebuilt without draws or summary says so
        if not (isinstance(thing, mm.Estimate) and "rerun the estimate" in str(err)):
            raise
        return
    for value in (low, median, high, mean):
        assert not math.isnan(value), f"NaN in the summary of {where}"
    assert low <= median <= high, f"{where}: median {median} outside [{low}, {high}]"


def _obeys_the_rule(
    entry: Entry, call: Callable[[], object], names: tuple[str, ...], value: object
) -> None:
    COUNTS[entry.name] += 1
    try:
        with limits.override(**TIGHT):
            result = call()
    except ValueError as err:
        refusal: ValueError | None = err
    else:
        refusal = None
    if refusal is not None:
        message = str(refusal)
        assert _names(message, names, value), (
            f"{entry.name}: {type(refusal).__name__} does not name {names[0]} "
            f"(value {_validation.shown(value)}): {message[:300]}"
        )
        return
    _sound(result, entry.name)
    if entry.check is not None:
        entry.check(result)


# -- the entry points --------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A public callable, a valid baseline call, and how to vary it.

    ``base`` holds keyword arguments (the first positional ones under their parameter
    names); ``aliases`` lists other names an error may use for an argument (a wrapper's
    ``stock`` is the model's ``stock_rounds``); ``kinds`` gives an argument its own
    strategy beside `edge_values` (phrases for a quantity, distributions ...)."""

    name: str
    fn: Callable[..., object]
    base: Mapping[str, object]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: Mapping[str, st.SearchStrategy[object]] = field(default_factory=dict)
    check: Callable[[object], None] | None = None
    only: frozenset[str] = frozenset()


def _quantity() -> st.SearchStrategy[object]:
    """What a concept-named argument accepts, drawn widely: phrases, token soups,
    distributions (ordinary and extreme), numbers."""
    return st.one_of(
        mst.phrases().map(lambda p: p.text),
        mst.token_soups(),
        mst.distributions(),
        mst.distributions(low=1e-300, high=1e300),
        st.floats(0, 1e12),
    )


STOCK = "more than one million rounds"
DURATION = "around two months"
RATE = "about 10,000 rounds a day"
CONTROLS = {"samples": SAMPLES, "seed": 1}
QUANTITY_ALIASES = {
    "stock": ("stock_rounds",),
    "duration": ("duration_days",),
    "burn_rate": ("rounds_per_day",),
    "production": ("production_rounds_per_day",),
}


def _estimate(stock_rounds: object, rounds_per_day: object, **options: Any) -> object:
    return mm.estimate(
        mm.duration_days,
        {"stock_rounds": stock_rounds, "rounds_per_day": rounds_per_day},
        **options,
    )


def _check_duration(result: object) -> None:
    # duration_days with finite inputs: no NaN; inf only where the rate is zero.
    assert isinstance(result, np.ndarray)


def _distribution_methods(
    d: object, q: object, level: object, x: object, u: object, samples: object
) -> object:
    assert isinstance(d, dist.DISTRIBUTION_TYPES)
    return (
        d.quantile(q),  # type: ignore[arg-type]
        d.interval(level),  # type: ignore[arg-type]
        d.cdf(x),  # type: ignore[arg-type]
        d.sf(x),  # type: ignore[arg-type]
        d.ppf(u),  # type: ignore[arg-type]
        d.sample(samples, seed=1),  # type: ignore[arg-type]
    )


def _monotone_quantiles(result: object) -> None:
    assert isinstance(result, tuple)
    low, high = result[1]
    assert low <= high


def _figures(rows: object) -> object:
    return mm.record.load_figures(rows)  # type: ignore[arg-type]


FIGURE_ROW = {
    "id": "x",
    "subject": "russia_fire_rate",
    "period": "2023",
    "qualifier": "about",
    "value": "5000",
    "unit": "rounds/day",
    "who": "someone",
}

# -- the ledger, inference and backtests ---------------------------------------------------

SUBJECT = "russia_fire_rate"
LEDGER_ROWS = [
    {
        "phrase": "about 10,000 rounds a day",
        "subject": SUBJECT,
        "period_start": "2024-03",
        "reported_on": "2024-04-02",
        "who": "US official",
    },
    {
        "phrase": "about 20,000 rounds a day",
        "subject": SUBJECT,
        "period_start": "2024-05",
        "reported_on": "2024-06-02",
        "who": "UK MoD",
    },
]
LEDGER = Ledger.from_rows(LEDGER_ROWS)
FIT = {"seed": 1, "samples": 16, "warmup": 16}  # tiny: each example runs in milliseconds


def _cells() -> st.SearchStrategy[object]:
    """A ledger cell: a phrase, a date (good, partial or bad), a subject, an edge value."""
    return st.one_of(
        mst.phrases().map(lambda p: p.text),
        st.sampled_from(["2023", "2023-08", "2023-02-30", "9999-12-31", "0000", "2023-13", ""]),
        st.sampled_from([SUBJECT, "nk_to_russia_rounds", "dud_fraction", "nobody"]),
        st.integers(-(10**30), 10**30).map(str),
        mst.edge_values(),
    )


def _rows() -> st.SearchStrategy[list[dict[str, object]]]:
    """Ledger rows: the two good rows with cells replaced, missing or added."""
    row = st.builds(
        lambda base, extra, dropped: {
            **{k: v for k, v in base.items() if k not in dropped},
            **extra,
        },
        st.sampled_from(LEDGER_ROWS),
        st.dictionaries(
            st.sampled_from([*COLUMNS, "id", "unit", "status", "x"]), _cells(), max_size=3
        ),
        st.sets(st.sampled_from(sorted(COLUMNS)), max_size=2),
    )
    return st.lists(row, max_size=3)


def _ledgers() -> st.SearchStrategy[object]:
    """Ledgers of zero, one or a few generated rows (most rows are problems)."""
    return _rows().map(Ledger.from_rows)


def _csv_text(rows: list[dict[str, object]], header: list[str]) -> str:
    lines = [",".join(header)]
    for row in rows:
        cells = [str(row.get(name, "")).replace('"', '""') for name in header]
        lines.append(",".join(f'"{c}"' for c in cells))
    return "\n".join(lines) + "\n"


_CSV_DIR = tempfile.mkdtemp(prefix="robust-ledger-")


def _ledger_from_csv(text: object) -> object:
    """Write ``text`` (str, or bytes as they come) to a file and read it as a ledger."""
    path = os.path.join(_CSV_DIR, "ledger.csv")
    data = text if isinstance(text, bytes) else str(text).encode("utf-8", "surrogatepass")
    with open(path, "wb") as out:
        out.write(data)
    return Ledger.from_csv(path)


def _csv_files() -> st.SearchStrategy[object]:
    """CSV files: generated rows under a header (phrase column kept or dropped), raw bytes
    that are not UTF-8, stray quotes and NUL characters."""
    header = st.lists(st.sampled_from([*COLUMNS, "id", "x"]), min_size=1, max_size=8, unique=True)
    return st.one_of(
        st.builds(_csv_text, _rows(), header),
        st.builds(_csv_text, _rows(), st.just(list(COLUMNS))),
        st.binary(max_size=64),
        st.text(max_size=64).map(lambda t: "phrase,subject\n" + t),
    )


def _from_frame(frame: object) -> object:
    return Ledger.from_frame(frame)


def _frames() -> st.SearchStrategy[object]:
    """Frames of generated rows (pandas, where installed: the ``frames`` extra)."""
    pandas = importlib.import_module("pandas")
    return _rows().map(lambda rows: pandas.DataFrame(rows, columns=list(COLUMNS)))


HAVE_PANDAS = importlib.util.find_spec("pandas") is not None


def _select(subject: object, before: object, since: object) -> object:
    return LEDGER.select(subject, before=before, since=since)  # type: ignore[arg-type]


# -- packings and the command line ----------------------------------------------------------


def _packings() -> st.SearchStrategy[object]:
    """``packing=``: names (known, unknown), weights (good, bad, empty), edge values."""
    names = st.sampled_from(["complete", "separate", "projectile", "crate", ""])
    return st.one_of(
        names,
        st.dictionaries(names, st.one_of(st.floats(0, 1), mst.edge_values()), max_size=3),
        st.just({"complete": 0.5, "projectile": 0.5}),
        st.dictionaries(mst.edge_values().filter(lambda v: _hashable(v)), st.just(1.0), max_size=1),
    )


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _triples() -> st.SearchStrategy[object]:
    """``(claim, subject, period)`` triples, each part good, bad or an edge value."""
    claim = st.one_of(st.sampled_from([STOCK, "about 1,000 containers", RATE]), _quantity())
    subject = st.one_of(
        st.sampled_from(["nk_to_russia_rounds", "nk_to_russia_containers", SUBJECT, "x"]),
        mst.edge_values(),
    )
    period = st.one_of(st.sampled_from(["2023", "2023-08", "late 2023", None]), mst.edge_values())
    return st.lists(st.tuples(claim, subject, period), min_size=1, max_size=3)


def _cli(argv: list[str]) -> object:
    """Run the command line; it must exit 0, or 2 with one line on stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli_main(argv)
    except SystemExit as stop:  # --help and friends
        status = stop.code if isinstance(stop.code, int) else 2
    lines = err.getvalue().splitlines()
    assert status in (0, 2), f"exit status {status} for {argv}: {err.getvalue()[:300]}"
    if status == 2:
        assert len(lines) == 1, f"{len(lines)} lines on stderr for {argv}: {err.getvalue()[:300]}"
        if "--json" in argv:
            json.loads(lines[0])
    else:
        assert "Traceback" not in err.getvalue()
        if "--json" in argv and "--help" not in argv and out.getvalue().strip():  # help: text
            json.loads(out.getvalue(), parse_constant=_no_constant)  # strict JSON
    return status


def _no_constant(name: str) -> object:
    raise AssertionError(f"non-standard JSON constant {name}")


_WORDS = st.one_of(
    st.sampled_from(
        [
            "estimate",
            "capacity",
            "check",
            "figures",
            "--json",
            "--help",
            "--facts",
            "--stock",
            "--duration",
            "--burn-rate",
            "--production",
            "--dud-fraction",
            "--munition",
            "--container",
            "--fill-fraction",
            "--mix",
            "--packing",
            "--containers",
            "--subject",
            "--method",
            "--seed",
            STOCK,
            DURATION,
            RATE,
            "about 1,000 containers",
            "152mm",
            "122mm",
            "20ft",
            "complete",
            "projectile",
            "152mm=0.7,122mm=0.3",
            "about half",
            "0.8",
            "mc",
            "qmc",
            "1e308",
            "1e-308",
            "-5",
            "nan",
            "inf",
            "0",
            "",
            "-",
            "--",
            SUBJECT,
        ]
    ),
    mst.phrases().map(lambda p: p.text),
    st.text(max_size=12),
    mst.edge_numbers().map(str),
)


def _argvs() -> st.SearchStrategy[object]:
    """Command lines: a command, then words and options in any order; small samples."""
    command = st.sampled_from([[], ["estimate"], ["capacity"], ["check"], ["figures"]])
    return st.builds(
        lambda c, rest: [*c, *rest, "--samples", "64"] if c and c != ["figures"] else [*c, *rest],
        command,
        st.lists(_WORDS, max_size=6),
    )


#: Two figures that a relation links (rounds and the containers they came in): the valid
#: baseline of check_consistency given (claim, subject, period) triples.
LINKED = [
    (STOCK, "nk_to_russia_rounds", "2023"),
    ("about 1,000 containers", "nk_to_russia_containers", "2023"),
]

ENTRIES: tuple[Entry, ...] = (
    # the front door
    Entry(
        "parse_claim",
        mm.parse_claim,
        {"text": STOCK},
        aliases={"text": ("phrase",)},
        kinds={"text": _quantity()},
    ),
    Entry("interpret", mm.interpret, {"claim": mm.parse_claim(STOCK)}),
    Entry("lognormal", mm.lognormal, {"low": 1.0, "high": 2.0, "level": 0.9}),
    Entry(
        "estimate",
        _estimate,
        {"stock_rounds": STOCK, "rounds_per_day": RATE, **CONTROLS, "method": "mc"},
        kinds={"stock_rounds": _quantity(), "rounds_per_day": _quantity()},
    ),
    Entry(
        "estimate_burn_rate",
        mm.estimate_burn_rate,
        {"stock": STOCK, "duration": DURATION, "dud_fraction": None, **CONTROLS},
        aliases={**QUANTITY_ALIASES, "correlation": ("correlation",)},
        kinds={"stock": _quantity(), "duration": _quantity()},
    ),
    Entry(
        "estimate_duration",
        mm.estimate_duration,
        {"stock": STOCK, "burn_rate": RATE, "production": None, **CONTROLS, "method": "qmc"},
        aliases=QUANTITY_ALIASES,
        kinds={"stock": _quantity(), "burn_rate": _quantity(), "production": _quantity()},
    ),
    Entry(
        "estimate_stock",
        mm.estimate_stock,
        {"burn_rate": RATE, "duration": DURATION, **CONTROLS, "chunk": 128},
        aliases=QUANTITY_ALIASES,
        kinds={"burn_rate": _quantity(), "duration": _quantity()},
    ),
    Entry(
        "duration_days",
        mm.duration_days,
        {"stock_rounds": [1e6, 2e6], "rounds_per_day": 1e4, "production_rounds_per_day": 0.0},
        check=_check_duration,
    ),
    Entry(
        "implied_rounds_per_day",
        mm.implied_rounds_per_day,
        {"stock_rounds": 1e6, "duration_days": 60.0},
    ),
    Entry(
        "rounds_per_container",
        mm.rounds_per_container,
        {"munition": "152mm", "container": "20ft", **CONTROLS},
    ),
    Entry(
        "rounds_from_containers",
        mm.rounds_from_containers,
        {"containers": "more than 1,000 containers", "fill_fraction": 1.0, **CONTROLS},
        kinds={"containers": _quantity()},
    ),
    Entry(
        "check_consistency",
        mm.check_consistency,
        {"claims": ["more than 1,000 containers", STOCK], **CONTROLS},
        kinds={"claims": st.lists(_quantity().filter(lambda v: isinstance(v, str)), max_size=3)},
    ),
    Entry(
        "project_stock",
        mm.project_stock,
        {
            "stock": STOCK,
            "burn_rate": RATE,
            "deliveries": [("2023-09-01", 1e5)],
            "production": None,
            "start": START,
            "horizon_days": 60,
            "samples": 64,
            "seed": 1,
            "quantiles": (0.05, 0.5, 0.95),
        },
        aliases={"deliveries": ("delivery",)},
        kinds={"stock": _quantity(), "burn_rate": _quantity()},
    ),
    Entry("seed_report", mm.seed_report, {"samples": SAMPLES, "seed": 1}),
    Entry(
        "Claim",
        mm.Claim,
        {"value": 5.0, "qualifier": "about", "unit": "rounds"},
    ),
    # (HedgeModel is the base of the readings: its fields are fuzzed through a reading)
    Entry("HedgeModel", mm.hedges.GranularityHedges, {"about_steps": 1.0, "min_points": 2}),
    Entry("extract_claims", mm.extract_claims, {"text": "Russia fired about 10,000 shells a day."}),
    Entry("Source", mm.Source, {"who": "ROK NIS", "when": "2023-11-01", "url": None}),
    # one module down: distributions
    Entry("distributions.point", dist.point, {"value": 3.0}),
    Entry("distributions.uniform", dist.uniform, {"low": 1.0, "high": 2.0}),
    Entry("distributions.loguniform", dist.loguniform, {"low": 1.0, "high": 2.0}),
    Entry("distributions.normal", dist.normal, {"low": 1.0, "high": 2.0, "level": 0.9}),
    Entry("distributions.pert", dist.pert, {"low": 1.0, "mode": 2.0, "high": 4.0, "lam": 4.0}),
    Entry("distributions.triangular", dist.triangular, {"low": 1.0, "mode": 2.0, "high": 4.0}),
    Entry(
        "distributions.truncated",
        dist.truncated,
        {"base": mm.lognormal(1.0, 10.0), "low": 2.0, "high": None},
        kinds={"base": mst.distributions()},
    ),
    Entry(
        "distributions.mixture",
        dist.mixture,
        {"components": [dist.point(5.0), mm.lognormal(1.0, 10.0)], "weights": [0.5, 0.5]},
        kinds={"components": st.lists(mst.distributions(), min_size=1, max_size=3)},
    ),
    Entry("distributions.empirical", dist.empirical, {"values": [1.0, 2.0, 3.0]}),
    Entry(
        "distribution methods",
        _distribution_methods,
        {
            "d": mm.lognormal(1.0, 10.0),
            "q": 0.3,
            "level": 0.9,
            "x": 2.0,
            "u": [0.1, 0.9],
            "samples": 16,
        },
        aliases={"d": ("d",), "x": ("x",), "u": ("u",)},
        kinds={"d": mst.distributions()},
        check=_monotone_quantiles,
        only=frozenset({"d"}),
    ),
    # sensitivity
    Entry(
        "sensitivity.tornado",
        mm.sensitivity.tornado,
        {
            "fn": mm.implied_rounds_per_day,
            "inputs": {"stock_rounds": STOCK, "duration_days": DURATION},
            "low": 0.05,
            "high": 0.95,
        },
    ),
    Entry(
        "sensitivity.elasticities",
        mm.sensitivity.elasticities,
        {"fn": mm.implied_rounds_per_day, "at": {"stock_rounds": STOCK, "duration_days": DURATION}},
    ),
    Entry(
        "sensitivity.sobol",
        mm.sensitivity.sobol,
        {
            "fn": mm.implied_rounds_per_day,
            "inputs": {"stock_rounds": STOCK, "duration_days": DURATION},
            "samples": 256,
            "seed": 1,
            "resamples": 20,
        },
    ),
    Entry(
        "sensitivity.sweep",
        mm.sensitivity.sweep,
        {
            "fn": mm.duration_days,
            "grid": {"rounds_per_day": [1e4, 2e4]},
            "inputs": {"stock_rounds": STOCK},
            "samples": 256,
            "seed": 1,
        },
    ),
    Entry(
        "sensitivity.wording_sensitivity",
        mm.sensitivity.wording_sensitivity,
        {"phrase": DURATION},
        kinds={"phrase": _quantity()},
    ),
    # logistics and capacity
    Entry(
        "logistics.rounds_per_transfer",
        mm.logistics.rounds_per_transfer,
        {"rounds": STOCK, "transfers": "at least 10 transfers", **CONTROLS},
        kinds={"rounds": _quantity(), "transfers": _quantity()},
    ),
    Entry(
        "logistics.transfer_cadence",
        mm.logistics.transfer_cadence,
        {
            "transfers": "at least 10 transfers",
            "since": "2023-08",
            "reported_on": "2023-11-01",
            **CONTROLS,
        },
    ),
    Entry(
        "logistics.rounds_from_tonnes",
        mm.logistics.rounds_from_tonnes,
        {"tonnes": "about 1,000 tonnes", **CONTROLS},
        kinds={"tonnes": _quantity()},
    ),
    Entry(
        "logistics.containers_for_rounds",
        mm.logistics.containers_for_rounds,
        {"rounds": STOCK, **CONTROLS},
        kinds={"rounds": _quantity()},
    ),
    Entry(
        "logistics.elapsed_days",
        mm.logistics.elapsed_days,
        {"since": "2023-08", "reported_on": "2023-11-01"},
    ),
    Entry(
        "capacity.carrier_capacity_rounds",
        mm.capacity.carrier_capacity_rounds,
        {
            "payload_kg": 21_700.0,
            "packed_mass_kg": 60.0,
            "volume_m3": 33.0,
            "packed_volume_m3": 0.05,
        },
    ),
    Entry(
        "capacity.rounds_in_containers",
        mm.capacity.rounds_in_containers,
        {"containers": 1000.0, "rounds_per_container": 300.0, "fill_fraction": 1.0},
    ),
    Entry(
        "capacity.length_fill_fraction",
        mm.capacity.length_fill_fraction,
        {"length_m": 5.9, "packed_length_m": 3.0},
    ),
    # model
    Entry(
        "model.effective_stock",
        mm.model.effective_stock,
        {"stock_rounds": 1e6, "dud_fraction": 0.5},
    ),
    Entry(
        "model.stock_rounds", mm.model.stock_rounds, {"rounds_per_day": 1e4, "duration_days": 60.0}
    ),
    Entry(
        "model.rounds_per_day_from_tubes",
        mm.model.rounds_per_day_from_tubes,
        {"tubes": 5000.0, "rounds_per_tube_per_day": 24.0},
    ),
    Entry(
        "model.transfers_per_month",
        mm.model.transfers_per_month,
        {"transfers": 10.0, "elapsed_days": 90.0},
    ),
    # stock over time
    Entry(
        "stockflow.Cadence",
        mm.stockflow.Cadence,
        {"rounds": STOCK, "transfers": 10, "start": "2023-08", "end": "2023-10"},
    ),
    Entry("stockflow.Phase", mm.stockflow.Phase, {"start": "2023-08-01", "rounds_per_day": 1e4}),
    # the record
    Entry(
        "record.load_figures",
        _figures,
        {"rows": [FIGURE_ROW]},
        kinds={
            "rows": st.lists(
                st.dictionaries(st.sampled_from(sorted(FIGURE_ROW)), mst.edge_values()), max_size=2
            )
        },
    ),
    Entry(
        "record.pooled", mm.record.pooled, {"subject": "russia_fire_rate", "period": "late 2023"}
    ),
    Entry("record.claims", mm.record.claims, {"subject": "russia_fire_rate"}),
    Entry("record.reported_figure", mm.record.reported_figure, {"figure_id": "seed-rounds"}),
    # the ledger, inference and backtests
    Entry(
        "Ledger.from_rows",
        Ledger.from_rows,
        {"rows": LEDGER_ROWS},
        kinds={"rows": _rows()},
    ),
    Entry(
        "Ledger.from_csv",
        _ledger_from_csv,
        {"text": _csv_text(LEDGER_ROWS, list(COLUMNS))},
        aliases={"text": ("ledger file", "robust-ledger-")},
        kinds={"text": _csv_files()},
        only=frozenset({"text"}),
    ),
    *(
        [
            Entry(
                "Ledger.from_frame",
                _from_frame,
                {"frame": None},
                kinds={"frame": _frames()},
                only=frozenset({"frame"}),
            )
        ]
        if HAVE_PANDAS
        else []
    ),
    Entry("Ledger.select", _select, {"subject": SUBJECT, "before": "2024-05", "since": None}),
    Entry(
        "infer",
        mm.infer,
        {"ledger": LEDGER, "subject": SUBJECT, **FIT, "freq": "month", "start": None, "end": None},
        aliases={"ledger": ("usable report",)},
        kinds={"ledger": _ledgers()},
    ),
    Entry(
        "backtest",
        mm.backtest,
        {"ledger": LEDGER, "subject": SUBJECT, "cutoff": "2024-05-01", **FIT},
        aliases={"ledger": ("cutoff",), "subject": ("cutoff",)},
        kinds={"ledger": _ledgers(), "cutoff": st.dates().map(dt.date.isoformat)},
    ),
    # packings
    Entry(
        "rounds_per_container packing",
        functools.partial(mm.rounds_per_container, "152mm", "20ft", **CONTROLS),
        {"packing": "complete"},
        kinds={"packing": _packings()},
        only=frozenset({"packing"}),
    ),
    Entry(
        "rounds_from_containers packing",
        functools.partial(mm.rounds_from_containers, "more than 1,000 containers", **CONTROLS),
        {"packing": None},
        kinds={"packing": _packings()},
        only=frozenset({"packing"}),
    ),
    Entry(
        "logistics.containers_for_rounds packing",
        functools.partial(mm.logistics.containers_for_rounds, STOCK, **CONTROLS),
        {"packing": "projectile"},
        kinds={"packing": _packings()},
        only=frozenset({"packing"}),
    ),
    Entry(
        "check_consistency packing",
        functools.partial(mm.check_consistency, ["more than 1,000 containers", STOCK], **CONTROLS),
        {"packing": None},
        kinds={"packing": _packings()},
        only=frozenset({"packing"}),
    ),
    # check_consistency given a ledger or triples
    Entry(
        "check_consistency figures",
        functools.partial(mm.check_consistency, **CONTROLS),
        {"claims": LINKED},
        aliases={"claims": ("claim", "subject", "period", "figure")},
        kinds={"claims": st.one_of(_triples(), _ledgers())},
        only=frozenset({"claims"}),
    ),
    # the command line
    Entry("cli.main", _cli, {"argv": []}, kinds={"argv": _argvs()}, only=frozenset({"argv"})),
)


def _values(entry: Entry, argument: str) -> st.SearchStrategy[object]:
    """What an argument is fuzzed with: edge values, and its own kind if it has one."""
    if argument in entry.only:
        return entry.kinds[argument]
    if argument in entry.kinds:
        return st.one_of(mst.edge_values(), entry.kinds[argument])
    return mst.edge_values()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
@FUZZ
@given(data=st.data())
def test_entry_point_obeys_the_rule(entry: Entry, data: st.DataObject) -> None:
    _try_entry(entry, data)


def _try_entry(entry: Entry, data: st.DataObject) -> None:
    """One example: one argument of the baseline call replaced by a drawn value."""
    argument = data.draw(st.sampled_from(sorted(entry.base)), label="argument")
    value = data.draw(_values(entry, argument), label="value")
    kwargs = {**entry.base, argument: value}
    names = (argument, *entry.aliases.get(argument, ()))
    _obeys_the_rule(entry, lambda: entry.fn(**kwargs), names, value)


def test_every_front_door_name_that_takes_input_is_fuzzed() -> None:
    # Names without input: constants, types used as annotations, the error class, and the
    # bundled ledger (no arguments); the ledger's inference is fuzzed by its own suite.
    skipped = {
        "__version__",
        "ClaimParseError",
        "Distribution",
        "Quantity",
        "Estimate",
        "Source",
        "bundled_ledger",
    }
    fuzzed = {e.name.split(".")[0] for e in ENTRIES} | {e.name for e in ENTRIES}
    assert set(mm.__all__) - skipped <= fuzzed


# -- JSON ---------------------------------------------------------------------------------


@FUZZ
@given(text=mst.distribution_jsons())
def test_distribution_json(text: str) -> None:
    # A refusal of JSON is pydantic's ValidationError, which locates the field it is about.
    entry = Entry("distribution_from_json", dist.distribution_from_json, {})
    _obeys_the_rule(entry, lambda: dist.distribution_from_json(text), ("",), text)


_ESTIMATES = {
    "mc": mm.estimate_burn_rate(STOCK, DURATION, samples=SAMPLES, seed=1, method="mc"),
    "analytic": mm.estimate_burn_rate(1e6, DURATION, seed=1),
    "chunked": mm.estimate_duration(STOCK, RATE, samples=SAMPLES, seed=1, chunk=128),
}


@FUZZ
@given(data=st.data())
def test_estimate_json(data: st.DataObject) -> None:
    est = _ESTIMATES[data.draw(st.sampled_from(sorted(_ESTIMATES)))]
    text = data.draw(mst.json_mutations(est.to_dict()))
    entry = Entry("Estimate JSON", mm.Estimate.model_validate_json, {})
    _obeys_the_rule(entry, lambda: mm.Estimate.model_validate_json(text), ("",), text)


_MODELS: dict[str, BaseModel] = {
    "Claim": mm.parse_claim(STOCK),
    "HedgeModel": mm.hedges.DEFAULT_HEDGES,
    "StockProjection": mm.project_stock(
        STOCK, RATE, start=START, horizon_days=5, samples=8, seed=1
    ),
}


@pytest.mark.parametrize("model", sorted(_MODELS))
@FUZZ
@given(data=st.data())
def test_model_json(model: str, data: st.DataObject) -> None:
    instance = _MODELS[model]
    text = data.draw(mst.json_mutations(instance.model_dump(mode="json")))
    kind = type(instance)
    entry = Entry(f"{model} JSON", kind.model_validate_json, {})
    _obeys_the_rule(entry, lambda: kind.model_validate_json(text), ("",), text)


# -- the strategies draw what they say -------------------------------------------------------


@FUZZ
@given(d=mst.distributions(1.0, 100.0))
def test_distributions_strategy_stays_in_its_range(d: Any) -> None:
    low, high = d.interval(0.9)
    assert 1.0 * (1 - 1e-9) <= low <= high <= 100.0 * (1 + 1e-9)


@FUZZ
@given(value=mst.numpy_scalars())
def test_numpy_scalars_are_numpy_reals(value: object) -> None:
    assert isinstance(value, np.integer | np.floating)


@FUZZ
@given(data=st.data())
def test_json_mutations_are_json(data: st.DataObject) -> None:
    document = {"a": 1.0, "b": [1, {"c": "x"}]}
    text = data.draw(mst.json_mutations(document))
    json.loads(text)  # NaN and Infinity as Python's json module writes them


# -- the methods of the results users hold -----------------------------------------------------
#
# The same rule for the methods of what the entry points return: each example draws a holder
# (an estimate, a distribution of any kind, a posterior or a back-test from a generated
# ledger, a projection, a sensitivity result, a published conversion), then calls one of its
# methods with the baseline arguments, one of them replaced as for an `Entry`. A method
# without arguments (``summary``, ``to_dict``, ``to_rows`` ...) is called as it is on every
# holder drawn. A refusal must name the argument as a word (``q``, not the q of "quantile").


@dataclass(frozen=True)
class Method:
    """A method of a result: where its holders come from and how to call it.

    ``call`` is the method's name (called with keyword arguments), or for methods without
    arguments a function of the holder that calls several; ``base`` holds a valid baseline
    of the keyword arguments (empty for a method that takes none); ``kinds`` gives an
    argument its own strategy beside `edge_values`; ``check(holder, result)`` checks a
    result beyond the rule (a probability in [0, 1], quantiles in order)."""

    name: str
    holders: st.SearchStrategy[Any]
    call: str | Callable[[Any], object]
    base: Mapping[str, object] = field(default_factory=dict)
    kinds: Mapping[str, st.SearchStrategy[object]] = field(default_factory=dict)
    check: Callable[[Any, Any], None] | None = None


class Held:
    """A holder drawn by its name, so that a failure prints the name, not the object."""

    def __init__(self, name: str, value: object) -> None:
        self.name, self.value = name, value

    def __repr__(self) -> str:
        return self.name


def _held(table: Mapping[str, object]) -> st.SearchStrategy[Held]:
    return st.sampled_from([Held(name, value) for name, value in sorted(table.items())])


#: What a refusal about the holder itself says (an estimate or a projection rebuilt from
#: its summary has no draws or paths to answer from): it need not name the argument.
_REBUILT = ("rerun the estimate", "rerun project_stock")


def _as_word(message: str, names: tuple[str, ...], value: object) -> bool:
    """`_names`, with each name as a word: a one-letter name such as ``q`` or ``x`` is in
    almost any message, so it counts only where it stands alone."""
    for name in names:
        if re.search(rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", message):
            return True
    return _names(message, (), value)


def _named_as_a_word(
    call: Callable[[], object], names: tuple[str, ...], value: object
) -> Callable[[], object]:
    def run() -> object:
        try:
            return call()
        except ValueError as err:
            if not _as_word(str(err), names, value) and not any(
                why in str(err) for why in _REBUILT
            ):
                raise AssertionError(
                    f"{type(err).__name__} does not name {names[0]} as a word "
                    f"(value {_validation.shown(value)}): {str(err)[:300]}"
                ) from err
            raise

    return run


def _probability(holder: object, result: object) -> None:
    assert isinstance(result, float), result
    assert 0.0 <= result <= 1.0, result


def _ordered_pair(holder: object, result: object) -> None:
    low, high = result  # type: ignore[misc]
    assert np.all(np.asarray(low) <= np.asarray(high)), (low, high)


def _probabilities(holder: object, result: object) -> None:
    values = np.asarray(result)
    assert ((values >= 0.0) & (values <= 1.0)).all(), values


def _in_support(holder: Any, result: object) -> None:
    lo, hi = holder.support
    values = np.asarray(result)
    assert ((values >= lo) & (values <= hi)).all(), (lo, hi, values)


# Estimates of every kind a user holds: kept draws (in logs and not), exact, chunked,
# with infinite draws (production can cover the fire rate), and rebuilt from to_dict().
_HELD = {
    **_ESTIMATES,
    "qmc": mm.estimate_duration(STOCK, RATE, samples=SAMPLES, seed=1, method="qmc"),
    "infinite": mm.estimate_duration(
        STOCK, RATE, production="about 9,000 rounds a day", samples=SAMPLES, seed=1
    ),
}
_HELD |= {
    f"{name} rebuilt": mm.Estimate.model_validate(est.to_dict()) for name, est in _HELD.items()
}
ESTIMATES = _held(_HELD)
#: A mixture of components from 1e-300 to 1e300 (a lognormal of sigma 200) may take 10-20 s
#: to build its sampling table (its quantile solver runs to its iteration cap), so the
#: default run draws extreme mixtures for no method; the campaign (ROBUSTNESS_EXAMPLES set)
#: draws them too.
_EXTREME = mst.distributions(low=1e-300, high=1e300)
DISTRIBUTIONS = st.one_of(
    mst.distributions(),
    _EXTREME
    if "ROBUSTNESS_EXAMPLES" in os.environ
    else _EXTREME.filter(lambda d: not isinstance(d, dist.Mixture)),
)


def _fitted(
    rows: list[dict[str, object]], fit: Callable[[Ledger], object], fallback: object
) -> object:
    """``fit`` on a ledger of generated rows, or ``fallback`` where that is refused (most
    generated ledgers are: the entry points ``infer`` and ``backtest`` fuzz that)."""
    try:
        return fit(Ledger.from_rows(rows))
    except ValueError:
        return fallback


#: A cumulative subject (deliveries since an origin), beside the rate of LEDGER.
CUMULATIVE = "nk_to_russia_rounds"
TOTALS = Ledger.from_rows(
    [
        {
            "phrase": "more than one million rounds",
            "subject": CUMULATIVE,
            "period_start": "2023-08",
            "reported_on": "2023-11-01",
            "who": "ROK NIS",
        },
        {
            "phrase": "more than 3 million rounds",
            "subject": CUMULATIVE,
            "period_start": "2023-08",
            "reported_on": "2024-02-26",
            "who": "ROK MND",
        },
    ]
)
_POSTERIORS = (mm.infer(LEDGER, SUBJECT, **FIT), mm.infer(TOTALS, CUMULATIVE, **FIT))
_BACKTESTS = (
    mm.backtest(LEDGER, SUBJECT, "2024-05-01", **FIT),
    mm.backtest(TOTALS, CUMULATIVE, "2024-01-01", **FIT),
)
POSTERIORS = st.one_of(
    st.sampled_from(_POSTERIORS),
    st.builds(
        _fitted,
        _rows(),
        st.just(lambda ledger: mm.infer(ledger, SUBJECT, **FIT)),
        st.just(_POSTERIORS[0]),
    ),
)
BACKTESTS = st.one_of(
    st.sampled_from(_BACKTESTS),
    st.builds(
        _fitted,
        _rows(),
        st.just(lambda ledger: mm.backtest(ledger, SUBJECT, "2024-05-01", **FIT)),
        st.just(_BACKTESTS[0]),
    ),
)

#: Projections: one that runs out, one refilled by production, one that lasts the
#: horizon, and one rebuilt from its JSON (no paths).
_PROJECTIONS = (
    mm.project_stock(
        STOCK, RATE, [("2023-09-01", 1e5)], start=START, horizon_days=60, samples=64, seed=1
    ),
    mm.project_stock(
        "about 100,000 rounds",
        RATE,
        production="about 8,000 rounds a day",
        start=START,
        horizon_days=40,
        samples=64,
        seed=2,
        quantiles=(0.1, 0.5),
    ),
    mm.project_stock(1e9, RATE, start=START, horizon_days=10, samples=16, seed=3),
)
_PROJECTIONS += (type(_PROJECTIONS[0]).model_validate_json(_PROJECTIONS[0].model_dump_json()),)
PROJECTIONS = _held(
    dict(zip(["runs out", "refilled", "lasts", "rebuilt"], _PROJECTIONS, strict=True))
)

SOBOL = mm.sensitivity.sobol(
    mm.implied_rounds_per_day,
    {"stock_rounds": STOCK, "duration_days": DURATION},
    samples=256,
    seed=1,
    resamples=20,
)
SWEEP = mm.sensitivity.sweep(
    mm.duration_days,
    {"rounds_per_day": [1e4, 2e4]},
    {"stock_rounds": STOCK},
    samples=256,
    seed=1,
)
SENSITIVITY = _held(
    {
        "sobol": SOBOL,
        "sweep": SWEEP,
        "tornado": mm.sensitivity.tornado(  # production covers the fire rate: inf days
            mm.duration_days,
            {
                "stock_rounds": STOCK,
                "rounds_per_day": RATE,
                "production_rounds_per_day": dist.uniform(0.0, 2e4),
            },
        ),
    }
)


def _rebuilt_from_json(est: mm.Estimate) -> object:
    """The estimate rebuilt from its ``to_dict()`` written as JSON (infinities as Python's
    json module writes them), and that written again."""
    return mm.Estimate.model_validate_json(json.dumps(est.to_dict())).to_dict()


def _same_dict(est: mm.Estimate, result: object) -> None:
    assert result == est.to_dict()


def _model_json(model: BaseModel) -> object:
    """The model rebuilt from its own JSON (strict: an infinity is a string)."""
    text = model.model_dump_json()
    json.loads(text, parse_constant=_no_constant)
    return type(model).model_validate_json(text)


def _same_dump(model: BaseModel, result: object) -> None:
    assert isinstance(result, BaseModel)
    assert result.model_dump() == model.model_dump()


CONVERSIONS = _held({c.id: c for c in mm.consistency.conversions()})

_PROBABILITY = st.floats(0.0, 1.0)
_DAY = st.one_of(st.dates(), st.dates().map(dt.date.isoformat), st.floats(-100, 1e4))


def _drawn_names(names: list[str]) -> st.SearchStrategy[object]:
    return st.one_of(st.sampled_from(names), st.text(max_size=12))


_LEVEL = {"level": _PROBABILITY}
_Q = {"q": _PROBABILITY}
_VALUES = {"x": st.lists(st.floats(-1e300, 1e300), max_size=3)}
_SCORES = {"z": st.one_of(st.floats(-40, 40), st.lists(st.floats(-40, 40), max_size=3))}
_SOBOL_NAMES = {"name": _drawn_names(["stock_rounds", "duration_days"])}

METHODS: tuple[Method, ...] = (
    # estimates
    Method("Estimate.quantile", ESTIMATES, "quantile", {"q": 0.3}, _Q),
    Method("Estimate.interval", ESTIMATES, "interval", {"level": 0.9}, _LEVEL, _ordered_pair),
    *(
        Method(f"Estimate.{m}", ESTIMATES, m, {"x": 1e3}, {"x": st.floats(-1e9, 1e9)}, _probability)
        for m in ("prob_above", "prob_below")
    ),
    Method("Estimate.as_distribution", ESTIMATES, lambda e: e.as_distribution()),
    Method("Estimate.to_dict", ESTIMATES, _rebuilt_from_json, check=_same_dict),
    Method(
        "Estimate.summary",
        ESTIMATES,
        lambda e: (e.summary(), str(e), mm.estimation.Spread.of(e).text()),
    ),
    # distributions of every kind
    *(
        Method(f"Distribution.{m}", DISTRIBUTIONS, m, {"x": 2.0}, _VALUES, _probabilities)
        for m in ("cdf", "sf")
    ),
    Method(
        "Distribution.ppf",
        DISTRIBUTIONS,
        "ppf",
        {"u": [0.1, 0.9]},
        {"u": st.lists(_PROBABILITY, max_size=3)},
        _in_support,
    ),
    Method("Distribution.quantile", DISTRIBUTIONS, "quantile", {"q": 0.3}, _Q, _in_support),
    Method(
        "Distribution.interval", DISTRIBUTIONS, "interval", {"level": 0.9}, _LEVEL, _ordered_pair
    ),
    Method(
        "Distribution.sample",
        DISTRIBUTIONS,
        "sample",
        {"samples": 16, "seed": 1},
        {"samples": st.integers(-2, 64), "seed": mst.seeds()},
        _in_support,
    ),
    Method(
        "Distribution.from_normal",
        DISTRIBUTIONS,
        "from_normal",
        {"z": [-1.0, 0.0, 1.0]},
        _SCORES,
        _in_support,
    ),
    Method(
        "Distribution.log_from_normal",
        DISTRIBUTIONS,
        "log_from_normal",
        {"z": [-1.0, 1.0]},
        _SCORES,
    ),
    Method(
        "Distribution.with_unit",
        DISTRIBUTIONS,
        "with_unit",
        {"unit": "rounds"},
        {"unit": st.sampled_from(["rounds", "days", "rounds/day", None])},
    ),
    Method(
        "Distribution.summary",
        DISTRIBUTIONS,
        lambda d: (str(d), d.support, d.to_json(), mm.estimation.Spread.of(d).text()),
    ),
    # posteriors and back-tests from small generated ledgers
    Method("Posterior.quantile", POSTERIORS, "quantile", {"q": 0.5}, _Q),
    Method("Posterior.interval", POSTERIORS, "interval", {"level": 0.9}, _LEVEL, _ordered_pair),
    Method(
        "Posterior.predict",
        POSTERIORS,
        "predict",
        {"start": "2024-03-01", "end": "2024-06", "source": None, "seed": 1},
        {"start": _DAY, "end": _DAY, "source": st.sampled_from(["US", "UK", "South Korea"])},
    ),
    Method(
        "Posterior.period_draws",
        POSTERIORS,
        "period_draws",
        {"start": "2024-03-01", "end": "2024-06-30", "seed": 1},
        {"start": _DAY, "end": _DAY},
    ),
    Method(
        "Posterior.step_rates",
        POSTERIORS,
        "step_rates",
        {"start": "2024-05-01", "horizon_days": 40, "index": np.arange(4), "seed": 1},
        {
            "start": _DAY,
            "horizon_days": st.integers(-1, 400),
            "index": st.lists(st.integers(-20, 20), max_size=3),
        },
    ),
    Method(
        "Posterior.rows",
        POSTERIORS,
        lambda p: (p.to_rows(), p.source_rows(), p.median, p.tau_draws, repr(p)),
    ),
    *(
        Method(f"Backtest.{m}", BACKTESTS, m, {"level": 0.9}, _LEVEL, _probability)
        for m in ("coverage", "baseline_coverage")
    ),
    Method(
        "Backtest.rows",
        BACKTESTS,
        lambda b: (b.to_rows(), b.summary(), b.crps, b.baseline_crps, repr(b)),
    ),
    # stock projections
    Method(
        "StockProjection.band",
        PROJECTIONS,
        "band",
        {"q": 0.5},
        {"q": st.one_of(st.sampled_from([0.05, 0.1, 0.5, 0.95]), _PROBABILITY)},
    ),
    *(
        Method(f"StockProjection.{m}", PROJECTIONS, m, {"q": 0.5}, _Q)
        for m in ("depletion_quantile", "depletion_date")
    ),
    Method(
        "StockProjection.prob_depleted_by",
        PROJECTIONS,
        "prob_depleted_by",
        {"when": "2023-09-15"},
        {"when": _DAY},
        _probability,
    ),
    Method("StockProjection.model_dump_json", PROJECTIONS, _model_json, check=_same_dump),
    Method(
        "StockProjection.paths",
        PROJECTIONS,
        lambda p: (p.dates, p.depletion_days, p.last_depletion_days),
    ),
    # sensitivity results and published conversions
    *(
        Method(
            f"SobolIndices.{m}", _held({"sobol": SOBOL}), m, {"name": "stock_rounds"}, _SOBOL_NAMES
        )
        for m in ("first_order", "total_order")
    ),
    Method(
        "SweepResult.array",
        _held({"sweep": SWEEP}),
        "array",
        {"q": 0.5},
        {"q": st.sampled_from([0.05, 0.5, 0.95, "mean", "median"])},
    ),
    Method("sensitivity.model_dump_json", SENSITIVITY, _model_json, check=_same_dump),
    Method(
        "Conversion.check",
        CONVERSIONS,
        "check",
        {
            "packing": None,
            "samples": SAMPLES,
            "seed": 1,
            "hedges": mm.consistency.CONVERSION_HEDGES,
        },
        {
            "packing": _packings(),
            "hedges": st.sampled_from([mm.consistency.CONVERSION_HEDGES, mm.hedges.READER_2015]),
        },
    ),
    Method(
        "ConsistencyReport.to_text",
        CONVERSIONS,
        lambda c: c.check(samples=SAMPLES, seed=1).to_text(),
    ),
)


_METHOD_NAMED = {m.name: m for m in METHODS}


@pytest.mark.parametrize("name", sorted(_METHOD_NAMED))
@FUZZ
@given(data=st.data())
def test_method_obeys_the_rule(name: str, data: st.DataObject) -> None:
    method = _METHOD_NAMED[name]
    holder = data.draw(method.holders, label="holder")
    if isinstance(holder, Held):
        holder = holder.value
    check = None if method.check is None else functools.partial(method.check, holder)
    entry = Entry(method.name, getattr, method.base, check=check)
    call = method.call
    if not isinstance(call, str):  # a method without arguments, or several
        _obeys_the_rule(entry, functools.partial(call, holder), ("",), holder)
        return
    argument = data.draw(st.sampled_from(sorted(method.base)), label="argument")
    if argument in method.kinds:
        value = data.draw(st.one_of(mst.edge_values(), method.kinds[argument]), label="value")
    else:
        value = data.draw(mst.edge_values(), label="value")
    kwargs = {**method.base, argument: value}
    names = (argument,)
    bound = getattr(holder, call)
    run = _named_as_a_word(lambda: bound(**kwargs), names, value)
    _obeys_the_rule(entry, run, (*names, *_REBUILT), value)


# -- the options of the consistency check and the load estimates ----------------------------

CATALOGUE = mm.catalogue.default_catalogue()


def _mixes() -> st.SearchStrategy[object]:
    """``mix=``: good shares, generated shares of known and unknown munitions, bad keys."""
    names = st.sampled_from(["152mm", "122mm", "122mm-rocket", "155mm", ""])
    return st.one_of(
        st.just({"152mm": 0.7, "122mm": 0.3}),
        st.dictionaries(names, st.one_of(st.floats(0, 1), mst.edge_values()), max_size=3),
        st.dictionaries(mst.edge_values().filter(_hashable), st.just(1.0), max_size=1),
    )


def _catalogues() -> st.SearchStrategy[object]:
    """``catalogue=``: the bundled one, one without 152 mm (the default munition), one
    without the default 20 ft container (nor the flatcar that holds it), and things that
    are no catalogue (its dump, a munition)."""
    without_152 = {k: v for k, v in CATALOGUE.munitions.items() if k != "152mm"}
    without_20ft = {k: v for k, v in CATALOGUE.carriers.items() if k not in ("20ft", "flatcar")}
    return st.one_of(
        st.sampled_from(
            [
                CATALOGUE,
                mm.catalogue.Catalogue(munitions=without_152, carriers=CATALOGUE.carriers),
                mm.catalogue.Catalogue(munitions=CATALOGUE.munitions, carriers=without_20ft),
            ]
        ),
        st.just(CATALOGUE.model_dump()),
        st.sampled_from(list(CATALOGUE.munitions.values())),
    )


_SUBJECTS = sorted({s for group in mm.consistency.LINKED_SUBJECTS for s in group})
#: A refusal about what a catalogue lacks names the catalogue's contents.
_CATALOGUE_ALIASES = ("known munitions", "known carriers")
OPTION_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "check_consistency options",
        functools.partial(mm.check_consistency, ["more than 1,000 containers", STOCK], **CONTROLS),
        {
            "munition": None,
            "container": "20ft",
            "fill_fraction": 1.0,
            "mix": None,
            "links": (),
            "max_findings": 60,
            "hedges": None,
            "catalogue": None,
        },
        aliases={"catalogue": _CATALOGUE_ALIASES},
        kinds={
            "munition": st.sampled_from(["152mm", "122mm", "122mm-rocket", "155mm"]),
            "container": st.sampled_from(["20ft", "40ft", "rail_car", "train", "boxcar", "x"]),
            "fill_fraction": st.one_of(st.floats(0, 1), st.sampled_from(["about half", "80%"])),
            "mix": _mixes(),
            "links": st.lists(st.lists(st.sampled_from([*_SUBJECTS, "x"]), max_size=3), max_size=2),
            "hedges": st.sampled_from([mm.hedges.READER_2015, mm.consistency.CONVERSION_HEDGES]),
            "catalogue": _catalogues(),
        },
    ),
    Entry(
        "rounds_per_container catalogue",
        functools.partial(mm.rounds_per_container, **CONTROLS),
        {"munition": "152mm", "container": "20ft", "catalogue": None},
        aliases={"catalogue": _CATALOGUE_ALIASES},
        kinds={"catalogue": _catalogues()},
    ),
    Entry(
        "rounds_from_containers mix",
        functools.partial(mm.rounds_from_containers, "more than 1,000 containers", **CONTROLS),
        {"mix": None, "catalogue": None},
        aliases={"catalogue": _CATALOGUE_ALIASES},
        kinds={"mix": _mixes(), "catalogue": _catalogues()},
    ),
)


@pytest.mark.parametrize("entry", OPTION_ENTRIES, ids=lambda e: e.name)
@FUZZ
@given(data=st.data())
def test_option_obeys_the_rule(entry: Entry, data: st.DataObject) -> None:
    _try_entry(entry, data)
