"""The dagstart record of a day (attendance, note, chosen story) and goals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback.models import Feedback
from klantcultuur.huddle.models import Goal, Huddle
from klantcultuur.huddle.selectors import unit_members
from klantcultuur.huddle.steering.days import lookback
from klantcultuur.orgs.models import Membership, OrgUnit

MAX_NOTE = 2000


def _huddle(unit: OrgUnit, day: date, by: Membership) -> Huddle:
    if day > timezone.localdate():
        raise ValidationError(_("A dagstart cannot be in the future."))
    huddle, _created = Huddle.objects.select_for_update().get_or_create(
        unit=unit, day=day, defaults={"organization_id": unit.organization_id, "updated_by": by}
    )
    return huddle


@transaction.atomic
def huddle_save(
    *, unit: OrgUnit, day: date, attendee_ids: Iterable[int], note: str, by: Membership
) -> Huddle:
    """Save who was at a unit's dagstart and its note (the day's record, changed as often as needed)."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(_("Keep the note under %(n)s characters.") % {"n": MAX_NOTE})
    allowed = {m.id for m in unit_members(unit)}
    wanted = set(attendee_ids)
    if not wanted <= allowed:
        raise ValidationError(_("Only members of the team can be present."))
    huddle = _huddle(unit, day, by)
    huddle.note, huddle.updated_by, huddle.updated_at = note, by, timezone.now()
    huddle.save(update_fields=["note", "updated_by", "updated_at"])
    huddle.attendees.set(wanted)
    return huddle


@transaction.atomic
def huddle_choose_story(
    *, unit: OrgUnit, day: date, record: Feedback | None, by: Membership
) -> Huddle:
    """The customer story the team opens the dagstart with (None: none chosen)."""
    if record is not None:
        if record.team_id != unit.id or record.day not in lookback(day):
            raise ValidationError(_("Choose a story from the customers since the last dagstart."))
        if not record.n_compliments:
            raise ValidationError(_("A story is a customer's compliment."))
    huddle = _huddle(unit, day, by)
    huddle.story, huddle.updated_by, huddle.updated_at = record, by, timezone.now()
    huddle.save(update_fields=["story", "updated_by", "updated_at"])
    return huddle


def goal_save(*, goal: Goal) -> Goal:
    """Create or change a team or individual goal."""
    if goal.person is not None and goal.person.organization_id != goal.team.organization_id:
        raise ValidationError({"person": _("This person is not a member of the organisation.")})
    if goal.kpi is not None and goal.kpi.organization_id != goal.team.organization_id:
        raise ValidationError({"kpi": _("The KPI belongs to another organisation.")})
    if goal.end < goal.start:
        raise ValidationError({"end": _("The end comes before the start.")})
    goal.organization_id = goal.team.organization_id
    goal.full_clean()
    goal.save()
    return goal
