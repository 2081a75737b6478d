"""Files that count applications instead of listing them: a table of counts (one row per
stage, one number per city or month) or the flows drawn as a Sankey diagram
(``Applications [35] No response``). Read as a log, their rows would become
"applications" named after a stage or a flow, so they are recognised first and refused
with a message that says what the file holds and what careerlib reads instead."""

from __future__ import annotations

import re

import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.vocabulary import fold, stage_columns, statuses
from careerlib.io import LINE

# SankeyMATIC's line: source [amount] target
FLOW = re.compile(r"^\s*\S.*?\s*\[\s*\d+(?:[.,]\d+)?\s*\]\s*\S.*$")
MAX_COUNT_ROWS = 50  # a table of counts names a few stages; a log with so many rows is not one
MIN_STAGE_LABELS = 2  # row labels that must be stage or status words
WANTED = (
    "careerlib reads a log with one row per application (at least the company, or an id, and "
    "where it stands); the counts follow from such a log"
)


def refuse_counts(raw: pd.DataFrame, headers: list[str], shown: str) -> None:
    """Raise a DataError when the table read from ``shown`` counts applications instead of
    listing them; return quietly otherwise."""
    if _is_flows(raw, headers):
        raise DataError(
            f"this file holds the flows of a Sankey diagram ({headers[0]!r}: that many applications went "
            f"from one step to the next), not one row per application; {WANTED}",
            file=shown,
            line=1,
        )
    labels = _count_table_labels(raw, headers)
    if labels:
        first = raw.iloc[0]
        numbers = ", ".join(str(first[h]) for h in headers[1:])
        raise DataError(
            f"this file is a table of counts (rows such as {first[headers[0]]!r}: {numbers}, under the headers "
            f"{', '.join(map(repr, headers[1:]))}), not one row per application; its rows name stages "
            f"({', '.join(map(repr, labels))}); {WANTED}",
            file=shown,
            line=int(first[LINE]),
            column=headers[0],
        )


def _is_flows(raw: pd.DataFrame, headers: list[str]) -> bool:
    """One column whose header and most of whose cells read ``source [amount] target``."""
    if len(headers) != 1 or not FLOW.match(str(headers[0])):
        return False
    cells = raw[headers[0]].astype(str)
    cells = cells[cells.str.strip() != ""]
    return len(cells) == 0 or cells.str.match(FLOW).mean() >= 0.5


def _count_table_labels(raw: pd.DataFrame, headers: list[str]) -> list[str]:
    """The stage words labelling the rows when the table is one of counts (a few rows, every
    column but the first whole numbers, rows labelled by stage or status words), else []."""
    if len(headers) < 3 or not 0 < len(raw) <= MAX_COUNT_ROWS:
        return []
    for header in headers[1:]:
        cells = raw[header].astype(str).str.strip()
        cells = cells[cells != ""]
        numbers = pd.to_numeric(cells, errors="coerce")
        if cells.empty or numbers.isna().any() or (numbers % 1 != 0).any():
            return []
    known = set(statuses()) | set(stage_columns())
    labels = [label for label in raw[headers[0]].astype(str) if _singular(fold(label)) in known]
    return labels if len(labels) >= MIN_STAGE_LABELS else []


def _singular(word: str) -> str:
    """'rejections' -> 'rejection': row labels of a count table are often plural."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
