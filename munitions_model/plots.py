"""Matplotlib figures of the library's results (optional extra ``plots``).

Each function draws one kind of result and returns the matplotlib `Figure`; none calls
``show()`` and none touches pyplot's global figure list (figures are built with
``matplotlib.figure.Figure``), so they work headless and in loops without leaking. Pass
``ax`` to draw into an existing axes instead (its figure is returned).

Matplotlib is imported when a function is called: ``import munitions_model`` works
without it, and calling a plot function without it raises an ``ImportError`` that says
how to install it.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
from numpy.typing import NDArray

from munitions_model.distributions import DISTRIBUTION_TYPES, Distribution, Empirical
from munitions_model.estimation import Estimate, Spread
from munitions_model.inference import Posterior
from munitions_model.sensitivity import (
    HedgeSensitivity,
    SobolIndices,
    SweepResult,
    Tornado,
    WordingSensitivity,
)
from munitions_model.stockflow import StockProjection

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "plot_distribution",
    "plot_fan_chart",
    "plot_hedge_sensitivity",
    "plot_intervals",
    "plot_posterior",
    "plot_sobol",
    "plot_sweep",
    "plot_tornado",
    "plot_wording",
]

_MISSING = (
    "munitions_model.plots needs matplotlib, which is not installed; install the plots "
    "extra: pip install 'munitions_model[plots]'"
)
# Colours: one for "as stated"/highlight, one for the rest (colour-blind safe pair).
_MAIN, _ACCENT, _GREY = "#1f77b4", "#d95f02", "#7f7f7f"


def _axes(ax: Axes | None, size: tuple[float, float] = (7.0, 4.0)) -> tuple[Figure, Axes]:
    """A new figure with one axes (or ``ax`` and its figure)."""
    try:
        figure_module = importlib.import_module("matplotlib.figure")
        importlib.import_module("matplotlib.dates")  # registers date converters
    except ImportError as err:
        raise ImportError(_MISSING) from err
    if ax is not None:
        return cast("Figure", ax.figure), ax
    fig = figure_module.Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _unit(unit: str | None) -> str:
    return f" [{unit}]" if unit else ""


#: What a quantity in a base unit is called on an axis (``docs/glossary.md``).
_QUANTITY_OF_UNIT = {
    "rounds": "rounds",
    "days": "duration",
    "rounds/day": "fire rate",
    "containers": "containers",
    "transfers": "transfers",
    "rounds/container": "rounds per container",
    "rounds/transfer": "rounds per transfer",
    "transfers/month": "transfers per month",
    "fraction": "fraction",
    "pieces": "tubes",
}


def _axis_label(thing: object, unit: str | None) -> str:
    """``"duration_days [days]"`` for an estimate (its function), ``"fire rate
    [rounds/day]"`` for a distribution (its unit's quantity)."""
    if isinstance(thing, Estimate):
        return f"{thing.function}{_unit(unit)}"
    return f"{_QUANTITY_OF_UNIT.get(unit or '', 'value')}{_unit(unit)}"


def _thousands(axis: Any) -> None:
    """Tick labels with thousands separators (1,000,000 rather than 1e6)."""
    ticker = importlib.import_module("matplotlib.ticker")
    axis.set_major_formatter(ticker.FuncFormatter(lambda value, _: _num(value)))


def _num(x: float) -> str:
    """Thousands separators for large numbers, three significant digits for small ones."""
    if not math.isfinite(x):
        return str(x)
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def plot_distribution(
    thing: Distribution | Estimate,
    level: float = 0.9,
    *,
    ax: Axes | None = None,
    label: str | None = None,
    xlabel: str | None = None,
) -> Figure:
    """Plot the density of a distribution or estimate, its median and central interval.

    A distribution's density is drawn from its quantile function (the slope of ``u``
    against ``ppf(u)`` on a fine grid); an estimate with draws, or an `Empirical`
    distribution (a set of samples, whose quantile function is a jagged line through
    them), is drawn as a histogram, with whole-unit bins for whole-number samples.

    Parameters
    ----------
    thing : Distribution or Estimate
        What to draw.
    level : float, default 0.9
        Probability of the shaded central interval.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.
    label : str or None, default None
        Title.
    xlabel : str or None, default None
        The quantity on the horizontal axis; by default the estimate's function (or the
        distribution's quantity) and unit, e.g. ``duration_days [days]``.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    plot_intervals : Several medians and intervals side by side.

    Examples
    --------
    >>> import munitions_model as mm
    >>> fig = plot_distribution(mm.interpret(mm.parse_claim("around two months")))
    >>> fig.axes[0].get_xlabel()
    'duration [days]'
    """
    fig, ax = _axes(ax)
    low, high = thing.interval(level)
    median = thing.median
    unit = thing.unit
    dist = thing.distribution if isinstance(thing, Estimate) else thing
    draws: NDArray[np.float64] | None = None
    if isinstance(thing, Estimate) and dist is None:
        draws = thing.draws
    elif isinstance(dist, Empirical):
        draws = np.asarray(dist.values, dtype=np.float64)
    if draws is not None:
        finite = draws[np.isfinite(draws)]
        top = float(np.quantile(finite, 0.995))
        shown = finite[finite <= top]
        ax.hist(shown, bins=_histogram_bins(shown), density=True, color=_MAIN, alpha=0.6)
    else:
        assert dist is not None
        u = np.linspace(0.0005, 0.995, 801)
        x = dist.ppf(u)
        dx = np.diff(x)
        keep = dx > 0
        mid = ((x[:-1] + x[1:]) / 2)[keep]
        ax.plot(mid, (np.diff(u)[keep] / dx[keep]), color=_MAIN)
        ax.fill_between(mid, 0, np.diff(u)[keep] / dx[keep], color=_MAIN, alpha=0.15)
    ax.axvspan(low, high, color=_ACCENT, alpha=0.12, label=f"{level:.0%} interval")
    ax.axvline(median, color=_ACCENT, lw=1.5, label=f"median {_num(median)}")
    ax.set_xlabel(xlabel or _axis_label(thing, unit))
    _thousands(ax.xaxis)
    ax.set_ylabel("density")
    ax.set_yticks([])
    ax.set_title(label or f"{_num(low)} to {_num(high)}{_unit(unit)} ({level:.0%})")
    ax.legend(frameon=False)
    return fig


def _histogram_bins(draws: NDArray[np.float64]) -> int | list[float]:
    """About 120 bins; for whole-number draws (rounds per container, counts), bins a whole
    number of units wide with edges halfway between integers, so that every bin spans the
    same number of possible values. Equal-width bins on whole numbers would hold two
    values in some bins and three in others and draw a comb of alternating bar heights."""
    if draws.size == 0 or not np.array_equal(draws, np.round(draws)):
        return 120
    low, high = float(draws.min()), float(draws.max())
    width = max(1.0, math.ceil((high - low + 1.0) / 120))
    edges: list[float] = np.arange(low - 0.5, high + width, width).tolist()
    return edges


def plot_tornado(result: Tornado, *, ax: Axes | None = None) -> Figure:
    """Plot a tornado chart: one bar per input, from the output at its low to its high quantile.

    The most influential input is at the top; the vertical line is the output with every
    input at its median.

    Parameters
    ----------
    result : Tornado
        From :func:`munitions_model.sensitivity.tornado`.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.sensitivity.tornado : Computes the bars.

    Examples
    --------
    >>> import munitions_model as mm
    >>> result = mm.sensitivity.tornado(mm.implied_rounds_per_day, {
    ...     "stock_rounds": "more than one million rounds", "duration_days": "around two months"})
    >>> len(plot_tornado(result).axes) >= 1
    True
    """
    fig, ax = _axes(ax, (7.0, 1.2 + 0.6 * len(result.bars)))
    bars = list(reversed(result.bars))
    for i, b in enumerate(bars):
        ax.barh(i, b.output_at_low - result.baseline, left=result.baseline, color=_MAIN)
        ax.barh(i, b.output_at_high - result.baseline, left=result.baseline, color=_ACCENT)
    ax.set_yticks(
        range(len(bars)),
        [f"{b.name}\n{_num(b.input_low)} to {_num(b.input_high)}" for b in bars],
    )
    ax.axvline(result.baseline, color="black", lw=1)
    ax.set_xlabel(f"{result.function}{_unit(result.unit)}")
    ax.set_title(
        f"Each input at its {result.low:.0%} (blue) and {result.high:.0%} (orange) quantile"
    )
    return fig


def plot_sobol(result: SobolIndices, *, ax: Axes | None = None) -> Figure:
    """Plot first- and total-order Sobol indices with their bootstrap intervals.

    Parameters
    ----------
    result : SobolIndices
        From :func:`munitions_model.sensitivity.sobol`.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.sensitivity.sobol : Computes the indices.

    Examples
    --------
    >>> import munitions_model as mm
    >>> inputs = {"stock_rounds": mm.lognormal(5e5, 2e6), "rounds_per_day": mm.lognormal(5e3, 3e4)}
    >>> result = mm.sensitivity.sobol(mm.duration_days, inputs, samples=256, seed=1)
    >>> len(plot_sobol(result).axes) >= 1
    True
    """
    fig, ax = _axes(ax)
    names = [i.name for i in result.indices]
    x = np.arange(len(names))
    width = 0.38
    for offset, kind, colour in ((-width / 2, "first", _MAIN), (width / 2, "total", _ACCENT)):
        values = np.array([getattr(i, f"{kind}_order") for i in result.indices])
        lows = np.array([getattr(i, f"{kind}_order_low") for i in result.indices])
        highs = np.array([getattr(i, f"{kind}_order_high") for i in result.indices])
        errors = np.vstack([np.maximum(values - lows, 0), np.maximum(highs - values, 0)])
        ax.bar(x + offset, values, width, yerr=errors, capsize=3, color=colour, label=kind)
    ax.set_xticks(x, names)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"share of Var({'log ' if result.scale == 'log' else ''}{result.function})")
    ax.set_title(
        f"Sobol indices, {result.confidence_level:.0%} bootstrap intervals "
        f"({result.samples:,} samples)"
    )
    ax.legend(frameon=False)
    return fig


def plot_sweep(
    result: SweepResult,
    q: float | Literal["mean"] = 0.5,
    *,
    ax: Axes | None = None,
    log: bool = True,
    contours: Sequence[float] | None = None,
) -> Figure:
    """Plot a heat map of a two-parameter sweep (other axes must hold a single value).

    Parameters
    ----------
    result : SweepResult
        From :func:`munitions_model.sensitivity.sweep`.
    q : float or "mean", default 0.5
        Which statistic to colour by (a swept quantile, or ``"mean"``).
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.
    log : bool, default True
        Logarithmic colour scale (outputs span factors).
    contours : sequence of float or None, default None
        Draw and label these contour levels.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.sensitivity.sweep : Computes the grid.

    Examples
    --------
    >>> import munitions_model as mm
    >>> result = mm.sensitivity.sweep(mm.duration_days, {"stock_rounds": [5e5, 1e6, 2e6],
    ...                               "rounds_per_day": [1e4, 2e4]}, samples=200, seed=1)
    >>> len(plot_sweep(result).axes) >= 1
    True
    """
    varying = [name for name, values in result.axes.items() if len(values) > 1]
    if len(varying) != 2:
        raise ValueError(
            f"plot_sweep needs exactly two axes with more than one value, got {varying}"
        )
    fig, ax = _axes(ax)
    colors = importlib.import_module("matplotlib.colors")
    values = result.array(q).squeeze()
    y_name, x_name = varying
    xs, ys = np.asarray(result.axes[x_name]), np.asarray(result.axes[y_name])
    masked = np.ma.masked_invalid(values)
    norm = colors.LogNorm() if log and np.all(masked.compressed() > 0) else None
    mesh = ax.pcolormesh(xs, ys, masked, shading="nearest", norm=norm, cmap="viridis")
    stat = "mean" if q == "mean" else f"{float(q):.0%} quantile"
    fig.colorbar(mesh, ax=ax, label=f"{result.function}, {stat}{_unit(result.unit)}")
    if contours:
        lines = ax.contour(xs, ys, masked, levels=sorted(contours), colors="white")
        ax.clabel(lines, fmt=_num)
    if not np.isfinite(values).all():
        ax.set_facecolor("#dddddd")
        ax.text(0.01, 0.01, "grey: infinite", transform=ax.transAxes, fontsize=8)
    ax.set_xlabel(x_name)
    ax.set_ylabel(y_name)
    ax.set_title(f"{result.function} over {x_name} x {y_name} ({result.samples:,} draws each)")
    return fig


def plot_fan_chart(
    result: StockProjection, *, ax: Axes | None = None, title: str | None = None
) -> Figure:
    """Plot a fan chart of a projected stock: nested quantile bands and the median.

    The central 90% of depletion dates is marked.

    Parameters
    ----------
    result : StockProjection
        From :func:`munitions_model.project_stock`.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.
    title : str or None, default None
        Title.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.project_stock : Makes the projection.

    Examples
    --------
    >>> import munitions_model as mm
    >>> p = mm.project_stock("about 1,000,000 rounds", "about 20,000 rounds a day",
    ...                      start="2024-01-01", horizon_days=120, samples=1_000, seed=1)
    >>> len(plot_fan_chart(p).axes) >= 1
    True
    """
    fig, ax = _axes(ax, (8.0, 4.5))
    dates = np.array(result.dates, dtype="datetime64[D]")
    probabilities = sorted(result.quantiles)
    pairs = [
        (lo, hi) for lo, hi in zip(probabilities, reversed(probabilities), strict=True) if lo < hi
    ]
    for depth, (lo, hi) in enumerate(pairs):
        ax.fill_between(
            dates,
            result.band(lo),
            result.band(hi),
            color=_MAIN,
            alpha=0.15 + 0.2 * depth,
            lw=0,
            label=f"stock, {lo:.0%} to {hi:.0%} of paths",
        )
    if 0.5 in result.quantiles:
        ax.plot(dates, result.band(0.5), color=_MAIN, lw=2, label="stock, median path")
    d = result.last_depletion
    when = importlib.import_module("matplotlib.dates").date2num
    day0 = float(when(result.start))
    if math.isfinite(d.low):
        end = day0 + (d.high if math.isfinite(d.high) else result.horizon_days)
        ax.axvspan(
            day0 + d.low,
            end,
            ymin=0.0,
            ymax=0.06,
            facecolor="none",
            edgecolor=_ACCENT,
            hatch="////",
            lw=0.8,
            label="90% of run-outs (last time empty)",
        )
    if math.isfinite(d.median):
        ax.axvline(
            day0 + d.median,
            color=_ACCENT,
            lw=1.5,
            ls="--",
            label="median run-out (last time empty)",
        )
    ax.set_ylim(bottom=0)
    ax.set_ylabel("stock at the start of the day [rounds]")
    ax.set_xlabel("date")
    _thousands(ax.yaxis)
    ax.set_title(title or f"Stock from {result.start} ({result.samples:,} paths)")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    fig.autofmt_xdate()
    return fig


def plot_posterior(
    posterior: Posterior,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    log: bool = True,
    sources: int = 5,
) -> Figure:
    """Plot a subject's posterior over time with the reports it rests on drawn over it.

    Bands: the central 50% and 90% of each month (for a cumulative subject, of the total
    by the month's end), and the median. Each report is drawn at its reading's median,
    with its 90% reading as a vertical bar: a rate as a horizontal segment over its
    period, a cumulative total as a point at its period's end (reports of a window that
    starts after the subject's origin are not totals and are left out). The ``sources``
    sources with most reports get their own colour, the rest are grey.

    Parameters
    ----------
    posterior : Posterior
        From :func:`munitions_model.infer`.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.
    title : str or None, default None
        Title.
    log : bool, default True
        Log scale on the value axis (reports differ by factors, not by amounts).
    sources : int, default 5
        How many sources get a colour of their own.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.infer : Makes the posterior.

    Examples
    --------
    >>> import munitions_model as mm
    >>> post = mm.infer(mm.bundled_ledger(), "russia_fire_rate", seed=1, samples=200, warmup=200)
    >>> len(plot_posterior(post).axes) >= 1
    True
    """
    fig, ax = _axes(ax, (8.5, 4.5))
    dates_module = importlib.import_module("matplotlib.dates")
    mid = np.array(
        [p.start + (p.end - p.start) / 2 for p in posterior.periods], dtype="datetime64[D]"
    )
    for level, alpha in ((0.9, 0.18), (0.5, 0.3)):
        lo, hi = posterior.interval(level)
        ax.fill_between(mid, lo, hi, color=_MAIN, alpha=alpha, lw=0, label=f"central {level:.0%}")
    ax.plot(mid, posterior.median, color=_MAIN, lw=2, label="posterior median")
    counts: dict[str, int] = {}
    for r in posterior.used:
        counts[r.source] = counts.get(r.source, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])[:sources]
    palette = ["#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]
    colour = {name: palette[i % len(palette)] for i, name in enumerate(ranked)}
    cumulative = posterior.subject.kind == "cumulative"
    labelled: set[str] = set()
    for r in posterior.used:
        assert r.period_start is not None  # a report the posterior used has both ends
        assert r.period_end is not None
        origin = posterior.subject.origin
        if cumulative and origin is not None and r.period_start > origin:
            continue  # an increment over a later window, not a total
        name = r.source if r.source in colour else "other sources"
        c = colour.get(r.source, _GREY)
        low, high = r.reading.interval(0.9)
        med = r.reading.median
        label = None if name in labelled else name
        labelled.add(name)
        end = dates_module.date2num(r.period_end)
        if cumulative:
            ax.errorbar(
                end,
                med,
                yerr=[[med - low], [high - med]],
                fmt="o",
                ms=4,
                color=c,
                lw=1,
                capsize=2,
                label=label,
            )
        else:
            start = dates_module.date2num(r.period_start)
            ax.plot(
                [start, end + 1], [med, med], color=c, lw=2.5, solid_capstyle="butt", label=label
            )
            ax.plot([(start + end + 1) / 2] * 2, [low, high], color=c, lw=0.8)
    if log:
        ax.set_yscale("log")
    what = "total by month's end" if cumulative else "monthly mean"
    ax.set_ylabel(f"{posterior.subject.name} ({what}){_unit(posterior.unit)}")
    ax.set_title(
        title or f"{posterior.subject.name}: posterior and the {len(posterior.used)} reports"
    )
    ax.legend(frameon=False, fontsize=7, loc="best", ncol=2)
    fig.autofmt_xdate()
    return fig


def plot_intervals(
    labels: Sequence[str],
    spreads: Sequence[Spread | Estimate | Distribution],
    *,
    ax: Axes | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
    highlight: Sequence[bool] | None = None,
    xlabel: str | None = None,
    title: str | None = None,
    log: bool = False,
) -> Figure:
    """Plot medians and 90% intervals side by side, one row per label (a forest plot).

    Parameters
    ----------
    labels : sequence of str
        One label per row.
    spreads : sequence of Spread, Estimate or Distribution
        One per label: the median and 90% interval to draw.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.
    reference : float or None, default None
        A value to mark with a vertical line.
    reference_label : str or None, default None
        Its legend label.
    highlight : sequence of bool or None, default None
        Rows to draw in the accent colour.
    xlabel : str or None, default None
        Label of the value axis.
    title : str or None, default None
        Title.
    log : bool, default False
        Logarithmic value axis.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    plot_distribution : One distribution in full.

    Examples
    --------
    >>> import munitions_model as mm
    >>> fig = plot_intervals(["about", "over"], [mm.interpret(mm.parse_claim(p)) for p in
    ...                      ("around two months", "over two months")])
    >>> len(fig.axes[0].get_yticklabels())
    2
    """
    if len(labels) != len(spreads):
        raise ValueError(f"need one label per interval, got {len(labels)} and {len(spreads)}")
    fig, ax = _axes(ax, (7.0, 1.0 + 0.45 * len(labels)))
    rows = [s if isinstance(s, Spread) else _as_spread(s) for s in spreads]
    marks = highlight or [False] * len(rows)
    finite = [v for s in rows for v in (s.low, s.median, s.high) if math.isfinite(v)]
    cap = max(finite) * 1.1 if finite else 1.0  # where an unbounded interval is cut
    for i, (s, mark) in enumerate(zip(rows, marks, strict=True)):
        _interval_row(ax, s, len(rows) - 1 - i, _ACCENT if mark else _MAIN, cap)
    ax.set_yticks(range(len(rows)), list(reversed(labels)))
    if reference is not None:
        ax.axvline(reference, color=_GREY, ls="--", lw=1, label=reference_label)
        if reference_label:
            ax.legend(frameon=False, fontsize=8)
    if log:
        ax.set_xscale("log")
    unit = next((s.unit for s in rows if s.unit), None)
    ax.set_xlabel(xlabel or f"median and 90% interval{_unit(unit)}")
    if title:
        ax.set_title(title)
    return fig


def _interval_row(ax: Axes, s: Spread, y: float, colour: str, cap: float) -> None:
    """One row of `plot_intervals`: the interval as a bar (an arrow at ``cap`` when it has
    no upper end) and the median as a dot."""
    high = s.high if math.isfinite(s.high) else cap
    ax.plot([s.low, high], [y, y], color=colour, lw=3)
    if not math.isfinite(s.high):
        ax.plot([cap], [y], ">", color=colour)
    if math.isfinite(s.median):
        ax.plot([s.median], [y], "o", color=colour)


def _as_spread(thing: Estimate | Distribution) -> Spread:
    if isinstance(thing, (Estimate, *DISTRIBUTION_TYPES)):
        return Spread.of(thing)
    raise ValueError(f"expected a Spread, Estimate or distribution, got {type(thing).__name__}")


def plot_wording(
    result: WordingSensitivity, *, ax: Axes | None = None, output: bool | None = None
) -> Figure:
    """Plot the figure read through each wording, or what each reading implies downstream.

    Parameters
    ----------
    result : WordingSensitivity
        From :func:`munitions_model.sensitivity.wording_sensitivity`.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.
    output : bool or None, default None
        Plot the downstream output (needs ``fn`` in `wording_sensitivity`); by default the
        output when there is one, else the readings. The stated wording is highlighted.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.sensitivity.wording_sensitivity : Reads the wordings.

    Examples
    --------
    >>> import munitions_model as mm
    >>> result = mm.sensitivity.wording_sensitivity("around two months")
    >>> len(plot_wording(result).axes) >= 1
    True
    """
    use_output = output if output is not None else result.function is not None
    if use_output and result.function is None:
        raise ValueError("this wording sensitivity has no output; call it with fn= and slot=")
    spreads = [r.output if use_output and r.output else r.reading for r in result.readings]
    others = [
        r.alternative_output if use_output else r.alternative_reading for r in result.readings
    ]
    what = f"{result.function}" if use_output else f"{result.phrase!r} as read"
    fig = plot_intervals(
        [r.phrase for r in result.readings],
        spreads,
        ax=ax,
        highlight=[r.stated for r in result.readings],
        title=f"{what}, by wording (orange: as stated)",
    )
    if result.alternative_model is not None and all(o is not None for o in others):
        axes = fig.axes[0] if ax is None else ax
        cap = axes.get_xlim()[1]
        for i, other in enumerate(others):  # a thin grey row just under each reading
            assert other is not None
            _interval_row(axes, other, len(others) - 1 - i - 0.3, _GREY, cap)
        axes.plot([], [], color=_MAIN, lw=3, label=result.hedge_model)
        axes.plot([], [], color=_GREY, lw=3, label=result.alternative_model)
        axes.legend(frameon=False, fontsize=8)
    return fig


def plot_hedge_sensitivity(result: HedgeSensitivity, *, ax: Axes | None = None) -> Figure:
    """Plot the shares of the output's variance: hedge model, words, numbers (one stacked bar).

    Parameters
    ----------
    result : HedgeSensitivity
        From :func:`munitions_model.sensitivity.hedge_sensitivity`.
    ax : matplotlib.axes.Axes or None, default None
        Axes to draw on; a new figure by default.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (built without pyplot, so nothing is shown or kept open).

    See Also
    --------
    munitions_model.sensitivity.hedge_sensitivity : Computes the shares.

    Examples
    --------
    >>> import munitions_model as mm
    >>> result = mm.sensitivity.hedge_sensitivity(
    ...     mm.implied_rounds_per_day,
    ...     {"stock_rounds": "more than one million rounds", "duration_days": "around two months"},
    ...     samples=256, seed=1)
    >>> len(plot_hedge_sensitivity(result).axes) >= 1
    True
    """
    fig, ax = _axes(ax, (7.0, 2.2))
    parts: list[tuple[str, float, Any]] = [
        ("hedge model", result.from_hedge_model, _ACCENT),
        ("words (given a reading)", result.from_words, _MAIN),
        ("numbers and distributions", result.from_numbers, _GREY),
    ]
    left = 0.0
    for name, share, colour in parts:
        width = max(share, 0.0)
        ax.barh(0, width, left=left, color=colour, label=f"{name}: {share:.0%}")
        left += width
    ax.set_xlim(0, max(1.0, left))
    ax.set_yticks([])
    ax.set_xlabel(f"share of Var({'log ' if result.scale == 'log' else ''}{result.function})")
    ax.set_title(f"Where the spread comes from ({result.models} hedge models)")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.45), ncol=3)
    return fig
