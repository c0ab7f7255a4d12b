"""The OpenAPI 3.1 description of the Klantstem API, written by hand in Python.

The texts the API page shows (summaries, descriptions of endpoints and fields) go through
gettext: the page renders them in the user's language, the served JSON in English.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from klantcultuur.feedback.api.formbricks import EVENTS, MAPPABLE

_TEXT = {"type": "string"}
RECORD_EXAMPLE = {
    "received_at": "2025-03-04T10:15:00+01:00",
    "metric": "nps",
    "score": 6,
    "reason": "Vriendelijk geholpen, maar wel lang moeten wachten.",
    "suggestion": "Sneller de telefoon opnemen.",
    "channel": "telefoon",
    "touchpoint": "Reparatieverzoek",
    "team_code": "W-KC-A",
    "external_id": "KCC-2025-000123",
    "customer_ref": "H-10442",
    "contact_consent": True,
}


def _record() -> dict:
    return {
        "type": "object",
        "required": ["received_at"],
        "additionalProperties": False,
        "properties": {
            "received_at": {
                "type": "string",
                "format": "date-time",
                "description": _(
                    "When the customer answered (ISO 8601; without an "
                    "offset the time is read in Europe/Amsterdam)."
                ),
            },
            "metric": {
                "type": "string",
                "enum": ["nps", "csat", "ces", ""],
                "description": _("NPS 0-10, CSAT 1-5, CES 1-7; empty without a score."),
            },
            "score": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
            "reason": {
                **_TEXT,
                "maxLength": 10000,
                "description": _("The main reason for the score (open answer)."),
            },
            "suggestion": {
                **_TEXT,
                "maxLength": 10000,
                "description": _("What would make it a 10 (open answer)."),
            },
            "channel": {**_TEXT, "maxLength": 50},
            "touchpoint": {**_TEXT, "maxLength": 100},
            "product": {**_TEXT, "maxLength": 100},
            "location": {**_TEXT, "maxLength": 100},
            "team_code": {
                **_TEXT,
                "maxLength": 50,
                "description": _("A unit code (or unique name) of the organisation."),
            },
            "external_id": {
                **_TEXT,
                "maxLength": 200,
                "description": _(
                    "Your id; a record with a known id is not stored "
                    "again. Without one, the same content sent again "
                    "counts as known (identical records within one "
                    "request are separate answers)."
                ),
            },
            "customer_ref": {
                **_TEXT,
                "maxLength": 100,
                "description": _("A pseudonymous customer reference (for erasure)."),
            },
            "contact_consent": {"type": "boolean"},
            "is_internal": {
                "type": "boolean",
                "description": _("The customer is a colleague (back-office feedback)."),
            },
            "language": {**_TEXT, "maxLength": 8},
        },
        "example": RECORD_EXAMPLE,
    }


def _ingest_response() -> dict:
    return {
        "type": "object",
        "properties": {
            "created": {"type": "integer"},
            "duplicates": {"type": "integer"},
            "refused": {"type": "integer"},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "index": {"type": "integer"},
                        "status": {"type": "string", "enum": ["created", "duplicate", "refused"]},
                        "id": {"type": "string", "format": "uuid"},
                        "errors": {"type": "array", "items": _TEXT},
                    },
                },
            },
        },
    }


def _errors(*codes: int) -> dict:
    texts = {
        400: "The body is not what the endpoint expects.",
        401: "No valid API token.",
        403: "The token lacks this permission.",
        404: "No such object in the token's organisation.",
    }
    return {
        str(code): {
            "description": texts[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def schema(language: str = "en") -> dict:
    """The description with its texts in `language` (English for developers by default)."""
    with translation.override(language):
        return _schema()


def _schema() -> dict:
    ingest_body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestRequest"}}},
    }
    ingest_ok = {
        "200": {
            "description": "Per record: created, duplicate (already stored) or refused (why).",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/IngestResponse"}}
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Klantcultuur Klantstem API",
            "version": "1.0.0",
            "description": (
                "Send customer feedback to Klantcultuur. Every request carries an API token of "
                "your organisation: `Authorization: Bearer kc_...`. Tokens are made, shown once "
                "and revoked on the Klantstem API page. Records are routed to the team that owns "
                "them, their comments read into compliments and improvement points, and consenting "
                "detractors become follow-up cases. Error texts follow the Accept-Language header "
                "(Dutch by default)."
            ),
        },
        "servers": [{"url": settings.SITE_URL}],
        "security": [{"bearerAuth": []}],
        "paths": {
            "/api/v1/feedback/": {
                "post": {
                    "operationId": "ingestFeedback",
                    "summary": _("Store a batch of feedback records (at most 1000)"),
                    "requestBody": ingest_body,
                    "responses": {**ingest_ok, **_errors(400, 401, 403)},
                }
            },
            "/api/v1/touchpoints/{touchpoint}/feedback/": {
                "post": {
                    "operationId": "ingestTouchpointFeedback",
                    "summary": _(
                        "Store records of one touchpoint (its metric, channel and "
                        "team fill empty fields)"
                    ),
                    "parameters": [
                        {
                            "name": "touchpoint",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        }
                    ],
                    "requestBody": ingest_body,
                    "responses": {**ingest_ok, **_errors(400, 401, 403, 404)},
                }
            },
            "/api/v1/webhooks/formbricks/{token}/": {
                "post": {
                    "operationId": "formbricksWebhook",
                    "summary": _("Receive Formbricks response webhooks as Formbricks sends them"),
                    "description": _(
                        "Point a Formbricks webhook at this URL with your token in the path "
                        "(Formbricks sends no authentication headers). Events: %(events)s. The "
                        "token's question mapping decides which answer fills which field "
                        "(%(fields)s). One record per response id: later events update it."
                    )
                    % {"events": ", ".join(EVENTS), "fields": ", ".join(MAPPABLE)},
                    "security": [],
                    "parameters": [
                        {"name": "token", "in": "path", "required": True, "schema": _TEXT}
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/FormbricksWebhook"}
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "Updated, unchanged, or ignored (no answer yet)."},
                        "201": {"description": "A new record was stored."},
                        **_errors(400, 401, 403),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": _("The OpenAPI description of this API"),
                    "security": [],
                    "responses": {"200": {"description": "OpenAPI 3.1 JSON."}},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Record": _record(),
                "IngestRequest": {
                    "type": "object",
                    "required": ["records"],
                    "properties": {
                        "records": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": 1000,
                            # Each record is checked on its own: one refused record
                            # does not refuse the batch, so the body's schema leaves the
                            # fields to the per-record answer (Record describes them).
                            "items": {
                                "type": "object",
                                "description": "A Record (see its schema). Each record is "
                                "checked on its own: a refused record gets its reasons in the "
                                "answer and does not stop the others.",
                            },
                        }
                    },
                },
                "IngestResponse": _ingest_response(),
                "FormbricksWebhook": {
                    "type": "object",
                    "required": ["event", "data"],
                    "properties": {
                        "webhookId": _TEXT,
                        "event": {"type": "string", "enum": list(EVENTS)},
                        "data": {
                            "type": "object",
                            "required": ["id"],
                            "properties": {
                                "id": {"type": "string", "minLength": 1},
                                "createdAt": {"type": "string", "format": "date-time"},
                                "updatedAt": {"type": "string", "format": "date-time"},
                                "surveyId": _TEXT,
                                "finished": {"type": "boolean"},
                                "data": {
                                    "type": "object",
                                    "description": "Answers and hidden fields by question id.",
                                },
                                "meta": {"type": "object"},
                                "language": {"type": ["string", "null"]},
                                "contact": {
                                    "type": ["object", "null"],
                                    "properties": {"id": _TEXT, "userId": _TEXT},
                                },
                                "contactAttributes": {"type": ["object", "null"]},
                            },
                        },
                    },
                },
                "Error": {"type": "object", "properties": {"error": _TEXT}},
            },
        },
    }
