"""Slack profile names as cached by the bot (`slack_profiles`), for reports that name people."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from storage.models.slack import SlackProfile


def profile_names(connection: Connection, user_ids: Iterable[str]) -> dict[str, str]:
    """user id -> profile name, for the ids whose name the bot has learned."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return {}
    rows = connection.execute(
        select(SlackProfile.user_id, SlackProfile.name).where(SlackProfile.user_id.in_(wanted))
    )
    return {user_id: name for user_id, name in rows}
