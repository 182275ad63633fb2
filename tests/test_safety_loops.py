"""Short runs of the long safety loops (the full ones: scripts/concurrency.py, scripts/crash_loop.py)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def run_script(name: str, *args: str) -> str:
    r = subprocess.run([sys.executable, str(REPO / "scripts" / name), *args], capture_output=True, text=True,
                       timeout=240, cwd=REPO)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_two_and_four_writers_at_once_lose_nothing():
    out = run_script("concurrency.py", "--trials", "3", "--ops", "60")
    assert "all trials passed" in out
    for writers in (2, 4):
        line = re.search(rf"^{writers} writers: 3 trials, (\d+) writes, (\d+) documents written, (\d+) documents found",
                         out, re.M)
        assert line, out
        writes, written, found = map(int, line.groups())
        assert writes == 3 * writers * 60 and written == found > 0


def test_a_writer_killed_at_random_moments_loses_no_acknowledged_write():
    out = run_script("crash_loop.py", "--kills", "25", "--seed", "11")
    assert "all checks passed" in out, out
    kills = re.search(r"^kills: (\d+) \(SIGKILL\)", out, re.M)
    docs = re.search(r"documents written: (\d+); documents found: (\d+)", out)
    assert kills and int(kills.group(1)) == 25
    assert docs and int(docs.group(1)) == int(docs.group(2)) > 0
