"""End to end: everyone's reports from a cohort folder, the overview, Dask, a killed run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from careerlib import cli
from careerlib.cohort import run
from cohort_data import PRIVATE_COMPANY, PRIVATE_FOLDERS, private_cohort

pytestmark = pytest.mark.slow


def statuses(index: dict) -> dict[str, dict[str, str]]:
    return {p["person"]: {r["report"]: r["status"] for r in p["reports"]} for p in index["people"]}


def test_cohort_run_lists_everyone_with_status_and_skips_unchanged(mixed_cohort, tmp_path, capsys):
    (mixed_cohort / "person-4").mkdir()  # nothing careerlib knows
    out = tmp_path / "out"
    code = cli.main(["report", "--all", "--cohort", str(mixed_cohort), "--out", str(out), "--jobs", "2"])
    assert code == 1
    index = json.loads((out / "index.json").read_text())
    assert statuses(index) == {
        "person-1": {"funnel": "ok"},
        "person-2": {"funnel": "failed"},
        "person-3": {"funnel": "ok"},
        "person-4": {},
    }
    error = index["people"][1]["reports"][0]["error"]
    assert "DataError" in error and "person-2/applications.csv, line 3, column 'applied'" in error
    assert index["overview"]["status"] == "ok"  # fewer than 5 people: it runs and suppresses everything
    assert json.loads((out / "cohort.json").read_text())["stages"] == []
    assert {p.name for p in (out / "person-1").iterdir()} == {"funnel.html", "funnel.ipynb", "funnel.json"}
    assert (out / "person-2" / "funnel.failed.ipynb").exists() and not (out / "person-2" / "funnel.json").exists()
    page = (out / "index.html").read_text()
    assert "person-4" in page and "person-2/applications.csv" in page
    err = capsys.readouterr().err
    assert "[people 4/4, reports 3/3, 1 failed" in err and "about" in err

    code = cli.main(["report", "--all", "--cohort", str(mixed_cohort), "--out", str(out)])
    again = json.loads((out / "index.json").read_text())
    assert code == 1 and statuses(again)["person-1"] == {"funnel": "unchanged"}
    assert statuses(again)["person-2"] == {"funnel": "failed"} and again["overview"]["status"] == "unchanged"


def test_overview_holds_no_name_company_or_folder(tmp_path):
    folder = private_cohort(tmp_path / "private")
    out = tmp_path / "overview"
    assert cli.main(["report", "cohort", "--cohort", str(folder), "--out", str(out)]) == 0
    files = sorted(out.glob("cohort.*"))
    assert {f.suffix for f in files} == {".html", ".ipynb", ".json"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        for private in [*PRIVATE_FOLDERS, PRIVATE_COMPANY, "Acme", "Recruit Co"]:
            assert private not in text, f"{private!r} in {path.name}"
    summary = json.loads((out / "cohort.json").read_text())
    assert summary["people"] == 6 and [c["channel"] for c in summary["channels"]] == ["job board", "referral"]
    assert summary["suppressed"] >= 1


def test_dask_local_cluster_gives_the_same_results(mixed_cohort, tmp_path):
    pytest.importorskip("distributed")
    local = run.run_cohort(mixed_cohort, tmp_path / "local", workers=1, overview=False)
    dask = run.run_cohort(mixed_cohort, tmp_path / "dask", dask="local", workers=2, overview=False)
    assert statuses(local) == statuses(dask)
    assert [r["error"] for p in local["people"] for r in p["reports"]] == [
        r["error"] for p in dask["people"] for r in p["reports"]
    ]
    for person in ("person-1", "person-2", "person-3"):
        names = sorted(p.name for p in (tmp_path / "local" / person).iterdir())
        assert names == sorted(p.name for p in (tmp_path / "dask" / person).iterdir())
        for name in names:
            if name.endswith(".json"):
                local_json, dask_json = (tmp_path / side / person / name for side in ("local", "dask"))
                assert local_json.read_text() == dask_json.read_text()


def test_a_killed_run_leaves_earlier_reports_intact(sample_cohort, tmp_path):
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "careerlib.cli",
        "report",
        "--all",
        "--cohort",
        str(sample_cohort),
        "--out",
        str(out),
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    first = out / "person-1" / "funnel.json"
    try:
        deadline = time.monotonic() + 300
        while not first.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        assert first.exists(), "the first report never arrived"
        kept = {p.name: p.read_bytes() for p in first.parent.iterdir()}
        time.sleep(3)  # the second report is under way
        assert process.poll() is None
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert {p.name: p.read_bytes() for p in first.parent.iterdir()} == kept
    for summary in out.glob("*/*.json"):
        json.loads(summary.read_text())  # nothing half-written
        assert summary.with_suffix(".html").exists()
    assert not (out / "person-8" / "funnel.json").exists()


def test_a_dask_worker_dying_mid_task_is_retried(mixed_cohort, tmp_path):
    distributed = pytest.importorskip("distributed")
    import dask

    # Kept for the whole test: the nanny restarts the killed worker with the settings of that moment.
    settings = dask.config.set({"distributed.worker.daemon": False})
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        pids = list(client.run(os.getpid).values())
        killed = []

        def kill_one_worker_once_busy():
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and not killed:
                if any(client.processing().values()):  # a report is under way
                    time.sleep(1.0)
                    os.kill(pids[0], signal.SIGKILL)
                    killed.append(pids[0])
                time.sleep(0.1)

        killer = threading.Thread(target=kill_one_worker_once_busy, daemon=True)
        killer.start()
        index = run.run_cohort(mixed_cohort, tmp_path / "out", dask=cluster.scheduler_address, overview=False)
        killer.join(timeout=5)
    finally:
        client.close()
        cluster.close()
        settings.__exit__(None, None, None)
    assert killed, "no worker was killed"
    assert statuses(index) == {
        "person-1": {"funnel": "ok"},
        "person-2": {"funnel": "failed"},
        "person-3": {"funnel": "ok"},
    }
    assert "DataError" in index["people"][1]["reports"][0]["error"]
