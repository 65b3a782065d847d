"""The complaints procedure: states, steps, roles and errors, free of Slack and SQL."""

from bot.procedure.errors import (
    AlreadyDone,
    ComplaintNotFound,
    ConcurrentChange,
    NotAllowed,
    ProcedureError,
)
from bot.procedure.model import (
    OPEN_STATES,
    SYSTEM_ACTOR,
    Actor,
    Category,
    Complaint,
    ContactOutcome,
    Event,
    EventKind,
    RelationType,
    Role,
    RootCause,
    Satisfaction,
    Source,
    State,
)

__all__ = [
    "OPEN_STATES",
    "SYSTEM_ACTOR",
    "Actor",
    "AlreadyDone",
    "Category",
    "Complaint",
    "ComplaintNotFound",
    "ConcurrentChange",
    "ContactOutcome",
    "Event",
    "EventKind",
    "NotAllowed",
    "ProcedureError",
    "RelationType",
    "Role",
    "RootCause",
    "Satisfaction",
    "Source",
    "State",
]
