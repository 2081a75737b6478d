"""Benchmark: reading a large applications log through the importer, as ratios to a bare
``pandas.read_csv`` of the same file measured in the same run (absolute seconds drift on
shared machines). Prints figures, asserts nothing.

    python benchmarks/bench_import.py [--rows 1000000] [--runs 3]

(a) ``load_applications`` on N rows of our template / ``pandas.read_csv``. Target <= 2.5x.
(b) ``load_applications`` on N rows of a status-column sheet (US dates, status words,
    saved jobs left out) / ``pandas.read_csv`` of that file. Target <= 4x.
(c) ``load_applications`` on N rows of a sheet of yes/no flag columns (a stage or an
    outcome per column, read by content) / ``pandas.read_csv``. Target <= 4x.
All files are synthetic (``careerlib.sample``, and ``flag_sheet`` below).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from careerlib import load_applications
from careerlib.sample import synthetic_applications, synthetic_status_sheet


def flag_sheet(n: int, seed: int = 3) -> pd.DataFrame:
    """A stage-per-column log whose stage and outcome columns hold Y/N flags (made up)."""
    rng = np.random.default_rng(seed)
    level = rng.choice(4, size=n, p=[0.7, 0.18, 0.09, 0.03])  # furthest stage: applied .. offer
    days = pd.Timestamp("2020-01-06") + pd.to_timedelta(rng.integers(0, 2000, size=n), unit="D")
    flag = np.array(["N", "Y"], dtype=object)
    return pd.DataFrame(
        {
            "Company": np.char.add("Company ", rng.integers(0, 50_000, size=n).astype(str)),
            "Role": rng.choice(["Analyst", "Engineer", "Data Scientist", "Manager"], size=n),
            "Date Applied": days.strftime("%Y-%m-%d"),
            "Recruiter Call": flag[(level >= 1).astype(int)],
            "Technical Interview": flag[(level >= 2).astype(int)],
            "Offer": flag[(level >= 3).astype(int)],
            "Rejected": flag[((level < 3) & (rng.random(n) < 0.6)).astype(int)],
        }
    )


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
        flags = Path(tmp) / "flag_sheet.csv"
        flag_sheet(args.rows).to_csv(flags, index=False)
        figures = []
        for label, path, target in (
            ("(a) template", template, 2.5),
            ("(b) status-column sheet", sheet, 4.0),
            ("(c) sheet of flag columns", flags, 4.0),
        ):
            bare, load = paired_best(args.runs, lambda p=path: pd.read_csv(p), lambda p=path: load_applications(p))
            figures.append((label, bare, load, target))
    print(f"{args.rows:,} rows, best of {args.runs} runs each, taken in turns")
    for label, bare, load, target in figures:
        print(f"{label}: bare pandas.read_csv {bare:.2f} s")
        print(ratio_line("load_applications", load, bare, target))


if __name__ == "__main__":
    main()
