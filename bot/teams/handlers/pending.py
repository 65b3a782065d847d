"""What is not built yet in Teams: card buttons, dialogs and the message action.

Each is answered at once with a Dutch "not yet" in the invoke's own answer, so nobody waits for
a time-out or sees an error. The handlers that do the work replace these (messages: the
commands, bot.teams.handlers.commands)."""

from __future__ import annotations

from typing import Any

from bot.teams.answers import answered, message_answer
from bot.teams.app import Surface
from bot.teams.sdk import ActivityContext, App
from bot.texts import teams as text


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_invoke
    async def invoke(ctx: ActivityContext[Any]) -> dict[str, Any]:
        body = message_answer(ctx.activity.name, text.NOT_YET_TITLE, text.NOT_YET)
        return answered(body)
