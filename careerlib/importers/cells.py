"""Checks shared by every way a file becomes a table of text cells (CSV, workbook sheet,
day grid): header names, unnamed columns, rows with nothing in them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.vocabulary import fold
from careerlib.io import LINE, distinct

UNNAMED = "Unnamed: "  # the name given to a column whose header cell is empty


def check_header(header: list[str], shown: str, *, line: int = 1) -> None:
    """Refuse two columns with the same name (in any spelling ``fold`` ignores)."""
    seen: dict[str, str] = {}
    for name in header:
        if not name.strip():
            continue  # an unnamed column is dropped later if it is empty
        key = fold(name)
        if key in seen:
            raise DataError(
                f"two columns have the same name ({seen[key]!r} and {name!r}); rename one",
                file=shown,
                line=line,
                column=name.strip(),
            )
        seen[key] = name


def filled(values: pd.Series) -> np.ndarray:
    """Which cells hold something other than spaces (worked out once per distinct text)."""
    codes, uniques = distinct(values)
    return np.asarray(uniques.astype(str).str.strip() != "", dtype=bool)[codes]


def drop_empty_rows(
    table: pd.DataFrame, shown: str, *, look: bool = True, header_line: int = 1
) -> tuple[pd.DataFrame, int]:
    """Rows with every cell empty are skipped (and counted); unnamed columns with nothing
    in them are dropped. ``look=False``: the text has no blank line, so skip the search."""
    for column in table.columns.drop(LINE):
        if str(column).startswith(UNNAMED):
            if filled(table[column]).any():
                raise DataError("a column with values in it has no name in the header", file=shown, line=header_line)
            table = table.drop(columns=column)
    if not look or not len(table):
        return table, 0
    empty = np.ones(len(table), dtype=bool)
    for column in table.columns.drop(LINE):
        empty &= ~filled(table[column])
    if empty.any():
        table = table.loc[~empty].reset_index(drop=True)
    return table, int(empty.sum())
