"""The audit trail: what is recorded where it happens, and that it cannot be changed."""

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
from klantcultuur.feedback.services.privacy import customer_erase
from klantcultuur.feedback.services.setup import token_create
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.orgs.roles import Role
from klantcultuur.orgs.services import membership_update
from klantcultuur.testing import make_member


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


def test_a_role_change_names_who_whom_and_from_what_to_what(world):
    membership_update(
        membership=world.employee, actor=world.admin, role=Role.HR, unit=world.team, job_title=""
    )
    event = _only(Action.ROLE_CHANGED)
    assert event.organization_id == world.org.id
    assert event.actor_email == world.admin.user.email
    assert event.target == world.employee.user.email
    assert event.details == {"from": "employee", "to": "hr"}
    # Changing only the unit is not a role change.
    membership_update(
        membership=world.employee, actor=world.admin, role=Role.HR, unit=None, job_title="x"
    )
    assert AuditEvent.objects.filter(action=Action.ROLE_CHANGED).count() == 1


def test_changing_the_anonymity_thresholds_is_recorded(login, world):
    client = login(world.admin)
    data = {"name": world.org.name, "sector": world.org.sector, "min_comment_group_size": 10}
    client.post(reverse("orgs-settings"), {**data, "min_group_size": 5})
    assert not AuditEvent.objects.filter(action=Action.ANONYMITY_CHANGED).exists()
    client.post(reverse("orgs-settings"), {**data, "min_group_size": 7})
    event = _only(Action.ANONYMITY_CHANGED)
    assert event.details == {"min_group_size": [5, 7]}
    assert event.organization_id == world.org.id


def test_an_api_token_an_export_and_an_erasure_are_recorded(login, world):
    token_create(organization=world.org, name="CRM-koppeling", user=world.admin.user)
    assert _only(Action.API_TOKEN_CREATED).target == "CRM-koppeling"

    ingest(world.org, item(team_id=world.team.id, customer_ref="K-123"))
    response = login(world.cx_lead).get(reverse("feedback-export"))
    assert response.status_code == 200
    export = _only(Action.EXPORT)
    assert export.actor_email == world.cx_lead.user.email
    assert export.target.startswith("klantstem-")

    customer_erase(organization=world.org, reference="K-123", actor=world.cx_lead.user)
    erasure = _only(Action.ERASURE)
    assert erasure.details["records"] == 1
    assert "K-123" not in erasure.target  # the reference itself is not kept


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
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
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


def test_failed_logins_of_unknown_addresses_are_not_shown_to_an_organisation(login, world):
    make_member(world.org, "nieuw@linge.example", Role.EMPLOYEE, world.team)
    audit_record(action=Action.LOGIN_FAILED, actor_email="nieuw@linge.example")
    audit_record(action=Action.LOGIN_FAILED, actor_email="vreemde@elders.example")
    html = login(world.admin).get(reverse("reports-audit")).content.decode()
    assert "nieuw@linge.example" in html
    assert "vreemde@elders.example" not in html
