"""Stuck-career history: how each role began, pay after inflation, reviews, and the
movement signals compared with their thresholds (pure functions; the thresholds and
the CPI table are passed in, never read here).

``as_of`` follows :func:`careerlib.dates.as_of_day`; a career has an open current role,
so when it is not given it is today.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from careerlib.dates import as_of_day
from careerlib.diagnostics.inputs import CPI_CURRENCY
from careerlib.logs.career import sorted_roles
from careerlib.text import percent

DAYS_PER_YEAR = 365.25
# What each signal needs filled in, for saying what an empty column costs in the verdict.
SIGNAL_NEEDS = {
    "years_since_step_up": "each role's level and change type",
    "consecutive_laterals": "each role's level and change type",
    "rating_trend": "review ratings",
    "latest_rating": "review ratings",
    "real_salary_growth": "salaries",
    "level_growth": "each role's level and change type",
}


# --------------------------------------------------------------------------- the roles
def resolve_as_of(as_of=None) -> pd.Timestamp:
    """``as_of`` as a day (:func:`careerlib.dates.as_of_day`); today when not given."""
    return as_of_day(as_of)


def chronological(career: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """The roles begun by ``as_of``, oldest first, with how each one began:
    ``step_up``, ``step_down`` or ``sideways`` (the first role is none of them:
    it is not a move), ``previous_level``, ``current`` (still held on ``as_of``) and
    ``known``: false for a move whose direction the empty level or change cells
    hide (such a move is none of step up, step down or sideways)."""
    day = resolve_as_of(as_of)
    roles = sorted_roles(career.loc[career["start"] <= day])
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


def salary_history(career: pd.DataFrame, as_of=None, *, cpi: pd.DataFrame) -> pd.DataFrame:
    """One row per role with a salary: ``paid_on`` (the role's end, or ``as_of`` for a
    current role), the nominal ``salary``, the CPI year used and ``real_salary`` in
    money of the latest CPI year not after ``as_of`` (``base_year``). ``note`` says
    when a year is outside the CPI table and a neighbouring year stood in. ``cpi``:
    :func:`careerlib.diagnostics.load_cpi`."""
    day = resolve_as_of(as_of)
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


def rating_history(career: pd.DataFrame, as_of=None, *, thresholds: Mapping) -> pd.DataFrame:
    """One row per rated role: ``share`` = rating / top of its scale (so reviews on
    different employers' scales compare), ``in_trend`` for the last N reviews the
    trend is fitted to, and ``trend``, the fitted straight line on those rows."""
    settings = thresholds["signals"]["rating_trend"]
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


def signals(career: pd.DataFrame, as_of=None, *, thresholds: Mapping, cpi: pd.DataFrame) -> pd.DataFrame:
    """The history's movement signals, one row each:
    ``signal, label, value, threshold, flagged, evidence``.

    ``value`` is NaN when the history lacks the data (no ratings, one salary); such
    a signal is never flagged and its evidence says what is missing. The order of
    the rows is the order of ``thresholds.yaml``."""
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
            value, threshold, flagged, evidence = measures[name](
                roles, day, rule, career=career, cpi=cpi, thresholds=thresholds
            )
        rows.append(
            {
                "signal": name,
                "label": rule.get("label", name),
                "value": float(value),
                "threshold": float(threshold),
                "flagged": bool(flagged),
                "evidence": evidence,
            }
        )
    return pd.DataFrame(rows, columns=SIGNAL_COLUMNS)


def _not_measured(roles, needs: str) -> str:
    """Why a level-based signal is not measured: which cells are empty."""
    no_level = int(roles["level"].isna().sum())
    no_change = int((roles.loc[roles["move"], "change"] == "").sum())
    gaps = [
        f"{no_level} of {len(roles)} roles have no level" if no_level else "",
        f"{no_change} move{'s have' if no_change != 1 else ' has'} no change type" if no_change else "",
    ]
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
        bar = (
            f"with {'only one step up' if len(ups) else 'no step up'} there is no rhythm of your own yet, "
            f"so the bar is the default {threshold:.1f} years"
        )
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
    recent = sideways[-int(rule["recent_moves"]) :]  # the window the evidence counts sideways moves in
    said = f"Your last {in_a_row} move{'s were' if in_a_row != 1 else ' was'} sideways (same level, no promotion)."
    if 0 < in_a_row < recent.size:
        said += f" {int(recent.sum())} of your last {recent.size} moves were sideways."
    if in_a_row == 0:
        said = f"Your latest move was not sideways; {int(recent.sum())} of your last {recent.size} moves were."
    return float(in_a_row), threshold, in_a_row >= threshold, said


def _rating_trend(roles, day, rule, career, thresholds, **_):
    history = rating_history(career, day, thresholds=thresholds)
    recent = history.loc[history["in_trend"], "share"].to_numpy()
    threshold = float(rule["flag_below"])
    if recent.size < 2:
        return (
            np.nan,
            threshold,
            False,
            "Not measured: fewer than two roles have a review rating, so there is no trend yet.",
        )
    slope, _ = _line(recent)
    said = (
        f"Over your last {recent.size} reviews your rating went from {percent(recent[0], space=False)} "
        f"to {percent(recent[-1], space=False)} of the scale ({slope * 100:+.0f} points of the scale per review)."
    )
    return slope, threshold, slope < threshold, said


def _latest_rating(roles, day, rule, **_):
    rated = roles.loc[roles["rating"].notna()]
    threshold = float(rule["flag_below"])
    if rated.empty:
        return np.nan, threshold, False, "Not measured: no role has a review rating."
    last = rated.iloc[-1]
    share = float(last["rating"] / last["rating_scale_max"])
    said = (
        f"Your latest review was {last['rating']:g} of {last['rating_scale_max']:g} "
        f"({percent(share, space=False)} of the scale; the bar is {percent(threshold, space=False)})."
    )
    return share, threshold, share < threshold, said


def _real_growth(roles, day, rule, career, cpi, **_):
    threshold = float(rule["flag_below"])
    pay = salary_history(career, day, cpi=cpi)
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
    said = (
        f"Your pay went from {base['salary']:,.0f} to {latest['salary']:,.0f} {currency or ''} between "
        f"{base['paid_on']:%b %Y} and {latest['paid_on']:%b %Y}: "
        f"{percent(nominal, 1, space=False, signed=True)} a year before inflation, "
        f"{percent(real, 1, space=False, signed=True)} after."
    ).replace("  ", " ")
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
    then = roles.iloc[
        max(int(np.searchsorted(roles["start"].to_numpy(), window_start.to_datetime64(), "right")) - 1, 0)
    ]
    now = roles.iloc[-1]
    if years <= 0:
        return np.nan, threshold, False, "The history starts today, so there is no time to measure growth over."
    if pd.isna(then["level"]) or pd.isna(now["level"]):
        return np.nan, threshold, False, _not_measured(roles, "level")
    value = (now["level"] - then["level"]) / years
    moved = (
        f"went from level {then['level']:g} to level {now['level']:g}"
        if now["level"] != then["level"]
        else f"stayed at level {now['level']:g}"
    )
    said = f"You {moved} over the last {years:.1f} years ({value:.2f} levels a year)."
    if years < float(rule["min_years"]):
        return (
            value,
            threshold,
            False,
            said + f" That is too short a time to judge (under {rule['min_years']:g} years).",
        )
    return value, threshold, value < threshold, said


def is_stalled(signal_table: pd.DataFrame, thresholds: Mapping) -> bool:
    """Stalled when any movement signal named in ``stalled_when_any`` is flagged."""
    movement = thresholds["stalled_when_any"]
    return bool(signal_table.loc[signal_table["signal"].isin(movement), "flagged"].any())
