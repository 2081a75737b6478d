"""End to end in JupyterLab (issue 7, item 1): every report notebook runs in a
real ``jupyter lab`` server driven by Debian's chromium, and what a user sees is
right: no traceback, every plotly chart drawn, every ipywidgets control live,
and moving a control redraws a chart.

The workbook (``notebooks/``, ``data/``) is copied to a temporary folder, so the
server never writes into the project; ``careerlib`` is importable already.
The server is configured to make no request off this machine (no news, no
update check, read-only extension manager) and is always stopped afterwards.
Screenshots go to ``test-artifacts/jupyterlab/``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import PROJECT_ROOT, NetworkGuard, artifact_path, notebook_names, require_chromium

pytestmark = pytest.mark.browser

NOTEBOOKS = notebook_names()
SERVER_START_S = 90
PORT_TRIES = 3  # the server starts again on another port if its port was taken meanwhile
OPEN_TIMEOUT_MS = 90_000
RUN_ALL_TIMEOUT_S = 240
PLOTLY_OUTPUT = ".jp-Notebook .jp-OutputArea-output.jp-RenderedPlotly"
# What an output looks like when the front end could not draw it as a live widget or chart.
FALLBACKS = (
    "Loading widget...",
    "VBox(children=",
    "HBox(children=",
    "interactive(",
    "Error displaying widget",
    "Error rendering output item",
    "Figure({",
    "Model not found",
)

# Settings for a clean, quiet, deterministic JupyterLab: every cell attached to the DOM
# (no windowing), no news or update checks.
USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}
LAB_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    },
}


# --------------------------------------------------------------------------- the server
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str, timeout: float = 5):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - localhost only
        return json.loads(response.read().decode("utf-8"))


class LabServer:
    def __init__(self, root: Path, port: int, token: str, log: Path, process: subprocess.Popen):
        self.root, self.port, self.token, self.log, self.process = root, port, token, log, process

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str, method: str = "GET"):
        sep = "&" if "?" in path else "?"
        request = urllib.request.Request(f"{self.base}{path}{sep}token={self.token}", method=method)
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - localhost only
            body = response.read().decode("utf-8")
        return json.loads(body) if body else None

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/notebooks/{notebook}.ipynb?token={self.token}&reset"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def kernel_for(self, notebook: str) -> dict | None:
        for session in self.api("/api/sessions"):
            if session.get("path", "").endswith(f"notebooks/{notebook}.ipynb") and session.get("kernel"):
                return self.api(f"/api/kernels/{session['kernel']['id']}")
        return None

    def shutdown_kernels(self) -> None:
        try:
            for session in self.api("/api/sessions"):
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
            for kernel in self.api("/api/kernels"):
                self.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except Exception:  # best effort; the server's own shutdown stops kernels too
            pass


def _copy_workbook(target: Path) -> None:
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(PROJECT_ROOT / "notebooks", target / "notebooks", ignore=ignore)
    # Personal data (data/private/) stays where it is; the default parameters use data/sample/.
    shutil.copytree(
        PROJECT_ROOT / "data",
        target / "data",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "private"),
    )
    (target / "data" / "private").mkdir(exist_ok=True)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("workbook")
    home = tmp_path_factory.mktemp("jupyter-home")
    _copy_workbook(root)
    settings = home / "user-settings"
    for relative, values in USER_SETTINGS.items():
        path = settings / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    config = home / "config"
    config.mkdir()
    (config / "jupyter_lab_config.json").write_text(json.dumps(LAB_CONFIG))
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),  # kernelspecs and extensions still come from sys.prefix
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    env.pop("CAREERLIB_ROOT", None)
    log = home / "server.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI runners often run as root
        command.append("--ServerApp.allow_root=True")
    for _ in range(PORT_TRIES):
        port = _free_port()
        with open(log, "wb") as sink:
            process = subprocess.Popen(
                [*command, f"--ServerApp.port={port}"],
                cwd=root,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        server = LabServer(root, port, token, log, process)
        try:
            if _wait_until_up(server):
                break
        except BaseException:
            _stop(server)
            raise
    else:
        pytest.fail(f"jupyter lab found no free port in {PORT_TRIES} tries:\n{server.log_tail()}", pytrace=False)
    try:
        yield server
    finally:
        _stop(server)


def _wait_until_up(server: LabServer) -> bool:
    """True once the server answers; False if another process took its port first (a port
    found free stays free only until someone binds it, e.g. a kernel a parallel test worker starts)."""
    deadline = time.monotonic() + SERVER_START_S
    while True:
        if server.process.poll() is not None:
            if "is already in use" in server.log_tail():
                return False
            pytest.fail(f"jupyter lab exited with {server.process.returncode}:\n{server.log_tail()}", pytrace=False)
        try:
            _get_json(f"{server.base}/api/status?token={server.token}", timeout=2)
            return True
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer in {SERVER_START_S} s:\n{server.log_tail()}", pytrace=False)
            time.sleep(0.5)


def _stop(server: LabServer) -> None:
    """Kernels first (politely), then the server; kill its process group if it lingers."""
    process = server.process
    if process.poll() is None:
        server.shutdown_kernels()
        process.send_signal(signal.SIGINT)  # jupyter_server: SIGINT asks, a second one confirms
        time.sleep(0.3)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


# --------------------------------------------------------------------------- helpers
def _notebook_cells(name: str) -> list[dict]:
    return json.loads((PROJECT_ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def _dismiss_kernel_dialog(page) -> None:
    """If JupyterLab asks which kernel to use, take the default (Python 3)."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        select = dialog.locator("select")
        if select.count():
            labels = select.first.locator("option").all_text_contents()
            python = next((label for label in labels if "Python 3" in label), None)
            if python:
                select.first.select_option(label=python)
        dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()


def _wait_kernel(lab: LabServer, page, name: str, states=("idle",), timeout_s: float = 90) -> dict:
    deadline = time.monotonic() + timeout_s
    kernel = None
    while time.monotonic() < deadline:
        _dismiss_kernel_dialog(page)
        kernel = lab.kernel_for(name)
        if kernel and kernel.get("execution_state") in states:
            return kernel
        page.wait_for_timeout(500)
    raise AssertionError(
        f"{name}: kernel not {'/'.join(states)} after {timeout_s} s (last: {kernel})\n{lab.log_tail()}"
    )


def _prompts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-Notebook .jp-CodeCell .jp-InputArea-prompt",
        "nodes => nodes.map(n => n.textContent.trim())",
    )


def _run_all(page) -> None:
    """Run > Run All Cells, through the menu bar like a user."""
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).first.click()
    page.locator(".lm-Menu-item:not(.lm-mod-hidden)", has_text=re.compile(r"^Run All Cells")).first.click()


# What the charts and printed outputs inside one cell show (SVG markup and text).
SNAPSHOT_JS = """cell => [
    ...[...cell.querySelectorAll('.js-plotly-plot .main-svg')].map(s => s.innerHTML),
    ...[...cell.querySelectorAll('.jupyter-widgets-output-area .jp-OutputArea-output')]
        .filter(o => !o.matches('.js-plotly-plot') && !o.querySelector('.js-plotly-plot'))
        .map(o => o.textContent),
]"""


def _chart_snapshot(cell) -> list[str]:
    return cell.evaluate(SNAPSHOT_JS)


def _move_a_control(page, cell) -> str:
    """Change the first control found in an interactive cell like a user would; say what was done."""
    multi = cell.locator(".widget-select-multiple select")
    if multi.count():
        options = multi.first.locator("option").all_text_contents()
        assert len(options) >= 2, f"the multi-select offers {options}; need two to deselect one"
        multi.first.select_option(label=options[1:])
        return f"deselected {options[0]!r} in a multi-select"
    slider = cell.locator(".widget-slider .noUi-handle, .jupyter-widget-slider .noUi-handle")
    if slider.count():
        slider.first.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        return "moved a slider three steps right"
    dropdown = cell.locator(".widget-dropdown select")
    if dropdown.count():
        options = dropdown.first.locator("option").all_text_contents()
        current = dropdown.first.evaluate("s => s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : ''")
        other = next(o for o in options if o != current)
        dropdown.first.select_option(label=other)
        return f"picked {other!r} in a dropdown"
    toggle = cell.locator(".widget-checkbox input[type=checkbox], .widget-toggle-button")
    if toggle.count():
        toggle.first.click()
        return "clicked a checkbox/toggle"
    number = cell.locator(".widget-text input[type=number], .widget-inline-hbox input[type=number]")
    if number.count():
        number.first.focus()
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        return "stepped a number box up"
    raise AssertionError("the interactive cell has no control this test knows how to move; add one to _move_a_control")


# --------------------------------------------------------------------------- the test
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab, page, name):
    cells = _notebook_cells(name)
    code_cells = [c for c in cells if c["cell_type"] == "code"]
    interactive = [i for i, c in enumerate(cells) if "interactive" in c.get("metadata", {}).get("tags", [])]
    guard = NetworkGuard.attach(page)

    page.goto(lab.url(name), wait_until="domcontentloaded", timeout=OPEN_TIMEOUT_MS)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=OPEN_TIMEOUT_MS)
    _wait_kernel(lab, page, name, timeout_s=OPEN_TIMEOUT_MS / 1000)
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-Notebook .jp-Cell').length >= n", arg=len(cells), timeout=OPEN_TIMEOUT_MS
    )

    started = time.monotonic()
    _run_all(page)
    deadline = started + RUN_ALL_TIMEOUT_S
    while True:
        _dismiss_kernel_dialog(page)
        prompts = _prompts(page)
        done = len(prompts) == len(code_cells) and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts)
        kernel = lab.kernel_for(name)
        if done and kernel and kernel.get("execution_state") == "idle":
            break
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", has_text="Traceback"
        )
        if errors.count():
            break  # a cell failed: Run All stops there; reported below
        if time.monotonic() > deadline:
            page.screenshot(path=str(artifact_path("jupyterlab", name)))
            raise AssertionError(
                f"{name}: Run All did not finish in {RUN_ALL_TIMEOUT_S} s; prompts {prompts}, "
                f"kernel {kernel and kernel.get('execution_state')}"
            )
        page.wait_for_timeout(500)

    # No traceback anywhere (error outputs render as stderr with the ANSI traceback).
    tracebacks = page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "nodes => nodes.map(n => n.textContent).filter(t => /Traceback|^\\s*\\w*(Error|Exception)\\b/m.test(t))",
    )
    if tracebacks:
        page.screenshot(path=str(artifact_path("jupyterlab", name)))
    assert not tracebacks, f"{name}: a cell raised in JupyterLab:\n" + "\n---\n".join(t[-3000:] for t in tracebacks)
    prompts = _prompts(page)
    assert all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), f"{name}: cells not all run: {prompts}"

    # Every plotly output drawn by jupyterlab-plotly (outputs in the notebook, and inside widgets).
    # The extension's renderer is the output node itself: `.jp-OutputArea-output.jp-RenderedPlotly.js-plotly-plot`.
    try:
        page.wait_for_function(
            """selector => {
                const outs = [...document.querySelectorAll(selector)];
                return outs.length > 0 && outs.every(o => o.querySelector('.main-svg'));
            }""",
            arg=PLOTLY_OUTPUT,
            timeout=60_000,
        )
    except Exception:
        pass  # reported precisely below
    charts = page.eval_on_selector_all(
        PLOTLY_OUTPUT,
        "outs => outs.map(o => ({svg: o.querySelectorAll('.main-svg').length,"
        " marks: o.querySelectorAll('.main-svg path, .main-svg rect, .main-svg text').length}))",
    )
    if not charts:
        page.screenshot(path=str(artifact_path("jupyterlab", name)))
    kinds = page.eval_on_selector_all(
        ".jp-Notebook .jp-OutputArea-output",
        "outs => [...new Set(outs.map(o => o.getAttribute('data-mime-type') || o.className))]",
    )
    assert charts, f"{name}: no plotly chart drawn by jupyterlab-plotly (outputs: {kinds})"
    blank = [i for i, c in enumerate(charts) if c["svg"] == 0 or c["marks"] == 0]
    assert not blank, f"{name}: plotly outputs {blank} of {len(charts)} were not drawn"
    assert page.locator(".jp-Notebook .js-plotly-plot .main-svg, .jp-Notebook .js-plotly-plot.main-svg").count() >= len(
        charts
    )

    # No output fell back to a text repr (a widget the front end could not draw, a figure
    # shown as `Figure({...})`, a widget model that never arrived).
    texts = page.eval_on_selector_all(".jp-Notebook .jp-OutputArea-output", "outs => outs.map(o => o.textContent)")
    fallbacks = sorted({f for text in texts for f in FALLBACKS if f in text})
    assert not fallbacks, f"{name}: outputs shown as text instead of live widgets/charts: {fallbacks}"
    for index in interactive:
        cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
        widgets = cell.locator(".jp-OutputArea-output .jupyter-widgets")
        assert widgets.count() >= 1, f"{name}: interactive cell {index} shows no live ipywidgets"
        controls = cell.locator(
            ".jupyter-widgets select, .jupyter-widgets input, .jupyter-widgets button, "
            ".jupyter-widgets textarea, .jupyter-widgets .noUi-handle"
        )
        assert controls.count() >= 1, f"{name}: interactive cell {index} has no live control"

    # Moving a control redraws something (the first interactive cell with a chart or output widget).
    moved = None
    for index in interactive:
        cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
        before = _chart_snapshot(cell)
        if not before:
            continue
        cell.scroll_into_view_if_needed()
        moved = _move_a_control(page, cell)
        try:
            page.wait_for_function(
                f"""([cell, before]) => {{
                    const now = ({SNAPSHOT_JS})(cell);
                    return cell.querySelector('.js-plotly-plot .main-svg') !== null
                        && JSON.stringify(now) !== JSON.stringify(before);
                }}""",
                arg=[cell.element_handle(), before],
                timeout=60_000,
            )
        except Exception:
            pass  # reported precisely below
        _wait_kernel(lab, page, name, timeout_s=60)  # the redraw has finished
        after = _chart_snapshot(cell)
        page.wait_for_timeout(300)
        cell.screenshot(path=str(artifact_path("jupyterlab", f"{name}-interactive")))
        assert after and after != before, f"{name}: {moved} in cell {index}, but no chart or output changed"
        break
    if interactive and name == "funnel":
        assert moved, f"{name}: the explorer cell showed no chart to redraw"

    page.screenshot(path=str(artifact_path("jupyterlab", name)))
    stderr_outputs = page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "nodes => nodes.map(n => n.textContent)",
    )
    assert not any("Traceback" in text for text in stderr_outputs), f"{name}: traceback after interaction"
    # Nothing off this machine, no console error, no uncaught error, no alert/confirm.
    guard.assert_clean(f"{name}.ipynb in JupyterLab")
