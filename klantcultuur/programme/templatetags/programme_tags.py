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
