"""One run per output folder: the lock file, and the staging folders a killed run
left behind."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from careerlib.errors import DataError, ReportError
from careerlib.io import file_lock
from careerlib.report.execute import STAGING_PREFIX

LOCK_NAME = ".careerlib.lock"


@contextmanager
def run_lock(out_dir: Path, wait_for_it: bool = False) -> Iterator[None]:
    """One run per output folder. The OS releases the lock if the process dies."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # a read-only place, a file in the way: the user's to fix, not a bug
        raise DataError(
            f"cannot make the output folder ({err.strerror or type(err).__name__})", file=str(out_dir)
        ) from None
    busy = lambda holder: ReportError(  # noqa: E731
        f"another careerlib run (pid {holder}) is writing to {out_dir}/; "
        "wait for it to finish, or pass --wait to queue behind it"
    )
    with file_lock(out_dir / LOCK_NAME, wait=wait_for_it, holder=str(os.getpid()), busy=busy):
        try:
            _clean_staging(out_dir)
            yield
        finally:
            _clean_staging(out_dir)


def _clean_staging(out_dir: Path) -> None:
    """Staging folders are ours alone while we hold the lock: leftovers from a
    killed run are removed."""
    for leftover in out_dir.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
