"""Every command under every fault of the disk and the database: one line, exit 1, nothing changed.

Read-only commands go on working where only writing is impossible (a read-only file or medium,
a full disk, a store another program is writing). A command that writes fails with the
fault's message on one line of stderr and exit 1; the store keeps its canonical dump and its
bytes, and nothing stray is left beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from store_faults import SQLITE_FAULTS, canonical, copy_store, damage, file_sha, held_by_another_writer, read_only, tiny_disk
from xlsx_helpers import fill

from meguro_jukyo.cli import main
from meguro_jukyo.core import db as dbmod
from meguro_jukyo.core import lock as lock_module
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import StoreLocked
from meguro_jukyo.core.exchange.xlsx_export import export_workbook
from meguro_jukyo.core.faults import StoreFault
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import identity, importer, package
from meguro_jukyo.core.workstation import ENV_WORKSTATION


@dataclass(frozen=True)
class Base:
    """A laptop's store with every kind of record and a conflict, and the files commands take."""

    folder: Path
    store: Path
    meeting_id: str
    conflict_id: str
    workbook: Path  # an export with one description edited: importing it writes
    package: Path  # new records from another, trusted device
    card: Path  # the card of a device not yet trusted
    backup: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Base:
    d = tmp_path_factory.mktemp("faults")
    laptop = Store.open(d / "laptop.sqlite3", create=True, device_name="端末A")
    other = Store.open(d / "other.sqlite3", create=True, device_name="端末B")
    stranger = Store.open(d / "stranger.sqlite3", create=True, device_name="端末C")
    try:
        identity.trust_card(laptop, identity.device_card(other))
        identity.trust_card(other, identity.device_card(laptop))
        s, so = Services(laptop), Services(other)
        records = fill(s)
        package.export_package(laptop, d / "a1.mjsync")
        importer.import_package(other, d / "a1.mjsync")
        made = records["issues"][6]
        s.issues.update(made.id, {"title": "Aの題"})
        so.issues.update(made.id, {"title": "Bの題"})
        so.issues.create({"organization_id": records["org"].id, "title": "Bの新しい課題"})
        package.export_package(other, d / "from_b.mjsync")
        importer.import_package(laptop, d / "from_b.mjsync")
        so.issues.create({"organization_id": records["org"].id, "title": "まだ届いていない課題"})
        package.export_package(other, d / "from_b2.mjsync")
        from meguro_jukyo.core.sync.conflicts import list_conflicts

        [conflict] = list_conflicts(laptop)
        identity.write_card(stranger, d / "stranger.card.json")
        export_workbook(s, d / "book.xlsx")
        wb = openpyxl.load_workbook(d / "book.xlsx")
        ws = wb["地域課題"]
        col = [c.value for c in ws[1]].index("内容") + 1
        ws.cell(row=2, column=col).value = "取り込みで書き換えた内容"
        wb.save(d / "edited.xlsx")
        laptop.backup(d / "backup.sqlite3")
        return Base(d, d / "laptop.sqlite3", records["meeting"].id, conflict.id, d / "edited.xlsx",
                    d / "from_b2.mjsync", d / "stranger.card.json", d / "backup.sqlite3")
    finally:
        for st in (laptop, other, stranger):
            st.close()


#: name → (argv after --db STORE, given the base and an output folder; what it does to the store):
#: "reads" it only; "writes" it; "beside" writes files beside it (backups); "locks" takes the
#: writer's lock beside it and writes nothing else that matters here (an export's clock);
#: "rehearses" writes in a transaction it rolls back (a dry run)
COMMANDS = {
    "init": (lambda b, out: ["init"], "writes"),
    "init-new": (lambda b, out: ["init"], "beside"),  # --db is a new file beside the store, see _argv
    "dump": (lambda b, out: ["dump", "--json", "--out", str(out / "dump.json")], "reads"),
    "check": (lambda b, out: ["check"], "reads"),
    "check-repair": (lambda b, out: ["check", "--repair"], "writes"),
    "search": (lambda b, out: ["search", "街灯"], "reads"),
    "backup": (lambda b, out: ["backup"], "beside"),
    "backup-to": (lambda b, out: ["backup", "--to", str(out / "copy.sqlite3")], "reads"),
    "restore": (lambda b, out: ["restore", str(b.backup)], "writes"),
    "export-xlsx": (lambda b, out: ["export", "xlsx", str(out / "book.xlsx")], "reads"),
    "export-xlsx-personal": (lambda b, out: ["export", "xlsx", "--personal", str(out / "book.xlsx")], "writes"),
    "template": (lambda b, out: ["template", str(out / "template.xlsx")], "reads"),
    "import-xlsx": (lambda b, out: ["import", "xlsx", str(b.workbook)], "writes"),
    "import-xlsx-dry-run": (lambda b, out: ["import", "xlsx", "--dry-run", str(b.workbook)], "rehearses"),
    "opendata": (lambda b, out: ["opendata", str(out / "opendata")], "reads"),
    "minutes": (lambda b, out: ["minutes", b.meeting_id, str(out / "minutes.xlsx")], "reads"),
    "migrate-to": (lambda b, out: ["migrate-to", str(out / "moved.sqlite3")], "reads"),
    # read-only once the key is made and recorded, as in the base store (its first use writes)
    "device-show": (lambda b, out: ["device", "show"], "reads"),
    "device-card": (lambda b, out: ["device", "card", str(out / "card.json")], "reads"),
    "device-set": (lambda b, out: ["device", "set", "--name", "新しい名前"], "writes"),
    "device-new": (lambda b, out: ["device", "new"], "writes"),
    "trust": (lambda b, out: ["trust", str(b.card)], "writes"),
    "sync-export": (lambda b, out: ["sync", "export", str(out / "out.mjsync")], "locks"),
    "sync-import": (lambda b, out: ["sync", "import", str(b.package)], "writes"),
    "conflicts": (lambda b, out: ["conflicts", "--json"], "reads"),
    "resolve": (lambda b, out: ["resolve", b.conflict_id, "--keep", "theirs"], "writes"),
}


def _argv(name: str, store: Path, base: Base, out: Path) -> list[str]:
    make, _writes = COMMANDS[name]
    target = store.with_name("new.sqlite3") if name == "init-new" else store
    return ["--db", str(target), *make(base, out)]


def _expect(name: str, fault: str) -> str:
    """"ok", "fails" or "either" (the command need not write in this case, or rehearses)."""
    does = COMMANDS[name][1]
    if name == "init-new":
        return "fails" if fault in ("read_only_fs", "full_disk") else "ok"
    if fault == "corrupt":
        return "fails"
    if name == "init":  # an existing store is only opened
        return "either"
    fails_under = {"reads": (), "writes": ("read_only_file", "read_only_fs", "full_disk", "locked"),
                   "beside": ("read_only_fs", "full_disk"), "locks": ("read_only_fs",)}
    if does == "rehearses" or (does == "locks" and fault == "full_disk"):  # a writer's -shm needs space
        return "either"
    return "fails" if fault in fails_under[does] else "ok"


@pytest.mark.parametrize("fault", list(SQLITE_FAULTS))
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_under_every_fault_says_so_in_one_line_and_changes_nothing(
        name, fault, base, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)  # waiting for the other writer: briefly
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    out = tmp_path / "out"
    out.mkdir()
    if fault == "full_disk":
        cm = tiny_disk(tmp_path / "disk", base.store)
    else:
        store = copy_store(base.store, tmp_path / "store")
        cm = {"read_only_file": lambda: read_only(store), "read_only_fs": lambda: read_only(store.parent),
              "locked": lambda: held_by_another_writer(store)}.get(fault, nullcontext)()
    with cm as copy:
        store = copy or store
        if fault == "corrupt":
            damage(store)
        dump_before, sha_before = canonical(store), file_sha(store)
        listing = sorted(p.name for p in store.parent.iterdir())
        capsys.readouterr()
        code = main(_argv(name, store, base, out))
        printed = capsys.readouterr()
        after_listing = sorted(p.name for p in store.parent.iterdir())
        dump_after, sha_after = canonical(store), file_sha(store)
    expected = _expect(name, fault)
    err = printed.err.strip().splitlines()
    if code != 0:
        assert code == 1, printed
        assert len(err) == 1 and err[0].startswith("meguro-jukyo: "), printed.err
        assert SQLITE_FAULTS[fault] in err[0], printed.err
    if expected != "either":
        assert code == (0 if expected == "ok" else 1), printed
    does = COMMANDS[name][1]
    if code != 0 or does != "writes":
        assert sha_after == sha_before
        assert dump_after == dump_before
    if code != 0 or does != "beside":
        stray = set(after_listing) - set(listing) - {store.name + ".lock"}
        assert not stray, stray


class _WindowsLockedByte:
    """A lock file read as Windows reads it while another process holds the lock: byte 0, the
    locked one, cannot be read (msvcrt locks are mandatory)."""

    def __init__(self, fh):
        self._fh = fh

    def read(self, *args):
        if self._fh.tell() < lock_module._INFO_OFFSET:
            raise PermissionError(13, "Permission denied")
        return self._fh.read(*args)

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


def test_a_second_window_names_the_holder_without_reading_the_locked_byte(tmp_path, monkeypatch):
    store = tmp_path / "s.sqlite3"
    holder = lock_module.WriterLock(store, "meguro-jukyo desktop (中村)")
    holder.acquire()
    real_open = Path.open

    def windows_open(self, mode="r", *args, **kwargs):
        fh = real_open(self, mode, *args, **kwargs)
        return _WindowsLockedByte(fh) if self.suffix == ".lock" and "r" in mode else fh

    monkeypatch.setattr(Path, "open", windows_open)
    try:
        with pytest.raises(StoreLocked) as refused:
            lock_module.WriterLock(store, "meguro-jukyo dump").acquire()
    finally:
        holder.release()
    assert "meguro-jukyo desktop (中村)" in refused.value.ja and f"PID {os.getpid()}" in refused.value.ja


def test_a_store_whose_lock_cannot_be_written_leaves_no_lock_file(tmp_path, capsys):
    folder = tmp_path / "medium"
    folder.mkdir()
    with read_only(folder):
        assert main(["--db", str(folder / "new.sqlite3"), "init"]) == 1
        assert list(folder.iterdir()) == []
    assert "読み取り専用" in capsys.readouterr().err


# --------------------------------------------------------------------------- PostgreSQL

PG_FAULTS = {"read_only": "読み取り専用", "killed": "接続が切れた"}
#: the commands that apply to a server store (backups there are pg_dump's)
PG_COMMANDS = [n for n in COMMANDS if n not in ("init-new", "backup", "backup-to", "restore", "check-repair")]
#: on a server, this workstation's name and id are in its own file, not in the database
WORKSTATION_ONLY = ("device-set", "device-new")


@pytest.fixture(scope="module")
def pg_base(base, pg_cluster, tmp_path_factory):
    """The laptop's store moved to a server database: each test gets a copy of it."""
    name = "faults_base"
    pg_cluster.admin(f"DROP DATABASE IF EXISTS {name}")
    pg_cluster.admin(f"CREATE DATABASE {name}")
    source = copy_store(base.store, tmp_path_factory.mktemp("pgfaults"))
    assert main(["--db", str(source), "migrate-to", pg_cluster.url(name)]) == 0
    yield name
    pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def _killed_at_first_write(cluster):
    """The server ends this connection just as the command's first write reaches it."""

    def kill(conn, cursor, statement, *args):
        if conn.dialect.name == "postgresql" and \
                statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            pid = conn.connection.dbapi_connection.info.backend_pid
            cluster.admin(f"SELECT pg_terminate_backend({pid})")

    event.listen(Engine, "before_cursor_execute", kill)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", kill)


@pytest.mark.parametrize("fault", list(PG_FAULTS))
@pytest.mark.parametrize("name", PG_COMMANDS)
def test_every_command_on_a_server_under_every_fault_says_so_and_changes_nothing(
        name, fault, base, pg_base, pg_cluster, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(ENV_WORKSTATION, str(tmp_path / "workstation.json"))
    out = tmp_path / "out"
    out.mkdir()
    db = f"t_{name.replace('-', '_')}_{fault}"
    pg_cluster.admin(f"CREATE DATABASE {db} TEMPLATE {pg_base}")
    url = pg_cluster.url(db)
    try:
        before = canonical(url)
        capsys.readouterr()
        if fault == "read_only":
            pg_cluster.admin(f"ALTER DATABASE {db} SET default_transaction_read_only = on")
            code = main(["--db", url, *COMMANDS[name][0](base, out)])
            pg_cluster.admin(f"ALTER DATABASE {db} RESET default_transaction_read_only")
        else:
            with _killed_at_first_write(pg_cluster):
                code = main(["--db", url, *COMMANDS[name][0](base, out)])
        printed = capsys.readouterr()
        after = canonical(url)
    finally:
        pg_cluster.admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    err = printed.err.strip().splitlines()
    if code != 0:
        assert code == 1, printed
        assert len(err) == 1 and err[0].startswith("meguro-jukyo: ") and PG_FAULTS[fault] in err[0], printed.err
    if COMMANDS[name][1] == "writes" and name not in ("init", *WORKSTATION_ONLY):
        assert code == 1, printed
    elif COMMANDS[name][1] == "reads":
        assert code == 0, printed
    if code != 0 or COMMANDS[name][1] != "writes":
        assert after == before


# --------------------------------------------------------------------------- beside the open window

_HOLD = """
import sys
from meguro_jukyo.core.db import Store
store = Store.open(sys.argv[1], holder="meguro-jukyo desktop (窓口)")
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def held_as_the_gui_holds_it(base, tmp_path):
    """The store open in another process exactly as the app's window opens it (with the lock)."""
    store = copy_store(base.store, tmp_path / "store")
    window = subprocess.Popen([sys.executable, "-c", _HOLD, str(store)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert window.stdout.readline().strip() == "open"
        yield store
    finally:
        window.communicate("\n", timeout=60)


READ_ONLY_COMMANDS = [n for n, (_make, does) in COMMANDS.items() if does in ("reads", "beside", "rehearses")
                      and n != "init-new"]


@pytest.mark.parametrize("name", READ_ONLY_COMMANDS)
def test_read_only_commands_work_beside_the_open_window(name, held_as_the_gui_holds_it, base, tmp_path, capsys):
    store = held_as_the_gui_holds_it
    out = tmp_path / "out"
    out.mkdir()
    before = canonical(store)
    code = main(_argv(name, store, base, out))
    printed = capsys.readouterr()
    assert code == 0, printed
    assert canonical(store) == before


def test_a_write_beside_the_open_window_names_the_window_and_changes_nothing(held_as_the_gui_holds_it, base,
                                                                               tmp_path, capsys):
    store = held_as_the_gui_holds_it
    before = canonical(store)
    assert main(_argv("import-xlsx", store, base, tmp_path)) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "別のウィンドウで使用中" in line and "meguro-jukyo desktop (窓口)" in line
    assert canonical(store) == before


def test_a_reader_of_a_server_store_has_read_only_sessions_and_writes_not_even_its_clock(pg_url):
    def meta():
        with Store.open(pg_url, write=False) as s, s.engine.connect() as con:
            return sorted(con.execute(text("SELECT key, value FROM meta")).all())

    before, meta_before = canonical(pg_url), meta()
    with Store.open(pg_url, write=False) as reader:
        assert reader.read_only
        with pytest.raises(StoreFault) as refused, reader.engine.begin() as con:
            con.execute(text("UPDATE meta SET value = value WHERE key = 'device_id'"))
        assert refused.value.kind == "read_only" and "読み取り専用" in refused.value.ja
        reader.clock.tick()
    assert meta() == meta_before
    assert canonical(pg_url) == before
