"""The importer's tables in ``data/importers/``: header synonyms, status words, stage
columns, headers naming other things, cell tokens, known tracker exports and month names. Read once per process;
a contributor adds a tracker or a status by adding a row, not Python."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from careerlib.io import LINE, read_csv_table

DATA = Path(__file__).resolve().parents[2] / "data" / "importers"
STAGES = ("applied", "screen", "interview", "offer", "accepted")
OUTCOMES = ("active", "rejected", "withdrawn", "ghosted", "declined", "accepted")
NOT_APPLIED = "not applied"  # a status for jobs saved but never applied to
_OUTCOME_STAGE = {"accepted": "accepted", "declined": "offer"}  # an outcome alone: the stage it implies
_FOLD = re.compile(r"[\s_\-]+")


def fold(text: object) -> str:
    """The form headers and status words are compared in: case, accents, surrounding space
    and the difference between '_', '-' and a space do not matter ('job_title' = 'Job Title'
    = 'JobTitle', 'Refusé' = 'refuse', 'İşlemde' = 'islemde')."""
    text = str(text).strip().casefold()
    if not text.isascii():  # accents dropped (most cells are plain ASCII: no work for them)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _FOLD.sub("", text)


@dataclass(frozen=True)
class Status:
    """What a status word means: the furthest stage it shows (or 'not applied') and the
    outcome it names ('' when it names none, e.g. 'Interview')."""

    stage: str
    outcome: str = ""


def _rows(name: str) -> list[dict[str, str]]:
    """A table's rows as dicts of stripped text, read by the one CSV reader."""
    table = read_csv_table(DATA / name, shown_as=f"data/importers/{name}").drop(columns=LINE)
    return [{k: v.strip() for k, v in row.items()} for row in table.to_dict("records")]


@functools.cache
def column_synonyms() -> dict[str, tuple[str, ...]]:
    """careerlib field -> folded headers, most specific first."""
    out: dict[str, list[str]] = {}
    for row in _rows("columns.csv"):
        out.setdefault(row["field"], []).append(fold(row["header"]))
    return {field: tuple(headers) for field, headers in out.items()}


@functools.cache
def statuses() -> dict[str, Status]:
    """folded status word -> Status."""
    return {fold(row["value"]): Status(row["stage"], row["outcome"]) for row in _rows("statuses.csv")}


def status_tokens(text: object) -> tuple[str, ...]:
    """A status word as folded whole words ('Not_Applied' and 'NotApplied' give ('not', 'applied');
    'Prêt à envoyer' gives ('pret', 'a', 'envoyer')), for the clues a proposal looks for."""
    return tuple(fold(w) for w in words(text))


@functools.cache
def status_phrases() -> tuple[tuple[tuple[str, ...], Status], ...]:
    """Each status word of ``statuses.csv`` as whole words with its meaning, longest first
    (found inside a longer status: 'Ready for interview' holds 'interview')."""
    found = [(status_tokens(row["value"]), Status(row["stage"], row["outcome"])) for row in _rows("statuses.csv")]
    return tuple(sorted((f for f in found if f[0]), key=lambda f: -len(f[0])))


@functools.cache
def status_clues() -> dict[str, frozenset[str]]:
    """Clue -> folded words from ``status_clues.csv``: 'negation' ('not', 'kein', 'pas'...),
    'applying' ('applied', 'beworben', 'postulé'...) and 'interest' ('interested'...): a negation
    just before an applying or interest word says the job was not applied to ('Not_Applied',
    'Not interested', 'pas encore postulé')."""
    out: dict[str, set[str]] = {}
    for row in _rows("status_clues.csv"):
        out.setdefault(row["clue"], set()).add(fold(row["word"]))
    return {clue: frozenset(found) for clue, found in out.items()}


@functools.cache
def stage_columns() -> dict[str, str]:
    """folded header of a stage-per-column sheet -> stage."""
    return {fold(row["header"]): row["stage"] for row in _rows("stage_columns.csv")}


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_WORD = re.compile(r"[\W_]+")


def words(text: object) -> tuple[str, ...]:
    """A header as case-folded words: 'interview-date', 'InterviewDate' and 'Interview Date'
    all give ('interview', 'date')."""
    return tuple(w for w in _NOT_WORD.split(_CAMEL.sub(" ", str(text)).casefold()) if w)


def header_parts(header: object) -> tuple[str, ...]:
    """The folded header, then each part of a header written as alternatives or a pair
    ('Şirket / Kurum', 'Company | Firma', 'Company Name + Link'), and the header without a
    closing '?', ':' or '*' ('Applied where?'), for synonym look-ups."""
    parts = [p for p in re.split(r"\s*[/|]\s*|\s+\+\s+", str(header)) if p.strip()]
    bare = fold(header).rstrip("?:*.!")  # 'Applied where?', 'Company:', 'Status*'
    return tuple(dict.fromkeys([fold(header), *(fold(p) for p in parts), *([bare] if bare else [])]))


@dataclass(frozen=True)
class HeaderWord:
    """Words inside a header that name a stage and/or an outcome ('Panel Interview',
    'Offer Declined'), from ``header_words.csv``."""

    words: tuple[str, ...]
    stage: str
    outcome: str


@functools.cache
def header_words() -> tuple[HeaderWord, ...]:
    """Longest first, so 'offer declined' wins over 'offer' and 'phone screen' over 'screen'."""
    found = [HeaderWord(words(row["words"]), row["stage"], row["outcome"]) for row in _rows("header_words.csv")]
    return tuple(sorted(found, key=lambda w: -len(w.words)))


COMPOUND_TAIL = 6  # a one-word entry this long also names a stage at the end of a compound word


def holds_words(have: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` appears in ``have`` as whole words, in order."""
    n = len(phrase)
    return any(have[i : i + n] == phrase for i in range(len(have) - n + 1))


def named_in_header(header: object) -> HeaderWord | None:
    """The stage/outcome a header's words name (whole words only: 'Red' yes, 'Offered' no),
    else a long one-word entry closing a compound word ('Zweitgespräch': 'gespräch',
    'Panelinterview': 'interview'), as German and Dutch headers are written."""
    have = words(header)
    for entry in header_words():
        if holds_words(have, entry.words):
            return entry
    for entry in header_words():
        (word, *more) = entry.words
        if not more and len(word) >= COMPOUND_TAIL and any(w.endswith(word) and w != word for w in have):
            return entry
    return None


@functools.cache
def other_headers() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words, what they name) from ``other_headers.csv``, longest first: headers naming
    something that is not a status ('Location', 'Kategorie', 'Product or Service?')."""
    found = [(words(row["words"]), row["names"]) for row in _rows("other_headers.csv")]
    return tuple(sorted(found, key=lambda w: -len(w[0])))


def named_other(header: object) -> str | None:
    """What a header names when that is not a status ('a place' for 'Job Location'), by
    whole words; None when it names nothing of the kind or also a status ('Contact Status')."""
    have = words(header)
    status_words = {*column_synonyms().get("status", ()), *column_synonyms().get("outcome", ())}
    if status_words & {fold(w) for w in have}:
        return None
    for entry, names in other_headers():
        if holds_words(have, entry):
            return names
    return None


@functools.cache
def cell_meanings() -> dict[str, str]:
    """folded cell text -> 'missing', 'reached' or 'not reached'."""
    return {fold(row["value"]): row["meaning"] for row in _rows("cell_values.csv")}


def missing_tokens() -> frozenset[str]:
    """Folded cell texts that mean 'nothing here' ('n/a', '-', 'null', ...)."""
    return frozenset(k for k, v in cell_meanings().items() if v == "missing")


@functools.cache
def trackers() -> tuple[tuple[str, frozenset[str], str], ...]:
    """(name, folded headers that identify its export, date order or '')."""
    return tuple(
        (row["tracker"], frozenset(fold(h) for h in row["headers"].split(";")), row["date_order"])
        for row in _rows("trackers.csv")
    )


@functools.cache
def months() -> dict[str, int]:
    """Month name or abbreviation (in the languages of ``months.csv``) -> month number."""
    return {row["name"]: int(row["month"]) for row in _rows("months.csv")}


def parse_status_rule(text: str) -> Status | None:
    """A mapping's right-hand side: 'stage', 'outcome', 'stage/outcome' or 'not applied'.
    None when it is none of these."""
    words = [fold(part) for part in str(text).split("/")]
    stages = {fold(s): s for s in STAGES}
    outcomes = {fold(o): o for o in OUTCOMES}
    if words == [fold(NOT_APPLIED)]:
        return Status(NOT_APPLIED)
    if len(words) == 1 and words[0] in stages:  # 'accepted' is a stage and an outcome: both
        return Status(stages[words[0]], outcomes.get(words[0], ""))
    if len(words) == 1 and words[0] in outcomes:
        outcome = outcomes[words[0]]
        return Status(_OUTCOME_STAGE.get(outcome, "applied"), outcome)
    if len(words) == 2 and words[0] in stages and words[1] in outcomes:
        return Status(stages[words[0]], outcomes[words[1]])
    return None
