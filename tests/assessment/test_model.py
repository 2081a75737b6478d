"""Self-assessment model (careerlib/assessment/model.py): scores by hand, progress, gaps, Cronbach's alpha."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_helpers import TINY, responses
from careerlib import assessment


# --------------------------------------------------------------------------- scoring
def test_score_by_hand(tiny):
    rows = responses(
        [
            ("2026-01-05", "self", "a1", 5),  # (5-1)/4 = 1
            ("2026-01-05", "self", "a2", 2),  # reverse: 1 - (2-1)/4 = 0.75
            ("2026-01-05", "self", "a3", 3),  # (3-1)/4 = 0.5, weight 2
            ("2026-01-05", "self", "b1", 4),  # 0.75
            ("2026-01-05", "self", "b2", 2),  # 0.25 -> b: 2 of 4 answered, exactly half: scored
        ]
    )
    scores = assessment.score(rows, tiny).set_index("dimension")
    assert scores.loc["a", "score"] == pytest.approx(100 * (1 + 0.75 + 2 * 0.5) / 4)
    assert scores.loc["b", "score"] == pytest.approx(50.0)
    assert (scores.loc["b", "answered"], scores.loc["b", "items"]) == (2, 4)


def test_fewer_than_half_answered_gets_no_score(tiny):
    rows = responses([("2026-01-05", "self", "a1", 5), ("2026-01-05", "self", "b1", 5)])
    scores = assessment.score(rows, tiny).set_index("dimension")
    assert math.isnan(scores.loc["a", "score"])  # 1 of 3
    assert math.isnan(scores.loc["b", "score"])  # 1 of 4
    assert "1 of 3" in scores.loc["a", "note"]


def test_unanswered_dimension_still_listed(tiny):
    rows = responses([("2026-01-05", "self", "a1", 5), ("2026-01-05", "self", "a2", 5)])
    scores = assessment.score(rows, tiny)
    assert list(scores["dimension"]) == ["a", "b"]
    assert scores.set_index("dimension").loc["b", "answered"] == 0


def test_later_line_wins(tiny):
    rows = responses(
        [
            ("2026-01-05", "self", "a1", 1),
            ("2026-01-05", "self", "a2", 5),
            ("2026-01-05", "self", "a1", 5),
        ]
    )
    a = assessment.score(rows, tiny).set_index("dimension").loc["a"]
    assert a["answered"] == 2
    assert a["score"] == pytest.approx(100 * (1 + 0) / 2)


def test_score_filters_to_the_instrument(tiny):
    rows = pd.concat(
        [
            responses([("2026-01-05", "self", "a1", 5), ("2026-01-05", "self", "a2", 1)]),
            responses([("2026-01-05", "self", "deadlines", 1)], instrument="promotion_readiness"),
        ]
    )
    assert set(assessment.score(rows, tiny)["dimension"]) == {"a", "b"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.dictionaries(
        st.sampled_from([i["id"] for i in TINY["items"]]), st.floats(min_value=1, max_value=5), min_size=1
    )
)
def test_any_valid_answers_score_within_0_100(tiny, answers):
    rows = responses([("2026-01-05", "self", item, value) for item, value in answers.items()])
    values = assessment.score(rows, tiny)["score"].dropna()
    assert values.between(0, 100).all()


# --------------------------------------------------------------------------- changes, gaps, weakest


def test_changes(history):
    moved = assessment.changes(history)
    latest = moved.loc[(moved["respondent"] == "self") & (moved["date"] == pd.Timestamp("2026-04-05"))]
    latest = latest.set_index("dimension")
    assert latest.loc["a", "change"] == pytest.approx(50.0)  # 25 -> 75
    assert latest.loc["b", "change"] == pytest.approx(0.0)
    first = assessment.changes(history).query("respondent == 'manager'")
    assert first["change"].isna().all()


def test_gaps(history):
    gaps = assessment.gaps(history).set_index("dimension")
    # self a = 75; manager a = 50, peer a = 100 -> others 75; self b = 50, others (100 + 0) / 2 = 50
    assert gaps.loc["a", "others"] == pytest.approx(75.0)
    assert gaps.loc["a", "gap"] == pytest.approx(0.0)
    assert gaps.loc["b", "gap"] == pytest.approx(0.0)
    assert gaps.loc["a", "raters"] == 2
    manager = assessment.gaps(history, "manager").set_index("dimension")
    assert manager.loc["b", "gap"] == pytest.approx(100 - (50 + 0) / 2)


def test_weakest_with_actions(history, tiny):
    weak = assessment.weakest(history, tiny, n=1)
    assert list(weak["dimension"]) == ["b"]
    assert weak["actions"].iloc[0] == ["do b", "and b again"]


# --------------------------------------------------------------------------- Cronbach's alpha
def test_cronbach_alpha_textbook(tiny):
    # Four people, items b1..b4 on 1-5. By hand: item variances (ddof 1)
    # b1: [1,2,4,5] -> 3.3333; b2: [2,2,4,4] -> 1.3333; b3: [1,3,3,5] -> 2.6667; b4: [2,3,3,4] -> 0.6667
    # sum = 8.0; totals [6,10,14,18] -> variance 26.6667; alpha = 4/3 * (1 - 8/26.6667) = 0.9333...
    matrix = {"b1": [1, 2, 4, 5], "b2": [2, 2, 4, 4], "b3": [1, 3, 3, 5], "b4": [2, 3, 3, 4]}
    people = ["self", "manager", "peer:A", "peer:B"]
    rows = responses(
        [("2026-01-05", who, item, values[k]) for item, values in matrix.items() for k, who in enumerate(people)]
    )
    alpha = assessment.cronbach_alpha(rows, tiny).set_index("dimension")
    assert alpha.loc["b", "alpha"] == pytest.approx(4 / 3 * (1 - 8 / (80 / 3)))
    assert alpha.loc["b", "alpha"] == pytest.approx(0.93333, abs=1e-4)
    assert alpha.loc["b", "complete"] == 4
    assert math.isnan(alpha.loc["a", "alpha"]) and "needs at least 3" in alpha.loc["a", "note"]


def test_cronbach_alpha_flips_reverse_items(tiny):
    # a2 is reverse-coded: answering it "against" a1 and a3 is consistent, so alpha is high.
    rows = responses(
        [
            ("2026-01-05", who, item, value)
            for who, base in (("self", 1), ("manager", 3), ("peer:A", 5))
            for item, value in (("a1", base), ("a2", 6 - base), ("a3", base))
        ]
    )
    assert assessment.cronbach_alpha(rows, tiny).set_index("dimension").loc["a", "alpha"] == pytest.approx(1.0)


def test_cronbach_alpha_scores_units_once(tiny, monkeypatch):
    rows = responses([("2026-01-05", who, item, 3) for who in ("self", "manager") for item in ("a1", "b1")])
    calls = []
    original = assessment.unit_scores
    monkeypatch.setattr(assessment.model, "unit_scores", lambda *a: calls.append(1) or original(*a))
    assessment.cronbach_alpha(rows, tiny)
    assert len(calls) == 1
