"""the meeting's 議長 and its 書面表決, for minutes as they are signed

- ``meeting.chair``: who the meeting chose as 議長 (議長選出); before, the minutes named the
  facilitator, which they still do for a meeting that chose none.
- ``meeting.written_votes``: 書面表決 (votes cast in writing), counted apart from 委任状
  (which delegate the vote) and, where the meeting type's rule says so, towards its quorum.

Constant defaults ('' and 0) on the columns: existing meetings read as before, and SQLite adds
them without rebuilding the table.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('meeting', sa.Column('chair', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False,
                                       server_default=''))
    op.add_column('meeting', sa.Column('written_votes', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('meeting') as batch:
        batch.drop_column('written_votes')
        batch.drop_column('chair')
