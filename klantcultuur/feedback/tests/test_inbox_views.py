"""The inbox and its export (views/inbox.py): filters, access per team, figures that agree with the
unit page, safe spreadsheets, a fixed query count."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from klantcultuur.feedback.models import (
    Feedback,
)
from klantcultuur.feedback.tests.factories import ingest, item, some_feedback


def test_an_employee_may_not_open_another_teams_page_or_response(login, world):
    ingest(world.org, item(team_code="W-KC-2", reason="Planning klopte niet."))
    record = Feedback.objects.get()
    client = login(world.employee)
    assert client.get(reverse("feedback-unit", args=[world.back_team.uuid])).status_code == 403
    assert client.get(reverse("feedback-record", args=[record.uuid])).status_code == 403
    assert (
        client.get(reverse("feedback-inbox") + f"?unit={world.back_team.uuid}").status_code == 403
    )
    assert (
        login(world.manager).get(reverse("feedback-unit", args=[world.team.uuid])).status_code
        == 200
    )


def test_unit_page_inbox_and_export_agree_on_every_number(login, world):
    some_feedback(world)
    client = login(world.cx_lead)
    query = f"?unit={world.team.uuid}&period=30"
    unit_page = client.get(reverse("feedback-unit", args=[world.team.uuid]) + "?period=30")
    inbox = client.get(reverse("feedback-inbox") + query)
    assert unit_page.context["external"].counts == inbox.context["figures"].counts
    export = client.get(reverse("feedback-export") + query)
    rows = list(
        csv.reader(
            io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    counts = inbox.context["figures"].counts
    assert len(rows) - 1 == counts.records
    scores = [int(r[4]) for r in rows[1:] if r[3] == "NPS" and r[4]]
    assert sum(s >= 9 for s in scores) == counts.nps_promoters
    assert sum(s <= 6 for s in scores) == counts.nps_detractors
    assert sum(int(r[7]) for r in rows[1:]) == counts.compliments
    summary = client.get(reverse("feedback-export") + query + "&kind=summary")
    lines = list(
        csv.reader(
            io.StringIO(b"".join(summary.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert sum(int(r[3]) for r in lines[1:] if r[2] == world.team.name) == counts.records


def test_filters_the_roll_up_cannot_answer_count_the_records(login, world):
    some_feedback(world)
    client = login(world.cx_lead)
    inbox = client.get(reverse("feedback-inbox") + "?period=30&channel=telefoon&band=negative")
    expected = Feedback.objects.filter(channel="telefoon", metric="nps", score__lte=6).count()
    assert inbox.context["figures"].counts.records == expected
    assert len(inbox.context["page"].object_list) == expected


def test_the_inbox_query_count_does_not_grow_with_the_data(
    login, world, django_assert_max_num_queries
):
    client = login(world.cx_lead)
    some_feedback(world, 10)
    with django_assert_max_num_queries(24) as small:
        client.get(reverse("feedback-inbox") + "?period=30")
    some_feedback(world, 120)
    with django_assert_max_num_queries(24) as large:
        client.get(reverse("feedback-inbox") + "?period=30&topic=wachttijd")
    assert len(large.captured_queries) <= len(small.captured_queries) + 1


def test_the_excel_export_neutralises_formulas(login, world):
    ingest(world.org, item(team_code="W-KC-1", reason='=HYPERLINK("http://x")', external_id="@id"))
    response = login(world.cx_lead).get(reverse("feedback-export") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert '\'=HYPERLINK("http://x")' in values and "'@id" in values


def test_an_invalid_filter_is_ignored_and_the_other_filters_still_apply(login, world):
    when = timezone.now() - timedelta(hours=1)
    ingest(world.org, *[item(team_code="W-KC-1", score=9, received_at=when) for _n in range(6)])
    ingest(
        world.org,
        *[item(team_code="W-KC-1", metric="csat", score=1, received_at=when) for _n in range(4)],
    )
    inbox = login(world.cx_lead).get(reverse("feedback-inbox") + "?metric=csat&period=14&band=hoog")
    assert inbox.context["figures"].counts.records == 4
    assert [r.metric for r in inbox.context["page"].object_list] == ["csat"] * 4
    assert inbox.context["period"].key == "30"
    assert inbox.context["form"]["period"].value() == "30"  # the filter shows the period used


def test_dates_read_as_each_language_writes_them(login, world):
    moment = timezone.make_aware(timezone.datetime(2026, 10, 14, 11, 5))
    ingest(world.org, item(received_at=moment, score=3, team_code="W-KC-1"))
    record = Feedback.objects.get(organization=world.org)
    client = login(world.cx_lead)
    inbox = reverse("feedback-inbox") + "?period=custom&from=2026-10-01&to=2026-10-31"
    page = client.get(inbox).content.decode()
    assert reverse("feedback-record", args=[record.uuid]) in page
    assert "14 okt 2026, 11:05" in page  # Dutch writes months in lower case
    client.post(reverse("accounts-language"), {"language": "en"})
    assert "14 Oct 2026, 11:05" in client.get(inbox).content.decode()
