"""The public customer question; answers are stored as customer feedback (the analyser reads
them, erasure and retention apply), through feedback's documented `feedback_ingest`."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.feedback.models import Touchpoint
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.orgs.models import Organization
from klantcultuur.vision.models import CustomerQuestion
from klantcultuur.vision.models.customers import CHANNEL, TOUCHPOINT

MAX_ANSWER = 2000


def customer_question_ensure(*, organization: Organization) -> CustomerQuestion:
    question, _created = CustomerQuestion.objects.get_or_create(organization=organization)
    return question


@transaction.atomic
def customer_question_update(
    *, question: CustomerQuestion, text: str, intro: str, is_open: bool
) -> CustomerQuestion:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Write the question."))
    question.question, question.intro, question.is_open = text, (intro or "").strip(), is_open
    question.save(update_fields=["question", "intro", "is_open"])
    return question


@transaction.atomic
def customer_question_attach(
    *, question: CustomerQuestion, touchpoints: Iterable[Touchpoint]
) -> CustomerQuestion:
    """Ask the question on exactly these touchpoints' feedback forms (customers' ones only)."""
    chosen = [
        t
        for t in touchpoints
        if t.organization_id == question.organization_id and not t.is_internal
    ]
    question.touchpoints.set(chosen)
    return question


def customer_answer_submit(
    *,
    question: CustomerQuestion,
    text: str,
    customer_ref: str = "",
    external_id: str = "",
    team_id: int | None = None,
    language: str = "",
):
    """Store a customer's answer as a feedback record without a score; returns the record
    (None when the same answer, by external id, is already stored)."""
    text = (text or "").strip()
    if not question.is_open:
        raise ValidationError(_("This question no longer takes answers."))
    if not text:
        raise ValidationError(_("Write your answer."))
    if len(text) > MAX_ANSWER:
        raise ValidationError(_("Keep your answer under %(n)d characters.") % {"n": MAX_ANSWER})
    result = feedback_ingest(
        organization=question.organization,
        source="form",
        items=[
            RecordInput(
                received_at=timezone.now(),
                reason=text,
                touchpoint=TOUCHPOINT,
                channel=CHANNEL,
                customer_ref=customer_ref.strip(),
                external_id=external_id,
                team_id=team_id,
                language=language,
            )
        ],
    )
    return result.created[0] if result.created else None
