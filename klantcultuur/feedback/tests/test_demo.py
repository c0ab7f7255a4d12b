"""The demo feedback: realistic, deterministic, idempotent, and consistent with its roll-ups."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from klantcultuur.feedback import demo, rollup, selectors
from klantcultuur.feedback.models import (
    CaseReply,
    CaseStatus,
    Feedback,
    FollowUpCase,
    Touchpoint,
)
from klantcultuur.notify.models import Delivery
from klantcultuur.orgs.models import Organization

pytestmark = pytest.mark.slow  # loads the demo


def snapshot(org) -> dict:
    return {
        "records": sorted(
            Feedback.objects.filter(organization=org).values_list(
                "uuid", "team__code", "day", "metric", "score", "reason", "n_compliments"
            )
        ),
        "cases": sorted(FollowUpCase.objects.values_list("uuid", "status", "due_at")),
    }


def test_loading_the_demo_twice_leaves_the_same_feedback(db, settings):
    settings.FEEDBACK_DEMO_RESPONSES = 3000
    call_command("load_demo")
    org = Organization.objects.get(slug="rivierduin")
    first = snapshot(org)
    call_command("load_demo")
    assert snapshot(org) == first
    assert rollup.differences(org.id) == []
    # A few customers were answered by e-mail; a new day's demo replaces them, not adds.
    replies = CaseReply.objects.filter(case__organization=org)
    assert replies.exists() and all(r.delivery.status == "sent" for r in replies)
    with pytest.raises(RuntimeError), transaction.atomic():  # rolled back: boards keep stories
        demo._remove_demo_records(org)
        assert not Delivery.objects.filter(organization=org, to_customer=True).exists()
        raise RuntimeError


def test_the_demo_has_a_year_of_team_feedback_with_internal_customers_and_cases(db, settings):
    settings.FEEDBACK_DEMO_RESPONSES = 15000
    call_command("load_demo")
    org = Organization.objects.get(slug="rivierduin")
    records = Feedback.objects.filter(organization=org)
    assert 13000 <= records.count() <= 17000
    days = records.dates("day", "month")
    assert len(days) >= 12  # twelve months (and the start of a thirteenth)
    per_team = dict(records.values_list("team__code").annotate(n=Count("pk")))
    assert len([code for code in per_team if code]) >= 20
    assert per_team["V-RO-N"] > per_team["B-ST-B"] * 10
    assert records.filter(team__code="B-ICT-S", is_internal=True).exists()
    assert not records.filter(team__code="V-RO-N", is_internal=True).exists()
    # Every form reaches a team or its department but the website's new contact form,
    # whose handful of answers wait in the unrouted queue. (The customer vision's question
    # is the organisation's, not a team's: the vision app reads its answers.)
    unrouted = records.filter(team__isnull=True).exclude(channel="klantvisie")
    assert 1 <= unrouted.count() <= 20
    assert set(unrouted.values_list("touchpoint", flat=True)) == {"Contactformulier website"}
    forms = Touchpoint.objects.filter(organization=org)
    owners = selectors.touchpoint_owners(org, forms)
    assert {t.name for t in forms if owners[t.id] is None} == {"Contactformulier website"}
    repairs = next(t for t in forms if t.name == "Reparatie afgerond")
    assert owners[repairs.id].code == "V-RO"
    fitters = records.filter(team__code__in=["V-RO-N", "V-RO-Z"])
    winter = fitters.filter(day__month__in=[12, 1, 2])
    summer = fitters.filter(day__month__in=[6, 7, 8])
    assert winter.count() > summer.count()
    assert records.exclude(reason="").filter(analysed=True).count() > records.count() / 3
    topics = " ".join(fitters.values_list("topics", flat=True))
    assert "afspraken_nakomen" in topics and "deskundigheid" in topics
    statuses = set(FollowUpCase.objects.values_list("status", flat=True))
    assert statuses == {CaseStatus.OPEN, CaseStatus.CONTACTED, CaseStatus.RESOLVED}
    assert FollowUpCase.objects.overdue().exists()
    # Some customers left an address to be answered at; none is kept past the retention.
    waiting = FollowUpCase.objects.exclude(status=CaseStatus.RESOLVED)
    assert waiting.exclude(customer_email="").exists()
    assert waiting.filter(customer_email="").exists()
    month_ago = timezone.now() - timedelta(days=31)
    closed_long_ago = FollowUpCase.objects.filter(resolved_at__lt=month_ago)
    assert closed_long_ago.exists() and not closed_long_ago.exclude(customer_email="").exists()
    assert Touchpoint.objects.filter(organization=org).count() >= 3
