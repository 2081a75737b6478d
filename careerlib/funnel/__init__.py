"""Job-search funnel: conversion per stage and channel, with honest small-sample numbers.

How applications still in flight are counted
--------------------------------------------
An application that is ``active`` and sits at a stage has not been decided there:
it is left out of the denominator of the transition it is waiting on, and counted
in ``in_flight`` instead. An application with an empty outcome (LinkedIn imports,
rows not filled in yet) counts as in flight until ``stale_after_days`` pass with
no news, then as ghosted. With ``as_of``, stages dated later are not known yet:
the application is treated as in flight at the last stage reached by then.

A stage may be skipped (a referral that goes straight to interview); an
application that reached a later stage counts as having passed the earlier ones.

The parts:

* :mod:`careerlib.funnel.model`: ``stage_state``, ``summary``, ``channel_table``,
  ``compare``, ``period``, ``in_flight``, ``weakest_step``, ``filter_log``;
* :mod:`careerlib.funnel.forecast`: ``offer_forecast``, ``applications_needed``, ``offer_chances``;
* :mod:`careerlib.funnel.timeline`: ``time_in_stage``, ``weekly_activity``, ``rolling_rates``;
* :mod:`careerlib.funnel.inputs`: ``reference_funnel`` (the published reference search);
* :mod:`careerlib.funnel.words`: ``STAGE_LABELS``, ``headline``, ``before_after``, ``report_summary``.

Every name is re-exported here (``_summarise`` too: the cohort overview uses it), so
``from careerlib import funnel; funnel.summary(...)`` works as it always did.
"""

from careerlib.funnel.forecast import OfferForecast, applications_needed, offer_chances, offer_forecast
from careerlib.funnel.inputs import REFERENCE_PATH, reference_funnel
from careerlib.funnel.model import (
    DRAWS,
    NOT_MEASURED,
    OFFER,
    STALE_AFTER_DAYS,
    _summarise,
    channel_table,
    compare,
    filter_log,
    in_flight,
    is_undated,
    period,
    resolve_as_of,
    stage_state,
    summary,
    weakest_step,
)
from careerlib.funnel.timeline import rolling_rates, time_in_stage, weekly_activity
from careerlib.funnel.words import STAGE_LABELS, before_after, headline, report_summary

__all__ = [
    "DRAWS",
    "NOT_MEASURED",
    "is_undated",
    "OFFER",
    "REFERENCE_PATH",
    "STAGE_LABELS",
    "STALE_AFTER_DAYS",
    "OfferForecast",
    "_summarise",
    "applications_needed",
    "before_after",
    "channel_table",
    "compare",
    "filter_log",
    "headline",
    "in_flight",
    "offer_chances",
    "offer_forecast",
    "period",
    "reference_funnel",
    "report_summary",
    "resolve_as_of",
    "rolling_rates",
    "stage_state",
    "summary",
    "time_in_stage",
    "weakest_step",
    "weekly_activity",
]
