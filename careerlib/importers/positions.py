"""LinkedIn's ``Positions.csv`` read as career-history rows (a foreign file, like the
applications exports the other importers read).

LinkedIn's "Get a copy of your data" download holds ``Positions.csv``: one row per
role with ``Company Name, Title, Description, Location, Started On, Finished On``.
Dates are a month (``Mar 2020``) or a year (``2022``); an empty ``Finished On`` is
the current role. :func:`read_positions` turns it into careerlib's career-history
columns (:mod:`careerlib.logs.career`): ``start, end, employer, title`` filled,
``level, salary, currency, rating, rating_scale_max`` left for the user, and
``change`` filled only where it is certain (see :mod:`careerlib.logs.career`).

Dates
-----
A month becomes its first day and a year its 1 January, for the start and the end
alike, so two roles that follow each other in one month touch and do not overlap.
A year-only end in the year the role started (``Mar 2022`` to ``2022``) becomes
the start day rather than a date before it.

Descriptions and locations are not copied: they are free text the analyses do not
use, and they can hold names of colleagues and clients.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.io import LINE, distinct, fail_first, read_csv_bytes, read_csv_table, resolve_path
from careerlib.logs.career import COLUMNS, HIRE, clean_names, first_at_employer

# LinkedIn's header -> careerlib's column (matched case-insensitively).
POSITIONS_COLUMNS = {"Company Name": "employer", "Title": "title", "Started On": "start", "Finished On": "end"}
POSITIONS_MARKERS = ("company name", "started on")  # header names only Positions.csv has
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

    employer = clean_names(raw["Company Name"])
    fail_first(raw, employer == "", file=shown, column="Company Name", problem="the company name is empty")
    fail_first(
        raw,
        clean_names(raw["Started On"]) == "",
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
            "title": clean_names(raw["Title"]),
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
    out["change"] = np.where(first_at_employer(roles["employer"], roles["start"]), HIRE, "").astype(object)
    out[LINE] = roles[LINE]
    return out


def _read_table(path, data: bytes | None, shown: str) -> pd.DataFrame:
    """Positions.csv's cells as text with a ``line`` column, headers checked: the file,
    or the bytes of the zip's member, through the one CSV reader."""
    aliases = {name: name for name in POSITIONS_COLUMNS}  # 'company name' -> 'Company Name'
    required = tuple(POSITIONS_COLUMNS)
    if data is None:
        return read_csv_table(path, required=required, shown_as=shown, header_aliases=aliases)
    return read_csv_bytes(data, required=required, shown_as=shown, header_aliases=aliases)


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
