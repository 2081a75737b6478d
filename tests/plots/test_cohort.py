from __future__ import annotations

from careerlib import cohort
from careerlib.plots import cohort as charts
from careerlib.sample import write_cohort


def test_every_chart_draws_from_the_overview(tmp_path):
    write_cohort(tmp_path, people=10, seed=2)
    group = cohort.read_cohort(tmp_path)
    view = cohort.overview(group.applications, group.people)
    figures = [
        charts.pooled_funnel(view.stages),
        charts.channel_spread(view.channels, view.person_rates),
        charts.offer_days(view.offer_days),
        charts.before_after(view.before_after),
        charts.weekly(view.weekly),
    ]
    assert all(len(f.data) >= 1 for f in figures)
    spread = figures[1]
    assert {t.name for t in spread.data} == {"each person", "median person", "pooled"}
    assert len(spread.data[0].x) == len(view.person_rates)
