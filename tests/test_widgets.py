"""Live JupyterLab controls: they build, and moving one redraws (the real-browser
check is tests/test_jupyterlab.py)."""

from __future__ import annotations

from careerlib import load_applications, roi
from careerlib import notebook as nb
from careerlib.io import resolve_path
from careerlib.widgets import funnel_explorer, roi_explorer

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def outputs_of(box):
    return box.children[-1].outputs


def chart_titles(box):
    return [output["data"][PLOTLY_MIME]["layout"]["title"]["text"] for output in outputs_of(box)]


def test_roi_explorer_redraws_when_a_slider_moves():
    nb.setup()
    box = roi_explorer(roi.Option(), n=200)
    assert len(box.children) == 6
    before = [output["data"][PLOTLY_MIME]["data"] for output in outputs_of(box)]
    assert len(before) == 2
    slider = box.children[1]
    slider.value = slider.value + 0.05
    after = [output["data"][PLOTLY_MIME]["data"] for output in outputs_of(box)]
    assert len(after) == 2 and after != before


def test_roi_explorer_with_pay_by_age_has_no_salary_slider_and_redraws():
    nb.setup()
    option = roi.Option(age=24, earnings_without={25: 60_000, 40: 90_000}, earnings_with={26: 80_000, 45: 140_000})
    box = roi_explorer(option, n=200)
    assert len(box.children) == 5 and "salary" not in box.children[1].description
    before = [output["data"][PLOTLY_MIME]["data"] for output in outputs_of(box)]
    box.children[1].value = box.children[1].value + 0.01  # the discount rate
    assert [output["data"][PLOTLY_MIME]["data"] for output in outputs_of(box)] != before


def test_funnel_explorer_filters_channels():
    nb.setup()
    apps = load_applications(resolve_path("data/sample/applications.csv"))
    box = funnel_explorer(apps, as_of="2026-10-17")
    channels = box.children[0].children[0]
    assert set(channels.value) == set(apps["channel"].unique())
    assert f"({len(apps)} applications)" in chart_titles(box)[0]
    channels.value = ("referral",)  # redraw for one channel only
    referrals = int((apps["channel"] == "referral").sum())
    assert f"({referrals} applications)" in chart_titles(box)[0]


def test_charts_reach_the_output_as_state_not_by_capture():
    """The Output widget is never entered (``with output:``): that capture makes a
    headless runner send comm replies while it waits for the cell (nbclient 312)."""
    nb.setup()
    apps = load_applications(resolve_path("data/sample/applications.csv"))
    box = funnel_explorer(apps, as_of="2026-10-17")
    output = box.children[-1]
    assert output.msg_id == ""
    assert all(o["output_type"] == "display_data" and "text/html" in o["data"] for o in output.outputs)


def test_offers_explorer_redraws_the_counter_when_the_target_moves():
    from careerlib import offers
    from careerlib.widgets import offers_explorer

    held = offers.load_offers(resolve_path("data/sample/offers.toml"))
    box = offers_explorer(held, draws=200, buffer=0.1)
    assert len(box.children) == 5
    target = box.children[1]
    target.value = target.value + 1_000  # no error, and the controls stay live
    assert target.value >= held[0].first_year_cash
    output = box.children[-1]
    assert output.msg_id == ""  # redrawn as state, never by capture
    assert len(output.outputs) == 2
