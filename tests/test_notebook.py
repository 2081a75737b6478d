"""The notebook layer: the helpers every notebook calls (careerlib/notebook.py: tables,
sentences, the published summary), then the house rules every report notebook keeps,
checked on the files without running them (running them is nbval's job,
`pytest --nbval-lax notebooks/`, and the CLI and browser tests')."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from careerlib import notebook as nb


# --------------------------------------------------------------------------- careerlib.notebook
def test_table_escapes_user_text_and_formats_numbers():
    frame = pd.DataFrame({"company": ["<img src=x onerror=alert(1)>"], "score_now": [75.0], "rate": [0.123], "n": [3]})
    page = nb.table(frame, percent=("rate",)).to_html()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert ">75<" in page and ">12%<" in page and "score now" in page
    assert "75.000000" not in page


def test_table_shows_missing_values_as_a_dash():
    page = nb.table(pd.DataFrame({"x": [math.nan, 1.5]})).to_html()
    assert "–" in page and "1.5" in page


def test_publish_turns_nan_into_null(monkeypatch):
    shell = InteractiveShell.instance()
    captured = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: captured.append(data))  # undone after
    nb.publish({"report": "x", "value": float("nan"), "when": pd.Timestamp("2026-01-02"), "n": pd.Series([4]).iloc[0]})
    assert captured[-1][nb.SUMMARY_MIME] == {"report": "x", "value": None, "when": "2026-01-02", "n": 4}


def test_say_escapes_values_but_not_the_template(monkeypatch):
    shell = InteractiveShell.instance()
    captured = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: captured.append(data))  # undone after
    nb.say("**{name}** leads", name="[x](javascript:alert(1))")
    markdown = captured[-1]["text/markdown"]
    assert markdown.startswith("**") and "](javascript" not in markdown and "\\]\\(javascript" in markdown


def test_share_banner_only_in_share_mode(monkeypatch):
    shell = InteractiveShell.instance()
    captured = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: captured.append(data))  # undone after
    nb.share_banner(False)
    assert captured == []
    nb.share_banner(True, note="Anonymised for sharing: test")
    assert "Anonymised for sharing: test" in captured[-1]["text/html"]


# --------------------------------------------------------------------------- the notebooks' house rules
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


def test_papermill_reads_every_parameter_and_its_help(notebook):
    """`papermill --help-notebook` lists the parameters, and `-p` warns of unknown ones,
    from papermill's own reading of the cell (an '=' inside a comment defeats it)."""
    from papermill.translators import papermill_translators

    cell = next(c for c in code_cells(notebook) if "parameters" in c.metadata.get("tags", []))
    found = papermill_translators.find_translator("python3", "python").inspect(cell)
    declared = [ast.parse(line).body[0].targets[0].id for line in cell.source.splitlines() if line.strip()]
    assert [p.name for p in found] == declared
    assert all(p.help for p in found)


def test_thin_no_branches_or_loops(notebook):
    # Logic with a branch or loop belongs in careerlib, where it is tested.
    for cell in code_cells(notebook):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(
                node, (ast.If, ast.For, ast.While, ast.Try, ast.FunctionDef, ast.ListComp, ast.DictComp)
            ), f"{type(node).__name__} in a notebook cell:\n{cell.source}"


def test_sets_up_and_publishes_a_summary(notebook):
    sources = [c.source for c in code_cells(notebook)]
    assert any("nb.setup()" in s for s in sources[:3])
    assert "nb.publish(" in sources[-1]
    assert all("include_plotlyjs" not in s and "cdn" not in s.lower() for s in sources)
