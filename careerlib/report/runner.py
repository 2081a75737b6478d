"""Running reports: one (:func:`run_report`) or several at once under the output
folder's lock (:func:`run_many`, which also writes the index)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from careerlib.io import project_root
from careerlib.report.discovery import coerce_parameters
from careerlib.report.execute import DEFAULT_ENGINE, ReportResult, check_engine, run_report_here
from careerlib.report.forks import run_in_forks
from careerlib.report.index import write_index
from careerlib.report.lock import run_lock
from careerlib.report.warm import warm_up


def run_report(
    name: str,
    parameters: dict[str, Any] | None = None,
    out_dir: str | os.PathLike = "reports",
    root: Path | None = None,
    progress: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> ReportResult:
    """Execute one report notebook and put its ``.ipynb``, ``.html`` and ``.json``
    into ``out_dir``, all or nothing. Never raises for a failing notebook: the
    result says what failed and where the partial notebook was kept.

    With the ``warm`` engine the cells run in a forked child of this process (the
    engine's own, ``careerlib.engine``), so the caller's state and the report's never
    mix; papermill and the render run here."""
    check_engine(engine)
    return run_report_here(name, parameters, out_dir, root, progress, engine)


def run_many(
    jobs: dict[str, dict[str, Any]],
    out_dir: str | os.PathLike = "reports",
    root: Path | None = None,
    workers: int | None = None,
    on_done: Callable[[ReportResult, int, int], None] | None = None,
    wait_for_lock: bool = False,
    engine: str = DEFAULT_ENGINE,
    on_start: Callable[[str, int, int], None] | None = None,
) -> list[ReportResult]:
    """Run ``{report: parameters}`` at once on up to ``workers`` processes (default:
    the machine's cores), each report in a fresh forked worker. A failing report
    does not stop the others. Writes ``index.html`` linking every report with its
    status and run time."""
    check_engine(engine)
    root = root or project_root()
    out_dir = Path(out_dir)
    for name, parameters in jobs.items():  # fail fast on typos, before any report starts
        coerce_parameters(name, parameters, root)
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    with run_lock(out_dir, wait_for_lock):
        if engine == "warm":
            warm_up()
        results = run_in_forks(jobs, out_dir, root, workers, engine, on_start, on_done)
        write_index(results, out_dir)
    order = list(jobs)
    return sorted(results, key=lambda r: order.index(r.name))
