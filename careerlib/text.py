"""Making users' text safe to show, and short sentences for summaries.

Strings from users' files (company, role, notes, employer, names) may contain
HTML or Markdown. Everything that puts such a string into Markdown, HTML or a
plotly figure (whose titles, ticks and hover labels accept HTML-like tags) goes
through :func:`markdown_text` or :func:`plot_text`, so it shows as typed.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from careerlib.io import distinct

# Markdown punctuation that could start a link, image, emphasis, code, heading or table;
# ':' and '@' too, so bare URLs and e-mail addresses are not turned into links.
# <, > and & are left to html.escape (a backslash before them would show up as text).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:@])")


def plot_text(value) -> str:
    """A user string for a plotly title, axis tick, legend or hover label: plotly
    reads a subset of HTML there, so escape it (plotly shows entities as characters)."""
    return html.escape(str(value), quote=True)


def plot_labels(values: pd.Series) -> pd.Series:
    """:func:`plot_text` for a whole column (each distinct value escaped once)."""
    codes, uniques = distinct(values.astype(str))
    return pd.Series(uniques.map(plot_text).to_numpy(dtype=object)[codes], index=values.index)


def markdown_text(value) -> str:
    """A user string for a Markdown cell: HTML escaped and Markdown syntax
    (links, images, emphasis, code) backslash-escaped, so it renders as typed."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    return html.escape(text, quote=True).replace("\n", " ")


def percent(rate, digits: int = 0) -> str:
    """0.123 -> '12 %'; missing -> 'n/a'."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "n/a"
    return f"{rate * 100:.{digits}f} %"


def interval(low, high, digits: int = 0) -> str:
    """'95 % CI 8-21 %' style text for a rate interval."""
    if low is None or high is None or any(isinstance(x, float) and math.isnan(x) for x in (low, high)):
        return "no interval yet"
    return f"95 % CI {low * 100:.{digits}f}-{high * 100:.{digits}f} %"


def money(amount, currency: str = "$") -> str:
    """12345.6 -> '$12,346'; negative amounts get a minus sign in front."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "n/a"
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency}{abs(amount):,.0f}"
