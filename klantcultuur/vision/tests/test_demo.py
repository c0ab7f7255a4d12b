"""The vision demo: a second version with its difference, ~70% carrying it, 12 behaviours,
two months of observations, a recall check with figures to show; loading twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klantcultuur.orgs import demo as org_demo
from klantcultuur.orgs.models import Organization
from klantcultuur.vision import demo, selectors
from klantcultuur.vision.models import (
    Behaviour,
    Endorsement,
    Observation,
    RecallAnswer,
    VersionStatus,
    VisionVersion,
)
from klantcultuur.vision.scoring.diff import changed, diff_text


def test_the_demo_tells_a_realistic_story_and_loads_once(db):
    org_demo.load()
    demo.load()
    org = Organization.objects.get(slug=org_demo.ORG_SLUG)
    v1, v2 = VisionVersion.objects.filter(organization=org).order_by("number")
    assert (v1.status, v2.status) == (VersionStatus.SUPERSEDED, VersionStatus.PUBLISHED)
    assert changed(diff_text(v1.text, v2.text))
    summary = selectors.draagvlak(v2)
    assert 65 <= summary.total.carries_pct <= 75
    assert summary.total.remark >= 3 and summary.total.not_yet >= 2
    assert all(e.remark for e in summary.objections)
    assert Endorsement.objects.filter(version=v2).exclude(response="").count() == 1
    assert Behaviour.objects.filter(organization=org, promise__version=v2).count() == 12
    days = Observation.objects.filter(organization=org).values_list("day", flat=True)
    assert max(days) - min(days) >= timedelta(days=55)
    assert max(days) >= timezone.localdate() - timedelta(days=3)
    recall = v2.recall_checks.get()
    labels = {"all": "Iedereen", "manager": "Leidinggevenden", "employee": "Medewerkers"}
    results = selectors.recall_results(recall, labels=labels)
    assert results.total.shown
    # People say they know the promises far more often than they can name three.
    assert results.total.share_understand - results.total.share_three >= 25
    counts = (
        Endorsement.objects.count(),
        Observation.objects.count(),
        RecallAnswer.objects.count(),
    )
    assert demo.load() == "already loaded"
    assert (
        Endorsement.objects.count(),
        Observation.objects.count(),
        RecallAnswer.objects.count(),
    ) == counts


def test_the_demo_asks_its_own_behaviours_in_a_scan_wave_and_puts_the_question_on_forms(db):
    from klantcultuur.scan.models import Wave
    from klantcultuur.scan.selectors import report_gate
    from klantcultuur.vision.models import CustomerQuestion

    org_demo.load()
    demo.load()
    org = Organization.objects.get(slug=org_demo.ORG_SLUG)
    wave = Wave.objects.get(organization=org, name="Pulsmeting ons eigen gedrag")
    admin = org.memberships.filter(role="admin").first()
    gate, _report = report_gate(wave, admin)
    rows = {row["behaviour"]: row for row in gate.gap("org")}
    own = Behaviour.objects.get(organization=org, short_name="Klantverhaal in de dagstart")
    row = rows[str(own.uuid)]
    # Managers see more of their own example than their employees do.
    assert row["self"] and row["seen"]
    assert row["self"].value["mean"] > row["seen"].value["mean"]
    assert len([key for key in rows if not key.startswith("B")]) == 6
    assert CustomerQuestion.objects.get(organization=org).touchpoints.count() <= 2
