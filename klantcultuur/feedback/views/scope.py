"""Which units and days a page covers, as the member may see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree


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
