"""Recording answers (careerlib/assessment/record.py): validated, appended under a lock, atomic."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from assessment_helpers import CSV_HEADER, write_instrument
from careerlib import DataError, assessment


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


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
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
