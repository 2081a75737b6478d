"""Merging an imported file into the user's logs (``careerlib import``): applications into
the template log; LinkedIn's ``Positions.csv`` (alone or inside the zip) into ``career.csv``
through ``careerlib.logs.career``. Everything is read and checked before anything is
written, so a DataError leaves every file as it was."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from careerlib.errors import DataError
from careerlib.importers.positions import is_positions_file, read_positions
from careerlib.importers.read import read_applications
from careerlib.importers.source import POSITIONS_MEMBER, zip_member
from careerlib.importers.summary import ImportSummary
from careerlib.io import resolve_path, updating, write_csv
from careerlib.logs.applications import empty_log, merge_logs, to_template
from careerlib.logs.career import MergeSummary, merge_career

LOG_IN_FOLDER = "applications.csv"  # the log's name when LOG is a folder (LinkedIn's zip)
CAREER_IN_FOLDER = "career.csv"


@dataclass
class Merge:
    """What ``careerlib import`` read and merged (or, on a dry run, would merge)."""

    summary: ImportSummary | None  # None for a Positions.csv (career history only)
    target: Path | None  # the log written (or that would be), None without a LOG
    added: int = 0
    present: int = 0  # applications already in the log, left as they were
    written: bool = False
    career: MergeSummary | None = None  # when a career history was merged
    roles: int = 0  # roles read from Positions.csv


def log_target(source: str | os.PathLike, log: str | os.PathLike) -> Path:
    """The template file to merge into: LOG itself, or ``applications.csv`` in it when LOG
    is a folder (always for a LinkedIn zip, which may hold more than applications)."""
    log = resolve_path(log)
    if log.is_dir() or Path(source).suffix.lower() == ".zip":
        return log / LOG_IN_FOLDER
    return log


def import_applications(
    source: str | os.PathLike,
    log: str | os.PathLike | None = None,
    *,
    mapping=None,
    dry_run: bool = False,
    wait: bool = True,
) -> Merge:
    """Read ``source``; with a ``log``, add the applications (and, for LinkedIn's zip or
    ``Positions.csv``, the roles) it does not hold yet, atomically. Nothing is written on
    a dry run or on any DataError. The log is locked from its reading to its
    replacement, so a second import waits for the first (``wait=False``: refused)."""
    if Path(source).suffix.lower() != ".zip" and is_positions_file(source):
        positions = read_positions(source)
        if log is None:
            return Merge(None, None, roles=len(positions))
        career = merge_career(log_career_target(source, log), positions, dry_run=dry_run, wait=wait)
        return Merge(None, None, roles=len(positions), career=career, written=not dry_run)

    incoming, summary = read_applications(source, mapping)
    positions = _zip_positions(source) if Path(source).suffix.lower() == ".zip" else None
    if log is None:
        return Merge(summary, None, roles=0 if positions is None else len(positions))
    if summary.undated:  # the template log dates every application; an undated one is read where it is
        raise DataError(
            "this log has no dates, and the template log needs the date of each application: "
            "report from the file as it is (careerlib report funnel -p applications_path=FILE), "
            "or add the dates to it",
            file=str(source),
        )
    target = log_target(source, log)
    with updating(target, wait=wait, shown_as=str(target), lock=not dry_run) as real:
        existing = read_applications(real, count_outcomes=False)[0] if real.exists() else empty_log()
        merged, fresh = merge_logs(existing, incoming)
        result = Merge(summary, target, int(fresh.sum()), int((~fresh).sum()))
        if positions is not None:  # check the career history can be merged before writing either file
            career_target = target.parent / CAREER_IN_FOLDER
            result.career = merge_career(career_target, positions, dry_run=True)
            result.roles = len(positions)
        if not dry_run:
            write_csv(to_template(merged), real)
            if positions is not None:
                result.career = merge_career(career_target, positions, wait=wait)
            result.written = True
    return result


def log_career_target(source: str | os.PathLike, log: str | os.PathLike) -> Path:
    """``career.csv`` in LOG when LOG is a folder, else LOG itself."""
    log = resolve_path(log)
    return log / CAREER_IN_FOLDER if log.is_dir() else log


def _zip_positions(source):
    """The roles of the ``Positions.csv`` inside LinkedIn's zip, or None when it holds none."""
    found = zip_member(source, POSITIONS_MEMBER, shown=str(source))
    if found is None:
        return None
    name, data = found
    return read_positions(f"{source}:{name}", data=data)
