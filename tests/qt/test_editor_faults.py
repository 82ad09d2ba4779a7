"""The GUI's write paths under faults of the disk and the database: the fault's message where
the person saved, and the store as it was."""

from __future__ import annotations

from contextlib import ExitStack, nullcontext

import pytest
from store_faults import SQLITE_FAULTS, canonical, copy_store, filled, held_by_another_writer, read_only, tiny_disk

from meguro_jukyo.core import db as dbmod
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt import editors

WAIT = 10_000


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):
    monkeypatch.setattr(editors, "confirm", lambda *_a: True)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    path = tmp_path_factory.mktemp("guifaults") / "store.sqlite3"
    with Store.open(path, create=True, device_name="テスト端末") as s:
        services = Services(s)
        org = services.organizations.list()[0]
        services.issues.create({"organization_id": org.id, "title": "防災倉庫の点検"})
    return path


@pytest.fixture(params=["read_only_file", "full_disk", "locked"])
def faulty(request, seed, tmp_path, monkeypatch):
    """(store, fault word, the fault as a context for the write); the store is opened as the
    app opens it, from a read-only file where that is the fault."""
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)
    fault = request.param
    with ExitStack() as stack:
        if fault == "full_disk":
            path = stack.enter_context(tiny_disk(tmp_path / "disk", seed, full=False))
        else:
            path = copy_store(seed, tmp_path / "store")
        if fault == "read_only_file":
            stack.enter_context(read_only(path))
        store = Store.open(path, holder="pytest")
        stack.callback(store.close)
        during = {"full_disk": lambda: filled(path.parent), "locked": lambda: held_by_another_writer(path)}.get(
            fault, nullcontext)
        yield store, SQLITE_FAULTS[fault], during, path


@pytest.fixture
def store(faulty):
    return faulty[0]


def _new_issue(window, services, qtbot, tasks):
    return window.new_item("issue", {"organization_id": next(iter(window.display.org_names))})


def _existing_issue(window, services, qtbot, tasks):
    [issue] = services.issues.list()
    dialog = window.open_item("issue", issue)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    return dialog


@pytest.mark.parametrize("open_editor", [_new_issue, _existing_issue], ids=["new", "edited"])
def test_an_issue_saved_under_a_fault_shows_the_fault_and_writes_nothing(
        qtbot, window, tasks, services, faulty, open_editor):
    _store, word, during, path = faulty
    before = canonical(path)
    dialog = open_editor(window, services, qtbot, tasks)
    dialog.widgets["title"].setText("ごみ集積所の移設")
    with during():
        dialog.save()
        qtbot.waitUntil(lambda: dialog.general_error.isVisible() and not dialog._saving, timeout=WAIT)
    assert word in dialog.general_error.text()
    tasks.wait()
    assert canonical(path) == before
    dialog.reject()
