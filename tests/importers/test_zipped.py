"""Zip members refused on their declared sizes before unpacking, and read within a cap."""

from __future__ import annotations

import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.importers import limits
from careerlib.importers.source import read_source
from careerlib.importers.zipped import BoundedMember, check_member, open_zip, read_member, zip_member
from hostile_files import lying_zip
from import_files import linkedin_zip

MEMBER = re.compile(r"(^|/)a\.csv$")


def info(size: int, compressed: int, flags: int = 0) -> zipfile.ZipInfo:
    found = zipfile.ZipInfo("Jobs/a.csv")
    found.file_size, found.compress_size, found.flag_bits = size, compressed, flags
    return found


def test_declared_sizes_and_ratios_decide_before_any_byte_is_read():
    check_member(info(limits.MAX_MEMBER_BYTES, limits.MAX_MEMBER_BYTES // 10), shown="z")  # a plausible export
    check_member(info(limits.RATIO_FLOOR, 10), shown="z")  # small: its ratio does not matter
    with pytest.raises(DataError, match="at most 64 MiB"):
        check_member(info(limits.MAX_MEMBER_BYTES + 1, limits.MAX_MEMBER_BYTES), shown="z")
    with pytest.raises(DataError, match=r"compressed 1,000 to 1") as caught:
        check_member(info(10 * 2**20, 10 * 2**20 // 1000), shown="z")
    assert caught.value.value == "Jobs/a.csv" and caught.value.file == "z"
    with pytest.raises(DataError, match="password"):
        check_member(info(10, 10, flags=1), shown="z")


def test_a_member_is_read_in_chunks_and_stopped_at_its_cap(tmp_path):
    path = tmp_path / "e.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Jobs/a.csv", b"x,y\n" * 1000)
    assert zip_member(path, MEMBER, shown="e.zip") == ("Jobs/a.csv", b"x,y\n" * 1000)
    assert zip_member(path, re.compile("nothing"), shown="e.zip") is None
    with open_zip(path, shown="e.zip") as archive:
        entry = archive.getinfo("Jobs/a.csv")
        with pytest.raises(DataError, match="at most 100 bytes"):
            read_member(archive, entry, shown="e.zip", limit=100)
        with BoundedMember(archive, entry, shown="e.zip", limit=4000) as stream:
            entry.file_size = 10  # a declaration changed after the check: the count still stops it
            stream.limit = 10
            with pytest.raises(DataError, match="more than it declared"):
                stream.readall()


def test_a_member_that_lies_about_its_size_is_damaged(tmp_path):
    path = lying_zip(tmp_path / "e.zip", "Jobs/a.csv", b"x,y\n" * 1000, declared=40)
    with pytest.raises(DataError, match="damaged"):
        zip_member(path, MEMBER, shown="e.zip")


def test_not_a_zip(tmp_path):
    (tmp_path / "e.zip").write_bytes(b"PK\x03\x04 nothing else")
    with pytest.raises(DataError, match="not a readable zip file"):
        zip_member(tmp_path / "e.zip", MEMBER, shown="e.zip")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_linkedin_zip_gives_a_table_or_a_data_error(tmp_path, data):
    original = linkedin_zip(tmp_path / "export.zip").read_bytes()
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    how = data.draw(st.sampled_from(["truncate", "flip", "size"]), label="how")
    mutated = bytearray(original)
    if how == "truncate":
        mutated = mutated[:position]
    elif how == "flip":
        mutated[position] ^= 0xFF
    else:  # a declared size (local or central header) set to another number
        found = [i for i in range(len(original) - 4) if original[i : i + 4] in (b"PK\x03\x04", b"PK\x01\x02")]
        start = data.draw(st.sampled_from(found))
        offset = 22 if original[start + 2] == 3 else 24
        mutated[start + offset : start + offset + 4] = data.draw(st.integers(0, 2**32 - 1)).to_bytes(4, "little")
    path = tmp_path / "mutated.zip"
    path.write_bytes(bytes(mutated))
    try:
        read_source(path)
    except DataError as err:
        assert err.problem
