"""Organisation settings, switching organisation, and the page for users without one."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_changes
from klantcultuur.orgs.access import login_only, member_required
from klantcultuur.orgs.forms import OrganizationSettingsForm
from klantcultuur.orgs.middleware import SESSION_KEY
from klantcultuur.orgs.request import MemberRequest, OrgRequest
from klantcultuur.orgs.roles import Perm


@member_required(Perm.MANAGE_SETTINGS)
def settings_page(request: MemberRequest):
    anonymity = ("min_group_size", "min_comment_group_size")
    before = {name: getattr(request.organization, name) for name in anonymity}
    form = OrganizationSettingsForm(request.POST or None, instance=request.organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit_changes(
            action=Action.ANONYMITY_CHANGED,
            organization=request.organization,
            actor=request.user,
            before=before,
            after={n: getattr(request.organization, n) for n in anonymity},
            request=request,
        )
        messages.success(request, _("The settings are saved."))
        return redirect("orgs-settings")
    return render(request, "orgs/settings.html", {"form": form})


@login_only(methods=("POST",))
def switch(request: OrgRequest):
    wanted = request.POST.get("organization", "")
    match = next((m for m in request.memberships if str(m.organization.uuid) == wanted), None)
    if match is not None:
        request.session[SESSION_KEY] = str(match.organization.uuid)
        match.last_used_at = timezone.now()
        match.save(update_fields=["last_used_at"])
        messages.success(
            request, _("You now work in %(name)s.") % {"name": match.organization.name}
        )
    # Stay on the same kind of page; object pages of the old organisation would be a 404.
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "front-home")


@login_only(methods=("GET",))
def no_organization(request: OrgRequest):
    if request.membership is not None:
        return redirect("front-home")
    return render(request, "orgs/no_organization.html")
