"""Shared reading and writing helpers (careerlib/io.py); the loaders' own tests exercise the rest."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.io import (
    LINE,
    append_csv,
    atomic_write_text,
    distinct,
    file_lock,
    parse_csv_bytes,
    read_csv_bytes,
    read_csv_table,
    read_text,
    read_yaml,
    write_csv,
)


def test_read_yaml_refuses_a_key_given_twice_with_its_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\nb:\n  c: 2\n  c: 3\n")
    with pytest.raises(DataError, match="'c' appears twice") as caught:
        read_yaml(path)
    assert caught.value.line == 4 and "s.yaml" in str(caught.value)


def test_read_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: [1, 2\nb: 3\n")
    with pytest.raises(DataError, match="not valid YAML") as caught:
        read_yaml(path)
    assert caught.value.line is not None


def test_distinct_codes_map_back_to_every_row():
    values = pd.Series(["b", "a", "b", ""])
    codes, uniques = distinct(values)
    assert list(uniques[codes]) == list(values)
    codes, uniques = distinct(pd.Series([], dtype=object))
    assert len(codes) == 0 and len(uniques) == 0


# --------------------------------------------------------------------------- atomic writes, the lock, appending
def test_atomic_write_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "out" / "report.txt"
    atomic_write_text(path, "first")
    assert path.read_text() == "first"

    def crash(*args, **kwargs):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        atomic_write_text(path, "second")
    assert path.read_text() == "first"
    assert [p.name for p in path.parent.iterdir()] == ["report.txt"], "no temporary file left behind"


def test_atomic_write_gives_the_usual_permissions(tmp_path):
    path = atomic_write_text(tmp_path / "x.txt", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_write_csv_has_no_index(tmp_path):
    path = write_csv(pd.DataFrame({"a": [1, 2]}), tmp_path / "t.csv")
    assert path.read_text() == "a\n1\n2\n"


def test_file_lock_refuses_a_second_holder_without_waiting(tmp_path):
    lock = tmp_path / "run.lock"
    with file_lock(lock, holder="123"):
        assert lock.read_text() == "123"
        script = (
            "import sys; from careerlib.io import file_lock\n"
            f"with file_lock({str(lock)!r}, wait=False, busy=lambda who: SystemExit('busy ' + who)): pass\n"
        )
        other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        assert other.returncode != 0 and "busy 123" in other.stderr
    assert lock.read_text() == ""  # released and emptied
    with file_lock(lock, wait=False):
        pass


def test_append_csv_keeps_the_files_header_order_and_line_ending(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_bytes(b"b,a\r\n1,2\r\n")
    append_csv(path, pd.DataFrame({"a": ["x"], "b": ['say "hi", then go']}))
    assert path.read_bytes() == b'b,a\r\n1,2\r\n"say ""hi"", then go",x\r\n'
    assert (tmp_path / "answers.csv.lock").exists()


def test_append_csv_starts_a_missing_file_with_a_header(tmp_path):
    path = tmp_path / "new.csv"
    append_csv(path, pd.DataFrame({"a": ["1"], "b": ["2"]}))
    assert path.read_text() == "a,b\n1,2\n"


def test_append_csv_names_a_missing_column(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("a\n1\n")
    with pytest.raises(DataError) as caught:
        append_csv(path, pd.DataFrame({"a": ["1"], "b": ["2"]}))
    assert caught.value.column == "b" and caught.value.line == 1
    assert path.read_text() == "a\n1\n"


# --------------------------------------------------------------------------- unreadable paths
def test_a_path_the_system_cannot_open_is_a_data_error():
    with pytest.raises(DataError, match="cannot read this file"):
        read_text("x" * 5_000 + ".csv")


# --------------------------------------------------------------------------- the one CSV reader
def test_bytes_and_the_file_read_the_same(tmp_path):
    data = b'\xef\xbb\xbf Name ,when\n"Acme, Inc",2026-01-05\n\n"two\nlines",\n'
    path = tmp_path / "table.csv"
    path.write_bytes(data)
    from_bytes = read_csv_bytes(data, shown_as="table.csv", required=("name",), header_aliases={"name": "name"})
    pd.testing.assert_frame_equal(from_bytes, read_csv_table(path, required=("name",), header_aliases={"name": "name"}))
    assert list(from_bytes.columns) == ["name", "when", LINE]
    assert from_bytes["name"].tolist() == ["Acme, Inc", "two\nlines"]
    assert from_bytes[LINE].tolist() == [2, 4]  # the blank line 3 is counted, the quoted break too


def test_a_row_with_too_many_cells_is_named_by_its_line():
    with pytest.raises(DataError, match="3 cells but the header names 2 columns") as caught:
        read_csv_bytes(b"a,b\n1,2\n1,2,3\n", shown_as="t.csv")
    assert (caught.value.file, caught.value.line) == ("t.csv", 3)
    with pytest.raises(DataError) as caught:  # lines above the parsed bytes count too
        parse_csv_bytes(b"a;b\n1;2\n1;2;3\n", shown="t.csv", sep=";", above=4)
    assert caught.value.line == 7 and "semicolon" in caught.value.problem


def test_every_ragged_line_is_counted_and_the_first_ten_listed_in_one_error():
    wide = {5, 6, 9, 11, 12, 13, 14, 15, 16, 17, 18, 20}  # twelve lines with a cell too many
    narrow = {7, 19}
    lines = ["a,b,c"] + [
        "1,2,3,4" if n in wide else ("1,2" if n in narrow else "1,2,3") for n in range(2, 22)
    ]  # fmt: skip
    lines[8 - 1] = '"two\nlines",2,3'  # a quoted line break: the records after it start a line later
    with pytest.raises(DataError, match="4 cells but the header names 3 columns") as caught:
        read_csv_bytes(("\n".join(lines) + "\n").encode(), shown_as="t.csv")
    problem, shifted = caught.value.problem, sorted(n + (n > 8) for n in wide)
    assert (
        caught.value.line == 5 and f"{len(wide)} lines have more than 3 cells: line 5 (4 cells), line 6 (4)" in problem
    )
    listed = ", ".join(f"line {n} (4)" for n in shifted[1:10])
    assert listed in problem and problem.count("(4") == 10 and problem.endswith("and 2 more; 2 line(s) have fewer "
        "(their last cells are read as empty): line 7 (2 cells), line 20 (2)")  # fmt: skip


def test_one_ragged_line_is_said_as_before():
    with pytest.raises(DataError) as caught:
        parse_csv_bytes(b"a;b\n1;2\n1;2;3\n", shown="t.csv", sep=";", above=4)
    assert caught.value.problem.endswith("must be in double quotes") and caught.value.line == 7


@settings(max_examples=150, deadline=None)
@given(widths=st.lists(st.integers(1, 5), min_size=1, max_size=30))
def test_ragged_rows_are_all_counted_on_their_lines(widths):
    header = 3
    text = ",".join(f"h{i}" for i in range(header)) + "\n" + "".join(",".join("x" * w) + "\n" for w in widths)
    wider = [(i + 2, w) for i, w in enumerate(widths) if w > header]
    try:
        table = read_csv_bytes(text.encode(), shown_as="t.csv")
    except DataError as err:
        assert wider and err.line == wider[0][0]
        if len(wider) > 1:
            assert f"{len(wider)} lines have more than {header} cells" in err.problem
            assert all(f"line {line} ({w}" in err.problem for line, w in wider[:10])
        return
    assert not wider and len(table) == len(widths)


def test_a_first_row_with_one_cell_too_many_is_refused_not_shifted():
    # pandas alone would take the first column for an index and move every cell one column left
    with pytest.raises(DataError, match="3 cells but the header names 2 columns") as caught:
        read_csv_bytes(b"a,b\n1,2,3\n4,5\n", shown_as="t.csv")
    assert caught.value.line == 2
    with pytest.raises(DataError) as caught:
        parse_csv_bytes(b"1,2,3\n", shown="pooled", names=["x", "y"], header=False)
    assert caught.value.line == 1


def test_a_short_row_has_empty_cells_not_missing_ones():
    table = read_csv_bytes(b"a,b,c\n1\n1,2,3\n", shown_as="t.csv")
    assert table[["a", "b", "c"]].values.tolist() == [["1", "", ""], ["1", "2", "3"]]


def test_rows_without_a_header_take_the_names_and_types_given():
    table = parse_csv_bytes(
        b"7,x\n8,\n", shown="pooled", names=["person", "value"], header=False, dtype={"person": np.int64}
    )
    assert table["person"].dtype == np.int64 and table["value"].tolist() == ["x", ""]


def test_bytes_that_are_not_utf8_are_left_to_the_caller_or_refused():
    with pytest.raises(UnicodeDecodeError):  # the importer then tries Windows-1252
        parse_csv_bytes("a\nR\u00e9sum\u00e9\n".encode("cp1252"), shown="t.csv")
    with pytest.raises(DataError, match="not UTF-8"):
        read_csv_bytes("a\nR\u00e9sum\u00e9\n".encode("cp1252"), shown_as="t.csv")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=120) | st.text(alphabet=st.sampled_from(list(',\n"ab1 \r;')), max_size=60).map(str.encode))
def test_any_bytes_give_a_table_or_a_data_error(data):
    try:
        table = read_csv_bytes(data, shown_as="t.csv")
    except DataError as err:
        assert err.file == "t.csv"
        return
    assert table.columns[-1] == LINE and table[LINE].is_monotonic_increasing
    assert not table.drop(columns=LINE).isna().any().any()
