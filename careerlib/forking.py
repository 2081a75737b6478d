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
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any, Callable


@dataclass
class Child:
    """A forked child and the read end of its pipe."""

    process: Any  # multiprocessing's Process (fork context)
    reader: Connection

    def stop(self) -> None:
        stop([self.process])
        self.reader.close()


def start(target: Callable[..., None], args: tuple, name: str, on_parent_death: int = signal.SIGKILL) -> Child:
    """Fork a child that runs ``target(writer, *args)``; ``writer`` is its end of the pipe.
    The child is not daemonic, so it may fork children of its own (a report's notebook)."""
    context = get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_enter, args=(target, writer, os.getpid(), on_parent_death, args), name=name)
    process.start()
    writer.close()
    return Child(process, reader)


def _enter(target, writer, parent: int, on_parent_death: int, args: tuple) -> None:
    # If the parent is killed outright (SIGKILL, OOM), end too: nothing a child does
    # after its parent died reaches anyone.
    signal_when_parent_dies(on_parent_death)
    if os.getppid() != parent:  # it died before that was in place
        os._exit(1)
    target(writer, *args)


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
