"""Every table, one module per area; importing this package registers them all on Base."""

from storage.models.base import Base, UtcDateTime
from storage.models.chat import (  # noqa: F401
    Delivery,
    EmployeeMessage,
    HomeViewer,
    Profile,
    SeenEvent,
    ThreadPost,
)
from storage.models.complaints import ComplaintRow, EventRow, ReferenceCounter
from storage.models.intake import Acknowledgement, InboundAttachment, InboundMessage  # noqa: F401
from storage.models.jobs import NOTIFICATION_KEY, JobRun, Notification  # noqa: F401
from storage.models.letters import LetterRow  # noqa: F401
from storage.models.mail import MailboxToken  # noqa: F401
from storage.models.reports import ReportFile, ReportLink, ReportRow, ReportTrigger  # noqa: F401
from storage.models.teams import TeamsConversation, TeamsMember  # noqa: F401

__all__ = ["Base", "ComplaintRow", "EventRow", "ReferenceCounter", "UtcDateTime"]
