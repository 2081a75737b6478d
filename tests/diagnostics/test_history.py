"""Stuck-career history (careerlib/diagnostics/history.py): signals on hand-made histories, CPI deflation."""

from __future__ import annotations

import numpy as np
import pytest

from careerlib import diagnostics
from careerlib.diagnostics import diagnose
from diagnostics_helpers import CPI, IMPORTED, LEVEL_SIGNALS, PROMOTED_THEN_STUCK, career, signal, signals


# --------------------------------------------------------------------------- signals on hand-made histories
def test_never_promoted_uses_the_default_bar(tmp_path):
    history = career(tmp_path, "2018-01-01,2020-12-31,Acme,Analyst,2,,,,,hire", "2021-01-01,,Beta,Analyst,2,,,,,hire")
    table = signals(history, as_of="2024-01-01")
    step = signal(table, "years_since_step_up")
    assert step["value"] == pytest.approx(6.0, abs=0.01)  # counted from the first role
    assert step["threshold"] == 3.0 and step["flagged"]
    assert "no step up" in step["evidence"]
    assert diagnostics.years_since_promotion(history, "2024-01-01") is None


def test_promoted_every_two_years_then_nothing_for_five(tmp_path):
    history = career(tmp_path, *PROMOTED_THEN_STUCK)
    table = signals(history, as_of="2021-01-01", cpi=CPI)
    step = signal(table, "years_since_step_up")
    assert step["value"] == pytest.approx(5.0, abs=0.01)
    assert step["threshold"] == pytest.approx(3.0, abs=0.01)  # 1.5 x the two-year rhythm
    assert step["flagged"] and "2.0 years" in step["evidence"]
    assert diagnostics.years_since_promotion(history, "2021-01-01") == pytest.approx(5.0, abs=0.01)
    assert signal(table, "consecutive_laterals")["value"] == 0
    assert signal(table, "level_growth")["flagged"]  # level 4 five years ago and now
    assert diagnose(history, None, as_of="2021-01-01", cpi=CPI).stalled


def test_all_laterals_are_counted_in_a_row(tmp_path):
    history = career(
        tmp_path,
        "2015-01-01,2016-12-31,Acme,Analyst,2,,,,,hire",
        "2017-01-01,2018-12-31,Acme,Analyst B,2,,,,,lateral",
        "2019-01-01,2020-12-31,Beta,Analyst,2,,,,,hire",  # a hire at the same level is sideways too
        "2021-01-01,,Beta,Analyst C,2,,,,,restructure",
    )
    laterals = signal(signals(history, as_of="2022-01-01"), "consecutive_laterals")
    assert laterals["value"] == 3 and laterals["flagged"]
    assert laterals["evidence"].startswith("Your last 3 moves were sideways")


def test_a_current_role_only_is_not_judged_too_early(tmp_path):
    history = career(tmp_path, "2024-06-01,,Acme,Analyst,1,50000,USD,4,5,hire")
    table = signals(history, as_of="2025-01-01")
    assert not table["flagged"].any()
    assert np.isnan(signal(table, "rating_trend")["value"])
    assert np.isnan(signal(table, "real_salary_growth")["value"])
    assert signal(table, "consecutive_laterals")["value"] == 0
    result = diagnose(history, None, as_of="2025-01-01")
    assert not result.stalled and "moving" in result.verdict


def test_a_demotion_is_not_a_step_up_but_climbing_back_is(tmp_path):
    history = career(
        tmp_path,
        "2015-01-01,2017-12-31,Acme,Lead,3,,,,,hire",
        "2018-01-01,2019-12-31,Acme,Analyst,2,,,,,demotion",
        "2020-01-01,,Beta,Lead,3,,,,,hire",
    )
    roles = diagnostics.chronological(history, "2021-01-01")
    assert list(roles["step_down"]) == [False, True, False]
    assert list(roles["step_up"]) == [False, False, True]
    assert signal(signals(history, as_of="2021-01-01"), "consecutive_laterals")["value"] == 0
    assert diagnostics.years_since_promotion(history, "2021-01-01") == pytest.approx(1.0, abs=0.01)


def test_demotion_lowers_level_growth(tmp_path):
    history = career(tmp_path, "2015-01-01,2019-12-31,Acme,Lead,3,,,,,hire", "2020-01-01,,Acme,Analyst,2,,,,,demotion")
    growth = signal(signals(history, as_of="2022-01-01"), "level_growth")
    assert growth["value"] == pytest.approx(-1 / 5, abs=0.001) and growth["flagged"]


def test_rating_trend_is_normalised_to_each_scale(tmp_path):
    history = career(
        tmp_path,
        "2016-01-01,2017-12-31,Acme,A,1,,,8,10,hire",  # 80 %
        "2018-01-01,2019-12-31,Beta,B,2,,,3,5,hire",  # 60 %
        "2020-01-01,,Beta,C,2,,,2,5,lateral",  # 40 %
    )
    trend = signal(signals(history, as_of="2021-01-01"), "rating_trend")
    assert trend["value"] == pytest.approx(-0.2) and trend["flagged"]


# --------------------------------------------------------------------------- CPI
def test_real_salary_growth_matches_a_hand_worked_example(tmp_path):
    # 50,000 last paid in 2015 (CPI 237.017); 60,000 paid on 2020-01-01 (CPI 258.811).
    # Real ratio: (60000 / 258.811) / (50000 / 237.017) = 1.2 * 0.915792 = 1.098950
    # Over 1826 days = 1826 / 365.25 = 4.999316 years: 1.098950 ** (1 / 4.999316) - 1 = 0.019053
    history = career(
        tmp_path, "2010-01-01,2015-01-01,Acme,A,1,50000,USD,,,hire", "2015-01-02,,Acme,B,2,60000,USD,,,promotion"
    )
    growth = signal(signals(history, as_of="2020-01-01", cpi=CPI), "real_salary_growth")
    assert growth["value"] == pytest.approx(0.019053, abs=1e-6)
    assert "+3.7% a year before inflation" in growth["evidence"]
    pay = diagnostics.salary_history(history, as_of="2020-01-01", cpi=CPI)
    assert list(pay["cpi_year"]) == [2015, 2020]
    assert pay["real_salary"].iloc[0] == pytest.approx(50000 * 258.811 / 237.017)


def test_years_after_the_cpi_table_use_its_last_year_with_a_note(tmp_path):
    history = career(
        tmp_path, "2010-01-01,2015-01-01,Acme,A,1,50000,USD,,,hire", "2015-01-02,,Acme,B,2,60000,USD,,,promotion"
    )
    pay = diagnostics.salary_history(history, as_of="2023-03-01", cpi=CPI)
    assert pay["cpi_year"].iloc[-1] == 2020 and "no CPI for 2023" in pay["note"].iloc[-1]
    assert "2020 used" in signal(signals(history, as_of="2023-03-01", cpi=CPI), "real_salary_growth")["evidence"]


def test_signals_needing_levels_are_not_measured_and_never_flagged(tmp_path):
    table = signals(career(tmp_path, *IMPORTED), as_of="2026-11-01", cpi=CPI).set_index("signal")
    assert table["value"].isna().all() and not table["flagged"].any()
    assert table["evidence"].str.startswith("Not measured").all()
    assert "4 of 4 roles have no level" in table.loc["years_since_step_up", "evidence"]
    assert "1 move has no change type" in table.loc["years_since_step_up", "evidence"]


def test_levels_filled_in_later_make_the_moves_measurable(tmp_path):
    filled = [row.replace(",,,,,,", f",{level},,,,,") for row, level in zip(IMPORTED, (1, 2, 3, 4))]
    table = signals(career(tmp_path, *filled), as_of="2026-11-01", cpi=CPI).set_index("signal")
    assert table.loc[LEVEL_SIGNALS, "value"].notna().all()
    assert table.loc["years_since_step_up", "value"] == pytest.approx(5.42, abs=0.01)  # Jun 2021, a level up


def test_equal_levels_need_the_change_type(tmp_path):
    rows = ["2015-01-01,2017-12-31,Acme,Analyst,2,,,,,hire", "2018-01-01,,Acme,Analyst II,2,,,,,"]
    roles = diagnostics.chronological(career(tmp_path, *rows), "2022-01-01")
    assert not roles["known"].iloc[1]  # could be a promotion in name only
    step = signal(signals(career(tmp_path, rows[0], rows[1] + "lateral"), as_of="2022-01-01"), "years_since_step_up")
    assert step["value"] == pytest.approx(7.0, abs=0.01) and step["flagged"]


def test_a_run_of_laterals_ending_at_an_unknown_move_is_not_measured(tmp_path):
    rows = [
        "2010-01-01,2011-12-31,Acme,A,1,,,,,hire",
        "2012-01-01,2013-12-31,Acme,B,,,,,,",
        "2014-01-01,2015-12-31,Acme,C,2,,,,,lateral",
        "2016-01-01,,Acme,D,2,,,,,lateral",
    ]
    laterals = signal(signals(career(tmp_path, *rows), as_of="2020-01-01"), "consecutive_laterals")
    assert np.isnan(laterals["value"]) and not laterals["flagged"]
    rows[1] = rows[1].replace(",B,,", ",B,2,")  # now the run stops at a known step up
    laterals = signal(signals(career(tmp_path, *rows), as_of="2020-01-01"), "consecutive_laterals")
    assert laterals["value"] == 2 and laterals["flagged"]
