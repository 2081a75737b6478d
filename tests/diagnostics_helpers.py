"""Builders shared by the stuck-career tests (tests/diagnostics/, tests/plots/): hand-made
histories, made up for the tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from careerlib import diagnostics
from careerlib.diagnostics import COLUMNS, load_career

HEADER = ",".join(COLUMNS)


CPI = pd.DataFrame({"year": [2010, 2015, 2020], "cpi": [218.056, 237.017, 258.811]})


def write(tmp_path: Path, *rows: str, name: str = "career.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def career(tmp_path: Path, *rows: str) -> pd.DataFrame:
    return load_career(write(tmp_path, *rows))


def signal(table: pd.DataFrame, name: str) -> pd.Series:
    return table.set_index("signal").loc[name]


# A career promoted every two years from 2010 to 2016, then nothing for five years.
PROMOTED_THEN_STUCK = [
    "2010-01-01,2011-12-31,Acme,Analyst,1,50000,USD,4,5,hire",
    "2012-01-01,2013-12-31,Acme,Senior Analyst,2,60000,USD,4,5,promotion",
    "2014-01-01,2015-12-31,Acme,Lead,3,70000,USD,4,5,promotion",
    "2016-01-01,,Acme,Manager,4,80000,USD,3,5,promotion",
]


# --------------------------------------------------------------------------- a history with empty columns
# What an import from LinkedIn gives: dates, employers, titles and the certain hires; nothing else.
IMPORTED = [
    "2012-01-01,2016-01-01,Northwind,Analyst,,,,,,hire",
    "2016-05-01,2018-08-01,Harbor,Senior Analyst,,,,,,hire",
    "2018-08-01,2021-05-01,Harbor,Team Lead,,,,,,",
    "2021-06-01,,Coastline,Manager,,,,,,hire",
]


LEVEL_SIGNALS = ["years_since_step_up", "consecutive_laterals", "level_growth"]


THRESHOLDS = diagnostics.load_thresholds()  # the shipped settings, read once for the tests
SHIPPED_CPI = diagnostics.load_cpi()


def signals(history: pd.DataFrame, as_of=None, *, thresholds=None, cpi=None) -> pd.DataFrame:
    """:func:`careerlib.diagnostics.signals` with the shipped thresholds and CPI unless given."""
    return diagnostics.signals(
        history,
        as_of,
        thresholds=THRESHOLDS if thresholds is None else thresholds,
        cpi=SHIPPED_CPI if cpi is None else cpi,
    )


def timeline(history: pd.DataFrame, as_of):
    """The career timeline chart of ``history`` as it stood on ``as_of``."""
    from careerlib.plots import diagnostics as charts

    return charts.career_timeline(diagnostics.chronological(history, as_of), diagnostics.resolve_as_of(as_of))
