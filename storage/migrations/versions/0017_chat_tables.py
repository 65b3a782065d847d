"""chat tables named for no surface: slack_deliveries -> deliveries(complaint_id, surface,
conversation, ref, ...), slack_posts -> thread_posts, slack_seen_events -> seen_events,
slack_profiles -> profiles, slack_home_viewers -> home_viewers, each with its `surface`
("slack" for every existing row); and a notice's mentions in the event log as data
(bot.procedure.people) instead of Slack markup ('<@U…>' -> a person, '<!subteam^S…>' ->
{"surface": "slack", "group": "S…"}).

Each table is made anew and its rows copied (the same statements on SQLite and PostgreSQL, no
constraint renaming); none of them carries a trigger. The event log is append-only:
its rewrite runs with the same switch anonymisation uses (storage.eventlog).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from storage.eventlog import PERMIT
from storage.models.base import JsonDocument

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SLACK = "slack"
PENDING = "shown_version < wanted_version"
MARKUP = re.compile(r"<@([A-Z0-9]{1,40})>|<!subteam\^([A-Z0-9]{1,40})>")


def _outbox_columns(new: bool) -> list[sa.Column[Any]]:
    where = [
        sa.Column("conversation", sa.String(length=200), nullable=True),
        sa.Column("ref", sa.String(length=200), nullable=True),
    ]
    if not new:
        where = [
            sa.Column("channel", sa.String(length=40), nullable=True),
            sa.Column("root_ts", sa.String(length=40), nullable=True),
        ]
    return [
        sa.Column("complaint_id", sa.Integer(), autoincrement=False, nullable=False),
        *([sa.Column("surface", sa.String(length=20), nullable=False)] if new else []),
        *where,
        sa.Column("posted_event_id", sa.Integer(), nullable=False),
        sa.Column("shown_version", sa.Integer(), nullable=False),
        sa.Column("wanted_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("claimed_by", sa.String(length=80), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=80), nullable=True),
        sa.Column("refresh_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scrubbed_at", sa.DateTime(timezone=True), nullable=True),
    ]


QUEUE = (
    "posted_event_id, shown_version, wanted_version, claimed_by, claimed_until, attempts, "
    "next_attempt_at, last_error, refresh_at, scrubbed_at"
)


# The tables keyed by an id on the surface: (new name, columns besides the surface).
KEYED = (
    ("seen_events", "event_id, seen_at"),
    ("profiles", "user_id, name, fetched_at"),
    ("home_viewers", "user_id, opened_at, shown_digest"),
)


def _create_deliveries(name: str, new: bool) -> None:
    key = ["complaint_id", "surface"] if new else ["complaint_id"]
    op.create_table(
        name,
        *_outbox_columns(new),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=f"fk_{name}_complaint_id_complaints"
        ),
        sa.PrimaryKeyConstraint(*key, name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_refresh_at", name, ["refresh_at"])
    op.create_index(
        f"ix_{name}_pending",
        name,
        ["complaint_id"],
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )


def _create_posts(name: str, new: bool) -> None:
    where = ("conversation", "ref", 200) if new else ("channel", "ts", 40)
    op.create_table(
        name,
        sa.Column("event_id", sa.Integer(), autoincrement=False, nullable=False),
        *([sa.Column("surface", sa.String(length=20), nullable=False)] if new else []),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column(where[0], sa.String(length=where[2]), nullable=False),
        sa.Column(where[1], sa.String(length=where[2]), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["complaint_events.id"], name=f"fk_{name}_event_id_complaint_events"
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=f"fk_{name}_complaint_id_complaints"
        ),
        sa.PrimaryKeyConstraint(
            *(["event_id", "surface"] if new else ["event_id"]), name=f"pk_{name}"
        ),
    )
    op.create_index(f"ix_{name}_complaint_id", name, ["complaint_id"])


def _create_keyed(name: str, new: bool, key: str, *columns: sa.Column[Any]) -> None:
    surface = [sa.Column("surface", sa.String(length=20), nullable=False)] if new else []
    op.create_table(
        name,
        *surface,
        *columns,
        sa.PrimaryKeyConstraint(*(["surface", key] if new else [key]), name=f"pk_{name}"),
    )


def _create_people(new: bool) -> None:
    prefix = "" if new else "slack_"
    _create_keyed(
        f"{prefix}seen_events",
        new,
        "event_id",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    _create_keyed(
        f"{prefix}profiles",
        new,
        "user_id",
        sa.Column("user_id", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    )
    _create_keyed(
        f"{prefix}home_viewers",
        new,
        "user_id",
        sa.Column("user_id", sa.String(length=50), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shown_digest", sa.String(length=64), nullable=True),
    )


def _drop(name: str, indexes: Sequence[str] = ()) -> None:
    for index in indexes:
        op.drop_index(index, table_name=name)
    op.drop_table(name)


def upgrade() -> None:
    _create_deliveries("deliveries", new=True)
    _create_posts("thread_posts", new=True)
    _create_people(new=True)
    op.execute(
        f"INSERT INTO deliveries (complaint_id, surface, conversation, ref, {QUEUE}) "
        f"SELECT complaint_id, '{SLACK}', channel, root_ts, {QUEUE} FROM slack_deliveries"
    )
    op.execute(
        "INSERT INTO thread_posts (event_id, surface, complaint_id, conversation, ref) "
        f"SELECT event_id, '{SLACK}', complaint_id, channel, ts FROM slack_posts"
    )
    for name, columns in KEYED:
        op.execute(
            f"INSERT INTO {name} (surface, {columns}) SELECT '{SLACK}', {columns} FROM slack_{name}"
        )
    _drop(
        "slack_deliveries",
        ["ix_slack_deliveries_pending", "ix_slack_deliveries_refresh_at"],
    )
    _drop("slack_posts", ["ix_slack_posts_complaint_id"])
    for name in ("slack_seen_events", "slack_profiles", "slack_home_viewers"):
        _drop(name)
    _mentions_as_data()


def downgrade() -> None:
    """Back to the Slack-shaped tables, with the Slack rows (a notice's mentions stay data:
    the code of 0016 reads both forms)."""
    _create_deliveries("slack_deliveries", new=False)
    _create_posts("slack_posts", new=False)
    _create_people(new=False)
    op.execute(
        f"INSERT INTO slack_deliveries (complaint_id, channel, root_ts, {QUEUE}) "
        f"SELECT complaint_id, conversation, ref, {QUEUE} FROM deliveries "
        f"WHERE surface = '{SLACK}'"
    )
    op.execute(
        "INSERT INTO slack_posts (event_id, complaint_id, channel, ts) "
        f"SELECT event_id, complaint_id, conversation, ref FROM thread_posts "
        f"WHERE surface = '{SLACK}'"
    )
    for name, columns in KEYED:
        op.execute(
            f"INSERT INTO slack_{name} ({columns}) "
            f"SELECT {columns} FROM {name} WHERE surface = '{SLACK}'"
        )
    _drop("deliveries", ["ix_deliveries_pending", "ix_deliveries_refresh_at"])
    _drop("thread_posts", ["ix_thread_posts_complaint_id"])
    for name in ("seen_events", "profiles", "home_viewers"):
        _drop(name)


def mention_as_data(item: Any) -> Any:
    """One stored mention: Slack markup becomes a person or a group, data stays as it is."""
    if isinstance(item, str) and (markup := MARKUP.fullmatch(item)):
        user, group = markup.groups()
        if user:
            return {"surface": SLACK, "id": user}
        return {"surface": SLACK, "group": group}
    return item


def _mentions_as_data() -> None:
    bind = op.get_bind()
    events = sa.table(
        "complaint_events",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("data", JsonDocument()),
    )
    rows = bind.execute(
        sa.select(events.c.id, events.c.data).where(events.c.kind == "warning_sent")
    ).all()
    changed = []
    for event_id, data in rows:
        mentioned = (data or {}).get("mention")
        if not isinstance(mentioned, list):
            continue
        converted = [mention_as_data(item) for item in mentioned]
        if converted != mentioned:
            changed.append((event_id, {**data, "mention": converted}))
    if not changed:
        return
    # The one rewrite of stored events besides anonymisation, with the same switch (the
    # engine's guard and PostgreSQL's trigger, storage.eventlog).
    postgres = bind.dialect.name == "postgresql"
    bind.info[PERMIT] = True
    try:
        if postgres:
            bind.exec_driver_sql(f"SELECT set_config('{PERMIT}', 'on', true)")
        for event_id, data in changed:
            bind.execute(events.update().where(events.c.id == event_id).values(data=data))
        if postgres:
            bind.exec_driver_sql(f"SELECT set_config('{PERMIT}', 'off', true)")
    finally:
        bind.info.pop(PERMIT, None)
