"""Installation and membership: the conversation references (bot.teams.references); an install
in a person's personal scope also sends them their Home card (bot.teams.homes)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.teams.app import Surface
from bot.teams.handlers.commands import show_home
from bot.teams.homes import actor_for
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
        bot_id = ctx.activity.recipient.id
        if any(member.id == bot_id for member in ctx.activity.members_added or []):
            await asyncio.to_thread(welcome, ctx.activity, surface)


def welcome(activity: Any, surface: Surface) -> None:
    """The person who installed the app in their personal scope gets their Home card (Teams
    sends this conversationUpdate, beside the installationUpdate, once per install)."""
    if activity.conversation.conversation_type != "personal":
        return
    object_id = getattr(activity.from_, "aad_object_id", None)
    if not object_id:
        return
    actor = actor_for(surface.settings, str(object_id).lower(), str(activity.from_.name or ""))
    show_home(surface, actor)
