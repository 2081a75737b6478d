"""Every notebook, run the way a cron job runs it (the plain ``papermill`` command,
no careerlib runner, its widget cells included), finishes and exits 0, also when
several runs share the machine. A run that has not finished after ``LIMIT`` seconds
counts as hung: papermill itself waits forever."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RUNS_EACH = 3  # the hang seen before the fix: 3 of 14 such runs
AT_ONCE = 3
LIMIT = 240  # seconds; a report run takes well under 30 s even on a loaded 2-core machine


@pytest.mark.slow
def test_plain_papermill_runs_of_every_notebook_all_finish(tmp_path):
    papermill = Path(sys.executable).parent / "papermill"
    jobs = [(path, run) for run in range(RUNS_EACH) for path in NOTEBOOKS]
    running: list[tuple[Path, Path, subprocess.Popen, float]] = []
    finished: list[tuple[str, int | None, str]] = []
    while jobs or running:
        while jobs and len(running) < AT_ONCE:
            path, run = jobs.pop(0)
            executed = tmp_path / f"{path.stem}-{run}.ipynb"
            command = [str(papermill), "--no-progress-bar", "--cwd", str(ROOT), str(path), str(executed)]
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            running.append((path, executed, process, time.monotonic()))
        time.sleep(0.2)
        for entry in list(running):
            path, executed, process, started = entry
            if process.poll() is None and time.monotonic() - started < LIMIT:
                continue
            running.remove(entry)
            if process.poll() is None:  # hung: say in which cell, then stop it
                process.kill()
                process.wait()
                finished.append((executed.name, None, f"still running after {LIMIT} s in {_running_cell(executed)}"))
            else:
                finished.append((executed.name, process.returncode, process.stderr.read()[-2000:]))
    problems = [f"{name}: exit {code}: {detail}" for name, code, detail in finished if code != 0]
    assert len(finished) == RUNS_EACH * len(NOTEBOOKS)
    assert not problems, "\n".join(problems)


def _running_cell(executed: Path) -> str:
    """Where papermill's last save says the run was (it saves at each cell)."""
    try:
        notebook = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return "an unknown cell (nothing saved yet)"
    for index, cell in enumerate(notebook.cells):
        if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
            tags = cell.metadata.get("tags", [])
            return f"cell {index} (tags {tags}): {cell.source.splitlines()[0] if cell.source else ''}"
    return "no cell marked running"
