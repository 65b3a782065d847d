"""Who may use the bot: people of the own tenant (TEAMS_TENANT_ID) with an Entra object id.

A message or invoke from anyone else (a guest from another organisation, an anonymous meeting
participant) is answered with a refusal and goes no further; other activities from another
tenant are ignored. A personal chat's sender is recorded with that chat (bot.teams.references),
before the handler's own work, in its thread (bot.teams.hops).
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from bot.teams.answers import answered, message_answer
from bot.teams.app import Surface
from bot.teams.hops import first_in_thread
from bot.teams.references import record_member, tenant_of
from bot.teams.replies import reply
from bot.teams.sdk import ActivityContext, App
from bot.texts import teams as text

log = logging.getLogger(__name__)

FROM_PEOPLE = ("message", "invoke")


def register(sdk: App, surface: Surface) -> None:
    async def gate(ctx: ActivityContext[Any]) -> Any:
        activity = ctx.activity
        own_tenant = tenant_of(activity) == surface.settings.teams_tenant_id
        if activity.type not in FROM_PEOPLE:
            if own_tenant:
                await ctx.next()
            else:
                log.warning("%s from another tenant ignored", activity.type)
            return None
        if not own_tenant or not activity.from_.aad_object_id:
            log.warning("%s from outside the organisation refused", activity.type)
            return await _refuse(activity, surface)
        if activity.conversation.conversation_type == "personal":
            # Done in the thread of the handler's own work (bot.teams.hops): one hop per click.
            url = surface.service_url(activity)
            sender = partial(record_member, activity.from_, activity, surface.directory, url)
            await first_in_thread(sender, ctx.next)
            return None
        await ctx.next()
        return None

    sdk.use(gate)


async def _refuse(activity: Any, surface: Surface) -> Any:
    if activity.type == "invoke":
        body = message_answer(activity.name, text.OUTSIDER_TITLE, text.OUTSIDER)
        return answered(body)
    await asyncio.to_thread(reply, activity, surface, text.OUTSIDER)
    return None
