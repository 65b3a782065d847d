"""employee_messages: the direct message to each employee asked for their side; an index on
complaint_events.kind for the reports

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "employee_messages",
        sa.Column("request_event_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("employee_id", sa.String(length=50), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("ts", sa.String(length=40), nullable=False),
        sa.Column("shown_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_event_id"],
            ["complaint_events.id"],
            name=op.f("fk_employee_messages_request_event_id_complaint_events"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_employee_messages_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint(
            "request_event_id", "employee_id", name=op.f("pk_employee_messages")
        ),
    )
    op.create_index(
        op.f("ix_employee_messages_complaint_id"), "employee_messages", ["complaint_id"]
    )
    op.create_index("ix_complaint_events_kind", "complaint_events", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_complaint_events_kind", table_name="complaint_events")
    op.drop_index(op.f("ix_employee_messages_complaint_id"), table_name="employee_messages")
    op.drop_table("employee_messages")
