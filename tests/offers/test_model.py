"""The offers model against hand-worked figures: vesting with a cliff, a claw-back, a
bonus paid with a chance, discounting, the article's counter example, and the chance of
another offer against a closed form on a small funnel."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import offers
from careerlib.applications import COLUMNS
from careerlib.offers import Offer


def offer(**changes) -> Offer:
    return Offer(**{"company": "Acme", "role": "Analyst", "base": 80_000.0, **changes})


def by_component(o: Offer, years: int, **kwargs) -> pd.DataFrame:
    table = offers.compensation([o], years=years, **kwargs)
    return table.pivot(index="component", columns="year", values="amount")


# --------------------------------------------------------------------------- totals
def test_vesting_with_a_twelve_month_cliff_is_even_by_year():
    equity = by_component(offer(equity_grant=48_000), 4).loc["equity"]
    assert equity.tolist() == pytest.approx([12_000, 12_000, 12_000, 12_000])


def test_an_eighteen_month_cliff_pays_nothing_in_year_one_then_catches_up():
    # At month 18, 18/48 of the grant vests at once; by month 24, 24/48 of 48,000 = 24,000.
    equity = by_component(offer(equity_grant=48_000, cliff_months=18), 4).loc["equity"]
    assert equity.tolist() == pytest.approx([0, 24_000, 12_000, 12_000])


def test_refresh_grants_vest_on_the_same_schedule_and_haircut_applies():
    # Grant 40,000 (10,000 a year) + an 8,000 refresh at the start of years 2, 3 and 4 (2,000 a
    # year each, first vesting at its one-year cliff, the end of the year it was granted):
    # 10,000 | 12,000 | 14,000 | 16,000, halved by the haircut.
    equity = by_component(offer(equity_grant=40_000, equity_refresh=8_000), 4, equity_haircut=0.5).loc["equity"]
    assert equity.tolist() == pytest.approx([5_000, 6_000, 7_000, 8_000])


def test_vested_share_is_zero_before_the_cliff_and_capped_at_one():
    assert offers.vested_share([0, 11, 12, 30, 48, 60], 4, 12).tolist() == pytest.approx([0, 0, 0.25, 0.625, 1, 1])


@pytest.mark.parametrize("prorated, repaid", [(False, 10_000), (True, 5_000)])
def test_a_claw_back_repays_the_sign_on_when_leaving_early(prorated, repaid):
    o = offer(sign_on=10_000, clawback_months=24, clawback_prorated=prorated)
    one_year = by_component(o, 1)
    assert one_year.loc["sign_on", 1] == 10_000 and one_year.loc["clawback", 1] == -repaid
    assert offers.compare([o], years=1)["total"].iloc[0] == pytest.approx(80_000 + 10_000 - repaid)
    assert by_component(o, 2).loc["clawback"].tolist() == [0, 0]  # staying two years keeps it


def test_bonus_paid_with_a_chance_and_discounting_by_hand():
    # 80,000 base, 10 % bonus paid seven years in ten: 8,000 x 0.7 = 5,600 expected a year.
    # Two years at 5 %: (80,000 + 5,600) x (1 + 1/1.05) = 167,085.71...
    o = offer(bonus_share=0.10, bonus_probability=0.7, retirement_match=0.05, benefits_value=3_000, commute_cost=1_000)
    row = offers.compare([o], years=2, discount_rate=0.05).iloc[0]
    yearly = 80_000 + 5_600 + 4_000 + 3_000 - 1_000
    assert row["first_year"] == pytest.approx(yearly)
    assert row["total"] == pytest.approx(yearly * (1 + 1 / 1.05))
    assert row["yearly_value"] == pytest.approx(row["total"] / 2)


def test_base_growth_and_bonus_amount():
    parts = by_component(offer(base_growth=0.1, bonus_amount=4_000, bonus_probability=0.5), 3)
    assert parts.loc["base"].tolist() == pytest.approx([80_000, 88_000, 96_800])
    assert parts.loc["bonus"].tolist() == pytest.approx([2_000, 2_000, 2_000])


# --------------------------------------------------------------------------- simulation
def test_simulation_is_seeded_and_centred_on_the_expected_total():
    o = offer(bonus_share=0.2, bonus_probability=0.6, equity_grant=60_000, equity_volatility=0.4)
    first = offers.simulate(o, years=4, draws=40_000, seed=3)
    assert np.array_equal(first, offers.simulate(o, years=4, draws=40_000, seed=3))
    expected = offers.compare([o], years=4)["total"].iloc[0]
    standard_error = first.std() / math.sqrt(first.size)
    assert abs(first.mean() - expected) < 4 * standard_error
    row = offers.compare([o], years=4, seed=3).iloc[0]
    assert row["p10"] < row["p50"] < row["p90"]


def test_bonus_is_paid_in_full_or_not_at_all():
    o = offer(bonus_amount=10_000, bonus_probability=0.3)
    totals = offers.simulate(o, years=1, draws=20_000, seed=1)
    assert set(np.unique(totals)) == {80_000.0, 90_000.0}
    assert (totals == 90_000).mean() == pytest.approx(0.3, abs=0.015)


def test_an_offer_without_risk_has_no_spread_and_the_richer_offer_wins_every_future():
    table = offers.compare([offer(), offer(company="Birch", base=90_000)], years=4)
    assert table["p10"].tolist() == pytest.approx(table["total"].tolist())
    assert table["p_highest"].tolist() == [0.0, 1.0]
    assert offers.pick([offer(), offer(company="Birch", base=90_000)], table).company == "Birch"


# --------------------------------------------------------------------------- counter
def test_the_articles_fifty_k_example():
    figures = offers.load_negotiation_reference()
    package = offers.counter_package(offer(base=figures["example_offer_base"]), figures["example_target"])
    assert (package.base, package.bonus, package.sign_on) == (
        figures["example_counter_base"], figures["example_counter_bonus"], figures["example_counter_sign_on"])
    answers = offers.partial_yeses(package).set_index("answer")["first_year"]
    assert answers["yes to everything"] == 60_000
    assert answers["no to the bonus"] == 55_000  # 52.5K base + 2.5K sign-on
    assert answers["only the bonus"] == 55_000  # base raise and sign-on refused: 50K + 5K
    assert answers["no to everything"] == 50_000


def test_default_target_adds_the_buffer_to_the_base():
    package = offers.counter_package(offer(base=50_000), 0, buffer=0.10)
    assert package.target == 55_000 and package.base == 52_500
    with pytest.raises(ValueError):
        offers.counter_package(offer(), 0)


def test_a_target_below_the_offer_asks_for_nothing_more():
    package = offers.counter_package(offer(bonus_amount=5_000), 60_000)
    assert (package.base, package.bonus, package.sign_on, package.gap) == (80_000, 5_000, 0, 0)


@settings(max_examples=200, deadline=None)
@given(base=st.floats(10_000, 500_000), bonus=st.floats(0, 50_000), sign_on=st.floats(0, 50_000),
       extra=st.floats(1, 100_000), step=st.sampled_from([0.0, 1.0, 100.0, 500.0]))
def test_partial_yeses_still_reach_the_target(base, bonus, sign_on, extra, step):
    o = offer(base=base, bonus_amount=bonus, sign_on=sign_on)
    target = o.first_year_cash + extra
    package = offers.counter_package(o, target, step=step)
    answers = offers.partial_yeses(package).set_index("answer")
    assert answers.loc[["yes to everything", "no to the bonus", "no to the sign-on", "no to the base raise",
                        "only the bonus"], "reaches_target"].all()
    assert answers.loc["no to everything", "first_year"] == pytest.approx(o.first_year_cash)
    slack = 3 * step + 1e-6 * target  # each of the three asks is rounded up to the step
    assert package.full_yes == pytest.approx(o.first_year_cash + 2 * extra, abs=slack)
    assert package.base - o.base <= extra / 2 + step + 1e-6


# --------------------------------------------------------------------------- keep searching
def _log(rows: list[dict]) -> pd.DataFrame:
    defaults = {"company": "C", "role": "R", "channel": "job board", "outcome": "", "notes": "", "screen": None,
                "interview": None, "offer": None, "accepted": None}
    table = pd.DataFrame([{**defaults, **row} for row in rows]).reindex(columns=COLUMNS)
    for column in ("applied", "screen", "interview", "offer", "accepted"):
        table[column] = pd.to_datetime(table[column])
    return table


def simple_funnel(in_flight: bool = False) -> pd.DataFrame:
    """30 decided applications: 10 screens, 5 interviews, 2 offers, each step taking 7 days
    (so three weeks from application to offer); optionally one more at interview, waiting."""
    start = pd.Timestamp("2026-01-05")
    rows = []
    for i in range(30):  # a fixture of 30 rows
        day = start + pd.Timedelta(days=i)
        reached = 3 if i < 2 else 2 if i < 5 else 1 if i < 10 else 0
        rows.append({
            "company": f"C{i}", "applied": day,
            "screen": day + pd.Timedelta(days=7) if reached >= 1 else None,
            "interview": day + pd.Timedelta(days=14) if reached >= 2 else None,
            "offer": day + pd.Timedelta(days=21) if reached >= 3 else None,
            "outcome": "declined" if reached == 3 else "rejected",
        })
    if in_flight:
        rows.append({"company": "Waiting", "applied": "2026-02-10", "screen": "2026-02-17", "interview": "2026-02-24",
                     "outcome": "active"})
    return _log(rows)


def beta_moment(a: int, b: int, j: int) -> Fraction:
    """E[X^j] for X ~ Beta(a, b)."""
    out = Fraction(1)
    for i in range(j):
        out *= Fraction(a + i, a + b + i)
    return out


def closed_form(n: int) -> float:
    """P(at least one offer in n applications) = 1 - E[(1 - XYZ)^n], X, Y, Z the step rates'
    Beta posteriors (uniform prior: 10 of 30, 5 of 10, 2 of 5), by the binomial expansion."""
    none = sum(math.comb(n, j) * (-1) ** j * beta_moment(11, 21, j) * beta_moment(6, 6, j) * beta_moment(3, 4, j)
               for j in range(n + 1))
    return float(1 - none)


def test_keep_searching_matches_the_closed_form_on_a_simple_funnel():
    # Pace 2 a week and three weeks from application to offer: 4 weeks -> 2 applications
    # in time, 8 weeks -> 10, 12 weeks -> 18.
    outlook = offers.keep_searching(simple_funnel(), as_of="2026-03-01", pace=2, draws=100_000, seed=5)
    assert outlook.lag_weeks == pytest.approx(3.0)
    chances = outlook.chances.set_index("weeks")
    assert chances["applications"].tolist() == pytest.approx([2, 10, 18])
    for weeks, n in ((4, 2), (8, 10), (12, 18)):
        assert chances.loc[weeks, "p_offer"] == pytest.approx(closed_form(n), abs=0.005)
        assert chances.loc[weeks, "p_low"] < chances.loc[weeks, "p_offer"] < chances.loc[weeks, "p_high"]
    assert outlook.rate_low < outlook.rate < outlook.rate_high
    assert outlook.p_by_deadline is None and "no deadline" in outlook.reason


def test_with_a_fixed_rate_the_chance_is_binomial():
    rate = np.full(10, 0.05)
    assert offers.chance_of_offer(rate, 20) == pytest.approx(np.full(10, 1 - 0.95**20))


def test_no_time_for_new_applications_before_a_close_deadline():
    outlook = offers.keep_searching(simple_funnel(), deadline="2026-03-08", as_of="2026-03-01", pace=5)
    assert outlook.weeks_to_deadline == pytest.approx(1.0)
    assert outlook.p_by_deadline == 0.0  # an application takes three weeks to become an offer


def test_an_application_in_flight_counts_with_the_step_still_ahead():
    # No new applications (pace 0): only the one waiting at interview can become an offer,
    # with the offer step's posterior mean 3/7, once its remaining two days have passed.
    outlook = offers.keep_searching(simple_funnel(in_flight=True), deadline="2026-03-01", as_of="2026-03-01", pace=0,
                                    draws=100_000)
    chances = outlook.chances.set_index("label")["p_offer"]
    assert chances["by the deadline"] == 0.0
    assert chances["within 4 weeks"] == pytest.approx(3 / 7, abs=0.005)
    assert offers.pipeline(simple_funnel(in_flight=True), as_of="2026-03-01")["weeks_to_offer"].tolist() == (
        pytest.approx([2 / 7]))


def test_pace_comes_from_the_last_four_weeks_of_the_log():
    outlook = offers.keep_searching(simple_funnel(), as_of="2026-02-03")  # applied 2026-01-07 .. 2026-02-03 inclusive
    assert outlook.recent_applications == 28 and outlook.pace == 7.0
    assert outlook.pace_low < 7.0 < outlook.pace_high


def test_waiting_is_worth_current_pay_when_no_offer_can_come():
    outlook = offers.keep_searching(simple_funnel(), as_of="2026-03-01", pace=0, offer_values=[100_000, 90_000],
                                    current_pay=120_000, horizons=(4,))
    row = outlook.chances.iloc[0]
    assert row["p_offer"] == 0 and row["value_continue"] == pytest.approx(120_000)
    assert row["value_accept"] == 100_000 and row["p_better"] == 1.0
    unemployed = offers.keep_searching(simple_funnel(), as_of="2026-03-01", pace=0, offer_values=[100_000],
                                       current_pay=0, horizons=(4,)).chances.iloc[0]
    assert unemployed["value_continue"] == 0 and unemployed["p_better"] == 0


def test_no_offer_in_the_log_gives_no_answer_and_says_why():
    log = simple_funnel().assign(offer=pd.NaT, outcome="rejected")
    outlook = offers.keep_searching(log, deadline="2026-03-20", as_of="2026-03-01")
    assert outlook.rate is None and outlook.p_by_deadline is None and outlook.chances.empty
    assert "no offer" in outlook.reason


def test_search_uses_the_earliest_open_deadline_and_skips_without_a_log():
    held = [offer(deadline=pd.Timestamp(day).date(), company=name)
            for name, day in (("A", "2026-02-20"), ("B", "2026-03-15"), ("C", "2026-03-08"))]
    table = offers.compare(held, years=1)
    outlook = offers.search(simple_funnel(), held, table, as_of="2026-03-01", current_pay=0)
    assert outlook.weeks_to_deadline == pytest.approx(1.0)
    assert offers.search(None, held, table) is None


@pytest.mark.parametrize("kwargs, column", [({"years": 0}, "years"), ({"years": 2.5}, "years"),
                                            ({"discount_rate": 1.5}, "discount_rate"),
                                            ({"equity_haircut": -0.1}, "equity_haircut")])
def test_bad_report_parameters_are_data_errors(kwargs, column):
    from careerlib import DataError

    with pytest.raises(DataError) as err:
        offers.compare([offer()], **kwargs)
    assert err.value.column == column


def test_negative_current_pay_is_refused():
    from careerlib import DataError

    with pytest.raises(DataError, match="current_pay"):
        offers.keep_searching(simple_funnel(), as_of="2026-03-01", offer_values=[1.0], current_pay=-5)
