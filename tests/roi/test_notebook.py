"""The education ROI notebook run end to end by the report runner (slow tier): the file's
values are used unless a parameter overrides them, the report says which, and an absurd
number of simulated futures is refused before any memory is spent."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from careerlib import report, roi

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path: Path, **parameters):
    out = tmp_path / "out"
    result = report.run_report("education_roi", {"n_draws": 2_000, **parameters}, out, ROOT)
    return result, out


def page_text(out: Path) -> str:
    page = (out / "education_roi.html").read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_report_uses_the_file_and_says_what_it_is(tmp_path):
    result, out = run(tmp_path)
    assert result.ok, result.error
    summary = json.loads((out / "education_roi.json").read_text(encoding="utf-8"))
    options = roi.load_options("data/sample/education_options.toml")
    assert [entry["discount_rate"] for entry in summary["options"]] == [o.discount_rate for o in options]
    assert all("breakeven_age_discounted" in entry and "npv_mean_of_draws" in entry for entry in summary["options"])
    text = page_text(out)
    assert "synthetic sample data" in text
    assert "options file, [defaults]" in text and "settings default" in text
    assert "median future" in text and "NPV of the expected flows" in text


def test_a_parameter_overrides_the_file_and_the_report_says_so(tmp_path):
    result, out = run(tmp_path, discount_rate="0.03", cash_flow_timing="end")
    assert result.ok, result.error
    summary = json.loads((out / "education_roi.json").read_text(encoding="utf-8"))
    assert {(entry["discount_rate"], entry["cash_flow_timing"]) for entry in summary["options"]} == {(0.03, "end")}
    text = page_text(out)
    assert "report parameter discount_rate; the file says 0.04" in text
    assert "counted at the end of the year" in text


def test_too_many_draws_fail_with_the_limit(tmp_path):
    result, _ = run(tmp_path, n_draws=500_000_000)
    assert not result.ok
    assert "n_draws" in result.error and "1,000,000" in result.error


def test_an_option_with_typical_pay_by_age_runs_and_says_what_it_replaced(tmp_path):
    options = tmp_path / "options.toml"
    options.write_text(
        "[defaults]\ncurrent_salary = 70_000\nage = 28\n"
        '[[option]]\nname = "One-year master\'s"\ncost_per_year = 30_000\nyears = 1\n'
        'typical_earnings_without = "bachelor\'s degree"\ntypical_earnings_with = "master\'s degree or higher"\n',
        encoding="utf-8",
    )
    result, out = run(tmp_path, options_path=str(options))
    assert result.ok, result.error
    text = page_text(out)
    assert "replaces current_salary in [defaults]" in text and "typical profile" in text
    assert "The options are the ones in your options file." in text and "synthetic sample data" not in text
