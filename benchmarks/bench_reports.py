"""Benchmark: the report runner and the funnel on a large log, as ratios to floors
measured in the same run (absolute seconds drift on shared machines).

    python benchmarks/bench_reports.py [--rows 1000000] [--skip-reports] [--skip-large-log] [--runs N]

Floor (benchmarks/floor.py): the `papermill` command line running a one-cell notebook
that imports pandas and plotly.express, from a venv with the same papermill, pandas and
plotly versions but without careerlib (built once under ~/.cache/careerlib-bench/).

(a) `careerlib report --all` (the sample reports, warm engine) / floor, per four reports. Target: at most 1.5x.
(b) 40 reports in one command (a cohort of people who each hold the sample files:
    `careerlib report --all --cohort DIR --force`, overview included) / floor. Target: at most 10x.
    The warm engine lives only as long as its command, so it is one command that serves many
    reports from one warm start. For comparison (no target): the same 40 reports as runs of
    `careerlib report --all` one after another, each command paying its own start-up.
(c) each report's HTML size. Target: at most 2 MB.
(d) CPU seconds per report (the command and every process it waited for), warm and kernel engines.
    CPU ratios are printed too: on a shared machine they move less than wall-clock ones.
(e) on a synthetic log of N applications: `load_applications`, `funnel.summary` and
    `funnel.summary(by="channel")` / a bare `pandas.read_csv` of the same file.
    Targets: loading at most 3x, each summary at most 1x.
"""

from __future__ import annotations

import argparse
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from floor import measure_floor  # benchmarks/ is on sys.path when run as a script
from timing import best_of

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MB = 1024 * 1024


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report_all(out: str, engine: str = "warm") -> tuple[float, float]:
    """Wall and CPU seconds of one `careerlib report --all` run."""
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run(
        [str(BIN / "careerlib"), "report", "--all", "--engine", engine, "--out", out],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, children_cpu() - cpu


def sample_cohort(folder: Path, people: int) -> Path:
    """``people`` folders, each holding every sample input under its usual cohort name."""
    from careerlib.cohort.folders import KNOWN_FILES

    sample = ROOT / "data" / "sample"
    for number in range(1, people + 1):
        person = folder / f"person-{number:02d}"
        person.mkdir(parents=True)
        for name in KNOWN_FILES:
            if (sample / name).is_file():
                shutil.copyfile(sample / name, person / name)
    return folder


def cohort_run(cohort: Path, out: str) -> float:
    """Wall seconds of one `careerlib report --all --cohort` run, every report redone."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "careerlib"), "report", "--all", "--cohort", str(cohort), "--out", out, "--force"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def report_figures(runs: int | None) -> None:
    from careerlib.report import person_reports

    reports = person_reports(ROOT)  # what `--all` runs (the cohort overview is not one person's report)
    k = len(reports)
    cpu_before = children_cpu()
    floor = measure_floor()
    floor_cpu = (children_cpu() - cpu_before) / 4  # measure_floor runs it 4 times (one unmeasured warm-up)
    print(
        f"floor: papermill runs a one-cell notebook (import pandas, plotly.express), no careerlib: {floor:.2f} s, "
        f"{floor_cpu:.2f} CPU s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        timings = [report_all(tmp) for _ in range(3)]
        wall = min(w for w, _ in timings)
        cpu = min(c for _, c in timings)
        per_four = wall / floor * 4 / k  # the target is set per four reports
        print(
            f"(a) careerlib report --all: {k} reports in {wall:.2f} s (best of 3) = {wall / floor:.2f}x the floor, "
            f"{per_four:.2f}x per four reports (target <= 1.5x) {verdict(per_four <= 1.5)}; CPU {cpu:.2f} s = "
            f"{cpu / floor_cpu:.2f}x the floor's (less sensitive to other load on the machine)"
        )
        people = math.ceil(40 / k)
        cohort = sample_cohort(Path(tmp) / "cohort", people)
        many = min(cohort_run(cohort, str(Path(tmp) / "cohort-out")) for _ in range(2))
        per_forty = many / floor * 40 / (people * k)  # the target is set for 40 reports
        print(
            f"(b) {people * k} reports in one command (a cohort of {people} people x {k} sample reports, "
            f"overview included) in {many:.1f} s (best of 2) = {many / floor:.2f}x the floor, "
            f"{per_forty:.2f}x per 40 reports (target <= 10x) {verdict(per_forty <= 10)}"
        )
        runs = people if runs is None else runs
        if runs:
            started = time.perf_counter()
            for _ in range(runs):
                report_all(tmp)
            one_by_one = time.perf_counter() - started
            print(
                f"    for comparison, {runs * k} reports as {runs} runs of --all one after another: "
                f"{one_by_one:.1f} s = {one_by_one / floor * 40 / (runs * k):.2f}x per 40 reports "
                "(no target: every command pays its own start-up)"
            )
        sizes = {name: (Path(tmp) / f"{name}.html").stat().st_size for name in reports}
        print(
            "(c) report HTML size (target <= 2 MB): "
            + ", ".join(f"{name} {size / MB:.2f} MB {verdict(size <= 2 * MB)}" for name, size in sizes.items())
        )
        kernel_wall, kernel_cpu = report_all(tmp, engine="kernel")
        print(
            f"(d) CPU per report: warm engine {cpu / k:.2f} s (whole command incl. its start-up / {k}); "
            f"kernel engine {kernel_cpu / k:.2f} s. For scale: --engine kernel took {kernel_wall:.1f} s wall "
            f"= {kernel_wall / floor:.2f}x the floor"
        )


def large_log_figures(rows: int) -> None:
    import pandas as pd

    from careerlib import funnel, load_applications
    from careerlib.sample import synthetic_applications

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "applications.csv"
        synthetic_applications(n=rows, seed=3, start="2020-01-06", weeks=300).to_csv(path, index=False)
        bare = best_of(3, lambda: pd.read_csv(path))
        load = best_of(3, lambda: load_applications(path))
        apps = load_applications(path)
        overall = best_of(3, lambda: funnel.summary(apps))
        by_channel = best_of(3, lambda: funnel.summary(apps, by="channel"))
    print(f"(e) {rows:,} applications; bare pandas.read_csv {bare:.2f} s")
    for label, seconds, target in (
        ("load_applications", load, 3.0),
        ("funnel.summary", overall, 1.0),
        ("funnel.summary(by='channel')", by_channel, 1.0),
    ):
        ratio = seconds / bare
        print(
            f"    {label:<30} {seconds:6.2f} s = {ratio:.2f}x the bare read (target <= {target:.0f}x) "
            f"{verdict(ratio <= target)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--runs", type=int, help="runs of --all one after another, compared with (b) (default: 40 reports; 0: skip)"
    )
    parser.add_argument("--skip-reports", action="store_true", help="only the large-log figures (e)")
    parser.add_argument("--skip-large-log", action="store_true", help="only the report figures (a)-(d)")
    args = parser.parse_args()
    if not args.skip_reports:
        report_figures(args.runs)
    if not args.skip_large_log:
        large_log_figures(args.rows)


if __name__ == "__main__":
    main()
