"""Charts of the education ROI (careerlib/plots/roi.py): they build from model outputs and escape names."""

from __future__ import annotations

from careerlib import roi
from careerlib.plots import roi as charts


def test_charts_escape_names_and_build():
    o = roi.Option(name="<b>x</b>")
    result, spread = roi.evaluate(o), roi.simulate(o, n=500)
    figures = [
        charts.cumulative_chart(roi.cash_flows(o), result),
        charts.npv_distribution(roi.npv_histogram(spread), spread),
        charts.tornado(roi.sensitivity(o, roi.load_settings())),
        charts.options_chart(roi.compare([o], n=500)),
        charts.earnings_by_attainment(roi.load_bls_education_pays()),
    ]
    assert "<b>" not in figures[0].layout.title.text and "&lt;b&gt;" in figures[0].layout.title.text
    assert all(f.data for f in figures)


def test_charts_build_for_an_option_with_pay_by_age():
    o = roi.Option(
        name="<i>profiled</i>",
        age=24,
        earnings_without={25: 60_000, 40: 90_000},
        earnings_with={26: 80_000, 45: 140_000},
    )
    figure = charts.tornado(roi.sensitivity(o, roi.load_settings()))
    assert any("salary uplift" in label for label in figure.data[0].y)
    assert charts.cumulative_chart(roi.cash_flows(o), roi.evaluate(o)).data
