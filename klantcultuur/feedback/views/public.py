"""The public feedback form of a touchpoint: phone-first, Dutch or English, no login.

Exactly one record per submission: every opened form carries a signed one-off token that
becomes the record's external id, so a double click, a resubmitted page or a replayed
request stores nothing twice (the unique index decides, also under concurrency). The token
also sits in the form's address (`?t=`): pressing Back after sending makes a phone fetch
that address again, and it gets the thanks page instead of a form with a new token. A
honeypot field catches simple bots; each address may send a limited number of answers
per touchpoint per ten minutes.
"""

from __future__ import annotations

import secrets
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klantcultuur.feedback import form_extensions, selectors
from klantcultuur.feedback.forms import PublicFeedbackForm
from klantcultuur.feedback.models import Feedback, Source, Touchpoint
from klantcultuur.feedback.services.records import (
    feedback_create,
    feedback_store_answer,
    follow_up_soon,
)
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.lib.clientip import client_address
from klantcultuur.lib.ratelimit import over_limit
from klantcultuur.lib.text import strip_unsafe
from klantcultuur.orgs.access import public

SALT = "klantcultuur.feedback.form"
TOKEN_MAX_AGE = 3 * 24 * 3600  # a form left open over a weekend still works
RATE_WINDOW = 10 * 60
LANGUAGES = ("nl", "en")


def _language(request: HttpRequest) -> str:
    wanted = request.POST.get("lang") or request.GET.get("lang") or ""
    return wanted if wanted in LANGUAGES else translation.get_language() or "nl"


def _rate_limited(touchpoint: Touchpoint, request: HttpRequest) -> bool:
    key = f"feedback-form:{touchpoint.uuid}:{client_address(request)}"
    return over_limit(key, limit=settings.FEEDBACK_FORM_RATE_LIMIT, window=RATE_WINDOW)


def new_token() -> str:
    return signing.dumps(secrets.token_hex(16), salt=SALT)


def _unsign(token: str, max_age: int | None = TOKEN_MAX_AGE) -> str | None:
    """The random part of a form token; None when it is forged or older than `max_age`."""
    try:
        return signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None


def _external_id(raw: str) -> str:
    return f"form-{raw}"


def _was_sent(touchpoint: Touchpoint, raw: str) -> bool:
    return Feedback.objects.with_external_id(touchpoint.organization_id, _external_id(raw)).exists()


def _questions(touchpoint: Touchpoint, language: str) -> dict[str, str]:
    subject = touchpoint.subject_in(language) or touchpoint.organization.name
    score = {
        "nps": _("How likely is it that you would recommend %(subject)s to friends or family?"),
        "csat": _("How satisfied are you with %(subject)s?"),
        "ces": _("%(subject)s made it easy for me to handle my question."),
    }.get(touchpoint.metric, "")
    ends = {
        "nps": (_("not at all likely"), _("extremely likely")),
        "csat": (_("very dissatisfied"), _("very satisfied")),
        "ces": (_("strongly disagree"), _("strongly agree")),
    }.get(touchpoint.metric, ("", ""))
    return {
        "score": score % {"subject": subject} if score else "",
        "low": ends[0],
        "high": ends[1],
        "reason": _("What is the main reason for your score?")
        if touchpoint.metric
        else _("What would you like to tell us?"),
        "suggestion": _("What would make it a 10?")
        if touchpoint.metric == "nps"
        else _("What could we do better?"),
    }


def _team(request: HttpRequest, touchpoint: Touchpoint):
    """The team the answer goes to and whether the form may say so.

    A touchpoint's own team wins; else a valid team in the link (`?team=<uuid>`, one QR code
    per team); else the routing rule that catches the touchpoint. A link's unknown team is
    ignored rather than refused: the customer still gets the form."""
    if touchpoint.team_id is not None:
        return None, True
    team = selectors.link_team(touchpoint.organization, request.GET.get("team", ""))
    if team is not None:
        return team, True
    owner = selectors.touchpoint_owners(touchpoint.organization, [touchpoint])[touchpoint.id]
    return None, owner is not None


def _touchpoint(code: UUID) -> Touchpoint | None:
    return (
        Touchpoint.objects.select_related("organization").filter(uuid=code, is_active=True).first()
    )


@public
def form(request: HttpRequest, code: UUID):
    touchpoint = _touchpoint(code)
    language = _language(request)
    with translation.override(language):
        if touchpoint is None:
            return render(
                request, "feedback/public_closed.html", {"language": language}, status=404
            )
        ref = strip_unsafe(request.POST.get("ref") or request.GET.get("ref") or "").strip()[:100]
        team, reaches_team = _team(request, touchpoint)
        extras = form_extensions.questions_for(touchpoint, language)
        extra_questions = [question for _extension, question in extras]
        context = {
            "touchpoint": touchpoint,
            "language": language,
            "title": touchpoint.title_in(language),
            "questions": _questions(touchpoint, language),
            "reaches_team": reaches_team,
            "team_code": team.uuid if team else "",
            "ask_consent": touchpoint.ask_consent,
            "ref": ref,
        }
        thanks = reverse("feedback-form-thanks", args=[touchpoint.uuid]) + f"?lang={language}"
        if team is not None:
            thanks += f"&team={team.uuid}"
        if request.method == "POST":
            if _rate_limited(touchpoint, request):
                return render(request, "feedback/public_limited.html", context, status=429)
            form = PublicFeedbackForm(
                request.POST,
                touchpoint=touchpoint,
                has_ref=bool(ref),
                extra_questions=extra_questions,
            )
            if form.is_valid():
                data = form.cleaned_data
                if data["website"]:
                    return redirect(thanks)  # a bot: pretend all went well
                raw = _unsign(data["token"])
                if raw is None:
                    form.add_error(None, _("This form was open too long. Please send it again."))
                    data_again = request.POST.copy()  # the page gets a fresh token
                    data_again["token"] = new_token()
                    form.data = data_again
                else:
                    team_id = team.id if team else touchpoint.team_id
                    with transaction.atomic():
                        _store(
                            touchpoint,
                            data,
                            raw,
                            ref if ref else "",
                            context["ask_consent"],
                            language,
                            team_id,
                        )
                        form_extensions.deliver(
                            extras,
                            data,
                            touchpoint=touchpoint,
                            external_id=_external_id(raw),
                            customer_ref=ref,
                            language=language,
                            team_id=team_id,
                        )
                    return redirect(thanks)
        else:
            token = request.GET.get("t", "")
            raw = _unsign(token, max_age=None)
            if raw is not None and _was_sent(touchpoint, raw):
                return redirect(thanks)  # Back after sending: this answer is already in
            if raw is None or _unsign(token) is None:
                return _with_new_token(request)
            form = PublicFeedbackForm(
                touchpoint=touchpoint,
                has_ref=bool(ref),
                extra_questions=extra_questions,
                initial={"token": token, "ref": ref, "lang": language},
            )
        context["form"] = form
        return render(request, "feedback/public_form.html", context)


def _with_new_token(request: HttpRequest) -> HttpResponse:
    """The same address with a fresh form token in it, so that Back finds that token again."""
    query = request.GET.copy()
    query["t"] = new_token()
    get_token(request)  # the CSRF cookie still comes with the first response
    return redirect(f"{request.path}?{query.urlencode()}")


def _store(
    touchpoint: Touchpoint,
    data: dict,
    raw: str,
    ref: str,
    ask_consent: bool,
    language: str,
    team_id: int | None,
):
    # Consent means something only with a way to reach the customer: a reference the
    # organisation knows (from its link) or the address the customer typed.
    email = (data.get("customer_email") or "").strip() if ask_consent else ""
    consent = bool(ask_consent and data.get("contact_consent") and (ref or email))
    item = RecordInput(
        received_at=timezone.now(),
        metric=touchpoint.metric if data.get("score") is not None else "",
        score=data.get("score"),
        reason=data["reason"].strip(),
        suggestion=data["suggestion"].strip(),
        channel=touchpoint.channel,
        touchpoint=touchpoint.name,
        external_id=_external_id(raw),
        customer_ref=ref,
        contact_consent=consent,
        customer_email=email if consent else "",
        is_internal=touchpoint.is_internal,
        language=language,
        team_id=team_id,
    )
    # A second submission with the same token is a duplicate: nothing is stored twice.
    # The answer and its counts are stored before the customer is thanked; reading the
    # comment and opening a call-back case follow in the background.
    if item.customer_email:
        # The address lives only on the case, so this answer's case is opened now, with it.
        feedback_create(organization=touchpoint.organization, item=item, source=Source.FORM)
        return
    feedback_store_answer(organization=touchpoint.organization, item=item, source=Source.FORM)
    follow_up_soon(touchpoint.organization_id)


@public
def thanks(request: HttpRequest, code: UUID):
    touchpoint = _touchpoint(code)
    language = _language(request)
    with translation.override(language):
        if touchpoint is None:
            return render(
                request, "feedback/public_closed.html", {"language": language}, status=404
            )
        _team_found, reaches_team = _team(request, touchpoint)
        return render(
            request,
            "feedback/public_thanks.html",
            {"touchpoint": touchpoint, "language": language, "reaches_team": reaches_team},
        )
