"""One DataError for everything undecided, with a mapping snippet that is valid TOML."""

from __future__ import annotations

import tomllib

import pytest

from careerlib import DataError
from careerlib.importers.decisions import Decisions, Seen, UnplacedRows
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
    assert tomllib.loads(snippet) == {"sheet": 'Log "A"\t1', "statuses": {"Kwak": "applied"}}


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
    assert tomllib.loads(snippet) == {"skip_lines": 2, "header": column_names(3), "statuses": {"Kwak": "applied"}}
