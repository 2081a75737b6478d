"""Self-assessment in words: the tables as shown, the one-sentence summary, the names
used in share mode, and the ``self_assessment.json`` summary (``report_summary``)."""

from __future__ import annotations

import pandas as pd

from careerlib.assessment.inputs import SELF, load_instrument, normalise_respondents
from careerlib.assessment.model import latest, overview, weakest
from careerlib.privacy import share_respondents
from careerlib.text import percent


def gap_table(scores: pd.DataFrame, instrument, respondent: str = SELF) -> pd.DataFrame:
    """:func:`overview` with readable column names, for showing (rounded to whole points)."""
    table = overview(scores, instrument, respondent)
    shown = table[["title", "score", "change", "others", "gap", "raters"]].round(0)
    return shown.rename(
        columns={
            "title": "dimension",
            "score": f"{respondent} (0-100)",
            "change": "change since last",
            "others": "others (mean)",
            "gap": "gap (you - others)",
            "raters": "others rating",
        }
    )


def actions_table(weak: pd.DataFrame) -> pd.DataFrame:
    """:func:`weakest` for showing: one row per dimension, its actions on one line each."""
    return pd.DataFrame(
        {
            "dimension": weak["title"],
            "score": weak["score"].round(0),
            "next actions": weak["actions"].map(lambda steps: " / ".join(steps)),
        }
    )


def summary_sentence(scores: pd.DataFrame, instrument, respondent: str = SELF) -> str:
    """One plain sentence about the latest assessment: the average score, the
    biggest move since last time, the weakest dimension and the largest gap."""
    instrument = load_instrument(instrument)
    table = overview(scores, instrument, respondent)
    scored = table.dropna(subset=["score"])
    if scored.empty:
        return f"There is no scored assessment by {respondent} on {instrument.title} yet."
    when = latest(scores, respondent)["date"].max().strftime("%Y-%m-%d")
    whose = "your" if respondent == SELF else f"{respondent}'s"
    parts = [f"On {when} {whose} {instrument.title.lower()} averaged {scored['score'].mean():.0f} out of 100"]
    moved = scored.dropna(subset=["change"])
    if not moved.empty:
        big = moved.loc[moved["change"].abs().idxmax()]
        parts.append(f"{big['title'].lower()} moved most since the last assessment ({big['change']:+.0f} points)")
    low = scored.loc[scored["score"].idxmin()]
    parts.append(f"the weakest dimension is {low['title'].lower()} ({low['score']:.0f})")
    gapped = scored.dropna(subset=["gap"])
    if not gapped.empty:
        wide = gapped.loc[gapped["gap"].abs().idxmax()]
        side = "above" if wide["gap"] > 0 else "below"
        parts.append(
            f"the largest gap with the others is on {wide['title'].lower()}, "
            f"{abs(wide['gap']):.0f} points {side} the others' view"
        )
    return "; ".join(parts) + "."


UNNAMED_PEER = "peer"  # share mode: a respondent asked for but not in the file


def shared_name(respondent: str, responses: pd.DataFrame, share: bool = True) -> str:
    """What :func:`share_respondents` turns ``respondent`` into in ``responses``
    (itself when not sharing). Peer names match without case, as in
    :func:`normalise_respondents`. In share mode a peer not in the file is ``peer``
    (the name is never shown); ``self`` and ``manager`` stay."""
    if not share:
        return respondent
    people = pd.DataFrame({"respondent": pd.unique(normalise_respondents(responses["respondent"]).dropna())})
    mapping = dict(zip(people["respondent"].str.casefold(), share_respondents(people)["respondent"]))
    normal = normalise_respondents(pd.Series([respondent])).iloc[0]
    if isinstance(normal, str) and normal.casefold() in mapping:
        return mapping[normal.casefold()]
    return normal if normal in ("self", "manager") else UNNAMED_PEER


def report_summary(scores: pd.DataFrame, instrument, respondent: str = SELF) -> dict:
    """The report's JSON summary (the issue's contract), for ``nb.publish``."""
    instrument = load_instrument(instrument)
    table = overview(scores, instrument, respondent)
    dates = latest(scores, respondent)["date"]
    weak = weakest(scores, instrument, n=3, respondent=respondent)

    numbers = table[["score", "change", "others", "gap"]].round(1).astype(object)
    dimensions = numbers.where(numbers.notna(), None).assign(dimension=table["dimension"])
    return {
        "report": "self_assessment",
        "instrument": instrument.id,
        "respondent": respondent,
        "date": None if dates.empty else dates.max().strftime("%Y-%m-%d"),
        "dimensions": dimensions[["dimension", "score", "change", "others", "gap"]].to_dict("records"),
        "weakest": list(weak["dimension"]),
    }


def missing_point_note(instrument) -> str:
    """The note under the trend chart: when a dimension has no point (from the instrument's rules)."""
    share = load_instrument(instrument).min_answered_share
    needed = "half" if share == 0.5 else percent(share)
    return f"A missing point means fewer than {needed} of that dimension's items were answered on that date."
