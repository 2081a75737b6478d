"""Shared helpers for the real-browser tests (``tests/test_browser.py``,
``tests/test_jupyterlab.py``): Debian's chromium driven through Playwright,
and a guard that records anything a page should never do.

Never ``playwright install``: the tests use the system chromium at
``/usr/bin/chromium`` (CI installs it with apt).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CAREERLIB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
PROJECT_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def require_chromium() -> None:
    """Skip when chromium is missing on a developer machine; fail in CI (``CI`` set)."""
    if CHROMIUM.exists():
        return
    message = f"chromium not found at {CHROMIUM} (Debian: apt install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must have it", pytrace=False)
    pytest.skip(message)


def sync_playwright():
    """Playwright's sync entry point, skipping (or failing in CI) if it is not installed."""
    try:
        from playwright.sync_api import sync_playwright as entry
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI"):
            pytest.fail("the playwright package is not installed; CI must have it", pytrace=False)
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    return entry()


def launch_chromium(playwright, **options):
    """The system chromium, headless, with nothing that phones home."""
    require_chromium()
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS), **options)


def is_local(url: str) -> bool:
    """True for file:, data:, blob:, about: URLs and anything on this machine's loopback."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and (parts.hostname or "") in LOCAL_HOSTS | {"::1"}


@dataclass
class NetworkGuard:
    """Watches one page: non-local requests (blocked and recorded), console
    errors, uncaught page errors and dialogs (dismissed and recorded).

    ``guard = NetworkGuard.attach(page)``; browse; ``guard.assert_clean()``.
    """

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    ignore_console: tuple[str, ...] = ()

    @classmethod
    def attach(cls, page, ignore_console: tuple[str, ...] = ()) -> "NetworkGuard":
        guard = cls(ignore_console=ignore_console)
        page.route("**/*", guard._route)
        page.on("request", guard._on_request)
        page.on("console", guard._on_console)
        page.on("pageerror", guard._on_page_error)
        page.on("dialog", guard._on_dialog)
        # Websockets are not routed; record them too (JupyterLab's are on localhost).
        page.on("websocket", lambda ws: guard._note_url(ws.url))
        return guard

    def _note_url(self, url: str) -> None:
        if not is_local(url) and url not in self.requests:
            self.requests.append(url)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self._note_url(url)
            route.abort("blockedbyclient")

    def _on_request(self, request) -> None:
        self._note_url(request.url)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(pattern in text for pattern in self.ignore_console):
            return
        location = message.location or {}
        where = location.get("url", "")
        self.console_errors.append(f"{text} ({where}:{location.get('lineNumber', '?')})" if where else text)

    def _on_page_error(self, error) -> None:
        self.page_errors.append(str(error))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        try:
            dialog.dismiss()
        except Exception:  # the page may be gone already
            pass

    def problems(self) -> list[str]:
        """Everything recorded, one line per distinct problem (repeats counted)."""
        found = [f"network request to {url}" for url in self.requests]
        found += [f"console error: {text}" for text in self.console_errors]
        found += [f"page error: {text}" for text in self.page_errors]
        found += [f"dialog {text}" for text in self.dialogs]
        counts: dict[str, int] = {}
        for line in found:
            counts[line] = counts.get(line, 0) + 1
        return [line if n == 1 else f"{line} (x{n})" for line, n in counts.items()]

    def assert_clean(self, what: str = "page") -> None:
        problems = self.problems()
        assert not problems, f"{what}: " + "\n  ".join(["things a report must never do happened:"] + problems)


def artifact_path(kind: str, name: str) -> Path:
    """``test-artifacts/<kind>/<name>.png`` at the project root (git-ignored)."""
    folder = ARTIFACTS / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"


def notebook_names() -> list[str]:
    """Every report that ``report --all`` makes (a new notebook is tested automatically;
    group reports such as the cohort overview need ``--cohort`` and are left out)."""
    from careerlib.report import person_reports

    return person_reports(PROJECT_ROOT)
