"""Running notebook cells in this process with an IPython shell, capturing what a
kernel would have sent: stdout/stderr, display data with metadata, execute results
and errors, in order, as nbformat outputs.

Used inside the child process of the ``careerlib`` papermill engine
(``careerlib.engine_fork``), which first makes the process look like a kernel's
(:func:`become_kernel`). The outputs go through the same JSON packing a kernel
message goes through, so a figure or a table is stored exactly as the kernel path
stores it.

Streams are files: file descriptors 1 and 2 point at two files the parent made, and
``sys.stdout``/``sys.stderr`` write straight into them, so Python prints, C code,
``os.system`` and subprocesses all land in the cell, in the order written. A stream
output is read from its file once, when another output or the cell's end closes
it (linear in the text, however many writes made it), and the parent can read
what a child wrote before it died.
"""

from __future__ import annotations

import builtins
import codecs
import getpass
import importlib.util
import io
import logging
import os
import platform
import sys
import uuid
import warnings

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.error import StdinNotImplementedError
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.session import json_packer, json_unpacker
from nbclient.exceptions import CellTimeoutError
from traitlets.config import Config

from careerlib.forking import flush_quietly

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
STREAM_FDS = {"stdout": 1, "stderr": 2}
# The environment ipykernel gives the code it runs (ZMQInteractiveShell.init_environment).
KERNEL_ENVIRONMENT = {
    "TERM": "xterm-color",
    "CLICOLOR": "1",
    "FORCE_COLOR": "1",
    "CLICOLOR_FORCE": "1",
    "PAGER": "cat",
    "GIT_PAGER": "cat",
}
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# ipykernel's words when a front end (papermill's) allows no input requests.
NO_STDIN = "{} was called, but this frontend does not support input requests."


# A cell past the engine's time limit: nbclient's error, as the kernel engine raises it
# (the parent stops the cell, ``careerlib.engine_fork``). The name is kept for callers.
CellTimeout = CellTimeoutError


class StreamFiles:
    """The two files behind fds 1 and 2 and how far each has been read."""

    def __init__(self, fds: dict[str, int]) -> None:
        self.fds = fds
        self.offsets = {name: 0 for name in fds}
        self.decoders = {name: codecs.getincrementaldecoder("utf-8")("replace") for name in fds}

    def skip_to_end(self) -> None:
        """Forget what was written so far (between cells, nobody reads it)."""
        for name, fd in self.fds.items():
            self.offsets[name] = os.fstat(fd).st_size

    def take(self, name: str) -> str:
        """The text written to stream ``name`` since the last call."""
        fd = self.fds[name]
        end = os.fstat(fd).st_size
        start = self.offsets[name]
        if end <= start:
            return ""
        self.offsets[name] = end
        return self.decoders[name].decode(read_span(fd, start, end))


def read_span(fd: int, start: int, end: int) -> bytes:
    """Bytes ``start:end`` of the file behind ``fd`` (its offset untouched)."""
    chunks = []
    while start < end:
        chunk = os.pread(fd, end - start, start)
        if not chunk:
            break
        chunks.append(chunk)
        start += len(chunk)
    return b"".join(chunks)


class Outputs:
    """The outputs of the running cell, built the way nbclient builds them from
    kernel messages (display ids, ``clear_output(wait=True)``, ipywidgets ``Output``
    capture included)."""

    def __init__(self) -> None:
        self.cell_outputs: list = []
        self.cell_index = -1
        self.clear_pending = False
        self.by_display_id: dict[str, list[tuple[int, object]]] = {}
        self.changed: set[int] = set()  # cells whose outputs changed since the last report
        self.streams: StreamFiles | None = None
        self.hooks: list = []  # output widgets capturing (nbclient's output hook stack), innermost last

    def start(self, outputs: list, cell_index: int) -> None:
        self.cell_outputs = outputs
        self.cell_index = cell_index
        self.clear_pending = False
        self.changed.add(cell_index)
        if self.streams is not None:
            self.streams.skip_to_end()

    def flush_streams(self) -> None:
        """Turn what the streams received since the last output into stream outputs."""
        if self.streams is None:
            return
        for name in STREAM_FDS:
            text = self.streams.take(name)
            if text:
                self._add_stream(name, text)

    def _add_stream(self, name: str, text: str) -> None:
        if self.hooks:
            self.hooks[-1].output(nbformat.v4.new_output("stream", name=name, text=text))
            return
        last = self.cell_outputs[-1] if self.cell_outputs else None
        if not self.clear_pending and last is not None and last.output_type == "stream" and last.name == name:
            last.text += text  # a kernel buffers writes between flushes: one output per burst
            return
        self._append(nbformat.v4.new_output("stream", name=name, text=text))

    def _append(self, output) -> None:
        if self.hooks:
            self.hooks[-1].output(output)
            return
        if self.clear_pending:
            self.cell_outputs[:] = []
            self.clear_pending = False
        self.cell_outputs.append(output)

    def display(
        self, data: dict, metadata: dict, transient: dict | None, update: bool, count: int | None = None
    ) -> None:
        self.flush_streams()
        data, metadata = as_sent(data), as_sent(metadata)
        display_id = (transient or {}).get("display_id")
        if update:
            for cell_index, output in self.by_display_id.get(display_id, []):
                output.data = nbformat.from_dict(data)
                output.metadata = nbformat.from_dict(metadata)
                self.changed.add(cell_index)
            return
        if count is None:
            output = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        else:
            output = nbformat.v4.new_output("execute_result", data=data, metadata=metadata, execution_count=count)
        if display_id and not self.hooks:
            self.by_display_id.setdefault(display_id, []).append((self.cell_index, output))
        self._append(output)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self.flush_streams()
        self._append(nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=list(traceback)))

    def clear(self, wait: bool) -> None:
        self.flush_streams()
        if self.hooks:
            self.hooks[-1].clear(wait)
        elif wait:
            self.clear_pending = True
        else:
            self.cell_outputs[:] = []

    def push_hook(self, hook) -> None:
        self.flush_streams()
        self.hooks.append(hook)

    def pop_hook(self, hook) -> None:
        self.flush_streams()
        if hook in self.hooks:
            self.hooks.remove(hook)

    def finish(self) -> None:
        """The cell ended: what the streams still hold is its last output."""
        self.flush_streams()
        self.hooks.clear()


def as_sent(value: dict) -> dict:
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
        pass  # streams are read when the next output or the cell's end needs them


class Stream(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` in the child: writes go straight to fd 1 / 2."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._fd = STREAM_FDS[name]

    @property
    def encoding(self) -> str:
        return "utf-8"

    def fileno(self) -> int:
        return self._fd

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = text.encode("utf-8", "replace")
        while data:
            data = data[os.write(self._fd, data) :]
        return len(text)


class NotebookShell(InteractiveShell):
    """An IPython shell whose errors become ``error`` outputs, as ipykernel sends them."""

    display_pub_class = CapturingPublisher
    displayhook_class = CapturingDisplayHook

    def _showtraceback(self, etype, evalue, stb) -> None:
        OUTPUTS.error(str(etype.__name__), str(evalue), stb)

    def enable_gui(self, gui=None):  # no event loop to integrate with
        pass


class RunningCell:
    """What ``ip.kernel`` offers the code it runs: the request being answered (the
    ipywidgets ``Output`` context reads its message id, as under ipykernel)."""

    def __init__(self) -> None:
        self.parent = {}

    def get_parent(self, channel: str = "shell") -> dict:
        return self.parent

    def next_request(self) -> None:
        self.parent = {"header": {"msg_id": uuid.uuid4().hex, "msg_type": "execute_request"}}


def holds_other_shell() -> bool:
    """Whether this process already has an IPython shell that is not ours (a test
    session, a notebook that called ``run_report``)."""
    return InteractiveShell.initialized() and not isinstance(InteractiveShell.instance(), NotebookShell)


def forget_inherited_shell() -> None:
    """In a forked child only: an IPython shell inherited from the parent belongs to
    the parent, and this child runs nothing else, so let the notebook have a shell of
    its own."""
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


def become_kernel(stream_fds: dict[str, int]) -> NotebookShell:
    """In the engine's child, before the first cell: stdin refused, fds 1 and 2 into
    the stream files, the kernel's environment, logging and warnings as a kernel
    starts them, and a shell of its own."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    for name, fd in STREAM_FDS.items():
        os.dup2(stream_fds[name], fd)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the child
    sys.stdout, sys.stderr = Stream("stdout"), Stream("stderr")
    builtins.input = _no_input
    getpass.getpass = _no_password
    os.environ.update(KERNEL_ENVIRONMENT)
    if not os.environ.get("MPLBACKEND") and importlib.util.find_spec("matplotlib_inline") is not None:
        os.environ["MPLBACKEND"] = INLINE_BACKEND
    # A kernel's root logger has no handler: records reach the cell's stderr through
    # logging's last resort, which writes to whatever sys.stderr is at that moment.
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)
    forget_inherited_shell()
    ip = shell()
    _inline_figures_if_imported()
    _python_warning_filters()
    ip.kernel = RunningCell()
    OUTPUTS.streams = StreamFiles(dict(STREAM_FDS))
    return ip


def _inline_figures_if_imported() -> None:
    """matplotlib picks its backend when it is imported: where the caller imported it
    before the fork, switch to the inline backend a kernel would have started with."""
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is None or os.environ.get("MPLBACKEND") != INLINE_BACKEND:
        return
    imported_backend = sys.modules.get("matplotlib_inline.backend_inline")
    matplotlib.rcParams["backend"] = INLINE_BACKEND
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].switch_backend(INLINE_BACKEND)
    if imported_backend is not None:  # it hooked into no shell of ours when imported: hook it in here
        imported_backend._enable_matplotlib_integration()


def _python_warning_filters() -> None:
    """The warning filters a new Python process starts with, and warnings printed to
    stderr (the caller's filters, or a ``catch_warnings`` it is inside, are not a kernel's)."""
    warnings.showwarning = _show_warning
    warnings.resetwarnings()
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.filterwarnings("ignore", category=category, append=True)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Python's own way of showing a warning: formatted, to stderr."""
    (file or sys.stderr).write(warnings.formatwarning(message, category, filename, lineno, line))


def _no_input(prompt: str = "") -> str:
    raise StdinNotImplementedError(NO_STDIN.format("raw_input"))


def _no_password(prompt: str = "Password: ", stream=None) -> str:
    raise StdinNotImplementedError(NO_STDIN.format("getpass"))


def run_cell(ip: NotebookShell, cell, cell_index: int) -> bool:
    """Execute one code cell into ``cell.outputs``; True when it raised nothing."""
    cell.outputs = []
    cell.execution_count = ip.execution_count
    if isinstance(getattr(ip, "kernel", None), RunningCell):
        ip.kernel.next_request()
    OUTPUTS.start(cell.outputs, cell_index)
    try:
        result = ip.run_cell(cell.source, store_history=True, cell_id=cell.get("id"))
    finally:
        # text the cell left in Python's own buffered file objects on fds 1 and 2
        flush_quietly(sys.__stdout__, sys.__stderr__)
        OUTPUTS.finish()
    return result.success


def process_cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
