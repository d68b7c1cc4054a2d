"""Fit the reader reading of the hedge model (``reader-2015``) to Ferson et al. (2015).

Usage (from the repository root, with the package installed)::

    python scripts/fit_hedges.py                      # data in ../shared/reference/ferson2015/
    python scripts/fit_hedges.py --data DIR --bootstrap 200

Reads the two survey files (``hedges_Data-Exp1.csv``, ``hedges_Data-Exp2.csv``: each row one
reader's minimum and maximum for a statement such as "about 100 pounds"), and writes

* ``munitions_model/data/hedges_ferson2015.json``: the citation, what was dropped and why,
  the fitted `ReaderHedges` parameters, their bootstrap ranges and replicates, the
  held-out errors of ``reader-2015`` and ``granularity-1``, and a per-cell summary of the
  answers (relative quantiles, not the rows);
* the error table between the ``hedge-errors`` markers in ``README.md``.

Method, in order (each step is a function below):

1. Clean as the data's publisher did (``hedges_Data.R``): swap a reversed min/max; drop an
   answer whose min or max is ten times or more away from the number. Then drop an answer
   with an end nearer a tenth or ten times the number than the number itself (more than
   a factor sqrt(10) away: a digit slip that kept one end within the first rule).
2. Describe each answer: the hedge group of its word, the number as written (the numeral
   before "million", or the digits), its significant digits, and its ends relative to the
   number.
3. Pool the readers of a cell (hedge group x significant digits 1, 2, 3, 4+ x size of the
   numeral by decade, 1-9 ... 10^6+) as a mixture of uniforms on their [min, max] (a point
   where min = max), and take its 5/50/95% quantiles. A cell is scored only with at least
   20 answers, so that no single answer is more than 5% of its pool.
4. Fit each group's parameters by Nelder-Mead, minimising the mean over cells of the mean
   absolute log-ratio of the three quantiles (model / readers).
5. Held-out error, both ways: fold A is experiment 1 ("about" words only) plus half of
   experiment 2's other items; fold B is experiment 2's "about" items plus the other half.
   Fit on one fold, score on the other; ``granularity-1`` (nothing fitted) is scored on the
   same cells.
6. Bootstrap over items (a statement and its readers) within each group: refit on each
   resample; the 5-95% interval of each parameter is `DEFAULT_HEDGE_RANGES`.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import optimize, special

from munitions_model.claims import Claim, Qualifier
from munitions_model.hedges import (
    CALIBRATION_FILE,
    GRANULARITY_1,
    ReaderHedges,
    ReaderShape,
    _floor_digits,
    interpret,
    significant_digits,
    written_numeral,
)

ROOT = Path(__file__).resolve().parents[1]
#: Where the survey files are looked for: ``../shared/reference/ferson2015/`` beside the
#: repository (``/work/main``) or beside a worktree's parent (``/work/wt/<name>``).
DATA_PLACES = tuple(up / "shared" / "reference" / "ferson2015" for up in ROOT.parents[:2])
FILES = {1: "hedges_Data-Exp1.csv", 2: "hedges_Data-Exp2.csv"}
QUANTILES = np.array([0.05, 0.5, 0.95])
MIN_ANSWERS = 20  # a cell is scored only if no single answer is more than 5% of it
SEED = 2015
Z90 = float(special.ndtri(0.95))

#: Survey word -> (hedge group, the package's qualifier for it).
WORDS: dict[str, tuple[str, Qualifier]] = {
    "about": ("about", "about"),
    "around": ("about", "about"),
    "approximately": ("about", "about"),
    "roughly": ("about", "about"),
    "over": ("more_than", "more_than"),
    "above": ("more_than", "more_than"),
    "at_least": ("more_than", "at_least"),
    "no_less_than": ("more_than", "at_least"),
    "below": ("at_most", "less_than"),
    "at_most": ("at_most", "at_most"),
    "no_more_than": ("at_most", "at_most"),
    "almost": ("nearly", "nearly"),
    "nearly": ("nearly", "nearly"),
    "exactly": ("exact", "exact"),
    "precisely": ("exact", "exact"),
    "null": ("bare", "exact"),
}
GROUPS = ("about", "more_than", "at_most", "nearly", "exact", "bare")
FITTED = ("about", "more_than", "at_most", "nearly")
#: Hedge group -> ReaderHedges reading (field prefix).
READING: dict[str, ReaderShape] = {
    "about": "about",
    "more_than": "above",
    "at_most": "below",
    "nearly": "nearly",
}
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FIELDS = {
    "about": ("about_halfwidth", "about_digit_factor", "about_small_slope"),
    **{
        group: tuple(
            f"{READING[group]}_{p}" for p in ("scale", "digit_factor", "small_slope", "shape")
        )
        for group in ("more_than", "at_most", "nearly")
    },
}
START = {  # starting points of the fit; any reasonable values reach the same optimum
    "about": [0.1, 0.75, 0.25],
    "more_than": [0.06, 0.5, 0.3, 0.4],
    "at_most": [0.06, 0.5, 0.3, 0.4],
    "nearly": [0.04, 0.5, 0.3, 0.3],
}

Floats = NDArray[np.float64]


# -- 1. load and clean -------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One reader's minimum and maximum for one statement."""

    experiment: int
    word: str
    value_text: str
    units: str
    low: float
    high: float

    @property
    def item(self) -> tuple[int, str, str, str]:
        """The statement: experiment, word, number and unit as shown."""
        return (self.experiment, self.word, self.value_text, self.units)


def load(data: Path) -> list[Answer]:
    """Both experiments' answers, min and max swapped back where reversed."""
    answers = []
    for experiment, name in FILES.items():
        with (data / name).open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                low, high = float(row["MinValue"]), float(row["MaxValue"])
                answers.append(
                    Answer(
                        experiment=experiment,
                        word=row["Hedge"],
                        value_text=row["ActValue"],
                        units=row["Units"],
                        low=min(low, high),
                        high=max(low, high),
                    )
                )
    return answers


def _ratio(value: float, end: float) -> float:
    """``value / end`` as R computes it (a zero end gives an infinite ratio)."""
    if end == 0:
        return math.copysign(math.inf, value) if value != 0 else math.nan
    return value / end


def clean(answers: Iterable[Answer]) -> tuple[list[Answer], dict[str, int]]:
    """Drop digit slips (two rules, see the module docstring) and non-positive numbers."""
    kept: list[Answer] = []
    dropped: Counter[str] = Counter()
    for a in answers:
        value = float(a.value_text)
        if not (_ratio(value, a.low) < 10 and _ratio(value, a.high) > 0.1):
            dropped["publisher_rule_tenfold"] += 1
        elif value <= 0:
            dropped["not_positive"] += 1  # two temperatures below zero: not a quantity
        elif max(abs(math.log10(a.low / value)), abs(math.log10(a.high / value))) > 0.5:
            dropped["digit_slip_sqrt10"] += 1
        else:
            kept.append(a)
    return kept, dict(dropped)


# -- 2. describe ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """An answer described for the fit."""

    answer: Answer
    group: str
    qualifier: Qualifier
    value: float  # the stated number, scale word applied ("1.5 million" -> 1.5e6)
    phrase: str
    numeral: float
    digits: int
    decade: int
    low: float  # relative to the stated number
    high: float


def describe(answer: Answer) -> Reading:
    """Hedge group, the number as written, its digits and the relative ends."""
    group, qualifier = WORDS[answer.word]
    scale = SCALE_WORDS.get(answer.units.split()[0].lower(), 1.0)
    value = float(answer.value_text) * scale
    phrase = f"{answer.word.replace('_', ' ')} {answer.value_text} {answer.units}"
    numeral = written_numeral(value, phrase)
    return Reading(
        answer=answer,
        group=group,
        qualifier=qualifier,
        value=value,
        phrase=phrase,
        numeral=numeral,
        digits=significant_digits(value),
        decade=min(max(math.floor(math.log10(numeral) + 1e-12), 0), 6),
        low=answer.low / float(answer.value_text),
        high=answer.high / float(answer.value_text),
    )


# -- 3. cells and the pooled readers -----------------------------------------------------------


def _bisect(cdf: Callable[[Floats], Floats], lo: Floats, hi: Floats) -> Floats:
    """Smallest ``x`` in ``[lo, hi]`` (logs) with ``cdf(exp(x)) >= QUANTILES``, elementwise
    (``lo`` and ``hi`` are ``(..., 3)``, one column per quantile)."""
    lo, hi = lo.copy(), hi.copy()
    for _ in range(40):
        mid = (lo + hi) / 2.0
        below = cdf(np.exp(mid)) < QUANTILES
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return hi


def pooled_quantiles(low: Floats, high: Floats) -> Floats:
    """Log 5/50/95% quantiles of the equal mixture of uniforms on ``[low, high]``."""
    width = high - low
    atom = width <= 0

    def cdf(x: Floats) -> Floats:
        ramp = np.clip((x[None, :] - low[:, None]) / np.where(atom, 1.0, width)[:, None], 0, 1)
        step = (x[None, :] >= low[:, None]).astype(np.float64)
        return np.asarray(np.where(atom[:, None], step, ramp).mean(axis=0), dtype=np.float64)

    edge = np.full(3, math.log(low.min()) - 1e-9), np.full(3, math.log(high.max()) + 1e-9)
    return _bisect(cdf, *edge)


@dataclass
class Cell:
    """The answers of one hedge group x significant digits x size of the numeral."""

    key: tuple[str, int, int]
    readings: list[Reading]
    readers: Floats = field(init=False)

    def __post_init__(self) -> None:
        self.readers = pooled_quantiles(
            np.array([r.low for r in self.readings]), np.array([r.high for r in self.readings])
        )

    @property
    def n(self) -> int:
        return len(self.readings)


def cells(readings: Iterable[Reading]) -> list[Cell]:
    """Group answers into cells, in a fixed order."""
    grouped: dict[tuple[str, int, int], list[Reading]] = defaultdict(list)
    for r in readings:
        grouped[(r.group, min(r.digits, 4), r.decade)].append(r)
    order = {g: i for i, g in enumerate(GROUPS)}
    return [
        Cell(key, grouped[key]) for key in sorted(grouped, key=lambda k: (order[k[0]], k[1], k[2]))
    ]


# -- 4. the reader reading's quantiles, fast ---------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A change to the reader reading's shapes, to compare (`alternatives`); the default is
    the reading as shipped."""

    anchored: bool = True  # "more than" anchored on its roundings (monotone in the bound)
    about: str = "split"  # "split": symmetric in the number; "lognormal": in its logarithm
    numeral: str = "written"  # "written": "1.5 million" reads as 1.5; "value": as 1,500,000


SHIPPED = Variant()


@dataclass
class Items:
    """The distinct statements (digits, numeral) of several cells, with the roundings a
    "more than" reading is anchored on; ``weight`` sums to one within each cell."""

    cell: NDArray[np.intp]
    cells: int
    digits: Floats
    numeral: Floats
    weight: Floats
    points: Floats  # items x 4: the bound (1) and its roundings down, relative to it
    point_digits: Floats
    point_numeral: Floats


def items(cell_list: Sequence[Cell], variant: Variant = SHIPPED) -> Items:
    """Every cell's distinct statements, concatenated (cell ``i``'s rows have ``cell == i``)."""
    index, rows, weight = [], [], []
    for i, c in enumerate(cell_list):
        count = Counter(
            (r.digits, r.value if variant.numeral == "value" else r.numeral, r.value)
            for r in c.readings
        )
        for (digits, numeral, value), n in sorted(count.items()):
            roundings = [(1.0, digits, numeral)]
            for kept in range(1, min(digits, 4)):
                point = _floor_digits(value, kept)
                if 0 < point < value:
                    roundings.append(
                        (point / value, significant_digits(point), numeral * point / value)
                    )
            rows.append(roundings + [roundings[0]] * (4 - len(roundings)))
            index.append(i)
            weight.append(n / c.n)
    table = np.array(rows, dtype=np.float64).reshape(-1, 4, 3)  # (point, digits, numeral)
    return Items(
        cell=np.array(index, dtype=np.intp),
        cells=len(cell_list),
        digits=table[:, 0, 1],
        numeral=table[:, 0, 2],
        weight=np.array(weight, dtype=np.float64),
        points=table[:, :, 0],
        point_digits=table[:, :, 1],
        point_numeral=table[:, :, 2],
    )


def _gpd_sf(y: Floats, shape: float) -> Floats:
    y = np.maximum(y, 0.0)
    return np.asarray(np.exp(-np.log1p(shape * y) / shape) if shape > 0 else np.exp(-y))


def relative_cdf(
    group: str, model: ReaderHedges, it: Items, variant: Variant = SHIPPED
) -> Callable[[Floats], Floats]:
    """The reading's CDF, per cell, at relative values ``r`` (cells x 3): each cell's
    distinct statements mixed by their numbers of answers. The same shapes as `interpret`
    builds (`SplitLogNormal`, `Exceedance`), written for many statements at once."""
    reading = READING[group]
    s = model.width(reading, it.digits, it.numeral)[:, None]

    def pool(per_item: Floats) -> Floats:
        weighted = it.weight[:, None] * per_item
        return np.stack(
            [np.bincount(it.cell, weighted[:, j], minlength=it.cells) for j in range(3)], axis=1
        )

    if group == "about":
        sigma_low, sigma_high = -np.log1p(-s) / Z90, np.log1p(s) / Z90
        if variant.about == "lognormal":  # the same upper end, symmetric in the log
            sigma_low = sigma_high

        def about(r: Floats) -> Floats:
            t = np.log(r[it.cell])
            return pool(special.ndtr(np.where(t < 0, t / sigma_low, t / sigma_high)))

        return about
    shape = float(getattr(model, f"{reading}_shape"))
    if group == "more_than":
        anchor_s = model.width("above", it.point_digits, it.point_numeral)[:, :, None]
        points = it.points if variant.anchored else np.ones_like(it.points)
        if not variant.anchored:  # every line is the bound's own
            anchor_s = np.repeat(anchor_s[:, :1], anchor_s.shape[1], axis=1)

        def above(r: Floats) -> Floats:
            x = r[it.cell]
            y = ((x[:, None, :] / points[:, :, None] - 1.0) / anchor_s).min(axis=1)
            return pool(np.where(x > 1.0, 1.0 - _gpd_sf(y, shape), 0.0))

        return above

    def below(r: Floats) -> Floats:
        x = r[it.cell]
        return pool(np.where(x < 1.0, _gpd_sf((1.0 / x - 1.0) / s, shape), 1.0))

    return below


def model_quantiles(
    group: str, model: ReaderHedges | None, it: Items, variant: Variant = SHIPPED
) -> Floats:
    """Log 5/50/95% quantiles of the reader reading, cells x 3."""
    if model is None:  # exact and bare numbers: a point at the number
        return np.zeros((it.cells, 3))
    edge = np.full((it.cells, 3), math.log(1e3))
    return _bisect(relative_cdf(group, model, it, variant), -edge, edge)


def cell_errors(model_q: Floats, readers: Floats) -> Floats:
    """Per cell, the mean over the three quantiles of ``|log(model / readers)|``."""
    return np.asarray(np.mean(np.abs(model_q - readers), axis=-1), dtype=np.float64)


# -- 5. fit ------------------------------------------------------------------------------------


def with_params(group: str, x: Sequence[float], base: ReaderHedges) -> ReaderHedges | None:
    """``base`` with ``group``'s fitted fields set to ``x``, or None if ``x`` is invalid."""
    try:
        return ReaderHedges.model_validate(
            {**base.model_dump(), **dict(zip(FIELDS[group], x, strict=True))}
        )
    except ValueError:  # pydantic's ValidationError: outside a field's bounds
        return None


@dataclass(frozen=True)
class Fit:
    """How to fit: the shapes, which groups, and how tightly (Nelder-Mead ``xatol``,
    ``fatol``; the bootstrap starts at the full fit and needs less)."""

    variant: Variant = SHIPPED
    groups: tuple[str, ...] = FITTED
    tolerance: tuple[float, float] = (1e-6, 1e-9)


FULL = Fit()
BOOTSTRAP = Fit(tolerance=(1e-4, 1e-7))


def fit_group(
    group: str, scored: list[Cell], base: ReaderHedges, start: Sequence[float], how: Fit = FULL
) -> list[float]:
    """Nelder-Mead on the mean cell error; the scale is fitted on the log scale."""
    it = items(scored, how.variant)
    readers = np.array([c.readers for c in scored])

    def loss(x: Floats) -> float:
        model = with_params(group, [math.exp(x[0]), *x[1:]], base)
        if model is None:
            return 10.0
        q = model_quantiles(group, model, it, how.variant)
        return float(cell_errors(q, readers).mean())

    x0 = np.array([math.log(start[0]), *start[1:]])
    xatol, fatol = how.tolerance
    options = {"maxiter": 4000, "xatol": xatol, "fatol": fatol}
    result = optimize.minimize(loss, x0, method="Nelder-Mead", options=options)
    return [math.exp(result.x[0]), *map(float, result.x[1:])]


def fit(
    cell_list: list[Cell], base: ReaderHedges, start: dict[str, list[float]], how: Fit = FULL
) -> ReaderHedges:
    """The groups' parameters, each fitted on its cells with enough answers."""
    model = base
    for group in how.groups:
        scored = [c for c in cell_list if c.key[0] == group and c.n >= MIN_ANSWERS]
        fitted = with_params(group, fit_group(group, scored, model, start[group], how), model)
        assert fitted is not None
        model = fitted
    return model


def params_of(model: ReaderHedges) -> dict[str, list[float]]:
    return {g: [float(getattr(model, f)) for f in FIELDS[g]] for g in FITTED}


def reader_quantiles(
    cell_list: Sequence[Cell], model: ReaderHedges, variant: Variant = SHIPPED
) -> Floats:
    """Log 5/50/95% quantiles of ``model`` for any cells, cells x 3."""
    out = np.zeros((len(cell_list), 3))
    for group in FITTED:
        chosen = [i for i, c in enumerate(cell_list) if c.key[0] == group]
        if chosen:
            it = items([cell_list[i] for i in chosen], variant)
            out[chosen] = model_quantiles(group, model, it, variant)
    return out


# -- 6. score -----------------------------------------------------------------------------------


def package_quantiles(cell: Cell, hedges: Any) -> Floats:
    """Log 5/50/95% quantiles of a reading, through `interpret` itself, over a cell."""
    count = Counter((r.value, r.qualifier, r.phrase) for r in cell.readings)
    parts = [
        (interpret(Claim(value=value, qualifier=qualifier, phrase=phrase), hedges), value, n)
        for (value, qualifier, phrase), n in count.items()
    ]

    def cdf(x: Floats) -> Floats:
        total = sum(n * d.cdf(x * value) for d, value, n in parts)
        return np.asarray(total / cell.n, dtype=np.float64)

    return _bisect(cdf, np.full(3, math.log(1e-3)), np.full(3, math.log(1e3)))


def score(cell_list: list[Cell], model: ReaderHedges) -> dict[str, Any]:
    """Per group and overall mean cell error of ``model`` and ``granularity-1``."""
    scored = [c for c in cell_list if c.n >= MIN_ANSWERS]
    readers = np.array([c.readers for c in scored])
    reader = cell_errors(reader_quantiles(scored, model), readers)
    granular = cell_errors(np.array([package_quantiles(c, GRANULARITY_1) for c in scored]), readers)
    answers = np.array([c.n for c in scored])
    out: dict[str, Any] = {}
    for group in (*GROUPS, "all"):
        chosen = np.array([group in ("all", c.key[0]) for c in scored])
        if chosen.any():
            out[group] = {
                "cells": int(chosen.sum()),
                "answers": int(answers[chosen].sum()),
                "reader_2015": round(float(reader[chosen].mean()), 4),
                "granularity_1": round(float(granular[chosen].mean()), 4),
            }
    out["all_weighted_by_answers"] = {
        "reader_2015": round(float(np.average(reader, weights=answers)), 4),
        "granularity_1": round(float(np.average(granular, weights=answers)), 4),
    }
    return out


def folds(readings: list[Reading]) -> tuple[list[Reading], list[Reading]]:
    """Fold A: experiment 1 ("about") and half of experiment 2's other items; B: the rest."""
    others = sorted(
        {r.answer.value_text + "|" + r.answer.units for r in readings if r.group != "about"}
    )
    halves = np.random.default_rng(SEED).permutation(len(others)) % 2
    in_a = {item for item, half in zip(others, halves, strict=True) if half == 0}

    def fold_a(r: Reading) -> bool:
        if r.group == "about":
            return r.answer.experiment == 1
        return r.answer.value_text + "|" + r.answer.units in in_a

    return [r for r in readings if fold_a(r)], [r for r in readings if not fold_a(r)]


#: Shapes and settings the data could have asked for instead: (description, groups refitted
#: and scored, how, the base settings).
ALTERNATIVES: dict[str, tuple[str, tuple[str, ...], Variant, dict[str, float]]] = {
    "more_than_unanchored": (
        "'more than' not anchored on its roundings (not monotone in the bound)",
        ("more_than",),
        Variant(anchored=False),
        {},
    ),
    "numeral_by_value": (
        "'1.5 million' read by its value, like 1,500,000, not by its numeral 1.5",
        FITTED,
        Variant(numeral="value"),
        {},
    ),
    "about_lognormal": (
        "'about' symmetric in the logarithm of the number, not in the number",
        ("about",),
        Variant(about="lognormal"),
        {},
    ),
    "small_numerals_below_30": (
        "numerals read wider below 30, not 100",
        FITTED,
        SHIPPED,
        {"small_numeral_below": 30.0},
    ),
    "small_numerals_below_300": (
        "numerals read wider below 300, not 100",
        FITTED,
        SHIPPED,
        {"small_numeral_below": 300.0},
    ),
}


def alternatives(
    readings: list[Reading], base: ReaderHedges, fold_models: dict[str, ReaderHedges]
) -> dict[str, Any]:
    """Held-out error (both ways) of each alternative, and of the shipped reading, on the
    cells of the groups the alternative changes."""
    test_of = dict(zip(fold_models, reversed(folds(readings)), strict=True))
    train_of = dict(zip(fold_models, folds(readings), strict=True))
    out: dict[str, Any] = {}
    for name, (description, groups, variant, settings) in ALTERNATIVES.items():
        other = ReaderHedges.model_validate({**base.model_dump(), **settings})
        row: dict[str, Any] = {"description": description, "groups": list(groups)}
        for direction, shipped in fold_models.items():
            scored = [
                c for c in cells(test_of[direction]) if c.key[0] in groups and c.n >= MIN_ANSWERS
            ]
            readers = np.array([c.readers for c in scored])
            model = fit(cells(train_of[direction]), other, START, Fit(variant, groups))
            row[direction] = {
                "alternative": _mean_error(reader_quantiles(scored, model, variant), readers),
                "shipped": _mean_error(reader_quantiles(scored, shipped), readers),
            }
        out[name] = row
    return out


def _mean_error(model_q: Floats, readers: Floats) -> float:
    return round(float(cell_errors(model_q, readers).mean()), 4)


# -- 7. bootstrap ---------------------------------------------------------------------------


def bootstrap(
    readings: list[Reading], model: ReaderHedges, replicates: int
) -> list[dict[str, list[float]]]:
    """Refit on resamples of the items (a statement with its readers), within each group."""
    by_item: dict[tuple[str, tuple[int, str, str, str]], list[Reading]] = defaultdict(list)
    for r in readings:
        if r.group in FITTED:
            by_item[(r.group, r.answer.item)].append(r)
    per_group = {g: [k for k in by_item if k[0] == g] for g in FITTED}
    rng = np.random.default_rng(SEED)
    start = params_of(model)
    out = []
    for i in range(replicates):
        sample = [
            r
            for g in FITTED
            for j in rng.integers(0, len(per_group[g]), len(per_group[g]))
            for r in by_item[per_group[g][j]]
        ]
        out.append(params_of(fit(cells(sample), model, start, BOOTSTRAP)))
        print(f"  bootstrap {i + 1}/{replicates}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return out


# -- 8. write --------------------------------------------------------------------------------


def _rel(q: Floats) -> list[float]:
    return [round(float(v), 5) for v in np.exp(q)]


def cell_table(cell_list: list[Cell], model: ReaderHedges) -> list[dict[str, Any]]:
    """Per-cell summary: relative quantiles of the readers and of both readings."""
    fast = reader_quantiles(cell_list, model)
    rows = []
    for c, reader in zip(cell_list, fast, strict=True):
        package = package_quantiles(c, model)
        assert np.allclose(reader, package, atol=1e-6), (c.key, reader, package)  # one model
        granular = package_quantiles(c, GRANULARITY_1)
        group, digits, decade = c.key
        rows.append(
            {
                "group": group,
                "digits": digits,
                "decade": decade,
                "answers": c.n,
                "scored": c.n >= MIN_ANSWERS,
                "readers": _rel(c.readers),
                "reader_2015": _rel(reader),
                "granularity_1": _rel(granular),
                "error_reader_2015": round(float(cell_errors(reader, c.readers)), 4),
                "error_granularity_1": round(float(cell_errors(granular, c.readers)), 4),
            }
        )
    return rows


def word_table(readings: list[Reading]) -> list[dict[str, Any]]:
    """Each survey word's answers pooled (relative 5/50/95%): do the groups hold?"""
    out = []
    for word, (group, qualifier) in WORDS.items():
        chosen = [r for r in readings if r.answer.word == word]
        q = pooled_quantiles(np.array([r.low for r in chosen]), np.array([r.high for r in chosen]))
        exact = float(np.mean([r.low == r.high == 1.0 for r in chosen]))
        out.append(
            {
                "word": word,
                "group": group,
                "qualifier": qualifier,
                "answers": len(chosen),
                "readers": _rel(q),
                "share_min_equals_max_equals_number": round(exact, 3),
            }
        )
    return out


def _written_kind(r: Reading) -> str:
    if r.numeral != r.value:
        return "scale word"
    return "digits, 10,000 and up" if r.value >= 1e4 else "digits"


def scale_word_table(readings: list[Reading]) -> list[dict[str, Any]]:
    """Are numbers written with a scale word ("1.5 million") read like their numeral or like
    their value? Pooled answers (relative 5/50/95%) per group, significant digits and decade
    of the numeral: statements with a scale word, the same numerals in digits, and numbers
    in digits from 10,000 up; rows with at least 10 scale-word answers."""
    out = []
    for group in FITTED:
        for digits in (1, 2):
            same = [r for r in readings if r.group == group and r.digits == digits]
            for decade in (0, 1, 2):
                kinds = {
                    "scale word": [
                        r for r in same if _written_kind(r) == "scale word" and r.decade == decade
                    ],
                    "digits, same numeral": [
                        r for r in same if r.numeral == r.value and r.decade == decade
                    ],
                    "digits, 10,000 and up": [
                        r for r in same if _written_kind(r) == "digits, 10,000 and up"
                    ],
                }
                if len(kinds["scale word"]) < 10:
                    continue
                row: dict[str, Any] = {"group": group, "digits": digits, "decade": decade}
                for kind, rs in kinds.items():
                    low, high = np.array([r.low for r in rs]), np.array([r.high for r in rs])
                    row[kind] = (
                        {"answers": len(rs), "readers": _rel(pooled_quantiles(low, high))}
                        if rs
                        else None
                    )
                out.append(row)
    return out


def markdown(errors: dict[str, Any]) -> str:
    """The error table quoted in the README."""
    names = {
        "about": "about",
        "more_than": "more than / at least",
        "at_most": "at most / below",
        "nearly": "nearly / almost",
        "exact": "exactly / precisely",
        "bare": "bare number",
        "all": "**all cells**",
        "all_weighted_by_answers": "all, weighted by answers",
    }
    lines = [
        "| hedge group | A→B cells | granularity-1 | reader-2015 "
        "| B→A cells | granularity-1 | reader-2015 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ab, ba = errors["held_out"]["A_to_B"], errors["held_out"]["B_to_A"]
    for key, name in names.items():
        cols = []
        for side in (ab, ba):
            e = side.get(key)
            if e is None:
                cols += ["–", "–", "–"]
            else:
                cols += [
                    str(e.get("cells", "")),
                    f"{e['granularity_1']:.3f}",
                    f"{e['reader_2015']:.3f}",
                ]
        lines.append(f"| {name} | " + " | ".join(cols) + " |")
    lines += [
        "",
        "| instead of the shipped shape | groups | A→B: shipped | alternative "
        "| B→A: shipped | alternative |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in errors["alternatives"].values():
        ab, ba = row["A_to_B"], row["B_to_A"]
        lines.append(
            f"| {row['description']} | {', '.join(row['groups'])} | {ab['shipped']:.3f} "
            f"| {ab['alternative']:.3f} | {ba['shipped']:.3f} | {ba['alternative']:.3f} |"
        )
    return "\n".join(lines)


def write_readme(table: str, readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- hedge-errors:begin -->", "<!-- hedge-errors:end -->"
    if begin not in text:
        print(f"{readme} has no {begin} marker; table not written there", file=sys.stderr)
        return
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{begin}\n{table}\n{end}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="folder of the two csv files")
    parser.add_argument("--bootstrap", type=int, default=100, help="resamples for the ranges")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "munitions_model" / "data" / CALIBRATION_FILE
    )
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)

    data = args.data or next((p for p in DATA_PLACES if (p / FILES[1]).exists()), None)
    if data is None:
        parser.error(f"no survey files in {', '.join(map(str, DATA_PLACES))}; pass --data")
    answers = load(data)
    kept, dropped = clean(answers)
    readings = [describe(a) for a in kept]
    all_cells = cells(readings)
    base = ReaderHedges()  # only its fixed settings matter; every fitted field is refitted

    print(f"{len(answers)} answers, {len(kept)} kept; dropped {dropped}", file=sys.stderr)
    model = fit(all_cells, base, START)
    print("fitted:", params_of(model), file=sys.stderr)

    fold_a, fold_b = folds(readings)
    fold_models = {
        "A_to_B": fit(cells(fold_a), base, START),
        "B_to_A": fit(cells(fold_b), base, START),
    }
    errors = {
        "held_out": {
            "A_to_B": score(cells(fold_b), fold_models["A_to_B"]),
            "B_to_A": score(cells(fold_a), fold_models["B_to_A"]),
        },
        "in_sample": score(all_cells, model),
        "alternatives": alternatives(readings, base, fold_models),
    }
    table = markdown(errors)
    print(table)

    boot = bootstrap(readings, model, args.bootstrap)
    fields = [f for g in FITTED for f in FIELDS[g]]
    replicates = [[row[g][i] for g in FITTED for i in range(len(FIELDS[g]))] for row in boot]
    values = np.array(replicates)
    ranges = {
        f: [
            round(float(np.quantile(values[:, i], 0.05)), 6),
            round(float(np.quantile(values[:, i], 0.95)), 6),
        ]
        for i, f in enumerate(fields)
    }
    calibration = {
        "name": model.name,
        "version": model.version,
        "citation": {
            "authors": "Ferson, S., O'Rawe, J., Antonenko, A., Siegrist, J., Mickley, J., "
            "Luhmann, C. C., Sentz, K., & Finkel, A. M.",
            "year": 2015,
            "title": "Natural language of uncertainty: numeric hedge words",
            "journal": "International Journal of Approximate Reasoning",
            "volume": 57,
            "pages": "19-39",
        },
        "data": {
            "who": "D. M. Jones (publisher of the raw answers)",
            "url": "https://github.com/Derek-Jones/ESEUR-code-data",
            "files": ["developers/hedges_Data-Exp1.csv.xz", "developers/hedges_Data-Exp2.csv.xz"],
            "commit": "6b97875",
            "when": "2019",
            "what": "Amazon Mechanical Turk workers (US) gave the minimum and maximum they took a "
            "hedged statement ('about 100 pounds') to mean",
        },
        "script": "scripts/fit_hedges.py",
        "cleaning": {"answers": len(answers), "kept": len(kept), "dropped": dropped},
        "method": {
            "pooled_readers": "each reader's [min, max] taken as a uniform (a point if min = max); "
            "readers of a cell pooled as an equal-weight mixture; 5/50/95% quantiles relative "
            "to the stated number",
            "cells": "hedge group x significant digits (1, 2, 3, 4+) x decade of the numeral as "
            "written (0: 1-9 ... 6: 10^6 and up)",
            "scored_cells": f"at least {MIN_ANSWERS} answers",
            "error": "mean over cells of the mean over the three quantiles of "
            "|log(model / readers)|",
            "folds": "A: experiment 1 (about, around, approximately, roughly) and half of "
            "experiment 2's other statements (by number and unit, seed 2015); B: experiment 2's "
            "'about' statements and the other half",
            "bootstrap": f"{args.bootstrap} resamples of the statements within each group, "
            f"seed {SEED}",
        },
        "parameters": {f: round(float(getattr(model, f)), 6) for f in fields},
        "ranges": ranges,
        "bootstrap": {
            "fields": fields,
            "replicates": [[round(v, 6) for v in row] for row in replicates],
        },
        "errors": errors,
        "cells": cell_table(all_cells, model),
        "words": word_table(readings),
        "scale_words": scale_word_table(readings),
    }
    args.out.write_text(json.dumps(calibration, indent=1) + "\n", encoding="utf-8")
    write_readme(table, args.readme)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
