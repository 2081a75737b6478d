from __future__ import annotations

import pytest

from careerlib.cohort import folders
from careerlib.errors import DataError


def make(folder, files: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_usual_names_and_one_export_as_the_applications_log(tmp_path):
    make(tmp_path / "ann", {"career.csv": "x", "Job Applications.csv": "x", "notes.txt": "x"})
    make(tmp_path / "bob", {"applications.csv": "x", "Job Applications.csv": "x", "assessments.csv": "x"})
    make(tmp_path / ".hidden", {"applications.csv": "x"})
    ann, bob = folders.discover(tmp_path)
    assert ann.files["applications"].name == "Job Applications.csv"
    assert ann.supports("funnel") and ann.supports("stuck_diagnostics") and not ann.supports("self_assessment")
    assert bob.files["applications"].name == "applications.csv"  # the usual name wins
    assert bob.supports("self_assessment") and not bob.supports("education_roi")


def test_two_candidate_exports_is_a_problem_for_the_funnel_only(tmp_path):
    make(tmp_path / "cat", {"a.csv": "x", "b.xlsx": "x", "career.csv": "x"})
    (cat,) = folders.discover(tmp_path)
    assert "applications" not in cat.files
    assert cat.supports("funnel") and "a.csv, b.xlsx" in str(cat.applications_problem)


def test_parameters_are_relative_to_the_folder_and_settings_override(tmp_path):
    make(
        tmp_path / "dan",
        {
            "applications.csv": "x",
            "career.csv": "x",
            "careerlib.toml": '[defaults]\nshare = true\n[reports.funnel]\nchange_date = "2026-09-01"\n',
        },
    )
    (dan,) = folders.discover(tmp_path)
    assert dan.parameters("funnel") == {
        "applications_path": "applications.csv",
        "mapping_path": "",  # no mapping.toml in the folder
        "as_of": "",
        "change_date": "2026-09-01",
        "share": True,
    }
    assert dan.parameters("stuck_diagnostics", declared={"career_path", "responses_path", "as_of"}) == {
        "career_path": "career.csv",
        "responses_path": "",
        "as_of": "",
    }
    assert folders.change_date(dan) == "2026-09-01"


@pytest.mark.parametrize("value", ["../other/applications.csv", "/etc/passwd"])
def test_a_path_may_not_leave_the_folder(tmp_path, value):
    make(tmp_path / "eve", {"careerlib.toml": f'[reports.funnel]\napplications_path = "{value}"\n'})
    (eve,) = folders.discover(tmp_path)
    assert isinstance(eve.problem, DataError) and eve.problem.column == "reports.funnel.applications_path"


def test_bad_settings_and_missing_folder(tmp_path):
    make(tmp_path / "fay", {"careerlib.toml": "[reports.funnel\n"})
    (fay,) = folders.discover(tmp_path)
    assert "not valid TOML" in str(fay.problem)
    with pytest.raises(DataError, match="does not exist"):
        folders.discover(tmp_path / "nowhere")


def test_one_person_all_skips_the_group_report():
    from careerlib.report import available_reports, person_reports

    assert "cohort" in available_reports() and "cohort" not in person_reports()
    assert set(folders.REPORT_FILES) <= set(person_reports())
