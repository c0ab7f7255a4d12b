"""The audit trail where things happen (roles, anonymity, tokens, exports, erasure) and
the administrator's page: filter, export, retention."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.audit.models import Action, AuditEvent, AuditSettings
from klantcultuur.audit.services import audit_record
from klantcultuur.feedback.services.privacy import customer_erase
from klantcultuur.feedback.services.setup import token_create
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.orgs.roles import Role
from klantcultuur.orgs.services import membership_update
from klantcultuur.testing import make_member


def _only(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


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


def test_failed_logins_of_unknown_addresses_are_not_shown_to_an_organisation(login, world):
    make_member(world.org, "nieuw@linge.example", Role.EMPLOYEE, world.team)
    audit_record(action=Action.LOGIN_FAILED, actor_email="nieuw@linge.example")
    audit_record(action=Action.LOGIN_FAILED, actor_email="vreemde@elders.example")
    html = login(world.admin).get(reverse("reports-audit")).content.decode()
    assert "nieuw@linge.example" in html
    assert "vreemde@elders.example" not in html


def test_the_page_shows_the_organisations_events_and_filters_them(login, world):
    audit_record(action=Action.EXPORT, organization=world.org, actor=world.cx_lead, target="a.csv")
    audit_record(action=Action.ERASURE, organization=world.org, actor=world.cx_lead, target="x1")
    audit_record(action=Action.EXPORT, organization=world.other_org, target="zuid.csv")
    client = login(world.admin)
    html = client.get(reverse("reports-audit")).content.decode()
    assert "a.csv" in html and "x1" in html
    assert "zuid.csv" not in html
    html = client.get(reverse("reports-audit"), {"action": "erasure"}).content.decode()
    assert "x1" in html and "a.csv" not in html
    html = client.get(reverse("reports-audit"), {"who": "nobody@"}).content.decode()
    assert "a.csv" not in html


def test_another_organisations_administrator_sees_none_of_it(login, world):
    audit_record(action=Action.EXPORT, organization=world.org, actor=world.admin, target="a.csv")
    client = login(world.outsider)
    assert "a.csv" not in client.get(reverse("reports-audit")).content.decode()
    assert "a.csv" not in client.get(reverse("reports-audit-export")).content.decode()


def test_only_the_administrator_opens_the_trail(login, world):
    for role in (Role.BOARD, Role.CX_LEAD, Role.HR, Role.MANAGER, Role.EMPLOYEE):
        assert login(world.members[role]).get(reverse("reports-audit")).status_code == 403


def test_the_csv_export_holds_the_filtered_rows_and_is_itself_recorded(login, world):
    audit_record(action=Action.EXPORT, organization=world.org, actor=world.cx_lead, target="a.csv")
    audit_record(action=Action.ERASURE, organization=world.org, target="x1", details={"records": 2})
    response = login(world.admin).get(reverse("reports-audit-export"), {"action": "erasure"})
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Wanneer;Wat;Wie")
    assert len(lines) == 2 and "x1" in lines[1] and "records: 2" in lines[1]
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, target__startswith="audittrail-"
    ).exists()


def test_the_retention_is_set_within_its_bounds_and_recorded(login, world):
    client = login(world.admin)
    client.post(reverse("reports-audit-retention"), {"retention_days": 30})
    assert not AuditSettings.objects.filter(organization=world.org).exists()
    client.post(reverse("reports-audit-retention"), {"retention_days": 365})
    assert AuditSettings.retention_for(world.org.id) == 365
    event = AuditEvent.objects.get(action=Action.AUDIT_SETTINGS_CHANGED)
    assert event.details == {"from": 730, "to": 365}


def test_downloading_an_imports_refused_rows_is_recorded(login, world, settings, tmp_path):
    from klantcultuur.feedback.tests.test_import import run

    settings.MEDIA_ROOT = tmp_path / "media"
    content = b"Datum;Cijfer;Toelichting\r\n01-03-2025;6;Goed\r\nmorgen;x;Fout\r\n"
    job = run(world, "klein.csv", content=content)
    assert job.rows_refused == 1
    response = login(world.cx_lead).get(reverse("feedback-import-report", args=[job.uuid]))
    assert response.status_code == 200
    event = _only(Action.EXPORT)
    assert event.target == f"geweigerd-{job.uuid}.csv"
    assert event.actor_email == world.cx_lead.user.email


def test_a_role_changed_by_the_people_import_is_recorded(world):
    from klantcultuur.orgs.tests.test_people_import import csv_bytes, run

    job = run(world, csv_bytes("7002;Bob;;Visser;bob@linge.example;W-KC-1;;;;;;hr;;"))
    assert job.summary["changed"] == 1
    event = _only(Action.ROLE_CHANGED)
    assert event.target == "bob@linge.example"
    assert event.details == {"from": "employee", "to": "hr", "via": "people_import"}
    assert event.actor_email == world.admin.user.email


def test_the_page_runs_the_same_queries_for_few_and_many_events(login, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reports-audit")).status_code == 200
        return len(captured)

    audit_record(action=Action.EXPORT, organization=world.org, actor=world.admin, target="a")
    few = queries()
    for n in range(40):
        audit_record(action=Action.EXPORT, organization=world.org, actor=world.admin, target=f"{n}")
    assert queries() == few
