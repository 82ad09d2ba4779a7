"""Files the app writes: exports get the user's normal permissions, keys and backups stay
owner-only, and a destination that cannot be written is one clear line with nothing left."""

import os
import stat
from pathlib import Path

import pytest

from meguro_jukyo.cli import main
from meguro_jukyo.core.db import Store, list_backups
from meguro_jukyo.core.sync.identity import device_key, key_path

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("files") / "store.sqlite3"
    assert main(["--db", str(path), "init", "--demo"]) == 0
    return path


@pytest.fixture(scope="module")
def meeting_id(db):
    with Store.open(db) as store, store.engine.connect() as con:
        return con.exec_driver_sql("SELECT id FROM meeting ORDER BY id LIMIT 1").scalar_one()


@pytest.fixture
def umask():
    def set_umask(value):
        previous.append(os.umask(value))

    previous = []
    yield set_umask
    if previous:
        os.umask(previous[0])


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _exports(db, meeting_id, out: Path) -> dict[str, list[str]]:
    out.mkdir(exist_ok=True)
    return {
        "export xlsx": ["export", "xlsx", str(out / "all.xlsx")],
        "template": ["template", str(out / "template.xlsx")],
        "minutes pdf": ["minutes", meeting_id, str(out / "minutes.pdf")],
        "minutes xlsx": ["minutes", meeting_id, str(out / "minutes.xlsx")],
        "sync export": ["sync", "export", "--all", str(out / "all.mjsync")],
        "device card": ["device", "card", str(out / "card.json")],
    }


@posix_only
@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_exports_follow_the_umask(db, meeting_id, tmp_path, umask, mask, qapp):  # qapp: the PDF is drawn by Qt
    umask(mask)
    for name, args in _exports(db, meeting_id, tmp_path / "out").items():
        assert main(["--db", str(db), *args]) == 0, name
        assert _mode(Path(args[-1])) == 0o666 & ~mask, name


@posix_only
def test_the_device_key_and_backups_stay_owner_only(db, umask):
    umask(0o022)
    with Store.open(db) as store:
        device_key(store)
        assert _mode(key_path(store)) == 0o600
        backup = store.backup()
    assert _mode(backup) == 0o600
    assert backup in list_backups(db)
