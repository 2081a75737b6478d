"""The one exception users see for bad input."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

WITHHELD = "details left out in share mode"
# A quote that opens a quoted part (after a space, a bracket or a colon), not an apostrophe in a word.
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[:=,]))['\"]")


class DataError(ValueError):
    """A problem with a user's file or parameter, said so that they can fix it.

    The message names the file, the line (1 = the header line of a CSV), the
    column or key, and the offending value, whichever of these are known::

        data/my.csv, line 14, column 'screen', value '2024-13-01': not a date (use YYYY-MM-DD)

    While ``DataError.shared`` is true (a report run in share mode sets it), the message
    is :meth:`shared_message`: the file's name without its folder, line and column, and
    no value, so a failed shared report names nothing private.
    """

    shared = False

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

    def shared_message(self) -> str:
        """The message without the file's folder, the value, or anything the problem
        quotes from the file (careerlib quotes sheet names, status words, values)."""
        where = [PurePath(self.file).name] if self.file else []
        where += [f"line {self.line}"] if self.line is not None else []
        where += [f"column {self.column!r}"] if self.column is not None else []
        kept = _OPENING_QUOTE.split(str(self.problem), maxsplit=1)[0].rstrip(" (:;,")
        problem = kept if kept == str(self.problem) else f"{kept} ({WITHHELD})"
        return f"{', '.join(where)}: {problem}" if where else problem

    def _message(self) -> str:
        if DataError.shared:
            return self.shared_message()
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
