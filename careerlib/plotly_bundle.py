"""Which plotly.js an HTML report embeds.

careerlib ships a partial plotly.js bundle (``templates/careerlib_offline/plotly-custom.min.js``,
1.4 MB against 4.8 MB for plotly's full one) holding only the trace types the reports draw; its
manifest ``plotly-custom.json`` names them. A report embeds it when it covers every chart in the
executed notebook (trace types, and the optional ``calendars`` component for non-Gregorian dates)
and was built from the plotly.js the installed plotly embeds; otherwise (a user's own notebook
with a ``choropleth``, a plotly upgrade not yet rebuilt for) the report embeds plotly's full
bundle, so it still draws offline. ``scripts/build_plotly_bundle.py`` rebuilds it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Iterable, Iterator

PLOTLY_MIME = "application/vnd.plotly.v1+json"
BUNDLE_DIR = Path(__file__).resolve().parent / "templates" / "careerlib_offline"
MANIFEST_PATH = BUNDLE_DIR / "plotly-custom.json"
DEFAULT_TRACE = "scatter"  # plotly.js draws a trace without a type as a scatter
# A chart drawn by HTML alone (e.g. ``display(HTML(fig.to_html()))``): its traces are not readable here.
_PLOTLY_CALL = re.compile(r"\bPlotly\.(?:newPlot|react|plot)\s*\(")


@functools.cache
def manifest() -> dict:
    """The committed manifest: ``traces``, ``plotly.js`` (version), ``bundle`` (file name), ``sha256``..."""
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def bundle_traces() -> frozenset[str]:
    """The trace types the partial bundle can draw."""
    return frozenset(manifest()["traces"])


def bundle_modules() -> frozenset[str]:
    """Its trace types and optional components (plotly.js's ``lib/`` module names)."""
    return bundle_traces() | frozenset(manifest().get("components", []))


def bundle_path() -> Path:
    return BUNDLE_DIR / manifest()["bundle"]


def plotly_version() -> str:
    """The plotly.js version the installed Python plotly embeds."""
    from plotly.offline import get_plotlyjs_version  # plotly only when a report is rendered, not at import

    return get_plotlyjs_version()


def is_current() -> bool:
    """True when the bundle was built from the plotly.js the installed plotly embeds: a newer
    plotly may write figure attributes an older plotly.js does not know."""
    return manifest()["plotly.js"] == plotly_version()


def figure_traces(figure: dict) -> set[str]:
    """Trace types of one plotly figure (as JSON), animation frames included."""
    traces = list(figure.get("data") or [])
    for frame in figure.get("frames") or []:
        traces.extend(frame.get("data") or [])
    return {trace.get("type") or DEFAULT_TRACE for trace in traces}


def figure_modules(figure: dict) -> set[str]:
    """The plotly.js modules one figure needs: its trace types, plus ``calendars`` when a trace
    or an axis uses a non-Gregorian calendar (``xcalendar``, ``layout.xaxis.calendar`` ...)."""
    return figure_traces(figure) | ({"calendars"} if _uses_calendars(figure) else set())


def _uses_calendars(node) -> bool:
    if isinstance(node, dict):
        return any(
            (key.endswith("calendar") and value not in (None, "gregorian")) or _uses_calendars(value)
            for key, value in node.items()
        )
    if isinstance(node, list) and node and isinstance(node[0], dict):  # lists of traces, frames ...; not data
        return any(_uses_calendars(item) for item in node)
    return False


def _outputs(notebook) -> Iterator[dict]:
    for cell in notebook.get("cells", []):
        yield from cell.get("outputs", [])


def notebook_modules(notebook) -> set[str] | None:
    """Every plotly.js module (trace type, component) the notebook's charts need, or None when a
    chart's needs cannot be known (plotly HTML without plotly's JSON beside it)."""
    found: set[str] = set()
    for output in _outputs(notebook):
        data = output.get("data") or {}
        if PLOTLY_MIME in data:
            found |= figure_modules(data[PLOTLY_MIME])
        elif _PLOTLY_CALL.search(_text(data.get("text/html", ""))):
            return None
    return found


def _text(value: str | Iterable[str]) -> str:
    return value if isinstance(value, str) else "".join(value)  # nbformat may keep text as a list of lines


def missing_modules(notebook) -> set[str] | None:
    """Modules the notebook's charts need that the partial bundle lacks (None: unknown)."""
    needed = notebook_modules(notebook)
    return None if needed is None else needed - bundle_modules()


def uses_partial_bundle(notebook) -> bool:
    """Whether the partial bundle draws every chart of this executed notebook."""
    return is_current() and missing_modules(notebook) == set()


def script_for(notebook) -> str:
    """The plotly.js source to embed once in the notebook's HTML report."""
    return partial_js() if uses_partial_bundle(notebook) else full_js()


@functools.cache
def partial_js() -> str:
    return bundle_path().read_text(encoding="utf-8")


@functools.cache
def full_js() -> str:
    """The full plotly.js bundle that ships with the plotly package (read once)."""
    from plotly.offline import get_plotlyjs  # plotly only when a report is rendered, not at import

    return get_plotlyjs()
