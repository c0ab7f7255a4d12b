"""The start page and the error pages."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from klantcultuur.orgs.access import member_required, public
from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.orgs.request import MemberRequest


@public
def root(request):
    return redirect("front-home" if request.user.is_authenticated else "accounts-login")


@member_required(methods=("GET",))
def home(request: MemberRequest):
    membership = request.membership
    managed = OrgUnit.objects.filter(manager=membership, archived_at__isnull=True).order_by("name")
    team_size = 0
    if membership.unit_id:
        team_size = Membership.objects.active().filter(unit_id=membership.unit_id).count()
    return render(request, "front/home.html", {"managed": managed, "team_size": team_size})


@public
def health(request):
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
