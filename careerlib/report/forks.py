"""Each report in its own forked worker process, at most a given number at a time;
nothing outlives the parent (Ctrl-C, SIGTERM, or the parent killed outright)."""

from __future__ import annotations

import os
import signal
from multiprocessing import get_context
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path
from typing import Any, Callable

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
    context = get_context("fork")
    queue = list(jobs.items())
    running: dict[Any, tuple[str, Any]] = {}  # result pipe -> (report, process)
    results: list[ReportResult] = []
    try:
        while queue or running:
            while queue and len(running) < workers:
                name, parameters = queue.pop(0)
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker,
                    args=(writer, name, parameters, out_dir, root, engine, os.getpid()),
                    name=f"careerlib-{name}",
                    daemon=True,
                )
                process.start()
                writer.close()
                running[reader] = (name, process)
                if on_start:
                    on_start(name, len(results) + len(running), len(jobs))
            for reader in wait_for_any(list(running)):
                name, process = running.pop(reader)
                try:
                    result = reader.recv()
                except EOFError:  # the worker died before sending a result
                    process.join()
                    result = ReportResult(name, "failed", 0.0, error=f"worker died (exit code {process.exitcode})")
                reader.close()
                process.join()
                results.append(result)
                if on_done:
                    on_done(result, len(results), len(jobs))
    finally:
        _stop([process for _, process in running.values()])
    return results


def _worker(
    writer, name: str, parameters: dict[str, Any], out_dir: Path, root: Path | None, engine: str, parent: int
) -> None:
    """A forked child: run one report, send its result to the parent."""
    # If the parent is killed outright (SIGKILL, OOM), end too: a report finished after
    # its command died would write into a folder no lock protects any more.
    _signal_when_parent_dies(signal.SIGKILL if engine == "warm" else signal.SIGTERM)
    if os.getppid() != parent:  # it died before that was in place
        os._exit(1)
    if engine == "warm":
        # Cells run in this process: a stop request ends it at once (an exception
        # raised into a cell would only fail that cell and run on).
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from careerlib import inprocess

        inprocess.forget_inherited_shell()
    else:
        # Unwind, so papermill shuts the kernel down on the way out.
        signal.signal(signal.SIGTERM, _raise_system_exit)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    writer.send(run_report_here(name, parameters, out_dir, root, engine=engine))
    writer.close()


def _signal_when_parent_dies(signum: int) -> None:
    """Linux's PR_SET_PDEATHSIG; elsewhere nothing (the parent's own exit paths stop workers)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signum))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _raise_system_exit(signum, frame):
    raise SystemExit(128 + signum)


def _stop(processes: list) -> None:
    """On the way out (also on SIGTERM/Ctrl-C) stop workers still running."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
