"""Quick wins: marking an improvement action, and the wall with effect and customer words."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback.models import Feedback
from klantcultuur.huddle.models import EffectCheck, ImprovementAction


def _action(world, team=None, **kwargs) -> ImprovementAction:
    return ImprovementAction.objects.create(
        organization=world.org,
        team=team or world.team,
        title="Terugbelbelofte op de website",
        problem="Huurders weten niet wanneer we terugbellen.",
        owner=world.employee,
        **kwargs,
    )


def test_the_team_s_manager_marks_an_action_as_a_quick_win_and_back(login, world):
    action = _action(world)
    url = reverse("programme-quick-win-toggle", args=[action.uuid])
    response = login(world.manager).post(url)
    assert response.status_code == 302 and response.url == reverse(
        "huddle-action", args=[action.uuid]
    )
    action.refresh_from_db()
    assert action.is_quick_win
    page = login(world.manager).get(response.url).content.decode()
    assert "Snel succes" in page and "Geen snel succes" in page
    login(world.manager).post(url)
    action.refresh_from_db()
    assert not action.is_quick_win


def test_who_may_not_steer_the_team_cannot_mark_it(login, world):
    action = _action(world, team=world.back_team)
    url = reverse("programme-quick-win-toggle", args=[action.uuid])
    assert login(world.manager).post(url).status_code == 403  # not their team
    assert login(world.outsider).post(url).status_code == 404
    action.refresh_from_db()
    assert not action.is_quick_win


def test_the_wall_shows_effect_and_customer_words_only_of_quick_wins(login, world):
    feedback = Feedback.objects.create(
        organization=world.org,
        team=world.team,
        score=3,
        metric="nps",
        source="form",
        received_at=timezone.now(),
        day=timezone.localdate(),
        reason="Ik werd drie keer doorverbonden en niemand belde terug.",
    )
    win = _action(world, is_quick_win=True, feedback=feedback)
    EffectCheck.objects.create(
        action=win,
        method="nps_adjusted_wald",
        before_start=date(2026, 9, 1),
        before_end=date(2026, 9, 30),
        after_start=date(2026, 10, 15),
        after_end=date(2026, 11, 15),
        before_value=12.0,
        after_value=31.0,
        difference=19.0,
        low=4.0,
        high=34.0,
        n_before=120,
        n_after=130,
        verdict="improved",
    )
    ImprovementAction.objects.create(
        organization=world.org, team=world.team, title="Gewone verbeteractie", problem="x"
    )
    body = login(world.cx_lead).get(reverse("programme-quick-wins")).content.decode()
    assert "Terugbelbelofte op de website" in body and "Gewone verbeteractie" not in body
    assert "Effect: ja" in body and "+19,0" in body
    assert "niemand belde terug" in body


def test_an_employee_sees_the_quick_wins_of_their_own_team_only(login, world):
    _action(world, is_quick_win=True)
    ImprovementAction.objects.create(
        organization=world.org,
        team=world.back_team,
        title="Planning belt",
        problem="x",
        is_quick_win=True,
    )
    body = login(world.employee).get(reverse("programme-quick-wins")).content.decode()
    assert "Terugbelbelofte op de website" in body and "Planning belt" not in body
    assert (
        login(world.employee)
        .get(reverse("programme-quick-wins"), {"unit": world.back_team.uuid})
        .status_code
        == 403
    )
