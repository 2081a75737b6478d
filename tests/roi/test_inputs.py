"""Education ROI inputs (careerlib/roi/inputs.py): Option's checks, the unambiguous first
salary, the options file, the report's settings and the reference tables."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        ("cost_per_yer = 5", "cost_per_yer"),
        ('current_salary = "75k"', "current_salary"),
        ("completion_probability = 2", "completion_probability"),
        ('current_attainment = "wizardry"', "current_attainment"),
    ],
)
def test_load_options_errors_name_file_option_and_key(tmp_path, entry, key):
    path = write(tmp_path, f'[[option]]\nname = "Bad one"\n{entry}\n')
    with pytest.raises(DataError) as err:
        roi.load_options(path)
    message = str(err.value)
    assert str(path) in message and err.value.column == f"option[0].{key}"


@pytest.mark.parametrize("text", ["", "[[option]\n", "name = 'no list'\n"])
def test_load_options_unreadable_files(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(DataError, match="options.toml"):
        roi.load_options(path)


def test_sample_and_template_files_load():
    assert len(roi.load_options("data/sample/education_options.toml")) == 4
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
    path.write_text(
        "attainment,median_weekly_earnings_usd,unemployment_rate_pct,source,year\nx,1000,2,s,2023\ny,lots,2,s,2023\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        roi.load_bls_education_pays(str(path))
    assert err.value.line == 3 and err.value.column == "median_weekly_earnings_usd"


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


def test_the_options_file_takes_the_new_fields(tmp_path):
    text = '[[option]]\nname = "A"\nsalary_after_amount = 90_000\n[[option]]\nname = "B"\nsalary_after_premium = 0.1\n'
    a, b = roi.load_options(write(tmp_path, text))
    assert (a.salary_after, a.salary_after_is_premium, b.salary_after, b.salary_after_is_premium) == (
        90_000,
        False,
        0.1,
        True,
    )


def test_an_absurd_premium_in_a_file_names_the_option_and_key(tmp_path):
    with pytest.raises(DataError) as err:
        roi.load_options(write(tmp_path, '[[option]]\nname = "MBA"\nsalary_after = 80_000\n'))
    assert err.value.column == "option[0].salary_after" and "MBA" in str(err.value)


def test_a_bad_default_is_blamed_on_defaults(tmp_path):
    with pytest.raises(DataError) as err:
        roi.load_options(write(tmp_path, '[defaults]\ntax_rate = 2\n[[option]]\nname = "A"\n'))
    assert err.value.column == "defaults.tax_rate"


# --------------------------------------------------------------------------- the report's settings
def test_settings_file_loads_with_every_range():
    ranges = roi.load_settings()["sensitivity"]
    assert set(ranges) == set(roi.SETTINGS_FILE.fields["sensitivity"].fields)


def test_a_mistyped_setting_is_refused_with_a_hint(tmp_path):
    text = Path(roi.SETTINGS_PATH).read_text(encoding="utf-8").replace("cost_share:", "cost_shar:")
    path = write(tmp_path, text, "settings.yaml")
    with pytest.raises(DataError) as err:
        roi.load_settings(path)
    assert err.value.column == "sensitivity.cost_shar" and "did you mean 'cost_share'" in err.value.problem


def test_typical_profiles_are_built_from_the_published_figures():
    # Bachelor's: $61,600 at 25-34 (taken at age 30), growing 5.3 % a year to 35, 3.0 % to 45, 0.5 % to 52.
    profile = roi.typical_earnings("bachelor's degree")
    assert profile[30] == 61_600
    assert profile[25] == pytest.approx(61_600 / 1.053**5, abs=0.01)
    assert profile[35] == pytest.approx(61_600 * 1.053**5, abs=0.01)
    assert profile[45] == pytest.approx(61_600 * 1.053**5 * 1.03**10, abs=0.01)
    assert profile[52] == pytest.approx(profile[45] * 1.005**7, abs=0.01)
    table = roi.load_earnings_by_age()
    assert table["source"].str.len().gt(0).all() and set(table["year"]) == {"2019", "2021"}


# --------------------------------------------------------------------------- what you type is what is used
def test_the_rate_in_the_file_is_used_unless_a_parameter_overrides_it(tmp_path):
    path = write(tmp_path, "[defaults]\ndiscount_rate = 0.03\n[[option]]\nname = 'MBA'\ncost_per_year = 50_000\n")
    (from_file,) = roi.load_options(path, **roi.report_overrides(discount_rate="", cash_flow_timing=None))
    assert from_file.discount_rate == 0.03 and from_file.sources["discount_rate"] == "options file, [defaults]"
    (overridden,) = roi.load_options(path, **roi.report_overrides(discount_rate="0.05"))
    assert overridden.discount_rate == 0.05 and "report parameter" in overridden.sources["discount_rate"]
    assert roi.evaluate(from_file).npv == pytest.approx(
        roi.evaluate(roi.Option(cost_per_year=50_000, discount_rate=0.03)).npv
    )


def test_report_overrides_refuse_a_rate_that_is_not_a_number():
    with pytest.raises(DataError) as err:
        roi.report_overrides(discount_rate="four percent")
    assert err.value.column == "discount_rate"


@pytest.mark.parametrize(
    "table, first, second",
    [
        ("earnings_without = {30 = 1}\ncurrent_salary = 5_000", "earnings_without", "current_salary"),
        ("earnings_with = {30 = 1}\nsalary_after_amount = 90_000", "earnings_with", "salary_after_amount"),
        (
            'typical_earnings_with = "bachelor\'s degree"\nearnings_with = {30 = 1}',
            "earnings_with",
            "typical_earnings_with",
        ),
        ('salary_after = 0.2\nattainment_after = "master\'s degree"', "salary_after", "attainment_after"),
    ],
)
def test_two_forms_of_one_input_in_one_table_are_refused_naming_both(tmp_path, table, first, second):
    path = write(tmp_path, f"[[option]]\nname = 'Both'\n{table}\n")
    with pytest.raises(DataError) as err:
        roi.load_options(path)
    assert first in err.value.problem and second in err.value.problem and str(path) in str(err.value)


def test_an_option_s_own_form_wins_over_another_form_in_defaults(tmp_path):
    text = (
        "[defaults]\nsalary_after = 0.2\ncurrent_salary = 70_000\npart_time_fraction = 0.2\nfull_time = false\n"
        "[[option]]\nname = 'Own'\nsalary_after_amount = 95_000\ntypical_earnings_without = \"bachelor's degree\"\n"
        "full_time = true\n"
    )
    (option,) = roi.load_options(write(tmp_path, text))
    assert (option.salary_after, option.salary_after_is_premium) == (95_000, False)
    assert option.earnings_without == roi.typical_earnings("bachelor's degree")
    assert option.part_time_fraction == 0  # a full-time option sets aside [defaults]' part-time share
    assert "replaces salary_after in [defaults]" in option.sources["salary_after"]
    assert "replaces current_salary in [defaults]" in option.sources["earnings_without"]
    assert "typical profile" in option.sources["earnings_without"]


def test_an_unknown_typical_profile_names_the_key(tmp_path):
    path = write(tmp_path, "[[option]]\nname = 'X'\ntypical_earnings_with = \"masters\"\n")
    with pytest.raises(DataError) as err:
        roi.load_options(path)
    assert err.value.column == "option[0].typical_earnings_with" and "master's degree or higher" in err.value.problem


# --------------------------------------------------------------------------- bounded simulations
def test_n_draws_is_bounded_by_the_settings():
    settings = roi.load_settings()
    limit = settings["simulation"]["max_draws"]
    assert roi.check_draws(limit, settings) == limit
    for bad in (limit + 1, 500_000_000, 0, 2.5, True, "many"):
        with pytest.raises(DataError) as err:
            roi.check_draws(bad, settings)
        assert err.value.column == "n_draws"


def test_a_bad_profile_point_in_a_file_names_the_option_and_the_point(tmp_path):
    path = write(tmp_path, "[[option]]\nname = 'P'\nearnings_with = {30 = 90_000, 40 = \"lots\"}\n")
    with pytest.raises(DataError) as err:
        roi.load_options(path)
    assert err.value.column == "option[0].earnings_with.40" and err.value.value == "lots"


def test_retirement_age_is_an_age():
    # Not a limit on anyone's career: it keeps the number of yearly flows human, so no file can
    # ask for millions of years of arrays.
    with pytest.raises(DataError) as err:
        roi.Option(retirement_age=1e9)
    assert err.value.column == "retirement_age"
