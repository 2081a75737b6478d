"""Self-assessment inputs: questionnaires ("instruments") and the responses file.

An instrument is checked as strictly as a CSV, because a typo in a dimension id
would otherwise silently drop an item from every score; the responses file is checked
line by line against its instruments. Every fault is a :class:`careerlib.DataError`
naming the file, the line or key path, and the value.

Instrument ids are names, not paths: lower-case letters, digits and ``_``, at most
:data:`ID_MAX` characters. Anything else in a responses file is reported on its line
(a 5,000-character "id" must not reach the file system).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from careerlib import paths, settings
from careerlib.errors import DataError
from careerlib.io import (
    LINE,
    fail_first,
    folded_codes,
    original_formulas,
    parse_dates,
    project_root,
    read_csv_table,
    resolve_path,
)
from careerlib.privacy import PEER_PREFIX

INSTRUMENT_DIR = paths.INSTRUMENTS
SETTINGS_PATH = paths.ASSESSMENT_SETTINGS
COLUMNS = ["date", "respondent", "instrument", "item", "score"]
SELF = "self"
ID_MAX = 64  # an id is a short name; a longer one is a pasted value, not an instrument
ID_PATTERN = rf"[a-z][a-z0-9_]{{0,{ID_MAX - 1}}}"
_ID = re.compile(rf"^{ID_PATTERN}$")
_RESPONDENT = r"(?i)^\s*(self|manager|peer:\s*\S.*?)\s*$"
MAX_ACTIONS = 3  # next actions per dimension: a short list someone will act on

_ID_SPEC = settings.Text(
    pattern=ID_PATTERN, pattern_hint="use lower-case letters, digits and _ (starting with a letter)"
)
_TEXT = settings.Text(numbers_ok=True)
_OPTIONAL_TEXT = settings.Anything(default="")  # free text; an empty YAML value (None) is ""
INSTRUMENT_FILE = settings.Table(
    {
        "id": _ID_SPEC,
        "title": _TEXT,
        "version": _TEXT,
        "source": _TEXT,
        "description": _OPTIONAL_TEXT,
        "scale": settings.Table(
            {"min": settings.Number(), "max": settings.Number(), "labels": settings.Anything(default=None)},
            rules=[
                settings.Rule(
                    "max", lambda s: s["max"] > s["min"], lambda s: f"must be greater than scale.min ({s['min']:g})"
                )
            ],
        ),
        "dimensions": settings.ListOf(
            settings.Table(
                {
                    "id": _ID_SPEC,
                    "title": _TEXT,
                    "description": _OPTIONAL_TEXT,
                    "actions": settings.ListOf(_TEXT, min_items=1, max_items=MAX_ACTIONS, single=True),
                }
            ),
            min_items=1,
        ),
        "items": settings.ListOf(
            settings.Table(
                {
                    "id": _ID_SPEC,
                    "text": _TEXT,
                    "dimension": _TEXT,
                    "reverse": settings.Flag(default=False),
                    "weight": settings.Number(above=0, default=1.0),
                }
            ),
            min_items=1,
        ),
    }
)
SETTINGS_FILE = settings.Table(
    {
        "version": settings.Text(numbers_ok=True),
        "scoring": settings.Table({"min_answered_share": settings.Number(above=0, maximum=1)}),
        "reliability": settings.Table(
            {
                "min_complete": settings.Number(minimum=2, integer=True),
                "min_items": settings.Number(minimum=2, integer=True),
            }
        ),
    }
)


# --------------------------------------------------------------------------- instruments
# --------------------------------------------------------------------------- instruments
@dataclass(frozen=True)
class Instrument:
    """A validated questionnaire. ``dimensions`` has columns ``dimension, title,
    actions`` (a list of next steps); ``items`` has ``item, text, dimension,
    reverse, weight``, both in the order of the file."""

    id: str
    title: str
    version: str
    scale_min: float
    scale_max: float
    labels: dict
    dimensions: pd.DataFrame = field(repr=False)
    items: pd.DataFrame = field(repr=False)
    source: str = ""
    description: str = ""
    path: Path | None = None
    rules: dict = field(default_factory=dict, repr=False, compare=False)  # data/assessment/settings.yaml

    @property
    def min_answered_share(self) -> float:
        """The share of a dimension's items that must be answered for it to get a score."""
        return float(self.rules["scoring"]["min_answered_share"])

    def label(self, value) -> str:
        """The scale label of a point ('' when the point has none; 3.5 is not point 3)."""
        if value is None or value != value:
            return ""
        if value in self.labels:
            return str(self.labels[value])
        try:
            whole = float(value).is_integer()
        except (TypeError, ValueError):
            return ""
        return str(self.labels.get(int(value), "")) if whole else ""

    @property
    def points(self) -> list[int]:
        """The whole-number points of the scale, low to high (what a form offers)."""
        return list(range(int(math.ceil(self.scale_min)), int(math.floor(self.scale_max)) + 1))

    def dimension_titles(self) -> dict[str, str]:
        return dict(zip(self.dimensions["dimension"], self.dimensions["title"]))


def load_settings(path: str | os.PathLike = SETTINGS_PATH) -> dict:
    """The scoring minimums (``data/assessment/settings.yaml``)."""
    return settings.load(resolve_path(path), SETTINGS_FILE, shown_as=str(path))


def instrument_path(path_or_id: str | os.PathLike) -> Path:
    """``"promotion_readiness"`` -> ``data/instruments/promotion_readiness.yaml``
    (from the project root); anything else (a suffix, a slash) is a path."""
    text = str(path_or_id)
    if _ID.match(text):
        return resolve_path(paths.instrument(text))
    return resolve_path(path_or_id)


def load_instrument(path_or_id: str | os.PathLike | Instrument, rules: dict | None = None) -> Instrument:
    """Read and check an instrument; DataError naming file and key path on any fault.

    The instrument carries the scoring minimums ``rules`` (:func:`load_settings`,
    read here when not given), so every function scoring with it uses the same ones.
    An :class:`Instrument` is returned as it is."""
    if isinstance(path_or_id, Instrument):
        return path_or_id
    full = instrument_path(path_or_id)
    shown = _as_written(full)
    raw = settings.check(settings.read(full, shown_as=shown), INSTRUMENT_FILE, file=shown)
    return _build_instrument(raw, shown, full, load_settings() if rules is None else rules)


def _as_written(full: Path) -> str:
    """A path as the user would write it: relative to the project root when inside it."""
    try:
        return str(full.relative_to(project_root()))
    except ValueError:
        return str(full)


def _fault(shown: str, key: str, problem: str, value: Any = None) -> DataError:
    err = DataError(problem, file=shown, column=key, value=value)
    err.key = key  # as careerlib.settings does
    return err


def _first_duplicate(values: pd.Series) -> int | None:
    duplicated = values.duplicated().to_numpy()
    return int(np.argmax(duplicated)) if duplicated.any() else None


def _build_instrument(raw: dict, shown: str, full: Path, rules: dict) -> Instrument:
    """The checks a schema cannot express: ids unique, items pointing at dimensions, labels on the scale."""
    low, high = float(raw["scale"]["min"]), float(raw["scale"]["max"])
    labels = _labels(raw["scale"]["labels"], low, high, shown)
    dims = pd.DataFrame(
        {
            "dimension": [d["id"] for d in raw["dimensions"]],
            "title": [d["title"] for d in raw["dimensions"]],
            "actions": [d["actions"] for d in raw["dimensions"]],
            "description": [str(d["description"] or "").strip() for d in raw["dimensions"]],
        }
    )
    i = _first_duplicate(dims["dimension"])
    if i is not None:
        raise _fault(shown, f"dimensions[{i}].id", "this dimension id is used twice", value=dims["dimension"][i])
    known = set(dims["dimension"])
    for i, item in enumerate(raw["items"]):  # a few dozen items at most
        if item["dimension"] not in known:
            raise _fault(
                shown,
                f"items[{i}].dimension",
                f"no dimension has this id{settings.did_you_mean(item['dimension'], sorted(known))}",
                value=item["dimension"],
            )
    table = pd.DataFrame(
        {
            "item": [item["id"] for item in raw["items"]],
            "text": [item["text"] for item in raw["items"]],
            "dimension": [item["dimension"] for item in raw["items"]],
            "reverse": [item["reverse"] for item in raw["items"]],
            "weight": [float(item["weight"]) for item in raw["items"]],
        }
    )
    i = _first_duplicate(table["item"])
    if i is not None:
        raise _fault(shown, f"items[{i}].id", "this item id is used twice", value=table["item"][i])
    empty = sorted(known - set(table["dimension"]))
    if empty:
        i = int(dims.index[dims["dimension"] == empty[0]][0])
        raise _fault(shown, f"dimensions[{i}].id", "no item belongs to this dimension", value=empty[0])
    return Instrument(
        id=raw["id"],
        title=raw["title"],
        version=raw["version"],
        scale_min=low,
        scale_max=high,
        labels=labels,
        dimensions=dims,
        items=table.astype({"reverse": bool, "weight": float}),
        source=raw["source"],
        description=str(raw["description"] or "").strip(),
        path=full,
        rules=rules,
    )


def _labels(labels: Any, low: float, high: float, shown: str) -> dict:
    """Scale labels as {point: label}; a list names the points from ``min`` upwards."""
    if labels is None:
        return {}
    if isinstance(labels, list):
        if len(labels) != int(high - low) + 1:
            raise _fault(shown, "scale.labels", f"a list needs one label per point ({int(high - low) + 1})")
        labels = {int(low) + i: label for i, label in enumerate(labels)}
    if not isinstance(labels, dict):
        raise _fault(shown, "scale.labels", "expected a list or a mapping of point: label")
    out = {}
    for point, label in labels.items():
        value = settings.check(point, settings.Number(), file=shown, path=f"scale.labels.{point}")
        if not low <= value <= high:
            raise _fault(shown, f"scale.labels.{point}", f"outside the scale {low:g} to {high:g}", value=point)
        out[int(value) if float(value).is_integer() else value] = settings.check(
            label, _TEXT, file=shown, path=f"scale.labels.{point}"
        )
    return out


def _instrument_map(instruments) -> dict[str, Instrument] | None:
    if instruments is None:
        return None
    if isinstance(instruments, (Instrument, str, os.PathLike)):
        instruments = [instruments]
    if isinstance(instruments, Mapping):
        instruments = list(instruments.values())
    loaded = [load_instrument(i) for i in instruments]
    return {i.id: i for i in loaded}


# --------------------------------------------------------------------------- responses
def load_responses(path: str | os.PathLike, instruments=None) -> pd.DataFrame:
    """The responses file as a tidy table ``date, respondent, instrument, item, score, line``.

    Every line is checked against its instrument (loaded by id from the
    ``instrument`` column unless ``instruments`` is given): the first bad line
    raises a DataError with file, line, column and value. A header-only file gives
    an empty table."""
    shown = str(path)
    table = original_formulas(read_csv_table(path, required=COLUMNS, shown_as=shown))  # as typed, not as quoted
    return validate_lines(table, shown, _instrument_map(instruments))


def empty_responses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.Series(dtype="datetime64[ns]"),
            "respondent": pd.Series(dtype=object),
            "instrument": pd.Series(dtype=object),
            "item": pd.Series(dtype=object),
            "score": pd.Series(dtype=float),
            LINE: pd.Series(dtype=np.int64),
        }
    )


def validate_lines(table: pd.DataFrame, shown: str, instruments: dict[str, Instrument] | None) -> pd.DataFrame:
    """Vectorised checks of a string table (with ``line``) against instruments."""
    text = {c: table[c].fillna("").astype(str).str.strip() for c in COLUMNS}
    work = pd.DataFrame(text).assign(**{LINE: table[LINE].to_numpy()})
    if work.empty:
        return empty_responses()

    fail_first(work, work["date"] == "", file=shown, column="date", problem="the date is empty (use YYYY-MM-DD)")
    dates = parse_dates(work, "date", file=shown)

    respondent = normalise_respondents(work["respondent"])
    fail_first(
        work,
        respondent.isna(),
        file=shown,
        column="respondent",
        problem="respondent must be 'self', 'manager' or 'peer:<name>'",
    )

    instrument_id = work["instrument"]
    if instruments is None:
        instruments = _instruments_named(work, shown)
    fail_first(
        work,
        ~instrument_id.isin(list(instruments)),
        file=shown,
        column="instrument",
        problem=f"unknown instrument (known: {', '.join(sorted(instruments)) or 'none'})",
    )

    known_items = pd.MultiIndex.from_tuples(
        [(i.id, item) for i in instruments.values() for item in i.items["item"]], names=["instrument", "item"]
    )
    pairs = pd.MultiIndex.from_arrays([instrument_id, work["item"]])
    fail_first(work, ~pairs.isin(known_items), file=shown, column="item", problem="this instrument has no such item")

    scores = pd.to_numeric(work["score"], errors="coerce").astype(float)
    fail_first(work, ~np.isfinite(scores.to_numpy()), file=shown, column="score", problem="the score is not a number")
    low = instrument_id.map({k: i.scale_min for k, i in instruments.items()}).astype(float)
    high = instrument_id.map({k: i.scale_max for k, i in instruments.items()}).astype(float)
    fail_first(
        work,
        (scores < low) | (scores > high),
        file=shown,
        column="score",
        problem="the score is off the instrument's scale",
    )
    out = pd.DataFrame(
        {
            "date": dates.astype("datetime64[ns]"),
            "respondent": respondent.astype(object),
            "instrument": instrument_id.astype(object),
            "item": work["item"].astype(object),
            "score": scores,
            LINE: work[LINE].astype(np.int64),
        }
    )
    return out.reset_index(drop=True)


def _instruments_named(work: pd.DataFrame, shown: str) -> dict[str, Instrument]:
    """Load each distinct instrument id in the file once (a handful, not per row).
    An id that is not a known instrument is left out, so the row check reports it
    with its line; a broken instrument file is reported as such."""
    found = {}
    rules = None
    for name in pd.unique(work["instrument"]):  # ids checked as names first: never a path from a cell
        if _ID.match(name) and instrument_path(name).is_file():
            rules = load_settings() if rules is None else rules  # once per file, not per instrument
            found[name] = load_instrument(name, rules)
    return found


def normalise_respondents(values: pd.Series) -> pd.Series:
    """'Self ' -> 'self', 'MANAGER' -> 'manager', 'Peer: Alex' -> 'peer:Alex'; anything
    else -> NaN (the caller reports it).

    Peer names are compared without case: 'peer:alex' after 'peer:Alex' is the same
    peer and gets the first spelling seen, so scores (and share mode, whose
    pseudonyms ignore case too) never split or merge people differently."""
    parts = values.astype(str).str.extract(_RESPONDENT, expand=False)
    lowered = parts.str.lower()
    peer = lowered.str.startswith(PEER_PREFIX, na=False)
    names = parts.str[len(PEER_PREFIX) :].str.strip()
    if peer.any():
        peer_names = names.loc[peer]
        codes = folded_codes(peer_names)  # numbered in order of first appearance
        _, first = np.unique(codes, return_index=True)
        names.loc[peer] = peer_names.to_numpy(dtype=object)[first[codes]]
    return lowered.where(~peer, PEER_PREFIX + names)
