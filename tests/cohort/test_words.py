from __future__ import annotations

import json

from careerlib import cohort
from careerlib.cohort import model
from cohort_data import PRIVATE_COMPANY, PRIVATE_FOLDERS, private_cohort

CONTRACT_CHANNEL = {"channel", "people", "applications", "screen_rate", "low", "high"}


def view_of(folder, min_people=5):
    group = cohort.read_cohort(folder)
    return group, model.overview(group.applications, group.people, min_people=min_people)


def test_summary_follows_the_contract(sample_cohort):
    group, view = view_of(sample_cohort)
    summary = cohort.report_summary(view, group.unreadable)
    assert summary["report"] == "cohort" and summary["people"] == 8
    assert summary["applications"] == len(group.applications)
    assert [s["stage"] for s in summary["stages"]] == ["applied", "screen", "interview", "offer", "accepted"]
    assert all(CONTRACT_CHANNEL <= set(c) and c["people"] >= 5 for c in summary["channels"])
    assert summary["suppressed"] == view.suppressed
    json.dumps(summary, allow_nan=False)


def test_no_name_company_or_folder_in_any_words(tmp_path):
    group, view = view_of(private_cohort(tmp_path / "c"))
    text = " ".join(
        [
            json.dumps(cohort.report_summary(view, group.unreadable)),
            cohort.headline(view),
            cohort.channel_note(view),
            cohort.first_offer_sentence(view),
            cohort.change_sentence(view),
            cohort.suppression_sentence(view, 5),
        ]
    )
    for private in [*PRIVATE_FOLDERS, PRIVATE_COMPANY, "Acme", "Recruit Co"]:
        assert private not in text
    summary = cohort.report_summary(view)
    assert [c["channel"] for c in summary["channels"]] == ["job board", "referral"]  # recruiter: 2 people
    assert summary["suppressed"] >= 1 and "group(s) with fewer than 5 people" in cohort.suppression_sentence(view, 5)


def test_headline_says_which_rate_it_uses_and_escapes_channels(sample_cohort):
    _, view = view_of(sample_cohort)
    view.channels.loc[0, "channel"] = "<b>x</b>"
    text = cohort.headline(view)
    assert "per-person median" in text and "<b>" not in text


def test_a_cohort_where_no_log_can_be_read_still_gets_an_overview(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "applications.csv").write_text("company,channel,applied,outcome\nAcme,x,2026-13-01,\n")
    group, view = view_of(tmp_path)
    summary = cohort.report_summary(view, group.unreadable)
    assert summary["people"] == 0 and summary["stages"] == [] and summary["unreadable"] == 2
    assert "nothing to summarise" in cohort.headline(view)
