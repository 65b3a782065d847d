"""Which button opens which modal, and which procedure step its submission takes.

One row per officer action; the action and view listeners are generated from this table, so a
new step is one row plus its builder and parser in views/modals.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.procedure import Actor, Complaint
from bot.procedure import steps as procedure
from bot.procedure.errors import ProcedureError
from bot.procedure.inputs import Rejection
from bot.procedure.roles import may
from bot.service import ComplaintService, Step
from bot.slack.context import Context
from bot.slack.ids import ActionId, CallbackId
from bot.slack.views import discussion, modals
from bot.slack.views.blocks import modal
from bot.slack.views.forms import Form
from bot.slack.views.message import available_actions
from bot.texts import discussion as discussion_text
from bot.texts import procedure as procedure_text
from bot.texts import slack as text


@dataclass(frozen=True)
class Workflow:
    action: ActionId
    callback: CallbackId
    step_name: str  # key in bot.procedure.roles.ROLE_MATRIX
    step: Step
    title: str
    blocks: Callable[[Complaint, dt.datetime], list[dict[str, Any]]]
    parse: Callable[[Form], Any]
    # The modal shows earlier complaints like this one, so a pattern is seen while registering.
    shows_recurrence: bool = False
    # What the input must find in the database before the step runs (another complaint).
    check: Callable[[ComplaintService, Any], None] | None = None

    def view(
        self,
        complaint: Complaint,
        now: dt.datetime,
        context: Context,
        notes: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """The step's modal; `notes` go between the complaint's intro and the inputs."""
        blocks = [modals.intro(complaint), *(notes or []), *self.blocks(complaint, now)]
        return modal(self.callback.value, self.title, blocks, context.dump())


def duplicate_exists(service: ComplaintService, rejection: Rejection) -> None:
    """A complaint rejected as a duplicate names one that exists: a typo would point nowhere."""
    if rejection.duplicate_of and not service.exists(rejection.duplicate_of):
        raise ProcedureError(
            procedure_text.DUPLICATE_UNKNOWN.format(reference=rejection.duplicate_of),
            field="duplicate_of",
        )


WORKFLOWS: tuple[Workflow, ...] = (
    Workflow(
        ActionId.REGISTER,
        CallbackId.REGISTER,
        "register",
        procedure.register,
        text.TITLE_REGISTER,
        modals.register_blocks,
        modals.parse_register,
        shows_recurrence=True,
    ),
    Workflow(
        ActionId.CONTACT,
        CallbackId.CONTACT,
        "record_contact",
        procedure.record_contact,
        text.TITLE_CONTACT,
        modals.contact_blocks,
        modals.parse_contact,
    ),
    Workflow(
        ActionId.DISCUSS,
        CallbackId.DISCUSS,
        "request_discussion",
        procedure.request_discussion,
        discussion_text.TITLE_DISCUSS,
        discussion.discuss_blocks,
        discussion.parse_discuss,
    ),
    Workflow(
        ActionId.DISCUSSED,
        CallbackId.DISCUSSED,
        "record_discussion",
        procedure.record_discussion,
        discussion_text.TITLE_DISCUSSED,
        discussion.discussed_blocks,
        discussion.parse_discussed,
    ),
    Workflow(
        ActionId.NOTE,
        CallbackId.NOTE,
        "add_note",
        procedure.add_note,
        text.TITLE_NOTE,
        modals.note_blocks,
        modals.parse_note,
    ),
    Workflow(
        ActionId.CLOSE,
        CallbackId.CLOSE,
        "close",
        procedure.close,
        text.TITLE_CLOSE,
        modals.close_blocks,
        modals.parse_close,
    ),
    Workflow(
        ActionId.REJECT,
        CallbackId.REJECT,
        "reject",
        procedure.reject,
        text.TITLE_REJECT,
        modals.reject_blocks,
        modals.parse_reject,
        check=duplicate_exists,
    ),
    Workflow(
        ActionId.REOPEN,
        CallbackId.REOPEN,
        "reopen",
        procedure.reopen,
        text.TITLE_REOPEN,
        modals.reopen_blocks,
        modals.parse_reopen,
    ),
    Workflow(
        ActionId.EFFECTIVENESS,
        CallbackId.EFFECTIVENESS,
        "record_effectiveness",
        procedure.record_effectiveness,
        text.TITLE_EFFECTIVENESS,
        modals.effectiveness_blocks,
        modals.parse_effectiveness,
    ),
)


def buttons_for(actor: Actor, complaint: Complaint) -> list[ActionId]:
    """The buttons that fit the complaint's state and that `actor`'s role may use."""
    allowed = {workflow.action for workflow in WORKFLOWS if may(actor, workflow.step_name)}
    return [action for action in available_actions(complaint) if action in allowed]
