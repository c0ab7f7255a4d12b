"""Read CSV and XLSX files the way Dutch HR and survey tools export them.

Handles UTF-8 with or without BOM, UTF-16 (Excel "Unicode text"), Windows-1252,
semicolon / comma / tab delimiters, and XLSX. Rows stream from disk, so a file of a
million rows never sits in memory. Problems with the file as a whole raise
`TableError` with a translated message; problems with one row are the caller's to report.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

# A single cell above this size is refused by the CSV parser (per-field limits are
# the importer's business); it keeps a corrupt file from eating memory.
MAX_CELL_BYTES = 16 * 1024 * 1024
DELIMITERS = (";", ",", "\t")
_SAMPLE = 64 * 1024

csv.field_size_limit(MAX_CELL_BYTES)


class TableError(Exception):
    """The file cannot be read as a table; the message is shown to the user."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (line number in the file, cells)
    encoding: str | None  # None for XLSX
    delimiter: str | None

    def close(self) -> None:
        close = getattr(self.rows, "close", None)
        if close:
            close()


def open_table(
    source: str | Path | bytes,
    *,
    filename: str = "",
    header_row: int = 0,
    skip_rows_after_header: int = 0,
) -> Table:
    """Open a CSV or XLSX file (path or bytes) and return its header and a row iterator."""
    handle: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    head = handle.read(_SAMPLE)
    handle.seek(0)
    if not head.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        handle.close()
        raise TableError(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(handle, header_row, skip_rows_after_header)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        handle.close()
        raise TableError(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV (UTF-8) and try again.")
        )
    encoding = _detect_encoding(handle, head)
    return _open_csv(handle, encoding, header_row, skip_rows_after_header)


def _detect_encoding(handle: IO[bytes], head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif b"\x00" in head:
        raise TableError(
            _(
                "This file is not a readable CSV or Excel file. "
                "Save it as CSV (UTF-8) or as XLSX and try again."
            )
        )
    else:
        encoding = "utf-8"
    # Validate the whole file incrementally: Excel on Windows writes Windows-1252 unless
    # asked for UTF-8, and a wrong guess would silently garble names like "Çelik".
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := handle.read(1024 * 1024):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return encoding
    except UnicodeDecodeError:
        pass
    finally:
        handle.seek(0)
    decoder = codecs.getincrementaldecoder("cp1252")()
    try:
        while chunk := handle.read(1024 * 1024):
            decoder.decode(chunk)
        return "cp1252"
    except UnicodeDecodeError as exc:
        raise TableError(
            _(
                "The file's character encoding is not UTF-8 or Windows-1252. "
                "Save it as CSV (UTF-8) and try again."
            )
        ) from exc
    finally:
        handle.seek(0)


def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most columns (semicolon on ties)."""
    best, best_count = DELIMITERS[0], 1
    for delimiter in DELIMITERS:
        count = len(next(csv.reader([first_line], delimiter=delimiter), []))
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _open_csv(handle: IO[bytes], encoding: str, header_row: int, skip: int) -> Table:
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    first_line = text.readline()
    text.seek(0)
    delimiter = sniff_delimiter(first_line.rstrip("\r\n"))
    reader = csv.reader(text, delimiter=delimiter)
    try:
        headers = _read_header(reader, header_row, skip)
    except csv.Error as exc:
        text.close()
        raise TableError(
            _("The file could not be read as CSV: %(error)s") % {"error": exc}
        ) from exc

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise TableError(
                        _("Line %(line)s could not be read: %(error)s")
                        % {"line": reader.line_num, "error": exc}
                    ) from exc
                # Most rows start with a filled cell: no look at the others needed.
                if (cells and cells[0] and not cells[0].isspace()) or any(
                    cell.strip() for cell in cells
                ):
                    yield reader.line_num, cells
        finally:
            text.close()

    return Table(headers, rows(), encoding, delimiter)


def _read_header(reader: Iterator[list[Any]], header_row: int, skip: int) -> list[str]:
    headers: list[str] | None = None
    for index, cells in enumerate(reader):
        if index == header_row:
            headers = [str(c).strip() if c is not None else "" for c in cells]
            break
    if headers is None or not any(headers):
        raise TableError(_("The file has no header row."))
    for _i in range(skip):
        next(reader, None)
    return headers


def _open_xlsx(handle: IO[bytes], header_row: int, skip: int) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        handle.close()
        raise TableError(_("The Excel file could not be opened: it may be damaged.")) from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    numbered = ((i + 1, list(cells)) for i, cells in enumerate(iterator))

    def plain() -> Iterator[list[Any]]:
        for _line, cells in numbered:
            yield cells

    headers = _read_header(plain(), header_row, skip)
    width = len(headers)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for line, cells in numbered:
                cells = ["" if c is None else c for c in cells[:width]]
                if any(str(c).strip() for c in cells):
                    yield line, cells
        finally:
            workbook.close()
            handle.close()

    return Table(headers, rows(), None, None)


def normalise_header(value: str) -> str:
    """Lower-case, accents and punctuation removed: 'E-mailadres ' -> 'e mailadres'."""
    decomposed = unicodedata.normalize("NFKD", value.replace("\ufeff", ""))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()


def match_columns(
    headers: Sequence[str],
    aliases: Mapping[str, Sequence[str]],
    *,
    required: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Map field names to column positions by their aliases; raise when required ones lack."""
    position = {}
    for index, header in enumerate(headers):
        position.setdefault(normalise_header(header), index)
    found: dict[str, int] = {}
    for field, names in aliases.items():
        for name in (field, *names):
            key = normalise_header(name)
            if key in position:
                found[field] = position[key]
                break
    missing = [f for f in required if f not in found]
    if missing:
        labels = labels or {}
        shown = ", ".join(f"“{labels.get(f, f)}”" for f in missing)
        message = _("Required columns are missing: %(columns)s.") % {"columns": shown}
        if len(headers) == 1:
            message += " " + _(
                "We found only one column (“%(header)s”): is the file separated by "
                "semicolons, commas or tabs?"
            ) % {"header": headers[0][:80]}
        else:
            message += " " + _("Columns found: %(found)s.") % {
                "found": ", ".join(f"“{h}”" for h in headers[:30])
            }
        raise TableError(message)
    return found


def cell_text(value: Any) -> str:
    """A cell as stripped text (numbers from Excel without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
