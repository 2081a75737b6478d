"""The applications log: ``load_applications``, the one entry that reads any log people
keep, and the names of the log's format.

The format itself (columns, stages, outcomes, checks, merging) lives in
:mod:`careerlib.logs.applications`; reading the files people keep in
:mod:`careerlib.importers`. Every name this module always had still works from here.
"""

from __future__ import annotations

import os

import pandas as pd

from careerlib.importers.linkedin import LINKEDIN_COLUMNS, import_linkedin, is_linkedin_export
from careerlib.importers.read import read_applications
from careerlib.logs.applications import (
    COLUMNS,
    OUTCOMES,
    REACHED,
    REQUIRED,
    STAGES,
    UNKNOWN_OUTCOME,
    checked,
    empty_log,
    is_template,
    merge_logs,
    outcome_counts,
    to_template,
    validate_template,
)

__all__ = [
    "COLUMNS",
    "LINKEDIN_COLUMNS",
    "OUTCOMES",
    "REACHED",
    "REQUIRED",
    "STAGES",
    "UNKNOWN_OUTCOME",
    "checked",
    "empty_log",
    "import_linkedin",
    "is_linkedin_export",
    "is_template",
    "load_applications",
    "merge_logs",
    "outcome_counts",
    "to_template",
    "validate_template",
]


def load_applications(path: str | os.PathLike, mapping=None) -> pd.DataFrame:
    """Read an applications log into a validated table: our template, LinkedIn's export
    (CSV or the whole zip), a tracker export or a spreadsheet (see ``careerlib.importers``).

    ``mapping``: a TOML file or a dict saying what the file's headers and status words
    mean, for whatever the importer cannot decide alone. Raises
    :class:`careerlib.DataError` naming file, line, column and value for any problem;
    never drops a row silently (rows left out are counted in the import summary).
    """
    return read_applications(path, mapping, count_outcomes=False)[0]
