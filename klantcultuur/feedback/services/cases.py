"""Follow-up of detractors: open → contacted → resolved, with the outcome recorded."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback.models import CaseStatus, FollowUpCase
from klantcultuur.orgs.models import Membership

_ORDER = {CaseStatus.OPEN: 0, CaseStatus.CONTACTED: 1, CaseStatus.RESOLVED: 2}


@transaction.atomic
def case_update(
    *,
    case: FollowUpCase,
    status: str,
    outcome: str,
    note: str,
    actor: Membership,
    now=None,
    assigned_to: Membership | None = None,
) -> FollowUpCase:
    """Move a case forward (a resolved case may be opened again) and record what happened."""
    now = now or timezone.now()
    case = FollowUpCase.objects.select_for_update().get(pk=case.pk)
    if status not in _ORDER:
        raise ValidationError({"status": _("Unknown status.")})
    if status == CaseStatus.RESOLVED and not outcome:
        raise ValidationError({"outcome": _("Record the outcome before resolving the case.")})
    if status == CaseStatus.CONTACTED and case.contacted_at is None:
        case.contacted_at = now
    if status == CaseStatus.RESOLVED and case.status != CaseStatus.RESOLVED:
        case.resolved_at = now
        if case.contacted_at is None and outcome not in ("unreachable", "declined"):
            case.contacted_at = now
    if status != CaseStatus.RESOLVED:
        case.resolved_at = None
    if assigned_to is not None and assigned_to.unit_id != case.team_id:
        raise ValidationError({"assigned_to": _("Choose a member of the case's team.")})
    case.status, case.outcome, case.note = status, outcome, note
    case.assigned_to = assigned_to
    if (
        case.handled_by_id is None
    ):  # who picked it up; a colleague who closes it does not replace them
        case.handled_by = actor
    if status == CaseStatus.RESOLVED and not _keeps_address(case):
        case.customer_email = ""  # the organisation keeps no address once a case is closed
    case.save(
        update_fields=[
            "status",
            "outcome",
            "note",
            "handled_by",
            "contacted_at",
            "resolved_at",
            "assigned_to",
            "customer_email",
        ]
    )
    return case


def _keeps_address(case: FollowUpCase) -> bool:
    from klantcultuur.feedback.models import FeedbackSettings

    return FeedbackSettings.for_organization(case.organization).contact_retention_days > 0


def _new_cases_text(team: str, n: int, due: str) -> tuple[str, str]:
    """The message about new call-backs, in the active language."""
    subject = _("%(team)s: a customer asks to be called back") % {"team": team}
    text = _(
        "%(n)s customer(s) of %(team)s gave a low score and may be contacted. "
        "Call back before %(due)s."
    )
    return subject, text % {"n": n, "team": team, "due": due}


def _overdue_text(team: str, n: int) -> tuple[str, str]:
    """The message about customers waiting past their call-back time, in the active language."""
    subject = _("%(team)s: a customer waits too long for a call-back") % {"team": team}
    body = _("%(n)s customer(s) of %(team)s passed the agreed call-back time.") % {
        "n": n,
        "team": team,
    }
    return subject, body


def cases_announce(*, cases: list[FollowUpCase]) -> int:
    """Tell each team's leader (and the team channel) that customers wait for a call-back.

    One message per team, without the customer's words: those stay in the app."""
    from django.urls import reverse

    from klantcultuur.lib.urls import site_url
    from klantcultuur.notify.services import notify
    from klantcultuur.orgs.models import OrgUnit

    by_team: dict[int, list[FollowUpCase]] = {}
    for case in cases:
        if case.team_id is not None:
            by_team.setdefault(case.team_id, []).append(case)
    teams = OrgUnit.objects.select_related("manager__user", "organization").in_bulk(list(by_team))
    sent = 0
    for team_id, found in by_team.items():
        team = teams[team_id]
        leaders = [team.manager] if team.manager and team.manager.user.is_active else []
        due = timezone.localtime(min(c.due_at for c in found)).strftime("%d-%m %H:%M")
        compose = partial(_new_cases_text, team.name, len(found), due)

        link = site_url() + (
            reverse("feedback-case", args=[found[0].uuid])
            if len(found) == 1
            else reverse("feedback-cases")
        )
        notify(organization=team.organization, recipients=leaders, compose=compose, link=link)
        sent += 1
    return sent


def cases_overdue_announce(*, now=None) -> int:
    """Tell each team once about customers who now wait past their call-back time (the
    scheduler's job, every quarter of an hour); returns how many cases were announced."""
    from django.urls import reverse

    from klantcultuur.feedback.models import overdue_condition
    from klantcultuur.lib.urls import site_url
    from klantcultuur.notify.services import notify

    now = now or timezone.now()
    with transaction.atomic():
        late = list(
            FollowUpCase.objects.select_for_update(of=("self",))
            .filter(overdue_condition(now), overdue_told_at__isnull=True, team__isnull=False)
            .select_related("team__manager__user", "team__organization", "assigned_to__user")
        )
        by_team: dict[int, list[FollowUpCase]] = {}
        for case in late:
            if case.team_id is not None:  # filtered above
                by_team.setdefault(case.team_id, []).append(case)
        for found in by_team.values():
            team = found[0].team
            assert team is not None
            people = [team.manager] if team.manager else []
            people += [c.assigned_to for c in found if c.assigned_to]
            notify(
                organization=team.organization,
                recipients=people,
                compose=partial(_overdue_text, team.name, len(found)),
                link=site_url() + reverse("feedback-cases") + "?state=overdue",
            )
        FollowUpCase.objects.filter(pk__in=[c.pk for c in late]).update(overdue_told_at=now)
    return len(late)
