"""From a detected layout to the validated applications log (any layout but our template).

Rules (issue 10):
- stages reached come from stage columns and the history cell; without a history, the
  current status also shows how far a row got (``Interviewing``: screen and interview),
  and rows resting on that inference are counted;
- the outcome is the status column's when it names one, else the history's last entry's;
  a status naming only a stage means the application is still active; no status at all
  means the outcome is unknown;
- a stage reached without a date of its own takes the row's latest date (status/response
  date, else applied), kept between the dates of the stages around it; counted;
- rows for jobs never applied to (a 'not applied' status, or no date and no status) are
  left out and counted; a status without an applied date is refused with its lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlib.importers.dates import DateOrder, read_dates
from careerlib.importers.decisions import MAX_CELLS, Decisions
from careerlib.importers.detect import LINKEDIN, Layout
from careerlib.importers.history import read_history
from careerlib.importers.mapping import Mapping
from careerlib.importers.statuses import NONE, SKIP, read_statuses
from careerlib.importers.vocabulary import STAGES, cell_meanings, fold, missing_tokens
from careerlib.io import LINE, distinct, normalise_labels

UNKNOWN = "unknown"
_WORD_COLUMNS = ["value", "rows", "stage", "outcome", "source", "column", "what"]


@dataclass
class Built:
    log: pd.DataFrame
    order: DateOrder
    words: pd.DataFrame  # every distinct status/history word with its count and meaning
    not_applied: int  # rows left out: jobs never applied to
    inferred: int  # rows whose stages rest on the current status alone
    filled: int  # rows where a reached stage took the row's latest date


def clean(values: pd.Series) -> pd.Series:
    """Stripped text, with the missing-value tokens (``null``, ``N/A``, ``-``...) as ''."""
    codes, uniques = distinct(values)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
    missing = text.map(fold).isin(missing_tokens()).to_numpy()
    out = np.where(missing, "", text.to_numpy(dtype=object))
    return pd.Series(out[codes] if len(codes) else out[:0], index=values.index, dtype=object)


def _stage_cells(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """A stage column's date texts ('' where a token stood) and a mask of cells saying
    the stage was reached without a date ('yes', 'x')."""
    codes, uniques = distinct(values)
    meanings = pd.Series(np.asarray(uniques, dtype=object), dtype=object).map(fold).map(cell_meanings()).to_numpy()
    token = pd.notna(meanings)
    text = np.where(token, "", np.asarray(uniques, dtype=object))
    reached = meanings == "reached"
    return (pd.Series(text[codes] if len(codes) else text[:0], index=values.index, dtype=object),
            reached[codes] if len(codes) else reached[:0])


def build(raw: pd.DataFrame, layout: Layout, mapping: Mapping, decisions: Decisions) -> Built:
    f = layout.fields
    table = pd.DataFrame({LINE: raw[LINE].to_numpy()}, index=raw.index)
    for header in f.values():
        table[header] = clean(raw[header])

    date_columns = [f[c] for c in ("applied", "updated") if c in f]
    reached_by_cell = np.zeros((len(table), len(STAGES)), dtype=bool)
    for i, stage in enumerate(STAGES):
        for header in layout.stages.get(stage, []):
            table[header], reached = _stage_cells(clean(raw[header]))
            reached_by_cell[:, i] |= reached
            date_columns.append(header)

    status_field = "status" if "status" in f else ("outcome" if "outcome" in f else None)
    words = []
    status = None
    if status_field:
        status = read_statuses(table, f[status_field], mapped=mapping.statuses, decisions=decisions)
        words.append(status.words)
    history = None
    if "history" in f:
        history = read_history(table, f["history"], mapped=mapping.statuses, decisions=decisions)
        words.append(history.words)
        for stage, texts in history.dates.items():
            table[f"{f['history']} ({stage} date)"] = texts
            date_columns.append(f"{f['history']} ({stage} date)")

    dates, order = read_dates(table, date_columns, decisions=decisions, order=mapping.order or layout.order,
                              order_reason=_order_reason(mapping, layout), year=mapping.year)
    if "company" not in f or ("applied" not in f and "history" not in f):
        decisions.raise_if_any()  # without these columns nothing below can be placed

    n = len(table)
    stage_dates = np.full((n, len(STAGES)), np.datetime64("NaT"), dtype="datetime64[ns]")
    if "applied" in f:  # else the history's 'Applied' entries give it
        stage_dates[:, 0] = dates[f["applied"]].to_numpy()
    for i, stage in enumerate(STAGES):
        columns = list(layout.stages.get(stage, [])) + ([f"{f['history']} ({stage} date)"] if history else [])
        for column in columns:  # several columns for one stage (Recruiter, Phone): the earliest date
            d = dates[column].to_numpy()
            stage_dates[:, i] = np.where(np.isnat(stage_dates[:, i]) | (d < stage_dates[:, i]), d, stage_dates[:, i])
    dated = ~np.isnat(stage_dates) | reached_by_cell
    known = np.where(dated.any(axis=1), len(STAGES) - 1 - np.argmax(dated[:, ::-1], axis=1), NONE)

    status_stage = status.stage if status is not None else np.full(n, NONE)
    status_outcome = status.outcome if status is not None else np.full(n, "", dtype=object)
    if history is not None:
        furthest = np.maximum(known, np.where(history.stage >= 0, history.stage, NONE))
        inferred = np.zeros(n, dtype=bool)
        outcome = np.where(status_outcome != "", status_outcome, history.outcome)
        skip = (status_stage == SKIP) | ((history.stage == SKIP) & (known <= 0))
    else:
        furthest = np.maximum(known, status_stage)
        inferred = status_stage > np.maximum(known, 0)
        outcome = status_outcome.copy()
        skip = status_stage == SKIP
    has_status = (status_stage != NONE) | (history.stage != NONE if history is not None else False)
    outcome = np.where(outcome != "", outcome, np.where(status_stage >= 0, "active", UNKNOWN))

    applied = stage_dates[:, 0]
    written = (table[f["applied"]].to_numpy() != "") if "applied" in f else np.zeros(n, dtype=bool)
    no_date = np.isnat(applied) & ~written  # an unreadable date is reported as such, not as missing
    skip |= no_date & ~has_status & ~dated[:, 1:].any(axis=1)
    keep = ~skip
    undated = keep & no_date & has_status
    if undated.any():
        lines = table[LINE].to_numpy()[undated]
        decisions.undated = (int(undated.sum()), [int(x) for x in lines[:MAX_CELLS]])
    empty_company = keep & (table[f["company"]].to_numpy() == "")
    if empty_company.any():
        rows = np.flatnonzero(empty_company)
        decisions.unreadable(table[LINE].to_numpy()[rows[:MAX_CELLS]], [""] * min(len(rows), MAX_CELLS),
                             column=f["company"], problem="company is empty", total=len(rows))
    decisions.raise_if_any()

    filled = _fill_stage_dates(stage_dates, furthest, dates[f["updated"]] if "updated" in f else None)
    log = pd.DataFrame(
        {
            "company": table[f["company"]],
            "role": table[f["role"]] if "role" in f else "",
            "channel": _channel(table, layout),
            **{stage: stage_dates[:, i] for i, stage in enumerate(STAGES)},
            "outcome": outcome,
            "notes": _notes(table, f),
            LINE: table[LINE].to_numpy(),
        },
        index=table.index,
    )
    words = pd.concat([w for w in words if len(w)], ignore_index=True) if any(len(w) for w in words) else \
        pd.DataFrame(columns=_WORD_COLUMNS)
    return Built(log.loc[keep].reset_index(drop=True), order, words, int(skip.sum()),
                 int((inferred & keep).sum()), int((filled & keep).sum()))


def _order_reason(mapping: Mapping, layout: Layout) -> str:
    if mapping.order:
        return "set in the mapping ([dates] order)"
    return f"{layout.tracker} files always write the month first" if layout.order else ""


def _fill_stage_dates(stage_dates: np.ndarray, furthest: np.ndarray, updated: pd.Series | None) -> np.ndarray:
    """Reached stages without a date take the row's latest date, kept at or after the
    stage before and at or before the next dated stage. Returns rows that needed it."""
    latest = stage_dates[:, 0].copy()
    if updated is not None:
        u = updated.to_numpy()
        latest = np.where(~np.isnat(u) & (np.isnat(latest) | (u > latest)), u, latest)
    filled_any = np.zeros(len(stage_dates), dtype=bool)
    was_filled = np.zeros(stage_dates.shape, dtype=bool)
    previous = stage_dates[:, 0].copy()
    for i in range(1, len(STAGES)):
        need = (furthest >= i) & np.isnat(stage_dates[:, i])
        candidate = np.where(previous > latest, previous, latest)
        stage_dates[need, i] = candidate[need]
        was_filled[:, i] = need
        filled_any |= need
        has = ~np.isnat(stage_dates[:, i])
        previous = np.where(has, stage_dates[:, i], previous)
    for i in range(len(STAGES) - 2, 0, -1):  # not after a later stage's own date
        later = stage_dates[:, i + 1]
        clip = was_filled[:, i] & ~np.isnat(later) & (later < stage_dates[:, i])
        stage_dates[clip, i] = later[clip]
    return filled_any


def _channel(table: pd.DataFrame, layout: Layout) -> pd.Series | str:
    if layout.tracker == LINKEDIN:
        return "linkedin"
    if "channel" in layout.fields:
        return normalise_labels(table[layout.fields["channel"]])
    return "unspecified"


def _notes(table: pd.DataFrame, f: dict[str, str]) -> pd.Series | str:
    notes = table[f["notes"]] if "notes" in f else pd.Series("", index=table.index, dtype=object)
    if "url" not in f:
        return notes
    url = table[f["url"]]
    with_url = np.where(url != "", "Job URL: " + url, "")
    joined = np.where((notes != "") & (url != ""), notes + " | " + with_url, np.where(notes != "", notes, with_url))
    return pd.Series(joined, index=table.index, dtype=object)
