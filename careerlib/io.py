"""Reading users' files safely and writing outputs atomically.

Every loader in careerlib reads through these helpers, so every bad file gets the
same kind of message: a :class:`careerlib.DataError` naming file, line, column
and value. Nothing here loops over rows in Python: checks are vectorised and the
first offending row is reported.
"""

from __future__ import annotations

import csv
import io as _io
import itertools
import os
import re
import stat
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import pandas as pd
import yaml

from careerlib.errors import DataError
from careerlib.root import project_root, resolve_path  # noqa: F401 - the one path resolver, here too

# A line with no value on it: between two line breaks, or (without a final break) at the end.
_BLANK_LINE = re.compile(rb"\n[ \t,\r]*\n|\n[ \t,\r]+\Z")
LINE = "line"  # column added to every loaded table: the row's physical line in the file
CSV_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}  # the ones careerlib reads, named for messages
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")  # pandas' words for a ragged row
MAX_RAGGED = 10  # ragged lines listed in one message (all are counted)


# --------------------------------------------------------------------------- reading
def existing_file(path: str | os.PathLike, *, shown: str) -> Path:
    """A user's file, resolved, or a DataError: not there, a folder, or not readable."""
    full = resolve_path(path)
    try:
        if not full.exists():
            where = "" if str(full) == str(shown) else f" (looked for {full})"
            raise DataError(f"file not found{where}", file=shown)
        if full.is_dir():
            raise DataError("this is a folder, not a file", file=shown)
    except OSError as err:  # a name too long, no permission, a broken disk: say so, with the file
        raise _unreadable(err, shown) from None
    return full


def raw_bytes(path: str | os.PathLike, *, shown: str) -> bytes:
    """A user's file as bytes, unchecked, or a DataError saying why it cannot be read."""
    full = existing_file(path, shown=shown)
    try:
        return full.read_bytes()
    except OSError as err:
        raise _unreadable(err, shown) from None


def _unreadable(err: OSError, shown: str) -> DataError:
    return DataError(f"cannot read this file ({err.strerror or type(err).__name__})", file=shown)


def read_bytes(path: str | os.PathLike, *, shown_as: str | None = None) -> bytes:
    """The bytes of a UTF-8 text file (BOM removed), or a DataError saying why not."""
    shown = shown_as or str(path)
    return utf8_text_bytes(raw_bytes(path, shown=shown), shown=shown)


def utf8_text_bytes(raw: bytes, *, shown: str) -> bytes:
    """:func:`read_bytes`'s checks on bytes already read: not empty, not binary, UTF-8."""
    if not raw.strip():
        raise DataError("the file is empty", file=shown)
    if b"\x00" in raw[:8192]:
        raise DataError("this is a binary file, not a text (CSV) file", file=shown)
    raw = without_bom(raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise undecodable(raw, err, shown, "the file is not UTF-8 text; save it as 'CSV UTF-8' and try again") from None
    return raw


def without_bom(raw: bytes) -> bytes:
    """The bytes without the UTF-8 byte-order mark Excel puts at the start of a CSV."""
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def undecodable(raw: bytes, err: UnicodeDecodeError, shown: str, problem: str) -> DataError:
    """The error for a file that does not decode: the line of the first bad byte, and the bytes there."""
    line = raw.count(b"\n", 0, err.start) + 1
    return DataError(problem, file=shown, line=line, value=raw[err.start : err.start + 4])


def read_text(path: str | os.PathLike, *, shown_as: str | None = None) -> str:
    """The text of a UTF-8 file (a BOM is allowed), or a DataError saying why not."""
    return read_bytes(path, shown_as=shown_as).decode("utf-8")


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's default keeps the last of two equal keys without a word; in a settings or
    questionnaire file two ``text:`` lines are a mistake we want to show. Parsed by
    libyaml when PyYAML was built with it (several times faster on an instrument)."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice in one mapping", key_node.start_mark
            )
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read_yaml(path: str | os.PathLike, *, shown_as: str | None = None) -> Any:
    """A YAML file's contents; DataError with the line on a syntax error or a key
    given twice in one mapping."""
    shown = shown_as or str(path)
    text = read_text(path, shown_as=shown)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except RecursionError:
        raise DataError("lists or mappings are nested too deeply to be a settings file", file=shown) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise DataError(
            f"not valid YAML ({problem})", file=shown, line=None if mark is None else mark.line + 1
        ) from None


def read_csv_table(
    path: str | os.PathLike,
    *,
    required: Iterable[str] = (),
    shown_as: str | None = None,
    header_aliases: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Read a CSV file as strings ('' for empty cells) with a ``line`` column: the
    file's bytes through :func:`read_csv_bytes`."""
    shown = shown_as or str(path)
    return read_csv_bytes(
        raw_bytes(path, shown=shown), shown_as=shown, required=required, header_aliases=header_aliases
    )


def read_csv_bytes(
    data: bytes,
    *,
    shown_as: str,
    required: Iterable[str] = (),
    header_aliases: dict[str, str] | None = None,
) -> pd.DataFrame:
    """A CSV's bytes (a file, a zip member) as strings ('' for empty cells) with a
    ``line`` column; ``shown_as`` names it in messages.

    The bytes must be UTF-8 text (:func:`utf8_text_bytes`). Header names are stripped;
    ``header_aliases`` maps alternative spellings to the canonical name (compared
    case-insensitively). Blank lines are skipped but counted, so ``line`` is always the
    line a text editor shows.
    """
    raw = utf8_text_bytes(data, shown=shown_as)
    table = parse_csv_bytes(raw, shown=shown_as, fill_short_rows=True)
    table.columns = _canonical_headers(table.columns, header_aliases or {})
    _reject_bad_headers(table.columns, shown_as)
    require_columns(table.columns, required, file=shown_as)
    table[LINE] = physical_lines(table, raw)
    if _BLANK_LINE.search(raw):  # only then look for rows with every cell empty (costly on big files)
        blank = (table.drop(columns=LINE) == "").all(axis=1)
        table = table.loc[~blank]
    return table.reset_index(drop=True)


def parse_csv_bytes(
    data: bytes,
    *,
    shown: str,
    sep: str = ",",
    names: list[str] | None = None,
    header: bool = True,
    dtype: dict | None = None,
    above: int = 0,
    fill_short_rows: bool = False,
) -> pd.DataFrame:
    """The one call to pandas' CSV parser: UTF-8 bytes to a table of text cells ('' for
    empty), no ``line`` column yet. The cells a row shorter than the header lacks are ''
    in pandas 3; ``fill_short_rows`` makes sure of it where an older pandas gives NaN (a
    pass over the last column, which a caller reading millions of rows can spare).

    ``names`` replaces the header's names (the header line is still skipped unless
    ``header`` is false: a file with no header line); ``dtype`` gives some columns
    another type than text. A row with more cells than the header raises a DataError
    on its line (``above``: lines before the parsed bytes in the file); any other
    parse failure a DataError for the file. Bytes that are not UTF-8 raise
    UnicodeDecodeError, for a caller that tries another encoding."""
    try:
        table = pd.read_csv(
            _io.BytesIO(data),  # bytes: faster to parse than a str
            sep=sep,
            header=0 if header else None,
            names=names,
            encoding="utf-8",
            dtype=object if dtype is None else {**{name: object for name in names or ()}, **dtype},
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            skipinitialspace=False,
        )
    except pd.errors.EmptyDataError:
        raise DataError("the file has no header line", file=shown) from None
    except UnicodeDecodeError:
        raise
    except (pd.errors.ParserError, csv.Error, ValueError) as err:
        message = _first_line(err)
        ragged = _RAGGED.search(message)
        if ragged:
            expected, line, saw = map(int, ragged.groups())
            rows = _Rows(data, header, above, len(names) if names else None)
            raise _ragged(expected, saw, line + above, sep, shown, rows) from None
        raise DataError(f"not a readable CSV file ({message})", file=shown) from None
    if not isinstance(table.index, pd.RangeIndex):
        # The first row held one cell more than the header: pandas took its first column for
        # an index instead of refusing, and every cell would sit one column to the left.
        columns = len(table.columns)
        line = (2 if header else 1) + above
        rows = _Rows(data, header, above, len(names) if names else None)
        raise _ragged(columns, columns + table.index.nlevels, line, sep, shown, rows)
    if fill_short_rows and len(table.columns) and table[table.columns[-1]].isna().any():
        table = table.fillna("")
    return table


def require_columns(columns, required: Iterable[str], *, file: str, expected: str | None = None) -> None:
    """DataError on line 1 naming the first missing column, what was found, and
    (``expected``) what the file should look like."""
    missing = [c for c in required if c not in columns]
    if missing:
        hint = f"; expected {expected}" if expected else f"; found {', '.join(map(repr, columns))}"
        raise DataError(
            f"missing required column(s) {', '.join(map(repr, missing))}{hint}", file=file, line=1, column=missing[0]
        )


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _canonical_headers(columns: pd.Index, aliases: dict[str, str]) -> list[str]:
    lookup = {k.strip().lower(): v for k, v in aliases.items()}
    out = []
    for name in columns:
        clean = str(name).strip()
        out.append(lookup.get(clean.lower(), clean))
    return out


def _reject_bad_headers(columns: list[str], shown: str) -> None:
    seen: set[str] = set()
    for name in columns:
        if name.startswith("Unnamed:") or name == "":
            raise DataError("a column has no name in the header", file=shown, line=1, value=name)
        if name in seen:
            raise DataError("the same column appears twice in the header", file=shown, line=1, column=name)
        seen.add(name)


@dataclass(frozen=True)
class _Rows:
    """The parsed bytes, kept to list every ragged line once a refusal is certain."""

    data: bytes
    header: bool  # the first record is the header (not a row)
    above: int  # lines before the bytes in the file
    width: int | None = None  # the names given for the columns, if any: else the header's cells count


def _ragged(expected: int, saw: int, line: int, sep: str, shown: str, rows: _Rows | None = None) -> DataError:
    """A row wider than the header: its line, and (``rows``) how many more lines are ragged
    and the first ``MAX_RAGGED`` of them with their cell counts, so one edit fixes them all."""
    wider, narrower = [], []
    if rows is not None:
        expected, wider, narrower = _ragged_lines(rows, sep, expected)
    if wider:
        line, saw = wider[0]
    problem = (
        f"this line has {saw} cells but the header names {expected} columns; a cell holding the "
        f"delimiter ({CSV_DELIMITERS.get(sep, repr(sep))}) must be in double quotes"
    )
    if len(wider) > 1:
        problem += f"; {len(wider)} lines have more than {expected} cells: {_listed(wider)}"
    if narrower:
        problem += f"; {len(narrower)} line(s) have fewer (their last cells are read as empty): {_listed(narrower)}"
    return DataError(problem, file=shown, line=line)


def _ragged_lines(rows: _Rows, sep: str, expected: int) -> tuple[int, list[tuple[int, int]], list[tuple[int, int]]]:
    """The header's width, then (line, cells) of every record wider than it, then of every
    narrower one (blank lines aside): one pass of ``csv.reader``, only when a file is
    refused. A file ``csv`` cannot read gives ``expected`` and no lines."""
    wider, narrower = [], []
    text = rows.data.decode("utf-8", errors="replace")
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    width = rows.width
    end = 0  # the physical line the previous record ended on
    try:
        for number, record in enumerate(reader):
            start, end = end + 1, reader.line_num
            if number == 0 and rows.header:
                width = width or len(record)
                continue
            if record and len(record) != (width or expected):
                (wider if len(record) > (width or expected) else narrower).append((start + rows.above, len(record)))
    except csv.Error:  # pandas parsed this far but csv cannot: the first line is all there is to say
        return expected, [], []
    return width or expected, wider, narrower


def _listed(lines: list[tuple[int, int]]) -> str:
    """'line 5 (15 cells), line 6 (13), ... and 22 more'."""
    shown = [
        f"line {line} ({cells} cells)" if i == 0 else f"line {line} ({cells})"
        for i, (line, cells) in enumerate(lines[:MAX_RAGGED])
    ]
    more = len(lines) - MAX_RAGGED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def physical_lines(table: pd.DataFrame, raw: bytes) -> np.ndarray:
    """Line number of each record: header is line 1. Quoted cells may hold line
    breaks; those push later records down, so count them (only when present, and
    once per distinct value of a column)."""
    n = len(table)
    lines = np.arange(2, n + 2)
    if n and raw.count(b"\n") > n + 1:  # more line breaks than records: some are inside cells
        breaks = np.zeros(n, dtype=np.int64)
        for column in table.columns:
            codes, uniques = distinct(table[column])
            breaks += np.asarray(uniques.astype(str).str.count("\n"), dtype=np.int64)[codes]
        lines = lines + np.concatenate(([0], np.cumsum(breaks)[:-1]))
    return lines


# --------------------------------------------------------------------------- validating
def fail_first(
    table: pd.DataFrame,
    bad: pd.Series | np.ndarray,
    *,
    file: str,
    column: str | None,
    problem: str,
    value_column: str | None = None,
) -> None:
    """Raise a DataError for the first row where ``bad`` is true (if any)."""
    bad = np.asarray(bad, dtype=bool)
    if not bad.any():
        return
    row = int(np.argmax(bad))
    count = int(bad.sum())
    more = f" ({count - 1} more row(s) like this)" if count > 1 else ""
    value_column = value_column or column
    value = table[value_column].iloc[row] if value_column in table.columns else None
    raise DataError(problem + more, file=file, line=int(table[LINE].iloc[row]), column=column, value=value)


def parse_dates(
    table: pd.DataFrame, column: str, *, file: str, fmt: str = "%Y-%m-%d", hint: str = "use YYYY-MM-DD"
) -> pd.Series:
    """A text column as datetimes (NaT where empty); DataError on the first bad cell.

    Works on each distinct value once (logs repeat dates a lot), then maps back."""
    codes, uniques = distinct(table[column])
    stripped = uniques.str.strip()
    parsed_uniques = pd.to_datetime(pd.Series(stripped, dtype=object), format=fmt, errors="coerce").to_numpy(
        dtype="datetime64[ns]"
    )
    bad_uniques = np.isnat(parsed_uniques) & (np.asarray(stripped, dtype=object) != "")
    fail_first(table, bad_uniques[codes], file=file, column=column, problem=f"not a date ({hint})")
    return pd.Series(parsed_uniques[codes], index=table.index)


def parse_numbers(table: pd.DataFrame, column: str, *, file: str, what: str = "a number") -> pd.Series:
    """A text column as floats (NaN where empty); DataError on the first bad cell.
    Thousands separators and currency signs are allowed (``$85,000``)."""
    text = strip_text(table[column])
    cleaned = text.str.replace(r"[,\s$€£_]", "", regex=True)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    fail_first(table, numbers.isna() & (text != ""), file=file, column=column, problem=f"not {what}")
    return numbers.astype(float)


def distinct(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each row's code and the distinct values as text: clean or parse the few distinct
    values, then index the result with the codes (columns in a log repeat a lot, and
    string methods run in Python, one value at a time)."""
    codes, uniques = pd.factorize(values)
    return codes, pd.Index(uniques, dtype=object)


def strip_text(values: pd.Series) -> pd.Series:
    """Strip surrounding white space, once per distinct value."""
    codes, uniques = distinct(values)
    return pd.Series(uniques.str.strip().to_numpy(dtype=object)[codes], index=values.index, dtype=object)


def folded_codes(values: pd.Series) -> np.ndarray:
    """Integer codes equal for values that differ only in case: cheap keys for
    finding duplicates (each distinct value is lower-cased once)."""
    codes, uniques = distinct(values)
    return pd.factorize(uniques.str.casefold())[0][codes]


def normalise_labels(values: pd.Series, *, empty: str = "unspecified") -> pd.Series:
    """Lower-case, single-spaced labels ('Referral ', 'REFERRAL' -> 'referral'); an
    empty cell becomes ``empty`` so no row disappears from a grouping."""
    codes, uniques = distinct(values)
    clean = uniques.astype(str).str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    clean = clean.where(clean != "", empty)
    return pd.Series(np.asarray(clean, dtype=object)[codes], index=values.index, dtype=object)


# --------------------------------------------------------------------------- writing
TEMP_MARK = ".careerlib-tmp-"  # temporary files are named ``.NAME.careerlib-tmp-PID``, so a leftover is recognisable


_written = itertools.count()


def temporary_name(path: Path) -> Path:
    """The temporary file beside ``path`` this process writes before swapping it in
    (``-N`` tells apart two writes of one process)."""
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{next(_written)}")


def remove_stale_temporaries(path: str | os.PathLike) -> list[Path]:
    """Remove the temporary copies of ``path`` left by careerlib runs that were killed
    (their process is gone); returns what was removed. Another live process's copy is left."""
    path = Path(path)
    removed = []
    try:
        leftovers = list(path.parent.glob(f".{glob_escape(path.name)}{TEMP_MARK}*"))
    except OSError:
        return removed
    for leftover in leftovers:
        pid = leftover.name.rsplit(TEMP_MARK, 1)[-1].split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # a process of another user: alive
        return True
    return True


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write to a temporary file beside ``path``, then replace it: readers see the
    old file or the new one, never half of one, even if the process is killed.

    A file replaced keeps its permissions (a log of mode 0600 stays 0600); a new one
    gets the usual ones. The temporary file is removed if the write fails or is
    interrupted (Ctrl-C, SIGTERM); one left by a killed run is removed on the next."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _unwritable(err, path.parent) from None
    tmp = temporary_name(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.is_file() else 0o666 & ~_umask()
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        handle = os.open(tmp, flags, 0o600)
    except OSError as err:
        raise _unwritable(err, path.parent) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _unwritable(err: OSError, folder: Path) -> DataError:
    return DataError(f"cannot write in this folder ({err.strerror or type(err).__name__})", file=str(folder))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """A DataFrame to CSV, atomically (no index), text cells that a spreadsheet would
    run as a formula written as text (see :func:`neutral_formulas`)."""
    return atomic_write_text(path, neutral_formulas(table).to_csv(index=False, lineterminator="\n"))


# --------------------------------------------------------------------------- spreadsheet formulas
# OWASP's advice against CSV injection: a cell starting with one of these is a formula to
# Excel, LibreOffice and Google Sheets; a leading single quote makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*)?(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _needs_quote(text: str) -> bool:
    """A text that a spreadsheet would run, or one starting with the quote that would
    otherwise be taken for ours. A plain number (``-5``) is a number to the spreadsheet too."""
    if text[:1] in FORMULA_STARTS:
        return not (text[:1] in "+-" and _PLAIN_NUMBER.fullmatch(text) and any(c.isdigit() for c in text))
    return text[:1] == QUOTE and text[1:2] in (*FORMULA_STARTS, QUOTE)


def quote_formula(text: str) -> str:
    """One cell's text as careerlib writes it: a leading ``'`` when it needs one."""
    return QUOTE + text if _needs_quote(text) else text


def unquote_formula(text: str) -> str:
    """The text of a cell written by :func:`quote_formula`, as it was."""
    return text[1:] if text[:1] == QUOTE and text[1:2] in (*FORMULA_STARTS, QUOTE) else text


def _map_text(values: pd.Series, change: Callable[[str], str]) -> pd.Series:
    """``change`` applied once to each distinct text that starts like a formula or with a
    quote (the only ones it can change); other values (None, numbers) kept."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    first = [value[:1] if isinstance(value, str) else "" for value in uniques]  # once per distinct value
    candidates = np.flatnonzero(pd.Index(first, dtype=object).isin((*FORMULA_STARTS, QUOTE)))
    if not candidates.size:
        return values
    mapped = np.asarray(uniques, dtype=object).copy()
    mapped[candidates] = [change(uniques[i]) for i in candidates]
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def neutral_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each text cell that starts like a formula quoted (numbers, dates and
    other types untouched). Only the text columns are looked at, once per distinct value."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = _map_text(out[column], quote_formula)
    return out


def original_formulas(table: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A table read from a file careerlib wrote, text cells back as they were before
    :func:`neutral_formulas` (``'=1+1`` reads as ``=1+1``). ``columns``: the text columns
    to look at (default: every column of text). A column with no cell starting with a
    quote costs one scan of its text; ``table`` itself is returned when nothing changes."""
    out = None
    for column in table.columns if columns is None else columns:
        if column not in table.columns or table[column].dtype != object or not _some_quoted(table[column]):
            continue
        if out is None:
            out = table.copy()
        out[column] = _map_text(table[column], unquote_formula)
    return table if out is None else out


def _some_quoted(values: pd.Series) -> bool:
    """Whether a cell may start with a quote: one search in the column's cells joined
    (a line break inside a cell followed by a quote only sends the column the slow way)."""
    try:
        return "\n" + QUOTE in "\n" + "\n".join(values.to_numpy())
    except TypeError:  # not all text: look at each value
        return True


# --------------------------------------------------------------------------- locking and appending
WAIT_MESSAGE_AFTER = 1.0  # seconds of waiting before saying so
_POLL = 0.05


def _flock(fd: int, blocking: bool) -> None:
    """Take the exclusive lock on ``fd``; BlockingIOError when held elsewhere and not ``blocking``.
    fcntl exists on Unix only: imported here so the rest of careerlib imports everywhere."""
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))


def _unflock(fd: int) -> None:
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock_file(path: Path) -> int:
    """The lock file, opened without following a symbolic link, without truncating, and
    refused unless it is a plain file of its own (not a link, a folder, a pipe or a hard
    link to another file)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as err:
        if path.is_symlink():
            raise DataError("the lock file is a symbolic link; careerlib does not follow it", file=str(path)) from None
        raise DataError(f"cannot open the lock file ({err.strerror or type(err).__name__})", file=str(path)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
        os.close(fd)
        raise DataError("the lock file is not a plain file of its own; careerlib leaves it alone", file=str(path))
    return fd


def _read_holder(fd: int) -> str:
    return os.pread(fd, 64, 0).decode("utf-8", "replace").strip()


@contextmanager
def file_lock(
    path: str | os.PathLike,
    *,
    wait: bool = True,
    holder: str | None = None,
    busy: Callable[[str], Exception] | None = None,
    waiting: Callable[[], None] | None = None,
) -> Iterator[None]:
    """An exclusive lock on the file ``path`` (made if missing) for the ``with`` block.

    The operating system releases it if the process dies, so a killed run never
    leaves a stale lock. ``wait=False`` does not queue: if another process holds
    the lock, ``busy(who)`` is raised (``who`` is what that process wrote as its
    ``holder``, e.g. its pid; 'unknown' if nothing), or BlockingIOError. While waiting,
    ``waiting()`` is called once after about a second. The file is never followed
    through a symbolic link, and a file with other content than a holder is not
    overwritten."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open_lock_file(path)
    try:
        _acquire(fd, wait=wait, busy=busy, waiting=waiting)
        try:
            if holder is not None:
                if os.fstat(fd).st_size > 64:  # not a holder's pid: something else, left untouched
                    raise DataError("this file is not a careerlib lock file; careerlib leaves it alone", file=str(path))
                os.ftruncate(fd, 0)
                os.pwrite(fd, holder.encode("utf-8"), 0)
            try:
                yield
            finally:
                if holder is not None:
                    os.ftruncate(fd, 0)
        finally:
            _unflock(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, *, wait: bool, busy, waiting) -> None:
    try:
        _flock(fd, blocking=False)
        return
    except BlockingIOError:
        if not wait:
            if busy is None:
                raise
            raise busy(_read_holder(fd) or "unknown") from None
    if waiting is None:
        _flock(fd, blocking=True)
        return
    started = time.monotonic()
    while True:  # poll, so that the user hears why nothing happens after a second
        time.sleep(_POLL)
        try:
            _flock(fd, blocking=False)
            return
        except BlockingIOError:
            if waiting is not None and time.monotonic() - started >= WAIT_MESSAGE_AFTER:
                waiting()
                waiting = None
                _flock(fd, blocking=True)
                return


def link_target(path: str | os.PathLike) -> Path:
    """The file a path names: a symbolic link's target (followed to the end), else the path."""
    path = resolve_path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextmanager
def updating(
    path: str | os.PathLike, *, wait: bool = True, shown_as: str | None = None, lock: bool = True
) -> Iterator[Path]:
    """Hold ``path``'s lock for a whole read-merge-replace of a user's file; yields the
    file to read and write (a symbolic link's target, so the link stays a link).

    A second careerlib command updating the same file waits (saying so after about a
    second on stderr); with ``wait=False`` it is refused with a DataError. Temporary
    files a killed run left beside the file are removed. ``lock=False`` (a dry run, which
    writes nothing) only resolves the link."""
    target = link_target(path)
    if not lock:
        yield target
        return
    shown = shown_as or str(path)

    def busy(_holder: str) -> DataError:
        return DataError("another careerlib command is writing this file; try again when it has finished", file=shown)

    def waiting() -> None:
        message = f"careerlib: waiting for another careerlib command to finish writing {shown}"
        print(message, file=sys.stderr, flush=True)

    with file_lock(lock_path(target), wait=wait, busy=busy, waiting=waiting):
        remove_stale_temporaries(target)
        yield target


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file guarding ``path``: ``<file>.lock`` beside it."""
    path = Path(path)
    return path.with_name(path.name + ".lock")


def append_csv(path: str | os.PathLike, rows: pd.DataFrame, *, shown_as: str | None = None) -> Path:
    """Append ``rows`` to a CSV file, safely: two writers take turns, a crash leaves the
    old file whole.

    Under :func:`file_lock` (``<file>.lock``), the current file is read, the rows are
    added in the order of its header (missing columns left empty), keeping its line
    ending, and the whole file is swapped in atomically. A missing or blank file gets
    a header from ``rows``' columns. DataError when the file is a folder, binary, not
    UTF-8, or lacks one of ``rows``' columns."""
    shown = shown_as or str(path)
    with updating(path, shown_as=shown) as full:
        old = ""
        if full.exists() and (not full.is_file() or full.read_bytes().strip()):
            old = read_text(full, shown_as=shown)
        if old.strip():
            header = csv_header(old, shown)
            require_columns(header, list(rows.columns), file=shown)
            ending = "\r\n" if old.split("\n", 1)[0].endswith("\r") else "\n"
            body = old if old.endswith("\n") else old + ending
            text = body + _csv_lines(rows.reindex(columns=header, fill_value=""), ending)
        else:
            text = _csv_lines(rows, "\n", header=list(rows.columns))
        return atomic_write_text(full, text)


def csv_header(text: str, shown: str) -> list[str]:
    """The column names of a CSV's header line, parsed as CSV (quotes allowed), stripped."""
    # csv.reader on the first line, not parse_csv_bytes: an append needs the header only, as
    # typed (pandas would rename a repeated name), not a parse of the whole file it rewrites.
    try:
        first = next(csv.reader(_io.StringIO(text)), [])
    except csv.Error as err:
        raise DataError(f"the header line is not readable CSV ({err})", file=shown, line=1) from None
    return [name.strip() for name in first]


def _csv_lines(table: pd.DataFrame, ending: str, header: list[str] | None = None) -> str:
    """Rows as CSV text, quoted where needed (a name may hold a comma or a quote)."""
    out = _io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    if header is not None:
        writer.writerow(header)
    rows = neutral_formulas(table.astype(str))  # a few new lines, not a log
    writer.writerows(rows.itertuples(index=False, name=None))
    return out.getvalue()
