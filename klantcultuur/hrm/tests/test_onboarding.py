from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.hrm.models import OnboardingPath
from klantcultuur.hrm.services.onboarding import buddy_set, path_start, room_add, step_done
from klantcultuur.huddle.services.huddles import huddle_save
from klantcultuur.orgs import services as orgs_services
from klantcultuur.orgs.models import Membership, PeopleImport
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member
from klantcultuur.vision.tests.helpers import behaviour, published

pytestmark = pytest.mark.django_db


def _newcomer(world, email="nina@linge.example"):
    return make_member(world.org, email, Role.EMPLOYEE, world.team, first_name="Nina")


def test_an_invited_person_gets_an_onboarding_path(world):
    membership = orgs_services.member_invite(
        organization=world.org,
        email="nina@linge.example",
        first_name="Nina",
        infix="",
        last_name="Dam",
        role=Role.EMPLOYEE,
        unit=world.team,
        invited_by=world.hr.user,
        actor=world.hr,
    )
    path = OnboardingPath.objects.get(membership=membership)
    assert path.via == "invitation"
    assert path.started_on == timezone.localdate()


def test_a_person_added_by_the_hr_import_gets_a_path_and_existing_people_do_not(world, login):
    client = login(world.hr)
    csv = (
        "E-mailadres;Voornaam;Achternaam;Afdelingscode;Rol\r\n"
        "lies@linge.example;Lies;Smit;W-KC-1;medewerker\r\n"
        "bob@linge.example;Bob;Visser;W-KC-1;medewerker\r\n"
    )
    client.post(
        reverse("orgs-import"), {"file": SimpleUploadedFile("hr.csv", csv.encode(), "text/csv")}
    )
    job = PeopleImport.objects.get()
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    lies = Membership.objects.get(user__email="lies@linge.example")
    assert OnboardingPath.objects.get(membership=lies).via == "import"
    assert not OnboardingPath.objects.filter(membership=world.employee).exists()


def test_the_newcomer_sees_vision_behaviours_of_the_role_stories_and_room(world, login):
    version = published(world)
    behaviour(world, version, name="Terugbellen binnen een werkdag")
    other_role = behaviour(world, version, name="Teamoverleg voorzitten")
    other_role.role = Role.MANAGER
    other_role.save(update_fields=["role"])
    room_add(
        organization=world.org,
        role=Role.EMPLOYEE,
        job_title="",
        what="Een tegemoetkoming toekennen",
        amount=150,
    )
    now = timezone.now()
    ingest(
        world.org,
        *(
            item(
                received_at=now - timedelta(days=d),
                score=10,
                reason=f"De monteur was heel vriendelijk en snel, verhaal {d}.",
                team_id=world.team.id,
            )
            for d in range(1, 6)
        ),
    )
    nina = _newcomer(world)
    path = path_start(membership=nina)
    response = login(nina).get(reverse("hrm-path", args=[path.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Afspraak is afspraak" in html  # a promise
    assert "Terugbellen binnen een werkdag" in html
    assert "Teamoverleg voorzitten" not in html  # a manager's behaviour
    assert len(response.context["content"].stories) == 3
    assert "verhaal 1." in html  # the newest first
    assert "Een tegemoetkoming toekennen" in html
    assert "150" in html


def test_ticking_steps_and_three_dagstarts_complete_the_path(world, login):
    nina = _newcomer(world)
    path = path_start(membership=nina)
    path.started_on = timezone.localdate() - timedelta(days=3)
    path.save(update_fields=["started_on"])
    buddy_set(path=path, buddy=world.employee)
    client = login(nina)
    for step in ("vision", "behaviours", "stories", "room", "buddy"):
        response = client.post(reverse("hrm-path", args=[path.uuid]), {"step": step})
        assert response.status_code == 302
    path.refresh_from_db()
    assert set(path.done) == {"vision", "behaviours", "stories", "room", "buddy"}
    assert path.completed_on is None  # the dagstarts are still to come
    today = timezone.localdate()
    for days_ago in (4, 2, 1, 0):  # the first is before the start: not counted
        huddle_save(
            unit=world.team,
            day=today - timedelta(days=days_ago),
            attendee_ids=[nina.id],
            note="",
            by=world.manager,
        )
    # The dagstarts cannot be ticked: they are counted.
    client.post(reverse("hrm-path", args=[path.uuid]), {"step": "dagstarts"})
    page = client.get(reverse("hrm-path", args=[path.uuid]))
    assert page.context["progress"].dagstarts == 3
    assert page.context["progress"].complete
    path.refresh_from_db()
    assert "dagstarts" not in path.done
    assert path.completed_on == today
    client.post(reverse("hrm-path", args=[path.uuid]), {"step": "buddy", "undo": "1"})
    path.refresh_from_db()
    assert path.completed_on is None


def test_manager_and_hr_see_progress_and_colleagues_do_not(world, login):
    nina = _newcomer(world)
    path = path_start(membership=nina)
    step_done(path=path, step="vision")
    for member in (world.manager, world.hr):
        response = login(member).get(reverse("hrm-paths"))
        assert response.status_code == 200
        rows = response.context["rows"]
        assert [(p.membership_id, pr.count) for p, pr in rows] == [(nina.id, 1)]
        assert login(member).get(reverse("hrm-path", args=[path.uuid])).status_code == 200
    assert login(world.employee).get(reverse("hrm-path", args=[path.uuid])).status_code == 403
    assert login(world.employee).get(reverse("hrm-paths")).status_code == 403
    # A manager of another team does not follow this newcomer.
    other = make_member(world.org, "piet@linge.example", Role.MANAGER, world.back_team)
    world.back_team.manager = other
    world.back_team.save(update_fields=["manager"])
    assert login(other).get(reverse("hrm-path", args=[path.uuid])).status_code == 403
    assert login(world.outsider).get(reverse("hrm-path", args=[path.uuid])).status_code == 404


def test_only_the_newcomer_ticks_and_only_a_follower_chooses_the_buddy(world, login):
    nina = _newcomer(world)
    path = path_start(membership=nina)
    url = reverse("hrm-path", args=[path.uuid])
    assert login(world.manager).post(url, {"step": "vision"}).status_code == 403
    assert login(nina).post(url, {"form": "buddy", "buddy": world.employee.id}).status_code == 403
    response = login(world.manager).post(url, {"form": "buddy", "buddy": world.employee.id})
    assert response.status_code == 302
    path.refresh_from_db()
    assert path.buddy == world.employee
    assert path.done == {}


def test_the_start_page_card_leads_the_newcomer_to_the_path(world, login):
    nina = _newcomer(world)
    path = path_start(membership=nina)
    home = login(nina).get(reverse("front-home"))
    assert reverse("hrm-path-card") in home.content.decode()
    card = login(nina).get(reverse("hrm-path-card")).content.decode()
    assert reverse("hrm-path", args=[path.uuid]) in card
    manager_card = login(world.manager).get(reverse("hrm-path-card")).content.decode()
    assert "Nina" in manager_card
    assert login(world.employee).get(reverse("hrm-path-card")).content.decode().strip() == ""
    assert login(nina).get(reverse("hrm-path-mine")).url == reverse("hrm-path", args=[path.uuid])
