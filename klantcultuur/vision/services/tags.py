"""Tagging customers' compliments (and the dagstart's story) with the behaviour they show."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klantcultuur.feedback.models import Feedback
from klantcultuur.orgs.models import Membership
from klantcultuur.vision.models import Behaviour, BehaviourStatus, CustomerTag


@transaction.atomic
def tag_add(
    *, behaviour: Behaviour, record: Feedback, by: Membership | None, as_story: bool = False
) -> CustomerTag:
    """Tag a customer's compliment with a behaviour (once; a story tag marks it as the story)."""
    if behaviour.organization_id != record.organization_id:
        raise ValidationError(_("This behaviour is not your organisation's."))
    if behaviour.status != BehaviourStatus.ACTIVE:
        raise ValidationError(_("Only active behaviours can be tagged."))
    if record.is_internal or not record.n_compliments:
        raise ValidationError(_("Only customers' compliments can be tagged with a behaviour."))
    tag, created = CustomerTag.objects.get_or_create(
        behaviour=behaviour,
        feedback=record,
        defaults={
            "organization_id": record.organization_id,
            "unit_id": record.team_id,
            "day": record.day,
            "as_story": as_story,
            "tagged_by": by,
        },
    )
    if not created and as_story and not tag.as_story:
        tag.as_story = True
        tag.save(update_fields=["as_story"])
    return tag


def tag_remove(*, tag: CustomerTag) -> None:
    tag.delete()
