import pytest
from PySide6.QtCore import QSettings

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.policy import load_framework
from meguro_jukyo.core.services import Services
from meguro_jukyo.qt import i18n
from meguro_jukyo.qt import settings as settings_module
from meguro_jukyo.qt.display import Display
from meguro_jukyo.qt.mainwindow import MainWindow
from meguro_jukyo.qt.settings import Settings
from meguro_jukyo.qt.tasks import TaskManager


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "store.sqlite3", create=True, device_name="テスト端末", holder="pytest")
    yield s
    s.close()


@pytest.fixture
def services(store):
    return Services(store)


@pytest.fixture
def tasks(qtbot):
    manager = TaskManager()
    yield manager
    manager.wait()
    qtbot.wait(1)  # deliver the last results before the store closes


@pytest.fixture
def display(services):
    d = Display(services.vocab)
    d.org_names = {o.id: o.name for o in services.organizations.list()}
    return d


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def app_settings(settings):
    """The test's own settings are the app's (file dialogs' folders, meeting mode's geometry),
    never the user's real ones, and none are left behind for the next test."""
    settings_module.install(settings)
    yield settings
    settings_module.install(None)


@pytest.fixture
def japanese(qapp):
    """The app's Japanese strings (and Qt's own) installed, as the app starts."""
    translators = i18n.install(qapp, "ja")
    yield
    i18n.uninstall(qapp, translators)


@pytest.fixture(scope="module")
def framework():
    return load_framework()


@pytest.fixture
def window(qtbot, services, tasks, settings, framework):
    """The main window on the test's store, its pages built and shown."""
    w = MainWindow(services, tasks, settings, framework)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.pages_built, timeout=10_000):
        pass
    w.show()
    return w
