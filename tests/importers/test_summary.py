"""The import summary says everything the importer decided."""

from __future__ import annotations

from careerlib.importers import read_applications
from import_files import LINKEDIN_HEADER, LINKEDIN_ROWS, STATUS_HEADER, STATUS_ROWS, csv_text, write


def test_summary_text_shows_fields_dates_statuses_and_counts(tmp_path):
    path = write(tmp_path / "log.csv", csv_text(STATUS_HEADER, STATUS_ROWS) + ",,,,,\n")
    _, summary = read_applications(path)
    text = summary.text()
    for part in (
        "status-column sheet",
        "comma-separated",
        "company   <- 'Company'",
        "applied   <- 'Date Applied'",
        "updated   <- 'Status Date'",
        "Dates: month-first; '9/25/2019' (line 2",
        "Interviewing",
        "interview reached, active",
        "not applied: left out",
        "6 read, 4 imported, 1 left out",
        "1 empty row(s) skipped",
        "for 2 row(s) the stages reached rest on the current status alone",
        "in 2 row(s) a stage reached",
    ):
        assert part in text, part
    table = summary.status_table()
    assert table.set_index("value").loc["Saved", "became"] == "not applied: left out"
    assert table["rows"].sum() == 5


def test_summary_names_columns_never_copied_and_defaults(tmp_path):
    _, summary = read_applications(write(tmp_path / "j.csv", csv_text(LINKEDIN_HEADER, LINKEDIN_ROWS)))
    text = summary.text()
    assert "'Contact Email'" in text and "'Resume Name'" in text and "never copied" in text
    assert "LinkedIn export: 'linkedin'" in text and "always write dates month-first" in text


def test_template_summary(tmp_path):
    path = write(tmp_path / "t.csv", "company,channel,applied,outcome\nA,referral,2024-01-01,rejected\n")
    _, summary = read_applications(path)
    assert summary.layout == "careerlib template" and summary.imported == 1
    assert "outcome rejected" in summary.text() and "role      <- (no column: left empty)" in summary.text()


def test_summary_for_a_report_says_layout_counts_and_inferences_as_tables(tmp_path):
    path = write(tmp_path / "log.csv", csv_text(STATUS_HEADER, STATUS_ROWS) + ",,,,,\n")
    _, summary = read_applications(path)
    sentence = summary.sentence()
    for part in (
        "status-column sheet",
        "month-first",
        "4 of 6 rows became applications",
        "1 left out",
        "2 row(s) the stages reached rest on the current status alone",
    ):
        assert part in sentence, part
    fields = summary.fields_table().set_index("field")["read from"]
    assert fields["company"] == "'Company'" and fields["applied"] == "'Date Applied'"


def test_columns_named_under_ignore_are_listed_as_not_read(tmp_path):
    """Issue 18: a header the mapping's top-level ``ignore`` names is listed with the others not read."""
    header = [*STATUS_HEADER, "Salary"]
    path = write(tmp_path / "log.csv", csv_text(header, [[*row, "50k"] for row in STATUS_ROWS]))
    log, summary = read_applications(path, {"ignore": ["Source", "salary"]})
    assert summary.ignored == ["Source", "Salary"]  # in the file's order, as the file writes them
    assert "Not read (never copied): 'Source', 'Salary'" in summary.text()
    assert set(log["channel"]) == {"unspecified"}  # 'Source' was not read as the channel
