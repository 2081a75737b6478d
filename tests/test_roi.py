"""Education ROI: the money model against hand-worked cases and numpy_financial,
its invariants (hypothesis), bad inputs, the options file and the report contract."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from careerlib import DataError, roi

# A plain case: no tax, no growth, certain completion, so the flows are easy to work by hand.
PLAIN = dict(tax_rate=0.0, salary_growth=0.0, salary_after_growth=0.0, completion_probability=1.0,
             delay_years=0.0, age=30, retirement_age=65)


def option(**changes) -> roi.Option:
    return roi.Option(**{**PLAIN, **changes})


def net(o: roi.Option) -> np.ndarray:
    return roi.cash_flows(o)["net_difference"].to_numpy()


# --------------------------------------------------------------------------- agreement with numpy_financial
@pytest.mark.parametrize(
    "o",
    [
        roi.Option(),
        roi.Option(full_time=False, part_time_fraction=0.2, loan_principal=30_000, tax_rate=0.3, discount_rate=0.07),
        roi.Option(years=1.5, completion_probability=0.7, delay_years=0.5, sponsorship=0.5, salary_growth=0.01),
        roi.Option(salary_after=90_000, salary_after_is_premium=False, sponsorship=5_000, discount_rate=-0.01),
    ],
)
def test_npv_and_irr_agree_with_numpy_financial(o):
    flows = net(o)
    result = roi.evaluate(o)
    assert result.npv == pytest.approx(npf.npv(o.discount_rate, flows), rel=1e-12, abs=1e-6)
    assert result.irr == pytest.approx(npf.irr(flows), rel=1e-9)
    assert npf.npv(result.irr, flows) == pytest.approx(0, abs=1e-3)
    assert len(flows) == o.retirement_age - o.age  # one flow per year of age, last working year included


def test_worked_example_pays_back_in_13_years():
    # 2 years full-time at 50k a year on a 60k salary: -110k twice = -220k; then +20k a year
    # needs 11 more years, so the total is back at zero after 13 years from the start.
    o = option(cost_per_year=50_000, years=2, current_salary=60_000, salary_after=80_000, salary_after_is_premium=False)
    result = roi.evaluate(o)
    assert result.payback_years == pytest.approx(13.0)
    assert result.breakeven_age == pytest.approx(43.0)
    assert result.lifetime_gain == pytest.approx(-220_000 + 20_000 * (35 - 2))
    flows = roi.cash_flows(o)
    assert list(flows.loc[:2, "net_difference"]) == [-110_000, -110_000, 20_000]
    assert flows.loc[12, "cumulative"] == pytest.approx(0)


def test_payback_interpolates_within_the_year_and_needs_the_total_to_stay_positive():
    assert roi.payback(np.array([-100.0, 50, 100])) == pytest.approx(2.5)
    assert roi.payback(np.array([10.0, 10])) == 0.0
    assert roi.payback(np.array([-100.0, 150, -100, 200])) == pytest.approx(3.25)  # dips again in year 2
    assert roi.payback(np.array([-100.0, 50])) is None


# --------------------------------------------------------------------------- hand-worked cases
def test_free_programme_with_a_premium_has_positive_npv():
    o = option(cost_per_year=0, full_time=False, part_time_fraction=0, salary_after=0.1)
    result = roi.evaluate(o)
    assert result.npv > 0
    assert result.payback_years == 0.0
    assert result.irr is None and "never" not in result.irr_reason and "gains" in result.irr_reason


def test_zero_premium_npv_is_minus_discounted_costs():
    o = option(cost_per_year=10_000, years=2, full_time=False, part_time_fraction=0, salary_after=0.0, discount_rate=0.05)
    assert roi.evaluate(o).npv == pytest.approx(-(10_000 + 10_000 / 1.05))
    assert roi.evaluate(o).irr is None  # all flows are losses: no rate balances them


def test_zero_premium_full_time_also_loses_after_tax_pay():
    o = option(cost_per_year=10_000, years=1, current_salary=50_000, salary_after=0.0, tax_rate=0.2)
    assert roi.evaluate(o).npv == pytest.approx(-(10_000 + 50_000 * 0.8))


def test_never_finishing_costs_only_the_first_year():
    # A non-completer drops out after the first year: that year's cost and lost pay, nothing more.
    o = option(cost_per_year=30_000, years=3, current_salary=60_000, salary_after=0.5, completion_probability=0.0,
               discount_rate=0.05)
    assert roi.evaluate(o).npv == pytest.approx(-(30_000 + 60_000))
    assert roi.cash_flows(o)["net_difference"].iloc[1:].eq(0).all()


def test_completion_probability_weights_the_two_paths():
    o = option(cost_per_year=20_000, years=2, salary_after=0.3, completion_probability=0.6, discount_rate=0.03)
    finish = roi.cash_flows(o, completed=True)["discounted_difference"].sum()
    drop = roi.cash_flows(o, completed=False)["discounted_difference"].sum()
    assert roi.evaluate(o).npv == pytest.approx(0.6 * finish + 0.4 * drop)


def test_premium_starts_the_year_after_the_programme_and_after_the_delay():
    o = option(cost_per_year=0, years=1.5, full_time=True, current_salary=40_000, salary_after=0.5, delay_years=0.5)
    flows = roi.cash_flows(o)
    assert list(flows["earnings_with"].iloc[:4]) == [0, 20_000, 50_000, 60_000]  # half of year 2 in the new role


def test_sponsorship_as_share_and_as_amount():
    share = option(cost_per_year=20_000, sponsorship=0.25, years=1)
    amount = option(cost_per_year=20_000, sponsorship=5_000, years=1)
    assert roi.cash_flows(share)["costs"].iloc[0] == roi.cash_flows(amount)["costs"].iloc[0] == 15_000


def test_a_loan_is_neutral_when_discounting_at_its_rate():
    base = option(cost_per_year=40_000, years=2, salary_after=0.2, discount_rate=0.06)
    loaned = dataclasses.replace(base, loan_principal=60_000, loan_rate=0.06, loan_term=8)
    flows = roi.cash_flows(loaned)
    assert flows["loan_payments"].gt(0).sum() == 8 and flows["loan_payments"].iloc[:2].eq(0).all()
    assert roi.evaluate(loaned).npv == pytest.approx(roi.evaluate(base).npv)
    assert roi.evaluate(dataclasses.replace(loaned, loan_rate=0.09)).npv < roi.evaluate(base).npv


# --------------------------------------------------------------------------- invariants
flows_settings = settings(max_examples=60, deadline=None)
premiums = st.floats(min_value=0.0, max_value=1.0)


@flows_settings
@given(low=premiums, extra=st.floats(min_value=0.0, max_value=0.5), cost=st.floats(0, 80_000),
       years=st.floats(0.25, 4), p=st.floats(0, 1), tax=st.floats(0, 0.6))
def test_more_premium_never_lowers_npv(low, extra, cost, years, p, tax):
    o = roi.Option(salary_after=low, cost_per_year=cost, years=years, completion_probability=p, tax_rate=tax)
    assert roi.evaluate(dataclasses.replace(o, salary_after=low + extra)).npv >= roi.evaluate(o).npv - 1e-6


@flows_settings
@given(rate=st.floats(-0.05, 0.2), step=st.floats(0.0, 0.1), cost=st.floats(1, 80_000), premium=premiums,
       years=st.floats(0.25, 1.0))
def test_higher_discount_rate_never_raises_npv_of_cost_then_gain(rate, step, cost, premium, years):
    # A programme within the first year: its cost is all in the undiscounted year 0 and every
    # later flow is a gain, so discounting harder can only shrink the gains.
    o = roi.Option(cost_per_year=cost, salary_after=premium, years=years, discount_rate=rate, salary_after_growth=0.02)
    assert roi.evaluate(dataclasses.replace(o, discount_rate=rate + step)).npv <= roi.evaluate(o).npv + 1e-6


@flows_settings
@given(rate=st.floats(-0.05, 0.2), step=st.floats(0.0, 0.1), cost=st.floats(1, 80_000), premium=st.floats(0.01, 1.0),
       years=st.floats(0.25, 4))
def test_higher_discount_rate_never_raises_a_positive_npv(rate, step, cost, premium, years):
    # Longer programmes have costs in discounted years too; a loss can then shrink with the
    # rate, but once the NPV is positive, costs-then-gains flows only lose value (the gains
    # sit later than the costs).
    o = roi.Option(cost_per_year=cost, salary_after=premium, years=years, discount_rate=rate, salary_after_growth=0.02)
    assume(roi.evaluate(o).npv >= 0)
    assert roi.evaluate(dataclasses.replace(o, discount_rate=rate + step)).npv <= roi.evaluate(o).npv + 1e-6


@flows_settings
@given(principal=st.floats(0, 100_000), rate=st.floats(0, 0.15), term=st.integers(1, 20))
def test_loan_repayments_are_fair_at_the_loan_rate(principal, rate, term):
    o = roi.Option(loan_principal=principal, loan_rate=rate, loan_term=term)
    flows = roi.cash_flows(o)
    loan = (flows["loan_received"] - flows["loan_payments"]).to_numpy()
    assert npf.npv(rate, loan) == pytest.approx(0, abs=1e-6 * max(principal, 1))


# --------------------------------------------------------------------------- bad inputs
@pytest.mark.parametrize(
    "key, value",
    [
        ("cost_per_year", -1),
        ("completion_probability", 1.2),
        ("completion_probability", -0.1),
        ("discount_rate", -1.0),
        ("discount_rate", -2),
        ("current_salary", "75k"),
        ("current_salary", "75000"),
        ("salary_after", float("nan")),
        ("tax_rate", float("inf")),
        ("years", 0),
        ("full_time", "yes"),
        ("loan_term", 2.5),
    ],
)
def test_bad_input_names_the_parameter(key, value):
    with pytest.raises(DataError) as err:
        roi.Option(**{key: value})
    assert err.value.column == key
    assert key in str(err.value)


def test_retirement_before_the_programme_ends():
    with pytest.raises(DataError, match="retirement_age"):
        roi.Option(age=60, years=4, retirement_age=63)


def test_loan_still_running_at_retirement():
    with pytest.raises(DataError, match="loan_term"):
        roi.Option(age=55, years=2, retirement_age=65, loan_principal=10_000, loan_term=15)


def test_data_error_is_a_value_error():
    with pytest.raises(ValueError):
        roi.Option(cost_per_year=-5)


# --------------------------------------------------------------------------- simulation
def test_simulate_is_reproducible_and_sane():
    o = roi.Option(completion_probability=0.8, delay_years=0.5)
    first, again, other = roi.simulate(o, n=5_000, seed=7), roi.simulate(o, n=5_000, seed=7), roi.simulate(o, n=5_000, seed=8)
    assert np.array_equal(first.npv, again.npv) and not np.array_equal(first.npv, other.npv)
    assert 0 <= first.prob_npv_positive <= 1
    assert first.p10 <= first.p50 <= first.p90
    assert np.isfinite(first.npv).all() and first.n == 5_000


def test_simulate_without_uncertainty_equals_evaluate():
    o = roi.Option(premium_sd=0, growth_sd=0, delay_years=0, completion_probability=1, loan_principal=20_000)
    spread = roi.simulate(o, n=100, seed=1)
    assert spread.npv == pytest.approx(np.full(100, roi.evaluate(o).npv))


def test_simulate_completion_is_a_bernoulli_draw():
    o = roi.Option(premium_sd=0, growth_sd=0, completion_probability=0.3)
    dropout = roi.cash_flows(o, completed=False)["discounted_difference"].sum()
    spread = roi.simulate(o, n=20_000, seed=3)
    assert np.mean(np.isclose(spread.npv, dropout)) == pytest.approx(0.7, abs=0.02)


def test_simulate_mean_matches_evaluate_on_average():
    o = roi.Option(completion_probability=0.7, premium_sd=0.5, growth_sd=0.0, delay_years=0)
    assert roi.simulate(o, n=50_000, seed=2).npv.mean() == pytest.approx(roi.evaluate(o).npv, rel=0.02)


def test_histogram_covers_every_draw():
    spread = roi.simulate(roi.Option(), n=2_000, seed=1)
    table = roi.npv_histogram(spread, bins=30)
    assert len(table) == 30 and table["share"].sum() == pytest.approx(1)


# --------------------------------------------------------------------------- sensitivity, compare, words
def test_sensitivity_is_sorted_and_states_its_ranges():
    o = roi.Option(completion_probability=0.8, delay_years=0.5)
    table = roi.sensitivity(o)
    assert list(table.columns[:7]) == ["parameter", "label", "range", "low_value", "high_value", "npv_low", "npv_high"]
    assert table["swing"].is_monotonic_decreasing
    row = table.set_index("parameter").loc["cost_per_year"]
    assert (row["low_value"], row["high_value"]) == (o.cost_per_year * 0.75, o.cost_per_year * 1.25)
    assert row["npv_low"] > row["base_npv"] > row["npv_high"]
    assert table[["npv_low", "npv_high"]].notna().all().all()


@pytest.mark.parametrize(
    "o",
    [
        roi.Option(salary_after=90_000, salary_after_is_premium=False),
        roi.Option(age=50, retirement_age=64, loan_principal=20_000, loan_term=10),  # retirement cannot drop 5 years
        roi.Option(completion_probability=1.0, delay_years=0.0, tax_rate=0.0),
    ],
)
def test_sensitivity_stays_within_valid_inputs(o):
    table = roi.sensitivity(o).set_index("parameter")
    assert np.isfinite(table[["low_value", "high_value", "npv_low", "npv_high"]].to_numpy(dtype=float)).all()
    assert table.loc["salary_after", "npv_high"] > table.loc["salary_after", "npv_low"]


def test_assumptions_table_reads_like_the_inputs():
    table = roi.assumptions([roi.Option(name="A", salary_after=80_000, salary_after_is_premium=False),
                             roi.Option(name="B", sponsorship=0.3)]).set_index("input")
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


def test_compare_and_the_report_contract():
    options = [roi.Option(name="A"), roi.Option(name="B <i>", cost_per_year=0, full_time=False)]
    table = roi.compare(options, n=2_000, seed=1)
    assert list(table["name"]) == ["A", "B <i>"]
    assert roi.pick(options, table).name == "B <i>"
    summary = json.loads(json.dumps(roi.report_summary(table)))
    assert summary["report"] == "education_roi"
    entry = summary["options"][1]
    assert set(entry) == {"name", "npv", "irr", "payback_years", "breakeven_age", "prob_npv_positive",
                          "npv_p10", "npv_p50", "npv_p90"}
    assert entry["irr"] is None  # never negative: no IRR, null in the JSON
    with pytest.raises(DataError, match="same name"):
        roi.compare([roi.Option(name="A"), roi.Option(name="A")])
    with pytest.raises(DataError, match="focus"):
        roi.pick(options, table, "C")


def test_verdict_names_the_option_and_the_main_uncertainty():
    o = roi.Option(name="Evening MBA")
    swings = roi.sensitivity(o)
    text = roi.verdict(o, roi.evaluate(o), roi.simulate(o, n=1_000), swings)
    assert "Evening MBA" in text and swings["label"].iloc[0] in text
    assert "Anonymised for sharing" in roi.SHARE_NOTE


# --------------------------------------------------------------------------- files
GOOD_TOML = """
[defaults]
current_salary = 75_000
age = 32
[[option]]
name = "Full-time MBA"
cost_per_year = 60_000
[[option]]
name = "Certificate"
years = 0.5
"""


def write(tmp_path, text, name="options.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_options_toml_with_defaults_and_overrides(tmp_path):
    options = roi.load_options(write(tmp_path, GOOD_TOML), discount_rate=0.07)
    assert [o.name for o in options] == ["Full-time MBA", "Certificate"]
    assert all(o.current_salary == 75_000 and o.discount_rate == 0.07 for o in options)


def test_load_options_yaml(tmp_path):
    text = "option:\n  - name: Degree\n    cost_per_year: 9000\n    current_attainment: bachelor's degree\n"
    (loaded,) = roi.load_options(write(tmp_path, text, "options.yaml"))
    assert loaded.current_salary == 1493 * 52


@pytest.mark.parametrize(
    "entry, key",
    [
        ('cost_per_yer = 5', "cost_per_yer"),
        ('current_salary = "75k"', "current_salary"),
        ('completion_probability = 2', "completion_probability"),
        ('current_attainment = "wizardry"', "current_attainment"),
    ],
)
def test_load_options_errors_name_file_option_and_key(tmp_path, entry, key):
    path = write(tmp_path, f'[[option]]\nname = "Bad one"\n{entry}\n')
    with pytest.raises(DataError) as err:
        roi.load_options(path)
    message = str(err.value)
    assert str(path) in message and "Bad one" in message and err.value.column == key


@pytest.mark.parametrize("text", ["", "[[option]\n", "name = 'no list'\n"])
def test_load_options_unreadable_files(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(DataError, match="options.toml"):
        roi.load_options(path)


def test_sample_and_template_files_load():
    assert len(roi.load_options("data/sample/education_options.toml")) == 3
    assert len(roi.load_options("data/templates/education_options.toml")) == 1


# --------------------------------------------------------------------------- reference data
def test_reference_tables():
    bls = roi.load_bls_education_pays()
    assert bls.set_index("attainment").loc["bachelor's degree", "annual_earnings_usd"] == 1493 * 52
    assert (bls["year"] == "2023").all() and bls["source"].str.contains("Bureau of Labor Statistics").all()
    executives = roi.load_executive_education().set_index("group")
    assert executives.loc["hold a Harvard degree", "share_of_ceos"] == pytest.approx(0.13)


def test_bad_reference_file_names_file_line_and_column(tmp_path):
    path = tmp_path / "bls.csv"
    path.write_text("attainment,median_weekly_earnings_usd,unemployment_rate_pct,source,year\n"
                    "x,1000,2,s,2023\ny,lots,2,s,2023\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        roi.load_bls_education_pays(str(path))
    assert err.value.line == 3 and err.value.column == "median_weekly_earnings_usd"


# --------------------------------------------------------------------------- charts
def test_charts_escape_names_and_build():
    from careerlib.plots import roi as charts

    o = roi.Option(name="<b>x</b>")
    result, spread = roi.evaluate(o), roi.simulate(o, n=500)
    figures = [
        charts.cumulative_chart(roi.cash_flows(o), result),
        charts.npv_distribution(roi.npv_histogram(spread), spread),
        charts.tornado(roi.sensitivity(o)),
        charts.options_chart(roi.compare([o], n=500)),
        charts.earnings_by_attainment(roi.load_bls_education_pays()),
    ]
    assert "<b>" not in figures[0].layout.title.text and "&lt;b&gt;" in figures[0].layout.title.text
    assert all(f.data for f in figures)


def test_verdict_break_even_is_the_discounted_one_the_chart_marks():
    o = roi.Option(name="MBA", cost_per_year=40_000, years=2, salary_after=0.3, discount_rate=0.05)
    result = roi.evaluate(o)
    text = roi.verdict(o, result, roi.simulate(o, n=500), roi.sensitivity(o))
    assert result.discounted_breakeven_age is not None
    assert result.discounted_breakeven_age > result.breakeven_age  # discounting delays it
    assert f"by age {result.discounted_breakeven_age:.0f}" in text
