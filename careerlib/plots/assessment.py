"""Charts for self-assessments (inputs: tables from ``careerlib.assessment``).

Respondent names and dimension titles come from users' files and instruments, so
every one of them passes through ``plot_text`` / ``plot_labels`` before it reaches
a figure. Nothing is computed here beyond picking columns.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from careerlib.plots import NEUTRAL, PALETTE, REFERENCE
from careerlib.text import plot_labels, plot_text


def _titles(frame: pd.DataFrame, titles: dict[str, str]) -> pd.Series:
    return plot_labels(frame["dimension"].map(titles).fillna(frame["dimension"]))


def radar(overview: pd.DataFrame, respondent: str = "self", title: str | None = None) -> go.Figure:
    """Latest scores per dimension on a 0-100 radar: ``respondent`` against the mean
    of the others (input: ``assessment.overview``)."""
    names = plot_labels(overview["title"])
    closed = lambda series: list(series) + list(series[:1])  # noqa: E731 - close the polygon
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=closed(overview["score"]),
            theta=closed(names),
            name=plot_text(respondent),
            fill="toself",
            line_color=PALETTE[0],
            hovertemplate="%{theta}: %{r:.0f}<extra></extra>",
        )
    )
    if overview["others"].notna().any():
        fig.add_trace(
            go.Scatterpolar(
                r=closed(overview["others"]),
                theta=closed(names),
                name="others (mean)",
                line=dict(color=PALETTE[1], dash="dash"),
                hovertemplate="%{theta}: %{r:.0f}<extra>others</extra>",
            )
        )
    fig.update_layout(
        title=title or "Latest scores: you and the others",
        polar=dict(radialaxis=dict(range=[0, 100], tickvals=[25, 50, 75, 100])),
        height=460,
        legend=dict(orientation="h", y=-0.1),
    )
    return fig


def trends(
    scores: pd.DataFrame, titles: dict[str, str], respondent: str = "self", title: str | None = None
) -> go.Figure:
    """One line per dimension across ``respondent``'s assessments (input:
    ``assessment.score``); gaps where a dimension had too few answers."""
    rows = scores.loc[scores["respondent"] == respondent].assign(name=lambda t: _titles(t, titles))
    fig = go.Figure()
    for i, (name, line) in enumerate(rows.groupby("name", sort=False)):  # a handful of dimensions
        fig.add_trace(
            go.Scatter(
                x=line["date"],
                y=line["score"],
                name=name,
                mode="lines+markers",
                line_color=PALETTE[i % len(PALETTE)],
                hovertemplate="%{x|%Y-%m-%d}: %{y:.0f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title=title or f"Scores over time ({plot_text(respondent)})",
        yaxis=dict(range=[0, 100], title="score (0-100)"),
        xaxis=dict(title=None, tickformat="%Y-%m-%d"),
        height=420,
    )
    return fig


def gap_bars(overview: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Self minus others per dimension: right of zero, you rate yourself higher."""
    rows = overview.dropna(subset=["gap"]).iloc[::-1]
    colours = [PALETTE[1] if gap > 0 else PALETTE[0] for gap in rows["gap"]]
    fig = go.Figure(
        go.Bar(
            x=rows["gap"],
            y=plot_labels(rows["title"]),
            orientation="h",
            marker_color=colours,
            hovertemplate="%{y}: %{x:+.0f} points<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color=REFERENCE)
    fig.update_layout(
        title=title or "Gap: your score minus the others' mean",
        height=380,
        xaxis=dict(title="points (0-100 scale)", zeroline=False),
        font=dict(color="#222"),
    )
    fig.update_yaxes(tickfont=dict(color=NEUTRAL))
    return fig
