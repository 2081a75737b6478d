"""Layout and header detection."""

from __future__ import annotations

import pytest

from careerlib import DataError
from careerlib.importers.decisions import Decisions
from careerlib.importers.detect import detect
from careerlib.importers.mapping import load_mapping
from import_files import HISTORY_HEADER, JOBSYNC_HEADER, LINKEDIN_HEADER, SIMPLIFY_HEADER, STAGES_HEADER, STATUS_HEADER


def layout(headers, mapping=None):
    decisions = Decisions("log.csv")
    return detect(headers, load_mapping(mapping), decisions), decisions


@pytest.mark.parametrize(
    "headers, name",
    [
        (LINKEDIN_HEADER, "LinkedIn export"),
        (JOBSYNC_HEADER, "JobSync export"),
        (SIMPLIFY_HEADER, "Simplify export"),
        (STATUS_HEADER, "status-column sheet"),
        (STAGES_HEADER, "stage-per-column sheet"),
        (HISTORY_HEADER, "history-cell sheet"),
        (["Organization", "First Contact"], "list without statuses"),
    ],
)
def test_layouts(headers, name):
    found, decisions = layout(headers)
    assert found.name == name and not decisions.any()


@pytest.mark.parametrize(
    "headers, field, header",
    [
        (["company_name", "application_date"], "company", "company_name"),
        (["Employer", "applied_on"], "applied", "applied_on"),
        (["Name", "Date", "Role name", "applied_via", "response_date", "final_status"], "channel", "applied_via"),
        (["Name", "Date", "first_reply_on"], "updated", "first_reply_on"),
        (["Company", "Name", "Date"], "company", "Company"),  # the more specific header wins
        (["index", "applied", "appliedDate", "Company"], "applied", "appliedDate"),  # JobSync's yes/no 'applied'
    ],
)
def test_header_variants(headers, field, header):
    assert layout(headers)[0].fields[field] == header


def test_private_columns_are_not_read():
    found, _ = layout(LINKEDIN_HEADER)
    assert {"Contact Email", "Contact Phone Number", "Resume Name", "Question And Answers"} <= set(found.ignored)
    assert not {"Contact Email", "Resume Name"} & set(found.fields.values())


def test_missing_columns_are_recorded_with_the_headers_found():
    _, decisions = layout(["Yritys", "Päivä", "Status"])  # Finnish: not in the synonym tables
    assert list(decisions.columns) == ["company", "applied"]
    assert decisions.columns["company"] == ["Yritys", "Päivä", "Status"]


def test_the_mapping_names_headers_loosely_and_refuses_absent_ones():
    found, decisions = layout(
        ["Firma", "Datum", "Recruiter Call"],
        {"columns": {"company": "firma", "applied": "DATUM"}, "stages": {"screen": "recruiter_call"}},
    )
    assert found.fields["company"] == "Firma" and found.stages == {"screen": ["Recruiter Call"]}
    assert not decisions.any()
    with pytest.raises(DataError, match="does not have") as caught:
        layout(["Firma"], {"columns": {"company": "Company"}})
    assert caught.value.column == "columns.company"


def test_a_date_header_holding_flags_is_not_the_applied_date_and_an_id_can_be_the_company():
    import pandas as pd

    from careerlib.io import LINE

    raw = pd.DataFrame(
        {
            "Application": ["101", "102", "103"],
            "Applied": ["1", "1", "1"],
            "Rejected": ["1", "", "1"],
            LINE: [2, 3, 4],
        }
    )
    decisions = Decisions("log.csv")
    found = detect(["Application", "Applied", "Rejected"], load_mapping(None), decisions, raw)
    assert "applied" not in found.fields and found.undated and found.outcomes == {"rejected": ["Rejected"]}
    assert any("flags, not dates" in what for header, what in found.readings if header == "Applied")
    assert decisions.candidates["company"][0].header == "Application"  # ids, offered first


def _raw(columns: dict[str, list[str]]):
    import pandas as pd

    from careerlib.io import LINE

    n = len(next(iter(columns.values())))
    return pd.DataFrame({**columns, LINE: list(range(2, n + 2))})


@pytest.mark.parametrize("place", ["Location", "Job City", "Ort", "kategorie", "Product or Service?", "工作地点"])
def test_a_words_column_whose_header_names_something_else_is_never_the_status(place):
    towns = ["Leeds", "York", "Hull", "Leeds", "York", "Hull", "Leeds", "York"]
    raw = _raw(
        {"Company": [f"Firm {i}" for i in range(8)], "Date Applied": ["2025-03-0" + str(i + 1) for i in range(8)]}
    )
    raw[place] = towns
    decisions = Decisions("log.csv")
    found = detect(["Company", "Date Applied", place], load_mapping(None), decisions, raw)
    assert "status" not in found.fields and found.status_candidate is None and not decisions.any()
    assert found.name == "list without statuses"
    assert any(header == place and "its header names" in what and "not read" in what for header, what in found.readings)


def test_a_header_that_names_a_status_too_stays_a_status_candidate():
    words = ["sent", "nope", "talking", "sent", "nope", "sent", "sent", "talking"]
    raw = _raw(
        {"Company": [f"Firm {i}" for i in range(8)], "Date Applied": ["2025-03-0" + str(i + 1) for i in range(8)]}
    )
    raw["Contact Status"] = words
    decisions = Decisions("log.csv")
    found = detect(["Company", "Date Applied", "Contact Status"], load_mapping(None), decisions, raw)
    assert found.status_candidate == "Contact Status"


def _beside_stages(responses: list[str]):
    """The status-beside-stages fixture with its 'Response?' column replaced by ``responses``."""
    from import_files import STATUS_BESIDE_STAGES_HEADER, STATUS_BESIDE_STAGES_ROWS

    raw = _raw({h: [row[i] for row in STATUS_BESIDE_STAGES_ROWS] for i, h in enumerate(STATUS_BESIDE_STAGES_HEADER)})
    raw["Response?"] = responses
    decisions = Decisions("log.csv")
    return detect(STATUS_BESIDE_STAGES_HEADER, load_mapping(None), decisions, raw), decisions


def test_a_column_of_status_words_beside_stage_columns_is_read_as_the_status():
    from import_files import STATUS_BESIDE_STAGES_ROWS

    found, decisions = _beside_stages([row[3] for row in STATUS_BESIDE_STAGES_ROWS])
    assert found.fields["status"] == "Response?" and found.status_candidate is None and not decisions.any()
    assert found.stages == {"interview": ["Date Interview"], "offer": ["Job Offer"]}  # still read, beside it
    said = dict(found.readings)
    assert (
        "10 of 10 row(s) are known status words: read as the status, together with the stage columns"
        in (said["Response?"])
    )
    assert said["Level"].endswith(": not read") and "Level" in found.ignored


def test_a_column_of_some_status_words_beside_stage_columns_is_asked_about():
    found, decisions = _beside_stages(["Ghosted", "Rejected", "soon", "soon", "maybe"] * 2)  # 4 of 10 known
    assert "status" not in found.fields and found.status_candidate == "Response?"
    assert [c.header for c in decisions.candidates["status"]] == ["Response?"]
    assert "4 of 10 row(s) are known status words: asked about as the status" in dict(found.readings)["Response?"]


def test_a_words_column_without_status_words_beside_stage_columns_is_neither_read_nor_asked():
    found, decisions = _beside_stages(["north", "south", "east", "west", "north"] * 2)
    assert "status" not in found.fields and found.status_candidate is None and not decisions.any()
    assert "0 of 10 row(s) are known status words: not read" in dict(found.readings)["Response?"]
    assert "Response?" in found.ignored


def test_a_status_column_found_by_name_leaves_the_words_columns_beside_stages_alone():
    from import_files import STATUS_BESIDE_STAGES_ROWS

    raw = _raw({"Response?": [row[3] for row in STATUS_BESIDE_STAGES_ROWS]})
    raw["Company"], raw["Applied"] = "Acme", "2023-01-02"
    raw["Status"], raw["Interview Date"] = "Applied", ""
    headers = ["Company", "Applied", "Status", "Interview Date", "Response?"]
    found = detect(headers, load_mapping(None), Decisions("log.csv"), raw)
    assert found.fields["status"] == "Status" and "Response?" in found.ignored


@pytest.mark.parametrize(
    "values",
    [
        ["Jo Doe - CV.pdf"] * 5 + ["Jo Doe CV (2).docx"] * 3,  # a resume column: file names
        ["www.example.com/jobs", "www.example.org/careers"] * 4,  # links
    ],
)
def test_file_names_and_links_are_never_asked_about_as_the_status(values):
    raw = _raw({"Company": [f"Firm {i}" for i in range(8)], "Applied": [f"2020-04-1{i}" for i in range(8)]})
    raw["Resume"] = values
    decisions = Decisions("log.csv")
    found = detect(["Company", "Applied", "Resume"], load_mapping(None), decisions, raw)
    assert found.status_candidate is None and "status" not in found.fields and not decisions.any()
    assert "Resume" in found.ignored and dict(found.readings)["Resume"].endswith(": not read")
