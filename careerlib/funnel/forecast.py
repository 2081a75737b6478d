"""Offer forecasts: how many more applications give an offer, with the rate's
uncertainty carried through (Beta posteriors per stage, multiplied)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.funnel.model import DRAWS, OFFER, summary
from careerlib.stats import beta_draws, prob_at_least


@dataclass(frozen=True)
class OfferForecast:
    """How many more applications give ``offers`` offers with probability ``confidence``."""

    applications_needed: int | None
    reason: str
    offers: int
    confidence: float
    rate: float | None  # end-to-end offer rate per application (point estimate)
    rate_low: float | None  # 95 % posterior interval of that rate
    rate_high: float | None


def offer_forecast(
    apps: pd.DataFrame, offers: int = 1, confidence: float = 0.9, as_of=None, seed: int = 0, limit: int = 10_000_000
) -> OfferForecast:
    """The rate's uncertainty is carried through: the end-to-end rate is the product
    of the stage rates, each drawn from its Beta posterior (uniform prior), and the
    answer is the smallest n with P(at least ``offers`` offers in n) >= ``confidence``
    averaged over those draws. Applications in flight are not counted on: the
    number is what to send from here if none of them comes through."""
    if offers < 1 or not 0 < confidence < 1:
        raise ValueError("offers must be at least 1 and confidence strictly between 0 and 1")
    steps = summary(apps, as_of=as_of).iloc[1 : OFFER + 1]
    keep = dict(offers=offers, confidence=confidence)
    if steps["reached"].iloc[-1] == 0:
        return OfferForecast(
            None,
            "no offer yet, so there is no observed offer rate to project from",
            rate=None,
            rate_low=None,
            rate_high=None,
            **keep,
        )
    draws = beta_draws(steps["reached"], steps["decided"], DRAWS, np.random.default_rng(seed)).prod(axis=1)
    point = float(steps["rate"].prod())
    low, high = (float(x) for x in np.quantile(draws, [0.025, 0.975]))

    def chance(n: int) -> float:
        return float(prob_at_least(offers, n, draws).mean())

    upper = 1
    while chance(upper) < confidence:
        upper *= 2
        if upper > limit:
            return OfferForecast(
                None,
                f"more than {limit:,} applications at the current rates",
                rate=point,
                rate_low=low,
                rate_high=high,
                **keep,
            )
    lower = upper // 2  # chance(lower) < confidence <= chance(upper)
    while upper - lower > 1:
        middle = (lower + upper) // 2
        lower, upper = (lower, middle) if chance(middle) >= confidence else (middle, upper)
    reason = (
        f"{upper} applications give at least {offers} offer(s) with {confidence:.0%} probability "
        f"at an offer rate of {point:.1%} per application (95 % interval {low:.1%}-{high:.1%})"
    )
    return OfferForecast(upper, reason, rate=point, rate_low=low, rate_high=high, **keep)


def applications_needed(apps: pd.DataFrame, offers: int = 1, confidence: float = 0.9, as_of=None) -> int | None:
    """How many more applications give at least ``offers`` offers with probability
    ``confidence``; ``None`` when no offer has been observed yet (the reason is in
    :func:`offer_forecast`)."""
    return offer_forecast(apps, offers=offers, confidence=confidence, as_of=as_of).applications_needed


def offer_chances(
    apps: pd.DataFrame,
    max_applications: int | None = None,
    offers: int = 1,
    as_of=None,
    seed: int = 0,
    points: int = 60,
) -> pd.DataFrame:
    """P(at least ``offers`` offers) after n more applications, for a grid of n, with
    the rate's uncertainty carried through as in :func:`offer_forecast`:
    ``applications, probability``. Empty when no offer has been seen yet."""
    steps = summary(apps, as_of=as_of).iloc[1 : OFFER + 1]
    if steps["reached"].iloc[-1] == 0:
        return pd.DataFrame({"applications": pd.Series(dtype=np.int64), "probability": pd.Series(dtype=float)})
    draws = beta_draws(steps["reached"], steps["decided"], DRAWS, np.random.default_rng(seed)).prod(axis=1)
    if max_applications is None:
        needed = offer_forecast(apps, offers=offers, confidence=0.95, as_of=as_of, seed=seed).applications_needed
        max_applications = max(10, int((needed or 100) * 1.5))
    grid = np.unique(np.linspace(0, max_applications, points).round().astype(np.int64))
    probability = prob_at_least(offers, grid[:, None], draws[None, :]).mean(axis=1)
    return pd.DataFrame({"applications": grid, "probability": probability})
