"""A throwaway X server and a look at its windows: how the frozen app's GUI is checked from
outside (tests/test_frozen.py, bench/frozen.py), since nothing can be run inside it.

The window titles come from ``xwininfo``, the window's icon from ``xprop`` (x11-utils): the
main window's title in Japanese shows that the Japanese translation in the bundle was loaded.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from contextlib import contextmanager

_WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "(.*)": \(.*\)\s+(\d+)x(\d+)', re.MULTILINE)


@contextmanager
def xvfb():
    """An Xvfb on a free display; yields the DISPLAY value."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as fh:
            number = fh.readline().strip()  # written once the server accepts connections
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def windows(display: str) -> list[tuple[str, str, int, int]]:
    """(id, title, width, height) of every top-level window."""
    listing = subprocess.run(["xwininfo", "-root", "-children"], env={**os.environ, "DISPLAY": display},
                             capture_output=True, text=True, check=True).stdout
    return [(m[1], m[2], int(m[3]), int(m[4])) for m in _WINDOW.finditer(listing)]


def viewable(display: str, window: str) -> bool:
    info = subprocess.run(["xwininfo", "-id", window], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, check=True).stdout
    return "Map State: IsViewable" in info


def icon_sizes(display: str, window: str) -> list[tuple[int, int]]:
    """The sizes of the icon the window gives the window manager (_NET_WM_ICON; none: [])."""
    info = subprocess.run(["xprop", "-id", window, "-notype", "_NET_WM_ICON"], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, check=True).stdout
    return [(int(w), int(h)) for w, h in re.findall(r"Icon \((\d+) x (\d+)\)", info)]


def wait_for_window(display: str, contains: str, process: subprocess.Popen, timeout: float = 120,
                    poll: float = 0.05) -> tuple[str, str]:
    """The first viewable window (larger than Qt's 1×1 helpers) whose title contains ``contains``:
    (id, title); raises if the process ends or the time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app ended with status {process.returncode} before showing a window")
        for window, title, width, height in windows(display):
            if contains in title and width > 1 and height > 1 and viewable(display, window):
                return window, title
        time.sleep(poll)
    raise TimeoutError(f"no window titled …{contains}… within {timeout} s")
