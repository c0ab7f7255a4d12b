"""Models of the culture scan, split by topic.

Questionnaire versions are frozen JSON copies; a wave keeps the version it started with.
Invitations mark *that* a person answered; responses carry unit and role, never the person.
A wave's report is computed once (in the background) and stored as JSON.
"""

from klantcultuur.scan.models.questionnaires import QuestionnaireVersion
from klantcultuur.scan.models.reports import WaveReport
from klantcultuur.scan.models.responses import Response
from klantcultuur.scan.models.waves import (
    Invitation,
    OpenLink,
    RespondentRole,
    Wave,
    WaveStatus,
)

__all__ = [
    "Invitation",
    "OpenLink",
    "QuestionnaireVersion",
    "RespondentRole",
    "Response",
    "Wave",
    "WaveReport",
    "WaveStatus",
]
