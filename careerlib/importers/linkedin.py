"""LinkedIn's applications export ("Job Applications.csv"): its header, and
``careerlib import-linkedin``, which merges it into the template log.

Reading the export itself is the importers' ordinary path (``read_applications``
detects it by its headers); this module only keeps the names that were public before
the importers existed.
"""

from __future__ import annotations

import os

from careerlib.errors import DataError
from careerlib.importers.detect import LINKEDIN
from careerlib.importers.read import read_applications
from careerlib.io import updating, write_csv
from careerlib.logs.applications import empty_log, merge_logs, to_template

LINKEDIN_COLUMNS = (  # the header of LinkedIn's export; contact, resume and answers are never read
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
)


def is_linkedin_export(columns) -> bool:
    """Whether these header names hold LinkedIn's two columns that every export has."""
    return {"Application Date", "Company Name"} <= set(columns)


def import_linkedin(
    export_path: str | os.PathLike, log_path: str | os.PathLike, *, wait: bool = True
) -> tuple[int, int]:
    """Convert LinkedIn's export into the template at ``log_path``, merging into an
    existing log (see ``merge_logs``). Returns ``(added, already_present)``. The write is
    atomic, under the log's lock from reading to replacing (``wait=False``: refused if busy)."""
    incoming, summary = read_applications(export_path)
    if summary.layout != LINKEDIN:
        raise DataError(
            "this is not LinkedIn's 'Job Applications.csv' export (no 'Application Date' and 'Company Name' columns)",
            file=str(export_path),
            line=1,
        )
    with updating(log_path, wait=wait) as target:
        existing = read_applications(target, count_outcomes=False)[0] if target.exists() else empty_log()
        merged, fresh = merge_logs(existing, incoming)
        write_csv(to_template(merged), target)
    return int(fresh.sum()), int((~fresh).sum())
