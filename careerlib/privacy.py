"""Share mode: reports that can be sent to a coach or partner without leaking names.

Names (companies, employers, people) become stable pseudonyms: the same input
always gives the same "Company C", whatever the order of the rows. Free text
(notes, URLs) is removed, never shortened.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
        notes="",
    )


PEER_PREFIX = "peer:"  # a 360 respondent is 'peer:<name>'


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
