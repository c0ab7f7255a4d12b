"""The unit tree: browse, create, rename, move, archive."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.lib.params import uuid_or_404
from klantcultuur.orgs import selectors, services
from klantcultuur.orgs.access import get_unit_for_user, get_unit_rw_for_user, member_required
from klantcultuur.orgs.forms import UnitForm
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm
from klantcultuur.orgs.tree import UnitTree


@member_required(Perm.VIEW_ORGANIZATION, methods=("GET",))
def tree(request: MemberRequest):
    show_archived = request.GET.get("archived") == "1"
    units = selectors.units_with_member_counts(request.organization)
    unit_tree = UnitTree.for_organization(request.organization.id)
    rows = [
        {"unit": units[node.id], "depth": node_depth, "indent": range(node_depth)}
        for node, node_depth in unit_tree.walk(include_archived=show_archived)
    ]
    counts = {
        "units": sum(1 for u in units.values() if not u.is_archived),
        "people": selectors.member_count(request.organization),
        "archived": sum(1 for u in units.values() if u.is_archived),
    }
    return render(
        request, "orgs/tree.html", {"rows": rows, "counts": counts, "show_archived": show_archived}
    )


@member_required(Perm.VIEW_ORGANIZATION, methods=("GET",))
def unit_detail(request: MemberRequest, code: UUID):
    unit = get_unit_for_user(request, code)
    unit_tree = UnitTree.for_organization(request.organization.id)
    breadcrumbs = selectors.ancestors(unit_tree, unit.id)
    children = unit.children.select_related("manager__user").order_by("name")
    members = selectors.unit_members(unit)
    return render(
        request,
        "orgs/unit_detail.html",
        {"unit": unit, "breadcrumbs": breadcrumbs, "children": children, "members": members},
    )


def _unit_form_page(request: MemberRequest, form: UnitForm, unit: OrgUnit | None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.unit_save(unit=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
            return redirect("orgs-unit", code=saved.uuid)
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit})


@member_required(Perm.MANAGE_STRUCTURE)
def unit_create(request: MemberRequest):
    initial = {}
    if parent_code := request.GET.get("parent"):
        parent = get_unit_for_user(request, uuid_or_404(parent_code))
        initial = {"parent": parent, "office": parent.office}
    form = UnitForm(request.POST or None, organization=request.organization, initial=initial)
    return _unit_form_page(request, form, None)


@member_required(Perm.MANAGE_STRUCTURE)
def unit_edit(request: MemberRequest, code: UUID):
    unit = get_unit_rw_for_user(request, code)
    form = UnitForm(request.POST or None, instance=unit, organization=request.organization)
    return _unit_form_page(request, form, unit)


@member_required(Perm.MANAGE_STRUCTURE, methods=("POST",))
def unit_archive(request: MemberRequest, code: UUID):
    unit = get_unit_rw_for_user(request, code)
    count = services.unit_archive(unit=unit)
    messages.success(
        request,
        _("“%(name)s” is archived (%(count)s units).") % {"name": unit.name, "count": count},
    )
    return redirect("orgs-unit", code=unit.uuid)


@member_required(Perm.MANAGE_STRUCTURE, methods=("POST",))
def unit_restore(request: MemberRequest, code: UUID):
    unit = get_unit_rw_for_user(request, code)
    try:
        services.unit_restore(unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(name)s” is active again.") % {"name": unit.name})
    return redirect("orgs-unit", code=unit.uuid)
