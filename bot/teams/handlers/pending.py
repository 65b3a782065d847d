"""What is not built yet in Teams: commands, card buttons, dialogs and the message action.

Each is answered at once with a Dutch "not yet" in the place it came from (the invoke's own
answer, or a message in the person's personal chat), so nobody waits for a time-out or sees an
error. The handlers that do the work replace these."""

from __future__ import annotations

import asyncio
from typing import Any

from microsoft_teams.api import InvokeResponse

from bot.teams.answers import message_answer
from bot.teams.app import Surface
from bot.teams.replies import reply_privately
from bot.teams.sdk import ActivityContext, App
from bot.texts import teams as text


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_message
    async def message(ctx: ActivityContext[Any]) -> None:
        await asyncio.to_thread(reply_privately, ctx.activity, surface, text.NOT_YET)

    @sdk.on_invoke
    async def invoke(ctx: ActivityContext[Any]) -> InvokeResponse[Any]:
        body = message_answer(ctx.activity.name, text.NOT_YET_TITLE, text.NOT_YET)
        return InvokeResponse(status=200, body=body)
