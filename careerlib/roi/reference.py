"""Education ROI reference tables (``data/reference/``, each with its source and year in its
README): BLS median earnings by education, the seed article's figures on CEOs' education, and
the published figures behind the typical pay-by-age profiles (:func:`typical_earnings`).
Every table is checked like user data."""

from __future__ import annotations

import pandas as pd

from careerlib import paths
from careerlib.errors import DataError
from careerlib.io import LINE, fail_first, parse_numbers, read_csv_table, resolve_path

BLS_PATH = paths.BLS_EDUCATION_PAYS
EARNINGS_BY_AGE_PATH = paths.EARNINGS_BY_AGE
EXECUTIVE_PATH = paths.EXECUTIVE_EDUCATION
WEEKS_PER_YEAR = 52  # BLS publishes usual weekly earnings; a year of them is 52 weeks


def load_bls_education_pays(path: str = BLS_PATH) -> pd.DataFrame:
    """BLS "Education pays": median usual weekly earnings and unemployment rate by
    educational attainment, plus ``annual_earnings_usd`` (weekly x 52)."""
    table = read_csv_table(
        resolve_path(path),
        shown_as=path,
        required=("attainment", "median_weekly_earnings_usd", "unemployment_rate_pct", "source", "year"),
    )
    weekly = parse_numbers(table, "median_weekly_earnings_usd", file=path, what="an amount in dollars")
    unemployment = parse_numbers(table, "unemployment_rate_pct", file=path, what="a percentage")
    _require_values(table, weekly, "median_weekly_earnings_usd", path)
    _require_values(table, unemployment, "unemployment_rate_pct", path)
    return table.drop(columns=LINE).assign(
        median_weekly_earnings_usd=weekly,
        unemployment_rate_pct=unemployment,
        annual_earnings_usd=weekly * WEEKS_PER_YEAR,
    )


def load_executive_education(path: str = EXECUTIVE_PATH) -> pd.DataFrame:
    """The seed article's figures on Fortune 500 CEOs' education, with each
    count's share of all the CEOs counted (``of_ceos`` in the file: 500)."""
    table = read_csv_table(resolve_path(path), shown_as=path, required=("group", "ceos", "of_ceos", "source", "year"))
    ceos = parse_numbers(table, "ceos", file=path, what="a count of CEOs")
    total = parse_numbers(table, "of_ceos", file=path, what="a count of CEOs")
    _require_values(table, ceos, "ceos", path)
    fail_first(
        table,
        ~(total > 0) | (ceos > total),
        file=path,
        column="of_ceos",
        problem="needs the number of CEOs counted, at least the count in 'ceos'",
    )
    return table.drop(columns=LINE).assign(ceos=ceos, of_ceos=total, share_of_ceos=ceos / total)


def _require_values(table: pd.DataFrame, values: pd.Series, column: str, path: str) -> None:
    fail_first(table, values.isna() | (values < 0), file=path, column=column, problem="needs a non-negative number")


def load_earnings_by_age(path: str = EARNINGS_BY_AGE_PATH) -> pd.DataFrame:
    """The published figures behind the typical pay-by-age profiles (one row per figure: a
    median at ages 25-34, real growth per year by age band), each with its source and year."""
    table = read_csv_table(
        resolve_path(path),
        shown_as=path,
        required=("profile", "measure", "from_age", "to_age", "value", "unit", "source", "year"),
    )
    for column in ("from_age", "to_age", "value"):
        values = parse_numbers(table, column, file=path, what="a number")
        fail_first(table, values.isna(), file=path, column=column, problem="needs a number")
        table[column] = values
    fail_first(
        table,
        ~table["measure"].isin(_PROFILE_MEASURES),
        file=path,
        column="measure",
        problem=f"must be one of {', '.join(map(repr, _PROFILE_MEASURES))}",
    )
    return table.drop(columns=LINE)


_LEVEL, _GROWTH = "median annual earnings", "real earnings growth per year"
_PROFILE_MEASURES = (_LEVEL, _GROWTH)


def typical_earnings(profile: str, table: pd.DataFrame | None = None) -> dict[float, float]:
    """A typical pay-by-age profile ``{age: pay}`` for ``profile`` (e.g. "bachelor's degree")
    from :func:`load_earnings_by_age`: the median of ages 25-34 at age 30, then each age band's
    growth rate carried forward (and back to 25); see ``data/reference/README.md``."""
    table = load_earnings_by_age() if table is None else table
    rows = table[table["profile"] == profile]
    level = rows[rows["measure"] == _LEVEL]
    growth = rows[rows["measure"] == _GROWTH].sort_values("from_age")
    if len(level) != 1 or growth.empty:
        raise DataError(
            "needs one median annual earnings row and growth rows for this profile",
            file=EARNINGS_BY_AGE_PATH,
            column="profile",
            value=profile,
        )
    middle = float(level["from_age"].iloc[0] + level["to_age"].iloc[0] + 1) / 2  # 25-34 -> 30
    points = {middle: float(level["value"].iloc[0])}
    first = growth.iloc[0]
    points[float(first["from_age"])] = points[middle] / (1 + first["value"] / 100) ** (middle - first["from_age"])
    age, pay = middle, points[middle]
    for band in growth.itertuples():  # three age bands
        end = float(band.to_age + 1) if band.Index != growth.index[-1] else float(band.to_age)
        pay *= (1 + band.value / 100) ** (end - max(age, band.from_age))
        age = end
        points[end] = pay
    return {float(age): round(float(pay), 2) for age, pay in sorted(points.items())}


def _profile_source(profile: str, table: pd.DataFrame) -> str:
    """The sources and years of one typical profile, in a few words."""
    rows = table[table["profile"] == profile]
    parts = [
        f"{source.split(',')[0]} {year}"
        for source, year in rows[["source", "year"]].drop_duplicates().itertuples(index=False)
    ]
    return f"typical profile {profile!r} ({'; '.join(parts)}; see data/reference/README.md)"
