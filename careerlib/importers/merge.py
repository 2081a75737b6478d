"""Merging an imported file into the user's template log (``careerlib import``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from careerlib.importers.read import read_applications
from careerlib.importers.summary import ImportSummary
from careerlib.io import resolve_path, write_csv

LOG_IN_FOLDER = "applications.csv"  # the log's name when LOG is a folder (LinkedIn's zip)


@dataclass
class Merge:
    summary: ImportSummary
    target: Path | None  # the log written (or that would be), None without a LOG
    added: int = 0
    present: int = 0  # applications already in the log, left as they were
    written: bool = False


def log_target(source: str | os.PathLike, log: str | os.PathLike) -> Path:
    """The template file to merge into: LOG itself, or ``applications.csv`` in it when LOG
    is a folder (always for a LinkedIn zip, which may hold more than applications)."""
    log = resolve_path(log)
    if log.is_dir() or Path(source).suffix.lower() == ".zip":
        return log / LOG_IN_FOLDER
    return log


def import_applications(source: str | os.PathLike, log: str | os.PathLike | None = None, *, mapping=None,
                        dry_run: bool = False) -> Merge:
    """Read ``source``; with a ``log``, add the applications it does not hold yet (same
    company, role and applied date), atomically. Nothing is written on a dry run or on
    any DataError (the log is read and checked before anything is written)."""
    from careerlib.applications import empty_log, load_applications, merge_logs, to_template

    incoming, summary = read_applications(source, mapping)
    if log is None:
        return Merge(summary, None)
    target = log_target(source, log)
    existing = load_applications(target) if target.exists() else empty_log()
    merged, fresh = merge_logs(existing, incoming)
    result = Merge(summary, target, int(fresh.sum()), int((~fresh).sum()))
    if not dry_run:
        write_csv(to_template(merged), target)
        result.written = True
    return result
