"""Live controls for exploring in JupyterLab (cells tagged ``interactive``; the
HTML export leaves them out and shows the default view instead).

Charts are put into an ``Output`` widget by setting its ``outputs`` (the kernel
sends the finished outputs as widget state), never with ``with output:``. The
capturing form makes a headless runner (papermill/nbclient) stand in for the
front end: on each captured output nbclient sends a comm message to the kernel on
the shell channel while it waits on that same channel for the cell's reply, and
that wait can miss the reply and hang forever (nbclient issue 312). Setting the
state needs no reply from anyone, so the cells run the same with or without a
front end, and JupyterLab draws them as before.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from careerlib import funnel, offers, roi
from careerlib.errors import DataError
from careerlib.importers import ask, draft
from careerlib.importers.merge import import_applications
from careerlib.io import resolve_path
from careerlib.plots import funnel as funnel_plots
from careerlib.plots import offers as offers_plots
from careerlib.plots import roi as roi_plots
from careerlib.text import plot_text


def funnel_explorer(apps: pd.DataFrame, as_of=None) -> widgets.Widget:
    """Channel and date-range filters that redraw the funnel and the channel rates."""
    day = funnel.resolve_as_of(apps, as_of)
    channels = sorted(apps["channel"].unique())
    first = apps["applied"].min() if len(apps) else day
    channel_box = widgets.SelectMultiple(
        options=channels, value=tuple(channels), rows=min(6, max(2, len(channels))), description="Channels"
    )
    start = widgets.DatePicker(value=first.date(), description="Applied from")
    end = widgets.DatePicker(value=day.date(), description="to")
    output = widgets.Output()

    def redraw(change=None) -> None:
        chosen = funnel.filter_log(apps, channel_box.value, start.value, end.value)
        steps = funnel.summary(chosen, as_of=day)
        show(
            output,
            funnel_plots.funnel_chart(steps, title=f"Funnel for the selection ({len(chosen)} applications)"),
            funnel_plots.channel_rates(funnel.summary(chosen, by="channel", as_of=day)),
        )

    for control in (channel_box, start, end):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([channel_box, widgets.VBox([start, end])]), output])


def roi_explorer(option: roi.Option, n: int = 5_000, seed: int = 0):
    """Sliders for the uplift, discount rate, chance of finishing and time to land
    the role, redrawing the cumulative cash and the NPV distribution (JupyterLab
    only: the HTML export drops ``interactive`` cells)."""
    controls = {
        "salary_after": _uplift_slider(option),
        "discount_rate": widgets.FloatSlider(
            value=option.discount_rate, min=0.0, max=0.12, step=0.005, description="discount rate", readout_format=".1%"
        ),
        "completion_probability": widgets.FloatSlider(
            value=option.completion_probability,
            min=0.0,
            max=1.0,
            step=0.05,
            description="chance of finishing",
            readout_format=".0%",
        ),
        "delay_years": widgets.FloatSlider(
            value=option.delay_years, min=0.0, max=3.0, step=0.25, description="years to land role"
        ),
    }
    if option.earnings_with is not None:  # pay by age (earnings_with): there is no single salary to slide
        del controls["salary_after"]
    for control in controls.values():  # four sliders: same look
        control.style = {"description_width": "150px"}
        control.layout = widgets.Layout(width="480px")
        control.continuous_update = False

    output = widgets.Output()

    def redraw(change=None) -> None:
        changed = dataclasses.replace(option, **{name: control.value for name, control in controls.items()})
        spread = roi.simulate(changed, n=n, seed=seed)
        show(
            output,
            roi_plots.cumulative_chart(roi.cash_flows(changed), roi.evaluate(changed)),
            roi_plots.npv_distribution(roi.npv_histogram(spread), spread),
        )

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox(
        [widgets.HTML(f"<b>{plot_text(option.name)}</b>: move a slider to redraw"), *controls.values(), output]
    )


def show(output: widgets.Output, *figures) -> None:
    """Replace what ``output`` shows with ``figures`` (plotly figures), each as the
    output a notebook cell would get from the current plotly renderers."""
    output.outputs = tuple(
        {"output_type": "display_data", "data": figure._repr_mimebundle_(), "metadata": {}} for figure in figures
    )


def _uplift_slider(option: roi.Option):
    if option.salary_after_is_premium:
        top = min(max(1.0, 2 * option.salary_after), roi.MAX_PREMIUM)  # within what Option accepts
        return widgets.FloatSlider(
            value=option.salary_after, min=-0.2, max=top, step=0.01, description="salary premium", readout_format=".0%"
        )
    top = max(2 * option.salary_after, option.current_salary * 2, 1.0)
    return widgets.FloatSlider(
        value=option.salary_after,
        min=roi.MIN_AMOUNT,
        max=top,
        step=1_000,
        description="salary after",
        readout_format=",.0f",
    )


def offers_explorer(
    offer_list: list,
    years: int = 4,
    discount_rate: float = 0.04,
    equity_haircut: float = 0.0,
    target: float = 0.0,
    buffer: float = 0.10,
    currency: str = "$",
    step: float = 100.0,
    draws: int = 5_000,
    seed: int = 0,
) -> widgets.Widget:
    """Sliders for the counter's target, the discount rate and the equity haircut,
    redrawing the offers' spread and what each answer to the counter is worth (the
    counter is built for the offer worth most at the chosen settings)."""
    start = offers.compare(
        offer_list, years=years, discount_rate=discount_rate, equity_haircut=equity_haircut, draws=draws, seed=seed
    )
    chosen = offer_list[int(offers.best(start)["offer"])]
    first_target = target if target > 0 else offers.default_target(chosen, buffer)
    controls = {
        "target": widgets.FloatSlider(
            value=first_target,
            min=chosen.first_year_cash,
            max=chosen.first_year_cash * 1.5,
            step=step,
            description="target (year 1)",
            readout_format=",.0f",
        ),
        "discount_rate": widgets.FloatSlider(
            value=discount_rate, min=0.0, max=0.15, step=0.005, description="discount rate", readout_format=".1%"
        ),
        "equity_haircut": widgets.FloatSlider(
            value=equity_haircut, min=0.0, max=1.0, step=0.05, description="equity haircut", readout_format=".0%"
        ),
    }
    for control in controls.values():  # three sliders: same look
        control.style = {"description_width": "150px"}
        control.layout = widgets.Layout(width="480px")
        control.continuous_update = False

    output = widgets.Output()

    def redraw(change=None) -> None:
        settings = {name: control.value for name, control in controls.items()}
        table = offers.compare(
            offer_list,
            years=years,
            discount_rate=settings["discount_rate"],
            equity_haircut=settings["equity_haircut"],
            draws=draws,
            seed=seed,
        )
        package = offers.counter_package(chosen, settings["target"], step=step)
        show(
            output,
            offers_plots.uncertainty_chart(table, years, currency=currency),
            offers_plots.partial_yes_chart(offers.partial_yeses(package), package.target, currency=currency),
        )

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox(
        [
            widgets.HTML(f"Counter for <b>{plot_text(chosen.company)}</b>: move a slider to redraw"),
            *controls.values(),
            output,
        ]
    )


class ImportPage:
    """The import page (``notebooks/import.ipynb``): choose a file, see its first rows and
    what each column was read as, answer the importer's questions with dropdowns, watch
    the preview redraw, then save the mapping or add the applications to the log.

    The state is ``edits`` (mapping entries the dropdowns set) and ``answers`` (the other
    questions); everything shown is redrawn from ``draft.preview`` of them. Errors (a
    DataError's message) show in the page, never as a traceback."""

    def __init__(self, path: str = "", log: str = "", mapping: str = "", share: bool = False):
        self.share = share
        self.path: Path | None = None
        self.edits: dict = {}
        self.answers: dict = {}
        self.result: draft.Preview | None = None
        self.headers: list[str] = []
        self._quiet = False  # True while the page sets dropdowns itself: no redraw per value
        self.source = widgets.Text(value=str(path), description="File", layout=widgets.Layout(width="480px"))
        self.open_button = widgets.Button(description="Open")
        self.upload = widgets.FileUpload(accept=".csv,.tsv,.txt,.xlsx,.zip", multiple=False, description="Upload")
        self.message = widgets.HTML()
        self.rows = widgets.HTML()
        self.columns = widgets.VBox()
        self.statuses = widgets.VBox()
        self.order = widgets.Dropdown(
            options=[("as the importer decides", ""), ("day first", "day-first"), ("month first", "month-first")],
            description="Date order",
        )
        self.questions = widgets.VBox()
        self.counts = widgets.HTML()
        self.chart = widgets.Output()
        self.mapping_path = widgets.Text(description="Mapping", layout=widgets.Layout(width="480px"))
        self.save_button = widgets.Button(description="Save mapping")
        self.log_path = widgets.Text(value=str(log), description="Log", layout=widgets.Layout(width="480px"))
        self.add_button = widgets.Button(description="Add to my log")
        self.done = widgets.HTML()
        self.open_button.on_click(lambda _: self.open(self.source.value))
        self.upload.observe(self._uploaded, names="value")
        self.order.observe(self._order_changed, names="value")
        self.save_button.on_click(lambda _: self.save())
        self.add_button.on_click(lambda _: self.add())
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.source, self.open_button, self.upload]),
                self.message,
                widgets.HTML("<b>First rows</b>"),
                self.rows,
                widgets.HTML("<b>What each column is read as</b>"),
                self.columns,
                widgets.HTML("<b>Status words</b>"),
                self.statuses,
                self.order,
                self.questions,
                widgets.HTML("<b>What the import gives</b>"),
                self.counts,
                self.chart,
                widgets.HBox([self.mapping_path, self.save_button]),
                widgets.HBox([self.log_path, self.add_button]),
                self.done,
            ]
        )
        if mapping:
            self.edits = _guarded(self, lambda: ask.mapping_content(mapping)) or {}
        if path:
            self.open(path)

    def _ipython_display_(self) -> None:
        display(self.widget)

    # ------------------------------------------------------------------ choosing a file
    def open(self, path, mapping_path: str | None = None) -> None:
        """Read ``path`` (from the project folder when relative) and draw everything."""
        self.done.value = ""
        full = resolve_path(path)
        rows = _guarded(self, lambda: draft.first_rows(full, mapping=self.edits))
        if rows is None:
            return
        self.path, self.headers, self.answers = full, list(rows.columns), {}
        self.mapping_path.value = str(mapping_path or ask.mapping_beside(full))
        shown = rows.map(lambda _: "…") if self.share else rows  # share mode: no cell of the file on screen
        self.rows.value = shown.to_html(escape=True, max_cols=20)
        self.columns.children = [self._column_dropdown(h) for h in self.headers]
        self.redraw()

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        first = files[0]
        saved = _guarded(self, lambda: draft.save_upload(first["name"], first["content"]))
        if saved is not None:
            self.source.value = first["name"]
            self.open(saved, mapping_path=str(resolve_path("data/private") / ask.mapping_beside(saved).name))

    # ------------------------------------------------------------------ answers
    def _column_dropdown(self, header: str) -> widgets.Dropdown:
        dropdown = widgets.Dropdown(options=draft.column_roles(), value=draft.IGNORE, description=header)
        dropdown.style = {"description_width": "160px"}

        def changed(change) -> None:
            if not self._quiet:
                self.edits = draft.with_role(self.edits, header, change["new"])
                self.redraw()

        dropdown.observe(changed, names="value")
        return dropdown

    def _status_dropdown(self, word: str, rows: int, column: str, rule: str) -> widgets.Dropdown:
        dropdown = widgets.Dropdown(
            options=draft.status_options(rule), value=rule, description=f"{word} ({rows})", tooltip=column
        )
        dropdown.style = {"description_width": "160px"}

        def changed(change) -> None:
            self.edits = draft.with_status(self.edits, word, change["new"])
            self.redraw()

        dropdown.observe(changed, names="value")
        return dropdown

    def _question_dropdown(self, question) -> widgets.Dropdown:
        options = [(choice.label, index) for index, choice in enumerate(question.choices)]
        chosen = self.answers.get(question.key, question.default)
        dropdown = widgets.Dropdown(options=options, value=chosen, description=question.prompt)
        dropdown.style = {"description_width": "initial"}

        def changed(change) -> None:
            self.answers = {**self.answers, question.key: change["new"]}
            self.redraw()

        dropdown.observe(changed, names="value")
        return dropdown

    def _order_changed(self, change) -> None:
        if not self._quiet:
            self.edits = draft.with_order(self.edits, change["new"] or None)
            self.redraw()

    # ------------------------------------------------------------------ the preview
    def redraw(self) -> None:
        """Read the file under the current answers and redraw every part of the page."""
        if self.path is None:
            return
        self.result = result = draft.preview(self.path, self.edits, self.answers)
        self.message.value = _error_html(result.error) if result.error else ""
        self._quiet = True
        try:
            for dropdown, role in zip(self.columns.children, draft.roles(self.headers, result).values()):
                dropdown.value = role
            self.order.value = self.edits.get("dates", {}).get("order", "")
        finally:
            self._quiet = False
        words = draft.status_words(result)
        self.statuses.children = [
            self._status_dropdown(row.value, row.rows, row.column, row.rule) for row in words.itertuples()
        ]
        self.questions.children = [self._question_dropdown(q) for q in draft.other_questions(result)]
        self.counts.value = _counts_html(draft.counts(result))
        show(self.chart, self.figure())

    def figure(self):
        """The funnel the import gives (an empty chart saying why while it gives none)."""
        result = self.result
        if result is None or result.log is None or not len(result.log):
            return go.Figure(layout={"title": "No preview yet: the file does not import (see the message)"})
        return funnel_plots.funnel_chart(funnel.summary(result.log), title="What the import gives")

    # ------------------------------------------------------------------ saving
    def save(self) -> Path | None:
        """Write the mapping (the same TOML the terminal writes)."""
        if self.result is None:
            return None
        saved = _guarded(
            self,
            lambda: ask.write_mapping(resolve_path(self.mapping_path.value), self.result.mapping, source=self.path),
        )
        if saved is not None:
            self.done.value = f"Mapping saved to <code>{html.escape(str(saved))}</code>."
        return saved

    def add(self):
        """Merge the applications into the log (atomically, as ``careerlib import`` does)."""
        if self.result is None:
            return None
        merged = _guarded(
            self, lambda: import_applications(self.path, self.log_path.value, mapping=self.result.mapping or None)
        )
        if merged is not None:
            self.done.value = html.escape(
                f"Added {merged.added} application(s) to {merged.target}; {merged.present} were already there."
            )
        return merged


def import_page(path: str = "", log: str = "", mapping: str = "", share: bool = False) -> ImportPage:
    """The import page for ``path`` (or a file chosen in it), merging into ``log``,
    starting from the mapping file ``mapping``. Display it as a cell's last value."""
    return ImportPage(path, log, mapping, share)


def _guarded(page: ImportPage, step):
    """``step()``, or None with its DataError shown in the page."""
    try:
        return step()
    except DataError as err:
        page.message.value = _error_html(str(err))
        return None


def _error_html(text: str) -> str:
    return f"<pre style='white-space: pre-wrap; color: #a4262c'>{html.escape(text)}</pre>"


def _counts_html(figures: dict) -> str:
    if not figures:
        return "<i>No preview: the file does not import yet (see the message above).</i>"
    reached = ", ".join(f"{stage} {n}" for stage, n in figures["reached"].items())
    outcomes = ", ".join(f"{name} {n}" for name, n in figures["outcomes"].items())
    return html.escape(f"{figures['applications']} application(s). Reached: {reached}. Outcomes: {outcomes}.")
