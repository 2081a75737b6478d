"""Collecting everything the importer cannot decide alone, then saying it all at once.

One pass over the file gathers unknown status and flag words, missing columns (with the
candidates found by content), an unclear date order, year-less dates, unreadable cells
and undated applications; a workbook with two log-like sheets adds the sheet (``choose_sheet``,
asked first). ``questions()`` turns the decisions into
:class:`~careerlib.importers.questions.Question` values; ``raise_if_any`` turns that same
list into one DataError with a ready-to-edit mapping snippet (every question answered with
its proposal), so one editing pass fixes the lot instead of one error per run.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from careerlib.errors import DataError
from careerlib.importers.mapping import FILL_DOWN, LEAVE_OUT
from careerlib.importers.questions import (
    COLUMN,
    FLAG,
    FLAG_CHOICES,
    HEADER,
    ORDER,
    PROBLEM,
    ROWS,
    SHEET,
    STATUS,
    STATUS_CHOICES,
    YEAR,
    Choice,
    Question,
    answers_to_mapping,
    mapping_toml,
    toml_string,
)
from careerlib.importers.vocabulary import (
    NOT_APPLIED,
    Status,
    fold,
    holds_words,
    status_clues,
    status_phrases,
    status_tokens,
    statuses,
)

MAX_CELLS = 10  # unreadable cells listed in one message
MAX_CHOICES = 8  # candidate columns offered for one field
ALWAYS_SHOWN = (NOT_APPLIED,)  # choices a snippet's comment never hides behind '...'
NEGATION_REACH = 2  # a negation this many words before an applying word negates it ('not yet applied')

# STATUS_CHOICES lives in ``questions`` (imported above, so the old name here still works).
_FIELD_WORDS = {
    "company": "the company (or an id when the log names no company)",
    "applied": "the date each application was sent",
    "status": "where each application stands (a status word)",
}


@dataclass(frozen=True)
class Seen:
    """A word or a date the importer must ask about: how many rows hold it and where it
    first appears."""

    value: str
    rows: int
    line: int
    column: str


@dataclass(frozen=True, order=True)
class BadCell:
    """A cell no answer can make readable: the file must be fixed (sorted by line)."""

    line: int
    column: str
    value: str
    problem: str


@dataclass(frozen=True)
class Candidate:
    """A column that may hold a field, found by its content, and why."""

    header: str
    evidence: str


@dataclass(frozen=True)
class UnplacedRows:
    """Rows the log cannot hold as they are (no applied date, no company): how many, and
    the lines of the first few."""

    count: int
    lines: list[int]


@dataclass
class Decisions:
    """Every decision the import needs, collected while it reads the file and raised
    at once (:meth:`raise_if_any`) as one DataError made of :class:`Question` values."""

    shown: str
    statuses: list[Seen] = field(default_factory=list)  # status words no table knows
    columns: dict[str, list[str]] = field(default_factory=dict)  # field no column holds -> the file's headers
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)  # field -> columns found by content
    order: Seen | None = None  # the first date readable day-first and month-first; rows: how many such dates
    year: Seen | None = None  # the first date with no year; rows: how many such dates
    years_seen: tuple[int, ...] = ()  # years of the file's other dates: the year question's choices
    flags: list[Seen] = field(default_factory=list)  # words of yes/no columns that are neither
    cells: list[BadCell] = field(default_factory=list)  # the first unreadable cells
    cells_total: int = 0
    undated: UnplacedRows | None = None  # rows with a status or a later stage but no applied date
    no_company: UnplacedRows | None = None  # rows with an empty company
    rows_total: int = 0  # rows read: when many rows lack a company, filling down is proposed
    base: dict = field(default_factory=dict)  # the mapping in use, as written: the snippet extends it
    sheet: Question | None = None  # which sheet of a workbook to read (two look like logs)
    header: Question | None = None  # which line of a CSV is its header, or names for a file with none

    def choose_sheet(self, names: list[str], evidence: list[str]) -> None:
        """Several sheets (``names``, the first proposed) look like logs; ``evidence``: every
        sheet of the workbook as the importer sees it."""
        self.sheet = Question(
            SHEET,
            ("sheet",),
            "Which sheet holds your job-search log?",
            (f"{len(names)} sheets look like job-search logs: {', '.join(map(repr, names))}", *evidence),
            tuple(Choice(name, name, f"read the sheet {name!r}") for name in names),
            column="sheet",
        )

    def unknown_status(self, value: str, rows: int, line: int, column: str) -> None:
        """A status word no table knows: asked what it means."""
        self.statuses.append(Seen(value, rows, line, column))

    def unknown_flag(self, value: str, rows: int, line: int, column: str) -> None:
        """A word in a flag column that is neither a known yes nor a known no: asked which."""
        self.flags.append(Seen(value, rows, line, column))

    def missing_column(self, name: str, headers: list[str], candidates: list[Candidate] | None = None) -> None:
        """No column holds ``name``; ``candidates``: columns found by content, best first."""
        self.columns[name] = headers
        if candidates:
            self.candidates[name] = list(candidates)

    def unreadable(self, lines, values, *, column: str, problem: str, total: int) -> None:
        """``total`` bad cells in ``column``; ``lines``/``values`` are the first few of them."""
        self.cells += [BadCell(int(line), column, str(value), problem) for line, value in zip(lines, values)]
        self.cells_total += int(total)

    def any(self) -> bool:
        """Whether anything is left to decide or fix."""
        return bool(
            self.statuses
            or self.columns
            or self.order
            or self.year
            or self.flags
            or self.cells_total
            or self.undated
            or self.no_company
            or self.sheet
            or self.header
        )

    # ------------------------------------------------------------------ questions
    def questions(self) -> list[Question]:
        """Every decision as a Question (the sheet first, problems, which no answer fixes, last)."""
        out = [q for q in (self.sheet, self.header) if q is not None]
        out += [self._column_question(name, headers) for name, headers in self.columns.items()]
        if self.order:
            count, value, line, column = self.order.rows, self.order.value, self.order.line, self.order.column
            out.append(
                Question(
                    ORDER,
                    ("dates", "order"),
                    f"How are dates such as {value!r} written: day first or month first?",
                    (
                        f"{count} date(s) such as {value!r} (line {line}, column {column!r}) read as well day-first "
                        "as month-first, and no date in the file settles it",
                    ),
                    (
                        Choice("day-first", "day first", f"{value!r} is day {value.split('/')[0]}"),
                        Choice("month-first", "month first", "as in the United States"),
                    ),
                    rows=count,
                    line=line,
                    column=column,
                )
            )
        if self.year:
            count, value, line, column = self.year.rows, self.year.value, self.year.line, self.year.column
            years = sorted(set(self.years_seen) or {dt.date.today().year}, reverse=True)
            out.append(
                Question(
                    YEAR,
                    ("dates", "year"),
                    f"Which year do dates such as {value!r} fall in?",
                    (f"{count} date(s) such as {value!r} (line {line}, column {column!r}) have no year",),
                    tuple(Choice(y, str(y)) for y in years),
                    rows=count,
                    line=line,
                    column=column,
                )
            )
        out += [
            _word_question(
                STATUS, "statuses", word, "What does the status {!r} mean?", "row(s)", STATUS_CHOICES, _status_guess
            )
            for word in self.statuses
        ]
        flag = ("In yes/no columns, does {!r} mean yes or no?", "cell(s)", FLAG_CHOICES, _propose_no)
        out += [_word_question(FLAG, "flags", word, *flag) for word in self.flags]
        out += self._problems()
        return out

    def _column_question(self, name: str, headers: list[str]) -> Question:
        found = self.candidates.get(name, [])
        named = {c.header for c in found}
        choices = [Choice(c.header, c.header, c.evidence) for c in found[:MAX_CHOICES]]
        choices += [Choice(h, h, "") for h in headers if h not in named][: max(0, MAX_CHOICES - len(choices))]
        if name != "company":  # a log may have no date (an undated tally) or no status column
            none = "none: import it as an undated log" if name == "applied" else "none: no column holds it"
            choices.append(Choice("", none, "the candidate columns are listed as not read"))
        if not choices:  # no header at all: nothing to choose from
            return Question(PROBLEM, (), f"no column found for {name}: the file has no headers", line=1, column=name)
        default = 0 if found or name == "company" else len(choices) - 1
        evidence = tuple(f"{c.header!r}: {c.evidence}" for c in found) or (
            f"headers in the file: {', '.join(map(repr, headers))}",
        )
        return Question(
            COLUMN,
            ("columns", name),
            f"Which column holds {_FIELD_WORDS.get(name, name)}?",
            evidence,
            tuple(choices),
            default,
            line=1,
            column=name,
        )

    def _problems(self) -> list[Question]:
        out = []
        if self.undated:
            out.append(
                _rows_question(
                    "rows_without_date",
                    self.undated.count,
                    self.undated.lines,
                    "have a status or a later stage but no applied date",
                    "fill in the date each application was sent",
                )
            )
        if self.no_company:
            count, lines = self.no_company.count, self.no_company.lines
            fill_down = Choice(
                FILL_DOWN,
                "fill down",
                "each takes the company of the nearest row above that has one (a log that writes the company "
                "once per group of rows); the summary lists the lines filled",
            )
            question = _rows_question(
                "rows_without_company", count, lines, "have no company", "fill in each one's company", fill_down
            )
            if count >= 3 and count * 10 >= self.rows_total:  # a tenth of the log or more: grouped, not slips
                question = replace(question, default=1)
            out.append(question)
        if self.cells_total:
            self.cells.sort()
            listed = self.cells[:MAX_CELLS]
            shown_cells = "; ".join(
                f"line {c.line}, column {c.column!r}, value {c.value!r}: {c.problem}" for c in listed
            )
            more = f" (and {self.cells_total - len(listed)} more)" if self.cells_total > len(listed) else ""
            out.append(
                Question(
                    PROBLEM,
                    (),
                    f"{self.cells_total} cell(s) could not be read: {shown_cells}{more}",
                    rows=self.cells_total,
                    line=self.cells[0].line,
                    column=self.cells[0].column,
                )
            )
        return out

    # ------------------------------------------------------------------ the one error
    def raise_if_any(self) -> None:
        """One DataError listing every question and problem, with a mapping snippet that
        answers each question with its proposal; the error carries ``questions``."""
        if not self.any():
            return
        questions = self.questions()
        asked = [q for q in questions if q.kind != PROBLEM]
        parts = [_part(q) for q in questions]
        message = "the import needs a decision or a fix:\n" + "\n".join(f"  - {p}" for p in parts)
        if asked:
            mapping = answers_to_mapping(asked, base=self.base)
            comments = {_comment_key(q): _choices_comment(q) for q in asked}
            message += (
                "\nPut this in a mapping file, check each proposed answer (the other choices are in the "
                "comments), and pass it with --map FILE (or mapping= / mapping_path):\n\n"
                + mapping_toml(mapping, comments=comments)
            )
        first = min(questions, key=lambda q: q.line if q.line is not None else 1)
        error = DataError(message, file=self.shown, line=first.line or 1, column=first.column)
        error.questions = questions
        raise error


def _word_question(
    kind: str,
    table: str,
    word: Seen,
    prompt: str,
    counted: str,
    choices: tuple[Choice, ...],
    propose: Callable[[str], int],
) -> Question:
    """The question about one unknown word of the file (a status word, a flag word);
    ``propose`` gives the proposed choice."""
    return Question(
        kind,
        (table, word.value),
        prompt.format(word.value),
        (f"{word.rows} {counted} in column {word.column!r}, first on line {word.line}",),
        choices,
        propose(word.value),
        rows=word.rows,
        line=word.line,
        column=word.column,
    )


def _rows_question(key: str, count: int, lines: list[int], what: str, fix: str, *others: Choice) -> Question:
    """Rows the log cannot hold as they are: leave them out (the mapping's ``key``), the
    ``others`` answers (filling the company down), or fix the file."""
    more = ", ..." if count > len(lines) else ""
    return Question(
        ROWS,
        (key,),
        f"Leave these rows out of the log? (Or {fix} in the file.)",
        (f"{count} row(s) {what} (lines {', '.join(map(str, lines))}{more})", fix),  # what, and the other way
        (
            Choice(
                LEAVE_OUT,
                "leave them out",
                f"the rows are not imported and the summary lists their lines; to keep them, {fix} instead",
            ),
            *others,
        ),
        rows=count,
        line=lines[0],
        column=None,
    )


def _part(question: Question) -> str:
    if question.kind == PROBLEM:
        return question.prompt
    if question.kind == COLUMN:
        name = question.key[1]
        return f"no column found for {name}: {'; '.join(question.evidence)}"
    if question.kind == STATUS:
        where = f"{question.rows} row(s), first on line {question.line}"
        return f"status value {question.key[1]!r} ({where}) has no known meaning (column {question.column!r})"
    if question.kind == FLAG:
        return f"flag word {question.key[1]!r} is neither a known yes nor a known no ({question.evidence[0]})"
    if question.kind == SHEET:
        return f"{question.evidence[0]}; the workbook's sheets: {'; '.join(question.evidence[1:])}"
    if question.kind == ROWS:
        others = "".join(f", or {c.label} ({c.explain.split(' (')[0]})" for c in question.choices[1:])
        return f"{question.evidence[0]}; {question.evidence[1]}, or leave them out{others}"
    if question.kind == HEADER:
        return f"{question.prompt} {question.evidence[0]}; {'; '.join(question.evidence[1:])}"
    return f"{question.evidence[0]}: {question.prompt}"


def _comment_key(question: Question) -> tuple:
    if question.kind == HEADER:
        return ("header",) if "header" in question.default_choice.value else ("skip_lines",)
    if question.kind == FLAG:
        return ("flags", question.default_choice.value)
    if question.kind == COLUMN and question.default_choice.value == "":
        return ("ignore",)
    return question.key


def _choices_comment(question: Question) -> str:
    if question.kind == HEADER:
        other = question.choices[1 - question.default] if len(question.choices) > 1 else None
        rename = "; rename the columns as you like and use those names under [columns]"
        if other is None:
            return "proposed"
        how = "; ".join(f"{k} = {_toml_value(v)}" for k, v in other.value.items())
        return "proposed" + (rename if "header" in question.default_choice.value else "") + f"; or: {how}"
    if question.kind == ROWS:
        others = "".join(f"{toml_string(c.value)}, " for c in question.choices if c is not question.default_choice)
        choices = f": {others}or" if others else ""
        return f"proposed; or{choices} drop this line and {question.evidence[1]} in the file"
    proposal = question.default_choice
    candidates = [c.value for c in question.choices if c.value != "" and c.explain]
    how = f"; for none, replace this line by ignore = {_list(candidates)} before the first table" if candidates else ""
    rest: list[Choice | None] = [c for c in question.choices if c is not proposal]
    if len(rest) > MAX_CHOICES:  # cut, but never a choice of ALWAYS_SHOWN ('not applied'): it goes after '...'
        always = [c for c in rest if c.value in ALWAYS_SHOWN]
        rest = [*[c for c in rest if c not in always][: MAX_CHOICES - len(always)], None, *always]
    shown = ["..." if c is None else repr(c.value) if c.value != "" else f"none ({c.label}{how})" for c in rest]
    return f"proposed; or: {', '.join(shown)}" if shown else "proposed"


def _toml_value(value) -> str:
    return _list(value) if isinstance(value, list | tuple) else str(value)


def _list(headers: list[str]) -> str:
    """Headers as a TOML list, as the snippet writes them."""
    return "[" + ", ".join(toml_string(h) for h in headers) + "]"


def _propose_no(value: str) -> int:
    """A flag word no table knows is proposed as 'no' (a stray mark is rarely a step taken)."""
    return [c.value for c in FLAG_CHOICES].index("no")


def _status_guess(value: str) -> int:
    """Index in STATUS_CHOICES of the meaning proposed for a status word no table knows.

    The word is read as whole words (``status_tokens``: '_', '-', camelCase and accents do not
    matter, so 'Not_Applied' = 'not applied'), with the clues of ``status_clues.csv``:

    1. a negation just before an applying or interest word ('Not_Applied', 'Not_Interested',
       'nicht beworben', 'pas encore postulé', 'niet gesolliciteerd'): 'not applied';
    2. a status word of the vocabulary inside it that says more than 'applied' (a later stage
       or an ending: 'Ready for interview' -> interview, 'Interview Request' -> interview);
    3. else a not-applied word inside it ('Bereit zum Senden', 'Saved for later', 'Entwurf v2'):
       'not applied' (the applying word in 'ready to apply' is what is not done yet);
       else an applying word ('Bewerbung raus', 'CV sent'): 'applied' (an interest word alone,
       'Interested', is a job kept for later: no clue that it was sent);
    4. else the closest known word (spelling) or a known word inside it ('Tech Screen'
       holds 'screen', 'Application Acknowledgment' holds 'application');
    5. a word with no clue at all ('on_hold', 'Warten', 'Other (Security Alert)'): 'applied'.
       In the logs studied most rows of a status column are applications, whatever their
       words; proposing 'not applied' would empty a log written in a language the tables do
       not cover for a user who accepts the snippet unread (and the import page would show
       no application until every word is answered). Words that say a job was not sent are
       caught by steps 1 and 3, and every proposal is a question in front of the user.
    """
    rule = _clue_rule(status_tokens(value))
    if rule is None:
        known = statuses()
        word = fold(value)
        close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.8)
        inside = [k for k in known if len(k) > 3 and k in word]  # 'Tech Screen' holds 'screen'
        close = close or sorted(inside, key=len, reverse=True)[:1]
        rule = _rule(known[close[0]]) if close else None
    if rule is None:
        rule = "applied"
    values = [c.value for c in STATUS_CHOICES]
    return values.index(rule) if rule in values else 0


def _clue_rule(tokens: tuple[str, ...]) -> str | None:
    """Steps 1-3 of ``_status_guess`` on a word's folded whole words; None: no clue there."""
    clues = status_clues()
    wanted = clues["applying"] | clues["interest"]
    for i, token in enumerate(tokens):
        if token in wanted and clues["negation"] & set(tokens[max(0, i - NEGATION_REACH) : i]):
            return NOT_APPLIED
    found = [status for phrase, status in status_phrases() if holds_words(tokens, phrase)]  # longest first
    later = [s for s in found if _rule(s) not in ("applied", NOT_APPLIED, None)]
    if later:
        return _rule(later[0])
    if any(s.stage == NOT_APPLIED for s in found):
        return NOT_APPLIED
    if clues["applying"] & set(tokens):  # 'Bewerbung raus', 'CV sent'
        return "applied"
    return None


def _rule(status: Status) -> str | None:
    """The STATUS_CHOICES value that says ``status`` (None for an outcome no choice names, 'unknown')."""
    if status.stage == NOT_APPLIED:
        return NOT_APPLIED
    if status.stage == "interview" and status.outcome == "rejected":
        return "interview/rejected"
    rule = status.stage if not status.outcome or status.outcome == "active" else status.outcome
    return rule if rule in {c.value for c in STATUS_CHOICES} else None
