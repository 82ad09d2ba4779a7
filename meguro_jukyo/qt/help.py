"""Help ▸ 使い方 (F1; Ctrl+F1 in meeting mode, whose F-keys are note kinds): a short guide to the
three jobs (running a meeting, exporting and importing, the ward's desk) and a table of the
keyboard shortcuts.

The guide is package data (``resources/help/guide.<language>.html``); the shortcut table is read
from the window's live actions and shortcuts, so it cannot drift from the keys that work.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.resources import resource_path
from .widgets import fit_to_screen

translate = QCoreApplication.translate


def guide_html(language: str) -> str:
    """The guide in ``language`` (ja or en), Japanese where there is no such file."""
    path = resource_path("help", f"guide.{language}.html")
    if not path.exists():
        path = resource_path("help", "guide.ja.html")
    return path.read_text(encoding="utf-8")


def menu_label(text: str) -> str:
    """An action's text as a reader sees it: no mnemonic ampersand, no (&X), no trailing …"""
    for mnemonic in ("(&", "（&"):
        at = text.find(mnemonic)
        if at >= 0 and text.find(")", at) > at:
            text = text[:at] + text[text.find(")", at) + 1:]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` that has keys, in menu order."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for action in window.findChildren(QAction):
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        label = menu_label(action.text())
        if keys and label and (keys, label) not in seen:
            seen.add((keys, label))
            rows.append((keys, label))
    return rows


def keys_table(rows: list[tuple[str, str]], extra: Sequence[tuple[str, str]] = ()) -> str:
    heading = translate("Help", "Keyboard shortcuts")
    body = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in [*rows, *extra])
    return f"<h3>{escape(heading)}</h3><table cellpadding='4'>{body}</table>"


class HelpDialog(QDialog):
    """The guide and the shortcut table, in the UI's language; not modal, so it can stay open."""

    def __init__(self, language: str, rows: list[tuple[str, str]], extra: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(translate("Help", "How to use Meguro Jukyo"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setAccessibleName(translate("Help", "Guide"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_html(language) + keys_table(rows, extra))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 560)

    def text(self) -> str:
        return self.browser.toPlainText()


def meeting_rows(window: QWidget) -> list[tuple[str, str]]:
    """Meeting mode's keys: its shortcuts carry no text, so the window says what each does."""
    rows = []
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        what = shortcut.property("help_text")
        if keys and what:
            rows.append((keys, what))
    return rows


def show_help(window: QWidget, language: str, rows: list[tuple[str, str]],
              extra: Sequence[tuple[str, str]] = ()) -> HelpDialog:
    """Open (or raise) the window's help dialog."""
    dialog = window.findChild(HelpDialog)
    if dialog is None:
        dialog = HelpDialog(language, rows, extra, window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
