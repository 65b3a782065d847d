"""Domain errors: each carries a short Dutch message a person can act on."""

from __future__ import annotations


class ProcedureError(Exception):
    """A step that the procedure does not allow; `message` is shown to the person as is.

    `field` names the input that is wrong (a modal shows the message next to it), if any.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(ProcedureError):
    """The actor's role does not permit this step."""


class AlreadyDone(ProcedureError):
    """The step was already taken (a double click, a retried request)."""


class ComplaintNotFound(ProcedureError):
    """No complaint with that reference."""


class ConcurrentChange(ProcedureError):
    """Someone else changed the complaint between reading and saving it."""
