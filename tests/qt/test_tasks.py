"""The database lane: work runs off the GUI thread; results, and the work itself, come back to it."""

import gc
import threading

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from meguro_jukyo.core.progress import Cancelled, step


class Witness:
    """Records on which thread it was released."""

    def __init__(self, released_on: list):
        self.released_on = released_on

    def __del__(self):
        self.released_on.append(threading.current_thread() is threading.main_thread())


def test_a_work_function_and_what_it_holds_are_released_on_the_gui_thread(qtbot, tasks):
    # What a work function holds may have signal connections (a Progress whose cancel a
    # dialog's signal calls); PySide disconnects them when they die, and doing that on the
    # worker could deadlock against the GUI thread closing a dialog (a hung test run).
    released_on: list[bool] = []
    for _ in range(200):  # the race (delivered before the worker let go) shows about once in 100
        witness = Witness(released_on)
        done = []
        tasks.run_in_background(lambda w=witness: "ok", done.append)
        del witness
        qtbot.waitUntil(lambda: done == ["ok"], timeout=5000)
    tasks.wait()
    qtbot.wait(10)
    gc.collect()
    assert released_on == [True] * 200


def test_a_failing_work_function_is_released_on_the_gui_thread_too(qtbot, tasks):
    released_on: list[bool] = []
    failures = []

    def work(w=Witness(released_on)):
        raise ValueError("だめ")

    tasks.run_in_background(work, on_error=failures.append)
    del work
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert str(failures[0]) == "だめ"
    del failures[:]
    tasks.wait()
    qtbot.wait(10)
    gc.collect()
    assert released_on == [True]


def test_progress_and_the_result_arriving_together_close_the_dialog_and_deliver(qtbot, tasks):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    results = []

    def work(progress):
        progress.report(1, 2, "半分")
        progress.report(2, 2, "終わり")
        return "できた"

    dialog = tasks.with_progress(parent, "作業中…", work, results.append)
    tasks.wait()  # both reports and the result are queued now, none delivered yet
    dialog.forceShow()  # shown and modal: setValue processes events, delivering the result inside it
    qtbot.waitUntil(lambda: results == ["できた"], timeout=5000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5000)
    assert QApplication.activeModalWidget() is None


def test_cancel_ends_the_work_at_its_next_step_and_hands_over_what_it_kept(qtbot, tasks):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    started, go = threading.Event(), threading.Event()
    results, cancels, steps = [], [], []

    def work(progress):
        started.set()
        go.wait(5)
        for i in range(3):
            step(progress, i, 3, partial=steps[:])
            steps.append(i)
        return "できた"

    dialog = tasks.with_progress(parent, "作業中…", work, results.append, on_cancelled=cancels.append)
    assert started.wait(5)
    dialog.canceled.emit()  # as the Cancel button does
    go.set()
    qtbot.waitUntil(lambda: bool(cancels), timeout=5000)
    assert isinstance(cancels[0], Cancelled) and cancels[0].partial == [] and steps == [] and results == []
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5000)
