"""Self-assessment in words (careerlib/assessment/words.py): the report contract, the sentence, share mode."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from assessment_helpers import write_csv
from careerlib import assessment


def test_report_summary_contract(history, tiny):
    summary = assessment.report_summary(history, tiny)
    assert set(summary) == {"report", "instrument", "respondent", "date", "dimensions", "weakest"}
    assert summary["report"] == "self_assessment" and summary["date"] == "2026-04-05"
    assert [d["dimension"] for d in summary["dimensions"]] == ["a", "b"]
    assert set(summary["dimensions"][0]) == {"dimension", "score", "change", "others", "gap"}
    assert summary["dimensions"][0]["change"] == pytest.approx(50.0)
    json.dumps(summary, allow_nan=False)


def test_summary_sentence_mentions_the_weakest(history, tiny):
    sentence = assessment.summary_sentence(history, tiny)
    assert "dimension b" in sentence and "2026-04-05" in sentence


def test_share_respondents():
    frame = pd.DataFrame({"respondent": ["peer:Sam", "self", "peer:Alex", "manager", "peer:Sam"]})
    shared = assessment.share_respondents(frame)
    assert list(shared["respondent"]) == ["peer 2", "self", "peer 1", "manager", "peer 2"]
    assert assessment.share_respondents(frame, share=False) is frame
    assert assessment.shared_name("peer:Sam", frame) == "peer 2"


def test_peer_names_differing_in_case_are_one_respondent_in_both_modes(tmp_path, tiny):
    path = write_csv(
        tmp_path,
        "2026-01-05,self,tiny,b1,4\n2026-01-05,peer:Alex,tiny,b1,2\n"
        "2026-01-05,peer:alex,tiny,b2,4\n2026-01-05,PEER: ALEX ,tiny,b3,5\n",
    )
    answers = assessment.load_responses(path, tiny)
    assert set(answers["respondent"]) == {"self", "peer:Alex"}
    normal = assessment.score(assessment.share_respondents(answers, False), tiny)
    shared = assessment.score(assessment.share_respondents(answers, True), tiny)
    assert normal["respondent"].nunique() == shared["respondent"].nunique() == 2
    peer_normal = normal.loc[normal["respondent"] == "peer:Alex"].reset_index(drop=True)
    peer_shared = shared.loc[shared["respondent"] == "peer 1"].reset_index(drop=True)
    pd.testing.assert_frame_equal(peer_normal.drop(columns="respondent"), peer_shared.drop(columns="respondent"))
    assert peer_normal.set_index("dimension").loc["b", "answered"] == 3
    assert assessment.shared_name("peer:ALEX", answers) == "peer 1"
