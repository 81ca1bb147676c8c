"""Forum Anak: its groups and their work (``groups``), the consultations children answer (``consultations``), and
what became of children's proposals (``proposals``)."""

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
from forum.models.proposals import (
    FeltHeard,
    HeardAnswer,
    HeardReason,
    Proposal,
    ProposalSource,
    ProposalStep,
    StepKind,
    TrackingCode,
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
    "FeltHeard",
    "HeardAnswer",
    "HeardReason",
    "Proposal",
    "ProposalSource",
    "ProposalStep",
    "StepKind",
    "TrackingCode",
    "ForumGroup",
    "GroupStatus",
    "InputStatus",
    "Member",
    "MemberRole",
    "SubjectType",
]
