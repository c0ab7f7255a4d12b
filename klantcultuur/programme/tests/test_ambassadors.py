"""Ambassadors: volunteer or nominated, confirmed by the manager with hours, the network view
with its coverage, and the CX lead's group e-mail."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from klantcultuur.orgs.models import Office, OrgUnit, UnitKind
from klantcultuur.programme.models import Ambassador, AmbassadorMessage, AmbassadorStatus
from klantcultuur.programme.services import ambassadors as services
from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave
from klantcultuur.testing import make_member


def test_an_employee_volunteers_and_their_manager_confirms_with_hours(login, world):
    login(world.employee).post(
        reverse("programme-ambassador-volunteer"),
        {"motivation": "Ik wil dat huurders sneller antwoord krijgen."},
    )
    ambassador = Ambassador.objects.get()
    assert (ambassador.membership, ambassador.unit, ambassador.origin, ambassador.status) == (
        world.employee,
        world.team,
        "volunteered",
        AmbassadorStatus.PROPOSED,
    )
    page = login(world.manager).get(reverse("programme-ambassador-mine")).content.decode()
    assert "Bob Visser" in page and "huurders sneller antwoord" in page
    login(world.manager).post(
        reverse("programme-ambassador-confirm", args=[ambassador.uuid]), {"hours": "6"}
    )
    ambassador.refresh_from_db()
    assert ambassador.status == AmbassadorStatus.CONFIRMED and ambassador.hours_per_month == 6
    assert ambassador.confirmed_by == world.manager
    mine = login(world.employee).get(reverse("programme-ambassador-mine")).content.decode()
    assert "6 uur per maand afgesproken" in mine


def test_confirming_without_sensible_hours_is_refused_and_nothing_changes(login, world):
    ambassador = services.ambassador_propose(
        organization=world.org, membership=world.employee, unit=world.team, by=world.employee
    )
    for hours in ("", "0", "100", "veel"):
        response = login(world.manager).post(
            reverse("programme-ambassador-confirm", args=[ambassador.uuid]),
            {"hours": hours},
            follow=True,
        )
        assert "Spreek tussen 1 en 40 uur per maand af." in response.content.decode()
    ambassador.refresh_from_db()
    assert ambassador.status == AmbassadorStatus.PROPOSED and ambassador.hours_per_month is None


def test_volunteering_twice_is_refused_with_a_message(login, world):
    client = login(world.employee)
    client.post(reverse("programme-ambassador-volunteer"))
    again = client.post(reverse("programme-ambassador-volunteer"), follow=True)
    assert "al ambassadeur" in again.content.decode()
    assert Ambassador.objects.count() == 1


def test_only_the_unit_s_manager_or_the_cx_lead_confirms(login, world):
    ambassador = services.ambassador_propose(
        organization=world.org, membership=world.employee, unit=world.team, by=world.employee
    )
    url = reverse("programme-ambassador-confirm", args=[ambassador.uuid])
    assert login(world.employee).post(url, {"hours": "8"}).status_code == 403
    assert login(world.hr).post(url, {"hours": "8"}).status_code == 403
    assert login(world.outsider).post(url, {"hours": "8"}).status_code == 404
    assert login(world.cx_lead).post(url, {"hours": "8"}).status_code == 302


def test_a_manager_nominates_only_colleagues_of_the_units_they_manage(login, world):
    planner = make_member(
        world.org, "piet@linge.example", "employee", world.back_team, first_name="Piet"
    )
    ok = login(world.manager).post(
        reverse("programme-ambassador-nominate"), {"membership": world.employee.uuid}
    )
    assert ok.status_code == 302
    assert Ambassador.objects.get().origin == "nominated"
    denied = login(world.manager).post(
        reverse("programme-ambassador-nominate"), {"membership": planner.uuid}
    )
    assert denied.status_code == 403 and Ambassador.objects.count() == 1


def _scan_with_a_resisting_back_team(world) -> None:
    today = timezone.localdate()
    wave = make_wave(
        world.org, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=16)
    )
    add_responses(wave, world.team, 10, level=4)
    add_responses(wave, world.back_team, 10, level=1)
    add_responses(wave, world.department, 5, role="manager", level=4)
    close_and_report(wave)


def test_the_network_shows_coverage_gaps_and_teams_with_many_resisters(login, world):
    _scan_with_a_resisting_back_team(world)
    third = OrgUnit.objects.create(
        organization=world.org,
        parent=world.department,
        name="Wijkteam",
        code="W-KC-9",
        kind=UnitKind.TEAM,
        office=Office.FRONT,
    )
    ambassador = services.ambassador_propose(
        organization=world.org, membership=world.employee, unit=world.team, by=world.employee
    )
    services.ambassador_confirm(ambassador=ambassador, by=world.manager, hours=4)
    body = login(world.cx_lead).get(reverse("programme-ambassadors")).content.decode()
    assert "Bob Visser" in body
    # world.team covered; the back team and Wijkteam not: 1 of 3.
    assert "1 van 3 teams" in body and "33%" in body
    assert "2 teams zonder ambassadeur" in body and third.name in body
    # The back team answered low throughout: many resisters, and no ambassador there.
    resisting = body.split("Teams met veel remmers in de laatste scan")[1].split("</table>")[0]
    assert "Planning" in resisting and "geen" in resisting
    assert "Klantcontactcentrum" not in resisting


def test_the_network_is_for_board_and_cx_lead(login, world):
    for role in ("manager", "employee", "hr"):
        assert login(getattr(world, role)).get(reverse("programme-ambassadors")).status_code == 403


def test_the_cx_lead_e_mails_every_confirmed_ambassador_once(login, world):
    confirmed = services.ambassador_propose(
        organization=world.org, membership=world.employee, unit=world.team, by=world.employee
    )
    services.ambassador_confirm(ambassador=confirmed, by=world.manager, hours=4)
    services.ambassador_propose(
        organization=world.org, membership=world.hr, unit=world.back_team, by=world.hr
    )  # proposed only: no e-mail
    login(world.cx_lead).post(
        reverse("programme-ambassador-message"),
        {
            "subject": "Ambassadeursoverleg donderdag",
            "body": "Neem je beste klantverhaal mee.",
        },
    )
    assert [m.to for m in mail.outbox] == [[world.employee.user.email]]
    assert mail.outbox[0].subject == "Ambassadeursoverleg donderdag"
    message = AmbassadorMessage.objects.get()
    assert message.recipients == 1 and message.sent_at is not None
    assert services.messages_send(message_id=message.id) == 0  # never twice
    assert len(mail.outbox) == 1


def test_an_empty_group_message_is_refused(login, world):
    response = login(world.cx_lead).post(
        reverse("programme-ambassador-message"), {"subject": "", "body": ""}, follow=True
    )
    assert "Schrijf een onderwerp en een bericht." in response.content.decode()
    assert not AmbassadorMessage.objects.exists() and not mail.outbox
