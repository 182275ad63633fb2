"""Data folders for the benchmarks: empty (a couple, no history), 1 year and 10 years, from a seed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from data import Store
from data.demo import generate

OUT = Path(__file__).resolve().parent / "out"
YEARS = {"empty": 0, "1y": 1, "10y": 10}


def make(kind: str, seed: int = 42) -> tuple[Path, float]:
    """A fresh folder of that kind; returns its path and the seconds it took to generate."""
    root = OUT / kind
    if root.exists():
        shutil.rmtree(root)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if YEARS[kind] == 0:
        Store.open(root).setup_couple("Sam", "Alex")
    else:
        generate(root, days=365 * YEARS[kind], per_day=20, seed=seed)
    return root, time.perf_counter() - started


def describe(root: Path) -> str:
    months = sorted((root / "months").glob("*.json")) if (root / "months").exists() else []
    size = sum(p.stat().st_size for p in root.rglob("*.json"))
    return f"{len(months)} month files, {size / 1e6:.1f} MB"
