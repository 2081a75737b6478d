"""Status words: the mapping first, then the vocabulary; unknown words are asked about."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from careerlib.importers.decisions import Decisions, Seen
from careerlib.importers.statuses import NONE, SKIP, meaning, read_statuses
from careerlib.importers.vocabulary import Status, fold


def read(values, mapped=None):
    table = pd.DataFrame({"Status": values, "line": np.arange(2, len(values) + 2)})
    decisions = Decisions("log.csv")
    return read_statuses(table, "Status", mapped=mapped or {}, decisions=decisions), decisions


def test_words_are_matched_loosely_and_counted_once_each():
    reading, decisions = read(["Interviewing", "INTERVIEWING", "rejected", "", "Saved", "offer_accepted"])
    assert reading.stage.tolist() == [2, 2, 0, NONE, SKIP, 4]
    assert reading.outcome.tolist() == ["active", "active", "rejected", "", "", "accepted"]
    assert not decisions.any()
    assert reading.words.set_index("value")["rows"].to_dict() == {
        "Interviewing": 1,
        "INTERVIEWING": 1,
        "rejected": 1,
        "Saved": 1,
        "offer_accepted": 1,
    }


def test_unknown_words_are_all_listed_with_counts_and_first_lines():
    reading, decisions = read(["Tech Screen", "Applied", "Dead end", "Tech Screen"])
    assert decisions.statuses == [Seen("Tech Screen", 2, 2, "Status"), Seen("Dead end", 1, 4, "Status")]
    assert reading.stage.tolist()[1] == 0


def test_the_mapping_overrides_the_vocabulary():
    reading, decisions = read(
        ["Rejected", "Tech Screen"],
        {fold("rejected"): Status("screen", "rejected"), fold("tech screen"): Status("screen")},
    )
    assert reading.stage.tolist() == [1, 1] and not decisions.any()
    assert set(reading.words["source"]) == {"your mapping"}


@pytest.mark.parametrize(
    "word, stage, outcome",
    [
        ("Negative.", "applied", "rejected"),
        ("Accepted!", "accepted", "accepted"),
        ("Rejection :(", "applied", "rejected"),
        ("Interview...", "interview", ""),
        ("Negative (Application rejected)", "applied", "rejected"),
    ],
)
def test_a_word_ending_in_punctuation_or_a_smiley_is_read_by_the_word(word, stage, outcome):
    found, source = meaning(word, {})
    assert (found.stage, found.outcome) == (stage, outcome) and "read as" in source


def test_punctuation_alone_or_an_unknown_word_stays_unknown():
    assert meaning("?!", {}) == (None, "")
    assert meaning("Dead end.", {}) == (None, "")
