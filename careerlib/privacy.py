"""Share mode: reports that can be sent to a coach or partner without leaking names.

Names (companies, employers, people) become stable pseudonyms: the same input
always gives the same "Company C", whatever the order of the rows. Free text
(notes, URLs) is removed, never shortened.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pandas as pd

from careerlib import paths
from careerlib.errors import WITHHELD, DataError
from careerlib.io import atomic_write_text, normalise_labels, read_csv_table

SHARE_NOTE = "Anonymised for sharing: names are replaced by pseudonyms and notes are left out."


def letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (spreadsheet-style)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def pseudonyms(values: pd.Series, prefix: str = "Company", style: str = "letters") -> pd.Series:
    """Each distinct value -> ``f"{prefix} {label}"``, numbered in sorted order of the
    case-folded values so the mapping does not depend on row order."""
    folded = values.astype(str).str.strip().str.casefold()
    distinct = np.sort(folded.unique())
    labels = [letters(i) if style == "letters" else str(i + 1) for i in range(distinct.size)]
    mapping = dict(zip(distinct, (f"{prefix} {label}" for label in labels)))
    return folded.map(mapping).astype(object)


def share_applications(apps: pd.DataFrame, share: bool = True) -> pd.DataFrame:
    """The applications log with company and role pseudonymised and notes removed
    (unchanged when ``share`` is false, so a notebook needs no branch)."""
    if not share:
        return apps
    return apps.assign(
        company=pseudonyms(apps["company"], "Company"),
        role=pseudonyms(apps["role"], "Role", style="numbers"),
        channel=share_channels(apps["channel"]),
        notes="",
    )


# --------------------------------------------------------------------------- channels
@functools.lru_cache(maxsize=1)
def known_channels() -> frozenset[str]:
    """The channel words that name no one (``data/importers/channels.csv``), lower-case."""
    table = read_csv_table(paths.KNOWN_CHANNELS, required=("channel", "source"))
    return frozenset(normalise_labels(table["channel"]))


def share_channels(channels: pd.Series) -> pd.Series:
    """Channels as shown to others: a known channel word (``referral``, ``job board``, ...)
    stays; any other (``referral from Dana Smith``) becomes ``channel 1``, ``channel 2``, ...,
    numbered in sorted order of the words, so the same log gives the same labels."""
    labels = normalise_labels(channels)
    unknown = ~labels.isin(known_channels())
    if not unknown.any():
        return labels
    shown = labels.copy()
    shown.loc[unknown] = pseudonyms(labels.loc[unknown], prefix="channel", style="numbers")
    return shown


# --------------------------------------------------------------------------- how a file was read
def share_import_summary(summary, share: bool = True):
    """The importer's summary (``careerlib.importers.ImportSummary``) as shown to others: the
    file's name without its folder, and no sheet name (unchanged when ``share`` is false)."""
    if not share:
        return summary
    return dataclasses.replace(
        summary, source=Path(summary.source).name, read_as=re.sub(r", sheet .*", "", summary.read_as)
    )


def shown_path(path: str | os.PathLike, share: bool = True) -> str:
    """A path as a shared report shows it: the file's name without its folders (which may
    hold the home folder's name); the path itself when not sharing."""
    return Path(path).name if share else str(path)


# --------------------------------------------------------------------------- errors and notebooks
def shared_error(error: DataError) -> str:
    """A DataError as a shared report records it (see :meth:`DataError.shared_message`)."""
    return error.shared_message()


def shared_failure(ename: str, evalue: str) -> str:
    """The text of a report's error in share mode: a DataError's message is already the
    shared one (see :func:`careerlib.notebook.share_banner`); any other error keeps its kind only."""
    return evalue if ename == "DataError" else WITHHELD


def redact_notebook(path: str | os.PathLike, parameters: dict[str, Any]) -> None:
    """In share mode (``parameters["share"]``), rewrite the executed notebook at ``path`` so it
    carries no private parameter: the cell papermill injected says the values were withheld,
    papermill's record of the parameters keeps only ``share``, its input and output paths
    keep only their file names, and an error shows its kind and shared message only.
    Nothing changes when not sharing."""
    if not parameters.get("share"):
        return
    notebook = nbformat.read(str(path), as_version=4)
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = "# Parameters\n# (values withheld: this report was run in share mode)\nshare = True\n"
            cell.outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["evalue"] = shared_failure(output.get("ename", ""), output.get("evalue", ""))
                output["traceback"] = [f"{output.get('ename', 'Error')}: {output['evalue']}"]
    record = notebook.metadata.get("papermill", {})
    if "parameters" in record:
        record["parameters"] = {"share": True}
    for key in ("input_path", "output_path"):
        if record.get(key):
            record[key] = Path(str(record[key])).name
    atomic_write_text(path, nbformat.writes(notebook))


PEER_PREFIX = "peer:"  # a 360 respondent is 'peer:<name>'


def share_status_table(table: pd.DataFrame, share: bool = True) -> pd.DataFrame:
    """The importer's status table with each status word as 'status 1', 'status 2' ... in
    share mode (a status may carry a name: 'Rejected by Dana'); unchanged otherwise."""
    if not share or table.empty:
        return table
    return table.assign(value=pseudonyms(table["value"].astype(str), prefix="status", style="numbers"))


def share_respondents(frame: pd.DataFrame, share: bool = True, column: str = "respondent") -> pd.DataFrame:
    """In share mode, ``peer:Alex`` -> ``peer 1``, ``peer:Sam`` -> ``peer 2`` (numbered
    in sorted order of the names, so the same file always gives the same labels);
    ``self`` and ``manager`` stay. Unchanged when ``share`` is false."""
    if not share or frame.empty:
        return frame
    values = frame[column].astype(str)
    peer = values.str.startswith(PEER_PREFIX)
    renamed = values.copy()
    renamed.loc[peer] = pseudonyms(values.loc[peer].str[len(PEER_PREFIX) :], prefix="peer", style="numbers")
    return frame.assign(**{column: renamed})


def share_career(career: pd.DataFrame, share: bool = True) -> pd.DataFrame:
    """Employers become 'Employer A', 'Employer B' ... (stable whatever the row
    order) and titles 'Level N role' ('Role' when the level is empty); unchanged
    when ``share`` is false."""
    if not share:
        return career
    level = career["level"].map("Level {:g} role".format, na_action="ignore")
    return career.assign(
        employer=pseudonyms(career["employer"], "Employer"),
        title=level.astype(object).fillna("Role"),
    )


# --------------------------------------------------------------------------- offers
@dataclass(frozen=True)
class SharedOffers:
    """Offers ready for a report: names pseudonymised in share mode and, when amounts
    are hidden, every amount scaled so the largest base is 1,000 (comparisons, shares and
    chances are unchanged; the money is not recoverable). Multiply any other amount
    (current pay, a target) by ``scale``; show amounts with ``currency``."""

    offers: list
    scale: float
    currency: str
    amounts: str  # "money" or "index"

    @property
    def note(self) -> str:
        """What the share banner says: names replaced, and amounts hidden if they are."""
        return SHARE_NOTE + (" " + AMOUNTS_NOTE if self.amounts == "index" else "")


MONEY_FIELDS = ("base", "bonus_amount", "sign_on", "equity_grant", "equity_refresh", "benefits_value", "commute_cost")
AMOUNTS_NOTE = "Amounts are hidden: every amount is an index on which the largest base salary is 1,000."


def share_offers(offers: list, share: bool = True, share_amounts: bool = True) -> SharedOffers:
    """Offers (from ``careerlib.offers.load_offers``) with companies as "Company A" ...
    and roles as "Role 1" ... in share mode; amounts indexed when ``share_amounts`` is
    false (unchanged when ``share`` is false, so a notebook needs no branch)."""
    if not share:
        return SharedOffers(list(offers), 1.0, "$", "money")
    companies = pseudonyms(pd.Series([o.company for o in offers], dtype=object), "Company")
    roles = pseudonyms(pd.Series([o.role for o in offers], dtype=object), "Role", style="numbers")
    scale = 1.0 if share_amounts else 1000.0 / max(o.base for o in offers)
    renamed = [
        dataclasses.replace(o, company=c, role=r, **{f: getattr(o, f) * scale for f in MONEY_FIELDS})
        for o, c, r in zip(offers, companies, roles)  # a few offers
    ]
    return SharedOffers(renamed, scale, "$" if share_amounts else "", "money" if share_amounts else "index")
