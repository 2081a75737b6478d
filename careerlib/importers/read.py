"""The entry point: a user's file (and optional mapping) to (log, ImportSummary)."""

from __future__ import annotations

import os

import pandas as pd

from careerlib.errors import DataError
from careerlib.importers.build import build
from careerlib.importers.decisions import Decisions
from careerlib.importers.detect import LINKEDIN, TEMPLATE, detect
from careerlib.importers.mapping import Mapping, load_mapping
from careerlib.importers.questions import HEADER, PROBLEM, SHEET, Question
from careerlib.importers.source import read_source
from careerlib.importers.summary import ImportSummary
from careerlib.importers.tally import refuse_counts
from careerlib.io import LINE
from careerlib.logs import applications  # the template's format and checks


def read_applications(
    path: str | os.PathLike,
    mapping=None,
    *,
    count_outcomes: bool = True,
) -> tuple[pd.DataFrame, ImportSummary]:
    """The validated applications log from any supported file, and what was understood.
    ``count_outcomes=False`` skips the template's outcome table (a pass over every row)
    when only the log is wanted."""
    rules = load_mapping(mapping)
    raw, source, asked = read_table(path, rules)
    headers = [c for c in raw.columns if c != LINE]
    summary = ImportSummary(
        source=source.shown,
        read_as=source.describe(),
        layout=TEMPLATE,
        fields={},
        rows_read=len(raw) + source.empty_rows,
        empty_rows=source.empty_rows,
    )
    sheet_question = asked if asked is not None and asked.kind == SHEET else None
    header_question = asked if asked is not None and asked.kind == HEADER else None
    if applications.is_template(headers) and rules.is_empty() and asked is None:
        log = applications.validate_template(raw, source.shown)
        summary.fields = {h: h for h in headers if h in applications.COLUMNS}
        summary.date_reason = "template dates are YYYY-MM-DD; no order to decide"
        if count_outcomes:
            summary.statuses = applications.outcome_counts(log)
        summary.imported = len(log)
        return log, summary

    if not rules.columns:  # columns named in the mapping: the person says it is a log
        refuse_counts(raw, headers, source.shown)
    decisions = Decisions(source.shown, base=dict(rules.content), sheet=sheet_question, header=header_question)
    layout = detect(headers, rules, decisions, raw)
    built = build(raw, layout, rules, decisions, rows_are_distinct=getattr(source, "rows_are_distinct", False))
    decisions.raise_if_any()  # the sheet question, when the proposed sheet raised nothing else
    log = applications.checked(built.log, source.shown, undated=layout.undated, refuse_duplicates=False)
    summary.layout = layout.name
    summary.fields = layout.fields
    summary.stages = layout.stages
    not_read = set(layout.ignored) | layout.skipped  # the mapping's 'ignore' headers are not read either
    summary.ignored = [h for h in headers if h in not_read]
    summary.outcome_columns = layout.outcomes
    summary.readings = layout.readings
    summary.undated = layout.undated
    summary.month_only = built.order.month_only
    summary.merged = built.merged
    summary.without_date = built.without_date
    summary.without_company = built.without_company
    summary.filled_down, summary.filled_from = built.filled_down, built.filled_from
    if layout.tracker == LINKEDIN and "channel" not in layout.fields:
        summary.absent["channel"] = "LinkedIn export: 'linkedin'"
    summary.date_order, summary.date_reason = built.order.order, built.order.reason
    summary.statuses = built.words
    summary.imported = len(log)
    summary.not_applied = built.not_applied
    summary.inferred = built.inferred
    summary.filled_dates = built.filled
    return log, summary


def read_table(path, rules: Mapping):
    """``read_source`` under the mapping ``rules``; when several sheets of a workbook look like logs, or a CSV's first
    line looks like a note or like data, the file is read all the same as proposed, so the
    questions about its columns are asked with that one (one message, one edit). Returns
    (table, source, the sheet or header question, or None)."""
    given = {"sheet": rules.sheet, "skip_lines": rules.skip_lines, "header": rules.header}
    try:
        return (*read_source(path, **given), None)
    except DataError as err:
        asked = [q for q in getattr(err, "questions", None) or () if q.kind in (SHEET, HEADER)]
        if not asked:
            raise
    proposed = asked[0].default_choice.value
    if asked[0].kind == SHEET:
        return (*read_source(path, **{**given, "sheet": proposed}), asked[0])
    answer = {"skip_lines": proposed.get("skip_lines"), "header": tuple(proposed.get("header") or ()) or None}
    return (*read_source(path, **{**given, **answer}), asked[0])


def open_questions(path: str | os.PathLike, mapping=None) -> list[Question]:
    """Every open question for importing ``path`` (with ``mapping``, if any), all at once
    (see ``careerlib.importers.questions``).

    An empty list means the file imports as it is. Never raises for bad input: a problem
    no answer can fix (a missing file, a cell that is not a date) comes back as a
    ``"problem"`` question holding the message."""
    try:
        read_applications(path, mapping, count_outcomes=False)
    except DataError as err:
        asked = getattr(err, "questions", None)
        if asked:
            return list(asked)
        return [Question(PROBLEM, (), str(err), line=err.line, column=err.column)]
    return []
