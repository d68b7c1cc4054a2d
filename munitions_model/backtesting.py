"""Back-tests: fit on what was reported before a date, predict what was reported after.

`backtest` fits :func:`munitions_model.infer` on the reports about a subject made before
``cutoff`` and, for every report made on or after it, predicts what that report should say
(`Posterior.predict`: its period, its source's bias and noise when the source was seen
before the cutoff, a new source's otherwise). It scores the prediction against the report,
and scores the equal-weight pooled baseline the same way.

How a hedged report is scored
-----------------------------
A later report is not a number but a reading (a distribution from its hedge words). Each
score is its **expected value under the reading**:

* **coverage** at ``level``: the probability the reading puts inside the prediction's
  central ``level`` interval (a report "5,000" read as 4,750-5,250 that straddles the
  interval's edge counts as partly covered); the back-test's coverage is the mean over
  reports;
* **CRPS** (continuous ranked probability score, lower is better), on the **log scale**:
  ``E|log X - log y| - E|log X - log X'| / 2`` for ``X, X'`` drawn from the prediction,
  averaged over ``y`` at the reading's quantiles ``(k + 1/2) / 100``, ``k = 0..99``. On the
  log scale a miss by a factor of two costs the same at 5,000 as at 50,000 rounds a day, so
  the mean over reports is not dominated by the largest figures. Gneiting & Raftery (2007) [1]_
  give the estimator for draws (their eq. 21, with the empirical distribution).

The baseline
------------
Today's pooling (:func:`munitions_model.record.pooled`): an equal-weight mixture of the
readings of the earlier reports whose periods overlap the later report's period, or, when
none does, of the three earlier reports whose periods end latest (persistence). For a
cumulative subject each earlier reading is first put on the later report's window (divided
by its own window's days, times the later window's days), since totals over different
windows are not comparable.

References
----------
.. [1] Gneiting, T. & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
   estimation. *Journal of the American Statistical Association* 102(477), 359-378.
   https://doi.org/10.1198/016214506000001437
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from munitions_model._validation import (
    SeedLike,
    SeedRecord,
    generator,
    instance,
    interval_level,
    seed_record,
    text,
)
from munitions_model.inference import (
    Floats,
    Posterior,
    Priors,
    _pandas,
    _usable,
    infer,
)
from munitions_model.ledger import Ledger, Report, _as_date

__all__ = ["Backtest", "backtest", "crps_draws"]

#: Quantile nodes of a reading that a score is averaged over.
_NODES: Final = 100
#: Earlier reports the persistence baseline pools when none overlaps.
_LATEST: Final = 3


def crps_draws(draws: NDArray[np.float64], y: NDArray[np.float64]) -> Floats:
    """CRPS of the empirical distribution of ``draws`` at each value of ``y``.

    ``CRPS(F, y) = E|X - y| - E|X - X'| / 2`` (Gneiting & Raftery 2007, eq. 21), exact for
    the empirical distribution, computed from sorted draws in ``O((n + m) log n)``.

    Parameters
    ----------
    draws : ndarray, shape (n,)
        Draws of the forecast.
    y : ndarray, shape (m,)
        Observations.

    Returns
    -------
    ndarray, shape (m,)
        The CRPS at each observation.

    See Also
    --------
    backtest : Scores predictions with it, on the log scale.

    Examples
    --------
    >>> float(crps_draws(np.array([0.0, 1.0]), np.array([0.5]))[0])  # 0.5 - 0.5 / 2
    0.25
    """
    x = np.sort(np.asarray(draws, dtype=np.float64))
    obs = np.asarray(y, dtype=np.float64)
    n = x.size
    if n == 0:
        raise ValueError("draws must not be empty")
    cs = np.concatenate([[0.0], np.cumsum(x)])
    k = np.searchsorted(x, obs, side="right")
    below = obs * k - cs[k]
    above = (cs[n] - cs[k]) - obs * (n - k)
    spread = float(np.dot(2.0 * np.arange(1, n + 1) - n - 1, x)) / n**2
    return np.asarray((below + above) / n - spread, dtype=np.float64)


def _scores(
    predicted: Floats, report: Report, levels: Sequence[float]
) -> tuple[float, list[float]]:
    """Expected log CRPS and coverage at each level under the report's reading."""
    nodes = report.reading.ppf((np.arange(_NODES) + 0.5) / _NODES)
    nodes = np.maximum(nodes, np.finfo(float).tiny)
    crps = float(np.mean(crps_draws(np.log(predicted), np.log(nodes))))
    covered = []
    for level in levels:
        tail = (1.0 - level) / 2.0
        lo, hi = np.quantile(predicted, [tail, 1.0 - tail])
        mass = report.reading.cdf(np.array([lo, hi]))
        covered.append(float(mass[1] - mass[0]))
    return crps, covered


def _window_days(report: Report, posterior: Posterior) -> float:
    first, last = posterior._window(report.period_start, _end_of(report))
    return float((last - first).days + 1)


def _end_of(report: Report) -> dt.date:
    assert report.period_end is not None  # only usable reports are scored
    return report.period_end


def _baseline_parts(
    earlier: Sequence[Report], target: Report, posterior: Posterior
) -> list[tuple[Report, float]]:
    """The earlier reports the baseline pools for ``target`` and each one's factor."""
    cumulative = posterior.subject.kind == "cumulative"
    span = posterior._window(target.period_start, _end_of(target))

    def overlaps(r: Report) -> bool:
        first, last = posterior._window(r.period_start, _end_of(r))
        return first <= span[1] and span[0] <= last

    chosen = [r for r in earlier if overlaps(r)]
    if not chosen:
        ends = sorted({_end_of(r) for r in earlier}, reverse=True)
        chosen = [r for r in earlier if _end_of(r) >= ends[min(_LATEST, len(ends)) - 1]]
        chosen = sorted(chosen, key=_end_of, reverse=True)[:_LATEST]
    days = float((span[1] - span[0]).days + 1)
    return [(r, days / _window_days(r, posterior) if cumulative else 1.0) for r in chosen]


def _baseline_draws(
    parts: Sequence[tuple[Report, float]], n: int, rng: np.random.Generator
) -> Floats:
    """``n`` draws of the equal-weight mixture of the scaled readings."""
    which = rng.integers(len(parts), size=n)
    u = rng.random(n)
    out = np.empty(n)
    for k, (report, factor) in enumerate(parts):
        sel = which == k
        out[sel] = report.reading.ppf(u[sel]) * factor
    return np.maximum(out, np.finfo(float).tiny)


class Backtest:
    """Scores of a back-test (see the module docstring for how each is defined).

    Parameters
    ----------
    subject : str
        The subject, e.g. ``"russia_fire_rate"``.
    cutoff : datetime.date
        Reports made before it were fitted; those made on or after it are scored.
    posterior : Posterior
        The fit on the reports made before ``cutoff``.
    scored : sequence of Report
        The later reports, in row order.
    predicted : sequence of ndarray
        The model's predictive draws for each scored report.
    baseline : sequence of ndarray
        The pooled baseline's draws for each scored report.
    skipped : sequence of tuple of (int, str)
        Reports about the subject left out of fit and score: row and reason.
    seed : SeedRecord
        The seed as recorded (``backtest(..., seed=bt.seed)`` reproduces the scores).

    See Also
    --------
    backtest : Builds it.

    Examples
    --------
    >>> import munitions_model as mm
    >>> bt = backtest(mm.bundled_ledger(), "russia_fire_rate", "2024-01-01", seed=1,
    ...               samples=200, warmup=200)
    >>> 0 <= bt.coverage(0.9) <= 1 and bt.n == len(bt.scored)
    True
    """

    def __init__(
        self,
        *,
        subject: str,
        cutoff: dt.date,
        posterior: Posterior,
        scored: Sequence[Report],
        predicted: Sequence[Floats],
        baseline: Sequence[Floats],
        skipped: Sequence[tuple[int, str]],
        seed: SeedRecord,
    ) -> None:
        self.subject, self.cutoff, self.posterior = subject, cutoff, posterior
        self.scored = tuple(scored)
        self._predicted = tuple(predicted)
        self._baseline = tuple(baseline)
        self.skipped = tuple(skipped)
        self.seed = seed
        self._model = [_scores(p, r, (0.5, 0.9)) for p, r in zip(predicted, scored, strict=True)]
        self._base = [_scores(p, r, (0.5, 0.9)) for p, r in zip(baseline, scored, strict=True)]

    def __repr__(self) -> str:
        return (
            f"Backtest({self.subject!r}, cutoff {self.cutoff}, n={self.n}: coverage 50% "
            f"{self.coverage(0.5):.2f}, 90% {self.coverage(0.9):.2f}; CRPS {self.crps:.3f} vs "
            f"pooled {self.baseline_crps:.3f})"
        )

    @property
    def n(self) -> int:
        """Number of later reports scored."""
        return len(self.scored)

    def _coverage(self, draws: Sequence[Floats], level: float) -> float:
        level = interval_level(level)
        pairs = zip(draws, self.scored, strict=True)
        return float(np.mean([_scores(p, r, (level,))[1][0] for p, r in pairs]))

    def coverage(self, level: float = 0.9) -> float:
        """Return the mean share of the later reports' readings in the model's ``level`` interval.

        Parameters
        ----------
        level : float, default 0.9
            Probability inside the model's central interval, in (0, 1).

        Returns
        -------
        float
            The expected coverage, in [0, 1].
        """
        return self._coverage(self._predicted, level)

    def baseline_coverage(self, level: float = 0.9) -> float:
        """Return the same coverage for the pooled baseline.

        Parameters
        ----------
        level : float, default 0.9
            Probability inside the baseline's central interval, in (0, 1).

        Returns
        -------
        float
            The expected coverage, in [0, 1].
        """
        return self._coverage(self._baseline, level)

    @property
    def crps(self) -> float:
        """Mean log-scale CRPS of the model's predictions (lower is better)."""
        return float(np.mean([c for c, _ in self._model]))

    @property
    def baseline_crps(self) -> float:
        """Mean log-scale CRPS of the pooled baseline."""
        return float(np.mean([c for c, _ in self._base]))

    def to_rows(self) -> list[dict[str, object]]:
        """Return one dict per later report: what it said, the predictions, and the scores.

        Returns
        -------
        list of dict
            One per scored report, in row order.
        """
        rows: list[dict[str, object]] = []
        for r, p, b, (crps, cov), (bcrps, bcov) in zip(
            self.scored, self._predicted, self._baseline, self._model, self._base, strict=True
        ):
            lo, mid, hi = np.quantile(p, [0.05, 0.5, 0.95])
            rows.append(
                {
                    "row": r.row,
                    "id": r.id,
                    "phrase": r.phrase,
                    "source": r.source,
                    "period_start": r.period_start,
                    "period_end": r.period_end,
                    "reported_on": r.reported_on,
                    "reading_median": r.reading.median,
                    "predicted_median": float(mid),
                    "predicted_low": float(lo),
                    "predicted_high": float(hi),
                    "covered_50": cov[0],
                    "covered_90": cov[1],
                    "crps": crps,
                    "baseline_median": float(np.median(b)),
                    "baseline_covered_50": bcov[0],
                    "baseline_covered_90": bcov[1],
                    "baseline_crps": bcrps,
                }
            )
        return rows

    def to_frame(self) -> Any:
        """Return `to_rows` as a pandas ``DataFrame`` (the ``frames`` extra).

        Returns
        -------
        pandas.DataFrame
            One row per scored report.
        """
        return _pandas().DataFrame(self.to_rows())

    def summary(self) -> dict[str, object]:
        """Return the headline numbers as one dict (a row of a back-test table).

        Returns
        -------
        dict
            Subject, cutoff, count, coverages and CRPS of the model and of the baseline.
        """
        return {
            "subject": self.subject,
            "cutoff": self.cutoff,
            "n": self.n,
            "coverage_50": self.coverage(0.5),
            "coverage_90": self.coverage(0.9),
            "crps": self.crps,
            "baseline_coverage_50": self.baseline_coverage(0.5),
            "baseline_coverage_90": self.baseline_coverage(0.9),
            "baseline_crps": self.baseline_crps,
        }


def _split(
    ledger: Ledger, subject: str, day: dt.date
) -> tuple[list[Report], list[Report], list[tuple[int, str]]]:
    """The subject's usable reports made before ``day`` and on or after it, and the rows
    left out of both with the reason."""
    if text(subject, "subject") not in ledger.subjects:
        raise ValueError(f"unknown subject {subject!r}; known subjects: {sorted(ledger.subjects)}")
    info = ledger.subjects[subject]
    earlier: list[Report] = []
    later: list[Report] = []
    skipped: list[tuple[int, str]] = []
    for r in ledger.reports:
        if r.subject != subject:
            continue
        why = "no report date" if r.reported_on is None else _usable(r, info)
        if why is not None:
            skipped.append((r.row, why))
        else:
            assert r.reported_on is not None
            (earlier if r.reported_on < day else later).append(r)
    if not earlier:
        raise ValueError(f"no report about {subject!r} was made before cutoff {day}")
    if not later:
        raise ValueError(f"no report about {subject!r} was made on or after cutoff {day}")
    return earlier, later, skipped


def backtest(
    ledger: Ledger,
    subject: str,
    cutoff: dt.date | str,
    *,
    seed: SeedLike = None,
    samples: int = 2000,
    warmup: int = 1000,
    priors: Priors | None = None,
) -> Backtest:
    """Fit on the reports made before ``cutoff``; predict and score every later one.

    Parameters
    ----------
    ledger : Ledger
        The reports (e.g. :func:`munitions_model.bundled_ledger`).
    subject : str
        E.g. ``"russia_fire_rate"``.
    cutoff : datetime.date or str
        Reports made before this date are fitted; those made on or after it are scored.
        Reports without a report date are neither (see `Backtest.skipped`).
    seed : SeedLike, default None
        Drives the fit, the predictions and the baseline's draws.
    samples, warmup : int, default 2000 and 1000
        Passed to :func:`munitions_model.infer`; predictions have ``samples`` draws.
    priors : Priors or None, default None
        Prior settings of the fit; `Priors()` by default.

    Returns
    -------
    Backtest
        The scores of the model and of the pooled baseline.

    Raises
    ------
    ValueError
        When no report falls on one side of the cutoff.

    See Also
    --------
    munitions_model.infer : The fit.
    crps_draws : The score.

    Examples
    --------
    >>> import munitions_model as mm
    >>> bt = backtest(mm.bundled_ledger(), "russia_fire_rate", "2023-06-01", seed=1,
    ...               samples=300, warmup=300)
    >>> bt.n > 0 and 0.0 <= bt.coverage(0.9) <= 1.0
    True
    """
    ledger = instance(ledger, Ledger, "ledger")
    day = _as_date("cutoff", cutoff)
    earlier, later, skipped = _split(ledger, subject, day)
    recorded = seed_record(seed)
    fit_seed = recorded.child(0)
    predict_rng, base_rng = generator(recorded).spawn(2)
    fit = Ledger(earlier, subjects=ledger.subjects, hedges=ledger.hedges)
    posterior = infer(fit, subject, seed=fit_seed, samples=samples, warmup=warmup, priors=priors)
    predicted = [
        posterior.predict(r.period_start, _end_of(r), source=r.source, seed=predict_rng).values
        for r in later
    ]
    baseline = [
        _baseline_draws(_baseline_parts(earlier, r, posterior), samples, base_rng) for r in later
    ]
    return Backtest(
        subject=subject,
        cutoff=day,
        posterior=posterior,
        scored=later,
        predicted=[np.asarray(p) for p in predicted],
        baseline=baseline,
        skipped=skipped,
        seed=recorded,
    )
