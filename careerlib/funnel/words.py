"""Funnel sentences: the headline, the before/after verdict and ``report_summary``
(the ``funnel.json`` contract)."""

from __future__ import annotations

import pandas as pd

from careerlib.funnel.forecast import OfferForecast, applications_needed
from careerlib.funnel.model import (
    NOT_MEASURED,
    channel_table,
    compare,
    is_undated,
    period,
    resolve_as_of,
    summary,
    weakest_step,
)
from careerlib.text import json_value, percent

STAGE_LABELS = {
    "applied": "Applied",
    "screen": "Phone screen",
    "interview": "Interview",
    "offer": "Offer",
    "accepted": "Accepted",
}


def before_after(apps: pd.DataFrame, change_date, stage: str = "screen", as_of=None) -> str:
    """One sentence: did the rate of reaching ``stage`` move after a change of tactic
    on ``change_date``? (Empty date: a note that no change was given; an undated log: not measured.)"""
    if is_undated(apps):
        return f"Before/after: {NOT_MEASURED}."
    if change_date in (None, ""):
        return "No change of tactic was given (parameter `change_date`), so there is no before/after comparison."
    if apps.empty:
        return "There are no applications yet, so there is no before/after comparison."
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
        "as_of": None if is_undated(apps) else day.strftime("%Y-%m-%d"),  # no dates: no day to look from
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
