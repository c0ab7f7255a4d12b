"""Text out of an uploaded HR document (DOCX, PDF, plain text), or a clear reason why not."""

from __future__ import annotations

import io

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: job profiles and policies are far smaller
KINDS = ("docx", "pdf", "txt")


class ReadError(Exception):
    """Why a document could not be read; `code` picks the translated message."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def kind_of(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in KINDS:
        raise ReadError("unsupported")
    return extension


def read(filename: str, data: bytes) -> tuple[str, str]:
    """(kind, text) of a document; raises ReadError for what cannot be read."""
    if len(data) > MAX_BYTES:
        raise ReadError("too_large")
    kind = kind_of(filename)
    if kind == "txt":
        text = _text(data)
    elif kind == "docx":
        text = _docx(data)
    else:
        text = _pdf(data)
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if not text:
        raise ReadError("empty")
    return kind, text


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("unreadable")


def _docx(data: bytes) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReadError("unreadable") from exc
    except Exception as exc:  # a corrupt zip raises zipfile.BadZipFile and others
        raise ReadError("unreadable") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError("encrypted")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ReadError("unreadable") from exc
    except Exception as exc:  # pypdf raises several types on damaged files
        raise ReadError("unreadable") from exc
