"""The cohort's local executor: one forked worker per task, a dying worker fails only its own task."""

from __future__ import annotations

import os

from careerlib.cohort import executors
from careerlib.cohort.tasks import Outcome, Task


def _task(person: str) -> Task:
    return Task(person=person, report="funnel", parameters={}, files={}, root_hint="")


def _dies_for_ann(task: Task) -> Outcome:
    if task.person == "ann":
        os._exit(3)  # as a worker killed mid-report would end
    return Outcome(task.person, task.report, "ok", files={"pid": str(os.getpid()).encode()})


def test_a_worker_that_dies_fails_only_its_own_task(monkeypatch):
    monkeypatch.setattr(executors, "execute", _dies_for_ann)
    people = ["bo", "ann", "cy", "di", "ed", "fay"]
    outcomes = {outcome.person: outcome for outcome in executors._results([_task(p) for p in people], None, 2)}
    assert set(outcomes) == set(people)
    assert outcomes["ann"].status == "failed" and "exit code 3" in outcomes["ann"].error
    assert all(outcomes[p].status == "ok" for p in people if p != "ann")
    # each task had a fresh process of its own, none of them this one
    pids = {outcomes[p].files["pid"] for p in people if p != "ann"}
    assert len(pids) == 5 and str(os.getpid()).encode() not in pids
