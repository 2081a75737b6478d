"""Small hostile files must cost little: each is read in a fresh process, which reports
its own peak memory; the bound (1 GiB) is a correctness bound, not a timing."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from careerlib.importers import limits
from hostile_files import bomb_zip, cell, log_rows, lying_zip, raw_xlsx, sheet_xml

GIB = 2**30
TESTS = Path(__file__).resolve().parents[1]
PROBE = """
import json, resource, sys
from careerlib import DataError
from careerlib.importers.merge import import_applications
try:
    merge = import_applications(sys.argv[1])
    outcome = {"read": merge.summary.imported if merge.summary else merge.roles}
except DataError as err:
    outcome = {"error": err.problem, "value": None if err.value is None else str(err.value)}
outcome["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps(outcome))
"""


def probe(path: Path) -> dict:
    """What ``careerlib import --dry-run`` would do with the file, run in its own process."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=path.parent, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]  # a traceback is a failure
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_small_workbook_claiming_the_largest_sheet_is_read_as_what_it_holds(tmp_path):
    rows = {n: f'<row r="{n}" spans="1:16384"/>' for n in (5, 1_048_576)}
    path = raw_xlsx(tmp_path / "log.xlsx", {"Log": sheet_xml({**log_rows(), **rows}, dimension="A1:XFD1048576")})
    assert path.stat().st_size < 5_000
    outcome = probe(path)
    assert outcome["read"] == 2 and outcome["peak"] < GIB


def test_one_far_cell_is_refused_without_a_huge_array(tmp_path):
    path = raw_xlsx(tmp_path / "log.xlsx", {"Log": sheet_xml({**log_rows(), 1_048_576: cell("XFD1048576", "x")})})
    outcome = probe(path)
    assert outcome["value"] == "XFD1048576" and f"{limits.MAX_ROWS:,} rows" in outcome["error"]
    assert outcome["peak"] < GIB


@pytest.mark.slow  # over 20 s on a busy 2-core machine: `make test-fast` leaves it out
def test_millions_of_empty_formatted_cells_are_parsed_without_being_kept(tmp_path):
    cells = "".join(f'<c r="A{n}" s="1"/>' for n in range(4, 3_000_004))
    xml = sheet_xml(log_rows()).replace("</sheetData>", f'<row r="4">{cells}</row></sheetData>')
    path = raw_xlsx(tmp_path / "log.xlsx", {"Log": xml})
    outcome = probe(path)
    assert outcome["read"] == 2 and outcome["peak"] < GIB


@pytest.mark.parametrize("member", ["Jobs/Job Applications.csv", "Positions.csv"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, member):
    path = bomb_zip(tmp_path / "Basic_LinkedInDataExport.zip", member, 450 * 2**20)
    assert path.stat().st_size < 2 * 2**20
    if member == "Positions.csv":  # the applications must be there for the zip to be read on
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("Jobs/Job Applications.csv", "Application Date,Company Name,Job Title\n")
    outcome = probe(path)
    assert outcome["value"] == member and "MiB" in outcome["error"] and outcome["peak"] < GIB


def test_a_zip_member_below_the_size_limit_but_compressed_like_a_bomb_is_refused(tmp_path):
    path = bomb_zip(tmp_path / "export.zip", "Jobs/Job Applications.csv", 60 * 2**20)
    outcome = probe(path)
    assert f"more than {limits.MAX_RATIO} to 1" in outcome["error"] and outcome["peak"] < GIB


def test_a_zip_member_that_unpacks_to_more_than_it_declares_is_refused(tmp_path):
    data = b"Application Date,Company Name,Job Title\n" + b"1/1/24,Acme,Analyst\n" * 200_000
    path = lying_zip(tmp_path / "export.zip", "Jobs/Job Applications.csv", data, declared=1000)
    outcome = probe(path)
    assert "damaged" in outcome["error"] and outcome["peak"] < GIB


def test_a_workbook_sheet_compressed_like_a_bomb_is_refused(tmp_path):
    xml = sheet_xml(log_rows()).replace("</worksheet>", " " * (200 * 2**20) + "</worksheet>")
    path = raw_xlsx(tmp_path / "log.xlsx", {"Log": xml})
    assert path.stat().st_size < 2 * 2**20
    outcome = probe(path)
    assert "to 1" in outcome["error"] and outcome["peak"] < GIB
