"""Spreadsheet formulas in someone else's export (issue 19, point 7): every CSV careerlib
writes for a user shows them as text in Excel, and careerlib reads them back as typed."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import diagnostics
from careerlib.applications import load_applications
from careerlib.career_history import merge_career
from careerlib.importers.merge import import_applications
from careerlib.io import (
    FORMULA_STARTS,
    append_csv,
    original_formulas,
    quote_formula,
    read_csv_table,
    unquote_formula,
    write_csv,
)

PAYLOADS = ['=HYPERLINK("http://x.example","click")', "+SUM(A1:A9)", "@SUM(1+1)", "-2+3", "=1+1", "\r=1+1"]
HEADER = "company,role,channel,applied,screen,interview,offer,accepted,outcome,notes\n"


def cells(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_is_written_as_text_and_read_back_as_typed(payload):
    written = quote_formula(payload)
    assert written == "'" + payload
    assert unquote_formula(written) == payload


@pytest.mark.parametrize("number", ["-5", "-12.5", "+3", "1,200", "-1e3"])
def test_a_signed_number_stays_a_number(number):
    assert quote_formula(number) == number


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "a", "1", " ", ",", '"', "\n"])))
def test_quoting_round_trips_every_text(text):
    assert unquote_formula(quote_formula(text)) == text
    assert quote_formula(text)[:1] not in FORMULA_STARTS or quote_formula(text) == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "'", "x", "9", ",", '"']), max_size=6),
        min_size=1,
        max_size=5,
    ),
    numbers=st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=5),
)
def test_write_csv_then_careerlibs_reader_gives_back_the_text_and_leaves_numbers(tmp_path, texts, numbers):
    size = min(len(texts), len(numbers))
    table = pd.DataFrame({"text": texts[:size], "amount": numbers[:size], "key": [f"k{i}" for i in range(size)]})
    path = write_csv(table, tmp_path / "out.csv")
    for row in cells(path)[1:]:
        assert row[0][:1] not in ("=", "+", "@", "\t", "\r") and not row[0].startswith("-") or row[0] == ""
        assert float(row[1]) in numbers  # a number (a negative one too) is written as a number
    back = original_formulas(read_csv_table(path))
    assert list(back["text"]) == texts[:size]


def test_import_writes_formulas_quoted_and_the_log_reads_them_as_typed(tmp_path):
    source = tmp_path / "export.csv"
    rows = [
        f'"{p.replace(chr(34), chr(34) * 2)}",Analyst,job board,2026-01-{i + 1:02d},,,,,active,\n'
        for i, p in enumerate(['=HYPERLINK("http://x.example","a")', "+SUM(A1)", "@SUM(1)", "-2+3"])
    ]
    source.write_text(HEADER + "".join(rows), encoding="utf-8")
    log = tmp_path / "applications.csv"
    import_applications(source, log)
    written = [row[0] for row in cells(log)[1:]]
    assert all(cell.startswith("'") for cell in written), written
    again = load_applications(log)
    assert list(again["company"]) == ['=HYPERLINK("http://x.example","a")', "+SUM(A1)", "@SUM(1)", "-2+3"]
    import_applications(source, log)  # the same rows again are recognised as already there
    assert len(load_applications(log)) == 4


def test_a_leading_tab_does_not_become_a_live_formula(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text(HEADER + '"\t=1+1",Analyst,job board,2026-01-01,,,,,active,\n', encoding="utf-8")
    log = tmp_path / "applications.csv"
    import_applications(source, log)
    cell = cells(log)[1][0]
    assert cell.lstrip("\t ")[:1] not in ("=", "+", "-", "@")


def test_career_csv_written_quoted_and_read_back_by_the_diagnostics(tmp_path):
    career = tmp_path / "career.csv"
    roles = pd.DataFrame({"start": ["2021-02-01"], "end": [""], "employer": ['=HYPERLINK("x")'], "title": ["@Lead"]})
    merge_career(career, roles)
    row = dict(zip(cells(career)[0], cells(career)[1]))
    assert row["employer"] == '\'=HYPERLINK("x")' and row["title"] == "'@Lead"
    history = diagnostics.load_career(career)
    assert list(history["employer"]) == ['=HYPERLINK("x")'] and list(history["title"]) == ["@Lead"]
    assert merge_career(career, roles).added == 0  # read back as typed, so the role is recognised


def test_appended_answers_are_quoted_and_read_back(tmp_path):
    path = tmp_path / "answers.csv"
    append_csv(path, pd.DataFrame({"respondent": ["=cmd|' /C calc'!A0"], "score": ["-3"]}))
    assert cells(path)[1] == ["'=cmd|' /C calc'!A0", "-3"]
    assert original_formulas(read_csv_table(path))["respondent"].tolist() == ["=cmd|' /C calc'!A0"]


def test_numbers_and_dates_in_typed_columns_are_untouched(tmp_path):
    table = pd.DataFrame({"when": pd.to_datetime(["2026-01-02"]), "amount": np.array([-4.5]), "count": np.array([-3])})
    path = write_csv(table, tmp_path / "typed.csv")
    assert io.StringIO(path.read_text()).read().splitlines()[1] == "2026-01-02,-4.5,-3"
