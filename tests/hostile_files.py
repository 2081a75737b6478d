"""Builders for workbooks and zips written part by part, as a careless or hostile tool
would: declared dimensions that lie, far-away cells, damaged XML, zip bombs. Every
file is made here, in code; nothing is copied from elsewhere."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
DATE_STYLES = (  # cell style 0: General; 1: built-in date format 14; 2: a custom 'dd.mm.yyyy'
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>'
)


def cell(ref: str, value: object, *, style: int | None = None) -> str:
    """One ``<c>``: text as an inline string, numbers as numbers."""
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"{s}><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def sheet_xml(rows: dict[int, str], *, dimension: str | None = "A1:C3") -> str:
    """A worksheet part from ``{row number: its cells' XML}``; ``dimension`` is what it claims."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(f'<row r="{n}">{cells}</row>' for n, cells in rows.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def log_rows() -> dict[int, str]:
    """A small log: header and two applications."""
    return {
        1: cell("A1", "Company") + cell("B1", "Applied") + cell("C1", "Status"),
        2: cell("A2", "Acme") + cell("B2", 45672, style=1) + cell("C2", "Applied"),
        3: cell("A3", "Beta") + cell("B3", "2025-01-16") + cell("C3", "Rejected"),
    }


def raw_xlsx(
    path: Path,
    sheets: dict[str, str],
    *,
    styles: str | None = DATE_STYLES,
    shared: str | None = None,
    parts: dict[str, bytes | str] | None = None,
    leave_out: tuple[str, ...] = (),
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A workbook written part by part: ``sheets`` maps each sheet's name to its XML."""
    entries = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, 1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    extra = len(sheets)
    if styles is not None:
        relations += f'<Relationship Id="rId{extra + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
    if shared is not None:
        relations += f'<Relationship Id="rId{extra + 2}" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
        f"{relations}</Relationships>",
        **{f"xl/worksheets/sheet{i}.xml": xml for i, xml in enumerate(sheets.values(), 1)},
    }
    if styles is not None:
        members["xl/styles.xml"] = styles
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    members.update(parts or {})
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            if name not in leave_out:
                archive.writestr(name, data)
    return path


def bomb_zip(path: Path, member: str, size: int, *, line: bytes = b"Acme,Analyst,2024-01-01\n") -> Path:
    """A zip whose one member unpacks to ``size`` bytes of a repeated line (written in
    chunks, so building it costs little memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(member, "w", force_zip64=True) as stream:
            chunk = line * (2**20 // len(line))
            written = 0
            while written < size:
                stream.write(chunk)
                written += len(chunk)
    return path


def lying_zip(path: Path, member: str, data: bytes, *, declared: int) -> Path:
    """A zip whose directory says ``member`` unpacks to ``declared`` bytes while it holds ``data``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    raw = bytearray(path.read_bytes())
    real = len(data).to_bytes(4, "little")
    fake = declared.to_bytes(4, "little")
    start = 0
    while (found := raw.find(b"PK", start)) >= 0:  # both headers: local (PK\3\4) and central (PK\1\2)
        if raw[found : found + 4] == b"PK\x03\x04" and raw[found + 22 : found + 26] == real:
            raw[found + 22 : found + 26] = fake
        if raw[found : found + 4] == b"PK\x01\x02" and raw[found + 24 : found + 28] == real:
            raw[found + 24 : found + 28] = fake
        start = found + 2
    path.write_bytes(bytes(raw))
    return path
