"""The app's progress dialog as a person meets it: found on screen, its Cancel button pressed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget


def shown(parent: QWidget, ready: Callable[[QProgressDialog], bool] = lambda _d: True) -> QProgressDialog | None:
    """The progress dialog on screen over ``parent`` once ``ready`` holds for it, else None."""
    for dialog in parent.findChildren(QProgressDialog):
        if dialog.isVisible() and ready(dialog):
            return dialog
    return None


def press_cancel(qtbot, parent: QWidget, ready: Callable[[QProgressDialog], bool], timeout: int) -> QProgressDialog:
    """Wait for the progress dialog over ``parent`` to show ``ready`` (how far the work has got,
    reported from the lane), then press its Cancel button."""
    qtbot.waitUntil(lambda: shown(parent, ready) is not None, timeout=timeout)
    dialog = shown(parent, ready)
    assert dialog is not None
    [cancel] = dialog.findChildren(QPushButton)
    assert cancel.isVisible() and cancel.isEnabled() and cancel.text()
    cancel.click()
    return dialog
