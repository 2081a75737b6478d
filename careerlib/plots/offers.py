"""Charts for the offers report (inputs: tables and results from ``careerlib.offers``);
the live explorer is ``careerlib.widgets.offers_explorer``.

Company names are user text: they go through ``plot_labels`` before reaching a figure.
Amounts are shown with ``currency`` ("" when a shared report shows them as an index).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib.offers.model import COMPONENTS
from careerlib.offers.outlook import SearchOutlook
from careerlib.offers.words import COMPONENT_LABELS
from careerlib.plots import BAD, GOOD, NEUTRAL, PALETTE, REFERENCE
from careerlib.text import plot_labels


def _axis(currency: str) -> dict:
    return dict(tickprefix=currency, tickformat=",.0f")


def _money(values, currency: str) -> list[str]:
    return [f"{currency}{v:,.0f}" for v in values]


def side_by_side(
    comparison: pd.DataFrame, years: int, currency: str = "$", title: str = "The offers side by side"
) -> go.Figure:
    """A table: first year, the discounted total of the stay with its P10-P90, the
    share of futures in which each offer is worth most, and the deadline."""
    deadlines = [("–" if pd.isna(d) else f"{pd.Timestamp(d):%Y-%m-%d}") for d in comparison["deadline"]]
    spread = [f"{currency}{lo:,.0f} – {currency}{hi:,.0f}" for lo, hi in zip(comparison["p10"], comparison["p90"])]
    header = [
        "company",
        "role",
        "first year",
        f"{years}-year total (discounted)",
        "P10 – P90",
        "worth most in",
        "deadline",
    ]
    cells = [
        plot_labels(comparison["company"]),
        plot_labels(comparison["role"]),
        _money(comparison["first_year"], currency),
        _money(comparison["total"], currency),
        spread,
        [f"{p:.0%} of futures" for p in comparison["p_highest"]],
        deadlines,
    ]
    fig = go.Figure(
        go.Table(
            header=dict(values=header, fill_color="#e8eef3", align="left"),
            cells=dict(values=cells, align="left", height=26),
        )
    )
    fig.update_layout(title=title, height=140 + 30 * len(comparison), margin=dict(l=10, r=10, t=50, b=10))
    return fig


def yearly_stack(
    compensation: pd.DataFrame,
    currency: str = "$",
    title: str = "What each offer pays, year by year (expected, before discounting)",
) -> go.Figure:
    """Stacked bars per offer and year, one colour per component; costs and repaid
    sign-ons go below zero."""
    companies = plot_labels(compensation["company"])
    fig = go.Figure()
    for i, component in enumerate(COMPONENTS):  # eight components
        part = compensation["component"] == component
        if not compensation.loc[part, "amount"].any():
            continue
        fig.add_trace(
            go.Bar(
                x=[companies[part].to_numpy(), [f"year {y}" for y in compensation.loc[part, "year"]]],
                y=compensation.loc[part, "amount"],
                name=COMPONENT_LABELS[component],
                marker_color=PALETTE[i % len(PALETTE)],
                hovertemplate=f"%{{x}}: %{{y:{currency},.0f}}<extra>{COMPONENT_LABELS[component]}</extra>",
            )
        )
    fig.update_layout(
        title=title,
        barmode="relative",
        yaxis=dict(title="per year", **_axis(currency)),
        height=420,
        legend=dict(orientation="h", y=-0.25),
    )
    return fig


def uncertainty_chart(comparison: pd.DataFrame, years: int, currency: str = "$", title: str | None = None) -> go.Figure:
    """Each offer's simulated total: a bar from P10 to P90, the median as a dot and
    the expected value as a diamond."""
    names = plot_labels(comparison["company"])
    fig = go.Figure(
        [
            go.Scatter(
                x=comparison["p50"],
                y=names,
                mode="markers",
                name="median (P50)",
                marker=dict(color=PALETTE[0], size=11),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=comparison["p90"] - comparison["p50"],
                    arrayminus=comparison["p50"] - comparison["p10"],
                    color=PALETTE[0],
                    thickness=3,
                ),
                hovertemplate=f"%{{y}}: median %{{x:{currency},.0f}}<extra></extra>",
            ),
            go.Scatter(
                x=comparison["total"],
                y=names,
                mode="markers",
                name="expected",
                marker=dict(symbol="diamond", color=PALETTE[1], size=10),
                hovertemplate=f"%{{y}}: expected %{{x:{currency},.0f}}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        title=title or f"How sure: {years}-year discounted totals, 10th to 90th percentile",
        xaxis=dict(title="discounted total of the stay", **_axis(currency)),
        height=160 + 60 * len(comparison),
        legend=dict(orientation="h", y=-0.3),
    )
    return fig


def partial_yes_chart(
    partials: pd.DataFrame,
    target: float,
    currency: str = "$",
    title: str = "What each answer to the counter is worth in the first year",
) -> go.Figure:
    """First-year cash for each possible answer, green where it reaches the target."""
    rows = partials.iloc[::-1]  # plotly draws the first row at the bottom
    fig = go.Figure(
        go.Bar(
            y=rows["answer"],
            x=rows["first_year"],
            orientation="h",
            marker_color=[GOOD if ok else BAD for ok in rows["reaches_target"]],
            text=_money(rows["first_year"], currency),
            textposition="auto",
            hovertemplate=f"%{{y}}: %{{x:{currency},.0f}}<extra></extra>",
        )
    )
    fig.add_vline(x=target, line=dict(dash="dash", color=NEUTRAL), annotation_text="target", annotation_position="top")
    low = float(np.min(partials["first_year"]))
    high = max(float(partials["first_year"].max()), target)
    fig.update_layout(
        title=title,
        height=360,
        xaxis=dict(title="first-year cash (base + bonus + sign-on)", range=[low * 0.9, high * 1.03], **_axis(currency)),
    )
    return fig


def search_chart(outlook: SearchOutlook | None, title: str = "Chance of at least one more offer") -> go.Figure:
    """The chance of another offer by the deadline and within each horizon, with its
    95 % interval (empty with a note when there is no log or no offer rate yet)."""
    chances = outlook.chances if outlook is not None else SearchOutlook.empty_chances()
    fig = go.Figure(
        go.Scatter(
            x=chances["label"],
            y=chances["p_offer"],
            mode="markers",
            marker=dict(size=12, color=PALETTE[0]),
            error_y=dict(
                type="data",
                symmetric=False,
                array=chances["p_high"] - chances["p_offer"],
                arrayminus=chances["p_offer"] - chances["p_low"],
                color=REFERENCE,
                thickness=3,
            ),
            hovertemplate="%{x}: %{y:.0%}<extra></extra>",
        )
    )
    if chances.empty:
        undated = outlook is not None and outlook.undated  # the reason then says time is not measured
        fig.add_annotation(
            text=outlook.reason if undated else "no applications log or no offer rate yet",
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
        )
    fig.update_layout(title=title, yaxis=dict(title="chance", tickformat=".0%", range=[0, 1.05]), height=340)
    return fig
