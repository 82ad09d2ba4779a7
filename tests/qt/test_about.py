"""Help ▸ About tells the version, the licence, the data folder and the store in use."""

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from meguro_jukyo.core.about import data_folder, version
from meguro_jukyo.qt.about import AboutDialog


def _help_action(window, name):
    help_menu = window.menu("help")
    return next(a for a in help_menu.actions() if a.objectName() == name)


def test_about_opens_from_the_help_menu_and_shows_version_licence_and_places(qtbot, window, store):
    shown = {}

    def look():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible())
        shown.update({key: label.text() for key, label in dialog.fields.items()})
        dialog.reject()

    QTimer.singleShot(0, look)
    _help_action(window, "about_action").trigger()
    assert shown == {"version": version(), "licence": "MIT", "data_folder": str(data_folder()),
                     "store": store.location}


def test_about_in_japanese(qtbot, japanese, window):
    dialog = window.about_dialog()
    qtbot.addWidget(dialog)
    assert window.menu("help").title() == "ヘルプ(&H)"
    assert _help_action(window, "about_action").text().startswith("このアプリについて")
    assert dialog.windowTitle() == "このアプリについて"
    assert dialog.fields["version"].text() == version()


def test_the_running_app_knows_its_version_and_has_its_icon(qapp, tmp_path):
    from PySide6.QtCore import QSettings

    from meguro_jukyo import app
    from meguro_jukyo.qt.mainwindow import MainWindow
    from meguro_jukyo.qt.settings import Settings

    seen = {}

    def look():
        window = next((w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is None or not window.pages_ready:
            QTimer.singleShot(10, look)
            return
        seen["version"] = QCoreApplication.applicationVersion()
        seen["icon"] = window.windowIcon().pixmap(32, 32).toImage()
        window.close()

    qapp.setApplicationVersion("")
    QTimer.singleShot(0, look)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert app.run(db=str(tmp_path / "v.sqlite3"), argv=[], settings=settings) == 0
    assert seen["version"] == version()
    icon = seen["icon"]
    # the drawing itself, not an empty icon: a pink petal of the blossom, the blue around the house
    assert icon.width() == 32 and not icon.isNull()
    petal, edge = icon.pixelColor(16, 18), icon.pixelColor(6, 26)
    assert petal.red() > 200 and petal.green() < 200 and petal.blue() > petal.green(), petal.name()
    assert edge.blue() > edge.red() and edge.alpha() == 255, edge.name()
