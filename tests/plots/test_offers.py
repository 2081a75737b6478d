"""Offers charts: they draw what the model computed, escape company names, use only
the trace types the reports' plotly.js bundle carries, and never leak hidden units."""

from __future__ import annotations

import pytest

from careerlib import funnel, offers
from careerlib.offers import Offer
from careerlib.plots import offers as charts
from import_files import undated_log

ALLOWED = {"bar", "scatter", "table", "heatmap", "funnel", "indicator", "sankey", "scatterpolar"}
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def drawn():
    held = [
        Offer(
            company=HOSTILE,
            role="<b>r</b>",
            base=90_000,
            equity_grant=40_000,
            sign_on=5_000,
            clawback_months=60,
            commute_cost=1_000,
        ),
        Offer(company="Birch", role="Engineer", base=95_000, bonus_amount=5_000, bonus_probability=0.5),
    ]
    table = offers.compare(held, years=4, seed=1)
    package = offers.counter_package(held[1], 0, buffer=0.1)
    apps = offers.load_search("data/sample/applications.csv")
    outlook = offers.search(apps, held, table, as_of="2026-10-17", current_pay=0)
    return (
        {
            "side_by_side": charts.side_by_side(table, 4),
            "yearly_stack": charts.yearly_stack(offers.compensation(held, years=4)),
            "uncertainty": charts.uncertainty_chart(table, 4),
            "partial": charts.partial_yes_chart(offers.partial_yeses(package), package.target),
            "search": charts.search_chart(outlook),
            "no_log": charts.search_chart(None),
        },
        table,
        package,
    )


def test_only_bundled_trace_types(drawn):
    figures, _, _ = drawn
    for name, fig in figures.items():
        assert {trace.type for trace in fig.data} <= ALLOWED, name


def test_company_names_are_escaped_everywhere(drawn):
    figures, _, _ = drawn
    for name, fig in figures.items():
        assert HOSTILE not in fig.to_json(), name
    assert "&lt;img src=x onerror=alert(1)&gt;" in figures["uncertainty"].to_json()


def test_uncertainty_bars_run_from_p10_to_p90(drawn):
    figures, table, _ = drawn
    dots = figures["uncertainty"].data[0]
    assert list(dots.x) == pytest.approx(table["p50"].tolist())
    assert [x + up for x, up in zip(dots.x, dots.error_x.array)] == pytest.approx(table["p90"].tolist())
    assert [x - down for x, down in zip(dots.x, dots.error_x.arrayminus)] == pytest.approx(table["p10"].tolist())


def test_yearly_stack_has_every_nonzero_component_and_costs_below_zero(drawn):
    figures, _, _ = drawn
    names = {trace.name for trace in figures["yearly_stack"].data}
    assert {"base salary", "equity vesting", "sign-on", "sign-on repaid", "commute / remote cost"} <= names
    assert "retirement match" not in names  # nothing to show
    repaid = next(t for t in figures["yearly_stack"].data if t.name == "sign-on repaid")
    assert min(repaid.y) == -5_000 and figures["yearly_stack"].layout.barmode == "relative"


def test_partial_yes_colours_follow_the_target(drawn):
    figures, _, package = drawn
    bars = figures["partial"].data[0]
    reached = [value >= package.target - 1e-6 for value in bars.x]
    assert [colour == charts.GOOD for colour in bars.marker.color] == reached


def test_table_shows_totals_and_a_hidden_unit_has_no_dollar_sign(drawn):
    figures, table, _ = drawn
    cells = figures["side_by_side"].data[0].cells.values
    assert f"${table['total'].iloc[1]:,.0f}" in cells[3]
    indexed = charts.side_by_side(table, 4, currency="")
    assert "$" not in "".join(map(str, indexed.data[0].cells.values[3]))


def test_search_chart_without_a_log_says_so(drawn):
    figures, _, _ = drawn
    assert "no applications log" in figures["no_log"].layout.annotations[0].text
    # No deadline was given, so only the fixed horizons are drawn.
    assert list(figures["search"].data[0].x) == ["within 4 weeks", "within 8 weeks", "within 12 weeks"]


def test_search_chart_of_an_undated_log_says_time_is_not_measured(tmp_path):
    apps = offers.load_search(str(undated_log(tmp_path / "tally.csv")))
    figure = charts.search_chart(offers.keep_searching(apps))
    assert figure.layout.annotations[0].text == funnel.NOT_MEASURED and len(figure.data[0].x) == 0
