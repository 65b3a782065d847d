"""sqlite event log: SQLite itself refuses changes to stored events, as PostgreSQL does (0008)

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

from alembic import op

from storage.eventlog import SQLITE_PERMIT_TABLE, sqlite_append_only_sql

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = (
    "complaint_events_no_update",
    "complaint_events_no_delete",
    "complaint_events_no_replace",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in sqlite_append_only_sql():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {SQLITE_PERMIT_TABLE}")
