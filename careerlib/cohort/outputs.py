"""What a cohort run writes into ``OUT``: each task's files (all or nothing), the
manifest of unchanged reports, and ``index.json`` + ``index.html``."""

from __future__ import annotations

import html
import json
import os
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from careerlib.cohort import folders
from careerlib.cohort.tasks import Outcome
from careerlib.io import atomic_write_bytes, atomic_write_text

MANIFEST = ".careerlib-cohort.json"
STAGING = ".staging-"


# --------------------------------------------------------------------------- writing results
def install(outcome: Outcome, out_dir: Path) -> list[str]:
    """Write a task's files into ``OUT/<person>/``, all or nothing: staging folder first,
    then one ``os.replace`` per file. A failed report leaves the previous outputs; an
    outcome with no files (a folder that could not be read) writes nothing."""
    if not outcome.files:
        return []
    home = out_dir / outcome.person
    home.mkdir(parents=True, exist_ok=True)
    staging = home / f"{STAGING}{outcome.report}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, content in outcome.files.items():
            atomic_write_bytes(staging / name, content)
        for name in outcome.files:
            os.replace(staging / name, home / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if outcome.status == "ok":
        (home / f"{outcome.report}.failed.ipynb").unlink(missing_ok=True)
    return sorted(outcome.files)


def _clean(out_dir: Path) -> None:
    """Staging left by a killed run (we hold the folder's lock, so they are ours)."""
    for leftover in out_dir.glob(f"*/{STAGING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


# --------------------------------------------------------------------------- manifest
def _read_manifest(out_dir: Path, force: bool) -> dict:
    path = out_dir / MANIFEST
    if force or not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return {}  # unreadable: everything runs again


def _write_manifest(out_dir: Path, manifest: dict) -> None:
    atomic_write_text(out_dir / MANIFEST, json.dumps(manifest, indent=0, sort_keys=True) + "\n")


# --------------------------------------------------------------------------- index
def write_index(
    people: list[folders.Person], outcomes: Iterable[Outcome], overview: dict | None, out_dir: Path
) -> dict:
    """``index.json`` and ``index.html``: every person, every report, its status."""
    by_person: dict[str, list[dict]] = {p.name: [] for p in people}
    skipped = {p.name: p.skipped for p in people if p.skipped}
    for outcome in outcomes:
        row = {k: v for k, v in asdict(outcome).items() if k not in ("person", "files")}
        row["seconds"] = round(row["seconds"], 2)
        by_person[outcome.person].append(row)
    rows = [
        {
            "person": name,
            "reports": sorted(reports, key=lambda r: r["report"]) or [],
            "note": None
            if reports
            else skipped.get(name) or "no files careerlib knows (see the README's cohort section)",
        }
        for name, reports in by_person.items()
    ]
    statuses = [r["status"] for person in rows for r in person["reports"]]
    index = {
        "cohort": {
            "people": len(rows),
            "reports": len(statuses),
            "ok": statuses.count("ok"),
            "unchanged": statuses.count("unchanged"),
            "failed": statuses.count("failed"),
            "finished": time.strftime("%Y-%m-%d %H:%M"),
        },
        "overview": overview,
        "people": rows,
    }
    # A file name with a byte that is not UTF-8 may reach an error message: saved as \udcff, not a crash.
    text = json.dumps(index, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(out_dir / "index.json", text.encode("utf-8", "backslashreplace"))
    atomic_write_bytes(out_dir / "index.html", _index_html(index).encode("utf-8", "backslashreplace"))
    return index


def failed(index: dict) -> int:
    """How many reports (and the overview) failed in the run described by ``index``."""
    overview = index.get("overview") or {}
    return index["cohort"]["failed"] + (overview.get("status") == "failed")


def _index_html(index: dict) -> str:
    esc = html.escape
    body = []
    overview = index.get("overview")
    if overview:
        ok = overview["status"] != "failed"
        links = (
            '<a href="cohort.html">overview</a> · <a href="cohort.json">summary</a>'
            if ok
            else esc(overview["error"] or "")
        )
        body.append(
            f"<tr><td><b>everyone</b></td><td>overview</td><td class='{'ok' if ok else 'bad'}'>"
            f"{esc(overview['status'])}</td><td>{overview['seconds']:.1f} s</td><td>{links}</td></tr>"
        )
    for person in index["people"]:
        name = esc(person["person"])
        if not person["reports"]:
            body.append(f"<tr><td>{name}</td><td>–</td><td>none</td><td></td><td>{esc(person['note'])}</td></tr>")
        for row in person["reports"]:
            ok = row["status"] != "failed"
            base = esc(f"{quote(person['person'])}/{quote(row['report'])}")  # a folder name may hold '#' or '?'
            links = (
                f'<a href="{base}.html">report</a> · <a href="{base}.json">summary</a>'
                if ok
                else esc(row["error"] or "failed")
            )
            body.append(
                f"<tr><td>{name}</td><td>{esc(row['report'].replace('_', ' '))}</td>"
                f"<td class='{'ok' if ok else 'bad'}'>{esc(row['status'])}</td><td>{row['seconds']:.1f} s</td>"
                f"<td>{links}</td></tr>"
            )
    c = index["cohort"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>careerlib cohort reports</title>
<style>body{{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:64rem;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{padding:.4rem .7rem;border-bottom:1px solid #ddd;text-align:left}}
.ok{{color:#2f7d4a}}.bad{{color:#b8405e}}</style></head>
<body><h1>careerlib cohort reports</h1>
<p>{c["people"]} people, {c["reports"]} reports: {c["ok"]} ran ok, {c["unchanged"]} unchanged since the last run,
{c["failed"]} failed. Finished {esc(c["finished"])}.</p>
<table><tr><th>person</th><th>report</th><th>status</th><th>run time</th><th>files</th></tr>
{"".join(body)}
</table></body></html>
"""
