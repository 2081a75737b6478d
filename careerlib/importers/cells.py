"""Checks shared by every way a file becomes a table of text cells (CSV, workbook sheet,
day grid): header names, unnamed columns, rows with nothing in them."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.vocabulary import fold
from careerlib.io import LINE, distinct

UNNAMED = "Unnamed: "  # the name given to a column whose header cell is empty
POSITION_NAME = "column {}"  # ... and, when it holds values, its name from its position (1 = the first)
_POSITION_NAME = re.compile(r"^column [1-9][0-9]*$")
NAMED_BY_POSITION = "no name in the header row, called by its position (column 1 is the first)"


def position_name(position: int) -> str:
    """The name of an unnamed column at ``position`` (0 = the first): 'column 1'."""
    return POSITION_NAME.format(position + 1)


def named_by_position(header: str) -> bool:
    """Whether ``header`` is a name :func:`drop_empty_rows` gave an unnamed column."""
    return bool(_POSITION_NAME.match(str(header)))


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
    table: pd.DataFrame, shown: str, *, look: bool = True, header_line: int = 1, by_position: bool = True
) -> tuple[pd.DataFrame, int]:
    """Rows with every cell empty are skipped (and counted); unnamed columns with nothing
    in them are dropped, those with values are named by their position ('column 1', see
    :func:`position_name`) and read like any other. ``look=False``: the text has no blank
    line, so skip the search. ``by_position=False`` (names the mapping gave): an unnamed
    column with values is refused instead."""
    taken = {fold(c) for c in table.columns}
    names = {}
    for column in table.columns.drop(LINE):
        if not str(column).startswith(UNNAMED):
            continue
        if not filled(table[column]).any():
            table = table.drop(columns=column)
            continue
        name = position_name(int(str(column)[len(UNNAMED) :]))
        if not by_position:
            raise DataError("a column with values in it has no name in the header", file=shown, line=header_line)
        if fold(name) in taken:
            raise DataError(
                f"a column with values in it has no name in the header, and its name by position ({name!r}) is "
                "another column's; give it a name in the header",
                file=shown,
                line=header_line,
                column=name,
            )
        names[column] = name
    if names:
        table = table.rename(columns=names)
    if not look or not len(table):
        return table, 0
    empty = np.ones(len(table), dtype=bool)
    for column in table.columns.drop(LINE):
        empty &= ~filled(table[column])
    if empty.any():
        table = table.loc[~empty].reset_index(drop=True)
    return table, int(empty.sum())
