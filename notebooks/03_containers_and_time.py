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
# # Containers and time: what the shipments could hold, and how long they last
#
# In October and November 2023 two governments described North Korea's shipments to
# Russia in different units. The White House (13 October) said North Korea had sent "more
# than 1,000 containers of military equipment and munitions" between 7 September and
# 1 October; South Korea's intelligence service (NIS, 1 November) said "more than one
# million artillery rounds" in "at least 10 arms transfers" since August. Officials and
# analysts went on converting containers (and tonnes) into shells into 2025. This notebook
# asks three questions:
#
# 1. What does a full container, rail car or train hold, and what does a count of
#    "shells" count? (the physics of capacity, and the packing)
# 2. Can the October-November figures both be true: with which packing, calibres, or over
#    which periods? And which reading reproduces each later conversion?
# 3. How long do the North Korean rounds keep Russia firing, alongside Russia's own stock
#    and production, at the fire rates reported for each period?
#
# Only the public API is used, and every estimate uses the same seed. 50,000 draws per
# estimate and 10,000 paths per projection keep the notebook quick; the README's tables
# use 100,000 draws, so their last digits differ.

# %%
# %matplotlib inline
import numpy as np

import munitions_model as mm

SEED = 20231101  # the seed article's date
SAMPLES = 50_000  # draws per estimate
PATHS = 10_000  # sample paths per stock projection
OPTS = {"samples": SAMPLES, "seed": SEED}

# %% [markdown]
# ## 1. What a full carrier holds
#
# A carrier is full when its payload or its space runs out, whichever comes first
# (`mm.rounds_per_container`). What a count of "shells" counts matters as much: a 152 mm
# round is separate-loading, and its projectile (43.56 kg, sourced) and its cased charge
# (8.2 kg and a case) can travel crated together, packed apart in the same containers, or
# apart with only the projectiles counted. The catalogue calls these *packings*
# (`complete`, `separate`, `projectile`) and, since no report says which a given count
# uses, its *shipped* weights put half on projectiles alone and half on rounds with their
# charges:

# %%
m152 = mm.catalogue.munition("152mm")
for name, packing in m152.packings.items():
    print(f"{name:<11} ({m152.shipped.weights.get(name, 0):.0%}) {packing.description}")
print()
print(m152.shipped.why)

# %% [markdown]
# The carriers: containers, a boxcar loaded to its rating, a flatcar of two 20 ft
# containers, a rail car of ammunition loaded as such wagons were observed to be (26.8 t
# on average, Belarus 2022) and a train of 51 to 71 of them:

# %%
for kind in ("20ft", "40ft", "boxcar", "flatcar", "rail_car", "train"):
    print(f"{kind:<9} {mm.catalogue.carrier(kind).description}")

# %% [markdown]
# What one full carrier holds (medians and 90% intervals), under the shipped packings and
# under each reading for 152 mm in a 20 ft container:

# %%
labels, capacities = [], []
for name in ("152mm", "122mm", "122mm-rocket"):
    for kind in ("20ft", "40ft", "boxcar", "rail_car"):
        held = mm.rounds_per_container(name, kind, **OPTS)
        low, high = held.interval(0.9)
        print(f"{name:<13} {kind:<9} {held.median:6,.0f} ({low:,.0f} to {high:,.0f}) rounds")
        labels.append(f"{name} in a {kind}")
        capacities.append(held)
for packing in ("complete", "separate", "projectile"):
    held = mm.rounds_per_container("152mm", "20ft", packing=packing, **OPTS)
    low, high = held.interval(0.9)
    print(f"152mm, {packing:<10} 20ft {held.median:6,.0f} ({low:,.0f} to {high:,.0f}) rounds")
    labels.append(f"152mm in a 20ft, {packing} only")
    capacities.append(held)
train = mm.rounds_per_container("152mm", "train", **OPTS)
print(
    f"152mm a train: {train.median:,.0f} ({train.interval(0.9)[0]:,.0f} to "
    f"{train.interval(0.9)[1]:,.0f}) rounds"
)

# %%
fig = mm.plots.plot_intervals(
    labels,
    capacities,
    reference=470,
    reference_label="470 a container (ROK intelligence, October 2024)",
    title="Rounds one full carrier holds",
)
fig

# %% [markdown]
# A 20 ft container holds about 431 rounds of 152 mm (320 to 570) under the shipped
# packings: about 354 (301 to 410) complete crated rounds, 368 (320 to 421) with
# projectiles and charges packed apart, or 513 (447 to 582) projectiles alone. Rounds
# with their charges weigh 60 to 80 kg packed, a projectile on a pallet or in a box 46
# to 52 kg, and dense shells use up the payload first, so a 40 ft container, whose rated
# payload is lower, holds fewer (411). Grad rockets are long: one tier of crates (2.95
# to 3.2 m) fits the 5.89 m of a 20 ft container, and each crate takes 0.03 to 0.075 m2
# of its end face, so it holds about 87 of them (54 to 141); a 40 ft container takes
# three tiers (251), and there weight and space bind about equally. A boxcar loaded to
# its rated 68 to 71 t would hold about 1,280 rounds of 152 mm, but ammunition wagons
# were observed to carry about 27 t: a rail car holds about 438 (303 to 622), about as
# much as a container, and a train of 51 to 71 of them about 27,000.
#
# What shapes the 20 ft container's spread? Mostly which reading is counted:

# %%
capacity = mm.rounds_per_container("152mm", "20ft", **OPTS)
fig = mm.plots.plot_distribution(capacity, label="152 mm rounds in one full 20 ft container")
fig

# %% [markdown]
# Two humps: complete or packed-apart rounds on the left, projectiles alone on the right.
# The Estonian officials' "300 to 500 shells" a container (October 2023) is consistent
# with the physics:

# %%
estonia = mm.record.reported_figure("isw-estonia-2023").claim
physics = mm.check_consistency(estonia, **OPTS).findings[0]
print(f"{physics.relation}: [{physics.verdict}] compatibility {physics.compatibility:.2f}")
print(physics.explanation)

# %% [markdown]
# `check_consistency` asks whether figures **can both be true**. Each figure is drawn from
# its reading and each catalogue assumption from its distribution, and the relation is
# written as a difference of logarithms `D` that is zero when the figures agree; the
# compatibility is `2 min(P(D < 0), P(D > 0))`, 1 for figures that agree exactly. A figure
# stated as a range counts as true anywhere in its range. The verdicts' thresholds follow
# from the 90% intervals the library uses everywhere: `consistent` from 0.10 (zero lies
# inside the central 90% of `D`), `inconsistent` below 0.020 (what two equally spread
# readings score when their 90% intervals just touch), `tension` between.
#
# ## 2. October-November 2023: containers against rounds
#
# The figures are officials' counts: the White House counted containers, the NIS rounds
# and transfers, and each stated a rounded number. What could the count behind "more than
# 1,000" have been? That is the speaker's reading, `granularity-1`, and this section uses
# it (`ROUNDED`), as it does for the officials' later conversions
# (`mm.consistency.CONVERSION_HEDGES`). Taken at face value, as readers take the words
# (`reader-2015`, the library's default), "more than 1,000" sits much closer to a
# thousand; both readings are shown:

# %%
GRANULARITY = mm.hedges.GRANULARITY_1
ROUNDED = {**OPTS, "hedges": GRANULARITY}  # officials' roundings of counts
seed = mm.record.seed_figures()
containers = seed["containers"][0].claim
rounds = seed["stock"][0].claim
transfers = seed["transfers"][0].claim
for claim in (containers, rounds, transfers):
    print(f"{claim.phrase!r} ({claim.source.who}, {claim.source.when}):")
    for hedges in (GRANULARITY, mm.hedges.READER_2015):
        read = mm.interpret(claim, hedges)
        low, high = read.interval(0.9)
        print(f"    {hedges.label:<14} {read.median:,.0f}, 90% {low:,.0f} to {high:,.0f}")

# %% [markdown]
# As rounded counts, "more than 1,000" and "more than one million" are read alike:
# nothing at or below the number, a median about a quarter above it (1,238 containers;
# 1,237,879 rounds). Readers put "more than 1,000" at 1,000 to about 1,200. If every
# container was a full 20 ft box of 152 mm shells:

# %%
held = mm.rounds_from_containers(containers, "152mm", **ROUNDED)
print(held.summary())
print(f"P(more than a million) = {held.prob_above(1e6):.3f}")
for name in ("152mm", "122mm"):
    needed = mm.logistics.containers_for_rounds(rounds, name, **ROUNDED)
    low, high = needed.interval(0.9)
    print(f"{name}: {needed.median:,.0f} containers needed (90% {low:,.0f} to {high:,.0f})")

# %% [markdown]
# Taken as counts of the same shipments (plain claims carry no period, so
# `check_consistency` relates them), the pair under each reading of what is counted:

# %%
for packing in (None, "complete", "separate", "projectile"):
    for hedges in (GRANULARITY, mm.hedges.READER_2015):
        f = mm.check_consistency(
            [containers, rounds], packing=packing, **{**OPTS, "hedges": hedges}
        ).findings[0]
        print(
            f"{packing or 'shipped':<10} {hedges.label:<14} [{f.verdict}] compatibility "
            f"{f.compatibility:.3f}{'; physically impossible' if f.physically_impossible else ''}"
        )
pair = mm.check_consistency([containers, rounds], **ROUNDED).findings[0]
print(pair.explanation)
for factor in pair.factors[:4]:
    print(f"  {factor.share:4.0%} {factor.label}")

# %% [markdown]
# Full of 152 mm shells under the shipped packings, "more than 1,000 containers" hold
# about 550,000 rounds (363,000 to 877,000); the chance that they hold more than a
# million is 0.02. Turned round, more than a million 152 mm rounds need about 2,970
# containers (1,980 to 4,830), or 1,520 if every round were 122 mm. As counts of the
# same shipments the pair is **inconsistent** (compatibility 0.011), as version 0.1
# found, but for a different reason: it is physically impossible only for rounds with
# their charges (crated together or packed apart); counted as projectiles alone the pair
# is in tension (0.023). The tornado spreads the verdict over how "more than 1,000" and
# "more than one million" are read (23% and 19% of the swing), the packing (18%) and the
# payload (7%): no single assumption reconciles them. Read at face value (`reader-2015`),
# "more than 1,000" stops at about 1,200 containers, and the pair is physically
# impossible under every packing: how the officials' words are read decides whether the
# physics or the wording rules the pair out.
#
# The container count does agree with the other October conversions of it:

# %%
others = [
    mm.record.reported_figure(key).claim
    for key in ("rok-mnd-2023-10", "rok-source-2023-10", "isw-estonia-rounds-2023")
]
for other in others:
    f = mm.check_consistency([containers, other], **ROUNDED).findings[0]
    print(f"[{f.verdict}] compatibility {f.compatibility:.2f}: {f.explanation}")

# %% [markdown]
# South Korea's defence ministry's "hundreds of thousands of rounds" (a range that holds
# what the containers imply: compatibility 0.96) and the Estonian 300,000 to 500,000
# (0.37) are consistent with full containers of 152 mm shells; the Estonian figure fits
# rounds with their charges, not projectiles alone. A government source's "upper 200,000
# range" is in tension, and fits only if the containers were about half full of shells
# or carried other things too, as the US description ("military equipment and
# munitions") allows.
#
# ### Which calibre mix would reconcile them?
#
# Smaller rounds fit more to a container. Sweep the share of 122 mm rounds in the load
# (by count of rounds), and check the pair again for each mix:

# %%
mix_labels, mix_rounds = [], []
for share in (0.0, 0.25, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
    mix = {"152mm": 1.0 - share, "122mm": share}
    load = mm.rounds_from_containers(containers, mix=mix, **ROUNDED)
    f = mm.check_consistency([containers, rounds], mix=mix, **ROUNDED).findings[0]
    as_read = mm.check_consistency([containers, rounds], mix=mix, **OPTS).findings[0]
    print(
        f"{share:4.0%} 122 mm: {load.median:9,.0f} rounds, P(> 1 million) "
        f"{load.prob_above(1e6):.3f}, {f.verdict} (compatibility {f.compatibility:.3f}); "
        f"reader-2015: {as_read.verdict} ({as_read.compatibility:.3f})"
    )
    mix_labels.append(f"{share:.0%} of rounds 122 mm")
    mix_rounds.append(load)
rockets = mm.rounds_from_containers(containers, "122mm-rocket", **ROUNDED)
print(f"all 122 mm rockets: {rockets.median:9,.0f} rounds")

# %%
fig = mm.plots.plot_intervals(
    [*mix_labels, "all 122 mm rockets", "NIS: 'more than one million'"],
    [*mix_rounds, rockets, mm.interpret(rounds, GRANULARITY)],
    reference=1e6,
    reference_label="one million",
    highlight=[False] * (len(mix_rounds) + 1) + [True],
    title="Rounds in 'more than 1,000' full 20 ft containers, by calibre mix",
)
fig

# %% [markdown]
# The pair is inconsistent with no 122 mm rounds, in tension with a quarter to a half
# (compatibility 0.033 and 0.093) and consistent from 60% (0.14): less than the 80%
# version 0.1 needed, because counting projectiles alone now carries half the weight.
# Even with every round 122 mm the containers would hold more than a million with
# probability 0.61 only. Read at face value (`reader-2015`), only a load of 122 mm
# rounds alone reconciles them (0.235); 80% and 90% are in tension. Rockets do not help:
# they take far more room than shells, and the containers would hold about 111,000 of
# them.
#
# ### Or different periods?
#
# The likelier reading is that the two figures count different windows. Given as the
# dated, attributed figures they are, `check_consistency` does not set them against each
# other: two totals are related only when they count the same window, and the US figure
# covers 7 September to 1 October, the NIS figure the time from "since August" to its
# briefing on 1 November:

# %%
dated = [mm.record.reported_figure(k) for k in ("us-containers-2023-10", "seed-rounds")]
report = mm.check_consistency(dated, **ROUNDED)
print(f"{len(report.findings)} findings")
for line in report.unrelated:
    print(line)

# %% [markdown]
# Compare them as rates of shipment instead (`mm.logistics.elapsed_days`: "since August"
# may mean any day of August):

# %%
us_days = mm.logistics.elapsed_days("2023-09-07", "2023-10-01")
nis_days = mm.logistics.elapsed_days("2023-08", "2023-11-01")
us_rate = mm.estimate(
    mm.implied_rounds_per_day, {"stock_rounds": held, "duration_days": us_days}, **ROUNDED
)
nis_rate = mm.estimate(
    mm.implied_rounds_per_day, {"stock_rounds": rounds, "duration_days": nis_days}, **ROUNDED
)
at_us_rate = mm.estimate(
    mm.model.stock_rounds, {"rounds_per_day": us_rate, "duration_days": nis_days}, **ROUNDED
)
print(f"US window: {us_days.median:.0f} days; NIS window: {nis_days.support} days")
for title, e in (("US, 152 mm", us_rate), ("NIS", nis_rate), ("at the US rate", at_us_rate)):
    low, high = e.interval(0.9)
    print(f"{title:<15} {e.median:10,.0f} ({low:,.0f} to {high:,.0f}) {e.unit}")
print(f"P(more than a million at the US rate) = {at_us_rate.prob_above(1e6):.2f}")

# %% [markdown]
# As rates they agree: the containers, as 152 mm shells over 24 days, carried about
# 22,900 rounds a day (15,100 to 36,700); the NIS figure, over 62 to 92 days, implies
# 16,400 (12,200 to 25,300). Kept up over the NIS's window, the US rate comes to about
# 1.75 million rounds (1.10 to 2.92 million): more than a million with probability 0.98.
#
# The NIS's count of transfers gives the cadence and the size of each:

# %%
cadence = mm.logistics.transfer_cadence(transfers, "2023-08", "2023-11-01", **ROUNDED)
per_transfer = mm.logistics.rounds_per_transfer(rounds, transfers, **ROUNDED)
print(cadence.summary())
print(per_transfer.summary())
in_window = cadence.median * us_days.median / mm.units.DAYS_PER_MONTH
print(
    f"at the medians: {in_window:.1f} transfers in the US's {us_days.median:.0f} days, "
    f"{in_window * per_transfer.median:,.0f} rounds"
)

# %% [markdown]
# About 5 transfers a month (4.99; 3.72 to 7.7) of about 100,000 rounds each (63,837 to
# 156,780). At the medians, the 24 days the US counted held 3.9 transfers and 394,000
# rounds, below the 550,000 that full containers of 152 mm shells hold: the containers
# need not have been full of shells. So the October figures fit one story as counts of
# different windows: a steady flow of some 16,000 to 23,000 rounds a day, 1,000-odd
# containers in three and a half weeks of September, more than a million rounds (some
# 3,000 containers of 152 mm) by the end of October, and about 5,000 containers by
# December, which South Korea's defence minister Shin Won-sik converted to "more than
# two million" 152 mm rounds (consistent with the physics: see below). Read as counts of
# the same shipments, they need a load of at least 60% 122 mm rounds as rounded counts,
# or of 122 mm rounds alone at face value.
#
# ### The later conversions, 2023-2025
#
# South Korean officials went on converting the count of containers into shells, each
# time "assuming all 152 mm" or "converted as a single 152 mm type"; open-source
# investigators and a tonnage-based estimate gave lower rates. Each conversion, checked
# under the reading its wording implies (`mm.consistency.conversions()`), and the packings
# under which it is consistent. They are read as their authors rounded them
# (`mm.consistency.CONVERSION_HEDGES`, `granularity-1`); the verdict as readers take the
# words (`reader-2015`) is printed beside:

# %%
for conv in mm.consistency.conversions():
    f = conv.check(**OPTS).findings[0]  # read as rounded: CONVERSION_HEDGES
    as_read = conv.check(hedges=mm.hedges.READER_2015, **OPTS).findings[0]
    fits = [
        p
        for p in conv.packings
        if conv.check(packing=p, **OPTS).findings[0].compatibility >= mm.consistency.CONSISTENT_AT
    ]
    low, high = conv.per_carrier
    rate = f"{low:,.1f}" if high - low < 0.5 else f"{low:,.0f}-{high:,.0f}"
    print(
        f"{conv.id:<26} {rate:>9} [{f.verdict:<12}] {f.compatibility:.2f}  "
        f"reader-2015 [{as_read.verdict}] {as_read.compatibility:.2f}  "
        f"consistent if: {', '.join(fits) or 'none'}"
    )

# %% [markdown]
# Every conversion is consistent with the model under its wording except the government
# source's "upper 200,000 range" (tension: part-filled containers), and read at face
# value (`reader-2015`) the verdicts are the same: the wording's reading moves the
# compatibilities (most for the rocket, "up to" and wagon conversions, whose bare or "at
# most" figures readers take near the number) but no verdict. Which packing
# reproduces which is the finding. The South Korean ministerial and intelligence rates
# for 152 mm of 448 to 500 a container (SBS in November 2023, Shin in February 2024, the
# DIA in August 2024) fit only projectiles counted alone, 46 to 52 kg each packed, in
# containers loaded to 21.75 to 28.2 t; so do the NIS's 615 a container for a mix of 122
# and 152 mm shells and C4ADS's 46.25 kg a shell by tonnage. The DIA's later "about
# 20,000" and "about 28,000" containers are read so widely that any packing fits.
# Complete rounds with their charges cannot reach 450 a container. The open-source rate
# of Reuters and the Open Source Centre (250 to 375), Shin's "as many as 4.8 million" of
# June 2024 (read as at most) and Defense Express's wagons fit rounds with their
# charges, not projectiles alone. The rocket conversions (75 to 100 a container) fit one
# tier of crated rockets, each crate taking about 0.04 to 0.06 m2 of the end face:
# geometry, not weight, since 100 crated rockets weigh under 9 t.
#
# ## 3. The stock over time, from 1 August 2023
#
# `mm.project_stock` follows 10,000 sample paths of a stock day by day. What this
# projection assumes, plainly:
#
# * **The stock is all of Russia's usable artillery rounds, every calibre in one pool.**
#   North Korean rounds come *on top of* Russia's own stock and its production; they are
#   not the whole stock. (Taking them as the whole stock, as "sufficient for around two
#   months" does, is notebook 01's calculation. Projected from August it would say
#   nothing: Russia was firing before the first transfer arrived, and a stock that starts
#   empty counts as run out on the first day.)
# * **Russia's own stock on 1 August 2023 is not known.** No bundled figure gives it. The
#   main run assumes "about 3 million rounds", read by the hedge model; the scenarios
#   below try one and ten million. It is the assumption that moves the run-out most.
# * **Deliveries**: the NIS's "more than one million rounds" in "at least 10 transfers",
#   spread evenly over 1 August to 31 October (`mm.stockflow.Cadence.from_record`); nothing after
#   October, except in the one scenario that uses Shin's December figure instead.
# * **Production**: the bundled reports of Russian production pooled by year; the 2024
#   rate continues to the end.
# * **Fire**: the bundled reports of Russian daily fire pooled by period
#   (`mm.stockflow.phases_from_record`); the last period, late 2023, continues to the end.
# * Each rate is drawn once per path and phase: uncertain, but steady within a phase.
#   Every round works, except in the duds scenario. The stock cannot go below zero: once
#   it is empty, Russia fires only what arrives.

# %%
fire = mm.stockflow.phases_from_record("russia_fire_rate")
production = mm.stockflow.phases_from_record("russia_production")
for kind, phases in (("fire", fire), ("production", production)):
    for p in phases:
        low, high = p.rounds_per_day.interval(0.9)
        print(
            f"{kind:<10} from {p.start}: {p.rounds_per_day.median:7,.0f} "
            f"({low:,.0f} to {high:,.0f}) rounds/day"
        )
deliveries = mm.stockflow.Cadence.from_record("seed-rounds", "seed-transfers")
print(f"deliveries: {deliveries.rounds.phrase!r} in {deliveries.transfers.phrase!r},")
print(f"            {deliveries.start} to {deliveries.end}")
OWN = "about 3 million rounds"  # an assumption: no bundled figure gives Russia's stock
own = mm.interpret(mm.parse_claim(OWN))
print(f"own stock {OWN!r}: 90% {own.interval(0.9)[0]:,.0f} to {own.interval(0.9)[1]:,.0f}")

# %% [markdown]
# Only the phases from May 2023 on matter here; this section reads the reports as written
# (`reader-2015`, the default). The summer-2023 phase pools IISS's 5,000 rounds a day (a
# bare number, read as exact) with Syrskyi's "about 20 thousand" for August and
# September, hence a median of 5,000 with a 90% range up to 22,372; from October,
# Syrskyi's "more than 30,000" reads as 31,266 (30,089 to 36,485): readers stop a little
# above a round bound. Production runs at about 5,895 rounds a day in 2023 and 9,240 in
# 2024.

# %%
RUN = {"start": "2023-08-01", "horizon_days": 730, "samples": PATHS, "seed": SEED}
with_nk = mm.project_stock(OWN, fire, [deliveries], production, **RUN)
without = mm.project_stock(OWN, fire, [], production, **RUN)
for title, p in (("own stock and production only", without), ("with the NIS deliveries", with_nk)):
    print(
        f"{title:<30} runs out {p.depletion_date(0.5)} "
        f"(90%: {p.depletion_date(0.05)} to {p.depletion_date(0.95)}); "
        f"P(out by the end of 2023) {p.prob_depleted_by('2023-12-31'):.2f}"
    )
delay = with_nk.depletion_days - without.depletion_days
low, median, high = np.quantile(delay, [0.05, 0.5, 0.95])
print(f"delay bought by the NIS deliveries: {median:.0f} days ({low:.0f} to {high:.0f})")
face_value = float(mm.implied_rounds_per_day(1e6, 2 * mm.units.DAYS_PER_MONTH))
MONTH = mm.units.DAYS_PER_MONTH
print(f"{median / MONTH:.1f} months; 'two months' at face value: {face_value:,.0f}/day")

# %% [markdown]
# With about 3 million rounds of its own and no North Korean rounds, the stock runs out
# around 10 January 2024 (90%: 26 November 2023 to 5 March 2024), before 2024 with
# probability 0.39. With the NIS's deliveries the median run-out moves to 13 March 2024
# (11 January to 25 May 2024), and the chance of running out before 2024 falls to 0.02.
# Path by path (every other draw the same), the deliveries buy 57 days (40 to 105), 1.9
# months: close to the NIS's "around two months", which at face value means firing
# 16,427 rounds a day. From October the reported fire, 31,266 a day, less production
# (5,895 a day in 2023, 9,240 in 2024) drains the stock at about that pace. (Read as
# rounded counts, `granularity-1`, the 0.1 default, these were 29 December 2023 and
# 19 February 2024, and 48 days: "more than 30,000" then read as 34,904 a day.)

# %%
fig = mm.plots.plot_fan_chart(
    with_nk, title="Russian stock from 1 August 2023 with the NIS deliveries"
)
fig

# %%
run_out = mm.distributions.empirical(with_nk.depletion_days, unit="days")
fig = mm.plots.plot_distribution(
    run_out, label="Run-out, days after 1 August 2023, with the NIS deliveries"
)
fig

# %% [markdown]
# The stock grows through August and September, while the reported fire is below
# production plus deliveries, and falls steeply from October at the late-2023 rate. The
# central 90% of run-out dates spans four and a half months (11 January to 25 May 2024)
# around the median of 225 days.
#
# ## Scenarios: Russia's own stock, duds, later deliveries
#
# The same projection under other assumptions: Russia's own stock of about one or ten
# million rounds; HUR's "about half" of the North Korean rounds duds (February 2024; the
# Russian stock is assumed to work, so the duds are taken out of the deliveries, not
# passed as `dud_fraction`, which would apply to the whole stock); and Shin's "more than
# two million" 152 mm rounds, arriving day by day from August to December, instead of the
# NIS figure.

# %%
working = mm.stockflow.Cadence(
    rounds=mm.estimate(
        mm.model.effective_stock,
        {
            "stock_rounds": rounds,
            "dud_fraction": mm.record.reported_figure("hur-duds-2024-02").claim,
        },
        **OPTS,
    ),
    transfers=transfers,
    start=deliveries.start,
    end=deliveries.end,
)
scenarios = {
    "about 1 million own, no NK": ("about 1 million rounds", []),
    "about 1 million own + NIS": ("about 1 million rounds", [deliveries]),
    "about 3 million own, no NK": (OWN, []),
    "about 3 million own + NIS": (OWN, [deliveries]),
    "about 3 million own + NIS, half duds": (OWN, [working]),
    "about 3 million own + Shin, through December": (
        OWN,
        [mm.stockflow.Cadence.from_record("shin-2023-12-152")],
    ),
    "about 10 million own, no NK": ("about 10 million rounds", []),
    "about 10 million own + NIS": ("about 10 million rounds", [deliveries]),
}
runs = {}
for title, (stock, extra) in scenarios.items():
    p = mm.project_stock(stock, fire, extra, production, **RUN)
    runs[title] = p
    print(
        f"{title:<46} median run-out {p.depletion.median:5.0f} days ({p.depletion_date()}); "
        f"P(by {p.dates[-1]}) {p.prob_depleted:.2f}"
    )
for size in ("1", "3", "10"):
    gain = (
        runs[f"about {size} million own + NIS"].depletion.median
        - runs[f"about {size} million own, no NK"].depletion.median
    )
    print(f"about {size} million own: the NIS deliveries move the median run-out {gain:.0f} days")

# %%
fig = mm.plots.plot_intervals(
    list(runs),
    [p.depletion for p in runs.values()],
    highlight=["no NK" not in title for title in runs],
    reference=without.depletion.median,
    reference_label="about 3 million own, no NK: median",
    xlabel="run-out, days after 1 August 2023 (median and 90%)",
    title="When the stock runs out (orange: with North Korean deliveries)",
)
fig

# %% [markdown]
# Russia's own stock moves the run-out most: with about one million rounds it runs out in
# late October (86 days) without North Korean rounds and mid-December (137) with them;
# with about ten million, at the end of November 2024 (488 days) or early February 2025
# (551), and some paths last beyond the two-year horizon (the chance of running out
# within it is 1.00 and 0.97). What North Korea adds is steadier: the NIS's million rounds
# move the median run-out by 51 to 63 days whatever the stock they join. Half of them
# duds halves that (from 163 to 195 days rather than 225), and Shin's larger, later
# deliveries push it to 279 days (6 May 2024).
#
# None of this is a forecast. Russian artillery did not fall silent in early 2024, so at
# least one assumption is too pessimistic: Russia's own usable stock was larger than a few
# million rounds, its fire fell below the late-2023 reports, or deliveries went on after
# October (Shin's December count says they did). What holds across the assumptions is the
# size of the North Korean contribution: seven to nine weeks of Russian fire at late-2023
# rates for the NIS's "more than one million rounds", against the "around two months"
# the NIS itself gave.
