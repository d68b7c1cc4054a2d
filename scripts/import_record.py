"""Bring the research record into the package: ``munitions_model/data/ledger.csv``.

Usage (from the repository root)::

    python scripts/import_record.py /work/research/record/ledger.csv

The research engineer's columns (``id, phrase, subject, period_start, period_end,
reported_on, who, url, note``) are copied cell for cell: phrases stay verbatim, nothing is
added to or taken from a figure. Two columns are derived from the engineer's own notes, by
the rules below, so that the library can read what the notes say in words:

``unit``
    From a note's ``unit: ...`` (the unit the sentence around the phrase gives): the count
    noun (shells, rounds, shots, projectiles, munitions, ammunition -> ``rounds``;
    containers; transfers; months) and the time (``/day``, ``per day``, ``/month``,
    ``/year``, ``per year``). A note unit the library has no word for (per hour, shares of
    something) is left out.
``status``
    From the note's upper-case flags: ``plan`` (PLAN, TARGET, FORECAST, ORDERS OR PLEDGES),
    ``capacity`` (CAPACITY of an industry, not its output; for North Korean deliveries the
    flag marks Seoul's container-to-shell conversions, which are reports of deliveries and
    stay in), ``peak`` (PEAK), ``local`` (LOCAL), ``relative`` (RELATIVE), ``duplicate``
    (SAME STATEMENT as another row), ``alternative`` (a container count converted "if all
    122 mm", beside the same count's 152 mm conversion, which stays: one statement, one
    report), ``other`` (NOT a dud rate; missiles rather than shells; premature bursts).
    Rows with a status stay in the ledger; ``infer`` leaves them out.

The script refuses a row without ``who``, a repeated id, or a date that is not
``YYYY[-MM[-DD]]``, and prints every row the ledger cannot read today with the reason.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "munitions_model" / "data" / "ledger.csv"
COLUMNS = [
    "id",
    "phrase",
    "subject",
    "period_start",
    "period_end",
    "reported_on",
    "who",
    "url",
    "note",
    "unit",
    "status",
]
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_COUNT = (
    (("shell", "round", "shot", "projectile", "munition", "ammunition"), "rounds"),
    (("container",), "containers"),
    (("transfer",), "transfers"),
)
_TIME = (
    (("/day", "per day", "a day", "daily"), "day"),
    (("/month", "per month", "monthly"), "month"),
    (("/year", "per year", "annual"), "year"),
)
# (flag in the note, status); the first flag found decides, in this order.
_STATUS = (
    ("NOT a dud rate", "other"),
    ("BALLISTIC MISSILES", "other"),
    ("PREMATURE", "other"),
    ("SAME STATEMENT", "duplicate"),
    ("if all 122 mm", "alternative"),
    ("ORDERS OR PLEDGES", "plan"),
    ("PLAN", "plan"),
    ("TARGET", "plan"),
    ("FORECAST", "plan"),
    ("CAPACITY CONVERSION", ""),
    ("CAPACITY", "capacity"),
    ("PEAK", "peak"),
    ("LOCAL", "local"),
    ("RELATIVE", "relative"),
)


def note_unit(note: str) -> str:
    """The library unit a note's ``unit: ...`` names, or ``""``."""
    found = re.search(r"unit: ?([^;,()]+)", note)
    if found is None:
        return ""
    text = found.group(1).strip().lower()
    if "hour" in text or "fraction" in text or "share" in text:
        return ""
    if text in ("months", "month"):
        return "months"
    count = next((unit for words, unit in _COUNT if any(w in text for w in words)), None)
    if count is None:
        return ""
    time = next((unit for words, unit in _TIME if any(w in text for w in words)), None)
    return count if time is None else f"{count}/{time}"


def note_status(note: str, subject: str) -> str:
    """The status a note's flags give (``""`` for a report of the quantity itself)."""
    for flag, status in _STATUS:
        if flag in note:
            if flag == "CAPACITY" and subject.startswith("nk_to_russia"):
                return ""  # Seoul's conversion of a container count: a delivery report
            return status
    return ""


def convert(source: Path) -> str:
    """The package's CSV text for the research record at ``source``."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen: set[str] = set()
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        ident = row["id"]
        if ident in seen:
            raise ValueError(f"id {ident!r} is repeated")
        seen.add(ident)
        if not row["who"].strip():
            raise ValueError(f"row {ident!r} has no who")
        for col in ("period_start", "period_end", "reported_on"):
            if row[col] and not _DATE.fullmatch(row[col]):
                raise ValueError(f"row {ident!r}: {col} {row[col]!r} is not YYYY[-MM[-DD]]")
        cells = {c: row[c] for c in COLUMNS[:9]}
        cells["unit"] = note_unit(row["note"])
        cells["status"] = note_status(row["note"], row["subject"])
        writer.writerow(cells)
    return out.getvalue()


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    TARGET.write_text(convert(Path(argv[0])), encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from munitions_model.ledger import Ledger

    ledger = Ledger.from_csv(TARGET)
    print(f"{TARGET}: {len(ledger)} reports, {len(ledger.problems)} rows not read today")
    for p in ledger.problems:
        print(f"  row {p.row} ({p.id}): {p.reason[:110]}")


if __name__ == "__main__":
    main(sys.argv[1:])
