"""The user's mapping: TOML or dict, every key checked, words matched loosely."""

from __future__ import annotations

import pytest

from careerlib import DataError
from careerlib.importers.mapping import load_mapping
from careerlib.importers.vocabulary import Status, fold, parse_status_rule

CONTRACT_EXAMPLE = """
sheet = "2025 search"
[columns]
company = "Name"
applied = "Date"
status = "Stage"
history = "Stage History"
channel = "Source"
[stages]
screen = ["Recruiter", "Phone"]
interview = ["Onsite"]
[dates]
order = "day-first"
year = 2025
[statuses]
"Tech Screen" = "screen"
"Final Round" = "interview/active"
"Suspected Ghost Job" = "applied/ghosted"
"Dead end" = "rejected"
"""


def test_the_contract_example_reads_as_a_file_and_as_a_dict(tmp_path):
    path = tmp_path / "mapping.toml"
    path.write_text(CONTRACT_EXAMPLE, encoding="utf-8")
    mapping = load_mapping(path)
    assert mapping.sheet == "2025 search" and mapping.columns["company"] == "Name"
    assert mapping.stages == {"screen": ("Recruiter", "Phone"), "interview": ("Onsite",)}
    assert (mapping.order, mapping.year) == ("day-first", 2025)
    assert mapping.statuses[fold("tech screen")] == Status("screen")
    assert mapping.statuses[fold("Final Round")] == Status("interview", "active")
    assert mapping.statuses[fold("Dead end")] == Status("applied", "rejected")
    same = load_mapping({"columns": {"company": "Name"}, "dates": {"order": "day-first"}})
    assert same.columns == {"company": "Name"} and same.order == "day-first"


@pytest.mark.parametrize("empty", [None, "", "  ", {}])
def test_no_mapping(empty):
    assert load_mapping(empty).is_empty()


@pytest.mark.parametrize(
    "content, key, words",
    [
        ({"colums": {}}, "colums", "did you mean 'columns'"),
        ({"columns": {"compnay": "Name"}}, "columns.compnay", "did you mean 'company'"),
        ({"columns": {"company": ""}}, "columns.company", "non-empty text"),
        ({"stages": {"phone": ["Phone"]}}, "stages.phone", "unknown key"),
        ({"stages": {"screen": [1]}}, "stages.screen[0]", "expected a text"),
        ({"dates": {"order": "middle"}}, "dates.order", "day-first"),
        ({"dates": {"year": "2025"}}, "dates.year", "year"),
        ({"dates": {"year": 25}}, "dates.year", "year"),
        ({"dates": {"yaer": 2025}}, "dates.yaer", "did you mean 'year'"),
        ({"statuses": {"Tech Screen": "phone"}}, "statuses.Tech Screen", "stage"),
        ({"statuses": {"x": "screen/maybe"}}, "statuses.x", "stage/outcome"),
        ({"columns": "Name"}, "columns", "table"),
        ({"skip_lines": -1}, "skip_lines", "at least 0"),
        ({"skip_lines": "2"}, "skip_lines", "number"),
        ({"header": []}, "header", "at least 1"),
        ({"header": ["Company", ""]}, "header[1]", "non-empty text"),
        ({"headers": ["Company"]}, "headers", "did you mean 'header'"),
    ],
)
def test_bad_mappings_name_the_key(content, key, words):
    with pytest.raises(DataError, match=words) as caught:
        load_mapping(content)
    assert caught.value.column == key


def test_bad_toml_and_missing_file(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text("[columns\ncompany = 1", encoding="utf-8")
    with pytest.raises(DataError, match="TOML"):
        load_mapping(path)
    with pytest.raises(DataError, match="not found"):
        load_mapping(tmp_path / "none.toml")


@pytest.mark.parametrize("a, b", [("job_title", "Job Title"), (" JOB-TITLE ", "jobtitle"), ("JobTitle", "job title")])
def test_folding_ignores_case_space_underscore_and_dash(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "rule, status",
    [
        ("screen", Status("screen")),
        ("Rejected", Status("applied", "rejected")),
        ("declined", Status("offer", "declined")),
        ("accepted", Status("accepted", "accepted")),
        ("interview / withdrawn", Status("interview", "withdrawn")),
        ("not applied", Status("not applied")),
        ("maybe", None),
        ("screen/interview", None),
    ],
)
def test_status_rules(rule, status):
    assert parse_status_rule(rule) == status


def test_skip_lines_and_header_are_top_level_keys():
    rules = load_mapping({"skip_lines": 2, "header": ["Company", "Applied"]})
    assert rules.skip_lines == 2 and rules.header == ("Company", "Applied") and not rules.is_empty()
    assert not load_mapping({"skip_lines": 0}).is_empty()  # 0: the first line is the header, do not ask
    assert load_mapping({}).skip_lines is None and load_mapping({}).header is None
