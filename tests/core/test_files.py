"""Files the app writes: exports get the user's normal permissions, keys and backups stay
owner-only, and a destination that cannot be written is one clear line with nothing left."""

import errno
import os
import stat
from pathlib import Path

import pytest

from meguro_jukyo.cli import main
from meguro_jukyo.core import files
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


def _fails_with_one_line(capsys, db, args, reason):
    assert main(["--db", str(db), *args]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"meguro-jukyo: 書き出せませんでした: {args[-1]}（") and reason in err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_folder_in_the_way_is_one_line_and_nothing_is_left(db, meeting_id, tmp_path, capsys, qapp):
    for name, args in _exports(db, meeting_id, tmp_path / "out").items():
        Path(args[-1]).mkdir()
        _fails_with_one_line(capsys, db, args, "同じ名前のフォルダーがあります")
        assert Path(args[-1]).is_dir() and not any(Path(args[-1]).iterdir()), name
    assert _leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("code, reason", [(errno.ENOSPC, "ディスクの空きがありません"),
                                          (errno.EROFS, "読み取り専用の場所です"),
                                          (errno.EACCES, "ほかのアプリ（Excel など）で開かれています"),
                                          (errno.EBUSY, "ほかのアプリで使用中です")])
def test_a_full_or_refusing_disk_is_one_line_and_the_old_file_is_untouched(
        db, meeting_id, tmp_path, capsys, qapp, monkeypatch, code, reason):
    def refuse(fd):  # the data reaches the disk at fsync: where a full disk says so
        raise OSError(code, os.strerror(code))

    out = tmp_path / "out"
    exports = _exports(db, meeting_id, out)
    for args in exports.values():
        Path(args[-1]).write_bytes(b"the earlier export")
    monkeypatch.setattr(files.os, "fsync", refuse)
    for name, args in exports.items():
        _fails_with_one_line(capsys, db, args, reason)
        assert Path(args[-1]).read_bytes() == b"the earlier export", name
    assert _leftovers(out) == []


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(db, tmp_path, capsys):
    folder = tmp_path / "stick"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _fails_with_one_line(capsys, db, ["template", str(folder / "t.xlsx")], "書き込む権限がない")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_an_error_we_cannot_explain_stays_a_bug(tmp_path, monkeypatch):
    def broken(fd):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(files.os, "fsync", broken)
    with pytest.raises(OSError) as caught, files.atomic_binary(tmp_path / "x.bin") as fh:
        fh.write(b"x")
    assert caught.value.errno == errno.EIO
    assert list(tmp_path.iterdir()) == []
