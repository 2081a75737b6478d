"""The applications log: ``load_applications`` and the names of its format.

The format itself (columns, stages, outcomes, checks, merging) lives in
:mod:`careerlib.logs.applications`; reading the files people keep in
:mod:`careerlib.importers`. This module keeps the names it always had.
"""

from careerlib.logs.applications import (
    COLUMNS,
    LINKEDIN_COLUMNS,
    OUTCOMES,
    REACHED,
    REQUIRED,
    STAGES,
    UNKNOWN_OUTCOME,
    checked,
    empty_log,
    import_linkedin,
    is_linkedin_export,
    is_template,
    load_applications,
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
