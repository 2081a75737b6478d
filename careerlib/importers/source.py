"""Reading a user's file into a table of text cells, whatever it was saved as:
CSV (comma, semicolon or tab; CRLF; UTF-8 with or without BOM, Windows' cp1252, or the
UTF-16 of Excel's "Unicode Text"), an Excel workbook (.xlsx: the sheet that holds a log,
see ``workbook``) or LinkedIn's data download (.zip holding ``Jobs/Job Applications.csv``,
read within the bounds of ``zipped``). A sheet kept as one column per day is unfolded
into one row per application (``grid``).

Every table has a ``line`` column: the line a text editor (or the row number a
spreadsheet) shows, header = 1.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, replace

import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.cells import UNNAMED, check_header, drop_empty_rows
from careerlib.importers.decisions import Decisions
from careerlib.importers.grid import as_grid, day_columns
from careerlib.importers.headerless import header_question
from careerlib.importers.workbook import SheetInfo, read_workbook
from careerlib.importers.zipped import zip_member
from careerlib.io import (
    CSV_DELIMITERS,
    LINE,
    existing_file,
    parse_csv_bytes,
    physical_lines,
    raw_bytes,
    undecodable,
    without_bom,
)

__all__ = [
    "DELIMITERS",
    "LINKEDIN_MEMBER",
    "POSITIONS_MEMBER",
    "Source",
    "decode",
    "linkedin_member",
    "read_csv_bytes",
    "read_source",
    "sniff_delimiter",
    "zip_member",
]

DELIMITERS = CSV_DELIMITERS
LINKEDIN_MEMBER = re.compile(r"(^|/)Job Applications\.csv$", re.IGNORECASE)
POSITIONS_MEMBER = re.compile(r"(^|/)Positions\.csv$", re.IGNORECASE)
_LEADING_BLANKS = re.compile(rb"[\r\n]*")
# Blank lines and comment lines at the top: a line starting with '#' is a note about the file,
# unless the '#' is a cell of its own ('#,Company,...': a header naming a column of row numbers).
_TOP_NOTES = re.compile(rb"(?:\r?\n|#(?![ \t]*[,;\t])[^\n]*(?:\n|\Z))*")
_COMMENT_LINE = re.compile(rb"^#", re.MULTILINE)
_BLANK_LINE = re.compile(rb"\n[ \t,;\r]*\n|\n[ \t,;\r]+\Z")  # a line with no value on it
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ENCODINGS = {
    "cp1252": "decoded as Windows-1252 (cp1252) because it is not UTF-8",
    "utf-16": "decoded as UTF-16 (Excel's 'Unicode Text')",
}


@dataclass(frozen=True)
class Source:
    """Where the table came from and how it was read (for messages and the summary)."""

    shown: str  # the name used in messages: the path, or 'export.zip:Jobs/Job Applications.csv'
    kind: str  # 'csv', 'xlsx' or 'zip'
    encoding: str = "utf-8"
    delimiter: str = ","
    sheet: str | None = None
    empty_rows: int = 0  # rows with every cell empty, skipped
    sheets: tuple[SheetInfo, ...] = ()  # every sheet of a workbook, in its order
    sheet_reason: str = ""  # why this sheet was read
    header_line: int = 1  # the header's line (a workbook may have a title above it)
    grid: str = ""  # a day grid unfolded: what was read and what was not
    rows_are_distinct: bool = False  # each row is its own application: never merge equal rows
    comment_lines: tuple[int, int] | None = None  # first and last line starting with '#' at the top, not read
    skipped_lines: int = 0  # lines at the top skipped as the mapping asks (skip_lines)
    named: tuple[str, ...] = ()  # no header line: the columns named by the mapping (header)

    def comments(self) -> str:
        """The comment lines at the top, in words ('' when there are none)."""
        if self.comment_lines is None:
            return ""
        first, last = self.comment_lines
        where = f"line {first} starts" if first == last else f"lines {first}\u2013{last} start"
        return f"{where} with '#': read as comments, not data"

    def describe(self) -> str:
        """How the file was read, in words (the summary's "read as")."""
        if self.kind == "xlsx":
            how = f"Excel workbook, sheet {self.sheet!r}"
            if len(self.sheets) > 1:
                how += f" ({self.sheet_reason})"
                others = [s.said() for s in self.sheets if s.name != self.sheet]
                how += "; other sheets, not read: " + "; ".join(others)
            if self.header_line > 1:
                how += f"; header on row {self.header_line} (the rows above it, a title, not read)"
        else:
            how = f"{DELIMITERS.get(self.delimiter, repr(self.delimiter))}-separated text"
            if self.encoding in _ENCODINGS:
                how += ", " + _ENCODINGS[self.encoding]
            how += " from the LinkedIn download" if self.kind == "zip" else ""
            how += f"; {self.comments()}" if self.comment_lines else ""
            if self.skipped_lines:
                lines = "line 1" if self.skipped_lines == 1 else f"lines 1\u2013{self.skipped_lines}"
                how += f"; {lines} skipped as the mapping asks (skip_lines), not read"
            if self.named:
                how += "; no header line: the columns are named by the mapping's header (" + ", ".join(self.named) + ")"
        return how + (f"; {self.grid}" if self.grid else "")


def read_source(
    path: str | os.PathLike,
    *,
    sheet: str | None = None,
    skip_lines: int | None = None,
    header: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, Source]:
    """The file's cells as text ('' for empty) plus a ``line`` column. ``skip_lines`` and
    ``header`` (the mapping's, CSV only): lines at the top that are notes, and the names
    of the columns of a file with no header line."""
    shown = str(path)
    full = existing_file(path, shown=shown)
    suffix = full.suffix.lower()
    if (skip_lines is not None or header) and suffix not in (".csv", ".tsv", ".txt", ""):
        raise DataError(
            "the mapping's skip_lines and header are for CSV files; remove them for this file",
            file=shown,
            column="header" if header else "skip_lines",
        )
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(full, shown=shown, sheet=sheet)
    if suffix == ".xls":
        raise DataError(
            "this is an old Excel 97-2003 (.xls) file; save it as 'Excel Workbook (.xlsx)' or as CSV", file=shown
        )
    if suffix == ".zip":
        member, raw = linkedin_member(full, shown=shown)
        table, source = read_csv_bytes(raw, shown=f"{shown}:{member}")
        return table, replace(source, kind="zip")
    if sheet is not None:
        raise DataError("the mapping names a sheet, but this is not an Excel (.xlsx) file", file=shown, column="sheet")
    return read_csv_bytes(raw_bytes(full, shown=shown), shown=shown, skip_lines=skip_lines, header=header)


def read_xlsx(path, *, shown: str, sheet: str | None = None) -> tuple[pd.DataFrame, Source]:
    """The workbook's log sheet (or the one named) as a table; see ``workbook``."""
    found = read_workbook(path, shown=shown, sheet=sheet)
    source = Source(
        shown=found.shown,
        kind="xlsx",
        sheet=found.sheet,
        empty_rows=found.empty_rows,
        sheets=found.sheets,
        sheet_reason=found.reason,
        header_line=found.header_row,
        grid=found.grid.describe() if found.grid is not None else "",
        rows_are_distinct=found.grid is not None,
    )
    return found.table, source


# --------------------------------------------------------------------------- CSV
def decode(raw: bytes, *, shown: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 (a BOM is dropped), else cp1252, which is what Excel on
    Windows writes; a file that is neither is refused with the first bad byte's line."""
    raw = without_bom(raw)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        problem = "the file is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8' and try again"
        raise undecodable(raw, err, shown, problem) from None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon and tab
    (a header rarely holds the others; ties go to the comma)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv_bytes(
    raw: bytes, *, shown: str, skip_lines: int | None = None, header: tuple[str, ...] | None = None
) -> tuple[pd.DataFrame, Source]:
    """A CSV file's bytes as a table of text cells (see the module's docstring). Lines at
    the top starting with '#' are comments; ``skip_lines`` lines at the top are skipped;
    ``header`` names the columns of a file with no header line. Without either, a first
    line that looks like a note or like data raises the question (``headerless``)."""
    if not raw or raw.isspace():  # isspace stops at the first character that is not (no copy)
        raise DataError("the file is empty", file=shown)
    utf16 = raw.startswith(_UTF16_BOMS)
    if utf16:
        raw = _utf16_as_utf8(raw, shown)
    if b"\x00" in raw[:8192]:
        raise DataError("this is a binary file, not a text (CSV) file; save it as CSV or .xlsx", file=shown)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    body = raw[bom:]
    skipped = _skipped(body, skip_lines, shown) if skip_lines else 0
    body = body[skipped:]
    leading = _TOP_NOTES.match(body).end()  # blank lines and comments above the header push every line down
    comments = _comment_lines(body[:leading], skip_lines or 0)
    leading = leading if comments else _LEADING_BLANKS.match(body).end()
    if leading:
        body = body[leading:]
    above = raw[: bom + skipped + leading].count(b"\n")
    if comments and (not body or body.isspace()):
        raise DataError("every line of the file starts with '#' (a comment): there is no data", file=shown)
    if skip_lines is None and not header:  # a note or data where the header should be: asked, never guessed
        _ask_header(body, above, shown)
    names = list(header) if header else None
    try:  # UTF-8 is checked by the parser itself: no second pass over a large file
        end = body.find(b"\n")
        table, delimiter, days = _parse(body, (body if end < 0 else body[:end]).decode("utf-8"), shown, above, names)
        encoding = "utf-16" if utf16 else "utf-8"
    except UnicodeDecodeError:
        text, encoding = decode(body, shown=shown)
        body = text.encode("utf-8")
        table, delimiter, days = _parse(body, text.split("\n", 1)[0], shown, above, names)
    table[LINE] = physical_lines(table, body) + above - (1 if names else 0)  # no header line: data from line 1
    source = Source(
        shown=shown,
        kind="csv",
        encoding=encoding,
        delimiter=delimiter,
        comment_lines=comments,
        skipped_lines=skip_lines or 0,
        named=tuple(header or ()),
    )
    if days is not None:  # a header of days: a grid of applications, or else the usual checks
        header = days
        grid = as_grid(table, header)
        if grid is not None:
            return grid.table, replace(source, grid=grid.describe(), rows_are_distinct=True)
        check_header(header, shown, line=above + 1)
        table.columns = [*(h.strip() or f"{UNNAMED}{i}" for i, h in enumerate(header)), LINE]
    look = bool(_BLANK_LINE.search(body))  # the mapping's header leaves no column unnamed: names it in full
    table, empty = drop_empty_rows(table, shown, look=look, header_line=above + 1, by_position=names is None)
    return table, replace(source, empty_rows=empty)


def _comment_lines(top: bytes, above: int = 0) -> tuple[int, int] | None:
    """The first and last line (1 = the file's first) of the comment lines in ``top``, the
    blank and comment lines above the header (``above`` lines before it); None when none
    of them is a comment."""
    starts = [m.start() for m in _COMMENT_LINE.finditer(top)]
    if not starts:
        return None
    return above + top.count(b"\n", 0, starts[0]) + 1, above + top.count(b"\n", 0, starts[-1]) + 1


def _skipped(body: bytes, lines: int, shown: str) -> int:
    """How many bytes the first ``lines`` lines of ``body`` take (the mapping's skip_lines)."""
    at = 0
    for _ in range(lines):  # a handful of lines, as the mapping says
        found = body.find(b"\n", at)
        if found < 0:
            total = body.count(b"\n") + 1
            raise DataError(
                f"the mapping skips {lines} line(s) (skip_lines) but the file has only {total}",
                file=shown,
                column="skip_lines",
            )
        at = found + 1
    return at


def _ask_header(body: bytes, above: int, shown: str) -> None:
    """Raise the header question (one DataError carrying it) when the first line read as
    the header looks like a note or like data (``headerless``)."""
    sample = body[:4096].decode("utf-8", errors="replace")
    question = header_question(body, above=above, delimiter=sniff_delimiter(sample))
    if question is not None:
        decisions = Decisions(shown)
        decisions.header = question
        decisions.raise_if_any()


def _utf16_as_utf8(raw: bytes, shown: str) -> bytes:
    """A UTF-16 file (byte-order mark first, as Excel's "Unicode Text" writes) as UTF-8 bytes."""
    try:
        return raw.decode("utf-16").encode("utf-8")
    except UnicodeError as err:
        start = getattr(err, "start", 0)
        line = raw[:start].decode("utf-16", errors="replace").count("\n") + 1
        raise DataError(
            "the file starts as UTF-16 text but is not UTF-16 throughout; save it as 'CSV UTF-8' and try again",
            file=shown,
            line=line,
        ) from None


def _parse(
    data: bytes, first: str, shown: str, above: int = 0, names: list[str] | None = None
) -> tuple[pd.DataFrame, str, list[str] | None]:
    """(table, delimiter, header): ``header`` is None once checked; a header of days is
    returned unchecked, its columns under their positions, for ``grid`` to look at.
    ``names``: the file has no header line, its first line is data (the mapping's header)."""
    delimiter = sniff_delimiter(first)
    if names is not None:
        return _parse_headerless(data, first, shown, above, names, delimiter), delimiter, None
    header = _line_cells(first, delimiter, shown, above + 1, "header line")
    days = day_columns(header)
    if days is None:
        check_header(header, shown, line=above + 1)
        names = [h.strip() or f"{UNNAMED}{i}" for i, h in enumerate(header)]
    else:
        names = [str(i) for i in range(len(header))]
    table = parse_csv_bytes(data, shown=shown, sep=delimiter, names=names, above=above)
    return table, delimiter, None if days is None else header


def _line_cells(text: str, delimiter: str, shown: str, line: int, what: str) -> list[str]:
    """One line's cells. Through csv.reader, not pandas: pandas renames a repeated or an
    empty name ('a.1', 'Unnamed: 0'), which would hide what check_header has to name."""
    try:
        return next(csv.reader([text.rstrip("\r")], delimiter=delimiter), [])
    except csv.Error:  # a lone carriage return inside the line (old Mac line endings, a pasted cell)
        raise DataError(
            f"the {what} holds a stray line break (carriage return); save the file as CSV with ordinary line endings",
            file=shown,
            line=line,
        ) from None


def _parse_headerless(data: bytes, first: str, shown: str, above: int, names: list[str], delimiter: str):
    """A file without a header line, its columns named by the mapping: as many names as
    the first line has cells (a trailing empty cell, the comma at the end of each line,
    needs no name)."""
    cells = _line_cells(first, delimiter, shown, above + 1, "first line")
    if len(names) == len(cells) - 1 and not cells[-1].strip():
        names = [*names, f"{UNNAMED}{len(names)}"]
    if len(names) != len(cells):
        raise DataError(
            f"the mapping's header names {len(names)} column(s) but line {above + 1} has {len(cells)} cell(s); "
            "give one name per cell, in order",
            file=shown,
            line=above + 1,
            column="header",
        )
    check_header(names, shown, line=above + 1)
    return parse_csv_bytes(data, shown=shown, sep=delimiter, names=names, header=False, above=above)


# --------------------------------------------------------------------------- zip
def linkedin_member(path, *, shown: str) -> tuple[str, bytes]:
    """The job applications file inside LinkedIn's data download."""
    found = zip_member(path, LINKEDIN_MEMBER, shown=shown)
    if found is None:
        raise DataError("this zip holds no 'Jobs/Job Applications.csv'; is it LinkedIn's data download?", file=shown)
    return found
