import pytest

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.services import Services


@pytest.fixture
def store(tmp_path):
    """A fresh store on disk (WAL, locks and backups behave as in real use)."""
    s = Store.open(tmp_path / "store.sqlite3", create=True, device_name="テスト端末")
    yield s
    s.close()


@pytest.fixture
def services(store):
    return Services(store)
