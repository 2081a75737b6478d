"""A CSV whose first line is not its header: notes above the header, or no header at all.

:func:`header_question` looks at the first lines only (a bounded sample, never the whole
file). Lines at the top with far fewer cells than the rows below are notes; the line after
them is the header, unless it looks like data: a date, a link or a number in a position
where the rows below hold the same kind of value. In either case the importer does not
guess: it asks (the mapping's top-level ``skip_lines`` and ``header``), showing the first
row's cells and sample values per position.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from careerlib.importers.classify import LINK_CELL, NUMBER_CELL
from careerlib.importers.dates import looks_like_date
from careerlib.importers.questions import HEADER, Choice, Question

SAMPLE_BYTES = 65_536  # the top of the file that is looked at
SAMPLE_LINES = 30  # records looked at, notes and header included
NOTE_SHARE = 3  # a line filling at most a third of the rows' cells is a note, not a header
MIN_CELLS = 3  # below this many cells per row, a short first line can be a real header
SAMPLES_SHOWN = 3  # sample values per position in the question
SHORT = 40  # longer cells are cut in the question
_DIGIT = re.compile(r"\d")
_KIND_WORDS = {"date": "a date", "link": "a link", "number": "a number"}


@dataclass(frozen=True)
class _Record:
    line: int  # the physical line the record starts on (the file's first line = 1)
    cells: list[str]

    @property
    def filled(self) -> int:
        return sum(1 for cell in self.cells if cell.strip())


def column_names(count: int) -> list[str]:
    """Names proposed for the columns of a file without a header line: 'Column 1'..."""
    return [f"Column {i + 1}" for i in range(count)]


def header_question(body: bytes, *, above: int, delimiter: str) -> Question | None:
    """The question to ask when the first line of ``body`` (the file after its leading
    blank and comment lines; ``above`` lines before it) is a note or data rather than
    the header; None when it reads as a header."""
    records = _sample(body, above, delimiter)
    if len(records) < 2:
        return None
    width = Counter(len(r.cells) for r in records[1:]).most_common(1)[0][0]
    notes = 0
    while width >= MIN_CELLS and notes < len(records) - 1 and records[notes].filled * NOTE_SHARE <= width:
        notes += 1
    first, below = records[notes], records[notes + 1 : notes + 21]
    if not below:
        return None
    if not notes and not _kinds([first]):  # the usual case, a header of words: no need to look below
        return None
    kinds = _kinds([first, *below])
    data_like = [
        (i, kinds[first.cells[i].strip()])
        for i in range(len(first.cells))
        if kinds.get(first.cells[i].strip()) and _share(below, i, kinds, kinds[first.cells[i].strip()]) >= 0.5
    ]
    if not notes and not data_like:
        return None
    skip = first.line - 1 if notes else 0  # comment and blank lines above need no skipping
    names = column_names(max(width, len(first.cells)))
    rows = [first, *below] if data_like else below
    evidence = [_first_words(first, records[:notes], data_like, width)]
    evidence += [f"column {i + 1}: {_samples(rows, i)}" for i in range(len(names))]
    no_header = Choice(
        {"skip_lines": skip, "header": names} if skip else {"header": names},
        "no header line: the columns get the names in 'header'",
        f"line {first.line} is data; name the {len(names)} columns in order (rename them as you like)",
    )
    is_header = Choice(
        {"skip_lines": skip},
        f"line {first.line} is the header",
        f"read line {first.line} as the header" + (f"; lines 1-{skip} are notes, not read" if skip else ""),
    )
    return Question(
        HEADER,
        ("header",),
        f"Is line {first.line} the header, or is it data (a file with no header line)?",
        tuple(evidence),
        (no_header, is_header) if data_like else (is_header, no_header),
        0,
        rows=len(below) + 1,
        line=first.line,
        column="header",
    )


def _sample(body: bytes, above: int, delimiter: str) -> list[_Record]:
    """The first records of ``body`` with the line each starts on (blank lines skipped)."""
    text = body[:SAMPLE_BYTES].decode("utf-8", errors="replace")
    if len(body) > SAMPLE_BYTES:  # a cut last line is not a record
        text = text[: text.rfind("\n") + 1]
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records: list[_Record] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append(_Record(above + start, [cell.rstrip("\r") for cell in cells]))
                if len(records) >= SAMPLE_LINES:
                    break
            start = reader.line_num + 1
    except csv.Error:  # a stray carriage return or a broken quote: the parser says so later
        pass
    return records


def _kinds(records: list[_Record]) -> dict[str, str]:
    """Each distinct cell of the sample that is a date, a link or a number, with its kind."""
    cells = sorted({c.strip() for r in records for c in r.cells if c.strip()})
    out = {c: "link" for c in cells if LINK_CELL.match(c)}
    out.update({c: "number" for c in cells if NUMBER_CELL.match(c)})
    digits = pd.Series([c for c in cells if c not in out and _DIGIT.search(c)], dtype=object)  # every date has one
    if len(digits):
        out.update({c: "date" for c, is_date in zip(digits, looks_like_date(digits)) if is_date})
    return out


def _share(rows: list[_Record], position: int, kinds: dict[str, str], kind: str) -> float:
    """The share of the filled cells at ``position`` in ``rows`` that are of ``kind``."""
    values = [r.cells[position].strip() for r in rows if position < len(r.cells) and r.cells[position].strip()]
    return sum(kinds.get(v) == kind for v in values) / len(values) if values else 0.0


def _first_words(first: _Record, notes: list[_Record], data_like: list[tuple[int, str]], width: int) -> str:
    """What raised the question, in words."""
    said = []
    if notes:
        lines = ", ".join(str(r.line) for r in notes)
        said.append(f"line(s) {lines} hold {notes[0].filled} filled cell(s) where the rows below hold {width}")
    cells = " | ".join(_short(c) for c in first.cells)
    if data_like:
        why = ", ".join(f"{_KIND_WORDS[k]} in column {i + 1}" for i, k in data_like)
        said.append(f"line {first.line} ({cells}) looks like data: {why}, as in the rows below")
    else:
        said.append(f"line {first.line} ({cells}) reads as a header")
    return "; ".join(said)


def _samples(rows: list[_Record], position: int) -> str:
    values = list(dict.fromkeys(r.cells[position] for r in rows if position < len(r.cells) and r.cells[position]))
    shown = ", ".join(_short(v) for v in values[:SAMPLES_SHOWN])
    return shown or "(empty)"


def _short(cell: str) -> str:
    """A cell as shown in the question: quoted, a long one cut."""
    return repr(cell if len(cell) <= SHORT else cell[: SHORT - 3] + "...")
