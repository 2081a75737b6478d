"""The tables in data/importers/ are well-formed: every row means something the code knows."""

from __future__ import annotations

from careerlib.importers import vocabulary as v


def test_every_status_names_a_known_stage_and_outcome():
    for word, status in v.statuses().items():
        assert status.stage in (*v.STAGES, v.NOT_APPLIED), word
        assert status.outcome in ("", "unknown", *v.OUTCOMES), word


def test_issue_statuses_are_covered():
    for word in ("Applied", "Pending", "Interview", "Interviewing", "Rejected", "Ghosted (no reply)",
                 "Rejected after assessment", "SAVED", "offer-accepted", "Wishlist", "WITHDRAWN", "new", "draft",
                 "offer", "offer-declined", "expired", "archived", "withdrawn"):
        assert v.fold(word) in v.statuses(), word


def test_issue_headers_are_covered():
    expected = {
        "company": ["Company", "Company Name", "company_name", "Employer", "Organization", "Name"],
        "role": ["Job Title", "Title", "Role", "Role name", "Position"],
        "applied": ["Applied Date", "Date Applied", "Application Date", "applied_on", "application_date", "Date",
                    "First Contact"],
        "channel": ["Source", "JobSource", "applied_via", "application_site", "Channel"],
        "updated": ["Status Date", "response_date", "first_reply_on", "Last Contact"],
        "status": ["Status", "Stage", "final_status", "List"],
    }
    synonyms = v.column_synonyms()
    for field, headers in expected.items():
        for header in headers:
            assert v.fold(header) in synonyms[field], (field, header)


def test_stage_columns_and_cell_words_are_known():
    assert set(v.stage_columns().values()) <= set(v.STAGES)
    assert set(v.cell_meanings().values()) == {"missing", "reached", "not reached"}
    assert {v.fold(t) for t in ("", "null", "N/A", "-", "none")} <= v.missing_tokens()


def test_trackers_and_months():
    names = [name for name, _, _ in v.trackers()]
    assert {"LinkedIn export", "JobSync export", "Simplify export"} <= set(names)
    assert v.months()["sept"] == 9 and len(set(v.months().values())) == 12
