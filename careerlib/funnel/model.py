"""Funnel statistics: per-application stage state, stage rates per group, channel
comparisons and what is still in flight (pure functions; no file reads, no prose).

See :mod:`careerlib.funnel` for how applications in flight are counted."""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from careerlib.dates import as_of_day, is_given
from careerlib.logs.applications import REACHED, STAGES, UNKNOWN_OUTCOME
from careerlib.stats import beta_draws, wilson_interval

STALE_AFTER_DAYS = 42  # six weeks without news is the usual point to call an application ghosted
DRAWS = 20_000  # posterior draws for forecasts and comparisons; seeded, so results repeat
OFFER = STAGES.index("offer")


# --------------------------------------------------------------------------- state
def resolve_as_of(apps: pd.DataFrame, as_of=None) -> pd.Timestamp:
    """``as_of`` as a day (see :func:`careerlib.dates.as_of_day`): the log's latest date when not given."""
    if is_given(as_of) or not len(apps):  # the log's latest date is only looked up when needed
        return as_of_day(as_of)
    return as_of_day(as_of, latest=apps[list(STAGES)].max().max())


NOT_MEASURED = "not measured: this log has no dates"


def is_undated(apps: pd.DataFrame) -> bool:
    """True for a log with no date at all (an undated tally): stages are known, time is not."""
    return REACHED in apps.columns and bool(apps["applied"].isna().all())


def _undated_state(apps: pd.DataFrame) -> pd.DataFrame:
    """Stage state of an undated log: the furthest stage from ``reached``; with no time,
    nothing can be waiting, so an application with no outcome counts as having had no
    reply (the dated rule after six quiet weeks); ``as_of`` does not apply."""
    level = pd.Categorical(apps[REACHED], categories=list(STAGES)).codes.astype(np.int64)
    level = np.maximum(level, 0)
    outcome = apps["outcome"].to_numpy(dtype=object)
    level = np.where(outcome == "accepted", len(STAGES) - 1, level)
    reached = np.arange(len(STAGES))[None, :] <= level[:, None]
    effective = np.where(outcome == UNKNOWN_OUTCOME, "ghosted", outcome)
    state = pd.DataFrame(reached, columns=list(STAGES), index=apps.index)
    state["level"] = level
    state["outcome"] = effective
    state["in_flight"] = np.zeros(len(apps), dtype=bool)
    for column in ("channel", "company", "role"):
        state[column] = apps[column]
    state["applied_on"] = apps["applied"]
    state.attrs["as_of"] = None
    return state


def stage_state(apps: pd.DataFrame, as_of=None, stale_after_days: int = STALE_AFTER_DAYS) -> pd.DataFrame:
    """One row per application applied by ``as_of``: which stages it reached, the
    furthest one (``level``), its outcome as of that day, and whether it is in flight.
    An undated log (``is_undated``) is read from its ``reached`` column, all of it."""
    if is_undated(apps):
        return _undated_state(apps)
    day = resolve_as_of(apps, as_of)
    apps = apps.loc[apps["applied"] <= day]
    dates = apps[list(STAGES)].to_numpy(dtype="datetime64[ns]")
    known = ~np.isnat(dates) & (dates <= np.datetime64(day))
    later_unknown = (~np.isnat(dates) & (dates > np.datetime64(day))).any(axis=1)
    outcome = apps["outcome"].to_numpy(dtype=object)
    # An accepted offer counts even without the acceptance date, once the offer is known.
    known[:, -1] |= (outcome == "accepted") & known[:, OFFER] & ~later_unknown
    # Reaching a later stage means the earlier ones were passed (stages may be skipped).
    reached = np.flip(np.logical_or.accumulate(np.flip(known, axis=1), axis=1), axis=1)
    level = reached.sum(axis=1) - 1

    last_news = np.fmax.reduce(np.where(known, dates, np.datetime64("NaT")), axis=1)  # fmax skips NaT
    quiet_days = (np.datetime64(day) - last_news) / np.timedelta64(1, "D")
    effective = np.where(later_unknown, "active", outcome)
    unknown = effective == UNKNOWN_OUTCOME
    effective = np.where(unknown & (quiet_days <= stale_after_days), "active", effective)
    effective = np.where(effective == UNKNOWN_OUTCOME, "ghosted", effective)

    state = pd.DataFrame(reached, columns=list(STAGES), index=apps.index)
    state["level"] = level
    state["outcome"] = effective
    state["in_flight"] = (effective == "active") & (level < len(STAGES) - 1)
    for column in ("channel", "company", "role"):
        state[column] = apps[column]
    state["applied_on"] = apps["applied"]
    state.attrs["as_of"] = day
    return state


# --------------------------------------------------------------------------- summary
def summary(
    apps: pd.DataFrame, by: str | None = None, as_of=None, stale_after_days: int = STALE_AFTER_DAYS
) -> pd.DataFrame:
    """One row per stage (per group when ``by`` names a column such as ``"channel"``).

    Columns: ``stage, reached, in_flight, decided, rate, low, high, rate_from_applied``.
    ``rate`` is the conversion from the previous stage among applications decided
    there (``decided``), ``low``/``high`` its 95 % Wilson interval, and
    ``rate_from_applied`` the product of the stage rates: the estimated share of
    applications that get this far once everything in flight is decided.
    """
    state = stage_state(apps, as_of, stale_after_days)
    if by is not None:
        state[by] = apps.loc[state.index, by]
    return _summarise(state, by)


def _summarise(state: pd.DataFrame, by: str | None) -> pd.DataFrame:
    n_stages = len(STAGES)
    waiting = pd.DataFrame(
        {f"wait_{s}": state["in_flight"] & (state["level"] == i) for i, s in enumerate(STAGES)}, index=state.index
    )
    counts = pd.concat([state[list(STAGES)], waiting], axis=1)
    if by is None:
        totals = counts.sum().to_frame().T
        groups = [None]
    else:
        totals = counts.groupby(state[by], sort=True, observed=True).sum()
        groups = list(totals.index)
    reached = totals[list(STAGES)].to_numpy(dtype=np.int64)  # (groups, stages)
    in_flight = totals[[f"wait_{s}" for s in STAGES]].to_numpy(dtype=np.int64)
    decided = np.zeros_like(reached)
    decided[:, 1:] = reached[:, :-1] - in_flight[:, :-1]
    rate, low, high = wilson_interval(np.where(decided > 0, reached, 0), decided)
    rate[:, 0], low[:, 0], high[:, 0] = np.nan, np.nan, np.nan
    from_applied = np.where(reached[:, :1] > 0, np.nancumprod(np.where(np.isnan(rate), 1.0, rate), axis=1), np.nan)
    # Once a step has no decided applications the product is unknown from there on.
    unknown_after = np.logical_or.accumulate((decided == 0) & (np.arange(n_stages) > 0), axis=1)
    from_applied = np.where(unknown_after, np.nan, from_applied)

    out = pd.DataFrame(
        {
            "stage": np.tile(STAGES, len(groups)),
            "reached": reached.ravel(),
            "in_flight": in_flight.ravel(),
            "decided": decided.ravel(),
            "rate": rate.ravel(),
            "low": low.ravel(),
            "high": high.ravel(),
            "rate_from_applied": from_applied.ravel(),
        }
    )
    if by is not None:
        out.insert(0, by, np.repeat(np.asarray(groups, dtype=object), n_stages))
    out.attrs["as_of"] = state.attrs.get("as_of")
    return out


def channel_table(apps: pd.DataFrame, as_of=None, stage: str = "screen") -> pd.DataFrame:
    """Per channel: applications, in flight, offers, the rate of reaching ``stage``
    from the step before with its interval, and the estimated offer rate."""
    per = summary(apps, by="channel", as_of=as_of)
    # every stage a column, also for a log with no application (nothing to pivot)
    wide = per.pivot(index="channel", columns="stage", values="reached").reindex(columns=list(STAGES))
    step = per.loc[per["stage"] == stage].set_index("channel")
    offer = per.loc[per["stage"] == "offer"].set_index("channel")
    table = pd.DataFrame(
        {
            "applications": wide["applied"],
            "in_flight": per.groupby("channel")["in_flight"].sum(),
            "screens": wide["screen"],
            "interviews": wide["interview"],
            "offers": wide["offer"],
            f"{stage}_rate": step["rate"],
            f"{stage}_low": step["low"],
            f"{stage}_high": step["high"],
            "offer_rate_from_applied": offer["rate_from_applied"],
        }
    )
    return table.reset_index().sort_values(["applications", "channel"], ascending=[False, True], ignore_index=True)


def compare(apps: pd.DataFrame, by: str = "channel", stage: str = "screen", as_of=None, seed: int = 0) -> pd.DataFrame:
    """Pairwise: the probability that group A's rate of reaching ``stage`` (from the
    step before) beats group B's, from Beta-Binomial posteriors (uniform priors).

    Columns: ``group_a, group_b, rate_a, rate_b, decided_a, decided_b, prob_a_better``.
    Use it for channels, or for before/after a change of tactic (see :func:`period`)."""
    if stage == STAGES[0]:
        raise ValueError("compare a stage after 'applied' (e.g. 'screen')")
    rows = summary(apps, by=by, as_of=as_of)
    rows = rows.loc[rows["stage"] == stage].reset_index(drop=True)
    columns = ["group_a", "group_b", "rate_a", "rate_b", "decided_a", "decided_b", "prob_a_better"]
    if len(rows) < 2:
        return pd.DataFrame(columns=columns)
    draws = beta_draws(rows["reached"], rows["decided"], DRAWS, np.random.default_rng(seed))
    beats = (draws[:, :, None] > draws[:, None, :]).mean(axis=0)  # (groups, groups)
    a, b = np.where(~np.eye(len(rows), dtype=bool))
    return pd.DataFrame(
        {
            "group_a": rows[by].to_numpy()[a],
            "group_b": rows[by].to_numpy()[b],
            "rate_a": rows["rate"].to_numpy()[a],
            "rate_b": rows["rate"].to_numpy()[b],
            "decided_a": rows["decided"].to_numpy()[a],
            "decided_b": rows["decided"].to_numpy()[b],
            "prob_a_better": beats[a, b],
        },
        columns=columns,
    )


def period(apps: pd.DataFrame, change_date, before: str = "before", after: str = "after") -> pd.Series:
    """A label per application, split at ``change_date`` (applied on or after it is
    ``after``): add it as a column and pass it to :func:`summary` or :func:`compare`."""
    split = pd.Timestamp(change_date)
    return pd.Series(np.where(apps["applied"] >= split, after, before), index=apps.index, name="period")


def weakest_step(steps: pd.DataFrame) -> pd.Series | None:
    """The transition up to the offer with the lowest rate among those with decided
    applications (one row of :func:`summary`), or None when none is decided yet."""
    candidates = steps.iloc[1 : OFFER + 1]
    candidates = candidates.loc[candidates["decided"] > 0]
    return None if candidates.empty else candidates.loc[candidates["rate"].idxmin()]


def in_flight(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Applications still waiting on a decision: ``company, role, channel, stage,
    days_waiting``, the longest wait first (an undated log: none; nothing can be waiting)."""
    state = stage_state(apps, as_of)
    if is_undated(apps):
        table = pd.DataFrame({c: pd.Series(dtype=object) for c in ("company", "role", "channel", "stage")})
        table["days_waiting"] = pd.Series(dtype=float)
        table.attrs["note"] = NOT_MEASURED
        return table
    waiting = state.loc[state["in_flight"]]
    dates = apps.loc[waiting.index, list(STAGES)]
    last = dates.where(dates <= state.attrs["as_of"]).max(axis=1)
    table = pd.DataFrame(
        {
            "company": waiting["company"],
            "role": waiting["role"],
            "channel": waiting["channel"],
            "stage": np.asarray(STAGES, dtype=object)[waiting["level"].to_numpy()],
            "days_waiting": (state.attrs["as_of"] - last).dt.days,
        }
    )
    return table.sort_values("days_waiting", ascending=False, ignore_index=True)


def filter_log(apps: pd.DataFrame, channels: Iterable[str] | None = None, start=None, end=None) -> pd.DataFrame:
    """The applications in ``channels`` applied between ``start`` and ``end`` (inclusive)."""
    keep = pd.Series(True, index=apps.index)
    if channels is not None:
        keep &= apps["channel"].isin(list(channels))
    if start is not None:
        keep &= apps["applied"] >= pd.Timestamp(start)
    if end is not None:
        keep &= apps["applied"] <= pd.Timestamp(end)
    return apps.loc[keep]
