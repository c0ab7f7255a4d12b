"""The main menu: what each app declares, shown to the members who may use it."""

from __future__ import annotations

from typing import cast

import pytest
from django.test import RequestFactory
from django.urls import reverse

from klantcultuur.front.navigation import items_for
from klantcultuur.orgs.request import OrgRequest
from klantcultuur.orgs.roles import Role


def menu(membership, path: str = "/start/") -> list[tuple[str, str, bool]]:
    request = cast(OrgRequest, RequestFactory().get(path))
    request.membership = membership
    return [(str(e["label"]), e["url"], e["current"]) for e in items_for(request)]


def labels(membership) -> list[str]:
    return [label for label, _url, _current in menu(membership)]


def test_without_a_membership_there_is_no_menu(world):
    assert menu(None) == []


def test_an_administrator_sees_every_entry_in_order_starting_at_home(world):
    found = labels(world.members[Role.ADMIN])
    assert found[0] == "Start"
    assert found[-3:] == ["Organisatie", "Meldingen", "Instellingen"]
    assert {"Dagstart", "Klantstem", "Cultuurscan"} <= set(found)


def test_an_entry_needs_the_permission_it_names(world):
    employee = labels(world.members[Role.EMPLOYEE])
    assert "Instellingen" not in employee  # needs MANAGE_SETTINGS
    assert {"Start", "Dagstart", "Klantstem", "Organisatie"} <= set(employee)
    assert "Instellingen" in labels(world.members[Role.ADMIN])


def test_each_entry_links_to_its_page(world):
    urls = {label: url for label, url, _ in menu(world.members[Role.ADMIN])}
    assert urls["Start"] == reverse("front-home")
    assert urls["Klantstem"] == reverse("feedback-overview")
    assert urls["Instellingen"] == reverse("orgs-settings")


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/feedback/inbox/", "Klantstem"),
        ("/people/", "Organisatie"),  # an entry may own several sections
        ("/organisation/", "Organisatie"),
        ("/settings/", "Instellingen"),
    ],
)
def test_the_entry_of_the_current_section_is_marked(world, path, current):
    marked = [
        label for label, _url, is_current in menu(world.members[Role.ADMIN], path) if is_current
    ]
    assert marked == [current]


def test_the_page_shows_the_menu_with_the_current_entry(world, login):
    response = login(world.members[Role.EMPLOYEE]).get(reverse("feedback-overview"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{reverse("feedback-overview")}" aria-current="page">Klantstem</a>' in html
    assert reverse("orgs-settings") not in html
