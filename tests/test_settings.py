"""The one settings checker: types, ranges, keys (required, optional, unknown), nesting, file formats."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerlib import settings as s
from careerlib.errors import DataError

EQUITY = s.Table({"shares": s.Number(minimum=0, integer=True), "vesting_years": s.Number(above=0, maximum=10)})
OFFER = s.Table(
    {
        "name": s.Text(),
        "base_salary": s.Number(minimum=0),
        "remote": s.Flag(default=False),
        "level": s.Text(choices=("junior", "senior", "staff"), default=s.OMIT),
        "equity": s.Table(EQUITY.fields, default=s.OMIT),
        "perks": s.ListOf(s.Text(), default=[]),
    }
)
FILE = s.Table({"offer": s.ListOf(OFFER, min_items=1)})


def offers(*entries):
    return {"offer": [{"name": f"offer {i}", "base_salary": 90_000, **e} for i, e in enumerate(entries)]}


def fault(value, spec=FILE, **kw) -> DataError:
    with pytest.raises(DataError) as caught:
        s.check(value, spec, file="offers.toml", **kw)
    return caught.value


def test_a_good_document_comes_back_with_defaults_filled():
    out = s.check(offers({}, {"remote": True, "equity": {"shares": 100, "vesting_years": 4}}), FILE)
    assert out["offer"][0] == {"name": "offer 0", "base_salary": 90_000, "remote": False, "perks": []}
    assert out["offer"][1]["equity"] == {"shares": 100, "vesting_years": 4}
    assert out["offer"][1]["remote"] is True


def test_defaults_are_copied_not_shared():
    first, second = s.check(offers({}, {}), FILE)["offer"]
    first["perks"].append("gym")
    assert second["perks"] == []


def test_the_key_path_of_a_nested_fault_is_in_column_and_the_file_in_file():
    err = fault(offers({}, {}, {"equity": {"shares": 10, "vesting_years": 0}}))
    assert err.column == "offer[2].equity.vesting_years"
    assert err.key == err.column
    assert err.file == "offers.toml"
    assert err.value == 0
    assert "above 0" in err.problem


def test_a_prefix_path_is_prepended():
    err = fault({"shares": -1, "vesting_years": 4}, EQUITY, path="offer[0].equity")
    assert err.column == "offer[0].equity.shares"
    assert "at least 0" in err.problem


def test_unknown_keys_suggest_the_closest_known_key():
    err = fault(offers({"base_salery": 1}))
    assert err.column == "offer[0].base_salery"
    assert "did you mean 'base_salary'?" in err.problem
    assert "allowed:" in err.problem


def test_an_unknown_key_with_nothing_close_lists_the_allowed_keys():
    err = fault(offers({"zzz": 1}))
    assert "did you mean" not in err.problem
    assert "name, base_salary" in err.problem


def test_a_missing_required_key_is_named():
    err = fault({"offer": [{"name": "x"}]})
    assert err.column == "offer[0].base_salary"
    assert err.problem == "missing required key"


def test_an_empty_list_is_refused_when_items_are_required():
    err = fault({"offer": []})
    assert err.column == "offer"
    assert "at least 1" in err.problem


@pytest.mark.parametrize(
    "value, needle",
    [("90k", "not the text '90k'"), (True, "true/false"), (None, "empty value"), (math.nan, "finite"), ([1], "list")],
)
def test_numbers_must_be_real_finite_numbers(value, needle):
    err = fault(offers({"base_salary": value}))
    assert err.column == "offer[0].base_salary"
    assert needle in err.problem


def test_whole_numbers_come_back_as_int_and_fractions_are_refused():
    assert s.check(3.0, s.Number(integer=True)) == 3
    assert isinstance(s.check(3.0, s.Number(integer=True)), int)
    assert "whole number" in fault(2.5, s.Number(integer=True)).problem


def test_numbers_keep_the_type_they_were_written_in():
    assert isinstance(s.check(40, s.Number()), int)
    assert isinstance(s.check(0.5, s.Number()), float)


@pytest.mark.parametrize(
    "spec, bad, good",
    [
        (s.Number(minimum=0, maximum=1), 1.5, 1.0),
        (s.Number(above=0), 0, 0.1),
        (s.Number(below=1), 1, 0.99),
    ],
)
def test_range_bounds(spec, bad, good):
    assert s.check(good, spec) == good
    assert "must be" in fault(bad, spec).problem


def test_flags_are_true_or_false_only():
    assert "true or false" in fault(offers({"remote": "yes"})).problem
    assert "true or false" in fault(offers({"remote": 1})).problem


def test_choices_suggest_the_closest_word():
    err = fault(offers({"level": "senoir"}))
    assert err.column == "offer[0].level"
    assert "did you mean 'senior'?" in err.problem


def test_text_is_stripped_and_must_not_be_empty():
    assert s.check("  x ", s.Text()) == "x"
    assert "non-empty" in fault("   ", s.Text()).problem
    assert s.check("", s.Text(empty_ok=True)) == ""
    assert "expected a text" in fault(1.0, s.Text()).problem
    assert s.check(1.0, s.Text(numbers_ok=True)) == "1.0"


def test_patterns_explain_themselves():
    spec = s.Text(pattern=r"[a-z][a-z0-9_]*", pattern_hint="use lower-case letters")
    assert s.check("ok_1", spec) == "ok_1"
    assert fault("Not OK", spec).problem == "use lower-case letters"


def test_list_elements_are_checked_with_their_index():
    err = fault(offers({"perks": ["gym", 3]}))
    assert err.column == "offer[0].perks[1]"


def test_single_accepts_one_bare_element():
    spec = s.ListOf(s.Text(), min_items=1, max_items=3, single=True)
    assert s.check("Do this.", spec) == ["Do this."]
    assert "1 to 3 items" in fault(["a", "b", "c", "d"], spec).problem


def test_free_keyed_mappings_check_keys_and_values():
    spec = s.MapOf(s.Number(minimum=0), keys=s.Text(choices=("boredom", "rigidity")))
    assert s.check({"boredom": 1}, spec) == {"boredom": 1}
    err = fault({"boredum": 1}, spec)
    assert err.column == "boredum" and "did you mean 'boredom'?" in err.problem
    assert fault({"rigidity": -1}, spec).column == "rigidity"


def test_table_rules_blame_the_named_key():
    spec = s.Table(
        {"min": s.Number(), "max": s.Number()},
        rules=[s.Rule("max", lambda t: t["max"] > t["min"], lambda t: f"must be greater than min ({t['min']:g})")],
    )
    err = fault({"min": 5, "max": 1}, spec, path="scale")
    assert err.column == "scale.max" and err.value == 1 and "greater than min (5)" in err.problem


def test_a_spec_check_adds_its_own_problem():
    spec = s.Number(check=lambda v: "must be even" if v % 2 else None)
    assert s.check(4, spec) == 4
    assert fault(3, spec).problem == "must be even"


def test_the_whole_document_of_the_wrong_type_has_no_column():
    err = fault(["not", "a", "table"])
    assert err.column is None and "expected a table" in err.problem


def test_load_reads_toml_and_yaml_alike(tmp_path):
    (tmp_path / "o.toml").write_text('[[offer]]\nname = "A"\nbase_salary = 1\n')
    (tmp_path / "o.yaml").write_text("offer:\n  - name: A\n    base_salary: 1\n")
    assert s.load(tmp_path / "o.toml", FILE) == s.load(tmp_path / "o.yaml", FILE)


def test_load_names_the_file_as_shown(tmp_path):
    (tmp_path / "o.yaml").write_text("offer:\n  - name: A\n    base_salary: -1\n")
    with pytest.raises(DataError) as caught:
        s.load(tmp_path / "o.yaml", FILE, shown_as="data/private/o.yaml")
    assert caught.value.file == "data/private/o.yaml"
    assert caught.value.column == "offer[0].base_salary"


def test_toml_syntax_errors_give_the_line(tmp_path):
    (tmp_path / "o.toml").write_text('[[offer]]\nname = "A"\nbase_salary = = 1\n')
    with pytest.raises(DataError) as caught:
        s.read(tmp_path / "o.toml")
    assert caught.value.line == 3 and "not valid TOML" in caught.value.problem


def test_yaml_duplicate_keys_are_refused(tmp_path):
    (tmp_path / "o.yaml").write_text("offer: []\noffer: []\n")
    with pytest.raises(DataError, match="twice"):
        s.read(tmp_path / "o.yaml")


def test_other_suffixes_are_refused(tmp_path):
    (tmp_path / "o.json").write_text("{}")
    with pytest.raises(DataError, match="yaml, .yml or .toml"):
        s.read(tmp_path / "o.json")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@given(_json)
def test_any_document_gives_a_result_or_a_data_error(document):
    try:
        out = s.check(document, FILE)
    except DataError as err:
        assert err.problem
    else:
        assert isinstance(out["offer"], list) and out["offer"]
