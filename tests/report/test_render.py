"""The report page exporter: what nbconvert's HTMLExporter makes, without its
BeautifulSoup pass over the whole page (careerlib.report.render.accessible makes the
same two additions on the text)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from careerlib.report import render

TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
# A random id per chart and per widget view: masked before pages are compared.
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def every_kind_of_output():
    text = 'looks like markup: <div class="jp-OutputArea-output"> & <img src="x">'
    return new_notebook(
        metadata={"language_info": {"name": "python"}},
        cells=[
            new_markdown_cell(
                "# Title\n\nA *sentence*, a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![a picture](#p)"
            ),
            new_code_cell(
                "x",
                outputs=[
                    new_output("stream", name="stdout", text=text + "\n"),
                    new_output("stream", name="stderr", text="a warning\n"),
                    new_output("display_data", data={"text/markdown": "**bold** " + text, "text/plain": "b"}),
                    new_output(
                        "display_data",
                        data={"text/html": '<table><tr><td>1</td></tr></table><img data-alt="not alt" src="#i">'},
                    ),
                    new_output("display_data", data={"image/png": TINY_PNG, "text/plain": "<Figure>"}),
                    new_output("execute_result", data={"text/plain": text}, execution_count=1),
                    new_output("error", ename="ValueError", evalue=text, traceback=["ValueError: " + text]),
                ],
            ),
        ],
    )


def nbconvert_page(notebook) -> str:
    """The page nbconvert's own HTMLExporter makes with the report settings."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_template_basedirs=[str(render.TEMPLATE_DIR)],
        template_name=render.TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    page, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": "t"}, "plotly_js": ""})
    return page


def report_page(notebook) -> str:
    page, _ = render.html_exporter().from_notebook_node(
        notebook, resources={"metadata": {"name": "t"}, "plotly_js": ""}
    )
    return page


def parsed(page: str) -> str:
    return str(BeautifulSoup(UUID.sub("UUID", page), "html.parser"))


def test_the_page_is_the_one_nbconvert_makes():
    notebook = every_kind_of_output()
    assert parsed(report_page(notebook)) == parsed(nbconvert_page(notebook))


def test_inputs_and_outputs_are_focusable_and_images_described():
    page = BeautifulSoup(report_page(every_kind_of_output()), "html.parser")
    outputs = page.select("div.jp-OutputArea-output")
    assert outputs and all(div.get("tabindex") == "0" for div in outputs)
    assert all(div.get("tabindex") == "0" for div in page.select("div.jp-Cell-inputWrapper"))
    images = page.select("img")
    assert images and all(img.get("alt") for img in images)
    assert page.find("img", alt="a picture")  # an alt text given is kept


def test_text_outputs_that_look_like_markup_stay_text():
    page = report_page(every_kind_of_output())
    escaped = "looks like markup: &lt;div class=&#34;jp-OutputArea-output&#34;&gt; &amp; &lt;img src=&#34;x&#34;&gt;"
    assert page.count(escaped) == 3  # stdout, the execute result, the error


def chart_notebook():
    import plotly.graph_objects as go
    import plotly.io as pio

    from careerlib import plots

    plots.register_renderer()
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2])).to_dict()
    bundle = pio.renderers[plots.OFFLINE_RENDERER].to_mimebundle(figure)
    bundle[render.plotly_bundle.PLOTLY_MIME] = figure  # what JupyterLab draws from
    cell = new_code_cell("chart", outputs=[new_output("display_data", data=bundle)])
    return new_notebook(metadata={"language_info": {"name": "python"}}, cells=[cell])


def test_chart_data_the_page_never_shows_is_left_out_of_the_render_only(monkeypatch):
    notebook = chart_notebook()
    page = render.to_html(notebook)
    monkeypatch.setattr(render, "_as_shown", lambda output: output)
    assert UUID.sub("UUID", page) == UUID.sub("UUID", render.to_html(notebook))
    assert render.plotly_bundle.PLOTLY_MIME in notebook.cells[0].outputs[0].data  # the caller's copy keeps it
