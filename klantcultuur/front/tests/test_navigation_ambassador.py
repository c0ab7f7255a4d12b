"""The employee's way in: an "Ambassadeur" menu entry where a manager has the programme."""

from __future__ import annotations

from typing import cast

from django.test import RequestFactory
from django.urls import reverse

from klantcultuur.front.navigation import items_for
from klantcultuur.orgs.request import OrgRequest


def _labels(membership):
    request = cast(OrgRequest, RequestFactory().get("/start/"))
    request.membership = membership
    return {str(e["label"]): e["url"] for e in items_for(request)}


def test_an_employee_finds_volunteering_in_the_menu(login, world):
    menu = _labels(world.employee)
    assert menu["Ambassadeur"] == reverse("programme-ambassador-mine")
    assert "Programma" not in menu
    page = login(world.employee).get(menu["Ambassadeur"]).content.decode()
    assert "Ik meld me aan" in page


def test_who_has_the_programme_entry_does_not_get_a_second_one(world):
    for member in (world.manager, world.board, world.cx_lead, world.hr, world.admin):
        menu = _labels(member)
        assert "Programma" in menu and "Ambassadeur" not in menu
