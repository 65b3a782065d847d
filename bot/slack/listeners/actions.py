"""Buttons on a complaint's root message: acknowledge, check role and state, then open the
step's modal. One button takes its step at once: "Per post verstuurd" under a letter to post."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.correspondence import record_posted
from bot.forms.workflows import WORKFLOWS, Workflow
from bot.procedure import Acceptance, Role, decision
from bot.procedure.errors import AlreadyDone, NotAllowed
from bot.procedure.inputs import AcceptanceRecord
from bot.procedure.roles import require_role
from bot.slack.deps import Deps
from bot.slack.errors import Work, ack_then, tell
from bot.slack.views import render
from bot.slack.views.render import MORE_ACTIONS
from bot.texts import complainant as ct
from bot.texts import slack as text
from bot.views.card import allowed_actions, recurrence_block
from bot.views.card import full_text as card_full_text
from bot.views.context import Context
from bot.views.ids import Action
from bot.views.thread import stale_button


def register(app: App, deps: Deps) -> None:
    for workflow in WORKFLOWS:
        app.action(workflow.action.value)(ack_then(open_modal(workflow, deps), deps.after_ack))
    works = {workflow.action.value: open_modal(workflow, deps) for workflow in WORKFLOWS}
    app.action(MORE_ACTIONS)(ack_then(chosen_in_overflow(works), deps.after_ack))
    app.action(Action.LETTER_POSTED.value)(ack_then(letter_posted(deps), deps.after_ack))
    app.action(Action.FULL_TEXT.value)(ack_then(full_text(deps), deps.after_ack))
    for action, answer in ANSWERS.items():
        app.action(action.value)(ack_then(record_answer(answer, deps), deps.after_ack))


def chosen_in_overflow(works: dict[str, Work]) -> Work:
    """An action chosen in a card's overflow menu (its option's value is "action|context"):
    handled as if its own button was clicked."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        clicked = body["actions"][0]
        chosen = (clicked.get("selected_option") or {}).get("value") or ""
        action, _, value = chosen.partition("|")
        target = works.get(action)
        if target is None:
            return
        as_button = {**clicked, "action_id": action, "value": value}
        target({**body, "actions": [as_button]}, client, logger)

    return work


# The buttons under the complainant's reply to the decision.
ANSWERS = {Action.AGREED: Acceptance.AGREED, Action.DISAGREED: Acceptance.DISAGREED}


def record_answer(answer: Acceptance, deps: Deps) -> Work:
    """ "Akkoord" / "Niet akkoord" under the complainant's reply: the answer is recorded as the
    card's "Reactie op besluit" form would (without a note); a second click says who recorded
    the answer."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        actor = deps.actors.of(body)
        require_role(actor, "record_acceptance")
        reference = Context.load(body["actions"][0].get("value")).reference or ""
        deps.service.change(reference, decision.record_acceptance, actor, AcceptanceRecord(answer))
        label = ct.ACCEPTANCE_LABELS[answer].lower()
        tell(client, body, ct.ANSWER_RECORDED.format(reference=reference, answer=label), logger)

    return work


def letter_posted(deps: Deps) -> Work:
    """ "Per post verstuurd": the officer posted the letter shown in the thread; it is recorded
    as sent (the decision letter starts the wait for the complainant's answer). A second click,
    by anyone, says it was done."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        actor = deps.actors.of(body)
        if actor.role is not Role.OFFICER:
            raise NotAllowed(ct.LETTER_POSTED_NOT_ALLOWED)
        context = Context.load(body["actions"][0].get("value"))
        reference = context.reference or "?"
        posted = record_posted(deps.service, int(context.letter_id or 0), actor)
        if posted is None:
            raise AlreadyDone(ct.LETTER_POSTED_ALREADY.format(reference=reference))
        tell(client, body, ct.LETTER_POSTED_DONE.format(reference=reference), logger)

    return work


def full_text(deps: Deps) -> Work:
    """ "Hele tekst" under a complaint's excerpt: its whole text in a modal, for the officer
    (the card in the complaints channel is theirs; others never see the text)."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        if deps.actors.of(body).role is not Role.OFFICER:
            raise NotAllowed(text.FULL_TEXT_NOT_ALLOWED)
        reference = Context.load(body["actions"][0].get("value")).reference or ""
        complaint = deps.service.get(reference, with_events=False)
        title = text.FULL_TEXT_TITLE.format(reference=reference)
        view = render.reading_modal(card_full_text(complaint), title, text.FULL_TEXT_CLOSE)
        client.views_open(trigger_id=body["trigger_id"], view=view)

    return work


def open_modal(workflow: Workflow, deps: Deps) -> Work:
    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        # `of`, not `viewer`: learning the name now, after the ack, spares the submission
        # (before its ack) the question to Slack.
        require_role(deps.actors.of(body), workflow.step_name)
        context = Context.load(body["actions"][0].get("value"))
        complaint = deps.service.get(context.reference or "", with_events=workflow.reads_history)
        if workflow.action not in allowed_actions(complaint):
            # Rare: only now is the history needed, to say who moved the complaint on.
            complete = deps.service.get(complaint.reference or "")
            now = deps.service.now()
            raise AlreadyDone(render.text(stale_button(complete, workflow.step_name, now)))
        channel = (body.get("channel") or {}).get("id")
        modal_context = Context(reference=complaint.reference, channel=channel)
        notes = ()
        if workflow.shows_recurrence:
            notes = (recurrence_block(deps.service.recurrence(complaint)),)
        view = render.form(workflow.form(complaint, deps.service.now(), modal_context, notes))
        client.views_open(trigger_id=body["trigger_id"], view=view)

    return work
