"""The main navigation, assembled from what each app declares.

An app adds its pages by giving its AppConfig a `navigation` list of `NavItem`s
(`klantcultuur.orgs.navigation`), so new capabilities appear in the menu without editing
the base template. Each item names the permission a member needs to see it.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

from klantcultuur.orgs.navigation import NavItem

__all__ = ["NavItem", "items_for", "navigation"]


def items_for(request) -> list[dict]:
    """Navigation entries the current member may use, with the current one marked."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    found: list[NavItem] = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "navigation", []))
    entries = []
    for item in sorted(found, key=lambda i: (i.order, str(i.label))):
        if item.perm is not None and not membership.has_perm(item.perm):
            continue
        if item.without is not None and membership.has_perm(item.without):
            continue
        url = reverse(item.url_name)
        prefixes = (item.section,) if isinstance(item.section, str) else item.section
        prefixes = tuple(p for p in prefixes if p and p != "/") or (url,)
        current = request.path == url or request.path.startswith(prefixes)
        entries.append({"label": item.label, "url": url, "current": current})
    return entries


def navigation(request) -> dict:
    """Context processor: the main menu."""
    return {"nav_items": items_for(request)}
