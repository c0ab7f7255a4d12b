"""The customer question on touchpoints' feedback forms, through feedback's form extension
point (`feedback.form_extensions`): feedback does not know this app, this app registers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from klantcultuur.feedback.form_extensions import ExtraQuestion, Submission
from klantcultuur.feedback.models import Touchpoint
from klantcultuur.vision.models import CustomerQuestion
from klantcultuur.vision.models.customers import DEFAULT_QUESTION

KEY = "klantvisie"


class CustomerQuestionOnForms:
    """Adds "Wat verwacht u van ons?" to the forms of the touchpoints an organisation chose."""

    def _question(self, touchpoint: Touchpoint) -> CustomerQuestion | None:
        if touchpoint.is_internal:
            return None  # the question is for customers, not for colleagues
        return CustomerQuestion.objects.filter(
            organization_id=touchpoint.organization_id, is_open=True, touchpoints=touchpoint
        ).first()

    def questions(self, touchpoint: Touchpoint, language: str) -> list[ExtraQuestion]:
        question = self._question(touchpoint)
        if question is None:
            return []
        # The organisation writes its question in Dutch; the default one has an English text.
        label = (
            _("What do you expect from us?")
            if language != "nl" and question.question == DEFAULT_QUESTION
            else question.question
        )
        return [ExtraQuestion(KEY, label, help_text=question.intro)]

    def receive(self, submission: Submission) -> None:
        from klantcultuur.vision.services.customers import customer_answer_submit

        question = self._question(submission.touchpoint)
        text = submission.answers.get(KEY, "")
        if question is None or not text:
            return
        customer_answer_submit(
            question=question,
            text=text,
            customer_ref=submission.customer_ref,
            external_id=f"{submission.external_id}-{KEY}",
            team_id=submission.team_id,
            language=submission.language,
        )


ON_FORMS = CustomerQuestionOnForms()
