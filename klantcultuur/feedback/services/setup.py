"""What an organisation sets up for feedback: API tokens, topics, routing, touchpoints."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record
from klantcultuur.feedback.models import ApiToken, RoutingRule, Topic, Touchpoint
from klantcultuur.feedback.services.records import analyser_changed
from klantcultuur.lib.tokens import token_hash
from klantcultuur.orgs.models import Organization

TOKEN_PREFIX = "kc_"


def token_create(
    *,
    organization: Organization,
    name: str,
    user,
    can_ingest: bool = True,
    can_webhook: bool = True,
    touchpoint: Touchpoint | None = None,
) -> tuple[ApiToken, str]:
    """A new token; the secret is returned once and only its hash is kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organization=organization,
        name=name,
        prefix=raw[:10],
        token_hash=token_hash(raw),
        can_ingest=can_ingest,
        can_webhook=can_webhook,
        touchpoint=touchpoint,
        created_by=user,
    )
    audit_record(
        action=Action.API_TOKEN_CREATED,
        organization=organization,
        actor=user,
        target=name,
        details={"prefix": token.prefix},
    )
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_lookup(raw: str) -> ApiToken | None:
    """The active token with this secret, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("organization", "touchpoint")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or token.last_used_at < now - timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def topic_save(*, topic: Topic) -> Topic:
    topic.full_clean()
    topic.save()
    analyser_changed(topic.organization_id)
    return topic


def topic_delete(*, topic: Topic) -> None:
    """Remove a topic from the taxonomy (sentences read earlier keep their tag)."""
    organization_id = topic.organization_id
    topic.delete()
    analyser_changed(organization_id)


@transaction.atomic
def rule_move(*, rule: RoutingRule, up: bool) -> None:
    """Swap a rule with its neighbour (the first matching rule wins)."""
    rules = list(RoutingRule.objects.filter(organization_id=rule.organization_id))
    index = next(i for i, r in enumerate(rules) if r.pk == rule.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rules):
        rules[index], rules[other] = rules[other], rules[index]
    for position, item in enumerate(rules):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def rule_add(*, rule: RoutingRule) -> RoutingRule:
    last = RoutingRule.objects.filter(organization_id=rule.organization_id).count()
    rule.position = last
    rule.full_clean()
    rule.save()
    return rule
