import pytest

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.services import Services


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh store: an SQLite file on disk (WAL, locks and backups behave as in real use), and
    a database on the throwaway PostgreSQL server — every test using it runs on both."""
    if request.param == "sqlite":
        s = Store.open(tmp_path / "store.sqlite3", create=True, device_name="テスト端末")
    else:
        s = Store.open(request.getfixturevalue("pg_url"), device_name="テスト端末")
    yield s
    s.close()


@pytest.fixture
def services(store):
    return Services(store)
