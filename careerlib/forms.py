"""Taking an assessment inside JupyterLab: one control per item, then Save.

The form only collects answers; :func:`careerlib.assessment.record` validates
them and appends them to the responses file under a lock, atomically, so a
second open notebook saving at the same moment loses nothing. Items left on
"skip" are not saved (a dimension with fewer than half its items answered gets
no score, rather than a guess).
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd

from careerlib import assessment
from careerlib.errors import DataError

SKIP = "skip"


class AssessmentForm:
    """The form's widgets and its save action (``form.save()`` is what the button
    does, so tests and scripts can drive it without a browser)."""

    def __init__(
        self,
        path,
        instrument,
        respondent: str = assessment.SELF,
        date=None,
        on_save: Callable[[Any], None] | None = None,
    ) -> None:
        self.path = path
        self.instrument = assessment.load_instrument(instrument)
        self.on_save = on_save
        self.respondent = widgets.Text(
            value=respondent, description="Respondent", placeholder="self, manager or peer:<name>"
        )
        self.date = widgets.DatePicker(value=_form_date(date), description="Date")
        self.controls: dict[str, widgets.ToggleButtons] = {}
        self.status = widgets.HTML()
        self.button = widgets.Button(description="Save answers", button_style="primary", icon="save")
        self.button.on_click(self._clicked)
        self.widget = widgets.VBox(
            [
                self._header(),
                widgets.HBox([self.respondent, self.date]),
                *self._sections(),
                widgets.HBox([self.button, self.status]),
            ]
        )

    # ------------------------------------------------------------------ layout
    def _header(self) -> widgets.HTML:
        inst = self.instrument
        scale = ", ".join(f"{point} = {inst.label(point)}" for point in inst.points if inst.label(point))
        return widgets.HTML(
            f"<h3>{html.escape(inst.title)}</h3><p>{html.escape(inst.description)}</p>"
            f"<p><small>{html.escape(scale)}</small></p>"
        )

    def _sections(self) -> list[widgets.Widget]:
        """One block per dimension (a handful), one control per item in it."""
        options = [(SKIP, None)] + [(str(point), point) for point in self.instrument.points]
        tooltips = ["not answered"] + [self.instrument.label(point) for point in self.instrument.points]
        blocks = []
        for dimension in self.instrument.dimensions.itertuples():
            rows = [widgets.HTML(f"<b>{html.escape(dimension.title)}</b>")]
            items = self.instrument.items.loc[self.instrument.items["dimension"] == dimension.dimension]
            for item in items.itertuples():
                control = widgets.ToggleButtons(
                    options=options, value=None, tooltips=tooltips, style=dict(button_width="auto")
                )  # "skip" needs more than a digit
                self.controls[item.item] = control
                rows.append(widgets.VBox([widgets.Label(item.text), control]))
            blocks.append(widgets.VBox(rows, layout=widgets.Layout(margin="0 0 12px 0")))
        return blocks

    # ------------------------------------------------------------------ actions
    def answers(self) -> dict[str, Any]:
        """{item: score} for the items given a score (skipped items left out)."""
        return {item: control.value for item, control in self.controls.items() if control.value is not None}

    def save(self):
        """Validate and append the answers; the status line says what happened."""
        try:
            saved = assessment.record(
                self.path, self.instrument, self.respondent.value, self.answers(), self.date.value
            )
        except DataError as err:
            self._problem(f"Not saved: {err}")
            return None
        except OSError as err:  # a full disk, a read-only folder, no permission: the answers stay in the form
            self._problem(f"Not saved: could not write {self.path} ({err.strerror or err})")
            return None
        self.status.value = html.escape(
            f"Saved {len(saved)} answers for {saved['respondent'].iloc[0]} on {saved['date'].iloc[0]:%Y-%m-%d}."
        )
        for control in self.controls.values():
            control.value = None
        if self.on_save is not None:
            self.on_save(saved)
        return saved

    def _clicked(self, _button) -> None:
        """The button's callback: whatever goes wrong is shown in the status line
        (an exception raised in a widget callback otherwise vanishes into the log)."""
        try:
            self.save()
        except Exception as err:  # noqa: BLE001 - shown to the user, then re-raised for the log
            self._problem(f"Something went wrong: {type(err).__name__}: {err}")
            raise

    def _problem(self, message: str) -> None:
        self.status.value = f'<span style="color:#b8405e">{html.escape(message)}</span>'

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _form_date(date) -> _dt.date:
    """The form's starting date: today when not given, else any date-like value
    ('2026-03-01', a date, a datetime); DataError when it is not a date."""
    if date is None or (isinstance(date, str) and date.strip() == ""):
        return _dt.date.today()
    try:  # a bare number would be read as nanoseconds since 1970: not a date either
        day = pd.NaT if isinstance(date, (int, float, complex)) else pd.Timestamp(date)
    except (TypeError, ValueError, OverflowError):
        day = pd.NaT
    if pd.isna(day):
        raise DataError("not a date (use YYYY-MM-DD)", column="date", value=date)
    return day.date()


def assessment_form(
    path, instrument, respondent: str = assessment.SELF, date=None, on_save: Callable[[Any], None] | None = None
) -> AssessmentForm:
    """A form for ``instrument`` that appends to the responses file at ``path``."""
    return AssessmentForm(path, instrument, respondent, date, on_save)
