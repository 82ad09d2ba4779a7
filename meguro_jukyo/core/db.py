"""The store: engine, pragmas, checks on open, migrations (after a backup), backups.

A store is an SQLite file (the default, embedded, offline) or a PostgreSQL URL (the ward
server). Opening never changes a file that turns out to be missing, locked, corrupt, foreign
or from a newer version: those are checked read-only first and refused with a one-line reason.

Opening costs the same whatever the store's size: SQLite's quick_check reads the whole file
(a second or more at ward size), so it runs only where damage may be — after the last writer
died with the store open (lock.py), before the daily backup (a damaged copy must not push out
the sound ones), on `check` and on a file being restored — and a store it fails is refused there.

One file over 500 lines on purpose: it is the one story of opening a store, read top to
bottom — where it is, what the file holds (read-only checks), the engine and its pragmas,
:class:`Store` (open, migrate after a backup, close), backups, and the schema steps Store
runs. Each part is used by the next and by nothing else but Store; split, the order in which
a store is checked, backed up and migrated would be spread over modules.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from . import faults, reference
from .dialect import after_migrations, lock_schema, server_index_problems, sqlite_connection, upsert_meta
from .errors import StoreError
from .files import atomic_path
from .lock import WriterLock, left_by_a_crash
from .sync.clock import HybridClock
from .workstation import Workstation

#: PRAGMA application_id of every meguro_jukyo store: "MJKY".
APPLICATION_ID = 0x4D4A4B59
#: PRAGMA user_version of a store at the current schema.
SCHEMA_VERSION = 7
#: The Alembic revision each schema version ends at. A release's migrations together make one
#: version (6: 0006–0008, 7: 0009–0015), so that laptops one release apart stay within the sync rule's one
#: version (core/sync/package.py).
SCHEMA_REVISIONS = {1: "0001", 2: "0002", 3: "0003", 4: "0004", 5: "0005", 6: "0008", 7: "0015"}
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
KEEP_BACKUPS = 7
ENV_DB = "MEGURO_JUKYO_DB"

REPO_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_store_path() -> Path:
    """``db/meguro_jukyo.sqlite3`` in a checkout; the user data folder otherwise."""
    if (REPO_ROOT / "pyproject.toml").exists() and (REPO_ROOT / "db").is_dir():
        return REPO_ROOT / "db" / "meguro_jukyo.sqlite3"
    return user_data_path("meguro_jukyo", appauthor=False) / "meguro_jukyo.sqlite3"


def resolve_location(db: str | os.PathLike | None) -> str:
    """``--db`` beats the environment variable, which beats the default path."""
    if db is None:
        db = os.environ.get(ENV_DB) or default_store_path()
    return str(db)


def is_url(location: str) -> bool:
    return "://" in location


@dataclass(frozen=True)
class StoreInfo:
    location: str
    dialect: str
    schema_version: int
    device_id: str
    device_name: str


def _ro_connect(path: Path) -> sqlite3.Connection:
    """Read-only, never writing a byte of the file (a corrupt or foreign file keeps its bytes).

    immutable=1 also skips the -shm file SQLite would otherwise create; it is only safe when
    no write-ahead log is waiting to be checkpointed, so a store with a -wal is read normally.
    """
    wal = Path(str(path) + "-wal")
    flags = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True)


def inspect_sqlite(path: Path, *, quick_check: bool = False) -> int:
    """Check a file is a healthy store of ours without writing to it; return its version.

    Raises StoreError with the reason otherwise.
    """
    if not path.exists():
        raise StoreError(
            f"データファイルがありません: {path}（`meguro-jukyo init` で作成できます）",
            f"No store at {path} (create one with `meguro-jukyo init`).",
        )
    if path.is_dir():
        raise StoreError(f"フォルダーです。データファイルを指定してください: {path}",
                         f"{path} is a folder, not a store file.")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StoreError(f"データファイルを読めません: {path}（{exc.strerror}）",
                         f"Cannot read {path}: {exc.strerror}") from exc
    if not header.startswith(SQLITE_HEADER):
        raise StoreError(
            f"目黒住区アプリのデータではありません（SQLite ファイルではない）: {path}",
            f"{path} is not a meguro_jukyo store (not an SQLite file).",
        )
    if len(header) < 100:
        raise StoreError(f"データファイルが壊れています（途中で切れています）: {path}",
                         f"{path} is corrupt (truncated).")
    try:
        con = _ro_connect(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise StoreError(
                    f"目黒住区アプリのデータではありません（別のアプリの SQLite ファイル）: {path}",
                    f"{path} is an SQLite file of another application, not a meguro_jukyo store.",
                )
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"新しい版のアプリで作られたデータです（形式 {version}、この版は {SCHEMA_VERSION} まで）。"
                    "アプリを更新してください: " + str(path),
                    f"{path} was made by a newer version of the app (schema {version}; this "
                    f"version reads up to {SCHEMA_VERSION}). Update the app.",
                )
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if quick_check:
                _quick_check(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        fault = faults.db_fault(exc, str(path))  # a file it cannot read is not a corrupt one
        raise (fault if fault is not None and fault.kind != "corrupt" else _corrupt(path, exc)) from exc
    return version


def _quick_check(con: sqlite3.Connection) -> None:
    result = con.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(result)


def _corrupt(path, exc: Exception) -> StoreError:
    first = (str(exc).splitlines() or [""])[0]  # quick_check lists every damaged page: the first says enough
    return StoreError(
        f"データファイルが壊れています: {path}（{first}）。`meguro-jukyo restore` でバックアップから戻せます。",
        f"{path} is corrupt ({first}). Restore a backup with `meguro-jukyo restore`.",
    )


def _set_sqlite_pragmas(dbapi_con, _record) -> None:
    # Let SQLAlchemy, not pysqlite, decide where transactions start (see _begin below);
    # otherwise DDL runs outside transactions and migrations are not atomic.
    dbapi_con.isolation_level = None
    cur = dbapi_con.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _set_sqlite_read_pragmas(dbapi_con, _record) -> None:
    dbapi_con.isolation_level = None
    dbapi_con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _begin(conn) -> None:
    conn.exec_driver_sql("BEGIN")


def _count_changes(conn) -> None:
    conn.info["changes_at_begin"] = conn.connection.dbapi_connection.total_changes


def _refuse_changes(conn) -> None:
    """A rehearsal's transaction may read and write, but never commit what it wrote."""
    if conn.connection.dbapi_connection.total_changes != conn.info.get("changes_at_begin"):
        raise RuntimeError("a dry run must not commit its changes")


def _read_only_connect(path: Path) -> sqlite3.Connection:
    """A connection that cannot write the store. A reader of a WAL store needs its -shm file;
    where that cannot be made (a read-only folder or medium) no writer can be at work either,
    so the file is read as immutable."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        con.close()
        return sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def make_engine(location: str, *, read_only: bool = False) -> Engine:
    """The engine of a store; its disk and database faults are raised as StoreFault (faults.py)."""
    engine = _make_engine(location, read_only=read_only)
    faults.install(engine, faults.shown_location(location))
    return engine


def _make_engine(location: str, *, read_only: bool) -> Engine:
    if is_url(location):
        # REPEATABLE READ: a write to a row another writer changed meanwhile fails (and is
        # retried, see concurrency.py) rather than overwriting that change
        # force_custom_plan: psycopg prepares a statement after a few runs, and PostgreSQL would
        # then plan it once for any parameters. A search for one character has the same text
        # for every character, and the generic plan that suits 区 (walk the newest rows) scans
        # the whole table for 猫 (about 1 s at ward size, against 0.04 ms with its own plan).
        # Planning each run costs a fraction of a millisecond.
        # a read-only opener's sessions are read-only on the server too: it cannot write by mistake
        options = "-c plan_cache_mode=force_custom_plan" + (" -c default_transaction_read_only=on" if read_only else "")
        return create_engine(location, future=True, pool_pre_ping=True, isolation_level="REPEATABLE READ",
                             connect_args={"options": options})
    if read_only:
        engine = create_engine("sqlite://", future=True, creator=lambda: _read_only_connect(Path(location)))
        event.listen(engine, "connect", _set_sqlite_read_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    engine = create_engine(f"sqlite:///{location}", future=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


@contextmanager
def _raw_faults(where: str | Path):
    """Faults met on a raw sqlite3 connection (outside the engine's handling) as StoreFault."""
    try:
        yield
    except sqlite3.Error as exc:
        raise faults.db_fault(exc, str(where)) or exc from exc


def sqlite_copy(source: sqlite3.Connection, dest: Path) -> Path:
    """Copy a live database with SQLite's backup API; ``dest`` appears whole or not at all."""
    with _raw_faults(dest), atomic_path(dest, private=True) as tmp:  # copies of the store hold personal data
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    return dest


class Store:
    """An open store. Pass it to services; it owns the engine and, for SQLite, the lock."""

    def __init__(self, location: str, engine: Engine, lock: WriterLock | None,
                 workstation: Workstation | None = None, *, read_only: bool | None = None):
        self.location = location
        self.engine = engine
        self._lock = lock
        self.dialect = engine.dialect.name
        #: whether opening made the store
        self.created = False
        #: who writes: the store itself (SQLite) or this workstation (server, see workstation.py)
        self.workstation = workstation
        #: opened only to read (SQLite without the lock, a server in read-only sessions): the
        #: store is never written, not even the clock
        self.read_only = (lock is None and not is_url(location)) if read_only is None else read_only
        self.load_identity()

    def load_identity(self) -> None:
        """(Re)read who this store is and where its clock stands (after its contents changed
        underneath: a restore, a copy into it)."""
        meta = self._read_meta()
        #: the store's own identity; on a server store, the one the ward store has
        self.store_id = meta["device_id"]
        workstation = self.workstation
        if workstation is None:
            self.device_id = meta["device_id"]
            self.device_name = meta.get("device_name", "")
        else:
            self.device_id, self.device_name = workstation.device_id, workstation.name
        self.clock = HybridClock(self.device_id)
        for key, value in meta.items():  # later than every stamp any writer of the store saved
            if key == "hlc" or key.startswith("hlc:"):
                self.clock.observe(value)
        self._saved_clock = meta.get(self.clock_key)

    @property
    def clock_key(self) -> str:
        """The ``meta`` key this writer's clock is saved under (one per workstation on a server)."""
        return "hlc" if self.workstation is None else f"hlc:{self.device_id}"

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        location: str | os.PathLike | None = None,
        *,
        create: bool = False,
        write: bool = True,
        quick_check: bool | None = None,
        rehearse: bool = False,
        holder: str = "meguro-jukyo",
        device_name: str | None = None,
        workstation: Path | None = None,
    ) -> "Store":
        """Open (or with ``create``, make) a store.

        ``write`` takes the one-writer lock; read-only users (dump, search) leave it free.
        ``rehearse`` (with ``write=False``) opens a file that can be written to in a transaction
        rolled back — a dry run — without the lock, and refuses to commit any change.
        ``quick_check`` checks the whole file first; by default only when the last writer died
        with the store open.
        On a server store, ``device_name`` names this workstation, whose identity file is
        ``workstation`` (default: in the user data folder, see workstation.py).
        """
        location = resolve_location(location)
        if is_url(location):
            return cls._open_server(location, create=create, device_name=device_name,
                                    workstation=workstation, read_only=not (write or rehearse or create))
        path = Path(location).expanduser().resolve()
        fresh = create and not path.exists()
        if fresh:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise faults.os_fault(exc, str(path.parent)) or exc from exc
        lock = WriterLock(path, holder) if (write or fresh) else None
        if lock:
            lock.acquire()
        try:
            if fresh:
                engine = make_engine(str(path))
                try:
                    _initialise(engine, device_name)
                except BaseException:
                    engine.dispose()
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(path) + suffix).unlink(missing_ok=True)
                    raise
            else:
                if quick_check is None:
                    quick_check = lock.after_crash if lock else left_by_a_crash(path)
                version = inspect_sqlite(path, quick_check=quick_check)
                if version < SCHEMA_VERSION and not write:
                    raise StoreError(
                        f"古い形式のデータです。書き込みできる形で開いて更新してください: {path}",
                        f"{path} has an older schema; open it for writing to upgrade it.",
                    )
                engine = make_engine(str(path), read_only=not (write or rehearse))
                if rehearse and not write:
                    event.listen(engine, "begin", _count_changes)
                    event.listen(engine, "commit", _refuse_changes)
                if version < SCHEMA_VERSION or (write and _behind_within_version(engine)):
                    with engine.connect() as con:
                        backup_sqlite(sqlite_connection(con), path, reason=f"before-migration-v{version}")
                    _migrate(engine)
                if write:
                    _load_reference_data_if_changed(engine)
            store = cls(str(path), engine, lock)
            store.created = fresh
            if device_name is not None and write:
                store.set_device_name(device_name)
            return store
        except BaseException:
            if lock:
                lock.release(remove=fresh)  # a store never made leaves no lock file behind
            raise

    @classmethod
    def _open_server(cls, url: str, *, create: bool, device_name: str | None,
                     workstation: Path | None, read_only: bool = False) -> "Store":
        ws = Workstation.load(workstation)
        engine = make_engine(url, read_only=read_only)
        shown = make_url(url).render_as_string()
        try:
            try:
                with engine.connect() as con:
                    has_meta = engine.dialect.has_table(con, "meta")
                    revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                        if has_meta else None
            except OperationalError as exc:
                reason = str(exc.orig).strip().splitlines()[-1] if exc.orig else str(exc)
                raise StoreError(f"データベースに接続できません: {shown}（{reason}）",
                                 f"Cannot connect to the database {shown}: {reason}") from exc
            if revision is not None and revision not in _known_revisions():
                raise StoreError(
                    f"新しい版のアプリで更新されたデータベースです（形式 {revision}）。この端末のアプリを更新してください: {shown}",
                    f"The database {shown} was upgraded by a newer version of the app (revision "
                    f"{revision}). Update the app on this workstation.",
                )
            if not has_meta:
                if not create:
                    raise StoreError(
                        f"このデータベースには目黒住区アプリのデータがありません: {shown}"
                        "（`meguro-jukyo --db URL init` で作成できます）",
                        "This database holds no meguro_jukyo store (create one with "
                        "`meguro-jukyo --db URL init`).",
                    )
                _initialise(engine, device_name)
            elif read_only:  # read as it is: upgrading is a writer's job
                if revision != SCHEMA_REVISIONS[SCHEMA_VERSION]:
                    raise StoreError(
                        f"古い形式のデータベースです。書き込みできる形で開いて更新してください: {shown}",
                        f"The database {shown} has an older schema; open it for writing to upgrade it.",
                    )
            else:
                _migrate(engine)
                _load_reference_data_if_changed(engine)
        except BaseException:
            engine.dispose()
            raise
        store = cls(url, engine, None, ws, read_only=read_only)
        store.created = not has_meta
        if device_name is not None:
            store.set_device_name(device_name)
        return store

    def close(self) -> None:
        self.save_clock()
        self.engine.dispose()
        if self._lock:
            self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- meta ------------------------------------------------------------------------

    def _read_meta(self) -> dict[str, str]:
        with self.engine.connect() as con:
            return dict(con.execute(text("SELECT key, value FROM meta")).all())

    def set_meta(self, con, key: str, value: str) -> None:
        upsert_meta(con, key, value)

    def save_clock(self) -> None:
        """Save where the clock stands, if it moved: a store only read stays unwritten."""
        if self.read_only or self.clock.last == self._saved_clock:
            return
        try:
            with self.engine.begin() as con:
                self.set_meta(con, self.clock_key, self.clock.last)
            self._saved_clock = self.clock.last
        except Exception:  # noqa: BLE001 - closing must not fail on a read-only medium
            pass

    def set_device_name(self, name: str) -> None:
        name = name.strip()
        if self.workstation is not None:
            self.workstation = self.workstation.renamed(name)
        else:
            with self.engine.begin() as con:
                self.set_meta(con, "device_name", name)
        self.device_name = name

    def info(self) -> StoreInfo:
        return StoreInfo(self.location, self.dialect, SCHEMA_VERSION, self.device_id, self.device_name)

    @property
    def path(self) -> Path | None:
        return None if self.dialect != "sqlite" else Path(self.location)

    # -- backups ---------------------------------------------------------------------

    def backup(self, dest: Path | None = None, reason: str = "manual") -> Path:
        if self.dialect != "sqlite":
            raise StoreError(
                "サーバーのデータベースは pg_dump でバックアップしてください。",
                "Back up a server database with pg_dump.",
            )
        with self.engine.connect() as con:
            raw = sqlite_connection(con)
            if dest is not None:
                return sqlite_copy(raw, Path(dest))
            return backup_sqlite(raw, Path(self.location), reason=reason)

    def backup_if_due(self, max_age: dt.timedelta = dt.timedelta(days=1)) -> Path | None:
        """The daily automatic backup: made when the newest one is older than ``max_age``, of a
        store that passes quick_check (a damaged copy would push the last sound ones out)."""
        if self.dialect != "sqlite":
            return None
        newest = list_backups(Path(self.location))
        if newest and dt.datetime.now().timestamp() - newest[0].stat().st_mtime < max_age.total_seconds():
            return None
        with self.engine.connect() as con:
            try:
                _quick_check(sqlite_connection(con))
            except sqlite3.DatabaseError as exc:
                raise _corrupt(self.location, exc) from exc
        return self.backup(reason="daily")

    def restore(self, source: Path) -> Path:
        """Replace this store's contents with a backup; the current contents are backed up first."""
        source = Path(source).expanduser().resolve()
        version = inspect_sqlite(source, quick_check=True)
        with self.engine.connect() as con, _raw_faults(self.location):
            # SQLite's backup waits without end for another program's write to finish: ask
            # for the write lock first (before the safety copy), which gives up after the busy timeout
            raw = sqlite_connection(con)
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("ROLLBACK")
        had_backups = backup_dir(Path(self.location)).exists()
        safety = self.backup(reason="before-restore")
        src = _ro_connect(source)
        try:
            with self.engine.connect() as con, _raw_faults(self.location):
                src.backup(sqlite_connection(con))
        except BaseException:
            safety.unlink(missing_ok=True)  # the store was left as it was: the copy is not needed
            if not had_backups:
                safety.parent.rmdir()
            raise
        finally:
            src.close()
        self.engine.dispose()
        if version < SCHEMA_VERSION:
            _migrate(self.engine)
        _load_reference_data_if_changed(self.engine)
        self.load_identity()
        return safety

    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's integrity_check (empty when the file is sound); on a
        server, by checking the indexes the app relies on are there and valid."""
        if self.dialect != "sqlite":
            with self.engine.connect() as con:
                return server_index_problems(con)
        with self.engine.connect() as con:
            rows = [r[0] for r in con.exec_driver_sql("PRAGMA integrity_check").all()]
        return [] if rows == ["ok"] else rows


def backup_dir(store_path: Path) -> Path:
    return store_path.parent / (store_path.stem + "-backups")


def list_backups(store_path: Path) -> list[Path]:
    """Backups of a store, newest first."""
    folder = backup_dir(store_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite3"), key=lambda p: p.name, reverse=True)


def backup_sqlite(raw: sqlite3.Connection, store_path: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = backup_dir(store_path) / f"{store_path.stem}-{stamp}-{reason}.sqlite3"
    sqlite_copy(raw, dest)
    for old in list_backups(store_path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return dest


# --------------------------------------------------------------------------- schema


def _known_revisions() -> set[str]:
    """Every revision this app's migrations reach: a store at one of them is not newer than the
    app, even between the last revision of two schema versions (a store written while the
    version's migrations were still being added)."""
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*")}


def _behind_within_version(engine: Engine) -> bool:
    """Whether an SQLite store at the current schema version stops short of its last revision
    (written while the version's migrations were still being added): opening it for writing
    runs the rest."""
    with engine.connect() as con:
        revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision in _known_revisions() and revision != SCHEMA_REVISIONS[SCHEMA_VERSION]


def _alembic_config(connection):
    from alembic.config import Config  # start-up: alembic loads only when a store is migrated

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


@contextmanager
def _schema_transaction(engine: Engine):
    """A transaction for migrating and loading reference data, one opener at a time.

    On a server several workstations may open the store at once (after an upgrade, say): the
    lock makes the others wait, and READ COMMITTED lets them then see what the first did.
    """
    if engine.dialect.name == "sqlite":
        with engine.begin() as con:
            yield con
        return
    with engine.connect().execution_options(isolation_level="READ COMMITTED") as con, con.begin():
        lock_schema(con)
        yield con


def _migrate(engine: Engine) -> None:
    from alembic import command  # start-up: alembic loads only when a store is migrated

    with _schema_transaction(engine) as con:
        command.upgrade(_alembic_config(con), "head")
        after_migrations(con)
        if engine.dialect.name == "sqlite":
            con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            con.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def _initialise(engine: Engine, device_name: str | None) -> None:
    _migrate(engine)
    with _schema_transaction(engine) as con:
        if con.execute(text("SELECT value FROM meta WHERE key = 'device_id'")).first() is None:
            upsert_meta(con, "device_id", str(uuid.uuid4()))
            upsert_meta(con, "device_name", (device_name or "").strip())
    _load_reference_data_if_changed(engine)


def _load_reference_data_if_changed(engine: Engine) -> None:
    with _schema_transaction(engine) as con:
        reference.load_if_changed(con)
