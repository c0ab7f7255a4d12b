"""Follow-up of consenting detractors: who gets a case, the states, the overdue list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from klantcultuur.feedback import selectors
from klantcultuur.feedback.models import CaseStatus, FeedbackSettings, FollowUpCase
from klantcultuur.feedback.services.cases import case_update
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.orgs.tree import UnitTree


@pytest.mark.parametrize(
    ("metric", "score", "consent", "case"),
    [("nps", 6, True, True), ("nps", 7, True, False), ("csat", 2, True, True),
     ("csat", 3, True, False), ("ces", 3, True, True), ("ces", 4, True, False),
     ("nps", 0, False, False)],
)  # fmt: skip
def test_consenting_detractors_get_a_case(world, metric, score, consent, case):
    ingest(world.org, item(metric=metric, score=score, contact_consent=consent, team_code="W-KC-1"))
    assert FollowUpCase.objects.exists() is case


def test_the_case_is_due_after_the_organisations_hours(world):
    FeedbackSettings.objects.update_or_create(
        organization=world.org, defaults={"case_due_hours": 24}
    )
    moment = timezone.now() - timedelta(hours=1)
    ingest(world.org, item(received_at=moment, score=1, contact_consent=True, team_code="W-KC-1"))
    case = FollowUpCase.objects.get()
    assert case.due_at == moment + timedelta(hours=24)
    assert (case.team, case.status) == (world.team, CaseStatus.OPEN)


def test_a_case_moves_from_open_to_contacted_to_resolved_with_its_outcome(world):
    ingest(world.org, item(score=2, contact_consent=True, team_code="W-KC-1"))
    case = FollowUpCase.objects.get()
    case = case_update(case=case, status="contacted", outcome="", note="", actor=world.employee)
    assert case.contacted_at is not None and case.resolved_at is None
    with pytest.raises(ValidationError):
        case_update(case=case, status="resolved", outcome="", note="", actor=world.employee)
    case = case_update(
        case=case,
        status="resolved",
        outcome="solved",
        note="Nieuwe afspraak gemaakt.",
        actor=world.employee,
    )
    assert (case.status, case.outcome, case.handled_by) == ("resolved", "solved", world.employee)
    assert case.resolved_at >= case.contacted_at


def test_the_overdue_list_holds_unresolved_cases_past_their_due_time(world):
    now = timezone.now()
    ingest(
        world.org,
        item(
            received_at=now - timedelta(hours=60), score=1, contact_consent=True, team_code="W-KC-1"
        ),
        item(
            received_at=now - timedelta(hours=50), score=2, contact_consent=True, team_code="W-KC-1"
        ),
        item(
            received_at=now - timedelta(hours=2), score=3, contact_consent=True, team_code="W-KC-1"
        ),
    )
    resolved = FollowUpCase.objects.order_by("due_at").first()
    case_update(case=resolved, status="resolved", outcome="explained", note="", actor=world.manager)
    overdue = selectors.overdue_cases(unit_ids=[world.team.id])
    assert overdue.count() == 1
    counts = selectors.case_counts(organization=world.org, unit_ids=[world.team.id])
    assert (counts.open, counts.contacted, counts.overdue) == (2, 0, 1)


def test_a_customer_called_back_in_time_is_not_overdue_while_the_case_stays_open(world):
    now = timezone.now()
    ingest(
        world.org,
        *[
            item(
                received_at=now - timedelta(hours=60 + n),
                score=1,
                contact_consent=True,
                team_code="W-KC-1",
            )
            for n in range(2)
        ],
    )
    called, waiting = FollowUpCase.objects.order_by("due_at")
    case_update(
        case=called,
        status="contacted",
        outcome="",
        note="",
        actor=world.employee,
        now=called.due_at - timedelta(hours=1),
    )
    called.refresh_from_db()
    assert not called.is_overdue(now) and waiting.is_overdue(now)
    assert list(selectors.overdue_cases(unit_ids=[world.team.id], now=now)) == [waiting]
    counts = selectors.case_counts(organization=world.org, unit_ids=[world.team.id], now=now)
    assert (counts.open, counts.contacted, counts.overdue) == (1, 1, 1)
    by_team = selectors.case_counts_by_team(organization=world.org, unit_ids=None, now=now)
    assert by_team == {world.team.id: selectors.CaseCounts(open=1, contacted=1, overdue=1)}
    tree = UnitTree.for_organization(world.org.id)
    per_unit = selectors.case_counts_by_unit(
        organization=world.org, tree=tree, unit_ids=[world.team.id], now=now
    )
    assert per_unit[world.team.id] == (2, 1)


def test_who_picked_up_a_case_stays_on_it_when_a_colleague_resolves_it(world):
    ingest(world.org, item(score=2, contact_consent=True, team_code="W-KC-1"))
    case = FollowUpCase.objects.get()
    case_update(case=case, status="contacted", outcome="", note="", actor=world.employee)
    case = case_update(case=case, status="resolved", outcome="solved", note="", actor=world.manager)
    assert case.handled_by == world.employee


def test_paging_through_cases_keeps_the_unit(login, world, monkeypatch):
    from klantcultuur.feedback.views import cases as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    ingest(
        world.org,
        *[
            item(
                score=1,
                contact_consent=True,
                team_code="W-KC-1",
                received_at=timezone.now() - timedelta(hours=n + 1),
            )
            for n in range(2)
        ],
    )
    page = login(world.cx_lead).get(
        reverse("feedback-cases"), {"state": "open", "unit": str(world.team.uuid)}
    )
    assert f"unit={world.team.uuid}&amp;page=2" in page.content.decode()


def test_the_cases_page_lists_the_overdue_cases_of_my_team(
    login, world, django_assert_max_num_queries
):
    now = timezone.now()
    ingest(
        world.org,
        *[
            item(
                received_at=now - timedelta(hours=70 + n),
                score=1,
                contact_consent=True,
                team_code="W-KC-1",
                reason=f"Melding {n} niet opgelost.",
            )
            for n in range(12)
        ],
    )
    client = login(world.employee)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("feedback-cases") + "?state=overdue")
    html = page.content.decode()
    assert html.count("te laat</span>") == 12
    assert "Melding 3 niet opgelost." in html


def test_a_team_member_records_the_outcome_on_the_case_page(login, world):
    ingest(world.org, item(score=2, contact_consent=True, team_code="W-KC-1"))
    case = FollowUpCase.objects.get()
    client = login(world.employee)
    response = client.post(
        reverse("feedback-case", args=[case.uuid]),
        {"status": "resolved", "outcome": "solved", "note": "Gebeld."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.note) == ("resolved", "Gebeld.")


def test_a_case_of_another_team_is_forbidden_for_an_employee(login, world):
    ingest(world.org, item(score=2, contact_consent=True, team_code="W-KC-2"))  # back office team
    case = FollowUpCase.objects.get()
    assert login(world.employee).get(reverse("feedback-case", args=[case.uuid])).status_code == 403
    assert login(world.hr).get(reverse("feedback-case", args=[case.uuid])).status_code == 200


def test_a_case_is_given_to_a_member_of_its_team_only(world):
    ingest(world.org, item(score=1, contact_consent=True, team_code="W-KC-1"))
    case = FollowUpCase.objects.get()
    with pytest.raises(ValidationError):
        case_update(
            case=case,
            status="open",
            outcome="",
            note="",
            actor=world.manager,
            assigned_to=world.cx_lead,
        )
    case.refresh_from_db()
    assert case.assigned_to is None  # nothing half-written
    case_update(
        case=case,
        status="open",
        outcome="",
        note="",
        actor=world.manager,
        assigned_to=world.employee,
    )
    case.refresh_from_db()
    assert case.assigned_to == world.employee
