"""The one meaning of ``as_of``, the day an analysis looks from (every analysis uses it)."""

from __future__ import annotations

import pandas as pd

from careerlib.errors import DataError


def is_given(as_of) -> bool:
    """Whether ``as_of`` names a day (None and blank text do not)."""
    return as_of is not None and not (isinstance(as_of, str) and as_of.strip() == "")


def as_of_day(as_of=None, *, latest=None) -> pd.Timestamp:
    """The one meaning of ``as_of`` in every analysis: the day the analysis looks
    from. Events after it are left out, durations and ages run up to it, and
    "current" means still going on that day. Give it as 'YYYY-MM-DD', a date or a
    Timestamp (the time of day is dropped).

    Not given (None or ''): the last day the data can speak for. For a log of
    events (applications) that is ``latest``, its latest date; for a state that
    lasts until now (a current role) the analysis passes no ``latest`` and it is
    today. Either way today when the data has no date at all."""
    if is_given(as_of):
        try:
            return pd.Timestamp(as_of).normalize()
        except (TypeError, ValueError):
            raise DataError("not a date (use YYYY-MM-DD)", column="as_of", value=as_of) from None
    if latest is None or pd.isna(latest):
        return pd.Timestamp.today().normalize()
    return pd.Timestamp(latest).normalize()
