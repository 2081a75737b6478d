"""Each report in its own forked worker process, at most a given number at a time;
nothing outlives the parent (Ctrl-C, SIGTERM, or the parent killed outright).

With the ``warm`` engine the worker runs the notebook's cells itself (it is already
a disposable fork of the warm parent: a second fork per notebook would only repeat
the first), and this parent watches it as the engine watches its own children
(``careerlib.engine_fork``): a worker that dies in a cell fails its report with
nbclient's ``DeadKernelError``, a cell past the time limit is stopped, whatever it
runs, with ``CellTimeoutError``; either way the notebook is kept with that cell
marked failed."""

from __future__ import annotations

import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path
from typing import Any, Callable

from careerlib import engine_fork, forking
from careerlib.report.discovery import coerce_parameters
from careerlib.report.execute import ReportResult, keep_stopped, run_report_here, staging_folder


@dataclass
class Worker:
    """A running report's worker, as its parent watches it."""

    name: str
    process: forking.Forked
    folder: Path  # the engine's stream files and journal, readable after the worker died
    started: float
    in_cells: bool = False  # the engine is running the notebook
    limit: float | None = None  # the running cell's time limit (seconds)
    deadline: float | None = None  # when it is up (monotonic)


def run_in_forks(
    jobs: dict[str, dict[str, Any]],
    out_dir: Path,
    root: Path | None,
    workers: int,
    engine: str,
    on_start: Callable[[str, int, int], None] | None = None,
    on_done: Callable[[ReportResult, int, int], None] | None = None,
) -> list[ReportResult]:
    """Each report in its own forked child, at most ``workers`` at a time; a child
    that dies without a result counts as a failed report. Children still running
    when this returns or raises (Ctrl-C, SIGTERM) are stopped: nothing outlives it."""
    queue = list(jobs.items())
    running: dict[Any, Worker] = {}  # message pipe -> worker
    results: list[ReportResult] = []

    def finish(reader, result: ReportResult) -> None:
        worker = running.pop(reader)
        reader.close()
        worker.process.join()  # it has sent its last word, died, or was killed
        shutil.rmtree(worker.folder, ignore_errors=True)
        results.append(result)
        if on_done:
            on_done(result, len(results), len(jobs))

    try:
        while queue or running:
            while queue and len(running) < workers:
                name, parameters = queue.pop(0)
                folder = Path(tempfile.mkdtemp(prefix=f"careerlib-{name}-"))
                # If the parent is killed outright (SIGKILL, OOM), the worker ends too: a report
                # finished after its command died would write into a folder no lock protects any more.
                child = forking.start(
                    _worker,
                    (name, parameters, out_dir, root, engine, folder),
                    on_parent_death=signal.SIGKILL if engine == "warm" else signal.SIGTERM,
                )
                running[child.reader] = Worker(name, child.process, folder, time.perf_counter())
                if on_start:
                    on_start(name, len(results) + len(running), len(jobs))
            deadlines = [worker.deadline for worker in running.values() if worker.deadline is not None]
            wait = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
            for reader in wait_for_any(list(running), timeout=wait):
                worker = running[reader]
                try:
                    kind, value = reader.recv()
                except EOFError:  # the worker died before sending a result
                    worker.process.join()
                    finish(reader, _died(worker, jobs[worker.name], out_dir, root, None))
                    continue
                if kind == "engine":  # the engine starts a cell (its time limit), or is done (False)
                    worker.in_cells = value is not False
                    worker.limit = value if worker.in_cells else None
                    worker.deadline = None if worker.limit is None else time.monotonic() + worker.limit
                else:
                    finish(reader, value)
            now = time.monotonic()
            for reader, worker in list(running.items()):
                if worker.deadline is not None and now >= worker.deadline:
                    forking.kill(worker.process)  # whatever the cell runs, C code included
                    finish(reader, _died(worker, jobs[worker.name], out_dir, root, worker.limit))
    finally:
        forking.stop([worker.process for worker in running.values()])
        for worker in running.values():
            shutil.rmtree(worker.folder, ignore_errors=True)
    return results


def _died(
    worker: Worker, parameters: dict[str, Any], out_dir: Path, root: Path | None, limit: float | None
) -> ReportResult:
    """A worker that died (``limit`` None) or was stopped past ``limit`` seconds: in the
    notebook's cells, the report fails as a forked engine run fails, its notebook kept."""
    seconds = time.perf_counter() - worker.started
    how = "stopped" if limit is not None else forking.death_note(worker.process.exitcode)
    staging = staging_folder(out_dir, worker.name, worker.process.pid)  # the worker's, left behind
    try:
        if worker.in_cells:
            try:
                notebook, err = engine_fork.stopped_notebook(worker.folder, limit, how)
                staging.mkdir(parents=True, exist_ok=True)  # beside the kept notebook: a rename puts it there
                error, kept = keep_stopped(
                    worker.name,
                    coerce_parameters(worker.name, parameters, root),
                    out_dir,
                    staging / f"{worker.name}.ipynb",
                    err,
                    notebook,
                )
                return ReportResult(worker.name, "failed", seconds, error=error, failed_notebook=kept)
            except Exception as err:  # noqa: BLE001 - no notebook to keep: say how the worker ended
                how = f"{how}; its notebook could not be kept: {type(err).__name__}: {err}"
        return ReportResult(worker.name, "failed", seconds, error=f"worker died ({how})")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _worker(
    writer, name: str, parameters: dict[str, Any], out_dir: Path, root: Path | None, engine: str, folder: Path
) -> None:
    """A forked child: run one report, send its result to the parent."""
    if engine == "warm":
        # Cells run in this process: a stop request ends it at once (an exception raised
        # into a cell would only fail that cell and run on).
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    else:
        # Unwind, so papermill shuts the kernel down on the way out.
        signal.signal(signal.SIGTERM, _raise_system_exit)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    watched = engine_fork.WatchedWorker(writer, folder)
    writer.send(("result", run_report_here(name, parameters, out_dir, root, engine=engine, watched=watched)))
    writer.close()


def _raise_system_exit(signum, frame):
    raise SystemExit(128 + signum)
