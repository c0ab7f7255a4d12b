"""The Klantstem overview and unit pages (views/dashboard.py): what each role sees, figures that
agree with the inbox and the roll-up, anonymity of small units, a fixed query count."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import rollup
from klantcultuur.feedback.tests.factories import ingest, item, numbers, some_feedback


def test_the_overview_shows_the_organisation_figures_to_the_cx_lead(login, world):
    some_feedback(world)
    page = login(world.cx_lead).get(reverse("feedback-overview"))
    html = numbers(page.content.decode())
    assert page.status_code == 200
    total = rollup.stored_counts(world.org.id)
    nps = sum(total.values(), start=type(next(iter(total.values())))()).nps()
    shown = f"+{round(nps.value)}" if nps.value > 0 else f"{round(nps.value)}".replace("-", "−")
    assert f'<p class="metric__value">{shown}</p>' in html
    assert "Woonstichting De Linge" in html and "reacties wachten op een team" in html


def test_an_employee_is_sent_to_their_own_team(login, world):
    response = login(world.employee).get(reverse("feedback-overview"))
    assert response["Location"].startswith(reverse("feedback-unit", args=[world.team.uuid]))


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    login, world, django_assert_max_num_queries
):
    client = login(world.cx_lead)
    some_feedback(world, 10)
    with django_assert_max_num_queries(45) as small:
        client.get(reverse("feedback-overview") + "?period=90")
    some_feedback(world, 150)
    with django_assert_max_num_queries(45) as large:
        client.get(reverse("feedback-overview") + "?period=90")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_overview_counts_the_whole_unrouted_queue_as_its_page_does(login, world):
    now = timezone.now()
    ingest(
        world.org,
        item(channel="brief", received_at=now - timedelta(days=200)),
        item(channel="brief", received_at=now - timedelta(days=2)),
        item(channel="brief", received_at=now - timedelta(days=1)),
    )
    client = login(world.cx_lead)
    overview = client.get(reverse("feedback-overview") + "?period=30").content.decode()
    queue = client.get(reverse("feedback-unrouted"))
    assert queue.context["page"].paginator.count == 3
    assert "3 reacties wachten op een team" in overview


def test_a_topic_on_the_overview_and_in_the_inbox_has_the_same_counts(login, world):
    now = timezone.now()
    ingest(
        world.org,
        item(
            team_code="W-KC-1",
            received_at=now - timedelta(hours=3),
            reason="Vriendelijk geholpen, maar wel lang moeten wachten.",
        ),
        item(
            team_code="W-KC-1",
            received_at=now - timedelta(hours=4),
            reason="De wachttijd viel mee. De monteur was onvriendelijk.",
        ),
        item(
            team_code="W-KC-2",
            received_at=now - timedelta(hours=5),
            is_internal=True,
            reason="Ik moest weer lang wachten op de planning.",
        ),
    )
    client = login(world.cx_lead)
    overview = client.get(reverse("feedback-overview") + "?period=30")
    [waiting] = [t["count"] for t in overview.context["topics"] if t["slug"] == "wachttijd"]
    inbox = client.get(reverse("feedback-inbox") + "?period=30&topic=wachttijd")
    assert inbox.context["topic_signals"] == (waiting.compliments, waiting.improvements) == (1, 2)
    assert "Zinnen over Wachttijd: 1 complimenten, 2 verbeterpunten." in inbox.content.decode()


@pytest.mark.parametrize("name", ["feedback-overview", "feedback-inbox", "feedback-cases"])
def test_pages_use_no_inline_scripts_or_styles(login, world, name):
    some_feedback(world, 12)
    body = login(world.cx_lead).get(reverse(name)).content.decode()
    assert "style=" not in body and "<style" not in body
    assert "<script>" not in body.replace(" ", "")


def test_trends_and_the_summary_export_go_per_day_week_or_month(login, world):
    some_feedback(world)
    client = login(world.cx_lead)
    weekly = client.get(reverse("feedback-unit", args=[world.team.uuid]) + "?period=30&grain=week")
    [(_title, chart), *_rest] = weekly.context["charts"]
    assert all(label.startswith("wk ") for _x, label in chart.x_labels)
    yearly = client.get(
        reverse("feedback-unit", args=[world.team.uuid]) + "?period=365&grain=month"
    )
    labels = [label for _x, label in yearly.context["charts"][0][1].x_labels]
    assert len(set(labels)) == len(labels) == 13  # the same month a year apart, told apart
    assert labels[0].endswith(str(timezone.localdate().year - 1))
    assert f"jan {timezone.localdate().year}" in labels  # Dutch writes months in lower case
    query = f"?unit={world.team.uuid}&period=90&grain=month&kind=summary"
    summary = client.get(reverse("feedback-export") + query)
    rows = list(
        csv.reader(
            io.StringIO(b"".join(summary.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    starts = {r[0] for r in rows[1:]}
    assert 3 <= len(starts) <= 4  # ninety days touch three or four months
    unit_rows = [r for r in rows[1:] if r[2] == world.team.name]
    total = client.get(reverse("feedback-inbox") + f"?unit={world.team.uuid}&period=90")
    assert sum(int(r[3]) for r in unit_rows) == total.context["figures"].counts.records


def test_a_unit_with_too_few_answers_is_hidden_with_a_second_one(login, world):
    from klantcultuur.orgs.models import OrgUnit

    small = OrgUnit.objects.create(
        organization=world.org, parent=world.department, name="Klein", code="W-KC-3"
    )
    now = timezone.now()
    ingest(
        world.org,
        *[
            item(team_code="W-KC-1", score=n % 11, received_at=now - timedelta(hours=3, minutes=n))
            for n in range(12)
        ],
    )
    ingest(
        world.org,
        *[
            item(team_code="W-KC-2", score=n % 11, received_at=now - timedelta(hours=4, minutes=n))
            for n in range(8)
        ],
    )
    ingest(
        world.org,
        *[
            item(team_code="W-KC-3", score=3 + n, received_at=now - timedelta(hours=5, minutes=n))
            for n in range(2)
        ],
    )
    page = login(world.cx_lead).get(reverse("feedback-unit", args=[world.department.uuid]))
    hidden = {row.unit.name for row in page.context["rows"] if row.hidden}
    assert hidden == {small.name, world.back_team.name}  # the smallest other team hides too
    assert "Te weinig antwoorden om te tonen" in page.content.decode()


def test_a_teams_nps_cannot_be_worked_out_from_the_department_and_the_other_team(login, world):
    when = timezone.now() - timedelta(hours=1)
    ingest(world.org, *[item(team_code="W-KC-1", score=9, received_at=when) for _n in range(10)])
    ingest(world.org, *[item(team_code="W-KC-2", score=0, received_at=when) for _n in range(3)])
    ingest(
        world.org,
        *[item(team_code="W-KC-2", metric="csat", score=5, received_at=when) for _n in range(7)],
    )
    page = login(world.cx_lead).get(reverse("feedback-unit", args=[world.department.uuid]))
    assert page.context["external"].nps.n == 13  # the department's NPS is shown
    rows = {row.unit.name: row for row in page.context["rows"]}
    assert not rows["Planning"].hidden and rows["Planning"].figures.nps is None  # 3 answers
    # Shown, the team's NPS would give Planning's away: 13 answers minus the team's 10.
    assert rows["Klantcontactcentrum"].figures.nps is None
    assert rows["Planning"].figures.csat.value == 100.0  # no other CSAT to subtract
    html = numbers(page.content.decode())
    team_row = html[html.index(">Klantcontactcentrum</a>") :].split("</tr>")[0]
    assert "+100" not in team_row


def test_team_rows_and_trends_keep_customers_and_colleagues_apart_as_the_headline(login, world):
    when = timezone.now() - timedelta(hours=1)
    ingest(world.org, *[item(team_code="W-KC-1", score=9, received_at=when) for _n in range(10)])
    ingest(
        world.org,
        *[
            item(team_code="W-KC-1", score=0, received_at=when, is_internal=True)
            for _n in range(10)
        ],
    )
    client = login(world.cx_lead)
    page = client.get(reverse("feedback-unit", args=[world.department.uuid]) + "?period=30")
    customers = {row.unit.name: row.figures for row in page.context["rows"]}
    assert customers["Klantcontactcentrum"].counts == page.context["external"].counts
    assert customers["Klantcontactcentrum"].nps.value == 100
    colleagues = {row.unit.name: row.figures for row in page.context["internal_rows"]}
    assert colleagues["Klantcontactcentrum"].counts == page.context["internal"].counts
    assert colleagues["Klantcontactcentrum"].nps.value == -100
    [(_title, chart)] = page.context["charts"]
    [(_title, internal_chart)] = page.context["internal_charts"]
    assert [(p.value, p.n) for p in chart.points] == [("100", 10)]
    assert [(p.value, p.n) for p in internal_chart.points] == [("-100", 10)]
    html = numbers(page.content.decode())
    assert html.count("Van collega’s (interne klanten)") == 3  # figures, trend and rows
    inbox = client.get(reverse("feedback-inbox") + f"?unit={world.department.uuid}&period=30")
    assert inbox.context["figures"].counts == page.context["external"].counts
    assert inbox.context["internal_figures"].counts == page.context["internal"].counts
    assert inbox.context["page"].paginator.count == 20
