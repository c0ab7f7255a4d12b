"""Who manages which KPIs: the organisation-wide catalogue is for the CX lead and the
administrator; a manager sets up the KPIs of the units they lead, nowhere else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klantcultuur.huddle.models import Kpi, TeamKpi
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member

KPI_FORM = {"name": "Bereikbaarheid", "source": "manual", "period": "day", "unit": "%",
            "decimals": 0, "direction": "higher", "position": 0}  # fmt: skip


def _kpi(world) -> Kpi:
    return Kpi.objects.create(organization=world.org, name="Bereikbaarheid", unit="%")


@pytest.mark.parametrize("role", [Role.MANAGER, Role.HR, Role.BOARD, Role.EMPLOYEE])
def test_only_the_cx_lead_and_administrator_change_the_catalogue(login, world, role):
    kpi = _kpi(world)
    client = login(world.members[role])
    assert (
        client.post(
            reverse("huddle-kpi-edit", args=[kpi.uuid]), {**KPI_FORM, "name": "Gekaapt"}
        ).status_code
        == 403
    )
    assert client.post(reverse("huddle-kpi-archive", args=[kpi.uuid])).status_code == 403
    assert (
        client.post(reverse("huddle-kpi-create"), {**KPI_FORM, "name": "Nieuw"}).status_code == 403
    )
    kpi.refresh_from_db()
    assert (kpi.name, kpi.archived_at) == ("Bereikbaarheid", None)
    assert not Kpi.objects.filter(name="Nieuw").exists()
    page = client.get(reverse("huddle-kpis")).content.decode()
    assert reverse("huddle-kpi-create") not in page
    assert reverse("huddle-kpi-edit", args=[kpi.uuid]) not in page


@pytest.mark.parametrize("role", [Role.CX_LEAD, Role.ADMIN])
def test_the_cx_lead_and_administrator_edit_and_archive_a_kpi(login, world, role):
    kpi = _kpi(world)
    client = login(world.members[role])
    response = client.post(
        reverse("huddle-kpi-edit", args=[kpi.uuid]), {**KPI_FORM, "name": "Bereikbaarheid telefoon"}
    )
    assert response.status_code == 302
    client.post(reverse("huddle-kpi-archive", args=[kpi.uuid]))
    kpi.refresh_from_db()
    assert kpi.name == "Bereikbaarheid telefoon" and kpi.archived_at is not None


def test_an_outsider_finds_no_kpi_of_another_organisation(login, world):
    kpi = _kpi(world)
    team_kpi = TeamKpi.objects.create(organization=world.org, kpi=kpi, team=world.team)
    client = login(world.outsider)
    assert client.post(reverse("huddle-kpi-edit", args=[kpi.uuid]), KPI_FORM).status_code == 404
    assert client.post(reverse("huddle-kpi-archive", args=[kpi.uuid])).status_code == 404
    assert (
        client.post(
            reverse("huddle-team-kpis", args=[world.team.uuid]), {"kpi": kpi.id}
        ).status_code
        == 404
    )
    assert client.post(reverse("huddle-team-kpi-remove", args=[team_kpi.uuid])).status_code == 404
    kpi.refresh_from_db()
    assert kpi.archived_at is None and TeamKpi.objects.filter(pk=team_kpi.pk).exists()


def test_a_manager_sets_up_kpis_only_in_the_units_they_lead(login, world):
    kpi = _kpi(world)
    # A second manager who works in the back-office team but does not lead it.
    member = make_member(world.org, "piet@linge.example", Role.MANAGER, world.back_team)
    client = login(member)
    refused = client.post(reverse("huddle-team-kpis", args=[world.back_team.uuid]), {"kpi": kpi.id})
    assert refused.status_code == 403
    on_back = TeamKpi.objects.create(organization=world.org, kpi=kpi, team=world.back_team)
    assert client.post(reverse("huddle-team-kpi-remove", args=[on_back.uuid])).status_code == 403
    assert TeamKpi.objects.filter(pk=on_back.pk).exists()
    # Once they lead it, they may.
    world.back_team.manager = member
    world.back_team.save(update_fields=["manager"])
    assert client.post(reverse("huddle-team-kpi-remove", args=[on_back.uuid])).status_code == 302
    assert not TeamKpi.objects.filter(pk=on_back.pk).exists()
