"""Nobody gives a role with more permissions than their own: person page, invitation, import.

Every pair of roles is tried on every path. The expected outcome is written out here, not
derived from the code under test: an administrator may give every role, HR only the
employee and HR roles, and nobody else reaches a page that gives roles at all.
"""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from klantcultuur.accounts.models import User
from klantcultuur.lib.jobs import JobStatus
from klantcultuur.orgs import services
from klantcultuur.orgs.models import Membership, PeopleImport
from klantcultuur.orgs.roles import ROLE_PERMISSIONS, Role, grantable_roles, may_grant
from klantcultuur.testing import make_member

ROLES = [str(role) for role in Role.values]
PAIRS = list(itertools.product(ROLES, ROLES))
MAY_GIVE: dict[str, set[str]] = {
    Role.ADMIN: set(ROLES),
    Role.HR: {Role.EMPLOYEE, Role.HR},
    Role.BOARD: set(),
    Role.MANAGER: set(),
    Role.EMPLOYEE: set(),
    Role.CX_LEAD: set(),
}
# The word an HR file uses for each role (the import maps these).
FILE_WORD = {
    Role.ADMIN: "beheerder", Role.BOARD: "directie", Role.MANAGER: "leidinggevende",
    Role.EMPLOYEE: "medewerker", Role.HR: "hr", Role.CX_LEAD: "cx lead",
}  # fmt: skip


def _allowed(actor: str, role: str) -> bool:
    return role in MAY_GIVE[actor]


def test_the_rule_is_a_subset_of_ones_own_permissions():
    for actor, role in PAIRS:
        subset = ROLE_PERMISSIONS[role] <= ROLE_PERMISSIONS[actor]
        assert may_grant(actor, role) == (_allowed(actor, role)), (actor, role)
        if may_grant(actor, role):
            assert subset
    assert grantable_roles(Role.HR) == [Role.EMPLOYEE, Role.HR]


# --- The person page ------------------------------------------------------------------------
@pytest.mark.parametrize(("actor", "role"), PAIRS)
def test_the_person_page_gives_only_roles_within_ones_own(login, world, actor, role):
    target = make_member(world.org, "nieuw@linge.example", Role.EMPLOYEE, world.team)
    client = login(world.members[actor])
    response = client.post(
        reverse("orgs-person", args=[target.uuid]),
        {"role": role, "unit": world.team.id, "job_title": "Adviseur"},
    )
    target.refresh_from_db()
    if _allowed(actor, role):
        assert response.status_code == 302
        assert target.role == role
    else:
        assert target.role == Role.EMPLOYEE
        assert target.job_title == ""  # nothing of the form was saved
        assert response.status_code in (200, 403)
        if response.status_code == 200:
            form = response.context["form"]
            assert role not in dict(form.fields["role"].choices)
            assert "role" in form.errors


@pytest.mark.parametrize("role", ROLES)
def test_the_person_page_offers_only_the_roles_one_may_give(login, world, role):
    if not MAY_GIVE[role]:
        return
    target = make_member(world.org, "nieuw@linge.example", Role.EMPLOYEE, world.team)
    page = login(world.members[role]).get(reverse("orgs-person", args=[target.uuid]))
    offered = {value for value, _label in page.context["form"].fields["role"].choices}
    assert offered == MAY_GIVE[role]


@pytest.mark.parametrize(("actor", "current"), PAIRS)
def test_only_the_role_of_a_colleague_one_could_have_appointed_changes(
    login, world, actor, current
):
    target = make_member(world.org, "collega@linge.example", current, world.team)
    new = Role.EMPLOYEE if current != Role.EMPLOYEE else Role.HR
    response = login(world.members[actor]).post(
        reverse("orgs-person", args=[target.uuid]),
        {"role": new, "unit": world.team.id, "job_title": ""},
    )
    target.refresh_from_db()
    if _allowed(actor, current) and _allowed(actor, new):
        assert (response.status_code, target.role) == (302, new)
    else:
        assert target.role == current
        # 403 without the right to manage people; otherwise the role field is locked (the
        # rest of the form saves) or the new role is refused.
        assert response.status_code in (200, 302, 403)


def test_hr_cannot_make_itself_administrator(login, world):
    hr = world.hr
    response = login(hr).post(
        reverse("orgs-person", args=[hr.uuid]), {"role": Role.ADMIN, "unit": "", "job_title": ""}
    )
    hr.refresh_from_db()
    assert response.status_code == 200 and hr.role == Role.HR


def test_hr_still_changes_the_unit_of_an_administrator_but_not_the_role(login, world):
    client = login(world.hr)
    url = reverse("orgs-person", args=[world.admin.uuid])
    page = client.get(url)
    assert page.context["form"].fields["role"].disabled
    client.post(url, {"role": Role.EMPLOYEE, "unit": world.team.id, "job_title": "Beheer"})
    world.admin.refresh_from_db()
    assert (world.admin.role, world.admin.unit) == (Role.ADMIN, world.team)


@pytest.mark.parametrize(("actor", "role"), PAIRS)
def test_the_service_refuses_a_role_beyond_ones_own(world, actor, role):
    target = make_member(world.org, "nieuw@linge.example", Role.EMPLOYEE, world.team)
    call = lambda: services.membership_update(  # noqa: E731
        membership=target, actor=world.members[actor], role=role, unit=None, job_title=""
    )
    if _allowed(actor, role):
        call()
        assert Membership.objects.get(pk=target.pk).role == role
    else:
        with pytest.raises(ValidationError):
            call()
        assert Membership.objects.get(pk=target.pk).role == Role.EMPLOYEE


@pytest.mark.parametrize("current", [Role.ADMIN, Role.BOARD, Role.CX_LEAD, Role.MANAGER])
def test_hr_cannot_remove_a_colleague_above_itself(login, world, current):
    target = make_member(world.org, "collega@linge.example", current, world.team)
    client = login(world.hr)
    page = client.get(reverse("orgs-person", args=[target.uuid])).content.decode()
    assert reverse("orgs-person-remove", args=[target.uuid]) not in page
    client.post(reverse("orgs-person-remove", args=[target.uuid]))
    target.refresh_from_db()
    assert target.archived_at is None


# --- Invitations ----------------------------------------------------------------------------
@pytest.mark.parametrize(("actor", "role"), PAIRS)
def test_an_invitation_gives_only_roles_within_ones_own(login, world, actor, role):
    client = login(world.members[actor])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("orgs-invite"),
            {
                "email": "nieuw@linge.example",
                "first_name": "Nina",
                "last_name": "Dam",
                "role": role,
                "unit": world.team.id,
            },
        )
    made = Membership.objects.filter(user__email="nieuw@linge.example").first()
    if _allowed(actor, role):
        assert response.status_code == 302
        assert made is not None and made.role == role
    else:
        assert made is None
        assert not User.objects.filter(email="nieuw@linge.example").exists()
        assert response.status_code in (200, 403)


@pytest.mark.parametrize(("actor", "role"), PAIRS)
def test_the_invite_service_refuses_a_role_beyond_ones_own(world, actor, role):
    def call():
        return services.member_invite(
            organization=world.org,
            email="nieuw@linge.example",
            first_name="Nina",
            infix="",
            last_name="Dam",
            role=role,
            unit=None,
            invited_by=world.members[actor].user,
            actor=world.members[actor],
        )

    if _allowed(actor, role):
        assert call().role == role
    else:
        with pytest.raises(ValidationError):
            call()
        assert not Membership.objects.filter(user__email="nieuw@linge.example").exists()


# --- The people import ----------------------------------------------------------------------
def _import(client, csv: str) -> PeopleImport:
    client.post(
        reverse("orgs-import"),
        {"file": SimpleUploadedFile("hr.csv", csv.encode(), "text/csv")},
    )
    job = PeopleImport.objects.latest("created_at")
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(("actor", "role"), PAIRS)
def test_the_import_gives_only_roles_within_ones_own(login, world, actor, role):
    client = login(world.members[actor])
    csv = (
        "E-mailadres;Voornaam;Achternaam;Afdelingscode;Rol\r\n"
        f"nieuw@linge.example;Nina;Dam;W-KC-1;{FILE_WORD[role]}\r\n"
        "lies@linge.example;Lies;Smit;W-KC-1;medewerker\r\n"
    )
    response = client.post(
        reverse("orgs-import"), {"file": SimpleUploadedFile("hr.csv", csv.encode(), "text/csv")}
    )
    if not MAY_GIVE[actor]:
        assert response.status_code == 403
        assert not PeopleImport.objects.exists()
        return
    job = PeopleImport.objects.get()
    client.post(reverse("orgs-import-start", args=[job.uuid]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    made = Membership.objects.filter(user__email="nieuw@linge.example").first()
    # The other row is never held back by the refused one.
    assert Membership.objects.get(user__email="lies@linge.example").role == Role.EMPLOYEE
    row = next(r for r in job.report if r["subject"] == "nieuw@linge.example")
    if _allowed(actor, role):
        assert made is not None and made.role == role
        assert row["status"] == "created"
    else:
        assert made is None
        assert not User.objects.filter(email="nieuw@linge.example").exists()
        assert row["status"] == "refused"
        assert any("rol" in message for message in row["messages"])


@pytest.mark.parametrize(("actor", "current"), PAIRS)
def test_the_import_changes_only_the_role_of_a_colleague_one_could_have_appointed(
    login, world, actor, current
):
    if not MAY_GIVE[actor]:
        return  # no import page at all (checked above)
    target = make_member(world.org, "collega@linge.example", current, world.team)
    new = Role.EMPLOYEE if current != Role.EMPLOYEE else Role.HR
    job = _import(
        login(world.members[actor]),
        "E-mailadres;Achternaam;Functie;Rol\r\n"
        f"collega@linge.example;Dam;Adviseur;{FILE_WORD[new]}\r\n",
    )
    target.refresh_from_db()
    row = job.report[0]
    if current == Role.ADMIN:
        # Administrators' roles are never changed by an import (documented), whoever runs it.
        assert target.role == Role.ADMIN
    elif _allowed(actor, current) and _allowed(actor, new):
        assert (target.role, target.job_title) == (new, "Adviseur")
    else:
        assert (target.role, target.job_title) == (current, "")  # nothing of the row written
        assert row["status"] == "refused"


def test_the_import_preview_already_refuses_the_row(login, world):
    client = login(world.hr)
    client.post(
        reverse("orgs-import"),
        {
            "file": SimpleUploadedFile(
                "hr.csv",
                b"E-mailadres;Achternaam;Rol\r\nbaas@linge.example;Baas;beheerder\r\n",
                "text/csv",
            )
        },
    )
    job = PeopleImport.objects.get()
    page = client.get(reverse("orgs-import-detail", args=[job.uuid]))
    assert page.context["counts"]["refused"] == 1
    assert "beheerder" in page.content.decode().lower()


def test_an_import_uploaded_by_an_administrator_and_started_by_hr_gives_hr_rights_only(
    login, world
):
    csv = b"E-mailadres;Achternaam;Rol\r\nbaas@linge.example;Baas;beheerder\r\n"
    login(world.admin).post(
        reverse("orgs-import"), {"file": SimpleUploadedFile("hr.csv", csv, "text/csv")}
    )
    job = PeopleImport.objects.get()
    login(world.hr).post(reverse("orgs-import-start", args=[job.uuid]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert not Membership.objects.filter(user__email="baas@linge.example").exists()
    assert job.report[0]["status"] == "refused"


def test_hr_importing_a_unit_manager_does_not_make_them_manager(login, world):
    job = _import(
        login(world.hr),
        "E-mailadres;Achternaam;Afdelingscode;Afdeling;E-mail leidinggevende\r\n"
        "nieuw@linge.example;Dam;T9;Nieuw team;nieuw@linge.example\r\n",
    )
    made = Membership.objects.get(user__email="nieuw@linge.example")
    assert made.role == Role.EMPLOYEE
    assert job.report[0]["status"] == "created"
