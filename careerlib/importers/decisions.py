"""Collecting everything the importer cannot decide alone, then saying it all at once.

One pass over the file gathers unknown status words, missing columns, an unclear date
order, year-less dates, unreadable cells and undated applications; ``raise_if_any`` turns
them into one DataError with a ready-to-edit mapping snippet, so one editing pass fixes
the lot instead of one error per run."""

from __future__ import annotations

from dataclasses import dataclass, field

from careerlib.errors import DataError

MAX_CELLS = 10  # unreadable cells listed in one message


@dataclass
class Decisions:
    shown: str
    statuses: list[tuple[str, int, int, str]] = field(default_factory=list)  # value, rows, first line, column
    columns: list[tuple[str, list[str]]] = field(default_factory=list)  # field, headers found
    order: tuple[int, str, int, str] | None = None  # dates, example, line, column
    year: tuple[int, str, int, str] | None = None
    cells: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, column, value, problem
    cells_total: int = 0
    undated: tuple[int, list[int]] | None = None  # rows, their first lines

    def unknown_status(self, value: str, rows: int, line: int, column: str) -> None:
        self.statuses.append((value, rows, line, column))

    def missing_column(self, name: str, headers: list[str]) -> None:
        self.columns.append((name, headers))

    def unreadable(self, lines, values, *, column: str, problem: str, total: int) -> None:
        """``total`` bad cells in ``column``; ``lines``/``values`` are the first few of them."""
        self.cells += [(int(line), column, str(value), problem) for line, value in zip(lines, values)]
        self.cells_total += int(total)

    def any(self) -> bool:
        return bool(self.statuses or self.columns or self.order or self.year or self.cells_total or self.undated)

    def raise_if_any(self) -> None:
        if not self.any():
            return
        parts, snippet, first = [], [], []
        if self.columns:
            found = ", ".join(map(repr, self.columns[0][1]))
            parts.append(f"no column found for {', '.join(f for f, _ in self.columns)} (headers in the file: {found})")
            snippet += ["[columns]", *(f'{name} = ""  # the header holding the {name} date or name'
                                       if name != "applied" else f'{name} = ""  # the header of the date you applied'
                                       for name, _ in self.columns)]
            first.append((1, self.columns[0][0]))
        if self.order or self.year:
            snippet.append("[dates]")
        if self.order:
            count, value, line, column = self.order
            parts.append(f"{count} date(s) such as {value!r} (line {line}, column {column!r}) read as well day-first "
                         "as month-first, and no date in the file settles it")
            snippet.append('order = "day-first"  # or "month-first": how would you read ' + repr(value) + "?")
            first.append((line, column))
        if self.year:
            count, value, line, column = self.year
            parts.append(f"{count} date(s) such as {value!r} (line {line}, column {column!r}) have no year")
            snippet.append("year = 2025  # the year those dates fall in")
            first.append((line, column))
        if self.statuses:
            listed = "; ".join(f"{v!r} ({n} row(s), first on line {line})" for v, n, line, _ in self.statuses)
            parts.append(f"{len(self.statuses)} status value(s) with no known meaning: {listed}")
            snippet += ["[statuses]  # each = a stage, an outcome, \"stage/outcome\" or \"not applied\""]
            snippet += [f'{_toml_key(v)} = ""  # {n} row(s)' for v, n, _, _ in self.statuses]
            first.append((self.statuses[0][2], self.statuses[0][3]))
        if self.undated:
            count, lines = self.undated
            more = ", ..." if count > len(lines) else ""
            listed = ", ".join(map(str, lines)) + more
            parts.append(f"{count} row(s) have a status but no applied date (lines {listed}); "
                         "fill in the date each application was sent, or delete rows for jobs never applied to")
            first.append((lines[0], None))
        if self.cells_total:
            self.cells.sort()
            listed = self.cells[:MAX_CELLS]
            shown_cells = "; ".join(f"line {line}, column {col!r}, value {val!r}: {why}" for line, col, val, why in listed)
            more = f" (and {self.cells_total - len(listed)} more)" if self.cells_total > len(listed) else ""
            parts.append(f"{self.cells_total} cell(s) could not be read: {shown_cells}{more}")
            first.append(self.cells[0][:2])
        message = "the import needs a decision or a fix:\n" + "\n".join(f"  - {p}" for p in parts)
        if snippet:
            message += ("\nPut this in a mapping file, fill it in, and pass it with --map FILE "
                        "(or mapping= / mapping_path):\n\n" + "\n".join(snippet) + "\n")
        line, column = min(first, key=lambda lc: lc[0])
        raise DataError(message, file=self.shown, line=line, column=column)


def _toml_key(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
