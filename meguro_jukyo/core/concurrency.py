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

import hashlib
import random
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from sqlalchemy.exc import DBAPIError

from .dialect import advisory_lock, advisory_unlock
from .errors import UserError

T = TypeVar("T")

#: enough for edits of one record from several workstations on a loaded server (each retry
#: waits for the other's commit); at most about 3 s in all. Work that always writes the same
#: rows takes turns instead (:func:`taking_turns`), so it does not rely on these.
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


def turn_key(name: str) -> int:
    """A stable 64-bit advisory lock key for a named turn (e.g. one meeting's note numbering)."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextmanager
def taking_turns(store, key: int | str | None) -> Iterator[None]:
    """On a server store, units of work with the same ``key`` take turns (others do not wait).

    Work that always writes the same row (numbering the notes of one agenda item, a package
    import) would otherwise collide every time two workstations do it at once, and the one
    that collided keeps losing: while it pauses to retry, the other has started its next
    write. Waiting for a turn instead of colliding ends that. The lock is held on a
    connection of its own, outside the work's transaction, so the transaction's snapshot is
    taken after its turn has come (a lock taken inside it would come after its snapshot).
    """
    if key is None or store.dialect != "postgresql":
        yield
        return
    lock = key if isinstance(key, int) else turn_key(key)
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
        advisory_lock(con, lock)
        try:
            yield
        finally:
            advisory_unlock(con, lock)


def one_import_at_a_time(store):
    """Package imports take turns: an import reads and rewrites many rows, so two at once
    would mostly collide and retry; taking turns lets each run once."""
    return taking_turns(store, IMPORT_LOCK)
