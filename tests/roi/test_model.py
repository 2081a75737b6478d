"""Education ROI model (careerlib/roi/model.py): the cash flows against hand-worked cases
and numpy_financial, and their invariants (hypothesis)."""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from careerlib import DataError, roi

# A plain case: no tax, no growth, certain completion, so the flows are easy to work by hand.
PLAIN = dict(
    tax_rate=0.0,
    salary_growth=0.0,
    salary_after_growth=0.0,
    completion_probability=1.0,
    delay_years=0.0,
    age=30,
    retirement_age=65,
)


def option(**changes) -> roi.Option:
    return roi.Option(**{**PLAIN, **changes})


def net(o: roi.Option) -> np.ndarray:
    return roi.cash_flows(o)["net_difference"].to_numpy()


# --------------------------------------------------------------------------- agreement with numpy_financial
@pytest.mark.parametrize(
    "o",
    [
        roi.Option(),
        roi.Option(full_time=False, part_time_fraction=0.2, loan_principal=30_000, tax_rate=0.3, discount_rate=0.07),
        roi.Option(years=1.5, completion_probability=0.7, delay_years=0.5, sponsorship=0.5, salary_growth=0.01),
        roi.Option(salary_after=90_000, salary_after_is_premium=False, sponsorship=5_000, discount_rate=-0.01),
    ],
)
def test_npv_and_irr_agree_with_numpy_financial(o):
    flows = net(o)
    result = roi.evaluate(o)
    assert result.npv == pytest.approx(npf.npv(o.discount_rate, flows), rel=1e-12, abs=1e-6)
    assert result.irr == pytest.approx(npf.irr(flows), rel=1e-9)
    assert npf.npv(result.irr, flows) == pytest.approx(0, abs=1e-3)
    assert len(flows) == o.retirement_age - o.age  # one flow per year of age, last working year included


def test_worked_example_pays_back_in_13_years():
    # 2 years full-time at 50k a year on a 60k salary: -110k twice = -220k; then +20k a year
    # needs 11 more years, so the total is back at zero after 13 years from the start.
    o = option(cost_per_year=50_000, years=2, current_salary=60_000, salary_after=80_000, salary_after_is_premium=False)
    result = roi.evaluate(o)
    assert result.payback_years == pytest.approx(13.0)
    assert result.breakeven_age == pytest.approx(43.0)
    assert result.lifetime_gain == pytest.approx(-220_000 + 20_000 * (35 - 2))
    flows = roi.cash_flows(o)
    assert list(flows.loc[:2, "net_difference"]) == [-110_000, -110_000, 20_000]
    assert flows.loc[12, "cumulative"] == pytest.approx(0)


def test_payback_interpolates_within_the_year_and_needs_the_total_to_stay_positive():
    assert roi.payback(np.array([-100.0, 50, 100])) == pytest.approx(2.5)
    assert roi.payback(np.array([10.0, 10])) == 0.0
    assert roi.payback(np.array([-100.0, 150, -100, 200])) == pytest.approx(3.25)  # dips again in year 2
    assert roi.payback(np.array([-100.0, 50])) is None


# --------------------------------------------------------------------------- hand-worked cases
def test_free_programme_with_a_premium_has_positive_npv():
    o = option(cost_per_year=0, full_time=False, part_time_fraction=0, salary_after=0.1)
    result = roi.evaluate(o)
    assert result.npv > 0
    assert result.payback_years == 0.0
    assert result.irr is None and "never" not in result.irr_reason and "gains" in result.irr_reason


def test_zero_premium_npv_is_minus_discounted_costs():
    o = option(
        cost_per_year=10_000, years=2, full_time=False, part_time_fraction=0, salary_after=0.0, discount_rate=0.05
    )
    assert roi.evaluate(o).npv == pytest.approx(-(10_000 + 10_000 / 1.05))
    assert roi.evaluate(o).irr is None  # all flows are losses: no rate balances them


def test_zero_premium_full_time_also_loses_after_tax_pay():
    o = option(cost_per_year=10_000, years=1, current_salary=50_000, salary_after=0.0, tax_rate=0.2)
    assert roi.evaluate(o).npv == pytest.approx(-(10_000 + 50_000 * 0.8))


def test_never_finishing_costs_the_dropout_share_of_the_programme():
    # A non-completer takes dropout_share of the programme: half of 3 years = 1.5 years, so all of
    # year 0 (30k cost + 60k pay) and half of year 1 (15k + 30k, discounted once at 5 %).
    o = option(
        cost_per_year=30_000,
        years=3,
        current_salary=60_000,
        salary_after=0.5,
        completion_probability=0.0,
        discount_rate=0.05,
        dropout_share=0.5,
    )
    assert roi.evaluate(o).npv == pytest.approx(-(90_000 + 45_000 / 1.05))
    assert roi.cash_flows(o)["net_difference"].iloc[2:].eq(0).all()
    # The old rule (one year of a three-year programme) is dropout_share = 1/3.
    assert roi.evaluate(dataclasses.replace(o, dropout_share=1 / 3)).npv == pytest.approx(-90_000)


def test_dropout_share_defaults_to_the_settings_value():
    assert roi.Option().dropout_share == roi.load_settings()["option_defaults"]["dropout_share"]


def test_completion_probability_weights_the_two_paths():
    o = option(cost_per_year=20_000, years=2, salary_after=0.3, completion_probability=0.6, discount_rate=0.03)
    finish = roi.cash_flows(o, completed=True)["discounted_difference"].sum()
    drop = roi.cash_flows(o, completed=False)["discounted_difference"].sum()
    assert roi.evaluate(o).npv == pytest.approx(0.6 * finish + 0.4 * drop)


def test_premium_starts_the_year_after_the_programme_and_after_the_delay():
    o = option(cost_per_year=0, years=1.5, full_time=True, current_salary=40_000, salary_after=0.5, delay_years=0.5)
    flows = roi.cash_flows(o)
    # Year 2: half of it looking (a full-time graduate earns nothing then), half in the new role at 60k.
    assert list(flows["earnings_with"].iloc[:4]) == [0, 20_000, 30_000, 60_000]


def test_pay_while_searching_is_a_share_of_the_old_pay():
    # One year of study, then a whole year of looking: year 1 pays pay_while_searching x 40k.
    o = option(cost_per_year=0, years=1, current_salary=40_000, salary_after=0.5, delay_years=1)
    assert roi.cash_flows(o, completed=True)["earnings_with"].iloc[1] == 0  # full-time: nothing while looking
    kept = dataclasses.replace(o, pay_while_searching=0.5)
    assert roi.cash_flows(kept, completed=True)["earnings_with"].iloc[1] == 20_000
    part_time = dataclasses.replace(o, full_time=False, part_time_fraction=0.2)
    assert part_time.searching_pay_share == 1  # a part-time student kept the job
    assert roi.cash_flows(part_time, completed=True)["earnings_with"].iloc[1] == 40_000


def test_cash_flow_timing_end_discounts_every_flow_one_more_year():
    o = option(cost_per_year=20_000, years=2, salary_after=0.3, discount_rate=0.03)
    end = dataclasses.replace(o, cash_flow_timing="end")
    assert roi.evaluate(end).npv == pytest.approx(roi.evaluate(o).npv / 1.03)
    assert roi.evaluate(end).irr == pytest.approx(roi.evaluate(o).irr)  # the same flows, the same IRR


def test_earnings_by_age_are_linear_between_points_and_flat_outside():
    o = roi.Option(
        cost_per_year=0,
        years=1,
        age=24,
        retirement_age=40,
        earnings_without={25: 50_000, 30: 60_000},
        earnings_with={26: 70_000, 36: 100_000},
    )
    flows = roi.cash_flows(o, completed=True).set_index("age")
    assert flows.loc[24, "earnings_without"] == 50_000  # flat before the first point
    assert flows.loc[27, "earnings_without"] == 54_000  # two fifths of the way from 25 to 30
    assert flows.loc[35, "earnings_without"] == 60_000  # flat after the last point
    assert flows.loc[24, "earnings_with"] == 0  # studying full-time
    assert flows.loc[25, "earnings_with"] == 70_000  # the first year after: flat before 26
    assert flows.loc[31, "earnings_with"] == 85_000
    assert flows.loc[39, "earnings_with"] == 100_000


@pytest.mark.parametrize(
    "changes, named",
    [
        (dict(earnings_without={30: 1.0}, current_salary=70_000), "current_salary"),
        (dict(earnings_without={30: 1.0}, salary_growth=0.03), "salary_growth"),
        (dict(earnings_with={30: 1.0}, salary_after_amount=90_000), "salary_after_amount"),
        (dict(earnings_with={30: 1.0}, salary_after_growth=0.03), "salary_after_growth"),
        (dict(full_time=True, part_time_fraction=0.2), "full_time"),
    ],
)
def test_two_forms_of_one_input_are_refused_naming_both(changes, named):
    with pytest.raises(DataError) as err:
        roi.Option(**changes)
    profile = next(iter(changes))
    assert profile in str(err.value) and named in str(err.value)


@pytest.mark.parametrize("points", [{}, {"x": 1.0}, {30: -5}, {30: "high"}, {130: 1.0}, [1, 2]])
def test_bad_profile_points_are_refused(points):
    with pytest.raises(DataError) as err:
        roi.Option(earnings_without=points)
    assert err.value.column.startswith("earnings_without")


def test_sponsorship_as_share_and_as_amount():
    share = option(cost_per_year=20_000, sponsorship=0.25, years=1)
    amount = option(cost_per_year=20_000, sponsorship=5_000, years=1)
    assert roi.cash_flows(share)["costs"].iloc[0] == roi.cash_flows(amount)["costs"].iloc[0] == 15_000


def test_a_loan_is_neutral_when_discounting_at_its_rate():
    base = option(cost_per_year=40_000, years=2, salary_after=0.2, discount_rate=0.06)
    loaned = dataclasses.replace(base, loan_principal=60_000, loan_rate=0.06, loan_term=8)
    flows = roi.cash_flows(loaned)
    assert flows["loan_payments"].gt(0).sum() == 8 and flows["loan_payments"].iloc[:2].eq(0).all()
    assert roi.evaluate(loaned).npv == pytest.approx(roi.evaluate(base).npv)
    assert roi.evaluate(dataclasses.replace(loaned, loan_rate=0.09)).npv < roi.evaluate(base).npv


# --------------------------------------------------------------------------- invariants
flows_settings = settings(max_examples=60, deadline=None)
premiums = st.floats(min_value=0.0, max_value=1.0)


@flows_settings
@given(
    low=premiums,
    extra=st.floats(min_value=0.0, max_value=0.5),
    cost=st.floats(0, 80_000),
    years=st.floats(0.25, 4),
    p=st.floats(0, 1),
    tax=st.floats(0, 0.6),
)
def test_more_premium_never_lowers_npv(low, extra, cost, years, p, tax):
    o = roi.Option(salary_after=low, cost_per_year=cost, years=years, completion_probability=p, tax_rate=tax)
    assert roi.evaluate(dataclasses.replace(o, salary_after=low + extra)).npv >= roi.evaluate(o).npv - 1e-6


@flows_settings
@given(
    rate=st.floats(-0.05, 0.2),
    step=st.floats(0.0, 0.1),
    cost=st.floats(1, 80_000),
    premium=premiums,
    years=st.floats(0.25, 1.0),
)
def test_higher_discount_rate_never_raises_npv_of_cost_then_gain(rate, step, cost, premium, years):
    # A programme within the first year: its cost is all in the undiscounted year 0 and every
    # later flow is a gain, so discounting harder can only shrink the gains.
    o = roi.Option(cost_per_year=cost, salary_after=premium, years=years, discount_rate=rate, salary_after_growth=0.02)
    assert roi.evaluate(dataclasses.replace(o, discount_rate=rate + step)).npv <= roi.evaluate(o).npv + 1e-6


@flows_settings
@given(
    rate=st.floats(-0.05, 0.2),
    step=st.floats(0.0, 0.1),
    cost=st.floats(1, 80_000),
    premium=st.floats(0.01, 1.0),
    years=st.floats(0.25, 4),
)
def test_higher_discount_rate_never_raises_a_positive_npv(rate, step, cost, premium, years):
    # Longer programmes have costs in discounted years too; a loss can then shrink with the
    # rate, but once the NPV is positive, costs-then-gains flows only lose value (the gains
    # sit later than the costs).
    o = roi.Option(cost_per_year=cost, salary_after=premium, years=years, discount_rate=rate, salary_after_growth=0.02)
    assume(roi.evaluate(o).npv >= 0)
    assert roi.evaluate(dataclasses.replace(o, discount_rate=rate + step)).npv <= roi.evaluate(o).npv + 1e-6


@flows_settings
@given(principal=st.floats(0, 100_000), rate=st.floats(0, 0.15), term=st.integers(1, 20))
def test_loan_repayments_are_fair_at_the_loan_rate(principal, rate, term):
    o = roi.Option(loan_principal=principal, loan_rate=rate, loan_term=term)
    flows = roi.cash_flows(o)
    loan = (flows["loan_received"] - flows["loan_payments"]).to_numpy()
    assert npf.npv(rate, loan) == pytest.approx(0, abs=1e-6 * max(principal, 1))


@flows_settings
@given(
    salary=st.floats(20_000, 150_000),
    growth=st.floats(-0.02, 0.06),
    premium=st.floats(0.0, 1.0),
    after_growth=st.floats(-0.02, 0.06),
    years=st.integers(1, 4),
    timing=st.sampled_from(roi.TIMINGS),
)
def test_pay_by_age_at_every_age_equals_the_constant_growth_inputs(
    salary, growth, premium, after_growth, years, timing
):
    # The two forms of one person's pay give one answer: points at every age on the constant-growth
    # path (without, and with the credential from the year after the programme) are that path.
    constant = roi.Option(
        current_salary=salary,
        salary_growth=growth,
        salary_after=premium,
        salary_after_growth=after_growth,
        years=years,
        age=30,
        retirement_age=65,
        cash_flow_timing=timing,
    )
    flows = roi.cash_flows(constant, completed=True)
    ages = flows["age"].to_numpy()
    first_after = 30 + years
    with_points = salary * (1 + growth) ** years * (1 + premium) * (1 + after_growth) ** (ages - first_after)
    profiled = roi.Option(
        years=years,
        age=30,
        retirement_age=65,
        cash_flow_timing=timing,
        earnings_without=dict(zip(ages, flows["earnings_without"])),
        earnings_with={a: p for a, p in zip(ages, with_points) if a >= first_after},
    )
    assert roi.evaluate(profiled).npv == pytest.approx(roi.evaluate(constant).npv, rel=1e-9, abs=1e-3)


@flows_settings
@given(raise_by=st.floats(0, 30_000), cost=st.floats(0, 60_000), p=st.floats(0, 1))
def test_more_pay_with_the_credential_never_lowers_npv(raise_by, cost, p):
    base = dict(age=25, cost_per_year=cost, completion_probability=p, earnings_without={25: 50_000, 45: 80_000})
    low = roi.Option(**base, earnings_with={27: 60_000, 50: 100_000})
    high = roi.Option(**base, earnings_with={27: 60_000 + raise_by, 50: 100_000 + raise_by})
    assert roi.evaluate(high).npv >= roi.evaluate(low).npv - 1e-6
