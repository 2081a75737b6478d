"""Attacks on share mode (issue 19, point 1): private text hiding outside the fields the
share transform knows, in every output of a shared report or a cohort overview."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from careerlib import DataError, privacy
from careerlib.assessment.words import shared_name
from careerlib.importers.summary import ImportSummary
from workbook_data import ROOT, Strings, write_inputs

FOLDER = "Hollowmere-Home-Of-Dana"  # stands for a home folder's name in a path
CHANNEL = "referral from Dana Smith"
RESPONDENT = "peer:Unlisted Oswin Harrow"
PAY = 987654  # an amount given as a parameter, hidden when share_amounts is false
PRIVATE = Strings(
    companies=("Zorblax Dynamics", "Quillfeather Bank", "Marrowgate Studios"),
    roles=("Chief Vibe Analyst", "Senior Quasar Wrangler", "Lead Nebula Sorter"),
    notes=("note",),
    employers=("Plumbrook Holdings", "Veltmore Logistics"),
    titles=("Principal Gizmo Strategist",),
    peers=("Jorunn Halvorsen", "Tobiah Quell"),
    option_names=("MBA at Ravenholm", "Part-time MBA at Ravenholm", "Ravenholm data certificate"),
)


def careerlib(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerlib.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=900
    )


# --------------------------------------------------------------------------- the transforms
def test_unknown_channels_become_numbered_and_known_words_stay():
    channels = pd.Series(["Referral", CHANNEL, "{0} {channel}", "job board", "", "LinkedIn", CHANNEL.upper()])
    shown = privacy.share_channels(channels).tolist()
    assert shown[0] == "referral" and shown[3] == "job board" and shown[5] == "linkedin"
    assert shown[4] == "unspecified"
    assert shown[1] == shown[6] and shown[1].startswith("channel ") and shown[2].startswith("channel ")
    assert not any("Dana" in label or "{" in label for label in shown)


def test_shared_applications_carry_no_private_channel():
    apps = pd.DataFrame({"company": ["A"], "role": ["r"], "channel": [CHANNEL], "notes": ["n"]})
    assert privacy.share_applications(apps)["channel"].tolist() == ["channel 1"]
    assert privacy.share_applications(apps, share=False)["channel"].tolist() == [CHANNEL]


def test_how_the_file_was_read_names_no_folder_and_no_sheet():
    summary = ImportSummary(
        source=f"/home/{FOLDER}/search.xlsx", read_as='Excel workbook, sheet "Dana\'s search"', layout="x", fields={}
    )
    shared = privacy.share_import_summary(summary)
    assert shared.source == "search.xlsx" and "Dana" not in shared.read_as
    assert FOLDER not in shared.sentence() and "Dana" not in shared.sentence()
    assert "Dana" in privacy.share_import_summary(summary, share=False).read_as


def test_a_respondent_not_in_the_file_is_not_named():
    answers = pd.DataFrame({"respondent": ["self", "peer:Alex"]})
    assert shared_name(RESPONDENT, answers) == "peer"
    assert shared_name("peer:alex", answers) == "peer 1" and shared_name("self", answers) == "self"


def test_a_shared_data_error_keeps_file_name_line_and_column_only():
    error = DataError("sheet 'Dana's search' has no header", file=f"/home/{FOLDER}/a.xlsx", line=4, column="applied")
    error.value = "Rejected by Dana"
    text = privacy.shared_error(error)
    assert text.startswith("a.xlsx, line 4, column 'applied': sheet")
    assert FOLDER not in text and "Dana" not in text


def test_data_errors_raised_in_share_mode_are_shared():
    DataError.shared = True
    try:
        error = DataError("not a date", file=f"/home/{FOLDER}/log.csv", line=3, column="applied", value="Dana")
    finally:
        DataError.shared = False
    assert str(error) == "log.csv, line 3, column 'applied': not a date"
    assert "Dana" in str(DataError("x", value="Dana"))  # outside share mode, the value is shown


def test_redacting_a_notebook_removes_injected_values_and_papermills_record(tmp_path):
    notebook = nbformat.v4.new_notebook()
    injected = nbformat.v4.new_code_cell(f'applications_path = "/home/{FOLDER}/a.csv"\ncurrent_pay = {PAY}\n')
    injected.metadata["tags"] = ["injected-parameters"]
    failed = nbformat.v4.new_code_cell("x")
    failed.outputs = [nbformat.v4.new_output("error", ename="KeyError", evalue="'Dana'", traceback=["Dana"])]
    notebook.cells = [injected, failed]
    notebook.metadata["papermill"] = {
        "parameters": {"applications_path": f"/home/{FOLDER}/a.csv", "current_pay": PAY, "share": True},
        "input_path": f"/home/{FOLDER}/funnel.ipynb",
        "output_path": f"/home/{FOLDER}/out/funnel.ipynb",
    }
    path = tmp_path / "funnel.ipynb"
    nbformat.write(notebook, str(path))
    privacy.redact_notebook(path, {"share": True})
    text = path.read_text()
    assert FOLDER not in text and str(PAY) not in text and "Dana" not in text
    assert json.loads(text)["metadata"]["papermill"]["parameters"] == {"share": True}
    unshared = tmp_path / "normal.ipynb"
    nbformat.write(notebook, str(unshared))
    privacy.redact_notebook(unshared, {"share": False})
    assert FOLDER in unshared.read_text()


# --------------------------------------------------------------------------- whole reports
def private_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / FOLDER
    config = write_inputs(folder, PRIVATE)
    apps = pd.read_csv(folder / "applications.csv", dtype=str, keep_default_na=False)
    apps.loc[apps.index[::3], "channel"] = CHANNEL
    apps.to_csv(folder / "applications.csv", index=False)
    text = config.read_text() + f"current_pay = {PAY}\nshare_amounts = false\n"  # [reports.offers] is last
    text = text.replace("[reports.self_assessment]\n", f'[reports.self_assessment]\nrespondent = "{RESPONDENT}"\n')
    config.write_text(text)
    return config


@pytest.mark.slow
def test_a_shared_run_shows_no_private_string_in_any_output(tmp_path):
    config = private_inputs(tmp_path)
    out = tmp_path / "shared"
    run = careerlib("report", "--all", "--share", "--config", str(config), "--out", str(out))
    assert run.returncode == 0, run.stderr
    outputs = {p.name: p.read_text(errors="replace") for p in out.iterdir() if p.is_file()}
    assert {"funnel.ipynb", "funnel.html", "funnel.json", "offers.ipynb", "education_roi.html"} <= set(outputs)
    private = [FOLDER, CHANNEL, "Dana", "Oswin Harrow", str(PAY)]
    leaks = [(value, name) for name, text in outputs.items() for value in private if value in text]
    assert not leaks, leaks
    assert "channel 1" in outputs["funnel.json"]


@pytest.mark.slow
def test_a_failed_shared_report_records_name_line_and_column_only(tmp_path):
    folder = tmp_path / FOLDER
    folder.mkdir()
    log = folder / "applications.csv"
    log.write_text(
        "company,role,channel,applied,screen,interview,offer,accepted,outcome,notes\n"
        "Zorblax,Analyst,referral,2026-01-02,,,,,active,\n"
        "Quillfeather,Analyst,referral,2026-13-45,,,,,Rejected by Dana Smith,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run = careerlib("report", "funnel", "--share", "-p", "applications_path", str(log), "--out", str(out))
    assert run.returncode == 1
    index = json.loads((out / "index.json").read_text())
    error = index["reports"][0]["error"] if "reports" in index else json.dumps(index)
    assert "applications.csv, line 3, column 'applied'" in error
    for name in ("index.json", "index.html", "funnel.failed.ipynb"):
        text = (out / name).read_text()
        assert FOLDER not in text and "2026-13-45" not in text and "Dana" not in text, name
