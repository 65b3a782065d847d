"""effectiveness check index: the reports find a period's effectiveness checks by their date

The partial index of 0005 holds only the checks still to do; a report counts the recorded ones
too, per quarter, and read the whole table without this one.

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_complaints_effectiveness_check_on"


def upgrade() -> None:
    op.create_index(INDEX, "complaints", ["effectiveness_check_on"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="complaints", if_exists=True)
