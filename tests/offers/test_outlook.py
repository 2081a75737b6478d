"""Keep searching or accept: the chance of another offer against a closed form on a small
funnel, applications in flight, the pace, and what waiting is worth."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from careerlib import DataError, funnel, load_applications, offers
from careerlib.applications import COLUMNS
from careerlib.offers import Offer
from import_files import undated_log


def offer(**changes) -> Offer:
    return Offer(**{"company": "Acme", "role": "Analyst", "base": 80_000.0, **changes})


def _log(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "company": "C",
        "role": "R",
        "channel": "job board",
        "outcome": "",
        "notes": "",
        "screen": None,
        "interview": None,
        "offer": None,
        "accepted": None,
    }
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
        rows.append(
            {
                "company": f"C{i}",
                "applied": day,
                "screen": day + pd.Timedelta(days=7) if reached >= 1 else None,
                "interview": day + pd.Timedelta(days=14) if reached >= 2 else None,
                "offer": day + pd.Timedelta(days=21) if reached >= 3 else None,
                "outcome": "declined" if reached == 3 else "rejected",
            }
        )
    if in_flight:
        rows.append(
            {
                "company": "Waiting",
                "applied": "2026-02-10",
                "screen": "2026-02-17",
                "interview": "2026-02-24",
                "outcome": "active",
            }
        )
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
    none = sum(
        math.comb(n, j) * (-1) ** j * beta_moment(11, 21, j) * beta_moment(6, 6, j) * beta_moment(3, 4, j)
        for j in range(n + 1)
    )
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
    outlook = offers.keep_searching(
        simple_funnel(in_flight=True), deadline="2026-03-01", as_of="2026-03-01", pace=0, draws=100_000
    )
    chances = outlook.chances.set_index("label")["p_offer"]
    assert chances["by the deadline"] == 0.0
    assert chances["within 4 weeks"] == pytest.approx(3 / 7, abs=0.005)
    assert offers.pipeline(simple_funnel(in_flight=True), as_of="2026-03-01")["weeks_to_offer"].tolist() == (
        pytest.approx([2 / 7])
    )


def test_pace_comes_from_the_last_four_weeks_of_the_log():
    outlook = offers.keep_searching(simple_funnel(), as_of="2026-02-03")  # applied 2026-01-07 .. 2026-02-03 inclusive
    assert outlook.recent_applications == 28 and outlook.pace == 7.0
    assert outlook.pace_low < 7.0 < outlook.pace_high


def test_waiting_is_worth_current_pay_when_no_offer_can_come():
    outlook = offers.keep_searching(
        simple_funnel(), as_of="2026-03-01", pace=0, offer_values=[100_000, 90_000], current_pay=120_000, horizons=(4,)
    )
    row = outlook.chances.iloc[0]
    assert row["p_offer"] == 0 and row["value_continue"] == pytest.approx(120_000)
    assert row["value_accept"] == 100_000 and row["p_better"] == 1.0
    unemployed = offers.keep_searching(
        simple_funnel(), as_of="2026-03-01", pace=0, offer_values=[100_000], current_pay=0, horizons=(4,)
    ).chances.iloc[0]
    assert unemployed["value_continue"] == 0 and unemployed["p_better"] == 0


def test_no_offer_in_the_log_gives_no_answer_and_says_why():
    log = simple_funnel().assign(offer=pd.NaT, outcome="rejected")
    outlook = offers.keep_searching(log, deadline="2026-03-20", as_of="2026-03-01")
    assert outlook.rate is None and outlook.p_by_deadline is None and outlook.chances.empty
    assert "no offer" in outlook.reason


def test_search_uses_the_earliest_open_deadline_and_skips_without_a_log():
    held = [
        offer(deadline=pd.Timestamp(day).date(), company=name)
        for name, day in (("A", "2026-02-20"), ("B", "2026-03-15"), ("C", "2026-03-08"))
    ]
    table = offers.compare(held, years=1)
    outlook = offers.search(simple_funnel(), held, table, as_of="2026-03-01", current_pay=0)
    assert outlook.weeks_to_deadline == pytest.approx(1.0)
    assert offers.search(None, held, table) is None


def test_negative_current_pay_is_refused():
    with pytest.raises(DataError, match="current_pay"):
        offers.keep_searching(simple_funnel(), as_of="2026-03-01", offer_values=[1.0], current_pay=-5)


def test_an_undated_log_forecasts_nothing_and_says_time_is_not_measured(tmp_path):
    """Issue 18: with no dates there is no pace and no time to an offer, so no chance is
    made up (the offers seen are still counted)."""
    apps = load_applications(undated_log(tmp_path / "tally.csv"))
    assert funnel.is_undated(apps)
    outlook = offers.keep_searching(apps, deadline="2026-03-20", as_of="2026-03-01", offer_values=[1.0], current_pay=0)
    assert outlook.undated and outlook.chances.empty and outlook.rate is None and outlook.p_by_deadline is None
    assert outlook.reason == funnel.NOT_MEASURED and outlook.offers_seen == 1
    assert math.isnan(outlook.pace) and math.isnan(outlook.lag_weeks) and outlook.recent_applications == 0
    held = [offer(deadline=pd.Timestamp("2026-03-20").date())]
    assert offers.search(apps, held, offers.compare(held, years=1), current_pay=0).undated
    text = offers.search_text(outlook)
    assert funnel.NOT_MEASURED in text and "%" not in text
