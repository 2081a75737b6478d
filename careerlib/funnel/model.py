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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from careerlib import paths
from careerlib.applications import STAGES, UNKNOWN_OUTCOME
from careerlib.dates import as_of_day
from careerlib.errors import DataError
from careerlib.io import fail_first, parse_numbers, read_csv_table, resolve_path
from careerlib.stats import beta_draws, prob_at_least, wilson_interval
from careerlib.text import json_value, percent

STALE_AFTER_DAYS = 42  # six weeks without news is the usual point to call an application ghosted
DRAWS = 20_000  # posterior draws for forecasts and comparisons; seeded, so results repeat
REFERENCE_PATH = paths.REFERENCE_FUNNEL
STAGE_LABELS = {
    "applied": "Applied",
    "screen": "Phone screen",
    "interview": "Interview",
    "offer": "Offer",
    "accepted": "Accepted",
}
OFFER = STAGES.index("offer")


# --------------------------------------------------------------------------- state
def resolve_as_of(apps: pd.DataFrame, as_of=None) -> pd.Timestamp:
    """``as_of`` as a day (see :func:`careerlib.dates.as_of_day`): the log's latest date when not given."""
    return as_of_day(as_of, latest=apps[list(STAGES)].max().max() if len(apps) else None)


def stage_state(apps: pd.DataFrame, as_of=None, stale_after_days: int = STALE_AFTER_DAYS) -> pd.DataFrame:
    """One row per application applied by ``as_of``: which stages it reached, the
    furthest one (``level``), its outcome as of that day, and whether it is in flight."""
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
    wide = per.pivot(index="channel", columns="stage", values="reached")
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


def before_after(apps: pd.DataFrame, change_date, stage: str = "screen", as_of=None) -> str:
    """One sentence: did the rate of reaching ``stage`` move after a change of tactic
    on ``change_date``? (Empty date: a note that no change was given.)"""
    if change_date in (None, ""):
        return "No change of tactic was given (parameter `change_date`), so there is no before/after comparison."
    labelled = apps.assign(period=period(apps, change_date))
    rows = summary(labelled, by="period", as_of=as_of).set_index(["period", "stage"])
    if not {("before", stage), ("after", stage)} <= set(rows.index):
        day = pd.Timestamp(change_date)
        return f"All applications fall on one side of {day:%d %b %Y}, so there is nothing to compare."
    pairs = compare(labelled, by="period", stage=stage, as_of=as_of)
    chance = float(pairs.loc[pairs["group_a"] == "after", "prob_a_better"].iloc[0])
    b, a = rows.loc[("before", stage)], rows.loc[("after", stage)]
    return (
        f"Since the change on {pd.Timestamp(change_date):%d %b %Y}, the rate of reaching the "
        f"{STAGE_LABELS[stage].lower()} is {percent(a['rate'], space=False)} "
        f"({int(a['reached'])} of {int(a['decided'])}) against {percent(b['rate'], space=False)} before "
        f"({int(b['reached'])} of {int(b['decided'])}); the chance that the new rate is "
        f"really higher is {chance:.0%}."
    )


# --------------------------------------------------------------------------- forecast
@dataclass(frozen=True)
class OfferForecast:
    """How many more applications give ``offers`` offers with probability ``confidence``."""

    applications_needed: int | None
    reason: str
    offers: int
    confidence: float
    rate: float | None  # end-to-end offer rate per application (point estimate)
    rate_low: float | None  # 95 % posterior interval of that rate
    rate_high: float | None


def offer_forecast(
    apps: pd.DataFrame, offers: int = 1, confidence: float = 0.9, as_of=None, seed: int = 0, limit: int = 10_000_000
) -> OfferForecast:
    """The rate's uncertainty is carried through: the end-to-end rate is the product
    of the stage rates, each drawn from its Beta posterior (uniform prior), and the
    answer is the smallest n with P(at least ``offers`` offers in n) >= ``confidence``
    averaged over those draws. Applications in flight are not counted on: the
    number is what to send from here if none of them comes through."""
    if offers < 1 or not 0 < confidence < 1:
        raise ValueError("offers must be at least 1 and confidence strictly between 0 and 1")
    steps = summary(apps, as_of=as_of).iloc[1 : OFFER + 1]
    keep = dict(offers=offers, confidence=confidence)
    if steps["reached"].iloc[-1] == 0:
        return OfferForecast(
            None,
            "no offer yet, so there is no observed offer rate to project from",
            rate=None,
            rate_low=None,
            rate_high=None,
            **keep,
        )
    draws = beta_draws(steps["reached"], steps["decided"], DRAWS, np.random.default_rng(seed)).prod(axis=1)
    point = float(steps["rate"].prod())
    low, high = (float(x) for x in np.quantile(draws, [0.025, 0.975]))

    def chance(n: int) -> float:
        return float(prob_at_least(offers, n, draws).mean())

    upper = 1
    while chance(upper) < confidence:
        upper *= 2
        if upper > limit:
            return OfferForecast(
                None,
                f"more than {limit:,} applications at the current rates",
                rate=point,
                rate_low=low,
                rate_high=high,
                **keep,
            )
    lower = upper // 2  # chance(lower) < confidence <= chance(upper)
    while upper - lower > 1:
        middle = (lower + upper) // 2
        lower, upper = (lower, middle) if chance(middle) >= confidence else (middle, upper)
    reason = (
        f"{upper} applications give at least {offers} offer(s) with {confidence:.0%} probability "
        f"at an offer rate of {point:.1%} per application (95 % interval {low:.1%}-{high:.1%})"
    )
    return OfferForecast(upper, reason, rate=point, rate_low=low, rate_high=high, **keep)


def applications_needed(apps: pd.DataFrame, offers: int = 1, confidence: float = 0.9, as_of=None) -> int | None:
    """How many more applications give at least ``offers`` offers with probability
    ``confidence``; ``None`` when no offer has been observed yet (the reason is in
    :func:`offer_forecast`)."""
    return offer_forecast(apps, offers=offers, confidence=confidence, as_of=as_of).applications_needed


def offer_chances(
    apps: pd.DataFrame,
    max_applications: int | None = None,
    offers: int = 1,
    as_of=None,
    seed: int = 0,
    points: int = 60,
) -> pd.DataFrame:
    """P(at least ``offers`` offers) after n more applications, for a grid of n, with
    the rate's uncertainty carried through as in :func:`offer_forecast`:
    ``applications, probability``. Empty when no offer has been seen yet."""
    steps = summary(apps, as_of=as_of).iloc[1 : OFFER + 1]
    if steps["reached"].iloc[-1] == 0:
        return pd.DataFrame({"applications": pd.Series(dtype=np.int64), "probability": pd.Series(dtype=float)})
    draws = beta_draws(steps["reached"], steps["decided"], DRAWS, np.random.default_rng(seed)).prod(axis=1)
    if max_applications is None:
        needed = offer_forecast(apps, offers=offers, confidence=0.95, as_of=as_of, seed=seed).applications_needed
        max_applications = max(10, int((needed or 100) * 1.5))
    grid = np.unique(np.linspace(0, max_applications, points).round().astype(np.int64))
    probability = prob_at_least(offers, grid[:, None], draws[None, :]).mean(axis=1)
    return pd.DataFrame({"applications": grid, "probability": probability})


# --------------------------------------------------------------------------- time
def time_in_stage(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Days between consecutive stages, where both are dated: ``from_stage, to_stage,
    transitions, median_days, p25_days, p75_days, min_days, max_days``."""
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
    from the first application to ``as_of``, zeros included."""
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
    decided, rate, low, high``. Shows whether a change of tactic moved the rate."""
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


# --------------------------------------------------------------------------- reading it
def reference_funnel(path: str = REFERENCE_PATH) -> pd.DataFrame:
    """The published reference funnel (stage, count, source, year) with its stage rates."""
    table = read_csv_table(resolve_path(path), required=("stage", "count", "source", "year"), shown_as=path)
    if table.empty:
        raise DataError("the reference funnel has no stages", file=path)
    counts = parse_numbers(table, "count", file=path, what="a count of applications")
    fail_first(
        table,
        ~(counts >= 0) | (counts != counts.round()),
        file=path,
        column="count",
        problem="needs a whole number of applications, zero or more",
    )
    counts = counts.astype(np.int64)
    out = table.drop(columns="line").assign(count=counts)
    out["rate"] = counts / counts.shift(1)
    out["rate_from_applied"] = counts / counts.iloc[0]
    return out


def weakest_step(steps: pd.DataFrame) -> pd.Series | None:
    """The transition up to the offer with the lowest rate among those with decided
    applications (one row of :func:`summary`), or None when none is decided yet."""
    candidates = steps.iloc[1 : OFFER + 1]
    candidates = candidates.loc[candidates["decided"] > 0]
    return None if candidates.empty else candidates.loc[candidates["rate"].idxmin()]


def in_flight(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Applications still waiting on a decision: ``company, role, channel, stage,
    days_waiting``, the longest wait first."""
    state = stage_state(apps, as_of)
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


def headline(steps: pd.DataFrame, reference: pd.DataFrame, forecast: OfferForecast) -> str:
    """A plain-language summary: the weakest step against the reference search, and
    what the current rates imply. Contains no user text (safe as Markdown)."""
    applications = int(steps["reached"].iloc[0])
    if applications == 0:
        return "There are no applications in this log yet, so there is nothing to measure."
    waiting = int(steps["in_flight"].sum())
    parts = [f"Of **{applications}** applications, **{waiting}** are still waiting on a decision."]
    weak = weakest_step(steps)
    if weak is None:
        parts.append("No step has decided applications yet, so no rate can be measured.")
    else:
        label = STAGE_LABELS[weak["stage"]].lower()
        ref = reference.set_index("stage")["rate"].get(weak["stage"])
        compared = "" if ref is None or pd.isna(ref) else f" against about {ref:.0%} in the reference search"
        parts.append(
            f"Your weakest step is reaching the **{label}**: {int(weak['reached'])} of {int(weak['decided'])} decided "
            f"(**{weak['rate']:.0%}**, 95 % CI {weak['low']:.0%}-{weak['high']:.0%}){compared}."
        )
        if weak["decided"] < 10:
            parts.append(
                "That rests on fewer than ten decided applications, so treat it as a first hint, not a verdict."
            )
    if forecast.applications_needed is None:
        parts.append(f"An applications-per-offer forecast is not possible yet: {forecast.reason}.")
    else:
        parts.append(
            f"At today's rates, about **{forecast.applications_needed}** more applications give a "
            f"{forecast.confidence:.0%} chance of at least {forecast.offers} offer(s) "
            f"(offer rate {forecast.rate:.1%} per application, "
            f"95 % CI {forecast.rate_low:.1%}-{forecast.rate_high:.1%})."
        )
    return " ".join(parts)


def report_summary(apps: pd.DataFrame, as_of=None) -> dict:
    """The ``funnel.json`` contract: counts, stage rates and the forecast."""
    day = resolve_as_of(apps, as_of)
    steps = summary(apps, as_of=day)
    per_channel = channel_table(apps, as_of=day)
    return {
        "report": "funnel",
        "as_of": day.strftime("%Y-%m-%d"),
        "applications": int(steps["reached"].iloc[0]),
        "in_flight": int(steps["in_flight"].sum()),
        "stages": [
            {
                "stage": row.stage,
                "reached": int(row.reached),
                "rate": json_value(row.rate),
                "low": json_value(row.low),
                "high": json_value(row.high),
            }
            for row in steps.itertuples()
        ],
        "channels": [
            {"channel": row.channel, "applications": int(row.applications), "offers": int(row.offers)}
            for row in per_channel.itertuples()
        ],
        "applications_needed": applications_needed(apps, as_of=day),
    }


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
