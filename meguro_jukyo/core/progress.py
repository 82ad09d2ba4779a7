"""How long operations report how far along they are, and how they are stopped.

Every long core operation (the sync import, the Excel export and import, the sample data, the
handover file) takes one ``progress`` argument of the :class:`Progress` kind, or None, and
calls :func:`step` at the points where it may stop. A stop is always :class:`Cancelled`,
raised from :func:`step`; what the operation kept by then is said in its own docstring (one
transaction rolls back to nothing; the sync import keeps the files it finished, and hands
their report over as :attr:`Cancelled.partial`).

The GUI's lane hands work functions a :class:`Reporter` fed to its progress dialog; tests and
the CLI use one too, or pass None.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from .errors import UserError


class Progress(Protocol):
    """What a long operation is handed: somewhere to say how far it is, and whether to stop."""

    def report(self, done: int, total: int, message: str = "") -> None: ...

    @property
    def cancelled(self) -> bool: ...


class Cancelled(UserError):
    """The person stopped a long operation. ``partial`` is what it had done and kept by then,
    for the operations that keep anything (the sync import's report); None for the others."""

    def __init__(self, partial: Any = None):
        super().__init__("中断しました。", "Cancelled.")
        self.partial = partial


class Reporter:
    """A :class:`Progress`: reports go to ``on_report``; :meth:`cancel` may be called from any
    thread (the GUI's Cancel button while the work runs on the lane)."""

    def __init__(self, on_report: Callable[[int, int, str], None] | None = None):
        self._on_report = on_report
        self._cancelled = threading.Event()

    def report(self, done: int, total: int, message: str = "") -> None:
        if self._on_report is not None:
            self._on_report(done, total, message)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class Relabelled:
    """``progress`` with each message made by ``label(done, total, message)`` (a screen's own
    wording around the operation's stage names); cancelled when ``progress`` is."""

    def __init__(self, progress: Progress, label: Callable[[int, int, str], str]):
        self._progress, self._label = progress, label

    def report(self, done: int, total: int, message: str = "") -> None:
        self._progress.report(done, total, self._label(done, total, message))

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled


def step(progress: Progress | None, done: int, total: int, message: str = "", *, partial: Any = None) -> None:
    """A point where the operation may stop: raise :class:`Cancelled` (carrying ``partial``)
    if it was cancelled, else report ``done`` of ``total``. Nothing without a ``progress``."""
    if progress is None:
        return
    if progress.cancelled:
        raise Cancelled(partial)
    progress.report(done, total, message)
