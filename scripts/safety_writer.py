"""One writer process for the safety scripts (concurrency.py, crash_loop.py), and their checker.

The writer logs interactions, saves daily entries and answers quiz questions through the
Store, and prints one line per write *after the call returned* (an acknowledged write):

    I <uid> <writer> <n>          an interaction whose note is note_for(writer, n)
    D <uid> <writer> <n>          a daily entry whose `happened` is note_for(writer, n)
    Q <uid> <writer> <n>          a quiz answer whose text is note_for(writer, n)

`check()` then proves every acknowledged write is on disk with exactly that text.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import orjson  # noqa: E402

BASE = datetime(2026, 11, 25, 18, 30, tzinfo=timezone(timedelta(hours=1)))
# The text each write carries: hostile on purpose, it must come back byte for byte.
WEIRD = [
    "plain words",
    "[bold]not bold[/] [link=https://x.example]x[/link]",
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07osc\x1b]8;;\x07",
    "tab\there\nnew line\r\x07bell\x7f",
    "emoji 😀👩‍❤️‍👨 🇫🇷",
    "中文 日本語 한국어",
    "עברית العربية \u202eRTL override",
    "e\u0301 a\u0308 Z\u0351\u0352",
    "   ",
    "\\u0000 \"quotes\" 'single' {\"json\": 1}",
]


def note_for(writer: str, n: int) -> str:
    return f"{writer}:{n} {WEIRD[n % len(WEIRD)]}"


def make_clock(day_offset: int):
    start, base = time.monotonic(), BASE + timedelta(days=day_offset)
    return lambda: base + timedelta(seconds=time.monotonic() - start)


def write(data_dir: str, writer: str, ops: int, day_offset: int, kinds: str, go: str | None, slot: int, slots: int) -> None:
    from data import Store

    store = Store.open(data_dir, clock=make_clock(day_offset))
    if go:
        while not os.path.exists(go):  # every writer starts at once, after its imports
            time.sleep(0.001)
    rng = random.Random(f"{writer}-{day_offset}")
    quiz = getattr(store, "quiz", None) if "q" in kinds else None
    kinds = kinds if quiz is not None else kinds.replace("q", "")
    today = store.now().date()
    round_ = None
    pending: list[tuple[str, str]] = []
    daily_count = 0
    n = 0
    while ops < 0 or n < ops:
        kind = kinds[n % len(kinds)]
        by = "ab"[(n // len(kinds)) % 2]
        text = note_for(writer, n)
        if kind == "i":
            item = store.interactions.log(by, rng.random() < 0.8, text)
            line = f"I {item.uid}"
        elif kind == "d":
            # Each writer has its own (partner, day) keys; every second save rewrites the last one.
            key = daily_count // 2
            day = today - timedelta(days=slot + slots * key)
            entry = store.daily.save("ab"[key % 2], 1 + n % 5, happened=text, on_mind=text[::-1],
                                     day=day, unlocked=day < today)
            daily_count += 1
            line = f"D {entry.uid}"
        else:
            if not pending:
                round_ = quiz.start_round("random", rng)
                pending = [(q, p) for q in round_.questions for p in "ab"]
            qid, who = pending.pop(0)
            answer = quiz.submit(round_.uid, qid, who, text, guess=text[::-1])
            line = f"Q {answer.uid}"
        print(f"{line} {writer} {n}", flush=True)
        n += 1


# -- checking -----------------------------------------------------------------------------
def acknowledged(lines: list[str]) -> list[tuple[str, str, str, int]]:
    """(kind, uid, writer, n) for every whole line a writer printed."""
    out = []
    for line in lines:
        parts = line.split()
        if len(parts) == 4 and parts[0] in "IDQ":
            out.append((parts[0], parts[1], parts[2], int(parts[3])))
    return out


def all_json(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.json") if not p.name.startswith("."))


def temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(".*") if p.name.endswith(".tmp") or p.name.startswith((".tmp-", ".trash-")))


def on_disk(root: Path) -> dict[str, dict[str, str]]:
    """uid -> text for every interaction, daily entry and quiz answer; raises if a file does not parse."""
    found: dict[str, dict[str, str]] = {"I": {}, "D": {}, "Q": {}}
    rows = 0
    for path in all_json(root):
        data = orjson.loads(path.read_bytes())  # every file must parse, backups included
        if not isinstance(data, dict):
            raise ValueError(f"{path} is not a JSON object")
        if path.parent.name == "months" and path.parent.parent == root:
            for row in (data.get("interactions") or {}).values():
                found["I"][row["uid"]] = row["note"]
                rows += 1
            for row in (data.get("daily") or {}).values():
                found["D"][row["uid"]] = row["happened"]
                rows += 1
        elif path == root / "quiz.json":
            for row in (data.get("answers") or {}).values():
                found["Q"][row["uid"]] = row["text"]
                rows += 1
    if rows != sum(len(v) for v in found.values()):
        raise ValueError(f"{rows - sum(len(v) for v in found.values())} records stored twice")
    return found


def _later(text: str, writer: str, n: int) -> bool:
    """Was `text` written after note_for(writer, n)? Writers named k0, k1... ran in that order."""
    try:
        other, rest = text.split(":", 1)
        other_n = int(rest.split(" ", 1)[0])
        return (other == writer and other_n > n) or int(other[1:]) > int(writer[1:])
    except ValueError:
        return False


def check(root: Path, acked: list[tuple[str, str, str, int]], exact: bool) -> tuple[int, int, list[str]]:
    """(documents acknowledged, of those found on disk, problems). A daily entry is saved twice:
    on disk it must hold the last acknowledged text, or (`exact` False: writers that ran one after
    the other and were killed after a write but before printing it) a later write's text."""
    problems = []
    found = on_disk(root)
    last: dict[tuple[str, str], tuple[str, int]] = {}
    for kind, uid, writer, n in acked:
        if (kind, uid) not in last or last[(kind, uid)][1] < n:
            last[(kind, uid)] = (writer, n)
    for (kind, uid), (writer, n) in last.items():
        text = found[kind].get(uid)
        if text is None:
            problems.append(f"lost {kind} {uid} ({writer}:{n})")
        elif text != note_for(writer, n):
            if exact or not _later(text, writer, n):
                problems.append(f"{kind} {uid} holds {text[:30]!r}, expected {note_for(writer, n)[:30]!r}")
    if exact:  # every writer finished: nothing on disk that nobody acknowledged
        extra = {(k, u) for k, uids in found.items() for u in uids} - set(last)
        problems += [f"unacknowledged {k} {u} on disk" for k, u in sorted(extra)[:5]]
    lost = sum(1 for p in problems if p.startswith("lost "))
    return len(last), len(last) - lost, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--writer", default="w0")
    parser.add_argument("--ops", type=int, default=-1, help="writes to make (-1: until killed)")
    parser.add_argument("--day-offset", type=int, default=0, help="days after 2026-11-25 the writer's clock says")
    parser.add_argument("--kinds", default="idq", help="i interactions, d daily entries, q quiz answers")
    parser.add_argument("--go", help="wait for this file to exist before writing")
    parser.add_argument("--slot", type=int, default=0, help="this writer's number, for its own daily keys")
    parser.add_argument("--slots", type=int, default=1, help="how many writers share the folder")
    args = parser.parse_args()
    write(args.data_dir, args.writer, args.ops, args.day_offset, args.kinds, args.go, args.slot, args.slots)


if __name__ == "__main__":
    main()
