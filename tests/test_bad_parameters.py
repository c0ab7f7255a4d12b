"""The bad parameters that once gave a server error now give a 404 or an answer with a
message; a name with a line break can no longer break the e-mails that carry it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from klantcultuur.orgs.models import Membership, Organization


@pytest.mark.parametrize("value", ["not-a-uuid", "0001-01-01", "\x00"])
def test_a_malformed_parent_of_a_new_unit_is_a_404(login, world, value):
    response = login(world.admin).get(reverse("orgs-unit-create"), {"parent": value})
    assert response.status_code == 404


def test_a_known_parent_still_fills_in_the_new_unit(login, world):
    response = login(world.admin).get(
        reverse("orgs-unit-create"), {"parent": str(world.department.uuid)}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["parent"] == world.department


@pytest.mark.parametrize("value", ["not-a-uuid", "12345", "\x00"])
def test_a_malformed_kpi_of_a_new_action_is_a_404(login, world, value):
    url = reverse("huddle-action-create", args=[world.team.uuid])
    assert login(world.admin).get(url, {"kpi": value}).status_code == 404


@pytest.mark.parametrize("name", ["huddle-board", "huddle-dagstart"])
@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_a_board_long_before_any_team_existed_shows_today(login, world, name, day):
    response = login(world.admin).get(reverse(name, args=[world.team.uuid]), {"day": day})
    assert response.status_code == 200


def test_the_organisation_board_of_year_one_shows_today(login, world):
    response = login(world.admin).get(reverse("huddle-org"), {"day": "0001-01-01"})
    assert response.status_code == 200


def test_a_nul_byte_in_the_people_search_is_no_server_error(login, world):
    response = login(world.admin).get(reverse("orgs-people"), {"q": "Bo\x00b"})
    assert response.status_code in (200, 400)


@pytest.mark.postgres
def test_a_nul_byte_in_the_people_search_on_postgresql(login, world):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL refuses a NUL in a query; .ci/run's PostgreSQL pass runs this")
    response = login(world.admin).get(reverse("orgs-people"), {"q": "\x00"})
    assert response.status_code in (200, 400)


def test_an_organisation_name_with_a_line_break_is_refused(login, world):
    client = login(world.admin)
    response = client.post(
        reverse("orgs-settings"),
        {
            "name": "De Linge\r\nBcc: iedereen@example.nl",
            "sector": world.org.sector,
            "min_group_size": 5,
            "min_comment_group_size": 5,
        },
    )
    assert response.status_code == 200
    assert "één regel" in response.content.decode()
    assert Organization.objects.get(pk=world.org.pk).name == "Woonstichting De Linge"


def test_inviting_for_an_organisation_stored_with_a_line_break_still_mails(login, world):
    Organization.objects.filter(pk=world.org.pk).update(name="De Linge\r\nBcc: x@example.nl")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = login(world.admin).post(
            reverse("orgs-invite"),
            {
                "email": "nieuw@linge.example",
                "first_name": "Nina",
                "infix": "",
                "last_name": "Dam",
                "role": "employee",
                "unit": world.team.id,
            },
        )
    assert response.status_code == 302
    assert Membership.objects.filter(user__email="nieuw@linge.example").exists()
    assert [m.subject for m in mail.outbox] == [
        "Uitnodiging voor Klantcultuur van De Linge Bcc: x@example.nl"
    ]
