"""Command line: ``python -m munitions_model`` (or ``munitions-model``).

With no subcommand it prints the seed reproduction
(:func:`munitions_model.seed_report`); ``--json`` prints the same as JSON. Subcommands:

``estimate``
    Give two of ``--stock``, ``--duration``, ``--burn-rate`` as phrases (or numbers in
    base units) and get the third, e.g. ``estimate --stock "more than one million rounds"
    --duration "around two months"``. A stock given in carriers ("about 6,700 containers",
    "about 30 trains") or in tonnes is first converted to rounds, as
    ``estimate_duration(stock=rounds_from_containers(...))`` does in Python, with
    ``--munition`` (default: what the phrase names, else 152mm), ``--container`` (for
    containers; rail cars and trains count as themselves), ``--fill-fraction``, ``--mix``
    and ``--packing``.
``figures``
    List the bundled reported figures with their sources (``--subject`` to filter), or
    the physical facts behind the munitions and carriers catalogue (``--facts``).
``capacity``
    Rounds a full carrier holds (``capacity 152mm --container 20ft``), or rounds in a
    number of carriers (``--containers "more than 1,000 containers"``); ``--mix
    152mm=0.7,122mm=0.3`` for a mixed load, ``--fill-fraction`` for part-filled carriers,
    ``--packing complete`` (or ``separate``, ``projectile``) for what a count of rounds
    counts (default: the catalogue's shipped weights).
``check``
    Check reported figures against each other, e.g. ``check "more than 1,000 containers"
    "more than one million rounds" --munition 152mm --container 20ft --packing complete``.

Every slot takes a phrase: ``--dud-fraction "about half"``, ``--fill-fraction "a fifth"``,
``--dud-fraction 30%``; a bare number in a fraction slot is a fraction (``0.3``), in
``--duration`` days, elsewhere the slot's base unit.

Errors
------
Bad input (an unreadable phrase, a unit that does not fit its slot, an unknown flag) exits
with status 2 and one line on standard error: ``error: <message>``, or with ``--json`` a
JSON object ``{"error": "<message>", "type": "<exception class>"}``. Any other failure exits
with status 1, also in one line.

JSON output is strict (RFC 8259): an infinite value is written as the string ``"inf"`` or
``"-inf"`` and a missing or undefined one as ``null``; ``NaN`` and ``Infinity`` never
appear.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, NoReturn

from pydantic import BaseModel

from munitions_model._parser import parse_claim
from munitions_model.estimation import (
    Estimate,
    Quantity,
    estimate_burn_rate,
    estimate_duration,
    estimate_stock,
)
from munitions_model.record import physical_facts, reported_figures, subjects

# The catalogue, logistics and consistency modules are imported by the commands that use
# them: the main job (no command) does not, and it is what a new user runs first.
from munitions_model.report import DEFAULT_SEED, seed_report
from munitions_model.units import base_unit

__all__ = ["main"]


def _common(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
    """The options every command takes. A command's copy has no defaults of its own
    (``SUPPRESS``): the main parser's stand, so ``--json figures`` and ``figures --json``
    (or ``--samples 64 estimate ...``) mean the same."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if sub else value

    parser.add_argument(
        "--json", action="store_true", default=default(False), help="print JSON instead of text"
    )
    parser.add_argument(
        "--samples", type=int, default=default(100_000), help="draws (default 100000)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=default(DEFAULT_SEED),
        help=f"random seed (default {DEFAULT_SEED})",
    )
    parser.add_argument(
        "--method",
        choices=("auto", "mc", "qmc", "analytic"),
        default=default("auto"),
        help="estimation method (default auto)",
    )


class _CatalogueNames:
    """The default catalogue's munition or carrier names as argparse ``choices``, read
    when a command line is checked against them (or help shows them), not before (give
    the argument a ``metavar``: argparse formats one from the choices otherwise)."""

    def __init__(self, part: Literal["munitions", "carriers"]) -> None:
        self._part = part

    def _names(self) -> list[str] | None:
        from munitions_model.catalogue import default_catalogue

        return _known(lambda: getattr(default_catalogue(), self._part))

    def __contains__(self, name: object) -> bool:
        names = self._names()
        return names is None or name in names  # a broken file: the command will say so

    def __iter__(self) -> Iterator[str]:
        return iter(self._names() or [])


class UsageError(ValueError):
    """Bad command-line input found by argparse (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are exceptions, reported in one line by `main`."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _known(names: Callable[[], Iterable[str]]) -> list[str] | None:
    """Choices read from the bundled data, or ``None`` (any value) when a data file is
    broken: ``--help`` and the commands that do not need that file still work, and the one
    that does says which file and row (issue 13)."""
    try:
        return list(names())
    except ValueError:
        return None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="munitions_model",
        description="Reported munitions figures to burn-rate and duration estimates.",
    )
    _common(parser, sub=False)
    sub = parser.add_subparsers(dest="command")
    est = sub.add_parser("estimate", help="estimate stock, duration or burn rate from phrases")
    _common(est)
    est.add_argument("--stock", help='e.g. "more than one million artillery rounds"')
    est.add_argument("--duration", help='e.g. "around two months" (numbers are days)')
    est.add_argument("--burn-rate", help='e.g. "about 10,000 rounds a day"')
    est.add_argument("--production", help="new rounds per day offsetting the burn rate")
    est.add_argument(
        "--dud-fraction", help='share of the stock that does not work: "about half", 30%%, 0.3'
    )
    est.add_argument(
        "--munition",
        choices=_CatalogueNames("munitions"),
        metavar="MUNITION",
        help="what carriers in --stock hold, one of %(choices)s (default: what the phrase "
        "names, else 152mm)",
    )
    _load_options(est)
    figs = sub.add_parser("figures", help="list the bundled reported figures")
    figs.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON instead of text"
    )
    figs.add_argument("--subject", choices=_known(subjects), help="only this subject")
    figs.add_argument(
        "--facts", action="store_true", help="list the physical facts behind the catalogue"
    )
    cap = sub.add_parser("capacity", help="rounds a full carrier holds, or a number of them")
    _common(cap)
    cap.add_argument(
        "munition",
        nargs="?",
        choices=_CatalogueNames("munitions"),
        metavar="munition",
        help="one of %(choices)s (default: what --containers names, else 152mm)",
    )
    _load_options(cap)
    cap.add_argument("--containers", help='e.g. "more than 1,000 containers"')
    check = sub.add_parser("check", help="check reported figures against each other")
    _common(check)
    check.add_argument("claims", nargs="+", help="phrases, each in quotes")
    check.add_argument(
        "--munition",
        choices=_CatalogueNames("munitions"),
        metavar="MUNITION",
        help="one of %(choices)s (default: what the claims name, else 152mm)",
    )
    _load_options(check)
    return parser


def _load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--container",
        default="20ft",
        choices=_CatalogueNames("carriers"),
        metavar="CONTAINER",
        help="one of %(choices)s (default 20ft)",
    )
    parser.add_argument(
        "--fill-fraction",
        default="1",
        help='share of each carrier used, (0, 1]: "about half", 80%%, 0.8 (default 1)',
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


def _fraction(text: str) -> float | str:
    """A fraction flag: a plain number, or a phrase ("about half", "30%")."""
    value = _value(text)
    return value if isinstance(value, float | str) else text


#: Units of a stock stated in carriers, and the carrier each counts (``None``: ``--container``).
_CARRIERS: dict[str | None, str | None] = {
    "containers": None,
    "rail_cars": "rail_car",
    "trains": "train",
}


def _stock(args: argparse.Namespace, opts: dict[str, Any]) -> Quantity:
    """``--stock`` in rounds: a stock stated in carriers (containers, rail cars, trains)
    or in tonnes is converted first (chained)."""
    from munitions_model.logistics import rounds_from_containers, rounds_from_tonnes

    stock = _need(args.stock)
    unit = base_unit(parse_claim(stock).unit) if isinstance(stock, str) else None
    if unit == "tonnes":
        return rounds_from_tonnes(
            stock, args.munition, _mix(args.mix), packing=args.packing, **opts
        )
    if unit not in _CARRIERS:
        return stock
    return rounds_from_containers(
        stock,
        args.munition,
        _CARRIERS[unit] or args.container,
        _fraction(args.fill_fraction),
        _mix(args.mix),
        packing=args.packing,
        **opts,
    )


def _run_estimate(args: argparse.Namespace) -> Estimate:
    given = {k for k in ("stock", "duration", "burn_rate") if getattr(args, k) is not None}
    opts: dict[str, Any] = {"samples": args.samples, "seed": args.seed, "method": args.method}
    production, duds = _value(args.production), _value(args.dud_fraction)
    if given == {"stock", "duration"}:
        if production is not None:
            raise ValueError("--production applies when estimating a duration")
        return estimate_burn_rate(
            stock=_stock(args, opts), duration=_need(args.duration), dud_fraction=duds, **opts
        )
    if given == {"stock", "burn_rate"}:
        return estimate_duration(
            stock=_stock(args, opts),
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
    from munitions_model.logistics import rounds_from_containers, rounds_per_container

    opts: dict[str, Any] = {"samples": args.samples, "seed": args.seed, "method": args.method}
    if args.containers is None:
        if _value(args.fill_fraction) != 1.0:
            raise ValueError("--fill-fraction applies with --containers")
        munition = "152mm" if args.munition is None else args.munition
        return rounds_per_container(
            munition, args.container, mix=_mix(args.mix), packing=args.packing, **opts
        )
    return rounds_from_containers(
        _need(args.containers),
        args.munition,
        args.container,
        _fraction(args.fill_fraction),
        _mix(args.mix),
        packing=args.packing,
        **opts,
    )


def _strict(value: Any) -> Any:
    """``value`` with infinities as ``"inf"``/``"-inf"`` and NaN as ``None`` (strict JSON)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v) for v in value]
    return value


def _json(value: Any) -> str:
    """Strict JSON (no NaN or Infinity) of a model, a dict or a list."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    return json.dumps(_strict(value), indent=2, allow_nan=False)


def _show_estimate(args: argparse.Namespace, est: Estimate) -> str:
    return _json(est.to_dict()) if args.json else _estimate_text(est)


def _run_check(args: argparse.Namespace) -> str:
    from munitions_model.consistency import check_consistency

    checked = check_consistency(
        args.claims,
        args.munition,
        args.container,
        fill_fraction=_fraction(args.fill_fraction),
        mix=_mix(args.mix),
        packing=args.packing,
        samples=args.samples,
        seed=args.seed,
    )
    return _json(checked) if args.json else checked.to_text()


def _run_figures(args: argparse.Namespace) -> str:
    if args.facts:
        facts = physical_facts()
        return _json([f.model_dump(mode="json") for f in facts]) if args.json else _facts_text()
    if args.json:
        return _json(
            [
                f.model_dump(mode="json")
                for f in reported_figures()
                if args.subject is None or f.subject == args.subject
            ]
        )
    return _figures_text(args.subject)


def _run_report(args: argparse.Namespace) -> str:
    method: Literal["mc", "qmc"] = "qmc" if args.method == "qmc" else "mc"
    report = seed_report(samples=args.samples, seed=args.seed, method=method)
    return _json(report) if args.json else report.to_text()


_COMMANDS: dict[str | None, Callable[[argparse.Namespace], str]] = {
    "estimate": lambda args: _show_estimate(args, _run_estimate(args)),
    "capacity": lambda args: _show_estimate(args, _run_capacity(args)),
    "check": _run_check,
    "figures": _run_figures,
    None: _run_report,
}


def _error(err: BaseException, as_json: bool) -> str:
    """One line for an error: text, or a JSON object under ``--json``."""
    message = " ".join(str(err).split()) or type(err).__name__
    if as_json:
        return json.dumps({"error": message, "type": type(err).__name__})
    return f"error: {message}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``python -m munitions_model``, ``munitions-model``).

    Parameters
    ----------
    argv : sequence of str or None, default None
        The arguments, without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        The exit status: 0 on success, non-zero for input the library refuses.

    See Also
    --------
    munitions_model.seed_report : What the main job (no command) prints.
    munitions_model.estimate : What the ``estimate`` command runs.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["estimate", "--stock", "about 1,000,000 rounds",
    ...                    "--duration", "about 100 days", "--samples", "2000", "--seed", "1"])
    >>> status, "rounds/day" in out.getvalue()
    (0, True)
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in arguments
    try:
        args = _parser().parse_args(arguments)
        print(_COMMANDS[args.command](args))
    except (ValueError, TypeError) as err:  # bad input, including phrases that do not read
        print(_error(err, as_json), file=sys.stderr)
        return 2
    except Exception as err:  # one line, never a traceback
        print(_error(err, as_json), file=sys.stderr)
        return 1
    return 0
