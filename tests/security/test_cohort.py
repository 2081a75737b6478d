"""Attacks on a cohort run (issue 19, points 2 and 3): a person is their folder and only
that folder, and one bad person fails alone while the run, index and overview complete."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from careerlib import cli
from careerlib.cohort import folders
from careerlib.cohort.tasks import FOLDER, Outcome, Task, plan
from careerlib.io import project_root
from cohort_data import HEADER, private_cohort, template_log

SECRET = "SECRET-LINE-never-in-a-report"


def person(root: Path, name: str, files: dict[str, str]) -> Path:
    home = root / name
    home.mkdir(parents=True, exist_ok=True)
    for file, text in files.items():
        (home / file).write_text(text, encoding="utf-8")
    return home


def good_log(company: str = "Acme") -> str:
    return template_log([f"{company},Analyst,referral,2026-09-01,,,,,rejected,"])


def planned(root: Path) -> tuple[list[folders.Person], dict[tuple[str, str], Task | Outcome]]:
    people, items = plan(root, project_root())
    return people, {(item.person, item.report): item for item in items}


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "elsewhere" / "secret.csv"
    path.parent.mkdir()
    path.write_text(f"{SECRET},x\n1,2\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- containment
def test_a_person_folder_that_is_a_link_is_skipped_and_listed(tmp_path):
    root = tmp_path / "cohort"
    person(root, "ann", {"applications.csv": good_log()})
    (root / "bob").symlink_to(root / "ann", target_is_directory=True)  # would show ann's applications as bob's
    people, items = planned(root)
    bob = next(p for p in people if p.name == "bob")
    assert bob.skipped and "symbolic link" in bob.skipped and not bob.files
    assert ("ann", "funnel") in items and not any(who == "bob" for who, _ in items)


def test_a_linked_applications_file_is_refused_and_never_read(tmp_path, secret):
    root = tmp_path / "cohort"
    home = person(root, "cat", {})
    (home / "applications.csv").symlink_to(secret)
    _, items = planned(root)
    outcome = items[("cat", "funnel")]
    assert isinstance(outcome, Outcome) and outcome.status == "failed"
    assert "symbolic link" in outcome.error and SECRET not in outcome.error


def test_a_linked_export_under_another_name_is_refused(tmp_path, secret):
    root = tmp_path / "cohort"
    home = person(root, "dan", {})
    (home / "Job Applications.csv").symlink_to(secret)
    _, items = planned(root)
    assert items[("dan", "funnel")].status == "failed" and "symbolic link" in items[("dan", "funnel")].error


@pytest.mark.parametrize(
    "setting",
    [
        'instrument = "{secret}"',  # a parameter naming a file without ending in _path
        'instrument = "../../elsewhere/secret.csv"',
        'responses_path = "~/secret.csv"',
    ],
)
def test_a_parameter_naming_a_file_outside_the_folder_fails_that_person(tmp_path, secret, setting):
    root = tmp_path / "cohort"
    person(
        root,
        "eve",
        {
            "assessments.csv": "date,respondent,instrument,item,score\n",
            "careerlib.toml": "[reports.self_assessment]\n" + setting.format(secret=secret) + "\n",
        },
    )
    person(root, "fay", {"applications.csv": good_log()})
    _, items = planned(root)
    outcome = items[("eve", "self_assessment")]
    assert isinstance(outcome, Outcome) and outcome.status == "failed"
    assert "stay inside it" in outcome.error
    assert isinstance(items[("fay", "funnel")], Task)  # the others still run


def test_a_parameter_reaching_out_through_a_linked_subfolder_is_refused(tmp_path, secret):
    root = tmp_path / "cohort"
    home = person(
        root,
        "gus",
        {
            "assessments.csv": "date,respondent,instrument,item,score\n",
            "careerlib.toml": '[reports.self_assessment]\ninstrument = "sub/secret.csv"\n',
        },
    )
    (home / "sub").symlink_to(secret.parent, target_is_directory=True)
    _, items = planned(root)
    outcome = items[("gus", "self_assessment")]
    assert outcome.status == "failed" and "symbolic link" in outcome.error


def test_a_file_inside_the_folder_named_by_any_key_is_carried_to_the_report(tmp_path):
    root = tmp_path / "cohort"
    person(
        root,
        "hal",
        {
            "assessments.csv": "date,respondent,instrument,item,score\n",
            "mine.yaml": "id: mine\n",
            "careerlib.toml": '[reports.self_assessment]\ninstrument = "mine.yaml"\n',
        },
    )
    _, items = planned(root)
    task = items[("hal", "self_assessment")]
    assert isinstance(task, Task)
    assert task.parameters["instrument"] == "input/mine.yaml" and task.files["mine.yaml"] == b"id: mine\n"
    assert task.parameters["responses_path"] == "input/assessments.csv"


# --------------------------------------------------------------------------- one bad person fails alone
def test_bad_folder_names_and_configs_fail_alone_in_the_plan(tmp_path):
    root = tmp_path / "cohort"
    person(root, "ok", {"applications.csv": good_log()})
    person(root, "index.html", {"applications.csv": good_log()})
    person(root, "COHORT.JSON", {"applications.csv": good_log()})
    person(root, "deep", {"applications.csv": good_log(), "careerlib.toml": "x = " + "[" * 900 + "]" * 900 + "\n"})
    person(root, "typed", {"applications.csv": good_log(), "careerlib.toml": "[reports.funnel]\nas_of = 5\n"})
    person(root, "dated", {"applications.csv": good_log(), "careerlib.toml": "[defaults]\nas_of = 2026-10-17\n"})
    os.mkdir(os.path.join(os.fsencode(root), b"bad-\xff-name"))
    people, items = planned(root)
    failed = {who: item.error for (who, _), item in items.items() if isinstance(item, Outcome)}
    assert "run's own outputs" in failed["index.html"] and "run's own outputs" in failed["COHORT.JSON"]
    assert "nested too deeply" in failed["deep"]
    assert "is a int, not a str" in failed["typed"]
    assert "not UTF-8" in failed["bad-\\xff-name"]
    assert items[("bad-\\xff-name", FOLDER)].status == "failed"
    assert isinstance(items[("ok", "funnel")], Task)
    assert items[("dated", "funnel")].parameters["as_of"] == "2026-10-17"  # the date the user wrote


@pytest.mark.slow
def test_a_hostile_cohort_run_finishes_with_its_index_and_overview(tmp_path, secret):
    """Six people share a channel holding braces (it reaches the overview), beside a
    linked folder, a linked log, a folder named index.html, a 900-deep careerlib.toml and
    a folder name that is not UTF-8: the run ends with its index and its overview."""
    root = private_cohort(tmp_path / "cohort")
    for i, home in enumerate(sorted(root.iterdir())):
        rows = [
            f"Co {i}-{n},Analyst,{{0}} {{channel}} {{!r}},2026-09-0{n + 1},2026-09-1{n},,,,rejected," for n in range(3)
        ]
        (home / "applications.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    (root / "linked").symlink_to(next(root.iterdir()), target_is_directory=True)
    person(root, "leaky", {}).joinpath("applications.csv").symlink_to(secret)
    person(root, "index.html", {"applications.csv": good_log()})
    person(root, "deep", {"applications.csv": good_log(), "careerlib.toml": "x = " + "{a=" * 900 + "1" + "}" * 900})
    os.mkdir(os.path.join(os.fsencode(root), b"bad-\xff-name"))
    out = tmp_path / "out"
    code = cli.main(["report", "--all", "--cohort", str(root), "--out", str(out), "--jobs", "2"])
    assert code == 1  # some people failed
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    rows = {row["person"]: row for row in index["people"]}
    assert index["overview"]["status"] == "ok", index["overview"]
    assert "symbolic link" in rows["linked"]["note"]
    assert {r["status"] for r in rows["leaky"]["reports"]} == {"failed"}
    assert {r["status"] for r in rows["index.html"]["reports"]} == {"failed"}
    assert {r["status"] for r in rows["deep"]["reports"]} == {"failed"}
    assert rows["bad-\\xff-name"]["reports"][0]["status"] == "failed"
    assert (out / "index.html").is_file() and (out / "cohort.html").is_file()
    overview = json.loads((out / "cohort.json").read_text(encoding="utf-8"))
    labels = [row["channel"] for row in overview["channels"]]
    assert labels and all(label.startswith("channel ") for label in labels), labels  # the braces channel, renamed
    assert "{channel}" not in (out / "cohort.html").read_text(encoding="utf-8")
    for output in out.rglob("*"):
        if output.is_file():
            assert SECRET.encode() not in output.read_bytes(), output
