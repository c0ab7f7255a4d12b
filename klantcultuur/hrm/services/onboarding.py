"""Onboarding paths and room to decide: the writes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.hrm import steps
from klantcultuur.hrm.models import JoinedVia, OnboardingPath, RoomToDecide
from klantcultuur.hrm.selectors import progress_of
from klantcultuur.orgs.models import Membership, Organization


def path_start(*, membership: Membership, via: str = JoinedVia.HR) -> OnboardingPath:
    """The person's onboarding path (made once; a person who comes back keeps theirs)."""
    path, _created = OnboardingPath.objects.get_or_create(
        membership=membership,
        defaults={
            "organization_id": membership.organization_id,
            "via": via,
            "started_on": membership.start_date or timezone.localdate(),
        },
    )
    return path


def on_member_joined(sender, *, membership: Membership, via: str, **kwargs) -> None:
    """orgs' `member_joined` signal: a person invited or added by an HR import starts a path."""
    path_start(membership=membership, via=via)


@transaction.atomic
def step_done(*, path: OnboardingPath, step: str, done: bool = True) -> OnboardingPath:
    """Tick (or untick) a step; the dagstarts count themselves."""
    if step not in steps.STEPS or step == steps.COUNTED:
        raise ValidationError(_("This step cannot be ticked."))
    path = OnboardingPath.objects.select_for_update().get(pk=path.pk)
    if done:
        path.done[step] = timezone.localdate().isoformat()
    else:
        path.done.pop(step, None)
    path.save(update_fields=["done"])
    path_sync(path=path)
    return path


def path_sync(*, path: OnboardingPath, progress: steps.Progress | None = None) -> None:
    """Mark the path completed once every step is done (the last may be a dagstart)."""
    progress = progress or progress_of(path)
    completed_on = (path.completed_on or timezone.localdate()) if progress.complete else None
    if completed_on != path.completed_on:
        path.completed_on = completed_on
        path.save(update_fields=["completed_on"])


def buddy_set(*, path: OnboardingPath, buddy: Membership | None) -> OnboardingPath:
    if buddy is not None and (
        buddy.organization_id != path.organization_id or buddy.id == path.membership_id
    ):
        raise ValidationError(_("Choose a colleague as buddy."))
    path.buddy = buddy
    path.save(update_fields=["buddy"])
    return path


def room_add(
    *, organization: Organization, role: str, job_title: str, what: str, amount
) -> RoomToDecide:
    last = RoomToDecide.objects.filter(organization=organization, role=role).count()
    room = RoomToDecide(
        organization=organization,
        role=role,
        job_title=job_title.strip(),
        what=what.strip(),
        amount=amount,
        position=last,
    )
    room.full_clean()
    room.save()
    return room


def room_delete(*, room: RoomToDecide) -> None:
    room.delete()
