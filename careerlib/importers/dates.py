"""Dates as people write them, with the day/month order decided from the data.

Styles read: ISO (``2025-01-15``, with or without a time), numbers with slashes, dots or
dashes (``1/15/24, 10:21 AM``, ``9/25/2019``, ``15/01/2025``), month names
(``14 Jan 2026``, ``Jan 14, 2026``, ``Jan 2020`` = the 1st), and year-less ``3/14``
(the year comes from the mapping), and Excel's day number written as text (``45538``)
in a column that is otherwise dates (said in the summary). A cell with several dates (``8/5/2019 & 8/14/2019``)
gives its first one.

The order of numeric dates is decided once for the whole file: a first number above 12
means day-first, a second above 12 month-first. When no date settles it and some could be
read both ways, the importer asks (``[dates] order``) instead of guessing. Work is done
once per distinct text (``io.distinct``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from careerlib.importers.decisions import MAX_CELLS, Decisions, Seen
from careerlib.importers.vocabulary import months
from careerlib.io import LINE, distinct

_SEPARATOR = r"\s*(?:&|\band\b|;|\||\n)\s*"
_MONTH = r"(?P<mon>[^\W\d_]+)"  # a month name in any alphabet ('Aug', 'März', 'août', 'Şubat')
_PATTERNS = {
    "iso": r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$",
    "dotted": r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})\.?(?:,?\s*\d{1,2}:\d{2}.*)?$",
    "numeric": r"^(?P<a>\d{1,2})[/-](?P<b>\d{1,2})[/-](?P<y>\d{4}|\d{2})(?:,?\s*\d{1,2}:\d{2}.*)?$",
    "yearless": r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})$",
    "year month": r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$",
    "day month": rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?[\s-]+(?:de\s+)?{_MONTH}\.?,?[\s-]+"
    r"(?:de\s+)?(?P<y>\d{4})$",
    "month day": rf"^{_MONTH}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$",
    "month year": rf"^{_MONTH}\.?\s+(?:de\s+)?(?P<y>\d{{4}})$",
}
_SERIAL = r"\d{5}(?:\.0+)?"  # Excel's day number written as text ('45538')
EXCEL_EPOCH = np.datetime64("1899-12-30")  # day 0 of Excel's (1900) day numbers, past its 1900 leap-year slip
SERIAL_RANGE = (25569, 73050)  # 1970-01-01 .. 2099-12-31
MONTH_ONLY = ("year month", "month year")  # placed on the month's first day, counted in the summary
DAY_FIRST, MONTH_FIRST = "day-first", "month-first"


@dataclass(frozen=True)
class DateOrder:
    """How numeric dates were read, and why (shown in the import summary)."""

    order: str | None  # 'day-first', 'month-first', or None when no date needed it
    reason: str
    month_only: int = 0  # cells giving only a month ('2025-08', 'Aug 2025'): read as its first day


@dataclass
class _Parts:
    """The pieces of each distinct text, one array entry per text."""

    kind: np.ndarray  # pattern name or ''
    year: np.ndarray  # float, NaN where absent
    month: np.ndarray
    day: np.ndarray
    a: np.ndarray  # the two numbers of a numeric date, order unknown
    b: np.ndarray


def _split(texts: pd.Series) -> _Parts:
    first = texts.str.split(_SEPARATOR, n=1, regex=True).str[0].fillna("").str.strip()
    n = len(texts)
    parts = _Parts(np.full(n, "", dtype=object), *(np.full(n, np.nan) for _ in range(5)))
    for kind, pattern in _PATTERNS.items():
        found = first.str.extract(pattern)
        hit = found.notna().any(axis=1).to_numpy() & (parts.kind == "")
        if not hit.any():
            continue
        parts.kind[hit] = kind
        number = {c: pd.to_numeric(found[c], errors="coerce").to_numpy() for c in found.columns if c != "mon"}
        if "y" in number:
            years = number["y"]
            parts.year[hit] = np.where(years < 100, years + 2000, years)[hit]
        for name, target in (("m", parts.month), ("d", parts.day), ("a", parts.a), ("b", parts.b)):
            if name in number:
                target[hit] = number[name][hit]
        if "mon" in found.columns:
            parts.month[hit] = found["mon"].map(month_number).astype(float).to_numpy()[hit]
        if "d" not in number and "a" not in number:
            parts.day[hit] = 1
    return parts


def month_number(name: object) -> float:
    """A month name or abbreviation in any language of ``months.csv`` (case and accents as
    written, or without accents) -> 1..12; NaN when it is not one."""
    if not isinstance(name, str):
        return np.nan
    names = months()
    key = name.casefold().rstrip(".")
    return float(names.get(key, names.get(_plain(key), np.nan)))


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def looks_like_date(texts: pd.Series) -> np.ndarray:
    """Per distinct text: True when it reads as a date in one of the styles above
    (the order of day and month aside)."""
    parts = _split(texts.astype(str).str.strip())
    named = np.isin(parts.kind, ("day month", "month day", "month year"))
    return (parts.kind != "") & ~(named & np.isnan(parts.month))


def read_dates(
    table: pd.DataFrame,
    columns: list[str],
    *,
    decisions: Decisions,
    order: str | None = None,
    order_reason: str = "",
    year: int | None = None,
) -> tuple[dict[str, pd.Series], DateOrder]:
    """Each column as datetime64 (NaT for empty cells). Unclear orders, missing years and
    unreadable cells go to ``decisions``; their cells are NaT."""
    lines = table[LINE].to_numpy()
    per_column = []
    for column in columns:
        codes, uniques = distinct(table[column])
        texts = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
        first_row = np.zeros(len(uniques), dtype=np.int64)
        first_row[codes[::-1]] = np.arange(len(codes))[::-1]  # the first row holding each distinct text
        per_column.append((column, codes, texts, _split(texts), lines[first_row] if len(codes) else first_row))

    chosen = _decide_order(per_column, decisions, order, order_reason)
    _ask_year(per_column, decisions, year)

    out = {}
    month_only = 0
    serials: list[str] = []
    for column, codes, texts, parts, _ in per_column:
        day, month = parts.day.copy(), parts.month.copy()
        numeric = np.isin(parts.kind, ("numeric", "yearless"))
        if chosen.order is not None:
            day_first = chosen.order == DAY_FIRST
            day[numeric] = (parts.a if day_first else parts.b)[numeric]
            month[numeric] = (parts.b if day_first else parts.a)[numeric]
        else:  # no order needed: day and month are equal, or above 12 in one place only
            swap = numeric & (parts.b > 12)
            day[numeric] = np.where(swap, parts.b, parts.a)[numeric]
            month[numeric] = np.where(swap, parts.a, parts.b)[numeric]
        years = parts.year.copy()
        yearless = parts.kind == "yearless"
        years[yearless] = np.nan if year is None else year
        parsed = _assemble(years, month, day)
        serials += _excel_serials(parsed, texts, codes, parts.kind, column, lines)
        pending = (
            numeric & ~yearless & (chosen.order is None) & (parts.a != parts.b) & (parts.a <= 12) & (parts.b <= 12)
        ) | (yearless & (year is None))
        bad = np.isnat(parsed) & (texts.to_numpy() != "") & ~pending
        parsed[pending] = np.datetime64("NaT")
        if bad.any():
            rows = np.flatnonzero(bad[codes])
            decisions.unreadable(
                lines[rows[:MAX_CELLS]],
                table[column].to_numpy()[rows[:MAX_CELLS]],
                column=column,
                problem="not a date",
                total=len(rows),
            )
        out[column] = pd.Series(parsed[codes] if len(codes) else parsed[:0], index=table.index)
        only = np.isin(parts.kind, MONTH_ONLY) & ~np.isnat(parsed)
        month_only += int(only[codes].sum()) if len(codes) else 0
    reason = chosen.reason + ("; " + "; ".join(serials) if serials else "")
    return out, DateOrder(chosen.order, reason, month_only)


def _excel_serials(parsed, texts: pd.Series, codes, kind, column: str, lines) -> list[str]:
    """Cells holding Excel's day number as text ('45538': a date cell typed over or pasted
    as a number) in a column that is otherwise dates: read as that day, in ``parsed``, and
    said (the sentence returned goes into the summary's 'Dates' line). Only whole numbers
    of 1970 to 2099 count, and only where dated rows outnumber them."""
    number = pd.to_numeric(texts.where(texts.str.fullmatch(_SERIAL), None), errors="coerce").to_numpy(dtype=float)
    serial = (kind == "") & (number >= SERIAL_RANGE[0]) & (number <= SERIAL_RANGE[1])
    if not serial.any() or not len(codes):
        return []
    rows = np.bincount(codes[codes >= 0], minlength=len(texts))
    if rows[serial].sum() >= rows[~np.isnat(parsed)].sum():  # a column of numbers, not dates
        return []
    parsed[serial] = (EXCEL_EPOCH + number[serial].astype("int64").astype("timedelta64[D]")).astype("datetime64[ns]")
    first = int(np.flatnonzero(serial[codes])[0])
    return [
        f"{int(rows[serial].sum())} cell(s) of column {column!r} held an Excel day number "
        f"({texts.iloc[codes[first]]!r}, line {int(lines[first])}), read as that day ({str(parsed[codes[first]])[:10]})"
    ]


def _assemble(years: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    ok = ~(np.isnan(years) | np.isnan(month) | np.isnan(day))
    frame = pd.DataFrame(
        {"year": np.where(ok, years, 2000), "month": np.where(ok, month, 1), "day": np.where(ok, day, 1)}
    )
    parsed = pd.to_datetime(frame, errors="coerce").to_numpy(dtype="datetime64[ns]")
    parsed[~ok] = np.datetime64("NaT")
    return parsed


def _decide_order(per_column, decisions: Decisions, order: str | None, order_reason: str) -> DateOrder:
    if order is not None:
        return DateOrder(order, order_reason or "set in the mapping ([dates] order)")
    day_hint = month_hint = ambiguous = None
    n_ambiguous = 0
    for column, _, texts, parts, first_lines in per_column:
        numeric = np.isin(parts.kind, ("numeric", "yearless"))
        for mask, slot in (
            (numeric & (parts.a > 12) & (parts.b <= 12), "day"),
            (parts.kind == "dotted", "day"),  # DD.MM.YYYY: written day first wherever dots are used
            (numeric & (parts.b > 12) & (parts.a <= 12), "month"),
            (numeric & (parts.a != parts.b) & (parts.a <= 12) & (parts.b <= 12), "ambiguous"),
        ):
            if not mask.any():
                continue
            i = int(np.flatnonzero(mask)[np.argmin(first_lines[mask])])
            example = (texts.iloc[i], int(first_lines[i]), column)
            if slot == "day" and (day_hint is None or example[1] < day_hint[1]):
                day_hint = example
            elif slot == "month" and (month_hint is None or example[1] < month_hint[1]):
                month_hint = example
            elif slot == "ambiguous":
                n_ambiguous += int(mask.sum())
                ambiguous = example if ambiguous is None or example[1] < ambiguous[1] else ambiguous
    if day_hint and month_hint:
        decisions.unreadable(
            [day_hint[1], month_hint[1]],
            [day_hint[0], month_hint[0]],
            column=day_hint[2],
            problem="dates written day-first and month-first in one file; make them consistent",
            total=2,
        )
        return DateOrder(None, "mixed orders in the file")
    if day_hint:
        value, line, column = day_hint
        return DateOrder(DAY_FIRST, f"{value!r} (line {line}, column {column!r}) can only be read day first")
    if month_hint:
        value, line, column = month_hint
        return DateOrder(MONTH_FIRST, f"{value!r} (line {line}, column {column!r}) can only be read month first")
    if ambiguous:
        value, line, column = ambiguous
        decisions.order = Seen(value, n_ambiguous, line, column)
        return DateOrder(None, "undecided")
    return DateOrder(None, "not needed: no date in the file could be read both day-first and month-first")


def _ask_year(per_column, decisions: Decisions, year: int | None) -> None:
    if year is not None:
        return
    for column, codes, texts, parts, first_lines in per_column:
        yearless = parts.kind == "yearless"
        if yearless.any():
            count = int(yearless[codes].sum())
            i = int(np.flatnonzero(yearless)[np.argmin(first_lines[yearless])])
            total = count + (decisions.year.rows if decisions.year else 0)
            if decisions.year is None or first_lines[i] < decisions.year.line:
                decisions.year = Seen(texts.iloc[i], total, int(first_lines[i]), column)
            else:
                decisions.year = replace(decisions.year, rows=total)
