"""Charts for the cohort overview (inputs: ``careerlib.cohort.model.Overview`` tables).
Nothing here names a person: the tables hold none."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib.plots import PALETTE, REFERENCE
from careerlib.plots.funnel import funnel_chart
from careerlib.text import plot_labels


def pooled_funnel(stages: pd.DataFrame) -> go.Figure:
    """The group's pooled funnel, each step's rate with its 95 % interval."""
    return funnel_chart(stages, title="The group's funnel: all applications pooled")


def channel_spread(channels: pd.DataFrame, person_rates: pd.DataFrame, stage_label: str = "phone screen") -> go.Figure:
    """Per channel: every person's own rate (grey dots, one per person), the median
    person with its bootstrap interval, and the pooled rate with its Wilson interval."""
    order = channels.sort_values("person_median", na_position="first")["channel"]
    labels = dict(zip(order, plot_labels(order)))
    fig = go.Figure()
    fig.add_trace(
        go.Box(
            x=person_rates["rate"],
            y=person_rates["channel"].map(labels),
            orientation="h",
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker=dict(color=REFERENCE, size=5),
            line=dict(color=REFERENCE),
            fillcolor="rgba(0,0,0,0)",
            name="each person",
            hoverinfo="x",
        )
    )
    rows = channels.set_index("channel").loc[order]
    fig.add_trace(
        go.Scatter(
            x=rows["person_median"],
            y=[labels[c] for c in order],
            mode="markers",
            name="median person",
            marker=dict(size=12, color=PALETTE[0], symbol="diamond"),
            error_x=dict(
                type="data",
                symmetric=False,
                array=rows["median_high"] - rows["person_median"],
                arrayminus=rows["person_median"] - rows["median_low"],
            ),
            hovertemplate="median person: %{x:.0%}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=rows["rate"],
            y=[labels[c] for c in order],
            mode="markers",
            name="pooled",
            marker=dict(size=10, color=PALETTE[1]),
            error_x=dict(
                type="data", symmetric=False, array=rows["high"] - rows["rate"], arrayminus=rows["rate"] - rows["low"]
            ),
            hovertemplate="pooled: %{x:.0%}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Rate of reaching a {stage_label}, by channel: each person, the median person, and pooled "
        "(95 % intervals)",
        xaxis=dict(tickformat=".0%", range=[-0.02, 1.02], title="rate"),
        height=160 + 60 * len(rows),
        boxmode="overlay",
    )
    return fig


def offer_days(days: np.ndarray) -> go.Figure:
    """Days from first application to first offer, for people who had one."""
    fig = go.Figure(
        go.Histogram(
            x=days,
            nbinsx=min(20, max(5, days.size // 3)),
            marker_color=PALETTE[2],
            hovertemplate="%{x} days: %{y} people<extra></extra>",
        )
    )
    fig.update_layout(
        title="Days from first application to first offer (people with an offer)",
        xaxis_title="days",
        yaxis_title="people",
        height=340,
    )
    return fig


def before_after(periods: pd.DataFrame, stage_label: str = "phone screen") -> go.Figure:
    """Pooled rate before and after people's change of tactic, with 95 % intervals."""
    fig = go.Figure(
        go.Bar(
            x=periods["period"],
            y=periods["rate"],
            marker_color=[REFERENCE, PALETTE[0]][: len(periods)],
            error_y=dict(
                type="data",
                symmetric=False,
                array=periods["high"] - periods["rate"],
                arrayminus=periods["rate"] - periods["low"],
            ),
            customdata=np.c_[periods["reached"], periods["decided"], periods["people"]],
            hovertemplate="%{x}: %{y:.0%} (%{customdata[0]} of %{customdata[1]}, %{customdata[2]} people)"
            "<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Rate of reaching a {stage_label} before and after a change of tactic (pooled)",
        yaxis=dict(tickformat=".0%", range=[0, 1]),
        height=340,
    )
    return fig


def weekly(weeks: pd.DataFrame) -> go.Figure:
    """Applications per week, weeks with enough people only."""
    fig = go.Figure(
        go.Bar(
            x=weeks["week"],
            y=weeks["applications"],
            marker_color=PALETTE[0],
            customdata=weeks["people"],
            hovertemplate="week of %{x|%d %b}: %{y} applications from %{customdata} people<extra></extra>",
        )
    )
    fig.update_layout(
        title="Applications per week (weeks with too few people are left out)", height=320, yaxis_title="applications"
    )
    return fig
