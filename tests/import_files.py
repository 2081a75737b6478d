"""Builders for the importer tests: job-search logs in the shapes people keep them,
written by the tests themselves (every name and date is made up)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

LINKEDIN_HEADER = ["Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title",
                   "Job Url", "Resume Name", "Question And Answers"]
LINKEDIN_ROWS = [
    ["1/15/24, 10:21 AM", "me@example.com", "+1 555 0100", "Acme", "Data Analyst", "https://example.com/jobs/1",
     "Jane_Doe_CV.pdf", ""],
    ["1/16/24, 3:05 PM", "me@example.com", "+1 555 0100", "Beta Co", "Engineer", "https://example.com/jobs/2",
     "Jane_Doe_CV.pdf", "Q: phone? A: +1 555 0100"],
]
PRIVATE = ("me@example.com", "555 0100", "Jane_Doe_CV.pdf", "phone?")
POSITIONS = "Company Name,Title,Description,Location,Started On,Finished On\nAcme,Analyst,,,Mar 2020,\n"

STATUS_HEADER = ["Company", "Job Title", "Date Applied", "Status", "Status Date", "Source"]
STATUS_ROWS = [
    ["Acme", "Analyst", "9/25/2019", "Interviewing", "10/2/2019", "Referral"],
    ["Beta", "Engineer", "9/26/2019", "Rejected", "", "Job board"],
    ["Gamma", "Analyst", "", "Saved", "", ""],
    ["Delta", "BI Developer", "10/1/2019", "Ghosted (no reply)", "", "LinkedIn"],
    ["Eps", "Analyst", "10/3/2019", "offer-accepted", "10/30/2019", "Referral"],
]

JOBSYNC_HEADER = ["index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "jobType", "Location",
                  "JobSource", "Status"]
JOBSYNC_ROWS = [
    ["1", "2024-01-01", "true", "2024-01-02", "Acme", "Analyst", "FT", "Remote", "Indeed", "interview"],
    ["2", "2024-01-01", "false", "", "Beta", "Engineer", "FT", "Remote", "Indeed", "draft"],
    ["3", "2024-01-03", "true", "2024-01-04", "Gamma", "Analyst", "FT", "Remote", "Company site", "offer-declined"],
]

SIMPLIFY_HEADER = ["Job Title", "Company Name", "Location", "Job URL", "Applied Date", "Status", "Status Date",
                   "Archived", "Date Archived", "Notes"]
SIMPLIFY_ROWS = [
    ["Analyst", "Acme", "Remote", "https://example.com/1", "2024-03-01", "INTERVIEWING", "2024-03-10", "false", "N/A",
     "liked the team"],
    ["Engineer", "Beta", "Remote", "https://example.com/2", "N/A", "SAVED", "N/A", "false", "N/A", ""],
    ["Analyst", "Gamma", "Remote", "https://example.com/3", "2024-03-02", "REJECTED", "2024-03-05", "true",
     "2024-03-06", ""],
]

STAGES_HEADER = ["Employer", "Position", "Date", "Recruiter", "Phone", "Onsite", "Offer"]
STAGES_ROWS = [
    ["Acme", "Analyst", "8/1/2019", "8/5/2019 & 8/14/2019", "yes", "n/a", ""],
    ["Beta", "Engineer", "8/2/2019", "expired", "", "", ""],
    ["Gamma", "Analyst", "8/13/2019", "8/20/2019", "8/22/2019", "9/1/2019", "9/10/2019"],
]

HISTORY_HEADER = ["Company", "Role", "Applied", "Stage History", "Status"]
HISTORY_ROWS = [
    ["Acme", "Analyst", "2024-11-01",
     "[{'stage': 'Applied', 'date': '2024-11-05'}, {'stage': 'Phone Screen', 'date': '2024-11-10'}]", "Rejected"],
    ["Beta", "Engineer", "2024-11-02", "Applied\nInitial screen\n1st interview", ""],
    ["Gamma", "Analyst", "2024-11-03", "Applied", "Interviewing"],
]


def csv_text(header: list[str], rows: list[list[str]], *, delimiter: str = ",", newline: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows([header, *rows])
    return out.getvalue()


def write(path: Path, text: str | bytes, *, encoding: str = "utf-8", bom: bool = False) -> Path:
    data = text if isinstance(text, bytes) else text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def linkedin_zip(path: Path, *, rows: list[list[str]] = LINKEDIN_ROWS, positions: str = POSITIONS) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Jobs/Job Applications.csv", csv_text(LINKEDIN_HEADER, rows))
        archive.writestr("Positions.csv", positions)
        archive.writestr("Profile.csv", "First Name,Last Name\nJane,Doe\n")
    return path


def xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
