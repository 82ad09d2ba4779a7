"""Hybrid logical clock (Kulkarni et al., 2014).

A stamp orders edits across devices without trusting their wall clocks: it never goes
backwards on a device (even when the wall clock does), and after a device has seen a stamp
from another device its own stamps sort after it. Stamps are strings that sort in clock order:
``<physical ms, 13 digits>.<counter, 6 hex digits>.<device id>``; the device id makes every
stamp unique and breaks ties deterministically.

A stamp from elsewhere moves this clock forward for good, so one device whose wall clock is
years ahead would drag every device's later stamps with it and win every edit for years: the
importer takes no package holding a stamp more than :data:`MAX_AHEAD_MS` ahead of this device's
wall clock (see :meth:`HybridClock.ahead_ms`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

_COUNTER_LIMIT = 0xFFFFFF
MAX_AHEAD_MS = 86_400_000  # a day: more than any honest clock's error or time zone slip


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int
    device_id: str

    def __str__(self) -> str:
        return f"{self.ms:013d}.{self.counter:06x}.{self.device_id}"

    @classmethod
    def parse(cls, text: str) -> "Stamp":
        try:
            ms, counter, device = text.split(".", 2)
            if len(ms) != 13 or len(counter) != 6 or not device:
                raise ValueError
            return cls(int(ms), int(counter, 16), device)
        except ValueError:
            raise ValueError(f"not a clock stamp: {text!r}") from None


class HybridClock:
    def __init__(
        self,
        device_id: str,
        last: str | None = None,
        now_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ):
        self.device_id = device_id
        self._now_ms = now_ms
        self._ms, self._counter = 0, 0
        if last:
            self.observe(last)

    def _advance(self, ms: int, counter: int) -> None:
        if counter > _COUNTER_LIMIT:  # borrow a millisecond rather than overflow the field
            ms, counter = ms + 1, 0
        self._ms, self._counter = ms, counter

    def tick(self) -> str:
        """A new stamp for a local edit, later than every stamp seen so far."""
        now = self._now_ms()
        if now > self._ms:
            self._advance(now, 0)
        else:
            self._advance(self._ms, self._counter + 1)
        return str(Stamp(self._ms, self._counter, self.device_id))

    def observe(self, stamp: str) -> None:
        """Take in a stamp from elsewhere so later local stamps sort after it."""
        other = Stamp.parse(stamp)
        if (other.ms, other.counter) > (self._ms, self._counter):
            self._ms, self._counter = other.ms, other.counter

    def ahead_ms(self, stamp: str) -> int:
        """How far ``stamp`` is ahead of this device's wall clock (negative when behind)."""
        return Stamp.parse(stamp).ms - self._now_ms()

    @property
    def last(self) -> str:
        return str(Stamp(self._ms, self._counter, self.device_id))
