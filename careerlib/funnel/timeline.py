"""The funnel over time: days between stages, events per week and rolling stage rates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib.funnel.model import NOT_MEASURED, is_undated, resolve_as_of, stage_state
from careerlib.logs.applications import STAGES
from careerlib.stats import wilson_interval


def time_in_stage(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Days between consecutive stages, where both are dated: ``from_stage, to_stage,
    transitions, median_days, p25_days, p75_days, min_days, max_days``. An undated log:
    no rows, and ``attrs["note"]`` says time is not measured."""
    if is_undated(apps):
        return _not_measured(
            ["from_stage", "to_stage", "transitions", "median_days", "p25_days", "p75_days", "min_days", "max_days"]
        )
    day = resolve_as_of(apps, as_of)
    apps = apps.loc[apps["applied"] <= day]
    rows = []
    for earlier, later in zip(STAGES[:-1], STAGES[1:]):  # four stage pairs, not rows
        gap = (apps[later] - apps[earlier]).dt.days
        gap = gap[(apps[later] <= day) & gap.notna()]
        rows.append(
            {
                "from_stage": earlier,
                "to_stage": later,
                "transitions": int(gap.size),
                "median_days": gap.median() if gap.size else np.nan,
                "p25_days": gap.quantile(0.25) if gap.size else np.nan,
                "p75_days": gap.quantile(0.75) if gap.size else np.nan,
                "min_days": gap.min() if gap.size else np.nan,
                "max_days": gap.max() if gap.size else np.nan,
            }
        )
    return pd.DataFrame(rows)


def weekly_activity(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Events per week (weeks start on Monday): ``week, stage, count``, every week
    from the first application to ``as_of``, zeros included (an undated log: none, with a note)."""
    if is_undated(apps):
        return _not_measured(["week", "stage", "count"])
    day = resolve_as_of(apps, as_of)
    long = apps[list(STAGES)].melt(var_name="stage", value_name="date").dropna()
    long = long.loc[long["date"] <= day]
    if long.empty:
        return pd.DataFrame(
            {
                "week": pd.Series(dtype="datetime64[ns]"),
                "stage": pd.Series(dtype=object),
                "count": pd.Series(dtype=np.int64),
            }
        )
    long["week"] = long["date"].dt.to_period("W-SUN").dt.start_time
    weeks = pd.date_range(long["week"].min(), day.to_period("W-SUN").start_time, freq="W-MON")
    counts = (
        long.groupby(["week", "stage"]).size().unstack("stage").reindex(index=weeks, columns=list(STAGES)).fillna(0)
    )
    counts.index.name = "week"
    out = counts.astype(np.int64).reset_index().melt(id_vars="week", var_name="stage", value_name="count")
    return out


def rolling_rates(apps: pd.DataFrame, stage: str = "screen", window_weeks: int = 4, as_of=None) -> pd.DataFrame:
    """By week applied, the rate of reaching ``stage`` over a rolling window of
    ``window_weeks`` weeks, with its Wilson interval: ``week, applications, reached,
    decided, rate, low, high``. Shows whether a change of tactic moved the rate.
    An undated log: none, with a note."""
    if is_undated(apps):
        return _not_measured(["week", "applications", "reached", "decided", "rate", "low", "high"])
    state = stage_state(apps, as_of)
    index = STAGES.index(stage)
    if state.empty:
        return pd.DataFrame(columns=["week", "applications", "reached", "decided", "rate", "low", "high"])
    week = state["applied_on"].dt.to_period("W-SUN").dt.start_time
    waiting = state["in_flight"] & (state["level"] < index)
    frame = pd.DataFrame({"week": week, "applications": 1, "reached": state[stage], "decided": ~waiting})
    weekly = frame.groupby("week")[["applications", "reached", "decided"]].sum()
    weekly = weekly.reindex(pd.date_range(weekly.index.min(), weekly.index.max(), freq="W-MON"), fill_value=0)
    rolled = weekly.rolling(window_weeks, min_periods=1).sum().astype(np.int64)
    rate, low, high = wilson_interval(rolled["reached"], rolled["decided"])
    rolled = rolled.assign(rate=rate, low=low, high=high)
    rolled.index.name = "week"
    return rolled.reset_index()


def _not_measured(columns: list[str]) -> pd.DataFrame:
    """An empty table for a log with no dates, its note in ``attrs`` for the charts and text."""
    table = pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
    table.attrs["note"] = NOT_MEASURED
    return table
