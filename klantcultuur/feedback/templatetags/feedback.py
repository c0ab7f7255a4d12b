"""Template filters of the Klantstem pages."""

from __future__ import annotations

from django import template
from django.utils import formats

from klantcultuur.feedback import metrics

register = template.Library()


@register.filter
def figure(value, kind: str = ""):
    """A figure as people read it: NPS signed ('+32'), shares with '%', means with a decimal."""
    if value is None or value == "":
        return "–"
    if kind == "%":
        return f"{formats.number_format(round(value), 0)}%"
    if kind == "mean":
        return formats.number_format(value, 1)
    rounded = round(value)
    return f"+{rounded}" if rounded > 0 else f"{rounded}".replace("-", "−")


@register.filter
def band(record) -> str:
    """'negative', 'neutral' or 'positive' for a record's score (for colours)."""
    return metrics.band(record.metric, record.score)


@register.filter
def get(mapping, key):
    """mapping[key] in a template (None when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def signed(value) -> str:
    """A change with its sign ('+3', '0'), a minus sign for a fall."""
    if value is None or value == "":
        return ""
    change = round(value)
    return f"+{change}" if change > 0 else f"{change}".replace("-", "−")
