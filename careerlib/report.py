"""The report runner: notebooks in, executed notebook + offline HTML + JSON out.

One report is one notebook in ``notebooks/`` (``funnel.ipynb`` is the report
``funnel``). Running it:

1. papermill executes it with the given parameters into a staging folder inside
   the output folder (kernel working directory: the project root);
   Cells tagged ``interactive`` (live widgets) are not run: they are for JupyterLab;
2. nbconvert renders HTML with input cells hidden, through the
   ``careerlib_offline`` template (plotly.js inline once, no CDN, a CSP that
   blocks any request);
3. the summary the notebook published (``careerlib.notebook.publish``) becomes
   ``NAME.json``;
4. only then are the three files moved into place with ``os.replace``. A run that
   fails or is killed leaves the previous report untouched; a failed notebook is
   kept as ``NAME.failed.ipynb`` for inspection.

``run_many`` runs several reports at once in worker processes, under a lock file
so two runs never interleave writes in one folder, and writes ``index.html``.
"""

from __future__ import annotations

import ast
import fcntl
import functools
import html
import json
import os
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterator

from careerlib.errors import ReportError
from careerlib.io import atomic_write_text, project_root
from careerlib.notebook import SUMMARY_MIME

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "careerlib_offline"
HIDDEN_CELL_TAGS = {"interactive"}
LOCK_NAME = ".careerlib.lock"
CELL_TIMEOUT = 600  # seconds one cell may run before the report fails instead of hanging
KERNEL_START_TIMEOUT = 120
STAGING_PREFIX = ".staging-"


@dataclass
class ReportResult:
    name: str
    status: str  # "ok" or "failed"
    seconds: float
    outputs: list[str] = field(default_factory=list)
    error: str | None = None
    failed_notebook: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


# --------------------------------------------------------------------------- discovery
def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def available_reports(root: Path | None = None) -> list[str]:
    """Every notebook in ``notebooks/`` is a report, named after its file."""
    return sorted(p.stem for p in notebooks_dir(root).glob("*.ipynb"))


# Reports over a folder of many people, not one person's files: a one-person ``report --all`` skips them.
GROUP_REPORTS = ("cohort",)


def person_reports(root: Path | None = None) -> list[str]:
    """The reports about one person (what ``report --all`` runs)."""
    return [name for name in available_reports(root) if name not in GROUP_REPORTS]


def notebook_path(name: str, root: Path | None = None) -> Path:
    path = notebooks_dir(root) / f"{name}.ipynb"
    if not path.exists():
        known = ", ".join(available_reports(root)) or "none"
        raise ReportError(f"no report called {name!r} (available: {known})")
    return path


def declared_parameters(name: str, root: Path | None = None) -> dict[str, Any]:
    """The parameters cell's names and default values (literals, by design)."""
    import nbformat

    notebook = nbformat.read(notebook_path(name, root), as_version=4)
    cells = [c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ReportError(f"notebook {name!r} has no cell tagged 'parameters'")
    declared: dict[str, Any] = {}
    for node in ast.parse(cells[0].source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            declared[node.targets[0].id] = ast.literal_eval(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            declared[node.target.id] = ast.literal_eval(node.value)
    return declared


def coerce_parameters(name: str, given: dict[str, Any], root: Path | None = None) -> dict[str, Any]:
    """Check names against the parameters cell and convert text from the command
    line to the type of each default (bool, int, float, str)."""
    declared = declared_parameters(name, root)
    out = {}
    for key, value in given.items():
        if key not in declared:
            raise ReportError(f"report {name!r} has no parameter {key!r} (it takes: {', '.join(declared)})")
        out[key] = _coerce(key, value, declared[key])
    return out


def _coerce(key: str, value: Any, default: Any) -> Any:
    if not isinstance(value, str) or isinstance(default, str) or default is None:
        return value
    try:
        if isinstance(default, bool):
            lowered = value.strip().lower()
            if lowered not in {"true", "false", "yes", "no", "1", "0"}:
                raise ValueError(value)
            return lowered in {"true", "yes", "1"}
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise ReportError(f"parameter {key!r}: {value!r} is not a {type(default).__name__}") from None


# --------------------------------------------------------------------------- one report
def run_report(
    name: str,
    parameters: dict[str, Any] | None = None,
    out_dir: str | os.PathLike = "reports",
    root: Path | None = None,
    progress: bool = False,
) -> ReportResult:
    """Execute one report notebook and put its ``.ipynb``, ``.html`` and ``.json``
    into ``out_dir``, all or nothing. Never raises for a failing notebook: the
    result says what failed and where the partial notebook was kept."""
    import papermill

    root = root or project_root()
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    source = notebook_path(name, root)
    parameters = coerce_parameters(name, parameters or {}, root)
    staging = out_dir / f"{STAGING_PREFIX}{name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    executed = staging / f"{name}.ipynb"
    try:
        try:
            papermill.execute_notebook(
                for_report(source), str(executed), parameters=parameters, cwd=str(root),
                kernel_name="python3", progress_bar=progress, log_output=False, report_mode=False,
                execution_timeout=CELL_TIMEOUT, start_timeout=KERNEL_START_TIMEOUT,
                # Save once at the end, not around every cell: each save rewrites the whole notebook.
                request_save_on_cell_execute=False,
                # Keep the kernel's own log out of cron output: its start-up warning (loopback
                # TCP) and the interrupt jupyter_client sends at shutdown. A kernel that dies
                # still fails the report, with papermill's message.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
        except papermill.PapermillExecutionError as err:
            kept = out_dir / f"{name}.failed.ipynb"
            os.replace(executed, kept)
            first_line = next((line for line in (err.source or "").splitlines() if line.strip()), "")
            where = f"cell {err.cell_index + 1} of the executed notebook (In [{err.exec_count}], starting {first_line!r})"
            return ReportResult(name, "failed", time.perf_counter() - started,
                                error=f"{where} raised {err.ename}: {err.evalue}", failed_notebook=str(kept))
        if _render(executed, staging, name) is None:
            return ReportResult(name, "failed", time.perf_counter() - started,
                                error="the notebook published no summary (its last cell should call nb.publish)")
        outputs = []
        for path in sorted(staging.iterdir()):
            os.replace(path, out_dir / path.name)
            outputs.append(str(out_dir / path.name))
        (out_dir / f"{name}.failed.ipynb").unlink(missing_ok=True)
        return ReportResult(name, "ok", time.perf_counter() - started, outputs=outputs)
    except Exception as err:  # a runner fault: report it, leave the previous report in place
        return ReportResult(name, "failed", time.perf_counter() - started, error=f"{type(err).__name__}: {err}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def for_report(source: Path):
    """The notebook without its ``interactive`` cells: live widgets need a person
    at JupyterLab, the HTML leaves them out, and executing them headless only
    costs time (and has been seen to stall the kernel client)."""
    import nbformat

    return without_interactive(nbformat.read(source, as_version=4))


def without_interactive(notebook):
    """The notebook with its cells tagged ``interactive`` removed (in place)."""
    notebook.cells = [c for c in notebook.cells if not HIDDEN_CELL_TAGS & set(c.get("metadata", {}).get("tags", []))]
    return notebook


def _render(executed: Path, staging: Path, name: str) -> dict | None:
    """HTML and JSON from the executed notebook, written into ``staging``; returns
    the summary (None when the notebook published none: nothing is written)."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    summary = extract_summary(notebook)
    if summary is None:
        return None
    atomic_write_text(staging / f"{name}.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(staging / f"{name}.html", to_html(notebook, title=f"careerlib · {name.replace('_', ' ')}"))
    return summary


def extract_summary(notebook) -> dict | None:
    """The last summary a notebook published, or None."""
    found = None
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if SUMMARY_MIME in data:
                found = data[SUMMARY_MIME]
    return found


def to_html(notebook, title: str = "careerlib report") -> str:
    """Self-contained HTML: no input cells, no prompts, no interactive cells, no
    summary blob; plotly.js inline once in the page head."""
    import copy

    from nbconvert import HTMLExporter

    notebook = without_interactive(copy.deepcopy(notebook))
    for cell in notebook.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if SUMMARY_MIME not in o.get("data", {})]
    notebook.metadata.pop("widgets", None)  # no widget state: the manager would load from a CDN
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    resources = {"metadata": {"name": title}, "plotly_js": plotly_js()}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


@functools.cache
def plotly_js() -> str:
    """The plotly.js bundle that ships with the plotly package (read once)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


# --------------------------------------------------------------------------- many reports
@contextmanager
def run_lock(out_dir: Path, wait_for_it: bool = False) -> Iterator[None]:
    """One run per output folder. The OS releases the lock if the process dies."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / LOCK_NAME
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait_for_it else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise ReportError(
                f"another careerlib run (pid {holder}) is writing to {out_dir}/; "
                "wait for it to finish, or pass --wait to queue behind it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            _clean_staging(out_dir)
            yield
        finally:
            _clean_staging(out_dir)
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clean_staging(out_dir: Path) -> None:
    """Staging folders are ours alone while we hold the lock: leftovers from a
    killed run are removed."""
    for leftover in out_dir.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def run_many(
    jobs: dict[str, dict[str, Any]],
    out_dir: str | os.PathLike = "reports",
    root: Path | None = None,
    workers: int | None = None,
    on_done: Callable[[ReportResult, int, int], None] | None = None,
    wait_for_lock: bool = False,
) -> list[ReportResult]:
    """Run ``{report: parameters}`` at once on up to ``workers`` processes (default:
    the machine's cores). A failing report does not stop the others. Writes
    ``index.html`` linking every report with its status and run time."""
    root = root or project_root()
    out_dir = Path(out_dir)
    for name, parameters in jobs.items():  # fail fast on typos, before any kernel starts
        coerce_parameters(name, parameters, root)
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[ReportResult] = []
    with run_lock(out_dir, wait_for_lock):
        if workers == 1:
            for name, parameters in jobs.items():
                results.append(run_report(name, parameters, out_dir, root))
                if on_done:
                    on_done(results[-1], len(results), len(jobs))
        else:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"))
            try:
                pending = {pool.submit(run_report, name, parameters, out_dir, root): name for name, parameters in jobs.items()}
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        name = pending.pop(future)
                        try:
                            result = future.result()
                        except Exception as err:  # the worker itself died
                            result = ReportResult(name, "failed", 0.0, error=f"worker died: {err}")
                        results.append(result)
                        if on_done:
                            on_done(result, len(results), len(jobs))
            finally:
                _stop_pool(pool)
        write_index(results, out_dir)
    order = list(jobs)
    return sorted(results, key=lambda r: order.index(r.name))


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """On the way out (also on SIGTERM/Ctrl-C) stop workers still running."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def write_index(results: list[ReportResult], out_dir: Path) -> Path:
    """``index.html``: every report of the last run, its status, time and files.
    Results of reports not in this run stay listed from the previous index."""
    record_path = out_dir / "index.json"
    previous = {}
    if record_path.exists():
        try:
            previous = {r["name"]: r for r in json.loads(record_path.read_text())["reports"]}
        except (ValueError, KeyError, TypeError):
            previous = {}
    when = time.strftime("%Y-%m-%d %H:%M")
    for result in results:
        previous[result.name] = {**asdict(result), "finished": when}
    rows = [previous[name] for name in sorted(previous)]
    atomic_write_text(record_path, json.dumps({"reports": rows}, indent=2) + "\n")
    atomic_write_text(out_dir / "index.html", _index_html(rows))
    return out_dir / "index.html"


def _index_html(rows: list[dict]) -> str:
    esc = html.escape
    body = []
    for row in rows:
        name = row["name"]
        ok = row["status"] == "ok"
        links = " · ".join(
            f'<a href="{esc(name)}.{ext}">{label}</a>' for ext, label in (("html", "report"), ("json", "summary"), ("ipynb", "notebook"))
        ) if ok else esc(row.get("error") or "failed")
        body.append(
            f"<tr><td>{esc(name.replace('_', ' '))}</td><td class='{'ok' if ok else 'bad'}'>{esc(row['status'])}</td>"
            f"<td>{row['seconds']:.1f} s</td><td>{esc(row.get('finished', ''))}</td><td>{links}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>careerlib reports</title>
<style>body{{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:56rem;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{padding:.45rem .7rem;border-bottom:1px solid #ddd;text-align:left}}
.ok{{color:#2f7d4a}}.bad{{color:#b8405e}}</style></head>
<body><h1>careerlib reports</h1>
<table><tr><th>report</th><th>status</th><th>run time</th><th>finished</th><th>files</th></tr>
{''.join(body)}
</table></body></html>
"""
