import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import event

from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.qt.models import COLUMNS, RAW_ROLE, ROW_ROLE, EntityTableModel

TITLES = ["公園の清掃", "防災訓練の日程", "通学路の安全", "街灯の増設", "ごみ集積所"]


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "yomi": "こまばちょうかい",
                                          "jukyo_code": "komaba"})


@pytest.fixture
def issues(services, org):
    out = []
    for i in range(23):
        out.append(services.issues.create({
            "organization_id": org.id, "title": f"{TITLES[i % 5]} {i:02d}",
            "category": "disaster" if i % 3 == 0 else "other",
            "raised_on": dt.date(2023, 4, 1) + dt.timedelta(days=20 * i)}))
    return out


def loaded_model(qtbot, services, tasks, display, kind="issue", query=None, page_size=200):
    """A model with its first page and its count."""
    model = EntityTableModel(services.by_kind(kind), tasks, display, page_size=page_size)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(query or ListQuery())
    if model.counting:
        with qtbot.waitSignal(model.counted, timeout=5000):
            pass
    return model


def fetch_all(qtbot, model):
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            model.fetchMore(QModelIndex())


def test_pages_arrive_in_order_and_match_one_sql_query(qtbot, services, tasks, display, issues):
    model = loaded_model(qtbot, services, tasks, display, page_size=7)
    assert model.total == 23
    assert model.rowCount() == 7
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    fetch_all(qtbot, model)
    assert inserted == [(7, 13), (14, 20), (21, 22)]
    assert [model.row(i).id for i in range(model.rowCount())] == [r.id for r in services.issues.list()]
    assert not model.canFetchMore(QModelIndex())


def test_the_first_page_shows_before_the_count(qtbot, services, tasks, display, issues):
    model = EntityTableModel(services.issues, tasks, display, page_size=7)
    with qtbot.waitSignal(model.loaded, timeout=5000) as first:
        model.set_query(ListQuery())
    assert model.rowCount() == 7 and model.counting and first.args == [7]
    assert model.canFetchMore(QModelIndex())  # more may follow before the count is in
    with qtbot.waitSignal(model.counted, timeout=5000) as counted:
        pass
    assert counted.args == [23] and model.total == 23 and not model.counting


def test_a_short_first_page_is_its_own_count(qtbot, services, tasks, display, issues):
    model = EntityTableModel(services.issues, tasks, display, page_size=50)
    counts = []
    model.counted.connect(counts.append)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(ListQuery(equals={"category": "disaster"}))
    assert model.total == model.rowCount() == 8 and not model.counting
    tasks.wait()
    qtbot.wait(1)
    assert counts == []  # no count query was needed


def test_a_new_order_keeps_the_count(qtbot, services, tasks, display, issues):
    model = loaded_model(qtbot, services, tasks, display, page_size=7)
    statements = []
    listen = lambda _c, _cur, sql, *_a: statements.append(sql)  # noqa: E731
    event.listen(services.store.engine, "before_cursor_execute", listen)
    try:
        title = [c.key for c in model.columns].index("title")
        with qtbot.waitSignal(model.loaded, timeout=5000):
            model.sort(title, Qt.SortOrder.AscendingOrder)
        tasks.wait()
        qtbot.wait(1)
    finally:
        event.remove(services.store.engine, "before_cursor_execute", listen)
    assert statements and not any("count(" in sql for sql in statements)
    assert model.total == 23 and not model.counting


def test_sorting_by_header_reruns_the_query(qtbot, services, tasks, display, issues):
    model = loaded_model(qtbot, services, tasks, display)
    title = [c.key for c in model.columns].index("title")
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(title, Qt.SortOrder.AscendingOrder)
    shown = [model.index(i, title).data(RAW_ROLE) for i in range(model.rowCount())]
    assert shown == sorted(shown)
    assert model.query.order_by == [("title", False)]


def test_filters_run_in_sql(qtbot, services, tasks, display, issues):
    model = loaded_model(qtbot, services, tasks, display,
                         query=ListQuery(text="防災", equals={"category": "disaster"}))
    rows = [model.row(i) for i in range(model.rowCount())]
    assert rows and all("防災" in r.title and r.category == "disaster" for r in rows)
    assert model.total == services.issues.count(ListQuery(text="防災", equals={"category": "disaster"}))


def test_cells_show_wareki_and_vocabulary_labels(qtbot, services, tasks, issues, display):
    model = loaded_model(qtbot, services, tasks, display, query=ListQuery(order_by=[("raised_on", False)]))
    keys = [c.key for c in model.columns]
    assert model.index(0, keys.index("raised_on")).data() == "令和5年4月1日"
    assert model.index(0, keys.index("category")).data() == "防災"
    assert model.index(0, keys.index("organization_id")).data() == "駒場町会"
    assert model.index(0, 0).data(ROW_ROLE).id == model.row(0).id
    display.era = False
    model.redisplay()
    assert model.index(0, keys.index("raised_on")).data() == "2023年4月1日"


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_every_entity_model_passes_the_model_tester(qtbot, qtmodeltester, services, tasks, display, issues, kind):
    model = loaded_model(qtbot, services, tasks, display, kind=kind, page_size=5)
    qtmodeltester.check(model)
    fetch_all(qtbot, model)
    qtmodeltester.check(model)
