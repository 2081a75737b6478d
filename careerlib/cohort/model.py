"""The cohort overview's numbers: pure functions of the pooled applications.

Two ways to count a group's rate, both shown:

* **pooled**: all applications together (a Wilson interval on the total). One
  person with 200 cold applications weighs as much as twenty people with ten each.
* **per person**: each person's own rate, then the median across people (each
  person counts once), with a bootstrap interval over people.

The headline uses the per-person median: the overview is about what works for
the people in the group, and a heavy applicant should not decide it.

Privacy: any group (the whole cohort, a channel, a week, the before/after
comparison, time to first offer) with fewer than ``min_people`` people is left
out and counted in ``suppressed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from careerlib import funnel
from careerlib.applications import STAGES
from careerlib.stats import wilson_interval

BOOTSTRAP_DRAWS = 2_000  # default resamples of people for the median interval (data/cohort/settings.toml)
RATE_COLUMNS = ["reached", "decided", "rate", "low", "high"]


@dataclass
class Overview:
    """Everything the overview shows; every table already obeys the suppression rule."""

    as_of: pd.Timestamp
    people: int  # people whose applications were read
    applications: int
    stages: pd.DataFrame  # pooled funnel (funnel.summary columns); empty when suppressed
    channels: pd.DataFrame  # per channel: pooled and per-person rates
    person_rates: pd.DataFrame  # channel, rate: one row per person and channel (no identities)
    first_offer: dict
    offer_days: np.ndarray  # days to first offer, one per person who had one (sorted, no identities)
    before_after: pd.DataFrame  # period, people, applications, reached, decided, rate, low, high
    change: dict  # per-person before/after: people, improved, worse, median_change
    weekly: pd.DataFrame  # week, people, applications
    suppressed: int
    suppressed_what: list[str] = field(default_factory=list)


def overview(apps: pd.DataFrame, people: pd.DataFrame, as_of=None, stage: str = "screen", min_people: int = 5,
             seed: int = 0, draws: int = BOOTSTRAP_DRAWS) -> Overview:
    """The whole overview. ``apps``: pooled applications with a numeric ``person``;
    ``people``: ``person, change_date`` (NaT when none was set)."""
    apps = _prepared(apps)
    day = funnel.resolve_as_of(apps, as_of)
    apps = apps.loc[apps["applied"] <= day]
    n_people = int(apps["person"].nunique())
    hidden: list[str] = []

    stages = funnel.summary(apps, as_of=day)
    if n_people < min_people:
        stages = stages.iloc[0:0]
        hidden.append("the whole cohort")
    channels, person_rates = channel_rates(apps, as_of=day, stage=stage, min_people=min_people, seed=seed,
                                           draws=draws)
    hidden += [f"channel ({n} people)" for n in channels.loc[channels["suppressed"], "people"]]
    channels = channels.loc[~channels["suppressed"]].drop(columns="suppressed").reset_index(drop=True)
    person_rates = person_rates.loc[person_rates["channel"].isin(channels["channel"])].reset_index(drop=True)

    first, days = first_offer(apps, as_of=day, min_people=min_people)
    if first["suppressed"]:
        hidden.append("time to first offer")
    periods, change = before_after(apps, people, as_of=day, stage=stage, min_people=min_people)
    if change["suppressed"]:
        hidden.append("before/after a change of tactic")
    weeks = weekly(apps, as_of=day)
    small = weeks["people"] < min_people
    hidden += ["a week"] * int(small.sum())
    return Overview(
        as_of=day, people=n_people, applications=int(len(apps)), stages=stages, channels=channels,
        person_rates=person_rates, first_offer=first, offer_days=days, before_after=periods, change=change,
        weekly=weeks.loc[~small].reset_index(drop=True), suppressed=len(hidden), suppressed_what=hidden,
    )


def _prepared(apps: pd.DataFrame) -> pd.DataFrame:
    """``funnel.stage_state`` carries company and role along; the cohort has none (by design)."""
    return apps.assign(company="", role="") if "company" not in apps.columns else apps


def channel_rates(apps: pd.DataFrame, as_of=None, stage: str = "screen", min_people: int = 5,
                  seed: int = 0, draws: int = BOOTSTRAP_DRAWS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per channel: ``channel, people, applications`` and the rate of reaching ``stage``
    pooled (``reached, decided, rate, low, high``) and per person (``people_rated``:
    people with a decided application there; ``person_median, person_q25,
    person_q75`` and the median's 95 % bootstrap interval ``median_low, median_high``),
    plus ``suppressed`` (fewer than ``min_people`` people). Second table: one
    ``channel, rate`` row per person and channel with decided applications."""
    apps = _prepared(apps)
    pooled = funnel.summary(apps, by="channel", as_of=as_of)
    pooled = pooled.loc[pooled["stage"] == stage].set_index("channel")
    counts = apps.groupby("channel").agg(people=("person", "nunique"), applications=("person", "size"))

    codes, names = pd.factorize(apps["channel"])
    key = apps["person"].to_numpy(dtype=np.int64) * max(len(names), 1) + codes
    per = funnel.summary(apps.assign(group=key), by="group", as_of=as_of)
    per = per.loc[(per["stage"] == stage) & (per["decided"] > 0)]
    person_rates = pd.DataFrame({"channel": np.asarray(names, dtype=object)[per["group"].to_numpy(dtype=np.int64) % max(len(names), 1)],
                                 "rate": per["rate"].to_numpy()})

    rng = np.random.default_rng(seed)
    spread = []
    for channel, rates in person_rates.groupby("channel")["rate"]:  # a handful of channels
        low, high = median_interval(rates.to_numpy(), rng, draws)
        spread.append({"channel": channel, "people_rated": int(rates.size), "person_median": float(rates.median()),
                       "person_q25": float(rates.quantile(0.25)), "person_q75": float(rates.quantile(0.75)),
                       "median_low": low, "median_high": high})
    spread = pd.DataFrame(spread, columns=["channel", "people_rated", "person_median", "person_q25", "person_q75",
                                           "median_low", "median_high"]).set_index("channel")
    table = counts.join(pooled[RATE_COLUMNS]).join(spread)
    table["people_rated"] = table["people_rated"].fillna(0).astype(np.int64)
    table["suppressed"] = table["people"] < min_people
    table = table.reset_index().sort_values(["people", "channel"], ascending=[False, True], ignore_index=True)
    return table, person_rates


def median_interval(rates: np.ndarray, rng: np.random.Generator, draws: int = BOOTSTRAP_DRAWS) -> tuple[float, float]:
    """95 % percentile-bootstrap interval of the median, resampling people (vectorised)."""
    if rates.size == 0:
        return np.nan, np.nan
    medians = np.median(rates[rng.integers(0, rates.size, size=(draws, rates.size))], axis=1)
    low, high = np.quantile(medians, [0.025, 0.975])
    return float(low), float(high)


def first_offer(apps: pd.DataFrame, as_of=None, min_people: int = 5) -> tuple[dict, np.ndarray]:
    """Time from a person's first application to their first offer. People without an
    offer yet are counted (their search may still bring one), so the days describe
    only those who had one, and the share with an offer has a Wilson interval."""
    day = funnel.resolve_as_of(apps, as_of)
    seen = apps.loc[apps["applied"] <= day]
    offer = seen["offer"].where(seen["offer"] <= day)
    per = pd.DataFrame({"start": seen["applied"], "offer": offer}).groupby(seen["person"]).min()
    days = (per["offer"] - per["start"]).dt.days.dropna().to_numpy(dtype=float)
    rate, low, high = wilson_interval(days.size, len(per))
    out = {"people": int(len(per)), "with_offer": int(days.size), "share": float(rate), "low": float(low),
           "high": float(high), "median_days": None, "p25_days": None, "p75_days": None,
           "suppressed": bool(days.size < min_people or len(per) < min_people)}
    if out["suppressed"]:
        return out, np.array([])
    out.update(median_days=float(np.median(days)), p25_days=float(np.quantile(days, 0.25)),
               p75_days=float(np.quantile(days, 0.75)))
    return out, np.sort(days)


def before_after(apps: pd.DataFrame, people: pd.DataFrame, as_of=None, stage: str = "screen",
                 min_people: int = 5) -> tuple[pd.DataFrame, dict]:
    """People who set a change date (and applied on both sides of it): the pooled rate
    of reaching ``stage`` before and after, and how many people's own rate rose or
    fell (each person's change counts once)."""
    apps = _prepared(apps)
    dates = people.set_index("person")["change_date"]
    split = apps["person"].map(dates)
    marked = apps.loc[split.notna()].assign(period=np.where(apps.loc[split.notna(), "applied"] >= split.dropna(),
                                                           "after", "before"))
    sides = marked.groupby("person")["period"].nunique()
    both = sides.index[sides == 2]
    marked = marked.loc[marked["person"].isin(both)]
    empty = pd.DataFrame(columns=["period", "people", "applications", *RATE_COLUMNS])
    change = {"people": int(len(both)), "improved": None, "worse": None, "median_change": None,
              "suppressed": bool(len(both) < min_people)}
    if change["suppressed"]:
        return empty, change
    pooled = funnel.summary(marked, by="period", as_of=as_of)
    pooled = pooled.loc[pooled["stage"] == stage].set_index("period").reindex(["before", "after"])
    counts = marked.groupby("period").agg(people=("person", "nunique"), applications=("person", "size"))
    periods = counts.reindex(["before", "after"]).join(pooled[RATE_COLUMNS]).reset_index()

    key = marked["person"].to_numpy(dtype=np.int64) * 2 + (marked["period"] == "after").to_numpy()
    per = funnel.summary(marked.assign(group=key), by="group", as_of=as_of)
    per = per.loc[per["stage"] == stage]
    rate = pd.Series(per["rate"].to_numpy(), index=per["group"].to_numpy(dtype=np.int64))
    before = rate.reindex(np.asarray(both, dtype=np.int64) * 2).to_numpy()
    after = rate.reindex(np.asarray(both, dtype=np.int64) * 2 + 1).to_numpy()
    rated = ~np.isnan(before) & ~np.isnan(after)
    delta = after[rated] - before[rated]
    change.update(rated=int(rated.sum()), improved=int((delta > 0).sum()), worse=int((delta < 0).sum()),
                  median_change=float(np.median(delta)) if delta.size else None)
    return periods, change


def weekly(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Applications sent per week (weeks start on Monday) and how many people sent them."""
    day = funnel.resolve_as_of(apps, as_of)
    seen = apps.loc[apps["applied"] <= day]
    week = seen["applied"].dt.to_period("W-SUN").dt.start_time
    out = seen.groupby(week).agg(people=("person", "nunique"), applications=("person", "size"))
    out.index.name = "week"
    return out.reset_index()
