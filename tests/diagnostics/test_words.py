"""Stuck-career in words (careerlib/diagnostics/words.py): the verdict, tables, share mode."""

from __future__ import annotations

from careerlib import diagnostics
from careerlib.diagnostics import diagnose, load_career
from diagnostics_helpers import CPI, IMPORTED, career, timeline


def test_without_answers_the_diagnosis_says_it_rests_on_history():
    result = diagnose(load_career("data/sample/career.csv"), diagnostics.load_stuck_responses(""), as_of="2026-11-01")
    assert result.history_only and not result.boss_blocking
    assert "career history alone" in result.verdict
    assert result.contributions.loc[result.contributions["source"] == "questionnaire", "assumed"].all()


def test_share_mode_hides_employers_and_titles():
    shared = diagnostics.share_career(load_career("data/sample/career.csv"))
    assert set(shared["employer"]) == {"Employer A", "Employer B", "Employer C"}
    assert shared["title"].iloc[0] == "Level 1 role"


def test_the_verdict_on_an_imported_history_says_what_filling_in_would_add(tmp_path):
    result = diagnose(career(tmp_path, *IMPORTED), diagnostics.load_stuck_responses(""), as_of="2026-11-01", cpi=CPI)
    assert not result.stalled and result.confidence == "low"
    assert result.verdict.startswith("**Whether your career has stalled cannot be told yet:**")
    assert "is moving" not in result.verdict and "no career history" not in result.verdict
    assert "Filling in each role's level and change type would measure years since the last step up" in result.verdict
    assert "review ratings would measure" in result.verdict and "salaries would measure" in result.verdict
    assert "levels gained per year, which decide whether it has stalled;" in result.verdict
    summary = diagnostics.report_summary(result)
    assert [s["value"] for s in summary["signals"]] == [None] * 6
    assert not any(s["flagged"] for s in summary["signals"])


def test_a_filled_in_history_has_no_not_measured_wording():
    result = diagnose(load_career("data/sample/career.csv"), diagnostics.load_stuck_responses(""), as_of="2026-11-01")
    assert "Not measured" not in " ".join(result.signals["evidence"])
    assert "cannot be told" not in result.verdict and "Filling in" not in result.verdict


def test_an_imported_history_is_shown_and_shared_without_levels(tmp_path):
    from careerlib.plots import diagnostics as charts

    history = career(tmp_path, *IMPORTED)
    assert list(diagnostics.share_career(history)["title"]) == ["Role"] * 4
    shown = diagnostics.roles_table(history, "2026-11-01")
    assert list(shown["move"]) == ["first role", "not known", "not known", "not known"]
    assert (shown["rating"] == "").all()
    figure = timeline(history, "2026-11-01")
    assert sum(len(trace.y) for trace in figure.data) == 4
    assert {trace.name for trace in figure.data} == {"hire", charts.UNRECORDED}
    result = diagnose(history, diagnostics.load_stuck_responses(""), as_of="2026-11-01", cpi=CPI)
    gauge = charts.verdict_gauge(result).data[0]
    assert "number" not in gauge.mode and "not measured" in gauge.title.text  # no reassuring '0.0 years'


def test_a_history_with_levels_but_no_reviews_or_pay_is_judged_and_says_what_else_would_help(tmp_path):
    rows = [
        "2015-01-01,2017-12-31,Acme,Analyst,2,,,,,hire",
        "2018-01-01,2019-12-31,Beta,Analyst,2,,,,,hire",
        "2020-01-01,,Gamma,Analyst,2,,,,,hire",
    ]
    result = diagnose(career(tmp_path, *rows), diagnostics.load_stuck_responses(""), as_of="2024-01-01", cpi=CPI)
    assert result.stalled  # nine years without a step up, measured from the levels
    assert result.verdict.startswith("**Your career looks stalled.**")
    assert "review ratings would measure" in result.verdict and "which decide" not in result.verdict
