"""Running a wave: create, launch (invitations), e-mail and remind, open links, close."""

from __future__ import annotations

import base64
import logging
import random
from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from klantcultuur.accounts.models import User
from klantcultuur.lib.text import one_line
from klantcultuur.lib.tokens import token_hash
from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.orgs.roles import Role
from klantcultuur.orgs.tree import UnitTree
from klantcultuur.scan import pooling
from klantcultuur.scan.models import (
    Invitation,
    OpenLink,
    QuestionnaireVersion,
    RespondentRole,
    Response,
    Wave,
    WaveStatus,
)

log = logging.getLogger(__name__)
TOKEN_SALT = "klantcultuur.scan.invitation"


# --- Tokens ----------------------------------------------------------------------------
def invitation_token(invitation: Invitation) -> str:
    """The personal link's token: an HMAC of the wave and invitation, never stored itself."""
    mac = salted_hmac(
        TOKEN_SALT, f"{invitation.wave.uuid}:{invitation.uuid}", algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a personal link belongs to, or None for an unknown token."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related(
            "wave__organization", "wave__questionnaire", "membership__user"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )


# --- Waves -----------------------------------------------------------------------------
def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The wave cannot close before it opens.")})


@transaction.atomic
def wave_create(
    *,
    organization: Organization,
    actor: User | None,
    name: str,
    questionnaire: QuestionnaireVersion,
    opens_on: date,
    closes_on: date,
    reminder_days: list[int],
    scope_units: Iterable[OrgUnit] = (),
) -> Wave:
    """A draft wave; it keeps this questionnaire version for good."""
    _check_dates(opens_on, closes_on)
    if questionnaire.organization_id not in (None, organization.id):
        raise ValidationError(_("This questionnaire belongs to another organisation."))
    units = list(scope_units)
    if any(unit.organization_id != organization.id for unit in units):
        raise ValidationError(_("A unit belongs to another organisation."))
    wave = Wave.objects.create(
        organization=organization,
        name=name,
        questionnaire=questionnaire,
        questionnaire_fingerprint=questionnaire.fingerprint,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=sorted(set(reminder_days)),
        created_by=actor,
    )
    wave.scope_units.set(units)
    return wave


def wave_update(
    *, wave: Wave, name: str, opens_on: date, closes_on: date, reminder_days: list[int]
) -> Wave:
    """Change name, dates and reminders; a launched wave keeps its opening date."""
    if wave.status == WaveStatus.CLOSED:
        raise ValidationError(_("A closed wave cannot be changed."))
    if wave.launched_at is not None and opens_on != wave.opens_on:
        raise ValidationError({"opens_on": _("The wave has started; its opening date stays.")})
    _check_dates(opens_on, closes_on)
    wave.name, wave.opens_on, wave.closes_on = name, opens_on, closes_on
    wave.reminder_days = sorted(set(reminder_days))
    wave.save(update_fields=["name", "opens_on", "closes_on", "reminder_days"])
    return wave


def respondent_role(membership: Membership, managers: set[int]) -> str:
    """A person who leads people (a manager, a director, anyone managing a unit) or not."""
    if membership.role in (Role.MANAGER, Role.BOARD) or membership.id in managers:
        return RespondentRole.MANAGER
    return RespondentRole.EMPLOYEE


def scope_unit_ids(wave: Wave, tree: UnitTree) -> set[int] | None:
    """Units the wave covers (with everything below them), None for the whole organisation."""
    roots = list(wave.scope_units.values_list("id", flat=True))
    if not roots:
        return None
    covered: set[int] = set()
    for unit_id in roots:
        covered.update(tree.subtree_ids(unit_id))
    return covered


def _population(wave: Wave, tree: UnitTree) -> list[tuple[Membership, str]]:
    members = Membership.objects.active().filter(organization=wave.organization)
    covered = scope_unit_ids(wave, tree)
    if covered is not None:
        members = members.filter(unit_id__in=covered)
    managers = set(
        OrgUnit.objects.filter(organization=wave.organization, archived_at__isnull=True)
        .exclude(manager=None)
        .values_list("manager_id", flat=True)
    )
    return [(m, respondent_role(m, managers)) for m in members.select_related("user")]


@transaction.atomic
def wave_launch(*, wave: Wave, today: date | None = None) -> int:
    """Invite everyone in scope; e-mail them now if the wave is open. Returns the invitations."""
    today = today or timezone.localdate()
    wave = Wave.objects.select_for_update().select_related("organization").get(pk=wave.pk)
    if wave.launched_at is not None:
        return 0
    if wave.closes_on < today:
        raise ValidationError(_("The closing date has passed: choose a later one first."))
    tree = UnitTree.for_organization(wave.organization_id)
    parents = {node.id: node.parent_id for node in tree.nodes.values()}
    people = _population(wave, tree)
    counts = Counter((m.unit_id, role) for m, role in people)
    mapping = pooling.storage_map(parents, counts, wave.organization.min_group_size)
    wave.storage_map = pooling.to_json(mapping)
    wave.launched_at = timezone.now()
    wave.save(update_fields=["storage_map", "launched_at"])
    invitations = []
    for membership, role in people:
        invitation = Invitation(
            wave=wave, membership=membership, unit_id=membership.unit_id, role=role
        )
        invitation.token_hash = token_hash(invitation_token(invitation))
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations, batch_size=500)
    if wave.status_on(today) == WaveStatus.OPEN:
        _send(wave, Invitation.objects.filter(wave=wave), "invitation", today)
    return len(invitations)


# --- E-mail ----------------------------------------------------------------------------
def _send(wave: Wave, invitations, kind: str, today: date) -> int:
    """E-mail the invitation or a reminder to each (in their language) after the commit."""
    rows = list(invitations.select_related("membership__user"))
    if not rows:
        return 0
    messages = []
    for invitation in rows:
        invitation.wave = wave
        user = invitation.membership.user
        link = settings.SITE_URL + reverse("scan-respond", args=[invitation_token(invitation)])
        context = {"wave": wave, "user": user, "link": link, "organization": wave.organization}
        with translation.override(user.language or settings.LANGUAGE_CODE):
            if kind == "invitation":
                subject = _("Culture scan of %(organization)s: how do we treat our customers?")
            else:
                subject = _("Reminder: the culture scan of %(organization)s closes on %(date)s")
            subject = one_line(
                subject
                % {
                    "organization": wave.organization.name,
                    "date": wave.closes_on.strftime("%d-%m-%Y"),
                }
            )
            body = render_to_string(f"scan/email/{kind}.txt", context)
        messages.append(EmailMessage(subject, body, None, [user.email]))
    ids = [invitation.id for invitation in rows]
    if kind == "invitation":
        Invitation.objects.filter(id__in=ids).update(sent_on=today)
    else:
        Invitation.objects.filter(id__in=ids).update(
            last_reminded_on=today, reminders_sent=F("reminders_sent") + 1
        )

    def deliver() -> None:
        with get_connection() as connection:
            connection.send_messages(messages)

    transaction.on_commit(deliver)
    return len(messages)


@transaction.atomic
def wave_send_due(*, wave: Wave, today: date | None = None) -> dict[str, int]:
    """What the daily run owes an open wave: first invitations, then a due reminder (idempotent).

    A reminder is due from each of the wave's reminder dates on; a person gets it once per
    reminder date (a missed day is caught up once, never sent twice) and not on the day
    they were first invited.
    """
    today = today or timezone.localdate()
    if wave.status_on(today) != WaveStatus.OPEN:
        return {"invitations": 0, "reminders": 0}
    pending = wave.invitations.filter(answered_on__isnull=True)
    invited = _send(wave, pending.filter(sent_on__isnull=True), "invitation", today)
    reminded = 0
    due = [d for d in wave.reminder_dates() if d <= today]
    if due:
        latest = max(due)
        owed = pending.filter(sent_on__lt=latest).exclude(last_reminded_on__gte=latest)
        reminded = _send(wave, owed, "reminder", today)
    return {"invitations": invited, "reminders": reminded}


def waves_send_due(*, today: date | None = None) -> dict[str, int]:
    """The daily run: `wave_send_due` for every open wave; returns the waves and e-mails sent."""
    today = today or timezone.localdate()
    waves = Wave.objects.filter(
        launched_at__isnull=False,
        closed_at__isnull=True,
        opens_on__lte=today,
        closes_on__gte=today,
    ).select_related("organization")
    totals = {"waves": 0, "invitations": 0, "reminders": 0}
    for wave in waves:
        sent = wave_send_due(wave=wave, today=today)
        totals["waves"] += 1
        totals["invitations"] += sent["invitations"]
        totals["reminders"] += sent["reminders"]
    return totals


@transaction.atomic
def wave_remind_now(*, wave: Wave, today: date | None = None) -> int:
    """The CX lead's button: remind everyone who has not answered (not twice on one day)."""
    today = today or timezone.localdate()
    if wave.status_on(today) != WaveStatus.OPEN:
        return 0
    owed = wave.invitations.filter(answered_on__isnull=True, sent_on__lt=today).exclude(
        last_reminded_on=today
    )
    return _send(wave, owed, "reminder", today)


# --- Open links ------------------------------------------------------------------------
def open_link_create(
    *, wave: Wave, unit: OrgUnit, actor: User | None, max_answers: int | None = None
) -> OpenLink:
    """An anonymous link for a unit in the wave's scope; `max_answers`: how many people can
    answer through it (None: the people of the unit known in Klantcultuur).

    To reset a link, switch it off and make a new one: the new link has a new address (the
    old poster stops working), and the answers already given still count for the unit."""
    if unit.organization_id != wave.organization_id:
        raise ValidationError(_("The unit belongs to another organisation."))
    if wave.status == WaveStatus.CLOSED:
        raise ValidationError(_("The wave is closed."))
    covered = scope_unit_ids(wave, UnitTree.for_organization(wave.organization_id))
    if covered is not None and unit.id not in covered:
        raise ValidationError(_("This unit is not part of the wave."))
    if max_answers is not None and max_answers < 1:
        raise ValidationError(_("The expected number of people is at least 1."))
    return OpenLink.objects.create(wave=wave, unit=unit, created_by=actor, max_answers=max_answers)


def open_link_set_active(*, link: OpenLink, active: bool) -> None:
    link.active = active
    link.save(update_fields=["active"])


# --- Closing ---------------------------------------------------------------------------
@transaction.atomic
def wave_close(*, wave: Wave) -> bool:
    """Close a wave: freeze its unit tree, delete unfinished answers, shuffle, start the report.

    Responses are rewritten in random order with new keys, so neither their storage order
    nor their keys say anything about the order in which people answered.
    """
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.closed_at is not None:
        return False
    wave.closed_at = timezone.now()
    wave.unit_tree = [
        [unit_id, parent_id]
        for unit_id, parent_id in OrgUnit.objects.filter(organization_id=wave.organization_id)
        .order_by("id")
        .values_list("id", "parent_id")
    ]
    wave.save(update_fields=["closed_at", "unit_tree"])
    wave.invitations.exclude(draft=None).update(draft=None)
    shuffle_responses(wave)
    OpenLink.objects.filter(wave=wave).update(active=False)
    from klantcultuur.scan.services.reports import report_request

    report_request(wave=wave)
    return True


def shuffle_responses(wave: Wave) -> int:
    """Rewrite a wave's responses in random order with fresh random keys."""
    rows = list(Response.objects.filter(wave=wave).values("unit_id", "role", "answers", "comments"))
    Response.objects.filter(wave=wave).delete()
    random.SystemRandom().shuffle(rows)
    Response.objects.bulk_create([Response(wave=wave, **row) for row in rows], batch_size=500)
    return len(rows)


def waves_close_due(*, today: date | None = None) -> int:
    """Close every launched wave whose closing date has passed (the daily run)."""
    today = today or timezone.localdate()
    due = Wave.objects.filter(
        launched_at__isnull=False, closed_at__isnull=True, closes_on__lt=today
    )
    return sum(1 for wave in due if wave_close(wave=wave))
