"""Slack profile names as cached by the bot (`profiles`), for reports that name people."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from storage.models.chat import Profile


def profile_names(connection: Connection, user_ids: Iterable[str]) -> dict[str, str]:
    """user id -> profile name, for the ids whose name the bot has learned."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return {}
    rows = connection.execute(
        select(Profile.user_id, Profile.name).where(Profile.user_id.in_(wanted))
    )
    return {user_id: name for user_id, name in rows}
