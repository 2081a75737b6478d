"""The one way careerlib runs work in a forked child of this (already warm) process:
a pipe for the child's messages, the child ended with its parent (Linux's
parent-death signal), and every child stopped on the way out.

Used by the papermill engine (one child per notebook), the report runner (one per
report) and the cohort's local executor (one per task). Imports nothing heavy: the
engine loads it inside ``papermill``.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Callable


class Forked:
    """A forked child process: the part of multiprocessing's ``Process`` careerlib uses
    (``exitcode`` negative for a signal, as there), without its rule that a daemonic
    process may not fork, so a notebook also runs from a scheduler's daemonic worker."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.exitcode: int | None = None

    def _reaped(self, flags: int) -> bool:
        if self.exitcode is None:
            try:
                pid, status = os.waitpid(self.pid, flags)
            except ChildProcessError:  # reaped elsewhere: its status is lost
                pid, status = self.pid, 255 << 8
            if pid == 0:
                return False
            self.exitcode = os.waitstatus_to_exitcode(status)
        return True

    def is_alive(self) -> bool:
        return not self._reaped(os.WNOHANG)

    def join(self, timeout: float | None = None) -> None:
        if timeout is None:
            self._reaped(0)
            return
        deadline = time.monotonic() + timeout
        while not self._reaped(os.WNOHANG) and time.monotonic() < deadline:
            time.sleep(0.01)

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _signal(self, signum: int) -> None:
        if self.exitcode is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass


@dataclass
class Child:
    """A forked child and the read end of its pipe."""

    process: Forked
    reader: Connection


def start(target: Callable[..., None], args: tuple, on_parent_death: int = signal.SIGKILL) -> Child:
    """Fork a child that runs ``target(writer, *args)``; ``writer`` is its end of the pipe.
    The child ends with ``os._exit``: 0 when ``target`` returns, 1 when it raises."""
    reader, writer = Pipe(duplex=False)
    parent = os.getpid()
    flush_quietly(sys.stdout, sys.stderr)  # else the child would write the parent's buffered text again
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            reader.close()
            # If the parent is killed outright (SIGKILL, OOM), end too: nothing a child
            # does after its parent died reaches anyone.
            signal_when_parent_dies(on_parent_death)
            if os.getppid() == parent:  # else it died before that was in place
                target(writer, *args)
                code = 0
        except SystemExit as exit_request:
            code = exit_request.code if isinstance(exit_request.code, int) else 1
        except BaseException:  # noqa: BLE001 - the child's last words, then the parent sees it die
            traceback.print_exc()
        finally:
            flush_quietly(sys.stdout, sys.stderr)
            os._exit(code)
    writer.close()
    return Child(Forked(pid), reader)


def flush_quietly(*streams) -> None:
    """Flush each stream that is open; a closed or broken one is passed over."""
    for stream in streams:
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass


def signal_when_parent_dies(signum: int) -> None:
    """Linux's PR_SET_PDEATHSIG; elsewhere nothing (the parent's own exit paths stop children)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signum))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def stop(processes: list) -> None:
    """Stop children still running (SIGTERM, then SIGKILL after 5 s) and reap them all."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


def kill(process) -> None:
    """End a child at once, whatever it is running (C code included), and reap it."""
    if process.is_alive():
        process.kill()
    process.join()


def death_note(exitcode: int | None) -> str:
    """How a child ended, in words."""
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"
