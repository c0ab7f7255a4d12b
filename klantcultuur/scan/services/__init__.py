"""Writes of the culture scan (each in a transaction), split by topic; import from here."""

from klantcultuur.scan.services.answering import (
    AnswerError,
    Draft,
    invitation_save_draft,
    parse_page,
    response_submit,
)
from klantcultuur.scan.services.questionnaires import (
    questionnaire_add_item,
    questionnaire_copy_create,
    questionnaire_remove_item,
    standard_version,
)
from klantcultuur.scan.services.reports import report_compute, report_request
from klantcultuur.scan.services.waves import (
    invitation_for_token,
    invitation_token,
    open_link_create,
    open_link_set_active,
    wave_close,
    wave_create,
    wave_launch,
    wave_remind_now,
    wave_send_due,
    wave_update,
    waves_close_due,
    waves_send_due,
)

__all__ = [
    "AnswerError",
    "Draft",
    "invitation_for_token",
    "invitation_save_draft",
    "invitation_token",
    "open_link_create",
    "open_link_set_active",
    "parse_page",
    "questionnaire_add_item",
    "questionnaire_copy_create",
    "questionnaire_remove_item",
    "report_compute",
    "report_request",
    "response_submit",
    "standard_version",
    "wave_close",
    "wave_create",
    "wave_launch",
    "wave_remind_now",
    "wave_send_due",
    "wave_update",
    "waves_close_due",
    "waves_send_due",
]
