"""The open questions as values: the mapping their answers give, written as TOML."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.importers import decisions, open_questions, questions, read_applications
from careerlib.importers.questions import (
    Choice,
    Question,
    answers_to_mapping,
    mapping_toml,
    toml_string,
)
from import_files import csv_text, write

STATUS_Q = Question(
    "status", ("statuses", "Tech Screen"), "?", choices=(Choice("applied", "a"), Choice("screen", "s")), default=1
)
COLUMN_Q = Question(
    "column",
    ("columns", "applied"),
    "?",
    # two candidates found by content (they say why), one other header offered as well
    choices=(
        Choice("Datum", "Datum", "dates in 90% of rows"),
        Choice("Seen", "Seen", "dates in 60% of rows"),
        Choice("Company", "Company"),
        Choice("", "none"),
    ),
)
FLAG_Q = Question("flag", ("flags", "G"), "?", choices=(Choice("yes", "yes"), Choice("no", "no")), default=1)


def test_defaults_fill_the_contract_shape_and_keep_the_base():
    mapping = answers_to_mapping([STATUS_Q, COLUMN_Q, FLAG_Q], base={"sheet": "Log", "flags": {"no": ["-"]}})
    assert mapping == {
        "sheet": "Log",
        "flags": {"no": ["-", "G"]},
        "statuses": {"Tech Screen": "screen"},
        "columns": {"applied": "Datum"},
    }


def test_answers_by_index_and_none_for_a_column_ignores_its_candidates():
    mapping = answers_to_mapping([STATUS_Q, COLUMN_Q, FLAG_Q], {STATUS_Q.key: 0, COLUMN_Q.key: 3, FLAG_Q.key: 0})
    # the company column, offered only because every header is, stays read
    assert mapping == {"statuses": {"Tech Screen": "applied"}, "ignore": ["Datum", "Seen"], "flags": {"yes": ["G"]}}
    with pytest.raises(ValueError):
        answers_to_mapping([STATUS_Q], {STATUS_Q.key: 7})


def test_problems_give_no_mapping_entry():
    assert answers_to_mapping([Question("problem", (), "a cell is not a date")]) == {}


@given(st.text(), st.text())
def test_any_text_is_written_as_safe_toml_and_read_back(key, value):
    text = mapping_toml({"sheet": value, "ignore": [key], "statuses": {key: value}}, comments={("sheet",): key})
    assert not any(ord(c) < 0x20 and c != "\n" for c in text)  # no raw control characters
    assert tomllib.loads(text) == {"sheet": value, "ignore": [key], "statuses": {key: value}}


def test_toml_string_escapes_control_characters():
    assert toml_string('a"b\\\x00\n') == '"a\\"b\\\\\\u0000\\n"'


def test_open_questions_of_a_file_that_loads_is_empty(tmp_path):
    path = write(
        tmp_path / "log.csv", csv_text(["Company", "Date Applied", "Status"], [["A", "2024-01-02", "Applied"]])
    )
    assert open_questions(path) == []


def test_open_questions_never_raise_and_carry_the_problem(tmp_path):
    (found,) = open_questions(tmp_path / "missing.csv")
    assert found.kind == "problem" and "missing.csv" in found.prompt


def test_the_error_and_open_questions_are_the_same_list(tmp_path):
    path = write(
        tmp_path / "log.csv",
        csv_text(["Yritys", "Date", "Stage"], [["A", "3/4/2020", "Tech Screen"], ["B", "4/3/2020", "Bar Raiser"]]),
    )
    with pytest.raises(DataError) as caught:
        read_applications(path)
    asked = open_questions(path)
    assert asked == caught.value.questions
    assert {q.key for q in asked} == {
        ("columns", "company"),
        ("dates", "order"),
        ("statuses", "Tech Screen"),
        ("statuses", "Bar Raiser"),
    }
    log, summary = read_applications(path, answers_to_mapping(asked))
    assert list(log["company"]) == ["A"] and summary.not_applied == 1  # 'Bar Raiser': no clue, not applied


def _every_layout():
    import import_files as f

    return {
        "linkedin": (f.LINKEDIN_HEADER, f.LINKEDIN_ROWS),
        "jobsync": (f.JOBSYNC_HEADER, f.JOBSYNC_ROWS),
        "simplify": (f.SIMPLIFY_HEADER, f.SIMPLIFY_ROWS),
        "status": (f.STATUS_HEADER, f.STATUS_ROWS),
        "stages": (f.STAGES_HEADER, f.STAGES_ROWS),
        "history": (f.HISTORY_HEADER, f.HISTORY_ROWS),
        **f.CONTENT_LAYOUTS,
    }


LAYOUTS = _every_layout()
WORDS = ["", "Y", "N", "G", "ja", "Tech Screen", "Bar Raiser", "3/4/2020", "2025-08", "Haettu", "✓", "1", "soon"]


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
@given(
    name=st.sampled_from(sorted(LAYOUTS)),
    edits=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20), st.sampled_from(WORDS)), max_size=4),
    renamed=st.sampled_from([None, "Yritys", "Tila", "Päivä"]),
)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_answering_every_question_with_its_default_imports_the_file(tmp_path, name, edits, renamed):
    header, rows = LAYOUTS[name]
    header, rows = list(header), [list(r) for r in rows]
    for row, column, word in edits:
        rows[row % len(rows)][column % len(header)] = word
    if renamed and renamed not in header:
        header[0] = renamed  # an unknown header: found by content, or asked about
    path = write(tmp_path / "log.csv", csv_text(header, rows))
    asked = open_questions(path)
    if any(q.kind == "problem" for q in asked):  # a cell to fix in the file: no answer fixes it
        return
    log, summary = read_applications(path, answers_to_mapping(asked))
    assert summary.imported == len(log)


def test_the_status_choices_are_public_and_each_one_is_a_mapping_answer(tmp_path):
    """Every status choice the questions offer loads as a ``[statuses]`` answer (the old
    name in ``decisions`` is the same tuple)."""
    assert decisions.STATUS_CHOICES is questions.STATUS_CHOICES
    path = write(tmp_path / "log.csv", csv_text(["Company", "Applied", "Status"], [["Acme", "2025-01-02", "Kwak"]]))
    for choice in questions.STATUS_CHOICES:
        log, _ = read_applications(path, {"statuses": {"Kwak": choice.value}})
        assert len(log) == (0 if choice.value == "not applied" else 1)


@given(
    name=st.sampled_from(sorted(LAYOUTS)),
    note=st.sampled_from(["", "Wrong month!\n", "\n# my notes\n"]),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_log_without_its_header_line_imports_with_the_default_answers(tmp_path, name, note):
    header, rows = LAYOUTS[name]
    path = write(tmp_path / "log.csv", note + csv_text(header, rows).split("\n", 1)[1])
    asked = open_questions(path)
    if any(q.kind == "problem" for q in asked):  # a cell to fix in the file: no answer fixes it
        return
    log, summary = read_applications(path, answers_to_mapping(asked))
    assert summary.imported == len(log)
