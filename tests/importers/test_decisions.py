"""One DataError for everything undecided, with a mapping snippet that is valid TOML."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.importers.decisions import Candidate, Decisions, Seen, UnplacedRows
from careerlib.importers.headerless import column_names, header_question


def test_nothing_to_decide_raises_nothing():
    Decisions("log.csv").raise_if_any()


def test_every_kind_of_question_in_one_message_and_a_valid_snippet():
    d = Decisions("log.csv")
    d.missing_column("company", ["Firma", "Datum"])
    d.order = Seen("03/04/2025", 3, 5, "Datum")
    d.year = Seen("3/14", 2, 7, "Datum")
    d.unknown_status('Tech "Screen"', 4, 3, "Stage")
    d.unreadable([9, 4], ["soon", "later"], column="Datum", problem="not a date", total=12)
    d.undated = UnplacedRows(2, [6, 8])
    with pytest.raises(DataError) as caught:
        d.raise_if_any()
    err = caught.value
    assert err.file == "log.csv" and err.line == 1 and err.column == "company"
    text = str(err)
    for part in (
        "no column found for company",
        "'Firma', 'Datum'",
        "3 date(s) such as '03/04/2025'",
        "'3/14' (line 7",
        "'Tech \"Screen\"' (4 row(s), first on line 3)",
        "lines 6, 8",
        "12 cell(s) could not be read: line 4, column 'Datum', value 'later'",
        "(and 10 more)",
    ):
        assert part in text, part
    snippet = tomllib.loads(text.split("mapping_path):\n", 1)[1])
    assert snippet["columns"] == {"company": "Firma"} and snippet["statuses"] == {'Tech "Screen"': "screen"}
    assert snippet["dates"]["order"] == "day-first" and isinstance(snippet["dates"]["year"], int)
    assert snippet["rows_without_date"] == "leave out"  # or the dates filled in, as the comment says
    assert [q.kind for q in err.questions] == ["column", "order", "year", "status", "rows", "problem"]


def test_only_unreadable_cells_print_no_snippet():
    d = Decisions("log.csv")
    d.unreadable([3], ["x"], column="Date", problem="not a date", total=1)
    with pytest.raises(DataError) as caught:
        d.raise_if_any()
    assert "mapping" not in str(caught.value) and caught.value.line == 3


def test_the_none_choice_says_how_to_write_it_and_that_mapping_loads(tmp_path):
    from careerlib.importers import read_applications

    log = tmp_path / "log.csv"
    rows = [f"Firm {i},2025-02-{i + 1:02d},{['sent', 'nope', 'talking'][i % 3]}" for i in range(9)]
    log.write_text("Company,Date Applied,Phase\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_applications(log)
    status_line = next(line for line in str(caught.value).splitlines() if line.startswith("status = "))
    assert 'for none, replace this line by ignore = ["Phase"] before the first table' in status_line
    mapping = tmp_path / "map.toml"
    mapping.write_text('ignore = ["Phase"]\n', encoding="utf-8")  # what the comment says to write
    found, summary = read_applications(log, mapping)
    assert len(found) == 9 and "Phase" in summary.text()


def test_the_sheet_question_comes_first_and_its_snippet_is_valid_toml():
    d = Decisions("book.xlsx [Log]")
    d.choose_sheet(
        ['Log "A"\t1', "Log B"], ["'Log \"A\"\\t1' (company column 'Firma')", "'Log B' (company column 'Firma')"]
    )
    d.unknown_status("Kwak", 2, 3, "Stand")
    assert [q.key for q in d.questions()] == [("sheet",), ("statuses", "Kwak")]
    with pytest.raises(DataError) as caught:
        d.raise_if_any()
    text = str(caught.value)
    assert caught.value.column == "sheet" and "2 sheets look like job-search logs" in text
    snippet = text.split("--map FILE (or mapping= / mapping_path):\n\n", 1)[1]
    assert "\t" not in snippet  # the sheet's name is escaped, never raw
    assert tomllib.loads(snippet) == {"sheet": 'Log "A"\t1', "statuses": {"Kwak": "not applied"}}


def _proposed(word: str, **kw) -> str:
    from careerlib.importers.decisions import STATUS_CHOICES, _status_guess

    return STATUS_CHOICES[_status_guess(word, **kw)].value


@pytest.mark.parametrize(
    "word",
    [
        "Not_Applied",  # snake_case, camelCase, hyphens: the same words
        "not-applied",
        "NotApplied",
        "Not_Interested",
        "never applied",
        "yet to apply",
        "Noch nicht beworben",  # German
        "Pas encore postulé",  # French
        "Niet gesolliciteerd",  # Dutch
        "No postulado",  # Spanish
        "Ainda não candidatado",  # Portuguese
        "Nie wysłane",  # Polish
        "save",
        "Prêt à envoyer",
        "Prêt à postuler",
        "À postuler",
        "Bereit zum Senden",
        "Entwurf v2",
        "Saved for later",
        "Interested",  # a job kept for later ('Not interested' is close)
    ],
)
def test_a_word_that_says_the_job_was_not_applied_to_is_proposed_not_applied(word):
    assert _proposed(word) == "not applied"


@pytest.mark.parametrize(
    "word, rule",
    [
        ("Tech Screen", "screen"),  # a known word inside it
        ("Interview Request", "interview"),
        ("Ready for interview", "interview"),  # a later stage wins over 'ready'
        ("Application Acknowledgment", "applied"),
        ("Applied - no response", "ghosted"),  # 'no' before 'response', not before 'applied'
        ("Submitted, no reply yet", "ghosted"),
        ("Bewerbung raus", "applied"),  # an applying word, no negation
        ("Keep In Touch / Future Consideration", "rejected"),  # a polite no
    ],
)
def test_a_word_with_a_clue_is_proposed_by_it(word, rule):
    assert _proposed(word) == rule


@pytest.mark.parametrize("word", ["on_hold", "Other (Security Alert)", "Informational / General Company Email", "Kwak"])
def test_a_word_with_no_clue_is_proposed_not_applied_unless_its_column_was_found_by_content(word):
    assert _proposed(word) == "not applied"
    assert _proposed(word, column_found_by_content=True) == "applied"


def test_not_applied_is_never_cut_off_in_the_snippet():
    d = Decisions("log.csv")
    d.unknown_status("Wibble", 2, 3, "Status")  # proposed: not applied
    d.unknown_status("Tech Screen", 1, 4, "Status")  # proposed: screen
    with pytest.raises(DataError) as caught:
        d.raise_if_any()
    lines = {line.split(" = ")[0]: line for line in str(caught.value).splitlines() if " = " in line}
    assert lines["Wibble"].startswith("Wibble = \"not applied\"  # proposed; or: 'applied'")
    assert "'not applied'" not in lines["Wibble"]  # the proposal is not repeated among the others
    screen = lines['"Tech Screen"']
    assert screen.endswith(", ..., 'not applied'") and screen.count("'") // 2 == 8  # 7 others, then 'not applied'


def test_a_status_column_found_by_content_proposes_applied_for_unknown_words():
    d = Decisions("log.csv")
    d.missing_column("status", ["Firma", "Stand"], [Candidate("Stand", "2 distinct word(s)")])
    d.unknown_status("Kwak", 2, 3, "Stand")
    asked = {q.key: q for q in d.questions()}
    assert asked[("statuses", "Kwak")].default_choice.value == "applied"


def test_the_first_message_proposes_not_applied_for_words_that_say_so(tmp_path):
    """A log whose status words say 'not applied' in several ways: the one message proposes
    'not applied' for each, and the snippet, accepted as it is, leaves those rows out."""
    from careerlib.importers import read_applications
    from import_files import csv_text, write

    rows = [
        ["Acme", "2025-03-02", "Applied"],
        ["Beta", "2025-03-03", "never_applied"],
        ["Gamma", "2025-03-04", "Pas encore postulé"],
        ["Delta", "2025-03-05", "on_hold"],
        ["Eps", "2025-03-06", "Bereit zum Senden"],
        ["Zeta", "2025-03-07", "Phone screen booked"],
    ]
    path = write(tmp_path / "log.csv", csv_text(["Company", "Date", "Status"], rows))
    with pytest.raises(DataError) as caught:
        read_applications(path)
    text = str(caught.value)
    for word in ("never_applied", '"Pas encore postulé"', "on_hold", '"Bereit zum Senden"'):
        assert f'{word} = "not applied"  # proposed' in text, word
    assert '"Phone screen booked" = "screen"  # proposed' in text
    snippet = text.split("mapping_path):\n\n", 1)[1]
    log, summary = read_applications(path, tomllib.loads(snippet))
    assert log["company"].tolist() == ["Acme", "Zeta"] and summary.not_applied == 4


@given(st.text(max_size=40), st.booleans())
def test_any_word_gets_a_proposal_among_the_choices(word, by_content):
    from careerlib.importers.decisions import STATUS_CHOICES, _status_guess

    assert 0 <= _status_guess(word, column_found_by_content=by_content) < len(STATUS_CHOICES)


def test_the_header_question_writes_top_level_keys_before_the_tables():
    d = Decisions("log.csv")
    d.header = header_question(b"\nNote\n1,Acme,2025-01-02\n2,Beta,2025-01-03\n", above=0, delimiter=",")
    d.unknown_status("Kwak", 2, 3, "Column 2")
    with pytest.raises(DataError) as caught:
        d.raise_if_any()
    text = str(caught.value)
    assert "Is line 3 the header, or is it data" in text and "column 2: 'Acme', 'Beta'" in text
    snippet = text.split("--map FILE (or mapping= / mapping_path):\n\n", 1)[1]
    assert snippet.index("skip_lines = 2") < snippet.index("header = [") < snippet.index("[statuses]")
    assert "# proposed; rename the columns as you like" in snippet and "or: skip_lines = 2" in snippet
    assert tomllib.loads(snippet) == {"skip_lines": 2, "header": column_names(3), "statuses": {"Kwak": "not applied"}}
