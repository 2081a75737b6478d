"""A career history from LinkedIn's ``Positions.csv``, merged into ``career.csv``.

The names this module always had, kept: the reader of ``Positions.csv`` is
:mod:`careerlib.importers.positions`, the ``career.csv`` format and merging into it
:mod:`careerlib.logs.career`.
"""

from careerlib.importers.positions import (
    POSITIONS_COLUMNS,
    POSITIONS_MARKERS,
    is_positions_file,
    is_positions_header,
    read_positions,
)
from careerlib.logs.career import HIRE, MergeSummary, describe_merge, merge_career

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
