"""personal messages on any surface: employee_messages.channel -> conversation and ts -> ref,
200 characters (a Teams personal chat's `a:` id is longer than Slack's 40), and `surface`
("slack" for every existing row); home_viewers.conversation and ref, where a surface that
posts the Home as a message (Teams: a card in the personal chat) keeps it to update in place

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "employee_messages"
HOMES = "home_viewers"


def upgrade() -> None:
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column(
            "channel",
            new_column_name="conversation",
            type_=sa.String(length=200),
            existing_nullable=False,
        )
        batch.alter_column(
            "ts", new_column_name="ref", type_=sa.String(length=200), existing_nullable=False
        )
        batch.add_column(
            sa.Column("surface", sa.String(length=20), server_default="slack", nullable=False)
        )
    with op.batch_alter_table(HOMES) as batch:
        batch.add_column(sa.Column("conversation", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("ref", sa.String(length=200), nullable=True))


def downgrade() -> None:
    """Back to the Slack-shaped columns, with the Slack rows (another surface's ids would not
    fit them)."""
    with op.batch_alter_table(HOMES) as batch:
        batch.drop_column("ref")
        batch.drop_column("conversation")
    op.execute(f"DELETE FROM {TABLE} WHERE surface != 'slack'")
    with op.batch_alter_table(TABLE) as batch:
        batch.drop_column("surface")
        batch.alter_column(
            "conversation",
            new_column_name="channel",
            type_=sa.String(length=40),
            existing_nullable=False,
        )
        batch.alter_column(
            "ref", new_column_name="ts", type_=sa.String(length=40), existing_nullable=False
        )
