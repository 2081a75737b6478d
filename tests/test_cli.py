"""The `careerlib` command end to end, as a user or cron runs it."""

from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from careerlib.report import person_reports
from careerlib.sample import synthetic_applications

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
STAGES = ["applied", "screen", "interview", "offer", "accepted"]


def careerlib(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerlib.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def independent_figures(path: Path, as_of: str) -> dict:
    """The funnel's counts and rates from the CSV with plain Python (no careerlib,
    no pandas): reached = furthest stage dated by as_of; an active application
    waits at its furthest stage and is left out of that step's denominator."""
    reached = [0] * 5
    waiting = [0] * 5
    channels: dict[str, list[int]] = {}
    for row in csv.DictReader(path.open()):
        if row["applied"] > as_of:
            continue
        dated = [i for i, s in enumerate(STAGES) if row[s] and row[s] <= as_of]
        later = any(row[s] > as_of for s in STAGES if row[s])
        level = max(dated)
        for i in range(level + 1):
            reached[i] += 1
        active = row["outcome"] == "active" or later
        if active and level < 4:
            waiting[level] += 1
        entry = channels.setdefault(row["channel"].strip().lower(), [0, 0])
        entry[0] += 1
        entry[1] += level >= 3
    rates = [None] + [
        reached[i] / (reached[i - 1] - waiting[i - 1]) if reached[i - 1] - waiting[i - 1] else None for i in range(1, 5)
    ]
    return {"reached": reached, "in_flight": sum(waiting), "rates": rates, "channels": channels}


@pytest.fixture(scope="module")
def my_log(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("private") / "my applications.csv"
    synthetic_applications(n=90, seed=11, start="2026-03-02", weeks=8).to_csv(path, index=False)
    return path


def test_report_json_matches_figures_computed_from_the_csv(my_log, tmp_path):
    run = careerlib(
        "report", "funnel", "-p", "applications_path", str(my_log), "-p", "as_of", "2026-04-20", "--out", str(tmp_path)
    )
    assert run.returncode == 0, run.stderr
    assert "[1/1] funnel" in run.stderr and "ok" in run.stderr
    summary = json.loads((tmp_path / "funnel.json").read_text())
    expected = independent_figures(my_log, "2026-04-20")
    assert summary["report"] == "funnel" and summary["as_of"] == "2026-04-20"
    assert summary["applications"] == expected["reached"][0]
    assert summary["in_flight"] == expected["in_flight"]
    assert [s["stage"] for s in summary["stages"]] == STAGES
    assert [s["reached"] for s in summary["stages"]] == expected["reached"]
    for got, want in zip(summary["stages"], expected["rates"]):
        if want is None:
            assert got["rate"] is None
        else:
            assert math.isclose(got["rate"], want) and got["low"] <= got["rate"] <= got["high"]
    assert {c["channel"]: [c["applications"], c["offers"]] for c in summary["channels"]} == expected["channels"]
    assert summary["applications_needed"] is None or summary["applications_needed"] > 0
    for name in ("funnel.html", "funnel.ipynb", "index.html"):
        assert (tmp_path / name).stat().st_size > 0


def test_bad_file_exits_non_zero_names_the_problem_and_keeps_the_old_report(my_log, tmp_path):
    assert careerlib("report", "funnel", "-p", "applications_path", str(my_log), "--out", str(tmp_path)).returncode == 0
    before = (tmp_path / "funnel.html").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(my_log.read_text().replace("2026-03-0", "2026-03-3", 1))
    run = careerlib("report", "funnel", "-p", "applications_path", str(bad), "--out", str(tmp_path))
    assert run.returncode == 1
    assert "DataError" in run.stderr and "bad.csv, line 2, column 'applied'" in run.stderr
    assert "funnel.failed.ipynb" in run.stderr and "previous report is untouched" in run.stderr
    assert (tmp_path / "funnel.html").read_bytes() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "nope"], "no report called 'nope'"),
        (["report", "funnel", "-p", "colour", "red"], "has no parameter 'colour'"),
        (["report"], "name one report, or pass --all"),
        (["report", "--all", "-p", "as_of", "2026-01-01"], "use --config"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(args, message, tmp_path):
    run = careerlib(*args, "--out", str(tmp_path))
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_config_errors_are_data_errors(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[reports.funnel\n")
    run = careerlib("report", "--all", "--config", str(config), "--out", str(tmp_path))
    assert run.returncode == 1 and "not valid TOML" in run.stderr and "c.toml" in run.stderr


def test_import_linkedin_command(tmp_path):
    export = tmp_path / "Job Applications.csv"
    export.write_text(
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,Question And Answers\n"
        '"3/4/26, 9:15 AM",me@example.com,555-0100,Acme,Analyst,https://example.com/j/1,cv.pdf,\n'
    )
    log = tmp_path / "applications.csv"
    run = careerlib("import-linkedin", str(export), str(log))
    assert run.returncode == 0 and "added 1" in run.stdout
    assert "2026-03-04" in log.read_text() and "me@example.com" not in log.read_text()
    bad = careerlib("import-linkedin", str(log), str(tmp_path / "x.csv"))
    assert bad.returncode == 1 and "not LinkedIn" in bad.stderr


def test_list_shows_reports_parameters_and_their_help():
    run = careerlib("list")
    assert run.returncode == 0
    funnel = run.stdout.split("\n  funnel:\n", 1)[1]
    # the parameter, its default, then the comment the parameters cell gives it
    assert re.match(r"    -p applications_path '[^']+'\n        str: applications log", funnel), funnel[:300]


@pytest.mark.parametrize("args", [["--help"], ["list"], ["report", "--help"]])
def test_help_and_list_answer_without_importing_pandas(args):
    code = (
        "import sys\nfrom careerlib import cli\n"
        f"try:\n    cli.main({args!r})\nexcept SystemExit:\n    pass\n"
        "print('loaded:', [m for m in ('pandas', 'numpy', 'nbconvert', 'scipy') if m in sys.modules])"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.splitlines()[-1] == "loaded: []", run.stdout[-500:] + run.stderr


def test_no_careerlib_module_imports_scipy():
    """scipy is a test tool only (the ``test`` extra): importing every careerlib module leaves it unloaded."""
    code = (
        "import importlib, pkgutil, sys, careerlib\n"
        "for m in pkgutil.walk_packages(careerlib.__path__, 'careerlib.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('scipy' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.stdout.strip() == "False", run.stderr[-2000:]


def test_a_reader_that_goes_away_ends_the_command_quietly():
    """`careerlib list | head -0`: the reader closes the pipe before anything is printed."""
    command = subprocess.Popen(
        [sys.executable, "-m", "careerlib.cli", "list"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    command.stdout.close()  # long before the command has imported what it needs to print
    _, errors = command.communicate(timeout=120)
    assert errors == b"" and command.returncode == 1


def test_all_with_one_failing_report_runs_the_others_and_exits_1(tmp_path):
    config = tmp_path / "careerlib.toml"
    config.write_text('[reports.funnel]\napplications_path = "data/private/does-not-exist.csv"\n')
    run = careerlib("report", "--all", "--config", str(config), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert "funnel" in run.stderr and "FAILED" in run.stderr and "file not found" in run.stderr
    others = set(person_reports(ROOT)) - {"funnel"}  # --all skips group reports (the cohort overview)
    assert all((tmp_path / "out" / f"{name}.html").exists() for name in others)
    assert not (tmp_path / "out" / "funnel.html").exists()
    index = (tmp_path / "out" / "index.html").read_text()
    assert "failed" in index and all(f"{name}.html" in index for name in others)


HTML_RANDOM_IDS = [  # ids that differ between any two runs, whatever the engine
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "UUID"),  # plotly divs
    (re.compile(r"T_[0-9a-f]{5}"), "T_ID"),  # pandas Styler tables
    (re.compile(r"0x[0-9a-f]{6,}"), "0xADDRESS"),  # object reprs
]


def comparable_html(path: Path) -> str:
    text = path.read_text()
    for pattern, replacement in HTML_RANDOM_IDS:
        text = pattern.sub(replacement, text)
    return text


def test_warm_and_kernel_engines_write_the_same_reports(tmp_path):
    """Every report, run by both engines: the same JSON summary files, the same list of
    files, and the same HTML apart from the random ids each run draws."""
    warm = careerlib("report", "--all", "--out", str(tmp_path / "warm"), "--profile")
    kernel = careerlib("report", "--all", "--engine", "kernel", "--out", str(tmp_path / "kernel"))
    assert warm.returncode == 0 and kernel.returncode == 0, warm.stderr + kernel.stderr
    assert "(warm engine)" in warm.stderr and "(kernel engine)" in kernel.stderr
    names = person_reports(ROOT)  # what --all runs (not the cohort overview)
    for out in (tmp_path / "warm", tmp_path / "kernel"):
        written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert written == sorted(
            [f"{n}.{ext}" for n in names for ext in ("html", "ipynb", "json")] + ["index.html", "index.json"]
        )
    for name in names:
        # byte for byte: keys sorted whichever engine carried the summary
        assert (tmp_path / "warm" / f"{name}.json").read_bytes() == (
            tmp_path / "kernel" / f"{name}.json"
        ).read_bytes(), name
        assert comparable_html(tmp_path / "warm" / f"{name}.html") == comparable_html(
            tmp_path / "kernel" / f"{name}.html"
        ), name


def test_progress_and_profile_say_where_the_time_went(tmp_path):
    run = careerlib("report", "funnel", "--out", str(tmp_path), "--profile")
    assert run.returncode == 0, run.stderr
    assert "[1/1] funnel" in run.stderr and "started" in run.stderr and "CPU s" in run.stderr
    assert "profile: warm-up" in run.stderr
    profile = next(line for line in run.stderr.splitlines() if line.startswith("profile: funnel:"))
    assert all(phase in profile for phase in ("start-up", "cells", "render", "write", "CPU s"))
    cells = [line for line in run.stderr.splitlines() if line.strip().startswith("cell ")]
    assert any("nb.publish(funnel.report_summary" in line for line in cells)


def test_unknown_engine_is_a_usage_error(tmp_path):
    run = careerlib("report", "funnel", "--engine", "turbo", "--out", str(tmp_path))
    assert run.returncode == 2 and "invalid choice: 'turbo'" in run.stderr


def test_relative_paths_are_taken_from_the_folder_the_command_runs_in(tmp_path):
    """Issue 18: `cd ~/Downloads && careerlib import "Job Applications.csv"` finds the file there."""
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "My Log.csv").write_text("Company,Date Applied,Status\nAcme,2026-01-05,Applied\n", encoding="utf-8")
    (downloads / "map.toml").write_text('[statuses]\n"Applied" = "applied"\n', encoding="utf-8")
    run = careerlib("import", "My Log.csv", "out.csv", "--map", "map.toml", cwd=downloads)
    assert run.returncode == 0, run.stderr
    assert "Acme" in (downloads / "out.csv").read_text(encoding="utf-8")
    missing = careerlib("import", "Nope.csv", "--dry-run", cwd=downloads)
    assert (
        missing.returncode == 1 and "file not found" in missing.stderr and str(downloads / "Nope.csv") in missing.stderr
    )
    report = careerlib("report", "funnel", "-p", "applications_path", "out.csv", "--out", "reports", cwd=downloads)
    assert report.returncode == 0, report.stderr
    assert json.loads((downloads / "reports" / "funnel.json").read_text(encoding="utf-8"))["applications"] == 1


def test_import_skips_comment_lines_at_the_top_from_another_folder(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    text = "# Applications I sent\n# kept by hand, one per line\nCompany,Date Applied\n#1 Bakery,2026-01-05\n"
    (folder / "notes.csv").write_text(text, encoding="utf-8")
    run = careerlib("import", "notes.csv", "out.csv", cwd=folder)
    assert run.returncode == 0, run.stderr
    assert "lines 1\u20132 start with '#': read as comments, not data" in run.stdout
    assert "#1 Bakery" in (folder / "out.csv").read_text(encoding="utf-8")


def test_import_of_a_file_without_a_header_line_from_another_folder(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    rows = "Acme AB,Developer,2026-01-05\nBeta AB,Tester,2026-01-07\n"
    (folder / "sent.csv").write_text("\nWrong month!\n" + rows, encoding="utf-8")
    first = careerlib("import", "sent.csv", "--dry-run", "--no-input", cwd=folder)
    assert first.returncode == 1 and "Is line 3 the header, or is it data" in first.stderr
    assert 'skip_lines = 2\nheader = ["Column 1", "Column 2", "Column 3"]' in first.stderr
    (folder / "map.toml").write_text('skip_lines = 2\nheader = ["Company", "Role", "Applied"]\n', encoding="utf-8")
    run = careerlib("import", "sent.csv", "out.csv", "--map", "map.toml", cwd=folder)
    assert run.returncode == 0, run.stderr
    assert "lines 1\u20132 skipped as the mapping asks" in run.stdout and "named by the mapping's header" in run.stdout
    assert "Beta AB" in (folder / "out.csv").read_text(encoding="utf-8")


def test_import_fills_down_a_company_written_once_per_group_from_another_folder(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    rows = "Acme,2026-01-05,Applied\n,2026-01-09,Interviewing\n,2026-01-20,Rejected\nBeta,2026-01-06,Applied\n"
    (folder / "grouped.csv").write_text("Company,Date Applied,Status\n" + rows, encoding="utf-8")
    first = careerlib("import", "grouped.csv", "--dry-run", "--no-input", cwd=folder)
    assert first.returncode == 1 and 'or: "fill down"' in first.stderr  # offered beside leaving them out
    (folder / "map.toml").write_text('rows_without_company = "fill down"\n', encoding="utf-8")
    run = careerlib("import", "grouped.csv", "out.csv", "--map", "map.toml", cwd=folder)
    assert run.returncode == 0, run.stderr
    assert "2 row(s) with no company took the company of the nearest row above" in run.stdout
    assert "line 2 -> lines 3, 4" in run.stdout
    assert (folder / "out.csv").read_text(encoding="utf-8").count("Acme") == 3
