"""teams_directory: the Teams conversations the bot was added to and the people it can reach
(conversation references for proactive messages)

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(length=512)


def upgrade() -> None:
    op.create_table(
        "teams_conversations",
        sa.Column("conversation_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("team_id", ID, nullable=True),
        sa.Column("tenant_id", sa.String(length=40), nullable=True),
        sa.Column("service_url", ID, nullable=False),
        sa.Column("bot_id", ID, nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_teams_conversations")),
    )
    op.create_index(
        op.f("ix_teams_conversations_team_id"), "teams_conversations", ["team_id"], unique=False
    )
    op.create_table(
        "teams_members",
        sa.Column("user_id", ID, nullable=False),
        sa.Column("aad_object_id", sa.String(length=40), nullable=True),
        sa.Column("tenant_id", sa.String(length=40), nullable=True),
        sa.Column("service_url", ID, nullable=False),
        sa.Column("personal_chat_id", ID, nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_teams_members")),
    )
    op.create_index(
        op.f("ix_teams_members_aad_object_id"), "teams_members", ["aad_object_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_teams_members_aad_object_id"), table_name="teams_members")
    op.drop_table("teams_members")
    op.drop_index(op.f("ix_teams_conversations_team_id"), table_name="teams_conversations")
    op.drop_table("teams_conversations")
