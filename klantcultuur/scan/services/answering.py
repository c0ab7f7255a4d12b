"""Answering the scan: reading one page of the form, keeping a draft, submitting anonymously."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.orgs.tree import UnitTree
from klantcultuur.scan import pooling
from klantcultuur.scan.models import Invitation, OpenLink, RespondentRole, Response, Wave
from klantcultuur.scan.questionnaire import Questionnaire, items_for

MAX_COMMENT = 2000


class AnswerError(Exception):
    """The answers cannot be accepted (the link was used, the wave is closed)."""


class Draft(TypedDict):
    """Unfinished answers: with the invitation, or in the session for an open link."""

    role: str | None
    answers: dict[str, int]
    comments: dict[str, str]
    page: int


def empty_draft(role: str | None) -> Draft:
    return {"role": role, "answers": {}, "comments": {}, "page": 0}


def parse_page(page: Mapping[str, Any], data: Mapping[str, str]) -> tuple[dict, dict, list[str]]:
    """Answers and open texts of one form page (from ``form_pages``), and the codes refused."""
    answers: dict[str, int | None] = {}
    comments: dict[str, str | None] = {}
    refused: list[str] = []
    for item in page["items"]:
        code, raw = item["code"], (data.get(item["code"]) or "").strip()
        if item["type"] == "open":
            comments[code] = raw[:MAX_COMMENT] or None
            continue
        allowed = {o["value"] for o in item["options"]}
        if item["dont_know"]:
            allowed.add(item["dont_know"]["value"])
        if not raw:
            answers[code] = None
        elif raw.isdigit() and int(raw) in allowed:
            answers[code] = int(raw)
        else:
            refused.append(code)
    return answers, comments, refused


def merge(draft: Draft, answers: Mapping[str, int | None], comments: Mapping[str, str | None]):
    """Apply one page to a draft: None removes an answer (a cleared choice or empty text)."""
    pages: tuple[tuple[dict[str, Any], Mapping[str, Any]], ...] = (
        (draft["answers"], answers),
        (draft["comments"], comments),
    )
    for target, values in pages:
        for code, value in values.items():
            if value is None:
                target.pop(code, None)
            else:
                target[code] = value


def clean(q: Questionnaire, role: str, draft: Draft) -> tuple[dict[str, int], dict[str, str]]:
    """Keep only answers to items offered to this role, in the right form."""
    offered = {item["code"]: item for item in items_for(q, role)}
    answers = {
        code: int(value)
        for code, value in draft["answers"].items()
        if code in offered and offered[code]["type"] != "open"
    }
    comments = {
        code: str(text)[:MAX_COMMENT]
        for code, text in draft["comments"].items()
        if code in offered and offered[code]["type"] == "open" and str(text).strip()
    }
    return answers, comments


def invitation_save_draft(*, invitation: Invitation, draft: Draft) -> None:
    """Keep unfinished answers with the invitation (so another device can continue)."""
    if invitation.answered_on is not None:
        raise AnswerError(_("You have already filled in this scan."))
    invitation.draft = draft
    invitation.save(update_fields=["draft"])


def _storage_unit(wave: Wave, unit_id: int | None, role: str) -> int | None:
    tree = UnitTree.for_organization(wave.organization_id)
    parents = {node.id: node.parent_id for node in tree.nodes.values()}
    return pooling.storage_for(pooling.from_json(wave.storage_map), parents, unit_id, role)


def response_submit(
    *,
    wave: Wave,
    draft: Draft,
    invitation: Invitation | None = None,
    link: OpenLink | None = None,
) -> None:
    """Store the answers as an anonymous response and mark the invitation answered (a date).

    The response gets the unit where answers of this unit and role are stored (see
    ``pooling``) and the role; nothing else about the person.
    """
    if (invitation is None) == (link is None):
        raise ValueError("submit through exactly one invitation or open link")
    role = invitation.role if invitation is not None else draft["role"]
    if role not in RespondentRole.values:
        raise AnswerError(_("Choose whether you lead people first."))
    answers, comments = clean(wave.frozen_questionnaire, role, draft)
    refused = False
    with transaction.atomic():
        if link is not None:
            # One open-link answer at a time per wave, so two cannot both take the last place.
            current = Wave.objects.select_for_update().get(pk=wave.pk)
        else:
            current = Wave.objects.get(pk=wave.pk)
        if not current.accepts_answers:
            raise AnswerError(_("This scan is closed."))
        if invitation is not None:
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.answered_on is not None:
                raise AnswerError(_("You have already filled in this scan."))
            locked.answered_on, locked.draft = timezone.localdate(), None
            locked.save(update_fields=["answered_on", "draft"])
            unit_id = locked.unit_id
        else:
            assert link is not None  # exactly one of the two, checked above
            in_use = OpenLink.objects.filter(pk=link.pk, active=True).first()
            if in_use is None:
                raise AnswerError(_("This link is no longer in use."))
            if _link_full(current, in_use):
                # Counted, not stored: the wave's owner sees it, and it flags the unit.
                OpenLink.objects.filter(pk=link.pk).update(refused=F("refused") + 1)
                refused = True
            else:
                OpenLink.objects.filter(pk=link.pk).update(submitted=F("submitted") + 1)
            unit_id = link.unit_id
        if not refused:
            Response.objects.create(
                wave=current,
                unit_id=_storage_unit(current, unit_id, role),
                role=role,
                answers=answers,
                comments=comments,
            )
    if refused:
        raise AnswerError(
            _(
                "This link has received as many answers as the team has people, so it takes no "
                "more. If you have not answered yet, tell the organiser of the scan."
            )
        )


def _link_full(wave: Wave, link: OpenLink) -> bool:
    """Whether the link, or its unit, already has as many answers as it has people."""
    from klantcultuur.scan.selectors import unit_loads

    if link.max_answers is not None and link.submitted >= link.max_answers:
        return True
    load = unit_loads(wave).get(link.unit_id)
    return load is not None and load.full
