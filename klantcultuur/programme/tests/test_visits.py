"""Leaders on the floor: planning a visit to another team, logging it on a phone, what it
becomes on the visited team's board, the follow-up, coverage per quarter and the pulse with
the scan's anonymity rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.orgs.models import OrgUnit, UnitKind
from klantcultuur.programme import selectors
from klantcultuur.programme.models import PulseParticipation, Visit, VisitStatus
from klantcultuur.programme.services import visits as services
from klantcultuur.testing import make_member


def _visit(world, leader=None, unit=None, **log):
    leader = leader or world.board
    visit = services.visit_plan(
        organization=world.org,
        leader=leader,
        unit=unit or world.team,
        planned_on=timezone.localdate(),
        by=leader,
    )
    if log:
        services.visit_log(visit=visit, by=leader, **log)
    return visit


def _team_members(world, n, unit=None):
    return [
        make_member(world.org, f"vloer{i}@linge.example", "employee", unit or world.team)
        for i in range(n)
    ]


def test_a_leader_plans_a_visit_with_questions_and_logs_it_as_an_action_on_the_board(login, world):
    client = login(world.board)
    client.post(
        reverse("programme-visits"),
        {
            "unit": world.back_team.uuid,
            "planned_on": timezone.localdate(),
            "questions": "Wat frustreert klanten?\nWat kan ik doen?",
        },
    )
    visit = Visit.objects.get()
    assert visit.question_list == ["Wat frustreert klanten?", "Wat kan ik doen?"]
    page = client.get(reverse("programme-visit", args=[visit.uuid])).content.decode()
    assert "Wat frustreert klanten?" in page and "Na het bezoek: één minuut" in page
    client.post(
        reverse("programme-visit", args=[visit.uuid]),
        {
            "heard": "Monteurs wachten op onderdelen, klanten bellen drie keer.",
            "outcome": "action",
            "follow_up": "Met inkoop praten",
            "follow_up_on": timezone.localdate() + timedelta(days=14),
            "self_noticed": "3",
        },
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE and visit.self_noticed == 3
    action = ImprovementAction.objects.get()
    assert visit.action == action and action.team == world.back_team
    assert "Monteurs wachten op onderdelen" in action.problem and "Dirk Bakker" in action.title


def test_a_leader_cannot_visit_their_own_team(world):
    with pytest.raises(Exception, match="ander team"):
        _visit(world, leader=world.manager, unit=world.team)


def test_feedback_to_the_team_and_the_pulse_appear_in_the_boards_block(login, world):
    _visit(world, heard="Jullie terugbelbelofte werkt: klanten merken het.", outcome="feedback")
    block = (
        login(world.employee)
        .get(reverse("programme-board-block", args=[world.team.uuid]))
        .content.decode()
    )
    assert "Jullie terugbelbelofte werkt" in block
    assert "Heb je iets gemerkt van het bezoek van Dirk Bakker?" in block
    # Another team's board has nothing of it: the block is empty.
    other = login(world.board).get(reverse("programme-board-block", args=[world.back_team.uuid]))
    assert other.status_code == 200 and other.content == b""


def test_the_board_loads_the_block_by_htmx_and_runs_no_query_of_the_programme(login, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _visit(world, heard="Goed gesprek.", outcome="feedback")
    with CaptureQueriesContext(connection) as ctx:
        page = (
            login(world.employee)
            .get(reverse("huddle-board", args=[world.team.uuid]))
            .content.decode()
        )
    assert reverse("programme-board-block", args=[world.team.uuid]) in page
    assert 'hx-trigger="load"' in page
    assert not [q for q in ctx.captured_queries if "programme_" in q["sql"]]


def test_a_pulse_answer_is_counted_once_and_never_linked_to_the_person(login, world):
    visit = _visit(world, heard="Veel gehoord.")
    client = login(world.employee)
    url = reverse("programme-pulse", args=[visit.uuid])
    assert "Heb je iets gemerkt van dit bezoek?" in client.get(url).content.decode()
    client.post(url, {"noticed": "2"})
    again = client.post(url, {"noticed": "3"}, follow=True).content.decode()
    assert "Je hebt al geantwoord" in again
    visit.refresh_from_db()
    assert (visit.pulse_clearly, visit.pulse_a_little, visit.pulse_nothing) == (0, 1, 0)
    participation = PulseParticipation.objects.get()
    assert {f.name for f in PulseParticipation._meta.fields} == {"id", "visit", "membership"}
    assert participation.membership == world.employee


def test_only_the_visited_team_answers_and_not_the_leader(login, world):
    visit = _visit(world, heard="Gehoord.")
    for member in (world.hr, world.board):
        login(member).post(reverse("programme-pulse", args=[visit.uuid]), {"noticed": "3"})
    visit.refresh_from_db()
    assert visit.pulse_n == 0
    assert (
        login(world.outsider).get(reverse("programme-pulse", args=[visit.uuid])).status_code == 404
    )


def test_a_visit_is_read_by_its_leader_and_the_cx_lead_only(login, world):
    visit = _visit(world, leader=world.cx_lead, unit=world.back_team)
    url = reverse("programme-visit", args=[visit.uuid])
    assert login(world.cx_lead).get(url).status_code == 200
    assert login(world.board).get(url).status_code == 200  # follows the coverage
    assert login(world.manager).get(url).status_code == 403
    assert login(world.employee).get(url).status_code == 403
    assert login(world.outsider).get(url).status_code == 404
    # Only the leader logs it.
    login(world.board).post(url, {"heard": "Niet van mij"})
    visit.refresh_from_db()
    assert visit.heard == ""


def test_employees_do_not_plan_visits(login, world):
    assert login(world.employee).get(reverse("programme-visits")).status_code == 403


def _closed(*visits):
    """Let the pulse of these visits close (logged more than two weeks ago)."""
    Visit.objects.filter(id__in=[v.id for v in visits]).update(
        logged_at=timezone.now() - timedelta(days=services.PULSE_DAYS + 1)
    )


def test_the_floor_view_is_hidden_below_the_threshold_and_shown_from_it(world):
    visit = _visit(world, heard="Gehoord.", self_noticed=3)
    people = _team_members(world, 5)
    for person in people[:4]:
        services.pulse_answer(visit=visit, membership=person, noticed=3)
    _closed(visit)
    found = selectors.visit_coverage(world.org, day=timezone.localdate())
    row = found.rows[0]
    assert row.floor.n == 4 and not row.floor.shown and row.floor.noticed_pct is None
    assert row.floor.self_noticed_pct == 100  # the leader's own view is theirs to see
    Visit.objects.filter(id=visit.id).update(logged_at=timezone.now())  # reopen to answer
    services.pulse_answer(visit=visit, membership=people[4], noticed=1)
    # While the pulse is open, the answers do not count: each new one would show.
    assert selectors.visit_coverage(world.org, day=timezone.localdate()).rows[0].floor.n == 0
    _closed(visit)
    row = selectors.visit_coverage(world.org, day=timezone.localdate()).rows[0]
    assert row.floor.shown and row.floor.noticed_pct == 80 and row.floor.clearly_pct == 80


def test_a_small_leader_group_cannot_be_worked_out_from_the_total(world):
    """Two leaders: 6 answers and 2 answers. Showing the total (8) and the first (6) would
    reveal the second's 2; the gate hides the first as well (complementary suppression)."""
    first = _visit(world, heard="A.")
    second = _visit(world, leader=world.cx_lead, unit=world.team, heard="B.")
    people = _team_members(world, 6)
    for person in people:
        services.pulse_answer(visit=first, membership=person, noticed=3)
    for person in people[:2]:
        services.pulse_answer(visit=second, membership=person, noticed=1)
    _closed(first, second)
    found = selectors.visit_coverage(world.org, day=timezone.localdate())
    by_leader = {r.leader: r.floor for r in found.rows}
    assert not by_leader[world.cx_lead].shown
    assert found.total.shown and not by_leader[world.board].shown
    assert by_leader[world.board].reason == "protects_smaller_group"


def test_coverage_lists_the_teams_no_leader_visited_this_quarter(login, world):
    _visit(world, heard="Gehoord.")
    OrgUnit.objects.create(
        organization=world.org,
        parent=world.department,
        name="Reparaties",
        code="R",
        kind=UnitKind.TEAM,
    )
    page = login(world.cx_lead).get(reverse("programme-visit-coverage")).content.decode()
    assert "Planning" in page and "Reparaties" in page
    assert "1 van 3 teams" in page
    year = timezone.localdate().year
    assert f", K{(timezone.localdate().month - 1) // 3 + 1} {year}</h1>" in page  # no "2.026"
    assert login(world.manager).get(reverse("programme-visit-coverage")).status_code == 403


def test_quarters():
    assert selectors.quarter_of(date(2026, 12, 7)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert selectors.quarter_of(date(2026, 2, 28)) == (date(2026, 1, 1), date(2026, 3, 31))


def test_a_quarter_in_the_url_that_makes_no_sense_shows_this_quarter(login, world):
    client = login(world.cx_lead)
    for q in ("", "2026-9", "abc", "99999-1"):
        assert client.get(reverse("programme-visit-coverage"), {"q": q}).status_code == 200
