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
    # The KPIs on the boards of the units one leads (owner, target, which KPIs)
    MANAGE_KPIS = "manage_kpis"
    # The organisation-wide KPI catalogue: create, change and archive KPIs for every board
    MANAGE_KPI_CATALOGUE = "manage_kpi_catalogue"
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
            Perm.MANAGE_KPI_CATALOGUE,
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


# --- Granting roles ------------------------------------------------------------------------
# Nobody hands out more than they hold: a member may give role R (on the person page, in an
# invitation or through the people import) only when R's permissions are a subset of their
# own, and may change the role of a colleague only when they could have given that
# colleague's current role. With today's table:
# - an administrator may give every role and change everybody's role;
# - HR (the only other role that manages people) may give the employee and HR roles, and
#   change the role of employees and HR colleagues. Not manager (managers manage their
#   units' KPIs, which HR cannot), not board (steers every team), not CX lead, not
#   administrator: an administrator gives those, or HR asks one.
# - every other role lacks MANAGE_PEOPLE and so never reaches a page that grants roles.
# No API sets a role (the REST API only takes customer feedback).


def may_grant(actor_role: str, role: str) -> bool:
    """Whether a member with `actor_role` may give `role` to someone (themselves included)."""
    if not role_has_perm(actor_role, Perm.MANAGE_PEOPLE) or role not in ROLE_PERMISSIONS:
        return False
    return ROLE_PERMISSIONS[role] <= ROLE_PERMISSIONS[actor_role]


def grantable_roles(actor_role: str) -> list[str]:
    """The roles `actor_role` may give, in the order of `Role`."""
    return [role for role in Role.values if may_grant(actor_role, role)]


def grantable_choices(actor_role: str) -> list[tuple[str, str]]:
    """`Role.choices` limited to what `actor_role` may give (for forms)."""
    allowed = set(grantable_roles(actor_role))
    return [(value, label) for value, label in Role.choices if value in allowed]
