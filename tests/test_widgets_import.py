"""The import page driven as JupyterLab would: dropdowns changed, the preview redrawn,
the mapping saved and reloaded, the applications added."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from careerlib import widgets
from careerlib.importers import open_questions
from careerlib.notebook import SUMMARY_MIME
from import_files import csv_text, write

HEADER = ["Company", "Role", "Applied", "Status", "Notes"]
ROWS = [
    ["Acme", "Analyst", "03/02/2025", "Kwak", "hello"],
    ["Beta", "Engineer", "04/03/2025", "Plonk", ""],
    ["Gamma", "Analyst", "05/03/2025", "Kwak", ""],
]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def page(tmp_path):
    source = write(tmp_path / "log.csv", csv_text(HEADER, ROWS))
    return widgets.import_page(str(source), str(tmp_path / "applications.csv"))


def dropdown(box, description):
    return next(d for d in box.children if d.description.startswith(description))


def test_the_page_shows_rows_columns_words_and_a_preview(page):
    assert "Acme" in page.rows.value and "Kwak" in page.rows.value
    assert [d.value for d in page.columns.children] == ["company", "role", "applied", "status", "notes"]
    assert [d.description for d in page.statuses.children] == ["Kwak (2)", "Plonk (1)"]
    assert "3 application(s)" in page.counts.value and "active 3" in page.counts.value
    assert page.chart.outputs and page.message.value == ""


def test_changing_dropdowns_redraws_the_preview(page):
    dropdown(page.statuses, "Plonk").value = "rejected"
    assert "active 2, rejected 1" in page.counts.value
    page.order.value = "month-first"
    assert page.result.mapping["dates"] == {"order": "month-first"}
    assert page.result.log["applied"].min().strftime("%Y-%m-%d") == "2025-03-02"


def test_saved_mapping_loads_with_no_question_left(page):
    dropdown(page.statuses, "Kwak").value = "screen"
    saved = page.save()
    mapping = tomllib.loads(saved.read_text())
    assert mapping["statuses"]["Kwak"] == "screen"
    assert open_questions(page.path, saved) == []
    assert "Mapping saved" in page.done.value


def test_add_to_my_log_merges_once(page):
    assert page.add().added == 3 and "Added 3" in page.done.value
    assert page.add().added == 0


def test_errors_show_in_the_page(tmp_path):
    page = widgets.import_page(str(tmp_path / "missing.csv"))
    assert "file not found" in page.message.value and page.result is None
    broken = write(tmp_path / "b.csv", csv_text(HEADER, [["Acme", "x", "not a date", "applied", "<b>"]]))
    page.source.value = str(broken)
    page.open_button.click()
    assert "not a date" in page.message.value and "No preview" in page.counts.value
    assert "<b>" not in page.rows.value  # the file's cells are escaped


def test_an_upload_opens_the_uploaded_file(tmp_path):
    page = widgets.import_page()
    content = csv_text(HEADER, ROWS).encode()
    upload = {
        "name": "from elsewhere.csv",
        "type": "text/csv",
        "size": len(content),
        "last_modified": dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc),
        "content": memoryview(content),
    }
    page.upload.value = (upload,)
    assert page.path.name == "from elsewhere.csv" and "3 application(s)" in page.counts.value
    assert page.mapping_path.value.endswith("data/private/from elsewhere.mapping.toml")


def test_share_mode_hides_the_cells(tmp_path):
    source = write(tmp_path / "log.csv", csv_text(HEADER, ROWS))
    page = widgets.import_page(str(source), share=True)
    assert "Acme" not in page.rows.value and "3 application(s)" in page.counts.value


@pytest.mark.slow
def test_the_notebook_ends_cleanly_under_plain_papermill(tmp_path):
    """The page's widget cell, run by the plain papermill command (no front end), on a
    file that raises questions: it finishes and publishes what the import would give."""
    source = write(tmp_path / "log.csv", csv_text(HEADER, ROWS))
    executed = tmp_path / "import.ipynb"
    papermill = Path(sys.executable).parent / "papermill"
    command = [str(papermill), "--no-progress-bar", "--cwd", str(ROOT), str(ROOT / "notebooks" / "import.ipynb")]
    run = subprocess.run(
        [*command, str(executed), "-p", "source_path", str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    outputs = [o for c in nbformat.read(executed, as_version=4).cells for o in c.get("outputs", [])]
    summaries = [o["data"][SUMMARY_MIME] for o in outputs if SUMMARY_MIME in o.get("data", {})]
    assert summaries == [{"report": "import", "imports": True, "applications": 3, "questions": 3, "error": None}]


def test_the_sample_template_opens_without_a_question():
    page = widgets.import_page("data/sample/applications.csv")
    assert page.message.value == "" and page.result.questions == []
    assert dropdown(page.columns, "screen").value == "stage:screen"
    assert page.statuses.children == ()  # the template's outcomes are dated stages, not words to map
