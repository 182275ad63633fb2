"""attune with one planted bug (F1 raises), to see what a crash leaves behind (tests/test_folder_changes.py)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app import AttuneApp  # noqa: E402
from tui.cli import main  # noqa: E402


def broken_help(self) -> None:
    secret = "my secret note about Alex"  # a local: a crash must not print or keep it
    if os.environ.get("CRASH_TWICE"):  # as a widget failing on each redraw does, within a second
        try:
            raise ValueError("the first failure")
        except ValueError as first:
            self._handle_exception(first)
    raise RuntimeError(f"planted bug holding {secret}")


AttuneApp.action_help = broken_help
sys.exit(main())
