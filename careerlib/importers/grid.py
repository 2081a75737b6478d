"""A sheet kept as one column per day: the header row holds dates and each column lists
the applications of that day, one name per cell (``1. Acme (Berlin)``). It is unfolded
into an ordinary table, one row per filled cell, before the importer looks at it:

    Company | Applied | Location | line

A leading list number (``1.``, ``2)``) is dropped; a trailing ``(City)`` is the location.
``Applied`` is the day's header as written (weekday names dropped), so the importer's date
reader decides its order like any other date. Columns whose header is not a date (a
``Total``, a row number) and rows of numbers only (a totals row) are not read, and said so.
Every cell is its own application: the same company twice under one day is two.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.importers.cells import filled
from careerlib.importers.vocabulary import months
from careerlib.io import LINE

COLUMNS = ("Company", "Applied", "Location")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_NUMERIC = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"  # ISO, perhaps with a time
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 4/3/2025, 04.03.25
    r"|\d{1,2}/\d{1,2}"  # 4/3 (the year comes from the mapping)
)
_NAMED = re.compile(
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?[\s-]+(?P<m1>[a-z]+)\.?,?(?:[\s-]+\d{4})?"
    r"|(?P<m2>[a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
)
_LIST_NUMBER = re.compile(r"^\s*\d{1,4}\s*[.)]\s*")
_PLACE = re.compile(r"\s*\(([^()]*)\)\s*$")
_NUMBER = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*$")


@dataclass(frozen=True)
class Grid:
    """A day grid unfolded: the long table and what was (not) read."""

    table: pd.DataFrame  # COLUMNS + line
    days: int
    not_read: tuple[str, ...]  # headers of the columns not read
    total_rows: tuple[int, ...]  # lines of rows holding numbers only, not read

    def describe(self) -> str:
        """What was read and what was not, in words (the summary's "read as")."""
        text = f"one column per day: {len(self.table):,} applications over {self.days:,} days"
        if self.not_read:
            text += "; " + ", ".join(f"column {h!r}" for h in self.not_read) + " not read"
        if self.total_rows:
            lines = ", ".join(map(str, self.total_rows[:5])) + (", ..." if len(self.total_rows) > 5 else "")
            text += f"; rows of numbers only (totals) not read: line(s) {lines}"
        return text


@functools.cache
def _month_names() -> frozenset[str]:
    return frozenset(name.lower() for name in months())


def day_text(header: str) -> str | None:
    """The date part of a header that is a day (``2025-03-04``, ``4/3``, ``Mon 4 Mar``), else None."""
    text = " ".join(str(header).strip().lower().split())
    found = re.fullmatch(_WEEKDAY + r"(?P<date>.+)", text)
    for candidate in (text, found.group("date") if found else None):
        if not candidate:
            continue
        if _NUMERIC.fullmatch(candidate):
            return _original(header, candidate)
        named = _NAMED.fullmatch(candidate)
        if named and (named.group("m1") or named.group("m2")) in _month_names():
            return _original(header, candidate)
    return None


def _original(header: str, lowered: str) -> str:
    """``lowered``'s text in the header's own case and spacing."""
    spaced = " ".join(str(header).strip().split())
    return spaced[len(spaced) - len(lowered) :]


def day_columns(header: list[str]) -> list[int] | None:
    """Positions of the day headers when the header row is a row of days (at least two,
    and more than half of the named columns), else None."""
    named = [i for i, h in enumerate(header) if str(h).strip()]
    days = [i for i in named if day_text(header[i]) is not None]
    return days if len(days) >= 2 and 2 * len(days) > len(named) else None


def holds_names(table: pd.DataFrame, columns: list[str]) -> bool:
    """Whether the filled cells under the day headers are mostly text, not numbers or dates
    (a grid of counts per day is a tally, not a list of applications)."""
    total = names = 0
    for column in columns:
        values = table[column].astype(str)
        cells = values[filled(values)]
        total += len(cells)
        names += int((~cells.str.match(_NUMBER) & cells.map(lambda v: day_text(v) is None)).sum())
    return total > 0 and 2 * names > total


def as_grid(table: pd.DataFrame, header: list[str]) -> Grid | None:
    """The table unfolded when its header is a row of days over names, else None.
    ``table``'s columns (``line`` aside) are in ``header``'s order, under any unique names."""
    days = day_columns(header)
    if days is None:
        return None
    columns = [c for c in table.columns if c != LINE]
    if not holds_names(table, [columns[i] for i in days]):
        return None
    return unfold(table, header, days)


def unfold(table: pd.DataFrame, header: list[str], days: list[int]) -> Grid:
    """One row per filled cell under a day header (``table``'s columns are in ``header``'s order)."""
    columns = [c for c in table.columns if c != LINE]
    lines = table[LINE].to_numpy()
    day_names = [columns[i] for i in days]
    numbers_only = np.ones(len(table), dtype=bool)
    any_filled = np.zeros(len(table), dtype=bool)
    for column in day_names:
        values = table[column].astype(str)
        has = filled(values)
        any_filled |= has
        numbers_only &= ~has | values.str.match(_NUMBER).to_numpy()
    totals = numbers_only & any_filled
    pieces = []
    for position, column in zip(days, day_names):
        values = table[column].astype(str)
        keep = filled(values) & ~totals
        cells = values[keep].str.strip().str.replace(_LIST_NUMBER, "", regex=True)
        place = cells.str.extract(_PLACE, expand=False).fillna("").str.strip()
        company = cells.str.replace(_PLACE, "", regex=True).str.strip()
        pieces.append(
            pd.DataFrame(
                {
                    "Company": company.to_numpy(dtype=object),
                    "Applied": day_text(header[position]),
                    "Location": place.to_numpy(dtype=object),
                    LINE: lines[keep],
                }
            )
        )
    long = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=[*COLUMNS, LINE])
    long = long.astype({c: object for c in COLUMNS})
    not_read = tuple(
        str(header[i]).strip() or f"(no name, column {i + 1})"
        for i, column in enumerate(columns)
        if i not in set(days) and filled(table[column]).any()
    )
    return Grid(long, len({day_text(header[i]) for i in days}), not_read, tuple(int(x) for x in lines[totals]))
