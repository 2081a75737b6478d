"""Dates in every style people write, the order decided from the data, never guessed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib.importers.dates import read_dates
from careerlib.importers.decisions import BadCell, Decisions, Seen


def read(values, *, order=None, year=None, column="Date"):
    table = pd.DataFrame({column: values, "line": np.arange(2, len(values) + 2)})
    decisions = Decisions("log.csv")
    out, chosen = read_dates(table, [column], decisions=decisions, order=order, year=year)
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in out[column]], chosen, decisions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-01-15", "2025-01-15"),
        ("2025-01-15T10:21:00", "2025-01-15"),
        ("2025-01-15 10:21", "2025-01-15"),
        ("2025/1/5", "2025-01-05"),
        ("1/15/24, 10:21 AM", "2024-01-15"),
        ("9/25/2019", "2019-09-25"),
        ("15/01/2025", "2025-01-15"),
        ("15.01.2025", "2025-01-15"),
        ("14 Jan 2026", "2026-01-14"),
        ("14-Jan-2026", "2026-01-14"),
        ("Jan 14, 2026", "2026-01-14"),
        ("January 14th 2026", "2026-01-14"),
        ("Jan 2020", "2020-01-01"),
        ("Sept 2021", "2021-09-01"),
        ("8/5/2019 & 8/14/2019", "2019-08-05"),
        ("8/14/2019 and 8/20/2019", "2019-08-14"),
        ("", None),
    ],
)
def test_each_style(text, expected):
    order = "month-first" if text.startswith("8/5") else None  # only that one could be read both ways
    dates, _, decisions = read([text, "2019-12-31"], order=order)
    assert dates[0] == expected and not decisions.any()


def test_day_first_is_decided_by_a_day_above_12_and_the_reason_names_it():
    dates, chosen, decisions = read(["03/04/2025", "15/01/2025"])
    assert dates == ["2025-04-03", "2025-01-15"] and chosen.order == "day-first"
    assert "'15/01/2025'" in chosen.reason and "line 3" in chosen.reason and not decisions.any()


def test_month_first_is_decided_by_a_day_in_second_place():
    dates, chosen, _ = read(["03/04/2025", "1/15/2025"])
    assert dates == ["2025-03-04", "2025-01-15"] and chosen.order == "month-first"


def test_ambiguous_order_asks_with_count_and_first_line():
    dates, chosen, decisions = read(["2025-01-01", "03/04/2025", "05/06/2025", "03/04/2025"])
    assert chosen.order is None and dates[1:] == [None, None, None]
    assert decisions.order == Seen("03/04/2025", 2, 3, "Date")  # two distinct texts, first on line 3
    assert not decisions.cells_total  # undecided is not unreadable


def test_equal_day_and_month_need_no_order():
    dates, chosen, decisions = read(["03/03/2025", "2025-01-01"])
    assert dates[0] == "2025-03-03" and chosen.order is None and "not needed" in chosen.reason
    assert not decisions.any()


def test_the_mapping_order_wins_and_contradicting_dates_are_unreadable():
    dates, chosen, decisions = read(["03/04/2025", "1/15/2025"], order="day-first")
    assert dates == ["2025-04-03", None] and chosen.reason.startswith("set in the mapping")
    cell = decisions.cells[0]
    assert decisions.cells_total == 1 and (cell.line, cell.column, cell.value) == (3, "Date", "1/15/2025")


def test_both_orders_in_one_file_are_refused():
    _, _, decisions = read(["15/01/2025", "1/15/2025"])
    assert decisions.cells_total == 2 and "consistent" in decisions.cells[0].problem


def test_yearless_dates_need_a_year():
    dates, _, decisions = read(["3/14", "3/15", "12/31/2019"])
    assert dates[:2] == [None, None] and decisions.year == Seen("3/14", 2, 2, "Date")
    dates, _, decisions = read(["3/14", "3/15", "12/31/2019"], year=2020)
    assert dates == ["2020-03-14", "2020-03-15", "2019-12-31"] and not decisions.any()


def test_unreadable_cells_are_listed_up_to_ten_with_the_total():
    values = [f"soon {i}" for i in range(12)] + ["2025-01-01"]
    _, _, decisions = read(values)
    assert decisions.cells_total == 12 and len(decisions.cells) == 10
    assert decisions.cells[0] == BadCell(2, "Date", "soon 0", "not a date")


@pytest.mark.parametrize("text", ["2025-02-30", "13/13/2025", "Foo 2020", "yesterday", "2025"])
def test_impossible_dates_are_unreadable(text):
    dates, _, decisions = read([text])
    assert dates == [None] and decisions.cells_total == 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=20), st.from_regex(r"\d{1,2}/\d{1,2}(/\d{2,4})?", fullmatch=True)),
        min_size=1,
        max_size=8,
    )
)
def test_any_text_gives_dates_or_recorded_problems(values):
    dates, _, decisions = read(values)
    assert len(dates) == len(values)
    unresolved = {v for v, d in zip(values, dates) if d is None and v.strip()}
    assert not unresolved or decisions.any()


def test_an_excel_day_number_among_dates_is_that_day_and_said():
    # 45538 days after 1899-12-30 is 2024-09-03 (Excel's own reading of that number)
    dates, chosen, decisions = read(["2024-08-10", "45538", "2024-09-01", "", "45539.0", "2024-09-05"])
    assert dates == ["2024-08-10", "2024-09-03", "2024-09-01", None, "2024-09-04", "2024-09-05"]
    assert not decisions.any()
    assert "2 cell(s) of column 'Date' held an Excel day number ('45538', line 3)" in chosen.reason


@pytest.mark.parametrize(
    "values",
    [
        ["45538", "45539", "2024-09-01"],  # mostly numbers: a column of numbers, not dates
        ["2024-08-10", "12345", "2024-09-01"],  # 1933: outside the range a log's dates fall in
        ["2024-08-10", "455380", "2024-09-01"],  # six digits: not a day number
    ],
)
def test_other_numbers_in_a_date_column_stay_unreadable(values):
    dates, chosen, decisions = read(values)
    assert "Excel day number" not in chosen.reason
    assert decisions.any() and dates.count(None) >= 1
