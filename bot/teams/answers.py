"""Invoke response bodies for an answer that is only a message (built with the SDK's models)."""

from __future__ import annotations

from typing import Any

from microsoft_teams.api import (
    AdaptiveCardActionMessageResponse,
    AdaptiveCardAttachment,
    CardTaskModuleTaskInfo,
    MessagingExtensionActionResponse,
    TaskModuleContinueResponse,
    TaskModuleMessageResponse,
    TaskModuleResponse,
    card_attachment,
)
from microsoft_teams.cards import AdaptiveCard, TextBlock

from bot.teams.ids import Invoke


def message_card(title: str, message: str) -> AdaptiveCard:
    """A card that only says something: a heading and a paragraph."""
    return AdaptiveCard(
        body=[
            TextBlock(text=title, weight="Bolder", size="Medium", wrap=True),
            TextBlock(text=message, wrap=True),
        ]
    )


def message_answer(invoke: str, title: str, message: str) -> dict[str, Any] | None:
    """The body that shows `message` in the place the invoke came from (a toast under the card,
    a dialog); None for an invoke that must be answered with an empty body (feedback) or that
    klachtenbot does not know."""
    match invoke:
        case Invoke.CARD_ACTION:
            answer: Any = AdaptiveCardActionMessageResponse(value=message)
        case Invoke.DIALOG_OPEN:
            answer = TaskModuleResponse(task=_dialog(title, message))
        case Invoke.MESSAGE_ACTION_OPEN:
            answer = MessagingExtensionActionResponse(task=_dialog(title, message))
        case Invoke.DIALOG_SUBMIT:
            answer = TaskModuleResponse(task=TaskModuleMessageResponse(value=message))
        case Invoke.MESSAGE_ACTION_SUBMIT:
            answer = MessagingExtensionActionResponse(task=TaskModuleMessageResponse(value=message))
        case _:
            return None
    return answer.model_dump(by_alias=True, exclude_none=True)


def _dialog(title: str, message: str) -> TaskModuleContinueResponse:
    card = card_attachment(AdaptiveCardAttachment(content=message_card(title, message)))
    return TaskModuleContinueResponse(value=CardTaskModuleTaskInfo(title=title, card=card))


def answered(body: Any) -> dict[str, Any]:
    """An invoke handler's result: HTTP 200 with `body`. The SDK takes a dict of `status` and
    `body` as it takes its InvokeResponse model, which would validate the whole body (a card of
    some kilobytes) again on every click; every body here is already plain JSON."""
    return {"status": 200, "body": body}
