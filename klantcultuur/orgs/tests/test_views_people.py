"""People: list, invite, accept an invitation, change roles, remove."""

from __future__ import annotations

import re

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.roles import Role


def test_the_people_list_searches_and_filters_without_n_plus_one(
    login, world, django_assert_max_num_queries
):
    client = login(world.employee)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("orgs-people"), {"q": "jansen"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Mila Jansen" in body and "Bob Visser" not in body
    everyone = client.get(reverse("orgs-people"), HTTP_HX_REQUEST="true").content.decode()
    assert "Bob Visser" in everyone and "Charlie" not in everyone
    by_role = client.get(
        reverse("orgs-people"), {"role": "hr"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Hanna Smit" in by_role and "Mila Jansen" not in by_role


def test_htmx_search_returns_only_the_results(login, world):
    client = login(world.employee)
    response = client.get(reverse("orgs-people"), {"q": "bob"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Bob Visser" in body
    assert "<html" not in body


def invite(client, world, email="nieuw@linge.example"):
    # The mail leaves when the transaction commits; the test runs the commit hooks.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("orgs-invite"),
            {
                "email": email,
                "first_name": "Nina",
                "infix": "van",
                "last_name": "Dam",
                "role": "employee",
                "unit": world.team.id,
            },
        )


def test_an_invitation_is_mailed_and_accepting_it_sets_a_password(login, world, client):
    admin_client = login(world.admin)
    response = invite(admin_client, world)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@linge.example"]
    assert "Woonstichting De Linge" in message.subject
    link = re.search(r"http://\S+", message.body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")

    admin_client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "Kies een wachtwoord" in page.content.decode()
    done = client.post(
        path, {"new_password1": "Kl4ntgericht-werken", "new_password2": "Kl4ntgericht-werken"}
    )
    assert done.status_code == 302
    membership = Membership.objects.get(user__email="nieuw@linge.example")
    assert membership.joined_at is not None and membership.unit == world.team
    assert User.objects.get(email="nieuw@linge.example").check_password("Kl4ntgericht-werken")
    assert client.get(reverse("front-home")).status_code == 200


def test_a_weak_password_is_refused_when_accepting(world, login, client):
    invite(login(world.admin), world)
    path = (
        re.search(r"http://\S+", mail.outbox[0].body).group(0).removeprefix("http://127.0.0.1:8000")
    )
    client.logout()
    response = client.post(path, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert not User.objects.get(email="nieuw@linge.example").has_usable_password()


def test_a_forged_invitation_link_is_refused(client, world):
    response = client.get(reverse("orgs-invitation", args=["not-a-real-token"]))
    assert response.status_code == 404


def test_inviting_an_existing_member_is_refused(login, world):
    response = invite(login(world.admin), world, email="bob@linge.example")
    assert response.status_code == 200
    assert "hoort al bij de organisatie" in response.content.decode()


def test_inviting_someone_from_another_organisation_adds_a_membership(login, world):
    invite(login(world.admin), world, email="charlie@zuid.example")
    charlie = User.objects.get(email="charlie@zuid.example")
    assert set(charlie.memberships.values_list("organization__slug", flat=True)) == {
        "de-linge",
        "zz",
    }


def test_an_administrator_changes_a_role_and_unit(login, world):
    client = login(world.admin)
    response = client.post(
        reverse("orgs-person", args=[world.employee.uuid]),
        {"role": "manager", "unit": world.back_team.id, "job_title": "Teamleider planning"},
    )
    world.employee.refresh_from_db()
    assert response.status_code == 302
    assert (world.employee.role, world.employee.unit) == (Role.MANAGER, world.back_team)


def test_hr_changes_a_unit_and_gives_the_hr_role(login, world):
    response = login(world.hr).post(
        reverse("orgs-person", args=[world.employee.uuid]),
        {"role": "hr", "unit": world.back_team.id, "job_title": "HR-adviseur"},
    )
    world.employee.refresh_from_db()
    assert response.status_code == 302
    assert (world.employee.role, world.employee.unit) == (Role.HR, world.back_team)


def test_the_last_administrator_cannot_lose_the_role(login, world):
    client = login(world.admin)
    response = client.post(
        reverse("orgs-person", args=[world.admin.uuid]),
        {"role": "employee", "unit": "", "job_title": ""},
    )
    world.admin.refresh_from_db()
    assert response.status_code == 200
    assert "eigen beheerdersrol" in response.content.decode()
    assert world.admin.role == Role.ADMIN


def test_removing_a_colleague_archives_the_membership_and_frees_their_units(login, world):
    client = login(world.admin)
    client.post(reverse("orgs-person-remove", args=[world.manager.uuid]))
    world.manager.refresh_from_db()
    world.team.refresh_from_db()
    assert world.manager.archived_at is not None
    assert world.team.manager is None
    assert (
        "Mila Jansen"
        not in client.get(reverse("orgs-people"), HTTP_HX_REQUEST="true").content.decode()
    )


def test_a_removed_colleague_no_longer_works_in_the_organisation(login, world):
    login(world.admin).post(reverse("orgs-person-remove", args=[world.employee.uuid]))
    client = login(world.employee)
    response = client.get(reverse("orgs-tree"))
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs-none")


def test_invite_pending_mails_everyone_imported_without_a_password(login, world):
    user = User.objects.create_user("import@linge.example")
    Membership.objects.create(user=user, organization=world.org, role=Role.EMPLOYEE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = login(world.admin).post(reverse("orgs-invite-pending"))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["import@linge.example"]]
