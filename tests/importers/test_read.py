"""Whole-file properties: any mutation of any layout gives a log or a DataError (never
another exception), and template -> import -> template is the identity."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.applications import OUTCOMES, STAGES, to_template
from careerlib.importers import read_applications
from careerlib.sample import synthetic_applications
from import_files import (
    CONTENT_LAYOUTS,
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
