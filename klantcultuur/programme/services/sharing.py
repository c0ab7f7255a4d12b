"""Sharing a quick win to other teams' dagstart boards, and what the receiving team does."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.huddle.models import ImprovementAction
from klantcultuur.huddle.services.actions import action_create
from klantcultuur.orgs.models import Membership, OrgUnit, UnitKind
from klantcultuur.programme.models import SharedWin

MAX_TEAMS = 50


@transaction.atomic
def win_share(
    *, action: ImprovementAction, units: Iterable[OrgUnit], by: Membership, note: str = ""
) -> int:
    """Put a quick win on the boards of other teams; returns how many teams got it (a team
    that already has it keeps the first)."""
    if not action.is_quick_win:
        raise ValidationError(_("Only a quick win can be shared."))
    targets = {
        u.id: u
        for u in units
        if u.organization_id == action.organization_id
        and u.kind == UnitKind.TEAM
        and u.archived_at is None
        and u.id != action.team_id
    }
    if not targets:
        raise ValidationError(_("Choose one or more other teams."))
    if len(targets) > MAX_TEAMS:
        raise ValidationError(_("Share with at most %(n)d teams at once.") % {"n": MAX_TEAMS})
    already = set(
        SharedWin.objects.filter(action=action, unit_id__in=targets).values_list(
            "unit_id", flat=True
        )
    )
    note = (note or "").strip()[:300]
    rows = [
        SharedWin(
            organization_id=action.organization_id, action=action, unit=u, note=note, shared_by=by
        )
        for uid, u in targets.items()
        if uid not in already
    ]
    SharedWin.objects.bulk_create(rows)
    return len(rows)


def win_hide(*, shared: SharedWin) -> SharedWin:
    """The receiving team takes the shared win off its board."""
    shared.hidden_at = timezone.now()
    shared.save(update_fields=["hidden_at"])
    return shared


@transaction.atomic
def win_copy(*, shared: SharedWin, by: Membership) -> ImprovementAction:
    """The receiving team copies the quick win as an improvement action of its own (plan)."""
    if shared.copied_as_id is not None:
        return shared.copied_as  # type: ignore[return-value]
    source = shared.action
    problem = _("Copied from the quick win of %(team)s: %(problem)s") % {
        "team": source.team.name,
        "problem": source.problem,
    }
    copy = action_create(
        action=ImprovementAction(
            team=shared.unit,
            title=source.title,
            problem=problem,
            cause=source.cause,
            target=source.target,
            countermeasure=source.countermeasure or source.standard,
        ),
        by=by,
    )
    shared.copied_as = copy
    shared.hidden_at = timezone.now()
    shared.save(update_fields=["copied_as", "hidden_at"])
    return copy
