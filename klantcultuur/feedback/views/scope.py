"""Which units and days a page covers, as the member may see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcultuur.feedback.periods import grain_for
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree

PERIODS = {
    "7": _("Last 7 days"),
    "30": _("Last 30 days"),
    "90": _("Last 90 days"),
    "365": _("Last 12 months"),
}
DEFAULT_PERIOD = "30"


GRAIN_LABELS = {"day": _("per day"), "week": _("per week"), "month": _("per month")}


@dataclass
class Period:
    key: str  # "7", "30", "90", "365" or "custom"
    start: date
    end: date
    chosen_grain: str = ""  # "day", "week" or "month"; empty: what suits the length

    @property
    def grain(self) -> str:
        return self.chosen_grain or grain_for(self.start, self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (for trends)."""
        length = timedelta(days=self.days)
        return Period(
            self.key, self.start - length, self.start - timedelta(days=1), self.chosen_grain
        )


def parse_period(params, today: date | None = None) -> Period:
    """The period asked for in the query (default: the last 30 days up to today)."""
    today = today or timezone.localdate()
    grain = params.get("grain", "")
    found = _parse_period(params, today)
    if grain in GRAIN_LABELS:
        found.chosen_grain = grain
    return found


def _parse_period(params, today: date) -> Period:
    key = params.get("period", DEFAULT_PERIOD)
    if key == "custom":
        try:
            start = date.fromisoformat(params.get("from", ""))
            end = date.fromisoformat(params.get("to", ""))
        except ValueError:
            key = DEFAULT_PERIOD
        else:
            if start <= end and (end - start).days <= 3 * 366:
                return Period("custom", start, end)
            key = DEFAULT_PERIOD
    if key not in PERIODS:
        key = DEFAULT_PERIOD
    return Period(key, today - timedelta(days=int(key) - 1), today)


@dataclass
class Scope:
    """The units a page covers: one unit's subtree, or all the member may see."""

    unit: OrgUnit | None
    tree: UnitTree
    visible: frozenset[int]
    sees_all: bool
    unit_ids: list[int] | None = field(default=None)  # None: the whole organisation

    @property
    def includes_unrouted(self) -> bool:
        return self.unit is None and self.sees_all


def scope_for(request: MemberRequest, code: UUID | str | None) -> Scope:
    """The scope of `?unit=` (or a URL's unit); 404 for another organisation, 403 unseen."""
    membership = request.membership
    tree = UnitTree.for_organization(request.organization.id)
    visible = membership.visible_unit_ids()
    sees_all = membership.has_perm(Perm.VIEW_ALL_UNITS)
    if code:
        try:
            uuid = UUID(str(code))
        except ValueError as exc:
            raise Http404 from exc
        unit = OrgUnit.objects.filter(organization=request.organization, uuid=uuid).first()
        if unit is None:
            raise Http404
        if unit.id not in visible:
            raise PermissionDenied
        return Scope(unit, tree, visible, sees_all, tree.subtree_ids(unit.id))
    if sees_all:
        return Scope(None, tree, visible, True, None)
    return Scope(None, tree, visible, False, sorted(visible))
