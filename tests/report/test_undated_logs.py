"""Issue 18: the reports that read an applications log, executed through papermill on a
log with no date at all: they run end to end, show what needs no time (the funnel,
per-channel rates, the offers seen) and say "not measured" wherever time is needed."""

from __future__ import annotations

import json

import pytest

from careerlib import funnel, report
from import_files import undated_log

pytestmark = pytest.mark.slow


def test_the_funnel_report_on_an_undated_log_measures_stages_and_not_time(tmp_path):
    log = undated_log(tmp_path / "tally.csv")
    result = report.run_report("funnel", {"applications_path": str(log), "as_of": ""}, tmp_path / "out")
    assert result.ok, result
    summary = json.loads((tmp_path / "out" / "funnel.json").read_text(encoding="utf-8"))
    assert summary["applications"] == 6 and summary["as_of"] is None
    html = (tmp_path / "out" / "funnel.html").read_text(encoding="utf-8")
    # time in stage, weekly activity and the before/after comparison each say so
    assert html.count(funnel.NOT_MEASURED) >= 3
    assert "Referral" in html or "referral" in html  # the per-channel table is drawn


def test_the_offers_report_on_an_undated_log_forecasts_nothing(tmp_path):
    log = undated_log(tmp_path / "tally.csv")
    result = report.run_report("offers", {"applications_path": str(log)}, tmp_path / "out")
    assert result.ok, result
    summary = json.loads((tmp_path / "out" / "offers.json").read_text(encoding="utf-8"))
    assert summary["p_offer_by_deadline"] is None
    html = (tmp_path / "out" / "offers.html").read_text(encoding="utf-8")
    assert funnel.NOT_MEASURED in html
