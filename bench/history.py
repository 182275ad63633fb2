"""Search over the whole history from the daily log, in a real process: first results and all done."""

from __future__ import annotations

import re
from pathlib import Path

from bench.live import HOME_MARK
from bench.pty_driver import PtyApp, attune_argv

FOUND = re.compile(r"\b[1-9][\d,]* found\b|Found [1-9]")
DONE = re.compile(r"Found .* in \d+ months")


def search_first_results(data_dir: Path, word: str = "boiler") -> tuple[float, float]:
    """Seconds from Enter to the first results on screen, and to the search being finished."""
    with PtyApp(attune_argv(str(data_dir))) as app:
        app.wait_for(HOME_MARK, timeout=20)
        app.drain(0.2)
        app.send("d")
        app.wait_for("Catch up", timeout=10)
        app.drain(0.3)
        app.send("/")
        app.wait_for("words to find", timeout=10)
        app.drain(0.3)
        app.send(word)
        app.drain(0.3)
        sent = app.send("\r")
        first = app.wait_until(lambda text: FOUND.search(text) is not None, timeout=30)
        done = app.wait_until(lambda text: DONE.search(text) is not None, timeout=60)
        return first - sent, done - sent


if __name__ == "__main__":
    import sys

    first, done = search_first_results(Path(sys.argv[1]))
    print(f"first results {first * 1000:.0f} ms, done {done * 1000:.0f} ms")
