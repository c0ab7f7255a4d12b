"""Numbers as people type them on a Dutch tablet (pure)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_GROUPED = re.compile(r"-?\d{1,3}([\s\u00a0\u202f]\d{3})+([,.]\d+)?")


def parse_decimal(text: str) -> Decimal:
    """Read '7,5', '7.5', '1.234,5', '1,234.5', '-2', '85 %' or '85%'; ValueError otherwise.

    A lone comma or a lone dot is the decimal sign (keypads show one or the other); with
    both, the last one is. Several dots are thousands separators ('1.234.567').
    """
    value = str(text).strip().removesuffix("%").strip()
    if _SPACES.search(value):
        if not _GROUPED.fullmatch(value):  # '1 234' groups thousands; '7 5' is no number
            raise ValueError(text)
        value = _SPACES.sub("", value)
    if not value:
        raise ValueError("empty")
    if "," in value and "." in value:
        # The separator that comes last is the decimal sign.
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        if value.count(",") > 1:
            raise ValueError(text)
        value = value.replace(",", ".")
    elif value.count(".") > 1:
        if not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
            raise ValueError(text)
        value = value.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        raise ValueError(text)
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
