"""How fast is the offers simulation? Prints figures and ratios, asserts nothing.

Each figure is the best of three runs:

1. ``offers.simulate`` of one offer with a bonus and equity, 100,000 draws x 4 years,
   against a plain Python loop over draws (2,000 draws, scaled up; same random numbers,
   results checked equal) and against the floor of drawing the same random arrays;
2. ``offers.keep_searching`` on the sample applications log (20,000 posterior draws,
   in-flight applications included) against the floor of ``funnel.summary`` on the
   same log, which it needs anyway.

Run: ``python benchmarks/bench_offers.py``
"""

from __future__ import annotations

import numpy as np
from timing import best_of  # benchmarks/timing.py (this folder is on sys.path when run as a script)

from careerlib import load_applications, offers
from careerlib.funnel import summary

DRAWS = 100_000
LOOP_DRAWS = 2_000
YEARS = 4
SEED = 1
OFFER = offers.Offer(
    company="benchmark",
    role="analyst",
    base=90_000,
    bonus_share=0.15,
    bonus_probability=0.7,
    sign_on=10_000,
    clawback_months=12,
    equity_grant=60_000,
    equity_refresh=10_000,
    equity_volatility=0.4,
    retirement_match=0.04,
)


def python_loop(offer: offers.Offer, n: int, seed: int) -> np.ndarray:
    """The simulation written the plain way: one future at a time, one year at a time."""
    rng = np.random.default_rng(seed)  # same draws, same order as offers.simulate
    paid = (rng.random((n, YEARS)) < offer.bonus_probability).tolist()
    shocks = rng.standard_normal((n, YEARS)).tolist()
    parts = {k: v.tolist() for k, v in offers.model.components(offer, YEARS).items()}
    sigma = offer.equity_volatility
    out = np.empty(n)
    for i in range(n):
        total, log_price = 0.0, 0.0
        for year in range(YEARS):
            log_price += shocks[i][year] * sigma - 0.5 * sigma**2
            fixed = sum(parts[c][year] for c in offers.COMPONENTS if c not in ("bonus", "equity"))
            bonus = parts["bonus"][year] / offer.bonus_probability if paid[i][year] else 0.0
            equity = parts["equity"][year] * float(np.exp(log_price))
            total += (fixed + bonus + equity) / 1.04**year
        out[i] = total
    return out


def floor() -> None:
    rng = np.random.default_rng(SEED)
    rng.random((DRAWS, YEARS))
    rng.standard_normal((DRAWS, YEARS))


def main() -> None:
    difference = float(
        np.max(
            np.abs(offers.simulate(OFFER, YEARS, draws=LOOP_DRAWS, seed=SEED) - python_loop(OFFER, LOOP_DRAWS, SEED))
        )
    )
    simulate_s = best_of(3, lambda: offers.simulate(OFFER, YEARS, draws=DRAWS, seed=SEED))
    loop_s = best_of(3, lambda: python_loop(OFFER, LOOP_DRAWS, SEED)) * DRAWS / LOOP_DRAWS
    floor_s = best_of(3, floor)

    apps = load_applications("data/sample/applications.csv")
    search_s = best_of(
        3,
        lambda: offers.keep_searching(
            apps, "2026-10-24", as_of="2026-10-17", offer_values=[100_000, 95_000], current_pay=0
        ),
    )
    summary_s = best_of(3, lambda: summary(apps, as_of="2026-10-17"))

    print(f"offers simulation: {DRAWS:,} draws x {YEARS} years (best of 3)")
    print(f"  loop and simulate agree on {LOOP_DRAWS:,} draws: max difference ${difference:.2e}")
    print(f"  1. offers.simulate wall time     {simulate_s:8.3f} s")
    print(f"     vs plain Python loop          {loop_s / simulate_s:8.0f} x faster   (loop: {loop_s:.1f} s, scaled)")
    print(f"     vs floor (the random arrays)  {simulate_s / floor_s:8.2f} x          (floor: {floor_s:.3f} s)")
    print(f"  2. keep_searching on the sample  {search_s:8.3f} s")
    print(f"     vs one funnel.summary         {search_s / summary_s:8.1f} x          (floor: {summary_s:.3f} s)")
    if difference > 1e-6:
        print("  WARNING: the loop and offers.simulate disagree; the timings compare different models")


if __name__ == "__main__":
    main()
