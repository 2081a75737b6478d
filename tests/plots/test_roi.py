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
