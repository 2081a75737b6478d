"""Cohort folders for the cohort tests (synthetic; private-looking names on purpose,
so the privacy tests can look for them in every output)."""

from __future__ import annotations

from pathlib import Path

HEADER = "company,role,channel,applied,screen,interview,offer,accepted,outcome,notes\n"
# Names that must never appear in the overview.
PRIVATE_FOLDERS = [
    "Quentin Marsh-Okafor",
    "Ysolde Brannigan",
    "Tobiah Kleinfeld",
    "Marisol Quenby",
    "Evander Pottinger",
    "Henrike Zwolle",
]
PRIVATE_COMPANY = "Zorblax Widgetworks"


def template_log(rows: list[str]) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


def private_cohort(folder: Path) -> Path:
    """Six people with private-looking folder names; companies include a distinctive
    one; one person sets a change date. Every person uses 'referral'; only two use
    'recruiter' (a group that must be suppressed)."""
    for i, name in enumerate(PRIVATE_FOLDERS):
        home = folder / name
        home.mkdir(parents=True)
        rows = [
            f"{PRIVATE_COMPANY},Analyst {i},referral,2026-09-0{1 + i},2026-09-1{i},,,,rejected,call {name}",
            f"Acme {name},Analyst,job board,2026-09-02,,,,,ghosted,",
            f"Other Co,Analyst,job board,2026-09-03,2026-09-20,2026-09-28,2026-10-0{1 + i},,declined,",
        ]
        if i < 2:
            rows.append(f"Recruit Co {name},Analyst,recruiter,2026-09-05,2026-09-12,,,,rejected,")
        (home / "applications.csv").write_text(template_log(rows), encoding="utf-8")
    return folder
