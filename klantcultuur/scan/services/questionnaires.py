"""Questionnaire versions in the database: the standard one and an organisation's own copy."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Organization
from klantcultuur.scan.models import QuestionnaireVersion
from klantcultuur.scan.questionnaire import (
    LATEST_VERSION,
    QuestionnaireError,
    customise,
    fingerprint,
    get_version,
    to_json,
)

log = logging.getLogger(__name__)
CUSTOM_SECTION = "eigen"
CUSTOM_CODE = re.compile(r"^EIG(\d+)$")
BEHAVIOUR_SECTION = "eigen_gedrag"
BEHAVIOUR_CODE = re.compile(r"^OG[ZM](\d+)$")


@dataclass(frozen=True)
class BehaviourStatement:
    """An organisation's own example behaviour for the scan: `key` stays the same across
    versions (the gap report follows it), `self_text` is asked of managers about themselves,
    `seen_text` of employees about their manager (Dutch and English)."""

    key: str
    self_nl: str
    seen_nl: str
    self_en: str = ""
    seen_en: str = ""


def standard_version(version: str = LATEST_VERSION) -> QuestionnaireVersion:
    """The stored standard version, created from the code the first time it is needed.

    Once stored it is authoritative: running waves point at it, so a later change in the
    code must come as a new version number, never as an edit of this one.
    """
    q = get_version(version)
    stored, created = QuestionnaireVersion.objects.get_or_create(
        key=q["id"], defaults={"organization": None, "number": int(version), "content": to_json(q)}
    )
    if not created and stored.fingerprint != fingerprint(q):
        log.error(
            "Questionnaire %s in the code differs from the stored version; "
            "the stored version is used. Publish changes as a new version.",
            q["id"],
        )
    return stored


def latest_copy(organization: Organization) -> QuestionnaireVersion | None:
    """The organisation's newest own version, if it made one."""
    return (
        QuestionnaireVersion.objects.filter(organization=organization).order_by("-number").first()
    )


def _custom_section(organization: Organization) -> dict:
    return {
        "key": CUSTOM_SECTION,
        "title": {"nl": "Eigen vragen", "en": "Our own questions"},
        "intro": {
            "nl": f"Vragen die {organization.name} zelf heeft toegevoegd.",
            "en": f"Questions {organization.name} added itself.",
        },
    }


@transaction.atomic
def _new_copy(
    organization: Organization, actor: User | None, items: list[dict]
) -> QuestionnaireVersion:
    """Freeze a new own version with exactly these custom items, on the standard version."""
    base = standard_version()
    previous = latest_copy(organization)
    number = (
        QuestionnaireVersion.objects.filter(organization=organization).aggregate(n=Max("number"))[
            "n"
        ]
        or 0
    ) + 1
    standard = base.questionnaire
    sections = [
        section
        for key, section in (
            (CUSTOM_SECTION, _custom_section(organization)),
            (BEHAVIOUR_SECTION, _behaviour_section(organization)),
        )
        if any(i["section"] == key for i in items)
    ]
    title = {
        "nl": f"{standard['title']['nl']} · {organization.name}",
        "en": f"{standard['title']['en']} · {organization.name}",
    }
    q = customise(
        standard, f"{organization.slug}-{number}", items=items, sections=sections, title=title
    )
    version = QuestionnaireVersion.objects.create(
        organization=organization,
        key=q["id"],
        number=number,
        based_on=base,
        content=to_json(q),
        created_by=actor,
    )
    # A version no wave has used yet is a draft: the new one replaces it.
    if previous is not None and not previous.waves.exists():
        previous.delete()
    return version


def _behaviour_section(organization: Organization) -> dict:
    return {
        "key": BEHAVIOUR_SECTION,
        "title": {"nl": "Ons eigen gedrag", "en": "Our own behaviours"},
        "intro": {
            "nl": f"Gedrag dat {organization.name} met elkaar heeft afgesproken. Hoe vaak zie je"
            " het?",
            "en": f"Behaviours {organization.name} agreed on. How often do you see them?",
        },
    }


_KEPT = (
    "code",
    "section",
    "type",
    "response_scale",
    "reverse",
    "audience",
    "text",
    "behaviour",
    "role_model",
)


def _items_of(version: QuestionnaireVersion | None) -> list[dict]:
    if version is None:
        return []
    items: list[Mapping[str, Any]] = list(version.custom_items)
    return [{key: item[key] for key in _KEPT if key in item} for item in items]


def own_behaviours(version: QuestionnaireVersion | None) -> list[BehaviourStatement]:
    """The organisation's own example behaviours in a version, in form order."""
    pairs: dict[str, dict[str, dict]] = {}
    for item in _items_of(version):
        if item.get("role_model") in ("self", "seen"):
            pairs.setdefault(item["behaviour"], {})[item["role_model"]] = item["text"]
    return [
        BehaviourStatement(
            key=key,
            self_nl=texts["self"]["nl"],
            seen_nl=texts["seen"]["nl"],
            self_en=texts["self"]["en"],
            seen_en=texts["seen"]["en"],
        )
        for key, texts in pairs.items()
        if set(texts) == {"self", "seen"}
    ]


def questionnaire_set_behaviours(
    *,
    organization: Organization,
    actor: User | None,
    statements: Sequence[BehaviourStatement],
) -> QuestionnaireVersion:
    """A new own version whose own example behaviours are exactly `statements`.

    Each becomes a pair on the frequency scale: the self-view for managers and the view of
    employees on their manager, outside the standard VBZ/VBM scales (so those stay comparable
    with earlier waves and the benchmark). The report's example-behaviour gap then runs on
    them too, behind the same anonymity gate. A wave keeps the version it started with: the
    change reaches the next wave.
    """
    others = [i for i in _items_of(latest_copy(organization)) if not i.get("role_model")]
    items = list(others)
    for number, statement in enumerate(statements, 1):
        for side, prefix, audience, nl, en in (
            ("self", "OGZ", "managers", statement.self_nl, statement.self_en),
            ("seen", "OGM", "employees", statement.seen_nl, statement.seen_en),
        ):
            nl = " ".join(nl.split())
            items.append(
                {
                    "code": f"{prefix}{number}",
                    "section": BEHAVIOUR_SECTION,
                    "type": "likert",
                    "response_scale": "frequency",
                    "reverse": False,
                    "audience": audience,
                    "text": {"nl": nl, "en": " ".join(en.split()) or nl},
                    "behaviour": statement.key,
                    "role_model": side,
                }
            )
    try:
        return _new_copy(organization, actor, items)
    except QuestionnaireError as exc:
        log.warning("Refused own behaviours for %s: %s", organization.slug, exc)
        raise ValueError(
            _("These behaviours cannot be added: %(problems)s")
            % {"problems": "; ".join(exc.problems)}
        ) from exc


def questionnaire_copy_create(
    *, organization: Organization, actor: User | None
) -> QuestionnaireVersion:
    """The organisation's own copy of the standard version (still without own items)."""
    return latest_copy(organization) or _new_copy(organization, actor, [])


def questionnaire_add_item(
    *,
    organization: Organization,
    actor: User | None,
    section: str,
    kind: str,
    text_nl: str,
    text_en: str,
    reverse: bool = False,
    audience: str = "all",
) -> QuestionnaireVersion:
    """A new own version with one more item (a single statement or an open question)."""
    items = _items_of(latest_copy(organization))
    used = [
        int(m[1])
        for v in QuestionnaireVersion.objects.filter(organization=organization)
        for item in v.custom_items
        if (m := CUSTOM_CODE.match(item["code"]))
    ]
    code = f"EIG{max(used, default=0) + 1}"
    items.append(
        {
            "code": code,
            "section": section,
            "type": kind,
            "reverse": reverse and kind == "likert",
            "audience": audience,
            "text": {"nl": text_nl.strip(), "en": text_en.strip()},
        }
    )
    try:
        return _new_copy(organization, actor, items)
    except QuestionnaireError as exc:
        log.warning("Refused own item for %s: %s", organization.slug, exc)
        raise ValueError(
            _("This question cannot be added: %(problems)s") % {"problems": "; ".join(exc.problems)}
        ) from exc


def questionnaire_remove_item(
    *, organization: Organization, actor: User | None, code: str
) -> QuestionnaireVersion | None:
    """A new own version without one of the organisation's items (None if it had no such item)."""
    items = _items_of(latest_copy(organization))
    gone = next((item for item in items if item["code"] == code), None)
    # An own example behaviour goes as a pair: the self-view needs the employees' view.
    pair = gone.get("behaviour") if gone is not None and gone.get("role_model") else None
    remaining = [
        item
        for item in items
        if item["code"] != code and not (pair and item.get("behaviour") == pair)
    ]
    if len(remaining) == len(items):
        return None
    return _new_copy(organization, actor, remaining)
