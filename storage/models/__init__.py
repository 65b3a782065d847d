"""Every table, one module per area; importing this package registers them all on Base."""

from storage.models.base import Base, UtcDateTime
from storage.models.complaints import ComplaintRow, EventRow, ReferenceCounter

__all__ = ["Base", "ComplaintRow", "EventRow", "ReferenceCounter", "UtcDateTime"]
