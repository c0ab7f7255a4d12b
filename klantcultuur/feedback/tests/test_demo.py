"""The demo feedback: realistic, deterministic, idempotent, and consistent with its roll-ups."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import CaseStatus, Feedback, FollowUpCase, Touchpoint
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
    assert records.filter(team__isnull=True).exists()  # a small unrouted queue
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
    assert Touchpoint.objects.filter(organization=org).count() >= 3
