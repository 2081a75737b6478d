"""The shared HTML reports in a real browser (Debian's chromium via Playwright).

``careerlib report --all`` runs once into a temporary folder; every report is
then opened over ``file://`` with the network blocked, and must draw every
chart, log no error, open no dialog, ask for nothing off this machine, and embed
plotly.js exactly once: careerlib's partial bundle (only the trace types the reports
draw), which must then be the ``Plotly`` that drew every chart, within 2 MB per report.
Full-page screenshots go to ``test-artifacts/reports/``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import PROJECT_ROOT, NetworkGuard, artifact_path, notebook_names, require_chromium

pytestmark = pytest.mark.browser

REPORTS = notebook_names()
REPORT_BUDGET = 2_000_000  # bytes per report, partial plotly.js included (issue 11)
PARTIAL_MARKER = "careerlib partial bundle of plotly.js"
CHART_TIMEOUT_MS = 60_000
REPORT_TIMEOUT_S = 600  # four reports take ~35 s here; a stalled kernel must not hang CI


@pytest.fixture(scope="module")
def plotlyjs() -> str:
    """The partial plotly.js bundle the sample reports must embed."""
    from careerlib import plotly_bundle

    return plotly_bundle.partial_js()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """``careerlib report --all --out <tmp>``, once for the module."""
    require_chromium()
    out = tmp_path_factory.mktemp("reports")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "careerlib.cli", "report", "--all", "--out", str(out)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=REPORT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # SIGTERM unwinds the runner (workers stopped, staging removed); then make sure.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        pytest.fail(
            f"`careerlib report --all` did not finish in {REPORT_TIMEOUT_S} s:\n{stderr[-4000:]}", pytrace=False
        )
    return {
        "out": out,
        "returncode": process.returncode,
        "stderr": stderr,
        "stdout": stdout,
        "seconds": time.perf_counter() - started,
    }


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def _report_file(built: dict, name: str) -> Path:
    path = built["out"] / f"{name}.html"
    assert path.exists(), (
        f"`careerlib report --all` made no {path.name} (exit code {built['returncode']}):\n{built['stderr'][-4000:]}"
    )
    return path


def _banner(plotlyjs: str) -> str:
    """The version line at the top of the plotly.js bundle, e.g. ``plotly.js v4.1.1``."""
    found = re.search(r"plotly\.js v\d+\.\d+\.\d+", plotlyjs[:2000])
    assert found, "plotly.js bundle has no version banner; update the marker in this test"
    assert plotlyjs.count(found.group(0)) == 1
    return found.group(0)


@pytest.mark.parametrize("name", REPORTS)
def test_report_embeds_plotlyjs_once_within_budget(built, plotlyjs, name):
    html = _report_file(built, name).read_text(encoding="utf-8")
    banner = _banner(plotlyjs)
    copies = html.count(banner)
    assert copies == 1, f"{name}.html embeds plotly.js {copies} times (marker {banner!r}); it must be exactly once"
    assert "window.Plotly = Plotly;" in html
    assert html.count(PARTIAL_MARKER) == 1 and plotlyjs in html, (
        f"{name}.html does not embed careerlib's partial plotly.js bundle (a chart of a trace type it lacks?)"
    )
    size = len(html.encode("utf-8"))
    assert size <= REPORT_BUDGET, (
        f"{name}.html is {size / 1e6:.2f} MB; the budget is {REPORT_BUDGET / 1e6:.0f} MB "
        f"(partial plotly.js {len(plotlyjs) / 1e6:.2f} MB)"
    )


@pytest.mark.parametrize("name", REPORTS)
def test_report_renders_offline_in_chromium(built, page, name):
    path = _report_file(built, name)
    expected = path.read_text(encoding="utf-8").count('class="plotly-graph-div"')
    guard = NetworkGuard.attach(page)
    page.goto(path.as_uri(), wait_until="load", timeout=CHART_TIMEOUT_MS)
    assert expected >= 1, f"{name}.html has no plotly chart; every report shows at least one"
    try:
        page.wait_for_function(
            """(expected) => {
                const charts = [...document.querySelectorAll('.plotly-graph-div')];
                return charts.length >= expected && charts.every(c => c.querySelector('.main-svg'));
            }""",
            arg=expected,
            timeout=CHART_TIMEOUT_MS,
        )
    except Exception:
        pass  # reported precisely below
    page.wait_for_timeout(500)  # let late errors (resize handlers, fonts) surface
    page.screenshot(path=str(artifact_path("reports", name)), full_page=True)

    charts = page.locator(".js-plotly-plot")
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('.plotly-graph-div')].map(c => ({
                id: c.id,
                plotted: c.classList.contains('js-plotly-plot'),
                svg: c.querySelectorAll('.main-svg').length,
                marks: c.querySelectorAll('.main-svg path, .main-svg rect, .main-svg text').length,
                width: c.getBoundingClientRect().width,
        }))"""
    )
    assert len(drawn) == expected, f"{name}: {expected} chart divs in the file, {len(drawn)} in the page"
    assert charts.count() >= 1, f"{name}: no chart was drawn (no .js-plotly-plot)"
    blank = [d for d in drawn if not d["plotted"] or d["svg"] == 0 or d["marks"] == 0 or d["width"] <= 0]
    assert not blank, f"{name}: charts not drawn: {blank}"
    # ... and drawn by the partial bundle: the page's Plotly knows exactly its trace types
    from careerlib import plotly_bundle

    registered = page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert registered == sorted(plotly_bundle.bundle_traces()), f"{name}: the page's plotly.js has traces {registered}"
    guard.assert_clean(f"{name}.html")


def test_index_lists_every_report_ok(built, page):
    index = built["out"] / "index.html"
    assert index.exists(), f"no index.html (exit code {built['returncode']}):\n{built['stderr'][-4000:]}"
    guard = NetworkGuard.attach(page)
    page.goto(index.as_uri(), wait_until="load")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('table tr')].slice(1).map(r => ({
                cells: [...r.querySelectorAll('td')].map(td => td.textContent.trim()),
                links: [...r.querySelectorAll('a')].map(a => a.getAttribute('href')),
        }))"""
    )
    page.screenshot(path=str(artifact_path("reports", "index")), full_page=True)
    by_name = {row["cells"][0]: row for row in rows if row["cells"]}
    for name in REPORTS:
        label = name.replace("_", " ")
        assert label in by_name, f"index.html has no row for {name}: {list(by_name)}"
        row = by_name[label]
        assert row["cells"][1] == "ok", f"index.html says {name} is {row['cells'][1]!r}: {row['cells'][-1]}"
        assert f"{name}.html" in row["links"], f"index.html does not link {name}.html: {row['links']}"
        assert (built["out"] / f"{name}.html").exists()
    # every link on the page resolves to a file next to it
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
        assert (built["out"] / href).exists(), f"index.html links to missing {href}"
    guard.assert_clean("index.html")
    assert built["returncode"] == 0, (
        f"`careerlib report --all` exited {built['returncode']}:\n{built['stderr'][-4000:]}"
    )


def test_a_chart_type_outside_the_partial_bundle_draws_with_the_full_one(page, tmp_path):
    """A user's own notebook with charts the partial bundle lacks (pie, violin) still draws offline."""
    import plotly.graph_objects as go
    import plotly.io as pio
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from careerlib import plotly_bundle, report
    from careerlib.plots import OFFLINE_RENDERER, register_renderer

    register_renderer()  # what a notebook's charts carry after nb.setup(): plotly's JSON and careerlib's div
    figures = [go.Figure(go.Pie(labels=["a", "b"], values=[2, 3])), go.Figure(go.Violin(y=[1, 2, 3, 5, 8]))]
    outputs = [
        new_output(
            "display_data",
            data={
                **pio.renderers["plotly_mimetype"].to_mimebundle(f.to_dict()),
                **pio.renderers[OFFLINE_RENDERER].to_mimebundle(f.to_dict()),
            },
        )
        for f in figures
    ]
    notebook = new_notebook(cells=[new_code_cell("...", outputs=outputs)])
    assert plotly_bundle.missing_modules(notebook) == {"pie", "violin"}
    path = tmp_path / "own.html"
    path.write_text(report.to_html(notebook), encoding="utf-8")
    assert PARTIAL_MARKER not in path.read_text(encoding="utf-8")

    guard = NetworkGuard.attach(page)
    page.goto(path.as_uri(), wait_until="load", timeout=CHART_TIMEOUT_MS)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')].every(c => c.querySelector('.main-svg'))",
        timeout=CHART_TIMEOUT_MS,
    )
    drawn = page.evaluate("() => [...document.querySelectorAll('.plotly-graph-div .main-svg path')].length")
    assert drawn > 0 and page.locator(".js-plotly-plot").count() == 2
    assert {"pie", "violin"} <= set(page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)"))
    guard.assert_clean("own.html")
