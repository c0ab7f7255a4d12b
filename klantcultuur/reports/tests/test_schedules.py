"""Monthly e-mail of the board report through the notifications."""

from __future__ import annotations

from datetime import date

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from klantcultuur.notify.models import Delivery
from klantcultuur.reports.models import ReportSchedule
from klantcultuur.reports.services import send_due


def test_a_schedule_is_set_up_and_sends_the_previous_month_once(
    login, world, django_capture_on_commit_callbacks
):
    client = login(world.board)
    response = client.post(
        reverse("reports-schedule-create"),
        {"unit": "", "roles": ["board", "cx_lead"], "language": "nl"},
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get(organization=world.org)
    assert schedule.roles == ["board", "cx_lead"]
    # Set up now: the month that just ended is not sent; the next month's first day is.
    assert send_due() == 0
    today = date.fromordinal(schedule.last_sent_for.toordinal() + 70).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due(today=today) == 2
    assert send_due(today=today) == 0  # once per month
    deliveries = Delivery.objects.filter(organization=world.org)
    assert {d.to for d in deliveries} == {world.board.user.email, world.cx_lead.user.email}
    assert all("/reports/board.pdf?start=" in d.link for d in deliveries)
    assert all(d.subject.startswith("Bestuursrapport Woonstichting De Linge") for d in deliveries)
    assert len(mail.outbox) == 2


def test_a_schedule_in_english_for_a_division(login, world):
    client = login(world.cx_lead)
    client.post(
        reverse("reports-schedule-create"),
        {"unit": str(world.division.uuid), "roles": ["board"], "language": "en"},
    )
    schedule = ReportSchedule.objects.get(organization=world.org)
    assert schedule.unit == world.division
    send_due(today=date(2099, 1, 3))
    delivery = Delivery.objects.get(organization=world.org)
    assert delivery.subject == f"Board report {world.division.name}, December 2098"
    assert f"unit={world.division.uuid}" in delivery.link


def test_roles_outside_the_board_audience_are_refused(login, world):
    client = login(world.board)
    client.post(reverse("reports-schedule-create"), {"roles": ["employee"], "language": "nl"})
    assert not ReportSchedule.objects.exists()


def test_a_schedule_is_stopped_and_an_outsider_cannot_touch_it(login, world):
    client = login(world.board)
    client.post(reverse("reports-schedule-create"), {"roles": ["board"], "language": "nl"})
    schedule = ReportSchedule.objects.get()
    url = reverse("reports-schedule-delete", args=[schedule.uuid])
    assert login(world.outsider).post(url).status_code == 404
    assert login(world.employee).post(url).status_code == 403
    assert login(world.board).post(url).status_code == 302
    assert not ReportSchedule.objects.exists()


def test_the_command_sends_what_is_due(world, capsys):
    call_command("send_board_reports")
    assert "0 recipient(s)" in capsys.readouterr().out
