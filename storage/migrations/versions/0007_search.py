"""finding complaints: text search on each database, indexes for lookups, Slack profile names,
who watches the Home tab

SQLite gets an FTS5 table kept in step with `complaints` by triggers (an SQLite table rebuilt by
a later batch migration loses its triggers: such a migration must recreate them with
`storage.search.sqlite_triggers`). PostgreSQL gets a stored generated `simple` text-search
vector over the same columns, with a GIN index.

Revision ID: 0007
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.search import (
    PG_SEARCH_COLUMN,
    PG_SEARCH_INDEX,
    SQLITE_FTS_TABLE,
    pg_search_sql,
    sqlite_fts_sql,
    sqlite_triggers,
)

revision: str = "0007"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_complaints_phone", "complaints", ["complainant_phone"])
    op.create_index("ix_complaints_category_received", "complaints", ["category", "received_at"])
    op.create_table(
        "slack_profiles",
        sa.Column("user_id", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_slack_profiles")),
    )
    op.create_table(
        "slack_home_viewers",
        sa.Column("user_id", sa.String(length=50), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_slack_home_viewers")),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(sqlite_fts_sql())
        for statement in sqlite_triggers():
            op.execute(statement)
        op.execute(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('rebuild')")
    else:
        for statement in pg_search_sql():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {SQLITE_FTS_TABLE}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {SQLITE_FTS_TABLE}")
    else:
        op.execute(f"DROP INDEX IF EXISTS {PG_SEARCH_INDEX}")
        op.execute(f"ALTER TABLE complaints DROP COLUMN IF EXISTS {PG_SEARCH_COLUMN}")
    op.drop_table("slack_home_viewers")
    op.drop_table("slack_profiles")
    op.drop_index("ix_complaints_category_received", table_name="complaints")
    op.drop_index("ix_complaints_phone", table_name="complaints")
