"""Running notebook cells in this process with an IPython shell, capturing what a
kernel would have sent: stdout/stderr, display data with metadata, execute results
and errors, in order, as nbformat outputs.

Used by the ``careerlib`` papermill engine (``careerlib.engine``). The outputs go
through the same JSON packing a kernel message goes through, so a figure or a table
is stored exactly as the kernel path stores it.
"""

from __future__ import annotations

import io
import os
import platform
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.session import json_packer, json_unpacker
from traitlets.config import Config

# What ipykernel reports for a Python kernel (nbconvert reads it for highlighting).
LANGUAGE_INFO = {
    "name": "python",
    "version": platform.python_version(),
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "pygments_lexer": "ipython3",
    "nbconvert_exporter": "python",
    "file_extension": ".py",
}


class CellTimeout(TimeoutError):
    """A cell ran longer than the engine's execution timeout."""


class Outputs:
    """The outputs of the running cell, built the way nbclient builds them from
    kernel messages (display ids and ``clear_output(wait=True)`` included)."""

    def __init__(self) -> None:
        self.cell_outputs: list = []
        self.clear_pending = False
        self.by_display_id: dict[str, list] = {}

    def start(self, outputs: list) -> None:
        self.cell_outputs = outputs
        self.clear_pending = False

    def _append(self, output) -> None:
        if self.clear_pending:
            self.cell_outputs[:] = []
            self.clear_pending = False
        self.cell_outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        last = self.cell_outputs[-1] if self.cell_outputs else None
        if not self.clear_pending and last is not None and last.output_type == "stream" and last.name == name:
            last.text += text  # a kernel buffers writes between flushes: one output per burst
            return
        self._append(nbformat.v4.new_output("stream", name=name, text=text))

    def display(
        self, data: dict, metadata: dict, transient: dict | None, update: bool, count: int | None = None
    ) -> None:
        data, metadata = _as_sent(data), _as_sent(metadata)
        display_id = (transient or {}).get("display_id")
        if update:
            for output in self.by_display_id.get(display_id, []):
                output.data = nbformat.from_dict(data)
                output.metadata = nbformat.from_dict(metadata)
            return
        if count is None:
            output = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        else:
            output = nbformat.v4.new_output("execute_result", data=data, metadata=metadata, execution_count=count)
        if display_id:
            self.by_display_id.setdefault(display_id, []).append(output)
        self._append(output)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self._append(nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=list(traceback)))

    def clear(self, wait: bool) -> None:
        if wait:
            self.clear_pending = True
        else:
            self.cell_outputs[:] = []


def _as_sent(value: dict) -> dict:
    """The value after the trip through a kernel message (JSON, NaN cleaned)."""
    return json_unpacker(json_packer(value))


OUTPUTS = Outputs()


class CapturingPublisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs) -> None:
        OUTPUTS.display(data, metadata or {}, transient, update)

    def clear_output(self, wait: bool = False) -> None:
        OUTPUTS.clear(wait)


class CapturingDisplayHook(DisplayHook):
    """The value of a cell's last expression becomes an ``execute_result``."""

    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:
        OUTPUTS.display(format_dict, md_dict or {}, None, False, count=self.prompt_count)

    def finish_displayhook(self) -> None:
        pass  # streams are recorded as written: nothing to flush


class Stream(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` while a cell runs."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            OUTPUTS.stream(self.name, text)
        return len(text)


class NotebookShell(InteractiveShell):
    """An IPython shell whose errors become ``error`` outputs, as ipykernel sends them."""

    display_pub_class = CapturingPublisher
    displayhook_class = CapturingDisplayHook

    def _showtraceback(self, etype, evalue, stb) -> None:
        OUTPUTS.error(str(etype.__name__), str(evalue), stb)

    def enable_gui(self, gui=None):  # no event loop to integrate with
        pass


def holds_other_shell() -> bool:
    """Whether this process already has an IPython shell that is not ours (a test
    session, a notebook that called ``run_report``)."""
    return InteractiveShell.initialized() and not isinstance(InteractiveShell.instance(), NotebookShell)


def forget_inherited_shell() -> None:
    """In a forked report worker only: an IPython shell inherited from the parent
    belongs to the parent, and this child runs nothing else, so let the report have a
    shell of its own."""
    if holds_other_shell():
        InteractiveShell.clear_instance()


def shell() -> NotebookShell:
    """The process's shell, made on first use, with a fresh namespace each call.
    History stays in memory: several workers share no SQLite file."""
    if InteractiveShell.initialized():
        current = InteractiveShell.instance()
        if not isinstance(current, NotebookShell):
            raise RuntimeError(
                "the careerlib engine runs cells in a plain Python process, not inside another "
                f"IPython ({type(current).__name__}); use papermill's default engine there"
            )
        if current.execution_count > 1:  # it ran cells before: start clean (a fresh fork skips this)
            current.reset(new_session=False)
            current.execution_count = 1  # as in a new kernel
        return current
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "linux"  # ANSI tracebacks, like the kernel's
    config.InteractiveShell.xmode = "Context"
    new = NotebookShell.instance(config=config)
    if "" not in sys.path:
        sys.path.insert(0, "")  # imports from the working directory, as in a kernel
    return new


@contextmanager
def captured(outputs: list) -> Iterator[None]:
    """While the block runs, stdout, stderr and displays go into ``outputs``."""
    OUTPUTS.start(outputs)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Stream("stdout"), Stream("stderr")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        OUTPUTS.start([])


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`CellTimeout` inside the cell after ``seconds`` (main thread only;
    elsewhere the cell runs without a limit)."""
    import threading

    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise CellTimeout(f"the cell ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cell(ip: NotebookShell, cell, timeout: float | None = None) -> bool:
    """Execute one code cell into ``cell.outputs``; True when it raised nothing."""
    cell.outputs = []
    cell.execution_count = ip.execution_count
    with captured(cell.outputs), time_limit(timeout):
        result = ip.run_cell(cell.source, store_history=True, cell_id=cell.get("id"))
    return result.success


def process_cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
