"""One report in this process (``run_report_here``) with the warm engine: what it does
when the notebook cannot run warm, dies, or runs past the cell time limit."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from careerlib.report import execute

PARAMETERS = "share = False  # bool: anonymise"


def project(tmp_path: Path, body: str, kernelspec: dict | None = None) -> Path:
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    notebook = new_notebook(
        metadata={"kernelspec": kernelspec or {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    notebook.cells = [new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}), new_code_cell(body)]
    nbformat.write(notebook, root / "notebooks" / "tiny.ipynb")
    return root


def test_a_notebook_in_another_language_falls_back_to_its_kernel_with_a_notice(tmp_path, capsys):
    # No R kernel is installed here: the kernel engine refuses it as papermill does, by name.
    root = project(tmp_path, "print(1)", {"name": "ir-not-installed", "display_name": "R", "language": "R"})
    result = execute.run_report_here("tiny", {}, tmp_path / "out", root)
    assert "tiny is written in r, not Python: running it with --engine kernel" in capsys.readouterr().err
    assert result.status == "failed" and "NoSuchKernel" in result.error and "ir-not-installed" in result.error


@pytest.mark.parametrize(
    "body, said",
    [
        ("import os\nprint('half way', flush=True)\nos._exit(0)", "the notebook's process died (DeadKernelError"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)", "the notebook's process died (DeadKernelError"),
    ],
)
def test_a_notebook_whose_process_dies_fails_and_keeps_what_it_printed(tmp_path, body, said):
    root = project(tmp_path, body)
    result = execute.run_report_here("tiny", {}, tmp_path / "out", root)
    assert result.status == "failed" and said in result.error
    kept = nbformat.read(result.failed_notebook, as_version=4)
    dead = kept.cells[-1]
    assert dead.metadata.papermill.status == "failed" and kept.metadata.papermill.exception is True
    assert "".join(o.text for o in dead.outputs if o.output_type == "stream") == (
        "half way\n" if "half way" in body else ""
    )
    assert not (tmp_path / "out" / "tiny.json").exists()
