"""A history cell: the stages an application went through, in one cell.

Two spellings: one stage per line (``Applied\\nInitial screen\\n1st interview``), or a
Python literal list of records (``[{'stage': 'Applied', 'date': '2024-11-05'}, ...]``),
read with ``ast.literal_eval`` (never ``eval``: the cell is data, not code). Each cell is
read once per distinct text; stage words mean what they mean in a status column.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.importers.decisions import MAX_CELLS, Decisions
from careerlib.importers.statuses import NONE, SKIP, STAGE_CODE, meaning
from careerlib.importers.vocabulary import STAGES, Status
from careerlib.io import LINE, distinct

_ENTRY_SEPARATOR = re.compile(r"\s*(?:\n|;|\||->|→|>)\s*")
_STAGE_KEYS = ("stage", "status", "step", "name")
_DATE_KEYS = ("date", "on", "when", "at")


@dataclass
class HistoryReading:
    """A history column read: per row the furthest stage, the last outcome and each stage's date."""

    stage: np.ndarray  # per row: furthest stage reached (index), NONE or SKIP
    outcome: np.ndarray  # per row: the last entry's outcome, '' when it names none
    dates: dict[str, pd.Series]  # stage -> the text of the first date given for it ('' if none)
    words: pd.DataFrame  # value, rows, stage, outcome, source (one row per distinct entry)


def entries(cell: str) -> list[tuple[str, str]] | None:
    """(stage word, date text) pairs of one cell; None when the cell cannot be read."""
    text = cell.strip()
    if not text:
        return []
    if text[0] in "[({":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
            return None
        value = [value] if isinstance(value, dict) else value  # a single record
        if not isinstance(value, list | tuple):
            return None
        out = []
        for item in value:
            if isinstance(item, str):
                out.append((item, ""))
            elif isinstance(item, dict):
                keys = {str(k).strip().lower(): v for k, v in item.items()}
                stage = next((keys[k] for k in _STAGE_KEYS if k in keys), None)
                date = next((keys[k] for k in _DATE_KEYS if k in keys), "")
                if not isinstance(stage, str):
                    return None
                out.append((stage, "" if date is None else str(date)))
            else:
                return None
        return out
    return [(part, "") for part in _ENTRY_SEPARATOR.split(text) if part]


def read_history(
    table: pd.DataFrame, column: str, *, mapped: dict[str, Status], decisions: Decisions
) -> HistoryReading:
    """A column of history cells (one stage per line, or a list of records) read: each
    distinct cell once. Stage words neither known nor ``mapped`` and cells that are not a
    history go to ``decisions`` as questions."""
    codes, uniques = distinct(table[column])
    n = len(uniques)
    lines = table[LINE].to_numpy()
    counts = np.bincount(codes, minlength=n) if len(codes) else np.zeros(n, dtype=np.int64)
    first_row = np.zeros(n, dtype=np.int64)
    first_row[codes[::-1]] = np.arange(len(codes))[::-1]
    stage = np.full(n, NONE, dtype=np.int64)
    outcome = np.full(n, "", dtype=object)
    dates = {s: np.full(n, "", dtype=object) for s in STAGES}
    seen: dict[str, dict] = {}  # entry word -> summary row
    unknown: dict[str, list[int]] = {}  # word -> [rows, first line]
    bad = []
    for i, cell in enumerate(uniques):  # distinct histories; their entries are few
        found = entries(str(cell))
        if found is None:
            bad.append(i)
            continue
        for word, date in found:
            status, source = meaning(word, mapped)
            line = int(lines[first_row[i]])
            if status is None:
                slot = unknown.setdefault(word.strip(), [0, line])
                slot[0] += int(counts[i])
                slot[1] = min(slot[1], line)
                continue
            row = seen.setdefault(
                word.strip(),
                {
                    "value": word.strip(),
                    "rows": 0,
                    "stage": status.stage,
                    "outcome": status.outcome,
                    "source": source,
                    "column": column,
                    "what": "history",
                },
            )
            row["rows"] += int(counts[i])
            code = STAGE_CODE[status.stage]
            if code == SKIP:
                stage[i] = SKIP if stage[i] == NONE else stage[i]
                continue
            stage[i] = max(stage[i], code)
            outcome[i] = status.outcome  # the last entry's outcome wins
            if date and not dates[status.stage][i]:
                dates[status.stage][i] = date
    for word, (rows, line) in unknown.items():
        decisions.unknown_status(word, rows, line, column)
    if bad:
        bad_rows = np.flatnonzero(np.isin(codes, bad))
        decisions.unreadable(
            lines[bad_rows[:MAX_CELLS]],
            table[column].to_numpy()[bad_rows[:MAX_CELLS]],
            column=column,
            total=len(bad_rows),
            problem="not a history (one stage per line, or a list like [{'stage': ..., 'date': ...}])",
        )
    words = pd.DataFrame(list(seen.values()), columns=["value", "rows", "stage", "outcome", "source", "column", "what"])
    return HistoryReading(
        stage[codes],
        outcome[codes],
        {s: pd.Series(d[codes], index=table.index, dtype=object) for s, d in dates.items()},
        words,
    )
