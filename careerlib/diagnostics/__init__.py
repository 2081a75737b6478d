"""Stuck-career diagnostics: is my career stalled, why, and what do I do next?

Three kinds of evidence meet here: the career history (one row per role), the
``stuck_diagnostics`` questionnaire, and the weights that say how much each signal and
answer counts towards each of six causes. :func:`diagnose` combines them into a
:class:`Diagnosis` whose every number can be traced back through its ``contributions``.

The parts: :mod:`~careerlib.diagnostics.inputs` (the files),
:mod:`~careerlib.diagnostics.history` (roles, pay, reviews, movement signals),
:mod:`~careerlib.diagnostics.model` (the diagnosis; what counts as a step up and which
salary a row holds are in its docstring) and :mod:`~careerlib.diagnostics.words` (the
verdict, tables, notes and ``report_summary``). Every public name is re-exported here.
"""

from careerlib.diagnostics.history import (
    DAYS_PER_YEAR,
    SIGNAL_COLUMNS,
    SIGNAL_NEEDS,
    chronological,
    is_stalled,
    rating_history,
    resolve_as_of,
    salary_history,
    signals,
    years_since_promotion,
)
from careerlib.diagnostics.inputs import (
    CAUSES,
    CHANGES,
    COLUMNS,
    CPI_CURRENCY,
    CPI_PATH,
    INSTRUMENT,
    REQUIRED,
    SIGNAL_RULES,
    THRESHOLDS_FILE,
    THRESHOLDS_PATH,
    WEIGHTS_PATH,
    empty_career,
    load_career,
    load_cpi,
    load_stuck_responses,
    load_thresholds,
    load_weights,
    weights_schema,
)
from careerlib.diagnostics.model import Diagnosis, boss_checklist, diagnose, ninety_day_plan
from careerlib.diagnostics.words import (
    Facts,
    gauge_note,
    plan_note,
    report_summary,
    roles_table,
    scoring_note,
    thresholds_table,
    verdict,
    weights_table,
)
from careerlib.privacy import share_career

__all__ = [
    "CAUSES",
    "CHANGES",
    "COLUMNS",
    "CPI_CURRENCY",
    "CPI_PATH",
    "DAYS_PER_YEAR",
    "INSTRUMENT",
    "REQUIRED",
    "SIGNAL_COLUMNS",
    "SIGNAL_NEEDS",
    "SIGNAL_RULES",
    "THRESHOLDS_FILE",
    "THRESHOLDS_PATH",
    "WEIGHTS_PATH",
    "Diagnosis",
    "Facts",
    "boss_checklist",
    "chronological",
    "diagnose",
    "empty_career",
    "gauge_note",
    "is_stalled",
    "load_career",
    "load_cpi",
    "load_stuck_responses",
    "load_thresholds",
    "load_weights",
    "ninety_day_plan",
    "plan_note",
    "rating_history",
    "report_summary",
    "resolve_as_of",
    "roles_table",
    "salary_history",
    "scoring_note",
    "share_career",
    "signals",
    "thresholds_table",
    "verdict",
    "weights_schema",
    "weights_table",
    "years_since_promotion",
]
