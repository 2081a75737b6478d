"""Stuck-career in words: the verdict, the tables as shown, the notes that quote the
settings, and the ``stuck_diagnostics.json`` summary (``report_summary``).

Sentences hold numbers, dates and our own wording only (no employer names or titles),
so they are safe to show as Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.diagnostics.history import DAYS_PER_YEAR, SIGNAL_NEEDS, chronological
from careerlib.text import json_value


@dataclass(frozen=True)
class Facts:
    """What the verdict is written from: the diagnosis's tables and counts."""

    signals: pd.DataFrame
    causes: pd.DataFrame
    stalled: bool
    boss_blocking: bool
    checklist: pd.DataFrame
    readiness: float | None
    measured: int  # history signals with a value
    answered: int  # questionnaire items answered
    items: int  # questionnaire items in all
    confidence: str
    day: pd.Timestamp
    career: pd.DataFrame
    thresholds: Mapping
    weights: Mapping


def weights_table(weights: Mapping) -> pd.DataFrame:
    """The weights file as a table: ``cause, source, input, weight`` (for showing)."""
    rows = [
        {"cause": cause, "source": source, "input": name, "weight": float(weight)}
        for cause, spec in weights["causes"].items()
        for source in ("history", "questionnaire")
        for name, weight in (spec.get(source) or {}).items()
    ]
    return pd.DataFrame(rows, columns=["cause", "source", "input", "weight"])


def thresholds_table(thresholds: Mapping) -> pd.DataFrame:
    """The thresholds file as a table: ``signal, setting, value`` (for showing)."""
    rows = [
        {"signal": name, "setting": key, "value": value}
        for name, rule in thresholds["signals"].items()
        for key, value in rule.items()
        if key != "label"
    ]
    return pd.DataFrame(rows, columns=["signal", "setting", "value"])


def verdict(facts: Facts) -> str:
    """Plain language: stalled or not and why, the leading causes, how sure, and
    what data would change it. Holds no user text (safe to show as Markdown)."""
    table, causes, stalled, checklist = facts.signals, facts.causes, facts.stalled, facts.checklist
    boss_blocking, readiness, confidence = facts.boss_blocking, facts.readiness, facts.confidence
    measured, answered, items = facts.measured, facts.answered, facts.items
    thresholds, weights, day, career = facts.thresholds, facts.weights, facts.day, facts.career
    has_roles = bool((career["start"] <= day).any())
    if not has_roles and answered == 0:
        return (
            "There is no career history or questionnaire to judge yet. Fill in the career template "
            "(one row per role) and the verdict will follow."
        )
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
        parts.append(
            "**Whether your career has stalled cannot be told yet:** "
            f"{_listed(unjudged['label'])} {'are' if len(unjudged) > 1 else 'is'} not measured, "
            f"and no measured signal shows a stall. Cause scores are early warnings only "
            f"(multiplied by {float(weights['not_stalled_factor']):g})."
        )
    else:
        parts.append("**Your career is moving.** " + step["evidence"])
        if pd.notna(step["threshold"]) and pd.notna(step["value"]):
            by = day + pd.Timedelta(days=float(step["threshold"] - step["value"]) * DAYS_PER_YEAR)
            parts.append(
                f"Nothing needs fixing now; it would count as stalled without a step up by {by:%B %Y}. "
                f"Cause scores are early warnings only (multiplied by {float(weights['not_stalled_factor']):g})."
            )
    if answered:
        present = int(checklist["present"].sum())
        parts.append(
            f"{present} of {len(checklist)} signs of a manager holding you back are present"
            + (": your manager may be part of the problem." if boss_blocking else ".")
        )
        if readiness is not None:
            parts.append(f"Readiness for an opening scores {readiness:.0f} of 100.")
    else:
        parts.append(
            "No questionnaire answers were given, so this rests on the career history alone: "
            "it cannot tell boredom from a grievance or rigidity, nor whether your manager is holding you back."
        )
    parts.append(
        f"This rests on {measured} of {len(table)} history signals and {answered} of {items} "
        f"questionnaire answers, so treat it as **{confidence} confidence**."
    )
    unmeasured = table.loc[table["value"].isna()] if has_roles else table.iloc[0:0]
    needs = unmeasured.groupby(unmeasured["signal"].map(SIGNAL_NEEDS), sort=False)["label"].agg(_listed)
    if len(needs):
        deciding = set(unjudged["signal"].map(SIGNAL_NEEDS))  # the needs behind the stall verdict itself
        measures = (
            f"{need} would measure {labels.lower()}"
            + (", which decide whether it has stalled" if need in deciding else "")
            for need, labels in needs.items()
        )
        parts.append("Filling in " + "; ".join(measures) + ".")
    missing = []
    if answered < items:
        missing.append(
            "answering the stuck-diagnostics questionnaire" if answered == 0 else "answering the remaining questions"
        )
    if career["rating"].notna().sum() < 2 and "review ratings" not in needs:
        missing.append("adding review ratings")
    if career["salary"].notna().sum() < 2 and "salaries" not in needs:
        missing.append("adding salaries")
    if len(unjudged) and not stalled:
        change = "Until then the verdict cannot be more than that"
    else:
        change = (
            "A step up would clear the stall signal"
            if stalled
            else "Another lateral move or a long wait would change it"
        )
    parts.append(change + (f"; {', '.join(missing)} would sharpen it." if missing else "."))
    return " ".join(parts)


def _listed(labels: pd.Series) -> str:
    """'a', 'a and b', 'a, b and c' (a handful of signal labels)."""
    items = [str(label) for label in labels]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------- tables and summary
def roles_table(career: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """The history for showing: one row per role with how it began."""
    roles = chronological(career, as_of)
    began = np.select(
        [roles["step_up"], roles["step_down"], roles["sideways"], roles["move"]],
        ["step up", "step down", "sideways", "not known"],
        "first role",
    )
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
            "rating": (_short_numbers(roles["rating"]) + " / " + _short_numbers(roles["rating_scale_max"])).where(
                roles["rating"].notna(), ""
            ),
        }
    )


def _short_numbers(numbers: pd.Series) -> pd.Series:
    """Numbers as short text ('4', '4.5'), '' where empty (also when every cell is)."""
    return numbers.map("{:g}".format, na_action="ignore").astype(object).fillna("")


def report_summary(diagnosis) -> dict:
    """The ``stuck_diagnostics.json`` contract, from a :class:`~careerlib.diagnostics.Diagnosis`."""
    return {
        "report": "stuck_diagnostics",
        "as_of": diagnosis.as_of.strftime("%Y-%m-%d"),
        "stalled": bool(diagnosis.stalled),
        "years_since_promotion": None
        if diagnosis.years_since_promotion is None
        else round(float(diagnosis.years_since_promotion), 2),
        "signals": [
            {"signal": row.signal, "value": json_value(row.value, 4), "flagged": bool(row.flagged)}
            for row in diagnosis.signals.itertuples()
        ],
        "causes": [{"cause": row.cause, "score": json_value(row.score, 4)} for row in diagnosis.causes.itertuples()],
        "boss_blocking": bool(diagnosis.boss_blocking),
    }


# --------------------------------------------------------------------------- notes quoting the settings
def gauge_note(thresholds: Mapping) -> str:
    """What the verdict gauge's bar is, in the numbers of ``thresholds.yaml``."""
    rule = thresholds["signals"]["years_since_step_up"]
    return (
        f"The bar is time since your last step up; the black line is where a stall begins "
        f"({float(rule['multiplier']):g} times your own usual gap between step ups, at least "
        f"{float(rule['min_years']):g} years, or {float(rule['default_years']):g} years without a rhythm yet)."
    )


def scoring_note(weights: Mapping) -> str:
    """How a cause score is made, in the numbers of ``weights.yaml``."""
    return (
        f"Every input on 0-1 (a flagged signal is 1; a questionnaire dimension is 1 minus its score / 100; "
        f"anything unmeasured counts as {float(weights['undecided']):g}), its weight from "
        f"data/diagnostics/weights.yaml, and the points it adds."
    )


def plan_note(weights: Mapping) -> str:
    """When the plan's steps are checked in, in the numbers of ``weights.yaml``."""
    days = [f"{int(d)}" for d in weights["check_in_days"]]
    said = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]
    return f"Remedies for the causes the plan works on, then three steps per focus with check-in dates {said} days out."
