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
# # "Around two months": what the seed figure implies, and how wide it is
#
# On 1 November 2023 South Korea's intelligence service (NIS) said North Korea had sent
# Russia "more than one million artillery rounds", "sufficient for around two months" of
# the war (The Moscow Times, AFP wording). This notebook reproduces that figure with
# `munitions_model`, then asks three questions of it:
#
# 1. How much does the answer depend on the *wording* ("around", "over", "up to" ...)?
# 2. What if many of the rounds are duds?
# 3. Is "two months" plausible at the Russian fire rates reported for each period?
#
# Everything below calls the library's public API; no model logic lives here. Every
# estimate uses the same seed, so the numbers are reproducible.

# %%
# %matplotlib inline
import munitions_model as mm

SEED = 20231101  # the seed article's date
SAMPLES = 200_000
duration_days = 2 * mm.units.DAYS_PER_MONTH  # "two months" at face value

# %% [markdown]
# ## The seed figure
#
# The two phrases, read two ways. The default, `reader-2015`, is how readers read the
# words, fitted to 8,784 answers of everyday readers (Ferson et al. 2015): "more than one
# million" has no mass at or below one million and a long tail (readers read it by its
# numeral, "more than one"); "around two months" is centred on two months (of 30.4375
# days). Beside it, `granularity-1` (the 0.1 default) reads each number as a speaker's
# rounding: most of "more than one million" below the next round number, and "around two
# months" one scale step (a month) either side. Every number in the sentences below is
# printed from the computation above it.

# %%
READINGS = (mm.hedges.READER_2015, mm.hedges.GRANULARITY_1)
seed = mm.record.seed_figures()
stock = seed["stock"][0].claim
duration = seed["duration"][0].claim
for claim in (stock, duration):
    print(repr(claim.phrase))
    for hedges in READINGS:
        read = mm.interpret(claim, hedges)
        low, high = read.interval(0.9)
        print(f"  {hedges.label:<14} median {read.median:,.0f}, 90% {low:,.0f} to {high:,.0f}")

# %%
rate = mm.estimate_burn_rate(stock=stock, duration=duration, samples=SAMPLES, seed=SEED)
rounded = mm.estimate_burn_rate(
    stock=stock, duration=duration, samples=SAMPLES, seed=SEED, hedges=mm.hedges.GRANULARITY_1
)
face_value = float(mm.implied_rounds_per_day(1_000_000, duration_days))
print(f"face value: {face_value:,.0f} rounds/day")
for est in (rate, rounded):
    print(f"{est.inputs[0].hedge_model:<14} {est.summary()}")
    print(f"{'':<14} P(rate above face value) = {est.prob_above(face_value):.2f}")

# %%
fig = mm.plots.plot_intervals(
    ["as readers read the words (reader-2015)", "as a speaker rounds (granularity-1)"],
    [rate, rounded],
    reference=face_value,
    reference_label="face value",
    highlight=[True, False],
    title="Implied Russian fire rate from the NIS figures, two readings",
)
fig

# %%
for est in (rate, rounded):
    low, high = est.interval(0.9)
    where = "inside" if low <= face_value <= high else "outside"
    print(
        f"{est.inputs[0].hedge_model}: the face-value {face_value:,.0f} rounds a day sits "
        f"{where} the 90% interval ({low:,.0f} to {high:,.0f}), which spans a factor of "
        f"{high / low:.1f}; the median is {est.median / face_value:.2f} times the face value "
        f'("more than one million" pulls it {"up" if est.median > face_value else "down"}).'
    )

# %% [markdown]
# ## Wording: the same briefing, rendered by four outlets
#
# Bloomberg wrote "approximately two months", the Hankyoreh "over two months", the
# Chosun "more than two months". `wording_sensitivity` reads the same number through each
# qualifier, and pushes each reading through the burn-rate calculation with the same
# draws, so the rows differ only by the wording.

# %%
wording = mm.sensitivity.wording_sensitivity(
    duration,
    fn=mm.implied_rounds_per_day,
    slot="duration_days",
    inputs={"stock_rounds": stock},
    samples=SAMPLES,
    seed=SEED,
)
print(f"{'':<26} {wording.hedge_model:<36} {wording.alternative_model}")
for r in wording.readings:
    print(
        f"{r.phrase:<26} {r.output.median:8,.0f} ({r.output.low:,.0f} to {r.output.high:,.0f})"
        f"{'':<6} {r.alternative_output.median:8,.0f} "
        f"({r.alternative_output.low:,.0f} to {r.alternative_output.high:,.0f})"
    )

# %%
fig = mm.plots.plot_wording(wording)
fig

# %%
by_word = {r.wording: r for r in wording.readings}
over, up_to = by_word["over"], by_word["up to"]
assert over.output is not None
assert up_to.output is not None
assert up_to.alternative_output is not None
print(
    f"{over.phrase!r} reads as {over.reading.low:.1f} to {over.reading.high:.1f} days (90%; "
    f"two months is {duration_days} days), so the implied median rate is "
    f"{over.output.median / face_value:.2f} times the face value; {up_to.phrase!r} would "
    f"make it {up_to.output.median / face_value:.2f} times ({up_to.output.median:,.0f} "
    f"rounds a day), and {up_to.alternative_output.median:,.0f} under granularity-1."
)

# %% [markdown]
# "Up to two months" is where the readings part: readers take "up to" near its bound,
# while `granularity-1` reads it as a maximum with the typical value a month lower. That
# low reading is an analyst's correction, not how readers read the words; it is kept as
# `mm.hedges.ANALYST_UP_TO`.

# %% [markdown]
# ## Duds
#
# Ukraine's military intelligence (HUR) said in February 2024 that about half of the
# North Korean shells did not work. If the stock lasts the stated time, the rate of
# *working* rounds fired is lower by that share.

# %%
report = mm.seed_report(samples=SAMPLES, seed=SEED)
for row in report.duds:
    w = row.working_rounds_per_day
    print(f"{row.label:<32} {w.median:8,.0f} ({w.low:,.0f} to {w.high:,.0f}) working rounds/day")

# %%
fig = mm.plots.plot_intervals(
    [row.label for row in report.duds],
    [row.working_rounds_per_day for row in report.duds],
    reference=face_value,
    reference_label="face value, no duds",
    title="Working rounds a day implied by the NIS figures",
)
fig

# %% [markdown]
# ## Is "two months" plausible? Reported Russian fire rates by period
#
# Reports of Russia's daily artillery fire (pooled per period with equal weights; see
# `mm.record.pooled`) against the rate the NIS figures imply.

# %%
for r in report.at_reported_rates:
    print(
        f"{r.period:<12} fire rate {r.fire_rate.median:8,.0f} rounds/day; "
        f"lasts {r.duration.median:5.1f} days ({r.duration.low:.1f} to {r.duration.high:.1f})"
    )

# %%
labels = ["implied by the NIS figures"] + [
    f"reported, {r.period}" for r in report.at_reported_rates
]
rates = [report.burn_rate] + [r.fire_rate for r in report.at_reported_rates]
fig = mm.plots.plot_intervals(
    labels,
    rates,
    reference=face_value,
    reference_label="face value",
    highlight=[True] + [False] * len(report.at_reported_rates),
    title="Russian fire rate: implied and reported",
    log=True,
)
fig

# %%
fig = mm.plots.plot_intervals(
    [f"at the {r.period} rate" for r in report.at_reported_rates],
    [r.duration for r in report.at_reported_rates],
    reference=2 * mm.units.DAYS_PER_MONTH,
    reference_label="two months",
    title="How long one million-plus rounds last",
    log=True,
)
fig

# %%
for r in report.at_reported_rates:
    d = r.duration
    print(
        f"At the {r.period} reports the stock lasts {d.median / 7:.1f} weeks in the median "
        f"({d.median / mm.units.DAYS_PER_MONTH:.1f} months; 90% {d.low / 7:.1f} to "
        f"{d.high / 7:.1f} weeks): two months is "
        f"{'inside' if d.low <= duration_days <= d.high else 'outside'} that interval."
    )
inside = [
    r.period for r in report.at_reported_rates if r.duration.low <= duration_days <= r.duration.high
]
print(f"Periods whose 90% interval holds two months: {', '.join(inside) or 'none'}.")

# %% [markdown]
# "Around two months" is plausible only as a statement about one period's fire (the
# periods printed above), and each period's interval is wider than the gap between the
# wordings. Notebook `02_sensitivity` ranks these assumptions.
