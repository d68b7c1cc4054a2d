"""Synthetic ledgers drawn from a known series and known source biases (for the tests and
``benchmarks/inference.py``).

A true log rate follows a random walk over months; each report covers one to three whole
months, comes from a source with a known bias, and states the period's mean rate times
``exp(bias + noise)`` (noise: Student t, 4 degrees of freedom, scale 0.4 by default, the
typical values `infer` assumes) in words the hedge model reads: a bare number rounded to three
significant figures, "about" a number rounded to two, "more than" a number rounded down to
two, or "between" two numbers bracketing it. Every stated figure is consistent with the
value meant (a "more than X" always has the value above X).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from numpy.typing import NDArray

from munitions_model.ledger import Ledger

#: Known biases (log scale) of the synthetic sources: one always high, two low, one unbiased.
BIASES = {"High Office": 0.4, "Low Office": -0.25, "Quiet Office": -0.15, "Plain Office": 0.0}


def _round(value: float, digits: int, how: str = "nearest") -> int:
    step = 10 ** max(0, math.floor(math.log10(value)) + 1 - digits)
    f = {"nearest": round, "down": math.floor, "up": math.ceil}[how]
    return int(f(value / step) * step)


def phrase_for(value: float, kind: int) -> str:
    """Words stating ``value`` [rounds/day] in one of four forms (``kind`` 0-3)."""
    if kind == 0:
        return f"{_round(value, 3):,} rounds a day"
    if kind == 1:
        return f"about {_round(value, 2):,} rounds a day"
    if kind == 2:
        return f"more than {_round(value, 2, 'down'):,} rounds a day"
    low, high = _round(value * 0.85, 2, "down"), _round(value * 1.15, 2, "up")
    return f"between {low:,} and {high:,} rounds a day"


def synthetic(
    seed: int,
    *,
    months: int = 24,
    reports: int = 30,
    step_sd: float = 0.1,
    noise_sd: float = 0.4,
    noise_df: float = 4.0,
    start: dt.date = dt.date(2023, 1, 1),
    biases: dict[str, float] | None = None,
) -> tuple[Ledger, NDArray[np.float64]]:
    """A ledger about ``russia_fire_rate`` and the true monthly mean rates it was drawn from
    (sources and their log biases: `BIASES` unless ``biases`` is given)."""
    rng = np.random.default_rng(seed)
    bias = BIASES if biases is None else biases
    x = math.log(20_000) + np.cumsum(np.concatenate([[0.0], rng.normal(0, step_sd, months - 1)]))
    firsts = [
        dt.date(start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1, 1)
        for k in range(months + 1)
    ]
    days = np.array([(firsts[k + 1] - firsts[k]).days for k in range(months)], dtype=float)
    names = list(bias)
    rows = []
    for i in range(reports):
        length = int(rng.integers(1, 4))
        m0 = int(rng.integers(0, months - length + 1))
        span = slice(m0, m0 + length)
        mean = float(np.sum(np.exp(x[span]) * days[span]) / days[span].sum())
        who = names[i % len(names)]
        # Student t noise as infer models it: a normal with variance factor InvGamma(df/2, df/2)
        scale = noise_sd * math.sqrt(noise_df / 2.0 / rng.gamma(noise_df / 2.0))
        said = mean * math.exp(bias[who] + scale * rng.standard_normal())
        end = firsts[m0 + length] - dt.timedelta(days=1)
        rows.append(
            {
                "id": f"syn-{i}",
                "phrase": phrase_for(said, int(rng.integers(0, 4))),
                "subject": "russia_fire_rate",
                "period_start": firsts[m0].isoformat(),
                "period_end": end.isoformat(),
                "reported_on": (end + dt.timedelta(days=int(rng.integers(1, 60)))).isoformat(),
                "who": who,
                "source": who,
            }
        )
    return Ledger.from_rows(rows), np.exp(x)
