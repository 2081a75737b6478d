"""Funnel statistics on small, hand-made logs whose answers are known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from careerlib import funnel
from careerlib.applications import COLUMNS, STAGES, empty_log
from careerlib.stats import wilson_interval


def make_log(rows: list[dict]) -> pd.DataFrame:
    """A loaded-style log from dicts (stage dates as strings, missing = not reached)."""
    table = pd.DataFrame(rows)
    for column in COLUMNS:
        if column not in table:
            table[column] = "" if column not in STAGES else None
    for stage in STAGES:
        table[stage] = pd.to_datetime(table[stage]).astype("datetime64[ns]")
    table["company"] = table["company"].replace("", "Co")
    table["channel"] = table["channel"].replace("", "job board")
    table["line"] = np.arange(2, len(table) + 2)
    return table[[*COLUMNS, "line"]]


def app(outcome="rejected", channel="job board", applied="2026-01-05", **stages):
    return {"company": "Co", "channel": channel, "applied": applied, "outcome": outcome, **stages}


def step(summary: pd.DataFrame, stage: str) -> pd.Series:
    return summary.set_index("stage").loc[stage]


# --------------------------------------------------------------------------- summary
def test_zero_applications():
    s = funnel.summary(empty_log(), as_of="2026-02-01")
    assert list(s["stage"]) == list(STAGES)
    assert (s["reached"] == 0).all() and s["rate"].isna().all()
    assert funnel.applications_needed(empty_log(), as_of="2026-02-01") is None
    assert "no applications" in funnel.headline(s, funnel.reference_funnel(), funnel.offer_forecast(empty_log()))
    table = funnel.channel_table(empty_log(), as_of="2026-02-01")
    assert table.empty and {"applications", "screens", "offers", "screen_rate"} <= set(table.columns)


def test_all_decided_log_rates_are_plain_proportions():
    rows = (
        [app(screen="2026-01-10", interview="2026-01-20", offer="2026-02-01", outcome="declined")]
        + [app(screen="2026-01-10", interview="2026-01-20")] * 2
        + [app(screen="2026-01-10")] * 3
        + [app()] * 14
    )
    s = funnel.summary(make_log(rows), as_of="2026-03-01")
    assert list(s["reached"]) == [20, 6, 3, 1, 0]
    assert step(s, "screen")["rate"] == pytest.approx(6 / 20)
    assert step(s, "interview")["rate"] == pytest.approx(3 / 6)
    assert step(s, "offer")["rate"] == pytest.approx(1 / 3)
    assert step(s, "offer")["rate_from_applied"] == pytest.approx(1 / 20)
    assert (s["in_flight"] == 0).all()
    lo, hi = wilson_interval(6, 20)[1:]
    assert step(s, "screen")["low"] == pytest.approx(lo) and step(s, "screen")["high"] == pytest.approx(hi)


def test_applications_in_flight_are_left_out_of_the_step_they_wait_on():
    rows = (
        [app(screen="2026-01-10")] * 2
        + [app()] * 6
        + [app(outcome="active")] * 4
        + [app(outcome="active", screen="2026-01-12")]
    )
    s = funnel.summary(make_log(rows), as_of="2026-01-20")
    screen, interview = step(s, "screen"), step(s, "interview")
    assert step(s, "applied")["in_flight"] == 4 and screen["in_flight"] == 1
    assert screen["decided"] == 13 - 4 and screen["reached"] == 3
    assert screen["rate"] == pytest.approx(3 / 9)  # not 3 / 13
    assert interview["decided"] == 2  # the active one at screen is not yet a "no"


def test_everything_active_gives_no_rates():
    s = funnel.summary(make_log([app(outcome="active")] * 5), as_of="2026-01-20")
    assert step(s, "screen")["decided"] == 0 and np.isnan(step(s, "screen")["rate"])
    assert step(s, "applied")["in_flight"] == 5
    assert funnel.weakest_step(s) is None


def test_unknown_outcome_is_in_flight_until_stale_then_ghosted():
    rows = [app(outcome="unknown", applied="2026-01-01")]
    recent = funnel.summary(make_log(rows), as_of="2026-01-20")
    stale = funnel.summary(make_log(rows), as_of="2026-03-30")
    assert step(recent, "applied")["in_flight"] == 1 and step(stale, "applied")["in_flight"] == 0
    assert step(stale, "screen")["decided"] == 1


def test_as_of_hides_later_stages_and_later_applications():
    rows = [app(screen="2026-01-10", interview="2026-02-10", outcome="rejected"), app(applied="2026-03-01")]
    s = funnel.summary(make_log(rows), as_of="2026-01-31")
    assert list(s["reached"]) == [1, 1, 0, 0, 0]
    assert step(s, "screen")["in_flight"] == 1  # interview not known yet on that day


def test_skipped_stage_counts_as_passed():
    s = funnel.summary(make_log([app(interview="2026-01-15")]), as_of="2026-02-01")
    assert step(s, "screen")["reached"] == 1 and step(s, "interview")["reached"] == 1


def test_by_channel_adds_up_and_keeps_a_channel_with_one_application():
    rows = [app(channel="referral", screen="2026-01-10")] + [app(channel="job board")] * 5
    apps = make_log(rows)
    per = funnel.summary(apps, by="channel", as_of="2026-02-01")
    overall = funnel.summary(apps, as_of="2026-02-01")
    assert per.groupby("stage")["reached"].sum().reindex(STAGES).tolist() == overall["reached"].tolist()
    referral = per.loc[(per["channel"] == "referral") & (per["stage"] == "screen")].iloc[0]
    assert referral["rate"] == 1.0 and referral["low"] > 0.2 and referral["high"] == 1.0


# --------------------------------------------------------------------------- compare
def test_compare_matches_an_independent_beta_calculation():
    rows = [app(channel="referral", screen="2026-01-10")] * 8 + [app(channel="referral")] * 2
    rows += [app(channel="job board", screen="2026-01-10")] * 3 + [app(channel="job board")] * 27
    pairs = funnel.compare(make_log(rows), by="channel", stage="screen", as_of="2026-02-01")
    got = pairs.loc[(pairs["group_a"] == "referral") & (pairs["group_b"] == "job board"), "prob_a_better"].iloc[0]
    # P(A > B) by numerical integration of the two Beta posteriors.
    x = np.linspace(0, 1, 20001)
    expected = np.trapezoid(sps.beta.pdf(x, 9, 3) * sps.beta.cdf(x, 4, 28), x)
    assert got == pytest.approx(expected, abs=0.01)
    reverse = pairs.loc[(pairs["group_a"] == "job board") & (pairs["group_b"] == "referral"), "prob_a_better"].iloc[0]
    assert got + reverse == pytest.approx(1.0, abs=1e-9)


def test_before_after_sentence_reports_both_periods():
    rows = [app(applied="2026-01-05")] * 9 + [app(applied="2026-01-05", screen="2026-01-09")]
    rows += [app(applied="2026-02-05", screen="2026-02-09")] * 5 + [app(applied="2026-02-05")] * 5
    sentence = funnel.before_after(make_log(rows), "2026-02-01", as_of="2026-03-01")
    assert "50% (5 of 10)" in sentence and "10% before (1 of 10)" in sentence
    assert "no before/after" in funnel.before_after(make_log(rows), "")


# --------------------------------------------------------------------------- forecast
def test_no_offer_yet_gives_none_with_a_reason():
    apps = make_log([app(screen="2026-01-10")] * 3 + [app()] * 10)
    forecast = funnel.offer_forecast(apps, as_of="2026-02-01")
    assert forecast.applications_needed is None and "no offer" in forecast.reason
    assert funnel.applications_needed(apps, as_of="2026-02-01") is None


def test_forecast_carries_uncertainty_and_is_the_smallest_sufficient_n():
    rows = [app(screen="2026-01-10", interview="2026-01-15", offer="2026-01-25", outcome="declined")] * 2
    rows += [app(screen="2026-01-10", interview="2026-01-15")] * 3 + [app(screen="2026-01-10")] * 5 + [app()] * 40
    apps = make_log(rows)
    forecast = funnel.offer_forecast(apps, confidence=0.9, as_of="2026-03-01")
    n = forecast.applications_needed
    # Point-estimate answer (rate 2/50): ignoring uncertainty would ask for fewer applications.
    plug_in = int(np.ceil(np.log(0.1) / np.log(1 - 2 / 50)))
    assert n > plug_in
    # Independent check of "smallest n": posterior predictive from fresh draws of the same posteriors.
    rng = np.random.default_rng(123)
    p = rng.beta(11, 41, 200_000) * rng.beta(6, 6, 200_000) * rng.beta(3, 4, 200_000)
    chance = lambda k: 1 - np.mean((1 - p) ** k)  # noqa: E731
    assert chance(n) >= 0.89 and chance(n - 3) < 0.905
    assert forecast.rate_low < 2 / 50 < forecast.rate_high
    assert funnel.applications_needed(apps, offers=2, as_of="2026-03-01") > n


def test_offer_chances_rise_with_more_applications():
    rows = [app(screen="2026-01-10", interview="2026-01-15", offer="2026-01-25", outcome="declined")] + [app()] * 19
    chances = funnel.offer_chances(make_log(rows), as_of="2026-03-01")
    assert chances["probability"].is_monotonic_increasing and chances["probability"].iloc[0] == 0


# --------------------------------------------------------------------------- time
def test_time_in_stage_medians():
    rows = [
        app(applied="2026-01-01", screen="2026-01-05", interview="2026-01-15"),
        app(applied="2026-01-01", screen="2026-01-11"),
        app(applied="2026-01-01", screen="2026-01-21", interview="2026-01-25"),
    ]
    times = funnel.time_in_stage(make_log(rows), as_of="2026-02-01").set_index("from_stage")
    assert times.loc["applied", "median_days"] == 10 and times.loc["applied", "transitions"] == 3
    assert times.loc["screen", "median_days"] == 7 and times.loc["screen", "min_days"] == 4
    assert times.loc["offer", "transitions"] == 0 and np.isnan(times.loc["offer", "median_days"])


def test_weekly_activity_counts_every_event_and_fills_empty_weeks():
    rows = [app(applied="2026-01-05", screen="2026-01-20"), app(applied="2026-01-07")]
    weekly = funnel.weekly_activity(make_log(rows), as_of="2026-01-31")
    applied = weekly.loc[weekly["stage"] == "applied"].set_index("week")["count"]
    assert applied.loc["2026-01-05"] == 2 and applied.loc["2026-01-12"] == 0
    assert weekly["count"].sum() == 3


def test_rolling_rates_window():
    rows = [app(applied="2026-01-05", screen="2026-01-08")] + [app(applied="2026-01-12")] * 3
    rolling = funnel.rolling_rates(make_log(rows), window_weeks=2, as_of="2026-03-01").set_index("week")
    assert rolling.loc["2026-01-05", "rate"] == 1.0
    assert rolling.loc["2026-01-12", "rate"] == pytest.approx(1 / 4)


# --------------------------------------------------------------------------- reading it
def test_reference_funnel_is_the_cited_search():
    ref = funnel.reference_funnel().set_index("stage")
    assert ref["count"].tolist() == [1000, 20, 5, 1]
    assert ref.loc["screen", "rate"] == pytest.approx(0.02) and ref.loc["offer", "rate"] == pytest.approx(0.2)
    assert (ref["year"].astype(int) == 2015).all() and ref["source"].str.contains("Multi-Channel").all()


def test_report_summary_follows_the_contract():
    rows = [app(screen="2026-01-10", interview="2026-01-15", offer="2026-01-25", outcome="declined")] + [app()] * 9
    out = funnel.report_summary(make_log(rows), as_of="2026-03-01")
    assert out["report"] == "funnel" and out["as_of"] == "2026-03-01" and out["applications"] == 10
    assert [s["stage"] for s in out["stages"]] == list(STAGES)
    assert out["stages"][0]["rate"] is None and out["stages"][1]["rate"] == pytest.approx(0.1)
    assert out["channels"] == [{"channel": "job board", "applications": 10, "offers": 1}]
    assert isinstance(out["applications_needed"], int)


def test_in_flight_table_lists_waiting_applications():
    rows = [
        app(outcome="active", applied="2026-01-01"),
        app(outcome="active", applied="2026-01-10", screen="2026-01-15"),
        app(),
    ]
    table = funnel.in_flight(make_log(rows), as_of="2026-01-31")
    assert table["stage"].tolist() == ["applied", "screen"] and table["days_waiting"].tolist() == [30, 16]


def test_an_undated_log_gives_the_funnel_without_time(tmp_path):
    """Issue 18: a tally with no dates still gives stage counts and rates; time is not measured."""
    from careerlib import load_applications

    path = tmp_path / "tally.csv"
    path.write_text("Company,Screen,Interview,Rejected\nA,1,1,\nB,1,,1\nC,,,1\nD,,,\n", encoding="utf-8")
    apps = load_applications(path)
    assert funnel.is_undated(apps) and apps["applied"].isna().all()
    steps = funnel.summary(apps)
    assert list(steps["reached"]) == [4, 2, 1, 0, 0]  # worked by hand: A interview, B screen, C and D applied
    assert steps.loc[1, "decided"] == 4 and abs(steps.loc[1, "rate"] - 0.5) < 1e-12
    assert funnel.channel_table(apps)["applications"].iloc[0] == 4
