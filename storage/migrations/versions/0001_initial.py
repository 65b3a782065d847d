"""complaints, events and reference counters

Revision ID: 0001
Revises:
Create Date: 2026-11-26 02:25:10.879931
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contact_deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("complainant_name", sa.String(length=200), nullable=True),
        sa.Column("complainant_email", sa.String(length=320), nullable=True),
        sa.Column("complainant_phone", sa.String(length=20), nullable=True),
        sa.Column("relation_type", sa.String(length=30), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=True),
        sa.Column("forwarded_by", sa.String(length=320), nullable=True),
        sa.Column("slack_permalink", sa.String(length=500), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_outcome", sa.String(length=30), nullable=True),
        sa.Column("agreed_measures", sa.Text(), nullable=True),
        sa.Column("employee_id", sa.String(length=50), nullable=True),
        sa.Column("discussion_requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("employee_response", sa.Text(), nullable=True),
        sa.Column("employee_responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("discussed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("discussion_summary", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("root_cause_category", sa.String(length=30), nullable=True),
        sa.Column("root_cause", sa.Text(), nullable=True),
        sa.Column("corrective_measures", sa.Text(), nullable=True),
        sa.Column("preventive_measures", sa.Text(), nullable=True),
        sa.Column("customer_satisfied", sa.String(length=10), nullable=True),
        sa.Column("no_employee_reason", sa.Text(), nullable=True),
        sa.Column("effectiveness_check_on", sa.Date(), nullable=True),
        sa.Column("effectiveness_result", sa.Text(), nullable=True),
        sa.Column("effective", sa.Boolean(), nullable=True),
        sa.Column("rejected_reason", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaints_reference")),
        sa.UniqueConstraint("year", "number", name="year_number"),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaints_complainant_email"), ["complainant_email"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_complaints_employee_id"), ["employee_id"], unique=False
        )
        batch_op.create_index("ix_complaints_received_at", ["received_at"], unique=False)
        batch_op.create_index(
            "ix_complaints_state_deadline", ["state", "contact_deadline"], unique=False
        )

    op.create_table(
        "reference_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_reference_counters")),
    )
    op.create_table(
        "complaint_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.String(length=50), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("before_state", sa.String(length=20), nullable=True),
        sa.Column("after_state", sa.String(length=20), nullable=True),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_events_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_events")),
    )
    with op.batch_alter_table("complaint_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_events_complaint_id"), ["complaint_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("complaint_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_events_complaint_id"))

    op.drop_table("complaint_events")
    op.drop_table("reference_counters")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_state_deadline")
        batch_op.drop_index("ix_complaints_received_at")
        batch_op.drop_index(batch_op.f("ix_complaints_employee_id"))
        batch_op.drop_index(batch_op.f("ix_complaints_complainant_email"))

    op.drop_table("complaints")
