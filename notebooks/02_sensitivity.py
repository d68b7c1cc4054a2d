# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Which assumption moves the answer?
#
# The seed's "more than one million rounds ... around two months" depends on how the
# words are read, on how many rounds work, and on which fire rate one assumes. This
# notebook ranks those assumptions four ways:
#
# * a **tornado**: one input at a time from its 5% to its 95% quantile;
# * **Sobol indices**: each input's share of the output's (log-)variance;
# * a **heat map** of the duration over stock x burn rate;
# * **hedge-model sensitivity**: how much of the spread comes from the hedge model
#   itself, from the words under a given reading, and from the numbers.
#
# Only the public API is used; the seed fixes every random draw. Numbers in the sentences
# are printed by the cells that compute them, so they follow the inputs.

# %%
# %matplotlib inline
import os
from pathlib import Path

import numpy as np

import munitions_model as mm

SEED = 20231101
seed = mm.record.seed_figures()
stock = seed["stock"][0].claim  # "more than one million artillery rounds"
duration = seed["duration"][0].claim  # "around two months"
duds = mm.record.reported_figure("hur-duds-2024-02").claim  # "half of them do not work"
fire_2023 = mm.record.pooled("russia_fire_rate", "2023")  # every 2023 report, pooled

# %% [markdown]
# ## Tornado: the burn rate the NIS figures imply
#
# Working rounds a day = stock x (1 - dud fraction) / duration: each input moves the
# output by the factor between its 5% and 95% quantiles (for the duds, of the working
# share 1 - d), so the widest reading should rank first. Both readings, the default
# `reader-2015` (how readers read the words) and `granularity-1` (the 0.1 default):

# %%
for hedges in (mm.hedges.READER_2015, mm.hedges.GRANULARITY_1):
    spans = {
        "duration_days": mm.interpret(duration, hedges).interval(0.9),
        "stock_rounds": mm.interpret(stock, hedges).interval(0.9),
    }
    low_duds, high_duds = mm.interpret(duds, hedges).interval(0.9)
    spans["dud_fraction"] = (1 - high_duds, 1 - low_duds)  # the working share
    factors = {name: high / low for name, (low, high) in spans.items()}
    print(hedges.label)
    for name in sorted(factors, key=factors.__getitem__, reverse=True):
        low, high = spans[name]
        print(f"  {name:<15} 5%-95% factor {factors[name]:.2f} ({low:,.3g} to {high:,.3g})")

# %%
burn = mm.sensitivity.tornado(
    mm.implied_rounds_per_day,
    {"stock_rounds": stock, "duration_days": duration, "dud_fraction": duds},
)
for bar in burn.bars:
    print(f"{bar.name:<15} swing {bar.swing:8,.0f} rounds/day")
fig = mm.plots.plot_tornado(burn)
fig

# %% [markdown]
# Elasticities at the medians: +1 for the stock, -1 for the duration, and
# -d / (1 - d) = -1 for the dud fraction at one half. The function declares exponents for
# stock and duration, but only with no duds; with the dud fraction away from zero all
# three are found by central differences (and agree with the calculus).

# %%
at_medians = mm.sensitivity.elasticities(
    mm.implied_rounds_per_day,
    {"stock_rounds": stock, "duration_days": duration, "dud_fraction": duds},
)
for name, value in at_medians.values.items():
    print(f"{name:<15} {value:+.3f}  ({at_medians.method[name]})")

# %% [markdown]
# ## Sobol indices: how long the stock lasts at the 2023 fire rate
#
# Duration = stock x (1 - duds) / fire rate, with the fire rate pooled from every 2023
# report. Indices of the log of the duration: for a product of powers they are each
# input's share of the log-variance.

# %%
low_rate, high_rate = fire_2023.interval(0.9)
print(
    f"The 2023 reports pooled: 90% between {low_rate:,.0f} and {high_rate:,.0f} rounds a "
    f"day (a factor of {high_rate / low_rate:.1f})"
)

# %%
indices = mm.sensitivity.sobol(
    mm.duration_days,
    {"stock_rounds": stock, "rounds_per_day": fire_2023, "dud_fraction": duds},
    seed=SEED,
)
for i in indices.indices:
    print(
        f"{i.name:<15} first {i.first_order:.3f} "
        f"[{i.first_order_low:.3f}, {i.first_order_high:.3f}]  total {i.total_order:.3f}"
    )
fig = mm.plots.plot_sobol(indices)
fig

# %%
totals = {i.name: i.total_order for i in indices.indices}
first, *rest = sorted(totals, key=totals.__getitem__, reverse=True)
others = " and ".join(f"{totals[name]:.0%} for {name}" for name in rest)
print(f"{first} carries {totals[first]:.0%} of the log-variance (total order), against {others}.")

# %% [markdown]
# ## Heat map: duration over stock x burn rate
#
# The median number of days the stock lasts over a grid of stocks and fire rates (printed
# below), with HUR's "about half" duds uncertain at every point. The white lines are one,
# two and three months.

# %%
grid = {
    "rounds_per_day": np.geomspace(5_000, 40_000, 36),
    "stock_rounds": np.geomspace(500_000, 3_000_000, 36),
}
for name, axis in grid.items():
    print(f"{name:<15} {axis[0]:,.0f} to {axis[-1]:,.0f} ({axis.size} values, log-spaced)")
heat = mm.sensitivity.sweep(
    mm.duration_days, grid, {"dud_fraction": duds}, samples=4_000, seed=SEED
)
months = [k * mm.units.DAYS_PER_MONTH for k in (1, 2, 3)]
fig = mm.plots.plot_sweep(heat, contours=months)
fig

# %%
# The README shows this figure (docs/duration_heatmap.png). Running the notebook writes
# nothing tracked: set MUNITIONS_MODEL_DOCS to a folder to save the figure there (to
# refresh the README's copy: MUNITIONS_MODEL_DOCS=docs).
target = os.environ.get("MUNITIONS_MODEL_DOCS")
if target:
    docs = Path(target)
    docs.mkdir(parents=True, exist_ok=True)
    fig.savefig(docs / "duration_heatmap.png", dpi=100)

# %%
two_months = 2 * mm.units.DAYS_PER_MONTH
needed = mm.estimate_burn_rate(1_000_000, two_months, dud_fraction=duds, seed=SEED)
low_need, high_need = needed.interval(0.5)
late = mm.record.pooled("russia_fire_rate", "late 2023")
lasts = mm.estimate_duration(3_000_000, late, dud_fraction=duds, seed=SEED)
print(
    f"With about half of the rounds duds, one million rounds last two months when "
    f"{low_need:,.0f} to {high_need:,.0f} working rounds are fired a day (central half); at the "
    f"late-2023 reports even three million last {lasts.median:.0f} days in the median "
    f"({lasts.prob_above(two_months):.0%} chance of more than two months)."
)

# %% [markdown]
#
# ## Hedge-model sensitivity
#
# The hedge model turns words into spread, and its own parameters are uncertain: how wide
# is "around", how far above one million does "more than one million" reach? The default
# reading, `reader-2015`, is fitted to readers' answers, and each of its parameters is
# varied over its bootstrap interval (`mm.hedges.DEFAULT_HEDGE_RANGES`, resampling the
# survey's statements). The variance of the log output is split three ways (law of total
# variance): the **hedge model** (the spread that would go if we knew how to read the
# words), the **words** under a given reading, and the **numbers** (inputs given as
# distributions, such as the pooled reports). Each result also carries the output under
# the other reading, `granularity-1`, on the same draws.

# %%
words_only = mm.sensitivity.hedge_sensitivity(
    mm.implied_rounds_per_day, {"stock_rounds": stock, "duration_days": duration}, seed=SEED
)
with_reports = mm.sensitivity.hedge_sensitivity(
    mm.duration_days, {"stock_rounds": stock, "rounds_per_day": fire_2023}, seed=SEED
)
for title, h in (("burn rate (seed)", words_only), ("duration at 2023 rates", with_reports)):
    print(
        f"{title:<24} hedge model {h.from_hedge_model:.1%}, words {h.from_words:.1%}, "
        f"numbers {h.from_numbers:.1%}"
    )
    print(f"{'':<24} face value {h.face_value.median:,.1f}; {h.hedge_model} {h.hedged.median:,.1f} "
          f"({h.hedged.low:,.1f} to {h.hedged.high:,.1f}); {h.alternative_model} "
          f"{h.alternative.median:,.1f} ({h.alternative.low:,.1f} to {h.alternative.high:,.1f}) "
          f"{h.unit}")  # fmt: skip

# %%
fig = mm.plots.plot_hedge_sensitivity(words_only)
fig

# %%
for p in words_only.parameters:
    print(
        f"{p.parameter:<24} {p.low:g} to {p.high:g}: median rate "
        f"{p.median_at_low:,.0f} to {p.median_at_high:,.0f} rounds/day"
    )

# %%
swings = {p.parameter: p.swing for p in words_only.parameters}
biggest = max(swings, key=swings.__getitem__)
print(
    f"Seed: the hedge model's own parameters carry {words_only.from_hedge_model:.1%} of the "
    f"log-variance, the words {words_only.from_words:.1%}; of the parameters, {biggest} "
    f"moves the median most ({swings[biggest]:,.0f} rounds/day). At the 2023 fire rates "
    f"the numbers (the reports) carry {with_reports.from_numbers:.1%}."
)

# %% [markdown]
# The ranges vary each parameter on its own; the bootstrap replicates move them together,
# as the data do (`mm.hedges.reader_replicates()`). And the speaker reading varied over
# its judgement ranges (`mm.hedges.GRANULARITY_HEDGE_RANGES`), for comparison:

# %%
joint = mm.sensitivity.hedge_sensitivity(
    mm.implied_rounds_per_day,
    {"stock_rounds": stock, "duration_days": duration},
    models=mm.hedges.reader_replicates(),
    seed=SEED,
)
speaker = mm.sensitivity.hedge_sensitivity(
    mm.implied_rounds_per_day,
    {"stock_rounds": stock, "duration_days": duration},
    hedges=mm.hedges.GRANULARITY_1,
    seed=SEED,
)
for title, h in (("bootstrap replicates", joint), ("granularity-1 ranges", speaker)):
    print(
        f"{title:<22} hedge model {h.from_hedge_model:.1%}, words {h.from_words:.1%}; "
        f"pooled over {h.models} models {h.across_models.median:,.0f} "
        f"({h.across_models.low:,.0f} to {h.across_models.high:,.0f}) {h.unit}"
    )

# %%
print(
    f"Over the bootstrap replicates the hedge model's parameters carry "
    f"{joint.from_hedge_model:.1%} of the log-variance, over the granularity-1 ranges "
    f"{speaker.from_hedge_model:.1%}; at the 2023 fire rates the numbers (the reports) "
    f"carry {with_reports.from_numbers:.1%}."
)

# %% [markdown]
# For the seed itself every input is a phrase, so all of the spread comes from reading
# words, and only a few percent of it from not knowing the hedge model's parameters (the
# shares printed above). The reading's uncertainty is now the calibration's, measured by
# resampling the survey; under `granularity-1` it was judgement. At the 2023 fire rates,
# the disagreement between reports (numbers) carries most of the spread: better reading
# of the NIS's words would narrow the answer far less than knowing which period's fire
# rate applies.
