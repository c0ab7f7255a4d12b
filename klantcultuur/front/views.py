"""The start page, and the health and readiness answers for supervisors and load balancers."""

from __future__ import annotations

import contextlib
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from klantcultuur.front import today
from klantcultuur.huddle.access import can_steer
from klantcultuur.lib import storage
from klantcultuur.notify.models import DigestSubscription
from klantcultuur.orgs.access import member_required, public
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.orgs.request import MemberRequest
from klantcultuur.orgs.roles import Perm

log = logging.getLogger(__name__)


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
    """Liveness, for a process supervisor: this process answers (nothing else is asked, so
    an outage of the database does not get every web process restarted)."""
    return JsonResponse({"status": "ok"})


@public
def ready(request):
    """Readiness, for a load balancer: 200 when the database, the cache, the file storage
    and (with Celery) the task broker answer; 503 naming the ones that do not."""
    checks = {"database": _database, "cache": _cache, "storage": _storage}
    if settings.TASK_MODE == "celery":
        checks["broker"] = _broker
    results = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            log.exception("readiness check %s failed", name)
            results[name] = "failed"
    ok = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": results}, status=200 if ok else 503
    )


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key, value = "readiness-probe", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")


def _storage() -> None:
    with contextlib.suppress(FileNotFoundError):  # the local disk before the first upload
        storage.files().listdir("")  # an object store lists its bucket (a wrong one fails)


def _broker() -> None:
    from klantcultuur.celery import app

    with app.connection_for_write(connect_timeout=2) as broker:
        broker.ensure_connection(max_retries=1, timeout=2)
