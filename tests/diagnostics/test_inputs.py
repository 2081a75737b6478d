"""Stuck-career inputs (careerlib/diagnostics/inputs.py): the career loader, the settings files, the CPI table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError, diagnostics
from careerlib.diagnostics import COLUMNS, load_career
from diagnostics_helpers import CPI, HEADER, IMPORTED, PROMOTED_THEN_STUCK, career, signals


def test_the_shipped_cpi_table_is_valid():
    cpi = diagnostics.load_cpi()
    assert cpi["year"].is_monotonic_increasing and cpi.set_index("year").loc[2024, "cpi"] == 313.689


# --------------------------------------------------------------------------- loader faults
GOOD = "2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,5,hire"


FAULTS = [
    (
        "2015-01-01,2016-12-31,Acme,Analyst,2,50000,USD,4,5,hire\n2016-06-01,,Acme,Lead,3,60000,USD,4,5,promotion",
        3,
        "start",
    ),
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
    path.write_text(
        "Start,End,Employer,Title,Level,Change\n2015-01-01,2016-01-01,Acme,A,1,hire\n2016-01-01,,Acme,B,2,Promotion\n"
    )
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
    insert=st.text(alphabet=st.sampled_from(list(',\n"-0123456789.abzAZ ;$é')), max_size=12),
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
    (
        diagnostics.THRESHOLDS_PATH,
        "    min_years: 2.0       # too early",
        "    # too early",
        "signals.level_growth.min_years",
    ),
    (
        diagnostics.THRESHOLDS_PATH,
        "stalled_when_any: [years_since_step_up,",
        "stalled_when_any: [years_since_stepup,",
        "stalled_when_any",
    ),
    (
        diagnostics.WEIGHTS_PATH,
        "history: {years_since_step_up: 1, consecutive_laterals: 1}\n    questionnaire: {engagement",
        "history: {years_since_stepup: 1, consecutive_laterals: 1}\n    questionnaire: {engagement",
        "causes.boredom.history.years_since_stepup",
    ),
    (
        diagnostics.WEIGHTS_PATH,
        "questionnaire: {engagement: 3}",
        "questionnaire: {engagement: high}",
        "causes.boredom.questionnaire.engagement",
    ),
    (
        diagnostics.WEIGHTS_PATH,
        "questionnaire: {tools: 3}",
        "questionnaire: {tool: 3}",
        "causes.behind_on_tools.questionnaire.tool",
    ),
    (
        diagnostics.WEIGHTS_PATH,
        "history: {rating_trend: 0.5}",
        "history: {rating_trend: -1}",
        "causes.grievance.history.rating_trend",
    ),
    (diagnostics.WEIGHTS_PATH, "  dimension: readiness", "  dimension: readyness", "readiness.dimension"),
    (diagnostics.WEIGHTS_PATH, "not_stalled_factor: 0.5", "not_stalled_factor: half", "not_stalled_factor"),
    (
        diagnostics.WEIGHTS_PATH,
        "history: {years_since_step_up: 1, consecutive_laterals: 1}\n    questionnaire: {engagement: 3}",
        "history: {years_since_step_up: 0, consecutive_laterals: 0}\n    questionnaire: {engagement: 0}",
        "causes.boredom",
    ),
]


@pytest.mark.parametrize("source, old, new, key", SETTINGS_FAULTS)
def test_settings_faults_name_file_and_key(tmp_path, source, old, new, key):
    path = _edited_copy(tmp_path, source, old, new)
    load = diagnostics.load_thresholds if source == diagnostics.THRESHOLDS_PATH else diagnostics.load_weights
    with pytest.raises(DataError) as caught:
        load(path)
    assert caught.value.file == str(path) and caught.value.column == key


def test_a_gap_in_the_cpi_years_is_refused(tmp_path):
    path = tmp_path / "cpi.csv"
    path.write_text("year,cpi\n2019,255.657\n2020,258.811\n2022,292.655\n2021,270.970\n2024,313.689\n")
    with pytest.raises(DataError) as caught:
        diagnostics.load_cpi(path)
    assert (caught.value.file, caught.value.line, caught.value.column, caught.value.value) == (
        str(path),
        6,
        "year",
        "2024",
    )


def test_empty_level_and_change_cells_load_as_missing(tmp_path):
    history = career(tmp_path, *IMPORTED)
    assert history["level"].isna().all() and list(history["change"]) == ["hire", "hire", "", "hire"]
    roles = diagnostics.chronological(history, "2026-11-01")
    assert not roles.loc[roles["move"], "known"].any()
    assert not (roles["step_up"] | roles["step_down"] | roles["sideways"]).any()


def test_positions_csv_is_read_directly(tmp_path):
    path = tmp_path / "Positions.csv"
    path.write_text(
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        'Coastline,Manager,"Runs a team,\nof four",Remote,Jun 2021,\n'
        "Harbor,Team Lead,,,Aug 2018,May 2021\n",
        encoding="utf-8",
    )
    history = load_career(path)
    assert list(history["employer"]) == ["Harbor", "Coastline"] and list(history["line"]) == [4, 2]
    assert list(history["change"]) == ["hire", "hire"] and history["level"].isna().all()
    assert history["end"].iloc[0] == pd.Timestamp("2021-05-01") and pd.isna(history["end"].iloc[1])
