"""Throw hostile exports and hand-edited data files at the real `attune` command, and check that
each ends in a result or one line (exit 1 or 2), that a refused import changes nothing, that an
accepted one leaves a folder every command can read, and that every file is 0600.

    .venv/bin/python scripts/hostile_check.py              # 150 cases
    .venv/bin/python scripts/hostile_check.py --cases 40 --seed 7

Prints what happened to each kind of case; exit 1 on the first case that breaks a rule.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import stat
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALUES = [None, True, 0, -1, 9, 1e308, "", "yesterday", "2026-11-25T10:00:00", "2026-13-01", "0001-01-01T00:00:00+00:00",
          "a" * 20_000, "\x1b[2J", ["x"], {"k": 1}, [[[[]]]], "20261125T000000-zz", "c"]


def attune(*args: str, data_dir: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env={**os.environ, "XDG_STATE_HOME": str(cwd / "state")})


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line(r: subprocess.CompletedProcess) -> bool:
    return r.returncode in (1, 2) and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr \
        and "unexpected" not in r.stderr


def readable(folder: Path, work: Path) -> str | None:
    """None if every command reads the folder; else what went wrong."""
    name = next(iter(json.loads((folder / "attune.json").read_text())["partners"].values()))["name"]
    for args in (["status"], ["log", "+", "--by", name, "check"], ["export", "--format", "md", "--out", str(work / "r.md")],
                 ["export", "--format", "json", "--out", str(work / "e.json")]):
        for old in (work / "r.md", work / "e.json"):
            old.unlink(missing_ok=True)
        r = attune(*args, data_dir=folder, cwd=work)
        if r.returncode != 0:
            return f"`attune {' '.join(args)}` after it: {r.stderr.strip()[:200]}"
    loose = [p for p in folder.rglob("*") if p.is_file() and stat.S_IMODE(p.stat().st_mode) & 0o077]
    return f"{loose[0]} is not 0600" if loose else None


def mutate(rng: random.Random, files: dict) -> str:
    name = rng.choice(sorted(f for f in files if any(files[f].values())))
    table = rng.choice(sorted(t for t in files[name] if files[name][t]))
    row = rng.choice(files[name][table])
    key = rng.choice(sorted(row) + ["extra"])
    row[key] = copy.deepcopy(rng.choice(VALUES))
    return f"{name} {table}.{key}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="attune-hostile-") as tmp:
        work = Path(tmp)
        source = work / "source"
        sys.path.insert(0, str(ROOT))
        from data.demo import generate

        generate(str(source), days=40)
        good = work / "good.json"
        attune("export", "--format", "json", "--out", str(good), data_dir=source, cwd=work)
        export = json.loads(good.read_text())
        for case in range(args.cases):
            folder = work / f"f{case}"
            if case % 2 == 0:  # a hostile export, imported into a fresh folder
                data = copy.deepcopy(export)
                what = "import: " + mutate(rng, data["files"])
                path = work / "hostile.json"
                path.write_text(json.dumps(data))
                attune("init", "Sam", "Alex", data_dir=folder, cwd=work)
                before = snapshot(folder)
                r = attune("import", str(path), data_dir=folder, cwd=work)
                if r.returncode == 0:
                    problem = readable(folder, work)
                    kind = "import accepted, folder readable"
                elif one_line(r):
                    problem = None if snapshot(folder) == before else "a refused import changed the folder"
                    kind = "import refused in one line, nothing changed"
                else:
                    problem, kind = f"exit {r.returncode}: {r.stderr.strip()[-300:]}", "broken"
            else:  # a data file edited by hand
                subprocess.run(["cp", "-a", str(source), str(folder)], check=True)
                files = {p.relative_to(folder).as_posix(): p for p in [folder / "attune.json", *sorted((folder / "months").glob("*.json"))]}
                rel = rng.choice(sorted(files))
                tables = json.loads(files[rel].read_text())
                as_lists = {rel: {t: list(rows.values()) for t, rows in tables.items()}}
                what = "edit: " + mutate(rng, as_lists)
                files[rel].write_text(json.dumps({t: {str(i + 1): r for i, r in enumerate(rows)} for t, rows in as_lists[rel].items()}))
                r = attune("status", data_dir=folder, cwd=work)
                if r.returncode == 0:
                    problem, kind = readable(folder, work), "edit read fine"
                elif one_line(r):
                    problem, kind = None, "edit reported as a damaged file in one line"
                else:
                    problem, kind = f"exit {r.returncode}: {r.stderr.strip()[-300:]}", "broken"
            outcomes[kind] += 1
            if problem:
                print(f"FAIL case {case} ({what}): {problem}")
                return 1
    for kind, count in sorted(outcomes.items()):
        print(f"{count:5d}  {kind}")
    print(f"ok: {args.cases} hostile cases, every one a result or one line, nothing lost, every file 0600")
    return 0


if __name__ == "__main__":
    sys.exit(main())
