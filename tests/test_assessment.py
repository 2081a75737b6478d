"""Tests for careerlib.assessment: instruments, responses, scoring, reliability, recording."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError, assessment

TINY = {
    "id": "tiny",
    "title": "Tiny",
    "version": "1",
    "source": "written for the tests",
    "scale": {"min": 1, "max": 5, "labels": ["no", "rather not", "half", "rather yes", "yes"]},
    "dimensions": [
        {"id": "a", "title": "Dimension A", "actions": ["do a"]},
        {"id": "b", "title": "Dimension B", "actions": ["do b", "and b again"]},
    ],
    "items": [
        {"id": "a1", "text": "A one", "dimension": "a"},
        {"id": "a2", "text": "A two", "dimension": "a", "reverse": True},
        {"id": "a3", "text": "A three", "dimension": "a", "weight": 2},
        {"id": "b1", "text": "B one", "dimension": "b"},
        {"id": "b2", "text": "B two", "dimension": "b"},
        {"id": "b3", "text": "B three", "dimension": "b"},
        {"id": "b4", "text": "B four", "dimension": "b"},
    ],
}


def write_instrument(folder: Path, spec: dict = TINY, name: str = "tiny.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path) -> assessment.Instrument:
    return assessment.load_instrument(write_instrument(tmp_path))


def responses(rows, instrument="tiny") -> pd.DataFrame:
    """Rows (date, respondent, item, score) as a loaded responses table."""
    frame = pd.DataFrame(rows, columns=["date", "respondent", "item", "score"])
    return frame.assign(
        date=pd.to_datetime(frame["date"]), instrument=instrument, score=frame["score"].astype(float),
        line=np.arange(len(frame)) + 2,
    )[["date", "respondent", "instrument", "item", "score", "line"]]


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
CSV_HEADER = "date,respondent,instrument,item,score\n"


def write_csv(folder: Path, body: str, name: str = "answers.csv") -> Path:
    path = folder / name
    path.write_text(CSV_HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def test_load_responses_valid(tmp_path, tiny):
    path = write_csv(tmp_path, "2026-01-05,self,tiny,a1,4\n2026-01-05, Peer: Alex ,tiny,b1,2.5\n2026-01-05,MANAGER,tiny,b2,1\n")
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
    assert sample.loc[sample["respondent"] == "self"].query("instrument == 'promotion_readiness'")["date"].nunique() == 3
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
    text = VALID_CSV[:position] + insert + VALID_CSV[position + cut:]
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


# --------------------------------------------------------------------------- scoring
def test_score_by_hand(tiny):
    rows = responses([
        ("2026-01-05", "self", "a1", 5),  # (5-1)/4 = 1
        ("2026-01-05", "self", "a2", 2),  # reverse: 1 - (2-1)/4 = 0.75
        ("2026-01-05", "self", "a3", 3),  # (3-1)/4 = 0.5, weight 2
        ("2026-01-05", "self", "b1", 4),  # 0.75
        ("2026-01-05", "self", "b2", 2),  # 0.25 -> b: 2 of 4 answered, exactly half: scored
    ])
    scores = assessment.score(rows, tiny).set_index("dimension")
    assert scores.loc["a", "score"] == pytest.approx(100 * (1 + 0.75 + 2 * 0.5) / 4)
    assert scores.loc["b", "score"] == pytest.approx(50.0)
    assert (scores.loc["b", "answered"], scores.loc["b", "items"]) == (2, 4)


def test_fewer_than_half_answered_gets_no_score(tiny):
    rows = responses([("2026-01-05", "self", "a1", 5), ("2026-01-05", "self", "b1", 5)])
    scores = assessment.score(rows, tiny).set_index("dimension")
    assert math.isnan(scores.loc["a", "score"])  # 1 of 3
    assert math.isnan(scores.loc["b", "score"])  # 1 of 4
    assert "1 of 3" in scores.loc["a", "note"]


def test_unanswered_dimension_still_listed(tiny):
    rows = responses([("2026-01-05", "self", "a1", 5), ("2026-01-05", "self", "a2", 5)])
    scores = assessment.score(rows, tiny)
    assert list(scores["dimension"]) == ["a", "b"]
    assert scores.set_index("dimension").loc["b", "answered"] == 0


def test_later_line_wins(tiny):
    rows = responses([
        ("2026-01-05", "self", "a1", 1), ("2026-01-05", "self", "a2", 5), ("2026-01-05", "self", "a1", 5),
    ])
    a = assessment.score(rows, tiny).set_index("dimension").loc["a"]
    assert a["answered"] == 2
    assert a["score"] == pytest.approx(100 * (1 + 0) / 2)


def test_score_filters_to_the_instrument(tiny):
    rows = pd.concat([responses([("2026-01-05", "self", "a1", 5), ("2026-01-05", "self", "a2", 1)]),
                      responses([("2026-01-05", "self", "deadlines", 1)], instrument="promotion_readiness")])
    assert set(assessment.score(rows, tiny)["dimension"]) == {"a", "b"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from([i["id"] for i in TINY["items"]]),
                               st.floats(min_value=1, max_value=5), min_size=1))
def test_any_valid_answers_score_within_0_100(tiny, answers):
    rows = responses([("2026-01-05", "self", item, value) for item, value in answers.items()])
    values = assessment.score(rows, tiny)["score"].dropna()
    assert values.between(0, 100).all()


# --------------------------------------------------------------------------- changes, gaps, weakest
@pytest.fixture
def history(tiny):
    full = lambda date, who, a, b: [(date, who, i, a) for i in ("a1", "a3")] + [(date, who, "a2", 6 - a)] + [
        (date, who, i, b) for i in ("b1", "b2", "b3", "b4")]
    rows = responses(full("2026-01-05", "self", 2, 3) + full("2026-04-05", "self", 4, 3)
                     + full("2026-04-05", "manager", 3, 5) + full("2026-04-01", "peer:Alex", 5, 1))
    return assessment.score(rows, tiny)


def test_changes(history):
    moved = assessment.changes(history)
    latest = moved.loc[(moved["respondent"] == "self") & (moved["date"] == pd.Timestamp("2026-04-05"))]
    latest = latest.set_index("dimension")
    assert latest.loc["a", "change"] == pytest.approx(50.0)  # 25 -> 75
    assert latest.loc["b", "change"] == pytest.approx(0.0)
    first = assessment.changes(history).query("respondent == 'manager'")
    assert first["change"].isna().all()


def test_gaps(history):
    gaps = assessment.gaps(history).set_index("dimension")
    # self a = 75; manager a = 50, peer a = 100 -> others 75; self b = 50, others (100 + 0) / 2 = 50
    assert gaps.loc["a", "others"] == pytest.approx(75.0)
    assert gaps.loc["a", "gap"] == pytest.approx(0.0)
    assert gaps.loc["b", "gap"] == pytest.approx(0.0)
    assert gaps.loc["a", "raters"] == 2
    manager = assessment.gaps(history, "manager").set_index("dimension")
    assert manager.loc["b", "gap"] == pytest.approx(100 - (50 + 0) / 2)


def test_weakest_with_actions(history, tiny):
    weak = assessment.weakest(history, tiny, n=1)
    assert list(weak["dimension"]) == ["b"]
    assert weak["actions"].iloc[0] == ["do b", "and b again"]


def test_report_summary_contract(history, tiny):
    summary = assessment.report_summary(history, tiny)
    assert set(summary) == {"report", "instrument", "respondent", "date", "dimensions", "weakest"}
    assert summary["report"] == "self_assessment" and summary["date"] == "2026-04-05"
    assert [d["dimension"] for d in summary["dimensions"]] == ["a", "b"]
    assert set(summary["dimensions"][0]) == {"dimension", "score", "change", "others", "gap"}
    assert summary["dimensions"][0]["change"] == pytest.approx(50.0)
    json.dumps(summary, allow_nan=False)


def test_summary_sentence_mentions_the_weakest(history, tiny):
    sentence = assessment.summary_sentence(history, tiny)
    assert "dimension b" in sentence and "2026-04-05" in sentence


def test_share_respondents():
    frame = pd.DataFrame({"respondent": ["peer:Sam", "self", "peer:Alex", "manager", "peer:Sam"]})
    shared = assessment.share_respondents(frame)
    assert list(shared["respondent"]) == ["peer 2", "self", "peer 1", "manager", "peer 2"]
    assert assessment.share_respondents(frame, share=False) is frame
    assert assessment.shared_name("peer:Sam", frame) == "peer 2"


# --------------------------------------------------------------------------- Cronbach's alpha
def test_cronbach_alpha_textbook(tiny):
    # Four people, items b1..b4 on 1-5. By hand: item variances (ddof 1)
    # b1: [1,2,4,5] -> 3.3333; b2: [2,2,4,4] -> 1.3333; b3: [1,3,3,5] -> 2.6667; b4: [2,3,3,4] -> 0.6667
    # sum = 8.0; totals [6,10,14,18] -> variance 26.6667; alpha = 4/3 * (1 - 8/26.6667) = 0.9333...
    matrix = {"b1": [1, 2, 4, 5], "b2": [2, 2, 4, 4], "b3": [1, 3, 3, 5], "b4": [2, 3, 3, 4]}
    people = ["self", "manager", "peer:A", "peer:B"]
    rows = responses([("2026-01-05", who, item, values[k]) for item, values in matrix.items()
                      for k, who in enumerate(people)])
    alpha = assessment.cronbach_alpha(rows, tiny).set_index("dimension")
    assert alpha.loc["b", "alpha"] == pytest.approx(4 / 3 * (1 - 8 / (80 / 3)))
    assert alpha.loc["b", "alpha"] == pytest.approx(0.93333, abs=1e-4)
    assert alpha.loc["b", "complete"] == 4
    assert math.isnan(alpha.loc["a", "alpha"]) and "needs at least 3" in alpha.loc["a", "note"]


def test_cronbach_alpha_flips_reverse_items(tiny):
    # a2 is reverse-coded: answering it "against" a1 and a3 is consistent, so alpha is high.
    rows = responses([("2026-01-05", who, item, value) for who, base in (("self", 1), ("manager", 3), ("peer:A", 5))
                      for item, value in (("a1", base), ("a2", 6 - base), ("a3", base))])
    assert assessment.cronbach_alpha(rows, tiny).set_index("dimension").loc["a", "alpha"] == pytest.approx(1.0)


# --------------------------------------------------------------------------- record
def test_record_appends_and_validates(tmp_path, tiny):
    path = tmp_path / "answers.csv"
    assessment.record(path, tiny, "self", {"a1": 4, "a2": None}, "2026-01-05")
    assessment.record(path, tiny, "peer:Alex", {"b1": 2}, "2026-01-06")
    table = assessment.load_responses(path, tiny)
    assert list(table["item"]) == ["a1", "b1"] and list(table["respondent"]) == ["self", "peer:Alex"]
    with pytest.raises(DataError):
        assessment.record(path, tiny, "self", {"a1": 9}, "2026-01-07")
    with pytest.raises(DataError):
        assessment.record(path, tiny, "boss", {"a1": 3}, "2026-01-07")
    with pytest.raises(DataError):
        assessment.record(path, tiny, "self", {}, "2026-01-07")
    assert len(assessment.load_responses(path, tiny)) == 2


def test_record_crash_mid_write_keeps_old_file(tmp_path, tiny, monkeypatch):
    path = tmp_path / "answers.csv"
    assessment.record(path, tiny, "self", {"a1": 4}, "2026-01-05")
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        assessment.record(path, tiny, "self", {"a2": 1}, "2026-01-06")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _record_many(args):
    path, instrument_path, who = args
    for k in range(15):
        assessment.record(path, instrument_path, who, {"a1": 1 + k % 5, "b1": 3}, "2026-01-05")


def test_concurrent_record_loses_nothing(tmp_path):
    instrument_path = write_instrument(tmp_path)
    path = tmp_path / "answers.csv"
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        pool.map(_record_many, [(str(path), str(instrument_path), who) for who in ("self", "manager", "peer:Sam")])
    table = assessment.load_responses(path, assessment.load_instrument(instrument_path))
    assert len(table) == 3 * 15 * 2
    assert table.groupby("respondent").size().to_dict() == {"manager": 30, "peer:Sam": 30, "self": 30}


def test_record_into_non_utf8_file_is_a_data_error_and_changes_nothing(tmp_path, tiny):
    path = tmp_path / "answers.csv"
    path.write_bytes((CSV_HEADER + "2026-01-05,peer:Zoë,tiny,a1,4\n").encode("latin-1"))
    before = path.read_bytes()
    with pytest.raises(DataError) as caught:
        assessment.record(path, tiny, "self", {"a1": 3}, "2026-01-06")
    assert "UTF-8" in str(caught.value) and caught.value.line == 2 and "answers.csv" in str(caught.value)
    assert path.read_bytes() == before


def test_record_accepts_a_quoted_header(tmp_path, tiny):
    path = tmp_path / "answers.csv"
    path.write_text('"date","respondent","instrument","item","score"\n2026-01-05,self,tiny,a1,4\n', encoding="utf-8")
    assessment.record(path, tiny, "peer:Doe, J", {"b1": 2}, "2026-01-06")
    table = assessment.load_responses(path, tiny)
    assert list(table["item"]) == ["a1", "b1"] and list(table["respondent"]) == ["self", "peer:Doe, J"]


def test_record_keeps_the_files_column_order(tmp_path, tiny):
    path = tmp_path / "answers.csv"
    path.write_text("score,item,note,respondent,date,instrument\n4,a1,first,self,2026-01-05,tiny", encoding="utf-8")
    assessment.record(path, tiny, "manager", {"b2": 5}, "2026-01-06")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "score,item,note,respondent,date,instrument"
    assert lines[2] == "5.0,b2,,manager,2026-01-06,tiny"
    table = assessment.load_responses(path, tiny)
    assert table[["respondent", "item", "score"]].values.tolist() == [["self", "a1", 4.0], ["manager", "b2", 5.0]]


def test_record_names_a_missing_column(tmp_path, tiny):
    path = tmp_path / "answers.csv"
    path.write_text("date,respondent,item,score\n2026-01-05,self,a1,4\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DataError) as caught:
        assessment.record(path, tiny, "self", {"a1": 3}, "2026-01-06")
    assert (caught.value.line, caught.value.column) == (1, "instrument")
    assert path.read_bytes() == before


def test_peer_names_differing_in_case_are_one_respondent_in_both_modes(tmp_path, tiny):
    path = write_csv(tmp_path, "2026-01-05,self,tiny,b1,4\n2026-01-05,peer:Alex,tiny,b1,2\n"
                               "2026-01-05,peer:alex,tiny,b2,4\n2026-01-05,PEER: ALEX ,tiny,b3,5\n")
    answers = assessment.load_responses(path, tiny)
    assert set(answers["respondent"]) == {"self", "peer:Alex"}
    normal = assessment.score(assessment.share_respondents(answers, False), tiny)
    shared = assessment.score(assessment.share_respondents(answers, True), tiny)
    assert normal["respondent"].nunique() == shared["respondent"].nunique() == 2
    peer_normal = normal.loc[normal["respondent"] == "peer:Alex"].reset_index(drop=True)
    peer_shared = shared.loc[shared["respondent"] == "peer 1"].reset_index(drop=True)
    pd.testing.assert_frame_equal(peer_normal.drop(columns="respondent"), peer_shared.drop(columns="respondent"))
    assert peer_normal.set_index("dimension").loc["b", "answered"] == 3
    assert assessment.shared_name("peer:ALEX", answers) == "peer 1"


def test_label_of_a_point_between_labels_is_empty(tiny):
    assert tiny.label(3) == tiny.label(3.0) == "half"
    assert tiny.label(3.5) == "" and tiny.label(float("nan")) == "" and tiny.label(None) == ""


def test_cronbach_alpha_scores_units_once(tiny, monkeypatch):
    rows = responses([("2026-01-05", who, item, 3) for who in ("self", "manager") for item in ("a1", "b1")])
    calls = []
    original = assessment.unit_scores
    monkeypatch.setattr(assessment, "unit_scores", lambda *a: calls.append(1) or original(*a))
    assessment.cronbach_alpha(rows, tiny)
    assert len(calls) == 1
