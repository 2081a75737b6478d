"""The careerlib engine's two sides: one runs the cells, the other watches.

The running side (:func:`_cell_messages`) makes its process look like a kernel
(``inprocess.become_kernel``), runs the code cells in order and reports, after each
one, the outputs of every cell that changed (the cell itself, and earlier cells an
``update_display`` reached). The notebook :func:`execute` returns is built from
those reports only (:func:`_record`).

Where the cells run:

- in a forked child of the caller (:class:`ForkedRun`, the default): the caller
  watches it. A child that dies ends the run with nbclient's ``DeadKernelError``, a
  cell that runs past the timeout is killed and ends it with nbclient's
  ``CellTimeoutError``, as the kernel engine ends them;
- in this process (:class:`InPlaceRun`), when it is itself a disposable forked
  worker whose parent watches it (:class:`WatchedWorker`, ``careerlib report``):
  a second fork per notebook would only repeat the first. The worker tells its
  parent when a cell starts and how long it may run, and keeps its reports in a
  journal beside the stream files; the parent stops a cell past its time and, when
  the worker died or was stopped, rebuilds the notebook from the journal
  (:func:`stopped_notebook`) exactly as the forked run would have returned it.

Either way a stopped cell keeps what it printed (read from the stream files, which
outlive the process that wrote them) and is marked failed.
"""

from __future__ import annotations

import codecs
import copy
import os
import pickle
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable, Iterator

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.engines import NotebookExecutionManager

from careerlib import forking, inprocess, widget_frontend

RAISES_EXCEPTION = "raises-exception"  # nbclient: the cell's error does not stop the run
SKIP_EXECUTION = "skip-execution"  # nbclient: the cell is not run at all
SETTLE_SECONDS = 30  # after the last cell, how long the run may take to send the widget state
JOURNAL = "journal"  # in a watched worker's folder: the notebook, then each report (pickles)


def runs(cell) -> bool:
    """Whether nbclient would execute this cell."""
    return (
        cell.cell_type == "code" and bool(cell.source.strip()) and SKIP_EXECUTION not in cell.metadata.get("tags", [])
    )


@dataclass
class WatchedWorker:
    """This process is a disposable forked worker, watched by its parent through
    ``parent`` (a pipe): the engine runs cells here and tells the parent, before
    each, how long it may run (``("engine", seconds)``, None for no limit) and when
    the engine is done (``("engine", False)``). ``folder`` holds the stream files and
    the journal, for the parent to read if this process dies."""

    parent: Connection
    folder: Path

    def running(self, seconds: float | None) -> None:
        self.parent.send(("engine", seconds))

    def done(self) -> None:
        self.parent.send(("engine", False))


def execute(
    nb_man, execution_timeout: float | None, on_cell: Callable[[object], None], watched: WatchedWorker | None = None
) -> None:
    """Run ``nb_man.nb`` (in a forked child, or here when ``watched``), recording each
    cell through papermill's execution manager; ``on_cell`` sees each finished cell
    (papermill's echo and log)."""
    run = ForkedRun(nb_man.nb) if watched is None else InPlaceRun(nb_man.nb, watched)
    try:
        _record(nb_man, run, execution_timeout, on_cell)
    finally:
        run.close()


def _record(nb_man, run: Messages, execution_timeout: float | None, on_cell: Callable[[object], None]) -> None:
    """Build ``nb_man.nb`` from the running side's reports, cell by cell."""
    nb = nb_man.nb
    run.receive(None, cell=None)  # ready
    for index, cell in enumerate(nb.cells):
        try:
            nb_man.cell_start(cell, index)
            if not runs(cell):
                continue
            cell.outputs = []
            cell.execution_count = run.next_count
            try:
                _, _, changed, ok, timing = run.receive(execution_timeout, cell=cell)
            except (DeadKernelError, CellTimeoutError):
                nb_man.cell_exception(cell, cell_index=index)
                raise
            for changed_index, outputs in changed.items():
                nb.cells[changed_index].outputs = [nbformat.from_dict(output) for output in outputs]
            cell.metadata["execution"] = timing
            on_cell(cell)
            nb_man.autosave_cell()
            if not ok and RAISES_EXCEPTION not in cell.metadata.get("tags", []):
                nb_man.cell_exception(cell, cell_index=index)
                break
        finally:
            nb_man.cell_complete(cell, cell_index=index)
    (widgets,) = run.receive(SETTLE_SECONDS, cell=None)
    if widgets:
        nb.metadata["widgets"] = nbformat.from_dict(widgets)


class Messages:
    """The running side's reports as the recording side sees them, and what a stopped
    cell printed. Subclasses say where the next report comes from (:meth:`_next`)."""

    def __init__(self, fds: dict[str, int]) -> None:
        self.fds = fds
        self.offsets = {name: 0 for name in fds}  # where the running cell's stream text starts
        self.next_count = 1

    def receive(self, timeout: float | None, cell) -> tuple:
        """The next report (without its kind), or the run ends as a kernel's would."""
        kind, *message = self._next(timeout, cell)
        if kind in {"ready", "cell"}:  # both start with the next execution count and the stream offsets
            self.next_count, self.offsets = message[0], message[1]
        return tuple(message)

    def _next(self, timeout: float | None, cell) -> tuple:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def _stopped(self, cell, timeout: float | None, how: str):
        """The run ended in ``cell`` (None: outside a cell): past ``timeout``, or its process died."""
        if cell is None:
            return RuntimeError(
                f"the careerlib engine's process ended outside a cell ({how}): {self._tail('stderr')[-3000:]}"
            )
        for name in inprocess.STREAM_FDS:  # what the cell printed before it died or was stopped
            text = self._tail(name)
            if text:
                cell.outputs.append(nbformat.v4.new_output("stream", name=name, text=text))
        if timeout is not None:
            return CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", timeout, cell)
        return DeadKernelError("Kernel died")

    def _tail(self, name: str) -> str:
        fd = self.fds[name]
        data = inprocess.read_span(fd, self.offsets[name], os.fstat(fd).st_size)
        return codecs.decode(data, "utf-8", "replace")


class ForkedRun(Messages):
    """The cells run in a forked child of this process, which this process watches."""

    def __init__(self, nb) -> None:
        self.files = {name: tempfile.TemporaryFile(prefix=f"careerlib-{name}-") for name in inprocess.STREAM_FDS}
        super().__init__({name: file.fileno() for name, file in self.files.items()})
        self.child = forking.start(_forked_child, (nb, self.fds))

    def _next(self, timeout: float | None, cell) -> tuple:
        started = time.monotonic()
        reader = self.child.reader
        while not reader.poll(None if timeout is None else max(0.0, started + timeout - time.monotonic())):
            if timeout is not None and time.monotonic() - started >= timeout:
                forking.kill(self.child.process)
                raise self._stopped(cell, timeout, "stopped") from None
        try:
            return reader.recv()
        except EOFError:
            self.child.process.join()
            raise self._stopped(cell, None, forking.death_note(self.child.process.exitcode)) from None

    def close(self) -> None:
        forking.kill(self.child.process)
        self.child.reader.close()
        for file in self.files.values():
            file.close()


class InPlaceRun(Messages):
    """The cells run in this process, a watched worker (:class:`WatchedWorker`); its
    file descriptors and ``sys`` streams are given back when the run ends."""

    def __init__(self, nb, watched: WatchedWorker) -> None:
        self.watched = watched
        fds = {
            name: os.open(watched.folder / name, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
            for name in inprocess.STREAM_FDS
        }
        super().__init__(fds)
        self.saved_fds = {fd: os.dup(fd) for fd in (0, *inprocess.STREAM_FDS.values())}
        self.saved_streams = (sys.stdin, sys.stdout, sys.stderr)
        self.journal = open(watched.folder / JOURNAL, "wb")  # noqa: SIM115 - closed in close()
        pickle.dump(nb, self.journal, pickle.HIGHEST_PROTOCOL)
        # The cells run on a copy: the recording side replaces outputs the running side
        # may still update (``update_display``), as it would in a child of its own.
        self.messages = _cell_messages(copy.deepcopy(nb), fds)

    def _next(self, timeout: float | None, cell) -> tuple:
        self.watched.running(timeout)
        message = next(self.messages)
        pickle.dump(message, self.journal, pickle.HIGHEST_PROTOCOL)
        self.journal.flush()
        return message

    def close(self) -> None:
        self.messages.close()
        sys.stdin, sys.stdout, sys.stderr = self.saved_streams
        for fd, saved in self.saved_fds.items():
            os.dup2(saved, fd)
            os.close(saved)
        for fd in self.fds.values():
            os.close(fd)
        self.journal.close()
        self.watched.done()


class Replay(Messages):
    """In the watching parent: a dead or stopped worker's journal, then the end it met."""

    def __init__(self, messages: Iterator[tuple], fds: dict[str, int], timeout: float | None, how: str) -> None:
        super().__init__(fds)
        self.messages = messages
        self.timeout = timeout
        self.how = how

    def _next(self, timeout: float | None, cell) -> tuple:
        message = next(self.messages, None)
        if message is None:
            raise self._stopped(cell, self.timeout, self.how)
        return message


def stopped_notebook(folder: Path, timeout: float | None, how: str):
    """In the parent of a watched worker that died in the engine (``timeout`` None) or
    was stopped past ``timeout``: the notebook the engine would have ended with (the
    cells reported so far, the running cell marked failed with what it printed) and
    the error the run ended with, as a forked run ends."""
    with open(folder / JOURNAL, "rb") as journal:
        nb = pickle.load(journal)
        messages = []
        while True:
            try:
                messages.append(pickle.load(journal))
            except (EOFError, pickle.UnpicklingError):  # the end, or a report cut short by the death
                break
    fds = {name: os.open(folder / name, os.O_RDONLY) for name in inprocess.STREAM_FDS}
    nb_man = NotebookExecutionManager(nb, output_path=None, progress_bar=False, log_output=False)
    nb_man.start_time = datetime.fromisoformat(nb.metadata.papermill["start_time"])  # the worker's start
    try:
        _record(nb_man, Replay(iter(messages), fds, timeout, how), None, lambda cell: None)
    except (DeadKernelError, CellTimeoutError) as err:
        return nb_man.nb, err
    finally:
        nb_man.notebook_complete()
        for fd in fds.values():
            os.close(fd)
    raise RuntimeError("the worker's journal shows a finished run")


def _timestamp() -> str:
    """Now, as a Jupyter message header dates it (UTC, ISO 8601 with a Z)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _forked_child(writer, nb, fds: dict[str, int]) -> None:
    """A forked run's child: run the cells, send each report to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for message in _cell_messages(nb, fds):
        writer.send(message)
    writer.close()
    os._exit(0)


def _cell_messages(nb, fds: dict[str, int]) -> Iterator[tuple]:
    """The running side: become a kernel, run the cells, report after each one."""
    ip = inprocess.become_kernel(fds)
    front_end = widget_frontend.install()
    outputs = inprocess.OUTPUTS
    yield ("ready", ip.execution_count, dict(outputs.streams.offsets))
    for index, cell in enumerate(nb.cells):
        if not runs(cell):
            continue
        started = _timestamp()
        ok = inprocess.run_cell(ip, cell, index)
        ended = _timestamp()
        # nbclient's record of the kernel's messages about the cell (its record_timing)
        timing = {
            "iopub.execute_input": started,
            "iopub.status.busy": started,
            "iopub.status.idle": ended,
            "shell.execute_reply": ended,
        }
        changed = {i: [dict(output) for output in nb.cells[i].outputs] for i in sorted(outputs.changed)}
        outputs.changed.clear()
        yield ("cell", ip.execution_count, dict(outputs.streams.offsets), changed, ok, timing)
        if not ok and RAISES_EXCEPTION not in cell.metadata.get("tags", []):
            break
    yield ("end", front_end.metadata())
