from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerlib
from careerlib.cohort import folders, inputs
from careerlib.sample import write_cohort
from cohort_data import template_log


def one_by_one(cohort_dir) -> pd.DataFrame:
    tables = [
        careerlib.load_applications(p.files["applications"]).assign(person=i)
        for i, p in enumerate(folders.discover(cohort_dir))
    ]
    return pd.concat(tables, ignore_index=True)[inputs.KEPT]


def test_pooled_read_equals_reading_each_file(sample_cohort):
    group = inputs.read_cohort(sample_cohort)
    assert group.unreadable == 0
    assert group.applications.equals(one_by_one(sample_cohort))
    assert set(group.applications.columns) == set(inputs.KEPT)  # no company, role or notes
    assert group.people["person"].tolist() == list(range(8))


def test_a_broken_file_leaves_only_that_person_out(mixed_cohort):
    group = inputs.read_cohort(mixed_cohort)
    assert group.unreadable == 1
    assert sorted(group.applications["person"].unique()) == [0, 2]  # person 3 has only a LinkedIn export
    assert (group.applications.loc[group.applications["person"] == 2, "channel"] == "linkedin").all()


def test_unparseable_rows_blank_lines_and_cross_person_duplicates(tmp_path):
    row = "Acme,Analyst,referral,2026-09-01,,,,,rejected,"
    for name, text in {
        "a": template_log([row, "", "Beta,Analyst,job board,2026-09-02,,,,,ghosted,"]),
        "b": template_log([row]),  # the same posting as person a: not a duplicate
        "c": template_log([row + ",an extra field"]),
        "d": template_log([row, row]),  # a real duplicate within one person
        "e": "company,channel,applied,outcome\nAcme,referral,2026-09-01,rejected\n",  # other header: slow path
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "applications.csv").write_text(text, encoding="utf-8")
    group = inputs.read_cohort(tmp_path)
    assert group.unreadable == 2
    assert group.applications.groupby("person").size().to_dict() == {0: 2, 1: 1, 4: 1}


def test_change_dates_come_from_each_persons_settings(sample_cohort):
    group = inputs.read_cohort(sample_cohort)
    settings = sorted(p.parent.name for p in sample_cohort.glob("*/careerlib.toml"))
    marked = group.people.loc[group.people["change_date"].notna(), "person"]
    assert [f"person-{i + 1}" for i in marked] == settings


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000), people=st.integers(1, 6), crlf=st.booleans(), blank=st.booleans(), bom=st.booleans()
)
def test_pooled_read_matches_one_by_one_for_any_cohort(seed, people, crlf, blank, bom):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_cohort(folder, people=people, seed=seed)
        for path in folder.glob("*/applications.csv"):
            text = path.read_text(encoding="utf-8")
            header, _, body = text.partition("\n")
            text = header + "\n" + ("\n" if blank else "") + body + ("\n,,,,,,,,,\n" if blank else "")
            data = text.replace("\n", "\r\n" if crlf else "\n").encode()
            path.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
        group = inputs.read_cohort(folder)
        assert group.unreadable == 0
        assert group.applications.equals(one_by_one(folder))
