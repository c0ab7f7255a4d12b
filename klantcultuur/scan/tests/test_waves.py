"""Running a wave: invitations with hashed single-use tokens, reminders, open links, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from klantcultuur.lib.jobs import JobStatus
from klantcultuur.lib.tokens import token_hash
from klantcultuur.scan import services
from klantcultuur.scan.models import Invitation, OpenLink, Response, Wave
from klantcultuur.scan.tests.helpers import add_responses, make_wave


def today():
    """Today in the interface's time zone, read when a test runs (not when it is collected:
    a run that crosses midnight in Amsterdam would compare two different days)."""
    return timezone.localdate()


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """E-mail goes out after the commit: run what is inside the block as if it committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def draft_wave(world):
    return make_wave(world.org, launched=False)


def test_starting_invites_everyone_with_a_personal_link_whose_token_is_stored_hashed(
    world, draft_wave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        count = services.wave_launch(wave=draft_wave)
    invitations = Invitation.objects.filter(wave=draft_wave).select_related("membership__user")
    assert count == invitations.count() == 6  # the six members of organisation A
    assert len(mail.outbox) == 6 and {m.to[0] for m in mail.outbox} == {
        i.membership.user.email for i in invitations
    }
    bob = invitations.get(membership=world.employee)
    token = services.invitation_token(bob)
    assert token in next(m.body for m in mail.outbox if m.to == ["bob@linge.example"])
    assert bob.token_hash == token_hash(token) and token not in bob.token_hash
    assert services.invitation_for_token(token) == bob
    assert services.invitation_for_token(token[:-1] + "x") is None
    assert (
        mail.outbox[0].subject
        == "Cultuurscan van Woonstichting De Linge: hoe gaan wij met onze klanten om?"
    )


def test_leaders_are_invited_as_managers_and_the_others_as_employees(world, draft_wave):
    services.wave_launch(wave=draft_wave)
    roles = dict(Invitation.objects.filter(wave=draft_wave).values_list("membership__role", "role"))
    assert roles == {
        "manager": "manager",
        "board": "manager",
        "employee": "employee",
        "admin": "employee",
        "hr": "employee",
        "cx_lead": "employee",
    }


def test_a_small_team_is_pooled_so_no_stored_group_is_one_person(world, draft_wave):
    services.wave_launch(wave=draft_wave)
    draft_wave.refresh_from_db()
    # Bob is the only employee of his team: his answers would be stored with the organisation.
    assert draft_wave.storage_map[f"{world.team.id}|employee"] is None
    assert draft_wave.storage_map[f"{world.team.id}|manager"] is None


def test_a_wave_limited_to_some_units_only_invites_people_there(world):
    wave = services.wave_create(
        organization=world.org,
        actor=None,
        name="Klantcontact",
        questionnaire=services.standard_version(),
        opens_on=today(),
        closes_on=today() + timedelta(days=7),
        reminder_days=[],
        scope_units=[world.department],
    )
    services.wave_launch(wave=wave)
    invited = set(wave.invitations.values_list("membership__user__email", flat=True))
    assert invited == {"mila@linge.example", "bob@linge.example"}


def test_a_wave_opening_later_sends_its_invitations_on_the_opening_day(world, sending):
    wave = make_wave(
        world.org,
        launched=False,
        opens_on=today() + timedelta(days=2),
        closes_on=today() + timedelta(days=20),
    )
    services.wave_launch(wave=wave)
    assert mail.outbox == [] and wave.invitations.filter(sent_on=None).count() == 6
    with sending():
        call_command("send_scan_reminders", date=today() + timedelta(days=2))
    assert len(mail.outbox) == 6


def test_reminders_go_on_the_reminder_days_to_those_who_have_not_answered_and_only_once(
    world, sending
):
    wave = make_wave(
        world.org, launched=False, opens_on=today(), closes_on=today() + timedelta(days=20)
    )
    wave.reminder_days = [7, 12]
    wave.save(update_fields=["reminder_days"])
    services.wave_launch(wave=wave)
    wave.invitations.filter(membership=world.employee).update(answered_on=today())
    mail.outbox.clear()
    for day in (6, 7, 7, 8):  # on day 7 the cron job ran twice
        with sending():
            call_command("send_scan_reminders", date=today() + timedelta(days=day))
        if day == 6:
            assert mail.outbox == []
    assert len(mail.outbox) == 5 and "bob@linge.example" not in {m.to[0] for m in mail.outbox}
    assert mail.outbox[0].subject.startswith(
        "Herinnering: de cultuurscan van Woonstichting De Linge"
    )
    for day in (13, 14):  # day 12 was missed: caught up once on day 13
        with sending():
            call_command("send_scan_reminders", date=today() + timedelta(days=day))
    assert len(mail.outbox) == 10
    assert set(
        wave.invitations.exclude(membership=world.employee).values_list("reminders_sent", flat=True)
    ) == {2}


def test_the_reminder_command_prints_a_summary_and_ignores_closed_waves(world, capsys):
    wave = make_wave(world.org, launched=False, opens_on=today() - timedelta(days=7))
    services.wave_launch(wave=wave)
    services.wave_close(wave=wave)
    mail.outbox.clear()
    call_command("send_scan_reminders")
    assert mail.outbox == []
    assert "0 open wave(s): 0 invitation(s) and 0 reminder(s) sent." in capsys.readouterr().out


def test_the_cx_leads_button_reminds_everyone_who_has_not_answered_once_a_day(
    login, world, sending
):
    wave = make_wave(world.org, launched=False, opens_on=today() - timedelta(days=2))
    services.wave_launch(wave=wave)
    wave.invitations.update(sent_on=today() - timedelta(days=2))
    mail.outbox.clear()
    client = login(world.cx_lead)
    with sending():
        response = client.post(reverse("scan-wave-remind", args=[wave.uuid]), follow=True)
    assert (
        "6 mensen die nog niet hebben ingevuld, kregen een herinnering."
        in response.content.decode()
    )
    with sending():
        client.post(reverse("scan-wave-remind", args=[wave.uuid]))
    assert len(mail.outbox) == 6


def test_closing_deletes_unfinished_answers_shuffles_responses_and_computes_the_report(world):
    wave = make_wave(world.org, launched=False)
    services.wave_launch(wave=wave)
    wave.invitations.filter(membership=world.employee).update(draft={"answers": {"VIS1": 4}})
    add_responses(wave, world.team, 6)
    before = set(Response.objects.filter(wave=wave).values_list("id", flat=True))
    assert services.wave_close(wave=wave) is True
    wave.refresh_from_db()
    assert wave.closed_at is not None and wave.unit_tree
    assert not wave.invitations.exclude(draft=None).exists()
    after = set(Response.objects.filter(wave=wave).values_list("id", flat=True))
    assert len(after) == 6 and not before & after  # rewritten with new random keys
    assert wave.report.status == JobStatus.DONE
    assert services.wave_close(wave=wave) is False


def test_the_close_command_closes_waves_past_their_closing_date_once(world, capsys):
    wave = make_wave(
        world.org, opens_on=today() - timedelta(days=20), closes_on=today() - timedelta(days=1)
    )
    make_wave(world.org, name="Nog open")
    call_command("close_scan_waves")
    call_command("close_scan_waves")
    out = capsys.readouterr().out
    assert "1 wave(s) closed." in out and "0 wave(s) closed." in out
    assert Wave.objects.get(pk=wave.pk).closed_at is not None
    assert Wave.objects.get(name="Nog open").closed_at is None


def test_the_daily_close_task_closes_waves_past_their_closing_date(world):
    from klantcultuur.scan.tasks import close_waves

    wave = make_wave(
        world.org, opens_on=today() - timedelta(days=20), closes_on=today() - timedelta(days=1)
    )
    make_wave(world.org, name="Nog open")
    assert close_waves.run() == 1
    assert Wave.objects.get(pk=wave.pk).closed_at is not None
    assert Wave.objects.get(name="Nog open").closed_at is None


def test_the_daily_reminder_task_sends_the_reminders_due_today(world, sending):
    from klantcultuur.scan.tasks import send_reminders

    # Opened a week ago, invited then; its reminder day (7) is today.
    wave = make_wave(world.org, launched=False, opens_on=today() - timedelta(days=7))
    services.wave_launch(wave=wave)
    wave.invitations.update(sent_on=today() - timedelta(days=7))
    wave.invitations.filter(membership=world.employee).update(answered_on=today())
    mail.outbox.clear()
    with sending():
        sent = send_reminders.run()
    assert sent == {"waves": 1, "invitations": 0, "reminders": 5}
    assert len(mail.outbox) == 5 and "bob@linge.example" not in {m.to[0] for m in mail.outbox}


# --- Pages ------------------------------------------------------------------------------
def test_a_cx_lead_prepares_and_starts_a_wave_for_some_units(login, world):
    client = login(world.cx_lead)
    response = client.post(
        reverse("scan-wave-create"),
        {
            "name": "Cultuurscan najaar",
            "questionnaire": services.standard_version().id,
            "opens_on": today().isoformat(),
            "closes_on": (today() + timedelta(days=14)).isoformat(),
            "reminder_days": "5, 10",
            "scope_units": [world.department.id],
        },
    )
    wave = Wave.objects.get(name="Cultuurscan najaar")
    assert response.status_code == 302 and wave.reminder_days == [5, 10]
    assert list(wave.scope_units.all()) == [world.department]
    response = client.post(reverse("scan-wave-launch", args=[wave.uuid]), follow=True)
    assert (
        "De meting is gestart: 2 mensen zijn per e-mail uitgenodigd." in response.content.decode()
    )


def test_the_wave_form_refuses_a_closing_date_before_the_opening_date(login, world):
    response = login(world.cx_lead).post(
        reverse("scan-wave-create"),
        {
            "name": "Verkeerd om",
            "questionnaire": services.standard_version().id,
            "opens_on": today().isoformat(),
            "closes_on": (today() - timedelta(days=1)).isoformat(),
        },
    )
    assert "De meting kan niet sluiten voordat ze opent." in response.content.decode()
    assert not Wave.objects.filter(name="Verkeerd om").exists()


def test_response_rates_show_counts_per_unit_never_names(
    login, world, django_assert_max_num_queries
):
    wave = make_wave(world.org, launched=False)
    services.wave_launch(wave=wave)
    wave.invitations.filter(membership=world.employee).update(answered_on=today())
    client = login(world.cx_lead)
    # A fixed number whatever the number of units, people or links (no query per row).
    with django_assert_max_num_queries(18):
        response = client.get(reverse("scan-wave", args=[wave.uuid]))
    body = response.content.decode()
    assert "<strong>1</strong> van 6 ingevuld" in body
    assert "Klantcontactcentrum" in body
    assert "Bob" not in body and "bob@linge.example" not in body


def test_an_open_link_is_made_for_a_unit_shown_with_its_qr_code_and_switched_off(login, world):
    wave = make_wave(world.org)
    client = login(world.cx_lead)
    client.post(reverse("scan-link-create", args=[wave.uuid]), {"unit": world.team.id})
    link = OpenLink.objects.get(wave=wave)
    page = client.get(reverse("scan-wave", args=[wave.uuid])).content.decode()
    assert reverse("scan-open", args=[link.token]) in page
    qr = client.get(reverse("scan-link-qr", args=[link.uuid]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    client.post(reverse("scan-link-toggle", args=[link.uuid]))
    link.refresh_from_db()
    assert link.active is False


def test_a_report_is_only_computed_for_a_closed_wave(login, world):
    wave = make_wave(world.org)
    response = login(world.cx_lead).post(
        reverse("scan-wave-compute", args=[wave.uuid]), follow=True
    )
    assert (
        "Een rapport wordt alleen berekend voor een gesloten meting." in response.content.decode()
    )
    assert not hasattr(Wave.objects.get(pk=wave.pk), "report")


def test_a_manager_cannot_run_waves_and_an_outsider_cannot_see_them(login, world):
    wave = make_wave(world.org)
    assert login(world.manager).get(reverse("scan-wave", args=[wave.uuid])).status_code == 403
    assert login(world.outsider).get(reverse("scan-wave", args=[wave.uuid])).status_code == 404
