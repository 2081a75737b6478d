"""A CSV whose first line is a note or data, not its header: asked, never guessed."""

from __future__ import annotations

from careerlib.importers.headerless import column_names, header_question
from import_files import HEADERLESS_ROWS, NOTE_ROWS, STATUS_HEADER, STATUS_ROWS, csv_text, rows_text


def ask(text: str, above: int = 0, delimiter: str = ","):
    return header_question(text.encode("utf-8"), above=above, delimiter=delimiter)


def test_rows_with_no_header_line_ask_for_names_with_samples_per_position():
    question = ask(rows_text(HEADERLESS_ROWS), above=2)
    assert question.key == ("header",) and question.line == 3
    assert question.default_choice.value == {"header": column_names(6)}
    assert "a date in column 3, as in the rows below" in question.evidence[0]
    assert "column 1: 'Empresa X', 'Firma Y', 'Loja Z'" in question.evidence
    assert question.choices[1].value == {"skip_lines": 0}  # or: the first line is the header after all


def test_a_note_above_headerless_rows_is_skipped_and_the_rows_named():
    question = ask("\nWrong month!\n" + rows_text(NOTE_ROWS))
    assert question.line == 3
    assert question.default_choice.value == {"skip_lines": 2, "header": column_names(8)}
    assert "line(s) 2 hold 1 filled cell(s) where the rows below hold 8" in question.evidence[0]
    assert "a number in column 1, a link in column 5" in question.evidence[0]


def test_a_note_above_a_real_header_proposes_skipping_the_note_only():
    question = ask("My search, autumn\n" + csv_text(STATUS_HEADER, STATUS_ROWS))
    assert question.default_choice.value == {"skip_lines": 1}
    assert question.choices[1].value == {"skip_lines": 1, "header": column_names(len(STATUS_HEADER))}


def test_a_file_with_a_header_asks_nothing():
    assert ask(csv_text(STATUS_HEADER, STATUS_ROWS)) is None
    assert ask("Company;Applied;Status\nAcme;2025-01-02;Applied\n", delimiter=";") is None
    assert ask("Company,Applied\n") is None  # no rows to compare with
    # a header of days (a grid) is not data: its cells below are names, not dates
    assert ask("2025-01-02,2025-01-03\nAcme,Beta\nGamma,\n") is None
    # a two-column file with a one-word first line: too few cells to call it a note
    assert ask("Companies\nAcme,2025-01-02\n") is None
