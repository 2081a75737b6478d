"""History cells: one stage per line, or a Python-literal list of records (never eval'd)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from careerlib.importers.decisions import Decisions, Seen
from careerlib.importers.history import entries, read_history


def read(values):
    table = pd.DataFrame({"History": values, "line": np.arange(2, len(values) + 2)})
    decisions = Decisions("log.csv")
    return read_history(table, "History", mapped={}, decisions=decisions), decisions


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Applied\nInitial screen\n1st interview", [("Applied", ""), ("Initial screen", ""), ("1st interview", "")]),
        ("Applied; Phone screen", [("Applied", ""), ("Phone screen", "")]),
        (
            "[{'stage': 'Applied', 'date': '2024-11-05'}, {'Stage': 'Onsite', 'Date': None}]",
            [("Applied", "2024-11-05"), ("Onsite", "")],
        ),
        ("['Applied', 'Onsite']", [("Applied", ""), ("Onsite", "")]),
        ("{'status': 'Applied', 'on': '2024-01-02'}", [("Applied", "2024-01-02")]),
        ("", []),
    ],
)
def test_entries(cell, expected):
    assert entries(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "[__import__('os').system('echo hacked')]",
        "[{'stage': 1}]",
        "[1, 2]",
        "[{'stage': 'Applied'}",
        "(lambda: 1)()",
        "{'stage': 'Applied'",
    ],
)
def test_code_and_broken_literals_are_unreadable_not_run(cell):
    assert entries(cell) is None


def test_furthest_stage_last_outcome_and_dates_per_stage():
    reading, decisions = read(
        [
            "[{'stage': 'Applied', 'date': '2024-11-05'}, {'stage': 'Phone Screen', 'date': '2024-11-10'},"
            " {'stage': 'Rejected', 'date': '2024-11-20'}]",
            "Applied\nInitial screen\n1st interview",
            "Saved",
            "",
        ]
    )
    assert reading.stage.tolist() == [1, 2, -2, -1]
    assert reading.outcome.tolist() == ["rejected", "", "", ""]
    assert reading.dates["applied"].tolist()[0] == "2024-11-05" and reading.dates["screen"].tolist()[0] == "2024-11-10"
    assert not decisions.any()


def test_unknown_entries_and_unreadable_cells_are_collected():
    reading, decisions = read(["Applied\nBar raiser", "Bar raiser", "[broken"])
    assert decisions.statuses == [Seen("Bar raiser", 2, 2, "History")]
    assert decisions.cells_total == 1 and decisions.cells[0].line == 4
