"""Asking the importer's open questions one at a time, in a terminal.

``careerlib import`` on a terminal calls :func:`ask_all`: it takes the open questions of
``careerlib.importers.open_questions`` (the same list the one DataError is made from),
shows each with its evidence and numbered choices, reads the answer, and builds the
mapping with ``answers_to_mapping``. Answers can reveal new questions (the status
column chosen, its words are asked next), so it asks again until none is left.

Every function takes its input and output streams, so the tests drive it with
``io.StringIO`` as well as through a real pseudo-terminal. Text from the user's file
is shown with control characters escaped: a cell cannot move the cursor or recolour
the terminal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from careerlib.importers.mapping import load_mapping
from careerlib.importers.questions import PROBLEM, SHEET, Question, answers_to_mapping, mapping_toml
from careerlib.importers.read import open_questions
from careerlib.io import atomic_write_text, resolve_path

MAX_ROUNDS = 10  # answers revealing new questions: a real file settles in two or three
MAPPING_SUFFIX = ".mapping.toml"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Stopped(Exception):
    """The person ended the questions (end of input, Ctrl-D): nothing is written."""


@dataclass
class Answered:
    """What the questions gave: the mapping (a dict in the Contract's shape, the given
    mapping's entries kept), how many questions were asked, and the questions themselves."""

    mapping: dict
    asked: list[Question] = field(default_factory=list)


def shown(text: object) -> str:
    """``text`` safe to print on a terminal: control characters as ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def askable(questions: list[Question]) -> list[Question]:
    """The questions an answer settles (a ``problem`` needs the file fixed instead)."""
    return [q for q in questions if q.kind != PROBLEM and q.choices]


def this_round(questions: list[Question]) -> list[Question]:
    """The questions to answer now: the sheet alone while it is open (the other questions
    are about the proposed sheet, and its answer decides which remain), else all."""
    sheet = [q for q in questions if q.kind == SHEET]
    return sheet or questions


def mapping_content(mapping) -> dict:
    """The given mapping (a TOML path, a dict, or None) as a dict of the Contract's shape,
    checked: the answers are added to it."""
    return dict(load_mapping(mapping).content) if mapping is not None else {}


def ask_all(
    path: str | os.PathLike,
    mapping=None,
    *,
    stdin: TextIO,
    stdout: TextIO,
    questions_for: Callable[[str | os.PathLike, dict | None], list[Question]] = open_questions,
) -> Answered:
    """Ask every open question about importing ``path`` (under ``mapping``), one at a time,
    until none is left; return the mapping the answers give.

    A question asked once is not asked again (if the answer did not settle it, the import
    that follows says so in its error). Raises :class:`Stopped` at the end of input."""
    current = mapping_content(mapping)
    asked: list[Question] = []
    answered: set[tuple] = set()
    for _ in range(MAX_ROUNDS):
        fresh = this_round([q for q in askable(questions_for(path, current or None)) if q.key not in answered])
        if not fresh:
            break
        if not asked:
            stdout.write(f"careerlib: the import needs {_count(len(fresh), 'answer')} from you.\n")
        else:
            stdout.write(f"Your answers raise {_count(len(fresh), 'more question')}.\n")
        answers = {}
        total = len(asked) + len(fresh)
        for question in fresh:
            answers[question.key] = ask(question, len(asked) + 1, total, stdin=stdin, stdout=stdout)
            answered.add(question.key)
            asked.append(question)
        current = answers_to_mapping(fresh, answers, base=current)
    return Answered(current, asked)


def ask(question: Question, number: int, total: int, *, stdin: TextIO, stdout: TextIO) -> int:
    """Show ``question`` and read answers until one is valid; return the chosen index.
    A number from 1 picks that choice, an empty line the default, ``?`` explains the
    choices; anything else asks again."""
    stdout.write("\n" + render(question, number, total))
    count = len(question.choices)
    while True:
        stdout.write(f"Answer 1-{count} (Enter: {question.default + 1}, ?: explain): ")
        stdout.flush()
        line = stdin.readline()
        if not line:  # end of input (Ctrl-D, a closed pipe)
            stdout.write("\n")
            raise Stopped("no answer given")
        answer = line.strip()
        if not answer:
            return question.default
        if answer == "?":
            stdout.write(explain(question))
            continue
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        stdout.write(f"  {shown(answer)!s} is not one of the choices: type a number from 1 to {count}.\n")


def render(question: Question, number: int, total: int) -> str:
    """The question, its evidence, and its numbered choices with the default marked."""
    lines = [f"[{number}/{total}] {shown(question.prompt)}"]
    lines += [f"      {shown(e)}" for e in question.evidence]
    width = len(str(len(question.choices)))
    for index, choice in enumerate(question.choices):
        mark = "*" if index == question.default else " "
        note = "  (proposed)" if index == question.default else ""
        lines.append(f"  {mark} {index + 1:>{width}}. {shown(choice.label)}{note}")
    return "\n".join(lines) + "\n"


def explain(question: Question) -> str:
    """What each choice does, one line each."""
    width = len(str(len(question.choices)))
    lines = ["  What each choice does:"]
    for index, choice in enumerate(question.choices):
        why = choice.explain or f"use {choice.label!r}"
        lines.append(f"    {index + 1:>{width}}. {shown(choice.label)}: {shown(why)}")
    lines.append("  Type the number of your choice, or press Enter for the proposed one (marked *).")
    return "\n".join(lines) + "\n"


def confirm(prompt: str, *, default: bool, stdin: TextIO, stdout: TextIO) -> bool:
    """A yes/no question; Enter takes ``default``. Raises :class:`Stopped` at the end of input."""
    hint = "Y/n" if default else "y/N"
    while True:
        stdout.write(f"{shown(prompt)} [{hint}] ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            raise Stopped("no answer given")
        answer = line.strip().lower()
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        stdout.write("  Type y or n.\n")


def source_file(source: str | os.PathLike) -> Path:
    """The source as the importer finds it (where the command runs, else the project folder)."""
    return Path(source).absolute() if Path(source).exists() else resolve_path(source)


def mapping_beside(source: str | os.PathLike) -> Path:
    """``<source name>.mapping.toml`` in the source's folder."""
    found = source_file(source)
    return found.with_name(found.stem + MAPPING_SUFFIX)


def write_mapping(path: str | os.PathLike, mapping: Mapping, *, source: str | os.PathLike) -> Path:
    """The mapping as TOML (``mapping_toml``), with a comment saying what it is for,
    written atomically."""
    name = shown(Path(source).name)
    header = (
        f"# How careerlib reads '{name}': your answers to its questions.\n"
        f"# Use it with: careerlib import SOURCE [LOG] --map THIS_FILE\n"
    )
    return atomic_write_text(path, header + mapping_toml(mapping))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


__all__ = [
    "Answered",
    "Stopped",
    "ask",
    "ask_all",
    "askable",
    "confirm",
    "explain",
    "mapping_beside",
    "mapping_content",
    "render",
    "shown",
    "source_file",
    "write_mapping",
]
