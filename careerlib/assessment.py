"""Self-assessments: questionnaires as data, scores per dimension, progress and 360 gaps.

An *instrument* is a questionnaire in ``data/instruments/<id>.yaml``: a scale (say
1 to 5 with a label per point), a few *dimensions* (each with one to three concrete
next actions for when it scores low) and *items* (statements rated on the scale,
each belonging to one dimension). Keeping questions in YAML means a coach can
reword or add an item without touching code; :func:`load_instrument` checks the
file as strictly as a CSV, because a typo in a dimension id would otherwise
silently drop an item from every score.

*Responses* are a tidy, append-only CSV: one line per answered item,
``date, respondent, instrument, item, score``. The respondent is ``self``,
``manager`` or ``peer:<name>``, so the same file holds a 360 review.

How a dimension is scored
-------------------------
Each answer is put on 0-1 as ``(s - min) / (max - min)``; a reverse-coded item
("I sometimes cut corners") is flipped to ``1 - that``, so high always means
good. The dimension score is 100 times the weighted mean over its answered items
(weights default to 1). A dimension with fewer than half of its items answered
gets no score (NaN) rather than a number resting on one question; ``answered``,
``items`` and ``note`` say so.

If a respondent answered the same item twice on one date (a form saved twice),
the later line in the file wins: the file is append-only, so the later line is
the correction.
"""

from __future__ import annotations

import csv
import datetime as _dt
import fcntl
import io as _io
import math
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from careerlib.errors import DataError
from careerlib.io import (
    LINE, atomic_write_text, fail_first, folded_codes, parse_dates, read_csv_table, read_text, read_yaml, require_columns,
    resolve_path,
)
from careerlib.privacy import pseudonyms

INSTRUMENT_DIR = "data/instruments"
COLUMNS = ["date", "respondent", "instrument", "item", "score"]
SELF = "self"
PEER_PREFIX = "peer:"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_RESPONDENT = r"(?i)^\s*(self|manager|peer:\s*\S.*?)\s*$"

_TOP_KEYS = {"id", "title", "version", "source", "description", "scale", "dimensions", "items"}
_REQUIRED_TOP = ("id", "title", "version", "source", "scale", "dimensions", "items")
_SCALE_KEYS = {"min", "max", "labels"}
_DIMENSION_KEYS = {"id", "title", "description", "actions"}
_ITEM_KEYS = {"id", "text", "dimension", "reverse", "weight"}
MAX_ACTIONS = 3


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


def instrument_path(path_or_id: str | os.PathLike) -> Path:
    """``"promotion_readiness"`` -> ``data/instruments/promotion_readiness.yaml``
    (from the project root); anything with a suffix or a slash is a path."""
    text = str(path_or_id)
    if _ID.match(text):
        return resolve_path(f"{INSTRUMENT_DIR}/{text}.yaml")
    return resolve_path(path_or_id)


def load_instrument(path_or_id: str | os.PathLike | Instrument) -> Instrument:
    """Read and check an instrument; DataError naming file and key on any fault."""
    if isinstance(path_or_id, Instrument):
        return path_or_id
    full = instrument_path(path_or_id)
    shown = _shown(full)
    return _build_instrument(read_yaml(full, shown_as=shown), shown, full)


def _shown(full: Path) -> str:
    """A path as the user would write it: relative to the project root when inside it."""
    from careerlib.io import project_root

    try:
        return str(full.relative_to(project_root()))
    except ValueError:
        return str(full)


def _fault(shown: str, key: str, problem: str, value: Any = None) -> DataError:
    err = DataError(f"key {key!r}: {problem}", file=shown, value=value)
    err.key = key  # for callers (and tests) that want the key without parsing the message
    return err


def _check_keys(mapping: Any, allowed: set, required: Iterable[str], shown: str, where: str) -> None:
    if not isinstance(mapping, dict):
        raise _fault(shown, where or "(top level)", "expected a mapping of keys to values", value=mapping)
    prefix = f"{where}." if where else ""
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise _fault(shown, prefix + unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if mapping.get(key) in (None, ""):
            raise _fault(shown, prefix + key, "missing or empty")


def _text(value: Any, shown: str, key: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or str(value).strip() == "":
        raise _fault(shown, key, "expected a non-empty text", value=value)
    return str(value).strip()


def _number(value: Any, shown: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fault(shown, key, "expected a number", value=value)
    return float(value)


def _identifier(value: Any, shown: str, key: str) -> str:
    text = _text(value, shown, key)
    if not _ID.match(text):
        raise _fault(shown, key, "use lower-case letters, digits and _ (starting with a letter)", value=text)
    return text


def _build_instrument(raw: Any, shown: str, full: Path) -> Instrument:
    _check_keys(raw, _TOP_KEYS, _REQUIRED_TOP, shown, "")
    instrument_id = _identifier(raw["id"], shown, "id")

    scale = raw["scale"]
    _check_keys(scale, _SCALE_KEYS, ("min", "max"), shown, "scale")
    low, high = _number(scale["min"], shown, "scale.min"), _number(scale["max"], shown, "scale.max")
    if low >= high:
        raise _fault(shown, "scale.max", f"must be greater than scale.min ({low:g})", value=scale["max"])
    labels = _labels(scale.get("labels"), low, high, shown)

    dimensions = raw["dimensions"]
    if not isinstance(dimensions, list) or not dimensions:
        raise _fault(shown, "dimensions", "expected a non-empty list")
    dim_rows = []
    for i, dim in enumerate(dimensions):
        where = f"dimensions[{i}]"
        _check_keys(dim, _DIMENSION_KEYS, ("id", "title", "actions"), shown, where)
        actions = dim["actions"]
        if isinstance(actions, str):
            actions = [actions]
        if not isinstance(actions, list) or not 1 <= len(actions) <= MAX_ACTIONS:
            raise _fault(shown, f"{where}.actions", f"expected a list of 1 to {MAX_ACTIONS} next actions")
        dim_rows.append(
            {
                "dimension": _identifier(dim["id"], shown, f"{where}.id"),
                "title": _text(dim["title"], shown, f"{where}.title"),
                "actions": [_text(a, shown, f"{where}.actions[{j}]") for j, a in enumerate(actions)],
                "description": str(dim.get("description") or "").strip(),
            }
        )
    dims = pd.DataFrame(dim_rows)
    duplicated = dims["dimension"].duplicated()
    if duplicated.any():
        i = int(np.argmax(duplicated.to_numpy()))
        raise _fault(shown, f"dimensions[{i}].id", "this dimension id is used twice", value=dims["dimension"][i])

    items = raw["items"]
    if not isinstance(items, list) or not items:
        raise _fault(shown, "items", "expected a non-empty list")
    known = set(dims["dimension"])
    item_rows = []
    for i, item in enumerate(items):
        where = f"items[{i}]"
        _check_keys(item, _ITEM_KEYS, ("id", "text", "dimension"), shown, where)
        dimension = _text(item["dimension"], shown, f"{where}.dimension")
        if dimension not in known:
            raise _fault(shown, f"{where}.dimension", "no dimension has this id", value=dimension)
        reverse = item.get("reverse", False)
        if not isinstance(reverse, bool):
            raise _fault(shown, f"{where}.reverse", "expected true or false", value=reverse)
        weight = _number(item.get("weight", 1.0), shown, f"{where}.weight")
        if weight <= 0:
            raise _fault(shown, f"{where}.weight", "must be greater than 0", value=weight)
        item_rows.append(
            {
                "item": _identifier(item["id"], shown, f"{where}.id"),
                "text": _text(item["text"], shown, f"{where}.text"),
                "dimension": dimension,
                "reverse": reverse,
                "weight": weight,
            }
        )
    table = pd.DataFrame(item_rows)
    duplicated = table["item"].duplicated()
    if duplicated.any():
        i = int(np.argmax(duplicated.to_numpy()))
        raise _fault(shown, f"items[{i}].id", "this item id is used twice", value=table["item"][i])
    empty = sorted(known - set(table["dimension"]))
    if empty:
        i = int(dims.index[dims["dimension"] == empty[0]][0])
        raise _fault(shown, f"dimensions[{i}].id", "no item belongs to this dimension", value=empty[0])

    return Instrument(
        id=instrument_id,
        title=_text(raw["title"], shown, "title"),
        version=_text(raw["version"], shown, "version"),
        scale_min=low,
        scale_max=high,
        labels=labels,
        dimensions=dims,
        items=table.astype({"reverse": bool, "weight": float}),
        source=_text(raw["source"], shown, "source"),
        description=str(raw.get("description") or "").strip(),
        path=full,
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
        value = _number(point, shown, f"scale.labels.{point}")
        if not low <= value <= high:
            raise _fault(shown, f"scale.labels.{point}", f"outside the scale {low:g} to {high:g}", value=point)
        out[int(value) if float(value).is_integer() else value] = _text(label, shown, f"scale.labels.{point}")
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
    table = read_csv_table(path, required=COLUMNS, shown_as=shown)
    return _validate(table, shown, _instrument_map(instruments))


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


def _validate(table: pd.DataFrame, shown: str, instruments: dict[str, Instrument] | None) -> pd.DataFrame:
    """Vectorised checks of a string table (with ``line``) against instruments."""
    text = {c: table[c].fillna("").astype(str).str.strip() for c in COLUMNS}
    work = pd.DataFrame(text).assign(**{LINE: table[LINE].to_numpy()})
    if work.empty:
        return empty_responses()

    fail_first(work, work["date"] == "", file=shown, column="date", problem="the date is empty (use YYYY-MM-DD)")
    dates = parse_dates(work, "date", file=shown)

    respondent = normalise_respondents(work["respondent"])
    fail_first(
        work, respondent.isna(), file=shown, column="respondent",
        problem="respondent must be 'self', 'manager' or 'peer:<name>'",
    )

    instrument_id = work["instrument"]
    if instruments is None:
        instruments = _instruments_named(work, shown)
    fail_first(
        work, ~instrument_id.isin(list(instruments)), file=shown, column="instrument",
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
        work, (scores < low) | (scores > high), file=shown, column="score",
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
    for name in pd.unique(work["instrument"]):
        if _ID.match(name) and instrument_path(name).is_file():
            found[name] = load_instrument(name)
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
    names = parts.str[len(PEER_PREFIX):].str.strip()
    if peer.any():
        peer_names = names.loc[peer]
        codes = folded_codes(peer_names)  # numbered in order of first appearance
        _, first = np.unique(codes, return_index=True)
        names.loc[peer] = peer_names.to_numpy(dtype=object)[first[codes]]
    return lowered.where(~peer, PEER_PREFIX + names)


# --------------------------------------------------------------------------- scoring
def latest_lines(responses: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """This instrument's answers, one per (date, respondent, item): the later line wins."""
    rows = responses.loc[responses["instrument"] == instrument.id]
    if LINE in rows.columns:
        rows = rows.sort_values(LINE, kind="stable")
    return rows.drop_duplicates(["date", "respondent", "item"], keep="last")


def unit_scores(rows: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Answers on 0-1, reverse-coded items flipped, with dimension and weight."""
    rows = rows.merge(instrument.items[["item", "dimension", "reverse", "weight"]], on="item", how="inner")
    unit = (rows["score"] - instrument.scale_min) / (instrument.scale_max - instrument.scale_min)
    return rows.assign(unit=unit.where(~rows["reverse"], 1.0 - unit))


def score(responses: pd.DataFrame, instrument) -> pd.DataFrame:
    """One row per assessment (date, respondent) and dimension.

    Columns: ``date, respondent, dimension, score`` (0-100, NaN when fewer than
    half the dimension's items were answered), ``answered``, ``items`` and a
    ``note`` saying why a score is missing."""
    instrument = load_instrument(instrument)
    rows = unit_scores(latest_lines(responses, instrument), instrument)
    keys = ["date", "respondent", "dimension"]
    rows = rows.assign(weighted=rows["unit"] * rows["weight"])
    sums = rows.groupby(keys, sort=False).agg(weighted=("weighted", "sum"), weight=("weight", "sum"),
                                              answered=("item", "size"))

    # Every dimension of every assessment, answered or not, so a skipped section shows up.
    assessments = rows[["date", "respondent"]].drop_duplicates()
    dims = instrument.dimensions[["dimension"]].assign(order=np.arange(len(instrument.dimensions)))
    grid = assessments.merge(dims, how="cross")
    grid = grid.merge(sums.reset_index(), on=keys, how="left")
    counts = instrument.items.groupby("dimension").size().rename("items")
    grid = grid.merge(counts, left_on="dimension", right_index=True, how="left")

    answered = grid["answered"].fillna(0).astype(np.int64)
    enough = 2 * answered >= grid["items"]
    value = 100.0 * grid["weighted"] / grid["weight"]
    note = np.where(
        enough, "",
        "only " + answered.astype(str) + " of " + grid["items"].astype(str) + " items answered (needs half)",
    )
    out = pd.DataFrame(
        {
            "date": grid["date"],
            "respondent": grid["respondent"],
            "dimension": grid["dimension"],
            "score": value.where(enough).astype(float),
            "answered": answered,
            "items": grid["items"].astype(np.int64),
            "note": note,
            "_order": grid["order"],
        }
    )
    out = out.sort_values(["date", "respondent", "_order"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- progress and gaps
def latest(scores: pd.DataFrame, respondent: str | None = None) -> pd.DataFrame:
    """Each respondent's most recent assessment (or one respondent's)."""
    if respondent is not None:
        scores = scores.loc[scores["respondent"] == respondent]
    last = scores.groupby("respondent")["date"].transform("max")
    return scores.loc[scores["date"] == last].reset_index(drop=True)


def changes(scores: pd.DataFrame) -> pd.DataFrame:
    """``scores`` plus ``previous_date``, ``previous`` and ``change``: the score minus
    the same respondent's previous assessment of that dimension (NaN for a first
    assessment, or when either score is missing)."""
    ordered = scores.sort_values(["respondent", "dimension", "date"], kind="stable")
    grouped = ordered.groupby(["respondent", "dimension"], sort=False)
    ordered = ordered.assign(previous_date=grouped["date"].shift(1), previous=grouped["score"].shift(1))
    ordered["change"] = ordered["score"] - ordered["previous"]
    return ordered.loc[scores.index]


def gaps(scores: pd.DataFrame, respondent: str = SELF) -> pd.DataFrame:
    """Self-vs-others per dimension on each respondent's latest assessment.

    ``score`` is ``respondent``'s latest score, ``others`` the mean of every other
    respondent's latest score (those without a score for that dimension are left
    out; ``raters`` counts the rest), ``gap = score - others``: positive means you
    rate yourself higher than colleagues do."""
    recent = latest(scores)
    mine = recent.loc[recent["respondent"] == respondent].set_index("dimension")
    theirs = recent.loc[recent["respondent"] != respondent].groupby("dimension", sort=False)["score"]
    order = pd.Index(pd.unique(scores["dimension"]), name="dimension")
    out = pd.DataFrame(
        {
            "score": mine["score"].reindex(order),
            "others": theirs.mean().reindex(order),
            "raters": theirs.count().reindex(order).fillna(0).astype(np.int64),
        }
    )
    out["gap"] = out["score"] - out["others"]
    return out.reset_index()[["dimension", "score", "others", "gap", "raters"]]


def weakest(scores: pd.DataFrame, instrument, n: int = 3, respondent: str = SELF) -> pd.DataFrame:
    """The ``n`` lowest-scoring dimensions of ``respondent``'s latest assessment,
    lowest first, with title and next actions (dimensions without a score are left
    out: there is nothing to rank)."""
    instrument = load_instrument(instrument)
    mine = latest(scores, respondent).dropna(subset=["score"])
    ranked = mine.sort_values(["score", "dimension"], kind="stable").head(n)
    ranked = ranked.merge(instrument.dimensions[["dimension", "title", "actions"]], on="dimension", how="left")
    return ranked[["dimension", "title", "score", "actions"]].reset_index(drop=True)


# --------------------------------------------------------------------------- reliability
MIN_COMPLETE = 3  # fewer complete assessments than this give no meaningful variance
MIN_ITEMS = 2


def item_matrix(responses: pd.DataFrame, instrument, dimension: str) -> pd.DataFrame:
    """Assessments (date, respondent) x the dimension's items, reverse-coded items
    flipped, only assessments that answered every item of the dimension."""
    instrument = load_instrument(instrument)
    return _item_matrix(unit_scores(latest_lines(responses, instrument), instrument), instrument, dimension)


def _item_matrix(rows: pd.DataFrame, instrument: Instrument, dimension: str) -> pd.DataFrame:
    """:func:`item_matrix` from already computed unit scores (see :func:`unit_scores`)."""
    rows = rows.loc[rows["dimension"] == dimension]
    wanted = instrument.items.loc[instrument.items["dimension"] == dimension, "item"]
    wide = rows.pivot_table(index=["date", "respondent"], columns="item", values="unit", aggfunc="last")
    return wide.reindex(columns=wanted).dropna()


def cronbach_alpha(responses: pd.DataFrame, instrument) -> pd.DataFrame:
    """Internal consistency per dimension: do its items move together?

    alpha = k/(k-1) * (1 - sum of item variances / variance of the total), over the
    assessments that answered every item of the dimension (unweighted, reverse
    items flipped, sample variances). NaN with a ``note`` when there are fewer
    than 3 complete assessments or fewer than 2 items, or the totals never vary."""
    instrument = load_instrument(instrument)
    units = unit_scores(latest_lines(responses, instrument), instrument)  # once, not per dimension
    out = []
    for dimension in instrument.dimensions["dimension"]:  # a handful of dimensions
        matrix = _item_matrix(units, instrument, dimension).to_numpy()
        complete, k = matrix.shape
        alpha, note = np.nan, ""
        if k < MIN_ITEMS:
            note = f"needs at least {MIN_ITEMS} items (has {k})"
        elif complete < MIN_COMPLETE:
            note = f"needs at least {MIN_COMPLETE} complete assessments (has {complete})"
        else:
            total_var = matrix.sum(axis=1).var(ddof=1)
            if total_var == 0:
                note = "the totals never vary, so alpha is undefined"
            else:
                alpha = k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_var)
        out.append({"dimension": dimension, "alpha": float(alpha), "items": k, "complete": complete, "note": note})
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- tables and sentences
def overview(scores: pd.DataFrame, instrument, respondent: str = SELF) -> pd.DataFrame:
    """One row per dimension, in the instrument's order: ``respondent``'s latest
    ``score``, its ``change`` since their previous assessment, ``others``, ``gap``,
    ``raters``, and the title. The table behind the summary and the gap table."""
    instrument = load_instrument(instrument)
    dims = instrument.dimensions[["dimension", "title"]]
    mine = latest(changes(scores), respondent)[["dimension", "change"]]
    table = dims.merge(gaps(scores, respondent), on="dimension", how="left").merge(mine, on="dimension", how="left")
    table["raters"] = table["raters"].fillna(0).astype(np.int64)
    return table[["dimension", "title", "score", "change", "others", "gap", "raters"]]


def gap_table(scores: pd.DataFrame, instrument, respondent: str = SELF) -> pd.DataFrame:
    """:func:`overview` with readable column names, for showing (rounded to whole points)."""
    table = overview(scores, instrument, respondent)
    shown = table[["title", "score", "change", "others", "gap", "raters"]].round(0)
    return shown.rename(
        columns={"title": "dimension", "score": f"{respondent} (0-100)", "change": "change since last",
                 "others": "others (mean)", "gap": "gap (you - others)", "raters": "others rating"}
    )


def actions_table(weak: pd.DataFrame) -> pd.DataFrame:
    """:func:`weakest` for showing: one row per dimension, its actions on one line each."""
    return pd.DataFrame(
        {
            "dimension": weak["title"],
            "score": weak["score"].round(0),
            "next actions": weak["actions"].map(lambda steps: " / ".join(steps)),
        }
    )


def summary_sentence(scores: pd.DataFrame, instrument, respondent: str = SELF) -> str:
    """One plain sentence about the latest assessment: the average score, the
    biggest move since last time, the weakest dimension and the largest gap."""
    instrument = load_instrument(instrument)
    table = overview(scores, instrument, respondent)
    scored = table.dropna(subset=["score"])
    if scored.empty:
        return f"There is no scored assessment by {respondent} on {instrument.title} yet."
    when = latest(scores, respondent)["date"].max().strftime("%Y-%m-%d")
    whose = "your" if respondent == SELF else f"{respondent}'s"
    parts = [f"On {when} {whose} {instrument.title.lower()} averaged {scored['score'].mean():.0f} out of 100"]
    moved = scored.dropna(subset=["change"])
    if not moved.empty:
        big = moved.loc[moved["change"].abs().idxmax()]
        parts.append(f"{big['title'].lower()} moved most since the last assessment ({big['change']:+.0f} points)")
    low = scored.loc[scored["score"].idxmin()]
    parts.append(f"the weakest dimension is {low['title'].lower()} ({low['score']:.0f})")
    gapped = scored.dropna(subset=["gap"])
    if not gapped.empty:
        wide = gapped.loc[gapped["gap"].abs().idxmax()]
        side = "above" if wide["gap"] > 0 else "below"
        parts.append(f"the largest gap with the others is on {wide['title'].lower()}, "
                     f"{abs(wide['gap']):.0f} points {side} the others' view")
    return "; ".join(parts) + "."


def share_respondents(frame: pd.DataFrame, share: bool = True, column: str = "respondent") -> pd.DataFrame:
    """In share mode, ``peer:Alex`` -> ``peer 1``, ``peer:Sam`` -> ``peer 2`` (numbered
    in sorted order of the names, so the same file always gives the same labels);
    ``self`` and ``manager`` stay. Unchanged when ``share`` is false."""
    if not share or frame.empty:
        return frame
    values = frame[column].astype(str)
    peer = values.str.startswith(PEER_PREFIX)
    renamed = values.copy()
    renamed.loc[peer] = pseudonyms(values.loc[peer].str[len(PEER_PREFIX):], prefix="peer", style="numbers")
    return frame.assign(**{column: renamed})


def shared_name(respondent: str, responses: pd.DataFrame, share: bool = True) -> str:
    """What :func:`share_respondents` turns ``respondent`` into in ``responses``
    (itself when not sharing, or when it is not in the file). Peer names match
    without case, as in :func:`normalise_respondents`."""
    if not share:
        return respondent
    people = pd.DataFrame({"respondent": pd.unique(normalise_respondents(responses["respondent"]).dropna())})
    mapping = dict(zip(people["respondent"].str.casefold(), share_respondents(people)["respondent"]))
    normal = normalise_respondents(pd.Series([respondent])).iloc[0]
    return mapping.get(normal.casefold(), respondent) if isinstance(normal, str) else respondent


def report_summary(scores: pd.DataFrame, instrument, respondent: str = SELF) -> dict:
    """The report's JSON summary (the issue's contract), for ``nb.publish``."""
    instrument = load_instrument(instrument)
    table = overview(scores, instrument, respondent)
    dates = latest(scores, respondent)["date"]
    weak = weakest(scores, instrument, n=3, respondent=respondent)

    numbers = table[["score", "change", "others", "gap"]].round(1).astype(object)
    dimensions = numbers.where(numbers.notna(), None).assign(dimension=table["dimension"])
    return {
        "report": "self_assessment",
        "instrument": instrument.id,
        "respondent": respondent,
        "date": None if dates.empty else dates.max().strftime("%Y-%m-%d"),
        "dimensions": dimensions[["dimension", "score", "change", "others", "gap"]].to_dict("records"),
        "weakest": list(weak["dimension"]),
    }


# --------------------------------------------------------------------------- recording answers
@contextmanager
def locked(path: str | os.PathLike):
    """An exclusive lock on ``<file>.lock`` beside ``path``: two notebooks saving at
    once take turns instead of one overwriting the other's answers."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def answers_table(instrument, respondent: str, answers: Mapping[str, Any], date=None) -> pd.DataFrame:
    """Answers {item: score} as response lines (strings, like a read CSV); items
    answered ``None`` or '' are skipped (not answered)."""
    instrument = load_instrument(instrument)
    day = pd.Timestamp(date if date not in (None, "") else _dt.date.today()).strftime("%Y-%m-%d")
    kept = {k: v for k, v in answers.items() if v is not None and str(v).strip() != ""}
    return pd.DataFrame(
        {
            "date": day,
            "respondent": str(respondent),
            "instrument": instrument.id,
            "item": pd.Series(list(kept), dtype=object),
            "score": pd.Series([str(v) for v in kept.values()], dtype=object),
        }
    )


def record(path: str | os.PathLike, instrument, respondent: str, answers: Mapping[str, Any], date=None) -> pd.DataFrame:
    """Append one assessment to the responses file, safely.

    The answers are validated first (DataError, nothing written). Then, under a
    lock, the current file is read, the new lines added, and the whole file
    written to a temporary file beside it and swapped in with ``os.replace``: a
    crash leaves the old file intact, and a second notebook saving at the same
    time waits instead of losing answers. Returns the validated new lines."""
    instrument = load_instrument(instrument)
    full = resolve_path(path)
    new = answers_table(instrument, respondent, answers, date)
    if new.empty:
        raise DataError("no answers to save", file=str(path))
    checked = _validate(new.assign(**{LINE: np.arange(len(new)) + 2}), "the new answers", {instrument.id: instrument})
    lines = checked.assign(date=checked["date"].dt.strftime("%Y-%m-%d"))[COLUMNS]
    shown = str(path)
    with locked(full):
        old = ""
        if full.exists() and (not full.is_file() or full.read_bytes().strip()):
            old = read_text(full, shown_as=shown)  # DataError: a folder, binary, not UTF-8
        if old.strip():
            header = _header(old, shown)
            require_columns(header, COLUMNS, file=shown)
            ending = "\r\n" if old.split("\n", 1)[0].endswith("\r") else "\n"
            body = old if old.endswith("\n") else old + ending
            text = body + _csv_lines(lines.reindex(columns=header, fill_value=""), ending)  # the file's order
        else:
            text = _csv_lines(lines, "\n", header=COLUMNS)
        atomic_write_text(full, text)
    return checked.drop(columns=LINE)


def _header(text: str, shown: str) -> list[str]:
    """The column names of a CSV's header line, parsed as CSV (quotes allowed), stripped."""
    try:
        first = next(csv.reader(_io.StringIO(text)), [])
    except csv.Error as err:
        raise DataError(f"the header line is not readable CSV ({err})", file=shown, line=1) from None
    return [name.strip() for name in first]


def _csv_lines(table: pd.DataFrame, ending: str, header: list[str] | None = None) -> str:
    """Rows as CSV text, quoted where needed (a peer name may hold a comma or a quote)."""
    out = _io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    if header is not None:
        writer.writerow(header)
    writer.writerows(table.astype(str).itertuples(index=False, name=None))  # the few new answers
    return out.getvalue()
