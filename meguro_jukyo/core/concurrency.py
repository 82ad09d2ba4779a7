"""Several writers on one server store: collisions are retried, then reported.

On PostgreSQL every transaction runs at REPEATABLE READ (see ``db.make_engine``): a
transaction that writes a row another one changed after it started fails with a
serialization failure instead of overwriting that change — no update is ever lost, whether
it comes from a service call, an undo or a package import. Such a failure, and a deadlock,
only means "try again": :func:`retrying` runs the whole unit of work again (a fresh
transaction that reads the other writer's result) a bounded number of times with jittered
backoff, and then gives up with a :class:`StoreBusy` a person can act on.

SQLite has one writer per file (the lock in ``lock.py``), so nothing there collides.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from sqlalchemy.exc import DBAPIError

from .errors import UserError

T = TypeVar("T")

#: enough for two workstations capturing notes into one meeting as fast as they can, on a
#: loaded server (each retry waits for the other's commit); at most about 3 s in all
ATTEMPTS = 8
#: first pause in seconds; doubled after each collision up to MAX_BACKOFF, jittered by ±50%
BACKOFF = 0.02
MAX_BACKOFF = 0.5
#: serialization_failure, deadlock_detected
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
#: the advisory lock package imports take turns on (see :func:`one_import_at_a_time`)
IMPORT_LOCK = 0x4D4A5359


class StoreBusy(UserError):
    """Other writers kept colliding with this one; nothing of it was saved."""


class Collision(StoreBusy):
    """One collision, where nobody ran the work again; nothing of it was saved."""

    def __init__(self) -> None:
        super().__init__("ほかの職員が同じ記録を同時に変更したため、保存しませんでした。もう一度操作してください。",
                         "Other staff changed the same records at the same moment; nothing was saved. "
                         "Please try again.")


def is_collision(exc: BaseException) -> bool:
    """True for an error that only says another writer got there first."""
    orig = getattr(exc, "orig", None)
    return isinstance(exc, DBAPIError) and getattr(orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def retrying(
    work: Callable[[], T],
    *,
    attempts: int = ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
    jitter: Callable[[], float] = random.random,
) -> T:
    """``work()``, run again while it collides with other writers, at most ``attempts`` times.

    ``work`` must be one whole transaction (it is rolled back when it collides), so running
    it again is safe.
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except (Collision, DBAPIError) as exc:
            if not isinstance(exc, Collision) and not is_collision(exc):
                raise
            if attempt == attempts:
                raise StoreBusy(
                    "ほかの職員の変更と重なったため保存できませんでした（"
                    f"{attempts} 回試しました）。少し待ってからもう一度操作してください。",
                    f"This collided with other staff's changes {attempts} times and was not "
                    "saved. Wait a moment and try again.",
                ) from exc
            sleep(min(BACKOFF * 2 ** (attempt - 1), MAX_BACKOFF) * (0.5 + jitter()))
    raise AssertionError("unreachable")


@contextmanager
def one_import_at_a_time(store) -> Iterator[None]:
    """On a server store, package imports take turns (other writers do not wait).

    An import reads and rewrites many rows, so two at once would mostly collide and retry;
    taking turns lets each run once. The lock is held on a connection of its own, outside
    the import's transaction, so the import's snapshot is taken after its turn has come.
    """
    if store.dialect != "postgresql":
        yield
        return
    from .dialect import advisory_lock, advisory_unlock

    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
        advisory_lock(con, IMPORT_LOCK)
        try:
            yield
        finally:
            advisory_unlock(con, IMPORT_LOCK)
