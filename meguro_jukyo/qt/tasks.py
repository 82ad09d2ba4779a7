"""Background work, in the manner of Anki's taskman.

All database work runs on one lane: a thread pool of exactly one thread, so jobs run one at a
time in the order they were queued and never contend for the SQLite writer. Work functions get
plain arguments (services, ids, queries), never widgets; their results come back on the GUI
thread through a queued signal, to ``on_done`` or ``on_error``.

SQLite connections belong to the thread that opened them; SQLAlchemy's pool hands each thread
its own, so passing the Services object (not a connection) to the lane is all that is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import UserError

# Work functions are handed the core's Reporter: they pass it to core operations as their
# progress, or call core.progress.step themselves; a cancel ends them with Cancelled.
from ..core.progress import Cancelled, Reporter
from .i18n import tr_args

translate = QCoreApplication.translate


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the GUI thread receives."""

    finished = Signal(object)  # [the work function, result, exception] (result or exception is None)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    """Runs a work function on the lane, then hands it back to the GUI thread with its result.

    The work function must not be released on the worker: what it holds (a Reporter whose
    ``cancel`` a dialog's signal is connected to, widgets) may have signal connections, and
    PySide disconnects them when they die. Disconnecting from the worker takes Qt's connection
    lock and then waits for the GIL, while the GUI thread, holding the GIL, may be waiting for
    that lock (closing a dialog): a deadlock, seen as a hung meeting-mode test. So the job drops
    its own reference before running, and the last one travels with the result in a list that
    the GUI thread empties: no reference is left on the worker (a local variable holding the
    work would be one, if the GUI thread delivered before the worker's frame ended).
    """

    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._fn: Callable[[], Any] | None = fn
        self._relay = relay

    def run(self) -> None:
        outcome: list = [self._fn, None, None]  # the work, its result, its exception
        self._fn = None
        try:
            outcome[1] = outcome[0]()
        except BaseException as exc:  # noqa: BLE001 - handed to on_error on the GUI thread (its __traceback__ with it)
            outcome[2] = exc
        self._relay.finished.emit(outcome)


class TaskManager(QObject):
    """Runs work off the GUI thread. ``db`` jobs run one at a time, in order."""

    #: emitted when the lane goes from idle to busy (True) and back (False)
    busy_changed = Signal(bool)
    # The one broadcast of every write (Anki's operation_did_execute): what it committed,
    # entity kind → ids, and who started it (the owner given to change()), so that a screen
    # already showing its own change can skip reloading. (Not a "#:" comment: lupdate would
    # take it for a translator's note on the next string.)
    changed = Signal(dict, object)

    def __init__(self, on_error: Callable[[BaseException], None] | None = None, parent=None):
        super().__init__(parent)
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        # a second lane, for the start-up maintenance only (the daily backup of a store that
        # may be a gigabyte): it reads, on its own connection, while the pages' queries go on
        self._aside = QThreadPool(self)
        self._aside.setMaxThreadCount(1)
        self._default_error = on_error
        self._pending: set[_Relay] = set()

    def set_error_handler(self, on_error: Callable[[BaseException], None]) -> None:
        self._default_error = on_error

    def report_error(self, exc: BaseException) -> None:
        """Hand an error to the default handler (a message box in the app)."""
        if self._default_error is None:
            raise exc
        self._default_error(exc)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Reporter:
        """Queue ``fn`` on the database lane; ``on_done(result)`` runs on the GUI thread.

        With an ``owner``, the callbacks are skipped if the owner was deleted meanwhile
        (a dialog closed while its query ran).
        """
        return self._start(lambda _progress: fn(), on_done, on_error, owner=owner)

    def change(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Reporter:
        """The one path for every write from the GUI: ``fn`` runs on the lane like any job,
        and what its transactions committed is broadcast on :attr:`changed` (before
        ``on_done``, and even when ``owner`` is gone or the work failed half-way), so every
        page, meeting mode, the projector and the Undo label hear of it. Long writes use
        :meth:`with_progress` with ``change=True``."""
        return self._start(lambda _progress: fn(), on_done, on_error, owner=owner, collect=True)

    def run_aside(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Reporter:
        """Queue ``fn`` on the second lane, beside the database lane rather than before its
        jobs: for reading work that takes long and must not hold up the screens (the daily
        backup). It must not write to the store."""
        return self._start(lambda _progress: fn(), on_done, on_error, pool=self._aside)

    def _start(self, fn, on_done, on_error, on_progress=None, owner: QObject | None = None,
               on_cancelled=None, collect: bool = False, pool: QThreadPool | None = None) -> Reporter:
        relay = _Relay()
        # report() is called on the worker: the signal carries it to the GUI thread
        progress = Reporter(relay.progress.emit)
        if on_progress is not None:
            relay.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        collected: dict[str, set[str]] = {}
        if collect:
            fn = _collecting(fn, collected)

        def finished(outcome: list):
            _work, result, exc = outcome
            outcome.clear()  # the last references to the work are ours: released here, after delivery
            self._pending.discard(relay)
            relay.deleteLater()
            if not self._pending:
                self.busy_changed.emit(False)
            if collected:
                self.changed.emit(collected, owner)
            if owner is not None and not shiboken6.isValid(owner):
                return
            if exc is None:
                if on_done is not None:
                    on_done(result)
            elif isinstance(exc, Cancelled):
                if on_cancelled is not None:
                    on_cancelled(exc)
            elif on_error is not None:
                on_error(exc)
            elif self._default_error is not None:
                self._default_error(exc)
            else:
                raise exc

        relay.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
        if not self._pending:
            self.busy_changed.emit(True)
        self._pending.add(relay)
        (pool or self._db).start(_Job(lambda: fn(progress), relay))
        return progress

    def with_progress(
        self,
        parent: QWidget | None,
        label: str,
        fn: Callable[[Reporter], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        cancellable: bool = True,
        change: bool = False,
        on_cancelled: Callable[[Cancelled], None] | None = None,
    ) -> QProgressDialog:
        """Long work: a window-modal progress dialog with Cancel while ``fn(progress)`` runs.
        Cancel ends it with :class:`Cancelled`: the dialog closes and ``on_cancelled(exc)`` is
        told (``exc.partial`` is what an operation that keeps anything kept).
        With ``change``, it is a write: what it committed is broadcast as by :meth:`change`."""
        dialog = QProgressDialog(label, translate("Tasks", "Cancel") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(translate("Tasks", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)

        def done(result):
            dialog.close()
            dialog.deleteLater()
            if on_done is not None:
                on_done(result)

        def failed(exc):
            dialog.close()
            dialog.deleteLater()
            (on_error or self._default_error or _raise)(exc)

        def update(done_count: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done_count, total) if total else 0)
            if text:
                dialog.setLabelText(text)

        def cancelled(exc: Cancelled):
            dialog.close()
            dialog.deleteLater()
            if on_cancelled is not None:
                on_cancelled(exc)

        progress = self._start(fn, done, failed, update, on_cancelled=cancelled, collect=change)
        dialog.canceled.connect(progress.cancel)
        return dialog

    def wait(self, msecs: int = -1) -> bool:
        """Block until both lanes are empty (shutdown and tests)."""
        aside = self._aside.waitForDone(msecs)
        return self._db.waitForDone(msecs) and aside


def _raise(exc: BaseException) -> None:
    raise exc


def _collecting(fn: Callable[[Reporter], Any], into: dict) -> Callable[[Reporter], Any]:
    """``fn`` gathering, into ``into``, what every transaction it commits changed."""

    def work(progress: Reporter) -> Any:
        # imported on the lane, when the first write runs: the window is on screen before the
        # core is imported at all (see mainwindow's start-up)
        from ..core.services.unit_of_work import collect_changes

        with collect_changes() as changes:
            try:
                return fn(progress)
            finally:
                into.update(changes)

    return work


def error_text(exc: BaseException, language: str) -> str:
    """What to tell a person: the message of an error they can act on, or that it is a bug."""
    if isinstance(exc, UserError):
        return exc.message(language)
    return tr_args("Tasks", "Something went wrong inside the app. Your data is safe; please "
                   "report this:\n\n%1", f"{type(exc).__name__}: {exc}")
