"""Education ROI model: pure functions from an :class:`Option` to cash flows, NPV, IRR,
payback, simulated futures and the sensitivity table (no file reads, no sentences).

One :class:`Option` describes a programme and the person taking it. Everything
is compared with the same person not studying, so each year has one number: the
*net difference* the programme makes to their cash that year.

The model, year by year
-----------------------
* One net flow per year of age, from the first year of study (year 0) to the last
  working year before ``retirement_age``. With ``cash_flow_timing = "start"`` (the
  default) year 0 is not discounted, so ``npv == numpy_financial.npv(discount_rate,
  flows)`` on the same vector; with ``"end"`` every flow is discounted to the end of its
  year (one more year of discounting for every flow, as FREOPP does).
* Without the programme, pay grows at ``salary_growth`` from ``current_salary``, or
  follows ``earnings_without`` (pay by age). A year's pay is the pay at the age at the
  start of that year.
* While studying, a full-time student earns nothing; a part-time student gives
  up ``part_time_fraction`` of their pay. A programme of 1.5 years takes all of
  year 0 and half of year 1.
* The better pay starts the year after the programme ends (year ``ceil(years)``),
  ``delay_years`` later still if landing the new role takes time, and then grows
  at ``salary_after_growth``. ``salary_after`` is that first salary, or, with
  ``salary_after_is_premium``, a premium over the pay you would have had then
  (0.2 = +20 %). Or it follows ``earnings_with`` (pay by age with the credential).
* While looking for the new role, a graduate earns ``pay_while_searching`` times the
  pay without the programme (default: 0 after full-time study, 1 after part-time study,
  when the old job was kept).
* Pay differences are taxed at ``tax_rate``; tuition is paid from taxed income
  (no deduction), less the employer's ``sponsorship``.
* A loan is drawn in full in year 0 and repaid in level yearly instalments from
  the year the programme ends, for ``loan_term`` years, priced so that it is
  fair at ``loan_rate`` (discounting at the loan rate, the loan changes nothing).
* Amounts are in today's money; use a real discount rate to match.

Not finishing
-------------
``completion_probability`` is treated as an expected value: a non-completer takes
``dropout_share`` of the programme (default in ``data/roi/settings.yaml``), pays the
cost and gives up the pay of that part, gets no uplift, and still repays the loan.
:func:`evaluate` reports the probability-weighted flows; :func:`simulate` draws
completion per simulated future (Bernoulli).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy_financial as npf
import pandas as pd

from careerlib.roi.inputs import Option

# The rule before dropout_share (a non-completer studied one year at most); kept for code that
# imports the name. The model now uses Option.dropout_share.
DROPOUT_YEARS = 1.0


# --------------------------------------------------------------------------- the flows
def _years(option: Option) -> np.ndarray:
    return np.arange(option.horizon, dtype=float)


def _study_share(option: Option, length: float) -> np.ndarray:
    """Share of each year spent studying, for a programme of ``length`` years."""
    return np.clip(length - _years(option), 0.0, 1.0)


def _profile(points: dict[float, float], ages: np.ndarray) -> np.ndarray:
    """Pay by age from a few points: linear between them, flat outside."""
    return np.interp(ages, list(points), list(points.values()))


def pay_without_at(option: Option, ages: np.ndarray) -> np.ndarray:
    """Pay without the programme at each age (the age at the start of a year)."""
    ages = np.asarray(ages, dtype=float)
    if option.earnings_without is not None:
        return _profile(option.earnings_without, ages)
    return option.current_salary * (1 + option.salary_growth) ** (ages - option.age)


def _earnings_without(option: Option) -> np.ndarray:
    return pay_without_at(option, option.age + _years(option))


def _uplift_base(option: Option) -> float:
    """The extra pay, before tax, in the first year after the programme (stated inputs)."""
    pay_then = float(_earnings_without(option)[option.uplift_year])
    if option.earnings_with is not None:
        return float(_profile(option.earnings_with, np.array([option.age + option.uplift_year]))[0]) - pay_then
    if option.salary_after_is_premium:
        return pay_then * option.salary_after
    return option.salary_after - pay_then


def _pay_with_parts(option: Option) -> tuple[np.ndarray, np.ndarray, float]:
    """Stated pay with the credential from the year after the programme on, as
    ``base + uplift`` (two vectors), and the growth rate the simulation varies around.

    Constant growth: the pay you would have had in the first year after the programme,
    and the uplift, both growing at ``salary_after_growth``. Pay by age: the pay without
    the programme, and the profile's difference from it (growth varies around 0)."""
    start = option.uplift_year
    ages = option.age + _years(option)[start:]
    without = _earnings_without(option)[start:]
    if option.earnings_with is not None:
        return without, _profile(option.earnings_with, ages) - without, 0.0
    growth = (1 + option.salary_after_growth) ** (ages - ages[0])
    return without[0] * growth, _uplift_base(option) * growth, option.salary_after_growth


def _pay_difference_after(option: Option, multiplier, growth_shift, delay) -> np.ndarray:
    """Pay with the credential minus pay without, for each year from the one after
    the programme to the last working year (``horizon - uplift_year`` columns).

    ``multiplier`` scales the stated uplift, ``growth_shift`` moves the growth of pay with
    the credential (0: as stated), ``delay`` is the time before the new role starts. Pass
    them all as scalars (one future) or all as columns of draws of shape (n, 1) (n
    futures, answer (n, years)): the Monte Carlo and the single case share this formula."""
    start = option.uplift_year
    since = _years(option)[start:] - start  # years since the programme ended
    without = _earnings_without(option)[start:]
    base, uplift, centre = _pay_with_parts(option)
    difference = np.multiply(multiplier, uplift)  # the uplift of this future,
    difference += base  # pay with the credential,
    shift = np.asarray(growth_shift, dtype=float)
    if np.any(shift != 0):  # grown at another rate than stated,
        change = np.log1p(np.maximum(centre + shift, -0.99)) - math.log1p(centre)
        difference *= np.exp(change * since)
    difference -= without  # minus pay without it.
    # Share of each year in the new role: 0 while still looking, part of the year it starts,
    # then 1. While looking, pay is pay_while_searching times the pay without the programme.
    # Only the first few years can be short of 1, so only those are changed.
    waiting = min(int(math.ceil(np.max(delay))), since.size)
    if waiting:
        in_role = np.clip(since[:waiting] + 1 - delay, 0.0, 1.0)
        difference[..., :waiting] *= in_role
        difference[..., :waiting] -= (1 - in_role) * (1 - option.searching_pay_share) * without[:waiting]
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
    after ``dropout_share`` of the programme. ``uplift=False`` leaves out the better
    pay (the Monte Carlo adds its own drawn uplift)."""
    length = option.years if completed else option.years * option.dropout_share
    pay = _study_pay(option, length)
    if completed and uplift:
        pay[option.uplift_year :] += _pay_difference_after(option, 1.0, 0.0, option.delay_years)
    return {"earnings_with": pay, "costs": option.cost_paid_per_year * _study_share(option, length)}


def _net(option: Option, path: dict[str, np.ndarray]) -> np.ndarray:
    drawn, paid = _loan_flows(option)
    pay_gain = (path["earnings_with"] - _earnings_without(option)) * (1 - option.tax_rate)
    return pay_gain - path["costs"] + drawn - paid


def discount_factors(option: Option) -> np.ndarray:
    """1 / (1 + r) ** t for each year's flow: t = year with ``cash_flow_timing = "start"``
    (year 0 undiscounted, the numpy_financial.npv convention), year + 1 with ``"end"``."""
    shift = 1.0 if option.cash_flow_timing == "end" else 0.0
    return (1 + option.discount_rate) ** -(_years(option) + shift)


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
