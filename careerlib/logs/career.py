"""The career history: careerlib's ``career.csv`` format, its checks, and merging roles into it.

One row per role (``data/templates/career.csv``): ``start, end, employer, title, level,
salary, currency, rating, rating_scale_max, change``. :func:`career_table` checks the
cells and gives the typed table the stuck-career diagnostics use; :func:`read_career`
reads a ``career.csv``. LinkedIn's ``Positions.csv`` is a foreign file: its reader is
:mod:`careerlib.importers.positions`, and ``careerlib.diagnostics.load_career`` reads either.

What is certain about ``change``
--------------------------------
The first role at an employer began with a hire (so the very first role too).
Every later role at the same employer may have been a promotion, a lateral move or
a restructure; only the user knows, so it stays empty. When two roles are the
first at one employer in the same month, neither is marked (:func:`first_at_employer`).

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

from careerlib.errors import DataError
from careerlib.io import (
    LINE,
    distinct,
    fail_first,
    normalise_labels,
    original_formulas,
    parse_dates,
    parse_numbers,
    read_csv_table,
    updating,
    write_csv,
)

COLUMNS = ("start", "end", "employer", "title", "level", "salary", "currency", "rating", "rating_scale_max", "change")
REQUIRED = ("start", "end", "employer", "title", "level", "change")
CHANGES = ("hire", "promotion", "lateral", "demotion", "restructure")
HIRE = "hire"  # one of CHANGES: the only change type careerlib ever fills in itself

_HEADER_ALIASES = {name: name for name in COLUMNS}  # 'Start' -> 'start'


# --------------------------------------------------------------------------- reading career.csv
def read_career(path: str | os.PathLike) -> pd.DataFrame:
    """A ``career.csv`` as the validated table of :func:`career_table`."""
    shown = str(path)
    return career_table(read_career_cells(path, shown), shown)


def read_career_cells(path: str | os.PathLike, shown: str) -> pd.DataFrame:
    """A ``career.csv``'s cells as text with a ``line`` column, required headers checked."""
    table = read_csv_table(path, required=REQUIRED, shown_as=shown, header_aliases=_HEADER_ALIASES)
    return original_formulas(table)  # cells careerlib quoted against spreadsheet formulas, as typed


def career_table(raw: pd.DataFrame, shown: str) -> pd.DataFrame:
    """A career history's text cells (with ``line``) as a validated table, oldest role first.

    Columns: ``start, end`` (datetime; ``end`` NaT for the current role),
    ``employer, title, currency`` (text), ``level`` (a whole number as float, NaN
    when empty), ``salary, rating, rating_scale_max`` (float, NaN when empty),
    ``change`` (one of :data:`CHANGES`, or '' when empty) and ``line``. Columns
    missing from ``raw`` are read as empty. Any problem raises
    :class:`careerlib.DataError` naming ``shown``, line, column and value.

    Rows are sorted by date (then level, employer, title), so the result does not
    depend on the order of the lines in the file.
    """
    for column in COLUMNS:
        if column not in raw.columns:
            raw[column] = ""
    if raw.empty:
        return empty_career()

    fail_first(
        raw,
        raw["start"].str.strip() == "",
        file=shown,
        column="start",
        problem="the start date is empty (use YYYY-MM-DD)",
    )
    start = parse_dates(raw, "start", file=shown)
    end = parse_dates(raw, "end", file=shown)
    fail_first(raw, end < start, file=shown, column="end", problem="the role ends before it starts")

    employer = raw["employer"].str.strip()
    fail_first(raw, employer == "", file=shown, column="employer", problem="the employer is empty")

    level = parse_numbers(raw, "level", file=shown, what="a whole number (higher = more senior)")
    fail_first(
        raw,
        np.isinf(level) | (level != np.round(level)) & level.notna() | (level.abs() > 1_000),
        file=shown,
        column="level",
        problem="the level must be a whole number (higher = more senior)",
    )

    salary = parse_numbers(raw, "salary", file=shown, what="an amount of money")
    fail_first(
        raw,
        (salary <= 0) | np.isinf(salary),
        file=shown,
        column="salary",
        problem="the salary must be a positive annual amount",
    )

    currency = raw["currency"].str.strip().str.upper()
    fail_first(
        raw,
        ~currency.str.fullmatch(r"[A-Z]{3}|"),
        file=shown,
        column="currency",
        problem="use a three-letter currency code such as USD or EUR (or leave it empty)",
    )

    rating = parse_numbers(raw, "rating", file=shown)
    scale = parse_numbers(raw, "rating_scale_max", file=shown)
    fail_first(
        raw,
        ~(scale > 0) & scale.notna() | np.isinf(scale),
        file=shown,
        column="rating_scale_max",
        problem="the top of the rating scale must be a positive number",
    )
    fail_first(
        raw,
        rating.notna() & scale.isna(),
        file=shown,
        column="rating_scale_max",
        value_column="rating",
        problem="a rating needs the top of its scale in 'rating_scale_max' (e.g. 5)",
    )
    fail_first(
        raw, (rating < 0) | np.isinf(rating), file=shown, column="rating", problem="the rating must be zero or more"
    )
    fail_first(raw, rating > scale, file=shown, column="rating", problem="the rating is above the top of its scale")

    change = normalise_labels(raw["change"], empty="")
    fail_first(
        raw,
        ~change.isin(CHANGES) & (change != ""),
        file=shown,
        column="change",
        problem=f"unknown change type; use one of {', '.join(CHANGES)} (or leave it empty)",
    )

    career = pd.DataFrame(
        {
            "start": start.astype("datetime64[ns]"),
            "end": end.astype("datetime64[ns]"),
            "employer": employer.astype(object),
            "title": raw["title"].str.strip().astype(object),
            "level": level.astype(float),
            "salary": salary,
            "currency": currency.astype(object),
            "rating": rating,
            "rating_scale_max": scale,
            "change": change.astype(object),
            LINE: raw[LINE].astype(np.int64),
        }
    )
    _check_overlaps(career, raw, shown)
    return sorted_roles(career)


def empty_career() -> pd.DataFrame:
    """A history with no roles, with the right columns and types."""
    return pd.DataFrame(
        {
            "start": pd.Series(dtype="datetime64[ns]"),
            "end": pd.Series(dtype="datetime64[ns]"),
            **{c: pd.Series(dtype=object) for c in ("employer", "title")},
            "level": pd.Series(dtype=float),
            "salary": pd.Series(dtype=float),
            "currency": pd.Series(dtype=object),
            "rating": pd.Series(dtype=float),
            "rating_scale_max": pd.Series(dtype=float),
            "change": pd.Series(dtype=object),
            LINE: pd.Series(dtype=np.int64),
        }
    )


def _check_overlaps(career: pd.DataFrame, raw: pd.DataFrame, shown: str) -> None:
    """Two roles at one employer cannot overlap (one may start the day the other
    ends). Compared with the latest end of every earlier role there, so a long
    role that swallows two short ones is caught too; an open end is 'forever'."""
    key = career["employer"].str.casefold()
    ordered = career.assign(_key=key, _end=career["end"].fillna(pd.Timestamp.max)).sort_values(
        ["_key", "start", "_end"], kind="stable"
    )
    latest_end = ordered.groupby("_key", sort=False)["_end"].cummax()
    before = latest_end.groupby(ordered["_key"], sort=False).shift(1)
    overlap = (ordered["start"] < before).reindex(career.index).fillna(False)
    fail_first(
        raw,
        overlap.to_numpy(dtype=bool),
        file=shown,
        column="start",
        problem="this role overlaps another role at the same employer; end one before the next starts",
    )


def sorted_roles(career: pd.DataFrame) -> pd.DataFrame:
    """Oldest role first, with a full tie-break so row order never matters."""
    keys = career.assign(_end=career["end"].fillna(pd.Timestamp.max), _employer=career["employer"].str.casefold())
    order = keys.sort_values(["start", "_end", "level", "_employer", "title", "change"], kind="stable").index
    return career.loc[order].reset_index(drop=True)


def clean_names(values: pd.Series) -> pd.Series:
    """Surrounding spaces off and inner runs of white space made one space, once per distinct value."""
    codes, uniques = distinct(values)
    clean = uniques.str.strip().str.replace(r"\s+", " ", regex=True)
    return pd.Series(np.asarray(clean, dtype=object)[codes], index=values.index, dtype=object)


def first_at_employer(employer: pd.Series, start: pd.Series, earlier: pd.DataFrame | None = None) -> np.ndarray:
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
    employer = clean_names(existing["employer"])

    incoming = positions.reset_index(drop=True)
    new_start = pd.to_datetime(incoming["start"], format="%Y-%m-%d")
    present = _already_there(
        clean_names(incoming["employer"]),
        clean_names(incoming["title"]),
        new_start,
        employer,
        clean_names(existing["title"]),
        known_start,
    )
    added = incoming.loc[~present].copy()
    hire = first_at_employer(
        clean_names(added["employer"]),
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
            read_career(written)
        else:
            with tempfile.TemporaryDirectory(prefix="careerlib-") as folder:
                copy = Path(folder) / "career.csv"
                write_csv(merged, copy)
                read_career(copy)
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
