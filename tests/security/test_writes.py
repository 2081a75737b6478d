"""Attacks on writes: no lost, widened or stray writes of a user's file (issue 19, point 4).

Two imports into one log at once, a log of mode 0600, a log that is a symbolic link,
an interrupted write, a killed run's temporary copy, and an output folder's lock file
planted as a link or as someone else's file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from careerlib import DataError
from careerlib.career_history import merge_career
from careerlib.importers.merge import import_applications
from careerlib.io import TEMP_MARK, atomic_write_text, file_lock, lock_path, updating, write_csv
from careerlib.report.lock import LOCK_NAME, run_lock

ROOT = Path(__file__).resolve().parents[2]
HEADER = "company,role,channel,applied,screen,interview,offer,accepted,outcome,notes\n"


def template_log(path: Path, *companies: str) -> Path:
    rows = "".join(f"{name},Analyst,referral,2026-01-{day:02d},,,,,active,\n" for day, name in enumerate(companies, 1))
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def companies(path: Path) -> set[str]:
    return set(pd.read_csv(path, dtype=str, keep_default_na=False)["company"])


def start_import(source: Path, log: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "careerlib.cli", "import", str(source), str(log), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_imports_into_one_log_keep_both_sets_of_rows(tmp_path):
    """Both commands are started while the log is locked, so both have read nothing yet
    when it is released: without the lock held from read to replace, one set is lost."""
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    first = template_log(tmp_path / "first.csv", "Alpha", "Beta")
    second = template_log(tmp_path / "second.csv", "Gamma", "Delta")
    with file_lock(lock_path(log)):
        runs = [start_import(first, log), start_import(second, log)]
        for run in runs:  # each says why it is waiting (after about a second) before anything is written
            line = run.stderr.readline()
            assert "waiting for another careerlib command to finish writing" in line, line
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert companies(log) == {"Kept Ltd", "Alpha", "Beta", "Gamma", "Delta"}


def test_no_wait_refuses_while_another_command_writes(tmp_path):
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    source = template_log(tmp_path / "new.csv", "Alpha")
    before = log.read_bytes()
    with file_lock(lock_path(log)):
        run = start_import(source, log, "--no-wait")
        out, err = run.communicate(timeout=300)
    assert run.returncode == 1, (out, err)  # the exit code of every other data error
    assert "another careerlib command is writing this file" in err and "Traceback" not in err
    assert log.read_bytes() == before


def test_no_wait_in_the_library_raises_a_data_error(tmp_path):
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    source = template_log(tmp_path / "new.csv", "Alpha")
    with file_lock(lock_path(log)), pytest.raises(DataError, match="another careerlib command"):
        import_applications(source, log, wait=False)


def test_career_merge_holds_the_lock_from_read_to_replace(tmp_path):
    career = tmp_path / "career.csv"
    career.write_text("start,end,employer,title\n2020-01-01,,Old Co,Analyst\n", encoding="utf-8")
    roles = pd.DataFrame({"start": ["2022-03-01"], "end": [""], "employer": ["New Co"], "title": ["Lead"]})
    with file_lock(lock_path(career)), pytest.raises(DataError, match="another careerlib command"):
        merge_career(career, roles, wait=False)
    merge_career(career, roles)
    assert {"Old Co", "New Co"} <= set(pd.read_csv(career, dtype=str)["employer"])


def test_a_replaced_log_keeps_its_mode(tmp_path):
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    log.chmod(0o600)
    import_applications(template_log(tmp_path / "new.csv", "Alpha"), log)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert companies(log) == {"Kept Ltd", "Alpha"}


def test_a_log_that_is_a_link_is_updated_at_its_target(tmp_path):
    (tmp_path / "private").mkdir()
    real = template_log(tmp_path / "private" / "real.csv", "Kept Ltd")
    link = tmp_path / "applications.csv"
    link.symlink_to(real)
    import_applications(template_log(tmp_path / "new.csv", "Alpha"), link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert companies(real) == {"Kept Ltd", "Alpha"}


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit, OSError])
def test_an_interrupted_write_leaves_no_temporary_file_and_the_old_file(tmp_path, monkeypatch, interruption):
    target = tmp_path / "applications.csv"
    target.write_text("old\n")

    def interrupted(*args, **kwargs):
        raise interruption()

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(interruption):
        atomic_write_text(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["applications.csv"]


def test_sigterm_during_an_import_leaves_no_temporary_file(tmp_path):
    """SIGTERM unwinds like Ctrl-C: the temporary copy is removed on the way out."""
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    source = template_log(tmp_path / "new.csv", "Alpha")
    with file_lock(lock_path(log)):
        run = start_import(source, log)
        assert "waiting" in run.stderr.readline()
        run.send_signal(signal.SIGTERM)
        run.communicate(timeout=300)
    assert run.returncode != 0
    assert not [p.name for p in tmp_path.iterdir() if TEMP_MARK in p.name]
    assert companies(log) == {"Kept Ltd"}


def test_a_killed_runs_temporary_copy_is_removed_by_the_next_update(tmp_path):
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".applications.csv{TEMP_MARK}{dead.stdout.strip()}-0"
    stale.write_text("a full-size copy")
    live = tmp_path / f".applications.csv{TEMP_MARK}{os.getppid()}-0"  # a live process's copy is not ours to remove
    live.write_text("in use")
    import_applications(template_log(tmp_path / "new.csv", "Alpha"), log)
    assert not stale.exists() and live.exists()


def test_updating_waits_for_the_holder_then_sees_its_write(tmp_path):
    log = template_log(tmp_path / "applications.csv", "Kept Ltd")
    seen = []
    with file_lock(lock_path(log)):
        worker = threading.Thread(target=lambda: seen.append(_read_under_lock(log)))
        worker.start()
        write_csv(pd.DataFrame({"company": ["Written While Locked"]}), log)
    worker.join(timeout=60)
    assert seen == [{"Written While Locked"}]


def _read_under_lock(log: Path) -> set[str]:
    with updating(log) as target:
        return companies(target)


# --------------------------------------------------------------------------- the output folder's lock
def test_a_lock_file_planted_as_a_link_is_refused_and_its_target_untouched(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("do not truncate me\n")
    out = tmp_path / "reports"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(precious)
    with pytest.raises(DataError, match="symbolic link"):
        with run_lock(out):
            pass
    assert precious.read_text() == "do not truncate me\n"


def test_a_lock_file_that_is_someone_elses_file_is_not_truncated(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    other = out / LOCK_NAME
    other.write_text("x" * 1000)
    with pytest.raises(DataError, match="not a careerlib lock file"):
        with run_lock(out):
            pass
    assert other.read_text() == "x" * 1000


def test_a_lock_file_hard_linked_to_another_file_is_refused(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("1\n")
    out = tmp_path / "reports"
    out.mkdir()
    os.link(precious, out / LOCK_NAME)
    with pytest.raises(DataError, match="not a plain file of its own"):
        with run_lock(out):
            pass
    assert precious.read_text() == "1\n"


def test_the_run_lock_still_records_and_clears_its_holder(tmp_path):
    out = tmp_path / "reports"
    with run_lock(out):
        assert (out / LOCK_NAME).read_text() == str(os.getpid())
    assert (out / LOCK_NAME).read_text() == ""


def test_a_read_only_output_folder_is_a_data_error(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(DataError, match="cannot write in this folder"):
            atomic_write_text(folder / "index.html", "x")
    finally:
        folder.chmod(0o700)


def test_the_library_imports_where_fcntl_does_not_exist():
    """fcntl is Unix-only: only taking a lock needs it."""
    code = (
        "import sys; sys.modules['fcntl'] = None; "
        "import careerlib.io, careerlib.report, careerlib.cohort.run; print('ok')"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.stdout.strip() == "ok", run.stderr
