from __future__ import annotations

from django import template

from klantcultuur.orgs.roles import Perm

register = template.Library()


@register.filter
def reads_programme(request) -> bool:
    """Whether the member may open the programme pages (so a link to them is no dead end)."""
    membership = getattr(request, "membership", None)
    return membership is not None and membership.has_perm(Perm.VIEW_SCAN_REPORTS)


@register.filter
def reads_dashboard(request) -> bool:
    """Whether the member may open the programme dashboard (board, CX lead, admin)."""
    membership = getattr(request, "membership", None)
    return membership is not None and membership.has_perm(Perm.MANAGE_PROGRAMME)


@register.filter
def goes_on_floor(request) -> bool:
    """Whether the member is a leader who plans visits to the floor."""
    from klantcultuur.programme.selectors import may_visit

    membership = getattr(request, "membership", None)
    return membership is not None and may_visit(membership)


@register.filter
def get_item(mapping, key):
    """A value of a dict by a key from the template (None when absent)."""
    return mapping.get(key) if mapping else None


@register.filter
def open_count(actions) -> int:
    """Planned stakeholder actions not done yet."""
    return sum(1 for a in actions if a.done_at is None)
