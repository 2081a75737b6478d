"""The user's mapping: a TOML file or a dict of the same shape, checked key by key.

sheet = "2025 search"
[columns]   company = "Name"  ...       careerlib field = header in the file
[stages]    screen = ["Recruiter"] ...  stage = headers of a stage-per-column sheet
[dates]     order = "day-first", year = 2025
[statuses]  "Tech Screen" = "screen" ... a value = "stage", "outcome" or "stage/outcome"
ignore = ["Header", ...]                 headers not to read (listed as not read)
[outcomes]  rejected = ["Turned down"]  outcome = headers of yes/no columns (yes: it ended so)
[flags]     yes = ["done"], no = ["-"]  more words for yes and no in flag columns
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerlib.errors import DataError
from careerlib.importers.vocabulary import NOT_APPLIED, OUTCOMES, STAGES, Status, fold, parse_status_rule
from careerlib.io import resolve_path
from careerlib.settings import read_toml

FIELDS = ("company", "role", "channel", "applied", "updated", "status", "history", "outcome", "notes", "url")
ORDERS = ("day-first", "month-first")
_TOP = ("sheet", "ignore", "columns", "stages", "outcomes", "dates", "statuses", "flags")


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

    def is_empty(self) -> bool:
        """True when nothing but (perhaps) the sheet is set: the file is read as detected."""
        return not (
            self.columns or self.stages or self.order or self.year or self.statuses or self.ignore or self.outcomes
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
    return _checked(read_toml(full, shown_as=shown), shown)  # bad syntax or absurd nesting: a DataError


def _unknown(key: str, known, *, shown: str, where: str) -> DataError:
    close = difflib.get_close_matches(str(key), list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; use one of {', '.join(known)}"
    return DataError(f"unknown key {key!r} in {where}{hint}", file=shown, column=f"{where}.{key}".lstrip("."))


def _table(content: dict, key: str, shown: str) -> dict:
    value = content.get(key, {})
    if not isinstance(value, dict):
        raise DataError(f"[{key}] must be a table", file=shown, column=key)
    return value


def _checked(content: dict[str, Any], shown: str) -> Mapping:
    for key in content:
        if key not in _TOP:
            raise _unknown(key, _TOP, shown=shown, where="")
    sheet = content.get("sheet")
    if sheet is not None and not isinstance(sheet, str | int):
        raise DataError("sheet must be a sheet name", file=shown, column="sheet", value=sheet)

    columns = {}
    for key, header in _table(content, "columns", shown).items():
        if key not in FIELDS:
            raise _unknown(key, FIELDS, shown=shown, where="columns")
        if not isinstance(header, str) or not header.strip():
            raise DataError(
                "give the header as written in your file", file=shown, column=f"columns.{key}", value=header
            )
        columns[key] = header

    stages = _header_lists(content, "stages", STAGES, shown)
    outcomes = _header_lists(content, "outcomes", OUTCOMES, shown)
    ignore = content.get("ignore", [])
    ignore = [ignore] if isinstance(ignore, str) else ignore
    if not isinstance(ignore, list) or not all(isinstance(h, str) and h.strip() for h in ignore):
        raise DataError("give a list of headers", file=shown, column="ignore", value=ignore)
    flags = {}
    for key, words in _table(content, "flags", shown).items():
        if key not in ("yes", "no"):
            raise _unknown(key, ("yes", "no"), shown=shown, where="flags")
        words = [words] if isinstance(words, str) else words
        if not isinstance(words, list) or not all(isinstance(w, str | int) for w in words):
            raise DataError("give a list of words", file=shown, column=f"flags.{key}", value=words)
        flags[key] = tuple(fold(w) for w in words)

    dates = _table(content, "dates", shown)
    for key in dates:
        if key not in ("order", "year"):
            raise _unknown(key, ("order", "year"), shown=shown, where="dates")
    order = dates.get("order")
    if order is not None and order not in ORDERS:
        raise DataError(f"use {' or '.join(map(repr, ORDERS))}", file=shown, column="dates.order", value=order)
    year = dates.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1950 <= year <= 2100):
        raise DataError("give a year such as 2025", file=shown, column="dates.year", value=year)

    statuses = {}
    for value, rule in _table(content, "statuses", shown).items():
        status = parse_status_rule(rule) if isinstance(rule, str) else None
        if status is None:
            raise DataError(
                f"write a stage ({', '.join(STAGES)}), an outcome ({', '.join(OUTCOMES)}), "
                f"both as 'stage/outcome', or {NOT_APPLIED!r}",
                file=shown,
                column=f"statuses.{value}",
                value=rule,
            )
        statuses[fold(value)] = status
    return Mapping(
        sheet=None if sheet is None else str(sheet),
        columns=columns,
        stages=stages,
        order=order,
        year=year,
        statuses=statuses,
        shown=shown,
        ignore=tuple(ignore),
        outcomes=outcomes,
        flags=flags,
        content=content,
    )


def _header_lists(content: dict, table: str, known: tuple[str, ...], shown: str) -> dict[str, tuple[str, ...]]:
    """``[stages]`` / ``[outcomes]``: a known name -> one header or a list of headers."""
    out = {}
    for key, headers in _table(content, table, shown).items():
        if key not in known:
            raise _unknown(key, known, shown=shown, where=table)
        headers = [headers] if isinstance(headers, str) else headers
        if not isinstance(headers, list) or not all(isinstance(h, str) and h.strip() for h in headers):
            raise DataError("give a header or a list of headers", file=shown, column=f"{table}.{key}", value=headers)
        out[key] = tuple(headers)
    return out
