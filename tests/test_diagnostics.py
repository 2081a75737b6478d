"""Stuck-career diagnostics: the career loader, the history signals, CPI deflation and the diagnosis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError, diagnostics
from careerlib.diagnostics import COLUMNS, diagnose, load_career, signals

HEADER = ",".join(COLUMNS)
CPI = pd.DataFrame({"year": [2010, 2015, 2020], "cpi": [218.056, 237.017, 258.811]})


def write(tmp_path: Path, *rows: str, name: str = "career.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def career(tmp_path: Path, *rows: str) -> pd.DataFrame:
    return load_career(write(tmp_path, *rows))


def signal(table: pd.DataFrame, name: str) -> pd.Series:
    return table.set_index("signal").loc[name]


# A career promoted every two years from 2010 to 2016, then nothing for five years.
PROMOTED_THEN_STUCK = [
    "2010-01-01,2011-12-31,Acme,Analyst,1,50000,USD,4,5,hire",
    "2012-01-01,2013-12-31,Acme,Senior Analyst,2,60000,USD,4,5,promotion",
    "2014-01-01,2015-12-31,Acme,Lead,3,70000,USD,4,5,promotion",
    "2016-01-01,,Acme,Manager,4,80000,USD,3,5,promotion",
]


# --------------------------------------------------------------------------- signals on hand-made histories
def test_never_promoted_uses_the_default_bar(tmp_path):
    history = career(tmp_path, "2018-01-01,2020-12-31,Acme,Analyst,2,,,,,hire",
                     "2021-01-01,,Beta,Analyst,2,,,,,hire")
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
    history = career(tmp_path, "2010-01-01,2015-01-01,Acme,A,1,50000,USD,,,hire", "2015-01-02,,Acme,B,2,60000,USD,,,promotion")
    growth = signal(signals(history, as_of="2020-01-01", cpi=CPI), "real_salary_growth")
    assert growth["value"] == pytest.approx(0.019053, abs=1e-6)
    assert "+3.7% a year before inflation" in growth["evidence"]
    pay = diagnostics.salary_history(history, as_of="2020-01-01", cpi=CPI)
    assert list(pay["cpi_year"]) == [2015, 2020]
    assert pay["real_salary"].iloc[0] == pytest.approx(50000 * 258.811 / 237.017)


def test_years_after_the_cpi_table_use_its_last_year_with_a_note(tmp_path):
    history = career(tmp_path, "2010-01-01,2015-01-01,Acme,A,1,50000,USD,,,hire", "2015-01-02,,Acme,B,2,60000,USD,,,promotion")
    pay = diagnostics.salary_history(history, as_of="2023-03-01", cpi=CPI)
    assert pay["cpi_year"].iloc[-1] == 2020 and "no CPI for 2023" in pay["note"].iloc[-1]
    assert "2020 used" in signal(signals(history, as_of="2023-03-01", cpi=CPI), "real_salary_growth")["evidence"]


def test_the_shipped_cpi_table_is_valid():
    cpi = diagnostics.load_cpi()
    assert cpi["year"].is_monotonic_increasing and cpi.set_index("year").loc[2024, "cpi"] == 313.689


# --------------------------------------------------------------------------- diagnosis
def test_diagnosis_is_stable_under_reordering_of_rows(tmp_path):
    rows = list(PROMOTED_THEN_STUCK) + ["2009-01-01,2009-12-31,Zeta,Intern,0,20000,USD,5,5,hire"]
    responses = diagnostics.load_stuck_responses("data/sample/stuck_responses.csv")
    first = diagnose(career(tmp_path, *rows), responses, as_of="2021-01-01")
    shuffled_rows = [rows[i] for i in (3, 0, 4, 2, 1)]
    shuffled = load_career(write(tmp_path, *shuffled_rows, name="shuffled.csv")).sample(frac=1, random_state=3)
    second = diagnose(shuffled, responses.sample(frac=1, random_state=5), as_of="2021-01-01")
    assert diagnostics.report_summary(first) == diagnostics.report_summary(second)
    pd.testing.assert_frame_equal(first.contributions, second.contributions)
    pd.testing.assert_frame_equal(first.plan, second.plan)
    assert first.verdict == second.verdict


def test_a_healthy_career_is_told_so(tmp_path):
    history = career(
        tmp_path,
        "2016-01-01,2017-12-31,Acme,Analyst,1,50000,USD,4,5,hire",
        "2018-01-01,2019-12-31,Acme,Senior Analyst,2,62000,USD,4,5,promotion",
        "2020-01-01,2022-02-28,Beta,Lead,3,80000,USD,5,5,hire",
        "2022-03-01,,Beta,Manager,4,98000,USD,5,5,promotion",
    )
    result = diagnose(history, None, as_of="2023-06-01")
    assert not result.stalled
    assert result.verdict.startswith("**Your career is moving.**")
    assert (result.causes["score"] < 40).all()
    assert "keep the momentum" in set(result.plan["why"]).pop()


def test_sample_data_shows_a_stall_with_a_blocking_boss():
    history = load_career("data/sample/career.csv")
    result = diagnose(history, diagnostics.load_stuck_responses("data/sample/stuck_responses.csv"), as_of="2026-11-01")
    assert result.stalled and result.boss_blocking and result.confidence == "high"
    summary = diagnostics.report_summary(result)
    scores = [c["score"] for c in summary["causes"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 6
    assert set(summary) == {"report", "as_of", "stalled", "years_since_promotion", "signals", "causes", "boss_blocking"}
    # contributions add up to each cause's score
    totals = result.contributions.groupby("cause")["contribution"].sum()
    assert np.allclose(result.causes.set_index("cause")["score"], totals.reindex(result.causes["cause"]))
    assert list(result.plan["check_in"].drop_duplicates()) == [pd.Timestamp("2026-12-01"), pd.Timestamp("2026-12-31"),
                                                               pd.Timestamp("2027-01-30")]


def test_without_answers_the_diagnosis_says_it_rests_on_history():
    result = diagnose(load_career("data/sample/career.csv"), diagnostics.load_stuck_responses(""), as_of="2026-11-01")
    assert result.history_only and not result.boss_blocking
    assert "career history alone" in result.verdict
    assert result.contributions.loc[result.contributions["source"] == "questionnaire", "assumed"].all()


def test_share_mode_hides_employers_and_titles():
    shared = diagnostics.share_career(load_career("data/sample/career.csv"))
    assert set(shared["employer"]) == {"Employer A", "Employer B", "Employer C"}
    assert shared["title"].iloc[0] == "Level 1 role"


# --------------------------------------------------------------------------- loader faults
GOOD = "2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,5,hire"
FAULTS = [
    ("2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,5,hire\n2016-06-01,,Acme,Lead,3,60000,USD,4,5,promotion", 3, "start"),
    ("2015-01-01,2014-12-31,Acme,Analyst,2,50000,USD,4,5,hire", 2, "end"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,6,5,hire", 2, "rating"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,,hire", 2, "rating_scale_max"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,5,sideways", 2, "change"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2.5,50000,USD,4,5,hire", 2, "level"),
    ("2015-01-01,2016-12-31,Acme,Analyst,two,50000,USD,4,5,hire", 2, "level"),
    ("2015-13-01,2016-12-31,Acme,Analyst,2,50000,USD,4,5,hire", 2, "start"),
    (",2016-12-31,Acme,Analyst,2,50000,USD,4,5,hire", 2, "start"),
    ("2015-01-01,2016-12-31,,Analyst,2,50000,USD,4,5,hire", 2, "employer"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,-5,USD,4,5,hire", 2, "salary"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,lots,USD,4,5,hire", 2, "salary"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,0,hire", 2, "rating_scale_max"),
    ("2015-01-01,,Acme,Analyst,2,,,,,hire\n2017-01-01,,ACME ,Lead,3,,,,,promotion", 3, "start"),
    ("2015-01-01,2016-12-31,Acme,Analyst,2,50000,<b>$</b>,4,5,hire", 2, "currency"),
]


@pytest.mark.parametrize("rows, line, column", FAULTS)
def test_every_fault_names_line_and_column(tmp_path, rows, line, column):
    with pytest.raises(DataError) as caught:
        career(tmp_path, GOOD.replace("2015", "2001").replace("2016", "2002"), *rows.split("\n"))
    assert caught.value.line == line + 1 and caught.value.column == column


def test_missing_column_is_reported_on_the_header(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("start,end,employer,title,level\n2015-01-01,,Acme,A,1\n")
    with pytest.raises(DataError) as caught:
        load_career(path)
    assert caught.value.line == 1 and caught.value.column == "change"


def test_roles_may_touch_and_headers_are_case_insensitive(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Start,End,Employer,Title,Level,Change\n2015-01-01,2016-01-01,Acme,A,1,hire\n2016-01-01,,Acme,B,2,Promotion\n")
    loaded = load_career(path)
    assert list(loaded["change"]) == ["hire", "promotion"] and loaded["salary"].isna().all()


def test_header_only_is_an_empty_history():
    assert load_career("data/templates/career.csv").empty


# --------------------------------------------------------------------------- hypothesis
VALID = "\n".join([HEADER, *PROMOTED_THEN_STUCK]) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    position=st.integers(min_value=0, max_value=len(VALID) - 1),
    length=st.integers(min_value=0, max_value=12),
    insert=st.text(alphabet=st.sampled_from(list(",\n\"-0123456789.abzAZ ;$é")), max_size=12),
)
def test_mutated_files_load_or_raise_data_error(tmp_path, position, length, insert):
    text = VALID[:position] + insert + VALID[position + length :]
    path = tmp_path / "mutated.csv"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load_career(path)
    except DataError:
        return
    assert list(loaded.columns) == [*COLUMNS, "line"]
    signals(loaded, as_of="2021-01-01", cpi=CPI)  # whatever loads can be measured


def test_user_text_reaches_charts_escaped(tmp_path):
    from careerlib.plots import diagnostics as charts

    history = career(tmp_path, "2015-01-01,,<img src=x onerror=alert(1)>,<b>Boss</b>,2,50000,USD,4,5,hire")
    figure = charts.career_timeline(history, as_of="2020-01-01")
    label = figure.data[0].y[0]
    assert "<img" not in label and "&lt;img" in label and "&lt;b&gt;Boss" in label


# --------------------------------------------------------------------------- review fixes
def test_share_mode_timeline_draws_each_role_on_its_own_row():
    from careerlib.plots import diagnostics as charts

    shared = diagnostics.share_career(load_career("data/sample/career.csv"), True)
    figure = charts.career_timeline(shared, as_of="2026-11-01")
    labels = [label for trace in figure.data for label in trace.y]
    roles = diagnostics.chronological(shared, "2026-11-01")
    assert len(set(labels)) == len(labels) == len(roles)
    assert len(set(figure.layout.yaxis.categoryarray)) == len(roles)
    assert any(label.endswith(")") and "Level" in label for label in labels)


def test_same_title_employer_and_month_still_get_their_own_rows(tmp_path):
    from careerlib.plots import diagnostics as charts

    history = career(tmp_path, "2015-01-01,2015-01-10,Acme,<i>A</i>,1,,,,,hire",
                     "2015-01-10,,Acme,<i>A</i>,1,,,,,lateral")
    labels = [label for trace in charts.career_timeline(history, as_of="2016-01-01").data for label in trace.y]
    assert len(set(labels)) == 2 and all("&lt;i&gt;A" in label and "<i>" not in label for label in labels)


def test_a_zero_salary_is_refused_with_line_and_column(tmp_path):
    with pytest.raises(DataError) as caught:
        career(tmp_path, GOOD, "2017-01-01,,Beta,Lead,3,0,USD,4,5,hire")
    assert caught.value.line == 3 and caught.value.column == "salary" and caught.value.value == "0"


def test_settings_files_are_read_afresh_for_each_caller(tmp_path):
    assert diagnostics.load_thresholds() is not diagnostics.load_thresholds()
    assert diagnostics.load_weights() is not diagnostics.load_weights()
    path = tmp_path / "thresholds.yaml"
    path.write_text(Path(diagnostics.THRESHOLDS_PATH).read_text(encoding="utf-8"), encoding="utf-8")
    before = diagnostics.load_thresholds(path)["signals"]["latest_rating"]["flag_below"]
    path.write_text(path.read_text(encoding="utf-8").replace("flag_below: 0.70", "flag_below: 0.55"), encoding="utf-8")
    assert (before, diagnostics.load_thresholds(path)["signals"]["latest_rating"]["flag_below"]) == (0.70, 0.55)


def _edited_copy(tmp_path: Path, source: str, old: str, new: str) -> Path:
    text = Path(source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / Path(source).name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


SETTINGS_FAULTS = [
    (diagnostics.THRESHOLDS_PATH, "  consecutive_laterals:", "  consecutive_lateral:", "signals.consecutive_lateral"),
    (diagnostics.THRESHOLDS_PATH, "last_n: 3", "last_n: three", "signals.rating_trend.last_n"),
    (diagnostics.THRESHOLDS_PATH, "    min_years: 2.0       # too early", "    # too early", "signals.level_growth.min_years"),
    (diagnostics.THRESHOLDS_PATH, "stalled_when_any: [years_since_step_up,", "stalled_when_any: [years_since_stepup,",
     "stalled_when_any"),
    (diagnostics.WEIGHTS_PATH, "history: {years_since_step_up: 1, consecutive_laterals: 1}\n    questionnaire: {engagement",
     "history: {years_since_stepup: 1, consecutive_laterals: 1}\n    questionnaire: {engagement",
     "causes.boredom.history.years_since_stepup"),
    (diagnostics.WEIGHTS_PATH, "questionnaire: {engagement: 3}", "questionnaire: {engagement: high}",
     "causes.boredom.questionnaire.engagement"),
    (diagnostics.WEIGHTS_PATH, "questionnaire: {tools: 3}", "questionnaire: {tool: 3}",
     "causes.behind_on_tools.questionnaire.tool"),
    (diagnostics.WEIGHTS_PATH, "history: {rating_trend: 0.5}", "history: {rating_trend: -1}",
     "causes.grievance.history.rating_trend"),
    (diagnostics.WEIGHTS_PATH, "  dimension: readiness", "  dimension: readyness", "readiness.dimension"),
    (diagnostics.WEIGHTS_PATH, "not_stalled_factor: 0.5", "not_stalled_factor: half", "not_stalled_factor"),
    (diagnostics.WEIGHTS_PATH,
     "history: {years_since_step_up: 1, consecutive_laterals: 1}\n    questionnaire: {engagement: 3}",
     "history: {years_since_step_up: 0, consecutive_laterals: 0}\n    questionnaire: {engagement: 0}",
     "causes.boredom"),
]


@pytest.mark.parametrize("source, old, new, key", SETTINGS_FAULTS)
def test_settings_faults_name_file_and_key(tmp_path, source, old, new, key):
    path = _edited_copy(tmp_path, source, old, new)
    load = diagnostics.load_thresholds if source == diagnostics.THRESHOLDS_PATH else diagnostics.load_weights
    with pytest.raises(DataError) as caught:
        load(path)
    assert caught.value.file == str(path) and caught.value.column == key


def test_a_cause_with_no_inputs_is_labelled_not_measured():
    from careerlib.plots import diagnostics as charts

    causes = pd.DataFrame({"cause": ["a", "b"], "title": ["A", "B"], "score": [62.4, np.nan],
                           "evidence": ["x", "Nothing measured."]})
    texts = list(charts.cause_chart(causes).data[0].text)
    assert texts == ["not measured", "62"]


def test_a_gap_in_the_cpi_years_is_refused(tmp_path):
    path = tmp_path / "cpi.csv"
    path.write_text("year,cpi\n2019,255.657\n2020,258.811\n2022,292.655\n2021,270.970\n2024,313.689\n")
    with pytest.raises(DataError) as caught:
        diagnostics.load_cpi(path)
    assert (caught.value.file, caught.value.line, caught.value.column, caught.value.value) == (str(path), 6, "year", "2024")


# --------------------------------------------------------------------------- a history with empty columns
# What an import from LinkedIn gives: dates, employers, titles and the certain hires; nothing else.
IMPORTED = [
    "2012-01-01,2016-01-01,Northwind,Analyst,,,,,,hire",
    "2016-05-01,2018-08-01,Harbor,Senior Analyst,,,,,,hire",
    "2018-08-01,2021-05-01,Harbor,Team Lead,,,,,,",
    "2021-06-01,,Coastline,Manager,,,,,,hire",
]
LEVEL_SIGNALS = ["years_since_step_up", "consecutive_laterals", "level_growth"]


def test_empty_level_and_change_cells_load_as_missing(tmp_path):
    history = career(tmp_path, *IMPORTED)
    assert history["level"].isna().all() and list(history["change"]) == ["hire", "hire", "", "hire"]
    roles = diagnostics.chronological(history, "2026-11-01")
    assert not roles.loc[roles["move"], "known"].any()
    assert not (roles["step_up"] | roles["step_down"] | roles["sideways"]).any()


def test_signals_needing_levels_are_not_measured_and_never_flagged(tmp_path):
    table = signals(career(tmp_path, *IMPORTED), as_of="2026-11-01", cpi=CPI).set_index("signal")
    assert table["value"].isna().all() and not table["flagged"].any()
    assert table["evidence"].str.startswith("Not measured").all()
    assert "4 of 4 roles have no level" in table.loc["years_since_step_up", "evidence"]
    assert "1 move has no change type" in table.loc["years_since_step_up", "evidence"]


def test_the_verdict_on_an_imported_history_says_what_filling_in_would_add(tmp_path):
    result = diagnose(career(tmp_path, *IMPORTED), diagnostics.load_stuck_responses(""), as_of="2026-11-01", cpi=CPI)
    assert not result.stalled and result.confidence == "low"
    assert result.verdict.startswith("**Whether your career has stalled cannot be told yet:**")
    assert "is moving" not in result.verdict and "no career history" not in result.verdict
    assert "Filling in each role's level and change type would measure years since the last step up" in result.verdict
    assert "review ratings would measure" in result.verdict and "salaries would measure" in result.verdict
    assert "levels gained per year, which decide whether it has stalled;" in result.verdict
    summary = diagnostics.report_summary(result)
    assert [s["value"] for s in summary["signals"]] == [None] * 6
    assert not any(s["flagged"] for s in summary["signals"])


def test_a_filled_in_history_has_no_not_measured_wording():
    result = diagnose(load_career("data/sample/career.csv"), diagnostics.load_stuck_responses(""), as_of="2026-11-01")
    assert "Not measured" not in " ".join(result.signals["evidence"])
    assert "cannot be told" not in result.verdict and "Filling in" not in result.verdict


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
    rows = ["2010-01-01,2011-12-31,Acme,A,1,,,,,hire", "2012-01-01,2013-12-31,Acme,B,,,,,,",
            "2014-01-01,2015-12-31,Acme,C,2,,,,,lateral", "2016-01-01,,Acme,D,2,,,,,lateral"]
    laterals = signal(signals(career(tmp_path, *rows), as_of="2020-01-01"), "consecutive_laterals")
    assert np.isnan(laterals["value"]) and not laterals["flagged"]
    rows[1] = rows[1].replace(",B,,", ",B,2,")  # now the run stops at a known step up
    laterals = signal(signals(career(tmp_path, *rows), as_of="2020-01-01"), "consecutive_laterals")
    assert laterals["value"] == 2 and laterals["flagged"]


def test_an_imported_history_is_shown_and_shared_without_levels(tmp_path):
    from careerlib.plots import diagnostics as charts

    history = career(tmp_path, *IMPORTED)
    assert list(diagnostics.share_career(history)["title"]) == ["Role"] * 4
    shown = diagnostics.roles_table(history, "2026-11-01")
    assert list(shown["move"]) == ["first role", "not known", "not known", "not known"]
    assert (shown["rating"] == "").all()
    figure = charts.career_timeline(history, as_of="2026-11-01")
    assert sum(len(trace.y) for trace in figure.data) == 4
    assert {trace.name for trace in figure.data} == {"hire", charts.UNRECORDED}
    result = diagnose(history, diagnostics.load_stuck_responses(""), as_of="2026-11-01", cpi=CPI)
    gauge = charts.verdict_gauge(result).data[0]
    assert "number" not in gauge.mode and "not measured" in gauge.title.text  # no reassuring '0.0 years'


def test_positions_csv_is_read_directly(tmp_path):
    path = tmp_path / "Positions.csv"
    path.write_text("Company Name,Title,Description,Location,Started On,Finished On\n"
                    "Coastline,Manager,\"Runs a team,\nof four\",Remote,Jun 2021,\n"
                    "Harbor,Team Lead,,,Aug 2018,May 2021\n", encoding="utf-8")
    history = load_career(path)
    assert list(history["employer"]) == ["Harbor", "Coastline"] and list(history["line"]) == [4, 2]
    assert list(history["change"]) == ["hire", "hire"] and history["level"].isna().all()
    assert history["end"].iloc[0] == pd.Timestamp("2021-05-01") and pd.isna(history["end"].iloc[1])
