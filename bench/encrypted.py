"""The same figures on an encrypted copy of the history (data/crypt.py), against the plain one
in the same run: a keypress, `attune log` from a shell, and the start to the unlock prompt."""

from __future__ import annotations

import os
import shutil
import sys
import subprocess
from pathlib import Path

from bench import cli_log, live
from bench.pty_driver import attune_argv
from data import Store, crypt

PASSPHRASE = "bench passphrase, not a secret"
PROMPT_MARK = "This folder is encrypted"


def make(plain: Path) -> Path:
    """An encrypted copy of `plain`, beside it; its recovery key in `<copy>.key` (the app and the
    CLI unlock with it, so a figure is the steady state, not scrypt)."""
    root = plain.with_name(plain.name + "-encrypted")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(plain, root)
    cipher = crypt.Cipher.generate()
    crypt.convert(Store.open(root).folder, cipher, True, PASSPHRASE)
    root.with_suffix(".key").write_text(cipher.secret + "\n")
    live.KEYS[root] = cipher
    return root


def to_prompt(root: Path, runs: int) -> tuple[list[float], list[float]]:
    """Process start to the unlock prompt drawn, against the hello-world app."""
    ours, base = [], []
    live.first_frame(attune_argv(str(root)), PROMPT_MARK)
    for _ in range(runs):
        base.append(live.first_frame([sys.executable, str(live.HELLO)], live.HELLO_MARK))
        ours.append(live.first_frame(attune_argv(str(root)), PROMPT_MARK))
    return ours, base


def log_from_shell(root: Path, plain: Path, runs: int) -> tuple[list[float], list[float]]:
    """`attune log +` on both, in turns; the encrypted one unlocked by `attune unlock` (a session)."""
    runtime = root.with_name("runtime")
    shutil.rmtree(runtime, ignore_errors=True)
    runtime.mkdir(mode=0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    subprocess.run([*attune_argv(str(root)), "--passphrase-file", str(root.with_suffix(".key")), "unlock"],
                   check=True, capture_output=True)

    def log(folder: Path) -> list[str]:
        return [sys.executable, "-m", "tui", "log", "+", "--by", "Sam", "made coffee", "--data-dir", str(folder)]

    ours, theirs = [], []
    for _ in range(runs):
        ours += cli_log.timed(log(root), 1)
        theirs += cli_log.timed(log(plain), 1)
    return ours, theirs
