"""Objects of organisation A for the project-wide access test (tests/test_access.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klantcultuur.feedback.analysis import topics_for
from klantcultuur.feedback.models import (
    ApiToken,
    FeedbackImport,
    FollowUpCase,
    ReplyTemplate,
    RoutingRule,
    Touchpoint,
)
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput


def url_kwargs(world) -> dict[str, dict]:
    org = world.org
    touchpoint = Touchpoint.objects.create(
        organization=org, name="Reparatie afgerond", subject="de monteur", team=world.team
    )
    record = feedback_ingest(
        organization=org,
        source="api",
        items=[
            RecordInput(
                received_at=timezone.now() - timedelta(hours=2),
                metric="nps",
                score=3,
                reason="Niemand belde terug.",
                team_id=world.team.id,
                contact_consent=True,
                customer_ref="K-1",
                customer_email="klant@example.nl",
            )
        ],
    ).created[0]
    case = FollowUpCase.objects.get(feedback=record)
    rule = RoutingRule.objects.create(
        organization=org, field="channel", value="telefoon", team=world.team
    )
    topic = topics_for(org)[0]
    token = ApiToken.objects.create(
        organization=org, name="CRM", prefix="kc_x", token_hash="0" * 64
    )
    job = FeedbackImport.objects.create(organization=org, filename="enquete.csv")
    template = ReplyTemplate.objects.create(
        organization=org, name="Excuses", subject="Uw reactie", body="Beste klant,"
    )
    return {
        "feedback-unit": {"code": world.team.uuid},
        "feedback-record": {"code": record.uuid},
        "feedback-record-label": {"code": record.uuid},
        "feedback-record-team": {"code": record.uuid},
        "feedback-case": {"code": case.uuid},
        "feedback-case-reply": {"code": case.uuid},
        "feedback-reply-template": {"code": template.uuid},
        "feedback-touchpoint": {"code": touchpoint.uuid},
        "feedback-touchpoint-qr": {"code": touchpoint.uuid},
        "feedback-rule-delete": {"code": rule.uuid},
        "feedback-rule-move": {"code": rule.uuid},
        "feedback-topic": {"code": topic.uuid},
        "feedback-import": {"code": job.uuid},
        "feedback-import-progress": {"code": job.uuid},
        "feedback-import-report": {"code": job.uuid},
        "feedback-token": {"code": token.uuid},
        "feedback-token-revoke": {"code": token.uuid},
        "feedback-form": {"code": touchpoint.uuid},
        "feedback-form-thanks": {"code": touchpoint.uuid},
        "feedback-api-touchpoint": {"code": touchpoint.uuid},
        "feedback-api-formbricks": {"token": "kc_not-a-real-token"},
    }
