"""Everyone reads a message in their own language; the team channel in the default one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from klantcultuur.notify.models import Delivery, NotifySettings
from klantcultuur.notify.tests.test_delivery import a_customer_to_call_back

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def english_leader(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.manager.user.language = "en"
    world.manager.user.save(update_fields=["language"])
    return world.manager


def test_a_leader_who_reads_english_is_told_in_english_and_the_channel_in_dutch(
    world, english_leader
):
    NotifySettings.objects.create(organization=world.org, webhook_url="http://127.0.0.1:9/hook")
    a_customer_to_call_back(world)
    assert [m.to for m in mail.outbox] == [["mila@linge.example"]]
    assert mail.outbox[0].subject == "Klantcontactcentrum: a customer asks to be called back"
    assert "gave a low score and may be contacted" in mail.outbox[0].body
    channel = Delivery.objects.get(channel="webhook")
    assert channel.subject == "Klantcontactcentrum: een klant wil teruggebeld worden"


def test_a_dutch_and_an_english_colleague_each_get_their_own_words(world, english_leader):
    from klantcultuur.feedback.models import FollowUpCase
    from klantcultuur.feedback.services.cases import cases_overdue_announce

    a_customer_to_call_back(world)
    FollowUpCase.objects.update(assigned_to=world.employee)  # Bob keeps Dutch
    mail.outbox.clear()
    assert cases_overdue_announce(now=timezone.now() + timedelta(days=3)) == 1
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "mila@linge.example": "Klantcontactcentrum: a customer waits too long for a call-back",
        "bob@linge.example": "Klantcontactcentrum: een klant wacht te lang op terugbellen",
    }


def test_an_answered_escalation_reaches_each_in_their_language(world, english_leader):
    from klantcultuur.huddle.models import Escalation
    from klantcultuur.huddle.services.escalations import escalation_answer

    escalation = Escalation.objects.create(
        organization=world.org,
        from_unit=world.team,
        to_unit=world.department,
        raised_on=timezone.localdate(),
        text="Te weinig monteurs in de winter.",
        raised_by=world.employee,
    )
    escalation_answer(escalation=escalation, answer="Twee extra vanaf maandag.", by=world.admin)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["mila@linge.example"].endswith("your escalation is answered")
    assert subjects["bob@linge.example"].endswith("jullie escalatie is beantwoord")
