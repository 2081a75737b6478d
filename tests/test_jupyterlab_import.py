"""The import page in a real JupyterLab driven by chromium: a log with status words no
table knows and a yes/no stage column; two dropdowns changed like a user would, the
preview redrawn after each, the mapping saved, and the saved mapping read back."""

from __future__ import annotations

import re
import time
import tomllib

import nbformat
import pytest

import test_jupyterlab
from browser import artifact_path
from careerlib.importers import open_questions, read_applications
from import_files import unknown_words_log
from test_jupyterlab import OPEN_TIMEOUT_MS, RUN_ALL_TIMEOUT_S, _prompts, _run_all, _wait_kernel

pytestmark = pytest.mark.browser
lab, page = test_jupyterlab.lab, test_jupyterlab.page  # the same server and browser page fixtures
NAME = "import_mine"


def _page_notebook(lab) -> None:
    """The import notebook with its parameters set to the fixture, as a user would edit them."""
    notebook = nbformat.read(lab.root / "notebooks" / "import.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = re.sub(r'source_path = "[^"]*"', 'source_path = "data/private/Bewerbungen.csv"', cell.source)
    nbformat.write(notebook, lab.root / "notebooks" / f"{NAME}.ipynb")


def _counts(cell) -> str:
    return cell.locator(".widget-html", has_text="application(s)").first.inner_text()


def _wait_counts(page, cell, text: str) -> str:
    deadline = time.monotonic() + 60
    while text not in (shown := _counts(cell)):
        if time.monotonic() > deadline:
            page.screenshot(path=str(artifact_path("jupyterlab", NAME)))
            raise AssertionError(f"the preview never showed {text!r}; it shows {shown!r}")
        page.wait_for_timeout(300)
    return shown


def _dropdown(page, cell, label: str):
    return cell.locator(".widget-dropdown", has=page.locator(".widget-label", has_text=label)).locator("select")


def test_import_page_answers_preview_and_saved_mapping(lab, page):
    source = unknown_words_log(lab.root / "data" / "private" / "Bewerbungen.csv", rows=4, screen=True)
    _page_notebook(lab)
    page.goto(lab.url(NAME), wait_until="domcontentloaded", timeout=OPEN_TIMEOUT_MS)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=OPEN_TIMEOUT_MS)
    _wait_kernel(lab, page, NAME, timeout_s=OPEN_TIMEOUT_MS / 1000)
    _run_all(page)
    deadline = time.monotonic() + RUN_ALL_TIMEOUT_S
    while not all(re.fullmatch(r"\[\d+\]:", p) for p in _prompts(page)):
        assert time.monotonic() < deadline, f"Run All did not finish: {_prompts(page)}"
        page.wait_for_timeout(500)
    cell = page.locator(".jp-Notebook .jp-Cell", has=page.locator(".widget-dropdown")).first
    cell.scroll_into_view_if_needed()
    assert "Traceback" not in page.locator(".jp-Notebook").inner_text()

    # Read as it is: the flags are a screen stage, the unknown words are proposals.
    before = _wait_counts(page, cell, "4 application(s)")
    assert "screen 3" in before and "active 4" in before
    assert cell.locator(".js-plotly-plot .main-svg").count() >= 1

    # 1. The yes/no column says how an application ended, not a stage reached.
    _dropdown(page, cell, "Phone screen").select_option(label="ended rejected (yes/no)")
    after_column = _wait_counts(page, cell, "rejected 3")
    assert "screen 0" in after_column

    # 2. 'Plonk' means the applicant withdrew.
    _dropdown(page, cell, "Plonk (1)").select_option(label="withdrawn: ended: withdrawn")
    _wait_counts(page, cell, "withdrawn 1")

    page.get_by_role("button", name="Save mapping").click()
    page.wait_for_selector("text=Mapping saved", timeout=30_000)
    saved = source.with_name("Bewerbungen.mapping.toml")
    mapping = tomllib.loads(saved.read_text())
    assert mapping["outcomes"] == {"rejected": ["Phone screen"]}
    assert mapping["statuses"]["Plonk"] == "withdrawn" and mapping["statuses"]["Kwak"] == "applied"
    assert open_questions(source, saved) == []
    log, _ = read_applications(source, saved)
    assert sorted(log["outcome"]) == ["rejected", "rejected", "rejected", "withdrawn"]  # Beta said N
