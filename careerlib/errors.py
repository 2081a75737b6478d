"""The one exception users see for bad input."""

from __future__ import annotations

from typing import Any


class DataError(ValueError):
    """A problem with a user's file or parameter, said so that they can fix it.

    The message names the file, the line (1 = the header line of a CSV), the
    column or key, and the offending value, whichever of these are known::

        data/my.csv, line 14, column 'screen', value '2024-13-01': not a date (use YYYY-MM-DD)
    """

    def __init__(
        self,
        problem: str,
        *,
        file: Any = None,
        line: int | None = None,
        column: str | None = None,
        value: Any = None,
    ) -> None:
        self.problem = problem
        self.file = None if file is None else str(file)
        self.line = line
        self.column = column
        self.value = value
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.value is not None:
            shown = str(self.value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            where.append(f"value {shown!r}")
        return f"{', '.join(where)}: {self.problem}" if where else self.problem


class ReportError(Exception):
    """A report could not be run as asked (unknown report or parameter, lock held)."""
