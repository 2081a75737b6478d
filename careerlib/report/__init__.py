"""The report runner: notebooks in, executed notebook + offline HTML + JSON out.

One report is one notebook in ``notebooks/`` (``funnel.ipynb`` is the report
``funnel``). Running it:

1. papermill executes it with the given parameters into a staging folder inside
   the output folder (kernel working directory: the project root);
   Cells tagged ``interactive`` (live widgets) are not run: they are for JupyterLab;
2. nbconvert renders HTML with input cells hidden, through the
   ``careerlib_offline`` template (plotly.js inline once, no CDN, a CSP that
   blocks any request; ``careerlib.plotly_bundle`` picks the partial bundle when it
   holds every chart's trace type);
3. the summary the notebook published (``careerlib.notebook.publish``) becomes
   ``NAME.json``;
4. only then are the three files moved into place with ``os.replace``. A run that
   fails or is killed leaves the previous report untouched; a failed notebook is
   kept as ``NAME.failed.ipynb`` for inspection.

``run_many`` runs several reports at once in worker processes, under a lock file
so two runs never interleave writes in one folder, and writes ``index.html``.

Two engines execute the notebook. ``warm`` (the default): the parent process imports
pandas, plotly, careerlib and nbconvert and builds the HTML exporter once
(:func:`warm_up`), then forks one fresh worker per report, which runs the cells in
its own process through careerlib's papermill engine (``careerlib.engine``): no
kernel start, no imports, nothing shared between reports. ``kernel``: papermill's
default engine, a new Jupyter kernel per report.
"""

from __future__ import annotations

import ast
import functools
import html
import json
import os
import shutil
import signal
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path
from typing import Any, Callable, Iterator

from careerlib import plotly_bundle
from careerlib.errors import ReportError
from careerlib.io import atomic_write_text, file_lock, project_root
from careerlib.notebook import SUMMARY_MIME

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
TEMPLATE_NAME = "careerlib_offline"
HIDDEN_CELL_TAGS = {"interactive"}
LOCK_NAME = ".careerlib.lock"
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
    engine: str = DEFAULT_ENGINE,
) -> ReportResult:
    """Execute one report notebook and put its ``.ipynb``, ``.html`` and ``.json``
    into ``out_dir``, all or nothing. Never raises for a failing notebook: the
    result says what failed and where the partial notebook was kept.

    With the ``warm`` engine the cells run in a forked child of this process, so
    the caller's state and the report's never mix."""
    check_engine(engine)
    if engine == "warm":
        return _run_in_forks({name: parameters or {}}, Path(out_dir), root, 1, engine)[0]
    return run_report_here(name, parameters, out_dir, root, progress, engine)


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
) -> ReportResult:
    """:func:`run_report` in this process (a ``warm`` run executes its cells here)."""
    import papermill

    root = root or project_root()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    timings: dict[str, float] = {}
    out_dir = Path(out_dir)
    staging = out_dir / f"{STAGING_PREFIX}{name}-{os.getpid()}"

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
        if engine == "warm":
            from careerlib import engine as careerlib_engine

            careerlib_engine.register()
        executing = time.perf_counter()
        try:
            notebook = papermill.execute_notebook(
                for_report(source),
                str(executed),
                parameters=parameters,
                cwd=str(root),
                engine_name=ENGINES[engine],
                kernel_name="python3",
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
            )
        except papermill.PapermillExecutionError as err:
            kept = out_dir / f"{name}.failed.ipynb"
            os.replace(executed, kept)
            first_line = next((line for line in (err.source or "").splitlines() if line.strip()), "")
            where = (
                f"cell {err.cell_index + 1} of the executed notebook (In [{err.exec_count}], starting {first_line!r})"
            )
            return result("failed", error=f"{where} raised {err.ename}: {err.evalue}", failed_notebook=str(kept))
        cells = cell_timings(notebook)
        timings["cells"] = sum(seconds for _, _, seconds in cells)
        timings["start-up"] = (time.perf_counter() - executing) - timings["cells"] + (executing - started)
        if _render(notebook, staging, name, timings) is None:
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


def _render(notebook, staging: Path, name: str, timings: dict[str, float]) -> dict | None:
    """HTML and JSON from the executed notebook, written into ``staging``; returns
    the summary (None when the notebook published none: nothing is written).
    Adds the seconds spent to ``timings["render"]`` and ``timings["write"]``."""
    summary = extract_summary(notebook)
    if summary is None:
        return None
    rendering = time.perf_counter()
    page = to_html(notebook, title=f"careerlib · {name.replace('_', ' ')}")
    writing = time.perf_counter()
    atomic_write_text(
        staging / f"{name}.json", json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )
    atomic_write_text(staging / f"{name}.html", page)
    timings["render"] = writing - rendering
    timings["write"] = time.perf_counter() - writing
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

    # Shallow copies of the notebook, its metadata and cells: the caller's notebook stays
    # as it was, without a deep copy of every output (nbconvert makes its own anyway).
    notebook = copy.copy(notebook)
    notebook.metadata = copy.copy(notebook.metadata)
    notebook.cells = [copy.copy(cell) for cell in notebook.cells]
    notebook = without_interactive(notebook)
    for cell in notebook.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if SUMMARY_MIME not in o.get("data", {})]
    notebook.metadata.pop("widgets", None)  # no widget state: the manager would load from a CDN
    exporter = html_exporter()
    # The partial plotly.js bundle when it draws every chart here, else plotly's full one.
    resources = {"metadata": {"name": title}, "plotly_js": plotly_bundle.script_for(notebook)}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


@functools.cache
def plotly_js() -> str:
    """The full plotly.js bundle that ships with the plotly package (read once)."""
    return plotly_bundle.full_js()


# --------------------------------------------------------------------------- many reports
@contextmanager
def run_lock(out_dir: Path, wait_for_it: bool = False) -> Iterator[None]:
    """One run per output folder. The OS releases the lock if the process dies."""
    out_dir.mkdir(parents=True, exist_ok=True)
    busy = lambda holder: ReportError(  # noqa: E731
        f"another careerlib run (pid {holder}) is writing to {out_dir}/; "
        "wait for it to finish, or pass --wait to queue behind it"
    )
    with file_lock(out_dir / LOCK_NAME, wait=wait_for_it, holder=str(os.getpid()), busy=busy):
        try:
            _clean_staging(out_dir)
            yield
        finally:
            _clean_staging(out_dir)


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
        results = _run_in_forks(jobs, out_dir, root, workers, engine, on_start, on_done)
        write_index(results, out_dir)
    order = list(jobs)
    return sorted(results, key=lambda r: order.index(r.name))


def _run_in_forks(
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


# --------------------------------------------------------------------------- warm engine
@functools.cache
def html_exporter():
    """The nbconvert exporter for reports, built once per process (a forked worker
    inherits it from the parent, templates already loaded)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


_WARM_SECONDS: list[float] = []


def warm_up() -> float:
    """Import what every report needs and build the exporter, once per process, so
    forked workers start with it all done. Returns the seconds it took (0.0 when
    already warm)."""
    if _WARM_SECONDS:
        return 0.0
    started = time.perf_counter()
    import importlib
    import pkgutil

    import nbformat
    import pandas.io.formats.style  # noqa: F401 - nb.table's Styler, with its templates compiled
    import papermill  # noqa: F401
    import plotly.graph_objects as go
    import plotly.io as pio

    import careerlib
    from careerlib import engine, inprocess, plots

    for module in pkgutil.walk_packages(careerlib.__path__, "careerlib."):
        if module.name not in {"careerlib.cli"}:
            try:
                importlib.import_module(module.name)
            except Exception:  # noqa: BLE001 - a broken module fails the report that uses it, with its message
                pass
    engine.register()
    inprocess.shell()
    # plotly reads its validator table and imports a module per trace type on first use;
    # a figure on the house template does both, without changing any default.
    plots.register_renderer()
    import pandas as pd
    import plotly.colors  # noqa: F401

    frame = pd.DataFrame({"x": ["a", "b"], "y": [1.0, 2.0]})
    figure = go.Figure(
        go.Bar(x=frame["x"], y=frame["y"], marker=dict(color=frame["y"], colorscale="Blues")),
        layout=dict(template=pio.templates[plots.house_template()]),
    )
    bundle = pio.renderers[plots.OFFLINE_RENDERER].to_mimebundle(figure.to_dict())
    # Render a notebook with every kind of output once: jinja compiles the templates,
    # markdown and highlighting set up, plotly.js is read.
    sample = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# Warm-up\n\nA *sentence* with a [link](#here), `code` and a list:\n\n- one\n- two"
            ),
            nbformat.v4.new_code_cell(
                "x",
                outputs=[
                    nbformat.v4.new_output("stream", name="stdout", text="text\n"),
                    nbformat.v4.new_output("display_data", data={"text/markdown": "**bold**", "text/plain": "bold"}),
                    nbformat.v4.new_output("display_data", data={**bundle, "text/plain": "figure"}),
                    nbformat.v4.new_output(
                        "execute_result",
                        data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1"},
                        execution_count=1,
                    ),
                ],
            ),
        ]
    )
    try:
        to_html(sample, title="warm-up")
    except Exception:  # noqa: BLE001 - the real render reports its own error
        pass
    _WARM_SECONDS.append(time.perf_counter() - started)
    return _WARM_SECONDS[0]


def warm_up_seconds() -> float:
    """How long :func:`warm_up` took in this process (0.0 if it has not run)."""
    return _WARM_SECONDS[0] if _WARM_SECONDS else 0.0


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
        record = {key: value for key, value in asdict(result).items() if key not in {"timings", "cells"}}
        previous[result.name] = {**record, "finished": when}
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
        links = (
            " · ".join(
                f'<a href="{esc(name)}.{ext}">{label}</a>'
                for ext, label in (("html", "report"), ("json", "summary"), ("ipynb", "notebook"))
            )
            if ok
            else esc(row.get("error") or "failed")
        )
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
{"".join(body)}
</table></body></html>
"""
