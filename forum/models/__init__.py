"""Forum Anak: its groups and their work (``groups``), and the consultations children answer (``consultations``)."""

from forum.models.consultations import (
    AnswerDecision,
    ConsultationAnswer,
    ConsultationIndexPage,
    ConsultationInput,
    ConsultationPage,
    ConsultationSummary,
    ConsultationTarget,
    InputStatus,
    SubjectType,
)
from forum.models.groups import (
    Activity,
    ActivityHeadCount,
    ActivityKind,
    ActivityPhoto,
    ForumGroup,
    GroupStatus,
    Member,
    MemberRole,
)

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityHeadCount",
    "ActivityPhoto",
    "AnswerDecision",
    "ConsultationAnswer",
    "ConsultationIndexPage",
    "ConsultationInput",
    "ConsultationPage",
    "ConsultationSummary",
    "ConsultationTarget",
    "ForumGroup",
    "GroupStatus",
    "InputStatus",
    "Member",
    "MemberRole",
    "SubjectType",
]
