"""Answering the scan through a personal link or a unit's open link (no login, no JavaScript).

One section per page, with progress; every page is saved on "next", "back" and "save", so a
person can stop and continue later (a personal link keeps the draft with the invitation, an
open link under a random key in the session). A personal link that was used to submit shows
only a thank-you: never the answers, and it cannot submit again.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from uuid import UUID

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from klantcultuur.orgs.access import public
from klantcultuur.scan import services
from klantcultuur.scan.models import OpenLink, RespondentRole, Wave
from klantcultuur.scan.questionnaire import form_pages
from klantcultuur.scan.services.answering import AnswerError, Draft, empty_draft, merge

SESSION_LINKS = "scan_open_links"  # link uuid -> the random session key of its draft
# Open links this browser answered through (signed, so it cannot be forged to block others;
# clearing it is possible, which is why a unit also takes no more answers than its people).
ANSWERED_COOKIE = "kc_scan_answered"
ANSWERED_SALT = "klantcultuur.scan.answered"
ANSWERED_MAX_AGE = 400 * 24 * 3600
ANSWERED_KEEP = 20  # the most recent links, so the cookie stays small


def _language(request, fallback: str) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else fallback


def _closed(request, wave: Wave, language: str):
    with translation.override(language):
        return render(request, "scan/respond_closed.html", {"wave": wave}, status=410)


def _flow(
    request,
    wave: Wave,
    draft: Draft,
    *,
    save: Callable[[Draft], None],
    submit: Callable[[Draft], None],
    open_link: bool,
):
    """Show or process one page of the form; pages: 0 intro, 1..n sections, n + 1 review."""
    q = wave.frozen_questionnaire
    language = translation.get_language()[:2]
    role = draft["role"]
    pages = form_pages(q, role, language) if role else []
    last = len(pages) + 1 if role else 0
    source = request.POST if request.method == "POST" else request.GET
    try:
        current = min(max(int(source.get("page", draft["page"])), 0), last)
    except (TypeError, ValueError):
        current = 0
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "next")
        if open_link and current == 0:
            chosen = request.POST.get("role")
            if chosen in RespondentRole.values:
                draft["role"] = role = chosen
            elif role is None:
                errors.append(_("Choose whether you lead people."))
        if 1 <= current <= len(pages):
            answers, comments, refused = services.parse_page(pages[current - 1], request.POST)
            merge(draft, answers, comments)
            if refused:
                errors.append(_("One or more answers were not valid; choose one of the options."))
        if not errors and action == "submit" and role:
            try:
                submit(draft)
            except AnswerError as exc:
                return render(
                    request,
                    "scan/respond_done.html",
                    {"wave": wave, "message": str(exc)},
                    status=409,
                )
            return render(request, "scan/respond_done.html", {"wave": wave})
        if not errors:
            pages = form_pages(q, role, language) if role else []
            last = len(pages) + 1 if role else 0
            target = {"back": current - 1, "save": current}.get(action, current + 1)
            draft["page"] = min(max(target, 0), last)
            save(draft)
            suffix = "&saved=1" if action == "save" else ""
            return HttpResponseRedirect(f"{request.path}?page={draft['page']}{suffix}")
    page = pages[current - 1] if 1 <= current <= len(pages) else None
    if page is not None:
        for item in page["items"]:
            if item["type"] == "open":
                item["current"] = draft["comments"].get(item["code"], "")
            else:
                item["current"] = draft["answers"].get(item["code"])
    answered = sum(
        1
        for p in pages
        for item in p["items"]
        if item["code"] in draft["answers"] or item["code"] in draft["comments"]
    )
    total = sum(len(p["items"]) for p in pages)
    review = [
        {
            "number": i,
            "title": p["title"],
            "total": len(p["items"]),
            "answered": sum(
                1
                for item in p["items"]
                if item["code"] in draft["answers"] or item["code"] in draft["comments"]
            ),
        }
        for i, p in enumerate(pages, 1)
    ]
    return render(
        request,
        "scan/respond.html",
        {
            "wave": wave,
            "q": q,
            "page": page,
            "number": current,
            "last": last,
            "steps": last + 1,
            "step": current + 1,
            "draft": draft,
            "role": role,
            "open_link": open_link,
            "errors": errors,
            "saved": request.GET.get("saved") == "1",
            "answered": answered,
            "total": total,
            "review": review if current == last and role else None,
            "percent": round(100 * current / last) if last else 0,
            "title": q["title"][language],
        },
        status=400 if errors else 200,
    )


@public
def respond(request, token: str):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "scan/respond_invalid.html", status=404)
    wave = invitation.wave
    language = _language(request, invitation.membership.user.language or settings.LANGUAGE_CODE)
    with translation.override(language):
        if invitation.has_answered:
            # The link only ever says thank you now: no answers, no second submission.
            status = 409 if request.method == "POST" else 200
            return render(
                request, "scan/respond_done.html", {"wave": wave, "already": True}, status=status
            )
        if not wave.accepts_answers:
            return _closed(request, wave, language)
        draft = invitation.draft or empty_draft(invitation.role)
        draft["role"] = invitation.role  # the role is the invitation's, never the form's

        def submit(final: Draft) -> None:
            services.response_submit(wave=wave, draft=final, invitation=invitation)

        return _flow(
            request,
            wave,
            draft,
            open_link=False,
            submit=submit,
            save=lambda d: services.invitation_save_draft(invitation=invitation, draft=d),
        )


def _open_link(token: str) -> OpenLink | None:
    code: UUID | None = OpenLink.uuid_from_token(token)
    if code is None:
        return None
    return (
        OpenLink.objects.select_related("wave__questionnaire", "wave__organization", "unit")
        .filter(uuid=code)
        .first()
    )


def _answered_links(request) -> list[str]:
    value = request.get_signed_cookie(ANSWERED_COOKIE, default="", salt=ANSWERED_SALT)
    return [code for code in value.split(",") if code]


@public
def respond_open(request, token: str):
    link = _open_link(token)
    if link is None:
        return render(request, "scan/respond_invalid.html", status=404)
    wave = link.wave
    language = _language(request, translation.get_language() or settings.LANGUAGE_CODE)
    with translation.override(language):
        if not link.active or not wave.accepts_answers:
            return _closed(request, wave, language)
        answered = _answered_links(request)
        if link.uuid.hex in answered:
            # One answer per browser and link: a thank-you, never a second form.
            status = 409 if request.method == "POST" else 200
            return render(
                request, "scan/respond_done.html", {"wave": wave, "already": True}, status=status
            )
        keys = request.session.get(SESSION_LINKS, {})
        draft_key = keys.get(link.uuid.hex)
        if draft_key is None:
            draft_key = "scan_draft_" + secrets.token_urlsafe(16)
            keys[link.uuid.hex] = draft_key
            request.session[SESSION_LINKS] = keys
        draft = request.session.get(draft_key) or empty_draft(None)
        submitted = []

        def save(updated: Draft) -> None:
            request.session[draft_key] = updated

        def submit(final: Draft) -> None:
            services.response_submit(wave=wave, draft=final, link=link)
            request.session.pop(draft_key, None)
            keys.pop(link.uuid.hex, None)
            request.session[SESSION_LINKS] = keys
            submitted.append(True)

        response = _flow(request, wave, draft, open_link=True, save=save, submit=submit)
        if submitted:
            response.set_signed_cookie(
                ANSWERED_COOKIE,
                ",".join([*answered, link.uuid.hex][-ANSWERED_KEEP:]),
                salt=ANSWERED_SALT,
                max_age=ANSWERED_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
