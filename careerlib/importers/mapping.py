"""The user's mapping: a TOML file or a dict of the same shape, checked key by key.

sheet = "2025 search"
[columns]   company = "Name"  ...       careerlib field = header in the file
[stages]    screen = ["Recruiter"] ...  stage = headers of a stage-per-column sheet
[dates]     order = "day-first", year = 2025
[statuses]  "Tech Screen" = "screen" ... a value = "stage", "outcome" or "stage/outcome"
ignore = ["Header", ...]                 headers not to read (listed as not read)
skip_lines = 2                           lines at the top that are notes, not the header (CSV)
header = ["Company", "Role", ...]        a CSV without a header line: its columns' names, in order
rows_without_date = "leave out"          rows with a status but no applied date: left out, listed
rows_without_company = "leave out"       rows with an empty company: left out, listed
rows_without_company = "fill down"       ... or each takes the company of the nearest row above that has one
[outcomes]  rejected = ["Turned down"]  outcome = headers of yes/no columns (yes: it ended so)
[flags]     yes = ["done"], no = ["-"]  more words for yes and no in flag columns
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerlib import settings
from careerlib.importers.vocabulary import NOT_APPLIED, OUTCOMES, STAGES, Status, fold, parse_status_rule
from careerlib.io import resolve_path

FIELDS = ("company", "role", "channel", "applied", "updated", "status", "history", "outcome", "notes", "url")
ORDERS = ("day-first", "month-first")
LEAVE_OUT = "leave out"  # rows_without_date: rows with a status but no applied date are left out, and listed
FILL_DOWN = "fill down"  # rows_without_company: an empty company is the one of the nearest row above (grouped logs)


@dataclass(frozen=True)
class Mapping:
    """A checked mapping; empty by default (everything detected)."""

    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    stages: dict[str, tuple[str, ...]] = field(default_factory=dict)  # stage -> headers
    order: str | None = None
    year: int | None = None
    statuses: dict[str, Status] = field(default_factory=dict)  # folded value -> Status
    shown: str = "the mapping"
    ignore: tuple[str, ...] = ()  # headers not to read
    outcomes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # outcome -> headers of yes/no columns
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 'yes'/'no' -> folded words
    content: dict = field(default_factory=dict)  # the mapping as written (a new snippet extends it)
    rows_without_date: str | None = None  # LEAVE_OUT: rows with a status but no applied date are left out
    rows_without_company: str | None = None  # LEAVE_OUT: left out; FILL_DOWN: the company of the row above
    skip_lines: int | None = None  # lines at the top of a CSV that are notes (0: the first line is the header)
    header: tuple[str, ...] | None = None  # a CSV without a header line: its columns' names, in order

    def is_empty(self) -> bool:
        """True when nothing but (perhaps) the sheet is set: the file is read as detected."""
        return not (
            self.columns
            or self.stages
            or self.order
            or self.year
            or self.statuses
            or self.ignore
            or self.outcomes
            or self.rows_without_date
            or self.rows_without_company
            or self.skip_lines is not None
            or self.header
        ) and not any(self.flags.values())


def load_mapping(mapping: str | os.PathLike | dict | Mapping | None) -> Mapping:
    """A Mapping from a TOML path, a dict of the same shape, or None."""
    if mapping is None or (isinstance(mapping, str) and not mapping.strip()):
        return Mapping()
    if isinstance(mapping, Mapping):
        return mapping
    if isinstance(mapping, dict):
        return _checked(mapping, "the mapping")
    shown = str(mapping)
    full = resolve_path(mapping) if not Path(mapping).exists() else Path(mapping)
    return _checked(settings.read_toml(full, shown_as=shown), shown)  # bad syntax or absurd nesting: a DataError


_RULE_WORDS = "write a stage ({}), an outcome ({}), both as 'stage/outcome', or {!r}".format(
    ", ".join(STAGES), ", ".join(OUTCOMES), NOT_APPLIED
)
_HEADERS = settings.ListOf(settings.Text(), min_items=1, single=True, default=settings.OMIT)
_WORDS = settings.ListOf(settings.Text(numbers_ok=True), single=True, default=settings.OMIT)

# The mapping's shape, checked by the one settings checker (unknown keys with "did you
# mean", types, the key path in DataError.column).
MAPPING_FILE = settings.Table(
    {
        "sheet": settings.Text(numbers_ok=True, default=settings.OMIT),
        "ignore": settings.ListOf(settings.Text(), single=True, default=[]),
        "rows_without_date": settings.Text(choices=(LEAVE_OUT,), default=settings.OMIT),
        "rows_without_company": settings.Text(choices=(LEAVE_OUT, FILL_DOWN), default=settings.OMIT),
        "skip_lines": settings.Number(integer=True, minimum=0, maximum=1000, default=settings.OMIT),
        "header": settings.ListOf(settings.Text(numbers_ok=True), min_items=1, default=settings.OMIT),
        "columns": settings.Table({name: settings.Text(default=settings.OMIT) for name in FIELDS}, default={}),
        "stages": settings.Table({stage: _HEADERS for stage in STAGES}, default={}),
        "outcomes": settings.Table({outcome: _HEADERS for outcome in OUTCOMES}, default={}),
        "dates": settings.Table(
            {
                "order": settings.Text(choices=ORDERS, default=settings.OMIT),
                "year": settings.Number(integer=True, minimum=1950, maximum=2100, default=settings.OMIT),
            },
            default={},
        ),
        "statuses": settings.MapOf(
            settings.Text(check=lambda rule: None if parse_status_rule(rule) else _RULE_WORDS),
            keys=settings.Text(numbers_ok=True),
            default={},
        ),
        "flags": settings.Table({"yes": _WORDS, "no": _WORDS}, default={}),
    }
)


def _checked(content: dict[str, Any], shown: str) -> Mapping:
    """The mapping as written, checked against :data:`MAPPING_FILE`."""
    checked = settings.check(content, MAPPING_FILE, file=shown)
    dates = checked["dates"]
    return Mapping(
        sheet=checked.get("sheet"),
        columns=dict(checked["columns"]),
        stages={stage: tuple(headers) for stage, headers in checked["stages"].items()},
        order=dates.get("order"),
        year=dates.get("year"),
        statuses={fold(value): parse_status_rule(rule) for value, rule in checked["statuses"].items()},
        shown=shown,
        ignore=tuple(checked["ignore"]),
        outcomes={outcome: tuple(headers) for outcome, headers in checked["outcomes"].items()},
        flags={key: tuple(fold(w) for w in words) for key, words in checked["flags"].items()},
        content=content,
        rows_without_date=checked.get("rows_without_date"),
        rows_without_company=checked.get("rows_without_company"),
        skip_lines=checked.get("skip_lines"),
        header=tuple(checked["header"]) if "header" in checked else None,
    )
