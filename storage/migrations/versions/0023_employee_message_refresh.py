"""employee message refresh: when an employee's request message must be rebuilt without a
change of the complaint (its answer deadline passes), like deliveries.refresh_at

Revision ID: 0023
Revises: 0022
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("employee_messages") as batch:
        batch.add_column(sa.Column("refresh_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_employee_messages_refresh_at", ["refresh_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("employee_messages") as batch:
        batch.drop_index("ix_employee_messages_refresh_at")
        batch.drop_column("refresh_at")
