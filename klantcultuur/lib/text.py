"""Text from outside (forms, API, webhooks, files) made safe to store, show and export.

One definition of the characters nobody types on purpose: the C0 controls except tab, line
feed and carriage return, DEL, the C1 controls, lone surrogates and the non-characters
U+FFFE/U+FFFF. XML (and so XLSX) cannot hold them, and terminals and logs act on some.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\s+")


def strip_unsafe(text: str) -> str:
    """The text without unsafe control characters (tabs and line breaks stay)."""
    return UNSAFE.sub("", text) if UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """Safe text on one line (an e-mail subject, a header): any whitespace run is one space."""
    return _LINE_BREAKS.sub(" ", strip_unsafe(text)).strip()


def validate_one_line(value: str) -> None:
    """A name: one line, without control characters."""
    if UNSAFE.search(value) or any(c in value for c in "\t\n\r\u2028\u2029"):
        raise ValidationError(
            _("Use one line without tabs, line breaks or control characters."), code="one_line"
        )
