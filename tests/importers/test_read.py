"""Whole-file properties: any mutation of any layout gives a log or a DataError (never
another exception), and template -> import -> template is the identity."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.applications import OUTCOMES, STAGES, to_template
from careerlib.importers import answers_to_mapping, open_questions, read_applications
from careerlib.sample import synthetic_applications
from import_files import (
    CONTENT_LAYOUTS,
    HEADERLESS_NOTES,
    HEADERLESS_ROWS,
    HISTORY_HEADER,
    HISTORY_ROWS,
    JOBSYNC_HEADER,
    JOBSYNC_ROWS,
    LINKEDIN_HEADER,
    LINKEDIN_ROWS,
    SIMPLIFY_HEADER,
    SIMPLIFY_ROWS,
    STAGES_HEADER,
    STAGES_ROWS,
    STATUS_HEADER,
    STATUS_ROWS,
    csv_text,
    rows_text,
    write,
)

LAYOUTS = {
    "linkedin": (LINKEDIN_HEADER, LINKEDIN_ROWS),
    "jobsync": (JOBSYNC_HEADER, JOBSYNC_ROWS),
    "simplify": (SIMPLIFY_HEADER, SIMPLIFY_ROWS),
    "status": (STATUS_HEADER, STATUS_ROWS),
    "stages": (STAGES_HEADER, STAGES_ROWS),
    "history": (HISTORY_HEADER, HISTORY_ROWS),
    **CONTENT_LAYOUTS,  # read by what their columns hold (flags, undated, month-only, unknown language...)
}
cells = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "N/A",
            "null",
            "-",
            "yes",
            "2024-01-08",
            "2024-99-01",
            "1/15/24, 10:21 AM",
            "13/1/2024",
            "3/14",
            "Jan 2020",
            "Saved",
            "Interviewing",
            "Rejected",
            "Tech Screen",
            "ja",
            "nein",
            "Y",
            "✓",
            "1",
            "2025-08",
            "03.02.2025",
            "März 2025",
            "Olumsuz (Red)",
            '"',
            ",",
            ";",
            "\t",
            "\n",
            "é",
            "[{'stage': 'Applied', 'date': '2024-01-02'}]",
            "[{'stage'",
            "[1, {2: 3}]",
            "__import__('os')",
        ]
    ),
    st.text(max_size=10),
)


@st.composite
def mutated(draw):
    header, rows = LAYOUTS[draw(st.sampled_from(sorted(LAYOUTS)))]
    table = [list(header), *(list(r) for r in rows)]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "drop_row", "dup_row", "drop_col", "rename_col"]))
        if kind == "cell":
            r = draw(st.integers(0, len(table) - 1))
            if table[r]:
                table[r][draw(st.integers(0, len(table[r]) - 1))] = draw(cells)
        elif kind == "drop_row" and len(table) > 1:
            table.pop(draw(st.integers(1, len(table) - 1)))
        elif kind == "dup_row" and len(table) > 1:
            table.append(list(table[draw(st.integers(1, len(table) - 1))]))
        elif kind == "drop_col" and len(table[0]) > 1:
            c = draw(st.integers(0, len(table[0]) - 1))
            table = [row[:c] + row[c + 1 :] for row in table]
        elif kind == "rename_col" and table[0]:
            table[0][draw(st.integers(0, len(table[0]) - 1))] = draw(cells)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(table)
    text = out.getvalue()
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text, draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_mutated_files_of_every_layout_give_a_log_or_a_data_error(tmp_path, case):
    text, encoding = case
    path = tmp_path / "mutated.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        log, summary = read_applications(path)
    except DataError as err:
        assert "mutated.csv" in str(err)
        return
    assert summary.imported == len(log)
    merged = sum(len(lines) for _, lines in summary.merged)
    assert summary.imported + summary.not_applied + summary.empty_rows + merged == summary.rows_read
    assert log["applied"].notna().all() or (summary.undated and log["applied"].isna().all())
    for i, earlier in enumerate(STAGES):
        for later in STAGES[i + 1 :]:
            assert not (log[later] < log[earlier]).any()
    assert log["outcome"].isin([*OUTCOMES, "unknown"]).all()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(0, 60))
def test_template_import_template_is_the_identity(tmp_path, seed, n):
    original = synthetic_applications(n, seed=seed)
    path = tmp_path / "applications.csv"
    original.to_csv(path, index=False)
    log, _ = read_applications(path)
    pd.testing.assert_frame_equal(to_template(log).reset_index(drop=True), original.astype(object), check_dtype=False)
    # The same log kept as a spreadsheet (other header spellings, semicolons) reads back the same.
    sheet = original.rename(columns=lambda c: c.title())
    sheet.to_csv(tmp_path / "sheet.csv", index=False, sep=";")
    again, summary = read_applications(tmp_path / "sheet.csv")
    assert summary.layout == "stage-per-column sheet"
    pd.testing.assert_frame_equal(to_template(again), to_template(log), check_dtype=False)


xlsx_cells = st.one_of(
    st.none(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(
        min_value=__import__("datetime").datetime(1990, 1, 1), max_value=__import__("datetime").datetime(2100, 1, 1)
    ),
    st.sampled_from(["Applied", "Saved", "Rejected", "N/A", "3/4/2020", "Tech Screen", ""]),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=8),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(
        st.sampled_from(["Company", "Date", "Status", "Job Title", "Phone", "Notes", "Stage History", "Source", "x"]),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    rows=st.lists(st.lists(xlsx_cells, min_size=0, max_size=6), max_size=5),
)
def test_any_workbook_gives_a_log_or_a_data_error(tmp_path, header, rows):
    from import_files import xlsx

    path = xlsx(tmp_path / "book.xlsx", {"Sheet": [header, *rows]})
    try:
        log, summary = read_applications(path)
    except DataError as err:
        assert "book.xlsx" in str(err)
        return
    assert summary.imported == len(log)
    assert log["applied"].notna().all() or (summary.undated and log["applied"].isna().all())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=9), max_size=4))
def test_any_linkedin_zip_gives_a_log_or_a_data_error(tmp_path, rows):
    from import_files import linkedin_zip

    path = linkedin_zip(tmp_path / "export.zip", rows=[*LINKEDIN_ROWS, *rows])
    try:
        log, _ = read_applications(path)
    except DataError as err:
        assert "export.zip" in str(err)
        return
    assert set(log["channel"]) <= {"linkedin"}


def test_a_channel_column_named_application_method_or_site_name_is_read(tmp_path):
    """Channel headers of spreadsheet templates and job-board extensions: the column is the
    channel, its values kept as written (lower-cased)."""
    method = write(
        tmp_path / "m.csv",
        csv_text(
            ["Company Name", "Application Date", "Status", "Application Method"],
            [["Acme", "2024-06-20", "Rejected", "Company's Website"], ["Beta", "2024-06-21", "Applied", "LinkedIn"]],
        ),
    )
    log, summary = read_applications(method)
    assert summary.fields["channel"] == "Application Method"
    assert log["channel"].tolist() == ["company's website", "linkedin"]
    site = write(
        tmp_path / "s.csv",
        csv_text(["status", "company", "date", "site_name "], [["Applied", "Acme", "2022-03-22", "glassdoor"]]),
    )
    log, summary = read_applications(site)
    assert summary.fields["channel"] == "site_name" and log["channel"].tolist() == ["glassdoor"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated(), notes=st.lists(st.text(max_size=30).map(lambda t: "#" + t), min_size=1, max_size=4))
def test_mutated_files_under_comment_lines_give_a_log_or_a_data_error(tmp_path, case, notes):
    text, encoding = case
    path = tmp_path / "commented.csv"
    path.write_bytes(("\n".join(notes) + "\n" + text).encode(encoding, errors="replace"))
    try:
        log, summary = read_applications(path)
    except DataError as err:
        assert "commented.csv" in str(err)
        return
    assert summary.imported == len(log)


def test_a_file_with_no_header_line_asks_once_and_the_proposed_answers_load_it(tmp_path):
    path = write(tmp_path / "log.csv", HEADERLESS_NOTES + rows_text(HEADERLESS_ROWS))
    with pytest.raises(DataError) as caught:
        read_applications(path)
    text = str(caught.value)
    assert "Is line 3 the header, or is it data" in text and "no column found for company" in text
    assert 'header = ["Column 1", "Column 2", "Column 3", "Column 4", "Column 5", "Column 6"]' in text
    asked = open_questions(path)
    assert [q.kind for q in asked][0] == "header"
    log, summary = read_applications(path, answers_to_mapping(asked))
    assert list(log["company"]) == ["Empresa X", "Firma Y", "Loja Z"]
    assert "the columns are named by the mapping's header" in summary.text()
    # the names the person gives go through the normal reading (here: known Portuguese headers)
    mapping = {"header": ["Empresa", "Cargo", "Data", "Tipo", "Status", "Nota"], "statuses": {"Inscrito": "applied"}}
    log, summary = read_applications(path, mapping)
    assert list(log["role"]) == ["Estágio em LLM", "Dev Jr", "Analista"] and summary.fields["applied"] == "Data"


def test_skip_lines_alone_says_the_next_line_is_the_header(tmp_path):
    path = write(tmp_path / "log.csv", "Applications 2019\n\n" + csv_text(STATUS_HEADER, STATUS_ROWS))
    assert open_questions(path)[0].default_choice.value == {"skip_lines": 2}  # the note and the blank line
    log, summary = read_applications(path, {"skip_lines": 2})
    assert (
        list(log["company"])[:2] == ["Acme", "Beta"] and "lines 1\u20132 skipped as the mapping asks" in summary.text()
    )
    assert list(log["line"])[:2] == [4, 5]


@st.composite
def headerless(draw):
    text, encoding = draw(mutated())
    lines = text.split("\n", 1)
    body = lines[1] if len(lines) > 1 else ""
    note = draw(st.sampled_from(["", "Wrong month!\n", "\n", "# saved by a script\n", "Notes,,\n"]))
    return note + body, encoding


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=headerless(), answer=st.booleans())
def test_mutated_files_without_a_header_line_give_a_log_or_a_data_error(tmp_path, case, answer):
    text, encoding = case
    path = tmp_path / "headerless.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        mapping = answers_to_mapping(open_questions(path)) if answer else None
        log, summary = read_applications(path, mapping)
    except DataError as err:
        assert "headerless.csv" in str(err)
        return
    assert summary.imported == len(log)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated(), blanks=st.lists(st.integers(1, 8), max_size=4))
def test_mutated_files_filled_down_give_a_log_or_a_data_error(tmp_path, case, blanks):
    text, encoding = case
    lines = text.split("\n")
    for i in blanks:  # a company written once per group: the first cell of some rows emptied
        if i < len(lines) and lines[i]:
            cells = lines[i].split(",", 1)
            lines[i] = "," + cells[1] if len(cells) > 1 else ""
    path = tmp_path / "grouped.csv"
    path.write_bytes("\n".join(lines).encode(encoding, errors="replace"))
    try:
        log, summary = read_applications(path, {"rows_without_company": "fill down"})
    except DataError as err:
        assert "grouped.csv" in str(err)
        return
    assert summary.imported == len(log) and (log["company"] != "").all()
