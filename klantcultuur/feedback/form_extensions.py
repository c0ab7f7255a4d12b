"""Extra questions on a touchpoint's public form, offered by apps above feedback.

Feedback does not know which apps add questions (they are in higher layers and feedback may
not import them). An app registers a `FormExtension` once, in its `AppConfig.ready()`; the
public form asks every registered extension which questions it adds to a touchpoint's form,
shows them under the form's own questions, and after storing the customer's answer hands each
extension the answers to its own questions, in the same transaction. The customer's own
answer is stored whatever the extensions do with theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from klantcultuur.feedback.models import Touchpoint


@dataclass(frozen=True)
class ExtraQuestion:
    """One open question an extension adds; `key` is unique among all extensions."""

    key: str
    label: str
    help_text: str = ""
    max_length: int = 2000

    @property
    def field_name(self) -> str:
        return f"x_{self.key}"


@dataclass(frozen=True)
class Submission:
    """A sent form: the customer's non-empty answers to one extension's questions."""

    touchpoint: Touchpoint
    external_id: str  # of the record the form stored: unique per opened form
    customer_ref: str
    language: str
    team_id: int | None
    answers: dict[str, str]


class FormExtension(Protocol):
    def questions(self, touchpoint: Touchpoint, language: str) -> list[ExtraQuestion]:
        """The questions this extension adds to this touchpoint's form (often none)."""
        ...

    def receive(self, submission: Submission) -> None:
        """Store the answers; called once per sent form that answered at least one."""
        ...


_registered: list[FormExtension] = []


def register(extension: FormExtension) -> None:
    """Add an extension (idempotent: registering the same object twice adds it once)."""
    if extension not in _registered:
        _registered.append(extension)


def unregister(extension: FormExtension) -> None:
    if extension in _registered:
        _registered.remove(extension)


def questions_for(
    touchpoint: Touchpoint, language: str
) -> list[tuple[FormExtension, ExtraQuestion]]:
    """Every extra question of this touchpoint's form, in registration order."""
    return [
        (extension, question)
        for extension in _registered
        for question in extension.questions(touchpoint, language)
    ]


def deliver(
    extras: list[tuple[FormExtension, ExtraQuestion]],
    cleaned: dict[str, str],
    *,
    touchpoint: Touchpoint,
    external_id: str,
    customer_ref: str,
    language: str,
    team_id: int | None,
) -> None:
    """Hand each extension the non-empty answers to its questions."""
    per_extension: dict[int, tuple[FormExtension, dict[str, str]]] = {}
    for extension, question in extras:
        text = (cleaned.get(question.field_name) or "").strip()
        if text:
            per_extension.setdefault(id(extension), (extension, {}))[1][question.key] = text
    for extension, answers in per_extension.values():
        extension.receive(
            Submission(
                touchpoint=touchpoint,
                external_id=external_id,
                customer_ref=customer_ref,
                language=language,
                team_id=team_id,
                answers=answers,
            )
        )
