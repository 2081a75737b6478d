"""What the importer understood, to print in front of the user: the layout, where each
field came from, how dates were read and why, what every status word became, and how
many rows rest on an inference or were left out."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from careerlib.importers.vocabulary import NOT_APPLIED

FIELD_ORDER = ("company", "role", "channel", "applied", "updated", "status", "history", "outcome", "notes", "url")
_IF_ABSENT = {"role": "no column: left empty", "channel": "no column: 'unspecified'"}


@dataclass
class ImportSummary:
    """Everything the importer decided about a file: how it was read, which header gave
    each field, what each status word and column was taken for, what was left out."""

    source: str
    read_as: str  # e.g. 'comma-separated text, decoded as Windows-1252 (cp1252) ...'
    layout: str
    fields: dict[str, str]  # careerlib field -> header
    stages: dict[str, list[str]] = field(default_factory=dict)  # stage -> stage-column headers
    ignored: list[str] = field(default_factory=list)
    date_order: str | None = None
    date_reason: str = ""
    statuses: pd.DataFrame = field(default_factory=pd.DataFrame)  # value, rows, stage, outcome, source, column
    rows_read: int = 0
    imported: int = 0
    not_applied: int = 0
    empty_rows: int = 0
    inferred: int = 0
    filled_dates: int = 0
    absent: dict[str, str] = field(default_factory=lambda: dict(_IF_ABSENT))  # field -> what it became instead
    outcome_columns: dict[str, list[str]] = field(default_factory=dict)  # outcome -> yes/no column headers
    readings: list[tuple[str, str]] = field(default_factory=list)  # (header, what it holds and what was done)
    undated: bool = False  # no date column: time is not measured
    month_only: int = 0  # dates giving only a month, placed on its first day
    merged: list[tuple[int, list[int]]] = field(default_factory=list)  # identical rows: (kept line, merged lines)
    without_date: list[int] = field(default_factory=list)  # lines left out as the mapping asks: no applied date
    without_company: list[int] = field(default_factory=list)  # lines left out as the mapping asks: no company
    filled_down: int = 0  # rows whose empty company took the one of the nearest row above (the mapping)
    filled_from: list[tuple[int, list[int]]] = field(default_factory=list)  # first groups: (line read, lines filled)

    def status_table(self) -> pd.DataFrame:
        """Each distinct status or history word: rows, and what it became."""
        if self.statuses.empty:
            return pd.DataFrame(columns=["value", "rows", "became", "from"])
        became = self.statuses.apply(_became, axis=1) if len(self.statuses) else []
        return pd.DataFrame(
            {
                "value": self.statuses["value"],
                "rows": self.statuses["rows"],
                "became": became,
                "from": self.statuses["source"] + " (" + self.statuses["column"] + ")",
            }
        )

    def fields_table(self) -> pd.DataFrame:
        """Each careerlib field and the header (or stage columns) it was read from."""
        rows = [(name, repr(self.fields[name])) for name in FIELD_ORDER if name in self.fields]
        rows += [
            (name, f"({self.absent[name]})") for name in FIELD_ORDER if name not in self.fields and name in self.absent
        ]
        rows += [(stage, ", ".join(map(repr, headers)) + " (stage columns)") for stage, headers in self.stages.items()]
        rows += [
            ("outcome", ", ".join(map(repr, headers)) + f" (yes: {outcome})")
            for outcome, headers in self.outcome_columns.items()
        ]
        return pd.DataFrame(rows, columns=["field", "read from"])

    def sentence(self) -> str:
        """The layout, encoding, date order and row counts in a few plain sentences."""
        dates = f"dates {self.date_order} ({self.date_reason})" if self.date_order else f"dates: {self.date_reason}"
        out = (
            f"Read as a {self.layout} ({self.read_as}); {dates}. {self.imported} of {self.rows_read} rows became "
            f"applications; {self.not_applied} left out as jobs never applied to, {self.empty_rows} empty."
        )
        if self.undated:
            out += " The log has no dates: time is not measured."
        if self.month_only:
            out += f" {self.month_only} date(s) gave only a month and were placed on its first day."
        if self.merged:
            out += f" {sum(len(m) for _, m in self.merged)} identical row(s) were merged into the row above them."
        if self.filled_down:
            out += f" In {self.filled_down} row(s) an empty company was filled down from the row above."
        if self.inferred:
            out += f" For {self.inferred} row(s) the stages reached rest on the current status alone."
        if self.filled_dates:
            out += f" In {self.filled_dates} row(s) a stage without its own date took the row's latest date."
        return out

    def text(self) -> str:
        """The summary in plain lines, as printed by ``careerlib import``."""
        out = [f"Read {self.source} as a {self.layout} ({self.read_as})."]
        out.append("Fields:")
        for name in FIELD_ORDER:
            if name in self.fields:
                out.append(f"  {name:<9} <- {self.fields[name]!r}")
            elif name in self.absent:
                out.append(f"  {name:<9} <- ({self.absent[name]})")
        for stage, headers in self.stages.items():
            out.append(f"  {stage:<9} <- {', '.join(map(repr, headers))} (stage column)")
        for outcome, headers in self.outcome_columns.items():
            out.append(f"  {'outcome':<9} <- {', '.join(map(repr, headers))} (yes: {outcome})")
        if self.readings:
            out.append("Columns read by what they hold:")
            out += [f"  {header!r}: {what}" for header, what in self.readings]
        if self.undated:
            out.append("No dates: this log has no date column; the funnel is counted, time is not measured.")
        if self.month_only:
            out.append(f"Month-only dates: {self.month_only} date(s) gave only a month; each is on its first day.")
        for kept, lines in self.merged:
            out.append(f"Merged: line(s) {', '.join(map(str, lines))} repeat line {kept} in every column read.")
        if self.ignored:
            out.append(f"Not read (never copied): {', '.join(map(repr, self.ignored))}")
        order = self.date_order or "no order needed"
        out.append(f"Dates: {order}; {self.date_reason}" if self.date_order else f"Dates: {self.date_reason}")
        table = self.status_table()
        if len(table):
            out.append("Statuses:")
            width = max(5, *(len(str(v)) for v in table["value"]))
            out.append(f"  {'value':<{width}}  {'rows':>6}  became")
            for row in table.itertuples(index=False):  # distinct words: a short table
                out.append(f"  {str(row.value):<{width}}  {row.rows:>6}  {row.became}  [{row[3]}]")
        out.append(
            f"Rows: {self.rows_read} read, {self.imported} imported, {self.not_applied} left out as jobs "
            f"never applied to (saved/wish list/draft, or no date and no status), "
            f"{self.empty_rows} empty row(s) skipped."
        )
        for key, lines, what in (
            ("rows_without_date", self.without_date, "with a status but no applied date"),
            ("rows_without_company", self.without_company, "with no company"),
        ):
            if lines:
                shown = ", ".join(map(str, lines[:20])) + (", ..." if len(lines) > 20 else "")
                out.append(f"Left out as the mapping asks ({key}): {len(lines)} row(s) {what}, lines {shown}.")
        if self.filled_down:
            groups = "; ".join(f"line {line} -> {_lines(lines)}" for line, lines in self.filled_from)
            out.append(
                f"Filled down as the mapping asks (rows_without_company): {self.filled_down} row(s) with no company "
                f"took the company of the nearest row above that has one: {groups}"
                + ("; and more" if self.filled_down > sum(len(lines) for _, lines in self.filled_from) else "")
                + "."
            )
        if self.inferred:
            out.append(f"Inferred: for {self.inferred} row(s) the stages reached rest on the current status alone.")
        if self.filled_dates:
            out.append(
                f"Dated by inference: in {self.filled_dates} row(s) a stage reached had no date of its own "
                "and took the row's latest date (status/response date, else the applied date)."
            )
        return "\n".join(out)


def _lines(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))


def _became(row) -> str:
    if row["stage"] == NOT_APPLIED:
        return "not applied: left out"
    if row["stage"] == "as dated":
        return f"outcome {row['outcome']}; stages as dated in the file"
    outcome = row["outcome"] or "no outcome named"
    return f"{row['stage']} reached, {outcome}"
