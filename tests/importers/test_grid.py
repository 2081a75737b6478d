"""One column per day, unfolded into one row per application."""

from __future__ import annotations

import pytest

from careerlib import DataError, load_applications
from careerlib.importers.grid import day_columns, day_text
from careerlib.importers.read import read_applications
from careerlib.importers.source import read_source
from import_files import write

GRID = (
    "Total,2021-12-14,2021-12-14,2021-12-13\n"
    "5,1. CyberCoders (Austin),3. Twik,1. Optello\n"
    ",2. CyberCoders,,2) Acme Corp (Remote)\n"
    "\n"
    ",,,\n"
)


@pytest.mark.parametrize(
    "header, day",
    [
        ("2025-03-04", "2025-03-04"),
        ("4/3/2025", "4/3/2025"),
        ("04.03.25", "04.03.25"),
        ("4/3", "4/3"),
        ("Mon 4/3", "4/3"),
        ("Tuesday, 4 Mar 2025", "4 Mar 2025"),
        ("Mar 4", "Mar 4"),
        ("Total", None),
        ("Company", None),
        ("1.5", None),
        ("12", None),
    ],
)
def test_which_headers_are_days(header, day):
    assert day_text(header) == day


def test_a_header_of_days_is_a_grid_only_when_days_are_most_of_it():
    assert day_columns(["Total", "2025-01-02", "2025-01-03"]) == [1, 2]
    assert day_columns(["Company", "Applied", "2025-01-02"]) is None
    assert day_columns(["Company", "2025-01-02"]) is None


def test_a_csv_grid_is_unfolded_with_numbers_places_and_repeats(tmp_path):
    table, source = read_source(write(tmp_path / "days.csv", GRID))
    rows = table[["Company", "Applied", "Location", "line"]].values.tolist()
    assert rows == [
        ["CyberCoders", "2021-12-14", "Austin", 2],
        ["CyberCoders", "2021-12-14", "", 3],
        ["Twik", "2021-12-14", "", 2],  # the second column of the same day
        ["Optello", "2021-12-13", "", 2],
        ["Acme Corp", "2021-12-13", "Remote", 3],
    ]
    assert source.rows_are_distinct
    assert source.describe().endswith("; one column per day: 5 applications over 2 days; column 'Total' not read")


def test_a_totals_row_is_not_read_and_said(tmp_path):
    text = "2025-01-02,2025-01-03\nAcme,Beta\nGamma,\n2,1\n"
    table, source = read_source(write(tmp_path / "days.csv", text))
    assert table["Company"].tolist() == ["Acme", "Gamma", "Beta"]
    assert "rows of numbers only (totals) not read: line(s) 4" in source.describe()


def test_a_tally_of_counts_per_day_is_not_a_grid(tmp_path):
    table, source = read_source(write(tmp_path / "tally.csv", "2025-01-02,2025-01-03\n3,4\n1,0\n"))
    assert list(table.columns) == ["2025-01-02", "2025-01-03", "line"] and not source.rows_are_distinct
    with pytest.raises(DataError, match="same name"):
        read_source(write(tmp_path / "dup.csv", "2025-01-02,2025-01-02\n3,4\n"))


def test_a_grid_imports_as_applications(tmp_path):
    path = write(tmp_path / "days.csv", "2025-01-02,2025-01-03\n1. Acme (Berlin),1. Beta\n2. Gamma,\n")
    log, summary = read_applications(path)
    assert sorted(log["company"]) == ["Acme", "Beta", "Gamma"]
    assert "one column per day: 3 applications over 2 days" in summary.read_as
    assert len(load_applications(path)) == 3
