"""One rounding for every figure shown, in tables, texts and charts alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rounded(value: float | Decimal, decimals: int) -> Decimal:
    """`value` rounded half away from zero to `decimals` places (0.215 -> 0.22, as people
    round), from its shortest decimal form, so that a chart and a table never differ."""
    exponent = Decimal(1).scaleb(-int(decimals))
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)
