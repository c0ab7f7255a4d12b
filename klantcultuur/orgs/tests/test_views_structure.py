"""The unit tree pages: browse, create, rename, move, archive."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.orgs.models import OrgUnit


def test_the_tree_lists_units_in_order_with_their_managers(
    login, world, django_assert_max_num_queries
):
    client = login(world.employee)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("orgs-tree"))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        body.index("Wonen")
        < body.index("Klantcontact")
        < body.index("Klantcontactcentrum")
        < body.index("Planning")
    )
    assert "Mila Jansen" in body
    assert "Declaraties" not in body  # another organisation's unit


def test_an_administrator_creates_a_unit_below_another(login, world):
    client = login(world.admin)
    response = client.post(
        reverse("orgs-unit-create"),
        {
            "name": "Team Digitaal",
            "code": "W-KC-3",
            "kind": "team",
            "office": "front",
            "parent": world.department.id,
            "manager": world.manager.id,
        },
    )
    unit = OrgUnit.objects.get(organization=world.org, code="W-KC-3")
    assert response.status_code == 302
    assert (unit.parent, unit.manager) == (world.department, world.manager)


def test_a_unit_code_must_be_unique_within_the_organisation(login, world):
    client = login(world.admin)
    response = client.post(
        reverse("orgs-unit-create"),
        {"name": "Dubbel", "code": "W-KC-1", "kind": "team", "office": "front"},
    )
    assert response.status_code == 200
    assert "Een andere eenheid heeft deze code al." in response.content.decode()


def test_moving_and_renaming_a_unit(login, world):
    client = login(world.admin)
    url = reverse("orgs-unit-edit", args=[world.back_team.uuid])
    response = client.post(
        url,
        {
            "name": "Planning & Werkvoorbereiding",
            "code": "W-KC-2",
            "kind": "team",
            "office": "back",
            "parent": world.division.id,
        },
    )
    world.back_team.refresh_from_db()
    assert response.status_code == 302
    assert (world.back_team.name, world.back_team.parent) == (
        "Planning & Werkvoorbereiding",
        world.division,
    )


def test_a_unit_cannot_be_moved_below_its_own_team(login, world):
    client = login(world.admin)
    url = reverse("orgs-unit-edit", args=[world.department.uuid])
    response = client.post(
        url,
        {
            "name": "Klantcontact",
            "code": "W-KC",
            "kind": "department",
            "office": "front",
            "parent": world.team.id,
        },
    )
    world.department.refresh_from_db()
    assert response.status_code == 200
    assert world.department.parent == world.division


def test_a_manager_from_another_organisation_is_refused(login, world):
    client = login(world.admin)
    url = reverse("orgs-unit-edit", args=[world.team.uuid])
    response = client.post(
        url,
        {
            "name": "KCC",
            "code": "W-KC-1",
            "kind": "team",
            "office": "front",
            "manager": world.outsider.id,
        },
    )
    world.team.refresh_from_db()
    assert response.status_code == 200
    assert world.team.manager == world.manager


def test_archiving_a_unit_archives_everything_below_and_restore_brings_it_back(login, world):
    client = login(world.admin)
    client.post(reverse("orgs-unit-archive", args=[world.department.uuid]))
    archived = set(
        OrgUnit.objects.filter(organization=world.org, archived_at__isnull=False).values_list(
            "code", flat=True
        )
    )
    assert archived == {"W-KC", "W-KC-1", "W-KC-2"}
    assert "Klantcontactcentrum" not in client.get(reverse("orgs-tree")).content.decode()
    assert (
        "Klantcontactcentrum" in client.get(reverse("orgs-tree") + "?archived=1").content.decode()
    )
    client.post(reverse("orgs-unit-restore", args=[world.team.uuid]))
    world.team.refresh_from_db()
    assert world.team.archived_at is not None  # its department is still archived
    client.post(reverse("orgs-unit-restore", args=[world.department.uuid]))
    world.department.refresh_from_db()
    assert world.department.archived_at is None


def test_an_employee_sees_a_unit_but_cannot_change_it(login, world):
    client = login(world.employee)
    page = client.get(reverse("orgs-unit", args=[world.team.uuid]))
    assert page.status_code == 200
    assert "Bob Visser" in page.content.decode()
    assert "Archive this unit" not in page.content.decode()
    assert client.post(reverse("orgs-unit-archive", args=[world.team.uuid])).status_code == 403
