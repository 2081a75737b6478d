"""Self-assessments: questionnaires as data, scores per dimension, progress and 360 gaps.

An *instrument* is a questionnaire in ``data/instruments/<id>.yaml``: a scale (say 1 to
5 with a label per point), a few *dimensions* (each with one to three concrete next
actions for when it scores low) and *items* (statements rated on the scale, each
belonging to one dimension). Keeping questions in YAML means a coach can reword or add
an item without touching code.

*Responses* are a tidy, append-only CSV: one line per answered item,
``date, respondent, instrument, item, score``. The respondent is ``self``, ``manager``
or ``peer:<name>``, so the same file holds a 360 review.

The parts: :mod:`~careerlib.assessment.inputs` (instruments, responses),
:mod:`~careerlib.assessment.model` (scoring, progress, gaps, reliability; how a dimension
is scored is in its docstring), :mod:`~careerlib.assessment.words` (tables, sentences,
``report_summary``) and :mod:`~careerlib.assessment.record` (appending answers). Every
public name is re-exported here.
"""

from careerlib.assessment.inputs import (
    COLUMNS,
    ID_MAX,
    INSTRUMENT_DIR,
    INSTRUMENT_FILE,
    MAX_ACTIONS,
    SELF,
    SETTINGS_FILE,
    SETTINGS_PATH,
    Instrument,
    empty_responses,
    instrument_path,
    load_instrument,
    load_responses,
    load_settings,
    normalise_respondents,
    validate_lines,
)
from careerlib.assessment.model import (
    changes,
    cronbach_alpha,
    gaps,
    item_matrix,
    latest,
    latest_lines,
    overview,
    score,
    unit_scores,
    weakest,
)
from careerlib.assessment.record import answers_table, locked, record
from careerlib.assessment.words import (
    actions_table,
    gap_table,
    missing_point_note,
    report_summary,
    shared_name,
    summary_sentence,
)
from careerlib.privacy import PEER_PREFIX, share_respondents

__all__ = [
    "COLUMNS",
    "ID_MAX",
    "INSTRUMENT_DIR",
    "INSTRUMENT_FILE",
    "MAX_ACTIONS",
    "PEER_PREFIX",
    "SELF",
    "SETTINGS_FILE",
    "SETTINGS_PATH",
    "Instrument",
    "actions_table",
    "answers_table",
    "changes",
    "cronbach_alpha",
    "empty_responses",
    "gap_table",
    "gaps",
    "instrument_path",
    "item_matrix",
    "latest",
    "latest_lines",
    "load_instrument",
    "load_responses",
    "load_settings",
    "locked",
    "missing_point_note",
    "normalise_respondents",
    "overview",
    "record",
    "report_summary",
    "score",
    "share_respondents",
    "shared_name",
    "summary_sentence",
    "unit_scores",
    "validate_lines",
    "weakest",
]
