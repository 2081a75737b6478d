"""The careerlib engine's two sides: the parent watches, the forked child runs cells.

The child (:func:`_run_cells`) makes itself look like a kernel
(``inprocess.become_kernel``), runs the code cells in order and sends, after each
one, the outputs of every cell that changed (the cell itself, and earlier cells an
``update_display`` reached). The parent (:func:`execute`) builds the notebook it
returns from those messages only, and watches the child: a child that dies ends the
run with nbclient's ``DeadKernelError``, a cell that runs past the timeout is
killed and ends it with nbclient's ``CellTimeoutError``, as the kernel engine ends
them. Either way the cell keeps what it printed (read from the stream files, which
outlive the child) and is marked failed.
"""

from __future__ import annotations

import codecs
import os
import signal
import tempfile
import time
from datetime import datetime, timezone
from typing import Callable

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from careerlib import forking, inprocess, widget_frontend

RAISES_EXCEPTION = "raises-exception"  # nbclient: the cell's error does not stop the run
SKIP_EXECUTION = "skip-execution"  # nbclient: the cell is not run at all
SETTLE_SECONDS = 30  # after the last cell, how long the child may take to send the widget state


def runs(cell) -> bool:
    """Whether nbclient would execute this cell."""
    return (
        cell.cell_type == "code" and bool(cell.source.strip()) and SKIP_EXECUTION not in cell.metadata.get("tags", [])
    )


def execute(nb_man, execution_timeout: float | None, on_cell: Callable[[object], None]) -> None:
    """Run ``nb_man.nb`` in a forked child, recording each cell through papermill's
    execution manager; ``on_cell`` sees each finished cell (papermill's echo and log)."""
    nb = nb_man.nb
    files = {name: tempfile.TemporaryFile(prefix=f"careerlib-{name}-") for name in inprocess.STREAM_FDS}
    fds = {name: file.fileno() for name, file in files.items()}
    child = forking.start(_run_cells, (nb, fds))
    watch = Watch(child, fds)
    try:
        watch.receive(None, cell=None)  # ready
        for index, cell in enumerate(nb.cells):
            try:
                nb_man.cell_start(cell, index)
                if not runs(cell):
                    continue
                cell.outputs = []
                cell.execution_count = watch.next_count
                try:
                    _, _, changed, ok, timing = watch.receive(execution_timeout, cell=cell)
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
        (widgets,) = watch.receive(SETTLE_SECONDS, cell=None)
        if widgets:
            nb.metadata["widgets"] = nbformat.from_dict(widgets)
    finally:
        forking.kill(child.process)
        child.reader.close()
        for file in files.values():
            file.close()


class Watch:
    """The parent's view of the child: its messages, its death, its time."""

    def __init__(self, child: forking.Child, fds: dict[str, int]) -> None:
        self.child = child
        self.fds = fds
        self.offsets = {name: 0 for name in fds}  # where the running cell's stream text starts
        self.next_count = 1

    def receive(self, timeout: float | None, cell) -> tuple:
        """The child's next message (without its kind), or the run ends as a kernel's would."""
        started = time.monotonic()
        while not self.child.reader.poll(None if timeout is None else max(0.0, started + timeout - time.monotonic())):
            if timeout is not None and time.monotonic() - started >= timeout:
                forking.kill(self.child.process)
                self._keep_streams(cell)
                raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", timeout, cell)
        try:
            kind, *message = self.child.reader.recv()
        except EOFError:
            self.child.process.join()
            self._keep_streams(cell)
            if cell is None:
                raise RuntimeError(
                    "the careerlib engine's process ended outside a cell "
                    f"({forking.death_note(self.child.process.exitcode)}): {self._tail('stderr')[-3000:]}"
                ) from None
            raise DeadKernelError("Kernel died") from None
        if kind in {"ready", "cell"}:  # both start with the next execution count and the stream offsets
            self.next_count, self.offsets = message[0], message[1]
        return tuple(message)

    def _tail(self, name: str) -> str:
        fd = self.fds[name]
        data = inprocess.read_span(fd, self.offsets[name], os.fstat(fd).st_size)
        return codecs.decode(data, "utf-8", "replace")

    def _keep_streams(self, cell) -> None:
        """What the cell printed before it died or was stopped."""
        if cell is None:
            return
        for name in inprocess.STREAM_FDS:
            text = self._tail(name)
            if text:
                cell.outputs.append(nbformat.v4.new_output("stream", name=name, text=text))


def _timestamp() -> str:
    """Now, as a Jupyter message header dates it (UTC, ISO 8601 with a Z)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _run_cells(writer, nb, fds: dict[str, int]) -> None:
    """The child: become a kernel, run the cells, report after each one."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    ip = inprocess.become_kernel(fds)
    front_end = widget_frontend.install()
    outputs = inprocess.OUTPUTS
    writer.send(("ready", ip.execution_count, dict(outputs.streams.offsets)))
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
        writer.send(("cell", ip.execution_count, dict(outputs.streams.offsets), changed, ok, timing))
        if not ok and RAISES_EXCEPTION not in cell.metadata.get("tags", []):
            break
    writer.send(("end", front_end.metadata()))
    writer.close()
    os._exit(0)
