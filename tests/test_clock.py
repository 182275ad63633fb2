"""The suite's clock mechanism (tests/conftest.py) and the rule behind it: product code reads the
real clock in one place only, data/clock.py, which tests swap for a fixed clock."""

from __future__ import annotations

import ast
import json
from datetime import datetime, timedelta

import pytest

import data.clock
from data import Store
from tests.conftest import NOW, REPO, run_cli

PRODUCT = ("data", "tui", "screens", "widgets")
# Calls that read the wall clock or the machine's zone (monotonic timers are not dates).
CLOCK_READS = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
               ("time", "time"), ("time", "time_ns"), ("time", "localtime"), ("time", "gmtime"),
               ("time", "ctime"), ("time", "strftime"), ("datetime", "fromtimestamp")}


def clock_reads(path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in CLOCK_READS:
                found.append(f"{path.relative_to(REPO)}:{node.lineno} {f.value.id}.{f.attr}()")
            if isinstance(f, ast.Attribute) and f.attr == "astimezone" and not node.args and not node.keywords:
                found.append(f"{path.relative_to(REPO)}:{node.lineno} .astimezone() (the machine's zone)")
    return found


def test_product_code_reads_the_clock_only_in_data_clock():
    reads = [r for top in PRODUCT for p in sorted((REPO / top).rglob("*.py")) for r in clock_reads(p)]
    assert reads and all(r.startswith("data/clock.py:") for r in reads), reads


def test_a_store_opened_without_a_clock_gets_the_tests_fixed_one(data_dir, clock):
    assert Store.open(data_dir).now() == NOW
    clock.advance(days=3)
    assert Store.open(data_dir).now() == NOW + timedelta(days=3)


def test_the_real_clock_is_far_from_now_while_tests_run():
    # A test or product path that reads it instead of the fixed clock sees another day and zone.
    assert abs(datetime.now().astimezone() - NOW) > timedelta(days=300)


@pytest.mark.real_clock
def test_the_real_clock_is_this_moment_in_this_zone():
    before = datetime.now().astimezone()
    got = data.clock.now()
    assert got.tzinfo is not None and timedelta(0) <= got - before < timedelta(minutes=1)


def test_a_cli_subprocess_lives_at_now_in_its_zone(data_dir):
    assert run_cli("init", "Sam", "Alex", data_dir=data_dir).returncode == 0
    r = run_cli("log", "+", "--by", "Sam", "coffee", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    month = data_dir / "months" / f"{NOW:%Y-%m}.json"
    [row] = json.loads(month.read_text())["interactions"].values()
    at = datetime.fromisoformat(row["at"])
    assert at.utcoffset() == NOW.utcoffset() and timedelta(0) <= at - NOW < timedelta(minutes=5), row
    assert [i.note for i in Store.open(data_dir).interactions.today()] == ["coffee"]
