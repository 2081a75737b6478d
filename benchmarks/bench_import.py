"""Benchmark: reading a large applications log through the importer, as ratios to a bare
``pandas.read_csv`` of the same file measured in the same run (absolute seconds drift on
shared machines). Prints figures, asserts nothing.

    python benchmarks/bench_import.py [--rows 1000000] [--runs 3]

(a) ``load_applications`` on N rows of our template / ``pandas.read_csv``. Target <= 2.5x.
(b) ``load_applications`` on N rows of a status-column sheet (US dates, status words,
    saved jobs left out) / ``pandas.read_csv`` of that file. Target <= 4x.
Both files are synthetic (``careerlib.sample``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from careerlib import load_applications
from careerlib.sample import synthetic_applications, synthetic_status_sheet


def paired_best(runs: int, floor, work) -> tuple[float, float]:
    """Fastest of ``runs`` timings of each, taken in turns (floor, work, floor, ...) so a
    burst of load from other processes on a shared machine hits both sides alike."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for slot, job in enumerate((floor, work)):
            started = time.perf_counter()
            job()
            timings[slot].append(time.perf_counter() - started)
    return min(timings[0]), min(timings[1])


def ratio_line(label: str, seconds: float, bare: float, target: float) -> str:
    ratio = seconds / bare
    return (
        f"    {label:<34} {seconds:6.2f} s = {ratio:.2f}x the bare read (target <= {target:g}x) "
        f"{'PASS' if ratio <= target else 'MISS'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timings per figure; the fastest is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "applications.csv"
        synthetic_applications(n=args.rows, seed=3, start="2020-01-06", weeks=300).to_csv(template, index=False)
        sheet = Path(tmp) / "status_sheet.csv"
        synthetic_status_sheet(n=args.rows, seed=3).to_csv(sheet, index=False)
        figures = []
        for label, path, target in (("(a) template", template, 2.5), ("(b) status-column sheet", sheet, 4.0)):
            bare, load = paired_best(args.runs, lambda p=path: pd.read_csv(p), lambda p=path: load_applications(p))
            figures.append((label, bare, load, target))
    print(f"{args.rows:,} rows, best of {args.runs} runs each, taken in turns")
    for label, bare, load, target in figures:
        print(f"{label}: bare pandas.read_csv {bare:.2f} s")
        print(ratio_line("load_applications", load, bare, target))


if __name__ == "__main__":
    main()
