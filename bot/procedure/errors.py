"""Domain errors: each carries a short Dutch message a person can act on."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence


class ProcedureError(Exception):
    """A step that the procedure does not allow; `message` is shown to the person as is.

    `field` names the input that is wrong (a modal shows the message next to it), if any.
    `people` names the people the message is about, by placeholder (ids, never chat markup):
    a surface writes them as its mentions with `written`; `message` shows the bare ids.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        people: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.template = message
        self.people = {name: tuple(ids) for name, ids in (people or {}).items()}
        self.message = self.written(str)
        super().__init__(self.message)
        self.field = field

    def written(self, mention: Callable[[str], str]) -> str:
        """The message with each person written by `mention(id)` (a surface's mention)."""
        if not self.people:
            return self.template
        return self.template.format(
            **{name: ", ".join(map(mention, ids)) for name, ids in self.people.items()}
        )


class FieldErrors(ProcedureError):
    """Several inputs wrong at once: `errors` maps each field to its message, so a form shows
    them all together (the first is also the exception's own message and field)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(message, field=field)
        self.errors = dict(errors)


def field_errors(exc: ProcedureError) -> dict[str, str]:
    """The message at each field an error is about (several for FieldErrors)."""
    if isinstance(exc, FieldErrors):
        return exc.errors
    return {exc.field: exc.message} if exc.field is not None else {}


class NotAllowed(ProcedureError):
    """The actor's role does not permit this step."""


class AlreadyDone(ProcedureError):
    """The step was already taken (a double click, a retried request)."""


class ComplaintNotFound(ProcedureError):
    """No complaint with that reference."""


class ConcurrentChange(ProcedureError):
    """Someone else changed the complaint between reading and saving it."""
