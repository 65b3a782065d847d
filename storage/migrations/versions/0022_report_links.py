"""report links: the files of a posted report (report_files) and the links that open them for a
while (report_links, the token's hash only), for the report post in Teams

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_files",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name="fk_report_files_report_id_reports"
        ),
        sa.PrimaryKeyConstraint("report_id", "name", name="pk_report_files"),
    )
    op.create_table(
        "report_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name="fk_report_links_report_id_reports"
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_report_links"),
    )
    op.create_index("ix_report_links_report_id", "report_links", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_report_links_report_id", table_name="report_links")
    op.drop_table("report_links")
    op.drop_table("report_files")
