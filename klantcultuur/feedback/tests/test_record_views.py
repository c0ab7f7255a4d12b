"""One response, its labels and its team (views/records.py): why a sentence got its label,
corrections, and routing the unrouted queue."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import (
    Feedback,
    LabelCorrection,
    RoutingRule,
)
from klantcultuur.feedback.tests.factories import ingest, item


def test_the_record_page_shows_why_a_sentence_got_its_label(login, world):
    ingest(
        world.org,
        item(
            team_code="W-KC-1",
            score=6,
            reason="Vriendelijk geholpen, maar wel lang moeten wachten.",
        ),
    )
    record = Feedback.objects.get()
    html = login(world.manager).get(reverse("feedback-record", args=[record.uuid])).content.decode()
    assert '<span class="badge badge--improvement">Verbeterpunt</span>' in html
    assert '<mark class="cue">' in html  # the deciding words are marked
    assert "Corrigeren" not in html  # only who manages feedback corrects labels


def test_a_corrected_label_is_kept_and_used_for_new_comments(login, world):
    sentence = "De koffie in de wachtruimte was op."
    ingest(world.org, item(team_code="W-KC-1", reason=sentence))
    record = Feedback.objects.get()
    before = record.n_improvements
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-record-label", args=[record.uuid]),
        {"field": 1, "position": 0, "label": "improvement"},
    )
    record.refresh_from_db()
    assert record.n_improvements == before + (0 if before else 1)
    assert LabelCorrection.objects.get().label == "improvement"
    assert rollup.differences(world.org.id) == []
    ingest(world.org, item(team_code="W-KC-1", reason=sentence, received_at=timezone.now()))
    newest = Feedback.objects.order_by("-received_at").first()
    read = newest.sentences.get()
    assert (read.label, read.corrected) == ("improvement", True)


def test_routing_rules_send_the_unrouted_queue_to_its_team(login, world):
    ingest(world.org, item(channel="Balie"), item(channel="balie "), item(channel="chat"))
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-routing"),
        {"field": "channel", "value": "BALIE", "team": world.back_team.id},
    )
    assert RoutingRule.objects.count() == 1
    client.post(reverse("feedback-routing-apply"))
    assert Feedback.objects.filter(team=world.back_team).count() == 2
    page = client.get(reverse("feedback-unrouted"))
    assert page.context["page"].paginator.count == 1
    record = Feedback.objects.get(team__isnull=True)
    client.post(reverse("feedback-record-team", args=[record.uuid]), {"team": str(world.team.uuid)})
    assert Feedback.objects.filter(team__isnull=True).count() == 0
    assert rollup.differences(world.org.id) == []
