"""Builders for the importer tests: job-search logs in the shapes people keep them,
written by the tests themselves (every name and date is made up)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

LINKEDIN_HEADER = [
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
]
LINKEDIN_ROWS = [
    [
        "1/15/24, 10:21 AM",
        "me@example.com",
        "+1 555 0100",
        "Acme",
        "Data Analyst",
        "https://example.com/jobs/1",
        "Jane_Doe_CV.pdf",
        "",
    ],
    [
        "1/16/24, 3:05 PM",
        "me@example.com",
        "+1 555 0100",
        "Beta Co",
        "Engineer",
        "https://example.com/jobs/2",
        "Jane_Doe_CV.pdf",
        "Q: phone? A: +1 555 0100",
    ],
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

JOBSYNC_HEADER = [
    "index",
    "createdAt",
    "applied",
    "appliedDate",
    "Company",
    "JobTitle",
    "jobType",
    "Location",
    "JobSource",
    "Status",
]
JOBSYNC_ROWS = [
    ["1", "2024-01-01", "true", "2024-01-02", "Acme", "Analyst", "FT", "Remote", "Indeed", "interview"],
    ["2", "2024-01-01", "false", "", "Beta", "Engineer", "FT", "Remote", "Indeed", "draft"],
    ["3", "2024-01-03", "true", "2024-01-04", "Gamma", "Analyst", "FT", "Remote", "Company site", "offer-declined"],
]

SIMPLIFY_HEADER = [
    "Job Title",
    "Company Name",
    "Location",
    "Job URL",
    "Applied Date",
    "Status",
    "Status Date",
    "Archived",
    "Date Archived",
    "Notes",
]
SIMPLIFY_ROWS = [
    [
        "Analyst",
        "Acme",
        "Remote",
        "https://example.com/1",
        "2024-03-01",
        "INTERVIEWING",
        "2024-03-10",
        "false",
        "N/A",
        "liked the team",
    ],
    ["Engineer", "Beta", "Remote", "https://example.com/2", "N/A", "SAVED", "N/A", "false", "N/A", ""],
    [
        "Analyst",
        "Gamma",
        "Remote",
        "https://example.com/3",
        "2024-03-02",
        "REJECTED",
        "2024-03-05",
        "true",
        "2024-03-06",
        "",
    ],
]

STAGES_HEADER = ["Employer", "Position", "Date", "Recruiter", "Phone", "Onsite", "Offer"]
STAGES_ROWS = [
    ["Acme", "Analyst", "8/1/2019", "8/5/2019 & 8/14/2019", "yes", "n/a", ""],
    ["Beta", "Engineer", "8/2/2019", "expired", "", "", ""],
    ["Gamma", "Analyst", "8/13/2019", "8/20/2019", "8/22/2019", "9/1/2019", "9/10/2019"],
]

HISTORY_HEADER = ["Company", "Role", "Applied", "Stage History", "Status"]
HISTORY_ROWS = [
    [
        "Acme",
        "Analyst",
        "2024-11-01",
        "[{'stage': 'Applied', 'date': '2024-11-05'}, {'stage': 'Phone Screen', 'date': '2024-11-10'}]",
        "Rejected",
    ],
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


# --- issue 18: logs read by what their columns hold (every name and date made up) ---
FLAGS_EN_HEADER = ["Company", "Role", "Auto Rejected", "HR/ Recruiter Call", "Technical Interview", "Offer", "Remote"]
FLAGS_EN_ROWS = [  # an undated tally: Y/N flags, no date anywhere
    ["Acme", "Analyst", "Y", "N", "N", "N", "Y"],
    ["Beta", "Engineer", "N", "Y", "Y", "N", "N"],
    ["Gamma", "Analyst", "", "", "", "", "Y"],
    ["Delta", "Analyst", "N", "Y", "Y", "Y", "N"],
    ["Eps", "Engineer", "Y", "", "", "", ""],
]
FLAGS_DE_HEADER = ["Firma", "Stelle", "Datum", "Telefoninterview", "Vorstellungsgespräch", "Absage"]
FLAGS_DE_ROWS = [
    ["Acme GmbH", "Analyst", "03.02.2025", "ja", "nein", "ja"],
    ["Beta AG", "Entwickler", "15.02.2025", "ja", "ja", "nein"],
    ["Gamma KG", "Analyst", "01.03.2025", "nein", "nein", "nein"],
]
FLAGS_FR_HEADER = ["Entreprise", "Poste", "Date de candidature", "Entretien", "Refus"]
FLAGS_FR_ROWS = [
    ["Acme SA", "Analyste", "3 février 2025", "oui", "non"],
    ["Beta", "Ingénieur", "15 mars 2025", "non", "oui"],
    ["Gamma", "Analyste", "2 avril 2025", "✓", "✗"],
]
FLAGS_ES_HEADER = ["Empresa", "Puesto", "Fecha", "Entrevista", "Rechazado"]
FLAGS_ES_ROWS = [
    ["Acme", "Analista", "2025-02-03", "sí", "no"],
    ["Beta", "Ingeniero", "2025-02-04", "no", "sí"],
    ["Gamma", "Analista", "2025-02-05", "1", "0"],
]
TALLY_HEADER = ["Company", "Screen", "Interview", "Rejected"]
TALLY_ROWS = [["Acme", "1", "1", ""], ["Beta", "1", "", "1"], ["Gamma", "", "", "1"], ["Delta", "", "", ""]]
STAGE_DATE_HEADER = ["Company", "Role", "Date Applied", "Status", "Interview Date", "screen-date"]
STAGE_DATE_ROWS = [
    ["Acme", "Analyst", "2025-01-02", "Rejected", "2025-01-20", "2025-01-10"],
    ["Beta", "Engineer", "2025-01-03", "Applied", "2025-01-21", ""],
    ["Gamma", "Analyst", "2025-01-04", "Applied", "", ""],
]
TWO_STATUS_HEADER = ["Company", "Date", "Progress", "State"]
TWO_STATUS_ROWS = [
    ["Acme", "2025-01-02", "application", "submitted"],
    ["Beta", "2025-01-03", "interview", "rejected"],
    ["Gamma", "2025-01-04", "application", "rejected"],
    ["Delta", "2025-01-05", "interview", "abandoned"],
]
MONTH_ONLY_HEADER = ["Company", "Date Applied"]
MONTH_ONLY_ROWS = [["Acme", "2025-08"], ["Beta", "Aug 2025"], ["Gamma", "2025-08-14"], ["Delta", "März 2025"]]
FINNISH_HEADER = ["Yritys", "Päivämäärä", "Tila"]  # Finnish: no header and no status word is known
FINNISH_ROWS = [
    ["Acme Oy", "2025-01-02", "Haettu"],
    ["Beta Oy", "2025-01-03", "Hylätty"],
    ["Gamma Oy", "2025-01-04", "Haettu"],
    ["Delta Oy", "2025-01-05", "Haastattelu"],
    ["Eps Oy", "2025-01-06", "Hylätty"],
    ["Zeta Oy", "2025-01-07", "Haettu"],
]
STATUS_BESIDE_STAGES_HEADER = [
    "Company",
    "Position",
    "Date Applied",
    "Response?",
    "Date Interview",
    "Job Offer",
    "Level",
]
STATUS_BESIDE_STAGES_ROWS = [  # a words column of outcomes beside a stage-date column and an offer flag column
    ["Acme", "Analyst", "2023-01-14", "Ghosted", "", "No", "Entry"],
    ["Beta", "Engineer", "2023-02-03", "Rejected", "", "No", "Mid"],
    ["Gamma", "Analyst", "2023-02-07", "Interview", "2023-02-20", "No", "Entry"],
    ["Delta", "Analyst", "2023-02-09", "Interview", "", "No", "Entry"],  # the interview known from the status alone
    ["Eps", "Developer", "2023-03-01", "Offer", "2023-03-10", "Yes", "Mid"],
    ["Zeta", "Analyst", "2023-03-02", "Ghosted", "", "No", "Entry"],
    ["Eta", "Engineer", "2023-03-05", "Rejected", "2023-03-15", "No", "Mid"],
    ["Theta", "Analyst", "2023-03-06", "Ghosted", "", "No", "Entry"],
    ["Iota", "Analyst", "2023-03-08", "Rejected", "", "No", "Mid"],
    ["Kappa", "Engineer", "2023-03-09", "Ghosted", "", "No", "Entry"],
]
UNNAMED_FIRST_HEADER = ["", "City", "Date Applied", "Status"]  # the company column has no name
UNNAMED_FIRST_ROWS = [
    ["Acme BV", "Utrecht", "2021-10-09", "Rejected"],
    ["Beta NV", "Rotterdam", "2021-10-10", "Ghosted"],
    ["Gamma", "Amsterdam", "2021-10-10", "Rejected"],
    ["Delta", "Amsterdam", "2021-10-11", "Interviewing"],
]
CONTENT_LAYOUTS = {  # name -> (header, rows), for the fuzz tests and the default-answers rule
    "flags en (undated)": (FLAGS_EN_HEADER, FLAGS_EN_ROWS),
    "flags de": (FLAGS_DE_HEADER, FLAGS_DE_ROWS),
    "flags fr": (FLAGS_FR_HEADER, FLAGS_FR_ROWS),
    "flags es": (FLAGS_ES_HEADER, FLAGS_ES_ROWS),
    "tally": (TALLY_HEADER, TALLY_ROWS),
    "stage date beside status": (STAGE_DATE_HEADER, STAGE_DATE_ROWS),
    "two status columns": (TWO_STATUS_HEADER, TWO_STATUS_ROWS),
    "month only": (MONTH_ONLY_HEADER, MONTH_ONLY_ROWS),
    "unknown language": (FINNISH_HEADER, FINNISH_ROWS),
    "status words beside stage columns": (STATUS_BESIDE_STAGES_HEADER, STATUS_BESIDE_STAGES_ROWS),
    "unnamed first column": (UNNAMED_FIRST_HEADER, UNNAMED_FIRST_ROWS),
}

UNDATED_HEADER = ["Company", "Source", "Phone Screen", "Interview", "Offer", "Rejected"]
UNDATED_ROWS = [  # a tally kept without a single date: how far each application got, by channel
    ["Acme", "Referral", "yes", "yes", "yes", ""],
    ["Beta", "Job board", "yes", "no", "no", "yes"],
    ["Gamma", "Job board", "no", "no", "no", "yes"],
    ["Delta", "Referral", "yes", "yes", "no", "yes"],
    ["Eps", "Job board", "no", "no", "no", ""],
    ["Zeta", "Job board", "no", "no", "no", "yes"],
]


def undated_log(path: Path) -> Path:
    """An applications log with no date column (six rows, two channels, one offer)."""
    return write(path, csv_text(UNDATED_HEADER, UNDATED_ROWS))


def two_log_workbook(path: Path) -> Path:
    """A workbook where two sheets look like logs ('2024' first, with a status word no table
    knows; '2025' with known words only), beside a table of counts."""
    header = ["Company", "Applied", "Status"]
    return xlsx(
        path,
        {
            "Counts": [["Status", "Count"], ["Applied", 3], ["Rejected", 2]],
            "2024": [header, ["Acme", "2024-01-15", "Applied"], ["Beta", "2024-02-01", "Wibble"]],
            "2025": [
                header,
                ["Delta", "2025-01-15", "Applied"],
                ["Eps", "2025-02-01", "Interview"],
                ["Zeta", "2025-03-01", "Rejected"],
            ],
        },
    )


UNKNOWN_WORDS_HEADER = ["Company", "Role", "Applied", "Status", "Notes"]
UNKNOWN_WORDS = [  # company, role, applied (reads both ways), the same day in ISO, status, notes, phone screen
    ("Acme", "Analyst", "03/02/2025", "2025-03-02", "Kwak", "hello", "Y"),
    ("Beta", "Engineer", "04/03/2025", "2025-03-04", "Plonk", "", "N"),
    ("Gamma", "Analyst", "05/03/2025", "2025-03-05", "Kwak", "", "Y"),
    ("Delta", "Dev", "09/03/2025", "2025-03-09", "Zorb", "good", "Y"),
    ("Eps", "Analyst", "11/03/2025", "2025-03-11", "Plonk", "", "N"),
]


def unknown_words_log(path: Path, rows: int = len(UNKNOWN_WORDS), *, screen: bool = False) -> Path:
    """A log whose status column holds words no table knows ('Kwak', 'Plonk', 'Zorb'),
    its first ``rows`` rows. Dates read both day-first and month-first; with ``screen``,
    dates are ISO and the last column is a 'Phone screen' of Y/N flags instead of notes."""
    header = [*UNKNOWN_WORDS_HEADER[:-1], "Phone screen" if screen else "Notes"]
    body = [
        [company, role, iso if screen else applied, status, flag if screen else notes]
        for company, role, applied, iso, status, notes, flag in UNKNOWN_WORDS[:rows]
    ]
    return write(path, csv_text(header, body))


# A log saved by a small script: notes on top, no header line, a comma after the last cell.
HEADERLESS_NOTES = "# Saved by my script\n# fields: company, role, date, mode, status\n"
HEADERLESS_ROWS = [
    ["Empresa X", "Estágio em LLM", "2025-11-13", "Remoto", "Inscrito", ""],
    ["Firma Y", "Dev Jr", "2025-11-14", "", "Entrevista", ""],
    ["Loja Z", "Analista", "2025-11-15", "Híbrido", "Inscrito", "ligar"],
]
# A log with a one-cell note above rows of 8 cells and no header: id, occupation, company,
# role, ad link, employer link, reference, date.
NOTE_ROWS = [
    [
        "0",
        "Developer",
        "Acme AB",
        "Azure Developer",
        "https://ads.example/1",
        "https://acme.example/j/1",
        "",
        "2023-02-08",
    ],
    [
        "8",
        "Technician",
        "Beta AB",
        "IT consultant",
        "https://ads.example/2",
        "https://beta.example/j/2",
        "",
        "2022-12-14",
    ],
    [
        "11",
        "DBA",
        "Gamma AB",
        "SQL consultant",
        "https://ads.example/3",
        "https://gamma.example/3",
        "6789",
        "2023-02-27",
    ],
]


def rows_text(rows: list[list[str]], *, delimiter: str = ",") -> str:
    """Rows as CSV lines, no header."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()
