"""The education ROI options file (careerlib/roi/options_file.py): defaults and options, the
forms of one input, where each value came from, report parameters that override the file."""

from __future__ import annotations

import pytest

from careerlib import DataError, roi

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
    assert len(roi.load_options("data/sample/education_options.toml")) == 3
    assert len(roi.load_options("data/templates/education_options.toml")) == 1


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


def test_a_bad_profile_point_in_a_file_names_the_option_and_the_point(tmp_path):
    path = write(tmp_path, "[[option]]\nname = 'P'\nearnings_with = {30 = 90_000, 40 = \"lots\"}\n")
    with pytest.raises(DataError) as err:
        roi.load_options(path)
    assert err.value.column == "option[0].earnings_with.40" and err.value.value == "lots"
