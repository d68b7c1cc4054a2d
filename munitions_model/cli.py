"""Command line: ``python -m munitions_model`` (or ``munitions-model``).

With no subcommand it prints the seed reproduction (:func:`seed_report`); ``--json`` prints
the same as JSON. Subcommands:

``estimate``
    Give two of ``--stock``, ``--duration``, ``--burn-rate`` as phrases (or numbers in
    base units) and get the third, e.g. ``estimate --stock "more than one million rounds"
    --duration "around two months"``.
``figures``
    List the bundled reported figures with their sources (``--subject`` to filter), or
    the physical facts behind the munitions and carriers catalogue (``--facts``).
``capacity``
    Rounds a full carrier holds (``capacity 152mm --container 20ft``), or rounds in a
    number of carriers (``--containers "more than 1,000 containers"``); ``--mix
    152mm=0.7,122mm=0.3`` for a mixed load, ``--fill-fraction`` for part-filled carriers.
``check``
    Check reported figures against each other, e.g. ``check "more than 1,000 containers"
    "more than one million rounds" --munition 152mm --container 20ft``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, Literal

from munitions_model.catalogue import default_catalogue
from munitions_model.consistency import check_consistency
from munitions_model.estimation import (
    Estimate,
    Quantity,
    estimate_burn_rate,
    estimate_duration,
    estimate_stock,
)
from munitions_model.logistics import rounds_from_containers, rounds_per_container
from munitions_model.record import physical_facts, reported_figures, subjects
from munitions_model.report import DEFAULT_SEED, seed_report

__all__ = ["main"]


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--samples", type=int, default=100_000, help="draws (default 100000)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--method",
        choices=("auto", "mc", "qmc", "analytic"),
        default="auto",
        help="estimation method (default auto)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="munitions_model",
        description="Reported munitions figures to burn-rate and duration estimates.",
    )
    _common(parser)
    sub = parser.add_subparsers(dest="command")
    est = sub.add_parser("estimate", help="estimate stock, duration or burn rate from phrases")
    _common(est)
    est.add_argument("--stock", help='e.g. "more than one million artillery rounds"')
    est.add_argument("--duration", help='e.g. "around two months" (numbers are days)')
    est.add_argument("--burn-rate", help='e.g. "about 10,000 rounds a day"')
    est.add_argument("--production", help="new rounds per day offsetting the burn rate")
    est.add_argument("--dud-fraction", help="share of the stock that does not work, 0-1")
    figs = sub.add_parser("figures", help="list the bundled reported figures")
    figs.add_argument("--json", action="store_true", help="print JSON instead of text")
    figs.add_argument("--subject", choices=subjects(), help="only this subject")
    figs.add_argument(
        "--facts", action="store_true", help="list the physical facts behind the catalogue"
    )
    cat = default_catalogue()
    cap = sub.add_parser("capacity", help="rounds a full carrier holds, or a number of them")
    _common(cap)
    cap.add_argument("munition", nargs="?", default="152mm", choices=list(cat.munitions))
    _load_options(cap)
    cap.add_argument("--containers", help='e.g. "more than 1,000 containers"')
    check = sub.add_parser("check", help="check reported figures against each other")
    _common(check)
    check.add_argument("claims", nargs="+", help="phrases, each in quotes")
    check.add_argument(
        "--munition", default="152mm", choices=list(cat.munitions), help="default 152mm"
    )
    _load_options(check)
    return parser


def _load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--container",
        default="20ft",
        choices=list(default_catalogue().carriers),
        help="default 20ft",
    )
    parser.add_argument(
        "--fill-fraction", type=float, default=1.0, help="share of each carrier used, (0, 1]"
    )
    parser.add_argument("--mix", help="shares of rounds, e.g. 152mm=0.7,122mm=0.3")
    parser.add_argument(
        "--packing",
        help="what a count counts: complete, separate, projectile (default: the catalogue's "
        "shipped weights)",
    )


def _mix(text: str | None) -> dict[str, float] | None:
    """``"152mm=0.7,122mm=0.3"`` as a mapping."""
    if text is None:
        return None
    out = {}
    for part in text.split(","):
        name, sep, share = part.partition("=")
        try:
            out[name.strip()] = float(share)
        except ValueError:
            sep = ""
        if not sep:
            raise ValueError(f"--mix must read NAME=SHARE,NAME=SHARE, got {text!r}")
    return out


def _value(text: str | None) -> Quantity | None:
    """A phrase, or a plain number (in base units) when it reads as one."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _need(text: str | None) -> Quantity:
    """`_value` of a flag known to be given."""
    value = _value(text)
    assert value is not None
    return value


def _run_estimate(args: argparse.Namespace) -> Estimate:
    given = {k for k in ("stock", "duration", "burn_rate") if getattr(args, k) is not None}
    opts: dict[str, Any] = {"samples": args.samples, "seed": args.seed, "method": args.method}
    production, duds = _value(args.production), _value(args.dud_fraction)
    if given == {"stock", "duration"}:
        if production is not None:
            raise ValueError("--production applies when estimating a duration")
        return estimate_burn_rate(
            stock=_need(args.stock), duration=_need(args.duration), dud_fraction=duds, **opts
        )
    if given == {"stock", "burn_rate"}:
        return estimate_duration(
            stock=_need(args.stock),
            burn_rate=_need(args.burn_rate),
            production=production,
            dud_fraction=duds,
            **opts,
        )
    if given == {"burn_rate", "duration"}:
        return estimate_stock(
            burn_rate=_need(args.burn_rate), duration=_need(args.duration), **opts
        )
    raise ValueError("give exactly two of --stock, --duration and --burn-rate")


def _estimate_text(est: Estimate) -> str:
    lines = [est.summary(), "inputs:"]
    for r in est.inputs:
        what = repr(r.phrase) if r.phrase else r.given
        lines.append(f"  {r.name} = {what}: read as {r.interpretation}")
    return "\n".join(lines)


def _plain(x: float) -> str:
    return f"{int(x):,}" if x.is_integer() else f"{x:,}"


def _figures_text(subject: str | None) -> str:
    lines = []
    for f in reported_figures():
        if subject is not None and f.subject != subject:
            continue
        c = f.claim
        assert c.source is not None
        value = _plain(c.value) + (f"-{_plain(c.value_high)}" if c.value_high else "")
        lines.append(
            f"{f.id:<28} {f.subject:<24} {c.qualifier:<9} {value:>16} {c.unit:<17} "
            f"{c.source.who} ({c.source.when or 'undated'}): {c.phrase!r}"
        )
    return "\n".join(lines)


def _facts_text() -> str:
    lines = []
    for f in physical_facts():
        value = "" if f.value is None else _plain(f.value)
        lines.append(f"{f.id:<20} {value:>8} {f.unit:<18} {f.item}: {f.fact} ({f.who})")
    return "\n".join(lines)


def _run_capacity(args: argparse.Namespace) -> Estimate:
    opts: dict[str, Any] = {"samples": args.samples, "seed": args.seed, "method": args.method}
    if args.containers is None:
        if args.fill_fraction != 1.0:
            raise ValueError("--fill-fraction applies with --containers")
        return rounds_per_container(
            args.munition, args.container, mix=_mix(args.mix), packing=args.packing, **opts
        )
    return rounds_from_containers(
        _need(args.containers),
        args.munition,
        args.container,
        args.fill_fraction,
        _mix(args.mix),
        packing=args.packing,
        **opts,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "estimate":
            est = _run_estimate(args)
            print(json.dumps(est.to_dict(), indent=2) if args.json else _estimate_text(est))
        elif args.command == "figures" and args.facts:
            facts = physical_facts()
            if args.json:
                print(json.dumps([f.model_dump(mode="json") for f in facts], indent=2))
            else:
                print(_facts_text())
        elif args.command == "capacity":
            est = _run_capacity(args)
            print(json.dumps(est.to_dict(), indent=2) if args.json else _estimate_text(est))
        elif args.command == "check":
            checked = check_consistency(
                args.claims,
                args.munition,
                args.container,
                fill_fraction=args.fill_fraction,
                mix=_mix(args.mix),
                packing=args.packing,
                samples=args.samples,
                seed=args.seed,
            )
            print(checked.model_dump_json(indent=2) if args.json else checked.to_text())
        elif args.command == "figures":
            if args.json:
                rows = [
                    f.model_dump(mode="json")
                    for f in reported_figures()
                    if args.subject is None or f.subject == args.subject
                ]
                print(json.dumps(rows, indent=2))
            else:
                print(_figures_text(args.subject))
        else:
            method: Literal["mc", "qmc"] = "qmc" if args.method == "qmc" else "mc"
            report = seed_report(samples=args.samples, seed=args.seed, method=method)
            print(report.model_dump_json(indent=2) if args.json else report.to_text())
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0
