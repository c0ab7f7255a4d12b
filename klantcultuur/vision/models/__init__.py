"""The customer vision: written together, carried by management, made concrete, recalled."""

from klantcultuur.vision.models.behaviours import Behaviour, BehaviourStatus, Observation
from klantcultuur.vision.models.customers import CustomerQuestion
from klantcultuur.vision.models.endorsements import Endorsement, EndorsementStatus
from klantcultuur.vision.models.recall import RecallAnswer, RecallCheck, RecallParticipation
from klantcultuur.vision.models.tags import CustomerTag
from klantcultuur.vision.models.writing import (
    Contribution,
    GuidingQuestion,
    Promise,
    Reaction,
    ReactionKind,
    Round,
    VersionStatus,
    VisionVersion,
)

__all__ = [
    "Behaviour",
    "BehaviourStatus",
    "Contribution",
    "CustomerQuestion",
    "CustomerTag",
    "Endorsement",
    "EndorsementStatus",
    "GuidingQuestion",
    "Observation",
    "Promise",
    "Reaction",
    "ReactionKind",
    "RecallAnswer",
    "RecallCheck",
    "RecallParticipation",
    "Round",
    "VersionStatus",
    "VisionVersion",
]
