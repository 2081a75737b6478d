"""The cells of an Excel workbook (.xlsx), read from its XML parts by a streaming parser.

A workbook is a zip of XML parts: ``xl/workbook.xml`` lists the sheets, the relationship
parts say which part holds each, ``xl/sharedStrings.xml`` holds the text, ``xl/styles.xml``
says which number formats are dates, and each sheet part lists its cells. Each part is
read through :mod:`careerlib.importers.zipped` (sizes and ratio checked before it is
unpacked) and parsed by expat element by element, with no tree kept: only the cells that
hold a value are stored, as (row, column, text). Nothing the file says about itself is
trusted: the sheet's declared dimension is never read, every cell is checked against the
limits in :mod:`careerlib.importers.limits`, and a damaged part (truncated XML, a number
cell holding text, a missing part) is a DataError naming the sheet and the cell.

Cells come out as the text a CSV export would hold: numbers without a trailing ``.0``,
date cells as ISO ``YYYY-MM-DD`` (``YYYY-MM-DD HH:MM`` with a time), booleans as
``TRUE``/``FALSE``, errors as Excel shows them (``#N/A``), a formula as its last
computed value.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import posixpath
import re
import zipfile
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.parsers import expat

from careerlib.errors import DataError
from careerlib.importers import limits
from careerlib.importers.zipped import CHUNK, BoundedMember, open_zip

DATE, TIME = 1, 2  # what a cell's number format shows (0: a plain number)
IS_DATE, IS_FORMULA = 1, 2  # bits of SheetCells.flags
_BUILTIN_DATES = {
    **dict.fromkeys([14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)], DATE),
    **dict.fromkeys([18, 19, 20, 21, 45, 46, 47], TIME),
}  # ECMA-376 part 1, 18.8.30
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # OOXML's escape for characters XML cannot hold
_OFFICE_DOCUMENT = "officeDocument"
_MAX_SERIAL = 2958466  # 10000-01-01: Excel's last day is 9999-12-31


@dataclass(frozen=True)
class SheetEntry:
    """A sheet as the workbook lists it."""

    name: str
    part: str | None  # the zip member holding its cells; None when the workbook names none
    hidden: bool = False
    kind: str = "worksheet"  # 'worksheet', or 'chartsheet' etc. (no cells)


@dataclass
class SheetCells:
    """The cells of one sheet that hold a value, in the order the sheet lists them."""

    entry: SheetEntry
    rows: array = field(default_factory=lambda: array("l"))  # 1-based, as Excel numbers them
    cols: array = field(default_factory=lambda: array("l"))  # 1-based (A = 1)
    texts: list[str] = field(default_factory=list)
    flags: bytearray = field(default_factory=bytearray)  # IS_DATE | IS_FORMULA per cell
    empty_formulas: int = 0  # formulas saved without a computed value (no cell kept for them)

    @property
    def formulas(self) -> int:
        """How many cells hold a formula (their saved values are what is read)."""
        return sum(1 for f in self.flags if f & IS_FORMULA)


def column_letters(number: int) -> str:
    """A column's letters as a spreadsheet shows them: 1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """A cell's name as a spreadsheet shows it: (2, 3) -> 'C2'."""
    return f"{column_letters(col)}{row}"


class _Budget:
    """The work one workbook may cost, all parts together (see ``limits``)."""

    def __init__(self, shown: str):
        self.shown, self.elements, self.cells, self.text, self.bytes = shown, 0, 0, 0, 0

    def refuse(self, what: str) -> DataError:
        return DataError(f"this workbook holds {what}; no job-search log is that large", file=self.shown)


# --------------------------------------------------------------------------- the workbook
class Workbook:
    """An open .xlsx: its sheets, and the cells of any one of them on request."""

    def __init__(self, archive: zipfile.ZipFile, shown: str):
        self.archive, self.shown = archive, shown
        self.budget = _Budget(shown)
        self._members = {name.replace("\\", "/").lstrip("/").casefold(): name for name in archive.namelist()}
        root = self._office_document()
        relations = self._relations(root)
        book = _WorkbookPart(self.shown, self.budget)
        self._parse(root, book)
        if not book.sheets:
            raise DataError("this workbook lists no sheets; it is damaged", file=shown)
        if len(book.sheets) > limits.MAX_SHEETS:
            raise self.budget.refuse(f"{len(book.sheets):,} sheets (careerlib reads at most {limits.MAX_SHEETS})")
        self.date1904 = book.date1904
        self.sheets = []
        for name, rid, state in book.sheets:
            part, kind = _target(relations.get(rid), root)
            self.sheets.append(SheetEntry(name, part, hidden=state in ("hidden", "veryHidden"), kind=kind))
        self._strings_part = _first_of_type(relations, "sharedStrings", root)
        self._styles_part = _first_of_type(relations, "styles", root)
        self._strings: list[str] | None = None
        self._formats: list[int] | None = None

    def cells(self, entry: SheetEntry) -> SheetCells:
        """The cells with a value of one sheet (a chart sheet has none)."""
        if entry.kind != "worksheet" or entry.part is None:
            return SheetCells(entry)
        if self._strings is None or self._formats is None:  # both or neither: a failure leaves both unset
            strings, formats = self._shared_strings(), self._date_formats()
            self._strings, self._formats = strings, formats
        parser = _SheetPart(self.shown, self.budget, entry, self._strings, self._formats, self.date1904)
        self._parse(entry.part, parser, what=f"sheet {entry.name!r}")
        return parser.cells

    # ----------------------------------------------------------------------- parts
    def _member(self, part: str) -> zipfile.ZipInfo | None:
        name = self._members.get(part.casefold())
        return None if name is None else self.archive.getinfo(name)

    def _parse(self, part: str, parser: _Part, *, what: str | None = None, required: bool = True) -> bool:
        info = self._member(part)
        if info is None:
            if not required:
                return False
            raise DataError(
                f"this workbook lacks its part {part!r}{f' ({what})' if what else ''}; it is damaged or not a "
                "workbook saved by a spreadsheet program",
                file=self.shown,
            )
        limit = min(limits.MAX_PART_BYTES, limits.MAX_WORKBOOK_BYTES - self.budget.bytes)
        if info.file_size > limit and limit < limits.MAX_PART_BYTES:
            raise self.budget.refuse(f"more than {limits.MAX_WORKBOOK_BYTES // 2**20} MiB of XML")
        with BoundedMember(self.archive, info, shown=self.shown, limit=limit) as stream:
            try:
                parser.feed(stream, what or part)
            finally:
                self.budget.bytes += stream.count
        return True

    def _office_document(self) -> str:
        relations = _RelationsPart(self.shown, self.budget)
        if self._parse("_rels/.rels", relations, required=False):
            target = _first_of_type(relations.targets, _OFFICE_DOCUMENT, "")
            if target:
                return target
        if self._member("xl/workbook.xml") is None:
            raise DataError(
                "this is not an Excel workbook (it holds no xl/workbook.xml); save it from your spreadsheet program "
                "as 'Excel Workbook (.xlsx)'",
                file=self.shown,
            )
        return "xl/workbook.xml"

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        relations = _RelationsPart(self.shown, self.budget)
        self._parse(posixpath.join(folder, "_rels", f"{name}.rels"), relations, required=False)
        return relations.targets

    def _shared_strings(self) -> list[str]:
        strings = _StringsPart(self.shown, self.budget)
        if self._strings_part:
            self._parse(self._strings_part, strings, what="the shared strings")
        return strings.strings

    def _date_formats(self) -> list[int]:
        styles = _StylesPart(self.shown, self.budget)
        if self._styles_part:
            self._parse(self._styles_part, styles, what="the styles")
        return [
            _BUILTIN_DATES.get(n, 0) if n not in styles.codes else _format_kind(styles.codes[n])
            for n in styles.cell_formats
        ]


@contextmanager
def open_workbook(path: str | os.PathLike, *, shown: str) -> Iterator[Workbook]:
    """The workbook at ``path``, or a DataError saying why it cannot be read."""
    with open(path, "rb") as handle:
        start = handle.read(8)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(
            "this is an old Excel 97-2003 file (or a protected workbook); save it as 'Excel Workbook (.xlsx)' "
            "or as CSV and try again",
            file=shown,
        )
    with open_zip(path, shown=shown, what="Excel workbook (.xlsx)") as archive:
        yield Workbook(archive, shown)


def _target(relation: tuple[str, str] | None, source: str) -> tuple[str | None, str]:
    """(part, kind) of a sheet's relationship."""
    if relation is None:
        return None, "worksheet"
    kind, target = relation
    return _resolve(target, source), (kind if kind in ("worksheet", "chartsheet", "dialogsheet") else "worksheet")


def _first_of_type(relations: dict[str, tuple[str, str]], kind: str, source: str) -> str | None:
    return next((_resolve(t, source) for k, t in relations.values() if k == kind), None)


def _resolve(target: str, source: str) -> str:
    """A relationship's target as a member name: relative to the folder of its source part."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _format_kind(code: str) -> int:
    """DATE, TIME or 0 for a number format code (only its first section decides)."""
    letters = _FORMAT_NOISE.sub("", code).split(";")[0].lower()
    if "y" in letters or "d" in letters:
        return DATE
    if "h" in letters or "s" in letters:
        return TIME
    return DATE if "m" in letters else 0


# --------------------------------------------------------------------------- XML parts
class _Part:
    """An expat parser with no tree: subclasses see (local name, attributes) at each
    element's start and end and the text of the elements they ask for."""

    def __init__(self, shown: str, budget: _Budget):
        self.shown, self.budget = shown, budget
        self.depth = 0
        self.capture: list[str] | None = None
        self.captured = 0
        self._local: dict[str, str] = {}

    def feed(self, stream: BoundedMember, what: str) -> None:
        self.what = what
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartDoctypeDeclHandler = self._doctype  # no workbook part has one: refuse entities outright
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as err:
            problem = expat.ErrorString(err.code) if err.code else str(err)
            raise DataError(
                f"{what} of this workbook is damaged or cut short (its XML is {problem} at line {err.lineno}, "
                f"column {err.offset})",
                file=self.shown,
            ) from None
        except RecursionError:
            raise DataError(f"{what} of this workbook is damaged", file=self.shown) from None

    def local(self, name: str) -> str:
        local = self._local.get(name)
        if local is None:
            local = self._local[name] = name.rpartition("}")[2]
        return local

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        budget = self.budget
        budget.elements += 1
        if budget.elements > limits.MAX_ELEMENTS:
            raise budget.refuse(f"more than {limits.MAX_ELEMENTS:,} XML elements")
        if self.depth > limits.MAX_DEPTH:
            raise DataError(
                f"{self.what} of this workbook nests its XML {self.depth} levels deep; it is damaged", file=self.shown
            )
        self.start(self.local(name), attrs)

    def _end(self, name: str) -> None:
        self.depth -= 1
        self.end(self.local(name))

    def _text(self, data: str) -> None:
        if self.capture is not None:
            self.captured += len(data)
            if self.captured > limits.MAX_CELL_CHARS:
                raise DataError(
                    f"{self.what} of this workbook holds a text of more than {limits.MAX_CELL_CHARS:,} characters, "
                    "Excel's own limit for a cell",
                    file=self.shown,
                )
            self.capture.append(data)

    def _doctype(self, *args) -> None:
        raise DataError(
            f"{self.what} of this workbook declares a document type, which no workbook does", file=self.shown
        )

    def begin_text(self) -> None:
        self.capture, self.captured = [], 0

    def take_text(self) -> str:
        text = "".join(self.capture or ())
        self.capture = None
        return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text

    def start(self, local: str, attrs: dict[str, str]) -> None:
        """An element opens (subclasses read what they need)."""

    def end(self, local: str) -> None:
        """An element closes."""


class _RelationsPart(_Part):
    def __init__(self, shown: str, budget: _Budget):
        super().__init__(shown, budget)
        self.targets: dict[str, tuple[str, str]] = {}  # id -> (type's last word, target)

    def start(self, local: str, attrs: dict[str, str]) -> None:
        if local == "Relationship" and attrs.get("TargetMode") != "External":
            kind = attrs.get("Type", "").rstrip("/").rpartition("/")[2]
            self.targets[attrs.get("Id", "")] = (kind, attrs.get("Target", ""))


class _WorkbookPart(_Part):
    def __init__(self, shown: str, budget: _Budget):
        super().__init__(shown, budget)
        self.sheets: list[tuple[str, str, str]] = []  # (name, relationship id, state)
        self.date1904 = False

    def start(self, local: str, attrs: dict[str, str]) -> None:
        if local == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith("}id")), "")
            self.sheets.append((attrs.get("name", f"Sheet{len(self.sheets) + 1}"), rid, attrs.get("state", "")))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _StylesPart(_Part):
    def __init__(self, shown: str, budget: _Budget):
        super().__init__(shown, budget)
        self.codes: dict[int, str] = {}
        self.cell_formats: list[int] = []  # number format id of each cell style, in order
        self._in_cell_xfs = False

    def start(self, local: str, attrs: dict[str, str]) -> None:
        if local == "numFmt":
            number = _number_or_none(attrs.get("numFmtId"))
            if number is not None:
                self.codes[number] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            self._in_cell_xfs = True
        elif local == "xf" and self._in_cell_xfs:
            self.cell_formats.append(_number_or_none(attrs.get("numFmtId")) or 0)

    def end(self, local: str) -> None:
        if local == "cellXfs":
            self._in_cell_xfs = False


class _StringsPart(_Part):
    """The shared strings: each ``si`` is the text of its ``t`` elements (phonetic runs aside)."""

    def __init__(self, shown: str, budget: _Budget):
        super().__init__(shown, budget)
        self.strings: list[str] = []
        self._parts: list[str] | None = None
        self._phonetic = 0

    def start(self, local: str, attrs: dict[str, str]) -> None:
        if local == "si":
            self._parts = []
        elif local == "t" and self._parts is not None and not self._phonetic:
            self.begin_text()
        elif local == "rPh":
            self._phonetic += 1

    def end(self, local: str) -> None:
        if local == "t" and self.capture is not None:
            self._parts.append(self.take_text())
        elif local == "rPh":
            self._phonetic -= 1
        elif local == "si" and self._parts is not None:
            text = "".join(self._parts)
            self._parts = None
            budget = self.budget
            budget.text += len(text)
            if len(self.strings) >= limits.MAX_CELLS or budget.text > limits.MAX_TEXT_CHARS:
                raise budget.refuse(
                    f"more than {limits.MAX_CELLS:,} texts or {limits.MAX_TEXT_CHARS // 2**20} Mi characters of text"
                )
            self.strings.append(text)


class _SheetPart(_Part):
    """The cells of one worksheet: a cell's value is kept when it has one, checked against
    the row and column limits, converted to text once per distinct (value, format)."""

    def __init__(self, shown, budget, entry: SheetEntry, strings: list[str], formats: list[int], date1904: bool):
        super().__init__(shown, budget)
        self.cells = SheetCells(entry)
        self.strings, self.formats, self.date1904 = strings, formats, date1904
        self.row = self.col = 0
        self.in_row = self.in_cell = self.in_inline = False
        self.cell_type = self.ref = ""
        self.style = 0
        self.formula = False
        self.parts: list[str] = []
        self.phonetic = 0
        self.converted: dict[tuple[str, int, str], tuple[str, int]] = {}
        self.style_numbers: dict[str, int] = {}
        self.letter_numbers: dict[str, int] = {}

    # The two handlers below are the hot path (a few calls per cell): they do the base
    # class's accounting inline instead of calling through it.
    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = self._local.get(name) or self.local(name)
        self.depth += 1
        budget = self.budget
        budget.elements += 1
        if budget.elements > limits.MAX_ELEMENTS or self.depth > limits.MAX_DEPTH:
            self.depth -= 1
            return super()._start(name, attrs)  # raises the right error
        if self.in_cell:
            if local == "v" and not self.in_inline:
                self.capture, self.captured = [], 0
            elif local == "f":
                self.formula = True
            elif local == "is":
                self.in_inline = True
            elif local == "t" and self.in_inline and not self.phonetic:
                self.capture, self.captured = [], 0
            elif local == "rPh":
                self.phonetic += 1
        elif local == "c" and self.in_row:
            self.in_cell, self.formula, self.parts = True, False, []
            self.cell_type = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = 0 if style is None else self._style(style)
            ref = attrs.get("r")
            if ref is None:
                self.col += 1
            else:
                self._place(ref)
        elif local == "row":
            self.in_row, self.col = True, 0
            number = attrs.get("r")
            self.row = self.row + 1 if number is None else _number_or_none(number) or -1
            if self.row < 1:
                raise DataError(
                    f"sheet {self.cells.entry.name!r} numbers a row {number!r}; it is damaged", file=self.shown
                )

    def _end(self, name: str) -> None:
        self.depth -= 1
        if self.in_cell:
            local = self._local.get(name) or self.local(name)
            if local == "c":
                self.in_cell = self.in_inline = False
                self._store("".join(self.parts))
            elif local in ("v", "t") and self.capture is not None:
                self.parts.append(self.take_text())
            elif local == "rPh":
                self.phonetic -= 1
        elif self.in_row and (self._local.get(name) or self.local(name)) == "row":
            self.in_row = False

    def _style(self, text: str) -> int:
        number = self.style_numbers.get(text)
        if number is None:
            number = self.style_numbers[text] = _number_or_none(text) or 0
        return number

    def _place(self, ref: str) -> None:
        """Row and column from a reference such as 'B7' (its letters' number is cached)."""
        letters = ref.rstrip("0123456789")
        col = self.letter_numbers.get(letters)
        if col is None:
            if not (letters.isascii() and letters.isalpha() and len(letters) <= 3):
                raise self._bad(ref, "is not a cell reference")
            col = self.letter_numbers[letters] = _column_number(letters)
        digits = ref[len(letters) :]
        if not digits or len(digits) > 7 or int(digits) < 1:
            raise self._bad(ref, "is not a cell reference")
        self.col, self.row = col, int(digits)

    def _store(self, raw: str) -> None:
        key = (raw, self.style, self.cell_type)
        found = self.converted.get(key)
        if found is None:
            if len(self.converted) > limits.MAX_CELLS:
                self.converted.clear()  # a cache, not a record: keep it bounded
            found = self.converted[key] = self._convert(raw)
        text, flag = found
        if text == "":
            self.cells.empty_formulas += self.formula
            return
        row, col = self.row, self.col
        if row > limits.MAX_ROWS + 1 or col > limits.MAX_COLUMNS:
            name = cell_name(row, col)
            raise DataError(
                f"sheet {self.cells.entry.name!r} has a value in cell {name}, beyond the {limits.MAX_ROWS:,} rows "
                f"and {limits.MAX_COLUMNS} columns careerlib reads from a job-search log",
                file=self.shown,
                value=name,
            )
        budget = self.budget
        budget.cells += 1
        if budget.cells > limits.MAX_CELLS:
            raise budget.refuse(f"more than {limits.MAX_CELLS:,} filled cells")
        cells = self.cells
        cells.rows.append(row)
        cells.cols.append(col)
        cells.texts.append(text)
        cells.flags.append(flag | (IS_FORMULA if self.formula else 0))

    def _convert(self, raw: str) -> tuple[str, int]:
        """(text, IS_DATE or 0) of a cell's raw value, by its type and number format."""
        kind = self.cell_type
        if kind == "s":
            index = _number_or_none(raw.strip())
            if index is None or not 0 <= index < len(self.strings):
                raise self._bad(raw, "points to a shared text the workbook does not have")
            return self.strings[index], 0
        if kind in ("str", "inlineStr", "e"):
            return raw, 0
        if kind == "b":
            if raw.strip() not in ("0", "1", "true", "false", ""):
                raise self._bad(raw, "is marked as TRUE/FALSE but holds something else")
            return ("" if not raw.strip() else "TRUE" if raw.strip() in ("1", "true") else "FALSE"), 0
        if kind == "d":
            try:
                moment = dt.datetime.fromisoformat(raw.strip())
            except ValueError:
                raise self._bad(raw, "is marked as a date but holds something else") from None
            return _moment_text(moment, DATE), IS_DATE
        if raw.strip() == "":
            return "", 0
        try:
            number = float(raw)
        except ValueError:
            raise self._bad(raw, "is marked as a number but holds something else") from None
        if not math.isfinite(number):
            raise self._bad(raw, "is marked as a number but holds something else")
        date_kind = self.formats[self.style] if 0 <= self.style < len(self.formats) else 0
        if date_kind and 0 <= number < _MAX_SERIAL:
            return _serial_text(number, date_kind, self.date1904), IS_DATE
        return _number_text(number), 0

    def _bad(self, value: str, problem: str) -> DataError:
        name = cell_name(self.row, self.col) if self.col else f"row {self.row}"
        return DataError(
            f"cell {name} of sheet {self.cells.entry.name!r} {problem}; the workbook is damaged",
            file=self.shown,
            line=self.row or None,
            column=name,
            value=value[:80],
        )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _number_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


def _number_text(number: float) -> str:
    """A number as a CSV export shows it: 85000, not 85000.0."""
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def _serial_text(serial: float, kind: int, date1904: bool) -> str:
    """An Excel day number as ISO text (Windows workbooks count from 1900, with its
    non-existent 29 February: day 60; Mac ones from 1904)."""
    if date1904:
        base = dt.datetime(1904, 1, 1)
    else:
        base = dt.datetime(1899, 12, 30) if serial >= 61 else dt.datetime(1899, 12, 31)
    moment = base + dt.timedelta(seconds=round(serial * 86400))
    return _moment_text(moment, TIME if kind == TIME and serial < 1 else DATE)


def _moment_text(moment: dt.datetime, kind: int) -> str:
    if kind == TIME:
        return moment.strftime("%H:%M:%S")
    if moment.time() == dt.time():
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M")
