"""Replying to a customer by e-mail from a follow-up case, and the templates it starts from.

The reply goes through the notifications (stored first, sent from the background, tried
again when the mail server fails) and is kept on the case as its history. The customer's
address lives on the case only: erasure removes it with the case, and it is cleared a
set number of days after the case is resolved (`contact_addresses_clear`, daily).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from klantcultuur.feedback.models import (
    CaseReply,
    CaseStatus,
    FeedbackSettings,
    FollowUpCase,
    ReplyTemplate,
)
from klantcultuur.feedback.replytext import fill
from klantcultuur.orgs.models import Membership, Organization

DEFAULTS = [
    (
        "Excuses en terugkoppeling",
        "nl",
        "Uw reactie aan {organisatie}",
        "Beste klant,\n\n"
        "Dank u wel voor uw reactie van {datum} over {contactmoment}. Het spijt ons dat het "
        "niet ging zoals u mocht verwachten. We hebben uw reactie met {team} besproken en "
        "[schrijf hier wat u gedaan of afgesproken heeft].\n\n"
        "Heeft u nog vragen? Beantwoord dan deze e-mail, dan neem ik contact met u op.\n\n"
        "Met vriendelijke groet,\n{medewerker}\n{team}, {organisatie}",
    ),
    (
        "Bedankt, we pakken het op",
        "nl",
        "Wat we met uw reactie doen",
        "Beste klant,\n\n"
        "Dank u wel dat u de moeite nam om te laten weten hoe {contactmoment} ging. Uw punt "
        "is besproken bij de dagstart van {team}: [schrijf hier wat er verandert].\n\n"
        "Met vriendelijke groet,\n{medewerker}\n{team}, {organisatie}",
    ),
    (
        "Reply in English",
        "en",
        "Your feedback to {organisatie}",
        "Dear customer,\n\n"
        "Thank you for your feedback of {datum} about {contactmoment}. We are sorry it did "
        "not go as you could expect. We discussed it with {team} and "
        "[write here what you did or agreed].\n\n"
        "If you have any questions, just reply to this e-mail.\n\n"
        "Kind regards,\n{medewerker}\n{team}, {organisatie}",
    ),
]


def reply_templates_ensure(*, organization: Organization) -> list[ReplyTemplate]:
    """The organisation's templates; when it has none, the default ones (Dutch, English)."""
    found = list(ReplyTemplate.objects.filter(organization=organization))
    if found:
        return found
    for name, language, subject, body in DEFAULTS:
        ReplyTemplate.objects.get_or_create(
            organization=organization,
            name=name,
            defaults={"language": language, "subject": subject, "body": body},
        )
    return list(ReplyTemplate.objects.filter(organization=organization))


def reply_values(*, case: FollowUpCase, sender: Membership) -> dict[str, str]:
    """What the placeholders stand for on this case, written by this colleague."""
    record = case.feedback
    language = record.language if record.language in ("nl", "en") else "nl"
    with translation.override(language):
        day = formats.date_format(timezone.localtime(record.received_at), "j F Y")
    return {
        "organisatie": case.organization.name,
        "team": case.team.name if case.team else case.organization.name,
        "medewerker": sender.user.get_full_name() or sender.user.email,
        "datum": day,
        "contactmoment": record.touchpoint or record.channel or case.organization.name,
    }


def reply_draft(
    *, case: FollowUpCase, template: ReplyTemplate, sender: Membership
) -> tuple[str, str]:
    """The template's subject and text with this case's values filled in."""
    values = reply_values(case=case, sender=sender)
    return fill(template.subject, values), fill(template.body, values)


def can_reply(case: FollowUpCase) -> bool:
    """A reply needs the customer's consent and an address they gave."""
    return bool(case.customer_email and case.feedback.contact_consent)


@transaction.atomic
def case_reply_send(
    *, case: FollowUpCase, subject: str, body: str, actor: Membership, template_name: str = ""
) -> CaseReply:
    """Send the customer an e-mail, keep it in the case's history, and mark the case
    contacted (a reply is contact)."""
    from klantcultuur.notify.services import notify_customer

    case = FollowUpCase.objects.select_for_update().select_related("feedback").get(pk=case.pk)
    if not can_reply(case):
        raise ValidationError(_("This customer gave no e-mail address to be answered at."))
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a message."))
    delivery = notify_customer(
        organization=case.organization,
        to=case.customer_email,
        subject=subject,
        body=body,
        reply_to=actor.user.email,
    )
    reply = CaseReply.objects.create(
        case=case,
        subject=subject[:200],
        body=body,
        template_name=template_name[:100],
        sent_by=actor,
        delivery=delivery,
    )
    fields = []
    if case.status == CaseStatus.OPEN:
        case.status, case.contacted_at = CaseStatus.CONTACTED, timezone.now()
        fields += ["status", "contacted_at"]
    if case.handled_by_id is None:
        case.handled_by = actor
        fields.append("handled_by")
    if fields:
        case.save(update_fields=fields)
    return reply


def forget_reply_addresses(cases: QuerySet[FollowUpCase]) -> int:
    """Remove the customer's address from the stored messages of these cases' replies.

    A message still on its way keeps it until it is sent or given up (the next run
    clears it); returns how many messages were cleared."""
    from klantcultuur.notify.models import Delivery, DeliveryStatus

    ids = CaseReply.objects.filter(case__in=cases, delivery__isnull=False).values("delivery_id")
    return (
        Delivery.objects.filter(pk__in=ids, to_customer=True)
        .exclude(status__in=(DeliveryStatus.WAITING, DeliveryStatus.FAILED))
        .exclude(to="")
        .update(to="")
    )


def contact_addresses_clear(*, now=None) -> int:
    """Clear the addresses of cases resolved longer ago than each organisation keeps them
    (the daily retention job); returns how many cases lost their address."""
    now = now or timezone.now()
    cleared = 0
    for config in FeedbackSettings.objects.all().only("organization_id", "contact_retention_days"):
        before = now - timedelta(days=config.contact_retention_days)
        cases = FollowUpCase.objects.filter(
            organization_id=config.organization_id,
            status=CaseStatus.RESOLVED,
            resolved_at__lte=before,
        )
        cleared += cases.exclude(customer_email="").update(customer_email="")
        forget_reply_addresses(cases)
    return cleared
