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

This module runs a cohort; the parts live in :mod:`careerlib.cohort.tasks` (planning,
fingerprints, one task on a worker), :mod:`careerlib.cohort.executors` (local pool or
Dask) and :mod:`careerlib.cohort.outputs` (installing files, the manifest, the index).
Their names are re-exported here, so ``careerlib.cohort.run.<name>`` works as before.

Re-runs: ``OUT/.careerlib-cohort.json`` records, per person and report, a hash of
the notebook, the parameters and the input files of the last successful run; an
unchanged report is skipped (``force=True`` runs everything).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from careerlib import report
from careerlib.cohort import folders
from careerlib.cohort.executors import DASK_RETRIES, _key, _on_dask, _results
from careerlib.cohort.outputs import (
    MANIFEST,
    STAGING,
    _clean,
    _index_html,
    _read_manifest,
    _write_manifest,
    failed,
    install,
    write_index,
)
from careerlib.cohort.tasks import INPUT, Outcome, Task, _task, _workbook, execute, fingerprint, plan
from careerlib.io import project_root

OVERVIEW = folders.OVERVIEW  # "cohort"
MANIFEST_EVERY = 2.0  # seconds between manifest saves (and always at the end)

__all__ = [
    "DASK_RETRIES",
    "INPUT",
    "MANIFEST",
    "MANIFEST_EVERY",
    "OVERVIEW",
    "STAGING",
    "Outcome",
    "Progress",
    "Task",
    "_Tracker",
    "_clean",
    "_index_html",
    "_key",
    "_on_dask",
    "_read_manifest",
    "_results",
    "_run_overview",
    "_task",
    "_workbook",
    "_write_manifest",
    "execute",
    "failed",
    "fingerprint",
    "install",
    "plan",
    "run_cohort",
    "write_index",
]


@dataclass
class Progress:
    people: int
    people_done: int
    reports: int
    reports_done: int
    failed: int
    eta_seconds: float | None


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


def _run_overview(cohort_dir: Path, out_dir: Path, root: Path, manifest: dict, force: bool, engine: str) -> dict:
    """The overview into ``OUT/cohort.*``; skipped when no file in the cohort changed."""
    digest = hashlib.sha256(report.notebook_path(OVERVIEW, root).read_bytes())
    for path in sorted(cohort_dir.rglob("*")):  # sizes and times only: cheap for 20,000 folders
        if path.is_file() and not path.is_symlink():  # the overview reads no link
            stat = path.stat()
            line = f"{path.relative_to(cohort_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
            digest.update(line.encode("utf-8", "surrogateescape"))  # a name may hold a byte that is not UTF-8
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
