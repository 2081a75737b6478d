"""Reports in forked workers with the warm engine: the cells run in the worker itself,
and the parent watches it as the engine watches its own child (a worker that dies in
a cell, a cell past the time limit, input refused)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from careerlib.report import execute, forks

PARAMETERS = "share = False  # bool: anonymise"


def project(tmp_path: Path, *bodies: str) -> Path:
    """A project with one report, ``tiny``: a parameters cell, then one cell per body."""
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    notebook = new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    notebook.cells = [new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})]
    notebook.cells += [new_code_cell(body) for body in bodies]
    nbformat.write(notebook, root / "notebooks" / "tiny.ipynb")
    return root


def run_tiny(root: Path, out: Path) -> execute.ReportResult:
    (result,) = forks.run_in_forks({"tiny": {}}, out, root, workers=1, engine="warm")
    return result


def stream_text(cell) -> str:
    return "".join(output.text for output in cell.outputs if output.output_type == "stream")


@pytest.mark.parametrize(
    "last, exit_note",
    [
        ("import os\nprint('half way', flush=True)\nos._exit(3)", "DeadKernelError"),
        ("import os, signal\nprint('half way', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)", "DeadKernelError"),
    ],
)
def test_a_worker_that_dies_in_a_cell_fails_its_report_and_keeps_its_notebook(tmp_path, last, exit_note):
    root = project(tmp_path, "print('before')\n6 * 7", last)
    out = tmp_path / "out"
    result = run_tiny(root, out)
    assert result.status == "failed"
    assert result.error.startswith(f"the notebook's process died ({exit_note}")
    kept = nbformat.read(result.failed_notebook, as_version=4)
    earlier, dead = kept.cells[1], kept.cells[2]
    # the cells that finished keep their outputs; the one running is failed, with what it printed
    assert stream_text(earlier) == "before\n"
    assert [o.data["text/plain"] for o in earlier.outputs if o.output_type == "execute_result"] == ["42"]
    assert earlier.metadata.papermill.status == "completed"
    assert dead.metadata.papermill.status == "failed" and kept.metadata.papermill.exception is True
    assert stream_text(dead) == "half way\n"
    assert sorted(path.name for path in out.iterdir()) == ["tiny.failed.ipynb"]  # no staging folder left


def test_a_cell_past_the_time_limit_is_stopped_even_in_c_code(tmp_path, monkeypatch):
    monkeypatch.setattr(execute, "CELL_TIMEOUT", 2)  # read by the forked worker
    root = project(tmp_path, "print('counting', flush=True)\nsum(range(10**12))")
    result = run_tiny(root, tmp_path / "out")
    assert result.status == "failed"
    assert result.error.startswith("a cell ran past the time limit (CellTimeoutError")
    kept = nbformat.read(result.failed_notebook, as_version=4)
    assert kept.cells[1].metadata.papermill.status == "failed"
    assert stream_text(kept.cells[1]) == "counting\n"


def test_a_report_cell_cannot_read_stdin(tmp_path):
    root = project(tmp_path, "input('name? ')")
    result = run_tiny(root, tmp_path / "out")
    assert result.status == "failed"
    assert result.error.endswith(
        "raised StdinNotImplementedError: raw_input was called, but this frontend does not support input requests."
    )
