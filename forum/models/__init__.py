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
    ActivityKind,
    ActivityPhoto,
    AgeBand,
    ForumGroup,
    GroupStatus,
    Member,
    MemberRole,
    Sex,
)

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityPhoto",
    "AgeBand",
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
    "Sex",
    "SubjectType",
]
