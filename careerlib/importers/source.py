"""Reading a user's file into a table of text cells, whatever it was saved as:
CSV (comma, semicolon or tab; CRLF; UTF-8 with or without BOM, or Windows' cp1252),
an Excel workbook (.xlsx, first sheet unless one is named) or LinkedIn's data
download (.zip holding ``Jobs/Job Applications.csv``).

Every table has a ``line`` column: the line a text editor (or the row number a
spreadsheet) shows, header = 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io as _io
import os
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.vocabulary import fold
from careerlib.io import LINE, distinct, existing_file, raw_bytes, resolve_path, undecodable, without_bom

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
LINKEDIN_MEMBER = re.compile(r"(^|/)Job Applications\.csv$", re.IGNORECASE)
POSITIONS_MEMBER = re.compile(r"(^|/)Positions\.csv$", re.IGNORECASE)
_LEADING_BLANKS = re.compile(rb"[\r\n]*")
_BLANK_LINE = re.compile(rb"\n[ \t,;\r]*\n|\n[ \t,;\r]+\Z")  # a line with no value on it
_MAX_MEMBER_BYTES = 500 * 2**20  # a zip member larger than this is not a job-search log


@dataclass(frozen=True)
class Source:
    """Where the table came from and how it was read (for messages and the summary)."""

    shown: str  # the name used in messages: the path, or 'export.zip:Jobs/Job Applications.csv'
    kind: str  # 'csv', 'xlsx' or 'zip'
    encoding: str = "utf-8"
    delimiter: str = ","
    sheet: str | None = None
    empty_rows: int = 0  # rows with every cell empty, skipped

    def describe(self) -> str:
        if self.kind == "xlsx":
            return f"Excel workbook, sheet {self.sheet!r}"
        how = f"{DELIMITERS.get(self.delimiter, repr(self.delimiter))}-separated text"
        if self.encoding == "cp1252":
            how += ", decoded as Windows-1252 (cp1252) because it is not UTF-8"
        return how + (" from the LinkedIn download" if self.kind == "zip" else "")


def read_source(path: str | os.PathLike, *, sheet: str | None = None) -> tuple[pd.DataFrame, Source]:
    """The file's cells as stripped text ('' for empty) plus a ``line`` column."""
    shown = str(path)
    full = existing_file(path, shown=shown)
    suffix = full.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(full, shown=shown, sheet=sheet)
    if suffix == ".zip":
        member, raw = linkedin_member(full, shown=shown)
        table, source = read_csv_bytes(raw, shown=f"{shown}:{member}")
        return table, Source(**{**source.__dict__, "kind": "zip"})
    if sheet is not None:
        raise DataError("the mapping names a sheet, but this is not an Excel (.xlsx) file", file=shown, column="sheet")
    return read_csv_bytes(raw_bytes(full, shown=shown), shown=shown)


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
    if not raw or raw.isspace():  # isspace stops at the first character that is not (no copy)
        raise DataError("the file is empty", file=shown)
    if b"\x00" in raw[:8192]:
        raise DataError("this is a binary file, not a text (CSV) file; save it as CSV or .xlsx", file=shown)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    body = raw[bom:]
    leading = _LEADING_BLANKS.match(body).end()  # blank lines above the header push every line down
    if leading:
        body = body[leading:]
    try:  # UTF-8 is checked by the parser itself: no second pass over a large file
        end = body.find(b"\n")
        table, delimiter = _parse(body, (body if end < 0 else body[:end]).decode("utf-8"), shown)
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = decode(body, shown=shown)
        body = text.encode("utf-8")
        table, delimiter = _parse(body, text.split("\n", 1)[0], shown)
    table[LINE] = _physical_lines(table, body) + raw[: bom + leading].count(b"\n")
    table, empty = _drop_empty_rows(table, shown, look=bool(_BLANK_LINE.search(body)))
    return table, Source(shown=shown, kind="csv", encoding=encoding, delimiter=delimiter, empty_rows=empty)


def _parse(data: bytes, first: str, shown: str) -> tuple[pd.DataFrame, str]:
    delimiter = sniff_delimiter(first)
    try:
        header = next(csv.reader([first.rstrip("\r")], delimiter=delimiter), [])
    except csv.Error:  # a lone carriage return inside the header (old Mac line endings, a pasted cell)
        raise DataError(
            "the header line holds a stray line break (carriage return); save the file as CSV with "
            "ordinary line endings",
            file=shown,
            line=1,
        ) from None
    _check_header(header, shown)
    try:
        table = pd.read_csv(
            _io.BytesIO(data),
            sep=delimiter,
            encoding="utf-8",
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            header=0,
            names=[h.strip() or f"Unnamed: {i}" for i, h in enumerate(header)],
        )
    except pd.errors.EmptyDataError:
        raise DataError("the file has no header line", file=shown) from None
    except (pd.errors.ParserError, csv.Error) as err:
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise DataError(f"not a readable CSV file ({message})", file=shown) from None
    except ValueError as err:
        if isinstance(err, UnicodeDecodeError):
            raise
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise DataError(f"not a readable CSV file ({message})", file=shown) from None
    return table, delimiter


def _check_header(header: list[str], shown: str) -> None:
    seen: dict[str, str] = {}
    for name in header:
        if not name.strip():
            continue  # an unnamed column is dropped later if it is empty
        key = fold(name)
        if key in seen:
            raise DataError(
                f"two columns have the same name ({seen[key]!r} and {name!r}); rename one",
                file=shown,
                line=1,
                column=name.strip(),
            )
        seen[key] = name


def _physical_lines(table: pd.DataFrame, raw: bytes) -> np.ndarray:
    """Header is line 1; line breaks inside quoted cells push later records down."""
    n = len(table)
    lines = np.arange(2, n + 2)
    if n and raw.count(b"\n") > n + 1:
        breaks = np.zeros(n, dtype=np.int64)
        for column in table.columns:
            codes, uniques = distinct(table[column])
            breaks += np.asarray(uniques.astype(str).str.count("\n"), dtype=np.int64)[codes]
        lines = lines + np.concatenate(([0], np.cumsum(breaks)[:-1]))
    return lines


def _drop_empty_rows(table: pd.DataFrame, shown: str, *, look: bool = True) -> tuple[pd.DataFrame, int]:
    """Rows with every cell empty are skipped (and counted); unnamed columns with nothing
    in them are dropped. ``look=False``: the text has no blank line, so skip the search."""
    for column in table.columns.drop(LINE):
        if str(column).startswith("Unnamed:"):
            codes, uniques = distinct(table[column])
            if (np.asarray(uniques.astype(str).str.strip(), dtype=object) != "").any():
                raise DataError("a column with values in it has no name in the header", file=shown, line=1)
            table = table.drop(columns=column)
    if not look or not len(table):
        return table, 0
    empty = np.ones(len(table), dtype=bool)
    for column in table.columns.drop(LINE):
        codes, uniques = distinct(table[column])
        empty &= np.asarray(uniques.astype(str).str.strip() == "", dtype=bool)[codes]
    if empty.any():
        table = table.loc[~empty].reset_index(drop=True)
    return table, int(empty.sum())


# --------------------------------------------------------------------------- zip
def linkedin_member(path, *, shown: str) -> tuple[str, bytes]:
    """The job applications file inside LinkedIn's data download."""
    found = zip_member(path, LINKEDIN_MEMBER, shown=shown)
    if found is None:
        raise DataError("this zip holds no 'Jobs/Job Applications.csv'; is it LinkedIn's data download?", file=shown)
    return found


def zip_member(path, pattern: re.Pattern, *, shown: str) -> tuple[str, bytes] | None:
    """(name, bytes) of the first member matching ``pattern``, or None."""
    try:
        with zipfile.ZipFile(resolve_path(path)) as archive:
            found = [i for i in archive.infolist() if pattern.search(i.filename)]
            if not found:
                return None
            if found[0].file_size > _MAX_MEMBER_BYTES:
                raise DataError("a file in this zip is too large to be LinkedIn's", file=shown, value=found[0].filename)
            return found[0].filename, archive.read(found[0])
    except zipfile.BadZipFile:
        raise DataError("not a readable zip file", file=shown) from None


# --------------------------------------------------------------------------- Excel
def read_xlsx(path, *, shown: str, sheet: str | None = None) -> tuple[pd.DataFrame, Source]:
    import openpyxl  # only needed for workbooks

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged or mislabelled file
        raise DataError(f"not a readable Excel workbook ({type(err).__name__})", file=shown) from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise DataError(
                f"no sheet named {sheet!r}; the workbook has {', '.join(map(repr, book.sheetnames))}",
                file=shown,
                column="sheet",
            )
        rows = list(ws.iter_rows(values_only=True))
        name = ws.title
    finally:
        book.close()
    shown_sheet = f"{shown} [{name}]"
    if not rows or all(v is None for v in rows[0]):
        raise DataError("the sheet is empty (the header must be on row 1)", file=shown_sheet)
    header = [_cell_text(v).strip() for v in rows[0]]
    width = max(len(r) for r in rows)
    header += [""] * (width - len(header))
    _check_header(header, shown_sheet)
    names = [h if h else f"Unnamed: {i}" for i, h in enumerate(header)]
    body = pd.DataFrame([tuple(r) + (None,) * (width - len(r)) for r in rows[1:]], columns=names, dtype=object)
    for column in body.columns:
        codes, uniques = pd.factorize(body[column])
        text = np.array([_cell_text(v) for v in uniques] + [""], dtype=object)  # distinct values only
        body[column] = text[codes]
    body[LINE] = np.arange(2, len(body) + 2)
    body, empty = _drop_empty_rows(body, shown_sheet)
    return body, Source(shown=shown_sheet, kind="xlsx", sheet=name, empty_rows=empty)


def _cell_text(value) -> str:
    """A cell as the text a CSV export would hold; dates as ISO so their order is certain."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
