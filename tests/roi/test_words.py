"""Education ROI in words (careerlib/roi/words.py): the verdict, the assumptions table,
the report contract, and the notebook that shows them."""

from __future__ import annotations

import json

from careerlib import roi

SETTINGS = roi.load_settings()


def test_assumptions_table_reads_like_the_inputs():
    table = roi.assumptions(
        [
            roi.Option(name="A", salary_after=80_000, salary_after_is_premium=False),
            roi.Option(name="B", sponsorship=0.3),
        ]
    ).set_index("input")
    assert table.loc["current salary", "A"] == "$60,000" and table.loc["salary after", "A"] == "$80,000"
    assert table.loc["salary after", "B"] == "+15.0 %" and table.loc["sponsorship", "B"] == "30.0 %"
    assert table.loc["full time", "B"] == "yes"


def test_notebook_parameters_are_literals_with_comments_and_no_outputs():
    import ast

    import nbformat

    notebook = nbformat.read("notebooks/education_roi.ipynb", as_version=4)
    (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    lines = [line for line in parameters.source.splitlines() if line.strip()]
    assert all("  # " in line for line in lines)
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(parameters.source).body}
    assert {"options_path", "discount_rate", "n_draws", "seed", "share"} <= set(values) and values["share"] is False
    assert roi.load_options(values["options_path"])
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    branches = (ast.If, ast.IfExp, ast.For, ast.While, ast.comprehension)
    assert not any(isinstance(node, branches) for c in code for node in ast.walk(ast.parse(c.source)))
    assert "nb.publish(roi.report_summary(" in code[-1].source


def test_verdict_names_the_option_and_the_main_uncertainty():
    o = roi.Option(name="Evening MBA")
    swings = roi.sensitivity(o, SETTINGS)
    text = roi.verdict(o, roi.evaluate(o), roi.simulate(o, n=1_000), swings)
    assert "Evening MBA" in text and swings["label"].iloc[0] in text
    assert "Anonymised for sharing" in roi.SHARE_NOTE


def test_verdict_break_even_is_the_discounted_one_the_chart_marks():
    o = roi.Option(name="MBA", cost_per_year=40_000, years=2, salary_after=0.3, discount_rate=0.05)
    result = roi.evaluate(o)
    text = roi.verdict(o, result, roi.simulate(o, n=500), roi.sensitivity(o, SETTINGS))
    assert result.discounted_breakeven_age is not None
    assert result.discounted_breakeven_age > result.breakeven_age  # discounting delays it
    assert f"by age {result.discounted_breakeven_age:.0f}" in text


def test_the_report_contract():
    options = [roi.Option(name="A"), roi.Option(name="B <i>", cost_per_year=0, full_time=False)]
    summary = json.loads(json.dumps(roi.report_summary(roi.compare(options, n=2_000, seed=1))))
    assert summary["report"] == "education_roi"
    entry = summary["options"][1]
    assert set(entry) == {
        "name",
        "npv",
        "irr",
        "payback_years",
        "breakeven_age",
        "prob_npv_positive",
        "npv_p10",
        "npv_p50",
        "npv_p90",
    }
    assert entry["name"] == "B <i>"
    assert entry["irr"] is None  # never negative: no IRR, null in the JSON
