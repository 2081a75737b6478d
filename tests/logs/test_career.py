"""LinkedIn's Positions.csv as a career history, and merging it into career.csv."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError, career_history, diagnostics
from careerlib.career_history import describe_merge, merge_career, read_positions
from careerlib.diagnostics import COLUMNS

HEADER = "Company Name,Title,Description,Location,Started On,Finished On"
# Newest first, as LinkedIn writes it; made up for these tests.
ROLES = [
    'Coastline Health,Analytics Manager,"Runs the claims team,\nfour people",Remote,Jun 2021,',
    "Harbor & Pine,Team Lead,,Boston,Aug 2018,May 2021",
    "Harbor & Pine,Senior Analyst,,Boston,May 2016,Aug 2018",
    "Northwind,Analyst,Dashboards,,2012,2016",
]


def positions_file(tmp_path: Path, *rows: str, name: str = "Positions.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


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
    assert career_history.is_positions_file(path)


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


# --------------------------------------------------------------------------- merging
def test_merge_creates_the_history_and_a_second_import_adds_nothing(tmp_path):
    roles = read_positions(positions_file(tmp_path, *ROLES))
    target = tmp_path / "private" / "career.csv"
    first = merge_career(target, roles)
    assert first.created and (first.added, first.kept, first.hires, first.change_left_empty) == (4, 0, 3, 1)
    written = target.read_bytes()
    assert written.decode().splitlines()[0] == ",".join(COLUMNS)
    again = merge_career(target, roles)
    assert not again.created and (again.added, again.kept, again.existing) == (0, 4, 4)
    assert target.read_bytes() == written
    loaded = diagnostics.load_career(target)
    assert len(loaded) == 4 and loaded["level"].isna().all()


def test_dry_run_writes_nothing(tmp_path):
    roles = read_positions(positions_file(tmp_path, *ROLES))
    target = tmp_path / "career.csv"
    summary = merge_career(target, roles, dry_run=True)
    assert summary.added == 4 and summary.created and not target.exists()
    assert "would be created" in describe_merge(summary) and "nothing written" in describe_merge(summary)


def test_cells_the_user_filled_in_are_kept(tmp_path):
    roles = read_positions(positions_file(tmp_path, *ROLES[1:]))
    target = tmp_path / "career.csv"
    merge_career(target, roles)
    # The user fills in levels, pay and how the Team Lead role began, corrects a start
    # day, adds a note column and a role LinkedIn does not have.
    edited = pd.read_csv(target, dtype=str, keep_default_na=False)
    edited["level"] = ["1", "3", "4"]
    edited["salary"] = ["$47,000", "71000", "88000"]
    edited["change"] = ["hire", "hire", "promotion"]
    edited.loc[1, "start"] = "2016-05-16"
    edited["notes"] = ["", "moved city", ""]
    extra = pd.DataFrame(
        [
            {
                **{c: "" for c in edited.columns},
                "start": "2010-01-01",
                "end": "2011-12-31",
                "employer": "Freelance",
                "title": "Designer",
                "level": "1",
                "change": "hire",
            }
        ]
    )
    edited = pd.concat([edited, extra], ignore_index=True)
    edited.to_csv(target, index=False)
    before = target.read_text()

    newer = read_positions(positions_file(tmp_path, *ROLES))  # the next download has the Coastline role too
    summary = merge_career(target, newer)
    assert (summary.added, summary.kept, summary.existing) == (1, 3, 4)
    after = target.read_text()
    assert after.startswith(before)  # every earlier line, byte for byte
    added = pd.read_csv(target, dtype=str, keep_default_na=False).iloc[-1]
    assert (added["employer"], added["change"], added["notes"], added["level"]) == ("Coastline Health", "hire", "", "")


def test_a_new_role_at_an_employer_already_in_the_history_is_not_called_a_hire(tmp_path):
    target = tmp_path / "career.csv"
    target.write_text(",".join(COLUMNS) + "\n2015-01-01,2019-12-31,Harbor & Pine,Analyst,2,,,,,hire\n")
    roles = read_positions(positions_file(tmp_path, "HARBOR  & pine,Lead,,,Jan 2020,"))
    assert list(roles["change"]) == ["hire"]  # alone in Positions.csv it looks like a first role
    summary = merge_career(target, roles)
    assert summary.hires == 0 and summary.change_left_empty == 1
    assert target.read_text().splitlines()[-1] == "2020-01-01,,HARBOR & pine,Lead,,,,,,"


def test_a_bad_career_file_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "career.csv"
    target.write_text(",".join(COLUMNS) + "\n2015-13-01,,Acme,Analyst,2,,,,,hire\n")
    before = target.read_bytes()
    with pytest.raises(DataError) as caught:
        merge_career(target, read_positions(positions_file(tmp_path, *ROLES)))
    assert (caught.value.line, caught.value.column) == (2, "start")
    assert target.read_bytes() == before


def test_the_summary_reads_one_fact_a_line(tmp_path):
    summary = merge_career(tmp_path / "career.csv", read_positions(positions_file(tmp_path, *ROLES)))
    lines = describe_merge(summary).splitlines()
    assert lines[0].endswith("created (it did not exist)")
    assert "roles added: 4" in lines and "roles already in the history, kept as they are: 0" in lines
    assert any(line.endswith(": 3") and "hire" in line for line in lines)
    assert any(line.endswith(": 1") and "left empty" in line for line in lines)


# --------------------------------------------------------------------------- the report on an imported history
@pytest.mark.slow
def test_stuck_diagnostics_report_runs_on_an_imported_history(tmp_path):
    import papermill

    from careerlib.io import project_root
    from careerlib.notebook import SUMMARY_MIME

    target = tmp_path / "career.csv"
    merge_career(target, read_positions(positions_file(tmp_path, *ROLES)))
    root = project_root()
    executed = tmp_path / "stuck_diagnostics.ipynb"
    papermill.execute_notebook(
        str(root / "notebooks" / "stuck_diagnostics.ipynb"),
        str(executed),
        cwd=str(root),
        kernel_name="python3",
        parameters={"career_path": str(target), "responses_path": "", "as_of": "2026-11-01"},
        progress_bar=False,
    )
    outputs = [o for cell in json.loads(executed.read_text())["cells"] for o in cell.get("outputs", [])]
    summary = next(o["data"][SUMMARY_MIME] for o in outputs if SUMMARY_MIME in o.get("data", {}))
    assert summary["report"] == "stuck_diagnostics" and summary["stalled"] is False
    assert summary["years_since_promotion"] is None
    assert [s["value"] for s in summary["signals"]] == [None] * 6
    assert len(summary["causes"]) == 6
    said = " ".join("".join(o["data"].get("text/markdown", "")) for o in outputs if "data" in o)
    assert "cannot be told yet" in said and "would measure" in said


def test_overlapping_roles_are_imported_and_the_problem_is_said_at_once(tmp_path):
    # LinkedIn lets two roles at one employer overlap; the report refuses that, so the import says so.
    roles = read_positions(positions_file(tmp_path, "Acme,Analyst,,,Jan 2020,Jun 2021", "Acme,Mentor,,,Mar 2021,"))
    for dry_run in (True, False):
        summary = merge_career(tmp_path / "career.csv", roles, dry_run=dry_run)
        assert summary.added == 2
        assert summary.problem.startswith(f"{tmp_path / 'career.csv'}, line 3, column 'start'")
        assert "overlaps another role" in describe_merge(summary).splitlines()[-1]
    clean = merge_career(tmp_path / "other.csv", read_positions(positions_file(tmp_path, *ROLES)))
    assert clean.problem == "" and "to fix" not in describe_merge(clean)


def test_the_inferred_change_is_a_known_change_type():
    assert career_history.HIRE in diagnostics.CHANGES
