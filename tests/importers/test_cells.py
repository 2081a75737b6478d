"""Header checks shared by every reader: unnamed columns named by their position."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.importers.cells import UNNAMED, drop_empty_rows, named_by_position, position_name
from careerlib.importers.source import read_source
from careerlib.io import LINE
from import_files import write


def test_position_names_are_one_based_and_recognised():
    assert position_name(0) == "column 1" and position_name(11) == "column 12"
    assert named_by_position("column 3") and not named_by_position("Column") and not named_by_position("column 0")


def test_an_unnamed_column_with_values_is_named_by_its_position_and_an_empty_one_dropped():
    table = pd.DataFrame(
        {f"{UNNAMED}0": ["Acme", "Beta"], "City": ["Utrecht", ""], f"{UNNAMED}2": ["", ""], LINE: [2, 3]}
    )
    named, empty = drop_empty_rows(table, "log.csv")
    assert list(named.columns) == ["column 1", "City", LINE] and named["column 1"].tolist() == ["Acme", "Beta"]
    assert empty == 0


def test_a_position_name_already_taken_by_a_header_is_refused_with_the_name():
    table = pd.DataFrame({f"{UNNAMED}0": ["Acme"], "Column 1": ["x"], LINE: [2]})
    with pytest.raises(DataError, match="give it a name") as caught:
        drop_empty_rows(table, "log.csv", header_line=3)
    assert (caught.value.file, caught.value.line, caught.value.column) == ("log.csv", 3, "column 1")


names = st.one_of(st.just(""), st.just(" "), st.sampled_from(["Company", "City", "Date", "Status", "column 2"]))
values = st.sampled_from(["", " ", "Acme", "2024-01-02", "Rejected", "x,y"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(names, min_size=1, max_size=6), data=st.data())
def test_any_header_with_unnamed_columns_gives_position_names_or_a_data_error(tmp_path, header, data):
    rows = data.draw(st.lists(st.lists(values, min_size=len(header), max_size=len(header)), min_size=1, max_size=5))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    try:
        table, _ = read_source(write(tmp_path / "log.csv", out.getvalue()))
    except DataError as err:
        assert err.file.endswith("log.csv")
        return
    filled = {i for i in range(len(header)) if any(row[i].strip() for row in rows)}
    expected = [h.strip() or position_name(i) for i, h in enumerate(header) if h.strip() or i in filled]
    assert [c for c in table.columns if c != LINE] == expected
    for i, h in enumerate(header):
        if not h.strip() and i in filled:  # the values stay under the position name, row by row
            found = [cell for cell in table[position_name(i)] if cell.strip()]
            assert found == [row[i] for row in rows if row[i].strip()]
