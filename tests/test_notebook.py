"""What notebooks call besides the analyses: tables, sentences, the published summary."""

from __future__ import annotations

import math

import pandas as pd
from IPython.core.interactiveshell import InteractiveShell

from careerlib import notebook as nb


def test_table_escapes_user_text_and_formats_numbers():
    frame = pd.DataFrame({"company": ["<img src=x onerror=alert(1)>"], "score_now": [75.0], "rate": [0.123], "n": [3]})
    page = nb.table(frame, percent=("rate",)).to_html()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert ">75<" in page and ">12%<" in page and "score now" in page
    assert "75.000000" not in page


def test_table_shows_missing_values_as_a_dash():
    page = nb.table(pd.DataFrame({"x": [math.nan, 1.5]})).to_html()
    assert "–" in page and "1.5" in page


def test_publish_turns_nan_into_null(capsys):
    shell = InteractiveShell.instance()
    captured = []
    shell.display_pub.publish = lambda data, **kw: captured.append(data)
    nb.publish({"report": "x", "value": float("nan"), "when": pd.Timestamp("2026-01-02"), "n": pd.Series([4]).iloc[0]})
    assert captured[-1][nb.SUMMARY_MIME] == {"report": "x", "value": None, "when": "2026-01-02", "n": 4}


def test_say_escapes_values_but_not_the_template():
    shell = InteractiveShell.instance()
    captured = []
    shell.display_pub.publish = lambda data, **kw: captured.append(data)
    nb.say("**{name}** leads", name="[x](javascript:alert(1))")
    markdown = captured[-1]["text/markdown"]
    assert markdown.startswith("**") and "](javascript" not in markdown and "\\]\\(javascript" in markdown


def test_share_banner_only_in_share_mode():
    shell = InteractiveShell.instance()
    captured = []
    shell.display_pub.publish = lambda data, **kw: captured.append(data)
    nb.share_banner(False)
    assert captured == []
    nb.share_banner(True, note="Anonymised for sharing: test")
    assert "Anonymised for sharing: test" in captured[-1]["text/html"]
