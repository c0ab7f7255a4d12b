"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.programme.models import StepTemplate
from klantcultuur.programme.services import ambassadors, steps


def url_kwargs(world) -> dict[str, dict]:
    steps.catalogue_ensure(organization=world.org)
    template = StepTemplate.objects.filter(organization=world.org).first()
    # A step of a unit nobody but board, CX lead, HR and admin sees (not the manager's team).
    step = steps.step_take(
        organization=world.org,
        by=world.cx_lead,
        owner=world.cx_lead,
        template=template,
        unit=world.division,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    nominee = ambassadors.ambassador_propose(
        organization=world.org, membership=world.employee, unit=world.team, by=world.manager
    )
    action = ImprovementAction.objects.create(
        organization=world.org, team=world.team, title="Terugbelbelofte", problem="Wachten."
    )
    return {
        "programme-quick-win-toggle": {"code": action.uuid},
        "programme-ambassador-confirm": {"code": nominee.uuid},
        "programme-ambassador-end": {"code": nominee.uuid},
        "programme-unit": {"code": world.team.uuid},
        "programme-take": {"code": template.uuid},
        "programme-step": {"code": step.uuid},
        "programme-template": {"code": template.uuid},
    }
