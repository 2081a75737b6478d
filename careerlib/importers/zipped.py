"""Members of a zip file (LinkedIn's data download, the parts of an .xlsx workbook) read
within bounds: a member is refused on its declared size and compression ratio before a
byte of it is decompressed, and read as a stream that stops at the limit, because the
declared sizes are written by whoever made the file and can lie.
"""

from __future__ import annotations

import io as _io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from careerlib.errors import DataError
from careerlib.importers import limits
from careerlib.io import resolve_path

CHUNK = 2**20
# What a damaged member raises while it is decompressed: a bad CRC or header, a truncated
# stream, an encrypted member, a compression method Python does not have.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError)


def mib(size: int) -> str:
    """A size in words for messages: MiB from one MiB up, else bytes."""
    return f"{size / 2**20:,.0f} MiB" if size >= 2**20 else f"{size:,} bytes"


@contextmanager
def open_zip(path: str | os.PathLike, *, shown: str, what: str = "zip file") -> Iterator[zipfile.ZipFile]:
    """The archive, or a DataError when it is not a readable zip (only opening is guarded
    here: errors raised by the caller's reading pass through unchanged)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        raise DataError(f"not a readable {what} ({_reason(err)})", file=shown) from None
    with archive:
        yield archive


def check_member(info: zipfile.ZipInfo, *, shown: str, limit: int = limits.MAX_MEMBER_BYTES) -> None:
    """Refuse, from the zip's own directory, a member no real export is: larger than
    ``limit`` once decompressed, or compressed more than ``limits.MAX_RATIO`` to 1."""
    if info.flag_bits & 0x1:
        raise DataError(
            "a file in this zip is password-protected; extract it and import it", file=shown, value=info.filename
        )
    if info.file_size > limit:
        raise DataError(
            f"a file in this zip would be {mib(info.file_size)} once unpacked; careerlib reads files of at most "
            f"{mib(limit)} from a zip",
            file=shown,
            value=info.filename,
        )
    if info.file_size > limits.RATIO_FLOOR and info.file_size > limits.MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size / max(info.compress_size, 1)
        raise DataError(
            f"a file in this zip is compressed {ratio:,.0f} to 1 ({mib(info.compress_size)} unpacking to "
            f"{mib(info.file_size)}); real exports compress far less, and careerlib refuses more than "
            f"{limits.MAX_RATIO} to 1 (a 'zip bomb')",
            file=shown,
            value=info.filename,
        )


class BoundedMember(_io.RawIOBase):
    """A member's decompressed bytes as a stream that raises a DataError past ``limit``
    bytes (whatever the member declared) and turns a damaged member into a DataError."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, shown: str, limit: int):
        super().__init__()
        check_member(info, shown=shown, limit=limit)
        self.info, self.shown, self.limit, self.count = info, shown, limit, 0
        try:
            self._stream = archive.open(info)
        except _DAMAGE as err:
            raise self._damaged(err) from None

    def readable(self) -> bool:
        """Always: the member is opened for reading (io.RawIOBase's protocol)."""
        return True

    def read(self, size: int = -1) -> bytes:
        """At most ``size`` bytes (a chunk at most); a DataError once the member unpacks past its limit."""
        size = CHUNK if size is None or size < 0 else min(size, CHUNK)
        try:
            data = self._stream.read(size)
        except _DAMAGE as err:
            raise self._damaged(err) from None
        self.count += len(data)
        if self.count > self.limit:
            raise DataError(
                f"a file in this zip unpacks to more than {mib(self.limit)} (more than it declared); careerlib "
                f"reads files of at most {mib(self.limit)} from a zip",
                file=self.shown,
                value=self.info.filename,
            )
        return data

    def readall(self) -> bytes:
        """The rest of the member, chunk by chunk (each checked by :meth:`read`)."""
        chunks = []
        while chunk := self.read(CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Close the member's stream (the archive stays open)."""
        if not self.closed and hasattr(self, "_stream"):
            self._stream.close()
        super().close()

    def _damaged(self, err: BaseException) -> DataError:
        return DataError(f"a file in this zip is damaged ({_reason(err)})", file=self.shown, value=self.info.filename)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, shown: str, limit: int) -> bytes:
    """The member's bytes, read in chunks up to ``limit`` (see :class:`BoundedMember`)."""
    with BoundedMember(archive, info, shown=shown, limit=limit) as stream:
        return stream.readall()


def zip_member(path, pattern: re.Pattern, *, shown: str) -> tuple[str, bytes] | None:
    """(name, bytes) of the first member whose name matches ``pattern``, or None."""
    with open_zip(resolve_path(path), shown=shown) as archive:
        found = next((i for i in archive.infolist() if pattern.search(i.filename)), None)
        if found is None:
            return None
        return found.filename, read_member(archive, found, shown=shown, limit=limits.MAX_MEMBER_BYTES)


def _reason(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:120] if text else type(err).__name__
