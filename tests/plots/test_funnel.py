"""Charts of the job-search funnel (careerlib/plots/funnel.py): each builds from the funnel's
tables, keeps user text escaped, and shows what the tables say."""

from __future__ import annotations

import pandas as pd
import pytest

from careerlib import funnel, load_applications
from careerlib.plots import funnel as charts

AS_OF = "2026-10-17"


@pytest.fixture(scope="module")
def apps() -> pd.DataFrame:
    log = load_applications("data/sample/applications.csv")
    # A hostile channel name must reach the figures escaped.
    return log.assign(channel=log["channel"].where(log.index % 5 != 0, "<b>referral</b>"))


def test_funnel_chart_labels_every_stage_with_its_interval(apps):
    steps = funnel.summary(apps, as_of=AS_OF)
    figure = charts.funnel_chart(steps)
    (trace,) = figure.data
    assert list(trace.x) == list(steps["reached"])
    assert all("%" in text and "of decided" in text for text in trace.text[1:])


def test_channel_charts_escape_channel_names(apps):
    figures = [
        charts.channel_rates(funnel.summary(apps, by="channel", as_of=AS_OF)),
        charts.compare_heatmap(funnel.compare(apps, by="channel", stage="screen", as_of=AS_OF)),
    ]
    shown = " ".join(str(f.to_plotly_json()) for f in figures)
    assert "<b>referral</b>" not in shown and "&lt;b&gt;referral&lt;/b&gt;" in shown


def test_every_chart_builds_from_the_notebook_tables(apps):
    steps = funnel.summary(apps, as_of=AS_OF)
    forecast = funnel.offer_forecast(apps, offers=1, confidence=0.9, as_of=AS_OF)
    figures = [
        charts.outcomes_sankey(funnel.stage_state(apps, as_of=AS_OF)),
        charts.weekly_activity(funnel.weekly_activity(apps, as_of=AS_OF)),
        charts.rolling_rate(funnel.rolling_rates(apps, stage="screen", as_of=AS_OF)),
        charts.time_in_stage(funnel.time_in_stage(apps, as_of=AS_OF)),
        charts.versus_reference(steps, funnel.reference_funnel()),
        charts.forecast_curve(funnel.offer_chances(apps, offers=1, as_of=AS_OF), forecast.applications_needed, 0.9),
    ]
    assert all(figure.data for figure in figures)
