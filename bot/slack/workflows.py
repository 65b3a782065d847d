"""Which button opens which modal, and which procedure step its submission takes.

One row per officer action; the action and view listeners are generated from this table, so a
new step is one row plus its fields (bot/views/forms.py) and parser (views/modals.py).
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
from bot.slack.views import discussion, modals, render
from bot.slack.views.forms import Form
from bot.texts import discussion as discussion_text
from bot.texts import procedure as procedure_text
from bot.texts import slack as text
from bot.views import forms
from bot.views.card import available_actions
from bot.views.context import Context
from bot.views.ids import Action, FormId
from bot.views.model import Block, Input


@dataclass(frozen=True)
class Workflow:
    action: Action
    callback: FormId
    step_name: str  # key in bot.procedure.roles.ROLE_MATRIX
    step: Step
    title: str
    fields: Callable[[Complaint, dt.datetime], tuple[Input, ...]]
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
        notes: tuple[Block, ...] = (),
    ) -> dict[str, Any]:
        """The step's modal; `notes` go between the complaint's intro and the inputs."""
        fields = self.fields(complaint, now)
        form = forms.step_form(self.callback, self.title, complaint, context, fields, notes)
        return render.form(form)


def duplicate_exists(service: ComplaintService, rejection: Rejection) -> None:
    """A complaint rejected as a duplicate names one that exists: a typo would point nowhere."""
    if rejection.duplicate_of and not service.exists(rejection.duplicate_of):
        raise ProcedureError(
            procedure_text.DUPLICATE_UNKNOWN.format(reference=rejection.duplicate_of),
            field="duplicate_of",
        )


WORKFLOWS: tuple[Workflow, ...] = (
    Workflow(
        Action.REGISTER,
        FormId.REGISTER,
        "register",
        procedure.register,
        text.TITLE_REGISTER,
        forms.register_fields,
        modals.parse_register,
        shows_recurrence=True,
    ),
    Workflow(
        Action.CONTACT,
        FormId.CONTACT,
        "record_contact",
        procedure.record_contact,
        text.TITLE_CONTACT,
        forms.contact_fields,
        modals.parse_contact,
    ),
    Workflow(
        Action.DISCUSS,
        FormId.DISCUSS,
        "request_discussion",
        procedure.request_discussion,
        discussion_text.TITLE_DISCUSS,
        forms.discuss_fields,
        discussion.parse_discuss,
    ),
    Workflow(
        Action.DISCUSSED,
        FormId.DISCUSSED,
        "record_discussion",
        procedure.record_discussion,
        discussion_text.TITLE_DISCUSSED,
        forms.discussed_fields,
        discussion.parse_discussed,
    ),
    Workflow(
        Action.NOTE,
        FormId.NOTE,
        "add_note",
        procedure.add_note,
        text.TITLE_NOTE,
        forms.note_fields,
        modals.parse_note,
    ),
    Workflow(
        Action.CLOSE,
        FormId.CLOSE,
        "close",
        procedure.close,
        text.TITLE_CLOSE,
        forms.close_fields,
        modals.parse_close,
    ),
    Workflow(
        Action.REJECT,
        FormId.REJECT,
        "reject",
        procedure.reject,
        text.TITLE_REJECT,
        forms.reject_fields,
        modals.parse_reject,
        check=duplicate_exists,
    ),
    Workflow(
        Action.REOPEN,
        FormId.REOPEN,
        "reopen",
        procedure.reopen,
        text.TITLE_REOPEN,
        forms.reopen_fields,
        modals.parse_reopen,
    ),
    Workflow(
        Action.EFFECTIVENESS,
        FormId.EFFECTIVENESS,
        "record_effectiveness",
        procedure.record_effectiveness,
        text.TITLE_EFFECTIVENESS,
        forms.effectiveness_fields,
        modals.parse_effectiveness,
    ),
)


def buttons_for(actor: Actor, complaint: Complaint) -> list[Action]:
    """The buttons that fit the complaint's state and that `actor`'s role may use."""
    allowed = {workflow.action for workflow in WORKFLOWS if may(actor, workflow.step_name)}
    return [action for action in available_actions(complaint) if action in allowed]
