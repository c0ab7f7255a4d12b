"""QR codes as SVG paths (the qrcode package), drawn by templates with presentation attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass

import qrcode
import qrcode.image.svg

_PATH = re.compile(r'<path d="([^"]+)"')
_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')


@dataclass(frozen=True)
class QrCode:
    size: int  # modules including the quiet zone; the SVG's viewBox is size x size
    path: str  # one SVG path with every dark module


def qr_code(data: str) -> QrCode:
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        border=4,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    viewbox, path = _VIEWBOX.search(svg), _PATH.search(svg)
    if viewbox is None or path is None:
        raise ValueError("qrcode wrote an SVG without a viewBox or path")
    return QrCode(int(viewbox[1]), path[1])


def qr_svg_document(data: str, title: str) -> str:
    """A standalone SVG file of the code (for printing on a poster or a receipt)."""
    from django.utils.html import escape

    code = qr_code(data)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {code.size} {code.size}" width="{code.size * 10}" '
        f'height="{code.size * 10}"><title>{escape(title)}</title>'
        f'<rect width="{code.size}" height="{code.size}" fill="#ffffff"/>'
        f'<path d="{code.path}" fill="#000000"/></svg>\n'
    )
