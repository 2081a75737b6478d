"""The applications log: our CSV format and LinkedIn's "Job Applications.csv" export.

``load_applications`` detects which of the two a file is and returns one validated,
tidy DataFrame with a row per application:

============  ==========================================================
company, role text as typed (never shown unescaped)
channel       normalised label ('Referral ' -> 'referral'), never dropped
applied ...   datetime64 per stage (NaT when the stage was not reached)
outcome       active, rejected, withdrawn, ghosted, declined, accepted, or
              unknown (empty cell: LinkedIn rows, or not filled in yet)
notes         free text
line          the row's line in the source file (for messages)
============  ==========================================================

LinkedIn's contact e-mail and phone columns are never read into the table.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.io import (
    LINE, fail_first, folded_codes, normalise_labels, parse_dates, read_csv_table, require_columns, strip_text, write_csv,
)

STAGES = ("applied", "screen", "interview", "offer", "accepted")
OUTCOMES = ("active", "rejected", "withdrawn", "ghosted", "declined", "accepted")
UNKNOWN_OUTCOME = "unknown"
COLUMNS = ("company", "role", "channel", *STAGES, "outcome", "notes")
REQUIRED = ("company", "channel", "applied", "outcome")

LINKEDIN_COLUMNS = (
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
)
LINKEDIN_DATE_FORMAT = "%m/%d/%y, %I:%M %p"  # e.g. "1/15/24, 10:21 AM"
LINKEDIN_CHANNEL = "linkedin"
_HEADER_ALIASES = {name: name.strip().lower() for name in COLUMNS}  # 'Company' -> 'company'


def load_applications(path: str | os.PathLike) -> pd.DataFrame:
    """Read an applications log (ours or LinkedIn's export) into a validated table.

    Raises :class:`careerlib.DataError` naming file, line, column and value for any
    problem; never drops a row silently.
    """
    shown = str(path)
    raw = read_csv_table(path, shown_as=shown, header_aliases=_HEADER_ALIASES)
    if is_linkedin_export(raw.columns):
        return _from_linkedin(raw, shown)
    require_columns(raw.columns, REQUIRED, file=shown,
                    expected=f"the careerlib template ({', '.join(COLUMNS)}) or LinkedIn's 'Job Applications.csv' export")
    return _validate(raw, shown)


def is_linkedin_export(columns) -> bool:
    return {"Application Date", "Company Name"} <= set(columns)


def empty_log() -> pd.DataFrame:
    """A log with no applications, with the right columns and types."""
    table = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    for stage in STAGES:
        table[stage] = pd.Series(dtype="datetime64[ns]")
    table[LINE] = pd.Series(dtype=np.int64)
    return table


# --------------------------------------------------------------------------- validation
def _validate(raw: pd.DataFrame, shown: str) -> pd.DataFrame:
    table = pd.DataFrame(index=raw.index)
    for column in ("company", "role", "notes"):
        table[column] = strip_text(raw[column]) if column in raw.columns else ""
    fail_first(raw, table["company"] == "", file=shown, column="company", problem="company is empty")
    table["channel"] = normalise_labels(raw["channel"])

    for stage in STAGES:
        if stage in raw.columns:
            table[stage] = parse_dates(raw, stage, file=shown)
        else:
            table[stage] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")

    table["outcome"] = normalise_labels(raw["outcome"], empty=UNKNOWN_OUTCOME)
    fail_first(
        raw,
        ~table["outcome"].isin((*OUTCOMES, UNKNOWN_OUTCOME)),
        file=shown,
        column="outcome",
        problem=f"unknown outcome; use one of {', '.join(OUTCOMES)} (or leave it empty)",
    )
    table[LINE] = raw[LINE].to_numpy()
    _check_stages(table, raw, shown)
    _check_duplicates(table, shown)
    return table[[*COLUMNS, LINE]]


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
        raw, applied_missing, file=shown, column="applied",
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


def _check_duplicates(table: pd.DataFrame, shown: str) -> None:
    folded = pd.DataFrame(
        {
            "company": folded_codes(table["company"]),
            "role": folded_codes(table["role"]),
            "channel": pd.factorize(table["channel"])[0],
            "applied": table["applied"].to_numpy(dtype="datetime64[ns]").view(np.int64),
        }
    )
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


# --------------------------------------------------------------------------- LinkedIn
def _from_linkedin(raw: pd.DataFrame, shown: str) -> pd.DataFrame:
    """LinkedIn rows are applications with no later stage and no known outcome.
    Contact e-mail and phone are not copied: they are private and not needed."""
    for column in ("Application Date", "Company Name"):
        fail_first(raw, raw[column].str.strip() == "", file=shown, column=column, problem=f"{column} is empty")
    applied = parse_dates(
        raw, "Application Date", file=shown, fmt=LINKEDIN_DATE_FORMAT, hint="LinkedIn's 'M/D/YY, H:MM AM' format"
    ).dt.normalize()
    url = raw["Job Url"].str.strip() if "Job Url" in raw.columns else pd.Series("", index=raw.index)
    table = pd.DataFrame(
        {
            "company": raw["Company Name"].str.strip(),
            "role": raw["Job Title"].str.strip() if "Job Title" in raw.columns else "",
            "channel": LINKEDIN_CHANNEL,
            "applied": applied,
            **{stage: pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]") for stage in STAGES[1:]},
            "outcome": UNKNOWN_OUTCOME,
            "notes": url.where(url == "", "Job URL: " + url),
            LINE: raw[LINE].to_numpy(),
        },
        index=raw.index,
    )
    _check_duplicates(table, shown)
    return table[[*COLUMNS, LINE]]


def to_template(table: pd.DataFrame) -> pd.DataFrame:
    """A loaded log back in the template's text form (dates as YYYY-MM-DD)."""
    out = table[list(COLUMNS)].copy()
    for stage in STAGES:
        out[stage] = out[stage].dt.strftime("%Y-%m-%d").fillna("")
    out["outcome"] = out["outcome"].replace(UNKNOWN_OUTCOME, "")
    return out


def import_linkedin(export_path: str | os.PathLike, log_path: str | os.PathLike) -> tuple[int, int]:
    """Convert LinkedIn's export into the template at ``log_path``, merging into an
    existing log: rows already there (same company, role and applied date, any
    channel) are kept as they are, with any later stages the user filled in.

    Returns ``(added, already_present)``. The write is atomic."""
    raw = read_csv_table(export_path, header_aliases=_HEADER_ALIASES)
    if not is_linkedin_export(raw.columns):
        raise DataError(
            "this is not LinkedIn's 'Job Applications.csv' export (no 'Application Date' and 'Company Name' columns)",
            file=str(export_path),
            line=1,
        )
    incoming = _from_linkedin(raw, str(export_path))
    log_path = Path(log_path)
    existing = load_applications(log_path) if log_path.exists() else empty_log()

    def key(t: pd.DataFrame) -> pd.Series:
        return t["company"].str.lower() + "\x1f" + t["role"].str.lower() + "\x1f" + t["applied"].dt.strftime("%Y-%m-%d")

    fresh = ~key(incoming).isin(set(key(existing)))
    merged = pd.concat([existing, incoming.loc[fresh]], ignore_index=True)
    write_csv(to_template(merged), log_path)
    return int(fresh.sum()), int((~fresh).sum())
