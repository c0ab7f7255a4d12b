"""From a finding to a next step: the link in the scan report, the catalogue, taking a step,
and changing or closing it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.huddle.models import Huddle
from klantcultuur.programme.models import NextStep, StepStatus, StepTemplate
from klantcultuur.programme.services import steps as services
from klantcultuur.scan.selectors import report_gate
from klantcultuur.scan.tests.conftest import reported  # noqa: F401 (fixture)


def _template(world, component="STU") -> StepTemplate:
    services.catalogue_ensure(organization=world.org)
    template = StepTemplate.objects.filter(organization=world.org, component=component).first()
    assert template is not None  # the catalogue has a step per component
    return template


def _due() -> str:
    return (timezone.localdate() + timedelta(days=21)).isoformat()


def test_the_scan_unit_page_links_its_holding_back_component_to_the_next_steps(
    login,
    world,
    reported,  # noqa: F811
):
    gate, _ = report_gate(reported.wave, world.cx_lead)
    component = gate.phase(str(world.team.uuid)).value["holding_back"]
    body = (
        login(world.cx_lead)
        .get(reverse("scan-unit", args=[reported.wave.uuid, world.team.uuid]))
        .content.decode()
    )
    link = (
        f"{reverse('programme-next-steps')}?component={component}&amp;"
        f"wave={reported.wave.uuid}&amp;unit={world.team.uuid}"
    )
    assert link in body
    assert "Volgende stappen voor dit onderdeel" in body


def test_employees_reading_the_summary_get_no_link_they_could_not_open(
    login,
    world,
    reported,  # noqa: F811
):
    body = login(world.employee).get(reverse("scan-summary", args=[reported.wave.uuid]))
    assert body.status_code == 200
    assert reverse("programme-next-steps") not in body.content.decode()


def test_the_default_catalogue_is_given_once_and_a_removed_step_stays_removed(world):
    assert services.catalogue_ensure(organization=world.org) == 12
    first = StepTemplate.objects.filter(organization=world.org).first()
    services.template_archive(template=first)
    assert services.catalogue_ensure(organization=world.org) == 0
    assert StepTemplate.objects.filter(organization=world.org).count() == 12


def test_the_next_steps_page_shows_the_component_s_steps_and_teams_without_dagstart(login, world):
    Huddle.objects.create(organization=world.org, unit=world.team, day=timezone.localdate())
    body = (
        login(world.cx_lead)
        .get(reverse("programme-next-steps"), {"component": "STU", "unit": world.department.uuid})
        .content.decode()
    )
    assert "Dagstart invoeren in teams zonder dagstart" in body
    assert "Draagvlakronde klantvisie" not in body  # another component
    assert "Teams zonder dagstart" in body and "Planning" in body
    assert "<li>Klantcontactcentrum</li>" not in body  # it held one today


def test_the_cx_lead_takes_a_step_with_owner_and_due_date(login, world, reported):  # noqa: F811
    template = _template(world)
    response = login(world.cx_lead).post(
        reverse("programme-take", args=[template.uuid]),
        {
            "owner": world.manager.uuid,
            "due_on": _due(),
            "unit": world.team.uuid,
            "wave": reported.wave.uuid,
        },
    )
    step = NextStep.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "programme-step", args=[step.uuid]
    )
    assert (step.title, step.component, step.unit, step.owner, step.wave, step.status) == (
        template.title,
        "STU",
        world.team,
        world.manager,
        reported.wave,
        StepStatus.OPEN,
    )
    assert step.created_by == world.cx_lead
    page = login(world.manager).get(response.url).content.decode()
    assert template.title in page and "Klantcontactcentrum" in page
    assert "step-form" in page  # the owner may change it


def test_a_step_without_a_due_date_is_refused_with_a_message_and_nothing_stored(login, world):
    template = _template(world)
    response = login(world.cx_lead).post(
        reverse("programme-take", args=[template.uuid]),
        {"owner": world.manager.uuid, "due_on": "", "unit": world.team.uuid},
        follow=True,
    )
    assert "Kies een eigenaar en een deadline." in response.content.decode()
    assert not NextStep.objects.exists()


def test_an_owner_from_another_organisation_is_refused(login, world):
    template = _template(world)
    login(world.cx_lead).post(
        reverse("programme-take", args=[template.uuid]),
        {"owner": world.outsider.uuid, "due_on": _due()},
    )
    assert not NextStep.objects.exists()


def test_a_manager_takes_steps_for_the_units_they_manage_only(login, world):
    template = _template(world)
    client = login(world.manager)
    ok = client.post(
        reverse("programme-take", args=[template.uuid]),
        {"owner": world.manager.uuid, "due_on": _due(), "unit": world.team.uuid},
    )
    assert ok.status_code == 302 and NextStep.objects.filter(unit=world.team).count() == 1
    # The division is not theirs: they cannot even read it.
    denied = client.post(
        reverse("programme-take", args=[template.uuid]),
        {"owner": world.manager.uuid, "due_on": _due(), "unit": world.division.uuid},
    )
    assert denied.status_code == 403
    # Nor take a step for the whole organisation.
    whole = client.post(
        reverse("programme-take", args=[template.uuid]),
        {"owner": world.manager.uuid, "due_on": _due()},
    )
    assert whole.status_code == 403
    assert NextStep.objects.count() == 1


def test_the_owner_closes_the_step_and_can_open_it_again(login, world):
    step = services.step_take(
        organization=world.org,
        by=world.cx_lead,
        owner=world.manager,
        template=_template(world),
        unit=world.team,
        due_on=date(2030, 1, 31),
    )
    client = login(world.manager)
    url = reverse("programme-step", args=[step.uuid])
    client.post(
        url,
        {
            "owner": world.manager.uuid,
            "due_on": "2030-02-15",
            "status": "done",
            "note": "Alle drie de teams starten nu om 8:45.",
        },
    )
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and step.done_at is not None
    assert step.due_on == date(2030, 2, 15) and "8:45" in step.note
    client.post(url, {"owner": world.manager.uuid, "due_on": "2030-02-15", "status": "open"})
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN and step.done_at is None


def test_an_employee_reads_their_team_s_step_but_cannot_change_it(login, world):
    step = services.step_take(
        organization=world.org,
        by=world.cx_lead,
        owner=world.manager,
        template=_template(world),
        unit=world.team,
        due_on=date(2030, 1, 31),
    )
    client = login(world.employee)
    url = reverse("programme-step", args=[step.uuid])
    page = client.get(url)
    assert page.status_code == 200 and "step-form" not in page.content.decode()
    assert (
        client.post(
            url, {"owner": world.employee.uuid, "due_on": "2030-01-01", "status": "done"}
        ).status_code
        == 403
    )
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN


def test_the_board_edits_the_catalogue_and_a_manager_may_not(login, world):
    services.catalogue_ensure(organization=world.org)
    response = login(world.board).post(
        reverse("programme-catalogue"),
        {
            "component": "HRM",
            "title": "Inwerkprogramma met een dag meelopen in het klantcontact",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert StepTemplate.objects.filter(
        component="HRM", title__startswith="Inwerkprogramma"
    ).exists()
    denied = login(world.manager).post(
        reverse("programme-catalogue"), {"component": "HRM", "title": "Iets"}
    )
    assert denied.status_code == 403
    blank = login(world.board).post(
        reverse("programme-catalogue"), {"component": "XXX", "title": ""}
    )
    assert blank.status_code == 200 and StepTemplate.objects.filter(title="").count() == 0


def test_a_step_taken_out_of_the_catalogue_is_no_longer_offered(login, world):
    template = _template(world)
    login(world.cx_lead).post(reverse("programme-template", args=[template.uuid]), {"archive": "1"})
    body = login(world.cx_lead).get(reverse("programme-next-steps"), {"component": "STU"})
    assert template.title not in body.content.decode()
    refused = login(world.cx_lead).post(
        reverse("programme-take", args=[template.uuid]),
        {"owner": world.cx_lead.uuid, "due_on": _due()},
    )
    assert refused.status_code == 302 and not NextStep.objects.exists()


@pytest.mark.parametrize("value", ["not-a-uuid", ""])
def test_a_broken_unit_in_the_query_string_is_ignored(login, world, value):
    response = login(world.cx_lead).get(reverse("programme-next-steps"), {"unit": value})
    assert response.status_code == 200


def test_a_unit_of_another_organisation_is_a_404(login, world):
    response = login(world.cx_lead).get(
        reverse("programme-next-steps"), {"unit": world.other_team.uuid}
    )
    assert response.status_code == 404
