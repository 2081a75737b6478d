"""Stuck-career model (careerlib/diagnostics/model.py): the diagnosis, its causes and plan."""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib import diagnostics
from careerlib.diagnostics import diagnose, load_career
from diagnostics_helpers import PROMOTED_THEN_STUCK, career, write


# --------------------------------------------------------------------------- diagnosis
def test_diagnosis_is_stable_under_reordering_of_rows(tmp_path):
    rows = list(PROMOTED_THEN_STUCK) + ["2009-01-01,2009-12-31,Zeta,Intern,0,20000,USD,5,5,hire"]
    responses = diagnostics.load_stuck_responses("data/sample/stuck_responses.csv")
    first = diagnose(career(tmp_path, *rows), responses, as_of="2021-01-01")
    shuffled_rows = [rows[i] for i in (3, 0, 4, 2, 1)]
    shuffled = load_career(write(tmp_path, *shuffled_rows, name="shuffled.csv")).sample(frac=1, random_state=3)
    second = diagnose(shuffled, responses.sample(frac=1, random_state=5), as_of="2021-01-01")
    assert diagnostics.report_summary(first) == diagnostics.report_summary(second)
    pd.testing.assert_frame_equal(first.contributions, second.contributions)
    pd.testing.assert_frame_equal(first.plan, second.plan)
    assert first.verdict == second.verdict


def test_a_healthy_career_is_told_so(tmp_path):
    history = career(
        tmp_path,
        "2016-01-01,2017-12-31,Acme,Analyst,1,50000,USD,4,5,hire",
        "2018-01-01,2019-12-31,Acme,Senior Analyst,2,62000,USD,4,5,promotion",
        "2020-01-01,2022-02-28,Beta,Lead,3,80000,USD,5,5,hire",
        "2022-03-01,,Beta,Manager,4,98000,USD,5,5,promotion",
    )
    result = diagnose(history, None, as_of="2023-06-01")
    assert not result.stalled
    assert result.verdict.startswith("**Your career is moving.**")
    assert (result.causes["score"] < 40).all()
    assert "keep the momentum" in set(result.plan["why"]).pop()


def test_sample_data_shows_a_stall_with_a_blocking_boss():
    history = load_career("data/sample/career.csv")
    result = diagnose(history, diagnostics.load_stuck_responses("data/sample/stuck_responses.csv"), as_of="2026-11-01")
    assert result.stalled and result.boss_blocking and result.confidence == "high"
    summary = diagnostics.report_summary(result)
    scores = [c["score"] for c in summary["causes"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 6
    assert set(summary) == {"report", "as_of", "stalled", "years_since_promotion", "signals", "causes", "boss_blocking"}
    # contributions add up to each cause's score
    totals = result.contributions.groupby("cause")["contribution"].sum()
    assert np.allclose(result.causes.set_index("cause")["score"], totals.reindex(result.causes["cause"]))
    assert list(result.plan["check_in"].drop_duplicates()) == [
        pd.Timestamp("2026-12-01"),
        pd.Timestamp("2026-12-31"),
        pd.Timestamp("2027-01-30"),
    ]


def test_a_cause_with_no_inputs_is_labelled_not_measured():
    from careerlib.plots import diagnostics as charts

    causes = pd.DataFrame(
        {"cause": ["a", "b"], "title": ["A", "B"], "score": [62.4, np.nan], "evidence": ["x", "Nothing measured."]}
    )
    texts = list(charts.cause_chart(causes, 40).data[0].text)
    assert texts == ["not measured", "62"]
