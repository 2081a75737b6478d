"""The applications log: our template's format, its checks, and merging logs.

Every log careerlib reads (our template, or any file ``careerlib.importers`` knows:
LinkedIn's export, tracker exports, spreadsheets; ``careerlib.load_applications``) ends
as one validated, tidy DataFrame in this format, with a row per application:

============  ==========================================================
company, role text as typed (never shown unescaped)
channel       normalised label ('Referral ' -> 'referral'), never dropped
applied ...   datetime64 per stage (NaT when the stage was not reached)
outcome       active, rejected, withdrawn, ghosted, declined, accepted, or
              unknown (empty cell: LinkedIn rows, or not filled in yet)
notes         free text
line          the row's line in the source file (for messages)
============  ==========================================================

Contact e-mails, phone numbers, résumé file names and screening answers are never read
into the table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.io import (
    LINE,
    distinct,
    fail_first,
    folded_codes,
    normalise_labels,
    original_formulas,
    parse_dates,
    strip_text,
)

STAGES = ("applied", "screen", "interview", "offer", "accepted")
OUTCOMES = ("active", "rejected", "withdrawn", "ghosted", "declined", "accepted")
UNKNOWN_OUTCOME = "unknown"
COLUMNS = ("company", "role", "channel", *STAGES, "outcome", "notes")
REQUIRED = ("company", "channel", "applied", "outcome")
REACHED = "reached"  # an undated log only: the furthest stage each application reached (no dates to show it)


def is_template(headers) -> bool:
    """The file is our template: its headers are template columns, the required ones present."""
    return set(REQUIRED) <= set(headers) <= set(COLUMNS)


def empty_log() -> pd.DataFrame:
    """A log with no applications, with the right columns and types."""
    table = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    for stage in STAGES:
        table[stage] = pd.Series(dtype="datetime64[ns]")
    table[LINE] = pd.Series(dtype=np.int64)
    return table


# --------------------------------------------------------------------------- validation
def validate_template(raw: pd.DataFrame, shown: str) -> pd.DataFrame:
    """The template's text cells (with a ``line`` column) as the validated log (cells
    careerlib quoted against spreadsheet formulas read as typed)."""
    raw = original_formulas(raw, ("company", "role", "channel", "notes"))
    table = pd.DataFrame(index=raw.index)
    keys = {}  # case-folded codes for the duplicate check, from the same single pass over each column
    empty = {}
    for column in ("company", "role"):
        if column in raw.columns:
            table[column], keys[column], empty[column] = _stripped_and_folded(raw[column])
        else:
            table[column], keys[column] = "", np.zeros(len(raw), dtype=np.int64)
    table["notes"] = strip_text(raw["notes"]) if "notes" in raw.columns else ""
    fail_first(raw, empty["company"], file=shown, column="company", problem="company is empty")
    codes, uniques = distinct(raw["channel"])
    labels = normalise_labels(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
    table["channel"] = pd.Series(labels.to_numpy(dtype=object)[codes], index=raw.index, dtype=object)
    keys["channel"] = pd.factorize(labels)[0][codes]

    for stage in STAGES:
        if stage in raw.columns:
            table[stage] = parse_dates(raw, stage, file=shown)
        else:
            table[stage] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")

    codes, uniques = distinct(raw["outcome"])  # checked once per distinct word
    outcomes = normalise_labels(pd.Series(np.asarray(uniques, dtype=object), dtype=object), empty=UNKNOWN_OUTCOME)
    table["outcome"] = pd.Series(outcomes.to_numpy(dtype=object)[codes], index=raw.index, dtype=object)
    fail_first(
        raw,
        ~outcomes.isin((*OUTCOMES, UNKNOWN_OUTCOME)).to_numpy()[codes],
        file=shown,
        column="outcome",
        problem=f"unknown outcome; use one of {', '.join(OUTCOMES)} (or leave it empty)",
    )
    table[LINE] = raw[LINE].to_numpy()
    _check_stages(table, raw, shown)
    _check_duplicates(table, shown, keys)
    return table[[*COLUMNS, LINE]]


def _stripped_and_folded(values: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Stripped text, case-folded integer codes and an is-empty mask, from one
    factorisation of the column."""
    codes, uniques = distinct(values)
    stripped = uniques.str.strip()
    folded = pd.factorize(stripped.str.casefold())[0]
    empty = np.asarray(stripped == "", dtype=bool)
    if not len(codes):
        return pd.Series([], index=values.index, dtype=object), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    return (
        pd.Series(np.asarray(stripped, dtype=object)[codes], index=values.index, dtype=object),
        folded[codes],
        empty[codes],
    )


def checked(
    table: pd.DataFrame,
    shown: str,
    keys: dict[str, np.ndarray] | None = None,
    *,
    undated: bool = False,
    refuse_duplicates: bool = True,
) -> pd.DataFrame:
    """A log built by an importer, put through the template's checks (stage order, offers,
    duplicates), so every source meets the same rules. ``keys``: see ``_check_duplicates``.
    ``undated``: the file has no date at all; the date checks do not apply, and the
    furthest stage each row reached is kept in the ``reached`` column.
    ``refuse_duplicates=False``: the importer already merged rows identical in every
    column it read; rows differing in any of them are separate applications."""
    if not undated:
        _check_stages(table, table, shown)
    if refuse_duplicates:
        _check_duplicates(table, shown, keys)
    extra = [REACHED] if REACHED in table.columns else []
    return table[[*COLUMNS, LINE, *extra]].reset_index(drop=True)


def outcome_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Rows per outcome, in the import summary's status-table shape."""
    counts = table["outcome"].value_counts(sort=False)
    return pd.DataFrame(
        {
            "value": counts.index.astype(str),
            "rows": counts.to_numpy(),
            "stage": "as dated",
            "outcome": counts.index.astype(str),
            "source": "template",
            "column": "outcome",
        }
    )


def _check_stages(table: pd.DataFrame, raw: pd.DataFrame, shown: str) -> None:
    """Stages must follow one another in time, and a later stage needs an application.

    A stage may be skipped (a referral can go straight to interview): the
    application then counts as having passed it. Each date is compared with the
    latest earlier stage that has one."""
    applied_missing = table["applied"].isna()
    for stage in STAGES[1:]:
        fail_first(
            raw,
            applied_missing & table[stage].notna(),
            file=shown,
            column="applied",
            value_column=stage,
            problem=f"the {stage} stage is dated but 'applied' is empty; every stage needs the application date first",
        )
    fail_first(
        raw,
        applied_missing,
        file=shown,
        column="applied",
        problem="'applied' is empty; every row is an application and needs the date it was sent",
    )
    latest = table["applied"]
    latest_name = pd.Series("applied", index=table.index)
    for stage in STAGES[1:]:
        fail_first(
            raw,
            table[stage] < latest,
            file=shown,
            column=stage,
            problem=f"{stage} is dated before an earlier stage of the same application",
        )
        has = table[stage].notna()
        latest = latest.where(~has, table[stage])
        latest_name = latest_name.where(~has, stage)

    needs_offer = table["outcome"].isin(("accepted", "declined")) | table["accepted"].notna()
    fail_first(
        raw,
        needs_offer & table["offer"].isna(),
        file=shown,
        column="offer",
        value_column="outcome",
        problem="an offer was accepted or declined but the 'offer' date is empty",
    )


def _check_duplicates(table: pd.DataFrame, shown: str, keys: dict[str, np.ndarray] | None = None) -> None:
    """Same company, role (case ignored), channel and applied date twice: name both lines.
    ``keys``: the case-folded codes of company, role and channel when the caller has them."""
    keys = keys or {
        "company": folded_codes(table["company"]),
        "role": folded_codes(table["role"]),
        "channel": pd.factorize(table["channel"])[0],
    }
    # company x role x channel as one integer: each code is below the row count n, so no product overflows
    n = len(table) + 1
    pair = pd.factorize(keys["company"].astype(np.int64) * n + keys["role"])[0].astype(np.int64)
    who = pd.factorize(pair * n + keys["channel"])[0].astype(np.int64)
    day = pd.factorize(table["applied"].to_numpy(dtype="datetime64[ns]").view(np.int64))[0].astype(np.int64)
    folded = pd.Series(who * n + day)  # both codes are below n: one integer key per application
    repeated = folded.duplicated(keep="first").to_numpy()
    if repeated.any():
        row = int(np.argmax(repeated))
        first = folded.iloc[: row + 1].duplicated(keep="last").to_numpy()
        original = int(table[LINE].iloc[int(np.argmax(first))])
        raise DataError(
            f"duplicate application: same company, role, channel and date as line {original}. "
            "Delete one of the two rows (or correct the date if they are different applications)",
            file=shown,
            line=int(table[LINE].iloc[row]),
            column="company",
            value=table["company"].iloc[row],
        )


def to_template(table: pd.DataFrame) -> pd.DataFrame:
    """A loaded log back in the template's text form (dates as YYYY-MM-DD)."""
    out = table[list(COLUMNS)].copy()
    for stage in STAGES:
        out[stage] = out[stage].dt.strftime("%Y-%m-%d").fillna("")
    out["outcome"] = out["outcome"].replace(UNKNOWN_OUTCOME, "")
    return out


def merge_logs(existing: pd.DataFrame, incoming: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """``existing`` with the applications of ``incoming`` it does not hold yet (same
    company, role and applied date, any channel, case ignored). Rows already there are
    kept as they are, with whatever later stages the user filled in. Two applications
    with the same key (same day, same company and title, another city) are both kept:
    the k-th incoming row of a key is new when ``existing`` holds fewer than k, so
    importing the same file again adds nothing. Returns the merged log and the mask of
    incoming rows that were new."""

    def key(t: pd.DataFrame) -> pd.Series:
        day = t["applied"].dt.strftime("%Y-%m-%d").fillna("")  # an undated log: every key has no day
        plain = t["company"].str.lower() + "\x1f" + t["role"].str.lower() + "\x1f" + day
        return plain + "\x1f" + plain.groupby(plain).cumcount().astype(str)

    fresh = (~key(incoming).isin(set(key(existing)))).to_numpy()
    merged = pd.concat([existing, incoming.loc[fresh]], ignore_index=True)
    return merged, fresh
