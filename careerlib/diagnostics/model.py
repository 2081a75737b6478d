"""Stuck-career model: the diagnosis from the history signals, the questionnaire and
the weights (pure functions; every setting is passed in).

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

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from careerlib import assessment
from careerlib.diagnostics.history import chronological, is_stalled, resolve_as_of, signals, years_since_promotion
from careerlib.diagnostics.inputs import INSTRUMENT, load_cpi, load_thresholds, load_weights
from careerlib.diagnostics.words import Facts, verdict, weights_table


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
    # The settings it was made with, for the tables and charts that show them.
    thresholds: Mapping = field(repr=False, default=None)
    weights: Mapping = field(repr=False, default=None)
    cpi: pd.DataFrame = field(repr=False, default=None)

    @property
    def strong_score(self) -> float:
        """A cause scoring at least this is strong enough for the plan (and shown red)."""
        return float(self.weights["plan_min_score"])


def diagnose(
    career: pd.DataFrame,
    responses: pd.DataFrame | None = None,
    as_of=None,
    thresholds: dict | None = None,
    weights: dict | None = None,
    cpi: pd.DataFrame | None = None,
) -> Diagnosis:
    """Is the career stalled, why, and what to do in the next 90 days.

    ``responses`` are answers to the ``stuck_diagnostics`` questionnaire (as from
    :func:`load_stuck_responses`); only the respondent ``self`` is used, at their
    latest date. With no answers the diagnosis rests on the history alone and the
    verdict says so. The result does not depend on the order of input rows.

    This is the entry point: settings not passed in (``thresholds``, ``weights``, the
    ``cpi`` table) are read here once from ``data/`` and kept on the Diagnosis, so the
    tables and charts after it show what the diagnosis used."""
    instrument = assessment.load_instrument(INSTRUMENT)
    thresholds = load_thresholds() if thresholds is None else thresholds
    weights = load_weights(instrument=instrument) if weights is None else weights
    cpi = load_cpi() if cpi is None else cpi
    day = resolve_as_of(as_of)
    table = signals(career, day, thresholds=thresholds, cpi=cpi)
    stalled = is_stalled(table, thresholds)
    mine = _latest_self_lines(responses, instrument)
    answers = instrument.items[["item", "text", "dimension", "reverse", "weight"]].merge(
        mine[["item", "score"]], on="item", how="left"
    )
    dimensions = _dimension_scores(mine, instrument)

    factor = 1.0 if stalled else float(weights["not_stalled_factor"])
    contributions = _contributions(table, dimensions, instrument, weights, factor)
    causes = _rank_causes(contributions, weights)
    checklist = boss_checklist(answers, instrument, weights, chronological(career, day))
    boss_blocking = bool(checklist["present"].sum() >= int(weights["boss_blocking"]["min_signs"]))
    readiness = dimensions.get(weights["readiness"]["dimension"], np.nan)
    readiness = None if pd.isna(readiness) else float(readiness)
    focus = _focus(causes, stalled, weights)
    plan = ninety_day_plan(focus, boss_blocking, readiness, weights, day)
    remedies = (
        causes.loc[causes["cause"].isin(focus["cause"]), ["cause", "title", "score"]]
        .assign(
            remedy=lambda f: f["cause"].map(
                {c: " ".join(str(w["remedy"]).split()) for c, w in weights["causes"].items()}
            )
        )
        .reset_index(drop=True)
    )

    answered = int(answers["score"].notna().sum())
    measured = int(table["value"].notna().sum())
    confidence = _confidence(measured, answered / len(instrument.items), weights)
    since = years_since_promotion(career, day)
    facts = Facts(
        signals=table,
        causes=causes,
        stalled=stalled,
        boss_blocking=boss_blocking,
        checklist=checklist,
        readiness=readiness,
        measured=measured,
        answered=answered,
        items=len(instrument.items),
        confidence=confidence,
        day=day,
        career=career,
        thresholds=thresholds,
        weights=weights,
    )
    return Diagnosis(
        as_of=day,
        stalled=stalled,
        years_since_promotion=since,
        signals=table,
        causes=causes,
        contributions=contributions,
        boss_blocking=boss_blocking,
        checklist=checklist,
        readiness=readiness,
        remedies=remedies,
        plan=plan,
        confidence=confidence,
        verdict=verdict(facts),
        history_only=answered == 0,
        answered=answered,
        items=len(instrument.items),
        thresholds=thresholds,
        weights=weights,
        cpi=cpi,
    )


def _latest_self_lines(responses: pd.DataFrame | None, instrument) -> pd.DataFrame:
    """The respondent ``self``'s answers to the instrument at their latest date, one per
    item (a repeated answer on that date: the later line wins), as real response lines."""
    if responses is None or len(responses) == 0:
        return assessment.empty_responses()
    answers = assessment.latest_lines(responses, instrument)
    mine = answers.loc[answers["respondent"] == assessment.SELF]
    return mine.loc[mine["date"] == mine["date"].max()]


def _dimension_scores(mine: pd.DataFrame, instrument) -> pd.Series:
    """0-100 per dimension (high = healthy): the latest self-assessment scored by the
    assessment engine, on its real date and lines."""
    order = instrument.dimensions["dimension"]
    if mine.empty:
        return pd.Series(np.nan, index=order, dtype=float)
    return assessment.score(mine, instrument).set_index("dimension")["score"].reindex(order)


def _contributions(
    table: pd.DataFrame, dimensions: pd.Series, instrument, weights: dict, factor: float
) -> pd.DataFrame:
    """Every cause's inputs on 0-1 and the points each adds to its score.

    A history input is 1 when its signal is flagged and 0 when not; a questionnaire
    input is ``1 - score / 100`` (the instrument scores the healthy state high). An
    input that could not be measured (no ratings, a question not answered) counts
    as undecided (``undecided`` in the weights, 0.5) and ``assumed`` says so: a cause backed by one flagged hint
    then does not score as high as one backed by everything. The cause score is
    the weighted mean of the inputs times 100, times ``factor`` (below 1 when
    nothing is stalled); ``contribution`` splits it exactly."""
    frame = weights_table(weights)
    by_signal = table.set_index("signal")
    flagged = by_signal["flagged"].astype(float).where(by_signal["value"].notna())
    history = frame["source"] == "history"
    measured = np.where(history, frame["input"].map(flagged), 1 - frame["input"].map(dimensions) / 100)
    frame["assumed"] = pd.isna(measured)
    frame["value"] = pd.Series(measured, index=frame.index, dtype=float).fillna(float(weights["undecided"]))
    labels = {**by_signal["label"].to_dict(), **instrument.dimension_titles()}
    frame.insert(3, "label", frame["input"].map(labels).fillna(frame["input"]))
    total_weight = frame.groupby("cause")["weight"].transform("sum")
    frame["factor"] = factor
    frame["contribution"] = 100 * factor * frame["weight"] * frame["value"] / total_weight
    said = np.where(
        history,
        frame["input"].map(by_signal["evidence"]).fillna(""),
        "You scored '"
        + frame["label"]
        + "' "
        + (100 - 100 * frame["value"]).round().astype(int).astype(str)
        + " of 100.",
    )
    frame["evidence"] = np.where(frame["assumed"] & ~history, "Not answered (counted as undecided).", said)
    return frame[
        ["cause", "source", "input", "label", "value", "assumed", "weight", "factor", "contribution", "evidence"]
    ]


def _rank_causes(contributions: pd.DataFrame, weights: dict) -> pd.DataFrame:
    """One row per cause, highest score first (unmeasured causes last, ties in the
    order of the weights file), with the evidence behind the score."""
    order = {cause: i for i, cause in enumerate(weights["causes"])}
    by_cause = contributions.groupby("cause", sort=False)
    score = by_cause["contribution"].sum(min_count=1)
    speaking = contributions.loc[(contributions["contribution"] > 0) & ~contributions["assumed"]]
    evidence = speaking.groupby("cause", sort=False)["evidence"].agg(lambda texts: " ".join(pd.unique(texts)))
    shown = speaking.assign(
        part=speaking["source"]
        + " '"
        + speaking["label"]
        + "' +"
        + speaking["contribution"].round().astype(int).astype(str)
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
        "You answered "
        + rows["score"].map("{:g}".format, na_action="ignore").astype(object).fillna("")
        + " ("
        + label_of
        + ").",
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
        (roles["change"] == "promotion")
        & (roles["level"] <= roles["previous_level"])
        & same_employer
        & roles["salary"].notna()
        & previous_salary.notna()
        & (roles["salary"] <= previous_salary)
    )
    return roles.loc[phantom]


def _focus(causes: pd.DataFrame, stalled: bool, weights: dict) -> pd.DataFrame:
    """The causes the plan works on: when stalled, the top ``plan_causes`` scoring at
    least ``plan_min_score`` (at least the top one); none when the career moves."""
    if not stalled:
        return causes.iloc[0:0]
    strong = causes.loc[causes["score"] >= float(weights["plan_min_score"])].head(int(weights["plan_causes"]))
    return strong if len(strong) else causes.loc[causes["score"].notna()].head(1)


def ninety_day_plan(
    focus: pd.DataFrame, boss_blocking: bool, readiness: float | None, weights: dict, as_of
) -> pd.DataFrame:
    """Three steps per focus, checked in ``check_in_days`` after ``as_of`` (30, 60 and 90):
    ``check_in, action, why``. Focuses, in this order, at most ``plan_blocks``: the
    top cause, the manager (if holding you back), visibility (if readiness is low),
    the next cause; a momentum plan when nothing is stalled."""
    day = resolve_as_of(as_of)
    check_in = [int(d) for d in weights["check_in_days"]]
    causes = [
        (weights["causes"][row.cause]["plan"], f"{row.title} scores {row.score:.0f} of 100")
        for row in focus.itertuples()  # at most plan_causes causes
    ]
    blocks = causes[:1]
    if boss_blocking:
        blocks.append(
            (weights["boss_blocking"]["plan"], "Your answers show several signs of a manager holding you back")
        )
    if readiness is not None and readiness < float(weights["readiness"]["ready_at"]):
        blocks.append(
            (
                weights["readiness"]["plan"],
                f"Readiness for an opening scores {readiness:.0f} of 100: decision-makers need to know your work",
            )
        )
    blocks = (blocks + causes[1:])[: int(weights["plan_blocks"])]
    if not blocks:
        blocks.append((weights["healthy"]["plan"], "Your career is moving; keep the momentum"))
    frames = [
        pd.DataFrame(
            {
                "check_in": [day + pd.Timedelta(days=d) for d in check_in[: len(steps)]],
                "action": [" ".join(str(s).split()) for s in steps],
                "why": why,
                "_block": i,
            }
        )
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
