"""Sync packages into a PostgreSQL ward store: the same store as SQLite, several importers at once."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading

import pytest
from sqlalchemy import func, select

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import identity, importer, package
from meguro_jukyo.core.sync.models import SyncLedger
from meguro_jukyo.core.workstation import ENV_WORKSTATION

LAPTOPS, ROUNDS, SHARED = 3, 33, 12  # 1 + 3 × 33 = 100 packages
WRITERS = 4


@pytest.fixture(scope="module")
def laptops_packages(tmp_path_factory):
    """100 packages from three laptops that edit the same issues without seeing each other's
    edits (so the ward merges different fields and resolves same-field conflicts), create
    and delete their own. Returns (package paths in making order, the laptops' cards)."""
    root = tmp_path_factory.mktemp("laptops")
    out = root / "packages"
    laptops = [Store.open(root / f"laptop{i}.sqlite3", create=True, device_name=f"住区PC{i}")
               for i in range(LAPTOPS)]
    try:
        for a in laptops:
            for b in laptops:
                if a is not b:
                    identity.trust_card(a, identity.device_card(b))
        first = Services(laptops[0])
        shared = [first.issues.create({"organization_id": council_id("komaba"), "title": f"共有の課題{k}"}).id
                  for k in range(SHARED)]
        paths = [out / "000-base.mjsync"]
        package.export_package(laptops[0], paths[0])
        for other in laptops[1:]:
            assert importer.import_package(other, paths[0]).status == importer.IMPORTED
        for r in range(ROUNDS):
            for i, laptop in enumerate(laptops):
                s = Services(laptop)
                s.issues.update(shared[(r * 3 + i) % SHARED], {"title": f"題 {i}-{r}"})
                s.issues.update(shared[(r + 5 * i) % SHARED], {"place": f"場所 {i}-{r}", "priority": 1 + r % 3})
                mine = s.issues.create({"organization_id": council_id("ishibumi"), "title": f"新しい課題 {i}-{r}",
                                        "description": "夜道が暗い"})
                s.notes.create({"issue_id": mine.id, "body": f"意見 {i}-{r}"})
                if r % 5 == 4:
                    s.issues.delete(mine.id)
                path = out / f"{len(paths):03d}-laptop{i}-round{r}.mjsync"
                package.export_package(laptop, path)
                paths.append(path)
        return paths, [identity.device_card(t) for t in laptops]
    finally:
        for laptop in laptops:
            laptop.close()


def ward(location, cards, **kwargs) -> Store:
    store = Store.open(location, create=True, device_name="区役所", **kwargs)
    for card in cards:
        identity.trust_card(store, card)
    return store


def dump_text(store) -> str:
    buf = io.StringIO()
    write_dump(store, buf)
    return buf.getvalue()


def import_all(store, paths) -> None:
    report = importer.import_paths(store, paths)
    assert [f.status for f in report.files] == [importer.IMPORTED] * len(paths), \
        [(f.path.name, f.status, f.reason) for f in report.files if f.status != importer.IMPORTED]


def test_the_same_packages_give_identical_dumps_on_sqlite_and_postgresql(laptops_packages, pg_url, tmp_path):
    paths, cards = laptops_packages
    with ward(tmp_path / "ward.sqlite3", cards) as lite, ward(pg_url, cards) as server:
        import_all(lite, paths)
        import_all(server, paths)
        a, b = dump_text(lite), dump_text(server)
        assert json.loads(a)["tables"]["issue"]  # the packages did bring records
        assert a == b
        # and again: nothing changes
        assert {f.status for f in importer.import_paths(server, paths).files} == {importer.DUPLICATE}
        assert dump_text(server) == b


def test_four_writer_processes_give_the_same_store_as_one_by_one(laptops_packages, pg_cluster, tmp_path):
    paths, cards = laptops_packages
    one_by_one, concurrent = pg_cluster.create_database(), pg_cluster.create_database()
    try:
        with ward(one_by_one, cards) as store:
            import_all(store, paths)
            expected = dump_text(store)
        ward(concurrent, cards).close()
        folders = [tmp_path / f"writer{k}" for k in range(WRITERS)]
        for k, folder in enumerate(folders):
            folder.mkdir()
            for path in paths[k::WRITERS]:  # each writer gets a mix of laptops and rounds
                os.link(path, folder / path.name)
        procs = [subprocess.Popen(
            [sys.executable, "-m", "meguro_jukyo", "--db", concurrent, "sync", "import", "--json", str(folder)],
            env={**os.environ, ENV_WORKSTATION: str(tmp_path / f"workstation{k}.json")},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k, folder in enumerate(folders)]
        outputs = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, outputs):
            assert p.returncode == 0, err
            assert {f["status"] for f in json.loads(out)["files"]} == {importer.IMPORTED}
        with Store.open(concurrent) as store:
            assert dump_text(store) == expected
            with store.engine.connect() as con:
                assert con.execute(select(func.count()).select_from(SyncLedger)).scalar() == len(paths)
    finally:
        pg_cluster.drop_database(one_by_one)
        pg_cluster.drop_database(concurrent)


def test_two_workstations_importing_one_package_at_once_apply_it_once(laptops_packages, pg_url, tmp_path):
    paths, cards = laptops_packages
    ward(pg_url, cards).close()
    stores = [Store.open(pg_url, workstation=tmp_path / f"ws{k}.json") for k in range(2)]
    results: list[importer.FileResult] = []
    start = threading.Barrier(2)

    def take_in(store):
        start.wait()
        results.append(importer.import_package(store, paths[0]))

    try:
        threads = [threading.Thread(target=take_in, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r.status for r in results) == [importer.DUPLICATE, importer.IMPORTED]
        with stores[0].engine.connect() as con:
            assert con.execute(select(func.count()).select_from(SyncLedger)).scalar() == 1
            imports = con.exec_driver_sql("SELECT count(*) FROM change WHERE kind = 'import'").scalar()
        assert imports == 1
    finally:
        for s in stores:
            s.close()


def test_an_import_waits_for_its_turn(laptops_packages, pg_url, tmp_path):
    """Imports on a server take turns: one started while another workstation holds the turn
    runs when the turn is released."""
    from meguro_jukyo.core.concurrency import one_import_at_a_time

    paths, cards = laptops_packages
    with ward(pg_url, cards) as first, Store.open(pg_url, workstation=tmp_path / "second.json") as second:
        done = []
        with one_import_at_a_time(first):
            worker = threading.Thread(target=lambda: done.append(importer.import_package(second, paths[0])))
            worker.start()
            worker.join(timeout=1)
            assert worker.is_alive() and not done  # waiting for its turn
        worker.join()
        assert done[0].status == importer.IMPORTED


def test_a_server_store_is_the_ward_offices_unless_set_otherwise(pg_url, tmp_path):
    with Store.open(pg_url) as ward:
        assert identity.is_ward_office(ward)  # only the ward runs a server store
        package.export_package(ward, tmp_path / "bundle.mjsync", scope="bundle")
        identity.set_ward_office(ward, False)
        assert not identity.is_ward_office(ward)
