"""sync: per-row merge state, trusted devices, import ledger, quarantine

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

USER_TABLES = ('organization', 'meeting', 'agenda_item', 'issue', 'note', 'action_item',
               'policy_link', 'attendee')


def upgrade() -> None:
    for table in USER_TABLES:
        # a constant default: SQLite adds the column without rebuilding the table, and rows
        # written before sync existed read as "every field written by the row's stamp"
        op.add_column(table, sa.Column('sync_state', sqlmodel.sql.sqltypes.AutoString(),
                                       nullable=False, server_default=''))

    op.create_table('sync_device',
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('organization', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('public_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('trusted', sa.Boolean(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('device_id')
    )
    op.create_table('sync_ledger',
    sa.Column('package_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('counts', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('package_sha256')
    )
    op.create_index(op.f('ix_sync_ledger_device_id'), 'sync_ledger', ['device_id'], unique=False)
    op.create_table('sync_quarantine',
    sa.Column('package_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('organization', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('package_sha256')
    )
    op.create_index(op.f('ix_sync_quarantine_device_id'), 'sync_quarantine', ['device_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sync_quarantine_device_id'), table_name='sync_quarantine')
    op.drop_table('sync_quarantine')
    op.drop_index(op.f('ix_sync_ledger_device_id'), table_name='sync_ledger')
    op.drop_table('sync_ledger')
    op.drop_table('sync_device')
    for table in USER_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('sync_state')
