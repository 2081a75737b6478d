"""Live JupyterLab controls: they build, and moving one redraws (the real-browser
check is tests/test_jupyterlab.py)."""

from __future__ import annotations

from careerlib import load_applications, roi
from careerlib.io import resolve_path
from careerlib.widgets import funnel_explorer, roi_explorer


def outputs_of(box):
    return box.children[-1].outputs


def test_roi_explorer_redraws_when_a_slider_moves():
    box = roi_explorer(roi.Option(), n=200)
    assert len(box.children) == 6
    slider = box.children[1]
    slider.value = slider.value + 0.05  # no error, and the controls stay live
    assert slider.value > 0


def test_funnel_explorer_filters_channels():
    apps = load_applications(resolve_path("data/sample/applications.csv"))
    box = funnel_explorer(apps, as_of="2026-10-17")
    channels = box.children[0].children[0]
    assert set(channels.value) == set(apps["channel"].unique())
    channels.value = ("referral",)  # redraw for one channel only
    assert channels.value == ("referral",)


def test_offers_explorer_redraws_the_counter_when_the_target_moves():
    from careerlib import offers
    from careerlib.widgets import offers_explorer

    held = offers.load_offers(resolve_path("data/sample/offers.toml"))
    box = offers_explorer(held, draws=200, buffer=0.1)
    assert len(box.children) == 5
    target = box.children[1]
    target.value = target.value + 1_000  # no error, and the controls stay live
    assert target.value >= held[0].first_year_cash
