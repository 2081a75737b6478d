"""What a column holds, judged from its values: dates, yes/no flags, a few repeated words
(status-like), numbers, ids, links, free text, or nothing.

Each column is looked at once per distinct value (``io.distinct``): the shares below are
shares of the filled rows, so a stray cell does not change a column's kind, and a
million-row log costs one factorisation per column. ``Profile.evidence`` is the sentence
the import summary prints ("'Stand': 5 distinct words over 80 rows").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.importers.cells import NAMED_BY_POSITION, named_by_position
from careerlib.importers.dates import looks_like_date
from careerlib.importers.vocabulary import cell_meanings, fold, missing_tokens
from careerlib.io import distinct

EMPTY, DATES, FLAGS, WORDS, NUMBERS, IDS, URLS, TEXT, FILES = (
    "empty",
    "dates",
    "flags",
    "words",
    "numbers",
    "ids",
    "links",
    "text",
    "file names",  # 'CV.pdf': a few repeated values, but never status words (nor a company)
)
MOST = 0.8  # share of filled rows that makes a column's kind (a stray cell or two does not)
MAX_WORDS = 20  # a status-like column has at most this many distinct words ...
MAX_WORD_LENGTH = 40  # ... each short ...
LINK_CELL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_NOT_A_WORD = re.compile(r"[@\\]|\d{3,}|://")  # e-mails, paths, phone numbers, links: not status words
NUMBER_CELL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|odt|rtf|txt|pages|png|jpe?g)$", re.IGNORECASE)


@dataclass(frozen=True)
class Profile:
    """One column's kind and the figures behind it."""

    header: str
    kind: str
    filled: int  # rows with a value
    distinct: int  # distinct values among them
    share: float  # share of filled rows of that kind
    samples: tuple[str, ...]  # the most frequent values, for messages
    unknown: tuple[tuple[str, int, int], ...] = ()  # (word, rows, first row index) neither yes/no nor a date
    dated: float = 0.0  # share of filled rows holding a date

    def evidence(self) -> str:
        """The figures in words: "12 dates over 80 rows", "yes/no flags (Y, N) over 199 rows";
        for a column the header gives no name, that first."""
        said = self._figures()
        return f"{NAMED_BY_POSITION}; {said}" if named_by_position(self.header) else said

    def _figures(self) -> str:
        rows = f"over {self.filled} row(s)"
        shown = ", ".join(map(repr, self.samples[:4]))
        if self.kind == EMPTY:
            return "no value in any row"
        if self.kind == DATES:
            return f"dates in {self.share:.0%} of {self.filled} filled row(s) (such as {shown})"
        if self.kind == FLAGS:
            return f"yes/no flags ({shown}) {rows}"
        if self.kind == WORDS:
            return f"{self.distinct} distinct word(s) {rows} ({shown})"
        if self.kind in (NUMBERS, IDS):
            return f"{'numbers, each different' if self.kind == IDS else 'numbers'} {rows}"
        if self.kind == URLS:
            return f"links {rows}"
        if self.kind == FILES:
            return f"file names ({shown}) {rows}"
        return f"free text, {self.distinct} different value(s) {rows}"


def _categorical(codes: np.ndarray, per_distinct: np.ndarray, index) -> pd.Series:
    """Each row's value from one value per distinct text, as a categorical: later steps
    (dates, statuses, duplicate keys) then factorise integer codes, not a million strings."""
    new_codes, categories = pd.factorize(per_distinct)
    row_codes = new_codes[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(row_codes, categories=pd.Index(categories, dtype=object)), index=index)


def clean(values: pd.Series) -> pd.Series:
    """Stripped text, with the missing-value tokens (``null``, ``N/A``, ``-``...) as ''."""
    codes, uniques = distinct(values)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
    longest = 2 * max(map(len, missing_tokens()), default=0) + 2  # spaces and '_' fold away: some margin
    short = (text.str.len() <= longest).to_numpy()  # only short cells can be 'n/a', 'null', '-'
    missing = np.zeros(len(text), dtype=bool)
    missing[short] = text[short].map(fold).isin(missing_tokens()).to_numpy()
    return _categorical(codes, np.where(missing, "", text.to_numpy(dtype=object)), values.index)


def flag_words(yes: tuple[str, ...] = (), no: tuple[str, ...] = ()) -> dict[str, bool]:
    """folded word -> True (yes) / False (no): ``data/importers/cell_values.csv`` and the
    mapping's ``[flags]`` (which win)."""
    words = {k: v == "reached" for k, v in cell_meanings().items() if v in ("reached", "not reached")}
    words.update({w: False for w in no})
    words.update({w: True for w in yes})
    return words


def profile(header: str, cleaned: pd.Series, flags: dict[str, bool]) -> Profile:
    """The kind of one cleaned column (see ``clean``), from its distinct values."""
    codes, uniques = distinct(cleaned)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str)
    counts = np.bincount(codes[codes >= 0], minlength=len(text)) if len(codes) else np.zeros(len(text), np.int64)
    filled_mask = (text != "").to_numpy()
    filled = int(counts[filled_mask].sum())
    order = np.argsort(-counts, kind="stable")
    samples = tuple(str(text.iloc[i]) for i in order if filled_mask[i])[:5]
    n_distinct = int(filled_mask.sum())
    if not filled:
        return Profile(header, EMPTY, 0, 0, 0.0, ())

    def share(mask: np.ndarray) -> float:
        """The part of the filled cells whose distinct value is in ``mask``."""
        return float(counts[mask & filled_mask].sum()) / filled

    folded = text.map(fold)
    is_flag = folded.isin(flags.keys()).to_numpy()
    is_date = looks_like_date(text) & ~is_flag
    kind, part = TEXT, 0.0
    unknown: tuple = ()
    if is_flag.any() and not is_date.any():  # words beside yes/no flags: asked about in a stage column
        first = np.zeros(len(text), dtype=np.int64)
        first[codes[::-1]] = np.arange(len(codes))[::-1]
        odd = np.flatnonzero(filled_mask & ~is_flag)[:MAX_WORDS]
        unknown = tuple((str(text.iloc[i]), int(counts[i]), int(first[i])) for i in odd)
    if share(is_date) >= MOST or (share(is_date) > 0 and share(is_date | is_flag) >= MOST):
        kind, part = DATES, share(is_date | is_flag)
    elif share(is_flag) >= MOST and not (unknown and all(NUMBER_CELL.match(w) for w, *_ in unknown)):
        kind, part = FLAGS, share(is_flag)  # (0, 1 and 2 are counts, not flags)
    elif (links := share(text.str.match(LINK_CELL).to_numpy())) >= MOST:
        kind, part = URLS, links
    elif (files := share(text.str.contains(_FILE_NAME).to_numpy())) >= MOST:
        kind, part = FILES, files
    elif (numbers := share(text.str.match(NUMBER_CELL).to_numpy())) >= MOST:
        part = numbers
        kind = IDS if n_distinct == filled and filled > 1 else NUMBERS
    elif (
        2 <= n_distinct <= MAX_WORDS
        and not text[filled_mask].str.contains(_NOT_A_WORD).any()
        and filled >= 2 * n_distinct
        and float(text[filled_mask].str.len().mean()) <= MAX_WORD_LENGTH
    ):
        kind, part = WORDS, 1.0
    return Profile(header, kind, filled, n_distinct, part, samples, unknown, share(is_date))
