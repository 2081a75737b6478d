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
    assert [name for name, _ in decisions.columns] == ["company", "applied"]
    assert decisions.columns[0][1] == ["Yritys", "Päivä", "Status"]


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
