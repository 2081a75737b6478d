"""Self-assessment inputs (careerlib/assessment/inputs.py): instruments checked key by key, responses line by line."""

from __future__ import annotations

import json
import math

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_helpers import CSV_HEADER, TINY, responses, write_csv, write_instrument
from careerlib import DataError, assessment


# --------------------------------------------------------------------------- instruments
def test_shipped_instruments_load():
    for name in ("promotion_readiness", "phone_screen_readiness", "offer_negotiation_readiness"):
        inst = assessment.load_instrument(name)
        assert inst.id == name
        assert inst.items["reverse"].any(), "each shipped instrument has reverse-coded items"
        assert inst.dimensions["actions"].map(len).between(1, 3).all()
        assert set(inst.items["dimension"]) == set(inst.dimensions["dimension"])


def test_promotion_instrument_covers_the_brief():
    dims = set(assessment.load_instrument("promotion_readiness").dimensions["dimension"])
    assert {"delivery", "quality", "reputation", "relationships", "above_level", "visibility", "promotion_case"} <= dims


def test_instrument_fields(tiny):
    assert (tiny.scale_min, tiny.scale_max) == (1.0, 5.0)
    assert tiny.labels[1] == "no" and tiny.labels[5] == "yes"
    assert tiny.items.set_index("item").loc["a3", "weight"] == 2.0
    assert tiny.items.set_index("item").loc["a1", "weight"] == 1.0
    assert list(tiny.items.columns[:5]) == ["item", "text", "dimension", "reverse", "weight"]


def _mutated(**changes):
    spec = json.loads(json.dumps(TINY))
    for path, value in changes.items():
        target = spec
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return spec


_DELETE = object()

BAD_INSTRUMENTS = [
    ("items.1.id", _mutated(items__1__id="a1"), "items[1].id"),
    ("unknown dimension", _mutated(items__0__dimension="zzz"), "items[0].dimension"),
    ("no min", _mutated(scale__min=_DELETE), "scale.min"),
    ("min >= max", _mutated(scale__min=5), "scale.max"),
    ("missing text", _mutated(items__2__text=_DELETE), "items[2].text"),
    ("empty text", _mutated(items__2__text=" "), "items[2].text"),
    ("unknown top key", _mutated(colour="red"), "colour"),
    ("unknown item key", _mutated(items__0__revers=True), "items[0].revers"),
    ("reverse not bool", _mutated(items__0__reverse="yes"), "items[0].reverse"),
    ("negative weight", _mutated(items__0__weight=-1), "items[0].weight"),
    ("too many actions", _mutated(dimensions__0__actions=["1", "2", "3", "4"]), "dimensions[0].actions"),
    ("duplicate dimension", _mutated(dimensions__1__id="a"), "dimensions[1].id"),
    ("missing source", _mutated(source=_DELETE), "source"),
    ("labels wrong length", _mutated(scale__labels=["x", "y"]), "scale.labels"),
]


@pytest.mark.parametrize("case, spec, key", BAD_INSTRUMENTS, ids=[c[0] for c in BAD_INSTRUMENTS])
def test_bad_instrument_names_file_and_key(tmp_path, case, spec, key):
    path = write_instrument(tmp_path, spec, "broken.yaml")
    with pytest.raises(DataError) as caught:
        assessment.load_instrument(path)
    assert "broken.yaml" in str(caught.value)
    assert key in str(caught.value)
    assert caught.value.key == key


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text("id: x\ntitle: [unclosed\nversion: 1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        assessment.load_instrument(path)
    assert "syntax.yaml" in str(caught.value) and "YAML" in str(caught.value)
    assert caught.value.line is not None


def test_duplicate_yaml_key_is_an_error(tmp_path):
    text = yaml.safe_dump(TINY, sort_keys=False).replace("title: Tiny\n", "title: Tiny\ntitle: Again\n", 1)
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="twice"):
        assessment.load_instrument(path)


# --------------------------------------------------------------------------- responses


def test_load_responses_valid(tmp_path, tiny):
    path = write_csv(
        tmp_path,
        "2026-01-05,self,tiny,a1,4\n2026-01-05, Peer: Alex ,tiny,b1,2.5\n2026-01-05,MANAGER,tiny,b2,1\n",
    )
    table = assessment.load_responses(path, tiny)
    assert list(table.columns) == ["date", "respondent", "instrument", "item", "score", "line"]
    assert table["date"].dtype.kind == "M"
    assert list(table["respondent"]) == ["self", "peer:Alex", "manager"]
    assert list(table["score"]) == [4.0, 2.5, 1.0]
    assert list(table["line"]) == [2, 3, 4]


def test_template_and_sample_load():
    assert assessment.load_responses("data/templates/assessments.csv").empty
    sample = assessment.load_responses("data/sample/assessments.csv")
    assert {"self", "manager", "peer:Alex", "peer:Sam"} <= set(sample["respondent"])
    assert (
        sample.loc[sample["respondent"] == "self"].query("instrument == 'promotion_readiness'")["date"].nunique() == 3
    )
    assert (sample["instrument"] == "phone_screen_readiness").any()


@pytest.mark.parametrize(
    "row, column, line",
    [
        ("2026-01-05,self,nope,a1,4", "instrument", 3),
        ("2026-01-05,self,tiny,zz,4", "item", 3),
        ("2026-01-05,self,tiny,a1,6", "score", 3),
        ("2026-01-05,self,tiny,a1,0.5", "score", 3),
        ("2026-01-05,self,tiny,a1,four", "score", 3),
        ("2026-01-05,self,tiny,a1,", "score", 3),
        ("2026-13-05,self,tiny,a1,4", "date", 3),
        ("2026-01-05,boss,tiny,a1,4", "respondent", 3),
        ("2026-01-05,peer:,tiny,a1,4", "respondent", 3),
    ],
)
def test_bad_response_lines(tmp_path, tiny, row, column, line):
    path = write_csv(tmp_path, "2026-01-05,self,tiny,a2,3\n" + row + "\n")
    with pytest.raises(DataError) as caught:
        assessment.load_responses(path, tiny)
    assert (caught.value.column, caught.value.line) == (column, line)
    assert "answers.csv" in str(caught.value)


def test_instruments_loaded_by_id_from_the_file(tmp_path):
    path = write_csv(tmp_path, "2026-01-05,self,promotion_readiness,deadlines,4\n2026-01-05,self,ghost,x,1\n")
    with pytest.raises(DataError) as caught:
        assessment.load_responses(path)
    assert (caught.value.column, caught.value.line) == ("instrument", 3)


VALID_CSV = CSV_HEADER + "2026-01-05,self,tiny,a1,4\n2026-01-05,peer:Sam,tiny,a2,2\n2026-02-05,manager,tiny,b1,5\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    position=st.integers(min_value=0, max_value=len(VALID_CSV)),
    cut=st.integers(min_value=0, max_value=6),
    insert=st.text(alphabet=st.sampled_from(list(',"\n\r ;x5-:\x00é')), max_size=6),
)
def test_mutated_csv_loads_or_raises_data_error(tmp_path, tiny, position, cut, insert):
    text = VALID_CSV[:position] + insert + VALID_CSV[position + cut :]
    path = tmp_path / "mutant.csv"
    path.write_text(text, encoding="utf-8")
    try:
        table = assessment.load_responses(path, tiny)
    except DataError:
        return
    assert table["score"].between(1, 5).all()
    assert table["item"].isin(tiny.items["item"]).all()
    assert table["respondent"].str.match(r"^(self|manager|peer:\S.*)$").all()
    assert table["date"].notna().all()


def test_label_of_a_point_between_labels_is_empty(tiny):
    assert tiny.label(3) == tiny.label(3.0) == "half"
    assert tiny.label(3.5) == "" and tiny.label(float("nan")) == "" and tiny.label(None) == ""


def test_an_instrument_id_is_a_name_not_a_path(tmp_path):
    """Found by fuzzing: a 5,000-character id reached the file system (OSError: File name too long)."""
    path = write_csv(
        tmp_path,
        "2026-01-05,self,promotion_readiness,meets_responsibilities,4\n2026-01-05,self," + "x" * 5_000 + ",a,1\n",
    )
    with pytest.raises(DataError) as caught:
        assessment.load_responses(path)
    assert (caught.value.column, caught.value.line) == ("instrument", 3)


@pytest.mark.parametrize("name", ["x" * 5_000, "../../etc/passwd", "a/b", "Promotion", "x" * (assessment.ID_MAX + 1)])
def test_odd_instrument_ids_are_data_errors(name):
    with pytest.raises(DataError):
        assessment.load_instrument(name)


def test_the_scoring_minimums_come_from_the_settings_file(tmp_path, tiny):
    rules = assessment.load_settings()
    assert tiny.min_answered_share == rules["scoring"]["min_answered_share"]
    stricter = {**rules, "scoring": {"min_answered_share": 1.0}}
    strict = assessment.load_instrument(write_instrument(tmp_path, name="strict.yaml"), stricter)
    rows = responses(
        [("2026-01-05", "self", "b1", 3), ("2026-01-05", "self", "b2", 3), ("2026-01-05", "self", "b3", 3)]
    )
    assert assessment.score(rows, tiny).set_index("dimension").loc["b", "score"] == 50
    assert math.isnan(assessment.score(rows, strict).set_index("dimension").loc["b", "score"])
