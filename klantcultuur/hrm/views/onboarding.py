"""Onboarding paths: the newcomer walks them; HR and the manager see the progress."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.hrm import access, selectors, steps
from klantcultuur.hrm.forms import BuddyForm, StartPathForm
from klantcultuur.hrm.services import onboarding as services
from klantcultuur.orgs.access import member_required
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@member_required()
def paths(request: MemberRequest):
    """Newcomers and their progress: all for HR, those of one's units for a manager."""
    me = request.membership
    found = selectors.paths_for(me)
    if not found.exists() and not (
        me.has_perm(Perm.VIEW_ALL_UNITS) or me.managed_unit_ids or me.has_perm(Perm.MANAGE_PEOPLE)
    ):
        own = selectors.open_path_of(me)
        if own is not None:
            return redirect("hrm-path", code=own.uuid)
        raise PermissionDenied
    can_start = me.has_perm(Perm.MANAGE_PEOPLE)
    form = StartPathForm(request.POST or None, organization=request.organization)
    if request.method == "POST":
        if not can_start:
            raise PermissionDenied
        if form.is_valid():
            path = services.path_start(membership=form.cleaned_data["person"])
            return redirect("hrm-path", code=path.uuid)
    return render(
        request,
        "hrm/paths.html",
        {
            "rows": selectors.progress_rows(found[:200]),
            "form": form,
            "can_start": can_start,
            "tab": "onboarding",
            "first_dagstarts": steps.FIRST_DAGSTARTS,
        },
    )


@member_required(methods=("GET",))
def mine(request: MemberRequest):
    own = selectors.open_path_of(request.membership)
    if own is None:
        return redirect("front-home")
    return redirect("hrm-path", code=own.uuid)


@member_required()
def path(request: MemberRequest, code: UUID):
    found = access.get_path_for_user(request, code)
    me = request.membership
    is_newcomer = found.membership_id == me.id
    follows_up = access.may_follow_up(me, found)
    buddy_form = BuddyForm(
        request.POST if request.POST.get("form") == "buddy" else None,
        initial={"buddy": found.buddy_id},
        organization=request.organization,
        newcomer=found.membership,
    )
    if request.method == "POST":
        if request.POST.get("form") == "buddy":
            if not follows_up:
                raise PermissionDenied
            if buddy_form.is_valid():
                try:
                    services.buddy_set(path=found, buddy=buddy_form.cleaned_data["buddy"])
                except ValidationError as exc:
                    buddy_form.add_error(None, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("hrm-path", code=found.uuid)
        else:
            if not is_newcomer:
                raise PermissionDenied
            step = request.POST.get("step", "")
            try:
                services.step_done(path=found, step=step, done=request.POST.get("undo") != "1")
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            return redirect(f"{request.path}#step-{step}" if step in steps.STEPS else request.path)
    content = selectors.path_content(found)
    progress = selectors.progress_of(found)
    services.path_sync(path=found, progress=progress)
    return render(
        request,
        "hrm/path.html",
        {
            "path": found,
            "newcomer": found.membership,
            "content": content,
            "progress": progress,
            "is_newcomer": is_newcomer,
            "follows_up": follows_up,
            "buddy_form": buddy_form,
            "first_dagstarts": steps.FIRST_DAGSTARTS,
            "role_label": found.membership.get_role_display(),
        },
    )


@member_required(methods=("GET",))
def path_card(request: MemberRequest):
    """A card on the start page (htmx): one's own open path, or newcomers to follow up."""
    me = request.membership
    own = selectors.open_path_of(me)
    rows = []
    if me.has_perm(Perm.MANAGE_PEOPLE) or me.managed_unit_ids:
        rows = [
            (p, pr)
            for p, pr in selectors.progress_rows(
                selectors.paths_for(me).filter(completed_on__isnull=True)[:5]
            )
        ]
    return render(
        request,
        "hrm/_path_card.html",
        {"own": own, "own_progress": selectors.progress_of(own) if own else None, "rows": rows},
    )
