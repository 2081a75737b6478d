"""Benchmark: cohort runs, as ratios to the floor measured in the same run.

    python benchmarks/bench_cohort.py [--people 25] [--big 20000] [--skip-small] [--skip-big]

Floor (``benchmarks/floor.py``): the ``papermill`` command running a one-cell notebook that
imports pandas and plotly.express, from an environment without careerlib.

(a) ``careerlib report --all --cohort`` on a synthetic cohort of 25 people, each with the four
    per-person reports' files (100 reports) plus the overview, on every core.
    Target: at most 25x the floor (moonshot 12x).
(b) the overview alone (``careerlib report cohort --cohort``) on 20,000 people with about
    2 million applications in 20,000 folders. Target: at most 10x the floor (moonshot 5x).
Peak memory is the largest resident size of any process the run started (the kernel, for b).
Then a paper estimate: reports per hour per core, and the Dask workers a weekly run for
20,000 people needs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from floor import measure_floor  # benchmarks/floor.py (this folder is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PERSON_FILES = ("career.csv", "stuck_responses.csv", "assessments.csv", "education_options.toml")
REPORTS_PER_PERSON = 4
WEEKLY_PEOPLE = 20_000
NIGHT_HOURS = 8  # the window a weekly run should fit in


def peak_mb() -> float:
    """Largest resident size (MB) of any finished child process so far (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def timed(command: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"command failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return seconds, done.returncode


def small_cohort(folder: Path, people: int) -> None:
    from careerlib.sample import write_cohort

    for name in write_cohort(folder, people=people, seed=25):
        for file in PERSON_FILES:  # the sample's synthetic career, answers and options, for every person
            shutil.copy(ROOT / "data" / "sample" / file, folder / name / file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=25)
    parser.add_argument("--big", type=int, default=WEEKLY_PEOPLE)
    parser.add_argument("--skip-small", action="store_true")
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args()
    cores = os.cpu_count() or 1

    floor = measure_floor()
    print(f"floor: papermill runs a one-cell notebook (pandas, plotly.express) in {floor:.2f} s")
    rate = None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.skip_small:
            small_cohort(tmp / "small", args.people)
            command = [str(BIN / "careerlib"), "report", "--all", "--cohort", str(tmp / "small")]
            command += ["--out", str(tmp / "small-out")]
            seconds, code = timed(command)
            index = json.loads((tmp / "small-out" / "index.json").read_text())
            reports = index["cohort"]["reports"]
            print(
                f"(a) {args.people} people, {reports} reports + overview on {cores} cores: {seconds:.1f} s = "
                f"{seconds / floor:.1f}x the floor (target <= 25x, moonshot 12x); "
                f"{index['cohort']['failed']} failed, overview {index['overview']['status']}, exit {code}; "
                f"peak memory {peak_mb():.0f} MB"
            )
            rate = reports / seconds * 3600 / cores
            again, _ = timed(command)  # the same run again: every report is unchanged
            print(f"    re-run with nothing changed: {again:.1f} s = {again / floor:.1f}x the floor")
        if not args.skip_big:
            from careerlib.sample import write_cohort

            started = time.perf_counter()
            write_cohort(tmp / "big", people=args.big, seed=20, mean_size=100)
            made = time.perf_counter() - started
            seconds, code = timed(
                [
                    str(BIN / "careerlib"),
                    "report",
                    "cohort",
                    "--cohort",
                    str(tmp / "big"),
                    "--out",
                    str(tmp / "big-out"),
                ]
            )
            summary = json.loads((tmp / "big-out" / "cohort.json").read_text()) if code == 0 else {}
            rows = summary.get("applications", 0)
            print(
                f"(b) overview alone, {args.big:,} people, {rows:,} applications in {args.big:,} folders "
                f"(written in {made:.0f} s, not timed): {seconds:.1f} s = {seconds / floor:.1f}x the floor "
                f"(target <= 10x, moonshot 5x); exit {code}; peak memory {peak_mb():.0f} MB"
            )
    if rate:
        weekly = WEEKLY_PEOPLE * REPORTS_PER_PERSON
        core_hours = weekly / rate
        print(
            f"paper estimate: {rate:.0f} reports per hour per core here; a weekly run for {WEEKLY_PEOPLE:,} people "
            f"({weekly:,} reports) needs {core_hours:.0f} core-hours, i.e. {math.ceil(core_hours / NIGHT_HOURS)} "
            f"single-core Dask workers to finish in {NIGHT_HOURS} hours (plus the overview, one process)"
        )


if __name__ == "__main__":
    main()
