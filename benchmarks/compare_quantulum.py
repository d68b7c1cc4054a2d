"""Compare ``extract_claims`` with quantulum3 on the sentences of the phrase corpus.

quantulum3 is a general quantity extractor; it is not a dependency of munitions_model.
Install it in a scratch environment next to this package and run::

    python -m venv /tmp/q && /tmp/q/bin/pip install quantulum3 -e .
    /tmp/q/bin/python benchmarks/compare_quantulum.py

For every corpus row that expects a reading (not a refusal) and whose phrase stands in its
sentence, each tool reads the whole sentence; a row is *found* when a quantity overlapping
the phrase has the expected value (either end of a range, in the unit as stated), and
*typed* when, in addition, its unit is the expected one: for ``extract_claims`` the same
base unit; for quantulum3, whose units are physical (metre, second, dimensionless ...),
a unit that is not "dimensionless" counts as typed only for time and mass claims. Also
counted: the quantities each tool reports that overlap no corpus phrase of the sentence
(years, dates, lengths, money ...), and the kinds of mistakes quantulum3 makes.
"""

from __future__ import annotations

import csv
import math
import sys
import warnings
from collections import Counter
from pathlib import Path

from munitions_model import extract_claims
from munitions_model.claims import Source
from munitions_model.units import base_unit

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "phrase_corpus.csv"
TIME_AND_MASS = {"days", "weeks", "months", "years", "hours", "minutes", "tonnes"}


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _rows() -> list[dict[str, str]]:
    with CORPUS.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if r["family"] != "refused" and r["phrase"] in r["context"]]


def main() -> int:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as quantulum
    except ImportError:
        print("quantulum3 is not installed; see the module docstring", file=sys.stderr)
        return 2
    rows = _rows()
    counts: Counter[str] = Counter()
    mistakes: Counter[str] = Counter()
    spans_by_context: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        at = row["context"].index(row["phrase"])
        spans_by_context.setdefault(row["context"], []).append((at, at + len(row["phrase"])))
    for row in rows:
        context, phrase = row["context"], row["phrase"]
        at = context.index(phrase)
        end = at + len(phrase)
        values = [float(row["value"]), *([float(row["value_high"])] if row["value_high"] else [])]
        source = Source(who=row["who"], when=row["reported_on"] or None)
        ours = [c for c in extract_claims(context, source) if c.start < end and c.end > at]
        hit = [c for c in ours if any(_close(c.claim.value, v) for v in values)]
        counts["ours found"] += bool(hit)
        same_unit = [c for c in hit if base_unit(c.claim.unit) == base_unit(row["unit"])]
        counts["ours typed"] += bool(same_unit)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = quantulum.parse(context)
        near = [q for q in theirs if q.span[0] < end and q.span[1] > at]
        qhit = [q for q in near if any(_close(q.value, v) for v in values)]
        counts["quantulum found"] += bool(qhit)
        head = row["unit"].split("/")[0]
        typed = [q for q in qhit if q.unit.name != "dimensionless" and head in TIME_AND_MASS]
        counts["quantulum typed"] += bool(typed)
        if not qhit:
            names = {q.unit.name for q in near}
            if any("metre" in n for n in names):
                mistakes["a calibre or length read as the quantity"] += 1
            elif near:
                mistakes["a quantity with another value (words, scale, range, fraction)"] += 1
            else:
                mistakes["nothing found in the phrase"] += 1
        elif all(q.unit.name == "dimensionless" for q in qhit) and head not in TIME_AND_MASS:
            mistakes["found, but the unit is lost (dimensionless)"] += 1
    for context, spans in spans_by_context.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = quantulum.parse(context)
        stray = [q for q in theirs if not any(q.span[0] < e and q.span[1] > s for s, e in spans)]
        counts["quantulum outside the phrases"] += len(stray)
        ours = extract_claims(context)
        counts["ours outside the phrases"] += sum(
            not any(c.start < e and c.end > s for s, e in spans) for c in ours
        )
        counts["sentences"] += 1
    n = len(rows)
    print(f"rows with a reading and a sentence: {n}; sentences: {counts['sentences']}")
    for tool in ("ours", "quantulum"):
        found, typed = counts[f"{tool} found"], counts[f"{tool} typed"]
        print(
            f"{tool:10} value found {found:4d} ({found / n:.1%})  with the right unit "
            f"{typed:4d} ({typed / n:.1%})  quantities outside the phrases "
            f"{counts[f'{tool} outside the phrases']}"
        )
    print("quantulum3's mistakes on the phrases:")
    for what, k in mistakes.most_common():
        print(f"  {k:4d}  {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
