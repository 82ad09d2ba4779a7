"""Doubled 視点 links and attendees, folded to one

Before 視点 links had ids made from what they mean, the same link made on two laptops was two
live rows after sync (the open data named the 視点 twice), and the same person added to one
meeting on two laptops was two attendees. Sync now folds such doubles as they meet (see
sync/fold.py); this folds the ones already in the store, the same way: the row every store keeps
stays, the others become tombstones (ordinary stamped deletes, recorded in history as one change
and synced out like any edit), their values filling the blanks of the one kept.

The writes are this store's own (its device id and clock, saved back to ``meta``). The change
is in history but not on the undo stack: undoing it would bring the doubles back.

Revision ID: 0012
Revises: 0011
"""
from types import SimpleNamespace

from alembic import op
from sqlalchemy import text

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from meguro_jukyo.core.services.unit_of_work import Tx  # alembic reads every script to map revisions: today's code loads when this step runs
    from meguro_jukyo.core.sync.clock import HybridClock
    from meguro_jukyo.core.sync.fold import fold_all

    con = op.get_bind()
    meta = dict(con.execute(text("SELECT key, value FROM meta")).all())
    if "device_id" not in meta:  # a store being made: nothing to fold
        return
    clock = HybridClock(meta["device_id"])
    for key, value in meta.items():
        if key == "hlc" or key.startswith("hlc:"):
            clock.observe(value)
    store = SimpleNamespace(device_id=meta["device_id"], clock=clock, clock_key="hlc")
    tx = Tx(store, con, "重複した視点の結びつけと出席者の整理（形式 7 への更新）", kind="migration")
    if fold_all(tx):
        tx.finish()


def downgrade() -> None:
    # the folded rows are tombstones an older version reads as deleted rows: nothing to undo
    pass
