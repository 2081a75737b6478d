"""Stuck-career diagnostics: is my career stalled, why, and what do I do next?

Three kinds of evidence meet here:

1. **The career history** (:func:`load_career`): one row per role with its level,
   pay, latest review and how the role began (hire, promotion, lateral, demotion,
   restructure). From it, :func:`signals` measures movement: years since the last
   step up against your own rhythm, sideways moves in a row, the review trend, real
   pay growth and levels gained per year. Each signal is compared with a threshold
   from ``data/diagnostics/thresholds.yaml`` and explained in a sentence built from
   the data.
2. **The questionnaire** ``data/instruments/stuck_diagnostics.yaml``, scored by
   :mod:`careerlib.assessment`: the six causes of a stall, five signs of a manager
   holding someone back, and readiness for an opening.
3. **The weights** ``data/diagnostics/weights.yaml``: how much each signal and
   questionnaire dimension counts towards each cause, and the remedies.

:func:`diagnose` combines them into a :class:`Diagnosis` whose every number can be
traced back through its ``contributions`` table.

What counts as a step up
------------------------
A role is a step up when it began with a ``promotion``, or at a higher ``level``
than the role before it, whatever the change type (a hire one level up at a new
employer counts; a lateral or restructure at the same level does not). "Years
since promotion" runs from the *start* of the last step-up role.

Which salary a row holds
------------------------
``salary`` is the annual pay at the end of the role (for the current role: today's
pay). It is deflated with the US CPI of the year it was last paid: the role's end
year, or the ``as_of`` year for the current role.

A history with gaps
-------------------
``level``, ``salary``, the ratings and ``change`` may be left empty (an imported
LinkedIn history has only dates, employers and titles; ``Positions.csv`` itself is
read too). A signal whose inputs are missing is *not measured*: its value is NaN,
it is never flagged, and the verdict says what filling the columns in would add.
A move's direction is known when it began with a promotion or demotion, or when
both levels are filled in and differ, or are equal and the change type is filled
in (a promotion at the same level still counts as a step up).

Evidence sentences hold numbers and dates only, never employer names or titles, so
they can be shown anywhere (share mode included) without escaping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from careerlib import assessment
from careerlib.errors import DataError
from careerlib.io import LINE, fail_first, normalise_labels, parse_dates, parse_numbers, read_csv_table, read_yaml
from careerlib.privacy import pseudonyms

COLUMNS = ("start", "end", "employer", "title", "level", "salary", "currency", "rating", "rating_scale_max", "change")
REQUIRED = ("start", "end", "employer", "title", "level", "change")
CHANGES = ("hire", "promotion", "lateral", "demotion", "restructure")
CAUSES = ("boredom", "under_performance", "grievance", "behind_on_tools", "rigidity", "poor_fit")

THRESHOLDS_PATH = "data/diagnostics/thresholds.yaml"
WEIGHTS_PATH = "data/diagnostics/weights.yaml"
CPI_PATH = "data/reference/cpi_us.csv"
INSTRUMENT = "stuck_diagnostics"
CPI_CURRENCY = "USD"
DAYS_PER_YEAR = 365.25
CHECK_IN_DAYS = (30, 60, 90)
UNDECIDED = 0.5  # an input nobody measured: neither for nor against a cause

_HEADER_ALIASES = {name: name for name in COLUMNS}  # 'Start' -> 'start'

# The history signals :func:`signals` knows, with the numeric settings each needs in thresholds.yaml.
SIGNAL_RULES = {
    "years_since_step_up": ("multiplier", "min_years", "default_years"),
    "consecutive_laterals": ("flag_at",),
    "rating_trend": ("last_n", "flag_below"),
    "latest_rating": ("flag_below",),
    "real_salary_growth": ("window_years", "flag_below"),
    "level_growth": ("window_years", "flag_below", "min_years"),
}
# What each signal needs filled in, for saying what an empty column costs in the verdict.
SIGNAL_NEEDS = {
    "years_since_step_up": "each role's level and change type",
    "consecutive_laterals": "each role's level and change type",
    "rating_trend": "review ratings",
    "latest_rating": "review ratings",
    "real_salary_growth": "salaries",
    "level_growth": "each role's level and change type",
}


# --------------------------------------------------------------------------- loading
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

    fail_first(raw, raw["start"].str.strip() == "", file=shown, column="start",
               problem="the start date is empty (use YYYY-MM-DD)")
    start = parse_dates(raw, "start", file=shown)
    end = parse_dates(raw, "end", file=shown)
    fail_first(raw, end < start, file=shown, column="end", problem="the role ends before it starts")

    employer = raw["employer"].str.strip()
    fail_first(raw, employer == "", file=shown, column="employer", problem="the employer is empty")

    level = parse_numbers(raw, "level", file=shown, what="a whole number (higher = more senior)")
    fail_first(raw, np.isinf(level) | (level != np.round(level)) & level.notna() | (level.abs() > 1_000), file=shown,
               column="level", problem="the level must be a whole number (higher = more senior)")

    salary = parse_numbers(raw, "salary", file=shown, what="an amount of money")
    fail_first(raw, (salary <= 0) | np.isinf(salary), file=shown, column="salary",
               problem="the salary must be a positive annual amount")

    currency = raw["currency"].str.strip().str.upper()
    fail_first(raw, ~currency.str.fullmatch(r"[A-Z]{3}|"), file=shown, column="currency",
               problem="use a three-letter currency code such as USD or EUR (or leave it empty)")

    rating = parse_numbers(raw, "rating", file=shown)
    scale = parse_numbers(raw, "rating_scale_max", file=shown)
    fail_first(raw, ~(scale > 0) & scale.notna() | np.isinf(scale), file=shown, column="rating_scale_max",
               problem="the top of the rating scale must be a positive number")
    fail_first(raw, rating.notna() & scale.isna(), file=shown, column="rating_scale_max", value_column="rating",
               problem="a rating needs the top of its scale in 'rating_scale_max' (e.g. 5)")
    fail_first(raw, (rating < 0) | np.isinf(rating), file=shown, column="rating",
               problem="the rating must be zero or more")
    fail_first(raw, rating > scale, file=shown, column="rating", problem="the rating is above the top of its scale")

    change = normalise_labels(raw["change"], empty="")
    fail_first(raw, ~change.isin(CHANGES) & (change != ""), file=shown, column="change",
               problem=f"unknown change type; use one of {', '.join(CHANGES)} (or leave it empty)")

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
    from careerlib import career_history  # it builds on this module's columns: imported here, not at the top

    if career_history.is_positions_file(path):
        return career_history.read_positions(path)
    return read_csv_table(path, required=REQUIRED, shown_as=shown, header_aliases=_HEADER_ALIASES)


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
    fail_first(raw, overlap.to_numpy(dtype=bool), file=shown, column="start",
               problem="this role overlaps another role at the same employer; end one before the next starts")


def _sorted(career: pd.DataFrame) -> pd.DataFrame:
    """Oldest role first, with a full tie-break so row order never matters."""
    keys = career.assign(_end=career["end"].fillna(pd.Timestamp.max), _employer=career["employer"].str.casefold())
    order = keys.sort_values(["start", "_end", "level", "_employer", "title", "change"], kind="stable").index
    return career.loc[order].reset_index(drop=True)


def _yaml_file(path: str) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError("expected a mapping of settings", file=path)
    return data


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


def _mapping(data: dict, key: str, shown: str, where: str) -> dict:
    """``data[key]`` as a mapping, or DataError naming the key path ``where``."""
    if key not in data:
        raise DataError(f"missing key {key!r}", file=shown, column=where)
    value = data[key]
    if not isinstance(value, dict):
        raise DataError("expected a mapping of settings", file=shown, column=where, value=value)
    return value


def _numbers(data: dict, keys, shown: str, where: str) -> None:
    """Each of ``keys`` is present in ``data`` and a finite number."""
    for key in keys:
        if key not in data:
            raise DataError(f"missing key {key!r}", file=shown, column=f"{where}{key}")
        if not _is_number(data[key]):
            raise DataError("expected a number", file=shown, column=f"{where}{key}", value=data[key])


def load_thresholds(path: str | os.PathLike = THRESHOLDS_PATH) -> dict:
    """The signal thresholds (``data/diagnostics/thresholds.yaml``): every signal
    must be one :func:`signals` knows, with its numeric settings present."""
    shown = str(path)
    data = _yaml_file(shown)
    rules = _mapping(data, "signals", shown, "signals")
    for name, rule in rules.items():  # six signals, not rows of data
        if name not in SIGNAL_RULES:
            raise DataError(f"unknown signal; use one of {', '.join(SIGNAL_RULES)}", file=shown,
                            column=f"signals.{name}", value=name)
        if not isinstance(rule, dict):
            raise DataError("expected a mapping of settings", file=shown, column=f"signals.{name}", value=rule)
        _numbers(rule, SIGNAL_RULES[name], shown, f"signals.{name}.")
    if "stalled_when_any" not in data:
        raise DataError("missing key 'stalled_when_any'", file=shown, column="stalled_when_any")
    movement = data["stalled_when_any"]
    if not isinstance(movement, list):
        raise DataError("expected a list of signals", file=shown, column="stalled_when_any", value=movement)
    for name in movement:
        if name not in rules:
            raise DataError(f"not a signal of this file; use one of {', '.join(rules)}", file=shown,
                            column="stalled_when_any", value=name)
    return data


def load_weights(path: str | os.PathLike = WEIGHTS_PATH) -> dict:
    """The cause weights, remedies and plan steps (``data/diagnostics/weights.yaml``):
    history inputs must be known signals, questionnaire inputs dimensions of the
    stuck_diagnostics instrument, and every weight a number of zero or more."""
    shown = str(path)
    data = _yaml_file(shown)
    for key in ("causes", "boss_blocking", "readiness", "healthy", "confidence", "not_stalled_factor", "plan_blocks"):
        if key not in data:
            raise DataError(f"missing key {key!r}", file=shown, column=key)
    _numbers(data, [k for k in ("not_stalled_factor", "plan_causes", "plan_min_score", "plan_blocks") if k in data],
             shown, "")
    dimensions = set(assessment.load_instrument(INSTRUMENT).dimensions["dimension"])
    known = {"history": set(SIGNAL_RULES), "questionnaire": dimensions}
    causes = _mapping(data, "causes", shown, "causes")
    for cause, spec in causes.items():  # six causes, not rows of data
        if not isinstance(spec, dict):
            raise DataError("expected a mapping of settings", file=shown, column=f"causes.{cause}", value=spec)
        for source, allowed in known.items():
            where = f"causes.{cause}.{source}"
            inputs = spec.get(source) or {}
            if not isinstance(inputs, dict):
                raise DataError("expected a mapping of input: weight", file=shown, column=where, value=inputs)
            for name, weight in inputs.items():
                if name not in allowed:
                    what = "signal" if source == "history" else f"dimension of the {INSTRUMENT} questionnaire"
                    raise DataError(f"unknown {what}; use one of {', '.join(sorted(allowed))}", file=shown,
                                    column=f"{where}.{name}", value=name)
                if not _is_number(weight) or weight < 0:
                    raise DataError("the weight must be a number, zero or more", file=shown,
                                    column=f"{where}.{name}", value=weight)
        total = sum(w for source in known for w in (spec.get(source) or {}).values())
        if total <= 0:  # a cause's score is its inputs' weighted mean
            raise DataError("a cause needs at least one input with a weight above zero", file=shown,
                            column=f"causes.{cause}", value=total)
    boss = _mapping(data, "boss_blocking", shown, "boss_blocking")
    _numbers(boss, ("present_at", "min_signs"), shown, "boss_blocking.")
    readiness = _mapping(data, "readiness", shown, "readiness")
    _numbers(readiness, ("ready_at",), shown, "readiness.")
    if readiness.get("dimension") not in dimensions:
        raise DataError(f"unknown dimension of the {INSTRUMENT} questionnaire", file=shown,
                        column="readiness.dimension", value=readiness.get("dimension"))
    confidence = _mapping(data, "confidence", shown, "confidence")
    for level in ("high", "moderate"):
        _numbers(_mapping(confidence, level, shown, f"confidence.{level}"), ("signals", "answered_share"), shown,
                 f"confidence.{level}.")
    return data


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
    fail_first(raw, after_gap.to_numpy(dtype=bool), file=shown, column="year",
               problem="the year before this one is missing (the table needs every year in its range)")
    return pd.DataFrame({"year": year.astype(np.int64), "cpi": cpi}).sort_values("year", ignore_index=True)


def load_stuck_responses(path: str | os.PathLike | None) -> pd.DataFrame:
    """The questionnaire answers file; an empty path means 'no questionnaire' and
    gives an empty table (so a notebook needs no branch)."""
    if path in (None, ""):
        return assessment.empty_responses()
    return assessment.load_responses(path, instruments=[INSTRUMENT])


# --------------------------------------------------------------------------- the history
def resolve_as_of(as_of=None) -> pd.Timestamp:
    """``as_of`` as a day; today when not given."""
    if as_of in (None, ""):
        return pd.Timestamp.today().normalize()
    return pd.Timestamp(as_of).normalize()


def chronological(career: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """The roles begun by ``as_of``, oldest first, with how each one began:
    ``step_up``, ``step_down`` or ``sideways`` (the first role is none of them:
    it is not a move), ``previous_level``, ``current`` (still held on ``as_of``) and
    ``known``: false for a move whose direction the empty level or change cells
    hide (such a move is none of step up, step down or sideways)."""
    day = resolve_as_of(as_of)
    roles = _sorted(career.loc[career["start"] <= day])
    previous = roles["level"].shift(1)
    is_move = pd.Series(np.arange(len(roles)) > 0, index=roles.index)
    step_up = is_move & ((roles["change"] == "promotion") | (roles["level"] > previous))
    step_down = is_move & ~step_up & ((roles["change"] == "demotion") | (roles["level"] < previous))
    # Equal levels with no change type could still be a promotion in name only: not known.
    levels_equal = (roles["level"] == previous) & (roles["change"] != "")
    known = ~is_move | step_up | step_down | levels_equal
    return roles.assign(
        previous_level=previous,
        move=is_move,
        step_up=step_up,
        step_down=step_down,
        sideways=is_move & known & ~step_up & ~step_down,
        known=known,
        current=roles["end"].isna() | (roles["end"] > day),
    )


def _years(later, earlier) -> Any:
    return (later - earlier) / pd.Timedelta(days=DAYS_PER_YEAR)


def years_since_promotion(career: pd.DataFrame, as_of=None) -> float | None:
    """Years from the start of the last step-up role to ``as_of``; None if the
    history has no step up."""
    day = resolve_as_of(as_of)
    roles = chronological(career, day)
    ups = roles.loc[roles["step_up"], "start"]
    return None if ups.empty else float(_years(day, ups.max()))


def salary_history(career: pd.DataFrame, as_of=None, cpi: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per role with a salary: ``paid_on`` (the role's end, or ``as_of`` for a
    current role), the nominal ``salary``, the CPI year used and ``real_salary`` in
    money of the latest CPI year not after ``as_of`` (``base_year``). ``note`` says
    when a year is outside the CPI table and a neighbouring year stood in."""
    day = resolve_as_of(as_of)
    cpi = load_cpi() if cpi is None else cpi
    roles = chronological(career, day)
    paid = roles.loc[roles["salary"].notna()]
    paid_on = paid["end"].where(~paid["current"], day)
    first, last = int(cpi["year"].min()), int(cpi["year"].max())
    index = cpi.set_index("year")["cpi"]
    wanted = paid_on.dt.year
    used = wanted.clip(first, last)
    base_year = min(max(day.year, first), last)
    outside = wanted != used
    note = np.where(outside, "no CPI for " + wanted.astype(str) + "; " + used.astype(str) + " used", "")
    return pd.DataFrame(
        {
            "start": paid["start"],
            "paid_on": paid_on,
            "employer": paid["employer"],
            "title": paid["title"],
            "level": paid["level"],
            "currency": paid["currency"],
            "salary": paid["salary"],
            "cpi_year": used.astype(np.int64),
            "cpi": used.map(index).astype(float),
            "base_year": base_year,
            "real_salary": paid["salary"] * index[base_year] / used.map(index).astype(float),
            "note": note,
        }
    ).reset_index(drop=True)


def rating_history(career: pd.DataFrame, as_of=None, thresholds: dict | None = None) -> pd.DataFrame:
    """One row per rated role: ``share`` = rating / top of its scale (so reviews on
    different employers' scales compare), ``in_trend`` for the last N reviews the
    trend is fitted to, and ``trend``, the fitted straight line on those rows."""
    settings = (thresholds or load_thresholds())["signals"]["rating_trend"]
    roles = chronological(career, as_of)
    rated = roles.loc[roles["rating"].notna()].reset_index(drop=True)
    share = rated["rating"] / rated["rating_scale_max"]
    last_n = int(settings["last_n"])
    in_trend = pd.Series(np.arange(len(rated)) >= len(rated) - last_n, index=rated.index)
    slope, intercept = _line(share[in_trend].to_numpy())
    position = np.arange(len(rated)) - (len(rated) - in_trend.sum())
    trend = np.where(in_trend, intercept + slope * position, np.nan)
    return pd.DataFrame(
        {
            "start": rated["start"],
            "employer": rated["employer"],
            "title": rated["title"],
            "rating": rated["rating"],
            "rating_scale_max": rated["rating_scale_max"],
            "share": share,
            "in_trend": in_trend,
            "trend": trend,
        }
    )


def _line(values: np.ndarray) -> tuple[float, float]:
    """Least-squares slope and intercept of ``values`` against 0, 1, 2 ... (NaN, NaN
    for fewer than two points)."""
    if len(values) < 2:
        return float("nan"), float("nan")
    slope, intercept = np.polyfit(np.arange(len(values), dtype=float), values, 1)
    return float(slope), float(intercept)


# --------------------------------------------------------------------------- signals
SIGNAL_COLUMNS = ["signal", "label", "value", "threshold", "flagged", "evidence"]


def signals(career: pd.DataFrame, as_of=None, thresholds: dict | None = None,
            cpi: pd.DataFrame | None = None) -> pd.DataFrame:
    """The history's movement signals, one row each:
    ``signal, label, value, threshold, flagged, evidence``.

    ``value`` is NaN when the history lacks the data (no ratings, one salary); such
    a signal is never flagged and its evidence says what is missing. The order of
    the rows is the order of ``thresholds.yaml``."""
    thresholds = thresholds or load_thresholds()
    settings = thresholds["signals"]
    day = resolve_as_of(as_of)
    roles = chronological(career, day)
    measures = {
        "years_since_step_up": _since_step_up,
        "consecutive_laterals": _laterals,
        "rating_trend": _rating_trend,
        "latest_rating": _latest_rating,
        "real_salary_growth": _real_growth,
        "level_growth": _level_growth,
    }
    rows = []
    for name, rule in settings.items():  # six signals, not rows of data
        if roles.empty:
            value, threshold, flagged, evidence = np.nan, np.nan, False, "The career history has no roles yet."
        else:
            value, threshold, flagged, evidence = measures[name](roles, day, rule, career=career, cpi=cpi,
                                                                 thresholds=thresholds)
        rows.append({"signal": name, "label": rule.get("label", name), "value": float(value),
                     "threshold": float(threshold), "flagged": bool(flagged), "evidence": evidence})
    return pd.DataFrame(rows, columns=SIGNAL_COLUMNS)


def _not_measured(roles, needs: str) -> str:
    """Why a level-based signal is not measured: which cells are empty."""
    no_level = int(roles["level"].isna().sum())
    no_change = int((roles.loc[roles["move"], "change"] == "").sum())
    gaps = [f"{no_level} of {len(roles)} roles have no level" if no_level else "",
            f"{no_change} move{'s have' if no_change != 1 else ' has'} no change type" if no_change else ""]
    said = "; ".join(gap for gap in gaps if gap) or "some cells are empty"
    return f"Not measured: {said}. Fill in each role's {needs} to measure it."


def _since_step_up(roles, day, rule, **_):
    if not roles["known"].all():
        return np.nan, float(rule["default_years"]), False, _not_measured(roles, "level and change")
    ups = roles.loc[roles["step_up"], "start"]
    since = ups.max() if len(ups) else roles["start"].min()
    value = float(_years(day, since))
    if len(ups) >= 2:
        median_gap = float(np.median(_years(ups.iloc[1:].to_numpy(), ups.iloc[:-1].to_numpy())))
        threshold = max(float(rule["min_years"]), float(rule["multiplier"]) * median_gap)
        bar = f"your usual gap between step ups is {median_gap:.1f} years, so the bar is {threshold:.1f} years"
    else:
        threshold = float(rule["default_years"])
        bar = (f"with {'only one step up' if len(ups) else 'no step up'} there is no rhythm of your own yet, "
               f"so the bar is the default {threshold:.1f} years")
    if len(ups):
        said = f"Your last step up was {value:.1f} years ago ({since:%b %Y}); {bar}."
    else:
        said = f"There has been no step up in the {value:.1f} years this history covers; {bar}."
    return value, threshold, value > threshold, said


def _laterals(roles, day, rule, **_):
    sideways = roles.loc[roles["move"], "sideways"].to_numpy(dtype=bool)
    known = roles.loc[roles["move"], "known"].to_numpy(dtype=bool)
    threshold = float(rule["flag_at"])
    if sideways.size == 0:
        return 0.0, threshold, False, "There are no moves yet: the history has a single role."
    in_a_row = int(np.cumprod(sideways[::-1]).sum())
    if in_a_row < sideways.size and not known[::-1][in_a_row]:  # the run ends at a move of unknown direction
        return np.nan, threshold, False, _not_measured(roles, "level and change")
    recent = sideways[-3:]
    said = f"Your last {in_a_row} move{'s were' if in_a_row != 1 else ' was'} sideways (same level, no promotion)."
    if 0 < in_a_row < recent.size:
        said += f" {int(recent.sum())} of your last {recent.size} moves were sideways."
    if in_a_row == 0:
        said = f"Your latest move was not sideways; {int(recent.sum())} of your last {recent.size} moves were."
    return float(in_a_row), threshold, in_a_row >= threshold, said


def _rating_trend(roles, day, rule, career, thresholds, **_):
    history = rating_history(career, day, thresholds)
    recent = history.loc[history["in_trend"], "share"].to_numpy()
    threshold = float(rule["flag_below"])
    if recent.size < 2:
        return (np.nan, threshold, False,
                "Not measured: fewer than two roles have a review rating, so there is no trend yet.")
    slope, _ = _line(recent)
    said = (f"Over your last {recent.size} reviews your rating went from {recent[0]:.0%} to {recent[-1]:.0%} "
            f"of the scale ({slope * 100:+.0f} points of the scale per review).")
    return slope, threshold, slope < threshold, said


def _latest_rating(roles, day, rule, **_):
    rated = roles.loc[roles["rating"].notna()]
    threshold = float(rule["flag_below"])
    if rated.empty:
        return np.nan, threshold, False, "Not measured: no role has a review rating."
    last = rated.iloc[-1]
    share = float(last["rating"] / last["rating_scale_max"])
    said = (f"Your latest review was {last['rating']:g} of {last['rating_scale_max']:g} "
            f"({share:.0%} of the scale; the bar is {threshold:.0%}).")
    return share, threshold, share < threshold, said


def _real_growth(roles, day, rule, career, cpi, **_):
    threshold = float(rule["flag_below"])
    pay = salary_history(career, day, cpi)
    if pay.empty:
        return np.nan, threshold, False, "Not measured: no role has a salary."
    currency = pay["currency"].iloc[-1]
    pay = pay.loc[pay["currency"] == currency].sort_values("paid_on", kind="stable")
    latest = pay.iloc[-1]
    window_start = day - pd.DateOffset(years=int(rule["window_years"]))
    earlier = pay.loc[pay["paid_on"] < latest["paid_on"]]
    inside = earlier.loc[earlier["paid_on"] >= window_start]
    base = inside.iloc[0] if len(inside) else (earlier.iloc[-1] if len(earlier) else None)
    if base is None:
        return np.nan, threshold, False, "Not measured: only one salary is known, so there is no growth yet."
    years = float(_years(latest["paid_on"], base["paid_on"]))
    real = (latest["real_salary"] / base["real_salary"]) ** (1 / years) - 1
    nominal = (latest["salary"] / base["salary"]) ** (1 / years) - 1
    said = (f"Your pay went from {base['salary']:,.0f} to {latest['salary']:,.0f} {currency or ''} between "
            f"{base['paid_on']:%b %Y} and {latest['paid_on']:%b %Y}: {nominal:+.1%} a year before inflation, "
            f"{real:+.1%} after.").replace("  ", " ")
    notes = sorted(set(pay["note"]) - {""})
    if notes:
        said += f" US CPI stand-ins: {'; '.join(notes)} (real growth looks better than it is if prices kept rising)."
    if currency not in (CPI_CURRENCY, ""):
        said += f" Salaries in {currency} are deflated with the US CPI, which is only a rough guide."
    return real, threshold, real < threshold, said


def _level_growth(roles, day, rule, **_):
    threshold = float(rule["flag_below"])
    window_start = max(day - pd.DateOffset(years=int(rule["window_years"])), roles["start"].min())
    years = float(_years(day, window_start))
    then = roles.iloc[max(int(np.searchsorted(roles["start"].to_numpy(), window_start.to_datetime64(), "right")) - 1, 0)]
    now = roles.iloc[-1]
    if years <= 0:
        return np.nan, threshold, False, "The history starts today, so there is no time to measure growth over."
    if pd.isna(then["level"]) or pd.isna(now["level"]):
        return np.nan, threshold, False, _not_measured(roles, "level")
    value = (now["level"] - then["level"]) / years
    moved = (f"went from level {then['level']:g} to level {now['level']:g}" if now["level"] != then["level"]
             else f"stayed at level {now['level']:g}")
    said = f"You {moved} over the last {years:.1f} years ({value:.2f} levels a year)."
    if years < float(rule["min_years"]):
        return value, threshold, False, said + f" That is too short a time to judge (under {rule['min_years']:g} years)."
    return value, threshold, value < threshold, said


def is_stalled(signal_table: pd.DataFrame, thresholds: dict | None = None) -> bool:
    """Stalled when any movement signal named in ``stalled_when_any`` is flagged."""
    movement = (thresholds or load_thresholds())["stalled_when_any"]
    return bool(signal_table.loc[signal_table["signal"].isin(movement), "flagged"].any())


# --------------------------------------------------------------------------- diagnosis
@dataclass(frozen=True)
class Diagnosis:
    """Everything the report shows, each table tidy and traceable.

    ``causes``: cause, title, score (0-100), rank,
    evidence, contributions (one line of text per cause); ``contributions``: one row
    per cause and input (``source`` 'history' or 'questionnaire') with its 0-1
    ``value``, ``weight`` and the points it adds to the score; ``checklist``: the
    five signs of a manager holding you back; ``plan``: action, why, check_in."""

    as_of: pd.Timestamp
    stalled: bool
    years_since_promotion: float | None
    signals: pd.DataFrame = field(repr=False)
    causes: pd.DataFrame = field(repr=False)
    contributions: pd.DataFrame = field(repr=False)
    boss_blocking: bool = False
    checklist: pd.DataFrame = field(repr=False, default=None)
    readiness: float | None = None
    remedies: pd.DataFrame = field(repr=False, default=None)
    plan: pd.DataFrame = field(repr=False, default=None)
    confidence: str = "low"
    verdict: str = ""
    history_only: bool = True
    answered: int = 0
    items: int = 0


def diagnose(career: pd.DataFrame, responses: pd.DataFrame | None = None, as_of=None,
             thresholds: dict | None = None, weights: dict | None = None,
             cpi: pd.DataFrame | None = None) -> Diagnosis:
    """Is the career stalled, why, and what to do in the next 90 days.

    ``responses`` are answers to the ``stuck_diagnostics`` questionnaire (as from
    :func:`load_stuck_responses`); only the respondent ``self`` is used, at their
    latest date. With no answers the diagnosis rests on the history alone and the
    verdict says so. The result does not depend on the order of input rows."""
    thresholds = thresholds or load_thresholds()
    weights = weights or load_weights()
    day = resolve_as_of(as_of)
    instrument = assessment.load_instrument(INSTRUMENT)
    table = signals(career, day, thresholds, cpi)
    stalled = is_stalled(table, thresholds)
    answers = _latest_self_answers(responses, instrument)
    dimensions = _dimension_scores(answers, instrument)

    factor = 1.0 if stalled else float(weights["not_stalled_factor"])
    contributions = _contributions(table, dimensions, instrument, weights, factor)
    causes = _rank_causes(contributions, weights)
    checklist = boss_checklist(answers, instrument, weights, chronological(career, day))
    boss_blocking = bool(checklist["present"].sum() >= int(weights["boss_blocking"]["min_signs"]))
    readiness = dimensions.get(weights["readiness"]["dimension"], np.nan)
    readiness = None if pd.isna(readiness) else float(readiness)
    focus = _focus(causes, stalled, weights)
    plan = ninety_day_plan(focus, boss_blocking, readiness, weights, day)
    remedies = causes.loc[causes["cause"].isin(focus["cause"]), ["cause", "title", "score"]].assign(
        remedy=lambda f: f["cause"].map({c: " ".join(str(w["remedy"]).split()) for c, w in weights["causes"].items()})
    ).reset_index(drop=True)

    answered = int(answers["score"].notna().sum())
    measured = int(table["value"].notna().sum())
    confidence = _confidence(measured, answered / len(instrument.items), weights)
    since = years_since_promotion(career, day)
    verdict = _verdict(table, causes, stalled, boss_blocking, checklist, readiness, measured, answered,
                       len(instrument.items), confidence, thresholds, weights, day, career)
    return Diagnosis(
        as_of=day, stalled=stalled, years_since_promotion=since, signals=table, causes=causes,
        contributions=contributions, boss_blocking=boss_blocking, checklist=checklist, readiness=readiness,
        remedies=remedies, plan=plan, confidence=confidence, verdict=verdict, history_only=answered == 0,
        answered=answered, items=len(instrument.items),
    )


def _latest_self_answers(responses: pd.DataFrame | None, instrument) -> pd.DataFrame:
    """One row per instrument item: the respondent ``self``'s answer at their latest
    date (NaN when not answered); a repeated answer on that date: the later line wins."""
    items = instrument.items[["item", "text", "dimension", "reverse", "weight"]]
    if responses is None or len(responses) == 0:
        return items.assign(score=np.nan)
    answers = assessment.latest_lines(responses, instrument)  # a repeated answer: the later line wins
    mine = answers.loc[answers["respondent"] == assessment.SELF]
    mine = mine.loc[mine["date"] == mine["date"].max()]
    return items.merge(mine[["item", "score"]], on="item", how="left")


def _dimension_scores(answers: pd.DataFrame, instrument) -> pd.Series:
    """0-100 per dimension (high = healthy), scored by the assessment engine."""
    given = answers.loc[answers["score"].notna()]
    if given.empty:
        return pd.Series(np.nan, index=instrument.dimensions["dimension"], dtype=float)
    frame = given.assign(date=pd.Timestamp("2000-01-01"), respondent="self", instrument=instrument.id,
                         **{LINE: np.arange(len(given))})
    scored = assessment.score(frame[["date", "respondent", "instrument", "item", "score", LINE]], instrument)
    return scored.set_index("dimension")["score"].reindex(instrument.dimensions["dimension"])


def weights_table(weights: dict | None = None) -> pd.DataFrame:
    """The weights file as a table: ``cause, source, input, weight`` (for showing)."""
    weights = weights or load_weights()
    rows = [
        {"cause": cause, "source": source, "input": name, "weight": float(weight)}
        for cause, spec in weights["causes"].items()
        for source in ("history", "questionnaire")
        for name, weight in (spec.get(source) or {}).items()
    ]
    return pd.DataFrame(rows, columns=["cause", "source", "input", "weight"])


def thresholds_table(thresholds: dict | None = None) -> pd.DataFrame:
    """The thresholds file as a table: ``signal, setting, value`` (for showing)."""
    thresholds = thresholds or load_thresholds()
    rows = [
        {"signal": name, "setting": key, "value": value}
        for name, rule in thresholds["signals"].items()
        for key, value in rule.items()
        if key != "label"
    ]
    return pd.DataFrame(rows, columns=["signal", "setting", "value"])


def _contributions(table: pd.DataFrame, dimensions: pd.Series, instrument, weights: dict, factor: float) -> pd.DataFrame:
    """Every cause's inputs on 0-1 and the points each adds to its score.

    A history input is 1 when its signal is flagged and 0 when not; a questionnaire
    input is ``1 - score / 100`` (the instrument scores the healthy state high). An
    input that could not be measured (no ratings, a question not answered) counts
    as undecided, 0.5, and ``assumed`` says so: a cause backed by one flagged hint
    then does not score as high as one backed by everything. The cause score is
    the weighted mean of the inputs times 100, times ``factor`` (below 1 when
    nothing is stalled); ``contribution`` splits it exactly."""
    frame = weights_table(weights)
    by_signal = table.set_index("signal")
    flagged = by_signal["flagged"].astype(float).where(by_signal["value"].notna())
    history = frame["source"] == "history"
    measured = np.where(history, frame["input"].map(flagged), 1 - frame["input"].map(dimensions) / 100)
    frame["assumed"] = pd.isna(measured)
    frame["value"] = pd.Series(measured, index=frame.index, dtype=float).fillna(UNDECIDED)
    labels = {**by_signal["label"].to_dict(), **instrument.dimension_titles()}
    frame.insert(3, "label", frame["input"].map(labels).fillna(frame["input"]))
    total_weight = frame.groupby("cause")["weight"].transform("sum")
    frame["factor"] = factor
    frame["contribution"] = 100 * factor * frame["weight"] * frame["value"] / total_weight
    said = np.where(
        history,
        frame["input"].map(by_signal["evidence"]).fillna(""),
        "You scored '" + frame["label"] + "' " + (100 - 100 * frame["value"]).round().astype(int).astype(str) + " of 100.",
    )
    frame["evidence"] = np.where(frame["assumed"] & ~history, "Not answered (counted as undecided).", said)
    return frame[["cause", "source", "input", "label", "value", "assumed", "weight", "factor", "contribution", "evidence"]]


def _rank_causes(contributions: pd.DataFrame, weights: dict) -> pd.DataFrame:
    """One row per cause, highest score first (unmeasured causes last, ties in the
    order of the weights file), with the evidence behind the score."""
    order = {cause: i for i, cause in enumerate(weights["causes"])}
    by_cause = contributions.groupby("cause", sort=False)
    score = by_cause["contribution"].sum(min_count=1)
    speaking = contributions.loc[(contributions["contribution"] > 0) & ~contributions["assumed"]]
    evidence = speaking.groupby("cause", sort=False)["evidence"].agg(lambda texts: " ".join(pd.unique(texts)))
    shown = speaking.assign(
        part=speaking["source"] + " '" + speaking["label"] + "' +" + speaking["contribution"].round().astype(int).astype(str)
    )
    parts = shown.groupby("cause", sort=False)["part"].agg("; ".join)
    causes = pd.DataFrame({"cause": list(order)})
    causes["title"] = causes["cause"].map({c: w.get("title", c) for c, w in weights["causes"].items()})
    causes["score"] = causes["cause"].map(score).astype(float)
    causes["evidence"] = causes["cause"].map(evidence).astype(object).fillna("")
    causes["evidence"] = causes["evidence"].where(
        causes["evidence"] != "", "Nothing measured in your history or answers points here."
    )
    causes["contributions"] = causes["cause"].map(parts).astype(object).fillna("none")
    causes["_order"] = causes["cause"].map(order)
    causes = causes.sort_values(["score", "_order"], ascending=[False, True], na_position="last", kind="stable")
    causes["rank"] = np.arange(1, len(causes) + 1)
    return causes[["cause", "title", "score", "rank", "evidence", "contributions"]].reset_index(drop=True)


def boss_checklist(answers: pd.DataFrame, instrument, weights: dict, roles: pd.DataFrame) -> pd.DataFrame:
    """The five signs of a manager holding you back: ``sign, label, answer, present,
    evidence``. A sign is present when its answer is far enough towards 'true'
    (``present_at`` in the weights). A phantom promotion can also show in the
    history: a promotion at the same level with no pay rise, at your current employer."""
    settings = weights["boss_blocking"]
    signs = pd.DataFrame({"sign": list(settings["items"]), "label": list(settings["items"].values())})
    healthy = assessment.unit_scores(answers[["item", "score"]], instrument)  # 0-1, 1 = healthy
    rows = signs.merge(healthy[["item", "score", "unit"]], left_on="sign", right_on="item", how="left")
    strength = 1 - rows["unit"]  # how far the answer leans towards the warning sign
    answered_present = strength >= float(settings["present_at"])
    label_of = rows["score"].map(lambda s: instrument.label(s) if pd.notna(s) else "")
    evidence = np.where(
        rows["score"].notna(),
        "You answered " + rows["score"].map("{:g}".format, na_action="ignore").astype(object).fillna("") + " (" + label_of + ").",
        "Not answered.",
    )
    phantom = _phantom_promotions(roles)
    from_history = (rows["sign"] == "boss_phantom") & bool(len(phantom))
    if len(phantom):
        evidence = np.where(
            from_history,
            evidence + f" Your history shows a promotion in {phantom['start'].max():%b %Y} with no change of level "
            "and no pay rise.",
            evidence,
        )
    return pd.DataFrame(
        {
            "sign": rows["sign"],
            "label": rows["label"],
            "answer": rows["score"],
            "present": (answered_present.fillna(False) | from_history).astype(bool),
            "evidence": evidence,
        }
    )


def _phantom_promotions(roles: pd.DataFrame) -> pd.DataFrame:
    """Promotions at the current employer that kept the level and did not raise pay."""
    if roles.empty:
        return roles
    current_employer = roles["employer"].iloc[-1].casefold()
    previous_salary = roles["salary"].shift(1)
    same_employer = roles["employer"].str.casefold() == current_employer
    phantom = (
        (roles["change"] == "promotion") & (roles["level"] <= roles["previous_level"]) & same_employer
        & roles["salary"].notna() & previous_salary.notna() & (roles["salary"] <= previous_salary)
    )
    return roles.loc[phantom]


def _focus(causes: pd.DataFrame, stalled: bool, weights: dict) -> pd.DataFrame:
    """The causes the plan works on: when stalled, the top ``plan_causes`` scoring at
    least ``plan_min_score`` (at least the top one); none when the career moves."""
    if not stalled:
        return causes.iloc[0:0]
    strong = causes.loc[causes["score"] >= float(weights["plan_min_score"])].head(int(weights["plan_causes"]))
    return strong if len(strong) else causes.loc[causes["score"].notna()].head(1)


def ninety_day_plan(focus: pd.DataFrame, boss_blocking: bool, readiness: float | None, weights: dict,
                    as_of) -> pd.DataFrame:
    """Three steps per focus, checked in at ``as_of`` + 30, 60 and 90 days:
    ``check_in, action, why``. Focuses, in this order, at most ``plan_blocks``: the
    top cause, the manager (if holding you back), visibility (if readiness is low),
    the next cause; a momentum plan when nothing is stalled."""
    day = resolve_as_of(as_of)
    causes = [
        (weights["causes"][row.cause]["plan"], f"{row.title} scores {row.score:.0f} of 100")
        for row in focus.itertuples()  # at most plan_causes causes
    ]
    blocks = causes[:1]
    if boss_blocking:
        blocks.append((weights["boss_blocking"]["plan"], "Your answers show several signs of a manager holding you back"))
    if readiness is not None and readiness < float(weights["readiness"]["ready_at"]):
        blocks.append((weights["readiness"]["plan"],
                       f"Readiness for an opening scores {readiness:.0f} of 100: decision-makers need to know your work"))
    blocks = (blocks + causes[1:])[: int(weights["plan_blocks"])]
    if not blocks:
        blocks.append((weights["healthy"]["plan"], "Your career is moving; keep the momentum"))
    frames = [
        pd.DataFrame({"check_in": [day + pd.Timedelta(days=d) for d in CHECK_IN_DAYS[: len(steps)]],
                      "action": [" ".join(str(s).split()) for s in steps], "why": why, "_block": i})
        for i, (steps, why) in enumerate(blocks)
    ]
    plan = pd.concat(frames, ignore_index=True).sort_values(["check_in", "_block"], kind="stable")
    return plan.drop(columns="_block").reset_index(drop=True)


def _confidence(measured: int, answered_share: float, weights: dict) -> str:
    rules = weights["confidence"]
    for level in ("high", "moderate"):
        if measured >= rules[level]["signals"] and answered_share >= rules[level]["answered_share"]:
            return level
    return "low"


def _verdict(table, causes, stalled, boss_blocking, checklist, readiness, measured, answered, items,
             confidence, thresholds, weights, day, career) -> str:
    """Plain language: stalled or not and why, the leading causes, how sure, and
    what data would change it. Holds no user text (safe to show as Markdown)."""
    has_roles = bool((career["start"] <= day).any())
    if not has_roles and answered == 0:
        return ("There is no career history or questionnaire to judge yet. Fill in the career template "
                "(one row per role) and the verdict will follow.")
    flagged = table.loc[table["flagged"]]
    step = table.set_index("signal").loc["years_since_step_up"]
    movement_signals = table.loc[table["signal"].isin(thresholds["stalled_when_any"])]
    unjudged = movement_signals.loc[movement_signals["value"].isna()] if has_roles else movement_signals.iloc[0:0]
    parts = []
    if stalled:
        movement = flagged.loc[flagged["signal"].isin(thresholds["stalled_when_any"])]
        parts.append("**Your career looks stalled.** " + " ".join(movement["evidence"]))
        measured_causes = causes.loc[causes["score"].notna()]
        top = measured_causes.head(2)
        if len(top):
            named = " and ".join(f"**{t.title.lower()}** ({t.score:.0f} of 100)" for t in top.itertuples())
            parts.append(f"The strongest explanation{'s are' if len(top) > 1 else ' is'} {named}.")
    elif len(unjudged):
        parts.append("**Whether your career has stalled cannot be told yet:** "
                     f"{_listed(unjudged['label'])} {'are' if len(unjudged) > 1 else 'is'} not measured, "
                     f"and no measured signal shows a stall. Cause scores are early warnings only "
                     f"(multiplied by {float(weights['not_stalled_factor']):g}).")
    else:
        parts.append("**Your career is moving.** " + step["evidence"])
        if pd.notna(step["threshold"]) and pd.notna(step["value"]):
            by = day + pd.Timedelta(days=float(step["threshold"] - step["value"]) * DAYS_PER_YEAR)
            parts.append(f"Nothing needs fixing now; it would count as stalled without a step up by {by:%B %Y}. "
                         f"Cause scores are early warnings only (multiplied by {float(weights['not_stalled_factor']):g}).")
    if answered:
        present = int(checklist["present"].sum())
        parts.append(
            f"{present} of {len(checklist)} signs of a manager holding you back are present"
            + (": your manager may be part of the problem." if boss_blocking else ".")
        )
        if readiness is not None:
            parts.append(f"Readiness for an opening scores {readiness:.0f} of 100.")
    else:
        parts.append("No questionnaire answers were given, so this rests on the career history alone: "
                     "it cannot tell boredom from a grievance or rigidity, nor whether your manager is holding you back.")
    parts.append(f"This rests on {measured} of {len(table)} history signals and {answered} of {items} "
                 f"questionnaire answers, so treat it as **{confidence} confidence**.")
    unmeasured = table.loc[table["value"].isna()] if has_roles else table.iloc[0:0]
    needs = unmeasured.groupby(unmeasured["signal"].map(SIGNAL_NEEDS), sort=False)["label"].agg(_listed)
    if len(needs):
        deciding = set(unjudged["signal"].map(SIGNAL_NEEDS))  # the needs behind the stall verdict itself
        measures = (f"{need} would measure {labels.lower()}" + (", which decide whether it has stalled"
                                                                  if need in deciding else "")
                    for need, labels in needs.items())
        parts.append("Filling in " + "; ".join(measures) + ".")
    missing = []
    if answered < items:
        missing.append("answering the stuck-diagnostics questionnaire" if answered == 0 else "answering the remaining questions")
    if career["rating"].notna().sum() < 2 and "review ratings" not in needs:
        missing.append("adding review ratings")
    if career["salary"].notna().sum() < 2 and "salaries" not in needs:
        missing.append("adding salaries")
    if len(unjudged) and not stalled:
        change = "Until then the verdict cannot be more than that"
    else:
        change = ("A step up would clear the stall signal" if stalled
                  else "Another lateral move or a long wait would change it")
    parts.append(change + (f"; {', '.join(missing)} would sharpen it." if missing else "."))
    return " ".join(parts)


def _listed(labels: pd.Series) -> str:
    """'a', 'a and b', 'a, b and c' (a handful of signal labels)."""
    items = [str(label) for label in labels]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------- sharing and summary
def share_career(career: pd.DataFrame, share: bool = True) -> pd.DataFrame:
    """Employers become 'Employer A', 'Employer B' ... (stable whatever the row
    order) and titles 'Level N role'; unchanged when ``share`` is false."""
    if not share:
        return career
    level = career["level"].map("Level {:g} role".format, na_action="ignore")
    return career.assign(
        employer=pseudonyms(career["employer"], "Employer"),
        title=level.astype(object).fillna("Role"),
    )


def roles_table(career: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """The history for showing: one row per role with how it began."""
    roles = chronological(career, as_of)
    began = np.select([roles["step_up"], roles["step_down"], roles["sideways"], roles["move"]],
                      ["step up", "step down", "sideways", "not known"], "first role")
    return pd.DataFrame(
        {
            "start": roles["start"].dt.strftime("%Y-%m-%d"),
            "end": roles["end"].dt.strftime("%Y-%m-%d").fillna("current"),
            "employer": roles["employer"],
            "title": roles["title"],
            "level": roles["level"],
            "change": roles["change"],
            "move": began,
            "salary": roles["salary"],
            "rating": (_shown(roles["rating"]) + " / " + _shown(roles["rating_scale_max"])).where(
                roles["rating"].notna(), ""),
        }
    )


def _shown(numbers: pd.Series) -> pd.Series:
    """Numbers as short text ('4', '4.5'), '' where empty (also when every cell is)."""
    return numbers.map("{:g}".format, na_action="ignore").astype(object).fillna("")


def report_summary(diagnosis: Diagnosis) -> dict:
    """The ``stuck_diagnostics.json`` contract."""
    return {
        "report": "stuck_diagnostics",
        "as_of": diagnosis.as_of.strftime("%Y-%m-%d"),
        "stalled": bool(diagnosis.stalled),
        "years_since_promotion": None if diagnosis.years_since_promotion is None
        else round(float(diagnosis.years_since_promotion), 2),
        "signals": [
            {"signal": row.signal, "value": _num(row.value), "flagged": bool(row.flagged)}
            for row in diagnosis.signals.itertuples()
        ],
        "causes": [{"cause": row.cause, "score": _num(row.score)} for row in diagnosis.causes.itertuples()],
        "boss_blocking": bool(diagnosis.boss_blocking),
    }


def _num(value) -> float | None:
    return None if pd.isna(value) else round(float(value), 4)
