"""clock: the notification ledger, job health, the outbox's wanted version and refresh moments,
and the scan indexes

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EFFECTIVENESS_DUE = "state = 'closed' AND effectiveness_result IS NULL"
UNCONTACTED = "contacted_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recipient", sa.String(length=40), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_notifications_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint(
            "subject", "kind", "due_at", "recipient", name=op.f("uq_notifications_subject")
        ),
    )
    op.create_index(
        "ix_notifications_pending", "notifications", ["sent_at", "next_attempt_at"], unique=False
    )
    op.create_index(
        "ix_notifications_complaint_kind", "notifications", ["complaint_id", "kind"], unique=False
    )
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_runs")),
    )
    with op.batch_alter_table("slack_deliveries") as batch:
        batch.add_column(sa.Column("refresh_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("wanted_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch.create_index("ix_slack_deliveries_refresh_at", ["refresh_at"], unique=False)
    # Every complaint gets its outbox row now (new ones get it when stored), wanting the
    # version it has.
    op.execute(
        "INSERT INTO slack_deliveries (complaint_id, posted_event_id, shown_version, attempts) "
        "SELECT id, 0, 0, 0 FROM complaints WHERE id NOT IN "
        "(SELECT complaint_id FROM slack_deliveries)"
    )
    op.execute(
        "UPDATE slack_deliveries SET wanted_version = "
        "(SELECT version FROM complaints WHERE complaints.id = slack_deliveries.complaint_id)"
    )
    op.create_index(
        "ix_slack_deliveries_pending",
        "slack_deliveries",
        ["complaint_id"],
        unique=False,
        sqlite_where=sa.text("shown_version < wanted_version"),
        postgresql_where=sa.text("shown_version < wanted_version"),
    )
    op.create_index(
        "ix_complaints_state_received_at", "complaints", ["state", "received_at"], unique=False
    )
    op.create_index(
        "ix_complaints_uncontacted",
        "complaints",
        ["state", "contact_deadline"],
        unique=False,
        sqlite_where=sa.text(UNCONTACTED),
        postgresql_where=sa.text(UNCONTACTED),
    )
    op.create_index(
        "ix_complaints_effectiveness_due",
        "complaints",
        ["state", "effectiveness_check_on"],
        unique=False,
        sqlite_where=sa.text(EFFECTIVENESS_DUE),
        postgresql_where=sa.text(EFFECTIVENESS_DUE),
    )


def downgrade() -> None:
    op.drop_index("ix_complaints_effectiveness_due", table_name="complaints")
    op.drop_index("ix_complaints_uncontacted", table_name="complaints")
    op.drop_index("ix_complaints_state_received_at", table_name="complaints")
    op.drop_index("ix_slack_deliveries_pending", table_name="slack_deliveries")
    with op.batch_alter_table("slack_deliveries") as batch:
        batch.drop_index("ix_slack_deliveries_refresh_at")
        batch.drop_column("wanted_version")
        batch.drop_column("refresh_at")
    op.drop_table("job_runs")
    op.drop_index("ix_notifications_complaint_kind", table_name="notifications")
    op.drop_index("ix_notifications_pending", table_name="notifications")
    op.drop_table("notifications")
