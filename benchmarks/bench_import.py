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
from pathlib import Path

import pandas as pd

from careerlib import load_applications
from careerlib.sample import synthetic_applications, synthetic_status_sheet

from timing import best_of  # benchmarks/timing.py (this folder is on sys.path when run as a script)


def ratio_line(label: str, seconds: float, bare: float, target: float) -> str:
    ratio = seconds / bare
    return (f"    {label:<34} {seconds:6.2f} s = {ratio:.2f}x the bare read (target <= {target:g}x) "
            f"{'PASS' if ratio <= target else 'MISS'}")


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
            bare = best_of(args.runs, lambda: pd.read_csv(path))
            load = best_of(args.runs, lambda: load_applications(path))
            figures.append((label, path, bare, load, target))
    print(f"{args.rows:,} rows, best of {args.runs} runs each")
    for label, path, bare, load, target in figures:
        print(f"{label}: bare pandas.read_csv {bare:.2f} s")
        print(ratio_line("load_applications", load, bare, target))


if __name__ == "__main__":
    main()
