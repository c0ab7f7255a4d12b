"""The organisation's behaviours as example-behaviour statements in the culture scan.

The scan owns the interface (`scan.services.questionnaires.questionnaire_set_behaviours`,
documented in `scan/INTERFACES.md`); this app, a layer above, supplies the statements. Each
statement is keyed by the behaviour's uuid, so the gap report's rows lead back to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from klantcultuur.accounts.models import User
from klantcultuur.orgs.models import Organization
from klantcultuur.scan.models import QuestionnaireVersion
from klantcultuur.scan.services.questionnaires import (
    BehaviourStatement,
    latest_copy,
    own_behaviours,
    questionnaire_set_behaviours,
)
from klantcultuur.vision.models import Behaviour

MAX_IN_SCAN = 12  # each is two questions; the form must stay short on a phone


def seen_text(behaviour: Behaviour) -> str:
    """The employees' statement by default: the behaviour, quoted, seen in their manager."""
    return f"Ik zie mijn leidinggevende dit doen: “{behaviour.sentence}”"


def statements_in_scan(organization: Organization) -> dict[str, BehaviourStatement]:
    """The own behaviours in the organisation's newest scan questionnaire, by key (uuid)."""
    return {s.key: s for s in own_behaviours(latest_copy(organization))}


def behaviours_to_scan(
    *,
    organization: Organization,
    actor: User | None,
    behaviours: Sequence[Behaviour],
    seen_texts: Mapping[str, str] | None = None,
) -> QuestionnaireVersion:
    """Make exactly these behaviours the scan's own example behaviours (next wave on)."""
    if len(behaviours) > MAX_IN_SCAN:
        raise ValueError(_("Choose at most %(n)d behaviours for the scan.") % {"n": MAX_IN_SCAN})
    seen_texts = seen_texts or {}
    statements = [
        BehaviourStatement(
            key=str(b.uuid),
            self_nl=b.sentence,
            seen_nl=(seen_texts.get(str(b.uuid)) or "").strip() or seen_text(b),
        )
        for b in behaviours
        if b.organization_id == organization.id
    ]
    return questionnaire_set_behaviours(
        organization=organization, actor=actor, statements=statements
    )
