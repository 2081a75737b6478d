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

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from careerlib.importers.classify import _categorical, clean, flag_words
from careerlib.importers.dates import DAY_FIRST, DateOrder, read_dates
from careerlib.importers.decisions import MAX_CELLS, Decisions, UnplacedRows
from careerlib.importers.detect import LINKEDIN, Layout
from careerlib.importers.history import read_history
from careerlib.importers.mapping import FILL_DOWN, LEAVE_OUT, Mapping
from careerlib.importers.questions import toml_string
from careerlib.importers.statuses import NONE, SKIP, read_statuses
from careerlib.importers.vocabulary import STAGES, fold
from careerlib.io import LINE, distinct, normalise_labels

UNKNOWN = "unknown"
REACHED = "reached"  # an undated log: the furthest stage each application reached
_WORD_COLUMNS = ["value", "rows", "stage", "outcome", "source", "column", "what"]
FILLED_SHOWN = 20  # groups of filled-down rows listed in the summary (the count covers all)


@dataclass
class Built:
    """What :func:`build` made: the log, and what the summary says about how."""

    log: pd.DataFrame
    order: DateOrder
    words: pd.DataFrame  # every distinct status/history word with its count and meaning
    not_applied: int  # rows left out: jobs never applied to
    inferred: int  # rows whose stages rest on the current status alone
    filled: int  # rows where a reached stage took the row's latest date
    keys: dict[str, np.ndarray]  # case-folded codes of company, role, channel (for the duplicate check)
    merged: list[tuple[int, list[int]]] = field(default_factory=list)  # identical rows: (kept line, merged lines)
    without_date: list[int] = field(default_factory=list)  # lines left out: a status, no applied date (the mapping)
    without_company: list[int] = field(default_factory=list)  # lines left out: no company (the mapping)
    filled_down: int = 0  # rows whose empty company took the one of the nearest row above (the mapping)
    filled_from: list[tuple[int, list[int]]] = field(default_factory=list)  # (line read from, lines filled)


def _stage_cells(
    values: pd.Series, flags: dict[str, bool], blank: frozenset[str] = frozenset()
) -> tuple[pd.Series, np.ndarray]:
    """A stage (or outcome) column's date texts ('' where a flag word, or a word in
    ``blank``, stood) and a mask of cells saying yes without a date ('yes', 'x', 'ja', '1')."""
    codes, uniques = distinct(values)
    texts = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    meanings = texts.map(fold).map(flags).to_numpy()
    token = pd.notna(meanings) | texts.isin(blank).to_numpy()
    text = np.where(token, "", np.asarray(uniques, dtype=object))
    reached = meanings == True  # noqa: E712 (an object array of True/False/NaN)
    return _categorical(codes, text, values.index), (reached[codes] if len(codes) else reached[:0])


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each row's code and the values they stand for: a categorical's own codes when it
    has no missing value (no second hash pass over the rows), else ``io.distinct``."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        if not len(codes) or codes.min() >= 0:
            return codes, pd.Index(values.cat.categories, dtype=object)
    return distinct(values)


def _text_and_key(values: pd.Series, rows: np.ndarray, *, labels: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Plain text for the log (channel as a normalised label) and case-folded integer
    codes for the duplicate check, of ``rows``, from the categorical's few distinct values."""
    codes, uniques = _codes(values)
    codes = codes[rows]
    text = (
        normalise_labels(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
        if labels
        else pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    )
    key = pd.factorize(text.str.casefold())[0]
    return text.to_numpy(dtype=object)[codes], key[codes]


def build(
    raw: pd.DataFrame, layout: Layout, mapping: Mapping, decisions: Decisions, *, rows_are_distinct: bool = False
) -> Built:
    """The log from the file's cells as the layout reads them; every open question and
    unreadable cell goes to ``decisions``, raised at once before anything is built.
    Rows identical in every column read are one application (merged, listed);
    ``rows_are_distinct`` (a day grid: each cell is an application) merges none."""
    f = dict(layout.fields)
    table = pd.DataFrame({LINE: raw[LINE].to_numpy()}, index=raw.index)

    def cleaned(header: str) -> pd.Series:
        """A column's cleaned cells, as detection already cleaned them (once per column)."""
        found = layout.cleaned.get(header)
        return found if found is not None else clean(raw[header])

    for header in f.values():
        table[header] = cleaned(header)
    if layout.status_candidate:
        table[layout.status_candidate] = cleaned(layout.status_candidate)

    flags = flag_words(mapping.flags.get("yes", ()), mapping.flags.get("no", ()))
    date_columns = [f[c] for c in ("applied", "updated") if c in f]
    date_columns += [h for h in layout.date_candidates if "applied" not in f]  # asked about: their dates too
    for header in date_columns:
        if header not in table:
            table[header] = cleaned(header)
    reached_by_cell = np.zeros((len(table), len(STAGES)), dtype=bool)
    yes_columns: dict[str, np.ndarray] = {}
    for header in dict.fromkeys(h for hs in (*layout.stages.values(), *layout.outcomes.values()) for h in hs):
        blank = _ask_flag_words(layout, header, table, decisions)
        table[header], yes_columns[header] = _stage_cells(cleaned(header), flags, blank)
        date_columns.append(header)
    for i, stage in enumerate(STAGES):
        for header in layout.stages.get(stage, []):
            reached_by_cell[:, i] |= yes_columns[header]

    words = []
    status = None
    status_field = "status" if "status" in f else ("outcome" if "outcome" in f else None)
    if status_field:
        status = read_statuses(table, f[status_field], mapped=mapping.statuses, decisions=decisions)
        words.append(status.words)
    if status_field == "status" and "outcome" in f:  # progress + state: the second column names the outcome
        second = read_statuses(table, f["outcome"], mapped=mapping.statuses, decisions=decisions, what="outcome")
        words.append(second.words)
        status = _with_outcome(status, second)
    if layout.status_candidate:  # asked about: read as proposed, so its words are asked in the same message
        status = read_statuses(table, layout.status_candidate, mapped=mapping.statuses, decisions=decisions)
    history = None
    if "history" in f:
        history = read_history(table, f["history"], mapped=mapping.statuses, decisions=decisions)
        words.append(history.words)
        for stage, texts in history.dates.items():
            table[f"{f['history']} ({stage} date)"] = texts
            date_columns.append(f"{f['history']} ({stage} date)")

    dates, order = read_dates(
        table,
        date_columns,
        decisions=decisions,
        order=mapping.order or layout.order,
        order_reason=_order_reason(mapping, layout),
        year=mapping.year,
    )
    if decisions.order is not None:  # order asked about: dated as proposed, so later problems are listed now too
        dates, _ = read_dates(
            table, date_columns, decisions=Decisions(decisions.shown), order=DAY_FIRST, year=mapping.year
        )
    for name in ("company", "applied"):  # asked about: read as proposed, so later problems are listed now too
        proposed = decisions.candidates.get(name)
        if name not in f and proposed and not (name == "applied" and ("history" in f or layout.undated)):
            f[name] = proposed[0].header
            if f[name] not in table:
                table[f[name]] = cleaned(f[name])
    if "company" not in f or ("applied" not in f and "history" not in f and not layout.undated):
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
    names = _OutcomeNames()
    flagged = _flag_outcomes(layout, yes_columns, dates, n, names)

    status_outcome = names.codes(status.outcome) if status is not None else np.full(n, names.NONE)
    furthest, inferred, outcome, skip, has_status = _progress(known, status, status_outcome, history, n, names)
    named = status_outcome > names.ACTIVE  # the status names an ending ('unknown' too), not just 'active'
    outcome = np.where((flagged != names.NONE) & ~named, flagged, outcome)  # a status naming an ending wins
    has_status |= flagged != names.NONE

    applied = stage_dates[:, 0]
    written = (table[f["applied"]] != "").to_numpy() if "applied" in f else np.zeros(n, dtype=bool)
    no_date = np.isnat(applied) & ~written  # an unreadable date is reported as such, not as missing
    if not layout.undated:
        skip |= no_date & ~has_status & ~dated[:, 1:].any(axis=1)
    keep = ~skip
    undated = keep & no_date & (has_status | dated[:, 1:].any(axis=1)) & (not layout.undated)
    line_numbers = table[LINE].to_numpy()
    without_date, decisions.undated = _rows_left_out(undated, mapping.rows_without_date, line_numbers)
    if without_date:
        keep &= ~undated
    _check_order(stage_dates, keep, line_numbers, decisions, layout.stages)
    blank_company = (table[f["company"]] == "").to_numpy()
    filled_down, filled_from = 0, []
    if mapping.rows_without_company == FILL_DOWN and blank_company.any():
        table[f["company"]], filled, filled_from = _fill_down(table[f["company"]], blank_company, line_numbers)
        filled_down, blank_company = int((filled & keep).sum()), blank_company & ~filled
    empty_company = keep & blank_company
    decisions.rows_total = n
    if mapping.rows_without_company == FILL_DOWN:  # no row above names one: the file must say it
        bad = np.flatnonzero(empty_company)
        if len(bad):
            problem = "company is empty, and no row above it names one to fill down"
            shown = bad[:MAX_CELLS]
            decisions.unreadable(
                line_numbers[shown], [""] * len(shown), column=f["company"], problem=problem, total=len(bad)
            )
        without_company = []
    else:
        without_company, decisions.no_company = _rows_left_out(
            empty_company, mapping.rows_without_company, line_numbers
        )
    if without_company:
        keep &= ~empty_company
    decisions.raise_if_any()

    filled = _fill_stage_dates(stage_dates, furthest, dates[f["updated"]] if "updated" in f else None)
    filled &= ~np.isnat(stage_dates[:, 0])  # in an undated log a 'yes' stays undated
    merged: list[tuple[int, list[int]]] = []
    if not rows_are_distinct:
        others = [h for h in raw.columns if h != LINE and h not in table.columns and h not in layout.skipped]
        repeat, merged = _identical_rows(table.assign(**{h: layout.cleaned.get(h, raw[h]) for h in others}), keep)
        keep &= ~repeat
    rows = np.flatnonzero(keep)  # the log is built from the rows kept only: one copy of each column
    company, company_key = _text_and_key(table[f["company"]], rows)
    role, role_key = _text_and_key(table[f["role"]], rows) if "role" in f else ("", np.zeros(len(rows), np.int64))
    channel, channel_key = _channel(table, layout, rows)
    log = pd.DataFrame(
        {
            "company": company,
            "role": role,
            "channel": channel,
            **{stage: stage_dates[rows, i] for i, stage in enumerate(STAGES)},
            "outcome": names.text(outcome[rows]),
            "notes": _notes(table, f, rows),
            LINE: table[LINE].to_numpy()[rows],
        },
        copy=False,  # every array above is new: no second copy of a million rows
    )
    if layout.undated:  # no time in the file: how far each row got is kept as a stage name
        reached = furthest[rows]
        log[REACHED] = np.where(reached >= 0, np.asarray(STAGES, dtype=object)[np.maximum(reached, 0)], STAGES[0])
    words = (
        pd.concat([w for w in words if len(w)], ignore_index=True)
        if any(len(w) for w in words)
        else pd.DataFrame(columns=_WORD_COLUMNS)
    )
    keys = {"company": company_key, "role": role_key, "channel": channel_key}
    return Built(
        log,
        order,
        words,
        int(skip.sum()),
        int((inferred & keep).sum()),
        int((filled & keep).sum()),
        keys,
        merged,
        without_date,
        without_company,
        filled_down,
        filled_from,
    )


def _fill_down(
    values: pd.Series, blank: np.ndarray, line_numbers: np.ndarray
) -> tuple[pd.Series, np.ndarray, list[tuple[int, list[int]]]]:
    """Each empty cell (``blank``) takes the value of the nearest row above that has one
    (pandas' forward fill over row positions, no loop over rows). Returns the values, the
    rows filled (a row with nothing above stays empty) and, for the summary, the first
    groups as (line read from, lines filled)."""
    n = len(values)
    source = pd.Series(np.where(blank, np.nan, np.arange(n, dtype=float))).ffill().to_numpy()
    filled = blank & ~np.isnan(source)
    take = np.where(filled, source, np.arange(n)).astype(np.int64)
    out = values.iloc[take].set_axis(values.index)
    to_lines, from_lines = line_numbers[filled], line_numbers[take[filled]]
    starts = np.flatnonzero(np.r_[True, from_lines[1:] != from_lines[:-1]]) if len(to_lines) else np.zeros(0, int)
    ends = np.r_[starts[1:], len(to_lines)]
    groups = [(int(from_lines[s]), to_lines[s:e].tolist()) for s, e in zip(starts[:FILLED_SHOWN], ends)]
    return out, filled, groups


def _rows_left_out(
    rows: np.ndarray, choice: str | None, line_numbers: np.ndarray
) -> tuple[list[int], UnplacedRows | None]:
    """Rows the log cannot hold as they are (``rows``, a mask): all their lines when the
    mapping's ``choice`` leaves them out, else no lines and what to ask about, or None
    when there are no such rows."""
    if not rows.any():
        return [], None
    picked = line_numbers[rows]
    if choice == LEAVE_OUT:
        return [int(x) for x in picked], None
    return [], UnplacedRows(len(picked), [int(x) for x in picked[:MAX_CELLS]])


def _identical_rows(table: pd.DataFrame, keep: np.ndarray) -> tuple[np.ndarray, list[tuple[int, list[int]]]]:
    """Rows (among ``keep``) identical to an earlier row in every column (all the file's
    columns but those the mapping says to ignore: a city or a link tells two applications
    apart even when it is not copied into the log), and for
    each first row the lines that repeat it. One integer key per row, built column by
    column from the cleaned values' codes (no row-wise Python)."""
    n = len(table)
    key = np.zeros(n, dtype=np.int64)
    bound = 1  # every key is below this
    for column in table.columns:
        if column == LINE:
            continue
        values = table[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes, base = values.cat.codes.to_numpy(), len(values.cat.categories) + 1
        else:
            codes, uniques = distinct(values)
            base = len(uniques) + 1
        if bound * base >= 2**62:  # renumber only when the next product could overflow
            key = pd.factorize(key)[0].astype(np.int64)
            bound = int(key.max(initial=0)) + 1
        key = key * base + codes.astype(np.int64) + 1
        bound *= base
    key = np.where(keep, key, -1 - np.arange(n))  # rows left out never match
    # One hash pass: codes count distinct keys in order of first appearance, so a row
    # repeats an earlier one exactly when its code is not above every code before it.
    codes = pd.factorize(key)[0]
    repeat = np.zeros(n, dtype=bool)
    repeat[1:] = codes[1:] <= np.maximum.accumulate(codes)[:-1]
    if not repeat.any():
        return repeat, []
    lines = table[LINE].to_numpy()
    first_of_code = np.empty(int(codes.max()) + 1, dtype=np.int64)
    first_of_code[codes[::-1]] = np.arange(n)[::-1]  # the last write wins: each code's first row
    first_row = first_of_code[codes]
    groups: dict[int, list[int]] = {}
    for row in np.flatnonzero(repeat)[: MAX_CELLS * 10]:  # listed in the summary: the first ones
        groups.setdefault(int(lines[first_row[row]]), []).append(int(lines[row]))
    return repeat, sorted(groups.items())


def _check_order(
    stage_dates: np.ndarray, keep: np.ndarray, lines: np.ndarray, decisions: Decisions, stages: dict[str, list[str]]
) -> None:
    """Stages dated before an earlier stage of the same row: listed with the other problems
    now (the log's own check would only find them after every question is answered), under
    the file's own header when one column holds the stage (``stages``: stage -> headers),
    with the way out that needs no edit of the file: not reading that column."""
    latest = stage_dates[:, 0].copy()
    for i in range(1, len(STAGES)):
        d = stage_dates[:, i]
        bad = keep & ~np.isnat(d) & ~np.isnat(latest) & (d < latest)
        if bad.any():
            rows = np.flatnonzero(bad)
            headers = stages.get(STAGES[i], [])
            column = headers[0] if len(headers) == 1 else STAGES[i]
            skip = f" (or leave the column out: ignore = [{toml_string(column)}])" if len(headers) == 1 else ""
            decisions.unreadable(
                lines[rows[:MAX_CELLS]],
                d[rows[:MAX_CELLS]].astype("datetime64[D]").astype(str),
                column=column,
                problem=f"the {STAGES[i]} date is before an earlier stage of the same application{skip}",
                total=len(rows),
            )
        latest = np.where(~np.isnat(d) & (np.isnat(latest) | (d > latest)), d, latest)


def _ask_flag_words(layout: Layout, header: str, table: pd.DataFrame, decisions: Decisions) -> frozenset[str]:
    """A yes/no column's words that are neither (a stray 'G') are asked about, not read as
    dates; returns them (their cells stay empty until answered)."""
    found = layout.profiles.get(header)
    if found is None or found.dated > 0 or not found.unknown:  # a column of dates: other words are not dates
        return frozenset()
    lines = table[LINE].to_numpy()
    asked = {word.value for word in decisions.flags}
    for word, rows, first in found.unknown:
        if word not in asked:
            decisions.unknown_flag(word, rows, int(lines[first]), header)
    return frozenset(w for w, *_ in found.unknown)


class _OutcomeNames:
    """Outcome names as small integer codes while rows are decided (choosing between
    integers over a million rows, not between strings); the names are put back once.
    Code 0 is "no outcome named", 1 'active', 2 'unknown': any other name is an ending
    (the status's ending wins over a flag column's)."""

    NONE, ACTIVE, UNKNOWN = 0, 1, 2

    def __init__(self) -> None:
        self.names: list[str] = ["", "active", "unknown"]  # in the order of the codes above

    def code(self, name: str) -> int:
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)

    def codes(self, values: np.ndarray) -> np.ndarray:
        """Each row's outcome name as its code, looked up once per distinct name."""
        found, uniques = pd.factorize(values)
        lookup = np.array([self.code(str(name)) for name in uniques] + [self.NONE], dtype=np.int64)
        return lookup[found]  # a missing value (code -1) takes the last entry: no outcome

    def text(self, codes: np.ndarray) -> np.ndarray:
        return np.asarray(self.names, dtype=object)[codes]


def _flag_outcomes(
    layout: Layout, yes_columns: dict[str, np.ndarray], dates, n: int, names: _OutcomeNames
) -> np.ndarray:
    """Per row, the outcome code an outcome column says yes to (a yes word or a date); NONE for none."""
    out = np.full(n, names.NONE, dtype=np.int64)
    for outcome, headers in layout.outcomes.items():
        for header in headers:
            yes = yes_columns[header] | ~np.isnat(dates[header].to_numpy())
            out[yes] = names.code(outcome)
    return out


def _with_outcome(status, second):
    """The status column's furthest stage, the outcome column's outcome where it names one."""
    stage = np.maximum(status.stage, np.where(second.stage >= 0, second.stage, NONE))
    stage = np.where((status.stage == SKIP) | (second.stage == SKIP), SKIP, stage)
    outcome = np.where(second.outcome != "", second.outcome, status.outcome)
    return type(status)(stage, outcome, status.words)


def _progress(known: np.ndarray, status, status_outcome: np.ndarray, history, n: int, names: _OutcomeNames):
    """The issue's rules for how far each row got and how it ended (``status_outcome``:
    the status's outcome codes, see ``_OutcomeNames``).

    Returns (furthest stage, rows inferred from the status alone, outcome code, rows to
    leave out as never applied to, rows with any status or history)."""
    status_stage = status.stage if status is not None else np.full(n, NONE)
    if history is not None:  # the history gives the stages; the status names the outcome if it can
        furthest = np.maximum(known, np.where(history.stage >= 0, history.stage, NONE))
        inferred = np.zeros(n, dtype=bool)
        outcome = np.where(status_outcome != names.NONE, status_outcome, names.codes(history.outcome))
        skip = (status_stage == SKIP) | ((history.stage == SKIP) & (known <= 0))
        has_status = (status_stage != NONE) | (history.stage != NONE)
    else:  # the current status alone shows how far the row got
        furthest = np.maximum(known, status_stage)
        inferred = status_stage > np.maximum(known, 0)
        outcome = status_outcome.copy()
        skip = status_stage == SKIP
        has_status = status_stage != NONE
    # A status naming only a stage is a live application; with no status at all, nobody knows.
    none_named = np.where(status_stage >= 0, names.ACTIVE, names.UNKNOWN)
    outcome = np.where(outcome != names.NONE, outcome, none_named)
    return furthest, inferred, outcome, skip, has_status


def _order_reason(mapping: Mapping, layout: Layout) -> str:
    if mapping.order:
        return "set in the mapping ([dates] order)"
    return f"{layout.tracker} files always write dates {layout.order}" if layout.order else ""


def _fill_stage_dates(stage_dates: np.ndarray, furthest: np.ndarray, updated: pd.Series | None) -> np.ndarray:
    """Reached stages without a date take the row's latest date, kept at or after the
    stage before and at or before the next dated stage. Returns rows that needed it.
    Works on those rows only (in most logs, most rows stopped at 'applied')."""
    reached = np.arange(len(STAGES))[None, :] <= furthest[:, None]
    filled_any = (reached[:, 1:] & np.isnat(stage_dates[:, 1:])).any(axis=1)
    rows = np.flatnonzero(filled_any)
    if not len(rows):
        return filled_any
    dates = stage_dates[rows]
    latest = dates[:, 0].copy()
    if updated is not None:
        u = updated.to_numpy()[rows]
        latest = np.where(~np.isnat(u) & (np.isnat(latest) | (u > latest)), u, latest)
    was_filled = reached[rows] & np.isnat(dates)
    previous = dates[:, 0].copy()
    for i in range(1, len(STAGES)):
        need = was_filled[:, i]
        candidate = np.where(previous > latest, previous, latest)
        dates[need, i] = candidate[need]
        has = ~np.isnat(dates[:, i])
        previous = np.where(has, dates[:, i], previous)
    for i in range(len(STAGES) - 2, 0, -1):  # not after a later stage's own date
        later = dates[:, i + 1]
        clip = was_filled[:, i] & ~np.isnat(later) & (later < dates[:, i])
        dates[clip, i] = later[clip]
    stage_dates[rows] = dates
    return filled_any


def _channel(table: pd.DataFrame, layout: Layout, rows: np.ndarray) -> tuple[np.ndarray | str, np.ndarray]:
    if "channel" in layout.fields and layout.tracker != LINKEDIN:
        return _text_and_key(table[layout.fields["channel"]], rows, labels=True)
    return ("linkedin" if layout.tracker == LINKEDIN else "unspecified"), np.zeros(len(rows), dtype=np.int64)


def _notes(table: pd.DataFrame, f: dict[str, str], rows: np.ndarray) -> np.ndarray:
    """The notes of ``rows``, with the job's link after them when the file has one."""

    def kept(field: str) -> np.ndarray:
        if field not in f:
            return np.full(len(rows), "", dtype=object)
        return table[f[field]].iloc[rows].to_numpy(dtype=object)  # rows first: a categorical's few values

    notes = kept("notes")
    if "url" not in f:
        return notes
    url = kept("url")
    with_url = np.where(url != "", "Job URL: " + url, "")
    return np.where((notes != "") & (url != ""), notes + " | " + with_url, np.where(notes != "", notes, with_url))
