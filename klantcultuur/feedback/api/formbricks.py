"""Read a Formbricks response webhook into record values (pure: no database).

Formbricks posts `{"webhookId", "event", "data": response}` for the events
`responseCreated`, `responseUpdated` and `responseFinished`, where the response holds `id`,
`createdAt`, `updatedAt`, `surveyId`, `finished`, `data` (answers and hidden fields by
question id), `meta` (source, url, userAgent, country), `language`, and the respondent as
`contact` (`id`, `userId`; older versions: `person`) with `contactAttributes`.
The organisation maps question ids to record fields per API token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

EVENTS = ("responseCreated", "responseUpdated", "responseFinished")
# The body of Formbricks' "Test endpoint" call when a webhook is set up.
TEST_EVENT = "testEndpoint"
MAPPABLE = ("score", "reason", "suggestion", "contact_consent", "channel", "touchpoint",
            "product", "location", "team_code", "customer_ref", "is_internal")  # fmt: skip


class PayloadError(ValueError):
    """The body is not a Formbricks response webhook."""


def _text(value: Any) -> Any:
    if isinstance(value, list):  # multiple choice and ranking answers
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):  # address, contact info and matrix answers
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value


# What the OpenAPI document (FormbricksWebhook) says each field is, when it is there
# (Formbricks sends no language as null).
_Types = dict[str, type | tuple[type, ...]]
_TOP: _Types = {"webhookId": str}
_RESPONSE: _Types = {"id": str, "createdAt": str, "updatedAt": str, "surveyId": str, "finished": bool,
             "data": dict, "meta": dict, "language": (str, type(None)), "contact": (dict, type(None)),
             "contactAttributes": (dict, type(None))}  # fmt: skip
_CONTACT: _Types = {"id": str, "userId": str}


_RFC3339 = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$")


def _is_moment(text: str) -> bool:
    """An RFC 3339 date-time, as the document's `format: date-time` says (Formbricks sends
    ISO 8601 in UTC: 2025-03-04T09:15:00.000Z)."""
    if not _RFC3339.match(text):
        return False
    try:
        datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_types(payload: dict, data: dict) -> None:
    for where, values, types in (
        ("", payload, _TOP),
        ("data.", data, _RESPONSE),
        ("data.contact.", data.get("contact") or {}, _CONTACT),
    ):
        for name, kind in types.items():
            if name in values and not isinstance(values[name], kind):
                raise PayloadError(f"{where}{name} has the wrong type; see the OpenAPI document.")
    for name in ("createdAt", "updatedAt"):
        if name in data and not _is_moment(data[name]):
            raise PayloadError(f"data.{name} is not an RFC 3339 date-time.")


def response_values(payload: Any, fields: Mapping[str, str]) -> tuple[str, dict[str, Any]]:
    """(event, raw record values) from a webhook body; raises PayloadError."""
    if not isinstance(payload, dict):
        raise PayloadError("The body must be a JSON object.")
    event = payload.get("event")
    if event not in EVENTS:
        raise PayloadError(f"Unknown event {event!r}; expected one of {', '.join(EVENTS)}.")
    data = payload.get("data")
    if not isinstance(data, dict) or not data.get("id"):
        raise PayloadError("The response (data) with its id is missing.")
    _check_types(payload, data)
    answers = data.get("data") or {}
    values: dict[str, Any] = {
        "external_id": str(data["id"]),
        "received_at": data.get("createdAt") or data.get("updatedAt"),
    }
    language = data.get("language")
    if isinstance(language, str) and language != "default":
        values["language"] = language[:8]
    contact = data.get("contact") or data.get("person") or {}
    if isinstance(contact, dict):
        reference = contact.get("userId") or contact.get("id")
        if reference:
            values["customer_ref"] = str(reference)
    for question_id, field in fields.items():
        if field in MAPPABLE and question_id in answers:
            answer = _text(answers[question_id])
            if field == "contact_consent" and isinstance(answer, str):
                answer = {"accepted": "ja", "dismissed": "nee"}.get(answer, answer)
            values[field] = answer
    return event, values
