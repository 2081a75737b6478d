"""Recording answers: one assessment appended to the responses file, validated first
and written with :func:`careerlib.io.append_csv` (locked, atomic)."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from careerlib.assessment.inputs import COLUMNS, LINE, load_instrument, validate_lines
from careerlib.errors import DataError
from careerlib.io import append_csv, file_lock, link_target, lock_path, resolve_path


def answers_table(instrument, respondent: str, answers: Mapping[str, Any], date=None) -> pd.DataFrame:
    """Answers {item: score} as response lines (strings, like a read CSV); items
    answered ``None`` or '' are skipped (not answered)."""
    instrument = load_instrument(instrument)
    day = pd.Timestamp(date if date not in (None, "") else _dt.date.today()).strftime("%Y-%m-%d")
    kept = {k: v for k, v in answers.items() if v is not None and str(v).strip() != ""}
    return pd.DataFrame(
        {
            "date": day,
            "respondent": str(respondent),
            "instrument": instrument.id,
            "item": pd.Series(list(kept), dtype=object),
            "score": pd.Series([str(v) for v in kept.values()], dtype=object),
        }
    )


def record(path: str | os.PathLike, instrument, respondent: str, answers: Mapping[str, Any], date=None) -> pd.DataFrame:
    """Append one assessment to the responses file, safely.

    The answers are validated first (DataError, nothing written). Then, under a
    lock, the current file is read, the new lines added, and the whole file
    written to a temporary file beside it and swapped in with ``os.replace``: a
    crash leaves the old file intact, and a second notebook saving at the same
    time waits instead of losing answers. Returns the validated new lines."""
    instrument = load_instrument(instrument)
    full = resolve_path(path)
    new = answers_table(instrument, respondent, answers, date)
    if new.empty:
        raise DataError("no answers to save", file=str(path))
    checked = validate_lines(
        new.assign(**{LINE: np.arange(len(new)) + 2}), "the new answers", {instrument.id: instrument}
    )
    lines = checked.assign(date=checked["date"].dt.strftime("%Y-%m-%d"))[COLUMNS]
    append_csv(full, lines, shown_as=str(path))  # the file's column order and line ending are kept
    return checked.drop(columns=LINE)


def locked(path: str | os.PathLike):
    """The lock :func:`record` takes on ``<file>.lock`` beside ``path`` (for callers that
    write the responses file themselves)."""
    return file_lock(lock_path(link_target(path)))  # the lock append_csv takes, also for a linked file
