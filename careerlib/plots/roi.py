"""Charts for the education ROI (inputs: tables and results from ``careerlib.roi``);
the live explorer is ``careerlib.widgets.roi_explorer``.

Option names are user text: they go through ``plot_text`` before reaching a figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from careerlib import roi
from careerlib.plots import BAD, GOOD, NEUTRAL, PALETTE, REFERENCE
from careerlib.text import money, plot_labels, plot_text

_MONEY_AXIS = dict(tickprefix="$", tickformat=",.0f")


def cumulative_chart(flows: pd.DataFrame, result: roi.Evaluation, title: str | None = None) -> go.Figure:
    """Cumulative net cash against not studying, by age: discounted (solid) and
    not (dotted), with the discounted break-even age marked."""
    fig = go.Figure(
        [
            go.Scatter(
                x=flows["age"],
                y=flows["cumulative_discounted"],
                mode="lines",
                name="discounted",
                line=dict(color=PALETTE[0], width=3),
                hovertemplate="age %{x:.0f}: %{y:$,.0f} (discounted)<extra></extra>",
            ),
            go.Scatter(
                x=flows["age"],
                y=flows["cumulative"],
                mode="lines",
                name="not discounted",
                line=dict(color=REFERENCE, dash="dot"),
                hovertemplate="age %{x:.0f}: %{y:$,.0f}<extra></extra>",
            ),
        ]
    )
    fig.add_hline(y=0, line=dict(color=NEUTRAL, width=1))
    if result.discounted_breakeven_age is not None:
        fig.add_vline(
            x=result.discounted_breakeven_age,
            line=dict(dash="dash", color=GOOD),
            annotation_text=f"break-even at {result.discounted_breakeven_age:.1f}",
            annotation_position="top left",
        )
    fig.update_layout(
        title=title or f"{plot_text(result.name)}: cumulative net cash against not studying",
        xaxis_title="age",
        yaxis=dict(title="cumulative net cash", **_MONEY_AXIS),
        height=380,
        legend=dict(orientation="h", y=-0.2),
    )
    return fig


def npv_distribution(histogram: pd.DataFrame, spread: roi.Simulation, title: str | None = None) -> go.Figure:
    """Binned NPV draws (from ``roi.npv_histogram``), gains green and losses red,
    with P10/P50/P90 marked and P(NPV > 0) in the title."""
    colours = [GOOD if positive else BAD for positive in histogram["positive"]]
    fig = go.Figure(
        go.Bar(
            x=histogram["middle"],
            y=histogram["share"],
            width=histogram["high"] - histogram["low"],
            marker=dict(color=colours, line=dict(width=0)),
            customdata=histogram[["low", "high"]].to_numpy(),
            hovertemplate="%{customdata[0]:$,.0f} to %{customdata[1]:$,.0f}: %{y:.1%} of futures<extra></extra>",
        )
    )
    for label, value in (("P10", spread.p10), ("P50", spread.p50), ("P90", spread.p90)):
        fig.add_vline(x=value, line=dict(dash="dot", color=NEUTRAL), annotation_text=label)
    fig.update_layout(
        title=title
        or f"{plot_text(spread.name)}: NPV over {spread.n:,} simulated futures "
        f"(P(NPV > 0) = {spread.prob_npv_positive:.0%})",
        xaxis=dict(title="net present value", **_MONEY_AXIS),
        yaxis=dict(title="share of futures", tickformat=".0%"),
        bargap=0,
        height=360,
    )
    return fig


def tornado(swings: pd.DataFrame, title: str = "What moves the answer most (one input at a time)") -> go.Figure:
    """Each input's low and high value as bars from the base NPV, the largest swing on top."""
    rows = swings.iloc[::-1]  # plotly draws the first row at the bottom
    base = float(swings["base_npv"].iloc[0])
    labels = [f"{label} ({stated})" for label, stated in zip(rows["label"], rows["range"])]
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=rows["npv_low"] - base,
                base=base,
                orientation="h",
                name="low value",
                marker_color=PALETTE[1],
                customdata=rows[["low_value", "npv_low"]].to_numpy(),
                hovertemplate="%{y}: at %{customdata[0]:.4g}, NPV %{customdata[1]:$,.0f}<extra>low</extra>",
            ),
            go.Bar(
                y=labels,
                x=rows["npv_high"] - base,
                base=base,
                orientation="h",
                name="high value",
                marker_color=PALETTE[0],
                customdata=rows[["high_value", "npv_high"]].to_numpy(),
                hovertemplate="%{y}: at %{customdata[0]:.4g}, NPV %{customdata[1]:$,.0f}<extra>high</extra>",
            ),
        ]
    )
    fig.add_vline(
        x=base, line=dict(color=NEUTRAL), annotation_text=f"as given: {money(base)}", annotation_position="bottom right"
    )
    fig.update_layout(
        title=title,
        barmode="overlay",
        xaxis=dict(title="net present value", **_MONEY_AXIS),
        height=140 + 36 * len(rows),
        legend=dict(orientation="h", y=-0.15),
    )
    return fig


def options_chart(
    comparison: pd.DataFrame, title: str = "Options compared: NPV, P10 to P90 of simulated futures"
) -> go.Figure:
    """Each option's median simulated NPV with its P10-P90 bar, and the NPV of the
    expected flows as a diamond."""
    names = plot_labels(comparison["name"])
    fig = go.Figure(
        [
            go.Scatter(
                x=comparison["npv_p50"],
                y=names,
                mode="markers",
                name="median of simulations",
                marker=dict(size=12, color=PALETTE[0]),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=comparison["npv_p90"] - comparison["npv_p50"],
                    arrayminus=comparison["npv_p50"] - comparison["npv_p10"],
                ),
                customdata=comparison[["npv_p10", "npv_p90", "prob_npv_positive"]].to_numpy(),
                hovertemplate="%{y}: median %{x:$,.0f}, P10 %{customdata[0]:$,.0f}, P90 %{customdata[1]:$,.0f},"
                " P(NPV > 0) %{customdata[2]:.0%}<extra></extra>",
            ),
            go.Scatter(
                x=comparison["npv"],
                y=names,
                mode="markers",
                name="expected flows",
                marker=dict(size=10, symbol="diamond", color=PALETTE[1]),
                hovertemplate="%{y}: NPV of expected flows %{x:$,.0f}<extra></extra>",
            ),
        ]
    )
    fig.add_vline(x=0, line=dict(color=NEUTRAL, width=1))
    fig.update_layout(
        title=title,
        xaxis=dict(title="net present value", **_MONEY_AXIS),
        height=160 + 60 * len(comparison),
        legend=dict(orientation="h", y=-0.25),
    )
    return fig


def earnings_by_attainment(bls: pd.DataFrame, title: str | None = None) -> go.Figure:
    """BLS median annual earnings by educational attainment, unemployment in the hover."""
    rows = bls.sort_values("annual_earnings_usd")
    year = ", ".join(sorted(set(rows["year"].astype(str))))
    fig = go.Figure(
        go.Bar(
            x=rows["annual_earnings_usd"],
            y=plot_labels(rows["attainment"]),
            orientation="h",
            marker_color=PALETTE[2],
            customdata=rows[["median_weekly_earnings_usd", "unemployment_rate_pct"]].to_numpy(),
            hovertemplate="%{y}: %{x:$,.0f} a year (%{customdata[0]:$,.0f} a week), "
            "unemployment %{customdata[1]:.1f} %<extra></extra>",
        )
    )
    fig.update_layout(
        title=title or f"US median earnings by education (BLS, {year}; weekly x 52)",
        xaxis=dict(title="median annual earnings", **_MONEY_AXIS),
        height=380,
    )
    return fig
