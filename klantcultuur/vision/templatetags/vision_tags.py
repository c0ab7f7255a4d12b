"""Template helpers of the vision pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

COLOURS = {"endorsed": "#1d6b35", "remark": "#6a9f3a", "not_yet": "#b34700", "pending": "#c9d0d6"}


@register.filter
def person(membership) -> str:
    if membership is None:
        return ""
    return membership.user.get_full_name() or membership.user.email


@register.filter
def tally_bar(tally) -> str:
    """A stacked bar of endorsed / with remark / not yet / not answered (SVG, no styles)."""
    parts = [
        '<svg class="tally" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%"'
        ' height="14" aria-hidden="true" focusable="false">'
    ]
    x = 0.0
    for status, share in tally.bar():
        if share <= 0:
            continue
        parts.append(
            f'<rect x="{x:.2f}" y="0" width="{share:.2f}" height="10" fill="{COLOURS[status]}"/>'
        )
        x += share
    if x == 0:
        parts.append('<rect x="0" y="0" width="100" height="10" fill="#e8ebee"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


@register.filter
def share_bar(percent) -> str:
    """A single horizontal bar for a percentage (SVG)."""
    try:
        value = max(0.0, min(100.0, float(percent)))
    except (TypeError, ValueError):
        value = 0.0
    return mark_safe(
        '<svg class="sharebar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%"'
        ' height="12" aria-hidden="true" focusable="false">'
        '<rect x="0" y="0" width="100" height="10" fill="#e8ebee"/>'
        f'<rect x="0" y="0" width="{value:.1f}" height="10" fill="#0b5560"/></svg>'
    )


@register.simple_tag(takes_context=True)
def follows_draagvlak(context) -> bool:
    """Whether the reader may open the draagvlak page (the tabs link to it only then)."""
    from klantcultuur.vision.access import can_follow_draagvlak

    request = context.get("request")
    return (
        request is not None
        and getattr(request, "membership", None) is not None
        and (can_follow_draagvlak(request))
    )
