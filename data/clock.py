"""The one place attune reads the real clock.

Everything else asks its Store (`store.now()`), so a test gives a Store a fixed clock, and the
test suite swaps `now` below for that fixed clock (tests/conftest.py; tests/test_clock.py checks
that no other product code reads the clock).
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

Clock = Callable[[], datetime]


def now() -> datetime:
    """This moment, in this machine's time zone."""
    return datetime.now().astimezone()
