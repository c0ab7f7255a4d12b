"""Improvement actions through plan, do, check (with the effect check), act and closed."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from klantcultuur.huddle.models import (
    ActionOrigin,
    ActionOutcome,
    ActionState,
    EffectCheck,
    ImprovementAction,
)
from klantcultuur.huddle.services.actions import action_move
from klantcultuur.huddle.tests.helpers import (
    FRIDAY,
    SUNDAY,
    feedback,
    team_board,
    text,
    value,
)
from klantcultuur.orgs.roles import Role
from klantcultuur.testing import make_member


def started_action(world, kpi, *, planned_days_ago=40, started_days_ago=30, **fields):
    """An action put into action some time ago (dates relative to today, as the views use).

    At local noon of those days: `now - 30 days` can fall on another local date across a
    change of summer time (late in the evening it did, and the windows moved a day)."""
    now = datetime.combine(timezone.localdate(), time(12), tzinfo=timezone.get_current_timezone())
    fields.setdefault("countermeasure", "Vaste belrondes om 11 en 15 uur.")
    fields.setdefault("state", ActionState.DO)
    return ImprovementAction.objects.create(
        organization=world.org,
        team=world.team,
        title="Terugbellen",
        problem="Klanten wachten.",
        kpi=kpi,
        owner=world.employee,
        due_date=timezone.localdate(),
        created_at=now - timedelta(days=planned_days_ago),
        started_at=now - timedelta(days=started_days_ago),
        **fields,
    )


def values_around(board, before, after, *, planned_days_ago=40, started_days_ago=30):
    today = timezone.localdate()
    for i, number in enumerate(before):
        value(board.wait, today - timedelta(days=planned_days_ago + 1 + i), number)
    for i, number in enumerate(after):
        value(board.wait, today - timedelta(days=started_days_ago - i), number)


def test_an_action_from_a_customers_improvement_point(login, world):
    team_board(world)
    record = feedback(world, FRIDAY, 3, "De wachttijd aan de telefoon was veel te lang.")
    client = login(world.employee)
    url = reverse("huddle-action-create", args=[world.team.uuid])
    form = text(client.get(url, {"feedback": str(record.uuid)}).content.decode())
    assert "Uit de feedback van de klant: “De wachttijd aan de telefoon was veel te lang.”" in form
    response = client.post(
        url,
        {
            "feedback": str(record.uuid),
            "title": "Wachttijd omlaag",
            "problem": "De wachttijd aan de telefoon was veel te lang.",
        },
    )
    action = ImprovementAction.objects.get()
    assert response.status_code == 302
    assert (action.origin, action.feedback, action.state, action.created_by) == (
        ActionOrigin.FEEDBACK,
        record,
        ActionState.PLAN,
        world.employee,
    )


def test_an_action_from_a_kpi_that_misses_its_target(login, world):
    board = team_board(world)
    client = login(world.employee)
    url = reverse("huddle-action-create", args=[world.team.uuid])
    form = client.get(url, {"kpi": str(board.wait.uuid)}).content.decode()
    assert 'value="Wachttijd balie verbeteren"' in form
    client.post(
        url,
        {
            "from_kpi": str(board.wait.uuid),
            "title": "Wachttijd balie verbeteren",
            "problem": "Klanten wachten te lang.",
            "kpi": board.wait.kpi.id,
        },
    )
    action = ImprovementAction.objects.get()
    assert (action.origin, action.kpi) == (ActionOrigin.KPI, board.wait.kpi)


def test_starting_needs_a_countermeasure_an_owner_and_a_due_date(login, world):
    team_board(world)
    action = ImprovementAction.objects.create(
        organization=world.org, team=world.team, title="Terugbellen", problem="Klanten wachten."
    )
    client = login(world.employee)
    response = client.post(
        reverse("huddle-action-move", args=[action.uuid]), {"move": "start"}, follow=True
    )
    assert "Vul eerst de tegenmaatregel, de eigenaar en de deadline in." in text(
        response.content.decode()
    )
    action.refresh_from_db()
    assert action.state == ActionState.PLAN


def test_check_compares_hand_entered_values_before_and_after(login, world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    # Waiting time (lower is better) drops from about 12 to about 8 minutes.
    values_around(board, before=[12, 13, 11, 12.5, 12], after=[8, 7.5, 8.5, 8, 7])
    client = login(world.employee)
    client.post(reverse("huddle-action-move", args=[action.uuid]), {"move": "check"})
    action.refresh_from_db()
    check = EffectCheck.objects.get(action=action)
    assert action.state == ActionState.CHECK
    assert (check.method, check.n_before, check.n_after, check.verdict) == (
        "welch_t",
        5,
        5,
        "improved",
    )
    assert check.difference == pytest.approx(7.8 - 12.1)
    assert check.high < 0 and not check.higher_is_better
    page = text(client.get(reverse("huddle-action", args=[action.uuid])).content.decode())
    assert "Effect: ja" in page
    assert "Verschil (95%-interval) −4,3" in page
    assert "Beter is lager" in page
    assert "Het hele interval ligt aan de betere kant" in page
    # Plain words first; the name of the statistical method behind "Hoe dit is berekend".
    raw = client.get(reverse("huddle-action", args=[action.uuid])).content.decode()
    explained = "".join(re.findall(r"<details.*?</details>", raw, re.S))
    assert "Hoe dit is berekend" in explained and "Welch" in explained
    outside = re.sub(r"<details.*?</details>", "", raw, flags=re.S)
    assert not re.search(r"Welch|Newcombe|Wald", outside)


def test_check_says_not_shown_when_the_interval_holds_zero(world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    values_around(board, before=[10, 14, 9, 13], after=[12, 9, 13, 10])
    action_move(action=action, move="check", by=world.employee)
    assert EffectCheck.objects.get(action=action).verdict == "not_shown"


def test_check_says_too_little_data_with_two_values(world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    values_around(board, before=[12, 13], after=[8, 7])
    action_move(action=action, move="check", by=world.employee)
    assert EffectCheck.objects.get(action=action).verdict == "too_little_data"


def test_check_compares_the_nps_of_the_customers_before_and_after(world):
    board = team_board(world)
    today = timezone.localdate()
    action = started_action(world, board.nps.kpi, planned_days_ago=20, started_days_ago=14)
    # Before: 12 answers, 3 promoters and 6 detractors (NPS -25); after: 12 promoters of 14.
    before_day, after_day = today - timedelta(days=25), today - timedelta(days=10)
    for score in [9, 10, 9, 8, 7, 8, 3, 4, 5, 6, 2, 6]:
        feedback(world, before_day, score)
    for score in [9, 10, 9, 10, 9, 10, 9, 10, 10, 9, 9, 10, 8, 7]:
        feedback(world, after_day, score)
    feedback(world, today - timedelta(days=40), 0)  # before the window: not counted
    action_move(action=action, move="check", by=world.employee, today=today)
    check = EffectCheck.objects.get(action=action)
    assert (check.method, check.n_before, check.n_after) == ("nps_adjusted_wald", 12, 14)
    assert check.before_value == pytest.approx(-25.0)
    assert check.after_value == pytest.approx(100 * 12 / 14)
    assert check.verdict == "improved"
    assert (check.before_end, check.after_start) == (
        today - timedelta(days=21),
        today - timedelta(days=14),
    )


def test_follow_up_case_counts_have_no_effect_check(world):
    from klantcultuur.huddle.models import Kpi

    overdue = Kpi.objects.create(
        organization=world.org,
        name="Te laat teruggebeld",
        source="feedback",
        measure="overdue_cases",
        direction="lower",
    )
    action = started_action(world, overdue)
    action_move(action=action, move="check", by=world.employee)
    assert not EffectCheck.objects.exists()


def test_act_standardises_with_the_new_way_of_working(login, world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    client = login(world.employee)
    url = reverse("huddle-action-move", args=[action.uuid])
    for move in ("check", "act"):
        client.post(url, {"move": move})
    response = client.post(url, {"move": "standardise", "standard": ""}, follow=True)
    assert "Beschrijf de nieuwe werkwijze." in text(response.content.decode())
    client.post(
        url, {"move": "standardise", "standard": "Om 11 en 15 uur belt het hele team terug."}
    )
    action.refresh_from_db()
    assert (action.state, action.outcome, action.standard) == (
        ActionState.CLOSED,
        ActionOutcome.STANDARDISED,
        "Om 11 en 15 uur belt het hele team terug.",
    )
    history = [(e.from_state, e.to_state) for e in action.events.all()]
    assert history == [("do", "check"), ("check", "act"), ("act", "closed")]


def test_act_can_start_a_new_linked_cycle(login, world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi, state=ActionState.ACT)
    client = login(world.employee)
    response = client.post(reverse("huddle-action-move", args=[action.uuid]), {"move": "new_cycle"})
    follow_up = ImprovementAction.objects.exclude(pk=action.pk).get()
    assert response["Location"] == reverse("huddle-action-edit", args=[follow_up.uuid])
    action.refresh_from_db()
    assert (action.state, action.outcome) == (ActionState.CLOSED, ActionOutcome.NEW_CYCLE)
    assert (follow_up.state, follow_up.previous, follow_up.kpi, follow_up.problem) == (
        ActionState.PLAN,
        action,
        action.kpi,
        action.problem,
    )
    assert follow_up.countermeasure == "" and follow_up.due_date is None


def test_stopping_needs_a_reason_and_a_closed_action_moves_no_further(world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    with pytest.raises(ValidationError):
        action_move(action=action, move="stop", by=world.employee)
    action_move(action=action, move="stop", by=world.employee, note="Geen budget.")
    action.refresh_from_db()
    assert (action.state, action.outcome) == (ActionState.CLOSED, ActionOutcome.STOPPED)
    with pytest.raises(ValidationError):
        action_move(action=action, move="start", by=world.employee)


def test_a_colleague_of_another_team_cannot_move_the_action(login, world):
    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    colleague = make_member(world.org, "piet@linge.example", Role.EMPLOYEE, world.back_team)
    client = login(colleague)
    assert (
        client.post(
            reverse("huddle-action-move", args=[action.uuid]), {"move": "check"}
        ).status_code
        == 403
    )
    assert client.get(reverse("huddle-action", args=[action.uuid])).status_code == 403


def test_the_team_board_lists_open_actions_with_owner_and_due_date(login, world):
    board = team_board(world)
    started_action(world, board.wait.kpi)
    ImprovementAction.objects.create(
        organization=world.org,
        team=world.team,
        title="Klaar",
        problem="x",
        state=ActionState.CLOSED,
    )
    body = (
        login(world.employee)
        .get(reverse("huddle-board", args=[world.team.uuid]), {"day": SUNDAY.isoformat()})
        .content.decode()
    )
    page = text(body)
    assert "Verbeteracties 1 Terugbellen Do Bob Visser" in page
    assert "Klaar" not in page


def test_due_dates_read_as_each_language_writes_them(login, world):
    from datetime import date

    board = team_board(world)
    action = started_action(world, board.wait.kpi)
    ImprovementAction.objects.filter(pk=action.pk).update(due_date=date(2026, 10, 14))
    client = login(world.employee)
    actions = reverse("huddle-actions", args=[world.team.uuid])
    assert "14 okt 2026" in text(client.get(actions).content.decode())  # Dutch: lower case
    client.post(reverse("accounts-language"), {"language": "en"})
    assert "14 Oct 2026" in text(client.get(actions).content.decode())
