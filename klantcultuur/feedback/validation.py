"""Turn raw values (a file row, an API record, a webhook answer) into a valid record (pure).

One set of rules for every way in, so a record the API refuses is refused by the import
with the same words. `clean_record` returns a `RecordInput` or the reasons it is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klantcultuur.lib.dates import parse_datetime
from klantcultuur.lib.text import strip_unsafe

METRICS = ("nps", "csat", "ces")
SCORE_RANGE = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
MAX_LENGTH = {
    "reason": 10_000, "suggestion": 10_000, "channel": 50, "touchpoint": 100, "product": 100,
    "location": 100, "team_code": 50, "external_id": 200, "customer_ref": 100, "language": 8,
}  # fmt: skip
TEXT_FIELDS = tuple(MAX_LENGTH)
FIELD_LABELS = {
    "received_at": gettext_lazy("Date"),
    "metric": gettext_lazy("Metric"),
    "score": gettext_lazy("Score"),
    "reason": gettext_lazy("Main reason for the score"),
    "suggestion": gettext_lazy("What would make it a 10"),
    "channel": gettext_lazy("Channel"),
    "touchpoint": gettext_lazy("Touchpoint"),
    "product": gettext_lazy("Product"),
    "location": gettext_lazy("Location"),
    "team_code": gettext_lazy("Team code"),
    "external_id": gettext_lazy("External id"),
    "customer_ref": gettext_lazy("Customer reference"),
    "contact_consent": gettext_lazy("May be contacted"),
    "is_internal": gettext_lazy("Internal customer"),
    "language": gettext_lazy("Language"),
}
# Feedback from the future is a clock or file error; a little slack for clock skew.
FUTURE_SLACK = timedelta(hours=1)
EARLIEST = date(2000, 1, 1)


@dataclass(slots=True)
class RecordInput:
    """A valid record, ready to be routed and stored."""

    received_at: datetime
    metric: str = ""
    score: int | None = None
    reason: str = ""
    suggestion: str = ""
    channel: str = ""
    touchpoint: str = ""
    product: str = ""
    location: str = ""
    team_code: str = ""
    external_id: str = ""
    customer_ref: str = ""
    contact_consent: bool = False
    customer_email: str = ""  # kept only on the follow-up case the record may get
    is_internal: bool = False
    language: str = ""
    team_id: int | None = None  # an explicit owning unit (a touchpoint's team)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def routing_values(self) -> dict[str, str]:
        return {
            "touchpoint": self.touchpoint,
            "channel": self.channel,
            "product": self.product,
            "location": self.location,
            "team_code": self.team_code,
        }


_TRUE = {
    "1",
    "ja",
    "j",
    "yes",
    "y",
    "true",
    "waar",
    "x",
    "akkoord",
    "toestemming",
    "wel",
    "accepted",
}
_FALSE = {"", "0", "nee", "n", "no", "false", "onwaar", "geen", "niet", "dismissed"}
_SCORE = re.compile(r"^\s*(\d{1,2})(?:[.,]0+)?(?:\s*(?:[-–:=]|\(|$).*)?$", re.DOTALL)
_ZONE_SUFFIX = re.compile(r"\s+(?:UTC|GMT|Z)([+-]\d{1,2}(?::?\d{2})?)?$", re.IGNORECASE)


class FieldError(ValueError):
    """A value that cannot be used; the message is shown to the user."""


@lru_cache(maxsize=4096)
def parse_bool(value: object) -> bool:
    """Dutch and English yes/no: ja, nee, yes, no, 1, 0, waar, onwaar, x (and True/False)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError(_("“%(value)s” is not yes or no.") % {"value": text[:40]})


@lru_cache(maxsize=4096)
def parse_metric(value: object) -> str:
    text = str(value or "").strip().lower()
    if text in METRICS or text == "":
        return text
    aliases = {
        "net promoter score": "nps",
        "klanttevredenheid": "csat",
        "tevredenheid": "csat",
        "customer effort score": "ces",
        "klantinspanning": "ces",
        "geen": "",
    }
    if text in aliases:
        return aliases[text]
    raise FieldError(_("Unknown metric “%(value)s” (use NPS, CSAT or CES).") % {"value": text[:40]})


@lru_cache(maxsize=4096)
def _score_text(text: str) -> int | None:
    if text == "":
        return None
    match = _SCORE.match(text)
    if not match:
        raise FieldError(_("“%(value)s” is not a whole number.") % {"value": text[:40]})
    return int(match[1])


def parse_score(value: object, metric: str) -> int | None:
    """A whole score within the metric's range ('8', '8,0', 8.0, '10 - Zeer waarschijnlijk')."""
    if value is None or isinstance(value, bool):
        score = None
    elif isinstance(value, int):
        score = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise FieldError(_("“%(value)s” is not a whole number.") % {"value": value})
        score = int(value)
    else:
        score = _score_text(str(value).strip())
    if score is None:
        return None
    if metric not in SCORE_RANGE:
        raise FieldError(_("A score needs a metric (NPS, CSAT or CES)."))
    low, high = SCORE_RANGE[metric]
    if not low <= score <= high:
        raise FieldError(
            _("%(score)s is outside the %(metric)s scale (%(low)s–%(high)s).")
            % {"score": score, "metric": metric.upper(), "low": low, "high": high}
        )
    return score


def parse_moment(value: object, zone: tzinfo) -> datetime:
    """A moment: ISO 8601, '15-03-2024 14:30', '2024-06-15 10:00:00 UTC', or a spreadsheet date."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise FieldError(_("The date is missing."))
        suffix = _ZONE_SUFFIX.search(text)
        if suffix:
            offset = suffix[1] or "+00:00"
            if ":" not in offset and len(offset) > 3:
                offset = f"{offset[:-2]}:{offset[-2:]}"
            elif len(offset) <= 3:
                offset = f"{offset[0]}{int(offset[1:]):02d}:00"
            text = text[: suffix.start()].replace(" ", "T", 1) + offset
        value = text
    try:
        moment = parse_datetime(value, zone)
    except (ValueError, TypeError, OverflowError) as exc:
        raise FieldError(
            _("“%(value)s” is not a date (use for example 15-03-2024 14:30).")
            % {"value": str(value)[:40]}
        ) from exc
    return moment


def check_moment(moment: datetime, now: datetime) -> None:
    if moment > now + FUTURE_SLACK:
        raise FieldError(_("The date lies in the future."))
    if moment.date() < EARLIEST:
        raise FieldError(_("The date lies before 2000."))


def clean_text(name: str, value: object) -> str:
    """A text field without surrounding spaces or control characters, within its length."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = strip_unsafe(str(value)).strip()
    limit = MAX_LENGTH[name]
    if len(text) > limit:
        raise FieldError(
            _("%(field)s is too long (%(length)s characters, at most %(max)s).")
            % {
                "field": FIELD_LABELS[name],
                "length": f"{len(text):,}".replace(",", "."),
                "max": f"{limit:,}".replace(",", "."),
            }
        )
    return text


def clean_record(
    values: Mapping[str, Any],
    *,
    zone: tzinfo,
    now: datetime,
    defaults: Mapping[str, Any] | None = None,
) -> tuple[RecordInput | None, list[str]]:
    """Validate one record's raw values; `defaults` fill fields the values leave empty."""
    defaults = defaults or {}
    # JSON may send a list or an object where one value belongs: refused, never guessed at.
    nested = [n for n, v in values.items() if n in FIELD_LABELS and isinstance(v, list | dict)]
    if nested:
        message = _("send one value, not a list or an object.")
        return None, [f"{FIELD_LABELS[name]}: {message}" for name in nested]
    errors: list[str] = []

    def get(name: str) -> Any:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return defaults.get(name, "")
        return value

    def attempt(name: str, parse, *args):
        try:
            return parse(*args)
        except FieldError as exc:
            errors.append(f"{FIELD_LABELS[name]}: {exc}")
            return None

    received = get("received_at")
    moment = None
    if received in (None, ""):
        errors.append(_("The date is missing."))
    else:
        moment = attempt("received_at", parse_moment, received, zone)
        if moment is not None:
            attempt("received_at", check_moment, moment, now)
    metric = attempt("metric", parse_metric, get("metric") or "") or ""
    score = attempt("score", parse_score, get("score"), metric) if metric or get("score") else None
    texts: dict[str, Any] = {
        name: attempt(name, clean_text, name, get(name)) or "" for name in TEXT_FIELDS
    }
    consent = attempt("contact_consent", parse_bool, get("contact_consent") or "")
    internal = attempt("is_internal", parse_bool, get("is_internal") or "")
    if score is None:
        metric = ""  # a skipped score question: the comment still counts
    if not errors and score is None and not texts["reason"] and not texts["suggestion"]:
        errors.append(_("The record has neither a score nor a comment."))
    if errors:
        return None, errors
    assert moment is not None  # a missing or unreadable date is one of the errors above
    return RecordInput(
        received_at=moment,
        metric=metric,
        score=score,
        contact_consent=bool(consent),
        is_internal=bool(internal),
        team_id=defaults.get("team_id"),
        **texts,
    ), []
