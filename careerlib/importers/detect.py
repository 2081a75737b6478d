"""Which layout a file is, and which of its columns holds each careerlib field: by the
header's name and, for every column the names leave open, by what the column holds.

Steps (each recorded as a reading the summary prints, with its evidence):

1. ``ignore`` in the mapping: those headers are not read.
2. Names: the user's ``[columns]``/``[stages]``/``[outcomes]`` first, then the synonyms in
   ``data/importers/columns.csv`` and ``stage_columns.csv`` (earlier rows win; a header
   written as alternatives, 'Şirket / Kurum', matches by either part). Headers are
   compared after ``fold`` (case, spaces, '_' and '-' ignored).
3. Content (``classify.profile``) of every other column: dates or yes/no flags under a
   header naming a stage or an outcome ('Interview Date', 'Auto Rejected', 'Absage',
   ``header_words.csv``) are stage or outcome columns; other dates are candidates for
   the applied date; other flags are not read; a column of a few repeated words under a
   header naming something else ('Location', 'Kategorie', ``other_headers.csv``) is not
   read; any other column of a few repeated words is read
   as the status only when no column holds the status, and most of its rows are known
   status words (else it is asked about). Beside stage or outcome columns the bar is
   higher (``STATUS_BESIDE_STAGES``; asked from ``ASK_BESIDE_STAGES``): the status is then
   read together with the stage columns, as when both are named by header. The rest is
   listed as not read, with what it holds.
4. The layout is named after what was found: a known tracker export (only on its
   distinctive headers), a history cell, stage columns, a status column, or a list.
   With no date column at all the log is undated (said aloud; time is not measured).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.cells import NAMED_BY_POSITION, named_by_position
from careerlib.importers.classify import (
    DATES,
    EMPTY,
    FLAGS,
    IDS,
    MAX_WORDS,
    TEXT,
    WORDS,
    Profile,
    clean,
    flag_words,
    profile,
)
from careerlib.importers.decisions import Candidate, Decisions
from careerlib.importers.mapping import Mapping
from careerlib.importers.vocabulary import (
    column_synonyms,
    fold,
    header_parts,
    named_in_header,
    named_other,
    stage_columns,
    statuses,
    trackers,
)
from careerlib.io import distinct

REQUIRED = ("company", "applied")
TEMPLATE = "careerlib template"
LINKEDIN = "LinkedIn export"
KNOWN_WORDS = 0.5  # share of rows holding known status words that makes a words column the status
# Beside stage columns the log already shows how far each application got, so a words column
# joins them as the status only when nearly all its rows are known status words (the share
# that makes a column's kind in ``classify``), and is asked about when at least a fifth are:
# below that, a category column ('Job Level') holding one status-like word is not worth a question.
STATUS_BESIDE_STAGES = 0.8
ASK_BESIDE_STAGES = 0.2


@dataclass
class Layout:
    """How the file is read: which header holds each field, the stage and outcome
    columns, what is not read, and each reading made by content with its evidence."""

    name: str
    fields: dict[str, str]  # careerlib field -> header in the file
    stages: dict[str, list[str]] = field(default_factory=dict)  # stage -> headers of stage columns
    tracker: str | None = None
    order: str | None = None  # date order a known export always uses
    ignored: list[str] = field(default_factory=list)  # headers not read (contact details, URLs, ...)
    outcomes: dict[str, list[str]] = field(default_factory=dict)  # outcome -> headers of yes/no columns
    readings: list[tuple[str, str]] = field(default_factory=list)  # (header, what was read and why)
    undated: bool = False  # no column holds a date: the log has no time
    status_candidate: str | None = None  # asked about: its words are read for the questions too
    date_candidates: list[str] = field(default_factory=list)  # asked about as the applied date
    cleaned: dict[str, pd.Series] = field(default_factory=dict)  # header -> cleaned values (reused by build)
    profiles: dict[str, Profile] = field(default_factory=dict)
    skipped: frozenset[str] = frozenset()  # headers the mapping says to ignore


def detect(headers: list[str], mapping: Mapping, decisions: Decisions, raw: pd.DataFrame | None = None) -> Layout:
    """The layout of a file with these headers; ``raw`` (the file's cells) lets columns
    the names leave open be judged by content (without it, a missing column is asked)."""
    by_fold = {fold(h): h for h in headers}
    skip = {fold(_named(h, by_fold, headers, decisions.shown, "ignore")) for h in mapping.ignore}
    readings: list[tuple[str, str]] = [(by_fold[k], "not read: named under 'ignore' in your mapping") for k in skip]
    folded = set(by_fold) - skip
    tracker, order = None, None
    for name, signature, known_order in trackers():
        if signature <= folded:
            tracker, order = name, known_order or None
            break

    fields: dict[str, str] = {}
    for name, header in mapping.columns.items():
        fields[name] = _named(header, by_fold, headers, decisions.shown, f"columns.{name}")
    used = {fold(h) for h in fields.values()} | skip
    parts = {h: header_parts(h) for h in headers if fold(h) not in skip}
    for name, synonyms in column_synonyms().items():
        if name in fields:
            continue
        hit = next((h for s in synonyms for h, p in parts.items() if s in p and fold(h) not in used), None)
        if hit is not None:
            fields[name] = hit
            used.add(fold(hit))

    stages: dict[str, list[str]] = {}
    outcomes: dict[str, list[str]] = {}
    for stage, names in mapping.stages.items():
        stages[stage] = [_named(h, by_fold, headers, decisions.shown, f"stages.{stage}") for h in names]
    for outcome, names in mapping.outcomes.items():
        outcomes[outcome] = [_named(h, by_fold, headers, decisions.shown, f"outcomes.{outcome}") for h in names]
    claimed = {fold(h) for hs in (*stages.values(), *outcomes.values()) for h in hs}
    for key, stage in stage_columns().items():
        if key in folded and key not in used | claimed:
            stages.setdefault(stage, []).append(by_fold[key])
    used |= claimed | {fold(h) for hs in stages.values() for h in hs}

    layout = Layout("", fields, stages, tracker, order, outcomes=outcomes, readings=readings)
    for name, header in fields.items():  # found by name, so not profiled: say what its name is
        if named_by_position(header):
            layout.readings.append((header, f"{NAMED_BY_POSITION}: read as the {name}"))
    layout.skipped = frozenset(by_fold[k] for k in skip)
    if raw is not None:
        _date_fields_by_content(layout, raw, mapping)
    if raw is not None and "outcome" in fields and "outcome" not in mapping.columns:
        _outcome_by_content(layout, raw, mapping)
    used = {fold(h) for h in fields.values()} | skip | claimed | {fold(h) for hs in stages.values() for h in hs}
    if raw is not None:
        _by_content(layout, [h for h in headers if fold(h) not in used], raw, mapping, decisions)
        used |= {fold(h) for hs in (*layout.stages.values(), *layout.outcomes.values()) for h in hs}
        used |= {fold(h) for h in fields.values()}

    for name in REQUIRED:
        if name in fields or (name == "applied" and "history" in fields):
            continue
        if name == "applied" and raw is not None and not layout.date_candidates:
            layout.undated = True
            layout.readings.append(("(applied)", "no column holds a date: an undated log (time is not measured)"))
            continue
        candidates = [Candidate(h, layout.profiles[h].evidence()) for h in _candidates(layout, name)]
        decisions.missing_column(name, list(headers), candidates)
    if layout.status_candidate:  # its words are read for the questions too (see build)
        found = layout.profiles[layout.status_candidate]
        decisions.missing_column("status", list(headers), [Candidate(layout.status_candidate, found.evidence())])
    if tracker:
        layout.name = tracker
    elif "history" in fields:
        layout.name = "history-cell sheet"
    elif layout.stages or layout.outcomes:
        layout.name = "stage-per-column sheet"
    elif "status" in fields:
        layout.name = "status-column sheet"
    else:
        layout.name = "list without statuses"
    layout.ignored = [h for h in headers if fold(h) not in used]
    return layout


def _by_content(layout: Layout, open_headers: list[str], raw: pd.DataFrame, mapping: Mapping, decisions) -> None:
    """Steps 3 of the module docstring, for the headers the names left open."""
    flags = flag_words(mapping.flags.get("yes", ()), mapping.flags.get("no", ()))
    for header in [*open_headers, *(h for hs in (*layout.stages.values(), *layout.outcomes.values()) for h in hs)]:
        if header not in layout.profiles:
            layout.cleaned[header] = clean(raw[header])
            layout.profiles[header] = profile(header, layout.cleaned[header], flags)
    has_status = bool({"status", "history", "outcome"} & set(layout.fields))
    words_columns = []
    for header in open_headers:
        found = layout.profiles[header]
        named = named_in_header(header)
        say = f"{found.evidence()}"
        if found.kind in (DATES, FLAGS) and named is not None:
            what = []
            if named.stage:
                layout.stages.setdefault(named.stage, []).append(header)
                what.append(f"the {named.stage} stage")
            if named.outcome:
                layout.outcomes.setdefault(named.outcome, []).append(header)
                what.append(f"outcome {named.outcome!r} when filled")
            layout.readings.append((header, f"{say}; its header names {' and '.join(what)}: read as such"))
        elif found.kind == DATES:
            layout.date_candidates.append(header)
            if "applied" in layout.fields:
                layout.readings.append((header, f"{say}; its header names no stage: not read"))
        elif found.kind == FLAGS:
            layout.readings.append(
                (header, f"{say}; its header names no stage or outcome: not read ([stages] or [outcomes] can claim it)")
            )
        elif found.kind == WORDS and named_other(header) is not None:  # 'Location': never the status
            layout.readings.append((header, f"{say}; its header names {named_other(header)}: not read"))
        elif found.kind == WORDS and not has_status:
            words_columns.append(header)
        else:
            layout.readings.append((header, f"{found.evidence()}: not read"))
    if words_columns and not layout.tracker:
        _status_by_content(layout, words_columns, mapping, beside_stages=bool(layout.stages or layout.outcomes))
    else:
        layout.readings += [(h, f"{layout.profiles[h].evidence()}: not read") for h in words_columns]
    for header, kinds in ((h, layout.profiles[h]) for h in layout.date_candidates):
        if "applied" not in layout.fields:
            layout.readings.append((header, f"{kinds.evidence()}: asked about as the applied date"))


def _date_fields_by_content(layout: Layout, raw: pd.DataFrame, mapping: Mapping) -> None:
    """A column found by its name as the applied (or updated) date that holds yes/no flags
    and no date ('Applied': 1 / empty) is not a date column: listed as not read."""
    flags = flag_words(mapping.flags.get("yes", ()), mapping.flags.get("no", ()))
    for name in ("applied", "updated"):
        header = layout.fields.get(name)
        if header is None or name in mapping.columns:
            continue
        layout.cleaned[header] = clean(raw[header])
        found = layout.profiles[header] = profile(header, layout.cleaned[header], flags)
        if found.kind == FLAGS and found.dated == 0:
            del layout.fields[name]
            layout.readings.append((header, f"{found.evidence()}: flags, not dates: not read as the {name} date"))


def _outcome_by_content(layout: Layout, raw: pd.DataFrame, mapping: Mapping) -> None:
    """An 'outcome' column found by its name is read as outcome words only when it holds
    few repeated words; sentences (what happened, in prose) are listed as not read."""
    header = layout.fields["outcome"]
    flags = flag_words(mapping.flags.get("yes", ()), mapping.flags.get("no", ()))
    layout.cleaned[header] = clean(raw[header])
    found = layout.profiles[header] = profile(header, layout.cleaned[header], flags)
    if found.kind not in (WORDS, EMPTY) and found.distinct > MAX_WORDS:
        del layout.fields["outcome"]
        layout.readings.append((header, f"{found.evidence()}: prose, not outcome words: not read"))


def _status_by_content(
    layout: Layout, words_columns: list[str], mapping: Mapping, *, beside_stages: bool = False
) -> None:
    """No column holds the status: the words column whose rows are most often known status
    words is read as the status (when most are), else asked about with its words. Beside
    stage columns (``beside_stages``) the bars are ``STATUS_BESIDE_STAGES`` to read it and
    ``ASK_BESIDE_STAGES`` to ask; below that, no words column is read."""
    known = set(statuses()) | set(mapping.statuses)
    hits, rows = [], []
    for header in words_columns:
        codes, uniques = distinct(layout.cleaned[header])
        counts = np.bincount(codes, minlength=len(uniques)) if len(codes) else np.zeros(len(uniques), np.int64)
        text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str)
        filled = (text != "").to_numpy()
        hit = text.map(fold).isin(known).to_numpy() & filled
        hits.append(int(counts[hit].sum()))
        rows.append(max(1, int(counts[filled].sum())))
    shares = [hit / total for hit, total in zip(hits, rows)]
    best = int(np.argmax(shares))
    header = words_columns[best]
    said = f"{layout.profiles[header].evidence()}; {hits[best]} of {rows[best]} row(s) are known status words"
    read_at, ask_at = (STATUS_BESIDE_STAGES, ASK_BESIDE_STAGES) if beside_stages else (KNOWN_WORDS, 0.0)
    if shares[best] >= read_at:
        layout.fields["status"] = header
        beside = ", together with the stage columns (dates from them, the outcome from its words)"
        layout.readings.append((header, f"{said}: read as the status{beside if beside_stages else ''}"))
    elif shares[best] >= ask_at:
        layout.status_candidate = header
        layout.readings.append((header, f"{said}: asked about as the status"))
    else:
        layout.readings.append((header, f"{said}: not read"))
    for other in words_columns:
        if other != header:
            layout.readings.append((other, f"{layout.profiles[other].evidence()}: not read"))


def _candidates(layout: Layout, name: str) -> list[str]:
    if name == "applied":
        return list(layout.date_candidates)
    used = set(layout.fields.values()) | {h for hs in layout.stages.values() for h in hs} | {layout.status_candidate}
    found = [h for h, p in layout.profiles.items() if h not in used]
    return sorted(
        (h for h in found if layout.profiles[h].kind in (TEXT, IDS, WORDS)),
        key=lambda h: layout.profiles[h].kind == WORDS,  # names and ids before repeated words
    )


def _named(header: str, by_fold: dict[str, str], headers: list[str], shown: str, key: str) -> str:
    hit = by_fold.get(fold(header))
    if hit is None:
        raise DataError(
            f"the mapping names a header the file does not have; the headers are {', '.join(map(repr, headers))}",
            file=shown,
            line=1,
            column=key,
            value=header,
        )
    return hit
