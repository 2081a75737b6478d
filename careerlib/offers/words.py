"""The offers report in words: verdicts that say how sure they are, the do-nots
checklist, an editable reply draft, and the JSON summary.

Sentences here are plain text that may hold company names: show them through
``nb.say`` (which escapes them), never as raw Markdown or HTML.
"""

from __future__ import annotations

import math

import pandas as pd

from careerlib.offers.inputs import Offer
from careerlib.offers.model import CounterPackage
from careerlib.offers.outlook import SearchOutlook
from careerlib.text import money, percent

COMPONENT_LABELS = {
    "base": "base salary",
    "bonus": "bonus (expected)",
    "sign_on": "sign-on",
    "clawback": "sign-on repaid",
    "equity": "equity vesting",
    "retirement": "retirement match",
    "benefits": "benefits",
    "commute": "commute / remote cost",
}


def chance(p: float) -> str:
    """A probability as text that never rounds a near-certainty up to certainty."""
    if p > 0.995:
        return "over 99 %"
    if 0 < p < 0.005:
        return "under 1 %"
    return percent(p)


def sureness(share: float) -> str:
    """How sure a comparison is, from the share of simulated futures that agree."""
    if share >= 0.9:
        return "fairly sure"
    if share >= 0.7:
        return "likely, not certain"
    return "too close to call"


def verdict(comparison: pd.DataFrame, years: int, discount_rate: float, currency: str = "$") -> str:
    """Which offer is worth most over the stay, by how much, and how sure that is."""
    ranked = comparison.sort_values("total", ascending=False)
    top = ranked.iloc[0]
    head = (
        f"Over {years} year(s), discounted at {percent(discount_rate, 1)} a year, {top['company']} is worth the "
        f"most: about {money(top['total'], currency)} in expectation (P10-P90 {money(top['p10'], currency)} to "
        f"{money(top['p90'], currency)}), {money(top['first_year'], currency)} of it in the first year."
    )
    if len(ranked) == 1:
        return head + (
            " With a single offer there is nothing to compare it with; the counter and the search below still apply."
        )
    second = ranked.iloc[1]
    gap = top["total"] - second["total"]
    return (
        f"{head} It leads {second['company']} by {money(gap, currency)} and comes out highest in "
        f"{chance(top['p_highest'])} of simulated futures: {sureness(top['p_highest'])}."
    )


def counter_text(package: CounterPackage, company: str, currency: str = "$") -> str:
    """The counter in one paragraph: what to ask for and what each refusal still leaves."""
    if package.gap <= 0:
        return (
            f"The target ({money(package.target, currency)}) is not above what {company} already offers in the "
            f"first year, so the package below simply repeats the offer. Raise the target to build a counter."
        )
    return (
        f"To reach {money(package.target, currency)} in first-year cash from {company}, ask for a base of "
        f"{money(package.base, currency)}, a yearly performance bonus of {money(package.bonus, currency)} and a "
        f"sign-on of {money(package.sign_on, currency)} together. If they turn down the bonus, base and sign-on "
        f"still make the target; if they turn down the base raise and the sign-on, the bonus alone still makes it."
    )


# The seed article's rules as a checklist, in our own words ("4 Rules for Negotiating a Job Offer").
CHECKLIST = (
    ("Do not accept without a counter", "Every offer is worth a reply with a counter; most have room built in."),
    ("Do not ask for one number", "Send a package (base, bonus, sign-on) so they can agree to part of it."),
    ("Do not give an ultimatum", "Say what you would happily sign; never say what you will do if they refuse."),
    ("Do not play hard to get", "Say plainly, more than once, that you want the job."),
    ("Do not ask for more vacation", "Ask for money, bonus or equity instead; time off reads as the wrong priority."),
    (
        "Do not negotiate live",
        "On a call, thank them, ask for a day to talk it over with your family, reply in writing.",
    ),
)


def checklist() -> pd.DataFrame:
    """The do-nots as a table: ``do_not, instead``."""
    return pd.DataFrame(CHECKLIST, columns=["do_not", "instead"])


def reply_draft(offer: Offer, package: CounterPackage, currency: str = "$") -> str:
    """A written reply to edit before sending (careerlib sends nothing anywhere)."""
    return "\n".join(
        [
            "Hello [name],",
            "",
            f"Thank you for the offer for the {offer.role} role at {offer.company}. I am very keen to join the team, "
            "and I am sure I can contribute from the first weeks.",
            "",
            "On compensation, I would like us to find a package that reflects my experience and works for both sides. "
            "I would be glad to sign an offer with these changes:",
            "",
            f"- Base salary: {money(package.base, currency)}",
            f"- Yearly performance bonus: {money(package.bonus, currency)}",
            f"- Sign-on bonus: {money(package.sign_on, currency)}",
            "",
            "Thank you again; I look forward to working together.",
            "",
            "[your name]",
        ]
    )


def search_text(outlook: SearchOutlook | None, currency: str = "$") -> str:
    """The keep-searching answer: the chance of another offer, what waiting is worth,
    how sure it is, and what data would change it."""
    if outlook is None:
        return (
            "No applications log was given (parameter applications_path), so this report cannot say how soon "
            "another offer may come. Point it at your log to get that answer."
        )
    if outlook.undated:
        return (
            f"How soon another offer may come is {outlook.reason}. It needs your pace of applications and the "
            "time from an application to an offer, and both come from dates. Add the day each application was "
            "sent (and, if you can, the day of each stage) to answer it."
        )
    if outlook.rate is None:
        return (
            f"There is no answer to 'should I wait?' from this log yet: {outlook.reason}. Log every application "
            "with its stages and outcome, and the question can be answered once an offer has come in."
        )
    chances = outlook.chances
    parts = []
    if outlook.p_by_deadline is not None:
        first = chances.iloc[0]
        parts.append(
            f"The chance of at least one more offer before the earliest deadline (in "
            f"{outlook.weeks_to_deadline:.1f} weeks) is about {chance(first['p_offer'])} "
            f"(95 % interval {percent(first['p_low'])}-{percent(first['p_high'])})."
        )
    horizons = chances.loc[chances["label"] != "by the deadline"]
    if len(horizons):
        listed = ", ".join(f"{chance(r.p_offer)} within {r.weeks:g} weeks" for r in horizons.itertuples())
        parts.append(f"Keeping on searching, the chance is {listed}.")
    parts.append(
        f"This rests on {outlook.offers_seen} offer(s) in the log, an offer rate of "
        f"{percent(outlook.rate, 1)} per application (95 % interval {percent(outlook.rate_low, 1)}-"
        f"{percent(outlook.rate_high, 1)}), {outlook.recent_applications} applications in the last four weeks "
        f"(about {outlook.pace:.1f} a week) and a median of {outlook.lag_weeks:.1f} weeks from application "
        "to offer; applications already in flight count with the steps still ahead of them."
    )
    if "p_better" in chances and len(horizons):
        row = horizons.iloc[0]
        if not math.isnan(row["p_better"]):
            wait = row["p_better"] > 0.5
            parts.append(
                f"Declining the best offer to search {row['weeks']:g} more weeks gives "
                f"{money(row['value_continue'], currency)} over the next year on average against "
                f"{money(row['value_accept'], currency)} for accepting now, and comes out ahead in "
                f"{chance(row['p_better'])} of simulated futures: {'waiting' if wait else 'accepting'} "
                f"looks better, {sureness(max(row['p_better'], 1 - row['p_better']))}. That assumes a new "
                f"offer is worth about what the ones in hand are (give or take "
                f"{percent(outlook.offer_spread)}) and starts only when the search ends."
            )
    parts.append(
        "What would change the answer: more decided applications at the interview stage (the offer rate "
        "is the least certain part), news on the applications in flight, and your real application pace."
    )
    return " ".join(parts)


def waiting_table(outlook: SearchOutlook | None) -> pd.DataFrame:
    """The keep-searching figures for display: ``when, weeks, new_applications,
    chance, low, high`` and, when values were given, ``accept_now, search_then,
    search_better`` (empty without a log or an offer rate)."""
    names = {
        "label": "when",
        "weeks": "weeks",
        "applications": "new_applications",
        "p_offer": "chance",
        "p_low": "low",
        "p_high": "high",
        "value_accept": "accept_now",
        "value_continue": "search_then",
        "p_better": "search_better",
    }
    if outlook is None:
        return pd.DataFrame(columns=list(names.values())[:6])
    return outlook.chances.rename(columns=names)


def component_table(compensation: pd.DataFrame) -> pd.DataFrame:
    """Side by side: one row per component, one column per offer, totals over the stay
    (expected, not discounted), plus a discounted total row."""
    labelled = compensation.assign(component=compensation["component"].map(COMPONENT_LABELS))
    wide = labelled.pivot_table(index="component", columns="company", values="amount", aggfunc="sum", sort=False)
    discounted = labelled.groupby("company", sort=False)["discounted"].sum().rename("total, discounted")
    return pd.concat([wide, discounted.to_frame().T]).round(0).reset_index(names="component")


def report_summary(
    comparison: pd.DataFrame, package: CounterPackage, outlook: SearchOutlook | None, amounts: str = "money"
) -> dict:
    """The ``offers.json`` contract. ``amounts`` is "money", or "index" when a shared
    report scaled every amount (largest base = 100)."""
    top = comparison.loc[comparison["total"].idxmax()]
    return {
        "report": "offers",
        "offers": [
            {
                "company": row.company,
                "first_year": float(row.first_year),
                "total": float(row.total),
                "p10": float(row.p10),
                "p90": float(row.p90),
            }
            for row in comparison.itertuples()
        ],
        "best": top["company"],
        "counter": {"base": float(package.base), "bonus": float(package.bonus), "sign_on": float(package.sign_on)},
        "p_offer_by_deadline": (
            None if outlook is None or outlook.p_by_deadline is None else float(outlook.p_by_deadline)
        ),
        "amounts": amounts,
    }
