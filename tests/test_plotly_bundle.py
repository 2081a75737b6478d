"""The partial plotly.js bundle: built from the plotly.js the installed plotly embeds, holding every
trace type the reports draw, and chosen per report (plotly's full bundle for anything else)."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_notebook, new_output
from plotly.basedatatypes import BaseTraceType

from careerlib import plotly_bundle, report

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = ROOT / "scripts" / "plotly-bundle"
REBUILD = "rebuild it: `make plotly-bundle` (needs node and npm)"
REPORT_BUDGET = 2_000_000  # bytes per HTML report (issue 11)
# Trace types plotly.py knows, by class name (go.Bar -> "bar"); add_<type> methods use the same names.
TRACE_TYPES = {
    name: getattr(go, name)().type
    for name in dir(go)
    if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
}


def chart_output(*traces: dict, frames: list[dict] | None = None):
    figure = {"data": list(traces), "layout": {}}
    if frames is not None:
        figure["frames"] = frames
    return new_output("display_data", data={plotly_bundle.PLOTLY_MIME: figure, "text/html": "<div>chart</div>"})


def notebook_with(*outputs) -> nbformat.NotebookNode:
    notebook = new_notebook()
    notebook.cells = [new_code_cell("...", outputs=list(outputs))]
    return notebook


# --------------------------------------------------------------------------- the committed bundle
def test_bundle_is_built_from_the_plotlyjs_the_installed_plotly_embeds():
    built, wanted = plotly_bundle.manifest()["plotly.js"], plotly_bundle.plotly_version()
    assert built == wanted, f"the partial bundle is plotly.js {built} but plotly embeds plotly.js {wanted}; {REBUILD}"


def test_npm_pins_match_the_manifest():
    package = json.loads((NPM_DIR / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    locked = json.loads((NPM_DIR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    manifest = plotly_bundle.manifest()
    assert package["plotly.js"] == locked["node_modules/plotly.js"]["version"] == manifest["plotly.js"], REBUILD
    assert package["esbuild"] == locked["node_modules/esbuild"]["version"] == manifest["esbuild"], REBUILD


def test_bundle_file_is_the_build_the_manifest_describes():
    manifest = plotly_bundle.manifest()
    data = plotly_bundle.bundle_path().read_bytes()
    assert (len(data), hashlib.sha256(data).hexdigest()) == (manifest["bytes"], manifest["sha256"]), (
        f"{manifest['bundle']} is not the file the build wrote; {REBUILD}"
    )
    assert manifest["traces"] == sorted(set(manifest["traces"]))


def test_bundle_header_states_version_traces_and_licence():
    manifest = plotly_bundle.manifest()
    text = plotly_bundle.partial_js()
    head = text[:2000]
    # plotly.js's own banner, exactly once (the browser test counts copies by it)
    assert head.startswith(f"/**\n* plotly.js v{manifest['plotly.js']}\n")
    assert text.count(f"plotly.js v{manifest['plotly.js']}") == 1
    assert "Licensed under the MIT license" in head and "MIT licence" in head
    listed = re.search(r"Traces: ([a-z0-9, ]+)\.", head)
    assert listed, "the bundle header lists no traces"
    components = re.search(r"Optional components: ([a-z0-9, ]+)\.", head)
    assert (listed.group(1).split(", "), components and components.group(1)) == (
        manifest["traces"],
        ", ".join(manifest["components"]) or "none",
    ), f"the lists in plotly-custom.json changed since the bundle was built; {REBUILD}"
    assert "Bundled license information" in text  # notices of the packages it bundles


def test_bundle_is_safe_inline_and_sets_the_global():
    text = plotly_bundle.partial_js()
    assert "</script" not in text.lower()  # the template inlines it in a <script> element
    assert text.rstrip().endswith("window.Plotly = Plotly;\nreturn Plotly;\n}));")


def test_bundle_is_under_a_third_of_the_full_one():
    assert len(plotly_bundle.partial_js()) < len(plotly_bundle.full_js()) / 3


# --------------------------------------------------------------------------- the reports' charts
def test_every_trace_type_the_plot_modules_build_is_in_the_bundle():
    """Static check over careerlib/plots: charts a default sample run does not draw count too."""
    used: dict[str, str] = {}
    for path in sorted((ROOT / "careerlib" / "plots").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                if name in TRACE_TYPES:  # go.Bar(...)
                    used[TRACE_TYPES[name]] = f"{path.name}:{node.lineno}"
                elif name.startswith("add_") and name[4:] in TRACE_TYPES.values():  # fig.add_bar(...)
                    used[name[4:]] = f"{path.name}:{node.lineno}"
    assert {"bar", "scatter"} <= set(used), "the scan found no charts; has careerlib/plots moved?"
    missing = {t: where for t, where in used.items() if t not in plotly_bundle.bundle_traces()}
    assert not missing, (
        f"charts use trace types the partial bundle lacks {missing}: add them to plotly-custom.json; {REBUILD}"
    )


@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory) -> Path:
    """Every report notebook executed on the sample data with its default parameters."""
    out = tmp_path_factory.mktemp("reports")
    results = report.run_many({name: {} for name in report.available_reports(ROOT)}, out, ROOT, workers=2)
    failed = {r.name: r.error for r in results if not r.ok}
    assert not failed, f"reports failed: {failed}"
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", report.available_reports(ROOT))
def test_every_report_chart_is_drawn_by_the_partial_bundle(sample_reports, name):
    executed = nbformat.read(sample_reports / f"{name}.ipynb", as_version=4)
    traces = plotly_bundle.notebook_modules(executed)
    assert traces, f"{name}: no plotly chart found in the executed notebook"
    missing = plotly_bundle.missing_modules(executed)
    assert missing == set(), (
        f"{name} needs {sorted(missing) if missing else 'charts of unknown types'} that the partial bundle lacks: "
        f"add them to careerlib/templates/careerlib_offline/plotly-custom.json; {REBUILD}"
    )
    html = (sample_reports / f"{name}.html").read_text(encoding="utf-8")
    assert html.count("careerlib partial bundle of plotly.js") == 1
    size = len(html.encode("utf-8"))
    assert size <= REPORT_BUDGET, f"{name}.html is {size / 1e6:.2f} MB, over the {REPORT_BUDGET / 1e6:.0f} MB budget"


# --------------------------------------------------------------------------- choosing per notebook
def test_trace_types_of_a_figure_default_to_scatter_and_include_frames():
    figure = {"data": [{"type": "bar"}, {"y": [1]}], "frames": [{"data": [{"type": "heatmap"}]}, {"name": "empty"}]}
    assert plotly_bundle.figure_traces(figure) == {"bar", "scatter", "heatmap"}


def test_a_notebook_of_covered_charts_gets_the_partial_bundle():
    notebook = notebook_with(chart_output({"type": "bar"}), new_output("stream", text="hi"), chart_output({"y": [2]}))
    assert plotly_bundle.notebook_modules(notebook) == {"bar", "scatter"}
    assert plotly_bundle.script_for(notebook) is plotly_bundle.partial_js()


def test_a_trace_type_outside_the_bundle_gets_the_full_bundle():
    notebook = notebook_with(chart_output({"type": "bar"}), chart_output({"type": "choropleth", "locations": ["FR"]}))
    assert plotly_bundle.missing_modules(notebook) == {"choropleth"}
    assert plotly_bundle.script_for(notebook) is plotly_bundle.full_js()


@pytest.mark.parametrize(
    "figure",
    [
        {"data": [{"type": "scatter", "x": ["2020-01-01"], "xcalendar": "jalali"}]},
        {"data": [{"type": "bar"}], "layout": {"xaxis": {"calendar": "chinese", "type": "date"}}},
    ],
)
def test_a_non_gregorian_calendar_needs_the_calendars_component(figure):
    assert "calendars" in plotly_bundle.figure_modules(figure)
    notebook = notebook_with(new_output("display_data", data={plotly_bundle.PLOTLY_MIME: figure}))
    assert plotly_bundle.uses_partial_bundle(notebook) == ("calendars" in plotly_bundle.bundle_modules())


def test_a_gregorian_calendar_needs_nothing_more():
    figure = {"data": [{"type": "bar", "xcalendar": "gregorian", "x": [1, 2]}], "layout": {"xaxis": {"type": "date"}}}
    assert plotly_bundle.figure_modules(figure) == {"bar"}


def test_an_animation_frame_outside_the_bundle_gets_the_full_bundle():
    notebook = notebook_with(chart_output({"type": "bar"}, frames=[{"data": [{"type": "pie"}]}]))
    assert plotly_bundle.script_for(notebook) is plotly_bundle.full_js()


@pytest.mark.parametrize(
    "html",
    [
        '<div id="a"></div><script>Plotly.newPlot("a", [{"type": "bar"}])</script>',
        ["<script>\n", "  window.Plotly.react(el, data);\n", "</script>"],  # nbformat may keep lines as a list
    ],
)
def test_a_chart_drawn_by_html_alone_gets_the_full_bundle(html):
    notebook = notebook_with(chart_output({"type": "bar"}), new_output("display_data", data={"text/html": html}))
    assert plotly_bundle.notebook_modules(notebook) is None
    assert plotly_bundle.script_for(notebook) is plotly_bundle.full_js()


def test_a_notebook_without_charts_gets_the_partial_bundle():
    notebook = notebook_with(new_output("display_data", data={"text/html": "<p>Plotly is a library</p>"}))
    assert plotly_bundle.notebook_modules(notebook) == set()
    assert plotly_bundle.script_for(notebook) is plotly_bundle.partial_js()


def test_a_plotly_upgrade_not_rebuilt_for_gets_the_full_bundle(monkeypatch):
    monkeypatch.setattr(plotly_bundle, "plotly_version", lambda: "99.0.0")
    notebook = notebook_with(chart_output({"type": "bar"}))
    assert not plotly_bundle.is_current()
    assert plotly_bundle.script_for(notebook) is plotly_bundle.full_js()


KNOWN = sorted(set(TRACE_TYPES.values()))


@given(st.lists(st.lists(st.sampled_from(KNOWN + [None]), max_size=4), max_size=5))
def test_partial_bundle_exactly_when_every_type_is_covered(charts):
    notebook = notebook_with(*[chart_output(*[{"type": t} if t else {"x": [1]} for t in chart]) for chart in charts])
    used = {t or "scatter" for chart in charts for t in chart}
    assert plotly_bundle.notebook_modules(notebook) == used
    assert plotly_bundle.uses_partial_bundle(notebook) == (used <= plotly_bundle.bundle_traces())


@pytest.mark.parametrize(
    "trace, bundle",
    [({"type": "bar", "y": [1, 2]}, "partial"), ({"type": "choropleth", "locations": ["FR"], "z": [1]}, "full")],
)
def test_html_report_embeds_the_chosen_bundle_once(trace, bundle):
    html = report.to_html(notebook_with(chart_output(trace)))
    assert html.count("careerlib partial bundle of plotly.js") == (1 if bundle == "partial" else 0)
    assert html.count(f"plotly.js v{plotly_bundle.plotly_version()}") == 1
    assert len(html) < (REPORT_BUDGET if bundle == "partial" else len(plotly_bundle.full_js()) + REPORT_BUDGET)
