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
from careerlib.importers.cells import check_header, drop_empty_rows
from careerlib.importers.grid import as_grid, day_columns
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
        return how + (f"; {self.grid}" if self.grid else "")


def read_source(path: str | os.PathLike, *, sheet: str | None = None) -> tuple[pd.DataFrame, Source]:
    """The file's cells as text ('' for empty) plus a ``line`` column."""
    shown = str(path)
    full = existing_file(path, shown=shown)
    suffix = full.suffix.lower()
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
    return read_csv_bytes(raw_bytes(full, shown=shown), shown=shown)


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


def read_csv_bytes(raw: bytes, *, shown: str) -> tuple[pd.DataFrame, Source]:
    """A CSV file's bytes as a table of text cells (see the module's docstring)."""
    if not raw or raw.isspace():  # isspace stops at the first character that is not (no copy)
        raise DataError("the file is empty", file=shown)
    utf16 = raw.startswith(_UTF16_BOMS)
    if utf16:
        raw = _utf16_as_utf8(raw, shown)
    if b"\x00" in raw[:8192]:
        raise DataError("this is a binary file, not a text (CSV) file; save it as CSV or .xlsx", file=shown)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    body = raw[bom:]
    leading = _TOP_NOTES.match(body).end()  # blank lines and comments above the header push every line down
    comments = _comment_lines(body[:leading])
    leading = leading if comments else _LEADING_BLANKS.match(body).end()
    if leading:
        body = body[leading:]
    above = raw[: bom + leading].count(b"\n")
    if comments and (not body or body.isspace()):
        raise DataError("every line of the file starts with '#' (a comment): there is no data", file=shown)
    try:  # UTF-8 is checked by the parser itself: no second pass over a large file
        end = body.find(b"\n")
        table, delimiter, header = _parse(body, (body if end < 0 else body[:end]).decode("utf-8"), shown, above)
        encoding = "utf-16" if utf16 else "utf-8"
    except UnicodeDecodeError:
        text, encoding = decode(body, shown=shown)
        body = text.encode("utf-8")
        table, delimiter, header = _parse(body, text.split("\n", 1)[0], shown, above)
    table[LINE] = physical_lines(table, body) + above
    source = Source(shown=shown, kind="csv", encoding=encoding, delimiter=delimiter, comment_lines=comments)
    if header is not None:  # a header of days: a grid of applications, or else the usual checks
        grid = as_grid(table, header)
        if grid is not None:
            return grid.table, replace(source, grid=grid.describe(), rows_are_distinct=True)
        check_header(header, shown, line=above + 1)
        table.columns = [*(h.strip() or f"Unnamed: {i}" for i, h in enumerate(header)), LINE]
    table, empty = drop_empty_rows(table, shown, look=bool(_BLANK_LINE.search(body)), header_line=above + 1)
    return table, replace(source, empty_rows=empty)


def _comment_lines(top: bytes) -> tuple[int, int] | None:
    """The first and last line (1 = the file's first) of the comment lines in ``top``, the
    blank and comment lines above the header; None when none of them is a comment."""
    starts = [m.start() for m in _COMMENT_LINE.finditer(top)]
    if not starts:
        return None
    return top.count(b"\n", 0, starts[0]) + 1, top.count(b"\n", 0, starts[-1]) + 1


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


def _parse(data: bytes, first: str, shown: str, above: int = 0) -> tuple[pd.DataFrame, str, list[str] | None]:
    """(table, delimiter, header): ``header`` is None once checked; a header of days is
    returned unchecked, its columns under their positions, for ``grid`` to look at."""
    delimiter = sniff_delimiter(first)
    # The header line alone through csv.reader, not pandas: pandas renames a repeated or an
    # empty name ('a.1', 'Unnamed: 0'), which would hide what check_header has to name.
    try:
        header = next(csv.reader([first.rstrip("\r")], delimiter=delimiter), [])
    except csv.Error:  # a lone carriage return inside the header (old Mac line endings, a pasted cell)
        raise DataError(
            "the header line holds a stray line break (carriage return); save the file as CSV with "
            "ordinary line endings",
            file=shown,
            line=above + 1,
        ) from None
    days = day_columns(header)
    if days is None:
        check_header(header, shown, line=above + 1)
        names = [h.strip() or f"Unnamed: {i}" for i, h in enumerate(header)]
    else:
        names = [str(i) for i in range(len(header))]
    table = parse_csv_bytes(data, shown=shown, sep=delimiter, names=names, above=above)
    return table, delimiter, None if days is None else header


# --------------------------------------------------------------------------- zip
def linkedin_member(path, *, shown: str) -> tuple[str, bytes]:
    """The job applications file inside LinkedIn's data download."""
    found = zip_member(path, LINKEDIN_MEMBER, shown=shown)
    if found is None:
        raise DataError("this zip holds no 'Jobs/Job Applications.csv'; is it LinkedIn's data download?", file=shown)
    return found
