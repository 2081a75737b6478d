from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from careerlib.cohort import model


def apps_table(rows: list[tuple]) -> pd.DataFrame:
    """(person, channel, applied, screen, outcome) rows -> the pooled applications table."""
    frame = pd.DataFrame(rows, columns=["person", "channel", "applied", "screen", "outcome"])
    for stage in ("applied", "screen"):
        frame[stage] = pd.to_datetime(frame[stage])
    for stage in ("interview", "offer", "accepted"):
        frame[stage] = pd.NaT
    return frame


def people_table(n: int, changes: dict[int, str] | None = None) -> pd.DataFrame:
    dates = [pd.Timestamp((changes or {}).get(i)) if (changes or {}).get(i) else pd.NaT for i in range(n)]
    return pd.DataFrame({"person": range(n), "change_date": dates})


def test_one_heavy_applicant_moves_the_pooled_rate_not_the_median():
    rows = [(0, "cold", "2026-09-01", "" if i else "2026-09-05", "rejected") for i in range(200)]  # 1 of 200
    for person in range(1, 21):  # twenty people, 5 of 10 each
        rows += [(person, "cold", "2026-09-01", "2026-09-05" if i < 5 else "", "rejected") for i in range(10)]
    rows = [(p, c, a, s or None, o) for p, c, a, s, o in rows]
    channels, person_rates = model.channel_rates(apps_table(rows), as_of="2026-10-30")
    row = channels.iloc[0]
    assert row["people"] == 21 and row["applications"] == 400
    assert row["rate"] == pytest.approx(101 / 400)
    assert row["person_median"] == pytest.approx(0.5)
    assert row["median_low"] <= 0.5 <= row["median_high"] and row["low"] < row["rate"] < row["high"]
    assert len(person_rates) == 21


def test_groups_below_five_people_are_suppressed_and_counted():
    rows = [(p, "referral", "2026-09-01", "2026-09-03", "rejected") for p in range(6)]
    rows += [(p, "recruiter", "2026-09-02", None, "rejected") for p in range(4)]  # 4 people only
    view = model.overview(apps_table(rows), people_table(6), as_of="2026-10-30", min_people=5)
    assert view.channels["channel"].tolist() == ["referral"]
    assert set(view.person_rates["channel"]) == {"referral"}
    assert "channel (4 people)" in view.suppressed_what
    assert view.first_offer["suppressed"] and view.change["suppressed"]
    assert view.suppressed == len(view.suppressed_what) >= 3


def test_a_cohort_below_five_people_shows_no_funnel():
    rows = [(p, "referral", "2026-09-01", "2026-09-03", "rejected") for p in range(4)]
    view = model.overview(apps_table(rows), people_table(4), as_of="2026-10-30")
    assert view.stages.empty and view.channels.empty and "the whole cohort" in view.suppressed_what


def test_before_after_counts_each_person_once():
    rows = []
    for person in range(6):
        rows += [(person, "cold", "2026-08-0%d" % (i + 1), None, "rejected") for i in range(4)]  # 0 of 4 before
        rows += [
            (person, "cold", "2026-09-1%d" % i, "2026-09-2%d" % i if i < 2 else None, "rejected") for i in range(4)
        ]  # 2 of 4 after
    view = model.overview(apps_table(rows), people_table(6, {i: "2026-09-01" for i in range(6)}), as_of="2026-10-30")
    periods = view.before_after.set_index("period")
    assert periods.loc["before", "rate"] == 0 and periods.loc["after", "rate"] == pytest.approx(0.5)
    assert view.change == {
        "people": 6,
        "rated": 6,
        "improved": 6,
        "worse": 0,
        "median_change": 0.5,
        "suppressed": False,
    }


def test_time_to_first_offer_counts_people_without_one():
    rows = apps_table([(p, "referral", "2026-09-01", "2026-09-05", "active") for p in range(8)])
    rows.loc[rows["person"] < 5, "interview"] = pd.Timestamp("2026-09-10")
    rows.loc[rows["person"] < 5, "offer"] = pd.Timestamp("2026-09-01") + pd.to_timedelta(rows["person"] * 10 + 20, "D")
    first, days = model.first_offer(rows, as_of="2026-12-01")
    assert first["people"] == 8 and first["with_offer"] == 5 and first["median_days"] == 40
    assert first["low"] < 5 / 8 < first["high"]
    assert days.tolist() == [20, 30, 40, 50, 60]


def test_median_interval_from_order_statistics():
    rates = np.linspace(0, 1, 101)
    low, high = model.median_interval(rates[::-1])
    assert (low, high) == (rates[39], rates[61])  # ranks 40 and 62 of 101: 50.5 -/+ 9.85, rounded outwards
    assert model.median_interval(np.array([0.2, 0.9])) == (0.2, 0.9)
    assert all(np.isnan(model.median_interval(np.array([]))))
