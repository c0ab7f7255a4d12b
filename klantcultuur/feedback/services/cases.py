"""Follow-up of detractors: open → contacted → resolved, with the outcome recorded."""

from __future__ import annotations

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
    case.save(update_fields=["status", "outcome", "note", "handled_by", "contacted_at",
                             "resolved_at", "assigned_to"])  # fmt: skip
    return case
