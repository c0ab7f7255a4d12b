"""A navigation entry an app declares: what front's menu shows to a member who may use it.

An app adds its pages by giving its AppConfig a `navigation` list of `NavItem`s; the menu
(`klantcultuur.front.navigation`) collects them, so new capabilities appear in it without
editing the base template, and no app has to import front.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from klantcultuur.orgs.roles import Perm


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    perm: Perm | None = None  # the permission a member needs to see the item
    order: int = 50
    section: str | tuple[str, ...] = ""  # URL prefix(es) that mark the item as current
    # Shown only to members who lack this permission: a way in for those who do not get a
    # fuller entry (an employee's "Ambassador" where a manager has the whole programme).
    without: Perm | None = None
