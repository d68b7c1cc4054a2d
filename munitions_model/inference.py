"""A quantity over time, inferred from every report about it: `infer` and `Posterior`.

The model
---------
Time is cut into steps (calendar months by default). For a *rate* or *level* subject the
unknown is ``x[m]``, the log of the quantity's mean over step ``m`` (e.g. rounds/day); for a
*cumulative* subject it is the log of the mean daily amount delivered in step ``m``, and
the total at the end of a step is the sum of what was delivered up to it (from the
subject's origin), so it never decreases.

* **Over time** ``x`` is a Gaussian random walk: ``x[m] = x[m-1] + e[m]``,
  ``e ~ N(0, tau^2)`` (``tau`` per month; per step it scales with the square root of the
  months in a step), with ``x[0] ~ N(m0, 3^2)`` around the median of the reports.
* **A report** ``r`` covering a period is about ``theta_r = sum_m a[r, m] exp(x[m])``: the
  period's mean (weights: the share of the period's days in each step) for a rate, or the
  amount delivered in the period (weights: its days in each step) for a cumulative total.
* **Its source** ``s`` says ``u_r = log theta_r + b_s + eps_r``, ``eps_r ~ sigma_s t_4``:
  each source has a bias ``b_s`` (the log of the factor by which it runs high) and a noise
  ``sigma_s`` of its own, both learned from the data. The noise is a Student t with 4
  degrees of freedom (a normal whose variance ``sigma_s^2 lambda_r`` has
  ``lambda_r ~ InverseGamma(2, 2)``), because the record's reports for the same months
  mostly agree within a factor of 1.5 and now and then differ by a factor of five or more:
  a normal noise would either be too wide for the first or let the second drag the path.
  Biases are drawn from ``N(0, omega^2)``, so the average source is taken to be unbiased
  (nothing else could fix the level) and a source that is always high relative to the
  others is discounted.
  Noises are drawn from ``InverseGamma(2, beta)`` with ``beta`` shared and learned, so a
  source with one report borrows the typical noise of the others.
* **The words**: what the source meant, ``u_r``, is not observed; its phrase's hedge reading
  (:func:`munitions_model.interpret`) is, and enters as the likelihood of ``u_r``: the
  reading's density on the log scale (a flat prior on ``log``), discretised on 160 cells
  equally spaced in log between the reading's 1e-6 and 1 - 1e-6 quantiles (each cell's
  mass from the reading's CDF, placed at the cell's centre). So a "more than 50,000" is one
  sided, a vague range is wide, and a bare "5,000" is narrow, exactly as the hedge model
  reads them.

Priors (`Priors`, each overridable): ``tau^2 ~ InverseGamma(2, .)`` with median ``tau`` 0.1
per month (a typical month-on-month change of 10%); ``omega^2 ~ InverseGamma(2, .)``
with median ``omega`` 0.3 (sources typically within a factor of 1.35 of each other);
``beta ~ Gamma(2, .)`` with mean such that the typical source noise ``sigma`` is 0.4 (a
factor of 1.5: figures for the same months from one official and the next differ by that
much as a rule in this war's record; a first choice of 0.25 with normal noise left the
back-tests' 90% intervals covering only 70-73% of later fire-rate reports, see
``benchmarks/inference.py --backtests``).

The sampler
-----------
Gibbs sampling, every step exact: (1) each ``u_r`` from its discrete conditional (the
reading's cells times the noise of its source); (2) the path ``x`` and the biases ``b``
jointly by a Metropolis-Hastings step whose proposal is the Gaussian posterior of the
model linearised at the current path (``log theta_r`` to first order in ``x``; exact in
``b``), sampled through the Cholesky factor of its precision, and corrected by the exact
nonlinear likelihood and the reverse proposal; (3) ``lambda_r``, ``sigma_s^2``, ``beta``,
``tau^2`` and ``omega^2`` from their conjugate conditionals. Linear algebra is dense: the
path has one value per step (about 60 for five years of months), so a Cholesky factor costs
microseconds and no Kalman recursion is needed. A plain random-walk Metropolis sampler on the same
posterior (with ``u`` summed out) serves as the reference in the tests and in
``benchmarks/inference.py``: on a small case the two agree within 0.03 on the log scale;
on the bundled fire-rate record (63 unknowns) the random walk converges only from a
dispersed start with a tuned proposal, in about 50 times the Gibbs sampler's time, and then
agrees within 0.1 posterior sd (medians). The Gibbs sampler needs no tuning at that size,
which is why it was chosen over the random walk; numpyro's NUTS on the same posterior
(``benchmarks/inference_numpyro.py``) agrees within Monte Carlo error and is more than ten
times slower per effective draw.

Examples
--------
>>> import munitions_model as mm
>>> from munitions_model.inference import infer
>>> post = infer(mm.bundled_ledger(), "russia_fire_rate", seed=1, samples=400, warmup=300)
>>> post.unit, len(post.periods) == post.quantile(0.5).size
('rounds/day', True)
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
from collections.abc import Sequence
from typing import Any, Final, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field
from scipy import special
from scipy.linalg import lapack

from munitions_model._validation import (
    SeedLike,
    SeedRecord,
    generator,
    instance,
    interval_level,
    positive_int,
    quantile_probability,
    seed_record,
    shown,
    text,
)
from munitions_model._validation import samples as draw_count
from munitions_model.distributions import Empirical
from munitions_model.ledger import Ledger, Report, Subject, _as_date
from munitions_model.record import Period

__all__ = ["Posterior", "Priors", "infer"]

Floats: TypeAlias = NDArray[np.float64]
Frequency = Literal["month", "quarter", "year"]

_MONTHS: Final = {"month": 1, "quarter": 3, "year": 12}
#: Cells of each reading's log-scale discretisation, and the tail mass left out.
_CELLS: Final = 160
_TAIL: Final = 1e-6
#: Standard deviation of the first step's log value around the reports' median.
_LEVEL_SD: Final = 3.0


class Priors(BaseModel):
    """Prior settings of `infer` (see the module docstring for what each means).

    Parameters
    ----------
    step_median : float
        Prior median of ``tau``, the standard deviation of the log change per month.
    step_shape : float
        Inverse-gamma shape of ``tau^2`` (larger: more confident in ``step_median``).
    bias_median : float
        Prior median of ``omega``, the spread of source biases (log scale).
    bias_shape : float
        Inverse-gamma shape of ``omega^2``.
    noise_median : float
        Typical source noise ``sigma`` (log scale): sets the prior mean of ``beta``.
    noise_shape : float
        Inverse-gamma shape of each ``sigma_s^2`` given ``beta``.
    noise_scale_shape : float
        Gamma shape of ``beta``.
    noise_df : float
        Degrees of freedom of the Student t of each report's noise (``inf``: Gaussian).

    See Also
    --------
    infer : Takes them as ``priors=``.

    Examples
    --------
    >>> Priors(step_median=0.1).step_median
    0.1
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    step_median: float = Field(default=0.1, gt=0)
    step_shape: float = Field(default=2.0, gt=0)
    bias_median: float = Field(default=0.3, gt=0)
    bias_shape: float = Field(default=2.0, gt=0)
    noise_median: float = Field(default=0.4, gt=0)
    noise_shape: float = Field(default=2.0, gt=0)
    noise_scale_shape: float = Field(default=2.0, gt=0)
    noise_df: float = Field(default=4.0, gt=0)


def _ig_scale(median: float, shape: float) -> float:
    """Scale of an inverse gamma on ``v`` whose median is ``median**2``."""
    gamma_median = float(special.gammaincinv(shape, 0.5))
    return median**2 * gamma_median


# -- time grid ---------------------------------------------------------------------------------


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _bins(first: dt.date, last: dt.date, months: int) -> list[Period]:
    """Calendar steps of ``months`` months covering ``first`` to ``last``."""
    lo = _month_index(first) // months * months
    hi = _month_index(last) // months * months
    return [
        Period(start=_month_start(k), end=_month_start(k + months) - dt.timedelta(days=1))
        for k in range(lo, hi + 1, months)
    ]


def _overlap(start: dt.date, end: dt.date, bins: Sequence[Period]) -> Floats:
    """Days of ``[start, end]`` (inclusive) in each bin."""
    out = np.zeros(len(bins))
    for m, b in enumerate(bins):
        days = (min(end, b.end) - max(start, b.start)).days + 1
        out[m] = max(days, 0)
    return out


def _weights(start: dt.date, end: dt.date, bins: Sequence[Period], cumulative: bool) -> Floats:
    """A report's weights on the steps: days in each (cumulative) or their share (rate)."""
    days = _overlap(start, end, bins)
    return days if cumulative else days / days.sum()


# -- readings on the log scale -----------------------------------------------------------------


def _log_cells(report: Report) -> tuple[Floats, Floats]:
    """Centres and log masses of the reading's cells, equally spaced in log."""
    reading = report.reading
    lo, hi = reading.quantile(_TAIL), reading.quantile(1.0 - _TAIL)
    if not lo > 0.0:
        lo = max(reading.quantile(1e-3), hi * 1e-6)
    if not hi > lo:  # a point: one cell
        return np.array([math.log(hi)]), np.zeros(1)
    edges = np.linspace(math.log(lo), math.log(hi), _CELLS + 1)
    cdf = reading.cdf(np.exp(edges))
    mass = np.diff(cdf)
    mass = np.maximum(mass, 0.0) / max(float(cdf[-1] - cdf[0]), 1e-300)
    with np.errstate(divide="ignore"):
        return 0.5 * (edges[1:] + edges[:-1]), np.log(mass)


class _Problem:
    """A subject's reports laid out for the sampler."""

    def __init__(
        self,
        reports: Sequence[Report],
        subject: Subject,
        bins: Sequence[Period],
        months: int,
    ) -> None:
        self.subject = subject
        self.bins = list(bins)
        self.months = months
        cumulative = subject.kind == "cumulative"
        self.weights = np.stack(
            [_weights(_start(r, subject), _end(r), bins, cumulative) for r in reports]
        )
        cells = [_log_cells(r) for r in reports]
        width = max(c.size for c, _ in cells)
        self.centres = np.zeros((len(reports), width))
        self.log_mass = np.full((len(reports), width), -np.inf)
        for i, (c, lm) in enumerate(cells):
            self.centres[i, : c.size] = c
            self.log_mass[i, : c.size] = lm
        self.sources = tuple(dict.fromkeys(r.source for r in reports))
        index = {s: i for i, s in enumerate(self.sources)}
        self.source_of = np.array([index[r.source] for r in reports], dtype=np.intp)
        # Reports' medians as a daily level: where the first step's prior is centred.
        medians = np.array([math.log(r.reading.median) for r in reports])
        self.level = float(np.median(medians - np.log(self.weights.sum(axis=1))))

    @property
    def shape(self) -> tuple[int, int, int]:
        """Reports, steps, sources."""
        return self.weights.shape[0], self.weights.shape[1], len(self.sources)

    def log_theta(self, x: Floats) -> tuple[Floats, Floats]:
        """``log theta_r`` and its Jacobian in ``x`` (rows: reports)."""
        top = float(x.max())
        e = self.weights * np.exp(x - top)[None, :]
        total = e.sum(axis=1)
        return np.log(total) + top, e / total[:, None]


def _start(report: Report, subject: Subject) -> dt.date:
    if report.period_start is not None:
        return max(report.period_start, subject.origin) if subject.origin else report.period_start
    assert subject.origin is not None  # rate reports without a start are skipped
    return subject.origin


def _end(report: Report) -> dt.date:
    assert report.period_end is not None  # reports without an end are skipped
    return report.period_end


# -- the sampler -------------------------------------------------------------------------------


class _State:
    """One Gibbs state, with ``log theta`` and its Jacobian cached at the current path."""

    def __init__(self, problem: _Problem, priors: Priors) -> None:
        n_reports, n_steps, n_sources = problem.shape
        self.x = np.full(n_steps, problem.level)
        self.g, self.jac = problem.log_theta(self.x)
        self.b = np.zeros(n_sources)
        self.sig2 = np.full(n_sources, priors.noise_median**2)
        self.lam = np.ones(n_reports)  # each report's variance factor (Student t noise)
        self.beta = _ig_scale(priors.noise_median, priors.noise_shape)
        self.tau2 = priors.step_median**2 * problem.months
        self.omega2 = priors.bias_median**2
        best = problem.log_mass.argmax(axis=1)
        self.u = problem.centres[np.arange(n_reports), best]


def _cholesky(q: Floats) -> Floats:
    """Lower Cholesky factor (LAPACK ``potrf``; the matrix is positive definite)."""
    chol, info = lapack.dpotrf(q, lower=1, clean=1)
    if info != 0:  # pragma: no cover - the precision is a sum of positive definite parts
        raise np.linalg.LinAlgError(f"precision matrix not positive definite (potrf {info})")
    return np.asarray(chol)


class _Sampler:
    """Gibbs sampler for one subject (see the module docstring)."""

    def __init__(self, problem: _Problem, priors: Priors, rng: np.random.Generator) -> None:
        self.p, self.priors, self.rng = problem, priors, rng
        n_reports, n_steps, n_sources = problem.shape
        diff = np.diff(np.eye(n_steps), axis=0)
        self.walk = diff.T @ diff  # random-walk precision times tau^2
        self.h_mat = np.zeros((n_reports, n_steps + n_sources))
        self.h_mat[np.arange(n_reports), n_steps + problem.source_of] = 1.0
        self.rows = np.arange(n_reports)
        self.tau_a = priors.step_shape
        self.tau_b = _ig_scale(priors.step_median, priors.step_shape) * problem.months
        self.omega_a = priors.bias_shape
        self.omega_b = _ig_scale(priors.bias_median, priors.bias_shape)
        self.beta_rate = priors.noise_scale_shape / _ig_scale(
            priors.noise_median, priors.noise_shape
        )
        self.accepted = 0

    def _log_target(self, s: _State, x: Floats, b: Floats, g: Floats) -> float:
        """Log density of (x, b) given the rest, up to a constant (``g = log theta(x)``)."""
        resid = s.u - b[self.p.source_of] - g
        steps = np.diff(x)
        return -0.5 * float(
            steps @ steps / s.tau2
            + (x[0] - self.p.level) ** 2 / _LEVEL_SD**2
            + b @ b / s.omega2
            + resid @ (resid / (s.sig2[self.p.source_of] * s.lam))
        )

    def _proposal(self, s: _State, x: Floats, g: Floats, jac: Floats) -> tuple[Floats, Floats]:
        """Mean and lower Cholesky factor of the precision of the Gaussian for (x, b) with
        ``log theta`` linearised at ``x``."""
        n_steps = x.size
        h_mat = self.h_mat
        h_mat[:, :n_steps] = jac
        w = 1.0 / (s.sig2[self.p.source_of] * s.lam)
        q = h_mat.T @ (h_mat * w[:, None])
        q[:n_steps, :n_steps] += self.walk / s.tau2
        q[0, 0] += 1.0 / _LEVEL_SD**2
        diag = np.arange(n_steps, q.shape[0])
        q[diag, diag] += 1.0 / s.omega2
        lin = h_mat.T @ (w * (s.u - g + jac @ x))
        lin[0] += self.p.level / _LEVEL_SD**2
        chol = _cholesky(q)
        mean, _ = lapack.dpotrs(chol, lin, lower=1)
        return np.asarray(mean), chol

    @staticmethod
    def _log_q(z: Floats, mean: Floats, chol: Floats) -> float:
        v = chol.T @ (z - mean)
        return float(np.log(np.diagonal(chol)).sum() - 0.5 * (v @ v))

    def step_path(self, s: _State) -> None:
        """Metropolis-Hastings update of (x, b) with the linearised Gaussian proposal."""
        n_steps = s.x.size
        mean, chol = self._proposal(s, s.x, s.g, s.jac)
        xi = self.rng.standard_normal(mean.size)
        shift, _ = lapack.dtrtrs(chol, xi, lower=1, trans=1)
        z_new = mean + shift
        x_new, b_new = z_new[:n_steps], z_new[n_steps:]
        g_new, jac_new = self.p.log_theta(x_new)
        back_mean, back_chol = self._proposal(s, x_new, g_new, jac_new)
        z_old = np.concatenate([s.x, s.b])
        log_ratio = (
            self._log_target(s, x_new, b_new, g_new)
            - self._log_target(s, s.x, s.b, s.g)
            + self._log_q(z_old, back_mean, back_chol)
            - self._log_q(z_new, mean, chol)
        )
        if math.log(self.rng.random()) < log_ratio:
            s.x, s.b, s.g, s.jac = x_new, b_new, g_new, jac_new
            self.accepted += 1

    def step_said(self, s: _State) -> None:
        """What each source meant, from its reading's cells times its Gaussian."""
        centre = s.g + s.b[self.p.source_of]
        sd2 = s.sig2[self.p.source_of] * s.lam
        logw = self.p.log_mass - 0.5 * (self.p.centres - centre[:, None]) ** 2 / sd2[:, None]
        logw -= logw.max(axis=1, keepdims=True)
        cum = np.cumsum(np.exp(logw), axis=1)
        draw = np.asarray(self.rng.random(size=cum.shape[0]), dtype=np.float64)
        pick = (cum < draw[:, None] * cum[:, -1:]).sum(axis=1)
        s.u = self.p.centres[self.rows, np.minimum(pick, cum.shape[1] - 1)]

    def step_scales(self, s: _State) -> None:
        """Reports' variance factors, source noises, their shared scale, the walk's step
        and the biases' spread."""
        resid = s.u - s.b[self.p.source_of] - s.g
        n_sources = s.b.size
        df = self.priors.noise_df
        if math.isfinite(df):
            r2 = resid**2 / s.sig2[self.p.source_of]
            s.lam = (df + r2) / 2.0 / self.rng.gamma((df + 1.0) / 2.0, size=resid.size)
        count = np.bincount(self.p.source_of, minlength=n_sources)
        ss = np.bincount(self.p.source_of, weights=resid**2 / s.lam, minlength=n_sources)
        a = self.priors.noise_shape
        s.sig2 = (s.beta + ss / 2.0) / self.rng.gamma(a + count / 2.0)
        shape = self.priors.noise_scale_shape + n_sources * a
        s.beta = self.rng.gamma(shape) / (self.beta_rate + float(np.sum(1.0 / s.sig2)))
        steps = np.diff(s.x)
        s.tau2 = (self.tau_b + float(steps @ steps) / 2.0) / self.rng.gamma(
            self.tau_a + steps.size / 2.0
        )
        s.omega2 = (self.omega_b + float(s.b @ s.b) / 2.0) / self.rng.gamma(
            self.omega_a + n_sources / 2.0
        )


class _Draws(BaseModel):
    """Kept draws of every unknown (arrays, one row per draw)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    x: Any
    b: Any
    sig2: Any
    beta: Any
    tau2: Any
    omega2: Any
    acceptance: float


def _run(
    problem: _Problem, priors: Priors, rng: np.random.Generator, samples: int, warmup: int
) -> _Draws:
    state = _State(problem, priors)
    sampler = _Sampler(problem, priors, rng)
    n_steps, n_sources = problem.shape[1], problem.shape[2]
    keep = {
        "x": np.empty((samples, n_steps)),
        "b": np.empty((samples, n_sources)),
        "sig2": np.empty((samples, n_sources)),
        "beta": np.empty(samples),
        "tau2": np.empty(samples),
        "omega2": np.empty(samples),
    }
    for i in range(warmup + samples):
        sampler.step_said(state)
        sampler.step_path(state)
        sampler.step_scales(state)
        if i == warmup - 1:
            sampler.accepted = 0
        if i >= warmup:
            j = i - warmup
            keep["x"][j] = state.x
            keep["b"][j] = state.b
            keep["sig2"][j] = state.sig2
            keep["beta"][j] = state.beta
            keep["tau2"][j] = state.tau2
            keep["omega2"][j] = state.omega2
    for arr in keep.values():
        arr.setflags(write=False)
    return _Draws(**keep, acceptance=sampler.accepted / samples)


# -- the result --------------------------------------------------------------------------------


# Built by infer from the sampler's private state: its constructor is not documented.
class Posterior:  # numpydoc ignore=PR01
    """What the record says about a subject over time: draws of every step's value.

    Built by `infer`. For a rate or level, a step's value is its mean (e.g. rounds/day
    averaged over the month); for a cumulative subject, the total at the step's end.

    Attributes
    ----------
    subject : Subject
    periods : tuple of Period
        The steps, in order.
    draws : ndarray, shape (samples, steps)
        Posterior draws of each step's value [unit] (read-only).
    rate_draws : ndarray, shape (samples, steps)
        Draws of each step's mean daily value (for a rate, the same as ``draws``; for a
        cumulative total, what was delivered per day in the step).
    sources : tuple of str
        The sources of the reports used, in order of first report.
    bias_draws, noise_draws : ndarray, shape (samples, sources)
        Draws of each source's bias factor ``exp(b_s)`` and noise ``sigma_s`` (log scale).
    used : tuple of Report
        The reports the posterior rests on.
    skipped : tuple of (int, str)
        Reports about the subject that were left out: row and reason.
    seed : SeedRecord
        The seed as recorded: ``infer(..., seed=post.seed)`` reproduces the run.
    acceptance : float
        Acceptance rate of the path's Metropolis-Hastings step (kept draws).

    See Also
    --------
    infer : Builds it.
    munitions_model.backtesting.backtest : Scores it against later reports.
    munitions_model.plots.plot_posterior : Draws it.

    Examples
    --------
    >>> import munitions_model as mm
    >>> post = mm.infer(mm.bundled_ledger(), "russia_fire_rate", seed=1, samples=200, warmup=200)
    >>> low, high = post.interval(0.9)
    >>> bool((low <= post.quantile(0.5)).all() and (post.quantile(0.5) <= high).all())
    True
    """

    def __init__(
        self,
        problem: _Problem,
        draws: _Draws,
        *,
        used: Sequence[Report],
        skipped: Sequence[tuple[int, str]],
        seed: SeedRecord,
        priors: Priors,
    ) -> None:
        self._p, self._d = problem, draws
        self.subject = problem.subject
        self.periods: tuple[Period, ...] = tuple(problem.bins)
        self.sources = problem.sources
        self.used = tuple(used)
        self.skipped = tuple(skipped)
        self.seed = seed
        self.priors = priors
        self.acceptance = draws.acceptance
        rate = np.exp(draws.x)
        if self.subject.kind == "cumulative":
            days = np.array([(b.end - b.start).days + 1 for b in problem.bins], dtype=float)
            value = np.cumsum(rate * days, axis=1)
        else:
            value = rate
        for arr in (rate, value):
            arr.setflags(write=False)
        self.rate_draws: Floats = rate
        self.draws: Floats = value
        self.bias_draws: Floats = np.exp(draws.b)
        self.noise_draws: Floats = np.sqrt(draws.sig2)
        self.bias_draws.setflags(write=False)
        self.noise_draws.setflags(write=False)

    def __repr__(self) -> str:
        return (
            f"Posterior({self.subject.name!r}, {len(self.periods)} steps from "
            f"{self.periods[0].start} to {self.periods[-1].end}, {self.samples} draws, "
            f"{len(self.used)} reports)"
        )

    @property
    def unit(self) -> str:
        """The subject's base unit."""
        return self.subject.unit

    @property
    def samples(self) -> int:
        """Number of posterior draws."""
        return int(self.draws.shape[0])

    @property
    def tau_draws(self) -> Floats:
        """Draws of the walk's standard deviation per step (log scale)."""
        return np.asarray(np.sqrt(self._d.tau2), dtype=np.float64)

    def quantile(self, q: float) -> Floats:
        """Return each step's quantile ``q`` [unit].

        Parameters
        ----------
        q : float
            Quantile probability in (0, 1).

        Returns
        -------
        ndarray, shape (steps,)
            The quantile of each step's draws.
        """
        return np.quantile(self.draws, quantile_probability(q), axis=0)

    def interval(self, level: float = 0.9) -> tuple[Floats, Floats]:
        """Return each step's central interval holding ``level`` of the posterior [unit].

        Parameters
        ----------
        level : float, default 0.9
            Probability inside the interval, in (0, 1).

        Returns
        -------
        low : ndarray, shape (steps,)
            The low end for each step.
        high : ndarray, shape (steps,)
            The high end for each step.
        """
        tail = (1.0 - interval_level(level)) / 2.0
        return self.quantile(tail), self.quantile(1.0 - tail)

    @property
    def median(self) -> Floats:
        """Each step's posterior median [unit]."""
        return self.quantile(0.5)

    def to_rows(self) -> list[dict[str, object]]:
        """Return one dict per step: its dates, mean and quantiles 5, 25, 50, 75 and 95%.

        Returns
        -------
        list of dict
            One per step, in order.
        """
        qs = np.quantile(self.draws, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
        mean = self.draws.mean(axis=0)
        return [
            {
                "period_start": p.start,
                "period_end": p.end,
                "mean": float(mean[m]),
                "q05": float(qs[0, m]),
                "q25": float(qs[1, m]),
                "median": float(qs[2, m]),
                "q75": float(qs[3, m]),
                "q95": float(qs[4, m]),
            }
            for m, p in enumerate(self.periods)
        ]

    def to_frame(self) -> Any:
        """Return `to_rows` as a pandas ``DataFrame`` (the ``frames`` extra).

        Returns
        -------
        pandas.DataFrame
            One row per step.
        """
        return _pandas().DataFrame(self.to_rows())

    def source_rows(self) -> list[dict[str, object]]:
        """Return one dict per source: its reports, and its bias factor and noise (median, 90%).

        Returns
        -------
        list of dict
            One per source, in the order of `sources`.
        """
        counts = np.bincount(self._p.source_of, minlength=len(self.sources))
        rows = []
        for k, name in enumerate(self.sources):
            lo, mid, hi = np.quantile(self.bias_draws[:, k], [0.05, 0.5, 0.95])
            rows.append(
                {
                    "source": name,
                    "reports": int(counts[k]),
                    "bias_median": float(mid),
                    "bias_low": float(lo),
                    "bias_high": float(hi),
                    "noise_median": float(np.median(self.noise_draws[:, k])),
                }
            )
        return rows

    # -- prediction ----------------------------------------------------------------------
    def _paths(
        self, first: dt.date, last: dt.date, rng: np.random.Generator
    ) -> tuple[list[Period], Floats]:
        """Steps covering ``first``..``last`` and each draw's log rate on them, the walk
        continued (with each draw's ``tau``) before and after the fitted steps."""
        months = self._p.months
        lo = min(first, self.periods[0].start)
        hi = max(last, self.periods[-1].end)
        bins = _bins(lo, hi, months)
        before = self.periods[0].start
        n_before = sum(1 for b in bins if b.end < before)
        n_after = len(bins) - n_before - len(self.periods)
        x = self._d.x
        tau = np.sqrt(self._d.tau2)[:, None]
        parts = [x]
        if n_before:
            walk = np.cumsum(rng.standard_normal((self.samples, n_before)) * tau, axis=1)
            parts.insert(0, (x[:, :1] + walk)[:, ::-1])
        if n_after:
            walk = np.cumsum(rng.standard_normal((self.samples, n_after)) * tau, axis=1)
            parts.append(x[:, -1:] + walk)
        return bins, np.concatenate(parts, axis=1)

    def step_rates(
        self,
        start: dt.date | str,
        horizon_days: int,
        index: NDArray[np.intp],
        *,
        seed: SeedLike = None,
    ) -> tuple[Floats, NDArray[np.intp]]:
        """Daily values of some draws over ``horizon_days`` days from ``start``, step by step.

        For a rate, each step's mean [unit]; for a cumulative total, what was delivered per
        day in the step [unit per day], zero before the origin. Beyond the fitted steps
        the walk continues with each draw's ``tau`` (``seed`` drives that).

        Parameters
        ----------
        start : datetime.date or str
            The first day (ISO text allowed).
        horizon_days : int
            How many days.
        index : ndarray of int
            Which posterior draws, one per path (e.g. drawn at random).
        seed : SeedLike, default None
            The randomness of the continuation beyond the fitted steps.

        Returns
        -------
        rates : ndarray, shape (steps, len(index))
            Each path's daily value in each step that the days touch.
        step_of_day : ndarray of int, shape (horizon_days,)
            The row of ``rates`` that applies on each day.
        """
        first = _as_date("start", start)
        days = positive_int(horizon_days, "horizon_days")
        try:
            last = first + dt.timedelta(days=days - 1)
        except OverflowError:  # beyond 9999-12-31, or a day count beyond a C int
            raise ValueError(
                f"horizon_days={shown(horizon_days)} from {first} runs beyond the last date "
                f"(9999-12-31)"
            ) from None
        rows = self._draw_numbers(index)
        bins, x = self._paths(first, last, generator(seed_record(seed)))
        keep = [m for m, b in enumerate(bins) if b.end >= first and b.start <= last]
        rates = np.exp(x[rows][:, keep]).T
        step_of_day = np.empty(days, dtype=np.intp)
        for j, m in enumerate(keep):
            lo = max((bins[m].start - first).days, 0)
            hi = min((bins[m].end - first).days, days - 1)
            step_of_day[lo : hi + 1] = j
            if self.subject.origin is not None and bins[m].end < self.subject.origin:
                rates[j] = 0.0  # nothing was delivered before the origin
        return np.ascontiguousarray(rates), step_of_day

    def _draw_numbers(self, index: object) -> NDArray[np.intp]:
        """``index`` as posterior draw numbers (integers in ``[0, samples)``), else
        ``ValueError`` naming it."""
        try:
            rows: NDArray[Any] | None = np.asarray(index)
        except (TypeError, ValueError):  # e.g. ragged lists
            rows = None
        if (
            rows is None
            or rows.dtype.kind not in "iu"
            or rows.ndim != 1
            or (rows.size and not 0 <= int(rows.min()) <= int(rows.max()) < self.samples)
        ):
            raise ValueError(
                f"index must be a sequence of posterior draw numbers in [0, {self.samples}), "
                f"got {shown(index)}"
            )
        return rows.astype(np.intp, copy=False)

    def period_draws(
        self, start: dt.date | str | None, end: dt.date | str, *, seed: SeedLike = None
    ) -> Floats:
        """Draw the quantity a report covering ``start`` to ``end`` is about.

        The period's mean (rate, level) or the amount delivered in it (cumulative; ``start``
        defaults to the origin). Before or after the fitted steps the walk continues, so the
        spread grows with the distance; ``seed`` drives that continuation.

        Parameters
        ----------
        start : datetime.date or str or None
            First day of the period (ISO text allowed); ``None`` for a cumulative subject's
            origin.
        end : datetime.date or str
            Last day of the period.
        seed : SeedLike, default None
            The randomness of the continuation beyond the fitted steps.

        Returns
        -------
        ndarray, shape (samples,)
            One draw per posterior draw [unit].
        """
        first, last = self._window(start, end)
        rng = generator(seed_record(seed))
        bins, x = self._paths(first, last, rng)
        w = _weights(first, last, bins, self.subject.kind == "cumulative")
        top = x.max(axis=1, keepdims=True)
        return np.asarray(np.exp(top[:, 0]) * (np.exp(x - top) @ w), dtype=np.float64)

    def _window(self, start: dt.date | str | None, end: dt.date | str) -> tuple[dt.date, dt.date]:
        last = _as_date("end", end)
        if isinstance(end, str) and len(end.strip()) < 10:
            last = Period.parse(end.strip()).end  # a partial end date is its last day
        origin = self.subject.origin
        if start is None:
            if origin is None:
                raise ValueError(
                    f"start is needed for the {self.subject.kind} {self.subject.name!r}"
                )
            first = origin
        else:
            first = _as_date("start", start)
        if origin is not None:
            first = max(first, origin)
        if last < first:
            raise ValueError(f"end ({last}) must not be before start ({first})")
        return first, last

    def predict(
        self,
        start: dt.date | str | None,
        end: dt.date | str,
        *,
        source: str | None = None,
        seed: SeedLike = None,
    ) -> Empirical:
        """What a report covering ``start``..``end`` should say, source noise included.

        Parameters
        ----------
        start, end : date or ISO text
            The period the report covers (a partial ``end`` is its last day); for a
            cumulative subject ``start=None`` means the origin.
        source : str, optional
            A known source (one of `sources`): its learned bias and noise are used. Any
            other source, or ``None``, is a new source: a bias drawn from the spread of
            biases and a noise from the sources' noise distribution.
        seed : int, SeedSequence, Generator or None
            Drives the noise draws (and the walk beyond the fitted steps).

        Returns
        -------
        Empirical
            One draw per posterior draw [unit].
        """
        if source is not None:
            text(source, "source")
        rng = generator(seed_record(seed))
        theta = self.period_draws(start, end, seed=rng)
        n = theta.size
        if source is not None and source in self.sources:
            k = self.sources.index(source)
            log_bias, sd = self._d.b[:, k], np.sqrt(self._d.sig2[:, k])
        else:
            log_bias = rng.standard_normal(n) * np.sqrt(self._d.omega2)
            sd = np.sqrt(self._d.beta / rng.gamma(self.priors.noise_shape, size=n))
        df = self.priors.noise_df
        if math.isfinite(df):
            sd = sd * np.sqrt(df / 2.0 / rng.gamma(df / 2.0, size=n))
        said = theta * np.exp(log_bias + sd * rng.standard_normal(n))
        return Empirical(values=tuple(np.sort(said).tolist()), unit=self.unit)


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as err:
        raise ImportError(
            "to_frame needs pandas, which is not installed; install the frames extra: "
            "pip install 'munitions_model[frames]'"
        ) from err


def _usable(report: Report, subject: Subject) -> str | None:
    """Why a report cannot enter the inference, or ``None``."""
    if report.status is not None:
        return f"its status is {report.status!r}, not a report of the quantity itself"
    if report.period_end is None or (report.period_start is None and subject.origin is None):
        return "no period: neither a period nor a report date places it in time"
    if subject.origin is not None and report.period_end < subject.origin:
        return f"its period ends before the subject's origin ({subject.origin})"
    _, high = report.reading.support
    if not high > 0.0:
        return "its reading is zero, which has no log"
    return None


def infer(
    ledger: Ledger,
    subject: str,
    *,
    seed: SeedLike = None,
    samples: int = 2000,
    warmup: int = 1000,
    freq: Frequency = "month",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    priors: Priors | None = None,
) -> Posterior:
    """A posterior for ``subject`` over time from every report about it in ``ledger``.

    See the module docstring for the model and the sampler.

    Parameters
    ----------
    ledger : Ledger
        The reports (e.g. :func:`munitions_model.bundled_ledger`).
    subject : str
        A subject of the ledger's registry, e.g. ``"russia_fire_rate"``.
    seed : int, SeedSequence, Generator or None
        The randomness; the same seed gives bit-identical draws.
    samples : int
        Posterior draws kept.
    warmup : int
        Draws made and discarded first.
    freq : {"month", "quarter", "year"}
        Length of a step (calendar months, quarters or years).
    start, end : date or ISO text, optional
        Extend the steps to cover these dates (by default they cover the reports' periods).
    priors : Priors, optional
        Prior settings; `Priors()` by default.

    Returns
    -------
    Posterior
        Draws of every step's value, with the sources' biases and noises.

    Raises
    ------
    ValueError
        For an unknown subject, no usable report, or a bad argument (named, with its value).

    See Also
    --------
    munitions_model.ledger.Ledger : The reports.
    Priors : The prior settings.
    munitions_model.backtesting.backtest : Fit before a date, score the reports after it.

    Examples
    --------
    >>> import munitions_model as mm
    >>> post = infer(mm.bundled_ledger(), "russia_fire_rate", seed=1, samples=300, warmup=300)
    >>> post.periods[0].start.isoformat()
    '2022-01-01'
    """
    ledger = instance(ledger, Ledger, "ledger")
    if text(subject, "subject") not in ledger.subjects:
        raise ValueError(f"unknown subject {subject!r}; known subjects: {sorted(ledger.subjects)}")
    if not isinstance(freq, str) or freq not in _MONTHS:
        raise ValueError(f"freq must be one of {sorted(_MONTHS)}, got {shown(freq)}")
    samples = draw_count(samples, "samples")
    warmup = draw_count(warmup, "warmup", minimum=0)
    if priors is not None:
        instance(priors, Priors, "priors")
    info = ledger.subjects[subject]
    used: list[Report] = []
    skipped: list[tuple[int, str]] = []
    for r in ledger.reports:
        if r.subject != subject:
            continue
        why = _usable(r, info)
        if why is None:
            used.append(r)
        else:
            skipped.append((r.row, why))
    if not used:
        raise ValueError(f"no usable report about {subject!r} in the ledger")
    firsts = [_start(r, info) for r in used]
    lasts = [_end(r) for r in used]
    if info.origin is not None:
        firsts.append(info.origin)
    if start is not None:
        firsts.append(_as_date("start", start))
    if end is not None:
        lasts.append(_as_date("end", end))
    months = _MONTHS[freq]
    bins = _bins(min(firsts), max(lasts), months)
    problem = _Problem(used, info, bins, months)
    recorded = seed_record(seed)
    rng = generator(recorded)
    settings = Priors() if priors is None else priors
    draws = _run(problem, settings, rng, samples, warmup)
    return Posterior(problem, draws, used=used, skipped=skipped, seed=recorded, priors=settings)
