"""Workbook cells read from the XML parts: values as a CSV export would show them, the
sheet's own claims never trusted, damaged parts refused with the sheet and the cell."""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib import DataError
from careerlib.importers import limits
from careerlib.importers.source import read_source
from careerlib.importers.xlsx import column_letters, open_workbook
from hostile_files import MAIN, cell, log_rows, raw_xlsx, sheet_xml
from import_files import xlsx


def cells_of(path, sheet: int = 0) -> dict[str, str]:
    with open_workbook(path, shown=str(path)) as book:
        found = book.cells(book.sheets[sheet])
    return {f"{column_letters(c)}{r}": t for r, c, t in zip(found.rows, found.cols, found.texts)}


def test_values_come_out_as_a_csv_export_shows_them(tmp_path):
    import openpyxl

    path = tmp_path / "log.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Company", "Applied", "At", "Salary", "Ratio", "Open", "Day"])
    sheet.append(["Acme", dt.date(2025, 1, 15), dt.datetime(2025, 1, 15, 10, 30), 85000.0, 0.25, True, "=B2+1"])
    sheet["B2"].number_format = "dd.mm.yyyy"  # a custom date format is still a date
    book.save(path)
    found = cells_of(path)
    assert found["A1"] == "Company" and found["A2"] == "Acme"
    assert found["B2"] == "2025-01-15" and found["C2"] == "2025-01-15 10:30"
    assert found["D2"] == "85000" and found["E2"] == "0.25" and found["F2"] == "TRUE"
    assert "G2" not in found  # a formula openpyxl wrote without a computed value has no value yet


def test_types_written_by_other_tools(tmp_path):
    shared = (
        f'<sst xmlns="{MAIN}"><si><t>Plain</t></si>'
        "<si><r><t>Rich </t></r><r><rPr/><t>text</t></r><rPh><t>phonetic</t></rPh></si>"
        "<si><t>Line_x000D_break</t></si></sst>"
    )
    row = (
        '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
        '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="str"><f>A1</f><v>Plain</v></c>'
        '<c r="G1" t="d"><v>2025-03-04T00:00:00</v></c><c r="H1" s="2"><v>45721.5</v></c><c r="I1"><v>1E3</v></c>'
        '<c r="J1" t="inlineStr"><is><t>  spaced  </t></is></c><c r="K1" s="1"><f>TODAY()</f><v>45721</v></c>'
    )
    path = raw_xlsx(tmp_path / "t.xlsx", {"S": sheet_xml({1: row})}, shared=shared)
    found = cells_of(path)
    assert found == {
        "A1": "Plain",
        "B1": "Rich text",
        "C1": "Line\rbreak",
        "D1": "#N/A",
        "E1": "FALSE",
        "F1": "Plain",
        "G1": "2025-03-04",
        "H1": "2025-03-05 12:00",
        "I1": "1000",
        "J1": "  spaced  ",
        "K1": "2025-03-05",
    }
    with open_workbook(path, shown="t") as book:
        assert book.cells(book.sheets[0]).formulas == 2


def test_cells_without_references_and_1904_dates(tmp_path):
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
        '<row><c s="1"><v>0</v></c></row></sheetData></worksheet>'
    )
    path = raw_xlsx(tmp_path / "t.xlsx", {"S": sheet})
    book = zipfile.ZipFile(path)
    parts = {name: book.read(name) for name in book.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b"<sheets>", b'<workbookPr date1904="1"/><sheets>')
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    assert cells_of(path) == {"A1": "a", "B1": "1", "A2": "1904-01-01"}


def test_the_declared_dimension_and_far_empty_cells_cost_nothing(tmp_path):
    rows = {**log_rows(), 1_048_576: '<c r="XFD1048576" s="1"/>'}
    path = raw_xlsx(tmp_path / "t.xlsx", {"Log": sheet_xml(rows, dimension="A1:XFD1048576")})
    assert set(cells_of(path)) == {"A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3"}


@pytest.mark.parametrize("ref", ["XFD1048576", f"A{limits.MAX_ROWS + 2}", f"{column_letters(limits.MAX_COLUMNS + 1)}1"])
def test_a_value_beyond_the_limits_is_refused_naming_cell_and_limits(tmp_path, ref):
    rows = {**log_rows(), 9: cell(ref, "far away")}
    path = raw_xlsx(tmp_path / "t.xlsx", {"Log": sheet_xml(rows)})
    with pytest.raises(DataError) as caught:
        cells_of(path)
    assert caught.value.value == ref and "'Log'" in caught.value.problem
    assert f"{limits.MAX_ROWS:,} rows and {limits.MAX_COLUMNS} columns" in caught.value.problem


def test_too_many_filled_cells_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 5)
    path = raw_xlsx(tmp_path / "t.xlsx", {"Log": sheet_xml(log_rows())})
    with pytest.raises(DataError, match="more than 5 filled cells"):
        cells_of(path)


@pytest.mark.parametrize(
    "cells, words, where",
    [
        ('<c r="B4"><v>abc</v></c>', "marked as a number", "B4"),
        ('<c r="B4"><v>nan</v></c>', "marked as a number", "B4"),
        ('<c r="B4" t="s"><v>7</v></c>', "shared text", "B4"),
        ('<c r="B4" t="b"><v>maybe</v></c>', "TRUE/FALSE", "B4"),
        ('<c r="B4" t="d"><v>yesterday</v></c>', "a date", "B4"),
        ('<c r="4B"><v>1</v></c>', "not a cell reference", None),
        ('<c r="B0"><v>1</v></c>', "not a cell reference", None),
    ],
)
def test_a_bad_cell_is_a_data_error_naming_sheet_and_cell(tmp_path, cells, words, where):
    path = raw_xlsx(tmp_path / "t.xlsx", {"Log": sheet_xml({**log_rows(), 4: cells})})
    with pytest.raises(DataError, match=words) as caught:
        cells_of(path)
    assert "'Log'" in caught.value.problem and str(path) == caught.value.file
    if where:
        assert caught.value.column == where and caught.value.line == 4


def test_damaged_parts_are_data_errors(tmp_path):
    xml = sheet_xml(log_rows())
    cases = {
        "cut short": raw_xlsx(tmp_path / "a.xlsx", {"Log": xml[: len(xml) // 2]}),
        "lacks its part": raw_xlsx(tmp_path / "b.xlsx", {"Log": xml}, leave_out=("xl/worksheets/sheet1.xml",)),
        "not an Excel workbook": raw_xlsx(
            tmp_path / "c.xlsx", {"Log": xml}, leave_out=("xl/workbook.xml", "_rels/.rels")
        ),
        "document type": raw_xlsx(
            tmp_path / "d.xlsx", {"Log": '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aa">]><worksheet/>'}
        ),
        "nests its XML": raw_xlsx(tmp_path / "e.xlsx", {"Log": "<a>" * 100 + "</a>" * 100}),
        "lists no sheets": raw_xlsx(tmp_path / "f.xlsx", {}),
    }
    for words, path in cases.items():
        with pytest.raises(DataError, match=words):
            cells_of(path)


def test_not_a_workbook_at_all(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"Company,Applied\nAcme,2025-01-01\n")
    with pytest.raises(DataError, match="not a readable Excel workbook"):
        cells_of(tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(DataError, match="97-2003"):
        cells_of(tmp_path / "b.xlsx")


def test_a_workbook_part_too_large_or_too_compressed_is_refused_before_it_is_unpacked(tmp_path):
    huge = sheet_xml({1: cell("A1", "Company")}).replace("</sheetData>", "</sheetData>" + " " * (3 * 2**20))
    path = raw_xlsx(tmp_path / "t.xlsx", {"Log": huge})
    with pytest.raises(DataError, match=f"refuses more than {limits.MAX_RATIO} to 1"):
        cells_of(path)


@functools.cache
def workbook_bytes(maker: str) -> bytes:
    """One workbook per maker, built once (openpyxl stamps the time, so a rebuilt one differs)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.xlsx"
        if maker == "openpyxl":
            xlsx(path, {"Log": [["Company", "Applied"], ["Acme", dt.date(2025, 1, 2)], ["Beta", 3.5]]})
        else:
            raw_xlsx(path, {"Log": sheet_xml(log_rows())})
        return path.read_bytes()


@pytest.mark.parametrize("maker", ["openpyxl", "by hand"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_workbook_gives_a_table_or_a_data_error(tmp_path, data, maker):
    path = tmp_path / "log.xlsx"
    original = workbook_bytes(maker)
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    how = data.draw(st.sampled_from(["truncate", "flip", "insert"]), label="how")
    if how == "truncate":
        mutated = original[:position]
    elif how == "flip":
        mutated = original[:position] + bytes([original[position] ^ 0xFF]) + original[position + 1 :]
        mutated = mutated[: len(original)]
    else:
        mutated = original[:position] + data.draw(st.binary(min_size=1, max_size=16)) + original[position:]
    path.write_bytes(mutated)
    try:
        read_source(path)  # the cells, the sheet chosen, the table built
    except DataError as err:
        assert err.problem


XML_PIECES = st.sampled_from(
    ['<c r="A9"><v>x</v></c>', '<dimension ref="A1:XFD1048576"/>', "<row>", "</row>", '<c r="ZZZ99999999">', "&", "<"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_sheet_xml_gives_a_table_or_a_data_error(tmp_path, data):
    xml = sheet_xml(log_rows(), dimension=data.draw(st.sampled_from(["A1:C3", "A1:XFD1048576", "", "ZZ"])))
    position = data.draw(st.integers(0, len(xml)), label="position")
    cut = data.draw(st.integers(0, 20), label="cut")
    piece = data.draw(st.one_of(XML_PIECES, st.text(max_size=6)), label="piece")
    path = raw_xlsx(tmp_path / "log.xlsx", {"Log": xml[:position] + piece + xml[position + cut :]})
    try:
        read_source(path)  # the cells, the sheet chosen, the table built
    except DataError as err:
        assert err.problem


def test_the_xml_element_budget_is_a_data_error(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 10)
    path = raw_xlsx(tmp_path / "t.xlsx", {"Log": sheet_xml(log_rows())})
    with pytest.raises(DataError, match="more than 10 XML elements"):
        cells_of(path)
