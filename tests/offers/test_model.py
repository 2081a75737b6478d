"""The offers model against hand-worked figures: vesting with a cliff, a claw-back, a
bonus paid with a chance, discounting, and the article's counter example."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import offers
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
        figures["example_counter_base"],
        figures["example_counter_bonus"],
        figures["example_counter_sign_on"],
    )
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
@given(
    base=st.floats(10_000, 500_000),
    bonus=st.floats(0, 50_000),
    sign_on=st.floats(0, 50_000),
    extra=st.floats(1, 100_000),
    step=st.sampled_from([0.0, 1.0, 100.0, 500.0]),
)
def test_partial_yeses_still_reach_the_target(base, bonus, sign_on, extra, step):
    o = offer(base=base, bonus_amount=bonus, sign_on=sign_on)
    target = o.first_year_cash + extra
    package = offers.counter_package(o, target, step=step)
    answers = offers.partial_yeses(package).set_index("answer")
    assert answers.loc[
        ["yes to everything", "no to the bonus", "no to the sign-on", "no to the base raise", "only the bonus"],
        "reaches_target",
    ].all()
    assert answers.loc["no to everything", "first_year"] == pytest.approx(o.first_year_cash)
    slack = 3 * step + 1e-6 * target  # each of the three asks is rounded up to the step
    assert package.full_yes == pytest.approx(o.first_year_cash + 2 * extra, abs=slack)
    assert package.base - o.base <= extra / 2 + step + 1e-6


@pytest.mark.parametrize(
    "kwargs, column",
    [
        ({"years": 0}, "years"),
        ({"years": 2.5}, "years"),
        ({"discount_rate": 1.5}, "discount_rate"),
        ({"equity_haircut": -0.1}, "equity_haircut"),
    ],
)
def test_bad_report_parameters_are_data_errors(kwargs, column):
    from careerlib import DataError

    with pytest.raises(DataError) as err:
        offers.compare([offer()], **kwargs)
    assert err.value.column == column
