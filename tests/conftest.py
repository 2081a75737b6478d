"""Fixtures shared by the test files (helpers that are not fixtures live in
``browser.py`` and ``workbook_data.py``)."""

from __future__ import annotations

import pytest

from browser import launch_chromium, require_chromium, sync_playwright
from careerlib.errors import DataError


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for every browser test, closed at the end."""
    require_chromium()
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(autouse=True)
def _not_in_share_mode():
    """A test that shows a share banner in this process leaves DataError's messages as usual
    for the next one (a report runs in a process of its own, so this only matters here)."""
    yield
    DataError.shared = False
