"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.vision.models import (
    Contribution,
    CustomerQuestion,
    Endorsement,
    GuidingQuestion,
    Round,
)
from klantcultuur.vision.services import writing
from klantcultuur.vision.services.tags import tag_add
from klantcultuur.vision.tests.helpers import behaviour, published, recall_check


def url_kwargs(world) -> dict[str, dict]:
    version = published(world)
    questions = writing.questions_ensure(organization=world.org)
    round_ = Round.objects.create(organization=world.org, title="Ronde 1")
    contribution = Contribution.objects.create(
        organization=world.org,
        round=round_,
        question=questions[0],
        author=world.employee,
        text="Dat huurders ons aanraden.",
    )
    endorsement = Endorsement.objects.get(version=version, manager=world.manager)
    seen = behaviour(world, version)
    recall = recall_check(world, version)
    question = GuidingQuestion.objects.filter(organization=world.org).first()
    assert question is not None
    CustomerQuestion.objects.get_or_create(organization=world.org)
    compliment = ingest(
        world.org, item(reason="De monteur was heel vriendelijk.", team_id=world.team.id)
    ).created[0]
    tag = tag_add(behaviour=seen, record=compliment, by=world.employee)
    return {
        "vision-tag-delete": {"code": tag.uuid},
        "vision-question": {"code": question.uuid},
        "vision-round": {"code": round_.uuid},
        "vision-round-close": {"code": round_.uuid},
        "vision-react": {"code": contribution.uuid},
        "vision-version": {"code": version.uuid},
        "vision-version-diff": {"code": version.uuid},
        "vision-publish": {"code": version.uuid},
        "vision-endorsement": {"code": endorsement.uuid},
        "vision-endorse": {"code": endorsement.uuid},
        "vision-respond": {"code": endorsement.uuid},
        "vision-behaviour": {"code": seen.uuid},
        "vision-behaviour-edit": {"code": seen.uuid},
        "vision-behaviour-status": {"code": seen.uuid},
        "vision-recall-answer": {"code": recall.uuid},
        "vision-recall-results": {"code": recall.uuid},
        "vision-week": {"code": world.team.uuid},
    }
