"""A board is read with a fixed number of queries, whatever the amount of data behind it."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klantcultuur.huddle.models import Escalation, Goal, ImprovementAction
from klantcultuur.huddle.tests.helpers import FRIDAY, MONDAY, SATURDAY, feedback, team_board, value

# One Monday board of a team, read by its employee: session, user, memberships (3); the unit
# and the units they manage (2; an employee who leads nothing needs no unit tree); whether the unit has units below
# it (1); KPIs (1); eight weeks of daily counts (1); values (1); signal records and their
# sentences for the two days that have any (2 x 2); the dagstart record (1); members (1);
# open actions (1); escalations (1); goals (1); saving the session (3).
TEAM_BOARD_QUERIES = 21
# A department board, read by an administrator: session, user, memberships (3); the unit and
# the visible units (2); units below it (1); the active tree and its units (2); KPIs (1);
# values (1); counts per unit over two spans for both kinds of customers (4); open
# escalations and actions (2); escalations to and from it (2); the dagstart record (1);
# members (1); saving the session (3).
DEPARTMENT_BOARD_QUERIES = 23


def grow(world, board, factor: int, start: int = 0) -> None:
    """More of everything the board reads: records, sentences, values, actions, escalations."""
    for i in range(start, start + factor):
        feedback(world, FRIDAY, 10, f"Heel vriendelijk geholpen door collega {i}, top!", hour=9)
        feedback(world, SATURDAY, 2, f"Ik moest {i + 2} keer bellen voordat ik iemand sprak.")
        feedback(world, FRIDAY - timedelta(days=i % 40), 8)
        value(board.reach, MONDAY - timedelta(days=10 + i), 70 + i % 20)
        ImprovementAction.objects.create(
            organization=world.org,
            team=world.team,
            title=f"Actie {i}",
            problem="Wachttijd.",
            owner=world.employee,
        )
        Escalation.objects.create(
            organization=world.org,
            from_unit=world.team,
            to_unit=world.department,
            text=f"Vraag {i}",
            raised_on=MONDAY,
        )
        Goal.objects.create(
            organization=world.org,
            team=world.team,
            title=f"Doel {i}",
            start=MONDAY,
            end=MONDAY,
            person=world.employee,
        )


def count(client, url, day) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"day": day.isoformat()})
    assert response.status_code == 200
    return len(queries)


def test_the_team_board_query_count_does_not_depend_on_the_data(
    login, world, django_assert_num_queries
):
    board = team_board(world)
    grow(world, board, 1)
    client = login(world.employee)
    url = reverse("huddle-board", args=[world.team.uuid])
    client.get(url, {"day": MONDAY.isoformat()})  # the session settles on the first request
    with django_assert_num_queries(TEAM_BOARD_QUERIES):
        client.get(url, {"day": MONDAY.isoformat()})
    grow(world, board, 30, start=1)
    assert count(client, url, MONDAY) == TEAM_BOARD_QUERIES
    assert (
        "Heel vriendelijk geholpen door collega 29"
        in client.get(url, {"day": MONDAY.isoformat()}).content.decode()
    )


def test_the_department_board_query_count_does_not_depend_on_the_data(
    login, world, django_assert_num_queries
):
    board = team_board(world)
    team_board(world, team=world.back_team, owner=world.employee)
    grow(world, board, 1)
    client = login(world.admin)
    url = reverse("huddle-board", args=[world.department.uuid])
    client.get(url, {"day": MONDAY.isoformat()})
    with django_assert_num_queries(DEPARTMENT_BOARD_QUERIES):
        client.get(url, {"day": MONDAY.isoformat()})
    grow(world, board, 30, start=1)
    assert count(client, url, MONDAY) == DEPARTMENT_BOARD_QUERIES
