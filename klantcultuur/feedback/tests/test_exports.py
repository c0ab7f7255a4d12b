"""The exports: the summary hides what the pages hide and says whose figures it holds."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback.tests.factories import ingest, item

UNIT, RESPONSES, NPS, PROMOTERS, CUSTOMERS = 2, 3, 4, 7, 17


def summary(client, query: str) -> list[list[str]]:
    response = client.get(reverse("feedback-export") + f"?kind=summary&{query}")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))[1:]


def answers(world, team_code: str, count: int, score: int, **values):
    when = timezone.now() - timedelta(hours=1)  # one day, so every grain has one period
    ingest(
        world.org,
        *[
            item(team_code=team_code, score=score, received_at=when, **values)
            for _n in range(count)
        ],
    )


def test_the_summary_export_hides_the_units_the_dashboard_hides(login, world):
    answers(world, "W-KC-1", 10, 9)
    answers(world, "W-KC-2", 2, 1)  # Planning: too few to show
    client = login(world.cx_lead)
    page = client.get(reverse("feedback-unit", args=[world.department.uuid]) + "?period=7")
    hidden = {row.unit.name for row in page.context["rows"] if row.hidden}
    assert hidden == {"Planning", "Klantcontactcentrum"}  # the second one protects the first
    rows = summary(client, f"unit={world.department.uuid}&period=7&grain=month")
    for name in hidden:
        answered = [r for r in rows if r[UNIT] == name and r[RESPONSES] != "0"]
        assert answered, name
        assert all(cell == "" for r in answered for cell in r[RESPONSES:CUSTOMERS]), answered
    whole = [r for r in rows if r[UNIT] == "Klantcontact" and r[RESPONSES] != "0"]
    external = page.context["external"]
    assert [int(r[RESPONSES]) for r in whole] == [external.counts.records]
    assert [r[NPS] for r in whole] == [f"{external.nps.value:.1f}".replace(".", ",")]


def test_the_summary_export_shows_customers_and_colleagues_apart_as_the_pages_do(login, world):
    answers(world, "W-KC-1", 10, 9)
    answers(world, "W-KC-1", 6, 0, is_internal=True)
    client = login(world.cx_lead)
    rows = summary(client, f"unit={world.team.uuid}&period=7&grain=month")
    answered = {r[CUSTOMERS]: r for r in rows if r[RESPONSES] != "0"}
    assert set(answered) == {"Klanten", "Collega’s (intern)"}
    page = client.get(reverse("feedback-unit", args=[world.team.uuid]) + "?period=7")
    for kind, figures in (("Klanten", "external"), ("Collega’s (intern)", "internal")):
        counts = page.context[figures].counts
        assert int(answered[kind][RESPONSES]) == counts.records
        assert int(answered[kind][PROMOTERS]) == counts.nps_promoters
    customers_only = summary(client, f"unit={world.team.uuid}&period=7&customers=external")
    assert {r[CUSTOMERS] for r in customers_only} == {"Klanten"}


def test_the_summary_export_of_a_manager_is_labelled_with_their_units_not_the_organisation(
    login, world
):
    world.back_team.manager = world.manager
    world.back_team.save(update_fields=["manager"])
    answers(world, "W-KC-1", 6, 9)
    answers(world, "W-KC-2", 6, 7)
    client = login(world.manager)
    page = client.get(reverse("feedback-overview") + "?period=7")
    assert "Mijn teams" in page.content.decode()
    rows = summary(client, "period=7&grain=month")
    units = {r[UNIT] for r in rows}
    assert world.org.name not in units
    assert units == {"Mijn teams", "Klantcontactcentrum", "Planning"}
    assert sum(int(r[RESPONSES]) for r in rows if r[UNIT] == "Mijn teams") == 12
