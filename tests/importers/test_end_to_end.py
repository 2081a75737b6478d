"""A user's own files through ``careerlib import`` and into the funnel and stuck-diagnostics
reports (slow: runs the notebooks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from careerlib.sample import synthetic_status_sheet
from import_files import LINKEDIN_ROWS, linkedin_zip

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def careerlib(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "careerlib.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_linkedin_zip_to_funnel_report(tmp_path):
    rows = [[f"{1 + i % 9}/{10 + i % 17}/24, 9:{10 + i % 50} AM", "me@example.com", "+1 555 0100", f"Company {i}",
             "Analyst", f"https://example.com/jobs/{i}", "cv.pdf", ""] for i in range(30)]
    export = linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip", rows=[*LINKEDIN_ROWS, *rows])
    folder = tmp_path / "private"
    run = careerlib("import", str(export), str(folder))
    assert run.returncode == 0, run.stderr
    assert "added 32 application(s)" in run.stdout
    run = careerlib("report", "funnel", "-p", "applications_path", str(folder / "applications.csv"),
                    "-p", "as_of", "2024-12-31", "--out", str(tmp_path / "reports"))
    assert run.returncode == 0, run.stderr
    summary = json.loads((tmp_path / "reports" / "funnel.json").read_text())
    assert summary["applications"] == 32 and summary["channels"] == [
        {"channel": "linkedin", "applications": 32, "offers": 0}]
    assert "me@example.com" not in json.dumps(summary)
    html = (tmp_path / "reports" / "funnel.html").read_text()
    assert "me@example.com" not in html and "555 0100" not in html
    # The career half of the download: the stuck-diagnostics report runs on the imported history.
    run = careerlib("report", "stuck_diagnostics", "-p", "career_path", str(folder / "career.csv"),
                    "-p", "as_of", "2026-11-01", "--out", str(tmp_path / "reports"))
    assert run.returncode == 0, run.stderr
    stuck = json.loads((tmp_path / "reports" / "stuck_diagnostics.json").read_text())
    assert stuck["report"] == "stuck_diagnostics" and stuck["signals"]
    assert stuck["years_since_promotion"] is None or stuck["years_since_promotion"] > 0


def test_status_sheet_with_a_mapping_straight_into_the_report(tmp_path):
    sheet = synthetic_status_sheet(80, seed=4).rename(columns={"Status": "Where it stands"})
    sheet["Where it stands"] = sheet["Where it stands"].replace({"Phone Screen": "Recruiter chat"})
    path = tmp_path / "my search.csv"
    sheet.to_csv(path, index=False)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\nstatus = "Where it stands"\n[statuses]\n"Recruiter chat" = "screen"\n')
    run = careerlib("report", "funnel", "-p", "applications_path", str(path), "-p", "mapping_path", str(mapping),
                    "-p", "as_of", "", "--out", str(tmp_path / "reports"))
    assert run.returncode == 0, run.stderr
    summary = json.loads((tmp_path / "reports" / "funnel.json").read_text())
    from careerlib import load_applications

    expected = load_applications(path, mapping)
    assert summary["applications"] == len(expected) == int((sheet["Where it stands"] != "Saved").sum())
    screened = expected["screen"].notna().sum()
    assert [s["reached"] for s in summary["stages"]][1] == screened > 0
