"""Which sheet of an Excel workbook holds the log, and that sheet as a table of text cells.

Every sheet is looked at (:func:`workbook_sheets`). A sheet looks like a log when it has
a company (or id) column and a date, status or stage column over several rows, or when
it is a grid of one column per day (:mod:`careerlib.importers.grid`); a table of counts,
a pivot table (no company column) or a dashboard (mostly formulas) does not. The one
sheet that looks like a log is read; when two do, the user is asked (``sheet = "..."``
in the mapping); when none does, the widest table that is not a dashboard is read and
the importer's own questions follow. Every message names the workbook's sheets.

A title above the table is allowed: the header is the first row naming a known column,
else the first about as wide as the table (rows above it are titles, not read and said so). Lines are the row
numbers the spreadsheet shows.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.cells import UNNAMED, check_header, drop_empty_rows, filled
from careerlib.importers.decisions import Decisions
from careerlib.importers.grid import Grid, as_grid, day_text
from careerlib.importers.vocabulary import column_synonyms, fold, stage_columns
from careerlib.importers.xlsx import IS_DATE, IS_FORMULA, SheetCells, Workbook, column_letters, open_workbook
from careerlib.io import LINE

_NUMBER = re.compile(r"\s*[-+]?[\d.,]+\s*$")
LOG_ROWS = 2  # "over several rows": at least this many rows name a company
HEADER_SEARCH = 10  # the header is looked for among the first rows with cells
_DATE_FIELDS = ("applied", "updated", "history")
_STATUS_FIELDS = ("status", "outcome")


@dataclass(frozen=True)
class SheetInfo:
    """One sheet as careerlib sees it: its size, whether it looks like a log, and why."""

    name: str
    rows: int  # rows with a value below the header
    columns: int  # columns with a value
    looks_like_log: bool
    why: str
    hidden: bool = False

    def said(self) -> str:
        """The sheet as messages name it: its name, and why it looks (or not) like a log."""
        return f"{self.name!r} ({'hidden; ' if self.hidden else ''}{self.why})"


@dataclass(frozen=True)
class SheetTable:
    """A sheet's cells as a table of text (columns under unique placeholder names until
    :meth:`checked`), with the facts the choice and the summary need."""

    info: SheetInfo
    table: pd.DataFrame  # positional column names '0', '1', ... plus line
    header: list[str]
    header_row: int
    gaps: int  # empty rows between the header and the last row with a value
    letters: tuple[str, ...] = ()  # each column's letter in the sheet
    grid: Grid | None = None

    def checked(self, shown: str) -> tuple[pd.DataFrame, int]:
        """The table under its header names (or the unfolded grid), every header check
        done; and the count of empty rows skipped."""
        if self.grid is not None:
            return self.grid.table, 0
        check_header(self.header, shown, line=self.header_row)
        columns = [c for c in self.table.columns if c != LINE]
        # A column with no name goes by its place in the sheet (C is 'column 3'; see cells.position_name).
        places = [_column_number(letters) - 1 for letters in self.letters] or list(range(len(columns)))
        names = {c: (h or f"{UNNAMED}{places[i]}") for i, (c, h) in enumerate(zip(columns, self.header))}
        table, empty = drop_empty_rows(self.table.rename(columns=names), shown, header_line=self.header_row)
        return table, empty + self.gaps


def _column_number(letters: str) -> int:
    """A column's number from its letters: 'A' -> 1, 'AA' -> 27 (``xlsx.column_letters`` undone)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


@dataclass(frozen=True)
class WorkbookRead:
    """The table read from a workbook, and how it was chosen."""

    table: pd.DataFrame
    sheet: str
    shown: str  # the file and sheet, with the other sheets' names, for every message
    sheets: tuple[SheetInfo, ...]
    reason: str  # why this sheet
    header_row: int
    empty_rows: int
    grid: Grid | None


def workbook_sheets(path: str | os.PathLike, *, shown: str | None = None) -> list[SheetInfo]:
    """Every sheet of the workbook, in its order, with whether it looks like a log and why."""
    shown = shown or str(path)
    with open_workbook(path, shown=shown) as book:
        return [found.info if isinstance(found, SheetTable) else found for found in _survey(book, shown)]


def read_workbook(path: str | os.PathLike, *, shown: str, sheet: str | None = None) -> WorkbookRead:
    """The log sheet (or the one named) as a checked table of text cells."""
    with open_workbook(path, shown=shown) as book:
        names = [entry.name for entry in book.sheets]
        if sheet is not None:
            entry = next((e for e in book.sheets if e.name == sheet), None)
            if entry is None:
                raise DataError(
                    f"no sheet named {sheet!r}; the workbook has {_listed(names)}", file=shown, column="sheet"
                )
            chosen = _sheet_table(book, entry.name, book.cells(entry))
            found = [
                chosen if e is entry else SheetInfo(e.name, 0, 0, False, "not looked at", e.hidden) for e in book.sheets
            ]
            reason = "named in the mapping"
        else:
            found = _survey(book, shown)
            chosen, reason = _choose(found, shown)
    infos = tuple(f.info if isinstance(f, SheetTable) else f for f in found)
    others = [n for n in names if n != chosen.info.name]
    where = f"{shown} [{chosen.info.name}" + (f"; other sheets: {_listed(others)}]" if others else "]")
    table, empty = chosen.checked(where)
    return WorkbookRead(table, chosen.info.name, where, infos, reason, chosen.header_row, empty, chosen.grid)


# --------------------------------------------------------------------------- choosing
def _survey(book: Workbook, shown: str) -> list[SheetTable | SheetInfo]:
    """Each sheet read and judged. With several sheets, a sheet that cannot be read is
    listed with the reason instead of stopping the others."""
    found: list[SheetTable | SheetInfo] = []
    for entry in book.sheets:
        if len(book.sheets) == 1:
            found.append(_sheet_table(book, entry.name, book.cells(entry)))
            continue
        try:
            found.append(_sheet_table(book, entry.name, book.cells(entry)))
        except DataError as err:
            found.append(SheetInfo(entry.name, 0, 0, False, f"not readable: {err.problem}", entry.hidden))
    return found


def _choose(found: list[SheetTable | SheetInfo], shown: str) -> tuple[SheetTable, str]:
    tables = [f for f in found if isinstance(f, SheetTable)]
    infos = [f.info if isinstance(f, SheetTable) else f for f in found]
    every = "; ".join(i.said() for i in infos)
    logs = [t for t in tables if t.info.looks_like_log]
    if len(found) == 1 and tables:
        return tables[0], "its only sheet"
    if len(logs) == 1:
        return logs[0], "the one that looks like a log"
    if len(logs) > 1:  # a question like any other (``sheet = "..."``), asked with the rest by ``read``
        decisions = Decisions(shown)
        decisions.choose_sheet([t.info.name for t in logs], [i.said() for i in infos])
        decisions.raise_if_any()
    readable = [t for t in tables if t.info.rows and not t.info.why.startswith("a dashboard")]
    if not readable:
        readable = [t for t in tables if t.info.rows or t.info.columns]
    if not readable:
        raise DataError(f"no sheet of this workbook holds a table; its sheets: {every}", file=shown)
    widest = max(readable, key=lambda t: (sum(1 for h in t.header if h), t.info.rows))
    return widest, f"no sheet looks like a log ({every}), so the widest table"


def _listed(names: list[str]) -> str:
    return ", ".join(map(repr, names))


# --------------------------------------------------------------------------- one sheet
def _sheet_table(book: Workbook, name: str, cells: SheetCells) -> SheetTable:
    """The cells of one sheet as a table below its header row, judged."""
    entry = cells.entry
    if not cells.texts:
        why = "a chart" if entry.kind == "chartsheet" else "empty"
        info = SheetInfo(name, 0, 0, False, why, entry.hidden)
        return SheetTable(info, pd.DataFrame({LINE: np.array([], dtype=np.int64)}), [], 1, 0)
    rows = np.asarray(cells.rows, dtype=np.int64)
    cols = np.asarray(cells.cols, dtype=np.int64)
    texts = np.asarray(cells.texts, dtype=object)
    flags = np.frombuffer(bytes(cells.flags), dtype=np.uint8)
    header_row = _header_row(rows, texts, flags)
    below = rows >= header_row
    used = np.unique(cols[below])
    at_header = rows == header_row
    head = dict(zip(cols[at_header].tolist(), texts[at_header].tolist()))
    header = [str(head.get(c, "")).strip() for c in used.tolist()]
    data = rows > header_row
    lines = np.unique(rows[data])
    body = np.full((len(lines), len(used)), "", dtype=object)
    body[np.searchsorted(lines, rows[data]), np.searchsorted(used, cols[data])] = texts[data]
    table = pd.DataFrame(body, columns=[str(i) for i in range(len(used))], dtype=object)
    table[LINE] = lines
    gaps = int(lines[-1] - header_row - len(lines)) if len(lines) else 0
    grid = as_grid(table, header)
    kinds = _cell_kinds(cols[data], flags[data], used)
    kinds["formulas without a value"] = cells.empty_formulas
    letters = tuple(column_letters(c) for c in used.tolist())
    looks, why = _judge(header, table, kinds, grid, letters)
    info = SheetInfo(name, len(lines), len(used), looks, why, entry.hidden)
    return SheetTable(info, table, header, header_row, gaps, letters, grid)


def _header_row(rows: np.ndarray, texts: np.ndarray, flags: np.ndarray) -> int:
    """The header among the first rows with cells: the first of words only (no number,
    no date) naming a known column (company, a date, a status), else the first at least
    half as wide as the widest of them (a title of a cell or two may sit above it), else
    the first row with a cell."""
    numbers, counts = np.unique(rows, return_counts=True)
    numbers, counts = numbers[:HEADER_SEARCH], counts[:HEADER_SEARCH]
    known = {s for field in ("company", *_DATE_FIELDS, *_STATUS_FIELDS) for s in column_synonyms().get(field, ())}
    top = rows <= numbers[-1]
    for number in numbers[counts >= 2].tolist():
        here = top & (rows == number)
        words = texts[here].tolist()
        if (flags[here] & IS_DATE).any() or any(_NUMBER.match(w) for w in words):
            continue
        if any(fold(text) in known for text in words):
            return int(number)
    wide = np.flatnonzero((counts >= 2) & (2 * counts >= counts.max()))
    return int(numbers[wide[0]] if len(wide) else numbers[0])


def _cell_kinds(cols: np.ndarray, flags: np.ndarray, used: np.ndarray) -> dict[str, np.ndarray]:
    """Per column (in ``used`` order): filled cells, date cells, formula cells."""
    position = np.searchsorted(used, cols)
    size = len(used)
    return {
        "filled": np.bincount(position, minlength=size),
        "dates": np.bincount(position, weights=(flags & IS_DATE) > 0, minlength=size),
        "formulas": np.bincount(position, weights=(flags & IS_FORMULA) > 0, minlength=size),
    }


def _judge(
    header: list[str], table: pd.DataFrame, kinds: dict[str, np.ndarray], grid: Grid | None, letters: tuple[str, ...]
) -> tuple[bool, str]:
    """Whether a sheet looks like a log, and the evidence in words."""
    if grid is not None:
        return len(grid.table) > 0, grid.describe()
    empty = kinds["formulas without a value"]  # openpyxl and some tools save formulas uncomputed
    filled_cells, formulas = int(kinds["filled"].sum()) + empty, int(kinds["formulas"].sum()) + empty
    if filled_cells and 2 * formulas >= filled_cells:
        return False, f"a dashboard: {formulas:,} of its {filled_cells:,} cells are formulas"
    synonyms = column_synonyms()
    folded = [fold(h) for h in header]
    names = set(synonyms.get("company", ())) | set(synonyms.get("id", ()))
    company = next((i for i, f in enumerate(folded) if f and f in names), None)
    shown_headers = ", ".join(repr(h) for h in header[:4] if h) + (", ..." if len(header) > 4 else "")
    if company is None:
        return False, f"no company column; headers {shown_headers or 'none'}"
    evidence = _time_or_status(header, folded, table, kinds, letters, company)
    if evidence is None:
        return False, f"a company column {header[company]!r} but no date, status or stage column"
    named = int(filled(table[str(company)]).sum())
    if named < LOG_ROWS:
        return False, f"only {named} row(s) name a company"
    return True, f"company column {header[company]!r}, {evidence}, {named:,} rows"


def _time_or_status(header, folded, table, kinds, letters, company) -> str | None:
    """The first column that dates or stages the applications, in words, else None."""
    synonyms = column_synonyms()
    dates = {s for f in _DATE_FIELDS for s in synonyms.get(f, ())}
    statuses = {s for f in _STATUS_FIELDS for s in synonyms.get(f, ())}
    stages = set(stage_columns())
    for i, key in enumerate(folded):
        if i == company or not key:
            continue
        if key in dates:
            return f"date column {header[i]!r}"
        if key in statuses:
            return f"status column {header[i]!r}"
        if key in stages:
            return f"stage column {header[i]!r}"
    for i in range(len(header)):
        if i == company or not kinds["filled"][i]:
            continue
        texts = table[str(i)]
        sample = texts[filled(texts)].head(50)
        text_dates = int(sample.map(lambda v: day_text(v) is not None).sum())
        if 2 * kinds["dates"][i] >= kinds["filled"][i] or (len(sample) and 2 * text_dates >= len(sample)):
            return f"dates in column {header[i] or letters[i]!r}"
    return None
