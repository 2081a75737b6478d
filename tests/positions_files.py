"""LinkedIn ``Positions.csv`` files built for the tests (every role made up), shared by
the tests of its reader (``tests/importers/test_positions.py``) and of merging it into
``career.csv`` (``tests/logs/test_career.py``)."""

from __future__ import annotations

from pathlib import Path

HEADER = "Company Name,Title,Description,Location,Started On,Finished On"
# Newest first, as LinkedIn writes it; made up for these tests.
ROLES = [
    'Coastline Health,Analytics Manager,"Runs the claims team,\nfour people",Remote,Jun 2021,',
    "Harbor & Pine,Team Lead,,Boston,Aug 2018,May 2021",
    "Harbor & Pine,Senior Analyst,,Boston,May 2016,Aug 2018",
    "Northwind,Analyst,Dashboards,,2012,2016",
]


def positions_file(tmp_path: Path, *rows: str, name: str = "Positions.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path
