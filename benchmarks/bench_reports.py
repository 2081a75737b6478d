"""Benchmark: the report runner and the funnel on a large log, as ratios to floors
measured in the same run (absolute seconds drift on shared machines).

    python benchmarks/bench_reports.py [--rows 1000000] [--skip-reports]

(a) `careerlib report --all` wall time / floor of starting one kernel that imports
    pandas and plotly. Target: at most k/c + 1 for k reports on c cores.
(b) the same reports one by one through the `papermill` and `jupyter nbconvert --to html`
    command lines / `careerlib report --all`. Target: at least 1.5x.
(c) on a synthetic log of N applications: `load_applications`, `funnel.summary` and
    `funnel.summary(by="channel")` / a bare `pandas.read_csv` of the same file.
    Targets: loading at most 3x, each summary at most 1x.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import best_of  # benchmarks/timing.py (this folder is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def kernel_floor() -> float:
    """Start one python3 kernel, import pandas and plotly in it, shut it down."""
    from jupyter_client.manager import start_new_kernel

    def once() -> None:
        manager, client = start_new_kernel(kernel_name="python3")
        try:
            client.execute_interactive("import pandas, plotly.graph_objects", timeout=120)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)

    return best_of(3, once)


def run(command: list[str]) -> None:
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def report_figures() -> None:
    from careerlib.report import available_reports

    reports = available_reports(ROOT)
    cores = os.cpu_count() or 1
    floor = kernel_floor()
    with tempfile.TemporaryDirectory() as tmp:
        runner = best_of(2, lambda: run([str(BIN / "careerlib"), "report", "--all", "--out", tmp]))

        def chain() -> None:
            for name in reports:
                executed = Path(tmp) / f"chain-{name}.ipynb"
                run([str(BIN / "papermill"), "--cwd", str(ROOT), "--no-progress-bar", str(ROOT / "notebooks" / f"{name}.ipynb"), str(executed)])
                run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)])

        command_lines = best_of(1, chain)
    k = len(reports)
    target_a = k / cores + 1
    print(f"(a) careerlib report --all: {k} reports on {cores} cores in {runner:.1f} s; "
          f"one-kernel floor {floor:.2f} s -> {runner / floor:.2f}x the floor (target <= {target_a:.2f}x) "
          f"{'PASS' if runner / floor <= target_a else 'MISS'}")
    print(f"(b) papermill + nbconvert command lines, one by one: {command_lines:.1f} s -> careerlib is "
          f"{command_lines / runner:.2f}x faster (target >= 1.5x) {'PASS' if command_lines / runner >= 1.5 else 'MISS'}")


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
    print(f"(c) {rows:,} applications; bare pandas.read_csv {bare:.2f} s")
    for label, seconds, target in (("load_applications", load, 3.0), ("funnel.summary", overall, 1.0),
                                   ("funnel.summary(by='channel')", by_channel, 1.0)):
        ratio = seconds / bare
        print(f"    {label:<30} {seconds:6.2f} s = {ratio:.2f}x the bare read (target <= {target:.0f}x) "
              f"{'PASS' if ratio <= target else 'MISS'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-reports", action="store_true", help="only the large-log figures (c)")
    args = parser.parse_args()
    if not args.skip_reports:
        report_figures()
    large_log_figures(args.rows)


if __name__ == "__main__":
    main()
