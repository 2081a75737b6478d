"""The applications log loader: our template, LinkedIn's export, and every kind of bad file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerlib
from careerlib import DataError
from careerlib.applications import COLUMNS, empty_log, load_applications
from careerlib.importers import read_applications

HEADER = ",".join(COLUMNS)
GOOD_ROWS = [
    "Acme,Analyst,Referral ,2026-01-05,2026-01-09,2026-01-20,2026-02-01,,active,",
    "Beta Co,Engineer,job board,2026-01-06,,,,,rejected,",
    'Gamma,Analyst,REFERRAL,2026-01-07,2026-01-10,,,,ghosted,"note, with comma"',
]


def write(tmp_path: Path, text: str, name: str = "apps.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def log(tmp_path: Path, *rows: str) -> Path:
    return write(tmp_path, "\n".join([HEADER, *rows]) + "\n")


def error_for(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_applications(path)
    return caught.value


def test_reads_the_template_and_normalises_channels(tmp_path):
    apps = load_applications(log(tmp_path, *GOOD_ROWS))
    assert list(apps["channel"]) == ["referral", "job board", "referral"]
    assert apps["applied"].dtype.kind == "M"
    assert list(apps["line"]) == [2, 3, 4]
    assert apps.loc[2, "notes"] == "note, with comma"


def test_header_only_is_an_empty_log(tmp_path):
    apps = load_applications(log(tmp_path))
    assert len(apps) == 0 and set(COLUMNS) <= set(apps.columns)


def test_empty_outcome_means_unknown_and_blank_lines_keep_line_numbers(tmp_path):
    apps = load_applications(log(tmp_path, "A,R,x,2026-01-01,,,,,,", "", "B,R,x,2026-01-02,,,,,,"))
    assert list(apps["outcome"]) == ["unknown", "unknown"]
    assert list(apps["line"]) == [2, 4]


def test_line_numbers_count_line_breaks_inside_quoted_cells(tmp_path):
    path = log(tmp_path, 'A,R,x,2026-01-01,,,,,rejected,"two\nlines"', "B,R,x,2026-13-02,,,,,rejected,")
    err = error_for(path)
    assert err.line == 4 and err.column == "applied" and err.value == "2026-13-02"


@pytest.mark.parametrize(
    "rows, line, column, words",
    [
        (["A,R,x,2026-02-30,,,,,active,"], 2, "applied", "not a date"),
        (["A,R,x,2026-01-05,2026-01-01,,,,active,"], 2, "screen", "before an earlier stage"),
        (["A,R,x,2026-01-05,,2026-01-02,,,active,"], 2, "interview", "before an earlier stage"),
        (["A,R,x,,,,2026-01-09,,active,"], 2, "applied", "offer stage is dated"),
        (["A,R,x,,,,,,active,"], 2, "applied", "'applied' is empty"),
        (["A,R,x,2026-01-05,,,,,maybe,"], 2, "outcome", "unknown outcome"),
        (["A,R,x,2026-01-05,,,,,accepted,"], 2, "offer", "offer"),
        ([",R,x,2026-01-05,,,,,active,"], 2, "company", "company is empty"),
        (GOOD_ROWS[:2] + ["acme,analyst,referral,2026-01-05,,,,,rejected,"], 4, "company", "duplicate"),
    ],
)
def test_bad_rows_name_file_line_column_and_value(tmp_path, rows, line, column, words):
    err = error_for(log(tmp_path, *rows))
    assert (err.line, err.column) == (line, column)
    assert words in str(err) and "apps.csv" in str(err)


def test_duplicate_message_names_the_first_line(tmp_path):
    err = error_for(log(tmp_path, *GOOD_ROWS, GOOD_ROWS[1]))
    assert "line 3" in str(err) and err.line == 5


def test_a_log_without_any_date_column_is_undated(tmp_path):
    apps = load_applications(write(tmp_path, "company,role,channel\nA,R,x\n"))
    assert apps["applied"].isna().all() and list(apps["reached"]) == ["applied"]


def test_no_channel_column_means_unspecified(tmp_path):
    apps = load_applications(write(tmp_path, "company,role,applied\nA,R,2026-01-01\n"))
    assert list(apps["channel"]) == ["unspecified"] and list(apps["outcome"]) == ["unknown"]


def test_a_mapping_is_passed_through(tmp_path):
    path = write(tmp_path, "Name,Date,Stage\nA,3/4/2026,Tech Screen\n")
    apps = load_applications(path, {"dates": {"order": "day-first"}, "statuses": {"Tech Screen": "screen"}})
    assert apps["applied"].dt.strftime("%Y-%m-%d").tolist() == ["2026-04-03"] and apps["screen"].notna().all()


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("company,role\nx\x81,x\n".encode("latin-1"), "neither UTF-8 nor Windows-1252"),
        (b'company,channel,applied,outcome\n"unclosed,x,2026-01-01,active\n', "CSV"),
        (b'{"not": "csv"}\n', "no column found for company"),
    ],
)
def test_files_that_are_not_a_usable_csv(tmp_path, content, words):
    path = tmp_path / "apps.csv"
    path.write_bytes(content)
    err = error_for(path)
    assert words in str(err)


def test_non_utf8_error_names_the_line(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_bytes((HEADER + "\n" + GOOD_ROWS[1] + "\nCaf\x81,R,x,2026-01-01,,,,,active,\n").encode("latin-1"))
    assert error_for(path).line == 3


def test_cp1252_template_is_read(tmp_path):
    path = tmp_path / "apps.csv"
    path.write_bytes((HEADER + "\nCaf\xe9,R,x,2026-01-01,,,,,active,\n").encode("cp1252"))
    assert load_applications(path)["company"].tolist() == ["Caf\xe9"]


def test_missing_file_and_folder(tmp_path):
    assert "not found" in str(error_for(tmp_path / "nope.csv"))
    assert "folder" in str(error_for(tmp_path))


def test_data_error_is_a_value_error():
    assert issubclass(careerlib.DataError, ValueError)


# --------------------------------------------------------------------------- hypothesis
def _good_csv() -> str:
    return "\n".join([HEADER, *GOOD_ROWS]) + "\n"


cell_values = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "2026-01-08",
            "2026-99-01",
            "1/15/24, 10:21 AM",
            "active",
            "ACCEPTED",
            "referral",
            '"',
            ",",
            "\n",
            "é",
            "<b>x</b>",
        ]
    ),
    st.text(max_size=12),
)


@st.composite
def mutated_csv(draw) -> str:
    rows = list(csv.reader(io.StringIO(_good_csv())))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "drop_row", "dup_row", "drop_col", "rename_col", "truncate"]))
        if kind == "cell":
            r = draw(st.integers(0, len(rows) - 1))
            if rows[r]:
                c = draw(st.integers(0, len(rows[r]) - 1))
                rows[r][c] = draw(cell_values)
        elif kind == "drop_row" and len(rows) > 1:
            rows.pop(draw(st.integers(1, len(rows) - 1)))
        elif kind == "dup_row" and len(rows) > 1:
            rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
        elif kind == "drop_col" and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif kind == "rename_col" and rows[0]:
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(cell_values)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()) and text:
        text = text[: draw(st.integers(0, len(text)))]
    return text


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_csv())
def test_any_mutation_gives_a_valid_table_or_a_data_error(tmp_path, text):
    path = tmp_path / "mutated.csv"
    path.write_text(text, encoding="utf-8")
    try:
        apps = load_applications(path)
    except DataError as err:
        assert "mutated.csv" in str(err)
        return
    # A result is a valid log: no record lost (rows never applied to are counted), dates in order, outcomes known.
    records = list(csv.reader(io.StringIO(text, newline="")))[1:]
    summary = read_applications(path)[1]
    merged = sum(len(lines) for _, lines in summary.merged)  # rows identical in every column: one application
    assert len(apps) + summary.not_applied + merged == sum(any(f.strip() != "" for f in record) for record in records)
    assert apps["applied"].notna().all() or (summary.undated and apps["applied"].isna().all())
    stages = ["applied", "screen", "interview", "offer", "accepted"]
    for i, earlier in enumerate(stages):
        for later in stages[i + 1 :]:
            assert not (apps[later] < apps[earlier]).any()
    assert apps["outcome"].isin(["active", "rejected", "withdrawn", "ghosted", "declined", "accepted", "unknown"]).all()


def test_merging_the_same_log_twice_adds_nothing_and_same_key_rows_both_stay():
    """Issue 18: two applications on one day at one company for one title (another city) are both
    kept on the first import; importing the same file again adds nothing."""
    from careerlib.applications import merge_logs

    incoming = empty_log_with(
        [
            ("Acme", "Analyst", "2026-01-05", "Berlin"),
            ("Acme", "Analyst", "2026-01-05", "Munich"),
            ("Beta", "", "2026-01-06", ""),
        ]
    )
    first, fresh = merge_logs(empty_log(), incoming)
    assert len(first) == 3 and fresh.all()
    again, fresh = merge_logs(first, incoming)
    assert len(again) == 3 and not fresh.any()


def empty_log_with(rows):
    import pandas as pd

    log = empty_log()
    table = pd.DataFrame(rows, columns=["company", "role", "applied", "notes"])
    table["applied"] = pd.to_datetime(table["applied"])
    table["channel"], table["outcome"], table["line"] = "unspecified", "unknown", range(2, 2 + len(rows))
    return pd.concat([log, table], ignore_index=True)[log.columns]
