"""Guiding questions, co-creation rounds, versions of the vision and publishing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Membership, Organization
from klantcultuur.vision.models import (
    Behaviour,
    Contribution,
    GuidingQuestion,
    Promise,
    Reaction,
    ReactionKind,
    Round,
    VersionStatus,
    VisionVersion,
)
from klantcultuur.vision.models.writing import MAX_PROMISES, MIN_PROMISES

# The format of guiding questions every organisation starts with (after Thomassen & De Haan).
DEFAULT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Waar willen we over vijf jaar staan met onze klanten?",
     "Beschrijf de situatie die je voor je ziet, niet de weg ernaartoe."),
    ("Wat willen we voor onze klanten zijn?",
     "In woorden die een klant zelf zou gebruiken."),
    ("Wat willen we uitdrukkelijk níet zijn?",
     "Waar moet een klant ons nooit op kunnen betrappen?"),
    ("Welke beloftes doen we onze klanten?",
     "Drie tot zeven beloftes die een klant kan navertellen en waar hij ons op kan aanspreken."),
    ("Wat merken klanten daarvan, de eerste keer dat ze ons nodig hebben?",
     "Een concreet moment: een telefoontje, een reparatie, een klacht."),
    ("Wat vraagt dit van onze medewerkers?",
     "Welk gedrag zie je dan elke dag, en welke ruimte om te beslissen hebben ze nodig?"),
    ("Wat vraagt dit van onze leidinggevenden?",
     "Hoe sturen zij, wat bespreken ze in de dagstart, welk voorbeeld geven ze?"),
    ("Wat vraagt dit van onze processen en systemen?",
     "Wat moet anders, zodat medewerkers hun belofte kunnen waarmaken?"),
)  # fmt: skip


def questions_ensure(*, organization: Organization) -> list[GuidingQuestion]:
    """The organisation's guiding questions; the Dutch default format the first time."""
    existing = list(
        GuidingQuestion.objects.filter(organization=organization, archived_at__isnull=True)
    )
    if existing or GuidingQuestion.objects.filter(organization=organization).exists():
        return existing
    with transaction.atomic():
        GuidingQuestion.objects.bulk_create(
            GuidingQuestion(organization=organization, position=i, text=text, help_text=help)
            for i, (text, help) in enumerate(DEFAULT_QUESTIONS)
        )
    return list(GuidingQuestion.objects.filter(organization=organization))


@transaction.atomic
def question_save(
    *,
    organization: Organization,
    text: str,
    help_text: str = "",
    question: GuidingQuestion | None = None,
) -> GuidingQuestion:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Write the question."))
    if question is None:
        last = GuidingQuestion.objects.filter(organization=organization).aggregate(
            m=Max("position")
        )["m"]
        return GuidingQuestion.objects.create(
            organization=organization,
            text=text,
            help_text=help_text.strip(),
            position=(last or 0) + 1,
        )
    question.text, question.help_text = text, help_text.strip()
    question.save(update_fields=["text", "help_text"])
    return question


@transaction.atomic
def question_archive(*, question: GuidingQuestion) -> None:
    question.archived_at = timezone.now()
    question.save(update_fields=["archived_at"])


@transaction.atomic
def round_start(
    *,
    organization: Organization,
    title: str,
    invitation: str = "",
    closes_on: date | None = None,
    by: Membership,
) -> Round:
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError(_("The closing date lies in the past."))
    questions_ensure(organization=organization)
    return Round.objects.create(
        organization=organization,
        title=title.strip(),
        invitation=invitation.strip(),
        closes_on=closes_on,
        started_by=by,
    )


@transaction.atomic
def round_close(*, round: Round) -> None:
    round.closed_at = timezone.now()
    round.save(update_fields=["closed_at"])


@transaction.atomic
def contribution_add(
    *, round: Round, question: GuidingQuestion, author: Membership, text: str
) -> Contribution:
    if not round.is_open:
        raise ValidationError(_("This round is closed."))
    if question.organization_id != round.organization_id or question.archived_at:
        raise ValidationError(_("This question is not part of the round."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your answer."))
    return Contribution.objects.create(
        organization_id=round.organization_id,
        round=round,
        question=question,
        author=author,
        text=text,
    )


@transaction.atomic
def reaction_add(
    *, contribution: Contribution, author: Membership, kind: str, text: str = ""
) -> Reaction | None:
    """Agree (a second agree takes it back) or comment on a contribution."""
    if not contribution.round.is_open:
        raise ValidationError(_("This round is closed."))
    if kind == ReactionKind.AGREE:
        existing = Reaction.objects.filter(
            contribution=contribution, author=author, kind=ReactionKind.AGREE
        )
        if existing.exists():
            existing.delete()
            return None
        return Reaction.objects.create(
            organization_id=contribution.organization_id,
            contribution=contribution,
            author=author,
            kind=ReactionKind.AGREE,
        )
    if kind != ReactionKind.COMMENT:
        raise ValidationError(_("Unknown reaction."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your comment."))
    return Reaction.objects.create(
        organization_id=contribution.organization_id,
        contribution=contribution,
        author=author,
        kind=ReactionKind.COMMENT,
        text=text,
    )


@dataclass(frozen=True)
class PromiseInput:
    title: str
    explanation: str = ""
    lineage: uuid.UUID | None = None  # the promise in an earlier version it continues


@transaction.atomic
def version_save(
    *,
    organization: Organization,
    title: str,
    text: str,
    promises: Sequence[PromiseInput],
    change_note: str = "",
    by: Membership,
) -> VisionVersion:
    """Save the vision as its next version (a draft); earlier versions stay as they were."""
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ValidationError(_("A version needs a title and the text of the vision."))
    promises = [p for p in promises if p.title.strip()]
    if len(promises) > MAX_PROMISES:
        raise ValidationError(
            _("At most %(n)d promises: a customer must be able to remember them.")
            % {"n": MAX_PROMISES}
        )
    # One row lock per organisation keeps two editors from taking the same number.
    Organization.objects.select_for_update().filter(id=organization.id).first()
    last = VisionVersion.objects.filter(organization=organization).aggregate(m=Max("number"))["m"]
    version = VisionVersion.objects.create(
        organization=organization,
        number=(last or 0) + 1,
        title=title,
        text=text,
        change_note=change_note.strip(),
        created_by=by,
    )
    known = set(Promise.objects.filter(organization=organization).values_list("lineage", flat=True))
    seen: set[uuid.UUID] = set()
    rows = []
    for position, item in enumerate(promises):
        lineage = item.lineage if item.lineage in known and item.lineage not in seen else None
        lineage = lineage or uuid.uuid4()
        seen.add(lineage)
        rows.append(
            Promise(
                organization=organization,
                version=version,
                lineage=lineage,
                position=position,
                title=item.title.strip(),
                explanation=item.explanation.strip(),
            )
        )
    Promise.objects.bulk_create(rows)
    return version


def published_version(organization: Organization | int) -> VisionVersion | None:
    org_id = organization if isinstance(organization, int) else organization.id
    return VisionVersion.objects.filter(
        organization_id=org_id, status=VersionStatus.PUBLISHED
    ).first()


@transaction.atomic
def version_publish(*, version: VisionVersion, by: Membership) -> int:
    """Publish a version: the one before it is superseded, behaviours follow their promise,
    and every manager is asked to endorse it (again). Returns the number asked."""
    from klantcultuur.vision.services.endorsements import endorsements_request

    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    promises = list(version.promises.all())
    if not MIN_PROMISES <= len(promises) <= MAX_PROMISES:
        raise ValidationError(
            _("A published vision has %(low)d to %(high)d customer promises; this one has %(n)d.")
            % {"low": MIN_PROMISES, "high": MAX_PROMISES, "n": len(promises)}
        )
    VisionVersion.objects.filter(
        organization_id=version.organization_id, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = by
    version.save(update_fields=["status", "published_at", "published_by"])
    for promise in promises:
        Behaviour.objects.filter(
            organization_id=version.organization_id, promise__lineage=promise.lineage
        ).exclude(promise=promise).update(promise=promise)
    return endorsements_request(version=version)
