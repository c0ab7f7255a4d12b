"""Read CSV and XLSX files the way Dutch HR and survey tools export them.

Handles UTF-8 with or without BOM, UTF-16 (Excel "Unicode text"), Windows-1252, a file
that mixes UTF-8 and Windows-1252 (each character read in its own encoding, with a
warning), semicolon / comma / tab delimiters, and XLSX. Rows stream from disk, so a file
of a million rows never sits in memory. Problems with the file as a whole raise
`TableError` with a translated message; problems with one row are the caller's to report.

Every file is read within `Limits` that hold before memory or time is spent: the file's
size, its number of rows (empty ones included) and columns, the length of its first line,
and for XLSX the unpacked size of the zip's parts (read from the zip's directory, which
also caps what Python's zip reader unpacks) and their compression ratio, so a zip bomb or
a sheet claiming fifty million rows is refused in milliseconds.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import re
import unicodedata
import zipfile
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
MIB = 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576

csv.field_size_limit(MAX_CELL_BYTES)


@dataclass(frozen=True)
class Limits:
    """What a file may hold before it is refused (checked before the work is done)."""

    max_bytes: int = 200 * MIB
    max_rows: int = 2_000_000  # rows of the file, empty ones and header rows included
    max_columns: int = 2_000
    max_first_line_bytes: int = 1 * MIB
    max_xlsx_unpacked: int = 1024 * MIB  # all parts of the zip together
    max_xlsx_shared_strings: int = 256 * MIB  # openpyxl keeps them all in memory
    max_xlsx_ratio: int = 100  # unpacked / packed size of one part above 1 MiB


DEFAULT_LIMITS = Limits()


class TableError(Exception):
    """The file cannot be read as a table; the message is shown to the user."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (line number in the file, cells)
    encoding: str | None  # None for XLSX
    delimiter: str | None
    warnings: list[str] = dataclasses.field(default_factory=list)  # shown with the preview

    def close(self) -> None:
        close = getattr(self.rows, "close", None)
        if close:
            close()


def _too_large(limits: Limits) -> TableError:
    return TableError(
        _("The file is larger than %(mb)s MB.") % {"mb": max(1, limits.max_bytes // MIB)}
    )


def too_many_rows(limits: Limits, rows: int | None = None) -> TableError:
    return TableError(
        _(
            "The file has more than %(rows)s rows (empty rows included). "
            "Split it into smaller files, or remove the empty rows, and try again."
        )
        % {"rows": f"{rows or limits.max_rows:,}".replace(",", ".")}
    )


def too_many_columns(limits: Limits) -> TableError:
    return TableError(
        _(
            "The file has more than %(columns)s columns. Is it the right file? "
            "Remove the columns you do not need and try again."
        )
        % {"columns": f"{limits.max_columns:,}".replace(",", ".")}
    )


def open_table(
    source: str | Path | bytes | IO[bytes],
    *,
    filename: str = "",
    header_row: int = 0,
    skip_rows_after_header: int = 0,
    limits: Limits = DEFAULT_LIMITS,
) -> Table:
    """Open a CSV or XLSX file (path, bytes or a seekable binary handle, which the table
    closes) and return its header and a row iterator."""
    handle: IO[bytes]
    if isinstance(source, bytes):
        handle = io.BytesIO(source)
    elif isinstance(source, str | Path):
        handle = open(source, "rb")  # noqa: SIM115
    else:
        handle = source
    try:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
        if size > limits.max_bytes:
            raise _too_large(limits)
        head = handle.read(_SAMPLE)
        handle.seek(0)
        if not head.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
            raise TableError(_("The file is empty."))
        if head.startswith(b"PK\x03\x04"):
            return _open_xlsx(handle, header_row, skip_rows_after_header, limits)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise TableError(
                _(
                    "This is an old Excel file (.xls). "
                    "Save it as .xlsx or as CSV (UTF-8) and try again."
                )
            )
        encoding, mixed = _detect_encoding(handle, head)
        table = _open_csv(handle, encoding, mixed, header_row, skip_rows_after_header, limits)
    except BaseException:
        handle.close()
        raise
    if mixed:
        table.warnings.append(
            _(
                "This file mixes two character encodings (UTF-8 and Windows-1252), as happens "
                "when exports are pasted together. Each character was read in the encoding "
                "it was written in: check the names with accents in the preview."
            )
        )
    return table


# --- Character encodings ----------------------------------------------------------------
_MIXED = "klantcultuur-utf8-else-cp1252"
# A UTF-8 sequence of two to four bytes: Windows-1252 text almost never holds one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_MIXED, _cp1252_fallback)


def _detect_encoding(handle: IO[bytes], head: bytes) -> tuple[str, bool]:
    """The file's encoding (validated over the whole file), and whether it mixes UTF-8
    with Windows-1252."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
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
        while chunk := handle.read(MIB):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return encoding, False
    except UnicodeDecodeError:
        pass
    finally:
        handle.seek(0)
    # Not UTF-8 throughout. Real UTF-8 sequences as well: two files pasted together, or a
    # Windows-1252 file edited in a UTF-8 editor. Reading it all as Windows-1252 would turn
    # "Zoë" into "ZoÃ«"; each character is read in the encoding it was written in instead.
    utf8_sequences = 0
    try:
        while chunk := handle.read(MIB):
            utf8_sequences += len(_UTF8_SEQUENCE.findall(chunk))
    finally:
        handle.seek(0)
    if utf8_sequences:
        return encoding, True
    decoder = codecs.getincrementaldecoder("cp1252")()
    try:
        while chunk := handle.read(MIB):
            decoder.decode(chunk)
        return "cp1252", False
    except UnicodeDecodeError as exc:
        raise TableError(
            _(
                "The file's character encoding is not UTF-8 or Windows-1252. "
                "Save it as CSV (UTF-8) and try again."
            )
        ) from exc
    finally:
        handle.seek(0)


# --- CSV ----------------------------------------------------------------------------------
def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most columns (semicolon on ties)."""
    best, best_count = DELIMITERS[0], 1
    for delimiter in DELIMITERS:
        try:
            count = len(next(csv.reader([first_line], delimiter=delimiter), []))
        except csv.Error:
            continue
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _open_csv(
    handle: IO[bytes], encoding: str, mixed: bool, header_row: int, skip: int, limits: Limits
) -> Table:
    text = io.TextIOWrapper(
        handle, encoding=encoding, errors=_MIXED if mixed else "strict", newline=""
    )
    # A first line longer than this is no header: refuse it before reading it whole.
    first_line = text.readline(limits.max_first_line_bytes + 1)
    if len(first_line) > limits.max_first_line_bytes and not first_line.endswith("\n"):
        text.close()
        raise TableError(
            _(
                "The first line of the file is longer than %(mb)s MB: it is not a header row. "
                "Is this a CSV file with one line per answer?"
            )
            % {"mb": max(1, limits.max_first_line_bytes // MIB)}
        )
    text.seek(0)
    delimiter = sniff_delimiter(first_line.rstrip("\r\n"))
    reader = csv.reader(text, delimiter=delimiter)
    max_lines, max_columns = limits.max_rows, limits.max_columns
    try:
        headers = _read_header(reader, header_row, skip, limits)
    except csv.Error as exc:
        text.close()
        raise TableError(
            _("The file could not be read as CSV: %(error)s") % {"error": exc}
        ) from exc
    except BaseException:
        text.close()
        raise

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
                if reader.line_num > max_lines:
                    raise too_many_rows(limits)
                if len(cells) > max_columns:
                    raise too_many_columns(limits)
                # Most rows start with a filled cell: no look at the others needed.
                if (cells and cells[0] and not cells[0].isspace()) or any(
                    cell.strip() for cell in cells
                ):
                    yield reader.line_num, cells
        finally:
            text.close()

    return Table(headers, rows(), encoding, delimiter)


def _read_header(
    reader: Iterator[Sequence[Any]], header_row: int, skip: int, limits: Limits
) -> list[str]:
    headers: list[str] | None = None
    for index, cells in enumerate(reader):
        if len(cells) > limits.max_columns:
            raise too_many_columns(limits)
        if index == header_row:
            headers = [str(c).strip() if c is not None else "" for c in cells]
            break
    if headers is None or not any(headers):
        raise TableError(_("The file has no header row."))
    for _i in range(skip):
        skipped = next(reader, None)
        if skipped is not None and len(skipped) > limits.max_columns:
            raise too_many_columns(limits)
    return headers


# --- XLSX ---------------------------------------------------------------------------------
def check_xlsx(handle: IO[bytes], limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an XLSX whose parts unpack to more than the limits allow (a zip bomb).

    The sizes come from the zip's directory; Python's zip reader never unpacks more of a
    part than its directory says, so checking them bounds what openpyxl can be given.
    """
    damaged = _("The Excel file could not be opened: it may be damaged.")
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise TableError(damaged) from exc
    finally:
        handle.seek(0)
    if len(parts) > 10_000:
        raise TableError(damaged)
    total = 0
    refused = _(
        "The Excel file unpacks to far more than it holds (%(mb)s MB): it was refused to "
        "protect the server. Save it again as CSV (UTF-8) and try again."
    )
    for part in parts:
        total += part.file_size
        ratio_too_high = part.file_size > MIB and part.file_size > limits.max_xlsx_ratio * max(
            part.compress_size, 1
        )
        shared = part.filename.lower().endswith("sharedstrings.xml")
        if (
            ratio_too_high
            or total > limits.max_xlsx_unpacked
            or (shared and part.file_size > limits.max_xlsx_shared_strings)
        ):
            raise TableError(refused % {"mb": max(1, part.file_size // MIB)})


def _open_xlsx(handle: IO[bytes], header_row: int, skip: int, limits: Limits) -> Table:
    from openpyxl import load_workbook

    check_xlsx(handle, limits)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The sheet's stated size (<dimension>) is not to be trusted: openpyxl would pad
        # every row to its width and add empty rows up to its height. Read what is there.
        sheet.reset_dimensions()
    except Exception as exc:  # openpyxl raises many types for damaged files
        handle.close()
        raise TableError(_("The Excel file could not be opened: it may be damaged.")) from exc
    iterator = sheet.iter_rows(values_only=True)
    # Excel holds at most 1,048,576 rows; missing rows come as empty ones (openpyxl fills
    # the gaps), so the line count is the sheet's row number and a gap is bounded too.
    max_lines = min(limits.max_rows, EXCEL_MAX_ROWS)
    max_columns = limits.max_columns
    damaged = _("The Excel file could not be read past row %(line)s: it may be damaged.")
    line = 0

    def header_rows() -> Iterator[Sequence[Any]]:
        nonlocal line
        for cells in iterator:
            line += 1
            yield cells

    try:
        headers = _read_header(header_rows(), header_row, skip, limits)
    except TableError:
        workbook.close()
        handle.close()
        raise
    except Exception as exc:  # a part cut off halfway (a truncated download)
        workbook.close()
        handle.close()
        raise TableError(damaged % {"line": line}) from exc
    width = len(headers)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = line
        try:
            for cells in iterator:
                number += 1
                if number > max_lines:
                    raise too_many_rows(limits, max_lines)
                if not cells:  # a missing row
                    continue
                if len(cells) > max_columns:
                    raise too_many_columns(limits)
                values = ["" if c is None else c for c in cells[:width]]
                if any(str(c).strip() for c in values):
                    yield number, values
        except TableError:
            raise
        except Exception as exc:  # a part cut off halfway (a truncated download)
            raise TableError(damaged % {"line": number}) from exc
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
    labels: Mapping[str, object] | None = None,
) -> dict[str, int]:
    """Map field names to column positions by their aliases; raise when required ones lack."""
    position: dict[str, int] = {}
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
