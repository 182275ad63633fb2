"""Appends skip parsing a file this process wrote last, and lose nothing when anyone else wrote."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from data import Store
from data.folder import Folder
from tests.conftest import REPO

MONTH = "2026-11"


def rows(data_dir) -> dict:
    return json.loads((data_dir / "months" / f"{MONTH}.json").read_text())["interactions"]


def test_an_append_to_our_own_file_does_not_parse_it(store, data_dir):
    folder = Folder.open(data_dir)
    s = Store(folder, store.clock)
    s.interactions.log("a", True)
    s.interactions.log("a", True)
    parsed = folder.reads[folder.month_path(MONTH)]
    for _ in range(5):
        s.interactions.log("b", False)
    assert folder.reads[folder.month_path(MONTH)] == parsed  # five appends, not one parse
    assert len(rows(data_dir)) == 7


def test_a_write_by_another_store_is_kept(store, data_dir, clock):
    ours = Store.open(data_dir, clock=clock)
    theirs = Store.open(data_dir, clock=clock)
    first = ours.interactions.log("a", True, "ours 1")
    theirs.interactions.log("b", False, "theirs")  # changes the file behind our kept copy
    ours.interactions.log("a", True, "ours 2")
    ours.interactions.annotate(first.uid, "ours 1, noted")  # a TinyDB update, not an append
    theirs.interactions.log("b", False, "theirs again")  # their own kept copy is stale now too
    ours.interactions.log("a", True, "ours 3")
    notes = [r["note"] for r in rows(data_dir).values()]
    assert notes == ["ours 1, noted", "theirs", "ours 2", "theirs again", "ours 3"]
    assert list(rows(data_dir)) == ["1", "2", "3", "4", "5"]  # ids as TinyDB numbers them


def test_a_write_by_another_process_is_kept(store, data_dir, clock):
    ours = Store.open(data_dir, clock=clock)
    ours.interactions.log("a", True, "before")
    code = ("import sys; from data import Store; from tests.conftest import FakeClock;"
            "Store.open(sys.argv[1], clock=FakeClock()).interactions.log('b', False, 'other process')")
    subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=REPO, check=True)
    ours.interactions.log("a", True, "after")
    assert [r["note"] for r in rows(data_dir).values()] == ["before", "other process", "after"]


def test_the_file_is_what_tinydb_itself_would_write(store, data_dir, tmp_path):
    """Same rows, same ids, same order as TinyDB's own insert: the format stays TinyDB's."""
    for n in range(3):
        store.interactions.log("a", n % 2 == 0, f"n{n}")
    ours = rows(data_dir)
    plain = TinyDB(tmp_path / "plain.json", storage=JSONStorage)
    for row in ours.values():
        plain.table("interactions").insert(dict(row))
    assert json.loads((tmp_path / "plain.json").read_text())["interactions"] == ours


def test_a_taken_id_is_refused_not_overwritten(store, data_dir):
    from tinydb.table import Document

    store.interactions.log("a", True, "keep me")
    table = store.folder.month(MONTH).table("interactions", cache_size=0)
    with pytest.raises(ValueError):
        table.insert(Document({"note": "intruder"}, doc_id=1))
    assert [r["note"] for r in rows(data_dir).values()] == ["keep me"]
