"""The importer's open questions, as small named values anyone can ask them with.

When the importer cannot decide something alone (what an unknown status word means,
which column holds the company, how dates are ordered, what a flag word says...), it
does not guess: it collects a :class:`Question` per decision. The same list makes

- the one :class:`careerlib.DataError` the command line prints (``Decisions.raise_if_any``),
  with a mapping snippet holding every question's default answer;
- ``careerlib.importers.open_questions(path)`` (in ``read``, beside the reader it runs), for
  anything that asks the questions itself (a terminal prompt, a notebook widget), without
  an exception;
- ``answers_to_mapping(questions, answers)``, the mapping (the Contract's TOML shape, as a
  dict) those answers give, and ``mapping_toml(mapping)``, that mapping written as TOML.

A question's ``key`` says where its answer goes in the mapping:

=====================  ====================================================================
``("statuses", w)``    ``[statuses] "w" = <choice>`` (a stage, outcome, "stage/outcome", "not applied")
``("columns", f)``     ``[columns] f = <header>``; the choice ``""`` means "no such column":
                       every other candidate header goes to the top-level ``ignore``
``("dates", "order")`` ``[dates] order = "day-first" | "month-first"``
``("dates", "year")``  ``[dates] year = <int>``
``("flags", w)``       the word ``w`` is added to ``[flags] yes`` or ``[flags] no`` (the choice)
``("sheet",)``         ``sheet = <name>``
``("ignore", h)``      choice ``True``: ``h`` is added to the top-level ``ignore``
``("rows_without_date",)`` ``rows_without_date = "leave out"`` (rows with a status but no applied
                       date; the other answer is to fill in their dates in the file); the same
                       for ``("rows_without_company",)`` (rows with an empty company)
``("header",)``        the choice is a dict of top-level keys: ``skip_lines = <int>`` (lines at
                       the top that are notes, not the header) and/or ``header = [<names>]``
                       (the file has no header line: its columns' names, in order)
=====================  ====================================================================

A question of kind ``"problem"`` (a cell that is not a date, an empty company) has no
choices: the file itself must be fixed; ``answers_to_mapping`` leaves it out.

Rule the tests hold: answering every question with its default gives a mapping under
which the file imports (unless a ``"problem"`` is among the questions).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping as AnyMapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from careerlib.importers.vocabulary import NOT_APPLIED, OUTCOMES, STAGES

STATUS, COLUMN, ORDER, YEAR, FLAG, SHEET, IGNORE, ROWS, PROBLEM, HEADER = (
    "status",
    "column",
    "order",
    "year",
    "flag",
    "sheet",
    "ignore",
    "rows",
    "problem",
    "header",
)
_TABLES = ("columns", "stages", "outcomes", "dates", "statuses", "flags")  # written after the top-level keys


@dataclass(frozen=True)
class Choice:
    """One possible answer. ``value`` is what goes into the mapping (a header, a status
    rule such as ``"interview/rejected"``, ``"day-first"``, a year, ``"yes"``/``"no"``...);
    ``label`` is a short text to show; ``explain`` says what choosing it does."""

    value: Any
    label: str
    explain: str = ""


@dataclass(frozen=True)
class Question:
    """One decision the importer needs from the person whose file it is.

    ``kind``: one of ``status, column, order, year, flag, sheet, ignore, rows, problem, header``.
    ``key``: where the answer goes in the mapping (see the module docstring).
    ``prompt``: the question in plain words. ``evidence``: what in the file raised it
    (sample values, counts, the first line). ``choices`` and ``default`` (an index into
    ``choices``, the importer's best proposal). ``rows``/``line``/``column``: how many
    rows it touches, the first line and the header, for messages.
    """

    kind: str
    key: tuple
    prompt: str
    evidence: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    default: int = 0
    rows: int = 0
    line: int | None = None
    column: str | None = None

    @property
    def default_choice(self) -> Choice | None:
        """The proposed answer (None for a problem, which has no choices)."""
        return self.choices[self.default] if self.choices else None


# Answers offered for a status word: each stage (still active), each ending, and 'not applied'.
STATUS_CHOICES = (
    *(Choice(s, f"{s}", f"reached {s}, still in progress") for s in STAGES if s != "accepted"),
    Choice("interview/rejected", "interview/rejected", "interviewed, then turned down"),
    *(Choice(o, o, f"ended: {o}") for o in OUTCOMES if o != "active"),
    Choice(NOT_APPLIED, NOT_APPLIED, "a job saved but never applied to: the row is left out"),
)
FLAG_CHOICES = (Choice("yes", "yes", "the step happened"), Choice("no", "no", "the step did not happen"))


def _choice(question: Question, answer: Any) -> Choice | None:
    if answer is None:
        return question.default_choice
    if isinstance(answer, Choice):
        return answer
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(question.choices):
        return question.choices[answer]
    raise ValueError(f"answer {answer!r} to {question.key!r}: give a choice index (0-{len(question.choices) - 1})")


def answers_to_mapping(
    questions: Sequence[Question], answers: AnyMapping | None = None, *, base: AnyMapping | None = None
) -> dict:
    """The mapping (the Contract's shape, as a dict) that the answers give.

    ``answers``: question key -> the index of the chosen choice (or a :class:`Choice`);
    a question left out takes its default. ``base``: a mapping already in use (its
    entries are kept; answers are added to it)."""
    answers = answers or {}
    out: dict[str, Any] = _copy(base or {})
    for question in questions:
        if question.kind == PROBLEM or not question.choices:
            continue
        chosen = _choice(question, answers.get(question.key))
        table, *rest = question.key
        if table in ("sheet", "rows_without_date", "rows_without_company"):  # top-level keys
            out[table] = chosen.value
        elif table == "header":  # top-level keys too: skip_lines and/or header
            out.pop("header", None)
            out.update(_copy(chosen.value))
        elif table == "ignore":
            if chosen.value:
                _add(out.setdefault("ignore", []), rest[0])
        elif table == "flags":
            _add(out.setdefault("flags", {}).setdefault(str(chosen.value), []), rest[0])
        elif table == "columns" and chosen.value in ("", None):
            # "none": the candidates found by content (those that say why) are not read;
            # the other headers offered alongside them keep their own reading.
            for other in question.choices:
                if other.value and other.explain:
                    _add(out.setdefault("ignore", []), other.value)
        else:
            out.setdefault(table, {})[rest[0]] = chosen.value
    return out


def _add(values: list, item) -> None:
    if item not in values:
        values.append(item)


def _copy(mapping: AnyMapping) -> dict:
    return {
        k: (_copy(v) if isinstance(v, AnyMapping) else list(v) if isinstance(v, list | tuple) else v)
        for k, v in mapping.items()
    }


# --------------------------------------------------------------------------- TOML
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def toml_string(text: object) -> str:
    """``text`` as a TOML basic string: quotes and backslashes escaped, and every control
    character (a file's stray tabs, NULs, line breaks) written as an escape, never raw."""
    out = []
    for char in str(text):
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: object) -> str:
    """A TOML key: bare when it can be, else quoted safely."""
    text = str(key)
    return text if _BARE_KEY.match(text) else toml_string(text)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return toml_string(value)


def mapping_toml(mapping: AnyMapping, *, comments: AnyMapping | None = None) -> str:
    """``mapping`` written as TOML: top-level keys (``sheet``, ``ignore``) first, then one
    table per section. ``comments``: (table, key) -> a comment put after that line (the
    choices a question offered). Every string is quoted safely (see ``toml_string``)."""
    comments = comments or {}
    lines = []
    for key, value in mapping.items():
        if not isinstance(value, AnyMapping):
            lines.append(f"{toml_key(key)} = {_value(value)}" + _comment(comments.get((key,))))
    for table in [*_TABLES, *(k for k in mapping if k not in _TABLES)]:
        value = mapping.get(table)
        if not isinstance(value, AnyMapping) or not value:
            continue
        lines.append(f"[{toml_key(table)}]")
        for key, item in value.items():
            lines.append(f"{toml_key(key)} = {_value(item)}" + _comment(comments.get((table, key))))
    return "\n".join(lines) + ("\n" if lines else "")


def _comment(text: str | None) -> str:
    if not text:
        return ""
    return "  # " + re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", str(text))


__all__ = [
    "FLAG_CHOICES",
    "STATUS_CHOICES",
    "Choice",
    "Question",
    "answers_to_mapping",
    "mapping_toml",
    "toml_key",
    "toml_string",
]
