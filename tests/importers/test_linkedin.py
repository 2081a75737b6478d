"""LinkedIn's applications export: read by the importers, and merged by ``import_linkedin``
(careerlib.importers.linkedin, also reachable as careerlib.applications.import_linkedin)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib import DataError
from careerlib.applications import COLUMNS, load_applications
from careerlib.applications import import_linkedin as old_name
from careerlib.importers import read_applications
from careerlib.importers.linkedin import LINKEDIN_COLUMNS, import_linkedin, is_linkedin_export

TEMPLATE = ",".join(COLUMNS) + "\nAcme,Analyst,Referral ,2026-01-05,,,,,active,\n"


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def error_for(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_applications(path)
    return caught.value


LINKEDIN = (
    "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
    "Resume Name,Question And Answers\n"
    '"1/15/24, 10:21 AM",me@example.com,+1 555 0100,Acme,Data Analyst,https://example.com/jobs/1,cv.pdf,\n'
    '"1/16/24, 3:05 PM",me@example.com,+1 555 0100,Beta Co,Engineer,https://example.com/jobs/2,cv.pdf,"Q: A"\n'
)


def test_linkedin_export_is_detected_and_contacts_are_dropped(tmp_path):
    apps = load_applications(write(tmp_path, LINKEDIN, "Job Applications.csv"))
    assert list(apps["company"]) == ["Acme", "Beta Co"]
    assert list(apps["applied"].dt.strftime("%Y-%m-%d")) == ["2024-01-15", "2024-01-16"]
    assert set(apps["channel"]) == {"linkedin"} and set(apps["outcome"]) == {"unknown"}
    text = apps.astype(str).to_string()
    assert "me@example.com" not in text and "555" not in text


def test_linkedin_bad_date_names_line_and_column(tmp_path):
    err = error_for(write(tmp_path, LINKEDIN.replace("1/16/24, 3:05 PM", "16/1/24 15:05"), "Job Applications.csv"))
    assert (err.line, err.column) == (3, "Application Date")


def test_import_linkedin_merges_without_duplicates(tmp_path):
    export = write(tmp_path, LINKEDIN, "Job Applications.csv")
    target = tmp_path / "private" / "applications.csv"
    assert import_linkedin(export, target) == (2, 0)
    # The user fills in a later stage; importing again keeps it and adds nothing.
    filled = target.read_text().replace("2024-01-15,,", "2024-01-15,2024-01-20,", 1)
    target.write_text(filled)
    assert import_linkedin(export, target) == (0, 2)
    merged = load_applications(target)
    assert len(merged) == 2 and merged["screen"].notna().sum() == 1
    assert "me@example.com" not in target.read_text() and "555" not in target.read_text()


def test_import_linkedin_refuses_other_files(tmp_path):
    with pytest.raises(DataError, match="LinkedIn"):
        import_linkedin(write(tmp_path, TEMPLATE, "apps.csv"), tmp_path / "out.csv")


def test_the_header_names_say_what_linkedin_writes():
    assert is_linkedin_export(LINKEDIN.split("\n", 1)[0].split(","))
    assert is_linkedin_export(LINKEDIN_COLUMNS) and not is_linkedin_export(COLUMNS)
    assert old_name is import_linkedin  # the name careerlib.applications always had


OLDER = (  # LinkedIn's export before 'Company Name': 'Company', two-digit years
    "Application Date,Contact Email,Contact Phone Number,Company,Job Title,Job Url,Resume Name,Question And Answers\n"
    '"4/13/20, 12:07 AM",me@example.com,+1 555 0100,Acme ,Engineer,https://example.com/jobs/view/1,My CV.pdf,'
    '"Q: phone | A: +1 555 0100"\n'
    '"7/18/22, 2:08 AM",me@example.com,,Beta Co,Analyst,https://example.com/jobs/view/2,CV 2022.pdf,\n'
    '"7/19/22, 11:40 PM",me@example.com,,Gamma,Analyst,https://example.com/jobs/view/3,CV 2022.pdf,\n'
)


def test_the_older_export_with_company_is_read_as_linkedin_without_questions(tmp_path):
    apps, summary = read_applications(write(tmp_path, OLDER, "jobs_applied.csv"))  # renamed: the header decides
    assert summary.layout == "LinkedIn export" and summary.date_order == "month-first"
    assert list(apps["company"]) == ["Acme", "Beta Co", "Gamma"]
    assert list(apps["applied"].dt.strftime("%Y-%m-%d")) == ["2020-04-13", "2022-07-18", "2022-07-19"]
    assert set(apps["channel"]) == {"linkedin"} and "status" not in summary.fields
    text = apps.astype(str).to_string()
    assert "me@example.com" not in text and "CV 2022.pdf" not in text and "555" not in text
    assert is_linkedin_export(OLDER.split("\n", 1)[0].split(","))


def test_the_older_export_merges_with_import_linkedin(tmp_path):
    assert import_linkedin(write(tmp_path, OLDER, "Job Applications.csv"), tmp_path / "log.csv") == (3, 0)


@pytest.mark.parametrize(
    "header",
    [
        "Application Date,Company,Job Title,Job URL,Resume Version,Status",  # a tracker of one's own
        "Application Date,Company,Job Title,Job Url,Notes",  # no resume or answers column
        "Application Date,Company Name,Job Title,Resume Name",  # no job link
    ],
)
def test_a_log_with_some_of_linkedins_headers_is_not_taken_for_its_export(tmp_path, header):
    row = ",".join(
        {"Application Date": "2024-01-02", "Company": "Acme", "Company Name": "Acme", "Status": "Applied"}.get(h, "x")
        for h in header.split(",")
    )
    apps, summary = read_applications(write(tmp_path, f"{header}\n{row}\n", "log.csv"))
    assert summary.layout != "LinkedIn export" and not is_linkedin_export(header.split(","))
    assert set(apps["channel"]) != {"linkedin"}
