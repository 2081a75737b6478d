"""Charts of the stuck-career report (careerlib/plots/diagnostics.py): escaped text, one row per role."""

from __future__ import annotations

from careerlib import diagnostics
from careerlib.diagnostics import load_career
from diagnostics_helpers import career, timeline


def test_user_text_reaches_charts_escaped(tmp_path):

    history = career(tmp_path, "2015-01-01,,<img src=x onerror=alert(1)>,<b>Boss</b>,2,50000,USD,4,5,hire")
    figure = timeline(history, "2020-01-01")
    label = figure.data[0].y[0]
    assert "<img" not in label and "&lt;img" in label and "&lt;b&gt;Boss" in label


# --------------------------------------------------------------------------- review fixes
def test_share_mode_timeline_draws_each_role_on_its_own_row():

    shared = diagnostics.share_career(load_career("data/sample/career.csv"), True)
    figure = timeline(shared, "2026-11-01")
    labels = [label for trace in figure.data for label in trace.y]
    roles = diagnostics.chronological(shared, "2026-11-01")
    assert len(set(labels)) == len(labels) == len(roles)
    assert len(set(figure.layout.yaxis.categoryarray)) == len(roles)
    assert any(label.endswith(")") and "Level" in label for label in labels)


def test_same_title_employer_and_month_still_get_their_own_rows(tmp_path):

    history = career(
        tmp_path, "2015-01-01,2015-01-10,Acme,<i>A</i>,1,,,,,hire", "2015-01-10,,Acme,<i>A</i>,1,,,,,lateral"
    )
    labels = [label for trace in timeline(history, "2016-01-01").data for label in trace.y]
    assert len(set(labels)) == 2 and all("&lt;i&gt;A" in label and "<i>" not in label for label in labels)
