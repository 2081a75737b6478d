"""The overview in words, and its JSON summary (``cohort.json``). No names, no
companies, no folder names: everything here comes from :class:`model.Overview`,
which holds none."""

from __future__ import annotations

import pandas as pd

from careerlib.cohort.model import Overview
from careerlib.funnel import STAGE_LABELS
from careerlib.text import interval, markdown_text, percent


def headline(view: Overview, stage: str = "screen") -> str:
    """Which channel works best for the typical person (the median of per-person rates,
    so each person counts once), with the pooled rate beside it."""
    if view.people == 0:
        return "No one's applications could be read, so there is nothing to summarise."
    parts = [f"**{view.people}** people sent **{view.applications:,}** applications up to {view.as_of:%d %b %Y}."]
    rated = view.channels.dropna(subset=["person_median"])
    if rated.empty:
        parts.append("No channel has enough people with decided applications to compare.")
        return " ".join(parts)
    best = rated.sort_values(["person_median", "people"], ascending=False).iloc[0]
    label = STAGE_LABELS[stage].lower()
    parts.append(
        f"For the typical person, **{markdown_text(best['channel'])}** applications reach a {label} most often: "
        "a median of "
        f"**{percent(best['person_median'])}** of each person's decided applications "
        f"({interval(best['median_low'], best['median_high'])}, {int(best['people_rated'])} people); "
        f"pooled over all their applications it is {percent(best['rate'])} ({interval(best['low'], best['high'])})."
    )
    parts.append("The headline uses the per-person median, so one heavy applicant cannot decide it.")
    if len(rated) > 1:
        intervals_overlap = best["median_low"] <= rated.drop(index=best.name)["median_high"].max()
        if intervals_overlap:
            parts.append("Its interval overlaps another channel's, so the lead is a hint, not a verdict.")
    return " ".join(parts)


def channel_note(view: Overview) -> str:
    """Where pooled and per-person rates disagree, say why that can happen."""
    rated = view.channels.dropna(subset=["person_median", "rate"])
    if rated.empty:
        return "No channel has decided applications from enough people yet."
    gap = (rated["rate"] - rated["person_median"]).abs()
    worst = rated.loc[gap.idxmax()]
    if gap.max() < 0.1:
        return "Pooled and per-person rates agree within 10 points in every channel shown."
    return (
        f"In **{markdown_text(worst['channel'])}**, the pooled rate ({percent(worst['rate'])}) and the typical "
        "person's "
        f"({percent(worst['person_median'])}) differ by {gap.max() * 100:.0f} points: a few people with many "
        "applications pull the pooled figure their way."
    )


def first_offer_sentence(view: Overview) -> str:
    first = view.first_offer
    if first["suppressed"]:
        return (
            f"Time to a first offer is not shown: fewer than the minimum number of people "
            f"({first['with_offer']} of {first['people']}) have had an offer, so the figure could point to them."
        )
    return (
        f"**{first['with_offer']}** of {first['people']} people have had an offer "
        f"({percent(first['share'])}, {interval(first['low'], first['high'])}). For them, the first "
        f"offer came a median of **{first['median_days']:.0f} days** after their first application "
        f"(middle half {first['p25_days']:.0f}-{first['p75_days']:.0f} days). People still searching are not in "
        "these days, so the typical wait for everyone is longer."
    )


def change_sentence(view: Overview, stage: str = "screen") -> str:
    change = view.change
    if change["suppressed"]:
        return (
            f"Before/after a change of tactic is not shown: {change['people']} people set a change date and "
            "applied on both sides of it, fewer than the minimum group size."
        )
    before, after = (view.before_after.set_index("period").loc[p] for p in ("before", "after"))
    label = STAGE_LABELS[stage].lower()
    return (
        f"**{change['people']}** people set a change date (`change_date` in their settings). Pooled, their rate of "
        f"reaching a {label} went from {percent(before['rate'])} ({interval(before['low'], before['high'])}) to "
        f"**{percent(after['rate'])}** ({interval(after['low'], after['high'])}); person by person, "
        f"{change['improved']} improved and {change['worse']} did worse "
        f"(median change {_points(change['median_change'])}). Each person chose when to change, so this shows "
        "association, not proof that the change caused it."
    )


def suppression_sentence(view: Overview, min_people: int, unreadable: int = 0) -> str:
    parts = []
    if view.suppressed:
        parts.append(
            f"**{view.suppressed}** group(s) with fewer than {min_people} people are left out "
            "(channels, weeks or comparisons), so no figure describes one or two people."
        )
    else:
        parts.append(f"Every group shown holds at least {min_people} people.")
    if unreadable:
        parts.append(
            f"{unreadable} person(s)' applications could not be read and are not included; their own "
            "funnel report says what is wrong with the file."
        )
    return " ".join(parts)


def _points(change) -> str:
    return "n/a" if change is None or pd.isna(change) else f"{change * 100:+.0f} points"


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def report_summary(view: Overview, unreadable: int = 0) -> dict:
    """The ``cohort.json`` contract; suppressed groups are absent and counted."""
    return {
        "report": "cohort",
        "as_of": view.as_of.strftime("%Y-%m-%d"),
        "people": int(view.people),
        "applications": int(view.applications),
        "stages": [
            {
                "stage": row.stage,
                "reached": int(row.reached),
                "rate": _num(row.rate),
                "low": _num(row.low),
                "high": _num(row.high),
            }
            for row in view.stages.itertuples()
        ],
        "channels": [
            {
                "channel": row.channel,
                "people": int(row.people),
                "applications": int(row.applications),
                "screen_rate": _num(row.rate),
                "low": _num(row.low),
                "high": _num(row.high),
                "person_median": _num(row.person_median),
                "median_low": _num(row.median_low),
                "median_high": _num(row.median_high),
            }
            for row in view.channels.itertuples()
        ],
        "headline_uses": "person_median",
        "suppressed": int(view.suppressed),
        "unreadable": int(unreadable),
    }
