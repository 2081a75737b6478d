"""Education ROI across futures and options (careerlib/roi/scenarios.py): the Monte Carlo,
the sensitivity table and the comparison."""

from __future__ import annotations

import numpy as np
import pytest

from careerlib import DataError, roi
from careerlib.roi import scenarios

SETTINGS = roi.load_settings()


# --------------------------------------------------------------------------- simulation
def test_simulate_is_reproducible_and_sane():
    o = roi.Option(completion_probability=0.8, delay_years=0.5)
    first, again, other = (
        roi.simulate(o, n=5_000, seed=7),
        roi.simulate(o, n=5_000, seed=7),
        roi.simulate(o, n=5_000, seed=8),
    )
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


# --------------------------------------------------------------------------- sensitivity and compare
def test_sensitivity_is_sorted_and_states_its_ranges():
    o = roi.Option(completion_probability=0.8, delay_years=0.5)
    table = roi.sensitivity(o, SETTINGS)
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
    table = roi.sensitivity(o, SETTINGS).set_index("parameter")
    assert np.isfinite(table[["low_value", "high_value", "npv_low", "npv_high"]].to_numpy(dtype=float)).all()
    assert table.loc["salary_after", "npv_high"] > table.loc["salary_after", "npv_low"]


def test_compare_and_pick():
    options = [roi.Option(name="A"), roi.Option(name="B <i>", cost_per_year=0, full_time=False)]
    table = roi.compare(options, n=2_000, seed=1)
    assert list(table["name"]) == ["A", "B <i>"]
    assert roi.pick(options, table).name == "B <i>"
    assert list(table.columns) == roi.COMPARE_COLUMNS
    assert table.set_index("name").loc["B <i>", "npv"] > table.set_index("name").loc["A", "npv"]
    with pytest.raises(DataError, match="same name"):
        roi.compare([roi.Option(name="A"), roi.Option(name="A")])
    with pytest.raises(DataError, match="focus"):
        roi.pick(options, table, "C")


# --------------------------------------------------------------------------- pay by age, blocks, the mean
PROFILED = dict(
    age=24,
    years=2,
    cost_per_year=20_000,
    earnings_without={25: 62_000, 30: 79_500, 40: 98_000},
    earnings_with={26: 90_000, 30: 120_000, 45: 160_000},
)


def test_simulate_with_pay_by_age_and_no_spread_equals_evaluate():
    o = roi.Option(**PROFILED, premium_sd=0, growth_sd=0, delay_years=0, completion_probability=1)
    assert roi.simulate(o, n=50, seed=1).npv == pytest.approx(np.full(50, roi.evaluate(o).npv))


def test_simulation_in_blocks_gives_the_same_draws(monkeypatch):
    o = roi.Option(**PROFILED, completion_probability=0.8, delay_years=0.5)
    whole = roi.simulate(o, n=3_000, seed=4).npv
    monkeypatch.setattr(scenarios, "BLOCK_CELLS", 7 * o.horizon)  # blocks of 7 draws
    assert roi.simulate(o, n=3_000, seed=4).npv == pytest.approx(whole, rel=1e-12)  # up to summation order


def test_simulation_reports_the_mean_of_its_draws():
    spread = roi.simulate(roi.Option(delay_years=0.5), n=2_000, seed=3)
    assert spread.mean == pytest.approx(spread.npv.mean())


def test_sensitivity_with_pay_by_age_swings_the_profile_and_leaves_out_what_it_replaced():
    o = roi.Option(**PROFILED)
    table = roi.sensitivity(o, SETTINGS).set_index("parameter")
    assert "salary_growth" not in table.index and "salary_after_growth" not in table.index
    row = table.loc["earnings_with"]
    assert row["label"] == "salary uplift" and row["npv_low"] < row["base_npv"] < row["npv_high"]
    assert isinstance(row["low_value"], float)  # shown as the uplift in the first year after
