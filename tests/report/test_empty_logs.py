"""The reports that read an applications log, executed through papermill on a log that
holds no application: a header with no rows, and a log whose every row was never sent
(each read as "not applied" and left out). They run end to end and say there is nothing
to measure yet, instead of failing in a table."""

from __future__ import annotations

import json

import pytest

from careerlib import report

pytestmark = pytest.mark.slow

LOGS = {
    "a header with no rows": ("Company,Applied,Status\n", ""),
    "only rows never sent": (
        "Company,Applied,Status\nAcme,2025-03-01,Ready to send\nBeta,2025-03-02,Ready to send\n",
        '[statuses]\n"Ready to send" = "not applied"\n',
    ),
}


def write_log(tmp_path, case: str) -> dict:
    """The report parameters for the log of ``case``, written under ``tmp_path``."""
    text, mapping = LOGS[case]
    log = tmp_path / "log.csv"
    log.write_text(text, encoding="utf-8")
    parameters = {"applications_path": str(log), "as_of": ""}
    if mapping:
        (tmp_path / "map.toml").write_text(mapping, encoding="utf-8")
        parameters["mapping_path"] = str(tmp_path / "map.toml")
    return parameters


@pytest.mark.parametrize("case", list(LOGS))
def test_the_funnel_report_on_a_log_with_no_application_says_so(tmp_path, case):
    result = report.run_report("funnel", write_log(tmp_path, case), tmp_path / "out")
    assert result.ok, result
    summary = json.loads((tmp_path / "out" / "funnel.json").read_text(encoding="utf-8"))
    assert summary["applications"] == 0
    html = (tmp_path / "out" / "funnel.html").read_text(encoding="utf-8")
    assert "no applications" in html


@pytest.mark.parametrize("case", list(LOGS))
def test_the_offers_report_on_a_log_with_no_application_forecasts_nothing(tmp_path, case):
    result = report.run_report("offers", write_log(tmp_path, case), tmp_path / "out")
    assert result.ok, result
    summary = json.loads((tmp_path / "out" / "offers.json").read_text(encoding="utf-8"))
    assert summary["p_offer_by_deadline"] is None
