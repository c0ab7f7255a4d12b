"""Writes of leaders on the floor: plan a visit, log it, follow up, and the team's pulse."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.huddle.services.actions import action_create
from klantcultuur.orgs.models import Membership, Organization, OrgUnit, UnitKind
from klantcultuur.programme.models import (
    Noticed,
    PulseParticipation,
    Visit,
    VisitOutcome,
    VisitStatus,
)

DEFAULT_QUESTIONS = (
    "Wat ging er deze week goed voor een klant?",
    "Wat houdt jullie tegen om het goed te doen voor de klant?",
    "Wat kan ik voor jullie doen?",
)
# The team answers the pulse in the two weeks after the visit is logged.
PULSE_DAYS = 14
MAX_QUESTIONS = 5


def own_unit_ids(membership: Membership) -> set[int]:
    """A leader's own teams: the unit they belong to and the units they lead directly."""
    own = set(membership.managed_unit_ids)
    if membership.unit_id:
        own.add(membership.unit_id)
    return own


def _clean_questions(questions: str) -> str:
    lines = [q.strip() for q in (questions or "").splitlines() if q.strip()]
    if len(lines) > MAX_QUESTIONS:
        raise ValidationError(
            _("Ask at most %(n)d questions: a visit is a conversation.") % {"n": MAX_QUESTIONS}
        )
    if any(len(q) > 200 for q in lines):
        raise ValidationError(_("A question has at most 200 characters."))
    return "\n".join(lines)


@transaction.atomic
def visit_plan(
    *,
    organization: Organization,
    leader: Membership,
    unit: OrgUnit,
    planned_on: date | None,
    questions: str = "",
    by: Membership,
) -> Visit:
    """A leader plans a visit to a team other than their own, with a few questions."""
    if leader.organization_id != organization.id or leader.archived_at:
        raise ValidationError(_("Choose a leader of your organisation."))
    if unit.organization_id != organization.id or unit.archived_at or unit.kind != UnitKind.TEAM:
        raise ValidationError(_("Choose a team of your organisation."))
    if unit.id in own_unit_ids(leader):
        raise ValidationError(_("Visit a team other than your own: that is where you learn."))
    if planned_on is None:
        raise ValidationError(_("Choose a day."))
    return Visit.objects.create(
        organization=organization,
        leader=leader,
        unit=unit,
        planned_on=planned_on,
        questions=_clean_questions(questions) or "\n".join(DEFAULT_QUESTIONS),
        created_by=by,
    )


@transaction.atomic
def visit_log(
    *,
    visit: Visit,
    by: Membership,
    heard: str,
    follow_up: str = "",
    follow_up_on: date | None = None,
    self_noticed: int | None = None,
    outcome: str = "",
) -> Visit:
    """After the visit: what the leader heard, the promised follow-up and what it becomes
    on the visited team's board (an improvement action, or feedback to the team)."""
    if visit.status == VisitStatus.CANCELLED:
        raise ValidationError(_("This visit was cancelled."))
    heard = (heard or "").strip()
    if not heard:
        raise ValidationError(_("Write in a few words what you heard."))
    if len(heard) > 2000:
        raise ValidationError(_("At most %(n)d characters.") % {"n": 2000})
    follow_up = (follow_up or "").strip()[:300]
    if follow_up and follow_up_on is None:
        raise ValidationError(_("Say by when you report back to the team."))
    if self_noticed is not None and self_noticed not in Noticed.values:
        raise ValidationError(_("Choose an answer."))
    if outcome not in VisitOutcome.values:
        raise ValidationError(_("Choose what it becomes."))
    today = timezone.localdate()
    if visit.planned_on > today:
        visit.planned_on = today  # logged early: the visit took place today
    first_log = visit.logged_at is None
    visit.heard, visit.follow_up, visit.follow_up_on = heard, follow_up, follow_up_on
    visit.self_noticed = self_noticed
    visit.status = VisitStatus.DONE
    if first_log:
        visit.logged_at = timezone.now()
    if outcome == VisitOutcome.ACTION and visit.action_id is None:
        visit.action = action_create(
            action=ImprovementAction(
                team=visit.unit,
                title=_visit_action_title(visit, heard),
                problem=_("Heard during the visit of %(leader)s on %(day)s: %(text)s")
                % {
                    "leader": _leader_name(visit.leader),
                    "day": visit.planned_on.isoformat(),
                    "text": heard,
                },
            ),
            by=by,
        )
    visit.outcome = outcome if outcome or visit.action_id is None else VisitOutcome.ACTION
    visit.save()
    return visit


def _leader_name(membership: Membership) -> str:
    return membership.user.get_full_name() or membership.user.email


def _visit_action_title(visit: Visit, heard: str) -> str:
    first = heard.splitlines()[0]
    title = _("Visit %(leader)s: %(text)s") % {"leader": _leader_name(visit.leader), "text": first}
    return title if len(title) <= 150 else title[:149] + "…"


def visit_cancel(*, visit: Visit) -> Visit:
    if visit.status == VisitStatus.DONE:
        raise ValidationError(_("A visit that took place cannot be cancelled."))
    visit.status = VisitStatus.CANCELLED
    visit.save(update_fields=["status"])
    return visit


def follow_up_done(*, visit: Visit) -> Visit:
    """The leader reported back to the team."""
    visit.follow_up_done_at = None if visit.follow_up_done_at else timezone.now()
    visit.save(update_fields=["follow_up_done_at"])
    return visit


def pulse_open(visit: Visit, membership: Membership, *, today: date) -> bool:
    """Whether this member may still answer the pulse of this visit."""
    return (
        visit.status == VisitStatus.DONE
        and visit.logged_at is not None
        and membership.unit_id == visit.unit_id
        and membership.id != visit.leader_id
        and timezone.localdate(visit.logged_at) >= today - timedelta(days=PULSE_DAYS)
    )


@transaction.atomic
def pulse_answer(*, visit: Visit, membership: Membership, noticed: int | None) -> None:
    """One anonymous answer: the tally on the visit goes up, and only *that* this member
    answered is kept (so nobody answers twice); never which answer was theirs."""
    if noticed not in Noticed.values:
        raise ValidationError(_("Choose an answer."))
    if not pulse_open(visit, membership, today=timezone.localdate()):
        raise ValidationError(_("This question is closed for you."))
    _participation, created = PulseParticipation.objects.get_or_create(
        visit=visit, membership=membership
    )
    if not created:
        raise ValidationError(_("You already answered. Thank you."))
    column = {
        Noticed.CLEARLY: "pulse_clearly",
        Noticed.A_LITTLE: "pulse_a_little",
        Noticed.NOTHING: "pulse_nothing",
    }[Noticed(noticed)]
    Visit.objects.filter(id=visit.id).update(**{column: F(column) + 1})
