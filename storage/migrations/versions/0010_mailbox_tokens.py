"""mailbox_tokens: the OAuth2 refresh token of the complaints mailbox

Revision ID: 0010
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mailbox_tokens",
        sa.Column("client_id", sa.String(length=200), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_mailbox_tokens")),
    )


def downgrade() -> None:
    op.drop_table("mailbox_tokens")
