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
    ``capacity`` (CAPACITY of an industry, not its output; and CAPACITY CONVERSION or
    CAPACITY for North Korean deliveries: Seoul's container counts converted into shells by
    an assumed load, "if all 152 mm", which measure containers, not rounds delivered; the
    containers are the subject ``nk_to_russia_containers``), ``peak`` (PEAK), ``local``
    (LOCAL), ``relative`` (RELATIVE), ``duplicate`` (SAME STATEMENT as another row),
    ``alternative`` (the same container count converted "if all 122 mm"), ``other`` (NOT a
    dud rate; missiles rather than shells; premature bursts), ``fired`` (FIRED or LAUNCHED
    missiles: a lower bound of those delivered) and ``inverse`` (a ratio stated
    "Ukrainian:Russian", the inverse of ``ru_ua_fire_ratio``). Rows with a status stay in
    the ledger; ``infer`` leaves them out.

Edits
    `EDITS` lists, row by row and each with its reason, what the notes say in words but no
    rule can derive: a phrase narrowed to the verbatim span that carries the subject's
    figure (the span must be part of the research phrase), a status or unit a note
    describes without a flag, a subject a figure is really about; `ADDED` lists rows that
    give a phrase's second figure its own row. Each edit's reason is appended to the note.

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
    ("CAPACITY CONVERSION", "capacity"),
    ("CAPACITY", "capacity"),
    ("FIRED", "fired"),
    ("LAUNCHED", "fired"),
    ("Ukrainian:Russian", "inverse"),
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
            return status
    return ""


_CONVERSION = (
    "status capacity: a container count converted into shells by an assumed load per "
    "container, not a count of rounds delivered (the containers are in "
    "nk_to_russia_containers)"
)
_SYRSKYI = "about 70 thousand to 10 thousand daily"
#: Row id -> (cells to set, reason appended to the note); see the module docstring.
EDITS: dict[str, tuple[dict[str, str], str]] = {
    "rok-mnd-2023-10": ({"status": "capacity"}, _CONVERSION),
    "rok-source-2023-10": ({"status": "capacity"}, _CONVERSION),
    "isw-estonia-rounds-2023": ({"status": "capacity"}, _CONVERSION),
    "nk-rounds-2025-dia-15m": ({"status": "capacity"}, _CONVERSION),
    "ru-fire-2024-01-05-syrskyi": (
        {"phrase": "about 70 thousand", "unit": "rounds/day"},
        f"phrase narrowed from '{_SYRSKYI}', which the parser reads as the ratio 7:1 (see "
        "ratio-2024-01-05-syrskyi), to Russia's figure",
    ),
    "ua-fire-2024-01-05-syrskyi": (
        {"phrase": "10 thousand daily", "unit": "rounds/day"},
        f"phrase narrowed from '{_SYRSKYI}' (read as the ratio 7:1) to Ukraine's figure; "
        "the 'about' before the pair is not in the span, so it reads as a bare round number",
    ),
    "ru-fire-2023-02-reznikov": (
        {"phrase": "decreased to 20 thousand"},
        "phrase narrowed from 'decreased to 20 thousand different calibers' (the calibres "
        "qualify the shells, not the number)",
    ),
    "west-del-2024-01-eu-524k": (
        {"phrase": "will now reach 524,000", "status": "plan"},
        "phrase narrowed from 'deliveries to Ukraine will now reach 524,000' (the parser "
        "took 'deliveries' for the unit); status plan: a projection",
    ),
    "ru-fire-2023-04-wapo-3x": (
        {"subject": "ru_ua_fire_ratio", "status": ""},
        "subject moved from russia_fire_rate (status relative) to ru_ua_fire_ratio: three "
        "times Ukraine's fire is a Russian to Ukrainian ratio of 3",
    ),
    "west-prod-2024-rferl-third": (
        {"status": "relative"},
        "status relative: a share of a figure named in another sentence",
    ),
    "ratio-2024-06-havryliuk": (
        {"phrase": "down to 5-to-1 now"},
        "phrase narrowed from '7-to-1 at the start of the year, but is down to 5-to-1 now' "
        "to the figure for now (June 2024); the earlier figure is ratio-2024-01-havryliuk",
    ),
}
#: Rows added: (new id, the research row it copies, the row it goes before, the cells
#: that change). A changed phrase must lie in the copied row's research phrase.
ADDED: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    (
        "ratio-2024-01-havryliuk",
        "ratio-2024-06-havryliuk",
        "ratio-2024-06-havryliuk",
        {
            "phrase": "7-to-1 at the start of the year",
            "period_start": "2024-01",
            "period_end": "2024-01",
            "note": "RATIO Russian:Ukrainian at the start of 2024; span of the sentence "
            "'7-to-1 at the start of the year, but is down to 5-to-1 now' (the later figure "
            "is ratio-2024-06-havryliuk)",
        },
    ),
    (
        "ratio-2024-01-05-syrskyi",
        "ru-fire-2024-01-05-syrskyi",
        "ratio-2024-03-syrskyi-6",
        {
            "subject": "ru_ua_fire_ratio",
            "note": "RATIO Russian:Ukrainian in January-May 2024, the same phrase as "
            "ru-fire-2024-01-05-syrskyi and ua-fire-2024-01-05-syrskyi; Syrskyi in the same "
            "speech: 'in January-May this year it was 7:1' (see ratio-2024-08-syrskyi-3)",
        },
    ),
)


def edited(cells: dict[str, str]) -> dict[str, str]:
    """A row with its `EDITS` applied (a narrowed phrase must lie in the research one)."""
    change, why = EDITS.get(cells["id"], ({}, ""))
    phrase = change.get("phrase")
    if phrase is not None and phrase not in cells["phrase"]:
        raise ValueError(f"row {cells['id']!r}: {phrase!r} is not in {cells['phrase']!r}")
    out = {**cells, **change}
    if why:
        out["note"] = f"{out['note']}; {why}" if out["note"] else why
    return out


def added(rows: list[dict[str, str]], research: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """``rows`` with the `ADDED` rows in their places (copied from the ``research`` rows)."""
    before = {}
    for ident, copied, place, change in ADDED:
        source = research[copied]
        phrase = change.get("phrase", source["phrase"])
        if phrase not in source["phrase"]:
            raise ValueError(f"added row {ident!r}: {phrase!r} is not in {source['phrase']!r}")
        before[place] = {**source, "id": ident, "unit": "", "status": "", **change}
    out = []
    for r in rows:
        if r["id"] in before:
            out.append(before[r["id"]])
        out.append(r)
    return out


def convert(source: Path) -> str:
    """The package's CSV text for the research record at ``source``."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen: set[str] = set()
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    cooked = []
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
        cooked.append(cells)
    research = {r["id"]: r for r in cooked}
    writer.writerows(added([edited(c) for c in cooked], research))
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
