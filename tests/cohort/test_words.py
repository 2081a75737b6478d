

def test_a_cohort_where_no_log_can_be_read_still_gets_an_overview(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "applications.csv").write_text("company,channel,applied,outcome\nAcme,x,2026-13-01,\n")
    group, view = view_of(tmp_path)
    summary = cohort.report_summary(view, group.unreadable)
    assert summary["people"] == 0 and summary["stages"] == [] and summary["unreadable"] == 2
    assert "nothing to summarise" in cohort.headline(view)
