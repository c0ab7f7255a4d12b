"""Hostile files made on the spot, for the tests of the file reading limits."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

MIB = 1024 * 1024


def _entry(name: str, raw: bytes, crc: int, size: int, offset: int) -> tuple[bytes, bytes]:
    """The local header + data, and the central directory record, of one deflated part."""
    encoded = name.encode()
    local = (
        struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(encoded), 0
        )
        + encoded
        + raw
    )
    central = (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(raw),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + encoded
    )
    return local, central


def rebuild_xlsx(base: bytes, replace: dict[str, tuple[bytes, int, int]]) -> bytes:
    """`base` with some parts replaced by (raw deflate data, crc, unpacked size)."""
    parts: dict[str, tuple[bytes, int, int]] = {}
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            parts[info.filename] = (
                packer.compress(data) + packer.flush(),
                zlib.crc32(data),
                len(data),
            )
    parts.update(replace)
    body, directory = b"", b""
    for name, (raw, crc, size) in parts.items():
        local, central = _entry(name, raw, crc, size, len(body))
        body += local
        directory += central
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), len(body), 0
    )
    return body + directory + end


def small_workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def shared_strings_bomb(megabytes: int = 300) -> bytes:
    """An XLSX of a few kB whose shared strings unpack to `megabytes` MB.

    Its sheet's header cell is the first shared string ("Datum"), so a reader has to load
    them all. Made without compressing them all: after a full flush a deflate stream forgets
    what came before, so one compressed megabyte repeated is a valid stream of many.
    """
    base = small_workbook([["Datum"]])
    chunk = b"<si><t>" + b"A" * 1000 + b"</t></si>"
    chunk = chunk * (MIB // len(chunk))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>Datum</t></si>"
    )
    tail = b"</sst>"
    starter = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = starter.compress(head) + starter.flush(zlib.Z_FULL_FLUSH)
    raw += block * megabytes
    ender = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw += ender.compress(tail) + ender.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * megabytes + len(tail)
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdBomb"/></Relationships>',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )
    return rebuild_xlsx(
        base,
        {
            "xl/sharedStrings.xml": (raw, crc, size),
            "xl/_rels/workbook.xml.rels": _deflated(rels.encode()),
            "[Content_Types].xml": _deflated(types.encode()),
            "xl/worksheets/sheet1.xml": _deflated(sheet),
        },
    )


def sheet_claiming_rows(
    count: int = 50_000_000, *, gap: bool = False, header: str = "Datum"
) -> bytes:
    """A tiny XLSX whose sheet says it has `count` rows: by its <dimension> (openpyxl pads
    the rows up to it) or, with `gap`, by a last row numbered `count`."""
    rows = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{header}</t></is></c></row>'
    if gap:
        rows += f'<row r="{count}"><c r="A{count}" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:B{count}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = packer.compress(sheet) + packer.flush()
    base = small_workbook([["Datum"]])
    return rebuild_xlsx(base, {"xl/worksheets/sheet1.xml": (raw, zlib.crc32(sheet), len(sheet))})


def million_column_csv() -> bytes:
    return b"Datum" + b";" * 1_000_000 + b"\r\n2025-01-02" + b";" * 1_000_000 + b"\r\n"


def long_first_line_csv(megabytes: int = 17) -> bytes:
    return b"x" * (megabytes * MIB) + b"\r\n1;2\r\n"
