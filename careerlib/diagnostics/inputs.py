"""Stuck-career inputs: the career history, the questionnaire answers, the thresholds
and weights files, and the CPI table. Every fault is a :class:`careerlib.DataError`
naming the file, the line or key path, and the value; the settings files are checked
by :mod:`careerlib.settings` (unknown keys get the closest known one as a hint)."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from careerlib import assessment, paths, settings
from careerlib.io import (
    LINE,
    fail_first,
    normalise_labels,
    original_formulas,
    parse_dates,
    parse_numbers,
    read_csv_table,
    resolve_path,
)

COLUMNS = ("start", "end", "employer", "title", "level", "salary", "currency", "rating", "rating_scale_max", "change")
REQUIRED = ("start", "end", "employer", "title", "level", "change")
CHANGES = ("hire", "promotion", "lateral", "demotion", "restructure")
CAUSES = ("boredom", "under_performance", "grievance", "behind_on_tools", "rigidity", "poor_fit")

THRESHOLDS_PATH = paths.DIAGNOSTICS_THRESHOLDS
WEIGHTS_PATH = paths.DIAGNOSTICS_WEIGHTS
CPI_PATH = paths.CPI_US
INSTRUMENT = "stuck_diagnostics"
CPI_CURRENCY = "USD"

_HEADER_ALIASES = {name: name for name in COLUMNS}  # 'Start' -> 'start'

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
    depend on the order of the lines in the file.
    """
    shown = str(path)
    raw = _read_history(path, shown)
    for column in COLUMNS:
        if column not in raw.columns:
            raw[column] = ""
    if raw.empty:
        return empty_career()

    fail_first(
        raw,
        raw["start"].str.strip() == "",
        file=shown,
        column="start",
        problem="the start date is empty (use YYYY-MM-DD)",
    )
    start = parse_dates(raw, "start", file=shown)
    end = parse_dates(raw, "end", file=shown)
    fail_first(raw, end < start, file=shown, column="end", problem="the role ends before it starts")

    employer = raw["employer"].str.strip()
    fail_first(raw, employer == "", file=shown, column="employer", problem="the employer is empty")

    level = parse_numbers(raw, "level", file=shown, what="a whole number (higher = more senior)")
    fail_first(
        raw,
        np.isinf(level) | (level != np.round(level)) & level.notna() | (level.abs() > 1_000),
        file=shown,
        column="level",
        problem="the level must be a whole number (higher = more senior)",
    )

    salary = parse_numbers(raw, "salary", file=shown, what="an amount of money")
    fail_first(
        raw,
        (salary <= 0) | np.isinf(salary),
        file=shown,
        column="salary",
        problem="the salary must be a positive annual amount",
    )

    currency = raw["currency"].str.strip().str.upper()
    fail_first(
        raw,
        ~currency.str.fullmatch(r"[A-Z]{3}|"),
        file=shown,
        column="currency",
        problem="use a three-letter currency code such as USD or EUR (or leave it empty)",
    )

    rating = parse_numbers(raw, "rating", file=shown)
    scale = parse_numbers(raw, "rating_scale_max", file=shown)
    fail_first(
        raw,
        ~(scale > 0) & scale.notna() | np.isinf(scale),
        file=shown,
        column="rating_scale_max",
        problem="the top of the rating scale must be a positive number",
    )
    fail_first(
        raw,
        rating.notna() & scale.isna(),
        file=shown,
        column="rating_scale_max",
        value_column="rating",
        problem="a rating needs the top of its scale in 'rating_scale_max' (e.g. 5)",
    )
    fail_first(
        raw, (rating < 0) | np.isinf(rating), file=shown, column="rating", problem="the rating must be zero or more"
    )
    fail_first(raw, rating > scale, file=shown, column="rating", problem="the rating is above the top of its scale")

    change = normalise_labels(raw["change"], empty="")
    fail_first(
        raw,
        ~change.isin(CHANGES) & (change != ""),
        file=shown,
        column="change",
        problem=f"unknown change type; use one of {', '.join(CHANGES)} (or leave it empty)",
    )

    career = pd.DataFrame(
        {
            "start": start.astype("datetime64[ns]"),
            "end": end.astype("datetime64[ns]"),
            "employer": employer.astype(object),
            "title": raw["title"].str.strip().astype(object),
            "level": level.astype(float),
            "salary": salary,
            "currency": currency.astype(object),
            "rating": rating,
            "rating_scale_max": scale,
            "change": change.astype(object),
            LINE: raw[LINE].astype(np.int64),
        }
    )
    _check_overlaps(career, raw, shown)
    return _sorted(career)


def _read_history(path, shown: str) -> pd.DataFrame:
    """The history's cells as text with a ``line`` column: a career CSV, or
    LinkedIn's Positions.csv turned into the same columns."""
    from careerlib.logs import career as career_history  # builds on this module's columns: not at the top

    if career_history.is_positions_file(path):
        return career_history.read_positions(path)
    table = read_csv_table(path, required=REQUIRED, shown_as=shown, header_aliases=_HEADER_ALIASES)
    return original_formulas(table)  # cells careerlib quoted against spreadsheet formulas, as typed


def empty_career() -> pd.DataFrame:
    """A history with no roles, with the right columns and types."""
    return pd.DataFrame(
        {
            "start": pd.Series(dtype="datetime64[ns]"),
            "end": pd.Series(dtype="datetime64[ns]"),
            **{c: pd.Series(dtype=object) for c in ("employer", "title")},
            "level": pd.Series(dtype=float),
            "salary": pd.Series(dtype=float),
            "currency": pd.Series(dtype=object),
            "rating": pd.Series(dtype=float),
            "rating_scale_max": pd.Series(dtype=float),
            "change": pd.Series(dtype=object),
            LINE: pd.Series(dtype=np.int64),
        }
    )


def _check_overlaps(career: pd.DataFrame, raw: pd.DataFrame, shown: str) -> None:
    """Two roles at one employer cannot overlap (one may start the day the other
    ends). Compared with the latest end of every earlier role there, so a long
    role that swallows two short ones is caught too; an open end is 'forever'."""
    key = career["employer"].str.casefold()
    ordered = career.assign(_key=key, _end=career["end"].fillna(pd.Timestamp.max)).sort_values(
        ["_key", "start", "_end"], kind="stable"
    )
    latest_end = ordered.groupby("_key", sort=False)["_end"].cummax()
    before = latest_end.groupby(ordered["_key"], sort=False).shift(1)
    overlap = (ordered["start"] < before).reindex(career.index).fillna(False)
    fail_first(
        raw,
        overlap.to_numpy(dtype=bool),
        file=shown,
        column="start",
        problem="this role overlaps another role at the same employer; end one before the next starts",
    )


def _sorted(career: pd.DataFrame) -> pd.DataFrame:
    """Oldest role first, with a full tie-break so row order never matters."""
    keys = career.assign(_end=career["end"].fillna(pd.Timestamp.max), _employer=career["employer"].str.casefold())
    order = keys.sort_values(["start", "_end", "level", "_employer", "title", "change"], kind="stable").index
    return career.loc[order].reset_index(drop=True)


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
