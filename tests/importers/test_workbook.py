"""Choosing the sheet that holds the log, and saying which and why."""

from __future__ import annotations

import datetime as dt

import pytest

from careerlib import DataError
from careerlib.importers import open_questions, read_applications
from careerlib.importers.source import read_source
from careerlib.importers.workbook import SheetInfo, workbook_sheets
from hostile_files import cell, log_rows, raw_xlsx, sheet_xml
from import_files import two_log_workbook, xlsx

LOG = [
    ["Company", "Applied", "Status"],
    ["Acme", dt.date(2025, 1, 15), "Applied"],
    ["Beta", dt.date(2025, 1, 16), "Rejected"],
    ["Gamma", dt.date(2025, 1, 17), "Interview"],
]
COUNTS = [["Status", "Count"], ["Applied", 3], ["Rejected", 1]]
PIVOT = [["Row Labels", "Count of Company"], ["Applied", 1], ["Rejected", 1], ["Grand Total", 2]]


def dashboard() -> list[list[object]]:
    return [["Applications", "=COUNTA(Log!A:A)-1"], ["Rejected", '=COUNTIF(Log!C:C,"Rejected")'], ["Rate", "=B2/B1"]]


def test_a_dashboard_first_workbook_reads_the_log_and_names_the_others(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"Dashboard": dashboard(), "Counts": COUNTS, "Log": LOG, "Pivot": PIVOT})
    table, source = read_source(path)
    assert source.sheet == "Log" and table["Company"].tolist() == ["Acme", "Beta", "Gamma"]
    said = source.describe()
    assert "the one that looks like a log" in said
    assert "'Dashboard' (a dashboard: 3 of its 5 cells are formulas)" in said
    assert "'Counts' (no company column" in said and "'Pivot' (no company column" in said
    assert source.shown.endswith("[Log; other sheets: 'Dashboard', 'Counts', 'Pivot']")


def test_the_sheet_list_says_why(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"Dashboard": dashboard(), "Log": LOG, "Empty": []})
    sheets = workbook_sheets(path)
    assert [s.name for s in sheets] == ["Dashboard", "Log", "Empty"]
    assert all(isinstance(s, SheetInfo) for s in sheets)
    log = sheets[1]
    assert log.looks_like_log and (log.rows, log.columns) == (3, 3)
    assert log.why == "company column 'Company', date column 'Applied', 3 rows"
    assert not sheets[0].looks_like_log and sheets[2].why == "empty" and not sheets[2].looks_like_log


def test_two_log_sheets_are_asked_about_listing_every_sheet(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"Notes": COUNTS, "2024": LOG, 'Dana\'s "2025"': LOG})
    with pytest.raises(DataError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "2 sheets look like job-search logs" in message and caught.value.column == "sheet"
    assert "'Notes' (no company column" in message and "'2024' (company column" in message
    assert 'sheet = "2024"  # proposed; or: \'Dana\\\'s "2025"\'' in message
    (question,) = caught.value.questions  # the sheet, as a question of the questions model
    assert question.kind == "sheet" and question.key == ("sheet",)
    assert [c.value for c in question.choices] == ["2024", 'Dana\'s "2025"'] and question.default == 0
    table, source = read_source(path, sheet='Dana\'s "2025"')
    assert len(table) == 3 and "named in the mapping" in source.describe()


def test_a_title_above_the_header_is_skipped_and_said(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"Log": [["My job search", None, "2025"], [None], *LOG]})
    table, source = read_source(path)
    assert list(table.columns) == ["Company", "Applied", "Status", "line"]
    assert table["line"].tolist() == [4, 5, 6] and source.header_line == 3
    assert "header on row 3" in source.describe()


def test_a_filled_column_without_a_name_is_named_by_its_place_in_the_sheet(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"Log": [["Company", "Applied", None], ["Acme", "2025-01-02", "note"]]})
    table, _ = read_source(path)
    assert list(table.columns) == ["Company", "Applied", "column 3", "line"] and table["column 3"].tolist() == ["note"]
    rows = [
        [None, None, "Applied", "Status"],
        [None, "Acme", "2025-01-02", "Rejected"],
        [None, "Beta", "2025-01-03", "x"],
    ]
    table, _ = read_source(xlsx(tmp_path / "b.xlsx", {"Log": rows}))  # from column B: still named by its place
    assert list(table.columns) == ["column 2", "Applied", "Status", "line"]


def test_an_unreadable_sheet_beside_the_log_is_listed_not_fatal(tmp_path):
    far = sheet_xml({**log_rows(), 9: cell("XFD1048576", "x")})
    path = raw_xlsx(tmp_path / "w.xlsx", {"Broken": far, "Log": sheet_xml(log_rows())})
    table, source = read_source(path)
    assert source.sheet == "Log" and len(table) == 2
    assert "'Broken' (not readable: sheet 'Broken' has a value in cell XFD1048576" in source.describe()
    with pytest.raises(DataError, match="XFD1048576"):
        read_source(path, sheet="Broken")


def test_with_no_log_like_sheet_the_widest_table_is_read_and_the_importer_asks(tmp_path):
    # Finnish: headers no vocabulary table knows
    unknown = [["Yritys", "Päivä", "Tila", "Paikka"], ["Acme", "2025-01-02", "avoin", "Helsinki"], ["Beta", "", "", ""]]
    path = xlsx(tmp_path / "w.xlsx", {"Dashboard": dashboard(), "Counts": COUNTS, "Rohdaten": unknown})
    table, source = read_source(path)
    assert source.sheet == "Rohdaten" and "so the widest table" in source.describe()


def test_a_workbook_of_empty_sheets_is_refused_listing_them(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"A": [], "B": []})
    with pytest.raises(DataError, match=r"no sheet .* holds a table; its sheets: 'A' \(empty\); 'B' \(empty\)"):
        read_source(path)


def test_a_day_grid_sheet_looks_like_a_log(tmp_path):
    grid = [["Total", dt.date(2025, 3, 4), dt.date(2025, 3, 3)], [3, "1. Acme (Berlin)", "1. Beta"], [None, "2. Acme"]]
    path = xlsx(tmp_path / "w.xlsx", {"Counts": COUNTS, "Days": grid})
    table, source = read_source(path)
    assert source.sheet == "Days" and source.rows_are_distinct
    assert table[["Company", "Applied", "Location"]].values.tolist() == [
        ["Acme", "2025-03-04", "Berlin"],
        ["Acme", "2025-03-04", ""],
        ["Beta", "2025-03-03", ""],
    ]
    assert "one column per day: 3 applications over 2 days; column 'Total' not read" in source.describe()


def test_the_sheet_is_an_open_question_asked_with_those_of_the_proposed_sheet(tmp_path):
    """Issue 18: two sheets look like logs: the sheet is asked like any other decision, and
    the proposed sheet's own questions come in the same list."""
    path = two_log_workbook(tmp_path / "search.xlsx")
    questions = open_questions(path)
    assert [q.key for q in questions] == [("sheet",), ("statuses", "Wibble")]
    assert [c.value for c in questions[0].choices] == ["2024", "2025"]
    with pytest.raises(DataError) as caught:
        read_applications(path)
    message = str(caught.value)
    assert caught.value.file.endswith("[2024; other sheets: 'Counts', '2025']") and caught.value.column == "sheet"
    assert "2 sheets look like job-search logs" in message and "'Counts' (" in message
    assert "sheet = \"2024\"  # proposed; or: '2025'" in message and "Wibble = " in message
    assert open_questions(path, {"sheet": "2025"}) == []
    log, summary = read_applications(path, {"sheet": "2025"})
    assert log["company"].tolist() == ["Delta", "Eps", "Zeta"] and "named in the mapping" in summary.read_as
