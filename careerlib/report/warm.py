"""The ``warm`` engine's start: import what every report needs and render a sample
once, in the parent, so each forked worker starts with it done."""

from __future__ import annotations

import gc
import time

from careerlib.report.render import to_html

_WARM_SECONDS: list[float] = []


def warm_up() -> float:
    """Import what every report needs and build the exporter, once per process, so
    forked workers start with it all done. Returns the seconds it took (0.0 when
    already warm)."""
    if _WARM_SECONDS:
        return 0.0
    started = time.perf_counter()
    import importlib
    import pkgutil

    import nbformat
    import pandas.io.formats.style  # noqa: F401 - nb.table's Styler, with its templates compiled
    import papermill  # noqa: F401
    import plotly.graph_objects as go
    import plotly.io as pio

    import careerlib
    from careerlib import engine, inprocess, plots

    for module in pkgutil.walk_packages(careerlib.__path__, "careerlib."):
        if module.name not in {"careerlib.cli"}:
            try:
                importlib.import_module(module.name)
            except Exception:  # noqa: BLE001 - a broken module fails the report that uses it, with its message
                pass
    engine.register()
    try:
        engine.kernel_language("python3")  # the kernel every report names: its spec read once, here
    except Exception:  # noqa: BLE001 - none installed: each report fails with the kernel path's error
        pass
    if not inprocess.holds_other_shell():  # else each forked worker makes its own shell
        inprocess.shell()
    # plotly reads its validator table and imports a module per trace type on first use;
    # a figure on the house template does both, without changing any default.
    plots.register_renderer()
    import pandas as pd
    import plotly.colors  # noqa: F401

    frame = pd.DataFrame({"x": ["a", "b"], "y": [1.0, 2.0]})
    figure = go.Figure(
        go.Bar(x=frame["x"], y=frame["y"], marker=dict(color=frame["y"], colorscale="Blues")),
        layout=dict(template=pio.templates[plots.house_template()]),
    )
    bundle = pio.renderers[plots.OFFLINE_RENDERER].to_mimebundle(figure.to_dict())
    # Render a notebook with every kind of output once: jinja compiles the templates,
    # markdown and highlighting set up, plotly.js is read.
    sample = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# Warm-up\n\nA *sentence* with a [link](#here), `code` and a list:\n\n- one\n- two"
            ),
            nbformat.v4.new_code_cell(
                "x",
                outputs=[
                    nbformat.v4.new_output("stream", name="stdout", text="text\n"),
                    nbformat.v4.new_output("display_data", data={"text/markdown": "**bold**", "text/plain": "bold"}),
                    nbformat.v4.new_output("display_data", data={**bundle, "text/plain": "figure"}),
                    nbformat.v4.new_output(
                        "execute_result",
                        data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1"},
                        execution_count=1,
                    ),
                ],
            ),
        ]
    )
    try:
        to_html(sample, title="warm-up")
    except Exception:  # noqa: BLE001 - the real render reports its own error
        pass
    # Everything made so far lives as long as the process: keep it out of the cyclic
    # garbage collector's reach, so a worker's collections skip it (and its memory pages
    # stay shared with the parent instead of being copied when a collection touches them).
    gc.freeze()
    _WARM_SECONDS.append(time.perf_counter() - started)
    return _WARM_SECONDS[0]


def warm_up_seconds() -> float:
    """How long :func:`warm_up` took in this process (0.0 if it has not run)."""
    return _WARM_SECONDS[0] if _WARM_SECONDS else 0.0
