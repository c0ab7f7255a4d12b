"""The recall check: open one, and take an anonymous answer scored against the promises."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Membership
from klantcultuur.vision.models import RecallAnswer, RecallCheck, RecallParticipation, VisionVersion
from klantcultuur.vision.scoring.recall import Promise as PromiseText
from klantcultuur.vision.scoring.recall import Result, Scorer


@transaction.atomic
def recall_check_create(
    *, version: VisionVersion, title: str, opens_on: date, closes_on: date, by: Membership
) -> RecallCheck:
    if not version.is_published:
        raise ValidationError(_("A recall check asks about the published vision."))
    if closes_on < opens_on:
        raise ValidationError(_("The closing date lies before the opening date."))
    return RecallCheck.objects.create(
        organization_id=version.organization_id,
        version=version,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )


def scorer_for(version: VisionVersion) -> Scorer:
    promises = list(version.promises.all())
    return Scorer([PromiseText(str(p.uuid), p.full_text) for p in promises])


def answer_fields(scorer: Scorer, result: Result) -> dict:
    """What an answer stores of its score: the matches (explained) and the positions named."""
    order = [p.key for p in scorer.promises]
    positions = sorted(order.index(m.key) for m in result.matches)
    return {
        "named": result.named,
        "matched": [
            {"promise": m.key, "fragment": m.fragment, "words": [list(w) for w in m.words]}
            for m in result.matches
        ],
        "positions": "".join(f" {p}" for p in positions) + " " if positions else "",
    }


def recall_answer_submit(
    *, recall: RecallCheck, membership: Membership, text: str, understanding: int
) -> Result:
    """Store an anonymous answer once per person; returns the explained score for that person."""
    text = (text or "").strip()
    if not recall.is_open:
        raise ValidationError(_("This recall check is not open."))
    if not text:
        raise ValidationError(_("Write down the promises you remember, in your own words."))
    if understanding not in range(1, 6):
        raise ValidationError(_("Choose how well you know the promises (1 to 5)."))
    scorer = scorer_for(recall.version)
    result = scorer.score(text)
    try:
        with transaction.atomic():
            RecallParticipation.objects.create(recall=recall, membership=membership)
            RecallAnswer.objects.create(
                organization_id=recall.organization_id,
                recall=recall,
                unit_id=membership.unit_id,
                is_manager=membership.is_manager,
                text=text,
                understanding=understanding,
                **answer_fields(scorer, result),
            )
    except IntegrityError as exc:
        raise ValidationError(_("You have already answered this recall check.")) from exc
    return result
