"""inbound mail: a duplicate needs the same Message-ID and the same content; sender, subject and
a note per message (the list of ignored mail); a phone number found by intake may be uncertain

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# inbound_messages has no triggers, so SQLite's batch rebuild (to drop the unique Message-ID)
# loses nothing. complaints carries the search triggers: a plain ADD COLUMN keeps them.
def upgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_constraint("uq_inbound_messages_message_id", type_="unique")
        batch.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("sender", sa.String(length=320), nullable=True))
        batch.add_column(sa.Column("subject", sa.Text(), nullable=True))
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.create_unique_constraint("message_id_content", ["message_id", "content_hash"])
        batch.create_index("ix_inbound_messages_message_id", ["message_id"])
        batch.create_index("ix_inbound_messages_outcome_received_at", ["outcome", "received_at"])
    op.add_column(
        "complaints",
        sa.Column("phone_uncertain", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    """Fails while two stored messages share a Message-ID, which 0013 cannot hold."""
    op.drop_column("complaints", "phone_uncertain")
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_index("ix_inbound_messages_outcome_received_at")
        batch.drop_index("ix_inbound_messages_message_id")
        batch.drop_constraint("message_id_content", type_="unique")
        batch.drop_column("note")
        batch.drop_column("subject")
        batch.drop_column("sender")
        batch.drop_column("content_hash")
        batch.create_unique_constraint("uq_inbound_messages_message_id", ["message_id"])
