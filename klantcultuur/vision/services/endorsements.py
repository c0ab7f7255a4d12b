"""Draagvlak: asking managers to endorse a published version, their answers, objections."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Membership, OrgUnit
from klantcultuur.orgs.roles import Role
from klantcultuur.vision.models import Endorsement, EndorsementStatus, VisionVersion
from klantcultuur.vision.scoring.layers import layer_of

_KIND_RANK = {"division": 0, "department": 1, "team": 2}


def managers_to_ask(organization_id: int) -> list[tuple[int, int | None, str]]:
    """(membership id, unit id, layer) for every manager of a unit and every board member."""
    managed: dict[int, list[tuple[str, int]]] = {}
    units = OrgUnit.objects.filter(
        organization_id=organization_id,
        archived_at__isnull=True,
        manager__isnull=False,
        manager__archived_at__isnull=True,
        manager__user__is_active=True,
    ).values_list("manager_id", "kind", "id")
    for manager_id, kind, unit_id in units:
        managed.setdefault(manager_id, []).append((kind, unit_id))
    board = set(
        Membership.objects.active()
        .filter(organization_id=organization_id, role=Role.BOARD)
        .values_list("id", flat=True)
    )
    out = []
    for member_id in sorted(set(managed) | board):
        kinds = managed.get(member_id, [])
        layer = layer_of(member_id in board, [k for k, _u in kinds])
        if layer is None:
            continue
        top = min(kinds, key=lambda ku: (_KIND_RANK.get(ku[0], 9), ku[1]))[1] if kinds else None
        out.append((member_id, top, layer))
    return out


def endorsements_request(*, version: VisionVersion) -> int:
    """Ask every manager (once per version); the caller holds the transaction."""
    rows = [
        Endorsement(
            organization_id=version.organization_id,
            version=version,
            manager_id=member_id,
            unit_id=unit_id,
            layer=layer,
        )
        for member_id, unit_id, layer in managers_to_ask(version.organization_id)
    ]
    Endorsement.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def endorsement_answer(*, endorsement: Endorsement, status: str, remark: str = "") -> Endorsement:
    """A manager's answer: endorse, endorse with a remark, or not yet (with the reason)."""
    remark = (remark or "").strip()
    if status not in (
        EndorsementStatus.ENDORSED,
        EndorsementStatus.REMARK,
        EndorsementStatus.NOT_YET,
    ):
        raise ValidationError(_("Choose one of the answers."))
    if status == EndorsementStatus.REMARK and not remark:
        raise ValidationError(_("Write your remark."))
    if status == EndorsementStatus.NOT_YET and not remark:
        raise ValidationError(_("Write why not yet: the CX lead answers it."))
    if not endorsement.version.is_published:
        raise ValidationError(_("This version is no longer the published vision."))
    endorsement.status = status
    endorsement.remark = remark if status != EndorsementStatus.ENDORSED else ""
    endorsement.answered_at = timezone.now()
    if status == EndorsementStatus.NOT_YET:
        # A new objection waits for a new answer.
        endorsement.response, endorsement.responded_at, endorsement.responded_by = "", None, None
    endorsement.save(
        update_fields=[
            "status",
            "remark",
            "answered_at",
            "response",
            "responded_at",
            "responded_by",
        ]
    )
    return endorsement


@transaction.atomic
def objection_respond(
    *, endorsement: Endorsement, response: str, by: Membership, reopen: bool = True
) -> Endorsement:
    """The CX lead answers an objection; by default the manager is asked again."""
    response = (response or "").strip()
    if not response:
        raise ValidationError(_("Write your answer."))
    if endorsement.status != EndorsementStatus.NOT_YET:
        raise ValidationError(_("Only a 'not yet' has an objection to answer."))
    endorsement.response = response
    endorsement.responded_by = by
    endorsement.responded_at = timezone.now()
    fields = ["response", "responded_by", "responded_at"]
    if reopen:
        endorsement.status = EndorsementStatus.PENDING
        endorsement.reopened_at = endorsement.responded_at
        fields += ["status", "reopened_at"]
    endorsement.save(update_fields=fields)
    return endorsement


def reminders_send(*, version_id: int) -> int:
    """E-mail every manager who has not answered the published version; returns the number."""
    version = VisionVersion.objects.filter(id=version_id).select_related("organization").first()
    if version is None or not version.is_published:
        return 0
    pending = list(
        Endorsement.objects.filter(
            version=version, status=EndorsementStatus.PENDING
        ).select_related("manager__user")
    )
    link = settings.SITE_URL.rstrip("/") + reverse("vision-endorse-mine")
    messages = []
    with translation.override("nl"):
        subject = _("Do you carry our customer vision? %(org)s asks for your answer") % {
            "org": version.organization.name
        }
        for endorsement in pending:
            user = endorsement.manager.user
            body = _(
                'Dear %(name)s,\n\nThe customer vision "%(title)s" (version %(number)d) asks '
                "for your answer: do you endorse it, with a remark, or not yet (and why)?\n\n"
                "Answer here: %(link)s\n"
            ) % {
                "name": user.first_name or user.email,
                "title": version.title,
                "number": version.number,
                "link": link,
            }
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    send_mass_mail(messages, fail_silently=False)
    Endorsement.objects.filter(id__in=[e.id for e in pending]).update(reminded_at=timezone.now())
    return len(pending)
