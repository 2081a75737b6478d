"""Files that count applications (a table of counts, Sankey flows) are refused with what
they are, before any of their rows can become an "application" named after a stage."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import DataError, load_applications
from careerlib.importers.tally import FLOW

COUNT_TABLE = "Stage,Remote,Berlin,Total\nApplications,12,30,42\nRejections,8,11,19\nInterview,2,5,7\nPending,2,14,16\n"
FLOWS = (
    "Applied [20] No answer\n"
    "Applied [6] Rejected\n"
    "Applied [4] Phone screen\n"
    "\n"
    "Phone screen [1] Interview\n"
    "Phone screen [3] Rejected\n"
)


def write(tmp_path, text: str, name: str = "counts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_of_counts_is_refused_naming_its_first_row_and_stages(tmp_path):
    with pytest.raises(DataError) as caught:
        load_applications(write(tmp_path, COUNT_TABLE))
    err = caught.value
    assert "table of counts" in str(err) and "'Applications': 12, 30, 42" in str(err)
    assert "'Rejections'" in str(err) and "'Interview'" in str(err)
    assert (err.line, err.column) == (2, "Stage")


def test_sankey_flows_are_refused_as_flows(tmp_path):
    with pytest.raises(DataError) as caught:
        load_applications(write(tmp_path, FLOWS, "flows.txt"))
    assert "Sankey" in str(caught.value) and "'Applied [20] No answer'" in str(caught.value)
    assert caught.value.line == 1


def test_a_log_with_numbers_and_status_words_is_still_a_log(tmp_path):
    # companies label the rows; the numbers beside them are pay and a score: not counts
    log = "Company,Status,Salary,Score\nAcme,Rejected,50000,3\nBeta,Interview,61000,4\nGamma,Pending,58000,5\n"
    assert list(load_applications(write(tmp_path, log))["company"]) == ["Acme", "Beta", "Gamma"]  # undated


def test_a_mapping_naming_columns_reads_the_file_as_a_log(tmp_path):
    apps = load_applications(write(tmp_path, COUNT_TABLE), mapping={"columns": {"company": "Stage"}})
    assert len(apps) == 4  # the person's word: each row is an application


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
        lambda s: s.strip() and "[" not in s and "]" not in s
    ),
    st.integers(0, 10_000),
)
def test_every_sankeymatic_line_matches_the_flow_pattern(source, amount):
    assert FLOW.match(f"{source} [{amount}] target")
    assert not FLOW.match(f"{source} {amount} target")
