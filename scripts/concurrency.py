"""Two and four processes writing into one data folder at once: nothing lost, every file valid JSON.

    .venv/bin/python scripts/concurrency.py                  # 10 trials each of 2 and 4 writers
    .venv/bin/python scripts/concurrency.py --trials 2 --ops 60

Each trial: a fresh folder with a couple; N writers (scripts/safety_writer.py) start together and
each log interactions, save daily entries (each saved twice) and answer quiz questions. Then every
file must parse and every acknowledged write must be on disk with its exact text. Exit 1 on any loss.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import safety_writer as sw  # noqa: E402

WRITER = Path(sw.__file__).resolve()


def trial(root: Path, writers: int, ops: int, kinds: str) -> tuple[int, int, int, list[str]]:
    """(writes acknowledged, documents they made, of those found on disk, problems) for one trial."""
    from data import Store

    Store.open(root, clock=sw.make_clock(0)).setup_couple("Sam", "Alex")
    go = root.parent / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(root), "--writer", f"w{k}", "--ops", str(ops), "--kinds", kinds,
             "--go", str(go), "--slot", str(k), "--slots", str(writers)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=sw.REPO,
        )
        for k in range(writers)
    ]
    time.sleep(0.3)  # let every writer import and open the store
    go.touch()
    problems, lines = [], []
    for k, proc in enumerate(procs):
        out, err = proc.communicate(timeout=300)
        lines += out.splitlines()
        if proc.returncode != 0:
            problems.append(f"writer w{k} exited {proc.returncode}: {err.strip().splitlines()[-1:]}")
    acked = sw.acknowledged(lines)
    documents, found, wrong = sw.check(root, acked, exact=True)
    problems += wrong
    # every writer made every write it was asked for
    if len(acked) != writers * ops:
        problems.append(f"{len(acked)} writes acknowledged, expected {writers * ops}")
    return len(acked), documents, found, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--writers", default="2,4", help="comma-separated writer counts")
    parser.add_argument("--ops", type=int, default=150, help="writes per writer per trial")
    parser.add_argument("--kinds", default="idq", help="i interactions, d daily entries, q quiz answers")
    args = parser.parse_args(argv)
    failed = 0
    print("writes: acknowledged calls (a daily entry is saved twice); documents: the records they made")
    print(f"{'writers':>7} {'trial':>5} {'writes':>7} {'documents':>9} {'found':>7} {'seconds':>7}  result")
    for writers in (int(w) for w in args.writers.split(",")):
        total_writes = total_docs = total_found = 0
        for number in range(1, args.trials + 1):
            with tempfile.TemporaryDirectory(prefix="attune-conc-") as tmp:
                start = time.monotonic()
                writes, documents, found, problems = trial(Path(tmp) / "data", writers, args.ops, args.kinds)
                took = time.monotonic() - start
            total_writes += writes
            total_docs += documents
            total_found += found
            result = "ok" if not problems else "FAIL: " + "; ".join(problems[:3])
            failed += bool(problems)
            print(f"{writers:>7} {number:>5} {writes:>7} {documents:>9} {found:>7} {took:>7.1f}  {result}", flush=True)
        print(f"{writers} writers: {args.trials} trials, {total_writes} writes, {total_docs} documents written, "
              f"{total_found} documents found", flush=True)
    print("all trials passed" if not failed else f"{failed} trial(s) FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
