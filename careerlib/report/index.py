"""``index.html`` (and ``index.json``, its record) in the output folder: every
report of the last run, its status, time and files."""

from __future__ import annotations

import html
import json
import time
from dataclasses import asdict
from pathlib import Path

from careerlib.io import atomic_write_text
from careerlib.report.execute import ReportResult


def write_index(results: list[ReportResult], out_dir: Path) -> Path:
    """``index.html``: every report of the last run, its status, time and files.
    Results of reports not in this run stay listed from the previous index."""
    record_path = out_dir / "index.json"
    previous = {}
    if record_path.exists():
        try:
            previous = {r["name"]: r for r in json.loads(record_path.read_text())["reports"]}
        except (ValueError, KeyError, TypeError):
            previous = {}
    when = time.strftime("%Y-%m-%d %H:%M")
    for result in results:
        record = {key: value for key, value in asdict(result).items() if key not in {"timings", "cells"}}
        previous[result.name] = {**record, "finished": when}
    rows = [previous[name] for name in sorted(previous)]
    atomic_write_text(record_path, json.dumps({"reports": rows}, indent=2) + "\n")
    atomic_write_text(out_dir / "index.html", _index_html(rows))
    return out_dir / "index.html"


def _index_html(rows: list[dict]) -> str:
    esc = html.escape
    body = []
    for row in rows:
        name = row["name"]
        ok = row["status"] == "ok"
        links = (
            " · ".join(
                f'<a href="{esc(name)}.{ext}">{label}</a>'
                for ext, label in (("html", "report"), ("json", "summary"), ("ipynb", "notebook"))
            )
            if ok
            else esc(row.get("error") or "failed")
        )
        body.append(
            f"<tr><td>{esc(name.replace('_', ' '))}</td><td class='{'ok' if ok else 'bad'}'>{esc(row['status'])}</td>"
            f"<td>{row['seconds']:.1f} s</td><td>{esc(row.get('finished', ''))}</td><td>{links}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>careerlib reports</title>
<style>body{{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:56rem;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{padding:.45rem .7rem;border-bottom:1px solid #ddd;text-align:left}}
.ok{{color:#2f7d4a}}.bad{{color:#b8405e}}</style></head>
<body><h1>careerlib reports</h1>
<table><tr><th>report</th><th>status</th><th>run time</th><th>finished</th><th>files</th></tr>
{"".join(body)}
</table></body></html>
"""
