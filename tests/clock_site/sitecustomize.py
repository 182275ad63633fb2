"""The tests' clock for every Python subprocess they start (CLI, writers, pty and served apps).

tests/conftest.py puts this folder on PYTHONPATH and sets ATTUNE_TEST_NOW (an ISO moment) and
ATTUNE_TEST_TZ (a zone name); Python runs this file at start, so the child's real clock starts at
the tests' fixed "now", in the fixed zone, and ticks from there. A test that needs another moment
for a child passes its own ATTUNE_TEST_NOW in the child's environment.
"""

import os

if os.environ.get("ATTUNE_TEST_NOW"):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    _at = datetime.fromisoformat(os.environ["ATTUNE_TEST_NOW"])
    time_machine.travel(_at.astimezone(ZoneInfo(os.environ.get("ATTUNE_TEST_TZ", "UTC"))), tick=True).start()
