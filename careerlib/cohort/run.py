"""Everyone's reports from a cohort folder: ``careerlib report --all --cohort DIR --out OUT``.

For each person folder (see :mod:`careerlib.cohort.folders`) the reports their
files support run into ``OUT/<person>/``, then the overview into ``OUT/cohort.*``,
and ``OUT/index.html`` + ``OUT/index.json`` list every person and report.

One task is one person's report. It carries the person's files as bytes, runs the
report in a temporary project folder (``input/`` holds the files, ``notebooks/``
and ``data/`` point at the installed workbook) through
:func:`careerlib.report.run_report`, and returns the output files as bytes; the
client writes them into ``OUT`` (staging folder, then ``os.replace``). So the same
task runs in a local process pool or on a Dask cluster whose workers share no disk
with the client, and both give the same files.

Re-runs: ``OUT/.careerlib-cohort.json`` records, per person and report, a hash of
the notebook, the parameters and the input files of the last successful run; an
unchanged report is skipped (``force=True`` runs everything).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import quote

from careerlib import report
from careerlib.cohort import folders
from careerlib.errors import DataError, ReportError
from careerlib.io import atomic_write_bytes, atomic_write_text, project_root

OVERVIEW = "cohort"
MANIFEST = ".careerlib-cohort.json"
INPUT = "input"  # the person's files inside a task's temporary project folder
STAGING = ".staging-"
MANIFEST_EVERY = 2.0  # seconds between manifest saves (and always at the end)
DASK_RETRIES = 2  # a task whose worker died (or that raised) is tried again this many times


@dataclass
class Task:
    """What travels to a worker: one person's report, with the files it reads."""

    person: str
    report: str
    parameters: dict[str, Any]
    files: dict[str, bytes]  # path relative to the person's folder -> content
    root_hint: str  # the client's workbook folder (used when the worker has the same one)
    engine: str = report.DEFAULT_ENGINE


@dataclass
class Outcome:
    person: str
    report: str
    status: str  # ok, failed, unchanged
    seconds: float = 0.0
    error: str | None = None
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass
class Progress:
    people: int
    people_done: int
    reports: int
    reports_done: int
    failed: int
    eta_seconds: float | None


# --------------------------------------------------------------------------- planning
def plan(
    cohort_dir: Path, root: Path, engine: str = report.DEFAULT_ENGINE
) -> tuple[list[folders.Person], list[Task | Outcome]]:
    """Every person, and per person a Task for each report their files support, or an
    Outcome ``failed`` when the report cannot start (bad settings, unclear files)."""
    people = folders.discover(cohort_dir)
    runnable = [name for name in report.person_reports(root) if name in folders.REPORT_FILES]
    declared = {name: report.declared_parameters(name, root) for name in runnable}
    items: list[Task | Outcome] = []
    for person in people:  # one step per folder
        for name in runnable:
            if not person.supports(name):
                continue
            items.append(_task(person, name, declared[name], root, engine))
    return people, items


def _task(person: folders.Person, name: str, declared: dict, root: Path, engine: str) -> Task | Outcome:
    if person.problem is not None:
        return Outcome(person.name, name, "failed", error=str(person.problem))
    parameters = person.parameters(name, declared)
    if name == "funnel" and person.applications_problem is not None and not parameters.get("applications_path"):
        return Outcome(person.name, name, "failed", error=str(person.applications_problem))
    try:
        report.coerce_parameters(name, parameters, root)
    except ReportError as err:
        return Outcome(person.name, name, "failed", error=f"{person.name}/{folders.CONFIG_NAME}: {err}")
    files = {}
    for relative in person.input_files(parameters, name):
        path = person.folder / relative
        if not path.is_file():
            missing = DataError("file not found", file=f"{person.name}/{relative}")
            return Outcome(person.name, name, "failed", error=str(missing))
        files[relative] = path.read_bytes()
    staged = {k: (f"{INPUT}/{v}" if k in folders.REPORT_FILES[name] and v else v) for k, v in parameters.items()}
    return Task(person.name, name, staged, files, str(root), engine)


def fingerprint(task: Task, root: Path) -> str:
    """Hash of what decides a report's output: notebook, parameters, input files."""
    digest = hashlib.sha256()
    digest.update(report.notebook_path(task.report, root).read_bytes())
    digest.update(json.dumps([task.report, task.parameters], sort_keys=True, default=str).encode())
    for relative in sorted(task.files):
        digest.update(relative.encode() + b"\0" + hashlib.sha256(task.files[relative]).digest())
    return digest.hexdigest()


# --------------------------------------------------------------------------- one task (on a worker)
def execute(task: Task) -> Outcome:
    """Run one person's report in a temporary project folder; outputs come back as bytes."""
    started = time.perf_counter()
    if task.engine == "warm":
        report.warm_up()  # once per worker process; every later report forks from it warm
    with tempfile.TemporaryDirectory(prefix="careerlib-task-") as tmp:
        home = Path(tmp)
        real = _workbook(task.root_hint)
        for part in ("notebooks", "data"):
            (home / part).symlink_to(real / part, target_is_directory=True)
        for relative, content in task.files.items():
            target = home / INPUT / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        result = report.run_report(task.report, task.parameters, home / "out", root=home, engine=task.engine)
        out = home / "out"
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}
    error = result.error.replace(f"{INPUT}/", f"{task.person}/") if result.error else None
    status = "ok" if result.ok else "failed"
    return Outcome(task.person, task.report, status, time.perf_counter() - started, error, files)


def _workbook(hint: str) -> Path:
    """The workbook folder on this machine: the client's when it exists here too."""
    for candidate in (Path(hint), project_root(), Path(__file__).resolve().parents[2]):
        if (candidate / "notebooks").is_dir() and (candidate / "data").is_dir():
            return candidate
    raise ReportError("careerlib's notebooks/ and data/ folders are not on this worker")


# --------------------------------------------------------------------------- writing results
def install(outcome: Outcome, out_dir: Path) -> list[str]:
    """Write a task's files into ``OUT/<person>/``, all or nothing: staging folder first,
    then one ``os.replace`` per file. A failed report leaves the previous outputs."""
    home = out_dir / outcome.person
    home.mkdir(parents=True, exist_ok=True)
    staging = home / f"{STAGING}{outcome.report}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, content in outcome.files.items():
            atomic_write_bytes(staging / name, content)
        for name in outcome.files:
            os.replace(staging / name, home / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if outcome.status == "ok":
        (home / f"{outcome.report}.failed.ipynb").unlink(missing_ok=True)
    return sorted(outcome.files)


def _clean(out_dir: Path) -> None:
    """Staging left by a killed run (we hold the folder's lock, so they are ours)."""
    for leftover in out_dir.glob(f"*/{STAGING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


# --------------------------------------------------------------------------- running
def run_cohort(
    cohort_dir: str | os.PathLike,
    out_dir: str | os.PathLike,
    root: Path | None = None,
    force: bool = False,
    dask: str | None = None,
    workers: int | None = None,
    overview: bool = True,
    on_progress: Callable[[Outcome, Progress], None] | None = None,
    wait_for_lock: bool = False,
    engine: str = report.DEFAULT_ENGINE,
) -> dict:
    """Run everyone's reports and the overview; returns the index (also written as
    ``OUT/index.json``). Never raises for a failing report: see each row's status."""
    root = root or project_root()
    cohort_dir, out_dir = Path(cohort_dir).resolve(), Path(out_dir).resolve()
    report.check_engine(engine)
    people, items = plan(cohort_dir, root, engine)
    with report.run_lock(out_dir, wait_for_lock):
        _clean(out_dir)
        manifest = _read_manifest(out_dir, force)
        outcomes: list[Outcome] = []
        tasks: list[Task] = []
        prints: dict[tuple[str, str], str] = {}
        for item in items:
            if isinstance(item, Outcome):
                outcomes.append(item)
                continue
            prints[(item.person, item.report)] = mark = fingerprint(item, root)
            written = (out_dir / item.person / f"{item.report}.json").exists()
            if written and manifest.get(f"{item.person}/{item.report}") == mark:
                outcomes.append(Outcome(item.person, item.report, "unchanged"))
            else:
                tasks.append(item)
        tracker = _Tracker(people, items, outcomes, on_progress)
        for outcome in outcomes:
            tracker.done(outcome, ran=False)
        saved = time.monotonic()
        try:
            if tasks and engine == "warm" and not dask:
                report.warm_up()  # before the pool forks: every local worker starts warm
            for outcome in _results(tasks, dask, workers):
                install(outcome, out_dir)
                if outcome.status == "ok":
                    manifest[f"{outcome.person}/{outcome.report}"] = prints[(outcome.person, outcome.report)]
                else:
                    manifest.pop(f"{outcome.person}/{outcome.report}", None)
                outcome.files = {}
                outcomes.append(outcome)
                tracker.done(outcome, ran=True)
                if time.monotonic() - saved > MANIFEST_EVERY:
                    _write_manifest(out_dir, manifest)
                    saved = time.monotonic()
        finally:
            _write_manifest(out_dir, manifest)
        summary = _run_overview(cohort_dir, out_dir, root, manifest, force, engine) if overview else None
        _write_manifest(out_dir, manifest)
        return write_index(people, outcomes, summary, out_dir)


def _results(tasks: list[Task], dask: str | None, workers: int | None) -> Iterator[Outcome]:
    if not tasks:
        return
    if dask:
        yield from _on_dask(tasks, dask, workers)
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    if workers == 1:
        for task in tasks:
            yield execute(task)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"))
    try:
        pending = {pool.submit(execute, task): task for task in tasks}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                try:
                    yield future.result()
                except Exception as err:  # the worker process itself died
                    yield Outcome(task.person, task.report, "failed", error=f"worker died: {err}")
    finally:
        _stop_pool(pool)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """On the way out (also on SIGTERM/Ctrl-C) stop the workers still running a report."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _on_dask(tasks: list[Task], address: str, workers: int | None) -> Iterator[Outcome]:
    """Tasks on a Dask scheduler (``local``: a LocalCluster on this machine, one
    single-threaded worker process per core). Dask retries a task whose worker died."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ReportError("--dask needs Dask: pip install 'careerlib[dask]'") from None
    cluster = None
    if address == "local":
        # Non-daemonic workers: a report may start processes of its own (a kernel, or a fork of a warm one).
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        futures = {
            client.submit(execute, task, retries=DASK_RETRIES, pure=False, key=_key(task)): task for task in tasks
        }
        for future in as_completed(futures):
            task = futures[future]
            try:
                yield future.result()
            except Exception as err:  # every retry failed (e.g. the worker kept dying)
                yield Outcome(
                    task.person, task.report, "failed", error=f"the Dask task failed: {type(err).__name__}: {err}"
                )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _key(task: Task) -> str:
    """A Dask task name that does not show the person's folder name on a shared dashboard."""
    return f"careerlib-{task.report}-{hashlib.sha1(task.person.encode()).hexdigest()[:12]}-{os.getpid()}"


def _run_overview(cohort_dir: Path, out_dir: Path, root: Path, manifest: dict, force: bool, engine: str) -> dict:
    """The overview into ``OUT/cohort.*``; skipped when no file in the cohort changed."""
    digest = hashlib.sha256(report.notebook_path(OVERVIEW, root).read_bytes())
    for path in sorted(cohort_dir.rglob("*")):  # sizes and times only: cheap for 20,000 folders
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(cohort_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    mark = digest.hexdigest()
    if not force and manifest.get(OVERVIEW) == mark and (out_dir / f"{OVERVIEW}.json").exists():
        return {"report": OVERVIEW, "status": "unchanged", "seconds": 0.0, "error": None}
    result = report.run_report(OVERVIEW, {"cohort_dir": str(cohort_dir)}, out_dir, root=root, engine=engine)
    if result.ok:
        manifest[OVERVIEW] = mark
    else:
        manifest.pop(OVERVIEW, None)
    return {"report": OVERVIEW, "status": result.status, "seconds": round(result.seconds, 2), "error": result.error}


class _Tracker:
    """People and reports done, failures, and an ETA from the reports run so far."""

    def __init__(self, people, items, outcomes, callback):
        self.callback = callback
        self.left_per_person = {p.name: 0 for p in people}
        for item in items:
            self.left_per_person[item.person] += 1
        self.people = len(people)
        self.people_done = sum(1 for n in self.left_per_person.values() if n == 0)
        self.total = len(items)
        self.done_count = self.failed = self.ran = 0
        self.to_run = len(items) - len(outcomes)
        self.started = time.monotonic()

    def done(self, outcome: Outcome, ran: bool) -> None:
        self.done_count += 1
        self.failed += outcome.status == "failed"
        self.left_per_person[outcome.person] -= 1
        self.people_done += self.left_per_person[outcome.person] == 0
        eta = None
        if ran:
            self.ran += 1
            pace = (time.monotonic() - self.started) / self.ran
            eta = pace * (self.to_run - self.ran)
        if self.callback:
            self.callback(
                outcome, Progress(self.people, self.people_done, self.total, self.done_count, self.failed, eta)
            )


def _read_manifest(out_dir: Path, force: bool) -> dict:
    path = out_dir / MANIFEST
    if force or not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return {}  # unreadable: everything runs again


def _write_manifest(out_dir: Path, manifest: dict) -> None:
    atomic_write_text(out_dir / MANIFEST, json.dumps(manifest, indent=0, sort_keys=True) + "\n")


# --------------------------------------------------------------------------- index
def write_index(
    people: list[folders.Person], outcomes: Iterable[Outcome], overview: dict | None, out_dir: Path
) -> dict:
    """``index.json`` and ``index.html``: every person, every report, its status."""
    by_person: dict[str, list[dict]] = {p.name: [] for p in people}
    for outcome in outcomes:
        row = {k: v for k, v in asdict(outcome).items() if k not in ("person", "files")}
        row["seconds"] = round(row["seconds"], 2)
        by_person[outcome.person].append(row)
    rows = [
        {
            "person": name,
            "reports": sorted(reports, key=lambda r: r["report"]) or [],
            "note": None if reports else "no files careerlib knows (see the README's cohort section)",
        }
        for name, reports in by_person.items()
    ]
    statuses = [r["status"] for person in rows for r in person["reports"]]
    index = {
        "cohort": {
            "people": len(rows),
            "reports": len(statuses),
            "ok": statuses.count("ok"),
            "unchanged": statuses.count("unchanged"),
            "failed": statuses.count("failed"),
            "finished": time.strftime("%Y-%m-%d %H:%M"),
        },
        "overview": overview,
        "people": rows,
    }
    atomic_write_text(out_dir / "index.json", json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(out_dir / "index.html", _index_html(index))
    return index


def failed(index: dict) -> int:
    """How many reports (and the overview) failed in the run described by ``index``."""
    overview = index.get("overview") or {}
    return index["cohort"]["failed"] + (overview.get("status") == "failed")


def _index_html(index: dict) -> str:
    esc = html.escape
    body = []
    overview = index.get("overview")
    if overview:
        ok = overview["status"] != "failed"
        links = (
            '<a href="cohort.html">overview</a> · <a href="cohort.json">summary</a>'
            if ok
            else esc(overview["error"] or "")
        )
        body.append(
            f"<tr><td><b>everyone</b></td><td>overview</td><td class='{'ok' if ok else 'bad'}'>"
            f"{esc(overview['status'])}</td><td>{overview['seconds']:.1f} s</td><td>{links}</td></tr>"
        )
    for person in index["people"]:
        name = esc(person["person"])
        if not person["reports"]:
            body.append(f"<tr><td>{name}</td><td>–</td><td>none</td><td></td><td>{esc(person['note'])}</td></tr>")
        for row in person["reports"]:
            ok = row["status"] != "failed"
            base = esc(f"{quote(person['person'])}/{quote(row['report'])}")  # a folder name may hold '#' or '?'
            links = (
                f'<a href="{base}.html">report</a> · <a href="{base}.json">summary</a>'
                if ok
                else esc(row["error"] or "failed")
            )
            body.append(
                f"<tr><td>{name}</td><td>{esc(row['report'].replace('_', ' '))}</td>"
                f"<td class='{'ok' if ok else 'bad'}'>{esc(row['status'])}</td><td>{row['seconds']:.1f} s</td>"
                f"<td>{links}</td></tr>"
            )
    c = index["cohort"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>careerlib cohort reports</title>
<style>body{{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:64rem;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{padding:.4rem .7rem;border-bottom:1px solid #ddd;text-align:left}}
.ok{{color:#2f7d4a}}.bad{{color:#b8405e}}</style></head>
<body><h1>careerlib cohort reports</h1>
<p>{c["people"]} people, {c["reports"]} reports: {c["ok"]} ran ok, {c["unchanged"]} unchanged since the last run,
{c["failed"]} failed. Finished {esc(c["finished"])}.</p>
<table><tr><th>person</th><th>report</th><th>status</th><th>run time</th><th>files</th></tr>
{"".join(body)}
</table></body></html>
"""
