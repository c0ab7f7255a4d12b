"""HTML to PDF with xhtml2pdf (ReportLab underneath; SVG images drawn as vectors by svglib).

Chosen because it installs from the package registry alone: WeasyPrint would draw nicer
pages but needs Pango from the operating system, which `make demo` on a fresh machine does
not have. xhtml2pdf reads a subset of CSS (no flex or grid), so the PDF has its own simple
template; charts are the same SVG as in the print view, passed as data-URI images.
"""

from __future__ import annotations

import io
import logging

from xhtml2pdf import pisa

logging.getLogger("xhtml2pdf").setLevel(logging.ERROR)


class PdfError(Exception):
    pass


def html_to_pdf(html: str) -> bytes:
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise PdfError(f"{result.err} error(s) while drawing the PDF")
    return out.getvalue()
