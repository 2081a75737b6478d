"""One report run in this process: papermill executes the notebook into a staging
folder, the renderer writes HTML and JSON beside it, then every file is moved into
place with ``os.replace`` (all or nothing)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from careerlib import engine as careerlib_engine
from careerlib import privacy
from careerlib.engine_fork import WatchedWorker
from careerlib.errors import ReportError
from careerlib.io import project_root
from careerlib.report.discovery import coerce_parameters, notebook_path
from careerlib.report.render import for_report, render_report

CELL_TIMEOUT = 600  # seconds one cell may run before the report fails instead of hanging
KERNEL_START_TIMEOUT = 120
STAGING_PREFIX = ".staging-"
# careerlib's engine names -> papermill's (None: papermill's default, a kernel per run).
ENGINES = {"warm": "careerlib", "kernel": None}
DEFAULT_ENGINE = "warm"


@dataclass
class ReportResult:
    name: str
    status: str  # "ok" or "failed"
    seconds: float
    outputs: list[str] = field(default_factory=list)
    error: str | None = None
    failed_notebook: str | None = None
    cpu_seconds: float = 0.0  # this report's process and the kernel it started, if any
    # Where the time went: phase -> seconds ("start-up", "cells", "render", "write"),
    # and each code cell as (cell number, first line, seconds).
    timings: dict[str, float] = field(default_factory=dict)
    cells: list[tuple[int, str, float]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ReportError(f"no engine called {engine!r} (use one of: {', '.join(ENGINES)})")


def run_report_here(
    name: str,
    parameters: dict[str, Any] | None = None,
    out_dir: str | os.PathLike = "reports",
    root: Path | None = None,
    progress: bool = False,
    engine: str = DEFAULT_ENGINE,
    watched: WatchedWorker | None = None,
) -> ReportResult:
    """:func:`run_report` in this process. A ``warm`` run executes its cells in a
    forked child, or, given ``watched`` (this process is a disposable worker its
    parent watches, ``careerlib.report.forks``), here."""
    import papermill

    root = root or project_root()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    timings: dict[str, float] = {}
    out_dir = Path(out_dir)
    staging = staging_folder(out_dir, name, os.getpid())

    def result(status: str, **details) -> ReportResult:
        return ReportResult(
            name,
            status,
            time.perf_counter() - started,
            cpu_seconds=cpu_seconds() - cpu_started,
            timings=timings,
            **details,
        )

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        source = notebook_path(name, root)
        parameters = coerce_parameters(name, parameters or {}, root)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        executed = staging / f"{name}.ipynb"
        notebook = for_report(source)
        kernel_name = "python3"
        if engine == "warm":
            language = careerlib_engine.notebook_language(notebook)
            if language != "python":  # the warm engine runs Python only: the notebook's own kernel runs it
                print(
                    f"careerlib: {name} is written in {language}, not Python: running it with --engine kernel",
                    file=sys.stderr,
                    flush=True,
                )
                engine, kernel_name = "kernel", None
            else:
                careerlib_engine.register()
        engine_options = {"watched_worker": watched} if engine == "warm" and watched is not None else {}
        executing = time.perf_counter()
        try:
            notebook = papermill.execute_notebook(
                notebook,
                str(executed),
                parameters=parameters,
                cwd=str(root),
                engine_name=ENGINES[engine],
                kernel_name=kernel_name,
                progress_bar=progress,
                log_output=False,
                report_mode=False,
                execution_timeout=CELL_TIMEOUT,
                start_timeout=KERNEL_START_TIMEOUT,
                # Save once at the end, not around every cell: each save rewrites the whole notebook.
                request_save_on_cell_execute=False,
                # Keep the kernel's own log out of cron output: its start-up warning (loopback
                # TCP) and the interrupt jupyter_client sends at shutdown. A kernel that dies
                # still fails the report, with papermill's message.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                **engine_options,
            )
        except papermill.PapermillExecutionError as err:
            kept = out_dir / f"{name}.failed.ipynb"
            privacy.redact_notebook(executed, parameters)  # share mode: no private parameter in the kept notebook
            os.replace(executed, kept)
            first_line = next((line for line in (err.source or "").splitlines() if line.strip()), "")
            where = (
                f"cell {err.cell_index + 1} of the executed notebook (In [{err.exec_count}], starting {first_line!r})"
            )
            evalue = privacy.shared_failure(err.ename, err.evalue) if parameters.get("share") else err.evalue
            return result("failed", error=f"{where} raised {err.ename}: {evalue}", failed_notebook=str(kept))
        except (CellTimeoutError, DeadKernelError) as err:  # the run was stopped, or its process died
            error, kept = keep_stopped(name, parameters, out_dir, executed, err, getattr(err, "notebook", None))
            return result("failed", error=error, failed_notebook=kept)
        privacy.redact_notebook(executed, parameters)  # share mode: no private parameter in the .ipynb
        cells = cell_timings(notebook)
        timings["cells"] = sum(seconds for _, _, seconds in cells)
        timings["start-up"] = (time.perf_counter() - executing) - timings["cells"] + (executing - started)
        if render_report(notebook, staging, name, timings) is None:
            return result(
                "failed", error="the notebook published no summary (its last cell should call nb.publish)", cells=cells
            )
        writing = time.perf_counter()
        outputs = []
        for path in sorted(staging.iterdir()):
            os.replace(path, out_dir / path.name)
            outputs.append(str(out_dir / path.name))
        (out_dir / f"{name}.failed.ipynb").unlink(missing_ok=True)
        timings["write"] += time.perf_counter() - writing
        return result("ok", outputs=outputs, cells=cells)
    except Exception as err:  # a runner fault: report it, leave the previous report in place
        return result("failed", error=f"{type(err).__name__}: {err}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def keep_stopped(
    name: str, parameters: dict[str, Any], out_dir: Path, executed: Path, err: Exception, notebook=None
) -> tuple[str, str | None]:
    """A run stopped past the time limit or whose process died: keep its notebook
    (``notebook``, the careerlib engine's partial one, else what papermill wrote at
    ``executed``) as ``<name>.failed.ipynb``. Returns the error text and the kept path."""
    kept = out_dir / f"{name}.failed.ipynb"
    if notebook is not None:
        nbformat.write(notebook, executed)
    if executed.exists():
        privacy.redact_notebook(executed, parameters)  # share mode: no private parameter in the kept notebook
        os.replace(executed, kept)
    what = "a cell ran past the time limit" if isinstance(err, CellTimeoutError) else "the notebook's process died"
    error = f"{what} ({type(err).__name__}: {str(err).splitlines()[0]})"
    return error, str(kept) if kept.exists() else None


def staging_folder(out_dir: Path, name: str, pid: int) -> Path:
    """Where the worker ``pid`` builds report ``name`` before moving it into place."""
    return out_dir / f"{STAGING_PREFIX}{name}-{pid}"


def cell_timings(notebook) -> list[tuple[int, str, float]]:
    """(cell number from 1, first line, seconds) of each code cell papermill timed."""
    timed = []
    for number, cell in enumerate(notebook.cells, start=1):
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if cell.cell_type == "code" and duration is not None:
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            timed.append((number, first[:60], float(duration)))
    return timed


def cpu_seconds() -> float:
    """CPU time of this process and of the child processes it has waited for (a kernel)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
