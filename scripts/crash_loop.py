"""Kill a writer with SIGKILL at random moments, again and again: every file parses, no acknowledged
write is lost, and stray temp files are gone after the next start.

    .venv/bin/python scripts/crash_loop.py                 # 200 kills
    .venv/bin/python scripts/crash_loop.py --kills 20 --seed 3

Each round starts scripts/safety_writer.py on the same folder with its clock one day later (so its
first write also takes that day's backup and prunes old ones), lets it write for a random time and
kills it. Then, before anything opens the folder: every .json file (backups too) must parse and
every write the writer acknowledged must be on disk with its text. Then Store.open must leave no
temp file. Exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import safety_writer as sw  # noqa: E402

WRITER = Path(sw.__file__).resolve()


def run(root: Path, kills: int, seed: int, max_wait: float, verbose: bool) -> dict:
    from data import Store

    rng = random.Random(seed)
    Store.open(root, clock=sw.make_clock(0)).setup_couple("Sam", "Alex")
    acked: list = []
    figures = {"kills": 0, "writes": 0, "mid_write": 0, "mid_backup": 0, "cleaned": 0, "documents": 0, "found": 0,
               "problems": []}
    for k in range(kills):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(root), "--writer", f"k{k}", "--day-offset", str(k)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=sw.REPO,
        )
        # Kill one in five during start-up (imports, open, stray clean-up, backup); the others once
        # they have acknowledged a first write, then at a random moment: on a busy machine
        # start-up can take longer than any fixed wait, and no write would ever be tested.
        first = b""
        if rng.random() >= 0.2:
            first = proc.stdout.readline()  # the writer's first acknowledged write (or b"" if it died)
        time.sleep(rng.uniform(0.0, max_wait))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        out = first + out
        figures["kills"] += proc.returncode == -signal.SIGKILL
        if proc.returncode not in (-signal.SIGKILL, None):
            figures["problems"].append(f"kill {k}: writer exited {proc.returncode} before the kill: {err.decode()[-300:]}")
        lines = out.decode("utf-8", "replace").splitlines()
        if lines and not out.endswith(b"\n"):
            lines.pop()  # a line cut by the kill was never acknowledged
        new = sw.acknowledged(lines)
        acked += new
        figures["writes"] += len(new)
        strays = sw.temp_files(root)
        figures["mid_write"] += any(p.name.endswith(".tmp") for p in strays)
        figures["mid_backup"] += any(p.name.startswith((".tmp-", ".trash-")) for p in strays)
        try:
            documents, found, problems = sw.check(root, acked, exact=False)
        except Exception as exc:  # a file that does not parse
            documents, found, problems = 0, 0, [f"{type(exc).__name__}: {exc}"]
        figures["documents"], figures["found"] = documents, found
        figures["problems"] += [f"kill {k}: {p}" for p in problems]
        Store.open(root)  # the next start
        left = sw.temp_files(root)
        figures["cleaned"] += len(strays) - len(left)
        if left:
            figures["problems"].append(f"kill {k}: temp files left after the next start: {left}")
        if verbose:
            print(f"kill {k:>3}: {len(new):>3} acknowledged, temp files at kill: {len(strays)}", flush=True)
        if figures["problems"]:
            break
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-wait", type=float, default=0.4, help="longest a writer lives, in seconds")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="attune-crash-") as tmp:
        f = run(Path(tmp) / "data", args.kills, args.seed, args.max_wait, args.verbose)
        kept = Path(tmp) / "data" / "backups"
        backups = len([p for p in kept.iterdir() if not p.name.startswith(".")]) if kept.is_dir() else 0
    print(f"kills: {f['kills']} (SIGKILL), of which {f['mid_write']} left a temp file (killed mid-write) and "
          f"{f['mid_backup']} a half-made or half-deleted backup set; {f['cleaned']} leftovers cleaned by the next start")
    print(f"writes acknowledged: {f['writes']}; documents written: {f['documents']}; documents found: {f['found']}; "
          f"backup entries kept: {backups}; {time.monotonic() - start:.0f} s")
    for problem in f["problems"][:10]:
        print("FAIL:", problem)
    ok = not f["problems"] and f["kills"] == args.kills and f["found"] == f["documents"]
    print("all checks passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
