"""Conformance: the same notebooks through papermill's kernel engine and through
``--engine careerlib``, compared on what a scheduler sees: the outcome (success or
the exception class), each code cell's joined stdout and stderr, its display data,
its errors (name and value), execution counts, papermill's metadata and the widget
state. The notebooks are written here; they exercise what papermill's and nbclient's
own test notebooks exercise (errors, exits, tags, display ids, input requests,
logging, widgets, dead kernels, timeouts) and common idioms.

Only the differences listed in ``docs/engine.md`` are allowed; :func:`comparable`
removes exactly those, and each is named where it is removed.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import time
import traceback
from multiprocessing import get_context
from pathlib import Path

import nbformat
import papermill
import pytest
from jupyter_client.channels import AsyncZMQSocketChannel
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from careerlib import engine_fork

pytestmark = pytest.mark.slow

PYTHON = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
ENDED_BY_PARENT = {"DeadKernelError", "CellTimeoutError"}  # the run stopped in the middle of a cell
RUN_LIMIT_S = 300  # one papermill run in a forked child; a case takes well under a minute on a busy machine


def code(source: str, tags: tuple[str, ...] = ()):
    return new_code_cell(source, metadata={"tags": list(tags)} if tags else {})


def notebook(*cells, metadata: dict | None = None):
    return new_notebook(cells=[code(c) if isinstance(c, str) else c for c in cells], metadata=metadata or dict(PYTHON))


# name -> (notebook, papermill keyword arguments)
CASES = {
    "outputs of every kind": (
        notebook(
            "import sys\nfrom IPython.display import HTML, JSON, Markdown, display\n"
            "print('one')\nprint('two', file=sys.stderr)\ndisplay(Markdown('*three*'))\nprint('four')\n"
            "display(HTML('<b>five</b>'), metadata={'isolated': True})\n"
            "display({'image/png': 'iVBORw0KGgo=', 'text/plain': 'png'}, raw=True,\n"
            "        metadata={'image/png': {'width': 3}})\n"
            "display(JSON({'a': [1, 2]}))\n{'six': 6}",
            "x = 7;",
            "print('no newline', end='')\nprint('\\rprogress 100%')\nprint('ünïcödé ✓')",
            "",
            new_markdown_cell("# a heading"),
        ),
        {},
    ),
    "display ids and clear_output": (
        notebook(
            "from IPython.display import clear_output, display, update_display\n"
            "handle = display({'text/plain': 'first'}, raw=True, display_id=True)\n"
            "display({'text/plain': 'named'}, raw=True, display_id='named')",
            "handle.update({'text/plain': 'second'}, raw=True)\n"
            "update_display({'text/plain': 'renamed'}, raw=True, display_id='named')\n"
            "print('gone')\nclear_output(wait=True)\nprint('kept')",
            "print('wiped')\nclear_output()\nprint('after')",
        ),
        {},
    ),
    "an error stops the run": (
        notebook("a = 1", "print('before')\nundefined_name", "print('never')"),
        {},
    ),
    "raises-exception and skip-execution tags": (
        notebook(
            "print('one')",
            code("raise ValueError('allowed')", ("raises-exception",)),
            code("print('skipped')", ("skip-execution",)),
            "print('three')",
        ),
        {},
    ),
    "syntax error and line magic error": (
        notebook("%no_such_magic", "def broken(:\n    pass"),
        {},
    ),
    "magics and shell escapes": (
        notebook("%%capture captured\nprint('hidden')", "print(captured.stdout.upper())", "!echo from-a-shell"),
        {},
    ),
    "sys.exit(0)": (notebook("import sys\nprint('x')\nsys.exit(0)", "print('after')"), {}),
    "sys.exit(1)": (notebook("import sys\nsys.exit(1)", "print('after')"), {}),
    "raise SystemExit with a message": (notebook("raise SystemExit('stopping here')", "print('after')"), {}),
    "a cell raising KeyboardInterrupt": (notebook("raise KeyboardInterrupt", "print('after')"), {}),
    "input is refused": (notebook("input('name? ')", "print('after')"), {}),
    "getpass is refused": (notebook("import getpass\ngetpass.getpass()", "print('after')"), {}),
    # (A kernel may die before its last output reaches papermill: the dying cells print nothing.)
    "os._exit kills the kernel": (notebook("print('one')", "import os\nos._exit(0)", "print('never')"), {}),
    "a signal kills the kernel": (
        notebook("print('one')", "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)", "print('never')"),
        {},
    ),
    "a timeout in C code": (
        notebook("print('one')", "sum(range(10**11))", "print('never')"),
        {"execution_timeout": 3},
    ),
    "output at the file descriptor level": (
        notebook(
            "import os, subprocess, sys\nos.system('echo from-os-system')\n"
            "subprocess.run(['sh', '-c', 'echo from-subprocess; echo to-stderr >&2'])\n"
            # (ipykernel forwards descriptor-level output from a thread: give it time before the cell ends)
            "import time\ntime.sleep(0.5)",
            "os.write(1, b'raw bytes\\n')\ntime.sleep(0.5)",
        ),
        {},
    ),
    "logging": (
        notebook(
            "import logging\nlogging.getLogger('quiet').info('not shown')\nlogging.warning('the root warns')",
            "logger = logging.getLogger('mine')\nlogger.setLevel(logging.INFO)\n"
            "logging.basicConfig(level=logging.INFO)\nlogger.info('an info line')",
        ),
        {},
    ),
    "the kernel's environment": (
        notebook(
            "import os, sys\nfor key in ('PAGER', 'GIT_PAGER', 'TERM', 'CLICOLOR', 'FORCE_COLOR', 'MPLBACKEND'):\n"
            "    print(key, os.environ.get(key))\nprint(sys.stdin.isatty(), '' in sys.path)",
            "print(os.getcwd())",
        ),
        {"cwd": "/"},
    ),
    "ipywidgets Output capture": (
        notebook(
            "import ipywidgets as w\nout = w.Output()\nwith out:\n    print('inside')\n"
            "    raise ValueError('shown in the widget')\nprint('outside')",
            # (what the widget holds is compared in the notebook's widget state: a kernel sees the
            # front end's copy only after the cell, difference 7)
            "with out:\n    print('replaced')\n    out.clear_output()\n    print('last')",
            "slider = w.IntSlider(value=4, description='n')\nslider.value = 5\nslider",
        ),
        {},
    ),
    "parameters": (
        notebook(
            code("count = 1\nnames = []", ("parameters",)),
            "print(count * 2, sorted(names), type(options).__name__)",
        ),
        {"parameters": {"count": 21, "names": ["b", "a"], "options": {"deep": [1, {"x": None}]}}},
    ),
    "a notebook in another language": (
        notebook("cat('hello')", metadata={"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}}),
        {},
    ),
}


def test_matplotlib_draws_inline_in_both(tmp_path):
    """Where matplotlib is installed: a figure drawn without ``%matplotlib inline`` is shown."""
    pytest.importorskip("matplotlib")
    nb = notebook("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.title('three');")
    for outcome, written, _ in run_both(nb, tmp_path).values():
        assert outcome == "ok"
        assert [sorted(o.data) for o in written.cells[0].outputs] == [["image/png", "text/plain"]]


# Each run's child is forked from a fork server, a fresh process with no threads: forked
# straight from a pytest-xdist worker (whose execnet threads may hold a lock at that
# moment), a kernel run could hang for ever.
_CHILDREN = get_context("forkserver")
_CHILDREN.set_forkserver_preload(["papermill", "nbformat", "careerlib.engine", "careerlib.engine_fork"])


async def _get_msg_in_slices(self, timeout: float | None = None) -> dict:
    """jupyter_client's ``get_msg`` for asyncio channels, waiting in one-second polls.

    The kernel engine, as the reference, has a hang of its own (nbclient issue 312): on
    each output an ipywidgets ``Output`` captures, nbclient sends a comm message on the
    shell channel while it waits on that channel for the cell's reply, and a single
    wait with no timeout can miss that reply for ever (the kernel idle, its reply unread).
    Measured here: 13 of 40 plain papermill runs of the widget case hung, 0 of 24 with
    this patch. A new poll re-reads the socket's state, so slicing the wait finds the
    reply; nothing else about the run changes.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        wait = 1.0 if deadline is None else min(1.0, max(0.0, deadline - time.monotonic()))
        if await self.socket.poll(int(wait * 1000)):
            return await self._recv()
        if deadline is not None and time.monotonic() >= deadline:
            raise queue.Empty


def _run(writer, nb, path: str, engine: str | None, kwargs: dict) -> None:
    """A forked child: papermill on the notebook; send the outcome."""
    # ipykernel stops capturing file descriptors when it sees it runs under pytest: let it
    # run as it does for everyone else.
    os.environ.pop("PYTEST_CURRENT_TEST", None)
    AsyncZMQSocketChannel.get_msg = _get_msg_in_slices
    try:
        from careerlib import engine as careerlib_engine

        careerlib_engine.register()
        # As in a `careerlib report` worker: the cells run in this process, which tells its
        # watcher when each starts (nobody watches here: tests/report/test_forks.py does).
        watcher, to_watcher = get_context("fork").Pipe(duplex=False)
        if kwargs.pop("in_place", False):
            folder = Path(path).parent / "watched"
            folder.mkdir()
            kwargs["watched_worker"] = engine_fork.WatchedWorker(to_watcher, folder)
        papermill.execute_notebook(nb, path, engine_name=engine, progress_bar=False, **kwargs)
        writer.send(("ok", ""))
    except Exception as err:  # noqa: BLE001 - the outcome is what is compared
        writer.send((type(err).__name__, traceback.format_exc()))


def run_with(engine: str | None, nb, tmp_path: Path, **kwargs) -> tuple:
    """(outcome, the notebook papermill wrote or None, the traceback if any), papermill run in a child."""
    path = tmp_path / f"{engine or 'kernel'}.ipynb"
    context = _CHILDREN
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(writer, nb, str(path), engine, kwargs))
    process.start()
    writer.close()
    if not reader.poll(RUN_LIMIT_S):
        # A hung run fails here, its child killed: left alive, the child keeps the test worker's
        # inherited pipes open and the whole test session never ends.
        process.kill()
        process.join()
        pytest.fail(f"papermill with the {engine or 'kernel'} engine did not finish in {RUN_LIMIT_S} s")
    outcome, details = reader.recv()
    process.join()
    return outcome, (nbformat.read(path, as_version=4) if path.exists() else None), details


def run_careerlib(nb, tmp_path: Path, **kwargs) -> tuple:
    return run_with("careerlib", nb, tmp_path, **kwargs)


def run_both(nb, tmp_path: Path, **kwargs) -> dict:
    """engine name -> what :func:`run_with` gives."""
    return {"kernel": run_with(None, nb, tmp_path, **kwargs), "careerlib": run_careerlib(nb, tmp_path, **kwargs)}


def comparable(outcome: str, nb, stopped: int | None = None) -> dict:
    """What both engines must agree on, with the documented differences removed
    (``stopped``: the code cell a run ended by the parent stopped in, by position)."""
    if nb is None:
        return {"outcome": outcome, "notebook": None}
    cells = []
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]  # papermill adds markdown error banners
    for cell in code_cells:
        status = cell.metadata.get("papermill", {}).get("status")
        if outcome in ENDED_BY_PARENT and status in {"failed", "pending"}:
            status = "completed"  # difference 3: the kernel engine marks the dead cell and the rest completed
        streams = {
            name: "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == name)
            for name in ("stdout", "stderr")
        }  # difference 1: how a stream is split into outputs, and stdout/stderr interleaving
        shown = [
            (o.output_type, _stable(dict(o.data)), dict(o.metadata))
            for o in cell.outputs
            if o.output_type in {"display_data", "execute_result"}
        ]
        errors = [(o.ename, o.evalue) for o in cell.outputs if o.output_type == "error"]  # difference 2: tracebacks
        cells.append(
            {
                "count": cell.get("execution_count"),
                "metadata": sorted(cell.metadata),  # the keys; their values are times (difference 5)
                "status": status,
                "exception": bool(cell.metadata.get("papermill", {}).get("exception")),
                "streams": streams,
                "shown": shown,
                "errors": errors,
            }
        )
    if outcome in ENDED_BY_PARENT and stopped is not None:
        # difference 4: a cell stopped mid-way keeps its streams, not its displays; and the kernel
        # engine gives it an execution count only when the kernel's message got out before it died
        cells[stopped].update(shown=[], count=None, metadata=None)
        cells = [{**cell, "exception": False} for cell in cells]  # with difference 3
    papermill_metadata = {
        key: value
        for key, value in nb.metadata.get("papermill", {}).items()
        if key not in {"start_time", "end_time", "duration", "output_path", "input_path"}  # difference 5: timing
    }
    if outcome in ENDED_BY_PARENT:
        papermill_metadata.pop("exception", None)  # with difference 3
    return {
        "outcome": outcome,
        "cells": cells,
        "papermill": papermill_metadata,
        "widgets": _widgets(nb.metadata.get("widgets")),
        "language": nb.metadata.get("language_info", {}).get("name"),
    }


def _stopped_cell(nb) -> int | None:
    """Which code cell careerlib marked failed (by position), if any."""
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"] if nb is not None else []
    failed = [i for i, cell in enumerate(code_cells) if cell.metadata.get("papermill", {}).get("status") == "failed"]
    return failed[0] if failed else None


def _stable(data: dict) -> dict:
    """Display data with the widget model ids (random per run) replaced by a placeholder."""
    if "application/vnd.jupyter.widget-view+json" in data:
        data = {
            **data,
            "application/vnd.jupyter.widget-view+json": {**data["application/vnd.jupyter.widget-view+json"]},
        }
        data["application/vnd.jupyter.widget-view+json"]["model_id"] = "<model id>"
    if "text/plain" in data:
        data["text/plain"] = re.sub(r"0x[0-9a-f]+", "0x…", data["text/plain"])
    return data


def _widgets(metadata) -> list | None:
    """Widget state by model, ids (random per run) replaced by placeholders, outputs' tracebacks by error names."""
    if not metadata:
        return None
    states = []
    for described in metadata["application/vnd.jupyter.widget-state+json"]["state"].values():
        state = {key: value for key, value in described["state"].items() if key != "layout" and key != "style"}
        state["outputs"] = [
            {key: value for key, value in output.items() if key != "traceback"} for output in state.get("outputs", [])
        ]
        states.append((described["model_name"], described["model_module"], repr(sorted(state.items()))))
    return sorted(states)


STOPPED_BY_THE_WATCHER = {"os._exit kills the kernel", "a signal kills the kernel", "a timeout in C code"}


@pytest.mark.parametrize("case", [case for case in CASES if case not in STOPPED_BY_THE_WATCHER])
def test_cells_run_in_a_watched_worker_give_the_notebook_a_forked_child_gives(case, tmp_path):
    """``careerlib report`` workers run the cells themselves, without a second fork: the
    same notebook as the forked child the engine makes for everyone else (which
    :func:`test_both_engines_agree` compares with the kernel engine)."""
    nb, kwargs = CASES[case]
    forked = run_careerlib(nb, tmp_path, **kwargs)
    (tmp_path / "in-place").mkdir()
    in_place = run_careerlib(nb, tmp_path / "in-place", in_place=True, **kwargs)
    stopped = _stopped_cell(forked[1])
    assert comparable(in_place[0], in_place[1], stopped) == comparable(forked[0], forked[1], stopped)


@pytest.mark.parametrize("case", list(CASES))
def test_both_engines_agree(case, tmp_path):
    nb, kwargs = CASES[case]
    results = run_both(nb, tmp_path, **kwargs)
    stopped = _stopped_cell(results["careerlib"][1])
    kernel, careerlib = (comparable(outcome, written, stopped) for outcome, written, _ in results.values())
    differing = {key: (kernel[key], careerlib[key]) for key in kernel if kernel[key] != careerlib[key]}
    assert not differing, (differing, results["kernel"][2][-1500:], results["careerlib"][2][-1500:])


def test_a_dead_or_stopped_cell_is_marked_failed_by_careerlib(tmp_path):
    """Difference 3 in docs/engine.md, seen from careerlib's side: never left "running"."""
    dies = notebook("print('one')", "import os\nprint('half way', flush=True)\nos._exit(0)", "print('never')")
    stalls = notebook("print('one')", "print('starting', flush=True)\nsum(range(10**11))", "print('never')")
    for nb, kwargs in ((dies, {}), (stalls, {"execution_timeout": 3})):
        outcome, written, _ = run_careerlib(nb, tmp_path, **kwargs)
        statuses = [cell.metadata.papermill.status for cell in written.cells if cell.cell_type == "code"]
        assert outcome in ENDED_BY_PARENT and statuses == ["completed", "failed", "pending"]
        assert written.metadata.papermill.exception is True
        assert written.cells[1].outputs[-1].text.endswith(("half way\n", "starting\n"))


PAPERMILL = str(Path(sys.executable).parent / "papermill")


def papermill_command(engine: str | None, source: Path, out: Path, **popen) -> subprocess.Popen:
    args = [PAPERMILL, "--no-progress-bar", str(source), str(out)]
    return subprocess.Popen(args + (["--engine", engine] if engine else []), text=True, **popen)


@pytest.mark.parametrize("stdin", ["an open pipe", "data on the pipe"])
def test_the_command_line_exits_the_same_way_when_a_cell_reads_stdin(stdin, tmp_path):
    source = tmp_path / "in.ipynb"
    nbformat.write(notebook("answer = input()\nprint('read', answer)"), source)
    codes = {}
    for engine in (None, "careerlib"):
        run = papermill_command(
            engine,
            source,
            tmp_path / "out.ipynb",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            _, err = run.communicate("yes\n" if stdin == "data on the pipe" else None, timeout=120)
        finally:
            run.kill()
        codes[engine] = (run.returncode, "StdinNotImplementedError" in err)
    assert codes["careerlib"] == codes[None] == (1, True)


def test_ctrl_c_aborts_the_command_the_same_way(tmp_path):
    """SIGINT to papermill while a cell runs: papermill's "Aborted!", a non-zero exit, no process left."""
    started = tmp_path / "started"
    source = tmp_path / "in.ipynb"
    nbformat.write(notebook(f"open({str(started)!r}, 'w').close()\nimport time\ntime.sleep(60)"), source)
    seen = {}
    for engine in (None, "careerlib"):
        started.unlink(missing_ok=True)
        run = papermill_command(
            engine,
            source,
            tmp_path / "out.ipynb",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        run.send_signal(signal.SIGINT)
        try:
            _, err = run.communicate(timeout=60)
        finally:
            run.kill()
        time.sleep(0.5)
        try:
            os.killpg(run.pid, 0)
            left = True
        except ProcessLookupError:
            left = False
        seen[engine] = (run.returncode != 0, "Aborted!" in err, left)
    assert seen["careerlib"] == seen[None] == (True, True, False)


@pytest.mark.parametrize(
    "cell",
    [
        "import os\nos._exit(0)",
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",  # as the out-of-memory killer ends a process
        "import ctypes\nctypes.string_at(0)",  # a segmentation fault
    ],
)
def test_the_command_line_fails_the_same_way_when_the_kernel_dies(cell, tmp_path):
    """Never exit 0 for a run that died; the notebook written says where it stopped."""
    source = tmp_path / "in.ipynb"
    nbformat.write(notebook("print('one')", cell, "print('never')"), source)
    seen = {}
    for engine in (None, "careerlib"):
        out = tmp_path / f"{engine or 'kernel'}.ipynb"
        run = papermill_command(engine, source, out, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            _, err = run.communicate(timeout=120)
        finally:
            run.kill()
        written = nbformat.read(out, as_version=4)
        seen[engine] = (run.returncode, "DeadKernelError" in err, written.cells[0].outputs[0].text)
    assert seen["careerlib"] == seen[None] == (138, True, "one\n")  # 138: papermill's exit code for a dead kernel
