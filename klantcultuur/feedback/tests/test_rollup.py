"""The daily roll-up always agrees with the records, whatever writes them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from klantcultuur.feedback import rollup, selectors
from klantcultuur.feedback.models import DailyTeamStats, Feedback, RoutingRule
from klantcultuur.feedback.services.records import feedback_assign_team, reroute_unrouted
from klantcultuur.feedback.tests.factories import ingest, item

AMS = ZoneInfo("Europe/Amsterdam")


def test_records_of_the_same_team_and_day_add_up_in_one_row(world):
    moment = datetime(2025, 3, 4, 10, 0, tzinfo=AMS)
    ingest(
        world.org,
        item(received_at=moment, score=10, team_code="W-KC-1"),
        item(received_at=moment, score=3, team_code="W-KC-1"),
        item(received_at=moment, metric="csat", score=4, team_code="W-KC-1"),
    )
    row = DailyTeamStats.objects.get(team=world.team)
    assert (row.records, row.nps_promoters, row.nps_detractors, row.csat_n, row.csat_top2) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert rollup.differences(world.org.id) == []


def test_the_day_is_the_local_calendar_day(world):
    # 23:30 UTC on 4 March is already 5 March in Amsterdam.
    ingest(world.org, item(received_at=datetime(2025, 3, 4, 23, 30, tzinfo=ZoneInfo("UTC"))))
    assert Feedback.objects.get().day.isoformat() == "2025-03-05"


def test_unrouted_records_have_their_own_row_and_move_with_their_team(world):
    ingest(world.org, item(channel="Telefoon"), item(channel="Telefoon", score=2))
    assert DailyTeamStats.objects.get().team is None
    RoutingRule.objects.create(
        organization=world.org, field="channel", value="telefoon", team=world.team
    )
    assert reroute_unrouted(organization=world.org) == 2
    assert rollup.differences(world.org.id) == []
    assert DailyTeamStats.objects.filter(team__isnull=True, records__gt=0).count() == 0
    feedback_assign_team(records=list(Feedback.objects.all()[:1]), team=world.back_team)
    assert rollup.differences(world.org.id) == []


def test_rebuild_recreates_the_same_rows(world):
    now = datetime(2025, 5, 1, 12, tzinfo=AMS)
    ingest(
        world.org,
        *[
            item(received_at=now - timedelta(days=d), score=d % 11, team_code="W-KC-1")
            for d in range(30)
        ],
    )
    before = rollup.stored_counts(world.org.id)
    DailyTeamStats.objects.filter(organization=world.org).update(records=0)
    assert rollup.differences(world.org.id)
    rollup.rebuild(world.org.id)
    assert rollup.stored_counts(world.org.id) == before


def test_selectors_sum_the_roll_up_per_period(world):
    base = datetime(2025, 1, 6, 9, tzinfo=AMS)  # a Monday
    ingest(
        world.org,
        *[
            item(received_at=base + timedelta(days=d), score=9, team_code="W-KC-1")
            for d in range(14)
        ],
    )
    weeks = selectors.period_counts(
        organization=world.org,
        unit_ids=[world.team.id],
        start=base.date(),
        end=base.date() + timedelta(days=13),
        grain="week",
    )
    assert [p.counts.nps_promoters for p in weeks] == [7, 7]
    total = selectors.counts(
        organization=world.org, start=base.date(), end=base.date() + timedelta(days=13)
    )
    assert total.records == 14


def test_the_roll_up_agrees_after_every_kind_of_write(world, client, settings, tmp_path):
    """Imports, the form, the API, a webhook, label corrections, routing, erasure, retention."""
    import json

    from django.core.cache import cache
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from django.utils import timezone

    from klantcultuur.feedback.models import FeedbackSettings, Touchpoint
    from klantcultuur.feedback.services import imports
    from klantcultuur.feedback.services.privacy import customer_erase, retention_apply
    from klantcultuur.feedback.services.records import sentence_correct
    from klantcultuur.feedback.services.setup import token_create
    from klantcultuur.feedback.views.public import new_token

    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    org = world.org

    def agrees():
        assert rollup.differences(org.id) == []

    now = timezone.localtime()
    old = (now - timedelta(days=80)).strftime("%d-%m-%Y %H:%M")
    recent = (now - timedelta(days=1)).strftime("%d-%m-%Y %H:%M")
    content = (
        "Datum;Teamcode;Cijfer;Toelichting;Klant;Contact\r\n"
        f"{old};W-KC-1;9;Vriendelijk geholpen, maar wel lang moeten wachten.;H-1;nee\r\n"
        f"{recent};W-KC-1;2;De monteur kwam niet opdagen.;H-2;ja\r\n"
        f"{recent};;7;Prima.;H-3;nee\r\n"
    ).encode()
    job = imports.import_create(
        organization=org, user=None, preset="generic", upload=SimpleUploadedFile("a.csv", content)
    )
    columns = {
        "received_at": "Datum",
        "team_code": "Teamcode",
        "score": "Cijfer",
        "reason": "Toelichting",
        "customer_ref": "Klant",
        "contact_consent": "Contact",
    }
    imports.import_configure(job=job, columns=columns, options={"metric": "nps"})
    imports.import_start(job=job)
    agrees()

    touchpoint = Touchpoint.objects.create(
        organization=org, name="Balie", subject="de balie", metric="csat", team=world.back_team
    )
    page = client.get(reverse("feedback-form", args=[touchpoint.uuid]))
    csrf = page.cookies["csrftoken"].value
    client.post(
        reverse("feedback-form", args=[touchpoint.uuid]),
        {
            "token": new_token(),
            "score": "2",
            "reason": "Lang gewacht aan de balie.",
            "csrfmiddlewaretoken": csrf,
        },
    )
    agrees()

    _api_token, secret = token_create(organization=org, name="api", user=None)
    client.post(
        reverse("feedback-api-records"),
        json.dumps(
            {
                "records": [
                    {
                        "received_at": (now - timedelta(hours=3)).isoformat(),
                        "metric": "ces",
                        "score": 6,
                        "reason": "Snel geregeld.",
                        "team_code": "W-KC-1",
                    }
                ]
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    hook = {
        "event": "responseFinished",
        "data": {
            "id": "fb-1",
            "createdAt": (now - timedelta(hours=2)).isoformat(),
            "data": {"q1": 8, "q2": "Duidelijke uitleg."},
        },
    }
    from klantcultuur.feedback.models import ApiToken

    ApiToken.objects.update(formbricks_fields={"q1": "score", "q2": "reason"})
    client.post(
        reverse("feedback-api-formbricks", args=[secret]),
        json.dumps(hook),
        content_type="application/json",
    )
    hook["data"]["data"] = {"q1": 3, "q2": "Toch niet opgelost."}
    client.post(
        reverse("feedback-api-formbricks", args=[secret]),
        json.dumps(hook),
        content_type="application/json",
    )
    agrees()

    record = Feedback.objects.get(customer_ref="H-1")
    sentence_correct(record=record, field=1, position=0, label="compliment")
    agrees()
    feedback_assign_team(records=list(Feedback.objects.filter(team__isnull=True)), team=world.team)
    agrees()
    customer_erase(organization=org, reference="H-2", actor=None)
    agrees()
    FeedbackSettings.objects.filter(organization=org).update(retention_days=30)
    assert retention_apply(organization=org) == 1
    agrees()
    assert Feedback.objects.count() == 5
