"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.programme.models import StepTemplate
from klantcultuur.programme.services import ambassadors, interests, sharing, steps, visits


def url_kwargs(world) -> dict[str, dict]:
    steps.catalogue_ensure(organization=world.org)
    template = StepTemplate.objects.filter(organization=world.org).first()
    assert template is not None
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
    action.is_quick_win = True
    action.save(update_fields=["is_quick_win"])
    shared = sharing.win_share(action=action, units=[world.back_team], by=world.manager)
    assert shared == 1
    from klantcultuur.programme.models import SharedWin

    trait = interests.trait_add(organization=world.org, by=world.cx_lead, text="Eilandjes")
    stakeholder = interests.stakeholder_save(
        by=world.cx_lead, trait=trait, who="Ploegleiders", gain="Rust", influence_kind="formal"
    )
    planned = stakeholder_action = interests.stakeholder_action_add(
        stakeholder=stakeholder, by=world.cx_lead, text="Gesprek"
    )
    # A visit of the board member to the employee's team (so the employee may answer).
    visit = visits.visit_plan(
        organization=world.org,
        leader=world.board,
        unit=world.team,
        planned_on=timezone.localdate(),
        by=world.board,
    )
    visits.visit_log(visit=visit, by=world.board, heard="Te veel doorverbinden.")
    del planned
    return {
        "programme-quick-win-share": {"code": action.uuid},
        "programme-shared-win": {"code": SharedWin.objects.get().uuid},
        "programme-board-block": {"code": world.team.uuid},
        "programme-trait": {"code": trait.uuid},
        "programme-stakeholder": {"code": stakeholder.uuid},
        "programme-stakeholder-action": {"code": stakeholder_action.uuid},
        "programme-visit": {"code": visit.uuid},
        "programme-pulse": {"code": visit.uuid},
        "programme-quick-win-toggle": {"code": action.uuid},
        "programme-ambassador-confirm": {"code": nominee.uuid},
        "programme-ambassador-end": {"code": nominee.uuid},
        "programme-unit": {"code": world.team.uuid},
        "programme-take": {"code": template.uuid},
        "programme-step": {"code": step.uuid},
        "programme-template": {"code": template.uuid},
    }
