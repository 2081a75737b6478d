"""Charts for the stuck-career report (inputs: tables from ``careerlib.diagnostics``).

Employer names and titles are user input: they reach figures only through
``plot_labels``. Evidence, plan and verdict text is built by the library from
numbers and our own wording, and is escaped all the same."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib.diagnostics import CHANGES
from careerlib.plots import BAD, GOOD, NEUTRAL, PALETTE, REFERENCE
from careerlib.text import plot_labels

CHANGE_COLOURS = dict(zip(CHANGES, (PALETTE[0], GOOD, REFERENCE, BAD, PALETTE[4])))
UNRECORDED = "not recorded"  # legend name for roles whose change type is empty (an imported history)


def career_timeline(roles: pd.DataFrame, day, title: str = "Your roles, coloured by how each began") -> go.Figure:
    """One bar per role from start to end (``day``, the diagnosis's as-of day, for the
    current role), level on the hover, coloured by change type. ``roles``:
    ``diagnostics.chronological(career, as_of)``."""
    day = pd.Timestamp(day)
    end = roles["end"].where(~roles["current"], day)
    # A category axis draws equal labels on one row (share mode makes titles "Level N role"),
    # so each label carries its start month, and a counter if even that repeats.
    label = (
        plot_labels(roles["title"])
        + " · "
        + plot_labels(roles["employer"])
        + " ("
        + roles["start"].dt.strftime("%b %Y")
        + ")"
    )
    repeat = label.groupby(label, sort=False).cumcount()
    label = label.where(repeat == 0, label + " #" + (repeat + 1).astype(str))
    level = roles["level"].map("{:g}".format, na_action="ignore").astype(object).fillna("not filled in")
    fig = go.Figure()
    for change in (*CHANGES, ""):  # five change types and 'not recorded', one legend entry each
        rows = roles["change"] == change
        if rows.any():
            fig.add_bar(
                y=label[rows],
                x=(end[rows] - roles["start"][rows]).dt.days * 86_400_000,
                base=roles["start"][rows],
                orientation="h",
                name=change or UNRECORDED,
                marker_color=CHANGE_COLOURS.get(change, NEUTRAL),
                customdata=np.c_[level[rows], roles["start"][rows].dt.strftime("%b %Y")],
                hovertemplate="%{y}<br>level %{customdata[0]}, from %{customdata[1]}<extra></extra>",
            )
    fig.update_layout(
        title=title,
        barmode="overlay",
        xaxis=dict(type="date"),
        yaxis=dict(autorange="reversed", type="category", categoryorder="array", categoryarray=list(label)),
        height=160 + 34 * len(roles),
        legend_title_text="began with",
    )
    return fig


def salary_chart(pay: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Nominal pay and the same pay in money of ``base_year`` (deflated by US CPI)."""
    base = int(pay["base_year"].iloc[0]) if len(pay) else ""
    fig = go.Figure(
        [
            go.Scatter(
                x=pay["paid_on"],
                y=pay["salary"],
                mode="lines+markers",
                name="as paid",
                line=dict(color=PALETTE[0]),
                hovertemplate="%{x|%b %Y}: %{y:,.0f}<extra>as paid</extra>",
            ),
            go.Scatter(
                x=pay["paid_on"],
                y=pay["real_salary"],
                mode="lines+markers",
                name=f"in {base} money",
                line=dict(color=PALETTE[1], dash="dot"),
                hovertemplate="%{x|%b %Y}: %{y:,.0f}<extra>after inflation</extra>",
            ),
        ]
    )
    fig.update_layout(
        title=title or f"Pay as paid and after inflation (US CPI, {base} money)",
        yaxis=dict(title="annual pay", tickformat=",.0f"),
        height=340,
    )
    return fig


def rating_chart(ratings: pd.DataFrame, title: str = "Review ratings as a share of each employer's scale") -> go.Figure:
    """Each role's latest review, with the trend line over the last reviews."""
    trend = ratings.loc[ratings["in_trend"]]
    fig = go.Figure(
        [
            go.Scatter(
                x=ratings["start"],
                y=ratings["share"],
                mode="markers+lines",
                name="review",
                line=dict(color=PALETTE[0]),
                customdata=np.c_[ratings["rating"], ratings["rating_scale_max"]],
                hovertemplate="%{x|%b %Y}: %{customdata[0]} of %{customdata[1]}<extra></extra>",
            ),
            go.Scatter(
                x=trend["start"],
                y=trend["trend"],
                mode="lines",
                name="recent trend",
                line=dict(color=BAD, dash="dash"),
                hoverinfo="skip",
            ),
        ]
    )
    fig.update_layout(
        title=title,
        yaxis=dict(tickformat=".0%", range=[0, 1.05], title="share of the scale"),
        xaxis_title="role started",
        height=320,
    )
    return fig


def cause_chart(
    causes: pd.DataFrame, strong_at: float, title: str = "What is most likely holding you back (0-100)"
) -> go.Figure:
    """Cause scores, highest at the top, with the evidence on hover; red from ``strong_at``, the
    score at which the plan works on a cause (``Diagnosis.strong_score``)."""
    rows = causes.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=rows["score"],
            y=plot_labels(rows["title"]),
            orientation="h",
            marker_color=np.where(rows["score"] >= strong_at, BAD, NEUTRAL),  # the plan's own threshold
            text=rows["score"].round().astype("Int64").astype(str).where(rows["score"].notna(), "not measured"),
            textposition="outside",
            customdata=plot_labels(rows["evidence"]),
            hovertemplate="%{y}: %{x:.0f}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_layout(title=title, xaxis=dict(range=[0, 105], title="score"), height=140 + 42 * len(rows))
    return fig


def _table(columns: dict[str, pd.Series], title: str, widths: list[float], fills=None) -> go.Figure:
    fig = go.Figure(
        go.Table(
            columnwidth=widths,
            header=dict(values=[f"<b>{name}</b>" for name in columns], fill_color="#eef2f6", align="left"),
            cells=dict(
                values=[plot_labels(values.astype(str)) for values in columns.values()],
                align="left",
                fill_color=fills if fills is not None else "white",
                height=28,
            ),
        )
    )
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=50, b=10))
    return fig


def checklist_table(checklist: pd.DataFrame, title: str = "Signs of a manager holding you back") -> go.Figure:
    """The five signs, ticked when present, with what the tick rests on."""
    mark = np.where(checklist["present"], "✔ present", "–")
    colour = np.where(checklist["present"], "#fbe9ee", "white")
    fig = _table(
        {"sign": checklist["label"], "": pd.Series(mark), "based on": checklist["evidence"]},
        title,
        [3, 1, 4],
        fills=[colour] * 3,
    )
    fig.update_layout(height=120 + 40 * len(checklist))
    return fig


def plan_table(plan: pd.DataFrame, title: str = "Your 90-day plan") -> go.Figure:
    """The plan's steps by check-in date."""
    fig = _table(
        {"check in": plan["check_in"].dt.strftime("%d %b %Y"), "action": plan["action"], "why": plan["why"]},
        title,
        [1.2, 5, 3],
    )
    fig.update_layout(height=120 + 52 * len(plan))
    return fig


def verdict_gauge(diagnosis, title: str | None = None) -> go.Figure:
    """Years since the last step up against the bar for a stall: the verdict at a glance."""
    row = diagnosis.signals.set_index("signal").loc["years_since_step_up"]
    measured = pd.notna(row["value"])
    value = float(row["value"]) if measured else 0.0
    default = diagnosis.thresholds["signals"]["years_since_step_up"]["default_years"]
    bar = float(row["threshold"]) if pd.notna(row["threshold"]) else float(default)
    status = "stalled" if diagnosis.stalled else ("moving" if measured else "not measured")
    fig = go.Figure(
        go.Indicator(
            # Not measured: the gauge stays empty rather than showing a reassuring 0 years.
            mode="number+gauge" if measured else "gauge",
            value=value,
            number=dict(suffix=" years", valueformat=".1f"),
            gauge=dict(
                shape="bullet",
                axis=dict(range=[0, max(value, bar) * 1.3]),
                bar=dict(color=BAD if diagnosis.stalled else GOOD),
                threshold=dict(line=dict(color="#222", width=3), value=bar),
                steps=[dict(range=[0, bar], color="#e8f4ec")],
            ),
            domain=dict(x=[0.25, 1], y=[0, 1]),
            title=dict(
                text=f"Since last step up<br><span style='font-size:12px'>{status}, "
                f"{diagnosis.confidence} confidence</span>"
            ),
        )
    )
    fig.update_layout(title=title or "Verdict: time since your last step up against your own bar", height=170)
    return fig
