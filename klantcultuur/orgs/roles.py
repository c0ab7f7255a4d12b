"""Roles per organisation and what each may do.

One table decides access for the whole product: views declare the permission they need
(`member_required(perm=...)`), and the access test enumerates every URL against it.
Unit-scoped reading (a manager sees the units they lead, an employee their own team) is
decided by `Membership.visible_units()`, not here.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    BOARD = "board", _("Board")
    MANAGER = "manager", _("Manager")
    EMPLOYEE = "employee", _("Employee")
    HR = "hr", _("HR")
    CX_LEAD = "cx_lead", _("CX lead")


class Perm(StrEnum):
    # Organisation
    VIEW_ORGANIZATION = "view_organization"  # the unit tree and colleagues
    MANAGE_STRUCTURE = "manage_structure"  # create, move, rename, archive units
    MANAGE_PEOPLE = "manage_people"  # invite, import, change roles and units
    MANAGE_SETTINGS = "manage_settings"  # name, sector, anonymity thresholds
    VIEW_ALL_UNITS = "view_all_units"  # results of every unit, not only one's own
    # Culture scan
    MANAGE_SCANS = "manage_scans"
    VIEW_SCAN_REPORTS = "view_scan_reports"
    # Customer feedback
    MANAGE_FEEDBACK = "manage_feedback"  # sources, imports, routing, topics, API tokens
    VIEW_FEEDBACK = "view_feedback"
    HANDLE_CASES = "handle_cases"  # follow up detractors of one's teams
    ERASE_CUSTOMER_DATA = "erase_customer_data"
    # Team steering
    MANAGE_KPIS = "manage_kpis"  # the KPI catalogue and targets
    USE_HUDDLE = "use_huddle"  # the dagstart board of one's team(s)
    MANAGE_ACTIONS = "manage_actions"  # improvement actions
    # Take part in every team's dagstart (not only one's own or the units one leads) and
    # answer escalations that reach the organisation board.
    STEER_ALL_TEAMS = "steer_all_teams"
    # Customer vision: start co-creation rounds, write and publish versions, answer objections
    MANAGE_VISION = "manage_vision"


_EVERYONE = {
    Perm.VIEW_ORGANIZATION,
    Perm.VIEW_FEEDBACK,
    Perm.USE_HUDDLE,
    Perm.MANAGE_ACTIONS,
    Perm.HANDLE_CASES,
}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.BOARD: frozenset(
        _EVERYONE
        | {Perm.VIEW_ALL_UNITS, Perm.VIEW_SCAN_REPORTS, Perm.STEER_ALL_TEAMS, Perm.MANAGE_VISION}
    ),
    Role.CX_LEAD: frozenset(
        _EVERYONE
        | {
            Perm.VIEW_ALL_UNITS,
            Perm.MANAGE_SCANS,
            Perm.VIEW_SCAN_REPORTS,
            Perm.MANAGE_FEEDBACK,
            Perm.ERASE_CUSTOMER_DATA,
            Perm.MANAGE_KPIS,
            Perm.STEER_ALL_TEAMS,
            Perm.MANAGE_VISION,
        }
    ),
    Role.HR: frozenset(
        _EVERYONE | {Perm.MANAGE_PEOPLE, Perm.VIEW_ALL_UNITS, Perm.VIEW_SCAN_REPORTS}
    ),
    Role.MANAGER: frozenset(_EVERYONE | {Perm.VIEW_SCAN_REPORTS, Perm.MANAGE_KPIS}),
    Role.EMPLOYEE: frozenset(_EVERYONE),
}


def role_has_perm(role: str, perm: Perm) -> bool:
    """Whether a role carries a permission."""
    return perm in ROLE_PERMISSIONS.get(role, frozenset())


def roles_without(perm: Perm) -> list[str]:
    """The roles that lack a permission (used by the access test)."""
    return [role for role in Role.values if not role_has_perm(role, perm)]
