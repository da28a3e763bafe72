"""Every table the app hands out as a spreadsheet (comparison pages, admin exports) is written here, and
every spreadsheet the admin reads back is read here, so the rules below hold on both paths.

- Formula injection: a text cell that a spreadsheet would evaluate (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets a leading apostrophe, the OWASP advice for CSV and XLSX. Reading a
  file back removes exactly the apostrophe added, so an export re-imported gives back the same text. A
  text that already starts with apostrophes before such a character gets one more, so the rule is
  reversible for every string.
- Booleans are written "Yes"/"No" (and read back from Yes/No, 1/0 or true/false).
- CSV starts with a UTF-8 byte-order mark, so Excel reads accents; XLSX has filters on its header row.
- Imports are refused as a whole, with messages naming rows and columns, and nothing is written, when a
  file is larger than IMPORT_MAX_BYTES or has more than IMPORT_MAX_ROWS rows, when a cell holds a NUL
  character, a text over ROW_TEXT_MAX_CHARS, a value that is not a plain value, or a spreadsheet formula
  (imports never carry formulas: the value itself must be written). Files are checked as read, before the
  apostrophes this module adds are removed, so an export always re-imports while a typed formula never does.
  XLSX is read with its formulas as written, not their cached results. Rows that fail validation roll the
  whole import back.

This module sits below every app (accounts and strategies import it), so it imports none of them.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import tablib
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm

from core.limits import IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ROW_TEXT_MAX_CHARS

YES, NO = "Yes", "No"
BOM = "\ufeff"
# What a spreadsheet may evaluate: a formula sign (after any spaces, which some spreadsheets skip) or a
# leading tab or carriage return. The import check below refuses the same signs when no apostrophe guards them.
_TRIGGER = r"(?:\s*[=+\-@]|[\t\r])"
_NEEDS_QUOTE = re.compile(r"^'*" + _TRIGGER)
_QUOTED = re.compile(r"^'+" + _TRIGGER)
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


# --- What an import refuses --------------------------------------------------------------------------------

# A spreadsheet reads these as formulas: "=…", "@…", and "+…"/"-…" that call a function or another program
# ("-SUM(A1)", "+cmd|' /C calc'!A0"); signed numbers and percentages ("-5", "+20 %") and dash bullets
# ("- see (page 3)") are text.
_FORMULA = re.compile(r"\s*(?:[=@]|[+\-].*(?:[|!]|\w\())", re.DOTALL)
_PLAIN = (str, int, float, bool, Decimal, datetime.date, datetime.datetime, datetime.time, type(None))
_MAX_MESSAGES = 20


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and bool(_FORMULA.match(value))


def dataset_problems(dataset: tablib.Dataset) -> list[str]:
    """What makes this file unfit to import, as messages people can act on (at most 20)."""
    if len(dataset) > IMPORT_MAX_ROWS:
        return [
            _("The file has %(n)s rows; one import takes at most %(max)s.")
            % {"n": len(dataset), "max": IMPORT_MAX_ROWS}
        ]
    problems = []
    headers = [str(h) if h is not None else "" for h in (dataset.headers or [])]
    for column, header in enumerate(headers, start=1):
        if "\x00" in header or looks_like_formula(header):
            problems.append(_("Column %(n)s has a heading that is not plain text.") % {"n": column})
    for number, row in enumerate(dataset, start=1):
        for column, value in zip(headers, row, strict=False):
            where = _("Row %(row)s, column “%(column)s”") % {"row": number, "column": column}
            if not isinstance(value, _PLAIN):
                problems.append(_("%(where)s: not a plain value.") % {"where": where})
            elif isinstance(value, str):
                if "\x00" in value:
                    problems.append(_("%(where)s: contains a null character.") % {"where": where})
                elif len(value) > ROW_TEXT_MAX_CHARS:
                    problems.append(
                        _("%(where)s: %(n)s characters, the limit is %(max)s.")
                        % {"where": where, "n": len(value), "max": ROW_TEXT_MAX_CHARS}
                    )
                elif looks_like_formula(value):
                    problems.append(
                        _(
                            "%(where)s: “%(value)s” is a spreadsheet formula; formulas are not imported, "
                            "write the value itself."
                        )
                        % {"where": where, "value": value[:40]}
                    )
            if len(problems) >= _MAX_MESSAGES:
                return [*problems, _("… and possibly more: fix these first.")]
    return problems


# --- django-import-export (the admin's import and export) -----------------------------------------------


def _checked_and_restored(dataset):
    """A file as read: its problems noted on the raw cells (where an added apostrophe still shows that a
    text is not a formula), then the apostrophes removed."""
    dataset.import_problems = dataset_problems(dataset)
    return restore_dataset(dataset)


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return csv_text(dataset.headers or [], dataset)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return _checked_and_restored(super().create_dataset(in_stream.removeprefix(BOM), **kwargs))


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return xlsx_bytes(dataset.headers or [], dataset, dataset.title or "Sheet")

    def create_dataset(self, in_stream):
        """Read with formulas as written ("=HYPERLINK(…)"), not their cached results, so that a formula is
        refused with a message rather than silently imported as whatever it last computed."""
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=False)
        dataset = tablib.Dataset()
        rows = book.active.rows
        dataset.headers = [cell.value for cell in next(rows, [])]
        for row in rows:
            values = [cell.value for cell in row]
            if any(value is not None for value in values):
                dataset.append(values)
        return _checked_and_restored(dataset)


FORMATS = [CSV, XLSX]


class YesNoWidget(widgets.BooleanWidget):
    """Booleans as people write them in a spreadsheet."""

    TRUE_VALUES = [YES, "yes", "YES", *widgets.BooleanWidget.TRUE_VALUES]
    FALSE_VALUES = [NO, "no", "NO", *widgets.BooleanWidget.FALSE_VALUES]


class TabularResourceMixin:
    """For ModelResources: booleans read and written as Yes/No; unfit files refused before any row is read,
    and no row let through unless all are valid."""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.get_internal_type() in ("BooleanField", "NullBooleanField"):
            return YesNoWidget
        return super().widget_from_django_field(f, default)

    def before_import(self, dataset, **kwargs):
        # Files read by our formats were checked before their apostrophes were removed; a dataset handed
        # in directly (scripts, tests) is checked as it is.
        problems = getattr(dataset, "import_problems", None)
        if problems is None:
            problems = dataset_problems(dataset)
        if problems:
            # Leave no rows to go through (import-export goes on with them after a base error).
            headers = dataset.headers
            dataset.wipe()
            dataset.headers = headers
            raise ValidationError(problems)
        return super().before_import(dataset, **kwargs)

    def import_data(self, dataset, *args, **kwargs):
        kwargs["rollback_on_validation_errors"] = True  # one invalid row means nothing is written
        return super().import_data(dataset, *args, **kwargs)


class LimitedImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "This file is %(size).1f MB; an import file may be at most %(max).1f MB. "
                    "Split it into smaller files."
                )
                % {"size": upload.size / 1_000_000, "max": IMPORT_MAX_BYTES / 1_000_000}
            )
        return upload


class TabularImportExportAdmin(ImportExportModelAdmin):
    """The admin's import/export, in CSV and XLSX written and read by this module; import files up to the
    limit, and the import's totals left on the request for the audit trail (audit/signals.py)."""

    formats = FORMATS
    import_form_class = LimitedImportForm

    def process_result(self, result, request):
        request.import_totals = {str(kind): count for kind, count in result.totals.items() if count}
        return super().process_result(result, request)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # XLSX keeps numbers and dates typed; import-export only does that for its own format classes.
        if file_format.is_binary():
            if not self.has_export_permission(request):
                raise PermissionDenied
            data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
            return file_format.export_data(data)
        return super().get_export_data(file_format, request, queryset, **kwargs)


def spreadsheet_response(name: str, fmt: str, headers: Sequence, rows: Iterable[Sequence]):
    """A download of a table as CSV or XLSX (`fmt`), named after `name`."""
    if fmt == "csv":
        response = HttpResponse(csv_text(headers, rows).encode(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(headers, list(rows), name), content_type=XLSX.CONTENT_TYPE)
    else:
        raise ValueError(f"Unknown spreadsheet format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response
