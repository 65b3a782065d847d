"""complainant: each complaint's kind (route), remedy sought, severity and decision deadline;
the decision with its letter, the complainant's answer and recourse; the letters written to
complainants; indexes for the decision-deadline and "geen reactie" scans

Existing complaints become `dienstverlening` without an outcome; their decision deadline stays
empty (the clock watches those of complaints registered from now on).

Plain ALTER TABLE statements on both databases: a batch migration would rebuild SQLite's
complaints table and drop the search triggers that hang on it (storage/search.py).

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNDECIDED = "decision_deadline IS NOT NULL AND closed_at IS NULL"
AWAITING_ANSWER = "acceptance_due IS NOT NULL AND acceptance IS NULL"
RECOURSE_OPEN = "recourse_body IS NOT NULL AND recourse_result IS NULL"


def columns() -> list[sa.Column]:
    """The new columns of `complaints` (fresh objects: a Column belongs to one table)."""
    return [
        sa.Column("route", sa.String(20), nullable=False, server_default="dienstverlening"),
        sa.Column("suitable_work", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("remedy", sa.String(20), nullable=True),
        sa.Column("remedy_text", sa.Text(), nullable=True),
        sa.Column("severity", sa.String(10), nullable=True),
        sa.Column("severity_reason", sa.Text(), nullable=True),
        sa.Column("decision_start", sa.Date(), nullable=True),
        sa.Column("decision_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("decision_letter", sa.Text(), nullable=True),
        sa.Column("decision_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acceptance_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acceptance", sa.String(20), nullable=True),
        sa.Column("acceptance_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recourse_body", sa.String(20), nullable=True),
        sa.Column("recourse_body_name", sa.String(200), nullable=True),
        sa.Column("recourse_on", sa.Date(), nullable=True),
        sa.Column("recourse_result", sa.String(20), nullable=True),
        sa.Column("recourse_result_text", sa.Text(), nullable=True),
        sa.Column("recourse_result_on", sa.Date(), nullable=True),
    ]


PARTIAL = (
    ("ix_complaints_undecided", ["state", "decision_deadline"], UNDECIDED),
    ("ix_complaints_awaiting_answer", ["acceptance_due"], AWAITING_ANSWER),
    ("ix_complaints_recourse_open", ["recourse_on"], RECOURSE_OPEN),
)


def upgrade() -> None:
    for column in columns():
        op.add_column("complaints", column)
    for name, indexed, condition in PARTIAL:
        op.create_index(
            name,
            "complaints",
            indexed,
            unique=False,
            sqlite_where=sa.text(condition),
            postgresql_where=sa.text(condition),
        )
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=True),
        sa.Column("message_id", sa.String(length=500), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=op.f("fk_letters_complaint_id_complaints")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["complaint_events.id"],
            name=op.f("fk_letters_event_id_complaint_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("event_id", name=op.f("uq_letters_event_id")),
        sa.UniqueConstraint("message_id", name=op.f("uq_letters_message_id")),
    )
    op.create_index(op.f("ix_letters_complaint_id"), "letters", ["complaint_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_letters_complaint_id"), table_name="letters")
    op.drop_table("letters")
    for name, _columns, _condition in PARTIAL:
        op.drop_index(name, table_name="complaints")
    # SQLite (3.35+) drops a column in place, keeping the table and its triggers.
    for column in reversed(columns()):
        op.execute(f"ALTER TABLE complaints DROP COLUMN {column.name}")
