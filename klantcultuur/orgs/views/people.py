"""Colleagues: list, invite, change role and unit, remove."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klantcultuur.lib.htmx import fragment_wanted
from klantcultuur.lib.text import strip_unsafe
from klantcultuur.orgs import selectors, services
from klantcultuur.orgs.access import (
    get_membership_for_user,
    get_membership_rw_for_user,
    member_required,
)
from klantcultuur.orgs.forms import InviteForm, MembershipForm
from klantcultuur.orgs.models import OrgUnit
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm, Role, may_grant

PAGE_SIZE = 50


@member_required(Perm.VIEW_ORGANIZATION, methods=("GET",))
def people(request: MemberRequest):
    query = strip_unsafe(request.GET.get("q", "")).strip()  # PostgreSQL refuses a NUL
    role = request.GET.get("role", "")
    members = selectors.colleagues(request.organization, query=query, role=role)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "role": role, "roles": Role.choices}
    template = "orgs/people.html#results" if fragment_wanted(request) else "orgs/people.html"
    return render(request, template, context)


@member_required(Perm.VIEW_ORGANIZATION)
def person(request: MemberRequest, code: UUID):
    membership = get_membership_for_user(request, code)
    form = None
    if request.membership.has_perm(Perm.MANAGE_PEOPLE):
        form = MembershipForm(
            request.POST or None,
            instance=membership,
            organization=request.organization,
            actor=request.membership,
        )
    if request.method == "POST":
        membership = get_membership_rw_for_user(request, code)
        assert form is not None  # the loader refuses who may not change people
        if form.is_valid():
            try:
                services.membership_update(
                    membership=membership,
                    actor=request.membership,
                    role=form.cleaned_data["role"],
                    unit=form.cleaned_data["unit"],
                    job_title=form.cleaned_data["job_title"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect("orgs-person", code=membership.uuid)
    managed = OrgUnit.objects.filter(manager=membership, archived_at__isnull=True)
    may_remove = may_grant(request.membership.role, membership.role)
    return render(
        request,
        "orgs/person.html",
        {
            "member": membership,
            "form": form,
            "managed": managed,
            "may_remove": may_remove,
        },
    )


@member_required(Perm.MANAGE_PEOPLE)
def invite(request: MemberRequest):
    form = InviteForm(
        request.POST or None, organization=request.organization, actor=request.membership
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_invite(
                organization=request.organization,
                invited_by=request.user,
                actor=request.membership,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": membership.user.email},
            )
            return redirect("orgs-person", code=membership.uuid)
    pending = selectors.uninvited_count(request.organization)
    return render(request, "orgs/invite.html", {"form": form, "pending": pending})


@member_required(Perm.MANAGE_PEOPLE, methods=("POST",))
def invite_pending(request: MemberRequest):
    count = services.invitations_send_pending(
        organization=request.organization, invited_by=request.user
    )
    messages.success(request, _("%(count)s invitations were sent.") % {"count": count})
    return redirect("orgs-people")


@member_required(Perm.MANAGE_PEOPLE, methods=("POST",))
def resend_invitation(request: MemberRequest, code: UUID):
    membership = get_membership_rw_for_user(request, code)
    services.invitation_send(membership=membership, invited_by=request.user)
    messages.success(
        request, _("The invitation was sent again to %(email)s.") % {"email": membership.user.email}
    )
    return redirect("orgs-person", code=membership.uuid)


@member_required(Perm.MANAGE_PEOPLE, methods=("POST",))
def remove(request: MemberRequest, code: UUID):
    membership = get_membership_rw_for_user(request, code)
    try:
        services.membership_archive(membership=membership, actor=request.membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("orgs-person", code=membership.uuid)
    messages.success(
        request, _("%(name)s no longer belongs to the organisation.") % {"name": membership.user}
    )
    return redirect("orgs-people")
