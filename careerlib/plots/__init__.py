"""Charts: one module per analysis (``plots.funnel``, ``plots.roi`` ...), computing
nothing themselves. Every function takes the tidy tables the analysis returns and
gives back a ``plotly.graph_objects.Figure``. User strings go through
``careerlib.text.plot_text`` before they reach a figure.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import NotebookRenderer

TEMPLATE = "careerlib"
STYLED = "careerlib_white"  # plotly_white + TEMPLATE, merged once
PALETTE = ["#1f5f8b", "#e07a1f", "#3a9d5d", "#b8405e", "#7a5cc2", "#8c6d31", "#2aa1b3", "#6b6b6b"]
GOOD, BAD, NEUTRAL, REFERENCE = "#3a9d5d", "#b8405e", "#6b6b6b", "#9aa5b1"


OFFLINE_RENDERER = "careerlib_notebook"
_CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>')


class OfflineNotebookRenderer(NotebookRenderer):
    """plotly's notebook renderer for the HTML export: each chart as a div that draws
    with the page's ``Plotly``, minus the MathJax ``<script src>`` from a CDN it adds
    to every chart (reports make no request).

    It does not put plotly.js into the notebook: the report template embeds it once
    in the page head, and JupyterLab draws charts from the plotly mimetype itself.
    That keeps 4.8 MB out of every executed notebook and every kernel start."""

    def activate(self):
        pass

    def to_mimebundle(self, fig_dict):
        bundle = super().to_mimebundle(fig_dict)
        bundle["text/html"] = _CDN_SCRIPT.sub("", bundle["text/html"])
        return bundle


def register_renderer() -> None:
    if OFFLINE_RENDERER not in pio.renderers:
        pio.renderers[OFFLINE_RENDERER] = OfflineNotebookRenderer(connected=False)


def register_template() -> None:
    """A calm house style: white background, readable fonts, our palette."""
    pio.templates.default = house_template()


def house_template() -> str:
    """Register the house style (once) and return the name of the template charts use:
    ``plotly_white`` with the house style on top, merged here once. A default given
    as ``"plotly_white+careerlib"`` would be merged again for every figure (a tenth
    of a second or more each)."""
    if STYLED not in pio.templates:
        pio.templates[TEMPLATE] = go.layout.Template(
            layout=go.Layout(
                colorway=PALETTE,
                font=dict(family="Helvetica, Arial, sans-serif", size=13, color="#222"),
                title=dict(x=0.0, xanchor="left", font=dict(size=17)),
                margin=dict(l=60, r=30, t=60, b=50),
                hoverlabel=dict(namelength=-1),
            )
        )
        pio.templates[STYLED] = pio.templates[f"plotly_white+{TEMPLATE}"]
    return STYLED
