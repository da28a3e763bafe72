"""The one module that writes and reads spreadsheets (core.tabular): no formula ever reaches a
spreadsheet, and what is written reads back as it was."""

import io

import openpyxl
import tablib
from hypothesis import given
from hypothesis import strategies as st

from core import tabular

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]


def test_formula_cells_get_an_apostrophe_and_plain_text_does_not():
    assert [tabular.neutralise(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert tabular.neutralise("Saúde – 1+MG") == "Saúde – 1+MG"
    assert tabular.neutralise("'=x") == "''=x"  # a leading apostrophe of the user's own is kept
    assert tabular.neutralise("'quoted'") == "'quoted'"


@given(st.text())
def test_restore_undoes_neutralise_for_every_text(text):
    assert tabular.restore(tabular.neutralise(text)) == text
    assert not tabular.neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_cells_say_yes_or_no_and_keep_numbers_typed():
    assert [tabular.cell(v) for v in (True, False, None, 3, "=1")] == ["Yes", "No", "", 3, "'=1"]


def test_csv_starts_with_a_byte_order_mark_and_reads_back():
    text = tabular.csv_text(["Name", "Flag"], [["=1+1", True], ["Saúde", False]])
    assert text.startswith("\ufeff")
    dataset = tabular.CSV(encoding="utf-8-sig").create_dataset(text.encode("utf-8"))
    assert dataset.headers == ["Name", "Flag"]
    assert list(dataset) == [("=1+1", "Yes"), ("Saúde", "No")]


def test_xlsx_has_text_cells_a_frozen_filtered_header_and_reads_back():
    content = tabular.xlsx_bytes(["Name", "Count"], [[f, 1] for f in FORMULAS], "Risks")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Risks" and sheet.auto_filter.ref == f"A1:B{len(FORMULAS) + 1}"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert all(row[0].data_type == "s" and row[1].value == 1 for row in sheet.iter_rows(min_row=2))
    dataset = tabular.XLSX().create_dataset(content)
    assert [row[0] for row in dataset] == [*FORMULAS[:-1], "\nx"]  # XML keeps no CR: line ends are LF


def test_import_export_formats_write_through_the_module():
    dataset = tablib.Dataset(["=1", True], headers=["a", "b"])
    assert tabular.CSV().export_data(dataset) == "\ufeffa,b\r\n'=1,Yes\r\n"
    sheet = openpyxl.load_workbook(io.BytesIO(tabular.XLSX().export_data(dataset))).active
    assert sheet["A2"].value == "'=1" and sheet["A2"].data_type == "s" and sheet.auto_filter.ref == "A1:B2"
