"""Models of customer feedback, split by topic."""

from klantcultuur.feedback.models.cases import (
    CaseOutcome,
    CaseReply,
    CaseStatus,
    ErasureLog,
    FollowUpCase,
    ReplyTemplate,
    overdue_condition,
)
from klantcultuur.feedback.models.config import (
    ApiToken,
    FeedbackSettings,
    LabelCorrection,
    RoutingField,
    RoutingRule,
    Topic,
    Touchpoint,
)
from klantcultuur.feedback.models.imports import (
    FeedbackImport,
    ImportMapping,
    Preset,
)
from klantcultuur.feedback.models.records import (
    ROLLUP_COUNTERS,
    SCORE_RANGE,
    CommentField,
    DailyTeamStats,
    DailyTopicStats,
    Feedback,
    FeedbackSentence,
    Label,
    Metric,
    Source,
)

__all__ = [
    "ROLLUP_COUNTERS",
    "SCORE_RANGE",
    "ApiToken",
    "CaseOutcome",
    "CaseReply",
    "CaseStatus",
    "CommentField",
    "DailyTeamStats",
    "DailyTopicStats",
    "ErasureLog",
    "Feedback",
    "FeedbackImport",
    "FeedbackSentence",
    "FeedbackSettings",
    "FollowUpCase",
    "ImportMapping",
    "Label",
    "LabelCorrection",
    "Metric",
    "Preset",
    "ReplyTemplate",
    "RoutingField",
    "RoutingRule",
    "Source",
    "Topic",
    "Touchpoint",
    "overdue_condition",
]
