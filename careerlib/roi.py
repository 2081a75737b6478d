"""Education ROI: is a degree or certificate worth it, against staying as you are?

One :class:`Option` describes a programme and the person taking it. Everything
is compared with the same person not studying, so each year has one number: the
*net difference* the programme makes to their cash that year.

The model, year by year
-----------------------
* One net flow per year of age, from the first year of study (year 0) to the last
  working year before ``retirement_age``. Year 0 is not discounted, so
  ``npv == numpy_financial.npv(discount_rate, flows)`` on the same vector.
* Without the programme, pay grows at ``salary_growth`` from ``current_salary``.
* While studying, a full-time student earns nothing; a part-time student gives
  up ``part_time_fraction`` of their pay. A programme of 1.5 years takes all of
  year 0 and half of year 1.
* The better pay starts the year after the programme ends (year ``ceil(years)``),
  ``delay_years`` later still if landing the new role takes time, and then grows
  at ``salary_after_growth``. ``salary_after`` is that first salary, or, with
  ``salary_after_is_premium``, a premium over the pay you would have had then
  (0.2 = +20 %).
* Pay differences are taxed at ``tax_rate``; tuition is paid from taxed income
  (no deduction), less the employer's ``sponsorship``.
* A loan is drawn in full in year 0 and repaid in level yearly instalments from
  the year the programme ends, for ``loan_term`` years, priced so that it is
  fair at ``loan_rate`` (discounting at the loan rate, the loan changes nothing).
* Amounts are in today's money; use a real discount rate to match.

Not finishing
-------------
``completion_probability`` is treated as an expected value: a non-completer
drops out after the first year (or at the end, for programmes of a year or
less), pays the cost and lost pay of that year, gets no uplift, and still repays
the loan. :func:`evaluate` reports the probability-weighted flows;
:func:`simulate` draws completion per simulated future (Bernoulli).
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import numbers
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.io import LINE, fail_first, parse_numbers, read_csv_table, read_text, read_yaml, resolve_path
from careerlib.text import money, percent

BLS_PATH = "data/reference/bls_education_pays.csv"
EXECUTIVE_PATH = "data/reference/executive_education.csv"
WEEKS_PER_YEAR = 52  # BLS publishes usual weekly earnings; a year of them is 52 weeks
FORTUNE_500 = 500  # CEOs in the analysis the seed article quotes

DRAWS = 20_000  # default simulated futures per option: stable percentiles, and a report that runs in seconds
DROPOUT_YEARS = 1.0  # a non-completer studies this long (at most the whole programme)


# --------------------------------------------------------------------------- the option
@dataclass(frozen=True)
class Option:
    """One programme for one person, against not taking it. Amounts per year, in
    today's money; rates as fractions (0.04 = 4 %). See the module docstring for
    how each input enters the flows."""

    name: str = "programme"
    # the programme
    cost_per_year: float = 20_000.0  # tuition, fees, books: paid per year of study
    years: float = 2.0  # length of the programme; fractions allowed (1.5 = a year and a half)
    full_time: bool = True  # full-time students earn nothing while studying
    part_time_fraction: float = 0.0  # part-time: share of pay given up while studying
    sponsorship: float = 0.0  # employer-paid: a share of the cost when <= 1, else an amount per year of study
    completion_probability: float = 1.0  # chance of finishing
    # pay
    current_salary: float = 60_000.0  # pay now, before tax
    salary_growth: float = 0.02  # yearly growth of pay without the programme
    salary_after: float = 0.15  # first salary after it: an amount, or a premium (see next)
    salary_after_is_premium: bool = True  # True: salary_after is a premium over the pay you would have had
    salary_after_growth: float = 0.02  # yearly growth of pay with the programme
    delay_years: float = 0.0  # time after finishing before the better-paid role starts
    # money
    tax_rate: float = 0.25  # marginal tax on the pay difference
    discount_rate: float = 0.04  # yearly, real: what money now is worth against money later
    loan_principal: float = 0.0  # borrowed in year 0
    loan_rate: float = 0.06  # yearly interest on the loan
    loan_term: int = 10  # years of repayment, from the year the programme ends
    # the person
    age: float = 30.0  # at the start of the programme
    retirement_age: float = 65.0  # first year of age not worked
    # uncertainty, for simulate()
    premium_sd: float = 0.5  # standard deviation of the uplift, as a share of the stated uplift
    growth_sd: float = 0.01  # standard deviation of salary_after_growth (in rate units)

    def __post_init__(self) -> None:
        validate(self)

    # Derived quantities the flows need, named so the formulas read like the docstring.
    @property
    def horizon(self) -> int:
        """Number of yearly flows: study years plus working years before retirement."""
        return int(math.floor(self.retirement_age - self.age + 1e-9))

    @property
    def uplift_year(self) -> int:
        """The first year after the programme: the premium can start then."""
        return int(math.ceil(self.years - 1e-9))

    @property
    def hours_given_up(self) -> float:
        """Share of pay given up while studying."""
        return 1.0 if self.full_time else self.part_time_fraction

    @property
    def cost_paid_per_year(self) -> float:
        """Cost per year of study after the employer's share."""
        if self.sponsorship <= 1:
            return self.cost_per_year * (1 - self.sponsorship)
        return max(self.cost_per_year - self.sponsorship, 0.0)


PARAMETERS = tuple(f.name for f in dataclasses.fields(Option))
_BOOLS = {"full_time", "salary_after_is_premium"}
_TEXT = {"name"}
_NUMBERS = tuple(p for p in PARAMETERS if p not in _BOOLS | _TEXT)

# parameter -> (test, what the value must be). Each test gets the option.
_RULES: dict[str, tuple[Any, str]] = {
    "cost_per_year": (lambda o: o.cost_per_year >= 0, "must not be negative"),
    "years": (lambda o: o.years > 0, "must be more than 0 years"),
    "part_time_fraction": (lambda o: 0 <= o.part_time_fraction <= 1, "must be between 0 and 1"),
    "sponsorship": (lambda o: o.sponsorship >= 0, "must not be negative"),
    "completion_probability": (lambda o: 0 <= o.completion_probability <= 1, "must be between 0 and 1"),
    "current_salary": (lambda o: o.current_salary >= 0, "must not be negative"),
    "salary_growth": (lambda o: o.salary_growth > -1, "must be more than -100 %"),
    "salary_after": (
        lambda o: o.salary_after > -1 if o.salary_after_is_premium else o.salary_after >= 0,
        "must not be negative (as a premium: more than -100 %)",
    ),
    "salary_after_growth": (lambda o: o.salary_after_growth > -1, "must be more than -100 %"),
    "delay_years": (lambda o: o.delay_years >= 0, "must not be negative"),
    "tax_rate": (lambda o: 0 <= o.tax_rate < 1, "must be at least 0 and below 1"),
    "discount_rate": (lambda o: o.discount_rate > -1, "must be more than -100 %"),
    "loan_principal": (lambda o: o.loan_principal >= 0, "must not be negative"),
    "loan_rate": (lambda o: o.loan_rate > -1, "must be more than -100 %"),
    "loan_term": (lambda o: o.loan_term >= 1 and float(o.loan_term).is_integer(), "must be a whole number of years, at least 1"),
    "age": (lambda o: 0 <= o.age < 120, "must be an age in years"),
    "retirement_age": (lambda o: o.retirement_age >= o.age + o.uplift_year + 1,
                       "must leave at least one working year after the programme ends"),
    "premium_sd": (lambda o: o.premium_sd >= 0, "must not be negative"),
    "growth_sd": (lambda o: o.growth_sd >= 0, "must not be negative"),
}


def validate(option: Option) -> None:
    """Raise a DataError naming the first bad parameter and its value.

    Types first (a salary typed as ``"75k"`` must not reach arithmetic), then
    finiteness (no NaN may flow into a chart), then each parameter's range."""
    if not isinstance(option.name, str) or not option.name.strip():
        raise DataError("must be some text naming the option", column="name", value=option.name)
    for name in _BOOLS:
        if not isinstance(getattr(option, name), (bool, np.bool_)):
            raise DataError("must be true or false", column=name, value=getattr(option, name))
    for name in _NUMBERS:
        value = getattr(option, name)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise DataError(f"must be a number, not {type(value).__name__}", column=name, value=value)
        if not math.isfinite(value):
            raise DataError("must be a finite number", column=name, value=value)
    for name, (ok, problem) in _RULES.items():
        if not ok(option):
            raise DataError(problem, column=name, value=getattr(option, name))
    if option.loan_principal > 0 and option.uplift_year + option.loan_term > option.horizon:
        raise DataError(
            f"the loan would still be repaid after retirement (repayments end at age "
            f"{option.age + option.uplift_year + option.loan_term:g})",
            column="loan_term",
            value=option.loan_term,
        )


# --------------------------------------------------------------------------- the flows
def _years(option: Option) -> np.ndarray:
    return np.arange(option.horizon, dtype=float)


def _study_share(option: Option, length: float) -> np.ndarray:
    """Share of each year spent studying, for a programme of ``length`` years."""
    return np.clip(length - _years(option), 0.0, 1.0)


def _earnings_without(option: Option) -> np.ndarray:
    return option.current_salary * (1 + option.salary_growth) ** _years(option)


def _uplift_base(option: Option) -> float:
    """The extra pay, before tax, in the first year after the programme."""
    pay_then = option.current_salary * (1 + option.salary_growth) ** option.uplift_year
    if option.salary_after_is_premium:
        return pay_then * option.salary_after
    return option.salary_after - pay_then


def _pay_difference_after(option: Option, multiplier, growth, delay) -> np.ndarray:
    """Pay with the credential minus pay without, for each year from the one after
    the programme to the last working year (``horizon - uplift_year`` columns).

    ``multiplier`` scales the stated uplift, ``growth`` is the growth of pay with
    the credential, ``delay`` the years before the new role starts. Pass them all
    as scalars (one future) or all as columns of draws of shape (n, 1) (n futures,
    answer (n, years)): the Monte Carlo and the single case share this formula.

    It works in place on one array because the Monte Carlo runs it on
    100,000 x 45 draws, where every temporary array costs as much as the rest of
    the simulation together."""
    start = option.uplift_year
    since = _years(option)[start:] - start  # years since the programme ended
    without = _earnings_without(option)[start:]
    first_pay = without[0] + _uplift_base(option) * np.asarray(multiplier, dtype=float)
    difference = np.log1p(growth) * since  # one array, transformed step by step:
    np.exp(difference, out=difference)  # growth of pay with the credential since the start,
    difference *= first_pay  # pay with the credential,
    difference -= without  # minus pay without it.
    # Share of each year in the new role: 0 while still looking, part of the year it starts,
    # then 1. Only the first few years can be short of 1, so only those are scaled.
    waiting = min(int(math.ceil(np.max(delay))), since.size)
    if waiting:
        difference[..., :waiting] *= np.clip(since[:waiting] + 1 - delay, 0.0, 1.0)
    return difference


def _loan_flows(option: Option) -> tuple[np.ndarray, np.ndarray]:
    """(money received, repayments) per year. Repayments are level and fair at
    ``loan_rate``: their present value at that rate equals the principal."""
    drawn, paid = np.zeros(option.horizon), np.zeros(option.horizon)
    if option.loan_principal == 0:
        return drawn, paid
    drawn[0] = option.loan_principal
    repaying = slice(option.uplift_year, option.uplift_year + int(option.loan_term))
    factors = (1 + option.loan_rate) ** -_years(option)[repaying]
    paid[repaying] = option.loan_principal / factors.sum()
    return drawn, paid


def _study_pay(option: Option, length: float) -> np.ndarray:
    """Pay while taking a programme of ``length`` years, before any uplift."""
    return _earnings_without(option) * (1 - option.hours_given_up * _study_share(option, length))


def _path(option: Option, completed: bool, uplift: bool = True) -> dict[str, np.ndarray]:
    """Yearly pay and costs for someone who finishes (``completed``) or drops out
    after the first year. ``uplift=False`` leaves out the better pay (the Monte
    Carlo adds its own drawn uplift)."""
    length = option.years if completed else min(option.years, DROPOUT_YEARS)
    pay = _study_pay(option, length)
    if completed and uplift:
        pay[option.uplift_year:] += _pay_difference_after(option, 1.0, option.salary_after_growth, option.delay_years)
    return {"earnings_with": pay, "costs": option.cost_paid_per_year * _study_share(option, length)}


def _net(option: Option, path: dict[str, np.ndarray]) -> np.ndarray:
    drawn, paid = _loan_flows(option)
    pay_gain = (path["earnings_with"] - _earnings_without(option)) * (1 - option.tax_rate)
    return pay_gain - path["costs"] + drawn - paid


def discount_factors(option: Option) -> np.ndarray:
    """1 / (1 + r) ** year, year 0 undiscounted (the numpy_financial.npv convention)."""
    return (1 + option.discount_rate) ** -_years(option)


def cash_flows(option: Option, completed: bool | None = None) -> pd.DataFrame:
    """Yearly flows: ``year, age, earnings_without, earnings_with, costs,
    loan_received, loan_payments, net_difference, discounted_difference,
    cumulative, cumulative_discounted``.

    ``completed=None`` (default) gives the expected flows, weighted by
    ``completion_probability``; True/False give the finisher's or the drop-out's."""
    if completed is None:
        p = option.completion_probability
        finish, drop = _path(option, True), _path(option, False)
        path = {key: p * finish[key] + (1 - p) * drop[key] for key in finish}
    else:
        path = _path(option, completed)
    drawn, paid = _loan_flows(option)
    net = _net(option, path)
    discounted = net * discount_factors(option)
    return pd.DataFrame(
        {
            "year": np.arange(option.horizon),
            "age": option.age + _years(option),
            "earnings_without": _earnings_without(option),
            "earnings_with": path["earnings_with"],
            "costs": path["costs"],
            "loan_received": drawn,
            "loan_payments": paid,
            "net_difference": net,
            "discounted_difference": discounted,
            "cumulative": np.cumsum(net),
            "cumulative_discounted": np.cumsum(discounted),
        }
    )


# --------------------------------------------------------------------------- evaluation
@dataclass(frozen=True)
class Evaluation:
    """The numbers people compare, from the expected flows. ``None`` means "never"
    (or, for ``irr``, "not defined": ``irr_reason`` says why)."""

    name: str
    npv: float
    irr: float | None
    irr_reason: str
    payback_years: float | None  # years from the start of study until the cumulative net turns non-negative for good
    breakeven_age: float | None
    discounted_payback_years: float | None  # the same on discounted flows
    discounted_breakeven_age: float | None
    lifetime_gain: float  # undiscounted, after tax, to retirement


def payback(net: np.ndarray) -> float | None:
    """Years until the cumulative sum of ``net`` turns non-negative and stays so,
    flows spread evenly within each year; 0 if it never dips, None if it ends
    negative. "Stays" matters: loan repayments can pull a total back below zero."""
    cumulative = np.cumsum(net)
    if cumulative[-1] < 0:
        return None
    negative = np.flatnonzero(cumulative < 0)
    if negative.size == 0:
        return 0.0
    year = negative[-1] + 1  # the year in which the total turns non-negative for good
    return float(year + (-cumulative[year - 1]) / net[year])


def irr(net: np.ndarray) -> tuple[float | None, str]:
    """numpy_financial's IRR, with a reason when there is none."""
    import numpy_financial as npf

    if not (net > 0).any() or not (net < 0).any():
        sign = "gains" if (net >= 0).all() else "losses"
        return None, f"the yearly net flows are all {sign}, so no interest rate balances them"
    rate = npf.irr(net)
    if math.isnan(rate):
        return None, "no interest rate balances these flows"
    return float(rate), "the discount rate at which the NPV is zero"


def evaluate(option: Option) -> Evaluation:
    """NPV, IRR, payback and lifetime gain of the expected flows (see :func:`cash_flows`)."""
    flows = cash_flows(option)
    net = flows["net_difference"].to_numpy()
    rate, reason = irr(net)
    years = payback(net)
    discounted_years = payback(flows["discounted_difference"].to_numpy())
    return Evaluation(
        name=option.name,
        npv=float(flows["discounted_difference"].sum()),
        irr=rate,
        irr_reason=reason,
        payback_years=years,
        breakeven_age=None if years is None else option.age + years,
        discounted_payback_years=discounted_years,
        discounted_breakeven_age=None if discounted_years is None else option.age + discounted_years,
        lifetime_gain=float(net.sum()),
    )


# --------------------------------------------------------------------------- Monte Carlo
@dataclass(frozen=True, eq=False)
class Simulation:
    """NPV over ``n`` simulated futures. ``npv`` holds every draw (for a histogram)."""

    name: str
    npv: np.ndarray
    p10: float
    p50: float
    p90: float
    prob_npv_positive: float
    seed: int | None

    @property
    def n(self) -> int:
        return int(self.npv.size)


def simulate(option: Option, n: int = DRAWS, seed: int | None = 0) -> Simulation:
    """NPV across uncertain futures, drawn per future (one row per draw):

    * the uplift: normal, mean as stated, sd ``premium_sd`` x the stated uplift
      (it can come out negative: some graduates earn less);
    * growth of pay with the credential: normal around ``salary_after_growth``,
      sd ``growth_sd``;
    * finishing: Bernoulli(``completion_probability``);
    * time to land the new role: exponential with mean ``delay_years`` (a job
      search that is equally likely to end in any month; 0 = no delay).

    Everything else is as in :func:`evaluate`. Draws and years are one (n, years)
    array, no Python loop; with all spreads at zero and completion certain, every
    draw equals :func:`evaluate`'s NPV."""
    if not isinstance(n, numbers.Integral) or n < 1:
        raise DataError("must be a whole number of draws, at least 1", column="n_draws", value=n)
    rng = np.random.default_rng(seed)
    multiplier = 1 + option.premium_sd * rng.standard_normal((n, 1))
    growth = np.maximum(option.salary_after_growth + option.growth_sd * rng.standard_normal((n, 1)), -0.99)
    delay = rng.exponential(option.delay_years, (n, 1)) if option.delay_years > 0 else 0.0
    finished = rng.random(n) < option.completion_probability

    factors = discount_factors(option)
    after_tax = 1 - option.tax_rate
    npv_dropout = float(_net(option, _path(option, False)) @ factors)
    # A finisher's NPV = the fixed part (study years, loan) + the taxed uplift, which varies by draw.
    npv_fixed = float(_net(option, _path(option, True, uplift=False)) @ factors)
    uplift = _pay_difference_after(option, multiplier, growth, delay)
    npv_finisher = npv_fixed + after_tax * (uplift @ factors[option.uplift_year:])
    npv = np.where(finished, npv_finisher, npv_dropout)
    p10, p50, p90 = np.percentile(npv, [10, 50, 90])
    return Simulation(option.name, npv, float(p10), float(p50), float(p90), float((npv > 0).mean()), seed)


def npv_histogram(simulation: Simulation, bins: int = 60) -> pd.DataFrame:
    """The NPV draws binned for a chart (``low, high, middle, share, positive``):
    a chart of a few dozen bars instead of every draw keeps the HTML small."""
    counts, edges = np.histogram(simulation.npv, bins=bins)
    middle = (edges[:-1] + edges[1:]) / 2
    return pd.DataFrame(
        {"low": edges[:-1], "high": edges[1:], "middle": middle, "share": counts / simulation.n, "positive": middle > 0}
    )


# --------------------------------------------------------------------------- sensitivity
# How far each input is swung, one at a time: (parameter, how to get low/high from the option).
# Ranges are stated in the output table; they are deliberately wide, "plausible mistakes".
def _uplift_swing(o: Option, share: float) -> float:
    if o.salary_after_is_premium:
        return o.salary_after * share
    return o.salary_after - _uplift_base(o) * (1 - share)


def _earliest_retirement(o: Option) -> float:
    """The earliest retirement the option allows: a year of work after the programme
    and, with a loan, after the last repayment."""
    loan_years = o.loan_term if o.loan_principal > 0 else 1
    return o.age + o.uplift_year + loan_years


SWINGS: dict[str, tuple[str, Any, Any]] = {
    "salary_after": ("uplift ±50 %", lambda o: _uplift_swing(o, 0.5), lambda o: _uplift_swing(o, 1.5)),
    "cost_per_year": ("cost ±25 %", lambda o: o.cost_per_year * 0.75, lambda o: o.cost_per_year * 1.25),
    "discount_rate": ("±2 points", lambda o: max(o.discount_rate - 0.02, -0.5), lambda o: o.discount_rate + 0.02),
    "salary_after_growth": ("±1 point", lambda o: o.salary_after_growth - 0.01, lambda o: o.salary_after_growth + 0.01),
    "salary_growth": ("±1 point", lambda o: o.salary_growth - 0.01, lambda o: o.salary_growth + 0.01),
    "completion_probability": ("±20 points", lambda o: max(o.completion_probability - 0.2, 0.0),
                               lambda o: min(o.completion_probability + 0.2, 1.0)),
    "delay_years": ("0 to +1 year", lambda o: 0.0, lambda o: o.delay_years + 1),
    "tax_rate": ("±10 points", lambda o: max(o.tax_rate - 0.1, 0.0), lambda o: min(o.tax_rate + 0.1, 0.9)),
    "retirement_age": ("±5 years", lambda o: max(o.retirement_age - 5, _earliest_retirement(o)),
                       lambda o: o.retirement_age + 5),
}
LABELS = {
    "salary_after": "salary uplift",
    "cost_per_year": "cost per year",
    "discount_rate": "discount rate",
    "salary_after_growth": "pay growth after the programme",
    "salary_growth": "pay growth if you stay as you are",
    "completion_probability": "chance of finishing",
    "delay_years": "time to land the role",
    "tax_rate": "tax rate",
    "retirement_age": "retirement age",
}


def sensitivity(option: Option) -> pd.DataFrame:
    """One input at a time moved to its low and high value (the rest as given):
    ``parameter, label, range, low_value, high_value, npv_low, npv_high, swing,
    base_npv``, the largest swing first (a tornado chart's order)."""
    base = evaluate(option).npv
    rows = []
    for parameter, (stated, low, high) in SWINGS.items():  # a handful of inputs, not rows
        low_value, high_value = low(option), high(option)
        npv_low = evaluate(dataclasses.replace(option, **{parameter: low_value})).npv
        npv_high = evaluate(dataclasses.replace(option, **{parameter: high_value})).npv
        rows.append((parameter, LABELS[parameter], stated, low_value, high_value, npv_low, npv_high))
    table = pd.DataFrame(rows, columns=["parameter", "label", "range", "low_value", "high_value", "npv_low", "npv_high"])
    table["swing"] = (table["npv_high"] - table["npv_low"]).abs()
    table["base_npv"] = base
    return table.sort_values("swing", ascending=False, ignore_index=True)


# --------------------------------------------------------------------------- comparing
COMPARE_COLUMNS = ["name", "npv", "irr", "payback_years", "breakeven_age", "lifetime_gain",
                   "prob_npv_positive", "npv_p10", "npv_p50", "npv_p90"]


def compare(options: Sequence[Option], n: int = DRAWS, seed: int | None = 0) -> pd.DataFrame:
    """One row per option: the :func:`evaluate` numbers and the :func:`simulate`
    spread (same seed for each, so options face the same random futures)."""
    if len({o.name for o in options}) != len(options):
        names = [o.name for o in options]
        duplicate = next(name for name in names if names.count(name) > 1)
        raise DataError("two options have the same name; give each its own", column="name", value=duplicate)
    rows = []
    for option in options:  # a few options, each vectorised inside
        result, spread = evaluate(option), simulate(option, n=n, seed=seed)
        rows.append({
            "name": option.name, "npv": result.npv, "irr": result.irr, "payback_years": result.payback_years,
            "breakeven_age": result.breakeven_age, "lifetime_gain": result.lifetime_gain,
            "prob_npv_positive": spread.prob_npv_positive,
            "npv_p10": spread.p10, "npv_p50": spread.p50, "npv_p90": spread.p90,
        })
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def pick(options: Sequence[Option], comparison: pd.DataFrame, name: str = "") -> Option:
    """The option called ``name``, or (``""``) the one with the highest expected NPV."""
    by_name = {o.name: o for o in options}
    if name == "":
        return by_name[comparison.loc[comparison["npv"].idxmax(), "name"]]
    if name not in by_name:
        raise DataError(f"no option has this name; the options are {', '.join(map(repr, by_name))}",
                        column="focus", value=name)
    return by_name[name]


# --------------------------------------------------------------------------- words
def verdict(option: Option, result: Evaluation, spread: Simulation, swings: pd.DataFrame) -> str:
    """A plain-language verdict on one option with its main uncertainty (plain
    text: it contains the option's name, so show it through ``nb.say``)."""
    pays = "pays for itself" if result.npv > 0 else "does not pay for itself"
    # Discounted, like the NPV beside it and the break-even the cumulative chart marks.
    when = (
        f"counting the discount rate, the money comes back by age {result.discounted_breakeven_age:.0f}, "
        f"{result.discounted_payback_years:.1f} years after starting"
        if result.discounted_breakeven_age is not None
        else f"counting the discount rate, the money does not come back before retiring at {option.retirement_age:g}"
    )
    top = swings.iloc[0]
    return (
        f"On these assumptions, {option.name} {pays}: its expected net present value is {money(result.npv)} "
        f"at a {percent(option.discount_rate, 1)} discount rate, and {when}. "
        f"In {percent(spread.prob_npv_positive)} of {spread.n:,} simulated futures the value is positive "
        f"(10th to 90th percentile {money(spread.p10)} to {money(spread.p90)}). "
        f"The biggest uncertainty is the {top['label']}: over its range ({top['range']}) the value moves "
        f"between {money(min(top['npv_low'], top['npv_high']))} and {money(max(top['npv_low'], top['npv_high']))}."
    )


def payback_text(result: Evaluation) -> str:
    """One sentence on the undiscounted break-even and the lifetime gain (plain text)."""
    if result.payback_years is None:
        back = "Not discounted, the money does not come back before retirement"
    else:
        back = (f"Not discounted, the money comes back after {result.payback_years:.1f} years "
                f"(age {result.breakeven_age:.1f})")
    return f"{back}; the lifetime gain after tax, not discounted, is {money(result.lifetime_gain)}."


def run_settings(**parameters: Any) -> pd.DataFrame:
    """The report's parameters as a two-column table, so the exported HTML says
    what it was run with."""
    return pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]})


# Options are programmes, not people: share mode changes no figure, it only says so.
SHARE_NOTE = "Anonymised for sharing: the options are programmes, not people, so no figure is hidden or changed."


_MONEY_INPUTS = {"cost_per_year", "current_salary", "loan_principal"}
_YEAR_INPUTS = {"years", "delay_years", "loan_term", "age", "retirement_age"}


def _shown(option: Option, parameter: str) -> str:
    """One input as a reader would write it: $75,000, 4 %, 2 years, yes."""
    value = getattr(option, parameter)
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if parameter in _MONEY_INPUTS or (parameter == "sponsorship" and value > 1):
        return money(value)
    if parameter == "salary_after":
        return f"+{percent(value, 1)}" if option.salary_after_is_premium else money(value)
    if parameter in _YEAR_INPUTS:
        return f"{value:g}"
    return percent(value, 1)


def assumptions(options: Sequence[Option]) -> pd.DataFrame:
    """Every input of every option side by side, as text (one row per input), so
    the exported report says what it assumed."""
    inputs = [p for p in PARAMETERS if p != "name"]
    table = pd.DataFrame({o.name: [_shown(o, p) for p in inputs] for o in options})
    table.insert(0, "input", [p.replace("_", " ") for p in inputs])
    return table


def report_summary(comparison: pd.DataFrame) -> dict:
    """The ``education_roi.json`` contract, one entry per option."""
    fields = ["name", "npv", "irr", "payback_years", "breakeven_age", "prob_npv_positive", "npv_p10", "npv_p50", "npv_p90"]
    return {
        "report": "education_roi",
        "options": [{key: _plain(row[key]) for key in fields} for row in comparison[fields].to_dict("records")],
    }


def _plain(value):
    """A table cell as JSON-able Python: str, float, or None for missing."""
    if isinstance(value, str):
        return value
    return None if value is None or pd.isna(value) else float(value)


# --------------------------------------------------------------------------- files
def load_options(path: str | os.PathLike, **overrides: Any) -> list[Option]:
    """Options from a TOML or YAML file: a list under ``option`` (``[[option]]`` in
    TOML), each with a ``name``, plus an optional ``[defaults]`` table that every
    option starts from (the person's salary, age, tax ...). ``overrides`` (e.g. a
    notebook's ``discount_rate``) replace any value in the file.

    A bad entry raises a DataError naming the file, the option and the key."""
    shown = str(path)
    document = _parse_document(path, shown)
    if not isinstance(document, dict) or not isinstance(document.get("option"), list) or not document["option"]:
        raise DataError("expected a list of options under 'option' ([[option]] tables in TOML)", file=shown)
    defaults = document.get("defaults", {})
    if not isinstance(defaults, dict):
        raise DataError("'defaults' must be a table of inputs", file=shown, column="defaults")
    _check_keys(defaults, shown, "defaults")
    options = []
    for index, entry in enumerate(document["option"], start=1):  # a few options
        if not isinstance(entry, dict):
            raise DataError(f"option {index} is not a table of inputs", file=shown, value=entry)
        label = f"option {index} ({entry.get('name', 'no name')!s})"
        _check_keys(entry, shown, label)
        values = {**defaults, **_from_reference({**defaults, **entry}, shown, label), **entry, **overrides}
        for key in _REFERENCE_KEYS:  # used above to fill salaries, not inputs of an Option
            values.pop(key, None)
        values.setdefault("name", f"option {index}")
        try:
            options.append(Option(**values))
        except DataError as err:
            raise DataError(f"{label}: {err.problem}", file=shown, column=err.column, value=err.value) from None
    if len({o.name for o in options}) != len(options):
        raise DataError("two options have the same name; give each its own", file=shown, column="name")
    return options


_REFERENCE_KEYS = {"current_attainment", "attainment_after"}


def _parse_document(path, shown: str) -> Any:
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        try:
            return tomllib.loads(read_text(path, shown_as=shown))
        except tomllib.TOMLDecodeError as err:
            raise DataError(f"not valid TOML ({err})", file=shown) from None
    if suffix in {".yaml", ".yml"}:
        return read_yaml(path, shown_as=shown)
    raise DataError("options must be a .toml or .yaml file", file=shown)


def _check_keys(entry: dict, shown: str, label: str) -> None:
    allowed = set(PARAMETERS) | _REFERENCE_KEYS
    for key in entry:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DataError(f"{label}: unknown key{hint}", file=shown, column=str(key), value=entry[key])


def _from_reference(entry: dict, shown: str, label: str) -> dict:
    """``current_attainment`` / ``attainment_after`` (e.g. "bachelor's degree") fill
    ``current_salary`` / ``salary_after`` with BLS median annual earnings, for
    people without their own figures. Figures given in the file win."""
    wanted = {key: entry[key] for key in ("current_attainment", "attainment_after") if key in entry}
    if not wanted:
        return {}
    earnings = load_bls_education_pays().set_index("attainment")["annual_earnings_usd"]
    filled = {}
    for key, level in wanted.items():  # at most two
        if level not in earnings.index:
            raise DataError(f"{label}: not an attainment level in {BLS_PATH}; use one of "
                            f"{', '.join(map(repr, earnings.index))}", file=shown, column=key, value=level)
    if "current_attainment" in wanted:
        filled["current_salary"] = float(earnings[wanted["current_attainment"]])
    if "attainment_after" in wanted:
        filled["salary_after"] = float(earnings[wanted["attainment_after"]])
        filled["salary_after_is_premium"] = False
    return filled


# --------------------------------------------------------------------------- reference data
def load_bls_education_pays(path: str = BLS_PATH) -> pd.DataFrame:
    """BLS "Education pays": median usual weekly earnings and unemployment rate by
    educational attainment, plus ``annual_earnings_usd`` (weekly x 52)."""
    table = read_csv_table(resolve_path(path), shown_as=path, required=(
        "attainment", "median_weekly_earnings_usd", "unemployment_rate_pct", "source", "year"))
    weekly = parse_numbers(table, "median_weekly_earnings_usd", file=path, what="an amount in dollars")
    unemployment = parse_numbers(table, "unemployment_rate_pct", file=path, what="a percentage")
    _require_values(table, weekly, "median_weekly_earnings_usd", path)
    _require_values(table, unemployment, "unemployment_rate_pct", path)
    return table.drop(columns=LINE).assign(
        median_weekly_earnings_usd=weekly,
        unemployment_rate_pct=unemployment,
        annual_earnings_usd=weekly * WEEKS_PER_YEAR,
    )


def load_executive_education(path: str = EXECUTIVE_PATH) -> pd.DataFrame:
    """The seed article's figures on Fortune 500 CEOs' education, with each
    count's share of the 500 CEOs."""
    table = read_csv_table(resolve_path(path), shown_as=path, required=("group", "ceos", "source", "year"))
    ceos = parse_numbers(table, "ceos", file=path, what="a count of CEOs")
    _require_values(table, ceos, "ceos", path)
    return table.drop(columns=LINE).assign(ceos=ceos, share_of_ceos=ceos / FORTUNE_500)


def _require_values(table: pd.DataFrame, values: pd.Series, column: str, path: str) -> None:
    fail_first(table, values.isna() | (values < 0), file=path, column=column, problem="needs a non-negative number")
