from __future__ import annotations

import careerlib
from careerlib.sample import synthetic_cohort, write_cohort


def test_synthetic_cohort_varies_and_says_it_is_synthetic():
    table, people = synthetic_cohort(200, seed=1)
    sizes = table.groupby("person").size()
    assert len(people) == 200 and sizes.max() > 5 * sizes.median()
    assert (table["notes"] == "synthetic sample").all()
    assert table.groupby("person")["channel"].nunique().nunique() > 1
    assert {"accepted", "declined", "rejected", "ghosted", "active"} <= set(table["outcome"])
    assert 0.2 < (people["change_date"] != "").mean() < 0.8
    assert synthetic_cohort(20, seed=1)[0].equals(synthetic_cohort(20, seed=1)[0])


def test_written_cohort_loads_person_by_person(tmp_path):
    names = write_cohort(tmp_path, people=6, seed=2, linkedin_people=2)
    assert names == [f"person-{i}" for i in range(1, 7)]
    for name in names:
        files = list((tmp_path / name).glob("*.csv"))
        assert len(files) == 1 and len(careerlib.load_applications(files[0])) > 0
    assert (tmp_path / "person-6" / "Job Applications.csv").exists()
