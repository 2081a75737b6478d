"""LinkedIn's Positions.csv read as career-history rows (careerlib.importers.positions)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.importers import positions
from careerlib.importers.positions import read_positions
from careerlib.logs.career import COLUMNS, merge_career
from positions_files import HEADER, ROLES, positions_file


def test_positions_become_career_rows_oldest_first(tmp_path):
    roles = read_positions(positions_file(tmp_path, *ROLES))
    assert list(roles.columns) == [*COLUMNS, "line"]
    assert list(roles["employer"]) == ["Northwind", "Harbor & Pine", "Harbor & Pine", "Coastline Health"]
    assert list(roles["start"]) == ["2012-01-01", "2016-05-01", "2018-08-01", "2021-06-01"]
    assert list(roles["end"]) == ["2016-01-01", "2018-08-01", "2021-05-01", ""]
    assert list(roles["line"]) == [6, 5, 4, 2]  # the description's line break pushes later rows down
    # Certain only for the first role at each employer; the Team Lead move could be anything.
    assert list(roles["change"]) == ["hire", "hire", "", "hire"]
    for empty in ("level", "salary", "currency", "rating", "rating_scale_max"):
        assert (roles[empty] == "").all()


def test_descriptions_and_locations_are_not_copied(tmp_path):
    roles = read_positions(positions_file(tmp_path, *ROLES))
    text = " ".join(roles.astype(str).to_numpy().ravel())
    assert "claims team" not in text and "Boston" not in text and "Dashboards" not in text


def test_bytes_from_a_zip_read_like_the_file(tmp_path):
    path = positions_file(tmp_path, *ROLES)
    from_bytes = read_positions("Basic_LinkedInDataExport.zip:Positions.csv", data=b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(from_bytes, read_positions(path))
    with pytest.raises(DataError) as caught:
        read_positions("export.zip:Positions.csv", data=HEADER.encode() + b"\nAcme,Boss,,,Smarch 2020,\n")
    assert caught.value.file == "export.zip:Positions.csv" and caught.value.line == 2


def test_a_year_only_end_in_the_start_year_is_not_before_the_start(tmp_path):
    roles = read_positions(positions_file(tmp_path, "Acme,Analyst,,,Mar 2022,2022"))
    assert roles["start"].iloc[0] == roles["end"].iloc[0] == "2022-03-01"


def test_two_first_roles_in_one_month_are_not_guessed(tmp_path):
    roles = read_positions(positions_file(tmp_path, "Acme,Analyst,,,Mar 2022,", "Acme,Mentor,,,Mar 2022,"))
    assert list(roles["change"]) == ["", ""]


def test_headers_in_another_case_and_full_month_names_are_read(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("company name,TITLE,Description,Location,started on,Finished On\nAcme,A,,,September 2020,\n")
    assert read_positions(path)["start"].iloc[0] == "2020-09-01"
    assert positions.is_positions_file(path)


FAULTS = [
    ("Acme,Analyst,,,Marc 2020,", 2, "Started On", "Marc 2020"),
    ("Acme,Analyst,,,Mar 2020,sometime", 2, "Finished On", "sometime"),
    ("Acme,Analyst,,,,", 2, "Started On", ""),
    (",Analyst,,,Mar 2020,", 2, "Company Name", ""),
    ("Acme,Analyst,,,Mar 2020,Jan 2019", 2, "Finished On", "Jan 2019"),
    ("Acme,Analyst,,,Mar 2020,May 2021\nACME ,analyst,,,Mar 2020,", 3, "Company Name", "Acme"),
    ("Acme,Analyst,,,Mar 1066,", 2, "Started On", "Mar 1066"),
]


@pytest.mark.parametrize("rows, line, column, value", FAULTS)
def test_bad_cells_name_file_line_column_and_value(tmp_path, rows, line, column, value):
    path = positions_file(tmp_path, "Beta,Intern,,,Jan 2010,Jun 2010", *rows.split("\n"))
    with pytest.raises(DataError) as caught:
        read_positions(path)
    error = caught.value
    assert (error.file, error.line, error.column) == (str(path), line + 1, column)
    assert error.value == value


def test_a_missing_column_is_reported_on_the_header(tmp_path):
    path = tmp_path / "Positions.csv"
    path.write_text("Company Name,Title,Started On\nAcme,A,Mar 2020\n")
    with pytest.raises(DataError) as caught:
        read_positions(path)
    assert caught.value.line == 1 and caught.value.column == "Finished On"


def test_a_header_only_file_has_no_roles(tmp_path):
    assert read_positions(positions_file(tmp_path)).empty


VALID = "\n".join([HEADER, *ROLES]) + "\n"


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    position=st.integers(min_value=0, max_value=len(VALID) - 1),
    length=st.integers(min_value=0, max_value=12),
    insert=st.text(alphabet=st.sampled_from(list(',\n"-0123456789 abJMnrAZ;\r\té\x00')), max_size=12),
)
def test_mutated_files_give_a_history_or_a_data_error(tmp_path, position, length, insert):
    text = VALID[:position] + insert + VALID[position + length :]
    try:
        roles = read_positions("Positions.csv", data=text.encode("utf-8"))
    except DataError:
        return
    assert list(roles.columns) == [*COLUMNS, "line"]
    assert (roles["start"] != "").all() and (roles["end"].eq("") | (roles["end"] >= roles["start"])).all()
    target = tmp_path / f"career-{position}-{length}.csv"
    merge_career(target, roles)
    assert merge_career(target, roles).added == 0  # whatever imports once imports again without duplicates


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_history_or_a_data_error(data):
    try:
        read_positions("Positions.csv", data=data)
    except DataError:
        pass
