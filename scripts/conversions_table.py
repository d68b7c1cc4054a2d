"""Print the README's table of official conversions, checked against the model.

For each conversion bundled in ``munitions_model/data/conversions.csv`` (containers, rail
cars or tonnes to rounds, 2023-2025), under the reading its wording implies (the munition,
full carriers, the catalogue's shipped packings): the rate at face value, the model's 90%
interval for the same rate, the verdict of ``check_consistency`` on the two figures read
as their author rounded them (``CONVERSION_HEDGES``, granularity-1) and, beside it, as a
reader takes the words (reader-2015, the library's default), and the packings under which
the pair is consistent (as rounded).

    python scripts/conversions_table.py            # 100,000 draws, seed 20231101
    python scripts/conversions_table.py --samples 20000
"""

from __future__ import annotations

import argparse

from munitions_model import logistics
from munitions_model.consistency import CONSISTENT_AT, Conversion, conversions
from munitions_model.hedges import READER_2015

SEED = 20231101


def _n(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def _rate(conv: Conversion) -> str:
    low, high = conv.per_carrier
    unit = "a tonne" if conv.container is None else "a carrier"
    text = _n(low) if abs(high - low) < 0.5 else f"{_n(low)}-{_n(high)}"
    if conv.container is None:
        text += f" ({1000 / high:.1f} kg a round)"
    return f"{text} {unit}"


def _reading(conv: Conversion) -> str:
    """The reading, briefly: what the carriers are taken to hold (the long wording is in
    the data's ``reading`` column)."""
    what = (
        conv.munition
        if conv.mix is None
        else " + ".join(f"{w:.0%} {m}" for m, w in conv.mix.items())
    )
    if conv.container is None:
        return f"all {what}, by weight"
    return f"all {what}, full {conv.container}"


def _model(conv: Conversion, samples: int) -> str:
    """The model's 90% interval for the conversion's rate, under its reading."""
    munition = conv.munition if conv.mix is None else "152mm"
    opts = {"samples": samples, "seed": SEED}
    if conv.container is None:
        mass = logistics.mass_per_round(munition, conv.mix, **opts)
        low, high = mass.interval(0.9)
        return f"{1000 / high:.1f}-{1000 / low:.1f} a tonne ({low:.0f}-{high:.0f} kg a round)"
    held = logistics.rounds_per_container(munition, conv.container, mix=conv.mix, **opts)
    low, high = held.interval(0.9)
    return f"{held.median:,.0f} ({low:,.0f}-{high:,.0f})"


def _under(conv: Conversion, samples: int) -> str:
    """The packings under which the pair is consistent."""
    if len(conv.packings) == 1:
        return f"{conv.packings[0]} (the only packing)"
    found = []
    for packing in conv.packings:
        c = conv.check(packing=packing, samples=samples, seed=SEED).findings[0].compatibility
        if c >= CONSISTENT_AT:
            found.append(f"{packing} ({c:.2f})")
    return ", ".join(found) or "none"


def rows(samples: int) -> list[str]:
    """The table's lines, header first."""
    out = [
        "| conversion | figures | at face value | reading | model, same rate (90%) | "
        "verdict (compatibility), as rounded | as read (reader-2015) | "
        "consistent if counted as |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for conv in conversions():
        f = conv.check(samples=samples, seed=SEED).findings[0]
        r = conv.check(samples=samples, seed=SEED, hedges=READER_2015).findings[0]
        when = conv.reported_on or "undated"
        who = f"[{conv.who}, {when}]({conv.url})"
        figures = f"{conv.carriers.phrase} → {conv.rounds.phrase}"
        out.append(
            f"| {who} | {figures} | {_rate(conv)} | {_reading(conv)} | {_model(conv, samples)} | "
            f"{f.verdict} ({f.compatibility:.2f}) | {r.verdict} ({r.compatibility:.2f}) | "
            f"{_under(conv, samples)} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=100_000)
    args = parser.parse_args()
    print("\n".join(rows(args.samples)))


if __name__ == "__main__":
    main()
