"""The report runner on tiny notebooks in a throw-away project: atomic outputs,
failures that keep the previous report, parameters, the lock and the index."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from careerlib import report
from careerlib.io import atomic_write_text

pytestmark = pytest.mark.slow

KERNEL_METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}
PARAMETERS = (
    'message = "hello"  # str: text to publish\ncount = 2  # int: how many times\n'
    "fail = False  # bool: raise on purpose\nshare = False  # bool: anonymise"
)
BODY = """from careerlib import notebook as nb
nb.setup()
assert not fail, "asked to fail"
nb.say("{m}", m=message * count)
nb.publish({"report": "tiny", "message": message, "count": count})"""


def make_project(tmp_path: Path, body: str = BODY) -> Path:
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    notebook = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    notebook.cells = [new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}), new_code_cell(body)]
    nbformat.write(notebook, root / "notebooks" / "tiny.ipynb")
    return root


def test_declared_parameters_and_coercion(tmp_path):
    root = make_project(tmp_path)
    assert report.declared_parameters("tiny", root) == {"message": "hello", "count": 2, "fail": False, "share": False}
    assert report.coerce_parameters("tiny", {"count": "5", "fail": "yes", "message": "7"}, root) == {
        "count": 5,
        "fail": True,
        "message": "7",
    }
    with pytest.raises(report.ReportError, match="no parameter 'colour'"):
        report.coerce_parameters("tiny", {"colour": "red"}, root)
    with pytest.raises(report.ReportError, match="not a int"):
        report.coerce_parameters("tiny", {"count": "many"}, root)
    with pytest.raises(report.ReportError, match="no report called 'nope'"):
        report.notebook_path("nope", root)


def test_run_writes_three_files_and_a_failure_keeps_them(tmp_path):
    root, out = make_project(tmp_path), tmp_path / "out"
    ok = report.run_report("tiny", {"message": "<b>hi</b>"}, out, root)
    assert ok.ok, ok.error
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "tiny.html",
        "tiny.ipynb",
        "tiny.json",
    ]
    assert json.loads((out / "tiny.json").read_text()) == {"report": "tiny", "message": "<b>hi</b>", "count": 2}
    page = (out / "tiny.html").read_text()
    assert "&lt;b&gt;hi" in page and "<b>hi</b>" not in page  # user text escaped in the sentence
    assert "Content-Security-Policy" in page and "require.js" not in page
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', page), (
        "a tag loads from the network"
    )
    before = {p.name: p.read_bytes() for p in out.glob("tiny.*")}

    failed = report.run_report("tiny", {"fail": "true"}, out, root)
    assert not failed.ok and "AssertionError: asked to fail" in failed.error and "cell 3 " in failed.error
    assert Path(failed.failed_notebook).exists()
    assert {p.name: p.read_bytes() for p in out.glob("tiny.*") if p.name != "tiny.failed.ipynb"} == before
    assert not list(out.glob(".staging-*"))

    again = report.run_report("tiny", {}, out, root)
    assert again.ok and not (out / "tiny.failed.ipynb").exists()


def test_interactive_cells_are_not_run_and_the_summary_blob_is_hidden(tmp_path):
    root = make_project(tmp_path)
    path = root / "notebooks" / "tiny.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(new_code_cell('print("only in JupyterLab")', metadata={"tags": ["interactive"]}))
    nbformat.write(notebook, path)
    result = report.run_report("tiny", {}, tmp_path / "out", root)
    page = (tmp_path / "out" / "tiny.html").read_text()
    assert result.ok and "only in JupyterLab" not in page and "report summary:" not in page
    # Not run at all for a report: live widgets are for a person in JupyterLab.
    assert "only in JupyterLab" not in (tmp_path / "out" / "tiny.ipynb").read_text()


def test_run_many_continues_past_a_failure_and_writes_an_index(tmp_path):
    root = make_project(tmp_path)
    nbformat.write(nbformat.read(root / "notebooks" / "tiny.ipynb", as_version=4), root / "notebooks" / "other.ipynb")
    seen = []
    results = report.run_many(
        {"tiny": {"fail": True}, "other": {}},
        tmp_path / "out",
        root,
        workers=2,
        on_done=lambda r, i, n: seen.append((r.name, i, n)),
    )
    assert [r.status for r in results] == ["failed", "ok"] and len(seen) == 2
    index = (tmp_path / "out" / "index.html").read_text()
    assert "other.html" in index and "failed" in index and "asked to fail" in index


def test_lock_refuses_a_second_run(tmp_path):
    out = tmp_path / "out"
    with report.run_lock(out):
        with pytest.raises(report.ReportError, match="another careerlib run"):
            with report.run_lock(out):
                pass
    with report.run_lock(out):  # released afterwards
        pass


def test_lock_is_released_when_the_holder_dies(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
from pathlib import Path; import time
from careerlib.report import run_lock
with run_lock(Path({str(out)!r})):
    print("locked", flush=True); time.sleep(60)
""",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(report.ReportError, match=f"pid {holder.pid}"):
            with report.run_lock(out):
                pass
    finally:
        holder.kill()
        holder.wait()
    with report.run_lock(out):
        pass


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    atomic_write_text(target, "old")

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_sigterm_midway_leaves_earlier_reports_intact(tmp_path):
    """Kill a --all run while a slow report is running: finished reports stay whole,
    the interrupted one keeps its previous files, and no staging or temp file is left."""
    root = make_project(tmp_path)
    slow = BODY.replace("nb.setup()", "nb.setup()\nimport time; time.sleep(0 if message == 'fast' else 60)")
    notebook = nbformat.read(root / "notebooks" / "tiny.ipynb", as_version=4)
    notebook.cells[1].source = slow
    nbformat.write(notebook, root / "notebooks" / "tiny.ipynb")
    out = tmp_path / "out"
    out.mkdir()
    (out / "tiny.html").write_text("previous report")
    config = tmp_path / "c.toml"
    config.write_text('[reports.tiny]\nmessage = "slow"\n')
    run = subprocess.Popen(
        [sys.executable, "-m", "careerlib.cli", "report", "--all", "--config", str(config), "--out", str(out)],
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 60
    while not list(out.glob(".staging-*/tiny.ipynb")) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)
    run.terminate()
    _, err = run.communicate(timeout=60)
    assert run.returncode != 0
    assert (out / "tiny.html").read_text() == "previous report"
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".staging-") or p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_notebook_without_a_summary_fails_and_writes_nothing(tmp_path):
    root = make_project(
        tmp_path, body=BODY.replace('nb.publish({"report": "tiny", "message": message, "count": count})', "pass")
    )
    result = report.run_report("tiny", {}, tmp_path / "out", root)
    assert not result.ok and "no summary" in result.error
    assert not list((tmp_path / "out").glob("tiny.*"))


@pytest.mark.parametrize("engine", ["warm", "kernel"])
def test_both_engines_write_the_same_summary_and_fail_the_same_way(tmp_path, engine):
    root, out = make_project(tmp_path), tmp_path / "out"
    ok = report.run_report("tiny", {"message": "hi", "count": "3"}, out, root, engine=engine)
    assert ok.ok, ok.error
    assert json.loads((out / "tiny.json").read_text()) == {"report": "tiny", "message": "hi", "count": 3}
    assert ok.cpu_seconds > 0 and {"start-up", "cells", "render", "write"} <= set(ok.timings)
    assert [first for _, first, _ in ok.cells][-1].startswith("from careerlib import notebook")
    failed = report.run_report("tiny", {"fail": True}, out, root, engine=engine)
    assert not failed.ok and failed.error.startswith("cell 3 of the executed notebook (In [3]")
    assert "raised AssertionError: asked to fail" in failed.error


def test_warm_reports_share_no_state(tmp_path):
    """Two reports in one warm run: what the first leaves behind (a global, a module
    attribute, plotly's default renderer) is not there in the second."""
    body = BODY.replace(
        "nb.setup()",
        "nb.setup()\nimport builtins, plotly.io as pio\n"
        "seen = [hasattr(builtins, 'left_behind'), pio.renderers.default]\n"
        "builtins.left_behind = True\npio.renderers.default = 'json'",
    )
    body = body.replace('"count": count}', '"count": count, "seen": str(seen)}')
    root = make_project(tmp_path, body=body)
    nbformat.write(nbformat.read(root / "notebooks" / "tiny.ipynb", as_version=4), root / "notebooks" / "other.ipynb")
    results = report.run_many({"tiny": {}, "other": {}}, tmp_path / "out", root, workers=1)
    assert all(r.ok for r in results), [r.error for r in results]
    seen = {name: json.loads((tmp_path / "out" / f"{name}.json").read_text())["seen"] for name in ("tiny", "other")}
    assert seen["tiny"] == seen["other"] and seen["tiny"].startswith("[False, 'plotly_mimetype")


def test_an_unknown_engine_is_refused(tmp_path):
    with pytest.raises(report.ReportError, match="no engine called 'turbo'"):
        report.run_report("tiny", {}, tmp_path, make_project(tmp_path), engine="turbo")


def test_to_html_leaves_the_notebook_it_renders_unchanged():
    from nbformat.v4 import new_output

    notebook = new_notebook(metadata={**KERNEL_METADATA, "widgets": {"state": {}}})
    notebook.cells = [
        new_code_cell(
            "1",
            outputs=[
                new_output("display_data", data={"text/plain": "shown"}),
                new_output("display_data", data={report.SUMMARY_MIME: {"a": 1}, "text/plain": "s"}),
            ],
        ),
        new_code_cell("2", metadata={"tags": ["interactive"]}),
    ]
    before = nbformat.writes(notebook)
    page = report.to_html(notebook)
    assert "shown" in page and "report summary" not in page
    assert nbformat.writes(notebook) == before


def test_no_worker_outlives_a_killed_command(tmp_path):
    """SIGKILL the command while a report runs: its forked worker ends too, and the
    report it was running is never written."""
    root = make_project(tmp_path)
    notebook = nbformat.read(root / "notebooks" / "tiny.ipynb", as_version=4)
    notebook.cells[1].source = BODY.replace(
        "nb.setup()", "nb.setup()\nimport os, time\nopen('worker.pid', 'w').write(str(os.getpid()))\ntime.sleep(20)"
    )
    nbformat.write(notebook, root / "notebooks" / "tiny.ipynb")
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "careerlib.cli", "report", "tiny", "--out", str(out)],
        cwd=root,
        stderr=subprocess.DEVNULL,
    )
    pid_file = root / "worker.pid"
    deadline = time.time() + 120
    while not (pid_file.exists() and pid_file.read_text()) and time.time() < deadline:
        time.sleep(0.2)
    worker = int(pid_file.read_text())
    run.kill()
    run.wait()
    deadline = time.time() + 10
    while _alive(worker) and time.time() < deadline:
        time.sleep(0.2)
    assert not _alive(worker), "the worker outlived the killed command"
    time.sleep(21)  # past the moment the report would have finished
    assert not (out / "tiny.html").exists()


def test_run_many_leaves_no_child_process(tmp_path):
    import multiprocessing

    root = make_project(tmp_path)
    results = report.run_many({"tiny": {}}, tmp_path / "out", root)
    assert results[0].ok and multiprocessing.active_children() == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")  # a zombie is dead


def test_the_funnel_report_runs_end_to_end_on_an_undated_log(tmp_path):
    """Issue 18: a tally with no dates gives the funnel; every analysis over time says it is not measured."""
    tally = tmp_path / "tally.csv"
    tally.write_text("Company,Screen,Interview,Rejected\nA,1,1,\nB,1,,1\nC,,,1\nD,,,\n", encoding="utf-8")
    result = report.run_report("funnel", {"applications_path": str(tally)}, tmp_path / "out")
    assert result.ok, result
    summary = json.loads((tmp_path / "out" / "funnel.json").read_text(encoding="utf-8"))
    assert summary["applications"] == 4 and summary["as_of"] is None
    html = (tmp_path / "out" / "funnel.html").read_text(encoding="utf-8")
    assert html.count("not measured: this log has no dates") >= 3
