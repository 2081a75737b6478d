"""Small-sample statistics shared by the analyses (vectorised over groups)."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

# The standard library is enough here: scipy.stats alone takes ~1 s to import in
# every report kernel.
Z95 = NormalDist().inv_cdf(0.975)


def wilson_interval(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rate and Wilson score interval, elementwise. NaN where ``trials`` is 0.

    The Wilson interval stays inside [0, 1] and behaves at 0 of n and n of n,
    where the textbook normal interval collapses to a point."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n > 0, k / n, np.nan)
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    # Floating point can leave 0/n a hair above zero; the exact bound is 0 (and 1 for n/n).
    low = np.where((k == 0) & (n > 0), 0.0, low)
    high = np.where((k == n) & (n > 0), 1.0, high)
    return p, low, high


def beta_draws(successes, trials, size: int, rng: np.random.Generator) -> np.ndarray:
    """Posterior draws of a rate under a uniform Beta(1, 1) prior.

    Shape ``(size, len(successes))``: one column per group, drawn in one call."""
    k = np.atleast_1d(np.asarray(successes, dtype=float))
    n = np.atleast_1d(np.asarray(trials, dtype=float))
    return rng.beta(k + 1.0, n - k + 1.0, size=(size, k.size))


def prob_greater(k_a, n_a, k_b, n_b, draws: int = 200_000, seed: int = 0) -> float:
    """P(rate A > rate B) for two Beta-Binomial posteriors with uniform priors,
    estimated from ``draws`` paired samples (standard error below 0.0012)."""
    rng = np.random.default_rng(seed)
    a = rng.beta(k_a + 1.0, n_a - k_a + 1.0, size=draws)
    b = rng.beta(k_b + 1.0, n_b - k_b + 1.0, size=draws)
    return float(np.mean(a > b))


def prob_at_least(k: int, n, p) -> np.ndarray:
    """P(X >= k) for X ~ Binomial(n, p), elementwise over broadcast ``n`` and ``p``.

    Sums the k lowest terms with the ratio recurrence P(j+1) = P(j) (n-j)/(j+1) p/(1-p);
    k is a small count (offers wanted), so the loop runs a handful of times."""
    n = np.asarray(n, dtype=float)
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        term = np.exp(n * np.log1p(-p))  # P(X = 0)
        ratio = p / (1.0 - p)
        below = np.zeros(np.broadcast(n, p).shape)
        for j in range(k):
            below = below + term
            term = term * np.maximum(n - j, 0.0) / (j + 1) * ratio
        at_least = np.clip(1.0 - below, 0.0, 1.0)
    return np.where(p >= 1.0, (n >= k).astype(float), at_least)
