"""kill -9 during `attune encrypt`, at random moments, 50 times: the folder always opens (as before,
or as after once the next open finishes the run) and nothing is lost.

Half the moments are drawn over the whole run; the other half wait for key.age to appear and
then draw a moment in the part where the files themselves are converted (before it, the run is
mostly scrypt). Each run's outcome
is counted and printed; whether a moment falls mid-file depends on the machine, so the counts
are not asserted, only that every folder opens whole."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from data import Store, crypt
from data.demo import generate
from data.exchange import export_data
from tests.conftest import REPO

PASSPHRASE = "correct horse battery staple"
RUNS = 50
CHUNKS = 5  # run in parallel where the suite has workers (each run is mostly scrypt: ~1.4 s)


def start_encrypt(folder, pass_file) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tui", "--data-dir", str(folder), "--passphrase-file",
                             str(pass_file), "encrypt"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def reference_run(original, tmp_path, pass_file) -> tuple[float, float]:
    """Seconds until key.age appears, and until the run ends, on this machine now."""
    folder = tmp_path / "reference"
    shutil.copytree(original, folder)
    began = time.monotonic()
    proc = start_encrypt(folder, pass_file)
    key_at = None
    while proc.poll() is None:
        if key_at is None and (folder / "key.age").exists():
            key_at = time.monotonic() - began
        time.sleep(0.002)
    assert proc.returncode == 0
    total = time.monotonic() - began
    return (key_at or total * 0.8), total


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_kill_9_during_encrypt_never_loses_or_locks_out(chunk, tmp_path, clock):
    original = tmp_path / "original"
    generate(original, days=150)
    wanted = export_data(Store.open(original, clock=clock))["files"]
    names = sorted(p.relative_to(original) for p in Store.open(original).folder.all_data_files())
    pass_file = tmp_path / "pass"
    pass_file.write_text(PASSPHRASE + "\n")
    key_at, total = reference_run(original, tmp_path, pass_file)
    rng = random.Random(1729 + chunk)
    outcomes: Counter[str] = Counter()
    cipher = None  # unlocked once per folder that has key.age (scrypt: a second or so)
    for run in range(chunk, RUNS, CHUNKS):
        folder = tmp_path / f"run{run}"
        shutil.copytree(original, folder)
        proc = start_encrypt(folder, pass_file)
        if run % 2:
            time.sleep(rng.uniform(0, total))
        else:
            while not (folder / "key.age").exists() and proc.poll() is None:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, total - key_at))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        has_key, marker = (folder / "key.age").exists(), (folder / ".converting").exists()
        kinds = {crypt.is_encrypted(p.read_bytes()) for p in (folder / n for n in names)}
        outcomes["finished" if proc.returncode == 0 else
                 "before key.age" if not has_key else
                 "mid-files" if kinds == {True, False} else "files done"] += 1
        # It opens: with the passphrase when key.age was written, as a plain folder when not.
        if has_key:
            cipher = crypt.unlock(folder, PASSPHRASE)
        store = Store.open(folder, clock=clock, cipher=cipher if has_key else None)
        assert not (folder / ".converting").exists(), f"run {run}: the next open left the marker"
        after = {crypt.is_encrypted(p.read_bytes()) for p in store.folder.all_data_files()}
        assert after == {has_key}, f"run {run}: a folder half encrypted after the next open (marker was {marker})"
        assert export_data(store)["files"] == wanted, f"run {run}: data changed"
        assert sorted(p.relative_to(folder) for p in store.folder.all_data_files()) == names
        shutil.rmtree(folder)
    print(f"\n{RUNS // CHUNKS} kills: {dict(outcomes)} (key.age at {key_at:.2f} s of {total:.2f} s)")
    assert sum(outcomes.values()) == RUNS // CHUNKS
