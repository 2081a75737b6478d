"""Reading users' files safely and writing outputs atomically.

Every loader in careerlib reads through these helpers, so every bad file gets the
same kind of message: a :class:`careerlib.DataError` naming file, line, column
and value. Nothing here loops over rows in Python: checks are vectorised and the
first offending row is reported.
"""

from __future__ import annotations

import csv
import fcntl
import io as _io
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import pandas as pd
import yaml

from careerlib.errors import DataError

# A line with no value on it: between two line breaks, or (without a final break) at the end.
_BLANK_LINE = re.compile(rb"\n[ \t,\r]*\n|\n[ \t,\r]+\Z")
LINE = "line"  # column added to every loaded table: the row's physical line in the file


# --------------------------------------------------------------------------- paths
def project_root() -> Path:
    """The workbook folder: the nearest parent of the working directory holding
    ``notebooks/`` and ``data/`` (JupyterLab runs kernels inside ``notebooks/``),
    else the folder this package was installed from."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "data").is_dir():
            return folder
    return Path(__file__).resolve().parents[1]


def resolve_path(path: str | os.PathLike) -> Path:
    """A user's path, relative paths taken from the project root, so a notebook
    parameter means the same thing to papermill, the CLI and JupyterLab."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else project_root() / path


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
    """Read a CSV as strings ('' for empty cells) with a ``line`` column.

    Header names are stripped; ``header_aliases`` maps alternative spellings to
    the canonical name (compared case-insensitively). Blank lines are skipped but
    counted, so ``line`` is always the line a text editor shows.
    """
    shown = shown_as or str(path)
    raw = read_bytes(path, shown_as=shown)
    try:
        table = pd.read_csv(
            _io.BytesIO(raw),  # bytes already checked as UTF-8; faster to parse than a str
            encoding="utf-8",
            dtype=object,  # plain Python strings: cheaper to compare than pandas' string dtype
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            skipinitialspace=False,
        )
    except pd.errors.EmptyDataError:
        raise DataError("the file has no header line", file=shown) from None
    except (pd.errors.ParserError, csv.Error, ValueError) as err:
        raise DataError(f"not a readable CSV file ({_first_line(err)})", file=shown) from None

    table.columns = _canonical_headers(table.columns, header_aliases or {})
    _reject_bad_headers(table.columns, shown)
    require_columns(table.columns, required, file=shown)
    table[LINE] = _physical_lines(table, raw)
    if _BLANK_LINE.search(raw):  # only then look for rows with every cell empty (costly on big files)
        blank = (table.drop(columns=LINE) == "").all(axis=1)
        table = table.loc[~blank]
    return table.reset_index(drop=True)


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


def _physical_lines(table: pd.DataFrame, raw: bytes) -> np.ndarray:
    """Line number of each record: header is line 1. Quoted cells may hold line
    breaks; those push later records down, so count them (only when present)."""
    n = len(table)
    lines = np.arange(2, n + 2)
    if n and raw.count(b"\n") > n + 1:  # more line breaks than records: some are inside cells
        breaks = np.zeros(n, dtype=np.int64)
        for column in table.columns:
            breaks += table[column].str.count("\n").to_numpy(dtype=np.int64)
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
def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write to a temporary file beside ``path``, then replace it: readers see the
    old file or the new one, never half of one, even if the process is killed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """A DataFrame to CSV, atomically (no index)."""
    return atomic_write_text(path, table.to_csv(index=False, lineterminator="\n"))


# --------------------------------------------------------------------------- locking and appending
@contextmanager
def file_lock(
    path: str | os.PathLike,
    *,
    wait: bool = True,
    holder: str | None = None,
    busy: Callable[[str], Exception] | None = None,
) -> Iterator[None]:
    """An exclusive lock on the file ``path`` (made if missing) for the ``with`` block.

    The operating system releases it if the process dies, so a killed run never
    leaves a stale lock. ``wait=False`` does not queue: if another process holds
    the lock, ``busy(who)`` is raised (``who`` is what that process wrote as its
    ``holder``, e.g. its pid; 'unknown' if nothing), or BlockingIOError."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            if busy is None:
                raise
            handle.seek(0)
            raise busy(handle.read().strip() or "unknown") from None
        if holder is not None:
            handle.seek(0)
            handle.truncate()
            handle.write(holder)
            handle.flush()
        try:
            yield
        finally:
            if holder is not None:
                handle.seek(0)
                handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


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
    full = resolve_path(path)
    shown = shown_as or str(path)
    with file_lock(lock_path(full)):
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
    writer.writerows(table.astype(str).itertuples(index=False, name=None))  # a few new lines, not a log
    return out.getvalue()
