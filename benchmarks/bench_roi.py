"""How fast is the education-ROI Monte Carlo? Prints figures and ratios, asserts nothing.

Three figures, each the best of three runs:

1. wall seconds of ``roi.simulate`` with 100,000 draws over a 45-year horizon
   (target: under 1 s on a 2-core machine);
2. how many times faster it is than a plain Python loop over draws (2,000 draws,
   scaled up to 100,000; target: at least 50x);
3. how many times slower it is than the floor of drawing one 100,000 x 45 normal
   array and taking one cumulative product over it (target: at most 8x);
4. peak memory of ``roi.simulate`` at the largest number of draws the report allows
   (``simulation.max_draws`` in data/roi/settings.yaml), as a multiple of the floor: the
   array of NPVs it returns (target: at most 12x, and well under 1 GiB).

The loop uses the same random numbers as ``simulate`` and its NPVs are checked
against it, so the comparison is between two implementations of one model.

Run: ``python benchmarks/bench_roi.py``
"""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
from timing import best_of  # benchmarks/timing.py (this folder is on sys.path when run as a script)

from careerlib import roi

DRAWS = 100_000
LOOP_DRAWS = 2_000
YEARS = 45
SEED = 1
OPTION = roi.Option(
    name="benchmark MBA",
    cost_per_year=50_000,
    years=2,
    current_salary=70_000,
    salary_after=0.3,
    completion_probability=0.85,
    delay_years=0.5,
    loan_principal=60_000,
    age=20,
    retirement_age=20 + YEARS,
)


def python_loop(option: roi.Option, n: int, seed: int) -> np.ndarray:
    """The model written the plain way: one draw at a time, one year at a time."""
    rng = np.random.default_rng(seed)  # same draws, same order as roi.simulate
    multipliers = 1 + option.premium_sd * rng.standard_normal((n, 1))[:, 0]
    growths = np.maximum(option.salary_after_growth + option.growth_sd * rng.standard_normal((n, 1))[:, 0], -0.99)
    delays = rng.exponential(option.delay_years, (n, 1))[:, 0]
    finished = rng.random(n) < option.completion_probability
    # Plain Python floats from here: numpy scalars would make the loop look slower than it is.
    multipliers, growths, delays, finished = (x.tolist() for x in (multipliers, growths, delays, finished))
    flows = roi.cash_flows(option)
    paid_back = (flows["loan_received"] - flows["loan_payments"]).tolist()
    start = option.uplift_year
    cost = option.cost_paid_per_year
    out = np.empty(n)
    for i in range(n):
        length = option.years if finished[i] else option.years * option.dropout_share
        total = 0.0
        for t in range(option.horizon):
            without = option.current_salary * (1 + option.salary_growth) ** t
            studying = min(max(length - t, 0.0), 1.0)
            pay = without * (1 - option.hours_given_up * studying)
            if finished[i] and t >= start:
                pay_then = option.current_salary * (1 + option.salary_growth) ** start
                uplift = pay_then * option.salary_after * multipliers[i]
                with_pay = (pay_then + uplift) * (1 + growths[i]) ** (t - start)
                in_role = min(max(t + 1 - start - delays[i], 0.0), 1.0)
                searching_pay = option.searching_pay_share * without  # while looking for the new role
                pay = in_role * with_pay + (1 - in_role) * searching_pay
            net = (pay - without) * (1 - option.tax_rate) - cost * studying + paid_back[t]
            total += net / (1 + option.discount_rate) ** t
        out[i] = total
    return out


def floor() -> None:
    """The least any vectorised simulation of this size can cost."""
    draws = np.random.default_rng(SEED).standard_normal((DRAWS, YEARS))
    np.cumprod(draws, axis=1)


def peak_memory(n: int) -> int:
    """Peak bytes numpy allocates during one simulation of ``n`` draws (tracemalloc sees numpy)."""
    tracemalloc.start()
    roi.simulate(OPTION, n=n, seed=SEED)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def main() -> None:
    vectorised = roi.simulate(OPTION, n=LOOP_DRAWS, seed=SEED).npv
    looped = python_loop(OPTION, LOOP_DRAWS, SEED)
    difference = float(np.max(np.abs(vectorised - looped)))

    simulate_s = best_of(3, lambda: roi.simulate(OPTION, n=DRAWS, seed=SEED))
    loop_s = best_of(3, lambda: python_loop(OPTION, LOOP_DRAWS, SEED)) * DRAWS / LOOP_DRAWS
    floor_s = best_of(3, floor)
    speedup = loop_s / simulate_s
    over_floor = simulate_s / floor_s

    print(f"education ROI Monte Carlo: {DRAWS:,} draws x {OPTION.horizon} years (best of 3)")
    print(f"  loop and simulate agree on {LOOP_DRAWS:,} draws: max NPV difference ${difference:.2e}")
    print(f"  1. roi.simulate wall time      {simulate_s:8.3f} s      target < 1 s      {verdict(simulate_s < 1)}")
    print(
        f"  2. vs plain Python loop        {speedup:8.0f} x      target >= 50 x    {verdict(speedup >= 50)}"
        f"   (loop: {loop_s:.1f} s for {DRAWS:,}, scaled from {LOOP_DRAWS:,})"
    )
    print(
        f"  3. vs floor (normal + cumprod) {over_floor:8.2f} x      target <= 8 x     {verdict(over_floor <= 8)}"
        f"   (floor: {floor_s:.3f} s)"
    )
    most = roi.load_settings()["simulation"]["max_draws"]
    peak = peak_memory(most)
    over_result = peak / (most * 8)
    print(
        f"  4. peak memory at {most:,} draws {over_result:8.2f} x      target <= 12 x    {verdict(over_result <= 12)}"
        f"   ({peak / 2**20:.0f} MiB; floor: the {most * 8 / 2**20:.0f} MiB of NPVs returned)"
    )
    if not math.isfinite(difference) or difference > 1e-3:
        print("  WARNING: the loop and roi.simulate disagree; the timings compare different models")


if __name__ == "__main__":
    main()
