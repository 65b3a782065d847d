"""privacy: anonymisation marks, the Slack thread posts of each event, an append-only event log

Revision ID: 0008
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL refuses any change to a stored event, except an UPDATE inside a transaction that
# declared itself the anonymisation (storage.privacy sets the flag with SET LOCAL semantics).
APPEND_ONLY_FUNCTION = """
CREATE FUNCTION complaint_events_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('klachtenbot.anonymising', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'complaint_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql
"""
ROW_TRIGGER = """
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events
FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only()
"""
TRUNCATE_TRIGGER = """
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
FOR EACH STATEMENT EXECUTE FUNCTION complaint_events_append_only()
"""


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("slack_deliveries") as batch:
        batch.add_column(sa.Column("scrubbed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "slack_posts",
        sa.Column("event_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("ts", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["complaint_events.id"],
            name=op.f("fk_slack_posts_event_id_complaint_events"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_slack_posts_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_slack_posts")),
    )
    op.create_index(op.f("ix_slack_posts_complaint_id"), "slack_posts", ["complaint_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(ROW_TRIGGER)
        op.execute(TRUNCATE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER complaint_events_no_truncate ON complaint_events")
        op.execute("DROP TRIGGER complaint_events_append_only ON complaint_events")
        op.execute("DROP FUNCTION complaint_events_append_only()")
    op.drop_index(op.f("ix_slack_posts_complaint_id"), table_name="slack_posts")
    op.drop_table("slack_posts")
    with op.batch_alter_table("slack_deliveries") as batch:
        batch.drop_column("scrubbed_at")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("anonymised_at")
