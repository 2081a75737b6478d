"""Status words -> (furthest stage, outcome), once per distinct word.

The meaning comes from the user's mapping first, then ``data/importers/statuses.csv``.
Words found in neither are not guessed: they go to ``decisions`` with their row count
and first line."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.importers.decisions import Decisions
from careerlib.importers.vocabulary import NOT_APPLIED, STAGES, Status, fold, statuses
from careerlib.io import LINE, distinct

NONE, SKIP, ASKED = -1, -2, -3  # stage codes: no status / a job not applied to / a word asked about
STAGE_CODE = {**{s: i for i, s in enumerate(STAGES)}, NOT_APPLIED: SKIP}


_ASIDE = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<aside>[^()]+)\)$")
_TRAILING = re.compile(
    r"[\s.!?\u2026]*(?:[:;]-?[()\[\]DPp/|])?[\s.!?\u2026]*$"
)  # 'Negative.', 'Accepted!', 'Rejection :('


def meaning(word: str, mapped: dict[str, Status]) -> tuple[Status | None, str]:
    """(Status, where it came from) for one word; (None, '') when unknown. A word with an
    aside in brackets ('Olumsuz (Red)', 'Ghosted (no reply)') not known as a whole is
    read by its main part, else by the aside; one ending in punctuation or a smiley
    ('Negative.', 'Accepted!', 'Rejection :(') by the word before it."""
    key = fold(word)
    if key in mapped:
        return mapped[key], "your mapping"
    if key in statuses():
        return statuses()[key], "vocabulary"
    parts = _ASIDE.match(str(word).strip())
    if parts:
        for part in (parts["main"], parts["aside"]):
            found, source = meaning(part, mapped)
            if found is not None:
                return found, f"{source}, read as {part.strip()!r}"
    plain = _TRAILING.sub("", str(word).strip())
    if plain and plain != str(word).strip():
        found, source = meaning(plain, mapped)
        if found is not None:
            return found, source if ", read as" in source else f"{source}, read as {plain!r}"
    return None, ""


@dataclass
class StatusReading:
    """A status column read row by row (vectorised): the stage each row reached and its outcome."""

    stage: np.ndarray  # per row: stage index, NONE (empty) or SKIP (not applied)
    outcome: np.ndarray  # per row: outcome named, '' when none
    words: pd.DataFrame  # value, rows, stage, outcome, source: one row per distinct word


def read_statuses(
    table: pd.DataFrame, column: str, *, mapped: dict[str, Status], decisions: Decisions, what: str = "status"
) -> StatusReading:
    """``column``'s words read once per distinct word (the mapping's ``mapped`` first, then
    the vocabulary); a word known to neither goes to ``decisions`` as a question."""
    codes, uniques = distinct(table[column])
    n = len(uniques)
    stage = np.full(n + 1, NONE, dtype=np.int64)  # the extra slot stays NONE for empty codes
    outcome = np.full(n + 1, "", dtype=object)
    counts = np.bincount(codes, minlength=n) if len(codes) else np.zeros(n, dtype=np.int64)
    first_row = np.zeros(n, dtype=np.int64)
    first_row[codes[::-1]] = np.arange(len(codes))[::-1]
    lines = table[LINE].to_numpy()
    rows = []
    for i, word in enumerate(uniques):  # distinct words: a handful
        text = str(word).strip()
        if not text:
            continue
        status, source = meaning(text, mapped)
        if status is None:
            decisions.unknown_status(text, int(counts[i]), int(lines[first_row[i]]), column)
            stage[i] = ASKED  # a status all the same: its rows need an applied date whatever the answer
            continue
        stage[i] = STAGE_CODE[status.stage]
        outcome[i] = status.outcome
        rows.append(
            {
                "value": text,
                "rows": int(counts[i]),
                "stage": status.stage,
                "outcome": status.outcome,
                "source": source,
                "column": column,
                "what": what,
            }
        )
    words = pd.DataFrame(rows, columns=["value", "rows", "stage", "outcome", "source", "column", "what"])
    return StatusReading(stage[codes], outcome[codes], words)
