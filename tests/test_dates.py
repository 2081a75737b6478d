"""The one meaning of as_of (careerlib/dates.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from careerlib import DataError
from careerlib.dates import as_of_day, is_given


def test_as_of_day_is_the_given_day_or_the_latest_or_today():
    assert as_of_day("2026-03-04 17:00") == pd.Timestamp("2026-03-04")
    assert as_of_day("", latest=pd.Timestamp("2026-01-02 08:00")) == pd.Timestamp("2026-01-02")
    assert as_of_day(None) == pd.Timestamp.today().normalize()
    assert as_of_day(None, latest=pd.NaT) == pd.Timestamp.today().normalize()
    with pytest.raises(DataError) as caught:
        as_of_day("the 3rd")
    assert caught.value.column == "as_of"


@pytest.mark.parametrize(
    "as_of, given",
    [(None, False), ("", False), ("  ", False), ("2026-01-02", True), (pd.Timestamp("2026-01-02"), True)],
)
def test_is_given_says_whether_as_of_names_a_day(as_of, given):
    assert is_given(as_of) is given
