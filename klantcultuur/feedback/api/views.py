"""API views: batch ingest of JSON records, the Formbricks webhook, the OpenAPI schema."""

from __future__ import annotations

import json
import logging
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from klantcultuur.feedback.api.auth import ApiRequest, authenticate
from klantcultuur.feedback.api.formbricks import TEST_EVENT, PayloadError, response_values
from klantcultuur.feedback.api.openapi import schema
from klantcultuur.feedback.models import Feedback, Source, Touchpoint
from klantcultuur.feedback.services.records import (
    feedback_ingest,
    feedback_update,
    router_for,
)
from klantcultuur.feedback.validation import FIELD_LABELS, RecordInput, clean_record
from klantcultuur.orgs.access import api, public

MAX_RECORDS = 1000
FIELDS = set(FIELD_LABELS)
log = logging.getLogger(__name__)


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _json_body(request: HttpRequest):
    if request.content_type != "application/json":
        raise ValueError("Send the body as application/json.")
    try:
        return json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"The body is not valid JSON: {exc}") from exc


def _touchpoint_defaults(touchpoint: Touchpoint | None) -> dict:
    if touchpoint is None:
        return {}
    defaults = {
        "metric": touchpoint.metric,
        "channel": touchpoint.channel,
        "touchpoint": touchpoint.name,
        "is_internal": touchpoint.is_internal,
    }
    if touchpoint.team_id:
        defaults["team_id"] = touchpoint.team_id
    return defaults


def _ingest(request: ApiRequest, defaults: dict) -> JsonResponse:
    if not request.api_token.can_ingest:
        return _error("This token may not send feedback records.", 403)
    try:
        body = _json_body(request)
    except ValueError as exc:
        return _error(str(exc), 400)
    records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(records, list) or not records:
        return _error('Send an object {"records": [...]} with at least one record.', 400)
    if len(records) > MAX_RECORDS:
        return _error(f"At most {MAX_RECORDS} records per request.", 400)
    if not all(isinstance(values, dict) for values in records):
        return _error("Every record must be an object.", 400)
    zone, now = ZoneInfo(settings.TIME_ZONE), timezone.now()
    results: list[dict] = []
    items: list[RecordInput] = []
    positions: list[int] = []
    for index, values in enumerate(records):
        unknown = sorted(set(values) - FIELDS)
        item, errors = clean_record(values, zone=zone, now=now, defaults=defaults)
        errors = [*(f"Unknown field “{name}”." for name in unknown), *errors]
        if errors:
            results.append({"index": index, "status": "refused", "errors": errors})
            continue
        assert item is not None  # a record without errors
        items.append(item)
        positions.append(index)
    source = Source.API
    outcome = feedback_ingest(organization=request.organization, items=items, source=source)
    created = iter(outcome.created)
    duplicates = set(outcome.duplicates)
    for position, index in enumerate(positions):
        if position in duplicates:
            results.append({"index": index, "status": "duplicate"})
        else:
            record = next(created)
            results.append({"index": index, "status": "created", "id": str(record.uuid)})
    results.sort(key=lambda r: r["index"])
    counts = {
        s: sum(1 for r in results if r["status"] == s) for s in ("created", "duplicate", "refused")
    }
    return JsonResponse(
        {
            "created": counts["created"],
            "duplicates": counts["duplicate"],
            "refused": counts["refused"],
            "results": results,
        }
    )


@api(authenticate, methods=("POST",))
def records(request: ApiRequest):
    """POST /api/v1/feedback/: a batch of records for the token's organisation."""
    return _ingest(request, {})


@api(authenticate, methods=("POST",))
def touchpoint_records(request: ApiRequest, code: str):
    """POST /api/v1/touchpoints/<uuid>/feedback/: records of one touchpoint (its defaults).

    The code is read here, not by the URL, so that a malformed one is a JSON 404 as well."""
    try:
        touchpoint = Touchpoint.objects.filter(
            organization=request.organization, uuid=UUID(code)
        ).first()
    except ValueError:
        touchpoint = None
    if touchpoint is None:
        return _error("No such touchpoint in the token's organisation.", 404)
    return _ingest(request, _touchpoint_defaults(touchpoint))


@api(authenticate, methods=("POST",))
def formbricks_webhook(request: ApiRequest, token: str):
    """POST /api/v1/webhooks/formbricks/<token>/: a Formbricks response webhook, as sent."""
    api_token = request.api_token
    if not api_token.can_webhook:
        return _error("This token may not receive webhooks.", 403)
    try:
        body = _json_body(request)
    except ValueError as exc:
        return _error(str(exc), 400)
    if isinstance(body, dict) and body.get("event") == TEST_EVENT:
        # Formbricks' "Test endpoint" button posts {"event": "testEndpoint"} and wants a 2xx.
        return JsonResponse({"status": "ok", "event": TEST_EVENT})
    try:
        event, values = response_values(body, api_token.formbricks_fields)
    except (ValueError, PayloadError) as exc:
        return _error(str(exc), 400)
    defaults = _touchpoint_defaults(api_token.touchpoint) or {"metric": "nps"}
    defaults.setdefault("channel", "formbricks")
    item, errors = clean_record(
        values, zone=ZoneInfo(settings.TIME_ZONE), now=timezone.now(), defaults=defaults
    )
    if item is None:
        # A response that has no answer yet (responseCreated) waits for the next event.
        return JsonResponse({"status": "ignored", "event": event, "errors": errors})
    organization = request.organization
    existing = Feedback.objects.with_external_id(organization.id, item.external_id).first()
    if existing is None:
        outcome = feedback_ingest(organization=organization, items=[item], source=Source.WEBHOOK)
        if outcome.created:
            return JsonResponse(
                {"status": "created", "event": event, "id": str(outcome.created[0].uuid)},
                status=201,
            )
        existing = Feedback.objects.with_external_id(organization.id, item.external_id).get()
    changed = feedback_update(record=existing, item=item, router=router_for(organization))
    return JsonResponse(
        {"status": "updated" if changed else "unchanged", "event": event, "id": str(existing.uuid)}
    )


@public
@csrf_exempt  # no cookie, no state: any other method is a 405, not a CSRF 403
@require_safe  # GET (and HEAD): the document lists no other method
def openapi_schema(request: HttpRequest):
    """The OpenAPI 3.1 description of this API (also rendered on the API page)."""
    return JsonResponse(schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})
