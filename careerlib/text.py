"""Making users' text safe to show, and short sentences for summaries.

Strings from users' files (company, role, notes, employer, names) may contain
HTML or Markdown. Everything that puts such a string into Markdown, HTML or a
plotly figure (whose titles, ticks and hover labels accept HTML-like tags) goes
through :func:`markdown_text` or :func:`plot_text`, so it shows as typed.
"""

from __future__ import annotations

import html
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


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def percent(rate, digits: int = 0, *, space: bool = True, signed: bool = False) -> str:
    """0.123 -> '12 %' ('12%' with ``space=False``, for tight chart labels and sentences;
    '+12 %' with ``signed``, for a change); missing -> 'n/a'."""
    if _missing(rate):
        return "n/a"
    return f"{rate * 100:{'+' if signed else ''}.{digits}f}{' ' if space else ''}%"


def interval(low, high, digits: int = 0) -> str:
    """'95 % CI 8-21 %' style text for a rate interval."""
    if _missing(low) or _missing(high):
        return "no interval yet"
    return f"95 % CI {low * 100:.{digits}f}-{high * 100:.{digits}f} %"


def money(amount, currency: str = "$") -> str:
    """12345.6 -> '$12,346'; negative amounts get a minus sign in front."""
    if _missing(amount):
        return "n/a"
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency}{abs(amount):,.0f}"


def json_value(value, digits: int | None = None):
    """A number or table cell as JSON for a report summary: a float (rounded to
    ``digits`` when given), text as it is, None for missing (never NaN, which is not JSON)."""
    if isinstance(value, str):
        return value
    if _missing(value):
        return None
    return float(value) if digits is None else round(float(value), digits)
