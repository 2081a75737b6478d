"""User text shows as typed: escaping for Markdown, HTML and plotly."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from careerlib.text import interval, json_value, markdown_text, money, percent, plot_labels, plot_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[click](javascript:alert(1))",
    "![pic](http://tracker.invalid/p.png)",
    "**bold** _it_ `code` # not a heading",
    "R&D > Ops < HR",
]


def rendered_text(markdown: str) -> str:
    """What a reader sees: render as Markdown the way the HTML export does, strip the paragraph."""
    page = markdown2html_mistune(markdown)
    assert "<script" not in page and "<img" not in page and "<svg" not in page and "<a " not in page
    return html.unescape(page.replace("<p>", "").replace("</p>", "").strip())


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_renders_as_typed(value):
    assert rendered_text(markdown_text(value)) == value


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40))
def test_any_string_survives_markdown(value):
    shown = rendered_text(markdown_text(value))
    assert shown == " ".join(value.split()) or shown.strip() == value.strip() or value.strip() == ""


def test_plot_text_escapes_tags():
    assert plot_text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert plot_labels(pd.Series(["<i>a</i>", "b", "<i>a</i>"])).tolist() == [
        "&lt;i&gt;a&lt;/i&gt;",
        "b",
        "&lt;i&gt;a&lt;/i&gt;",
    ]


def test_number_formats():
    assert percent(0.123) == "12 %" and percent(float("nan")) == "n/a"
    assert interval(0.08, 0.21) == "95 % CI 8-21 %" and interval(None, 0.2) == "no interval yet"
    assert money(-12345.6) == "-$12,346"


def test_percent_options_match_pythons_percent_format():
    for rate in (0.0234, -0.0051, 0.0, 0.12345, 1.5):
        assert percent(rate, space=False) == f"{rate:.0%}"
        assert percent(rate, 1, space=False, signed=True) == f"{rate:+.1%}"
    assert percent(0.2) == "20 %" and percent(float("nan"), signed=True) == "n/a"


def test_json_value_is_plain_json():
    assert json_value(float("nan")) is None and json_value(None) is None and json_value(pd.NA) is None
    assert json_value("x") == "x" and json_value(np.float64(0.123456), 4) == 0.1235
    assert isinstance(json_value(np.int64(3)), float)
