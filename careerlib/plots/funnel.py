"""Charts for the job-search funnel (inputs: tables from ``careerlib.funnel``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib.funnel import STAGE_LABELS
from careerlib.plots import BAD, GOOD, NEUTRAL, PALETTE, REFERENCE
from careerlib.text import percent, plot_labels


def funnel_chart(steps: pd.DataFrame, title: str = "Your funnel: how far applications get") -> go.Figure:
    """Counts reaching each stage, with the step rate and its 95 % interval in the label."""
    labels = [STAGE_LABELS[s] for s in steps["stage"]]
    text = [
        f"{r:,}"
        if i == 0
        else (
            f"{r:,}  ·  {percent(rate, space=False)} of decided ({percent(lo, space=False)}-{percent(hi, space=False)})"
        )
        for i, (r, rate, lo, hi) in enumerate(zip(steps["reached"], steps["rate"], steps["low"], steps["high"]))
    ]
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=steps["reached"],
            text=text,
            textinfo="text",
            marker_color=PALETTE[0],
            hovertemplate="%{y}: %{x} applications<extra></extra>",
        )
    )
    fig.update_layout(title=title, height=380)
    return fig


def outcomes_sankey(state: pd.DataFrame, title: str = "Where applications ended up") -> go.Figure:
    """Flow from each stage to the next, ending in each application's outcome."""
    stages = list(STAGE_LABELS)
    outcomes = sorted(state["outcome"].unique())
    nodes = [STAGE_LABELS[s] for s in stages] + [f"{o}" for o in outcomes]
    source, target, value = [], [], []
    for i in range(len(stages) - 1):  # stage pairs, not rows
        moved = int((state[stages[i + 1]]).sum())
        if moved:
            source.append(i), target.append(i + 1), value.append(moved)
    ended = state.groupby(["level", "outcome"]).size()
    for (level, outcome), count in ended.items():
        source.append(int(level)), target.append(len(stages) + outcomes.index(outcome)), value.append(int(count))
    fig = go.Figure(
        go.Sankey(
            node=dict(
                label=nodes,
                pad=14,
                thickness=16,
                color=[PALETTE[0]] * len(stages) + [GOOD if o in ("accepted", "active") else NEUTRAL for o in outcomes],
            ),
            link=dict(source=source, target=target, value=value),
        )
    )
    fig.update_layout(title=title, height=420)
    return fig


def channel_rates(per_channel: pd.DataFrame, stage: str = "screen", title: str | None = None) -> go.Figure:
    """Each channel's step rate into ``stage`` as a dot with its 95 % interval bar."""
    rows = per_channel.loc[per_channel["stage"] == stage].sort_values("rate", na_position="first")
    names = plot_labels(rows["channel"])
    fig = go.Figure(
        go.Scatter(
            x=rows["rate"],
            y=names,
            mode="markers",
            marker=dict(size=11, color=PALETTE[1]),
            error_x=dict(
                type="data", symmetric=False, array=rows["high"] - rows["rate"], arrayminus=rows["rate"] - rows["low"]
            ),
            customdata=np.c_[rows["reached"], rows["decided"]],
            hovertemplate="%{y}: %{x:.0%} (%{customdata[0]} of %{customdata[1]} decided)<extra></extra>",
        )
    )
    fig.update_layout(
        title=title or f"Rate of reaching {STAGE_LABELS[stage].lower()}, by channel (95 % intervals)",
        xaxis=dict(tickformat=".0%", range=[0, 1], title="rate"),
        height=120 + 40 * len(rows),
    )
    return fig


def weekly_activity(weekly: pd.DataFrame, title: str = "Weekly activity") -> go.Figure:
    fig = go.Figure()
    for i, stage in enumerate(STAGE_LABELS):
        rows = weekly.loc[weekly["stage"] == stage]
        if rows["count"].sum():
            fig.add_bar(x=rows["week"], y=rows["count"], name=STAGE_LABELS[stage], marker_color=PALETTE[i])
    fig.update_layout(
        title=_noted(title, weekly), barmode="group", xaxis_title="week starting", yaxis_title="events", height=360
    )
    return fig


def _noted(title: str, table: pd.DataFrame) -> str:
    """The title, with the table's note when it has one (an undated log: time not measured)."""
    note = table.attrs.get("note")
    return f"{title}: {note}" if note else title


def rolling_rate(rolling: pd.DataFrame, stage: str = "screen", title: str | None = None) -> go.Figure:
    fig = go.Figure(
        [
            go.Scatter(
                x=rolling["week"],
                y=rolling["high"],
                mode="lines",
                line=dict(width=0),
                showlegend=False,
                hoverinfo="skip",
            ),
            go.Scatter(
                x=rolling["week"],
                y=rolling["low"],
                mode="lines",
                line=dict(width=0),
                fill="tonexty",
                fillcolor="rgba(31,95,139,0.18)",
                name="95 % interval",
                hoverinfo="skip",
            ),
            go.Scatter(
                x=rolling["week"],
                y=rolling["rate"],
                mode="lines+markers",
                name="rate",
                line=dict(color=PALETTE[0]),
                customdata=np.c_[rolling["reached"], rolling["decided"]],
                hovertemplate="%{x|%d %b}: %{y:.0%} (%{customdata[0]} of %{customdata[1]})<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        title=_noted(title or f"Rolling rate of reaching {STAGE_LABELS[stage].lower()} (by week applied)", rolling),
        yaxis=dict(tickformat=".0%", range=[0, 1]),
        height=340,
    )
    return fig


def time_in_stage(times: pd.DataFrame, title: str = "Days between stages (median, with the middle half)") -> go.Figure:
    rows = times.loc[times["transitions"] > 0]
    labels = [f"{STAGE_LABELS[a]} → {STAGE_LABELS[b]}" for a, b in zip(rows["from_stage"], rows["to_stage"])]
    fig = go.Figure(
        go.Bar(
            x=rows["median_days"],
            y=labels,
            orientation="h",
            marker_color=PALETTE[2],
            error_x=dict(
                type="data",
                symmetric=False,
                array=rows["p75_days"] - rows["median_days"],
                arrayminus=rows["median_days"] - rows["p25_days"],
            ),
            customdata=rows["transitions"],
            hovertemplate="%{y}: median %{x} days (n=%{customdata})<extra></extra>",
        )
    )
    fig.update_layout(title=_noted(title, times), xaxis_title="days", height=140 + 45 * len(rows))
    return fig


def versus_reference(
    steps: pd.DataFrame, reference: pd.DataFrame, title: str = "Step rates: you vs. the reference search"
) -> go.Figure:
    """Your step rates with intervals beside the reference search's rates."""
    mine = steps.iloc[1:4]
    ref = reference.set_index("stage").reindex(mine["stage"])
    labels = [STAGE_LABELS[s] for s in mine["stage"]]
    fig = go.Figure(
        [
            go.Bar(
                x=labels,
                y=mine["rate"],
                name="you",
                marker_color=PALETTE[0],
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=mine["high"] - mine["rate"],
                    arrayminus=mine["rate"] - mine["low"],
                ),
            ),
            go.Bar(x=labels, y=ref["rate"], name="reference search", marker_color=REFERENCE),
        ]
    )
    fig.update_layout(title=title, barmode="group", yaxis=dict(tickformat=".0%", title="step rate"), height=360)
    return fig


def forecast_curve(
    chances: pd.DataFrame, needed: int | None, confidence: float, title: str = "Chance of at least one offer"
) -> go.Figure:
    """P(at least one offer) against further applications, with the target marked."""
    fig = go.Figure(
        go.Scatter(
            x=chances["applications"],
            y=chances["probability"],
            mode="lines",
            line=dict(color=PALETTE[0]),
            hovertemplate="%{x} applications: %{y:.0%}<extra></extra>",
        )
    )
    fig.add_hline(y=confidence, line=dict(dash="dot", color=NEUTRAL))
    if needed is not None:
        fig.add_vline(x=needed, line=dict(dash="dot", color=BAD), annotation_text=f"{needed} applications")
    fig.update_layout(
        title=title, xaxis_title="more applications", yaxis=dict(tickformat=".0%", range=[0, 1]), height=340
    )
    return fig


def compare_heatmap(
    pairs: pd.DataFrame, title: str = "Chance that the row's channel really beats the column's"
) -> go.Figure:
    """The pairwise table of :func:`careerlib.funnel.compare` as a matrix."""
    matrix = pairs.pivot(index="group_a", columns="group_b", values="prob_a_better")
    names = sorted(set(pairs["group_a"]))
    matrix = matrix.reindex(index=names, columns=names)
    labels = plot_labels(pd.Series(names))
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=labels,
            y=labels,
            zmin=0,
            zmax=1,
            colorscale="RdBu",
            texttemplate="%{z:.0%}",
            hovertemplate="%{y} beats %{x}: %{z:.0%}<extra></extra>",
            colorbar=dict(tickformat=".0%"),
        )
    )
    fig.update_layout(title=title, xaxis_title="compared with", height=160 + 45 * len(names))
    return fig
