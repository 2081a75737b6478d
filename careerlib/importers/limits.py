"""How much of a user's file careerlib is willing to read: the sizes no real job-search
log or export reaches, so a small hostile file (a zip bomb, a workbook claiming a
million rows) is refused in seconds instead of filling the memory.

Every limit is stated in the error that enforces it, so a user whose file really is that
large knows what was refused and why.
"""

from __future__ import annotations

# A spreadsheet log: one row per application. 200,000 rows is decades of daily applying;
# 200 columns is several times the widest tracker we have seen (about 30).
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# Cells with a value in one workbook, all sheets together (100,000 rows x 20 filled columns).
MAX_CELLS = 2_000_000
# XML elements of any kind (empty but formatted cells too) parsed in one workbook: parsing
# is where the time goes, so formatting applied to whole columns is bounded as well.
MAX_ELEMENTS = 6_000_000  # a log at MAX_CELLS is about 4 million (a cell and its value)
MAX_DEPTH = 64  # XML nesting; a worksheet nests about 7 deep
MAX_TEXT_CHARS = 64 * 2**20  # the text of every shared string of a workbook together
MAX_SHEETS = 255  # Excel's own default limit on sheets is memory; no log keeps more than a few
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell

# Zip members (a LinkedIn download's CSV, a workbook's XML parts), checked on their declared
# sizes before any byte is decompressed, then again on the bytes actually read.
MAX_MEMBER_BYTES = 64 * 2**20  # a LinkedIn 'Job Applications.csv' of 64 MiB would be ~100,000 applications
MAX_PART_BYTES = 256 * 2**20  # one XML part of a workbook (the XML of 100,000 x 20 cells is about 60 MiB)
MAX_WORKBOOK_BYTES = 512 * 2**20  # every part of one workbook, decompressed
# Text and XML compress about 5 to 30 times; 100 times or more is only reached by the
# repeated filler of a zip bomb. Below RATIO_FLOOR the ratio is not looked at (a small
# member of repeated bytes is harmless).
MAX_RATIO = 100
RATIO_FLOOR = 2**20
