"""Every table the app hands out as a spreadsheet (comparison pages, admin exports) is written here, and
every spreadsheet the admin reads back is read here, so the rules below hold on both paths.

- Formula injection: a text cell that a spreadsheet would evaluate (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets a leading apostrophe, the OWASP advice for CSV and XLSX. Reading a
  file back removes exactly the apostrophe added, so an export re-imported gives back the same text. A
  text that already starts with apostrophes before such a character gets one more, so the rule is
  reversible for every string.
- Booleans are written "Yes"/"No" (and read back from Yes/No, 1/0 or true/false).
- CSV starts with a UTF-8 byte-order mark, so Excel reads accents; XLSX has filters on its header row.

This module sits below every app (accounts and strategies import it), so it imports none of them.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from import_export import widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats

YES, NO = "Yes", "No"
BOM = "\ufeff"
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")
_CR = re.compile(r"\r\n?")


def neutralise(text: str) -> str:
    """The text as a spreadsheet must store it: never as a formula."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def restore(text: str) -> str:
    """The inverse of `neutralise`: drops the apostrophe it added, and nothing else."""
    return text[1:] if _QUOTED.match(text) else text


def cell(value):
    """One value as a spreadsheet cell: text neutralised, booleans Yes/No, empty for None; numbers and
    dates stay typed (they can never be formulas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | float | Decimal | datetime.date | datetime.datetime):
        return value
    return neutralise(str(value))


def csv_text(headers: Sequence, rows: Iterable[Sequence]) -> str:
    """CSV text with a byte-order mark (Excel otherwise reads UTF-8 as Windows-1252)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(h) for h in headers])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return BOM + buffer.getvalue()


def xlsx_bytes(headers: Sequence, rows: Iterable[Sequence], title: str = "Sheet") -> bytes:
    """An XLSX workbook of one sheet: bold, frozen header row with filters, columns sized to fit, every
    text cell stored as text."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31] or "Sheet"
    widths: dict[int, int] = {}
    for number, values in enumerate([headers, *rows], start=1):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                # XML turns every CR into LF on reading; write what will be read (Excel breaks lines on LF).
                value = _CR.sub("\n", value)
            value = cell(value)
            target = sheet.cell(row=number, column=column)
            target.value = value
            if isinstance(value, str):
                target.data_type = TYPE_STRING  # belt and braces: openpyxl reads "=…" as a formula
            widths[column] = max(widths.get(column, 0), min(len(str(value)), 60))
            if number == 1:
                target.font = Font(bold=True)
    if sheet.max_row:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{sheet.max_row}"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(width + 2, 8)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def restore_dataset(dataset):
    """Undo `cell` on a spreadsheet read back: neutralised text loses its apostrophe."""
    for index, row in enumerate(list(dataset)):
        dataset[index] = [restore(v) if isinstance(v, str) else v for v in row]
    dataset.headers = [restore(h) if isinstance(h, str) else h for h in dataset.headers or []]
    return dataset


# --- django-import-export (the admin's import and export) -----------------------------------------------


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return csv_text(dataset.headers or [], dataset)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return restore_dataset(super().create_dataset(in_stream.removeprefix(BOM), **kwargs))


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return xlsx_bytes(dataset.headers or [], dataset, dataset.title or "Sheet")

    def create_dataset(self, in_stream):
        return restore_dataset(super().create_dataset(in_stream))


FORMATS = [CSV, XLSX]


class YesNoWidget(widgets.BooleanWidget):
    """Booleans as people write them in a spreadsheet."""

    TRUE_VALUES = [YES, "yes", "YES", *widgets.BooleanWidget.TRUE_VALUES]
    FALSE_VALUES = [NO, "no", "NO", *widgets.BooleanWidget.FALSE_VALUES]


class TabularResourceMixin:
    """For ModelResources: booleans read and written as Yes/No."""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.get_internal_type() in ("BooleanField", "NullBooleanField"):
            return YesNoWidget
        return super().widget_from_django_field(f, default)


class TabularImportExportAdmin(ImportExportModelAdmin):
    """The admin's import/export, in CSV and XLSX written and read by this module."""

    formats = FORMATS

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # XLSX keeps numbers and dates typed; import-export only does that for its own format classes.
        if file_format.is_binary():
            from django.core.exceptions import PermissionDenied

            if not self.has_export_permission(request):
                raise PermissionDenied
            data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
            return file_format.export_data(data)
        return super().get_export_data(file_format, request, queryset, **kwargs)


def spreadsheet_response(name: str, fmt: str, headers: Sequence, rows: Iterable[Sequence]):
    """A download of a table as CSV or XLSX (`fmt`), named after `name`."""
    from django.http import HttpResponse
    from django.utils.text import slugify

    if fmt == "csv":
        response = HttpResponse(csv_text(headers, rows).encode(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(headers, list(rows), name), content_type=XLSX.CONTENT_TYPE)
    else:
        raise ValueError(f"Unknown spreadsheet format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response
