"""Self-assessment model: scores per dimension, progress, 360 gaps and reliability
(pure functions on the tidy responses table; no file reads, no sentences).

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
gets no score (NaN) rather than a number resting on one question (the share is
``min_answered_share`` in ``data/assessment/settings.yaml``); ``answered``, ``items``
and ``note`` say so.

If a respondent answered the same item twice on one date (a form saved twice),
the later line in the file wins: the file is append-only, so the later line is
the correction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerlib.assessment.inputs import LINE, SELF, Instrument, load_instrument
from careerlib.text import percent


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
    sums = rows.groupby(keys, sort=False).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), answered=("item", "size")
    )

    # Every dimension of every assessment, answered or not, so a skipped section shows up.
    assessments = rows[["date", "respondent"]].drop_duplicates()
    dims = instrument.dimensions[["dimension"]].assign(order=np.arange(len(instrument.dimensions)))
    grid = assessments.merge(dims, how="cross")
    grid = grid.merge(sums.reset_index(), on=keys, how="left")
    counts = instrument.items.groupby("dimension").size().rename("items")
    grid = grid.merge(counts, left_on="dimension", right_index=True, how="left")

    answered = grid["answered"].fillna(0).astype(np.int64)
    share = instrument.min_answered_share
    enough = answered >= share * grid["items"]
    value = 100.0 * grid["weighted"] / grid["weight"]
    note = np.where(
        enough,
        "",
        "only "
        + answered.astype(str)
        + " of "
        + grid["items"].astype(str)
        + f" items answered (needs {_share(share)})",
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
def _share(share: float) -> str:
    return "half" if share == 0.5 else percent(share)


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
    min_items, min_complete = (int(instrument.rules["reliability"][k]) for k in ("min_items", "min_complete"))
    out = []
    for dimension in instrument.dimensions["dimension"]:  # a handful of dimensions
        matrix = _item_matrix(units, instrument, dimension).to_numpy()
        complete, k = matrix.shape
        alpha, note = np.nan, ""
        if k < min_items:
            note = f"needs at least {min_items} items (has {k})"
        elif complete < min_complete:
            note = f"needs at least {min_complete} complete assessments (has {complete})"
        else:
            total_var = matrix.sum(axis=1).var(ddof=1)
            if total_var == 0:
                note = "the totals never vary, so alpha is undefined"
            else:
                alpha = k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_var)
        out.append({"dimension": dimension, "alpha": float(alpha), "items": k, "complete": complete, "note": note})
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- the table behind the report
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
