"""Cohort overview: what works across a group of job seekers, without exposing anyone.

Answers, for a coach or a career service: how far the group's applications get
(pooled funnel with intervals), which channels get answers (pooled rates and the
spread of per-person rates), how long a first offer takes, and whether people's
rates moved after they changed tactic. Groups smaller than ``min_people`` are
suppressed. ``careerlib.cohort.run`` runs everyone's own reports.
"""

from careerlib.cohort.inputs import Cohort, read_cohort
from careerlib.cohort.model import Overview, overview
from careerlib.cohort.settings import read_settings
from careerlib.cohort.words import (
    change_sentence,
    channel_note,
    first_offer_sentence,
    headline,
    report_summary,
    suppression_sentence,
)

__all__ = [
    "Cohort",
    "Overview",
    "change_sentence",
    "channel_note",
    "first_offer_sentence",
    "headline",
    "overview",
    "read_cohort",
    "read_settings",
    "report_summary",
    "suppression_sentence",
]
