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
        "npv_mean_of_draws",
        "breakeven_age_discounted",
        "discount_rate",
        "cash_flow_timing",
    }
    assert entry["name"] == "B <i>"
    assert entry["irr"] is None  # never negative: no IRR, null in the JSON


def test_report_contract_carries_both_break_even_ages_the_rate_and_the_mean_of_the_draws():
    options = [roi.Option(name="A", cost_per_year=30_000, salary_after=0.3, discount_rate=0.03)]
    comparison = roi.compare(options, n=3_000, seed=2)
    (entry,) = roi.report_summary(comparison)["options"]
    result, spread = roi.evaluate(options[0]), roi.simulate(options[0], n=3_000, seed=2)
    assert entry["breakeven_age"] == result.breakeven_age
    assert entry["breakeven_age_discounted"] == result.discounted_breakeven_age > result.breakeven_age
    assert entry["discount_rate"] == 0.03 and entry["cash_flow_timing"] == "start"
    assert entry["npv_mean_of_draws"] == spread.npv.mean() != entry["npv"]


def test_verdict_never_says_pays_for_itself_when_most_futures_lose():
    # A positive NPV of the expected flows, but a wide uplift spread with a small chance of
    # finishing: most simulated futures are drop-outs who lose money.
    o = roi.Option(name="Gamble", cost_per_year=5_000, years=1, salary_after=1.5, completion_probability=0.3)
    result, spread = roi.evaluate(o), roi.simulate(o, n=4_000, seed=1)
    assert result.npv > 0 and spread.prob_npv_positive < 0.5
    text = roi.verdict(o, result, spread, roi.sensitivity(o, SETTINGS))
    assert "does not pay for itself in most futures" in text and " pays for itself in" not in text
    assert "median future is worth" in text and "expected flows" in text and "mean over the simulated" in text


def test_assumptions_say_where_each_value_came_from(tmp_path):
    path = tmp_path / "options.toml"
    path.write_text(
        "[defaults]\ncurrent_salary = 70_000\ndiscount_rate = 0.03\nsalary_after = 0.2\n"
        '[[option]]\nname = "Profiled"\nearnings_without = {30 = 60_000, 40 = 80_000}\n'
        "salary_after_amount = 90_000\npremium_sd = 0.3\n"
        '[[option]]\nname = "Attained"\ncurrent_attainment = "bachelor\'s degree"\n',
        encoding="utf-8",
    )
    options = roi.load_options(path, **roi.report_overrides(discount_rate="0.05", cash_flow_timing=""))
    table = roi.assumptions(options).set_index("input")
    assert table.loc["discount rate", "Profiled"] == "5.0 %"
    assert table.loc["discount rate", "Profiled: from"] == "report parameter discount_rate; the file says 0.03"
    assert table.loc["current salary", "Profiled"] == "not used"
    assert table.loc["current salary", "Profiled: from"] == "replaced by earnings_without"
    assert "replaces current_salary in [defaults]" in table.loc["earnings without", "Profiled: from"]
    assert table.loc["salary after", "Profiled"] == "$90,000"  # the option's form wins over [defaults]' premium
    assert "salary_after_amount" in table.loc["salary after", "Profiled: from"]
    assert table.loc["premium sd", "Profiled: from"].endswith("your guess")
    assert "no published source" in table.loc["growth sd", "Profiled: from"]
    assert table.loc["dropout share", "Profiled: from"].startswith("settings default")
    assert table.loc["pay while searching", "Profiled: from"] == "rule: 0 after full-time study"
    assert "Bureau of Labor Statistics" in table.loc["current salary", "Attained: from"]
    assert "2023" in table.loc["current salary", "Attained: from"]
    assert table.loc["cash flow timing", "Attained: from"] == "careerlib's default"


def test_options_note_says_the_sample_is_synthetic():
    assert "synthetic" in roi.options_note("data/sample/education_options.toml")
    assert "synthetic" not in roi.options_note("data/templates/education_options.toml")


def test_run_settings_say_an_empty_override_uses_the_file():
    table = roi.run_settings(discount_rate="", n_draws=10).set_index("parameter")
    assert "options file" in table.loc["discount_rate", "value"] and table.loc["n_draws", "value"] == "10"


def test_typical_profiles_table_has_one_column_per_profile():
    table = roi.typical_profiles_table(roi.load_earnings_by_age()).set_index("age")
    assert list(table.index) == [25, 30, 35, 45, 52]
    assert table.loc[30, "bachelor's degree"] == 61_600 and table.loc[30, "master's degree or higher"] == 74_600
