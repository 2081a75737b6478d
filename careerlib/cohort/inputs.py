"""Reading a whole cohort's applications at once, fast, and without identities.

Template-format logs (``applications.csv`` with the template's header) are read as
bytes, each line prefixed with the person's number, joined, and parsed and
validated ONCE: 20,000 small files cost one parse (``careerlib.io.parse_csv_bytes``), not 20,000. Any other
file (a LinkedIn export, a tracker export, a spreadsheet) goes through
``careerlib.load_applications``. A person whose file is broken is left out of the
overview and counted (their own funnel report names the problem).

What comes out carries no identity: people are numbers in folder order, and the
company, role and notes columns are dropped as soon as validation is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import careerlib
from careerlib.cohort import folders
from careerlib.errors import DataError
from careerlib.io import (
    LINE,
    distinct,
    fail_first,
    folded_codes,
    normalise_labels,
    parse_csv_bytes,
    parse_dates,
    resolve_path,
    strip_text,
    utf8_text_bytes,
)
from careerlib.logs import applications
from careerlib.privacy import share_channels

KEPT = ["person", "channel", *applications.STAGES, "outcome"]
TEMPLATE_HEADER = ",".join(applications.COLUMNS).encode()
MAX_POOLED_RETRIES = 20  # broken files found in the pooled parse; past this, read the rest one by one


@dataclass
class Cohort:
    """The pooled applications (``person`` is a number, no names), one row per person
    (``person, change_date, has_log``), and how many people's logs could not be read."""

    applications: pd.DataFrame
    people: pd.DataFrame
    unreadable: int


def read_cohort(cohort_dir: str | Path) -> Cohort:
    """Every person's applications in ``cohort_dir`` (see :mod:`careerlib.cohort.folders`)."""
    full = resolve_path(cohort_dir)  # relative to the project root, as every notebook path is
    if not full.is_dir():
        raise DataError("the cohort folder does not exist (one sub-folder per person expected)", file=str(cohort_dir))
    people = folders.discover(full)
    if not people:
        raise DataError("the cohort folder holds no person folders", file=str(cohort_dir))
    roster = pd.DataFrame(
        {
            "person": np.arange(len(people)),
            "change_date": pd.to_datetime([_change_date(p) for p in people], errors="coerce"),
            "has_log": [folders.APPLICATIONS in p.files for p in people],
        }
    )
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
    apps = pd.concat([t for t in tables if len(t)] or [_empty()], ignore_index=True)
    apps["channel"] = share_channels(apps["channel"])  # only channel words that name no one; others 'channel N'
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
        raw = _read_log(path)
        if raw is None:
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
    return _empty(), left, dropped


def _empty() -> pd.DataFrame:
    """No applications, with the right columns and types."""
    return applications.empty_log().assign(person=pd.Series(dtype=np.int64))[KEPT]


def _read_log(path: Path) -> bytes | None:
    """A file's bytes (BOM removed), or None when it is not plain UTF-8 text."""
    try:  # the folder scan found the file: no need for read_bytes' checks that it is there
        return utf8_text_bytes(path.read_bytes(), shown=str(path))
    except (OSError, DataError):  # unreadable, empty, binary or not UTF-8: the slow path says which
        return None


class _BadPerson(Exception):
    def __init__(self, code: int):
        self.code = code


def _parse_and_validate(chunks: dict[int, bytes]) -> pd.DataFrame:
    codes = np.fromiter(chunks, dtype=np.int64)
    data = b"".join(chunks.values())
    try:
        raw = parse_csv_bytes(
            data,
            shown="cohort",
            names=["person", *applications.COLUMNS],
            header=False,  # each person's header line was cut off before the rows were joined
            dtype={"person": np.int64},
            fill_short_rows=True,
        )
    except DataError as err:  # the line of a ragged row finds its person; any other failure, the first
        if err.line is None:
            raise _BadPerson(int(codes[0])) from None
        ends = np.cumsum([chunk.count(b"\n") for chunk in chunks.values()])
        raise _BadPerson(int(codes[np.searchsorted(ends, err.line)])) from None
    # A blank line (or commas only) is a row with every cell empty: look only where the company is.
    company_codes, companies = distinct(raw["company"])
    candidates = np.flatnonzero(np.asarray(companies.str.strip() == "")[company_codes])
    if candidates.size:
        cells = raw.iloc[candidates][list(applications.COLUMNS)]
        blank = candidates[(cells.apply(lambda column: column.str.strip()) == "").all(axis=1).to_numpy()]
        raw = raw.drop(index=blank).reset_index(drop=True)
    person = raw["person"].to_numpy(dtype=np.int64)
    raw[LINE] = np.arange(len(raw))  # unique row numbers: a DataError's line finds the person
    try:
        return _validated(raw, person)
    except DataError as err:
        if err.line is None or not 0 <= err.line < len(person):
            raise _BadPerson(int(codes[0])) from None
        raise _BadPerson(int(person[err.line])) from None


def _validated(raw: pd.DataFrame, person: np.ndarray) -> pd.DataFrame:
    """The checks of ``load_applications`` on the pooled rows (any failure raises a
    DataError whose line is the pooled row), keeping only what the overview needs.
    Duplicates are looked for within each person: two people may apply to one
    posting on the same day."""
    shown = "cohort"
    company_codes, companies = distinct(raw["company"])
    fail_first(
        raw,
        np.asarray(companies.str.strip() == "")[company_codes],
        file=shown,
        column="company",
        problem="company is empty",
    )
    table = pd.DataFrame({"person": person, "channel": normalise_labels(raw["channel"])}, index=raw.index)
    for stage in applications.STAGES:
        table[stage] = parse_dates(raw, stage, file=shown)
    table["outcome"] = normalise_labels(raw["outcome"], empty=applications.UNKNOWN_OUTCOME)
    fail_first(
        raw,
        ~table["outcome"].isin((*applications.OUTCOMES, applications.UNKNOWN_OUTCOME)),
        file=shown,
        column="outcome",
        problem="unknown outcome",
    )
    applications._check_stages(table, raw, shown)
    company = pd.factorize(companies.str.strip().str.casefold())[0][company_codes]
    keys = pd.DataFrame(
        {
            "person": person,
            "company": company,
            "role": folded_codes(strip_text(raw["role"])),
            "channel": pd.factorize(table["channel"])[0],
            "applied": table["applied"].to_numpy(dtype="datetime64[ns]").view(np.int64),
        }
    )
    fail_first(raw, keys.duplicated().to_numpy(), file=shown, column="company", problem="duplicate application")
    return table[KEPT]
