"""One task per person's report: planning them, fingerprinting them, and running one on a worker.

A task carries the person's files as bytes, runs the report in a temporary project
folder (``input/`` holds the files, ``notebooks/`` and ``data/`` point at the installed
workbook) through :func:`careerlib.report.run_report`, and returns the output files as
bytes, so it runs the same in a local process pool or on a Dask worker that shares no
disk with the client.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerlib import report
from careerlib.cohort import folders
from careerlib.errors import DataError, ReportError
from careerlib.io import project_root

INPUT = "input"  # the person's files inside a task's temporary project folder
FOLDER = "folder"  # the "report" of an outcome about a person's folder itself (its name, its settings)


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
        supported = [name for name in runnable if person.supports(name)]
        if person.problem is not None and not supported:  # listed as failed even with no report to fail
            items.append(Outcome(person.name, FOLDER, "failed", error=str(person.problem)))
        for name in supported:
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
    except (ReportError, DataError) as err:
        return Outcome(person.name, name, "failed", error=f"{person.name}/{folders.CONFIG_NAME}: {err}")
    named = person.file_parameters(parameters, name)
    for key, role in folders.REPORT_FILES[name].items():
        if role in person.refused and key not in person.config.get("reports", {}).get(name, {}):
            return Outcome(person.name, name, "failed", error=str(person.refused[role]))
    files = {}
    for relative in sorted(set(named.values())):
        try:  # every file a parameter names, whatever its key, only from inside the person's folder
            files[relative] = person.file(relative).read_bytes()
        except DataError as err:
            return Outcome(person.name, name, "failed", error=str(err))
        except OSError as err:
            unreadable = DataError(f"cannot read this file ({err.strerror})", file=f"{person.name}/{relative}")
            return Outcome(person.name, name, "failed", error=str(unreadable))
    staged = {k: (f"{INPUT}/{v}" if k in named else v) for k, v in parameters.items()}
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
