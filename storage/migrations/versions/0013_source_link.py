"""source_link: the link to the chat message a complaint was made from, named for no surface
(it was slack_permalink)

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A plain RENAME COLUMN on both databases: a batch migration would rebuild SQLite's table and
# drop the search triggers that hang on it.
def upgrade() -> None:
    op.execute("ALTER TABLE complaints RENAME COLUMN slack_permalink TO source_link")


def downgrade() -> None:
    op.execute("ALTER TABLE complaints RENAME COLUMN source_link TO slack_permalink")
