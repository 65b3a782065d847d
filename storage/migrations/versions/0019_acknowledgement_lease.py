"""acknowledgement lease: acknowledgements are leased by `claimed_until` like the other queues

Before, a sender leased an acknowledgement by moving its next attempt ahead. With the one queue
(storage/queue.py) the lease and the next attempt are separate columns in every queue table.
A row leased the old way keeps its moved next attempt and is taken again after it.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "acknowledgements",
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("acknowledgements") as batch:
        batch.drop_column("claimed_until")
