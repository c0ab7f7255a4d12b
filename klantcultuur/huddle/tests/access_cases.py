"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.huddle.models import Escalation, Goal, ImprovementAction, Kpi, TeamKpi


def url_kwargs(world) -> dict[str, dict]:
    org, team = world.org, world.team
    kpi = Kpi.objects.create(organization=org, name="Bereikbaarheid", unit="%", default_target=80)
    team_kpi = TeamKpi.objects.create(organization=org, kpi=kpi, team=team, owner=world.employee)
    action = ImprovementAction.objects.create(
        organization=org, team=team, title="Terugbellen", problem="Klanten wachten."
    )
    goal = Goal.objects.create(
        organization=org, team=team, title="NPS 30", start="2025-10-01", end="2025-12-31"
    )
    escalation = Escalation.objects.create(
        organization=org,
        from_unit=team,
        to_unit=world.department,
        text="Meer bezetting nodig.",
        raised_on="2025-11-17",
    )
    unit = {"code": team.uuid}
    return {
        "huddle-board": unit,
        "huddle-dagstart": unit,
        "huddle-record": unit,
        "huddle-story": unit,
        "huddle-escalate": unit,
        "huddle-history": unit,
        "huddle-team-kpis": unit,
        "huddle-actions": unit,
        "huddle-action-create": unit,
        "huddle-goals": unit,
        "huddle-kpi-edit": {"code": kpi.uuid},
        "huddle-kpi-archive": {"code": kpi.uuid},
        "huddle-team-kpi": {"code": team_kpi.uuid},
        "huddle-team-kpi-remove": {"code": team_kpi.uuid},
        "huddle-value": {"code": team_kpi.uuid},
        "huddle-value-history": {"code": team_kpi.uuid},
        "huddle-action": {"code": action.uuid},
        "huddle-action-edit": {"code": action.uuid},
        "huddle-action-move": {"code": action.uuid},
        "huddle-action-check": {"code": action.uuid},
        "huddle-escalation": {"code": escalation.uuid},
        "huddle-escalation-answer": {"code": escalation.uuid},
        "huddle-escalation-pass": {"code": escalation.uuid},
        "huddle-escalation-close": {"code": escalation.uuid},
        "huddle-goal": {"code": goal.uuid},
        "huddle-goal-delete": {"code": goal.uuid},
    }
