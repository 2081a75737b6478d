"""What a report notebook calls besides its analysis: set-up, safe sentences, the summary.

A report notebook is: a ``parameters`` cell, ``nb.setup()``, then calls into the
analysis module, charts from ``careerlib.plots``, sentences via ``nb.say`` and,
last, ``nb.publish({...})`` with the report's JSON summary. The report runner
reads that summary from the executed notebook and writes ``NAME.json``.
"""

from __future__ import annotations

import html
import json
import math
from typing import Any

import pandas as pd
import plotly.io as pio
from IPython.display import HTML, Markdown, display

from careerlib.errors import DataError
from careerlib.plots import OFFLINE_RENDERER, register_renderer, register_template
from careerlib.privacy import SHARE_NOTE
from careerlib.text import markdown_text

SUMMARY_MIME = "application/vnd.careerlib.summary+json"
# plotly_mimetype: JupyterLab draws charts itself; careerlib_notebook: each chart also as
# an HTML div for the report, drawn by the plotly.js the report template embeds once.
RENDERER = f"plotly_mimetype+{OFFLINE_RENDERER}"


def setup() -> None:
    """Call once, right after the parameters cell: same renderer and look everywhere."""
    register_template()
    register_renderer()
    pio.renderers.default = RENDERER
    pd.set_option("display.max_colwidth", 80)


def say(template: str, **values: Any) -> None:
    """Show a Markdown sentence. ``template`` is ours (trusted); every value is
    escaped, so a company called ``<img onerror=...>`` shows as typed. Without values the
    template is shown as it is, never formatted: a sentence a words function built holds
    escaped user text, whose braces are no placeholders."""
    display(Markdown(template.format(**{k: markdown_text(v) for k, v in values.items()}) if values else template))


def note(text: str) -> None:
    """A short italic note under a chart (our own text, no user values)."""
    display(Markdown(f"*{text}*"))


def banner(text: str) -> None:
    """A highlighted line at the top of a report (e.g. 'anonymised for sharing')."""
    display(
        HTML(
            f'<div style="padding:6px 10px;border-left:4px solid #c77c02;background:#fff6e5">{html.escape(text)}</div>'
        )
    )


def share_banner(share: bool, note: str = SHARE_NOTE) -> None:
    """In share mode, say at the top what was anonymised (nothing otherwise); from here
    on a DataError's message names the file without its folder and leaves out the value."""
    DataError.shared = bool(share)
    if share:
        banner(note)


def editable(text: str, rows: int | None = None) -> None:
    """Text for the reader to edit and copy (a reply draft): a text box, escaped, in
    JupyterLab and in the HTML report alike. Nothing is sent anywhere."""
    rows = rows or text.count("\n") + 6  # room for long lines that wrap
    display(
        HTML(
            f'<textarea rows="{rows}" spellcheck="true" style="width:100%;max-width:780px;'
            f'font:inherit;padding:8px">{html.escape(text)}</textarea>'
        )
    )


def table(
    frame: pd.DataFrame,
    percent: tuple[str, ...] = (),
    decimals: dict[str, int] | None = None,
    caption: str | None = None,
):
    """A DataFrame for display: every cell HTML-escaped (user text shows as typed),
    rates as percentages, other decimals short, headers with spaces for underscores,
    no index, missing values as a dash."""
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    formats = {column: _short_number for column in floats}  # 75.0 -> "75", 0.6049 -> "0.6"
    formats.update({column: "{:.0%}" for column in percent if column in frame.columns})
    formats.update({column: f"{{:,.{d}f}}" for column, d in (decimals or {}).items() if column in frame.columns})
    styler = (
        frame.style.format(formats, na_rep="–", escape="html")
        .format_index(lambda name: str(name).replace("_", " "), escape="html", axis=1)
        .hide(axis="index")
    )
    text_columns = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype).startswith("str")]
    if text_columns:  # sentences and names read better left-aligned
        styler = styler.set_properties(subset=text_columns, **{"text-align": "left"})
    return styler.set_caption(caption) if caption else styler


def _short_number(value: float) -> str:
    """At most two decimals, trailing zeros dropped, thousands separated."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def publish(summary: dict) -> None:
    """Hand the report's JSON summary to the report runner (shown as a one-liner).

    Values must be JSON-able; NaN becomes null so the JSON stays valid."""
    clean = json.loads(json.dumps(summary, default=_jsonable), parse_constant=lambda _: None)
    display({SUMMARY_MIME: clean, "text/plain": f"report summary: {len(clean)} fields"}, raw=True)


def _jsonable(value: Any):
    if isinstance(value, (pd.Timestamp,)):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    raise TypeError(f"not JSON-able: {type(value).__name__}")
