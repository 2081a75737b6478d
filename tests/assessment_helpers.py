"""Builders shared by the self-assessment tests (tests/assessment/): a tiny instrument,
responses tables and files. Made up for the tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

TINY = {
    "id": "tiny",
    "title": "Tiny",
    "version": "1",
    "source": "written for the tests",
    "scale": {"min": 1, "max": 5, "labels": ["no", "rather not", "half", "rather yes", "yes"]},
    "dimensions": [
        {"id": "a", "title": "Dimension A", "actions": ["do a"]},
        {"id": "b", "title": "Dimension B", "actions": ["do b", "and b again"]},
    ],
    "items": [
        {"id": "a1", "text": "A one", "dimension": "a"},
        {"id": "a2", "text": "A two", "dimension": "a", "reverse": True},
        {"id": "a3", "text": "A three", "dimension": "a", "weight": 2},
        {"id": "b1", "text": "B one", "dimension": "b"},
        {"id": "b2", "text": "B two", "dimension": "b"},
        {"id": "b3", "text": "B three", "dimension": "b"},
        {"id": "b4", "text": "B four", "dimension": "b"},
    ],
}


def write_instrument(folder: Path, spec: dict = TINY, name: str = "tiny.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def responses(rows, instrument="tiny") -> pd.DataFrame:
    """Rows (date, respondent, item, score) as a loaded responses table."""
    frame = pd.DataFrame(rows, columns=["date", "respondent", "item", "score"])
    return frame.assign(
        date=pd.to_datetime(frame["date"]),
        instrument=instrument,
        score=frame["score"].astype(float),
        line=np.arange(len(frame)) + 2,
    )[["date", "respondent", "instrument", "item", "score", "line"]]


CSV_HEADER = "date,respondent,instrument,item,score\n"


def write_csv(folder: Path, body: str, name: str = "answers.csv") -> Path:
    path = folder / name
    path.write_text(CSV_HEADER + textwrap.dedent(body), encoding="utf-8")
    return path
