"""Reading a whole cohort's applications at once, fast, and without identities.

Template-format logs (``applications.csv`` with the template's header) are read as
bytes, each line prefixed with the person's number, joined, and parsed and
validated ONCE: 20,000 small files cost one ``read_csv``, not 20,000. Any other
file (a LinkedIn export, a tracker export, a spreadsheet) goes through
``careerlib.load_applications``. A person whose file is broken is left out of the
overview and counted (their own funnel report names the problem).

What comes out carries no identity: people are numbers in folder order, and the
company, role and notes columns are dropped as soon as validation is done.
"""

from __future__ import annotations

import io as _io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import careerlib
from careerlib import applications
from careerlib.cohort import folders
from careerlib.errors import DataError
from careerlib.io import LINE, read_bytes

KEPT = ["person", "channel", *applications.STAGES, "outcome"]
TEMPLATE_HEADER = ",".join(applications.COLUMNS).encode()
MAX_POOLED_RETRIES = 20  # broken files found in the pooled parse; past this, read the rest one by one
_PARSER_LINE = re.compile(r"line (\d+)")


@dataclass
class Cohort:
    """The pooled applications (``person`` is a number, no names), one row per person
    (``person, change_date, has_log``), and how many people's logs could not be read."""

    applications: pd.DataFrame
    people: pd.DataFrame
    unreadable: int


def read_cohort(cohort_dir: str | Path) -> Cohort:
    """Every person's applications in ``cohort_dir`` (see :mod:`careerlib.cohort.folders`)."""
    people = folders.discover(cohort_dir)
    if not people:
        raise DataError("the cohort folder holds no person folders", file=str(cohort_dir))
    roster = pd.DataFrame({
        "person": np.arange(len(people)),
        "change_date": pd.to_datetime([_change_date(p) for p in people], errors="coerce"),
        "has_log": [folders.APPLICATIONS in p.files for p in people],
    })
    fast, slow = [], []
    for code, person in enumerate(people):  # a loop over folders (names only), not rows
        path = person.files.get(folders.APPLICATIONS)
        if path is not None and person.applications_problem is None:
            (fast if path.name == "applications.csv" else slow).append((code, path))
    tables = []
    pooled, left, unreadable = _read_pooled(fast)
    tables.append(pooled)
    slow += left
    for code, path in slow:
        try:
            table = careerlib.load_applications(path)
        except DataError:
            unreadable += 1
            continue
        tables.append(table.assign(person=code)[KEPT])
    apps = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=KEPT)
    return Cohort(apps.sort_values("person", kind="stable", ignore_index=True), roster, unreadable)


def _change_date(person: folders.Person) -> str:
    try:
        return folders.change_date(person) if person.problem is None else ""
    except DataError:
        return ""


def _read_pooled(files: list[tuple[int, Path]]) -> tuple[pd.DataFrame, list[tuple[int, Path]], int]:
    """The template-format logs parsed and validated together. Returns the table, the
    files that are not in the template format after all (for the slow path), and how
    many files were dropped as broken.
    A file that breaks the pooled parse or validation is found, dropped, and the
    rest is tried again."""
    chunks: dict[int, bytes] = {}
    left = []
    for code, path in files:
        try:
            raw = read_bytes(path)
        except DataError:
            left.append((code, path))  # the slow path says what is wrong, and counts it
            continue
        header, newline, body = raw.partition(b"\n")
        if header.rstrip(b"\r").replace(b" ", b"").lower() != TEMPLATE_HEADER:
            left.append((code, path))
            continue
        if not body.strip():
            continue  # a header and no rows: no applications yet
        prefix = b"%d," % code
        body = body if body.endswith(b"\n") else body + b"\n"
        chunks[code] = prefix + body[:-1].replace(b"\n", b"\n" + prefix) + b"\n"
    dropped = 0
    while chunks:
        try:
            return _parse_and_validate(chunks), left, dropped
        except _BadPerson as bad:
            chunks.pop(bad.code)
            dropped += 1
            if dropped >= MAX_POOLED_RETRIES:  # many broken files: one by one is cheaper now
                left += [(code, path) for code, path in files if code in chunks]
                chunks.clear()
    return pd.DataFrame(columns=KEPT), left, dropped


class _BadPerson(Exception):
    def __init__(self, code: int):
        self.code = code


def _parse_and_validate(chunks: dict[int, bytes]) -> pd.DataFrame:
    codes = np.fromiter(chunks, dtype=np.int64)
    data = b"".join(chunks.values())
    try:
        raw = pd.read_csv(
            _io.BytesIO(data), header=None, names=["person", *applications.COLUMNS], dtype=object,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, encoding="utf-8",
        )
    except (pd.errors.ParserError, ValueError) as err:
        found = _PARSER_LINE.search(str(err))
        if not found:
            raise _BadPerson(int(codes[0])) from None
        ends = np.cumsum([chunk.count(b"\n") for chunk in chunks.values()])
        raise _BadPerson(int(codes[np.searchsorted(ends, int(found.group(1)))])) from None
    raw = raw.fillna("")
    blank = (raw[list(applications.COLUMNS)] == "").all(axis=1)  # a blank line in someone's file
    raw = raw.loc[~blank].reset_index(drop=True)
    person = pd.to_numeric(raw["person"]).to_numpy(dtype=np.int64)
    raw[LINE] = np.arange(len(raw))  # unique row numbers: a DataError's line finds the person
    # Duplicates are checked within each person: two people may apply to one posting the same day.
    raw["role"] = raw["person"] + "\x1f" + raw["role"]
    try:
        table = applications._validate(raw.drop(columns="person"), "cohort")
    except DataError as err:
        if err.line is None or not 0 <= err.line < len(person):
            raise _BadPerson(int(codes[0])) from None
        raise _BadPerson(int(person[err.line])) from None
    table["person"] = person
    return table[KEPT]
