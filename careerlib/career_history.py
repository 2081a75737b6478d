"""A career history from LinkedIn's ``Positions.csv``, merged into ``career.csv``.

The names this module always had, kept: the code lives in :mod:`careerlib.logs.career`.
"""

from careerlib.logs.career import (
    HIRE,
    POSITIONS_COLUMNS,
    POSITIONS_MARKERS,
    MergeSummary,
    describe_merge,
    is_positions_file,
    is_positions_header,
    merge_career,
    read_positions,
)

__all__ = [
    "HIRE",
    "POSITIONS_COLUMNS",
    "POSITIONS_MARKERS",
    "MergeSummary",
    "describe_merge",
    "is_positions_file",
    "is_positions_header",
    "merge_career",
    "read_positions",
]
