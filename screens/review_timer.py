"""A speaker's turn timer that can pause. Time comes from an injected clock (monotonic
seconds), so tests move it by hand instead of waiting."""

from __future__ import annotations

import time
from typing import Callable

TURN_SECONDS = 3 * 60


def clock_face(seconds: float) -> str:
    """'m:ss', rounded up while counting down so 0:00 means the time is really up."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


class TurnTimer:
    def __init__(self, seconds: float = TURN_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._banked = 0.0  # time run before the last pause
        self._since: float | None = None  # when it was last started, while running

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def started(self) -> bool:
        return self.running or self._banked > 0

    def elapsed(self) -> float:
        if self._since is None:
            return self._banked
        return self._banked + max(0.0, self.clock() - self._since)

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    @property
    def up(self) -> bool:
        return self.elapsed() >= self.seconds

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._banked = self.elapsed()
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        self._banked, self._since = 0.0, None

    def status(self) -> str:
        if self.up:
            return f"time is up ({clock_face(self.elapsed())} spoken)"
        if self.running:
            return "running"
        return "paused" if self.started else "ready"
