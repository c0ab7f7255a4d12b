"""The dagstart demo: every Rivierduin team has a working board; loading twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Max, Min
from django.utils import timezone

from klantcultuur.huddle.models import (
    ActionState,
    EffectCheck,
    Escalation,
    Goal,
    Huddle,
    ImprovementAction,
    KpiValue,
    KpiValueChange,
    TeamKpi,
)
from klantcultuur.orgs.models import OrgUnit

pytestmark = pytest.mark.slow  # loads the demo


def snapshot() -> dict[str, object]:
    return {
        "team_kpis": sorted(
            TeamKpi.objects.values_list("uuid", "kpi__name", "owner__uuid", "target")
        ),
        "values": sorted(
            KpiValue.objects.values_list("team__code", "kpi__name", "period_start", "value")
        ),
        "changes": KpiValueChange.objects.count(),
        "huddles": sorted(Huddle.objects.values_list("uuid", "note", "story_id")),
        "actions": sorted(ImprovementAction.objects.values_list("uuid", "state", "title")),
        "checks": sorted(EffectCheck.objects.values_list("action__uuid", "verdict")),
        "escalations": sorted(Escalation.objects.values_list("uuid", "state")),
        "goals": sorted(Goal.objects.values_list("uuid", "title")),
    }


def test_the_demo_gives_every_team_a_working_board_and_loads_idempotently(db):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first

    teams = OrgUnit.objects.filter(organization__slug="rivierduin", kind="team")
    for team in teams:
        kpis = TeamKpi.objects.filter(team=team)
        assert kpis.exists(), team.code
        assert all(k.owner_id for k in kpis), team.code
    assert teams.filter(office="back", team_kpis__isnull=False).distinct().count() >= 8

    span = KpiValue.objects.aggregate(first=Min("period_start"), last=Max("period_start"))
    assert span["last"] - span["first"] >= timedelta(days=80)
    assert KpiValue.objects.filter(corrections__gt=0).exists()
    assert span["last"] >= timezone.localdate() - timedelta(days=7)

    states = set(ImprovementAction.objects.values_list("state", flat=True))
    assert states == set(ActionState.values)
    verdicts = set(EffectCheck.objects.values_list("verdict", flat=True))
    assert "improved" in verdicts and verdicts - {"improved"}
    assert ImprovementAction.objects.filter(previous__isnull=False).exists()

    huddles = Huddle.objects.filter(unit__kind="team")
    assert huddles.exclude(note="").count() == huddles.count() > 400
    assert huddles.filter(attendees__isnull=False).distinct().count() == huddles.count()
    assert huddles.filter(story__isnull=False).exists()
    assert set(Escalation.objects.values_list("state", flat=True)) == {"open", "answered", "closed"}
    assert Escalation.objects.filter(to_unit__isnull=True).exists()
    assert Goal.objects.filter(person__isnull=False).exists()
