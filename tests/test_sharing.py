"""Share mode leaks nothing, and LinkedIn contact details never reach any report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from careerlib.report import person_reports
from workbook_data import ROOT, Strings, write_inputs

pytestmark = pytest.mark.slow

PRIVATE = Strings(
    companies=("Zorblax Dynamics", "Quillfeather Bank", "Marrowgate Studios"),
    roles=("Chief Vibe Analyst", "Senior Quasar Wrangler"),
    notes=(
        "spoke to Ingrid Sorvald on 555-0188",
        "see https://jobs.example.org/secret-posting-4411",
        "salary hint 131k",
    ),
    employers=("Plumbrook Holdings", "Veltmore Logistics", "Ashcombe Health"),
    titles=("Principal Gizmo Strategist", "Deputy Widget Marshal"),
    peers=("Jorunn Halvorsen", "Tobiah Quell"),
    option_names=("MBA at Ravenholm", "Part-time MBA at Ravenholm", "Ravenholm data certificate"),
)
# Names and free text: none may appear in any output of a share-mode run.
MUST_NOT_APPEAR = [*PRIVATE.companies, *PRIVATE.roles, *PRIVATE.employers, *PRIVATE.titles, *PRIVATE.peers] + [
    "Ingrid Sorvald",
    "555-0188",
    "jobs.example.org",
    "secret-posting-4411",
    "salary hint",
]


def careerlib(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerlib.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=900
    )


def output_text(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(errors="replace") for p in folder.iterdir() if p.suffix in {".html", ".ipynb", ".json"}}


def test_share_mode_leaks_no_private_value(tmp_path):
    config = write_inputs(tmp_path / "private", PRIVATE)
    out = tmp_path / "shared"
    run = careerlib("report", "--all", "--share", "--config", str(config), "--out", str(out))
    assert run.returncode == 0, run.stderr
    outputs = output_text(out)
    reports = set(person_reports(ROOT))  # what --all runs: the cohort overview needs --cohort
    assert {f"{name}.{ext}" for name in reports for ext in ("html", "ipynb", "json")} <= set(outputs)
    leaks = [(value, name) for name, text in outputs.items() for value in MUST_NOT_APPEAR if value in text]
    assert not leaks, f"private values in share-mode output: {leaks}"
    for name in reports:
        assert "Anonymised for sharing:" in outputs[f"{name}.html"], f"{name}.html does not say it is anonymised"
    assert "Company A" in outputs["funnel.html"]


def test_without_share_the_same_names_are_shown(tmp_path):
    """The share test above can fail: the private values do reach a normal report."""
    config = write_inputs(tmp_path / "private", PRIVATE)
    out = tmp_path / "normal"
    run = careerlib(
        "report", "funnel", "-p", "applications_path", str(tmp_path / "private" / "applications.csv"), "--out", str(out)
    )
    assert run.returncode == 0, run.stderr
    assert "Zorblax Dynamics" in (out / "funnel.html").read_text()
    assert config.exists()


def test_linkedin_contacts_never_reach_a_report(tmp_path):
    export = tmp_path / "Job Applications.csv"
    export.write_text(
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,Question And Answers\n"
        '"9/1/26, 9:15 AM",hiring.kestrel@example.net,+1 202 555 0143,Kestrel Foods,Analyst,https://example.com/j/1,cv.pdf,\n'
        '"9/3/26, 4:40 PM",talent@example.net,+44 20 7946 0958,Fathom Labs,Engineer,'
        'https://example.com/j/2,cv.pdf,"Q: A"\n'
    )
    out = tmp_path / "out"
    run = careerlib(
        "report", "funnel", "-p", "applications_path", str(export), "-p", "as_of", "2026-09-10", "--out", str(out)
    )
    assert run.returncode == 0, run.stderr
    for name, text in output_text(out).items():
        for value in ("hiring.kestrel@example.net", "talent@example.net", "555 0143", "7946 0958"):
            assert value not in text, f"{value} in {name}"
    assert "Kestrel Foods" in (out / "funnel.html").read_text()
