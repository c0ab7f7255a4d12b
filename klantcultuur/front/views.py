"""The start page and the error pages."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from klantcultuur.front import today
from klantcultuur.huddle.access import can_steer
from klantcultuur.notify.models import DigestSubscription
from klantcultuur.orgs.access import member_required, public
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm


@public
def root(request):
    return redirect("front-home" if request.user.is_authenticated else "accounts-login")


@member_required(methods=("GET",))
def home(request: MemberRequest):
    """The member's day: their team's dagstart and what waits, or the organisation's."""
    membership = request.membership
    managed = OrgUnit.objects.filter(manager=membership, archived_at__isnull=True).order_by("name")
    team = today.own_team(membership)
    context = {
        "managed": managed,
        "leads": any(unit.kind == UnitKind.TEAM for unit in managed),
        "team_day": today.team_day(membership, team, can_steer=can_steer(request, team.id))
        if team is not None and membership.has_perm(Perm.USE_HUDDLE)
        else None,
        "organisation_day": today.organisation_day(membership)
        if today.sees_organisation(membership)
        else None,
        "digest": DigestSubscription.objects.filter(membership=membership).exists(),
    }
    return render(request, "front/home.html", context)


@public
def health(request):
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
