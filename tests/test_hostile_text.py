"""Text from users' files can never run in a shared report, and shows as typed.

Every report runs on data whose company, role, notes, employer, title, respondent and
option names are script tags, event handlers, Markdown links and images, very long,
right-to-left and emoji strings. Each HTML is then opened in Chromium: no dialog, no
console or page error, no request, and the strings are on the page as text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from browser import NetworkGuard, notebook_names
from workbook_data import ROOT, Strings, write_inputs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONG = "Very Long Company Name " * 12
HOSTILE = Strings(
    companies=(
        "<script>alert('company')</script>",
        "<img src=x onerror=alert('img')>",
        '"><svg onload=alert("svg")>',
        "[click me](javascript:alert('md'))",
        "![pixel](http://tracker.invalid/p.png)",
        "شركة الأمل للتقنية",
        "Rocket Co 🚀🎉",
        LONG.strip(),
    ),
    roles=("<b>bold role</b>", "Analyst{{7*7}}", "נתונים אנליסט"),
    notes=("<iframe src=javascript:alert('note')>", "**not bold** `not code`"),
    employers=("<script>alert('employer')</script> Ltd", "Ünïcödé & Söns <i>GmbH</i>", "مؤسسة النور"),
    titles=("<img src=x onerror=alert('title')> Lead", "Data 🧪 Scientist"),
    peers=("<b>Bob</b>", "Zoë 🙂"),
    option_names=(
        "<script>alert('mba')</script> MBA",
        "Part-time MBA [x](javascript:alert(1))",
        "Cert <svg onload=alert(2)>",
    ),
)
# What a reader must see, as typed (the long name is shown shortened in tables, so its start).
VISIBLE = {
    "funnel": [
        "<script>alert('company')</script>",
        "<img src=x onerror=alert('img')>",
        "Rocket Co 🚀🎉",
        "شركة الأمل للتقنية",
    ],
    "stuck_diagnostics": ["<script>alert('employer')</script> Ltd", "Ünïcödé & Söns <i>GmbH</i>", "Data 🧪 Scientist"],
    # Peers are shown only as the averaged "others" (their names never appear), so this
    # report is checked for inertness only.
    "self_assessment": [],
    "education_roi": ["<script>alert('mba')</script> MBA", "Cert <svg onload=alert(2)>"],
    "offers": ["<script>alert('company')</script>", "<img src=x onerror=alert('img')>", "<b>bold role</b>"],
}
# The page's visible text: everything but scripts and styles (SVG chart text included).
VISIBLE_TEXT_JS = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('script, style, noscript').forEach(e => e.remove());
  return copy.textContent;
}"""


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    config = write_inputs(folder / "data", HOSTILE)
    out = folder / "reports"
    run = subprocess.run(
        [sys.executable, "-m", "careerlib.cli", "report", "--all", "--config", str(config), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    return out


@pytest.mark.parametrize("name", notebook_names())
def test_hostile_text_is_inert_and_visible(name, hostile_reports, browser):
    page = browser.new_page()
    guard = NetworkGuard.attach(page)
    try:
        page.goto((hostile_reports / f"{name}.html").as_uri(), wait_until="load")
        page.wait_for_timeout(1500)  # let every plotly chart draw (and any injected handler fire)
        guard.assert_clean(f"{name}.html")
        assert page.evaluate("() => document.querySelectorAll('iframe, img[src=\"x\"], svg[onload]').length") == 0
        text = page.evaluate(VISIBLE_TEXT_JS)
        missing = [value for value in VISIBLE.get(name, []) if value not in text]
        assert not missing, f"{name}.html does not show these as typed: {missing}"
    finally:
        page.close()
