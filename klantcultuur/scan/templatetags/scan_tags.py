"""Formatting of report figures: numbers the Dutch way, percentages, signed changes."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from klantcultuur.lib.numbers import rounded

register = template.Library()


@register.filter
def num(value, decimals: int = 2) -> str:
    """A number with a fixed number of decimals in the current language ("3,42")."""
    if value is None or value == "":
        return "–"
    return number_format(rounded(value, decimals), int(decimals))


@register.filter
def signed(value, decimals: int = 2) -> str:
    """A change with its sign: "+0,31", or a minus sign (U+2212) before a decrease."""
    if value is None:
        return "–"
    shown = rounded(value, decimals)
    text = number_format(abs(shown), int(decimals))
    if shown == 0:
        return text
    return ("+" if shown > 0 else "−") + text


@register.filter
def pct(share) -> str:
    """A share 0..1 as a whole percentage ("23%")."""
    if share is None:
        return "–"
    return f"{round(share * 100)}%"


@register.filter
def percent_int(share) -> int:
    """A share 0..1 as a whole number 0..100 (for <meter> values)."""
    return 0 if share is None else round(share * 100)


@register.simple_tag
def figure(f, field: str | None = None, decimals: int = 2, kind: str = "num"):
    """A gate Figure: its value formatted, or the reason it is suppressed, never an empty cell."""
    from django.utils.html import format_html

    if f is None:
        return "–"
    if not f:
        if getattr(f, "hint", None):
            return format_html(
                '<span class="suppressed">{}<span class="suppressed__hint">: {}</span></span>',
                f.message,
                f.hint,
            )
        return format_html('<span class="suppressed">{}</span>', f.message)
    value = f.value if field is None else f.value[field]
    if kind == "pct":
        return pct(value)
    if kind == "signed":
        return signed(value, decimals)
    if kind == "int":
        return str(value)
    return num(value, decimals)
