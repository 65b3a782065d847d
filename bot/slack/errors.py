"""The one place that turns errors into a message for the person.

Listeners raise; `guarded` answers: a ProcedureError about a field becomes an inline modal error
(`response_action: errors`), any other ProcedureError (not allowed, already done) an ephemeral
message, and anything else is logged with a short apology to the person. Listeners never catch
and format themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.procedure.errors import (
    AlreadyDone,
    ComplaintNotFound,
    ConcurrentChange,
    FieldErrors,
    NotAllowed,
    ProcedureError,
)
from bot.procedure.people import Person, Surface
from bot.slack.actors import user_of
from bot.slack.quiet import AfterAck
from bot.slack.views import render
from bot.texts import slack as text
from bot.views.context import Context
from bot.views.model import Mention

Listener = Callable[[Ack, dict[str, Any], WebClient, Logger], None]
Work = Callable[[dict[str, Any], WebClient, Logger], None]
AckThen = Callable[[Ack, BoltRequest], None]

# Errors about the complaint, not about what was typed: the modal closes, the person is told.
NOT_ABOUT_INPUT = (NotAllowed, AlreadyDone, ComplaintNotFound, ConcurrentChange)


def guarded(listener: Listener) -> Listener:
    """Wrap a listener (parameters named as Bolt injects them) with the error mapping."""

    def run(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        try:
            listener(ack, body, client, logger)
        except FieldErrors as exc:
            if not answer_fields(exc.errors, ack, body):
                answer(exc.written(mention), ack, body, client, logger, field=exc.field)
        except ProcedureError as exc:
            answer(exc.written(mention), ack, body, client, logger, field=_input_field(exc))
        except Exception:
            logger.exception("listener failed on a %s request", body.get("type", "command"))
            answer(text.SOMETHING_WENT_WRONG, ack, body, client, logger)

    return run


def ack_then(work: Work, after_ack: AfterAck) -> AckThen:
    """A listener that acknowledges at once, then runs `work` as a lazy listener (see
    bot.slack.quiet) with the app's keep-alive client, errors answered as above (an ephemeral
    message, since the acknowledgement has gone)."""

    def run_work(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        work(body, client, logger)

    guarded_work = guarded(run_work)

    def run(ack: Ack, request: BoltRequest) -> None:  # Bolt's arguments
        ack()
        after_ack.run(guarded_work, request)

    return run


def mention(user_id: str) -> str:
    """A person an error message names, mentioned as the Block Kit renderer does it."""
    return render.line((Mention(Person(Surface.SLACK, user_id)),))


def _input_field(exc: ProcedureError) -> str | None:
    if isinstance(exc, NOT_ABOUT_INPUT):
        return None
    return exc.field or ""


def answer(
    message: str,
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    logger: Logger,
    *,
    field: str | None = None,
) -> None:
    """Show `message`: next to `field` in an open modal ("" = its first input), else ephemeral."""
    if ack.response is None:
        block = _block_for(body["view"], field) if body.get("type") == "view_submission" else None
        if block is not None and field is not None:
            ack(response_action="errors", errors={block: message})
            return
        if body.get("command"):
            ack(text=message)
            return
        ack()
    tell(client, body, message, logger)


def answer_fields(errors: dict[str, str], ack: Ack, body: dict[str, Any]) -> bool:
    """Show every field's error at once in the open modal, which stays open with what was
    typed; False when there is no modal to show them in."""
    if ack.response is not None or body.get("type") != "view_submission":
        return False
    shown: dict[str, str] = {}
    for field, message in errors.items():
        block = _block_for(body["view"], field)
        if block is not None:
            shown[block] = f"{shown[block]} {message}" if block in shown else message
    if not shown:
        return False
    ack(response_action="errors", errors=shown)
    return True


def _block_for(view: dict[str, Any], field: str | None) -> str | None:
    """The input block to show an error at: `field`'s, else the first (None: the modal has
    no input to show it at, so the person is told in a message)."""
    inputs = [block["block_id"] for block in view.get("blocks", []) if block.get("type") == "input"]
    if field in inputs:
        return field
    return inputs[0] if inputs else None


# Where an ephemeral message cannot go: a conversation the bot is not part of.
NOT_THERE = frozenset({"channel_not_found", "not_in_channel", "is_archived"})


def tell(client: WebClient, body: dict[str, Any], message: str, logger: Logger) -> None:
    """An ephemeral message where the person acted, or a direct message when there is no
    channel (App Home, a modal opened elsewhere) or the bot is not part of it."""
    user_id, _ = user_of(body)
    channel = _channel_of(body)
    try:
        if channel:
            try:
                client.chat_postEphemeral(channel=channel, user=user_id, text=message)
                return
            except SlackApiError as exc:
                if exc.response.get("error") not in NOT_THERE:
                    raise
        client.chat_postMessage(channel=user_id, text=message)
    except SlackApiError as exc:
        logger.warning("could not tell the person: %s", exc.response.get("error"))


def _channel_of(body: dict[str, Any]) -> str | None:
    channel = body.get("channel")
    if isinstance(channel, dict):
        return channel.get("id")
    if body.get("channel_id"):
        return body["channel_id"]
    view = body.get("view")
    if isinstance(view, dict):
        return Context.load(view.get("private_metadata")).channel
    return None
