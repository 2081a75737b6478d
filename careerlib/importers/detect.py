"""Which layout a file is, and which of its headers holds each careerlib field.

Headers are matched after ``fold`` (case, spaces, '_' and '-' ignored): first the
user's ``[columns]``/``[stages]``, then the synonyms in ``data/importers/columns.csv``
and ``stage_columns.csv`` (earlier rows win). The layout is named after what was found:
a known tracker export, a history cell, stage columns, a status column, or none of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from careerlib.errors import DataError
from careerlib.importers.decisions import Decisions
from careerlib.importers.mapping import Mapping
from careerlib.importers.vocabulary import column_synonyms, fold, stage_columns, trackers

REQUIRED = ("company", "applied")
TEMPLATE = "careerlib template"
LINKEDIN = "LinkedIn export"


@dataclass
class Layout:
    name: str
    fields: dict[str, str]  # careerlib field -> header in the file
    stages: dict[str, list[str]] = field(default_factory=dict)  # stage -> headers of stage columns
    tracker: str | None = None
    order: str | None = None  # date order a known export always uses
    ignored: list[str] = field(default_factory=list)  # headers not read (contact details, URLs, ...)


def detect(headers: list[str], mapping: Mapping, decisions: Decisions) -> Layout:
    by_fold = {fold(h): h for h in headers}
    folded = set(by_fold)
    tracker, order = None, None
    for name, signature, known_order in trackers():
        if signature <= folded:
            tracker, order = name, known_order or None
            break

    fields: dict[str, str] = {}
    for name, header in mapping.columns.items():
        fields[name] = _named(header, by_fold, headers, decisions.shown, f"columns.{name}")
    used = {fold(h) for h in fields.values()}
    for name, synonyms in column_synonyms().items():
        if name in fields:
            continue
        hit = next((s for s in synonyms if s in folded and s not in used), None)
        if hit is not None:
            fields[name] = by_fold[hit]
            used.add(hit)

    stages: dict[str, list[str]] = {}
    if mapping.stages:
        for stage, names in mapping.stages.items():
            stages[stage] = [_named(h, by_fold, headers, decisions.shown, f"stages.{stage}") for h in names]
    else:
        for key, stage in stage_columns().items():
            if key in folded and key not in used:
                stages.setdefault(stage, []).append(by_fold[key])
    used |= {fold(h) for hs in stages.values() for h in hs}

    for name in REQUIRED:
        if name not in fields and not (name == "applied" and "history" in fields):
            decisions.missing_column(name, list(headers))
    if tracker:
        layout = tracker
    elif "history" in fields:
        layout = "history-cell sheet"
    elif stages:
        layout = "stage-per-column sheet"
    elif "status" in fields:
        layout = "status-column sheet"
    else:
        layout = "list without statuses"
    ignored = [h for h in headers if fold(h) not in used]
    return Layout(layout, fields, stages, tracker, order, ignored)


def _named(header: str, by_fold: dict[str, str], headers: list[str], shown: str, key: str) -> str:
    hit = by_fold.get(fold(header))
    if hit is None:
        raise DataError(f"the mapping names a header the file does not have; the headers are "
                        f"{', '.join(map(repr, headers))}", file=shown, line=1, column=key, value=header)
    return hit
