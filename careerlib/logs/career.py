"""A career history from LinkedIn's ``Positions.csv``, merged into ``career.csv``.

LinkedIn's "Get a copy of your data" download holds ``Positions.csv``: one row per
role with ``Company Name, Title, Description, Location, Started On, Finished On``.
Dates are a month (``Mar 2020``) or a year (``2022``); an empty ``Finished On`` is
the current role. :func:`read_positions` turns it into careerlib's career-history
columns (``data/templates/career.csv``): ``start, end, employer, title`` filled,
``level, salary, currency, rating, rating_scale_max`` left for the user, and
``change`` filled only where it is certain.

What is certain about ``change``
--------------------------------
The first role at an employer began with a hire (so the very first role too).
Every later role at the same employer may have been a promotion, a lateral move or
a restructure; only the user knows, so it stays empty. When two roles are the
first at one employer in the same month, neither is marked.

Dates
-----
A month becomes its first day and a year its 1 January, for the start and the end
alike, so two roles that follow each other in one month touch and do not overlap.
A year-only end in the year the role started (``Mar 2022`` to ``2022``) becomes
the start day rather than a date before it.

Descriptions and locations are not copied: they are free text the analyses do not
use, and they can hold names of colleagues and clients.

:func:`merge_career` adds the roles that ``career.csv`` does not have yet (same
employer, title and start month) and never changes a row already there, so
importing a newer download again is safe. :func:`describe_merge` says what it did.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from careerlib import diagnostics
from careerlib.diagnostics import COLUMNS
from careerlib.errors import DataError
from careerlib.io import (
    LINE,
    distinct,
    fail_first,
    original_formulas,
    parse_dates,
    read_csv_table,
    resolve_path,
    updating,
    write_csv,
)

# LinkedIn's header -> careerlib's column (matched case-insensitively).
POSITIONS_COLUMNS = {"Company Name": "employer", "Title": "title", "Started On": "start", "Finished On": "end"}
POSITIONS_MARKERS = ("company name", "started on")  # header names only Positions.csv has
HIRE = "hire"  # one of diagnostics.CHANGES
_DATE_FORMATS = (("%b %Y", "month"), ("%B %Y", "month"), ("%Y", "year"), ("%Y-%m-%d", "day"))
_DATE_HINT = "use a month and year such as 'Mar 2020', or a year such as '2022'"
_YEARS = (1900, 2200)  # a role outside these years is a typing slip


# --------------------------------------------------------------------------- reading Positions.csv
def is_positions_file(path: str | os.PathLike) -> bool:
    """Whether the file's header line is LinkedIn's Positions.csv header (a quick
    look at the first line; a file that cannot be read is left to the real reader)."""
    try:
        with open(resolve_path(path), "rb") as handle:
            first = handle.read(4096).split(b"\n", 1)[0]
    except OSError:
        return False
    return is_positions_header(first.decode("utf-8", errors="replace").lstrip("\ufeff").split(","))


def is_positions_header(columns) -> bool:
    """Whether these header names are LinkedIn's Positions.csv."""
    names = {str(name).strip().strip('"').strip().casefold() for name in columns}
    return all(marker in names for marker in POSITIONS_MARKERS)


def read_positions(path: str | os.PathLike, data: bytes | None = None) -> pd.DataFrame:
    """LinkedIn's ``Positions.csv`` as career-history rows, oldest role first.

    Returns the cells ``career.csv`` would hold, as text: the columns of
    ``data/templates/career.csv`` (``start`` and ``end`` as ``YYYY-MM-DD``, ``end``
    empty for a current role; ``change`` 'hire' or empty; the other columns empty)
    plus ``line``, the row's line in ``Positions.csv``. ``data`` is the file's bytes
    when they come from elsewhere (a member of LinkedIn's zip); ``path`` then only
    names the file in messages. A bad cell raises :class:`careerlib.DataError`
    naming file, line, LinkedIn's column and the value."""
    shown = str(path)
    raw = _read_table(path, data, shown)
    if raw.empty:
        return pd.DataFrame({**{c: pd.Series(dtype=object) for c in COLUMNS}, LINE: pd.Series(dtype=np.int64)})

    employer = _clean(raw["Company Name"])
    fail_first(raw, employer == "", file=shown, column="Company Name", problem="the company name is empty")
    fail_first(
        raw,
        _clean(raw["Started On"]) == "",
        file=shown,
        column="Started On",
        problem=f"the start date is empty ({_DATE_HINT})",
    )
    start, _ = _month_dates(raw, "Started On", shown)
    end, end_precision = _month_dates(raw, "Finished On", shown)
    # 'Mar 2022' to '2022': the year-only end is the coarser date, not a date before the start.
    same_year = (end_precision == "year") & (end < start) & (end.dt.year == start.dt.year)
    end = end.where(~same_year, start)
    fail_first(raw, end < start, file=shown, column="Finished On", problem="the role ends before it starts")

    roles = pd.DataFrame(
        {
            "start": start,
            "end": end,
            "employer": employer,
            "title": _clean(raw["Title"]),
            LINE: raw[LINE].to_numpy(dtype=np.int64),
        }
    )
    _refuse_repeats(roles, shown)
    roles = roles.sort_values(["start", LINE], kind="stable").reset_index(drop=True)
    out = pd.DataFrame({column: "" for column in COLUMNS}, index=roles.index, dtype=object)
    out["start"] = roles["start"].dt.strftime("%Y-%m-%d").astype(object)
    out["end"] = roles["end"].dt.strftime("%Y-%m-%d").astype(object).fillna("")
    out["employer"] = roles["employer"].astype(object)
    out["title"] = roles["title"].astype(object)
    out["change"] = np.where(_first_at_employer(roles["employer"], roles["start"]), HIRE, "").astype(object)
    out[LINE] = roles[LINE]
    return out


def _read_table(path, data: bytes | None, shown: str) -> pd.DataFrame:
    """Positions.csv's cells as text with a ``line`` column, headers checked.
    Bytes from a zip go through a private temporary copy, so one CSV reader (with
    its checks and line counting) serves both cases."""
    aliases = {name: name for name in POSITIONS_COLUMNS}  # 'company name' -> 'Company Name'
    required = tuple(POSITIONS_COLUMNS)
    if data is None:
        return read_csv_table(path, required=required, shown_as=shown, header_aliases=aliases)
    with tempfile.TemporaryDirectory(prefix="careerlib-") as folder:
        copy = Path(folder) / "Positions.csv"
        copy.write_bytes(data)
        return read_csv_table(copy, required=required, shown_as=shown, header_aliases=aliases)


def _clean(values: pd.Series) -> pd.Series:
    """Surrounding spaces off and inner runs of white space made one space, once per distinct value."""
    codes, uniques = distinct(values)
    clean = uniques.str.strip().str.replace(r"\s+", " ", regex=True)
    return pd.Series(np.asarray(clean, dtype=object)[codes], index=values.index, dtype=object)


def _month_dates(raw: pd.DataFrame, column: str, shown: str) -> tuple[pd.Series, np.ndarray]:
    """A LinkedIn date column as datetimes (NaT where empty) and each cell's
    precision ('month', 'year', 'day' or ''). Each distinct value is parsed once."""
    codes, uniques = distinct(raw[column])
    text = pd.Series(uniques.str.strip().str.replace(r"\s+", " ", regex=True), dtype=object)
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    precision = pd.Series("", index=text.index, dtype=object)
    for fmt, kind in _DATE_FORMATS:  # four formats, not rows
        todo = parsed.isna() & (text != "")
        attempt = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        plausible = attempt.dt.year.between(*_YEARS)  # also keeps years nanosecond datetimes cannot hold out
        parsed[todo] = attempt.where(plausible).astype("datetime64[ns]")
        precision[todo & parsed.notna()] = kind
    bad = (parsed.isna() & (text != "")).to_numpy()
    fail_first(raw, bad[codes], file=shown, column=column, problem=f"not a date ({_DATE_HINT})")
    return pd.Series(parsed.to_numpy()[codes], index=raw.index), precision.to_numpy()[codes]


def _refuse_repeats(roles: pd.DataFrame, shown: str) -> None:
    """The same role (employer, title, start) twice is a copying slip: name both lines."""
    key = _role_key(roles["employer"], roles["title"], roles["start"])
    repeated = key.duplicated(keep=False)
    if repeated.any():
        lines = roles.loc[repeated].groupby(key[repeated], sort=False)[LINE].agg(list).iloc[0]
        first = roles.loc[roles[LINE] == lines[0]].iloc[0]
        raise DataError(
            f"the same role (company, title and start) is on lines {lines[0]} and {lines[1]}",
            file=shown,
            line=int(lines[1]),
            column="Company Name",
            value=first["employer"],
        )


def _role_key(employer: pd.Series, title: pd.Series, start: pd.Series) -> pd.Series:
    return employer.str.casefold() + "\x1f" + title.str.casefold() + "\x1f" + start.dt.strftime("%Y-%m")


def _first_at_employer(employer: pd.Series, start: pd.Series, earlier: pd.DataFrame | None = None) -> np.ndarray:
    """True for a role that is certainly a hire: the first at its employer (also
    counting ``earlier`` roles: ``employer`` and parsed ``start``), alone in its start month."""
    key = employer.str.casefold()
    month = start.dt.to_period("M")
    all_keys = key if earlier is None else pd.concat([key, earlier["employer"].str.casefold()], ignore_index=True)
    all_months = month if earlier is None else pd.concat([month, earlier["start"].dt.to_period("M")], ignore_index=True)
    table = pd.DataFrame({"key": all_keys.to_numpy(), "month": all_months.to_numpy()})
    first = table.groupby("key")["month"].min()
    firsts_there = table.loc[table["month"] == table["key"].map(first)].groupby("key").size()
    is_first = month.to_numpy() == key.map(first).to_numpy()
    alone = key.map(firsts_there).to_numpy() == 1
    return np.asarray(is_first & alone, dtype=bool)


# --------------------------------------------------------------------------- merging into career.csv
@dataclass(frozen=True)
class MergeSummary:
    """What :func:`merge_career` did (or, with ``dry_run``, would do)."""

    path: str
    created: bool  # career.csv did not exist and was (or would be) created
    dry_run: bool
    added: int  # roles new to career.csv
    kept: int  # roles of the import already in career.csv (left as they are)
    existing: int  # rows career.csv had before
    hires: int  # added roles marked as a hire (certain)
    change_left_empty: int  # added roles whose change type only the user knows
    roles: pd.DataFrame = field(repr=False, default=None)  # the added rows, as written
    # The first problem loading the merged history would raise ('' when it loads): LinkedIn
    # allows two overlapping roles at one employer, the stuck-diagnostics report does not.
    problem: str = ""


def merge_career(
    career_csv_path: str | os.PathLike, positions: pd.DataFrame, dry_run: bool = False, *, wait: bool = True
) -> MergeSummary:
    """Add the roles of ``positions`` (from :func:`read_positions`) that ``career.csv``
    does not have yet, atomically; create the file when it is missing.

    A role is already there when a row has the same employer and title (ignoring
    case and spacing) and a start in the same month (in the same year when the
    import's start is 1 January, LinkedIn's year-only dates), so a start day the
    user corrected later still matches. Rows already in the file are written back
    cell for cell, extra columns included (template columns the file lacks are
    added, empty); new rows go at the end, oldest first.
    A new role is marked a hire only if neither file has an earlier role at that
    employer. ``dry_run`` writes nothing. The merged history is then loaded as the
    stuck-diagnostics report would load it, and ``problem`` holds what it would
    stop at, so the user hears of it now. ``career.csv`` is locked from its reading to
    its replacement (``wait=False``: refused if another command holds it)."""
    shown = str(career_csv_path)
    with updating(career_csv_path, wait=wait, shown_as=shown, lock=not dry_run) as target:
        return _merge_career(target, shown, positions, dry_run)


def _merge_career(target: Path, shown: str, positions: pd.DataFrame, dry_run: bool) -> MergeSummary:
    """:func:`merge_career` with ``career.csv``'s lock held."""
    created = not target.exists()
    existing = (
        _empty_template()
        if created
        else read_csv_table(
            target, required=("start", "employer", "title"), shown_as=shown, header_aliases={c: c for c in COLUMNS}
        )
    )
    existing = original_formulas(existing)  # careerlib wrote it: '=... cells read as typed
    for column in COLUMNS:
        if column not in existing.columns:
            existing[column] = ""
    known_start = parse_dates(existing, "start", file=shown)
    fail_first(
        existing,
        known_start.isna().to_numpy(),
        file=shown,
        column="start",
        problem="the start date is empty (use YYYY-MM-DD)",
    )
    employer = _clean(existing["employer"])

    incoming = positions.reset_index(drop=True)
    new_start = pd.to_datetime(incoming["start"], format="%Y-%m-%d")
    present = _already_there(
        _clean(incoming["employer"]),
        _clean(incoming["title"]),
        new_start,
        employer,
        _clean(existing["title"]),
        known_start,
    )
    added = incoming.loc[~present].copy()
    hire = _first_at_employer(
        _clean(added["employer"]),
        new_start[~present],
        earlier=pd.DataFrame({"employer": employer, "start": known_start}),
    )
    added["change"] = np.where(hire, HIRE, "").astype(object)

    columns = [c for c in existing.columns if c != LINE]
    merged = pd.concat([existing[columns], added.reindex(columns=columns, fill_value="")], ignore_index=True)
    if not dry_run and (len(added) or created):
        write_csv(merged, target)
    return MergeSummary(
        path=shown,
        created=created,
        dry_run=dry_run,
        added=len(added),
        kept=int(present.sum()),
        existing=len(existing),
        hires=int(hire.sum()),
        change_left_empty=int((~hire).sum()),
        roles=added.reindex(columns=list(COLUMNS)).reset_index(drop=True),
        problem=_first_problem(merged, target if target.exists() and not dry_run else None, shown),
    )


def _first_problem(merged: pd.DataFrame, written: Path | None, shown: str) -> str:
    """What loading the merged history stops at, named as in ``shown`` ('' if it loads).
    A dry run checks a private temporary copy of what would have been written."""
    try:
        if written is not None:
            diagnostics.load_career(written)
        else:
            with tempfile.TemporaryDirectory(prefix="careerlib-") as folder:
                copy = Path(folder) / "career.csv"
                write_csv(merged, copy)
                diagnostics.load_career(copy)
    except DataError as error:
        return str(DataError(error.problem, file=shown, line=error.line, column=error.column, value=error.value))
    return ""


def _empty_template() -> pd.DataFrame:
    return pd.DataFrame({**{c: pd.Series(dtype=object) for c in COLUMNS}, LINE: pd.Series(dtype=np.int64)})


def _already_there(employer, title, start, known_employer, known_title, known_start) -> np.ndarray:
    """For each incoming role: does a known row have its employer, title and start
    month (start year when the incoming start is 1 January)?"""

    def keys(e, t, period):
        return e.str.casefold() + "\x1f" + t.str.casefold() + "\x1f" + period.astype(str)

    known_months = set(keys(known_employer, known_title, known_start.dt.to_period("M")))
    known_years = set(keys(known_employer, known_title, known_start.dt.to_period("Y")))
    by_month = keys(employer, title, start.dt.to_period("M")).isin(known_months)
    year_only = (start.dt.month == 1) & (start.dt.day == 1)
    by_year = keys(employer, title, start.dt.to_period("Y")).isin(known_years) & year_only
    return (by_month | by_year).to_numpy(dtype=bool)


def describe_merge(summary: MergeSummary) -> str:
    """What the merge did, one fact a line (for the command line)."""
    verb = "would be" if summary.dry_run else "were"
    lines = []
    if summary.created:
        lines.append(f"{summary.path}: {'would be created' if summary.dry_run else 'created'} (it did not exist)")
    else:
        lines.append(f"{summary.path}: {summary.existing} role(s) already there, none of them changed")
    lines.append(f"roles added: {summary.added}" + (" (dry run: nothing written)" if summary.dry_run else ""))
    lines.append(f"roles already in the history, kept as they are: {summary.kept}")
    if summary.added:
        lines.append(f"change inferred as 'hire' (first role at an employer): {summary.hires}")
        lines.append(
            f"change left empty (a move within one employer: promotion, lateral, ...?): {summary.change_left_empty}"
        )
        lines.append(
            f"level, salary and rating {verb} left empty for you to fill in; "
            "the stuck-diagnostics report measures more once they are there"
        )
    if summary.problem:
        lines.append(f"to fix before the stuck-diagnostics report can run: {summary.problem}")
    return "\n".join(lines)
