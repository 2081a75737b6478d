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
from careerlib.importers.vocabulary import fold, trackers
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
    """Whether these header names hold one of the signatures of LinkedIn's export in
    ``data/importers/trackers.csv`` (its distinctive columns, today's and the older one's:
    'Contact Email' beside 'Company Name', or 'Job Url' beside 'Resume Name' or 'Question And
    Answers'), the same test the importers make to choose the layout."""
    folded = {fold(c) for c in columns}
    return any(name == LINKEDIN and signature <= folded for name, signature, _ in trackers())


def import_linkedin(
    export_path: str | os.PathLike, log_path: str | os.PathLike, *, wait: bool = True
) -> tuple[int, int]:
    """Convert LinkedIn's export into the template at ``log_path``, merging into an
    existing log (see ``merge_logs``). Returns ``(added, already_present)``. The write is
    atomic, under the log's lock from reading to replacing (``wait=False``: refused if busy)."""
    incoming, summary = read_applications(export_path)
    if summary.layout != LINKEDIN:
        raise DataError(
            "this is not LinkedIn's 'Job Applications.csv' export (its header has none of the export's signatures: "
            "'Application Date' with 'Contact Email' and 'Company Name', or with 'Job Url' and 'Resume Name')",
            file=str(export_path),
            line=1,
        )
    with updating(log_path, wait=wait) as target:
        existing = read_applications(target, count_outcomes=False)[0] if target.exists() else empty_log()
        merged, fresh = merge_logs(existing, incoming)
        write_csv(to_template(merged), target)
    return int(fresh.sum()), int((~fresh).sum())
