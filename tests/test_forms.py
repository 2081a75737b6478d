"""Tests for careerlib.forms: the assessment form collects answers and saves them via record()."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import careerlib.io
from careerlib import DataError, assessment, forms


def test_form_has_one_control_per_item_and_saves(tmp_path):
    path = tmp_path / "answers.csv"
    form = forms.assessment_form(path, "phone_screen_readiness", date="2026-03-01")
    instrument = assessment.load_instrument("phone_screen_readiness")
    assert list(form.controls) == list(instrument.items["item"])
    form.controls["requirement_answers"].value = 4
    form.controls["improvises"].value = 2
    saved = form.save()
    assert len(saved) == 2 and "Saved 2 answers" in form.status.value
    table = assessment.load_responses(path)
    assert table.set_index("item")["score"].to_dict() == {"requirement_answers": 4.0, "improvises": 2.0}
    assert table["date"].iloc[0].date() == dt.date(2026, 3, 1)
    assert all(control.value is None for control in form.controls.values()), "the form is cleared after saving"


def test_form_reports_bad_input_and_writes_nothing(tmp_path):
    path = tmp_path / "answers.csv"
    form = forms.assessment_form(path, "phone_screen_readiness")
    form.respondent.value = "<b>boss</b>"
    form.controls["keyword_list"].value = 3
    assert form.save() is None
    assert "Not saved" in form.status.value and "<b>" not in form.status.value
    assert not path.exists()


def test_form_with_nothing_answered_saves_nothing(tmp_path):
    form = forms.assessment_form(tmp_path / "answers.csv", "offer_negotiation_readiness", respondent="peer:Sam")
    assert form.save() is None and "no answers" in form.status.value


def test_form_date_accepts_dates_and_datetimes():
    for given in ("2026-03-01", dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, 14, 30), pd.Timestamp("2026-03-01")):
        assert forms.assessment_form("unused.csv", "phone_screen_readiness", date=given).date.value == dt.date(
            2026, 3, 1
        )


@pytest.mark.parametrize("bad", ["2026-13-01", "next week", 20260301])
def test_form_bad_date_is_a_data_error(bad):
    with pytest.raises(DataError) as caught:
        forms.assessment_form("unused.csv", "phone_screen_readiness", date=bad)
    assert caught.value.column == "date" and caught.value.value == bad


def test_form_reports_a_write_failure(tmp_path, monkeypatch):
    path = tmp_path / "answers.csv"
    form = forms.assessment_form(path, "phone_screen_readiness", date="2026-03-01")
    form.controls["keyword_list"].value = 3

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(careerlib.io, "atomic_write_text", refuse)  # what assessment.record writes with
    assert form.save() is None
    assert "Not saved" in form.status.value and "Permission denied" in form.status.value
    assert form.controls["keyword_list"].value == 3, "the answers stay in the form"
    assert not path.exists()


def test_form_button_shows_an_unexpected_error(tmp_path, monkeypatch):
    form = forms.assessment_form(tmp_path / "answers.csv", "phone_screen_readiness", date="2026-03-01")
    form.controls["keyword_list"].value = 3

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(assessment, "record", broken)
    form.button.click()  # ipywidgets logs a callback's exception and carries on
    assert "RuntimeError: boom" in form.status.value
