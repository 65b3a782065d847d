"""Which button opens which form, and which procedure step its submission takes.

One row per officer action, for every surface: Slack's action and view listeners and Teams'
card handlers are generated from this table, so a new step is one row plus its fields
(bot/views/forms.py) and parser (steps.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from bot.forms import discussion, steps
from bot.forms.values import Form
from bot.letters import compose_decision_letter
from bot.procedure import Actor, Complaint, decision
from bot.procedure import steps as procedure
from bot.procedure.errors import ProcedureError
from bot.procedure.inputs import Closure, Rejection
from bot.procedure.roles import may
from bot.procedure.terms import WRITTEN_DECISION
from bot.service import ComplaintService, Step
from bot.texts import complainant as complainant_text
from bot.texts import discussion as discussion_text
from bot.texts import procedure as procedure_text
from bot.texts import slack as text
from bot.views import forms
from bot.views.card import available_actions
from bot.views.context import Context
from bot.views.ids import Action, Field, FormId
from bot.views.model import Block, FormView, Input, Moment, Paragraph, Subtle
from bot.views.spans import fill

Review = Callable[[ComplaintService, Complaint, Any, Context, dict[str, Any]], FormView | None]


@dataclass(frozen=True)
class Workflow:
    action: Action
    callback: FormId
    step_name: str  # key in bot.procedure.roles.ROLE_MATRIX
    step: Step
    title: str
    fields: Callable[[Complaint, dt.datetime], tuple[Input, ...]]
    parse: Callable[[Form], Any]
    # The submit button's label: what it does ("Registreren", "Contact vastleggen").
    submit: str
    # The modal shows earlier complaints like this one, so a pattern is seen while registering.
    shows_recurrence: bool = False
    # What the input must find in the database before the step runs (another complaint).
    check: Callable[[ComplaintService, Any], None] | None = None
    # The form's next page instead of the step (the closing form's decision letter), or None
    # to take the step: (service, complaint, parsed input, context, answers as given).
    review: Review | None = None
    # What the form shows above its fields (the current deadline).
    intro: Callable[[Complaint, dt.datetime], tuple[Block, ...]] | None = None
    # The form and whether it fits read the complaint's history (the employees' requests).
    reads_history: bool = False

    def form(
        self,
        complaint: Complaint,
        now: dt.datetime,
        context: Context,
        notes: tuple[Block, ...] = (),
    ) -> FormView:
        """The step's form; `notes` go between the complaint's intro and the inputs."""
        fields = self.fields(complaint, now)
        notes = (*notes, *(self.intro(complaint, now) if self.intro else ()))
        return forms.step_form(
            self.callback, self.title, complaint, context, fields, notes, self.submit
        )


def duplicate_exists(service: ComplaintService, rejection: Rejection) -> None:
    """A complaint rejected as a duplicate names one that exists: a typo would point nowhere."""
    if rejection.duplicate_of and not service.exists(rejection.duplicate_of):
        raise ProcedureError(
            procedure_text.DUPLICATE_UNKNOWN.format(reference=rejection.duplicate_of),
            field="duplicate_of",
        )


def letter_digest(letter: str) -> str:
    return hashlib.sha256(letter.strip().encode()).hexdigest()[:16]


def review_letter(
    service: ComplaintService,
    complaint: Complaint,
    closure: Closure,
    context: Context,
    answers: dict[str, Any],
) -> FormView | None:
    """The closing form's second page: the decision letter composed for the chosen outcome and
    route, to read and edit before it goes out. Shown after the first page, and again (composed
    anew) when the outcome changes under a letter not edited. None: close now."""
    assert closure.outcome is not None  # the form requires it
    ct = complainant_text
    required = complaint.route in WRITTEN_DECISION
    letter = closure.decision_letter
    composed_for = context.letter_for
    if composed_for is not None and closure.outcome.value != composed_for and letter:
        if letter_digest(letter) != context.letter_digest:
            label = ct.OUTCOME_LABELS[composed_for]
            raise ProcedureError(
                ct.LETTER_OTHER_OUTCOME.format(outcome=label), field=Field.DECISION_LETTER.value
            )
    elif composed_for is not None:
        if not letter and required:
            route = ct.ROUTE_LABELS[complaint.route].lower()
            raise ProcedureError(
                ct.LETTER_REQUIRED.format(route=route), field=Field.DECISION_LETTER.value
            )
        return None
    composed = _composed_letter(complaint, closure, service)
    fields = (
        *forms.refilled(forms.close_fields(complaint, service.now()), answers),
        forms.letter_field(composed, required=required),
    )
    again = replace(
        context, letter_for=closure.outcome.value, letter_digest=letter_digest(composed)
    )
    notes = (Paragraph(((ct.LETTER_REVIEW,),)),)
    return forms.step_form(
        FormId.CLOSE, text.TITLE_CLOSE, complaint, again, fields, notes, text.BUTTON_CLOSE
    )


def _composed_letter(complaint: Complaint, closure: Closure, service: ComplaintService) -> str:
    """The letter for the outcome, with what was found and done as typed; cut to what a form's
    text field holds by shortening those two."""
    assert closure.outcome is not None
    findings, measures = closure.resolution, closure.corrective_measures
    while True:
        letter = compose_decision_letter(
            complaint, closure.outcome, service.settings, findings=findings, measures=measures
        )
        over = len(letter) - forms.TEXT_INPUT_LIMIT
        if over <= 0:
            return letter
        keep = max(0, max(len(findings), len(measures)) - over - 1)
        findings, measures = findings[:keep] + "…", measures[:keep] + "…"


def deadline_intro(complaint: Complaint, now: dt.datetime) -> tuple[Block, ...]:
    deadline = complaint.decision_deadline
    if deadline is None:
        return ()
    intro = fill(complainant_text.EXTEND_INTRO, deadline=Moment(deadline, now=now))
    return (Subtle((intro,)),)


WORKFLOWS: tuple[Workflow, ...] = (
    Workflow(
        Action.REGISTER,
        FormId.REGISTER,
        "register",
        procedure.register,
        text.TITLE_REGISTER,
        forms.register_fields,
        steps.parse_register,
        text.SUBMIT_REGISTER,
        shows_recurrence=True,
    ),
    Workflow(
        Action.CONTACT,
        FormId.CONTACT,
        "record_contact",
        procedure.record_contact,
        text.TITLE_CONTACT,
        forms.contact_fields,
        steps.parse_contact,
        text.SUBMIT_CONTACT,
    ),
    Workflow(
        Action.DISCUSS,
        FormId.DISCUSS,
        "request_discussion",
        procedure.request_discussion,
        discussion_text.TITLE_DISCUSS,
        forms.discuss_fields,
        discussion.parse_discuss,
        discussion_text.SUBMIT_DISCUSS,
    ),
    Workflow(
        Action.DISCUSSED,
        FormId.DISCUSSED,
        "record_discussion",
        procedure.record_discussion,
        discussion_text.TITLE_DISCUSSED,
        forms.discussed_fields,
        discussion.parse_discussed,
        discussion_text.SUBMIT_DISCUSSED,
    ),
    Workflow(
        Action.MOVE_TALK,
        FormId.MOVE_TALK,
        "move_planned_talk",
        procedure.move_meeting,
        discussion_text.TITLE_MOVE,
        forms.move_talk_fields,
        discussion.parse_move_talk,
        discussion_text.SUBMIT_MOVE_TALK,
        reads_history=True,
    ),
    Workflow(
        Action.NOTE,
        FormId.NOTE,
        "add_note",
        procedure.add_note,
        text.TITLE_NOTE,
        forms.note_fields,
        steps.parse_note,
        text.SUBMIT_NOTE,
    ),
    Workflow(
        Action.CLOSE,
        FormId.CLOSE,
        "close",
        procedure.close,
        text.TITLE_CLOSE,
        forms.close_fields,
        steps.parse_close,
        complainant_text.CONTINUE,
        review=review_letter,
    ),
    Workflow(
        Action.REJECT,
        FormId.REJECT,
        "reject",
        procedure.reject,
        text.TITLE_REJECT,
        forms.reject_fields,
        steps.parse_reject,
        text.SUBMIT_REJECT,
        check=duplicate_exists,
    ),
    Workflow(
        Action.REOPEN,
        FormId.REOPEN,
        "reopen",
        procedure.reopen,
        text.TITLE_REOPEN,
        forms.reopen_fields,
        steps.parse_reopen,
        text.SUBMIT_REOPEN,
    ),
    Workflow(
        Action.EFFECTIVENESS,
        FormId.EFFECTIVENESS,
        "record_effectiveness",
        procedure.record_effectiveness,
        text.TITLE_EFFECTIVENESS,
        forms.effectiveness_fields,
        steps.parse_effectiveness,
        text.SUBMIT_EFFECTIVENESS,
    ),
    Workflow(
        Action.RECLASSIFY,
        FormId.RECLASSIFY,
        "reclassify",
        procedure.reclassify,
        complainant_text.TITLE_RECLASSIFY,
        forms.reclassify_fields,
        steps.parse_reclassify,
        complainant_text.SUBMIT_RECLASSIFY,
        intro=deadline_intro,
    ),
    Workflow(
        Action.EXTEND,
        FormId.EXTEND,
        "extend_deadline",
        decision.extend_deadline,
        complainant_text.TITLE_EXTEND,
        forms.extend_fields,
        steps.parse_extend,
        complainant_text.SUBMIT_EXTEND,
        intro=deadline_intro,
    ),
    Workflow(
        Action.ACCEPTANCE,
        FormId.ACCEPTANCE,
        "record_acceptance",
        decision.record_acceptance,
        complainant_text.TITLE_ACCEPTANCE,
        forms.acceptance_fields,
        steps.parse_acceptance,
        complainant_text.SUBMIT_ACCEPTANCE,
    ),
    Workflow(
        Action.RECOURSE,
        FormId.RECOURSE,
        "record_recourse",
        decision.record_recourse,
        complainant_text.TITLE_RECOURSE,
        forms.recourse_fields,
        steps.parse_recourse,
        complainant_text.SUBMIT_RECOURSE,
    ),
    Workflow(
        Action.RECOURSE_RESULT,
        FormId.RECOURSE_RESULT,
        "record_recourse_result",
        decision.record_recourse_result,
        complainant_text.TITLE_RECOURSE_RESULT,
        forms.recourse_result_fields,
        steps.parse_recourse_result,
        complainant_text.SUBMIT_RECOURSE_RESULT,
    ),
)


def buttons_for(actor: Actor, complaint: Complaint) -> list[Action]:
    """The buttons that fit the complaint's state and that `actor`'s role may use."""
    allowed = {workflow.action for workflow in WORKFLOWS if may(actor, workflow.step_name)}
    return [action for action in available_actions(complaint) if action in allowed]
