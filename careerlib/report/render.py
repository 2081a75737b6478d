"""From an executed notebook to the offline HTML page (input cells hidden, plotly.js
inline, no CDN) and the JSON summary it published."""

from __future__ import annotations

import copy
import functools
import json
import re
import time
from pathlib import Path

from careerlib import plotly_bundle
from careerlib.io import atomic_write_text
from careerlib.notebook import SUMMARY_MIME

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
TEMPLATE_NAME = "careerlib_offline"
HIDDEN_CELL_TAGS = {"interactive"}


def for_report(source: Path):
    """The notebook without its ``interactive`` cells: live widgets need a person
    at JupyterLab, the HTML leaves them out, and executing them headless only
    costs time (and has been seen to stall the kernel client)."""
    import nbformat

    return without_interactive(nbformat.read(source, as_version=4))


def without_interactive(notebook):
    """The notebook with its cells tagged ``interactive`` removed (in place)."""
    notebook.cells = [c for c in notebook.cells if not HIDDEN_CELL_TAGS & set(c.get("metadata", {}).get("tags", []))]
    return notebook


def render_report(notebook, staging: Path, name: str, timings: dict[str, float]) -> dict | None:
    """HTML and JSON from the executed notebook, written into ``staging``; returns
    the summary (None when the notebook published none: nothing is written).
    Adds the seconds spent to ``timings["render"]`` and ``timings["write"]``."""
    summary = extract_summary(notebook)
    if summary is None:
        return None
    rendering = time.perf_counter()
    page = to_html(notebook, title=f"careerlib · {name.replace('_', ' ')}")
    writing = time.perf_counter()
    atomic_write_text(
        staging / f"{name}.json", json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )
    atomic_write_text(staging / f"{name}.html", page)
    timings["render"] = writing - rendering
    timings["write"] = time.perf_counter() - writing
    return summary


def extract_summary(notebook) -> dict | None:
    """The last summary a notebook published, or None."""
    found = None
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if SUMMARY_MIME in data:
                found = data[SUMMARY_MIME]
    return found


def to_html(notebook, title: str = "careerlib report") -> str:
    """Self-contained HTML: no input cells, no prompts, no interactive cells, no
    summary blob; plotly.js inline once in the page head."""
    # Shallow copies of the notebook, its metadata and cells: the caller's notebook stays
    # as it was, without a deep copy of every output (nbconvert makes its own anyway).
    notebook = copy.copy(notebook)
    notebook.metadata = copy.copy(notebook.metadata)
    notebook.cells = [copy.copy(cell) for cell in notebook.cells]
    notebook = without_interactive(notebook)
    # The partial plotly.js bundle when it draws every chart here, else plotly's full one.
    resources = {"metadata": {"name": title}, "plotly_js": plotly_bundle.script_for(notebook)}
    for cell in notebook.cells:
        if "outputs" in cell:
            cell.outputs = [_as_shown(o) for o in cell.outputs if SUMMARY_MIME not in o.get("data", {})]
    notebook.metadata.pop("widgets", None)  # no widget state: the manager would load from a CDN
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    return body


def _as_shown(output):
    """The output without the chart data the page never shows: a chart is drawn from its
    ``text/html`` copy, and nbconvert deep-copies the notebook twice before rendering,
    which for the nested plotly JSON cost more than the render itself."""
    if plotly_bundle.PLOTLY_MIME not in output.get("data", {}):
        return output
    output = copy.copy(output)
    output.data = type(output.data)({k: v for k, v in output.data.items() if k != plotly_bundle.PLOTLY_MIME})
    return output


@functools.cache
def html_exporter():
    """The nbconvert exporter for reports, built once per process (a forked worker
    inherits it from the parent, templates already loaded)."""
    return _exporter_class()(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


# Where nbconvert's HTMLExporter adds to a page after rendering it: cells' shown inputs
# and outputs become focusable, images without alt text get one.
_FOCUSABLE_DIV = re.compile(r'<div (id="[^"]*" )?class="([^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*)"')
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
MISSING_ALT = "No description has been provided for this image"


def accessible(page: str) -> str:
    """The two additions nbconvert's HTMLExporter makes by parsing the whole page with
    BeautifulSoup, made on the text instead: on a report page that parse cost more
    than the rest of the render. Text outputs are escaped in the page, so only the
    template's tags (and HTML a notebook displays itself, which the parse would find
    too) match; tests/report/test_render.py holds the result against nbconvert's."""
    page = _FOCUSABLE_DIV.sub(r'<div \1class="\2" tabindex="0"', page)
    return _IMG_WITHOUT_ALT.sub(f'<img alt="{MISSING_ALT}"', page)


def _exporter_class():
    """HTMLExporter with two changes, defined on first use (nbconvert is imported then):
    no BeautifulSoup pass over the page (:func:`accessible` does its work), and
    compiled templates kept in jinja's bytecode cache between runs."""
    from jinja2 import FileSystemBytecodeCache
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node (nbconvert 7.17) up to its BeautifulSoup pass.
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", data_type)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible(page), resources

        def _create_environment(self):
            environment = super()._create_environment()
            try:  # jinja's own per-user folder under the temp dir, checked to be private
                environment.bytecode_cache = FileSystemBytecodeCache()
            except (OSError, RuntimeError):  # no safe folder: compile every time
                pass
            return environment

    return ReportExporter
