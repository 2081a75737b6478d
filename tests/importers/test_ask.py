"""Asking the open questions in a terminal, driven with text streams (the real terminal
is in tests/test_cli_ask.py)."""

from __future__ import annotations

import io
import tomllib

import pytest

from careerlib.importers import ask, open_questions, read_applications
from careerlib.importers.questions import Choice, Question
from import_files import UNKNOWN_WORDS, two_log_workbook, unknown_words_log, write

STATUS_Q = Question(
    "status",
    ("statuses", "Kwak"),
    "What does 'Kwak' mean?",
    ("2 rows",),
    (Choice("applied", "applied", "still waiting"), Choice("rejected", "rejected", "ended: rejected")),
    default=1,
)


@pytest.fixture
def unknown_words(tmp_path):
    """Dates that read both ways and three status words no table knows."""
    return unknown_words_log(tmp_path / "Meine Bewerbungen.csv")


def run(path, typed: str, **kwargs):
    out = io.StringIO()
    return ask.ask_all(path, stdin=io.StringIO(typed), stdout=out, **kwargs), out.getvalue()


def test_a_number_picks_a_choice_and_enter_the_default():
    assert ask.ask(STATUS_Q, 1, 1, stdin=io.StringIO("1\n"), stdout=io.StringIO()) == 0
    assert ask.ask(STATUS_Q, 1, 1, stdin=io.StringIO("\n"), stdout=io.StringIO()) == 1


def test_a_bad_answer_asks_again_and_question_mark_explains():
    out = io.StringIO()
    assert ask.ask(STATUS_Q, 1, 1, stdin=io.StringIO("0\nthree\n3\n?\n 1 \n"), stdout=out) == 0
    text = out.getvalue()
    assert text.count("is not one of the choices") == 3
    assert "1. applied: still waiting" in text and "2. rejected: ended: rejected" in text
    assert text.count("Answer 1-2 (Enter: 2") == 5


def test_the_default_is_marked_and_the_evidence_shown():
    shown = ask.render(STATUS_Q, 2, 5)
    assert shown.startswith("[2/5] What does 'Kwak' mean?")
    assert "      2 rows" in shown
    assert "  * 2. rejected  (proposed)" in shown and "    1. applied\n" in shown


def test_end_of_input_stops_without_an_answer():
    with pytest.raises(ask.Stopped):
        ask.ask(STATUS_Q, 1, 1, stdin=io.StringIO("9\n"), stdout=io.StringIO())
    with pytest.raises(ask.Stopped):
        ask.confirm("Save?", default=True, stdin=io.StringIO(""), stdout=io.StringIO())


def test_confirm_takes_yes_no_and_the_default():
    assert ask.confirm("Save?", default=True, stdin=io.StringIO("\n"), stdout=io.StringIO())
    assert not ask.confirm("Save?", default=True, stdin=io.StringIO("maybe\nN\n"), stdout=io.StringIO())
    assert ask.confirm("Save?", default=False, stdin=io.StringIO("yes\n"), stdout=io.StringIO())


def test_control_characters_from_the_file_are_escaped():
    hostile = Question("status", ("statuses", "x"), "What does '\x1b[2J\x07' mean?", ("\rline",), STATUS_Q.choices)
    text = ask.render(hostile, 1, 1)
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "\\x1b[2J\\x07" in text


def test_unknown_kinds_are_asked_like_any_other():
    sheet = Question(
        "sheet", ("sheet",), "Which sheet holds the log?", ("2 sheets",), (Choice("A", "A"), Choice("B", "B"))
    )
    asked = iter([[sheet], [sheet]])  # the same question again is not asked twice
    answered, out = run("f.xlsx", "2\n", questions_for=lambda path, mapping: next(asked, []))
    assert answered.mapping == {"sheet": "B"} and len(answered.asked) == 1
    assert "Which sheet holds the log?" in out


def test_answers_that_reveal_questions_are_asked_in_a_second_round():
    column = Question(
        "column",
        ("columns", "status"),
        "Which column holds the status?",
        (),
        (Choice("Stand", "Stand"), Choice("", "none")),
    )
    word = Question("status", ("statuses", "offen"), "What does 'offen' mean?", (), STATUS_Q.choices)
    seen = []

    def questions_for(path, mapping):
        seen.append(mapping)
        if not mapping:
            return [column]
        return [word] if "statuses" not in mapping else []

    answered, out = run("f.csv", "1\n1\n", questions_for=questions_for)
    assert answered.mapping == {"columns": {"status": "Stand"}, "statuses": {"offen": "applied"}}
    assert seen == [None, {"columns": {"status": "Stand"}}, answered.mapping]
    assert "Your answers raise 1 more question." in out


def test_problems_are_not_asked():
    problem = Question("problem", (), "2 cells could not be read")
    answered, out = run("f.csv", "", questions_for=lambda path, mapping: [problem])
    assert answered.mapping == {} and not answered.asked and out == ""


def test_typed_answers_become_the_mapping_that_imports_the_file(unknown_words, tmp_path):
    # order: month-first; Kwak: applied (1); Plonk: rejected (6); Zorb: offer (4)
    answered, out = run(unknown_words, "2\n1\n6\n4\n")
    assert answered.mapping == {
        "dates": {"order": "month-first"},
        "statuses": {"Kwak": "applied", "Plonk": "rejected", "Zorb": "offer"},
    }
    assert "[4/4] What does the status 'Zorb' mean?" in out
    saved = ask.write_mapping(tmp_path / "m.toml", answered.mapping, source=unknown_words)
    assert tomllib.loads(saved.read_text()) == answered.mapping
    assert open_questions(unknown_words, saved) == []
    log, _ = read_applications(unknown_words, saved)
    assert log["outcome"].tolist().count("rejected") == 2 and log["offer"].notna().sum() == 1


def test_every_default_gives_a_mapping_that_imports_the_file(unknown_words):
    answered, _ = run(unknown_words, "\n" * 10)
    assert len(answered.asked) == 4
    assert open_questions(unknown_words, answered.mapping) == []
    log, summary = read_applications(unknown_words, answered.mapping)
    # words with no clue are proposed 'not applied': every row is left out, and counted
    assert len(log) == 0 and summary.not_applied == len(UNKNOWN_WORDS)


def test_a_given_mapping_is_kept_and_extended(unknown_words, tmp_path):
    given = write(tmp_path / "given.toml", '[dates]\norder = "day-first"\n')
    answered, out = run(unknown_words, "\n\n\n", mapping=given)
    assert answered.mapping["dates"] == {"order": "day-first"} and "day first or month first" not in out
    assert set(answered.mapping["statuses"]) == {"Kwak", "Plonk", "Zorb"}


def test_the_mapping_is_saved_beside_the_source(unknown_words):
    assert ask.mapping_beside(unknown_words) == unknown_words.with_name("Meine Bewerbungen.mapping.toml")


def test_the_sheet_is_asked_like_any_other_question(tmp_path):
    """Issue 18: two sheets look like logs: the terminal asks which, with the proposed
    sheet's own questions in the same round."""
    path = two_log_workbook(tmp_path / "search.xlsx")
    answered, text = run(path, "2\n")  # the second sheet; its words are all known: nothing more to ask
    assert answered.mapping == {"sheet": "2025"} and [q.key for q in answered.asked][0] == ("sheet",)
    assert "Which sheet holds your job-search log?" in text and "2. 2025" in text
    assert open_questions(path, answered.mapping) == []
    defaults, _ = run(path, "\n\n")  # the proposed sheet, and its unknown word as proposed
    assert defaults.mapping == {"sheet": "2024", "statuses": {"Wibble": "not applied"}}
