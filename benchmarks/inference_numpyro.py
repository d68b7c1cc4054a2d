"""infer's Gibbs sampler against numpyro's NUTS on the same posterior (the bundled
fire-rate record).

Run from the repository root, with the ``nuts`` extra (numpyro and jax; not needed by the
library)::

    pip install -e ".[nuts]"
    python benchmarks/inference_numpyro.py

The posterior is the one of :mod:`munitions_model._reference` (what each source meant summed
out over its reading's cells, the Student t noise in closed form, every scale on the log
scale with its Jacobian), written again in ``jax.numpy`` and sampled by NUTS through
``potential_fn``, from the reference sampler's start (the prior's centre). It prints each
sampler's wall time (NUTS twice: the first run includes jax's compilation), the smallest
effective sample size over the months, and the largest difference of the months' 5%, 50%
and 95% quantiles in posterior sd.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

try:
    import jax
    import jax.numpy as jnp
    from numpyro.infer import MCMC, NUTS
except ImportError:  # pragma: no cover - an optional comparison
    raise SystemExit('numpyro is not installed: pip install -e ".[nuts]"') from None

from inference import ess  # noqa: E402

import munitions_model as mm  # noqa: E402
from munitions_model.inference import _LEVEL_SD, _ig_scale, infer  # noqa: E402

jax.config.update("jax_enable_x64", True)


def log_posterior(post: mm.Posterior):  # type: ignore[no-untyped-def]
    """The reference sampler's log posterior in jax, and its start."""
    p, pr = post._p, post.priors
    _, m, s = p.shape
    weights, centres = jnp.asarray(p.weights), jnp.asarray(p.centres)
    log_mass, source_of = jnp.asarray(p.log_mass), jnp.asarray(p.source_of)
    df = pr.noise_df
    r_beta = pr.noise_scale_shape / _ig_scale(pr.noise_median, pr.noise_shape)
    b_tau = _ig_scale(pr.step_median, pr.step_shape) * p.months
    b_om = _ig_scale(pr.bias_median, pr.bias_shape)

    def logp(th):  # type: ignore[no-untyped-def]
        x, b, ls = th[:m], th[m : m + s], th[m + s : m + 2 * s]
        lbeta, ltau, lom = th[m + 2 * s], th[m + 2 * s + 1], th[m + 2 * s + 2]
        sig2, beta, tau2, om2 = jnp.exp(ls), jnp.exp(lbeta), jnp.exp(ltau), jnp.exp(lom)
        top = x.max()
        g = jnp.log(weights @ jnp.exp(x - top)) + top
        sd2 = sig2[source_of]
        r2 = (centres - (g + b[source_of])[:, None]) ** 2 / sd2[:, None]
        kernel = -0.5 * (df + 1.0) * jnp.log1p(r2 / df)
        like = jax.scipy.special.logsumexp(log_mass + kernel, axis=1) - 0.5 * jnp.log(sd2)
        steps = jnp.diff(x)
        out = like.sum()
        out -= 0.5 * (steps**2).sum() / tau2 + 0.5 * (m - 1) * ltau
        out -= 0.5 * (x[0] - p.level) ** 2 / _LEVEL_SD**2
        out -= 0.5 * (b**2).sum() / om2 + 0.5 * s * lom
        out += (pr.noise_shape * lbeta - pr.noise_shape * ls - beta / sig2).sum()
        out += pr.noise_scale_shape * lbeta - r_beta * beta
        out += -pr.step_shape * ltau - b_tau / tau2
        out += -pr.bias_shape * lom - b_om / om2
        return out

    start = np.concatenate(
        [
            np.full(m, p.level),
            np.zeros(s),
            np.full(s, math.log(pr.noise_median**2)),
            [
                math.log(_ig_scale(pr.noise_median, pr.noise_shape)),
                math.log(pr.step_median**2 * p.months),
                math.log(pr.bias_median**2),
            ],
        ]
    )
    return logp, jnp.asarray(start)


def main() -> None:
    ledger = mm.bundled_ledger()
    t0 = time.perf_counter()
    post = infer(ledger, "russia_fire_rate", seed=1)
    t_gibbs = time.perf_counter() - t0
    gx = np.log(post.rate_draws)
    months = gx.shape[1]
    logp, start = log_posterior(post)
    mcmc = MCMC(
        NUTS(potential_fn=lambda th: -logp(th)),
        num_warmup=1000,
        num_samples=2000,
        progress_bar=False,
    )
    times = []
    for key in (0, 1):
        t0 = time.perf_counter()
        mcmc.run(jax.random.PRNGKey(key), init_params=start)
        times.append(time.perf_counter() - t0)
    nx = np.asarray(mcmc.get_samples())[:, :months]
    print(f"bundled fire-rate record: {months} months, {len(post.used)} reports")
    print("| sampler | draws | time | min ESS over months |")
    print("|---|---|---|---|")
    print(
        f"| Gibbs (infer) | 1,000 + 2,000 | {t_gibbs:.1f} s | "
        f"{min(ess(gx[:, k]) for k in range(months)):.0f} |"
    )
    print(
        f"| numpyro NUTS | 1,000 + 2,000 | {times[1]:.1f} s (first run, with jax's "
        f"compilation: {times[0]:.1f} s) | {min(ess(nx[:, k]) for k in range(months)):.0f} |"
    )
    sd = gx.std(axis=0)
    diffs = [
        float(np.max(np.abs(np.quantile(gx, q, axis=0) - np.quantile(nx, q, axis=0)) / sd))
        for q in (0.05, 0.5, 0.95)
    ]
    print(
        "largest difference of a month's 5%, 50%, 95% quantiles, Gibbs vs NUTS, in posterior "
        f"sd: {diffs[0]:.2f}, {diffs[1]:.2f}, {diffs[2]:.2f}"
    )


if __name__ == "__main__":
    main()
