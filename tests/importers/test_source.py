"""Files to text tables: CSV dialects and encodings, Excel workbooks, LinkedIn's zip."""

from __future__ import annotations

import datetime as dt

import pytest

from careerlib import DataError
from careerlib.importers.source import read_source, sniff_delimiter
from import_files import (
    HEADERLESS_NOTES,
    HEADERLESS_ROWS,
    STATUS_HEADER,
    STATUS_ROWS,
    csv_text,
    linkedin_zip,
    rows_text,
    write,
    xlsx,
)


@pytest.mark.parametrize("delimiter, name", [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [False, True])
def test_delimiters_line_endings_and_bom(tmp_path, delimiter, name, newline, bom):
    path = write(
        tmp_path / "log.csv", csv_text(STATUS_HEADER, STATUS_ROWS, delimiter=delimiter, newline=newline), bom=bom
    )
    table, source = read_source(path)
    assert list(table.columns) == [*STATUS_HEADER, "line"]
    assert table["Company"].tolist() == [r[0] for r in STATUS_ROWS]
    assert table["Status"].iloc[0] == "Interviewing"  # no stray '\r' or BOM in cells or headers
    assert table["line"].tolist() == [2, 3, 4, 5, 6]
    assert source.delimiter == delimiter and name in source.describe() and source.encoding == "utf-8"


def test_cp1252_is_read_and_said(tmp_path):
    path = write(tmp_path / "log.csv", "Company;Date Applied\r\nCafé Noir;14 Jan 2026\r\n", encoding="cp1252")
    table, source = read_source(path)
    assert table["Company"].tolist() == ["Café Noir"]
    assert source.encoding == "cp1252" and "cp1252" in source.describe()


def test_neither_utf8_nor_cp1252_names_the_line(tmp_path):
    path = write(tmp_path / "log.csv", b"Company,Date\nA,2024-01-01\nB\x81,2024-01-02\n")
    with pytest.raises(DataError, match="neither UTF-8 nor Windows-1252") as caught:
        read_source(path)
    assert caught.value.line == 3


def test_empty_rows_are_skipped_and_counted_and_lines_kept(tmp_path):
    path = write(tmp_path / "log.csv", "\nCompany,Date\nA,2024-01-01\n,\n\nB,2024-01-02\n")
    table, source = read_source(path)
    assert table["Company"].tolist() == ["A", "B"]
    assert table["line"].tolist() == [3, 6] and source.empty_rows == 2


def test_quoted_line_breaks_push_lines_down(tmp_path):
    path = write(tmp_path / "log.csv", 'Company,Notes\nA,"two\nlines"\nB,x\n')
    assert read_source(path)[0]["line"].tolist() == [2, 4]


def test_empty_unnamed_columns_are_dropped_and_filled_ones_named_by_position(tmp_path):
    table, _ = read_source(write(tmp_path / "a.csv", "Company,,Date\nA,,2024-01-01\n"))
    assert list(table.columns) == ["Company", "Date", "line"]
    table, _ = read_source(write(tmp_path / "b.csv", "Company,,Date\nA,x,2024-01-01\n"))
    assert list(table.columns) == ["Company", "column 2", "Date", "line"] and table["column 2"].tolist() == ["x"]


def test_same_header_twice_is_refused_even_in_another_spelling(tmp_path):
    with pytest.raises(DataError, match="same name") as caught:
        read_source(write(tmp_path / "a.csv", "Job Title,Company,job_title\nA,B,C\n"))
    assert caught.value.line == 1


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\x00\x00", "binary"),
        (b'Company,Date\n"unclosed,2024-01-01\n', "CSV"),
    ],
)
def test_unusable_files(tmp_path, content, words):
    with pytest.raises(DataError, match=words):
        read_source(write(tmp_path / "a.csv", content))


def test_missing_file_folder_and_bad_zip(tmp_path):
    with pytest.raises(DataError, match="not found"):
        read_source(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="folder"):
        read_source(tmp_path)
    with pytest.raises(DataError, match="zip"):
        read_source(write(tmp_path / "a.zip", b"not a zip at all"))


def test_sniffing_prefers_the_most_frequent_delimiter():
    assert sniff_delimiter("a;b;c") == ";" and sniff_delimiter("a\tb\tc,d") == "\t" and sniff_delimiter("abc") == ","


def test_linkedin_zip_member_is_read(tmp_path):
    table, source = read_source(linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip"))
    assert table["Company Name"].tolist() == ["Acme", "Beta Co"]
    assert source.kind == "zip" and source.shown.endswith(":Jobs/Job Applications.csv")


def test_zip_without_applications_is_refused(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("Profile.csv", "a\n1\n")
    with pytest.raises(DataError, match="Job Applications"):
        read_source(tmp_path / "other.zip")


def test_xlsx_the_log_sheet_or_the_named_one(tmp_path):
    path = xlsx(
        tmp_path / "log.xlsx",
        {
            "2024": [["Company", "Applied", "Status"], ["Old Co", dt.date(2024, 5, 1), "Rejected"]],
            "2025 search": [
                ["Company", "Applied", "Status", "Salary"],
                ["Acme", dt.datetime(2025, 1, 15), "Applied", 85000.0],
                [None, None, None, None],
                ["Beta", "16/01/2025", "Interviewing", None],
            ],
        },
    )
    chosen, source = read_source(path)  # '2024' holds one application only: not a log by itself
    assert source.sheet == "2025 search" and chosen["Company"].tolist() == ["Acme", "Beta"]
    assert "'2024' (only 1 row(s) name a company)" in source.describe()
    first, source = read_source(path, sheet="2024")
    assert first["Company"].tolist() == ["Old Co"] and first["Applied"].tolist() == ["2024-05-01"]
    assert source.sheet == "2024"
    named, source = read_source(path, sheet="2025 search")
    assert named["Company"].tolist() == ["Acme", "Beta"] and named["line"].tolist() == [2, 4]
    assert named["Applied"].tolist() == ["2025-01-15", "16/01/2025"] and named["Salary"].tolist() == ["85000", ""]
    assert source.empty_rows == 1 and "2025 search" in source.describe()
    with pytest.raises(DataError, match="no sheet named") as caught:
        read_source(path, sheet="2026")
    assert "'2024', '2025 search'" in str(caught.value)


def test_a_sheet_name_for_a_csv_is_refused(tmp_path):
    with pytest.raises(DataError, match="not an Excel"):
        read_source(write(tmp_path / "a.csv", "Company\nA\n"), sheet="x")


def test_a_damaged_workbook_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="Excel"):
        read_source(write(tmp_path / "a.xlsx", b"PK\x03\x04 broken"))


def test_a_stray_carriage_return_in_the_header_is_a_data_error(tmp_path):
    import pytest

    from careerlib import DataError, load_applications

    path = tmp_path / "log.csv"
    path.write_text("company\r,role,applied\nAcme,Analyst,2026-01-05\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_applications(path)
    assert err.value.line == 1 and "log.csv" in str(err.value)


def test_a_path_the_system_refuses_is_a_data_error_naming_it():
    import pytest

    from careerlib import DataError, load_applications

    with pytest.raises(DataError) as err:
        load_applications("x" * 5000 + ".csv")  # too long a name: an OSError before it is even opened
    assert "cannot read this file" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_unicode_text_is_read_not_called_binary(tmp_path, encoding):
    text = "Company\tApplied\tStatus\r\nCafé Noir\t14.01.2026\tAbgelehnt\r\nAcme\t2026-01-15\tApplied\r\n"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path = write(tmp_path / "log.txt", bom + text.encode(encoding))
    table, source = read_source(path)
    assert table["Company"].tolist() == ["Café Noir", "Acme"] and table["line"].tolist() == [2, 3]
    assert source.encoding == "utf-16" and source.delimiter == "\t"
    assert "UTF-16" in source.describe() and "tab" in source.describe()


def test_damaged_utf16_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="UTF-16"):
        read_source(write(tmp_path / "log.txt", b"\xff\xfeC\x00o\x00\x00\xdc"))  # a lone surrogate


def test_an_old_excel_file_is_asked_to_be_saved_as_xlsx(tmp_path):
    with pytest.raises(DataError, match="97-2003"):
        read_source(write(tmp_path / "log.xls", b"\xd0\xcf\x11\xe0"))


def test_a_ragged_row_names_its_line_and_the_fix(tmp_path):
    with pytest.raises(DataError, match="3 cells but the header names 2 columns") as caught:
        read_source(write(tmp_path / "a.csv", "\n\nCompany,Applied\nAcme,2025-01-02\n\nBeta, Inc,2025-01-03\n"))
    assert caught.value.line == 6


def test_records_wider_than_a_one_word_first_line_are_refused_not_cut(tmp_path):
    # a note on the first line and no header: the cells must not vanish into an index
    path = write(tmp_path / "log.csv", "\nWrong month!\n0,Acme,Developer,2023-02-08\n\n8,Globex,Tester,2022-12-14\n")
    with pytest.raises(DataError, match="Is line 3 the header") as caught:
        read_source(path)
    assert caught.value.line == 3  # the first record's line; the blank line above counts
    assert "skip_lines = 2" in str(caught.value)
    table, source = read_source(path, skip_lines=2, header=("Id", "Company", "Role", "Applied"))
    assert list(table["Company"]) == ["Acme", "Globex"] and list(table["line"]) == [3, 5]
    assert "lines 1\u20132 skipped as the mapping asks" in source.describe()


def test_comment_lines_at_the_top_are_skipped_and_said(tmp_path):
    text = "# My log, kept by hand\n# Fields: company, date\n\n# last note\nCompany,Applied\nAcme,2025-01-02\n"
    table, source = read_source(write(tmp_path / "log.csv", text))
    assert list(table["Company"]) == ["Acme"] and list(table["line"]) == [6]
    assert source.comment_lines == (1, 4)
    assert "lines 1\u20134 start with '#': read as comments, not data" in source.describe()


def test_a_hash_later_in_the_file_or_as_a_header_cell_is_data(tmp_path):
    table, source = read_source(write(tmp_path / "a.csv", "Company,Applied\n#1 Bakery,2025-01-02\n# Two,2025-01-03\n"))
    assert list(table["Company"]) == ["#1 Bakery", "# Two"] and source.comment_lines is None
    numbered, source = read_source(write(tmp_path / "b.csv", "#,Company\n1,Acme\n"))
    assert list(numbered.columns[:2]) == ["#", "Company"] and source.comment_lines is None
    assert "comments" not in source.describe()


def test_comments_push_the_lines_of_later_errors_down(tmp_path):
    with pytest.raises(DataError, match="same name") as caught:
        read_source(write(tmp_path / "a.csv", "# one\n# two\nCompany,company\nAcme,x\n"))
    assert caught.value.line == 3
    with pytest.raises(DataError, match="3 cells but the header names 2") as ragged:
        read_source(write(tmp_path / "b.csv", "# one\nCompany,Applied\nAcme,2025-01-02,x\n"))
    assert ragged.value.line == 3


def test_a_file_of_comments_only_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="starts with '#'"):
        read_source(write(tmp_path / "a.csv", "# just a note\n# and another"))


def test_the_mapping_names_the_columns_of_a_file_without_a_header(tmp_path):
    path = write(tmp_path / "log.csv", HEADERLESS_NOTES + rows_text(HEADERLESS_ROWS))
    names = ("Company", "Role", "Applied", "Mode", "Status", "Note")
    table, source = read_source(path, header=names)
    assert list(table["Company"]) == ["Empresa X", "Firma Y", "Loja Z"] and list(table["line"]) == [3, 4, 5]
    assert "no header line: the columns are named by the mapping's header (Company" in source.describe()
    trailing = write(tmp_path / "t.csv", "Acme,2025-01-02,\nBeta,2025-01-03,\n")  # a comma after the last cell
    table, _ = read_source(trailing, header=("Company", "Applied"))
    assert list(table.columns) == ["Company", "Applied", "line"] and list(table["line"]) == [1, 2]


def test_a_wrong_count_of_names_or_lines_is_a_data_error(tmp_path):
    path = write(tmp_path / "log.csv", HEADERLESS_NOTES + rows_text(HEADERLESS_ROWS))
    with pytest.raises(DataError, match="header names 3 column.s. but line 3 has 6 cell") as caught:
        read_source(path, header=("Company", "Role", "Applied"))
    assert caught.value.line == 3 and caught.value.column == "header"
    with pytest.raises(DataError, match="a column with values in it has no name"):
        read_source(path, header=("Company", "Role", "Applied", "Mode", "Status"))  # 'ligar' on line 5
    with pytest.raises(DataError, match="skips 40 line.s. .skip_lines. but the file has only"):
        read_source(path, skip_lines=40)
    with pytest.raises(DataError, match="skip_lines and header are for CSV files"):
        read_source(xlsx(tmp_path / "b.xlsx", {"Log": [["Company"], ["Acme"]]}), skip_lines=1)
    with pytest.raises(DataError, match="this line has 7 cells but the header names 6 columns") as ragged:
        read_source(
            write(tmp_path / "r.csv", rows_text([*HEADERLESS_ROWS, ["a", "b", "", "", "", "", "x"]])),
            header=("A", "B", "C", "D", "E", "F"),
        )
    assert ragged.value.line == 4
