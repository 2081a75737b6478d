"""Stuck-career inputs: the career history, the questionnaire answers, the thresholds
and weights files, and the CPI table. Every fault is a :class:`careerlib.DataError`
naming the file, the line or key path, and the value; the settings files are checked
by :mod:`careerlib.settings` (unknown keys get the closest known one as a hint)."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from careerlib import assessment, paths, settings
from careerlib.importers.positions import is_positions_file, read_positions
from careerlib.io import fail_first, parse_numbers, read_csv_table, resolve_path
from careerlib.logs.career import (  # noqa: F401 - the format's names, kept here too
    CHANGES,
    COLUMNS,
    REQUIRED,
    career_table,
    empty_career,
    read_career_cells,
)

CAUSES = ("boredom", "under_performance", "grievance", "behind_on_tools", "rigidity", "poor_fit")

THRESHOLDS_PATH = paths.DIAGNOSTICS_THRESHOLDS
WEIGHTS_PATH = paths.DIAGNOSTICS_WEIGHTS
CPI_PATH = paths.CPI_US
INSTRUMENT = "stuck_diagnostics"
CPI_CURRENCY = "USD"

# The history signals the model knows, with the numeric settings each needs in thresholds.yaml.
SIGNAL_RULES = {
    "years_since_step_up": ("multiplier", "min_years", "default_years"),
    "consecutive_laterals": ("flag_at", "recent_moves"),
    "rating_trend": ("last_n", "flag_below"),
    "latest_rating": ("flag_below",),
    "real_salary_growth": ("window_years", "flag_below"),
    "level_growth": ("window_years", "flag_below", "min_years"),
}


# --------------------------------------------------------------------------- the career history
def load_career(path: str | os.PathLike) -> pd.DataFrame:
    """Read a career history CSV into a validated table, oldest role first.

    Columns: ``start, end`` (datetime; ``end`` NaT for the current role),
    ``employer, title, currency`` (text), ``level`` (a whole number as float, NaN
    when empty), ``salary, rating, rating_scale_max`` (float, NaN when empty),
    ``change`` (one of :data:`CHANGES`, or '' when empty) and ``line``.
    ``salary``, ``currency`` and the rating columns may be left out of the file.
    LinkedIn's ``Positions.csv`` (recognised by its header) is read as a history
    with only dates, employers, titles and the certain hires filled in. Any
    problem raises :class:`careerlib.DataError` naming file, line, column and value.

    Rows are sorted by date (then level, employer, title), so the result does not
    depend on the order of the lines in the file (the format and its checks:
    :mod:`careerlib.logs.career`).
    """
    shown = str(path)
    raw = read_positions(path) if is_positions_file(path) else read_career_cells(path, shown)
    return career_table(raw, shown)


# --------------------------------------------------------------------------- the settings files
def _signal(name: str) -> settings.Table:
    numbers = {key: settings.Number() for key in SIGNAL_RULES[name]}
    return settings.Table({"label": settings.Text(default=settings.OMIT), **numbers}, default=settings.OMIT)


THRESHOLDS_FILE = settings.Table(
    {
        "version": settings.Text(numbers_ok=True, default=settings.OMIT),
        "signals": settings.Table({name: _signal(name) for name in SIGNAL_RULES}),
        "stalled_when_any": settings.ListOf(settings.Text()),
    },
    rules=[
        settings.Rule(
            "stalled_when_any",
            lambda t: set(t["stalled_when_any"]) <= set(t["signals"]),
            lambda t: f"not a signal of this file; use one of {', '.join(t['signals'])}",
        )
    ],
)


def load_thresholds(path: str | os.PathLike = THRESHOLDS_PATH) -> dict:
    """The signal thresholds (``data/diagnostics/thresholds.yaml``): every signal
    must be one the model knows, with its numeric settings present."""
    return settings.load(resolve_path(path), THRESHOLDS_FILE, shown_as=str(path))


def weights_schema(dimensions) -> settings.Table:
    """The weights file's schema; questionnaire inputs must be ``dimensions`` of the
    stuck_diagnostics instrument."""
    plan = settings.ListOf(settings.Text(), min_items=1)
    weight = settings.Number(minimum=0)
    share = settings.Number(minimum=0, maximum=1)
    what = f"dimension of the {INSTRUMENT} questionnaire"

    def some_weight(spec: dict) -> str | None:  # a cause's score is its inputs' weighted mean
        total = sum(spec["history"].values()) + sum(spec["questionnaire"].values())
        return None if total > 0 else "a cause needs at least one input with a weight above zero"

    cause = settings.Table(
        {
            "title": settings.Text(default=settings.OMIT),
            "history": settings.MapOf(weight, keys=settings.Text(choices=tuple(SIGNAL_RULES)), default={}),
            "questionnaire": settings.MapOf(weight, keys=settings.Text(choices=tuple(dimensions)), default={}),
            "remedy": settings.Text(),
            "plan": plan,
        },
        check=some_weight,
    )
    confidence = settings.Table({"signals": settings.Number(minimum=0), "answered_share": share})
    return settings.Table(
        {
            "version": settings.Text(numbers_ok=True, default=settings.OMIT),
            "not_stalled_factor": share,
            "plan_causes": settings.Number(minimum=1, integer=True),
            "plan_min_score": settings.Number(minimum=0, maximum=100),
            "plan_blocks": settings.Number(minimum=1, integer=True),
            "undecided": share,
            "check_in_days": settings.ListOf(settings.Number(above=0, integer=True), min_items=1),
            "causes": settings.MapOf(cause, min_items=1),
            "boss_blocking": settings.Table(
                {
                    "items": settings.MapOf(settings.Text(), min_items=1),
                    "present_at": share,
                    "min_signs": settings.Number(minimum=1, integer=True),
                    "remedy": settings.Text(),
                    "plan": plan,
                }
            ),
            "readiness": settings.Table(
                {
                    "dimension": settings.Text(choices=tuple(dimensions), pattern_hint=f"not a {what}"),
                    "ready_at": settings.Number(minimum=0, maximum=100),
                    "plan": plan,
                }
            ),
            "healthy": settings.Table({"plan": plan}),
            "confidence": settings.Table({"high": confidence, "moderate": confidence}),
        }
    )


def load_weights(path: str | os.PathLike = WEIGHTS_PATH, instrument=None) -> dict:
    """The cause weights, remedies and plan steps (``data/diagnostics/weights.yaml``):
    history inputs must be known signals, questionnaire inputs dimensions of the
    stuck_diagnostics ``instrument`` (loaded by id when not given), and every weight
    a number of zero or more."""
    instrument = assessment.load_instrument(INSTRUMENT if instrument is None else instrument)
    schema = weights_schema(list(instrument.dimensions["dimension"]))
    return settings.load(resolve_path(path), schema, shown_as=str(path))


# --------------------------------------------------------------------------- reference and answers
def load_cpi(path: str | os.PathLike = CPI_PATH) -> pd.DataFrame:
    """The CPI reference table ``year, cpi`` (validated like a user file)."""
    shown = str(path)
    raw = read_csv_table(path, required=("year", "cpi"), shown_as=shown)
    year = parse_numbers(raw, "year", file=shown, what="a year")
    cpi = parse_numbers(raw, "cpi", file=shown, what="an index value")
    fail_first(raw, year.isna() | (year != np.round(year)), file=shown, column="year", problem="not a whole year")
    fail_first(raw, ~(cpi > 0), file=shown, column="cpi", problem="the index must be a positive number")
    fail_first(raw, year.duplicated(), file=shown, column="year", problem="this year appears twice")
    # Every year between the first and the last must be there (a gap would deflate with NaN later).
    order = year.sort_values(kind="stable")
    after_gap = pd.Series(False, index=raw.index)
    after_gap[order.index] = (order.diff() > 1).to_numpy()
    fail_first(
        raw,
        after_gap.to_numpy(dtype=bool),
        file=shown,
        column="year",
        problem="the year before this one is missing (the table needs every year in its range)",
    )
    return pd.DataFrame({"year": year.astype(np.int64), "cpi": cpi}).sort_values("year", ignore_index=True)


def load_stuck_responses(path: str | os.PathLike | None, instrument=None) -> pd.DataFrame:
    """The questionnaire answers file; an empty path means 'no questionnaire' and
    gives an empty table (so a notebook needs no branch)."""
    if path in (None, ""):
        return assessment.empty_responses()
    return assessment.load_responses(path, instruments=[INSTRUMENT if instrument is None else instrument])
