"""Downloads as CSV or XLSX, safe to open in a spreadsheet program."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from klantcultuur.lib.text import strip_unsafe

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: Any) -> Any:
    """Text safe in any spreadsheet cell: control characters (stored before they were cleaned on
    the way in, say) left out, and a quote before text that would run as a formula."""
    if isinstance(value, str):
        value = strip_unsafe(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def safe_sheet_title(title: str, fallback: str = "Data") -> str:
    """A worksheet name Excel accepts: none of []:*?/\\, no quote at either end, 31 characters."""
    title = _SHEET_TITLE_UNSAFE.sub("-", strip_unsafe(title)).strip().strip("'")[:31].strip()
    return title or fallback


def csv_response(rows: Iterable[Sequence[Any]], filename: str) -> HttpResponse:
    """A semicolon-separated UTF-8 CSV with BOM, as Dutch Excel opens it correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    rows: Iterable[Sequence[Any]], filename: str, *, title: str = "Data"
) -> HttpResponse:
    """An XLSX workbook with one sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(title))
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
