"""Each report in its own forked worker process, at most a given number at a time;
nothing outlives the parent (Ctrl-C, SIGTERM, or the parent killed outright)."""

from __future__ import annotations

import signal
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path
from typing import Any, Callable

from careerlib import forking
from careerlib.report.execute import ReportResult, run_report_here


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
    running: dict[Any, tuple[str, Any]] = {}  # result pipe -> (report, process)
    results: list[ReportResult] = []
    try:
        while queue or running:
            while queue and len(running) < workers:
                name, parameters = queue.pop(0)
                # If the parent is killed outright (SIGKILL, OOM), the worker ends too: a report
                # finished after its command died would write into a folder no lock protects any more.
                child = forking.start(
                    _worker,
                    (name, parameters, out_dir, root, engine),
                    on_parent_death=signal.SIGKILL if engine == "warm" else signal.SIGTERM,
                )
                running[child.reader] = (name, child.process)
                if on_start:
                    on_start(name, len(results) + len(running), len(jobs))
            for reader in wait_for_any(list(running)):
                name, process = running.pop(reader)
                try:
                    result = reader.recv()
                except EOFError:  # the worker died before sending a result
                    process.join()
                    result = ReportResult(
                        name, "failed", 0.0, error=f"worker died ({forking.death_note(process.exitcode)})"
                    )
                reader.close()
                process.join()
                results.append(result)
                if on_done:
                    on_done(result, len(results), len(jobs))
    finally:
        forking.stop([process for _, process in running.values()])
    return results


def _worker(writer, name: str, parameters: dict[str, Any], out_dir: Path, root: Path | None, engine: str) -> None:
    """A forked child: run one report, send its result to the parent."""
    if engine == "warm":
        # Cells run in the engine's child of this process, which ends with it: a stop
        # request ends this worker at once.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    else:
        # Unwind, so papermill shuts the kernel down on the way out.
        signal.signal(signal.SIGTERM, _raise_system_exit)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    writer.send(run_report_here(name, parameters, out_dir, root, engine=engine))
    writer.close()


def _raise_system_exit(signum, frame):
    raise SystemExit(128 + signum)
