"""A reference sampler for `infer`'s posterior: plain random-walk Metropolis (private).

It targets the same posterior as the Gibbs sampler in :mod:`munitions_model.inference`,
written out directly with what each source meant (``u``) summed out over the reading's
cells, in the unconstrained parameters ``(x, b, log sigma^2, log beta, log tau^2,
log omega^2)`` (with their Jacobians). It shares nothing with the Gibbs sampler but the
problem's layout (weights, cells, source of each report) and the prior settings, so the two
agreeing is evidence that the Gibbs steps (the discrete ``u`` step, the linearised
Metropolis-Hastings path step with its reverse proposal, the conjugate updates) are right.

Several chains run side by side, vectorised; the proposal covariance is adapted during
warm-up from the chains' pooled history (Haario, Saksman & Tamminen 2001, scale
``2.38^2 / d``) and then fixed, so the kept draws come from a plain Metropolis chain.
Slow by design (``d`` + a few dimensions, acceptance about a quarter): used by the tests
and ``benchmarks/inference.py`` on small cases.
"""

from __future__ import annotations

import math

import numpy as np

from munitions_model.inference import (
    _LEVEL_SD,
    Floats,
    Priors,
    _ig_scale,
    _Problem,
)


class _LogPosterior:
    """Log posterior density of a batch of parameter vectors, up to a constant."""

    def __init__(self, problem: _Problem, priors: Priors) -> None:
        self.p = problem
        _, self.m, self.s = problem.shape
        self.a_sig = priors.noise_shape
        self.df = priors.noise_df
        self.k_beta = priors.noise_scale_shape
        self.r_beta = priors.noise_scale_shape / _ig_scale(priors.noise_median, priors.noise_shape)
        self.a_tau = priors.step_shape
        self.b_tau = _ig_scale(priors.step_median, priors.step_shape) * problem.months
        self.a_om = priors.bias_shape
        self.b_om = _ig_scale(priors.bias_median, priors.bias_shape)
        self.dim = self.m + 2 * self.s + 3

    def split(self, theta: Floats) -> tuple[Floats, ...]:
        m, s = self.m, self.s
        x = theta[:, :m]
        b = theta[:, m : m + s]
        log_sig2 = theta[:, m + s : m + 2 * s]
        log_beta, log_tau2, log_om2 = (theta[:, m + 2 * s + k] for k in range(3))
        return x, b, log_sig2, log_beta, log_tau2, log_om2

    def __call__(self, theta: Floats) -> Floats:
        x, b, log_sig2, log_beta, log_tau2, log_om2 = self.split(theta)
        sig2, beta, tau2, om2 = (
            np.exp(log_sig2),
            np.exp(log_beta),
            np.exp(log_tau2),
            np.exp(log_om2),
        )
        top = x.max(axis=1, keepdims=True)
        g = np.log(np.exp(x - top) @ self.p.weights.T) + top  # (chains, reports)
        centre = g + b[:, self.p.source_of]
        sd2 = sig2[:, self.p.source_of]
        r2 = (self.p.centres[None] - centre[..., None]) ** 2 / sd2[..., None]
        if math.isfinite(self.df):  # Student t noise, its variance factor summed out
            kernel = -0.5 * (self.df + 1.0) * np.log1p(r2 / self.df)
        else:
            kernel = -0.5 * r2
        z = self.p.log_mass[None] + kernel
        top_z = z.max(axis=2, keepdims=True)
        like = np.log(np.exp(z - top_z).sum(axis=2)) + top_z[..., 0] - 0.5 * np.log(sd2)
        steps = np.diff(x, axis=1)
        out = like.sum(axis=1)
        out -= 0.5 * (steps**2).sum(axis=1) / tau2 + 0.5 * (self.m - 1) * log_tau2
        out -= 0.5 * (x[:, 0] - self.p.level) ** 2 / _LEVEL_SD**2
        out -= 0.5 * (b**2).sum(axis=1) / om2 + 0.5 * self.s * log_om2
        # inverse-gamma priors on the variances (and the Jacobian of their logs)
        out += (self.a_sig * log_beta[:, None] - self.a_sig * log_sig2 - beta[:, None] / sig2).sum(
            axis=1
        )
        out += self.k_beta * log_beta - self.r_beta * beta
        out += -self.a_tau * log_tau2 - self.b_tau / tau2
        out += -self.a_om * log_om2 - self.b_om / om2
        return np.asarray(out, dtype=np.float64)


def reference_draws(
    problem: _Problem,
    priors: Priors,
    *,
    seed: int,
    chains: int = 8,
    warmup: int = 20_000,
    samples: int = 40_000,
    thin: int = 10,
    start: Floats | None = None,
    cov: Floats | None = None,
) -> dict[str, Floats]:
    """Draws of ``x``, ``b``, ``sigma^2``, ``tau^2`` by random-walk Metropolis.

    ``start`` (one row per chain, in the unconstrained parameters of `_LogPosterior`) and
    ``cov`` (the first proposal covariance) default to the prior's centre and ``0.01 I``;
    a long problem (dozens of steps) needs a better start to converge in a feasible run
    (``benchmarks/inference.py --reference`` starts the bundled case from dispersed draws).

    Returns arrays with one row per kept draw (chains pooled): ``x`` (steps), ``b`` and
    ``sig2`` (sources), ``tau2`` and ``omega2``; and ``acceptance``.
    """
    rng = np.random.default_rng(seed)
    target = _LogPosterior(problem, priors)
    d = target.dim
    theta = np.zeros((chains, d))
    theta[:, : target.m] = problem.level
    theta[:, target.m + target.s : target.m + 2 * target.s] = math.log(priors.noise_median**2)
    theta[:, -3] = math.log(_ig_scale(priors.noise_median, priors.noise_shape))
    theta[:, -2] = math.log(priors.step_median**2 * problem.months)
    theta[:, -1] = math.log(priors.bias_median**2)
    theta += 0.01 * rng.standard_normal(theta.shape)
    if start is not None:
        theta = np.array(start, dtype=np.float64).reshape(chains, d)
    logp = target(theta)
    cov = np.eye(d) * 0.01 if cov is None else np.asarray(cov, dtype=np.float64)
    history: list[Floats] = []
    kept: list[Floats] = []
    accepted = 0
    for i in range(warmup + samples):
        if i < warmup and i >= 2000 and i % 1000 == 0:
            pooled = np.concatenate(history[len(history) // 2 :])
            cov = np.cov(pooled.T) * 2.38**2 / d + 1e-10 * np.eye(d)
        chol = np.linalg.cholesky(cov)
        prop = theta + rng.standard_normal((chains, d)) @ chol.T
        logq = target(prop)
        accept = np.log(rng.random(chains)) < logq - logp
        theta = np.where(accept[:, None], prop, theta)
        logp = np.where(accept, logq, logp)
        if i < warmup:
            if i % 10 == 0:
                history.append(theta.copy())
        else:
            accepted += int(accept.sum())
            if (i - warmup) % thin == 0:
                kept.append(theta.copy())
    draws = np.concatenate(kept)
    x, b, log_sig2, _, log_tau2, log_om2 = target.split(draws)
    return {
        "x": x,
        "b": b,
        "sig2": np.exp(log_sig2),
        "tau2": np.exp(log_tau2),
        "omega2": np.exp(log_om2),
        "acceptance": np.array([accepted / (samples * chains)]),
    }
