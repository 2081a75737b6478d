"""What a column holds, judged from its values."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerlib.importers.classify import (
    DATES,
    EMPTY,
    FILES,
    FLAGS,
    IDS,
    NUMBERS,
    TEXT,
    URLS,
    WORDS,
    clean,
    flag_words,
    profile,
)


def kind_of(values, **flags):
    return profile("h", clean(pd.Series(values, dtype=object)), flag_words(**flags))


@pytest.mark.parametrize(
    "values, kind",
    [
        (["2025-01-02", "3.2.2025", "Aug 2025", "", "2025-08"], DATES),
        (["2025-01-02", "yes", "", "2025-01-05"], DATES),  # a stage column may hold dates and flags
        (["Y", "N", "", "N", "Y"], FLAGS),
        (["ja", "nein", "ja"], FLAGS),
        (["oui", "non", "✓", "✗"], FLAGS),
        (["1", "", "1", "0"], FLAGS),
        (["0", "1", "2", "1"], NUMBERS),  # counts, not flags
        (["Applied", "Rejected", "Applied", "Interview", "Rejected", "Applied"], WORDS),
        (["me@example.com"] * 4, TEXT),  # one repeated value, an e-mail: not a status
        (["https://example.com/1", "www.example.com/2"], URLS),
        (["101", "102", "103"], IDS),
        (["Acme", "Beta", "Gamma"], TEXT),
        (["Jo Doe - CV.pdf", "Jo Doe - CV.pdf", "cover letter.DOCX", "Jo Doe - CV.pdf", "cv.pdf"], FILES),
        (["", " ", "N/A"], EMPTY),
    ],
)
def test_kinds(values, kind):
    assert kind_of(values).kind == kind


def test_the_mapping_adds_flag_words_and_stray_words_are_listed():
    found = kind_of(["Y", "N", "Y", "N", "G"])
    assert found.kind == FLAGS and [w for w, *_ in found.unknown] == ["G"]
    assert kind_of(["si", "nope", "nope", "si"], no=("nope",)).kind == FLAGS


def test_evidence_says_what_was_counted():
    found = kind_of(["Stand", "Stand", "Absage", "Absage", "Offen", "Offen"])
    assert found.evidence().startswith("3 distinct word(s) over 6 row(s)")
    assert kind_of(["CV.pdf", "CV.pdf", "CV 2.pdf"]).evidence() == "file names ('CV.pdf', 'CV 2.pdf') over 3 row(s)"


@given(st.lists(st.text(max_size=8), max_size=30))
def test_any_column_gets_a_kind_and_shares_stay_in_bounds(values):
    found = kind_of(values)
    assert found.kind in (DATES, FLAGS, WORDS, NUMBERS, IDS, URLS, TEXT, EMPTY, FILES)
    assert 0 <= found.share <= 1 and 0 <= found.dated <= 1 and found.filled <= len(values)
