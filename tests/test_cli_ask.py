"""`careerlib import` on a real terminal: the questions asked through a pseudo-terminal,
answers typed, the mapping saved, and that mapping importing with --no-input."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
import tomllib
from pathlib import Path

import pytest

from import_files import csv_text, write

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
HEADER = ["Company", "Role", "Applied", "Status"]
ROWS = [
    ["Acme", "Analyst", "03/02/2025", "Kwak"],
    ["Beta", "Engineer", "04/03/2025", "Plonk"],
    ["Gamma", "Analyst", "05/03/2025", "Kwak"],
]
WAIT = 120  # seconds for one prompt on a loaded machine; a hang fails instead of blocking the suite


class Terminal:
    """The careerlib command with a pseudo-terminal as its stdin, stdout and stderr."""

    def __init__(self, *args: str, cwd: Path):
        self.main, other = pty.openpty()
        command = [sys.executable, "-m", "careerlib.cli", *args]
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=other,
            stdout=other,
            stderr=other,
            close_fds=True,
            start_new_session=True,  # then the terminal becomes the command's own: Ctrl-C reaches it
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(other)
        self.seen = ""

    def expect(self, text: str) -> str:
        """Read until ``text`` has been shown (or fail after WAIT seconds)."""
        deadline = time.monotonic() + WAIT
        while text not in self.seen:
            ready, _, _ = select.select([self.main], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"never shown: {text!r}; the terminal shows:\n{self.seen}")
            try:
                chunk = os.read(self.main, 4096)
            except OSError:  # the command ended
                chunk = b""
            if not chunk:
                raise AssertionError(f"ended before showing {text!r}:\n{self.seen}")
            self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return self.seen

    def type(self, line: str) -> None:
        os.write(self.main, line.encode() + b"\n")

    def finish(self) -> int:
        """The rest of the output, then the exit code."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.main], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.main, 4096)
                except OSError:
                    chunk = b""
                if chunk:
                    self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
                    continue
            if self.process.poll() is not None:
                break
        if self.process.poll() is None:
            self.process.kill()  # still waiting for input: fail below rather than hang
        code = self.process.wait(timeout=WAIT)
        os.close(self.main)
        return code


def careerlib(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerlib.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


def test_questions_answered_on_a_terminal_save_a_mapping_that_imports_without_questions(tmp_path):
    source = write(tmp_path / "Bewerbungen.csv", csv_text(HEADER, ROWS))
    log = tmp_path / "applications.csv"
    terminal = Terminal("import", str(source), str(log), cwd=ROOT)
    terminal.expect("[1/3] How are dates such as '03/02/2025' written")
    terminal.type("?")  # explains, then asks again
    terminal.expect("What each choice does")
    terminal.type("2")  # month first
    terminal.expect("[2/3] What does the status 'Kwak' mean?")
    terminal.type("nonsense")
    terminal.expect("is not one of the choices")
    terminal.type("1")  # applied (the proposal, for a word with no clue, is 'not applied')
    terminal.expect("[3/3] What does the status 'Plonk' mean?")
    terminal.type("6")  # rejected
    terminal.expect("Save your answers as")
    terminal.type("y")
    assert terminal.finish() == 0, terminal.seen
    assert "Statuses:" in terminal.seen and "added 3 application(s)" in terminal.seen

    saved = tmp_path / "Bewerbungen.mapping.toml"
    assert tomllib.loads(saved.read_text()) == {
        "dates": {"order": "month-first"},
        "statuses": {"Kwak": "applied", "Plonk": "rejected"},
    }
    again = careerlib("import", str(source), str(tmp_path / "again.csv"), "--map", str(saved), "--no-input", cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert "added 3 application(s)" in again.stdout and "decision" not in again.stderr


@pytest.mark.parametrize("key", [b"\x04", b"\x03"], ids=["ctrl-d", "ctrl-c"])
def test_ending_the_questions_on_a_terminal_writes_nothing(tmp_path, key):
    source = write(tmp_path / "Bewerbungen.csv", csv_text(HEADER, ROWS))
    log = tmp_path / "applications.csv"
    terminal = Terminal("import", str(source), str(log), "--save-map", str(tmp_path / "m.toml"), cwd=ROOT)
    terminal.expect("[1/3]")
    terminal.type("")
    terminal.expect("[2/3]")
    os.write(terminal.main, key)
    assert terminal.finish() == 1
    assert "nothing written" in terminal.seen
    assert not log.exists() and not (tmp_path / "m.toml").exists()


def test_without_a_terminal_one_error_and_save_map_with_dry_run(tmp_path):
    source = write(tmp_path / "Bewerbungen.csv", csv_text(HEADER, ROWS))
    piped = careerlib("import", str(source), str(tmp_path / "log.csv"), cwd=ROOT)
    assert piped.returncode == 1 and "Put this in a mapping file" in piped.stderr
    mapping = write(
        tmp_path / "m.toml", '[dates]\norder = "day-first"\n[statuses]\nKwak = "applied"\nPlonk = "ghosted"\n'
    )
    copy = tmp_path / "copy.toml"
    dry = careerlib(
        "import", str(source), str(tmp_path / "log.csv"), "--map", str(mapping), "--save-map", str(copy), "--dry-run",
        cwd=ROOT,
    )  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert tomllib.loads(copy.read_text()) == tomllib.loads(mapping.read_text())
    assert not (tmp_path / "log.csv").exists() and "would add 3" in dry.stdout
