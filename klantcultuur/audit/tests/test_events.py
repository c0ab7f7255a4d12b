"""The audit trail itself: logins, append-only rows, the retention purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from klantcultuur.audit.models import (
    DEFAULT_RETENTION_DAYS,
    Action,
    AppendOnly,
    AuditEvent,
    AuditSettings,
)
from klantcultuur.audit.services import audit_record, interest_analysis_changed, retention_purge


def _only(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


def test_a_login_and_a_failed_login_are_recorded_with_the_address(client, world):
    user = world.admin.user
    user.set_password("een-goed-wachtwoord")
    user.save()
    login = reverse("accounts-login")
    client.post(login, {"username": user.email, "password": "fout"}, REMOTE_ADDR="10.1.2.3")
    failed = _only(Action.LOGIN_FAILED)
    assert failed.actor_email == user.email
    assert failed.ip_address == "10.1.2.3"
    assert "fout" not in str(failed.details)
    client.post(login, {"username": user.email, "password": "een-goed-wachtwoord"})
    assert _only(Action.LOGIN).actor_id == user.pk


def test_the_interest_analysis_has_its_own_call(world):
    interest_analysis_changed(
        organization=world.org, actor=world.board, what="changed", target="Stakeholder: OR"
    )
    event = _only(Action.INTEREST_ANALYSIS_CHANGED)
    assert event.details == {"what": "changed"}
    assert event.actor_email == world.board.user.email


def test_an_event_cannot_be_changed_or_deleted_through_the_app(world):
    event = audit_record(action=Action.EXPORT, organization=world.org, target="x")
    event.target = "y"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(target="y")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).target == "x"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_an_update_and_deleting_a_young_event(world):
    event = audit_record(action=Action.EXPORT, organization=world.org, target="x")
    for sql in ("UPDATE audit_auditevent SET target = 'y'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).target == "x"


def test_the_purge_keeps_each_organisation_its_own_retention(world, settings):
    now = timezone.now()
    settings.AUDIT_RETENTION_DAYS = 400
    AuditSettings.objects.create(organization=world.org, retention_days=120)

    def at(days_ago, **values):
        AuditEvent.objects.create(
            action=Action.EXPORT, target=f"{days_ago}d", at=now - timedelta(days=days_ago), **values
        )

    at(100, organization=world.org)
    at(130, organization=world.org)
    at(300, organization=world.other_org)
    at(420, organization=world.other_org)
    at(420, actor_email="iemand@example.org")
    removed = retention_purge(now=now)
    kept = set(AuditEvent.objects.filter(target__endswith="d").values_list("target", flat=True))
    assert kept == {"100d", "300d"}
    assert removed == 3


def test_the_command_purges(world, capsys):
    call_command("audit_retention")
    assert "Removed 0 audit event(s)" in capsys.readouterr().out
    assert DEFAULT_RETENTION_DAYS >= 90
