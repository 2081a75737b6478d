"""Education ROI inputs (careerlib/roi/inputs.py): Option's checks, the unambiguous first
salary, pay by age, the report's settings and the bound on simulated futures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import DataError, roi


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


# --------------------------------------------------------------------------- the first salary, unambiguous
def test_amount_and_premium_fields_set_the_stored_pair():
    by_amount = roi.Option(salary_after_amount=80_000)
    assert (by_amount.salary_after, by_amount.salary_after_is_premium) == (80_000, False)
    assert by_amount == roi.Option(salary_after=80_000, salary_after_is_premium=False)
    by_premium = roi.Option(salary_after_premium=0.2)
    assert (by_premium.salary_after, by_premium.salary_after_is_premium) == (0.2, True)


def test_the_old_pair_keeps_working():
    assert roi.evaluate(roi.Option(salary_after=0.2)).npv == roi.evaluate(roi.Option(salary_after_premium=0.2)).npv


def test_an_amount_read_as_a_premium_is_refused_naming_the_field_meant():
    with pytest.raises(DataError) as err:
        roi.Option(salary_after=80_000)  # salary_after_is_premium defaults to True
    assert err.value.column == "salary_after" and "salary_after_amount" in err.value.problem
    assert "8,000,000 %" in err.value.problem


def test_a_premium_read_as_an_amount_is_refused_naming_the_field_meant():
    with pytest.raises(DataError) as err:
        roi.Option(salary_after=0.2, salary_after_is_premium=False)
    assert err.value.column == "salary_after" and "salary_after_premium" in err.value.problem


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"salary_after_premium": 80_000}, "salary_after_premium"),
        ({"salary_after_amount": 0.2}, "salary_after_amount"),
    ],
)
def test_absurd_values_in_the_new_fields_name_those_fields(changes, field):
    with pytest.raises(DataError) as err:
        roi.Option(**changes)
    assert err.value.column == field


def test_the_limits_themselves_are_accepted():
    assert roi.Option(salary_after_premium=roi.MAX_PREMIUM).salary_after == roi.MAX_PREMIUM
    assert roi.Option(salary_after_amount=roi.MIN_AMOUNT).salary_after == roi.MIN_AMOUNT


@pytest.mark.parametrize(
    "changes",
    [
        {"salary_after_amount": 80_000, "salary_after_premium": 0.2},
        {"salary_after_amount": 80_000, "salary_after": 0.3},
    ],
)
def test_the_first_salary_is_given_once(changes):
    with pytest.raises(DataError, match="not both"):
        roi.Option(**changes)


# --------------------------------------------------------------------------- the report's settings
def test_settings_file_loads_with_every_range():
    ranges = roi.load_settings()["sensitivity"]
    assert set(ranges) == set(roi.SETTINGS_FILE.fields["sensitivity"].fields)


def test_a_mistyped_setting_is_refused_with_a_hint(tmp_path):
    text = Path(roi.SETTINGS_PATH).read_text(encoding="utf-8").replace("cost_share:", "cost_shar:")
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        roi.load_settings(path)
    assert err.value.column == "sensitivity.cost_shar" and "did you mean 'cost_share'" in err.value.problem


# --------------------------------------------------------------------------- bounded simulations
def test_n_draws_is_bounded_by_the_settings():
    settings = roi.load_settings()
    limit = settings["simulation"]["max_draws"]
    assert roi.check_draws(limit, settings) == limit
    for bad in (limit + 1, 500_000_000, 0, 2.5, True, "many"):
        with pytest.raises(DataError) as err:
            roi.check_draws(bad, settings)
        assert err.value.column == "n_draws"


def test_retirement_age_is_an_age():
    # Not a limit on anyone's career: it keeps the number of yearly flows human, so no file can
    # ask for millions of years of arrays.
    with pytest.raises(DataError) as err:
        roi.Option(retirement_age=1e9)
    assert err.value.column == "retirement_age"


@settings(max_examples=60, deadline=None)
@given(
    points=st.dictionaries(
        st.integers(0, 119), st.floats(0, 1e6, allow_nan=False, allow_infinity=False), min_size=1, max_size=8
    ),
    as_text=st.booleans(),
)
def test_profile_points_are_read_as_ages_in_order(points, as_text):
    # TOML gives the ages of {25 = 62000} as text; Python callers give numbers: both are read alike.
    given_points = {str(age) if as_text else age: pay for age, pay in points.items()}
    option = roi.Option(earnings_without=given_points, age=0, retirement_age=120)
    assert list(option.earnings_without) == sorted(float(age) for age in points)
    assert option.earnings_without == {float(age): pay for age, pay in points.items()}
    pay = roi.cash_flows(option)["earnings_without"]
    assert pay.min() >= min(points.values()) - 1e-6 and pay.max() <= max(points.values()) + 1e-6
