"""House rules every report notebook keeps (checked on the files, without running them).

Running them is nbval's job (`pytest --nbval-lax notebooks/`) and the CLI and browser tests'."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def code_cells(notebook):
    return [c for c in notebook.cells if c.cell_type == "code"]


def test_every_analysis_has_a_notebook():
    assert {p.stem for p in NOTEBOOKS} >= {"funnel"}


def test_committed_without_outputs(notebook):
    # Outputs carry personal data and noisy diffs: `make strip` (nbstripout) removes them.
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code_cells(notebook))
    assert "widgets" not in notebook.metadata


def test_papermill_can_run_it(notebook):
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["language_info"]["name"] == "python"


def test_parameters_cell_is_literal_with_a_comment_per_line(notebook):
    tagged = [c for c in code_cells(notebook) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and code_cells(notebook)[0] is tagged[0], "the first code cell is the parameters cell"
    lines = [line for line in tagged[0].source.splitlines() if line.strip()]
    names = []
    for line in lines:
        assert "#" in line, f"parameter line without a '# type: meaning' comment: {line!r}"
        statement = ast.parse(line).body[0]
        assert isinstance(statement, ast.Assign), f"not a plain assignment: {line!r}"
        ast.literal_eval(statement.value)  # literals only: no logic, no calls
        names.append(statement.targets[0].id)
    assert "share" in names


def test_thin_no_branches_or_loops(notebook):
    # Logic with a branch or loop belongs in careerlib, where it is tested.
    for cell in code_cells(notebook):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.If, ast.For, ast.While, ast.Try, ast.FunctionDef, ast.ListComp, ast.DictComp)), (
                f"{type(node).__name__} in a notebook cell:\n{cell.source}")


def test_sets_up_and_publishes_a_summary(notebook):
    sources = [c.source for c in code_cells(notebook)]
    assert any("nb.setup()" in s for s in sources[:3])
    assert "nb.publish(" in sources[-1]
    assert all("include_plotlyjs" not in s and "cdn" not in s.lower() for s in sources)
