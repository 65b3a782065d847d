"""home_digest: a fingerprint of the Home view last published to each viewer, so that the
clock's periodic refresh publishes only what changed

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "slack_home_viewers", sa.Column("shown_digest", sa.String(length=64), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("slack_home_viewers") as batch:
        batch.drop_column("shown_digest")
