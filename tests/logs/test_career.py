"""Merging roles into career.csv (careerlib.logs.career), through the names careerlib.career_history keeps."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from careerlib import DataError, career_history, diagnostics
from careerlib.career_history import describe_merge, merge_career, read_positions
from careerlib.diagnostics import COLUMNS
from positions_files import ROLES, positions_file


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
