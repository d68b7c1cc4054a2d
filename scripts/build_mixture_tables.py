"""Make the mixture tables shipped with the package: ``munitions_model/data/mixture_tables.npz``.

Usage (from the repository root)::

    python scripts/build_mixture_tables.py          # write the file
    python scripts/build_mixture_tables.py --check  # exit 1 if it is missing a table

The tables are those of every mixture the bundled record yields under the default hedge
model in `shipped_mixtures`: the reports of each subject pooled over its default periods
(:func:`munitions_model.stockflow.phases_from_record`), which ``python -m munitions_model``
and the stock projections of the README and notebooks use. Each is computed afresh
(never read back from the file) so that the file holds exactly what the code computes;
see ``munitions_model/_tables.py``. Run it after changing the record, the hedge model or
how mixtures compute their tables (``tests/test_tables.py`` fails until then).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from munitions_model import _tables  # noqa: E402
from munitions_model.distributions import _TABLE_LAYOUT, Mixture  # noqa: E402

#: Subjects whose pooled reports are shipped as tables (their default periods).
SUBJECTS = ("russia_fire_rate", "russia_production")
PATH = ROOT / "munitions_model" / "data" / "mixture_tables.npz"


def shipped_mixtures() -> list[Mixture]:
    """The mixtures whose tables are shipped, one per subject and default period."""
    from munitions_model.stockflow import phases_from_record

    found: dict[str, Mixture] = {}
    for subject in SUBJECTS:
        for phase in phases_from_record(subject):
            rate = phase.rounds_per_day
            if isinstance(rate, Mixture):
                found.setdefault(rate.model_dump_json(exclude={"unit"}), rate)
    return list(found.values())


def missing() -> list[str]:
    """Specs of shipped mixtures the file does not hold."""
    return [
        spec
        for spec in (m.model_dump_json(exclude={"unit"}) for m in shipped_mixtures())
        if _tables.lookup(spec, _TABLE_LAYOUT) is None
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a table is missing")
    args = parser.parse_args(argv)
    if args.check:
        lacking = missing()
        for spec in lacking:
            print(f"not shipped: {spec}")
        return 1 if lacking else 0
    tables = []
    for mixture in shipped_mixtures():
        in_logs, values = mixture._table_values()
        tables.append((mixture.model_dump_json(exclude={"unit"}), _TABLE_LAYOUT, in_logs, values))
    count = _tables.write(PATH, tables)
    print(f"wrote {count} tables to {PATH.relative_to(ROOT)} ({PATH.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
