"""`attune log` from a shell on 10-year data, against jrnl adding one entry to a journal of the same size."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.datasets import OUT

JRNL_VENV = OUT / "jrnl-venv"
JRNL_CONFIG = """colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def ensure_jrnl() -> Path:
    """jrnl in its own venv (its pins would fight Textual's), installed on first use."""
    exe = JRNL_VENV / "bin" / "jrnl"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "-q", "jrnl==4.6"], check=True)
    return exe


def make_journal(entries: int) -> Path:
    """A plain-text jrnl journal with as many entries as the attune folder has interactions."""
    folder = OUT / "jrnl"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    journal = folder / "journal.txt"
    at = datetime(2016, 1, 1, 7, 0)
    step = timedelta(minutes=72)
    with journal.open("w") as fh:
        for n in range(entries):
            at += step
            fh.write(f"[{at:%Y-%m-%d %I:%M:%S %p}] made coffee without being asked ({n})\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(JRNL_CONFIG.format(journal=journal))
    return config


def timed(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def measure(data_dir: Path, interactions: int, runs: int) -> tuple[list[float], list[float]]:
    jrnl = ensure_jrnl()
    config = make_journal(interactions)
    attune = [sys.executable, "-m", "tui", "log", "+", "--by", "Sam", "made coffee", "--data-dir", str(data_dir)]
    baseline = [str(jrnl), "--config-file", str(config), "made coffee"]
    timed(baseline, 1)  # jrnl rewrites an old config on first use; not part of the figure
    ours, theirs = [], []
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        ours += timed(attune, 1)
        theirs += timed(baseline, 1)
    return ours, theirs
