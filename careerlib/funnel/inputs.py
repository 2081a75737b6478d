"""The reference funnel the user's search is compared with (read and checked here)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib import paths
from careerlib.errors import DataError
from careerlib.io import fail_first, parse_numbers, read_csv_table, resolve_path

REFERENCE_PATH = paths.REFERENCE_FUNNEL


def reference_funnel(path: str = REFERENCE_PATH) -> pd.DataFrame:
    """The published reference funnel (stage, count, source, year) with its stage rates."""
    table = read_csv_table(resolve_path(path), required=("stage", "count", "source", "year"), shown_as=path)
    if table.empty:
        raise DataError("the reference funnel has no stages", file=path)
    counts = parse_numbers(table, "count", file=path, what="a count of applications")
    fail_first(
        table,
        ~(counts >= 0) | (counts != counts.round()),
        file=path,
        column="count",
        problem="needs a whole number of applications, zero or more",
    )
    counts = counts.astype(np.int64)
    out = table.drop(columns="line").assign(count=counts)
    out["rate"] = counts / counts.shift(1)
    out["rate_from_applied"] = counts / counts.iloc[0]
    return out
