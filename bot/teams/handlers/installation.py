"""Installation and membership: the conversation references (bot.teams.references)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.teams.app import Surface
from bot.teams.references import record_conversation_update, record_installation
from bot.teams.sdk import ActivityContext, App


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_installation_update
    async def installation_update(ctx: ActivityContext[Any]) -> None:
        url = surface.service_url(ctx.activity)
        await asyncio.to_thread(record_installation, ctx.activity, surface.directory, url)

    @sdk.on_conversation_update
    async def conversation_update(ctx: ActivityContext[Any]) -> None:
        url = surface.service_url(ctx.activity)
        await asyncio.to_thread(record_conversation_update, ctx.activity, surface.directory, url)
