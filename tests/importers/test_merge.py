"""``careerlib import``: what it prints, what it writes (atomically, only new rows), exit codes."""

from __future__ import annotations

import pytest

from careerlib import cli, load_applications
from careerlib.importers.merge import import_applications
from import_files import PRIVATE, STATUS_HEADER, STATUS_ROWS, csv_text, linkedin_zip, write


@pytest.fixture
def sheet(tmp_path):
    return write(tmp_path / "My search.csv", csv_text(STATUS_HEADER, STATUS_ROWS))


def test_import_prints_the_summary_and_writes_nothing_without_a_log(sheet, capsys, tmp_path):
    assert cli.main(["import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "status-column sheet" in out and "nothing written" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["My search.csv"]


def test_dry_run_writes_nothing(sheet, tmp_path, capsys):
    target = tmp_path / "private" / "applications.csv"
    assert cli.main(["import", str(sheet), str(target), "--dry-run"]) == 0
    assert "would add 4 application(s)" in capsys.readouterr().out
    assert not target.exists() and not (tmp_path / "private").exists()


def test_merge_adds_only_new_applications_and_keeps_user_edits(sheet, tmp_path, capsys):
    target = tmp_path / "applications.csv"
    assert cli.main(["import", str(sheet), str(target)]) == 0
    first = load_applications(target)
    assert len(first) == 4
    target.write_text(target.read_text().replace("active,", "withdrawn,", 1))  # the user edits an outcome
    longer = csv_text(STATUS_HEADER, [*STATUS_ROWS, ["Zeta", "Analyst", "11/2/2019", "Applied", "", "Referral"]])
    write(sheet, longer)
    assert cli.main(["import", str(sheet), str(target)]) == 0
    assert "added 1 application(s)" in capsys.readouterr().out
    merged = load_applications(target)
    assert len(merged) == 5 and "withdrawn" in merged["outcome"].tolist()


def test_a_data_error_exits_1_with_the_message_on_stderr_and_writes_nothing(tmp_path, capsys):
    bad = write(tmp_path / "bad.csv", "Company,Date,Status\nA,3/4/2020,Tech Screen\n")
    target = tmp_path / "applications.csv"
    target.write_text("company,channel,applied,outcome\nOld,referral,2024-01-01,rejected\n")
    before = target.read_bytes()
    assert cli.main(["import", str(bad), str(target)]) == 1
    err = capsys.readouterr().err
    assert "Tech Screen" in err and "[statuses]" in err
    assert target.read_bytes() == before


def test_a_mapping_file_is_used(tmp_path, capsys):
    bad = write(tmp_path / "log.csv", "Company,Date,Status\nA,3/4/2020,Tech Screen\n")
    mapping = write(tmp_path / "map.toml", '[dates]\norder = "month-first"\n[statuses]\n"tech screen" = "screen"\n')
    assert cli.main(["import", str(bad), str(tmp_path / "out.csv"), "--map", str(mapping)]) == 0
    assert load_applications(tmp_path / "out.csv")["screen"].notna().all()


def test_linkedin_zip_merges_into_applications_csv_in_the_folder(tmp_path):
    export = linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip")
    folder = tmp_path / "private"
    result = import_applications(export, folder)
    assert result.target == folder / "applications.csv" and result.added == 2
    assert import_applications(export, folder).added == 0
    text = (folder / "applications.csv").read_text()
    assert not any(secret in text for secret in PRIVATE)


def test_import_linkedin_keeps_working(tmp_path):
    from import_files import LINKEDIN_HEADER, LINKEDIN_ROWS

    export = write(tmp_path / "Job Applications.csv", csv_text(LINKEDIN_HEADER, LINKEDIN_ROWS))
    assert cli.main(["import-linkedin", str(export), str(tmp_path / "apps.csv")]) == 0
    assert len(load_applications(tmp_path / "apps.csv")) == 2


def test_the_zip_merges_the_career_history_too_and_only_new_roles(tmp_path, capsys):
    from careerlib import diagnostics

    export = linkedin_zip(tmp_path / "export.zip", positions=(
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Acme,Analyst,secret client names,Town,Mar 2020,Jun 2022\nAcme,Senior Analyst,,,Jul 2022,\n"))
    folder = tmp_path / "private"
    assert cli.main(["import", str(export), str(folder), "--dry-run"]) == 0
    assert "would be created" in capsys.readouterr().out and not folder.exists()
    assert cli.main(["import", str(export), str(folder)]) == 0
    out = capsys.readouterr().out
    assert "added 2 application(s)" in out and "roles added: 2" in out
    career = diagnostics.load_career(folder / "career.csv")
    assert career["employer"].tolist() == ["Acme", "Acme"]
    assert "secret client names" not in (folder / "career.csv").read_text()
    text = (folder / "career.csv").read_text().replace("Senior Analyst,,", "Senior Analyst,L3,", 1)
    (folder / "career.csv").write_text(text)  # the user fills in a level
    assert cli.main(["import", str(export), str(folder)]) == 0
    assert "roles added: 0" in capsys.readouterr().out
    assert (folder / "career.csv").read_text() == text


def test_a_bad_career_history_in_the_zip_writes_neither_file(tmp_path, capsys):
    export = linkedin_zip(tmp_path / "export.zip", positions=(
        "Company Name,Title,Description,Location,Started On,Finished On\nAcme,Analyst,,,someday,\n"))
    folder = tmp_path / "private"
    assert cli.main(["import", str(export), str(folder)]) == 1
    assert "Positions.csv" in capsys.readouterr().err and not (folder / "applications.csv").exists()


def test_positions_csv_alone_goes_to_the_career_history(tmp_path, capsys):
    from import_files import POSITIONS

    positions = write(tmp_path / "Positions.csv", POSITIONS)
    assert cli.main(["import", str(positions)]) == 0
    assert "1 role(s) of career history read" in capsys.readouterr().out
    assert cli.main(["import", str(positions), str(tmp_path / "career.csv")]) == 0
    assert "roles added: 1" in capsys.readouterr().out
    assert (tmp_path / "career.csv").read_text().splitlines()[1].startswith("2020-03-01,,Acme,Analyst")
