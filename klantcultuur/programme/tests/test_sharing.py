"""A quick win shared to other teams' dagstart boards: shown there, copied as their own
action or taken off."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.programme.models import SharedWin
from klantcultuur.testing import make_member


def _win(world, quick=True):
    return ImprovementAction.objects.create(
        organization=world.org,
        team=world.team,
        title="Terugbelbelofte binnen 2 uur",
        problem="Klanten bellen drie keer voor dezelfde vraag.",
        countermeasure="Elke terugbelvraag binnen 2 uur",
        is_quick_win=quick,
    )


def test_a_manager_shares_a_quick_win_and_the_other_team_sees_it_on_its_board(login, world):
    action = _win(world)
    client = login(world.manager)
    page = client.get(reverse("huddle-action", args=[action.uuid])).content.decode()
    assert reverse("programme-quick-win-share", args=[action.uuid]) in page
    assert (
        "Planning"
        in client.get(reverse("programme-quick-win-share", args=[action.uuid])).content.decode()
    )
    client.post(
        reverse("programme-quick-win-share", args=[action.uuid]),
        {
            "units": [str(world.back_team.uuid), str(world.other_team.uuid)],
            "note": "Ook voor jullie",
        },
    )
    shared = SharedWin.objects.get()  # the other organisation's team is not a target
    assert shared.unit == world.back_team and shared.note == "Ook voor jullie"
    planner = make_member(world.org, "piet@linge.example", "employee", world.back_team)
    block = (
        login(planner)
        .get(reverse("programme-board-block", args=[world.back_team.uuid]))
        .content.decode()
    )
    assert "Terugbelbelofte binnen 2 uur" in block and "van Klantcontactcentrum" in block


def test_the_receiving_team_copies_it_as_its_own_action(login, world):
    action = _win(world)
    login(world.manager).post(
        reverse("programme-quick-win-share", args=[action.uuid]),
        {"units": [str(world.back_team.uuid)]},
    )
    shared = SharedWin.objects.get()
    # The manager of the sending team does not steer the receiving team's board.
    assert (
        login(world.manager)
        .post(reverse("programme-shared-win", args=[shared.uuid]), {"do": "copy"})
        .status_code
        == 403
    )
    login(world.board).post(reverse("programme-shared-win", args=[shared.uuid]), {"do": "copy"})
    shared.refresh_from_db()
    copy = shared.copied_as
    assert copy.team == world.back_team and copy.title == action.title
    assert "Klantcontactcentrum" in copy.problem and shared.hidden_at is not None
    empty = login(world.board).get(reverse("programme-board-block", args=[world.back_team.uuid]))
    assert empty.content == b""


def test_only_a_quick_win_is_shared(login, world):
    action = _win(world, quick=False)
    response = login(world.manager).post(
        reverse("programme-quick-win-share", args=[action.uuid]),
        {"units": [str(world.back_team.uuid)]},
        follow=True,
    )
    assert "Alleen een snel succes kan worden gedeeld." in response.content.decode()
    assert not SharedWin.objects.exists()


def test_employees_and_outsiders_do_not_share(login, world):
    action = _win(world)
    url = reverse("programme-quick-win-share", args=[action.uuid])
    assert login(world.hr).post(url, {"units": [str(world.back_team.uuid)]}).status_code == 403
    assert login(world.outsider).get(url).status_code == 404
    assert (
        login(world.outsider)
        .get(reverse("programme-board-block", args=[world.team.uuid]))
        .status_code
        == 404
    )


def test_huddle_declares_the_blocks_without_knowing_the_programme():
    from klantcultuur.huddle.blocks import board_blocks

    assert "programme-board-block" in [b.url_name for b in board_blocks()]
