"""Fixtures shared by the test files (helpers that are not fixtures live in
``browser.py`` and ``workbook_data.py``)."""

from __future__ import annotations

import pytest

from browser import launch_chromium, require_chromium, sync_playwright
from careerlib.errors import DataError

# pytest-xdist modes that keep every test of a file on one worker, in file order.
KEEP_FILES_WHOLE = {"no", "loadfile", "loadscope"}


def pytest_configure(config):
    """Notebook cells (nbval) share one kernel per notebook: under ``-n`` they must all run on
    one worker, in order. pyproject.toml asks for ``--dist loadfile``; refuse a mode that splits files."""
    notebooks = config.getoption("nbval", default=False) or config.getoption("nbval_lax", default=False)
    dist = config.getoption("dist", default="no")
    if notebooks and dist not in KEEP_FILES_WHOLE:
        raise pytest.UsageError(
            f"--dist {dist} would spread one notebook's cells over several workers (each with its own kernel); "
            "use --dist loadfile (the default in pyproject.toml)"
        )


def pytest_collection_modifyitems(config, items):
    """Under ``-n``, files with slow or browser tests are handed out first (pyproject.toml turns
    off xdist's own reordering, which puts long files of few tests last), so the workers finish
    together instead of one running a long file alone at the end. Order within a file is kept."""
    if not hasattr(config, "workerinput"):  # not a pytest-xdist worker: the usual order
        return
    long_files = {item.path for item in items if item.get_closest_marker("slow") or item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in long_files)  # a stable sort


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
