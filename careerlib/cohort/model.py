"""The cohort overview's numbers: pure functions of the pooled applications.

Two ways to count a group's rate, both shown:

* **pooled**: all applications together (a Wilson interval on the total). One
  person with 200 cold applications weighs as much as twenty people with ten each.
* **per person**: each person's own rate, then the median across people (each
  person counts once), with a distribution-free 95 % interval from order
  statistics (the ranks n/2 ± 1.96·√n/2 of the sorted rates).

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
from careerlib.stats import wilson_interval

Z95 = 1.959963984540054  # two-sided 95 % normal quantile
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


def overview(
    apps: pd.DataFrame,
    people: pd.DataFrame,
    as_of=None,
    stage: str = "screen",
    min_people: int = 5,
) -> Overview:
    """The whole overview. ``apps``: pooled applications with a numeric ``person``;
    ``people``: ``person, change_date`` (NaT when none was set)."""
    apps = _prepared(apps)
    day = funnel.resolve_as_of(apps, as_of)
    apps = apps.loc[apps["applied"] <= day]
    n_people = int(apps["person"].nunique())
    hidden: list[str] = []
    state = _state(apps, day)  # computed once: every rate below is a grouping of it

    stages = funnel._summarise(state, None)
    stages.attrs["as_of"] = day
    if n_people < min_people:
        stages = stages.iloc[0:0]
        hidden.append("the whole cohort")
    channels, person_rates = channel_rates(apps, as_of=day, stage=stage, min_people=min_people, state=state)
    hidden += [f"channel ({n} people)" for n in channels.loc[channels["suppressed"], "people"]]
    channels = channels.loc[~channels["suppressed"]].drop(columns="suppressed").reset_index(drop=True)
    person_rates = person_rates.loc[person_rates["channel"].isin(channels["channel"])].reset_index(drop=True)

    first, days = first_offer(apps, as_of=day, min_people=min_people)
    if first["suppressed"]:
        hidden.append("time to first offer")
    periods, change = before_after(apps, people, as_of=day, stage=stage, min_people=min_people, state=state)
    if change["suppressed"]:
        hidden.append("before/after a change of tactic")
    weeks = weekly(apps, as_of=day)
    small = weeks["people"] < min_people
    hidden += ["a week"] * int(small.sum())
    return Overview(
        as_of=day,
        people=n_people,
        applications=int(len(apps)),
        stages=stages,
        channels=channels,
        person_rates=person_rates,
        first_offer=first,
        offer_days=days,
        before_after=periods,
        change=change,
        weekly=weeks.loc[~small].reset_index(drop=True),
        suppressed=len(hidden),
        suppressed_what=hidden,
    )


def _prepared(apps: pd.DataFrame) -> pd.DataFrame:
    """``funnel.stage_state`` carries company and role along; the cohort has none (by
    design). Channels become categories: they are grouped many times over millions of rows."""
    extra = {} if "company" in apps.columns else {"company": "", "role": ""}
    if not isinstance(apps["channel"].dtype, pd.CategoricalDtype):
        extra["channel"] = apps["channel"].astype("category")
    return apps.assign(**extra) if extra else apps


def _state(apps: pd.DataFrame, as_of) -> pd.DataFrame:
    """``funnel.stage_state`` with each application's person."""
    state = funnel.stage_state(apps, as_of)
    state["person"] = apps.loc[state.index, "person"].to_numpy(dtype=np.int64)
    return state


def channel_rates(
    apps: pd.DataFrame, as_of=None, stage: str = "screen", min_people: int = 5, state: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per channel: ``channel, people, applications`` and the rate of reaching ``stage``
    pooled (``reached, decided, rate, low, high``) and per person (``people_rated``:
    people with a decided application there; ``person_median, person_q25,
    person_q75`` and the median's 95 % interval ``median_low, median_high``), plus
    ``suppressed`` (fewer than ``min_people`` people). Second table: one ``channel,
    rate`` row per person and channel with decided applications."""
    if state is None:
        apps = _prepared(apps)
        state = _state(apps, as_of)
    pooled = funnel._summarise(state, "channel")
    pooled = pooled.loc[pooled["stage"] == stage].set_index("channel")
    codes, names = pd.factorize(state["channel"], sort=True)
    k = max(len(names), 1)
    key = state["person"].to_numpy(dtype=np.int64) * k + codes
    pairs = np.unique(key)
    counts = pd.DataFrame(
        {"people": np.bincount(pairs % k, minlength=k), "applications": np.bincount(codes, minlength=k)},
        index=pd.Index(np.asarray(names, dtype=object), name="channel"),
    )

    per = funnel._summarise(state.assign(group=key), "group")
    per = per.loc[(per["stage"] == stage) & (per["decided"] > 0)]
    person_rates = pd.DataFrame(
        {
            "channel": np.asarray(names, dtype=object)[per["group"].to_numpy(dtype=np.int64) % k],
            "rate": per["rate"].to_numpy(),
        }
    )
    spread = []
    for channel, rates in person_rates.groupby("channel")["rate"]:  # a handful of channels
        low, high = median_interval(rates.to_numpy())
        spread.append(
            {
                "channel": channel,
                "people_rated": int(rates.size),
                "person_median": float(rates.median()),
                "person_q25": float(rates.quantile(0.25)),
                "person_q75": float(rates.quantile(0.75)),
                "median_low": low,
                "median_high": high,
            }
        )
    spread = pd.DataFrame(
        spread,
        columns=["channel", "people_rated", "person_median", "person_q25", "person_q75", "median_low", "median_high"],
    ).set_index("channel")
    pooled.index = pooled.index.astype(object)
    table = counts.join(pooled[RATE_COLUMNS]).join(spread)
    table["people_rated"] = table["people_rated"].fillna(0).astype(np.int64)
    table["suppressed"] = table["people"] < min_people
    table = table.reset_index().sort_values(["people", "channel"], ascending=[False, True], ignore_index=True)
    return table, person_rates


def median_interval(rates: np.ndarray, z: float = Z95) -> tuple[float, float]:
    """Distribution-free 95 % interval of the median: the sorted values at ranks
    n/2 - z·√n/2 and 1 + n/2 + z·√n/2 (rounded outwards, clipped to the data).
    With few people it spans most of the data, as it should."""
    n = rates.size
    if n == 0:
        return np.nan, np.nan
    ordered = np.sort(rates)
    half = z * np.sqrt(n) / 2
    low = int(np.clip(np.floor(n / 2 - half), 1, n))
    high = int(np.clip(np.ceil(1 + n / 2 + half), 1, n))
    return float(ordered[low - 1]), float(ordered[high - 1])


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
    out = {
        "people": int(len(per)),
        "with_offer": int(days.size),
        "share": float(rate),
        "low": float(low),
        "high": float(high),
        "median_days": None,
        "p25_days": None,
        "p75_days": None,
        "suppressed": bool(days.size < min_people or len(per) < min_people),
    }
    if out["suppressed"]:
        return out, np.array([])
    out.update(
        median_days=float(np.median(days)),
        p25_days=float(np.quantile(days, 0.25)),
        p75_days=float(np.quantile(days, 0.75)),
    )
    return out, np.sort(days)


def before_after(
    apps: pd.DataFrame,
    people: pd.DataFrame,
    as_of=None,
    stage: str = "screen",
    min_people: int = 5,
    state: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict]:
    """People who set a change date (and applied on both sides of it): the pooled rate
    of reaching ``stage`` before and after, and how many people's own rate rose or
    fell (each person's change counts once)."""
    if state is None:
        apps = _prepared(apps)
        state = _state(apps, as_of)
    split = state["person"].map(people.set_index("person")["change_date"])
    marked = state.loc[split.notna()]
    after = (marked["applied_on"] >= split[split.notna()]).to_numpy()
    marked = marked.assign(period=np.where(after, "after", "before"))
    key = marked["person"].to_numpy(dtype=np.int64) * 2 + after
    sides = pd.Series(np.unique(key) // 2).value_counts()
    both = np.sort(sides.index[sides == 2].to_numpy(dtype=np.int64))
    keep = np.isin(marked["person"].to_numpy(dtype=np.int64), both)
    marked, key = marked.loc[keep], key[keep]
    empty = pd.DataFrame(columns=["period", "people", "applications", *RATE_COLUMNS])
    change = {
        "people": int(len(both)),
        "rated": 0,
        "improved": None,
        "worse": None,
        "median_change": None,
        "suppressed": bool(len(both) < min_people),
    }
    if change["suppressed"]:
        return empty, change
    pooled = funnel._summarise(marked, "period")
    pooled = pooled.loc[pooled["stage"] == stage].set_index("period").reindex(["before", "after"])
    counts = marked.groupby("period").agg(people=("person", "nunique"), applications=("person", "size"))
    periods = counts.reindex(["before", "after"]).join(pooled[RATE_COLUMNS]).reset_index()

    per = funnel._summarise(marked.assign(group=key), "group")
    per = per.loc[per["stage"] == stage]
    rate = pd.Series(per["rate"].to_numpy(), index=per["group"].to_numpy(dtype=np.int64))
    before_rate = rate.reindex(both * 2).to_numpy()
    after_rate = rate.reindex(both * 2 + 1).to_numpy()
    rated = ~np.isnan(before_rate) & ~np.isnan(after_rate)
    delta = after_rate[rated] - before_rate[rated]
    change.update(
        rated=int(rated.sum()),
        improved=int((delta > 0).sum()),
        worse=int((delta < 0).sum()),
        median_change=float(np.median(delta)) if delta.size else None,
    )
    return periods, change


def weekly(apps: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Applications sent per week (weeks start on Monday) and how many people sent them."""
    day = funnel.resolve_as_of(apps, as_of)
    seen = apps.loc[apps["applied"] <= day]
    days = seen["applied"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    week = (days + 3) // 7  # 1970-01-01 was a Thursday: +3 puts each Monday at a multiple of 7
    weeks, codes = np.unique(week, return_inverse=True)
    codes = codes.reshape(-1)
    person = seen["person"].to_numpy(dtype=np.int64)
    pairs = np.unique(person * len(weeks) + codes) % max(len(weeks), 1)
    return pd.DataFrame(
        {
            "week": (weeks * 7 - 3).astype("datetime64[D]").astype("datetime64[ns]"),
            "people": np.bincount(pairs, minlength=len(weeks)),
            "applications": np.bincount(codes, minlength=len(weeks)),
        }
    )
