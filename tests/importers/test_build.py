"""Each layout read end to end into the log, with the issue's rules for what is inferred,
left out, refused and never copied."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from careerlib import DataError
from careerlib.importers import read_applications
from import_files import (
    HISTORY_HEADER,
    HISTORY_ROWS,
    JOBSYNC_HEADER,
    JOBSYNC_ROWS,
    LINKEDIN_HEADER,
    LINKEDIN_ROWS,
    PRIVATE,
    SIMPLIFY_HEADER,
    SIMPLIFY_ROWS,
    STAGES_HEADER,
    STAGES_ROWS,
    STATUS_HEADER,
    STATUS_ROWS,
    csv_text,
    linkedin_zip,
    write,
    xlsx,
)


def days(series: pd.Series) -> list:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in series]


def load(tmp_path, header, rows, mapping=None, name="log.csv", **kw):
    return read_applications(write(tmp_path / name, csv_text(header, rows, **kw)), mapping)


def test_status_column_sheet(tmp_path):
    log, summary = load(tmp_path, STATUS_HEADER, STATUS_ROWS)
    assert log["company"].tolist() == ["Acme", "Beta", "Delta", "Eps"]  # Gamma was saved, never applied
    assert days(log["screen"]) == ["2019-10-02", None, None, "2019-10-30"]  # stage without a date: status date
    assert days(log["interview"]) == ["2019-10-02", None, None, "2019-10-30"]
    assert days(log["accepted"]) == [None, None, None, "2019-10-30"]
    assert log["outcome"].tolist() == ["active", "rejected", "ghosted", "accepted"]
    assert log["channel"].tolist() == ["referral", "job board", "linkedin", "referral"]
    assert log["line"].tolist() == [2, 3, 5, 6]
    assert (summary.layout, summary.not_applied, summary.inferred, summary.filled_dates) == (
        "status-column sheet",
        1,
        2,
        2,
    )
    assert summary.date_order == "month-first" and "9/25/2019" in summary.date_reason


def test_a_plain_rejection_was_decided_at_the_first_step(tmp_path):
    log, _ = load(tmp_path, ["Company", "Date", "Status"], [["A", "2024-01-02", "Rejected"]])
    assert log["screen"].isna().all() and log["outcome"].tolist() == ["rejected"]


def test_stage_per_column_sheet(tmp_path):
    log, summary = load(tmp_path, STAGES_HEADER, STAGES_ROWS, delimiter="\t")
    assert summary.layout == "stage-per-column sheet"
    assert summary.stages == {"screen": ["Recruiter", "Phone"], "interview": ["Onsite"], "offer": ["Offer"]}
    assert days(log["screen"]) == ["2019-08-05", None, "2019-08-20"]  # several dates: the first; 'expired': none
    assert days(log["interview"]) == [None, None, "2019-09-01"]  # 'n/a' is no interview
    assert log["role"].tolist() == ["Analyst", "Engineer", "Analyst"]
    assert log["outcome"].tolist() == ["unknown"] * 3 and set(log["channel"]) == {"unspecified"}


def test_yes_in_a_stage_column_takes_the_latest_date(tmp_path):
    log, summary = load(tmp_path, ["Company", "Date", "Phone"], [["A", "2024-01-02", "yes"]])
    assert days(log["screen"]) == ["2024-01-02"] and summary.filled_dates == 1


def test_history_cell_with_and_without_a_status(tmp_path):
    log, summary = load(tmp_path, HISTORY_HEADER, HISTORY_ROWS)
    assert summary.layout == "history-cell sheet"
    assert days(log["screen"]) == ["2024-11-10", "2024-11-02", None]
    assert days(log["interview"]) == [None, "2024-11-02", None]  # Gamma: the history, not the status, gives stages
    assert log["outcome"].tolist() == ["rejected", "unknown", "active"]  # status when it names one, else history
    assert summary.inferred == 0


def test_history_gives_the_applied_date_when_there_is_no_date_column(tmp_path):
    log, _ = load(tmp_path, ["Company", "History"], [["A", "[{'stage': 'Applied', 'date': '2024-02-01'}]"]])
    assert days(log["applied"]) == ["2024-02-01"]


def test_linkedin_csv_and_zip(tmp_path):
    for path in (
        write(tmp_path / "Job Applications.csv", csv_text(LINKEDIN_HEADER, LINKEDIN_ROWS)),
        linkedin_zip(tmp_path / "export.zip"),
    ):
        log, summary = read_applications(path)
        assert summary.layout == "LinkedIn export"
        assert days(log["applied"]) == ["2024-01-15", "2024-01-16"]
        assert set(log["channel"]) == {"linkedin"} and set(log["outcome"]) == {"unknown"}
        assert log["notes"].tolist()[0] == "Job URL: https://example.com/jobs/1"
        text = log.astype(str).to_string()
        assert not any(secret in text for secret in PRIVATE)


def test_jobsync_export(tmp_path):
    log, summary = load(tmp_path, JOBSYNC_HEADER, JOBSYNC_ROWS)
    assert summary.layout == "JobSync export" and summary.fields["applied"] == "appliedDate"
    assert log["company"].tolist() == ["Acme", "Gamma"] and summary.not_applied == 1
    assert log["outcome"].tolist() == ["active", "declined"] and log["offer"].notna().tolist() == [False, True]
    assert log["channel"].tolist() == ["indeed", "company site"]


def test_simplify_export(tmp_path):
    log, summary = load(tmp_path, SIMPLIFY_HEADER, SIMPLIFY_ROWS)
    assert summary.layout == "Simplify export" and summary.not_applied == 1
    assert log["company"].tolist() == ["Acme", "Gamma"]
    assert days(log["interview"]) == ["2024-03-10", None]
    assert log["notes"].tolist()[0] == "liked the team | Job URL: https://example.com/1"


def test_xlsx_with_a_named_sheet(tmp_path):
    import datetime as dt

    path = xlsx(
        tmp_path / "search.xlsx",
        {
            "notes": [["nothing here"]],
            "2025 search": [["Name", "Date", "Stage"], ["Acme", dt.datetime(2025, 1, 15), "Tech Screen"]],
        },
    )
    log, summary = read_applications(path, {"sheet": "2025 search", "statuses": {"Tech Screen": "screen"}})
    assert days(log["screen"]) == ["2025-01-15"] and log["outcome"].tolist() == ["active"]
    assert summary.fields["company"] == "Name" and "2025 search" in summary.read_as


def test_missing_value_tokens(tmp_path):
    log, _ = load(
        tmp_path,
        ["Company", "Job Title", "Date Applied", "Status", "Status Date"],
        [["A", "null", "2024-01-02", "-", "N/A"], ["B", "N/A", "2024-01-03", "none", ""]],
    )
    assert log["role"].tolist() == ["", ""] and log["outcome"].tolist() == ["unknown", "unknown"]


def test_no_date_and_no_status_is_left_out_but_a_status_without_date_is_refused(tmp_path):
    log, summary = load(tmp_path, ["Company", "Date", "Status"], [["A", "2024-01-02", ""], ["B", "", ""]])
    assert log["company"].tolist() == ["A"] and summary.not_applied == 1
    with pytest.raises(DataError, match="no applied date") as caught:
        load(
            tmp_path,
            ["Company", "Date", "Status", "Status Date"],
            [["A", "", "Interviewing", "2024-02-01"], ["B", "2024-01-01", "Applied", ""], ["C", "", "Rejected", ""]],
        )
    assert "lines 2, 4" in str(caught.value)  # not dated from the status date


def test_rows_without_date_left_out_when_the_mapping_says_so_and_listed(tmp_path):
    rows = [["A", "", "Interviewing"], ["B", "2024-01-01", "Applied"], ["C", "", "Rejected"], ["D", "", ""]]
    with pytest.raises(DataError) as caught:
        load(tmp_path, ["Company", "Date", "Status"], rows)
    assert [q.key for q in caught.value.questions] == [("rows_without_date",)]
    snippet = str(caught.value).split("mapping_path):\n\n", 1)[1]
    assert tomllib.loads(snippet) == {"rows_without_date": "leave out"}  # the first message's snippet loads it
    log, summary = load(tmp_path, ["Company", "Date", "Status"], rows, mapping=tomllib.loads(snippet))
    assert log["company"].tolist() == ["B"] and summary.without_date == [2, 4] and summary.not_applied == 1
    assert "no applied date, lines 2, 4" in summary.text()


def test_everything_undecided_is_listed_at_once_with_a_snippet(tmp_path):
    with pytest.raises(DataError) as caught:
        load(
            tmp_path,
            ["Name", "Date", "Stage"],
            [
                ["A", "3/4/2020", "Tech Screen"],
                ["B", "5/6/2020", "Bar Raiser"],
                ["C", "3/5/2020", "Dead end"],
                ["D", "soon", "Applied"],
                ["", "3/4/2020", "Applied"],
            ],
        )
    message = str(caught.value)
    for part in (
        "'3/4/2020'",
        "'Tech Screen' (1 row(s), first on line 2)",
        "'Bar Raiser'",
        "'Dead end'",
        "line 5, column 'Date', value 'soon'",
        "1 row(s) have no company (lines 6)",
        'rows_without_company = "leave out"',
        "[dates]",
        'order = "day-first"',
        "[statuses]",
        '"Tech Screen" = "screen"',  # proposed: the known word inside it
        '"Bar Raiser" = "applied"',
    ):
        assert part in message, part
    kinds = [q.kind for q in caught.value.questions]
    assert kinds == ["order", "status", "status", "status", "rows", "problem"]


def test_rows_without_company_left_out_when_the_mapping_says_so_and_listed(tmp_path):
    rows = [["A", "2024-01-01", "Applied"], ["", "2024-01-02", "Rejected"], ["C", "2024-01-03", "Applied"]]
    log, summary = load(tmp_path, ["Company", "Date", "Status"], rows, mapping={"rows_without_company": "leave out"})
    assert log["company"].tolist() == ["A", "C"] and summary.without_company == [3]
    assert "rows_without_company): 1 row(s) with no company, lines 3." in summary.text()


def test_the_snippet_once_filled_in_is_a_working_mapping(tmp_path):
    import tomllib

    rows = [["A", "3/4/2020", "Tech Screen"], ["B", "5/6/2020", "Bar Raiser"]]
    with pytest.raises(DataError) as caught:
        load(tmp_path, ["Name", "Date", "Stage"], rows)
    snippet = str(caught.value).split("mapping_path):\n", 1)[1]
    filled = snippet.replace('"Bar Raiser" = "applied"', '"Bar Raiser" = "interview/active"')
    log, summary = load(tmp_path, ["Name", "Date", "Stage"], rows, mapping=tomllib.loads(filled))
    assert days(log["applied"]) == ["2020-04-03", "2020-06-05"] and summary.date_order == "day-first"


def test_a_missing_column_is_asked_for(tmp_path):
    with pytest.raises(DataError, match="no column found for company") as caught:
        load(tmp_path, ["Yritys", "Date"], [["A", "2024-01-01"]])  # Finnish: not in the synonym tables
    assert caught.value.line == 1 and 'company = "Yritys"' in str(caught.value)


def test_identical_rows_merge_and_rows_differing_in_any_read_column_stay(tmp_path):
    header = ["Company", "Job Title", "Date", "Location", "Status"]
    rows = [
        ["A", "Analyst", "2024-01-02", "Berlin", "Applied"],
        ["a ", "Analyst", "2024-01-02", "Berlin", "Applied"],  # case differs: a different cell, kept
        ["A", "Analyst", "2024-01-02", "Berlin", "Applied"],  # identical to line 2: merged
        ["A", "Engineer", "2024-01-02", "Berlin", "Applied"],  # same day, other title: another application
        ["A", "Analyst", "2024-01-02", "Berlin", "Applied"],  # identical again
        ["A", "Analyst", "2024-01-02", "Munich", "Applied"],  # another city: another application
    ]
    log, summary = load(tmp_path, header, rows)
    assert len(log) == 4 and list(log["line"]) == [2, 3, 5, 7]
    assert summary.merged == [(2, [4, 6])]
    assert "Merged: line(s) 4, 6 repeat line 2" in summary.text()


def test_stage_dates_out_of_order_are_refused(tmp_path):
    with pytest.raises(DataError, match="before an earlier stage"):
        load(tmp_path, ["Company", "Date", "Phone"], [["A", "2024-01-10", "2024-01-02"]])


# --- issue 18: columns read by what they hold ---
def reached(log) -> list[str]:
    """The furthest stage per row (dated logs from their dates, undated ones from 'reached')."""
    if "reached" in log.columns:
        return list(log["reached"])
    stages = ["applied", "screen", "interview", "offer", "accepted"]
    return [max((s for s in stages if pd.notna(row[s])), key=stages.index) for _, row in log.iterrows()]


def test_an_undated_tally_of_yes_no_flags(tmp_path):
    from import_files import FLAGS_EN_HEADER, FLAGS_EN_ROWS

    log, summary = load(tmp_path, FLAGS_EN_HEADER, FLAGS_EN_ROWS)
    assert summary.undated and log["applied"].isna().all() and len(log) == 5
    assert reached(log) == ["applied", "interview", "applied", "offer", "applied"]
    assert list(log["outcome"]) == ["rejected", "unknown", "unknown", "unknown", "rejected"]
    said = dict(summary.readings)
    assert "names no stage or outcome: not read" in said["Remote"] and "Remote" in summary.ignored
    assert "its header names the screen stage" in said["HR/ Recruiter Call"]
    assert "this log has no date column" in summary.text()


@pytest.mark.parametrize(
    "name, outcomes",
    [("flags de", ["rejected", "unknown", "unknown"]), ("flags fr", ["unknown", "rejected", "unknown"])],
)
def test_flag_columns_in_other_languages(tmp_path, name, outcomes):
    from import_files import CONTENT_LAYOUTS

    header, rows = CONTENT_LAYOUTS[name]
    log, summary = load(tmp_path, header, rows)
    assert not summary.undated and log["applied"].notna().all()
    assert list(log["outcome"]) == outcomes
    assert log["interview"].notna().sum() == (1 if name == "flags de" else 2)


def test_german_dates_are_day_first_and_spanish_flags_read(tmp_path):
    from import_files import FLAGS_DE_HEADER, FLAGS_DE_ROWS, FLAGS_ES_HEADER, FLAGS_ES_ROWS

    log, _ = load(tmp_path, FLAGS_DE_HEADER, FLAGS_DE_ROWS)
    assert days(log["applied"]) == ["2025-02-03", "2025-02-15", "2025-03-01"]
    log, _ = load(tmp_path, FLAGS_ES_HEADER, FLAGS_ES_ROWS)
    assert list(log["outcome"]) == ["unknown", "rejected", "unknown"] and log["interview"].notna().sum() == 2


def test_a_tally_without_any_date_is_an_undated_log(tmp_path):
    from import_files import TALLY_HEADER, TALLY_ROWS

    log, summary = load(tmp_path, TALLY_HEADER, TALLY_ROWS)
    assert summary.undated and summary.filled_dates == 0
    assert reached(log) == ["interview", "screen", "applied", "applied"]
    assert list(log["outcome"]) == ["unknown", "rejected", "rejected", "unknown"]


def test_a_stage_date_column_beside_a_status_is_read(tmp_path):
    from import_files import STAGE_DATE_HEADER, STAGE_DATE_ROWS

    log, summary = load(tmp_path, STAGE_DATE_HEADER, STAGE_DATE_ROWS)
    assert days(log["interview"]) == ["2025-01-20", "2025-01-21", None]
    assert days(log["screen"])[0] == "2025-01-10"
    assert summary.stages == {"interview": ["Interview Date"], "screen": ["screen-date"]}


def test_two_status_columns_progress_and_state(tmp_path):
    from import_files import TWO_STATUS_HEADER, TWO_STATUS_ROWS

    log, summary = load(tmp_path, TWO_STATUS_HEADER, TWO_STATUS_ROWS)  # 'State' alone is not guessed ...
    assert "State" in summary.ignored and any(h == "State" for h, _ in summary.readings)
    log, summary = load(tmp_path, TWO_STATUS_HEADER, TWO_STATUS_ROWS, mapping={"columns": {"outcome": "State"}})
    assert list(log["outcome"]) == ["active", "rejected", "rejected", "withdrawn"]  # ... mapped, it is read
    assert reached(log) == ["applied", "interview", "applied", "interview"]
    assert set(summary.statuses["what"]) == {"status", "outcome"}


def test_month_only_dates_are_on_the_first_and_counted(tmp_path):
    from import_files import MONTH_ONLY_HEADER, MONTH_ONLY_ROWS

    log, summary = load(tmp_path, MONTH_ONLY_HEADER, MONTH_ONLY_ROWS)
    assert days(log["applied"]) == ["2025-08-01", "2025-08-01", "2025-08-14", "2025-03-01"]
    assert summary.month_only == 3 and "3 date(s) gave only a month" in summary.text()


def test_an_unknown_language_log_is_asked_about_at_once(tmp_path):
    from import_files import FINNISH_HEADER, FINNISH_ROWS

    with pytest.raises(DataError) as caught:
        load(tmp_path, FINNISH_HEADER, FINNISH_ROWS)
    keys = [q.key for q in caught.value.questions]
    assert keys[:3] == [("columns", "company"), ("columns", "applied"), ("columns", "status")]
    assert {("statuses", "Haettu"), ("statuses", "Hylätty"), ("statuses", "Haastattelu")} <= set(keys)
    asked = {q.key: q for q in caught.value.questions}
    assert asked[("columns", "status")].default_choice.value == "Tila"
    assert "Haettu" in asked[("columns", "status")].evidence[0]
    answers = {("statuses", "Hylätty"): 5, ("statuses", "Haastattelu"): 2}  # rejected, interview
    from careerlib.importers import answers_to_mapping

    log, _ = load(tmp_path, FINNISH_HEADER, FINNISH_ROWS, mapping=answers_to_mapping(caught.value.questions, answers))
    assert list(log["outcome"]) == ["active", "rejected", "active", "active", "rejected", "active"]


def test_a_log_resembling_linkedin_is_not_taken_for_it_and_its_channel_is_read(tmp_path):
    header = ["company_name", "job_title", "application_date", "application_site", "status"]
    rows = [["Acme", "Analyst", "2024-01-02", "Greenhouse", "Pending"], ["Beta", "Dev", "2024-01-03", "Ashby", ""]]
    log, summary = load(tmp_path, header, rows)
    assert summary.layout != "LinkedIn export" and list(log["channel"]) == ["greenhouse", "ashby"]
    assert "LinkedIn" not in summary.text()


def test_status_words_beside_stage_columns_give_the_outcome_and_can_lift_the_stage(tmp_path):
    from import_files import STATUS_BESIDE_STAGES_HEADER, STATUS_BESIDE_STAGES_ROWS

    log, summary = load(tmp_path, STATUS_BESIDE_STAGES_HEADER, STATUS_BESIDE_STAGES_ROWS)
    assert summary.fields["status"] == "Response?"
    outcomes = ["ghosted", "rejected", "active", "active", "active", "ghosted", "rejected", "ghosted", "rejected"]
    assert list(log["outcome"]) == [*outcomes, "ghosted"]
    assert days(log["interview"])[2:5] == ["2023-02-20", "2023-02-09", "2023-03-10"]  # Delta: the status alone
    assert days(log["interview"])[6] == "2023-03-15"  # a stage date and a rejection: both read
    assert days(log["offer"])[4] == "2023-03-10" and log["offer"].notna().sum() == 1
    assert summary.inferred == 1
    assert "read as the status, together with the stage columns" in summary.text()
    rows = [[*row[:3], "Inter + Rejec" if row[0] == "Beta" else row[3], *row[4:]] for row in STATUS_BESIDE_STAGES_ROWS]
    with pytest.raises(DataError, match="'Inter \\+ Rejec' \\(1 row.*meaning \\(column 'Response\\?'\\)"):
        load(tmp_path, STATUS_BESIDE_STAGES_HEADER, rows)  # read as the status: its unknown word asked, column named


def test_some_status_words_beside_stage_columns_are_proposed_in_the_first_message(tmp_path):
    from import_files import STATUS_BESIDE_STAGES_HEADER, STATUS_BESIDE_STAGES_ROWS

    rows = [list(r) for r in STATUS_BESIDE_STAGES_ROWS]
    for row, word in zip(rows, ["Ghosted", "Rejected", "Inter + Rejec", "Inter + Rejec", "Offer", "soon"] * 2):
        row[3] = word  # 5 of 10 rows known: not enough to read it beside stage columns without asking
    with pytest.raises(DataError) as caught:
        load(tmp_path, STATUS_BESIDE_STAGES_HEADER, rows)
    snippet = str(caught.value).split("mapping_path):\n\n", 1)[1]
    assert 'status = "Response?"  # proposed' in snippet and '"Inter + Rejec" = ' in snippet
    assert "status value 'Inter + Rejec' (4 row(s), first on line 4) has no known meaning (column 'Response?')" in str(
        caught.value
    )
    answers = tomllib.loads(snippet.replace('"Inter + Rejec" = "applied"', '"Inter + Rejec" = "interview/rejected"'))
    log, summary = load(tmp_path, STATUS_BESIDE_STAGES_HEADER, rows, mapping=answers)  # one mapping gets it in
    assert summary.fields["status"] == "Response?"
    ended = ["ghosted", "rejected", "rejected", "rejected", "active", "active"]  # 'soon': proposed 'applied'
    assert list(log["outcome"]) == [*ended, "ghosted", "rejected", "rejected", "rejected"]
    # interview dates: Gamma, Eps, Eta by their column; Delta, Iota, Kappa lifted by 'Inter + Rejec'
    assert list(log["interview"].notna()) == [False, False, True, True, True, False, True, False, True, True]


def test_a_column_without_a_name_is_proposed_by_its_position_and_a_mapping_can_name_it(tmp_path):
    from import_files import UNNAMED_FIRST_HEADER, UNNAMED_FIRST_ROWS

    with pytest.raises(DataError) as caught:
        load(tmp_path, UNNAMED_FIRST_HEADER, UNNAMED_FIRST_ROWS)
    assert "'column 1': no name in the header row, called by its position" in str(caught.value)
    snippet = str(caught.value).split("mapping_path):\n\n", 1)[1]
    assert snippet.startswith('[columns]\ncompany = "column 1"  # proposed')
    log, summary = load(tmp_path, UNNAMED_FIRST_HEADER, UNNAMED_FIRST_ROWS, mapping=tomllib.loads(snippet))
    assert list(log["company"]) == ["Acme BV", "Beta NV", "Gamma", "Delta"]
    assert summary.fields["company"] == "column 1"
    assert "'column 1': no name in the header row, called by its position" in summary.text()
    log, _ = load(tmp_path, UNNAMED_FIRST_HEADER, UNNAMED_FIRST_ROWS, mapping={"columns": {"company": "Column_1"}})
    assert list(log["outcome"]) == ["rejected", "ghosted", "rejected", "active"]  # any spelling fold ignores


# A log that writes the company on the first row of each group only (one row per step).
GROUPED = [
    ["Acme", "2024-01-01", "Applied"],
    ["", "2024-01-09", "Interviewing"],
    ["", "2024-01-20", "Rejected"],
    ["Beta", "2024-01-03", "Applied"],
    ["", "2024-01-05", "Ghosted"],
    ["#1 Bakery", "2024-01-04", "Applied"],
]


def test_fill_down_gives_each_empty_company_the_one_above_and_says_which(tmp_path):
    log, summary = load(tmp_path, ["Company", "Date", "Status"], GROUPED, mapping={"rows_without_company": "fill down"})
    assert log["company"].tolist() == ["Acme", "Acme", "Acme", "Beta", "Beta", "#1 Bakery"]
    assert summary.filled_down == 3 and summary.filled_from == [(2, [3, 4]), (5, [6])]
    assert "3 row(s) with no company took the company of the nearest row above" in summary.text()
    assert "line 2 -> lines 3, 4; line 5 -> line 6." in summary.text()
    assert summary.without_company == []


def test_fill_down_refuses_a_row_with_no_company_above_it_naming_its_line(tmp_path):
    rows = [["", "2024-01-01", "Applied"], *GROUPED]
    with pytest.raises(DataError, match="no row above it names one to fill down") as caught:
        load(tmp_path, ["Company", "Date", "Status"], rows, mapping={"rows_without_company": "fill down"})
    assert caught.value.line == 2 and caught.value.column == "Company"


def test_fill_down_is_offered_and_proposed_when_many_rows_lack_a_company(tmp_path):
    with pytest.raises(DataError) as caught:
        load(tmp_path, ["Company", "Date", "Status"], GROUPED)
    question = next(q for q in caught.value.questions if q.kind == "rows")
    assert [c.value for c in question.choices] == ["leave out", "fill down"]
    assert question.default_choice.value == "fill down"  # half the log: a grouped log, not a few slips
    assert 'rows_without_company = "fill down"  # proposed; or: "leave out", or drop this line' in str(caught.value)
    assert "or fill down (each takes the company of the nearest row above that has one)" in str(caught.value)
    few = [*GROUPED[:3], *(["Firm %d" % i, "2024-02-01", "Applied"] for i in range(30))]
    with pytest.raises(DataError) as caught:
        load(tmp_path, ["Company", "Date", "Status"], few, name="few.csv")
    question = next(q for q in caught.value.questions if q.kind == "rows")
    assert question.default_choice.value == "leave out"  # 2 of 33 rows: slips, not groups
