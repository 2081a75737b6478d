"""Charts of the self-assessment (careerlib/plots/assessment.py): built from the model's
tables, names escaped, missing scores left as gaps."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from careerlib import assessment
from careerlib.plots import assessment as charts


@pytest.fixture(scope="module")
def scored():
    instrument = assessment.load_instrument("promotion_readiness")
    answers = assessment.load_responses("data/sample/assessments.csv")
    renamed = answers.assign(respondent=answers["respondent"].replace({"peer:Alex": "peer:<i>Alex</i>"}))
    return instrument, renamed, assessment.score(renamed, instrument)


def test_radar_draws_self_and_others(scored):
    instrument, _, scores = scored
    table = assessment.overview(scores, instrument)
    figure = charts.radar(table, "self")
    assert len(figure.data) == 2  # the sample has other raters
    assert list(figure.data[0].r)[:-1] == list(table["score"])


def test_trends_escape_the_respondent_and_keep_gaps(scored):
    instrument, _, scores = scored
    figure = charts.trends(scores, instrument.dimension_titles(), "peer:<i>Alex</i>")
    assert "<i>" not in figure.layout.title.text and "&lt;i&gt;" in figure.layout.title.text
    gappy = scores.assign(score=scores["score"].where(scores.index % 4 != 0))
    values = [y for trace in charts.trends(gappy, instrument.dimension_titles()).data for y in trace.y]
    assert any(y is None or (isinstance(y, float) and math.isnan(y)) for y in values)


def test_gap_bars_only_where_there_is_a_gap(scored):
    instrument, _, scores = scored
    table = assessment.overview(scores, instrument)
    figure = charts.gap_bars(table)
    assert len(figure.data[0].x) == int(table["gap"].notna().sum())
    assert len(charts.gap_bars(table.assign(gap=float("nan"))).data[0].x) == 0


def test_an_empty_overview_still_draws():
    empty = pd.DataFrame(columns=["dimension", "title", "score", "change", "others", "gap", "raters"])
    assert charts.radar(empty).data
