"""Safe imports through the admin (django-import-export), shared by every importable table.

A file is refused as a whole, with messages naming rows and columns, and nothing is written, when it is
larger than IMPORT_MAX_BYTES or has more than IMPORT_MAX_ROWS rows, when a cell holds a NUL character, a
text over ROW_TEXT_MAX_CHARS, a value that is not a plain value, or a spreadsheet formula (imports never
carry formulas: the value itself must be written). Rows that fail validation roll the whole import back.

The resource mixin works in `before_import` and `import_data` only, and the admin mixin in the form and
the formats, so the tables' own resources stay free to shape their columns and exports.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from io import BytesIO

import tablib
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from import_export.forms import ImportForm

from onemg_planner.limits import IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ROW_TEXT_MAX_CHARS

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


class ValidatedImportMixin:
    """For a ModelResource: refuse unfit files before any row is read, and let no row through unless all
    are valid."""

    def before_import(self, dataset, **kwargs):
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


class FormulaVisibleXLSX(base_formats.XLSX):
    """XLSX read with its formulas as written ("=HYPERLINK(…)"), not their cached results, so that a
    formula is refused with a message rather than silently imported as whatever it last computed."""

    def create_dataset(self, in_stream):
        import openpyxl

        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=False)
        dataset = tablib.Dataset()
        rows = book.active.rows
        dataset.headers = [cell.value for cell in next(rows)]
        for row in rows:
            values = [cell.value for cell in row]
            if any(value is not None for value in values):
                dataset.append(values)
        return dataset


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


class LimitedImportAdminMixin:
    """For an ImportExportModelAdmin: only CSV, TSV and XLSX (formulas visible), files up to the limit,
    and the import's totals left on the request for the audit trail (audit/signals.py)."""

    import_form_class = LimitedImportForm
    import_formats = [base_formats.CSV, base_formats.TSV, FormulaVisibleXLSX]

    def process_result(self, result, request):
        request.import_totals = {str(kind): count for kind, count in result.totals.items() if count}
        return super().process_result(result, request)
