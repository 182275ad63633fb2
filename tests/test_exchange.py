"""Export to JSON and import it back: round trips, merges, and bad files that change nothing."""

from __future__ import annotations

import json

import pytest

from data import InputError, Store
from data.demo import generate
from data.exchange import export_data, export_json, import_data

X1 = {"uid": "20261125T100000-0000abcd", "at": "2026-11-25T10:00:00+01:00", "by": "a", "positive": True}


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def _same(a: dict, b: dict) -> bool:
    """The same data; when and what was left out sealed aside (an import has no sealed rows)."""
    a, b = dict(a), dict(b)
    for key in ("exported", "sealed"):
        a.pop(key, None), b.pop(key, None)
    return a == b


def test_export_import_export_is_the_same(tmp_path, clock):
    source = generate(tmp_path / "a", days=40, seed=3, today=clock.now.date())
    target = tmp_path / "export.json"
    export_json(source, target)
    empty = Store.open(tmp_path / "b", clock=clock)
    added = import_data(empty, target)
    assert added > 40 * 10
    assert _same(export_data(source), export_data(empty))
    assert [p.name for p in empty.partners()] == ["Sam", "Alex"]
    assert import_data(empty, target) == 0  # a second import adds nothing
    assert _same(export_data(source), export_data(empty))


def test_merge_adds_only_what_is_new(tmp_path, store):
    store.interactions.log("a", True, "first")
    export_json(store, tmp_path / "x.json")
    other = Store.open(tmp_path / "other", clock=store.clock)
    import_data(other, tmp_path / "x.json")
    other.interactions.log("b", False, "only in other")
    store.interactions.log("a", True, "only in store")
    export_json(other, tmp_path / "y.json")
    assert import_data(store, tmp_path / "y.json") == 1
    notes = sorted(i.note for i in store.interactions.today())
    assert notes == ["first", "only in other", "only in store"]


def test_two_folders_with_an_entry_for_the_same_day_merge_into_one_keeping_both_texts(tmp_path, store, clock):
    """Written in two folders (two laptops), then merged both ways: one entry for the day, holding
    both texts once, so it shows, can be edited, and nothing either wrote is lost."""
    store.daily.save("a", 4, "laptop 1", on_mind="same\n\nnot tired at all")
    other = Store.open(tmp_path / "other", clock=store.clock)
    other.setup_couple("Sam", "Alex")
    other.daily.save("a", 2, "laptop 2", on_mind="same\n\ntired", would_help="a walk")
    editing = store.daily.entry("a", store.daily.today())  # a session here had it open meanwhile
    clock.advance(minutes=5)
    export_json(other, tmp_path / "y.json")
    assert import_data(store, tmp_path / "y.json") == 1
    entry = store.daily.entry("a", store.daily.today())
    assert (entry.mood, entry.happened, entry.on_mind, entry.would_help) == (
        4, "laptop 1\n\nlaptop 2", "same\n\nnot tired at all\n\ntired", "a walk")
    assert import_data(store, tmp_path / "y.json") == 0  # again: nothing new, nothing doubled
    other.daily.save("a", 2, "laptop 2 \n\n\nlaptop 1", on_mind="same\n\ntired", would_help="a walk")
    export_json(other, tmp_path / "z.json")  # the same words, spaced otherwise: still nothing new
    assert import_data(store, tmp_path / "z.json") == 0
    assert store.daily.entry("a", store.daily.today()).happened == "laptop 1\n\nlaptop 2"
    with pytest.raises(InputError, match="saved in another session"):  # the open editor cannot write over it
        store.daily.save("a", 5, "stale", expected=editing.updated.isoformat())
    export_json(store, tmp_path / "x.json")  # and back the other way
    import_data(other, tmp_path / "x.json")
    assert other.daily.entry("a", other.daily.today()).happened == "laptop 2 \n\n\nlaptop 1"  # had both already


def test_two_long_entries_for_one_day_are_refused_together_saying_why(tmp_path, store):
    store.daily.save("a", 4, "a" * 6000)
    other = Store.open(tmp_path / "other", clock=store.clock)
    other.setup_couple("Sam", "Alex")
    other.daily.save("a", 2, "b" * 6000)
    export_json(other, tmp_path / "y.json")
    before = _snapshot(store.root)
    with pytest.raises(InputError, match="would together be longer than 10,000 characters: nothing was imported"):
        import_data(store, tmp_path / "y.json")
    assert _snapshot(store.root) == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not json at all", "cannot be read as an attune export .invalid literal"),
        (b"[" * 100_000, "cannot be read as an attune export .depth limit exceeded"),
        (b'{"hello": 1}', "is not an attune export"),
        (json.dumps({"format": "attune-export", "version": 1, "schema": 99, "files": {}}).encode(), "newer attune"),
        (json.dumps({"format": "attune-export", "version": 1, "schema": 1,
                     "files": {"../evil.json": {}}}).encode(), "unexpected file name"),
        (json.dumps({"format": "attune-export", "version": 1, "schema": 1, "files": {"months/2026-11.json": {
            "interactions": [dict(X1), dict(X1)]}}}).encode(), "interactions 20261125T100000-0000abcd: its id is there twice"),
    ],
)
def test_bad_import_files_change_nothing(tmp_path, store, content, message):
    store.interactions.log("a", True, "keep me")
    before = _snapshot(store.root)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message):
        import_data(store, bad)
    assert _snapshot(store.root) == before


def test_an_export_saved_with_a_bom_imports(tmp_path, store, clock):
    """Some editors put a byte-order mark before the JSON when they save: it read as "not JSON"."""
    other = Store.open(tmp_path / "other", clock=clock)
    other.setup_couple("Sam", "Alex")
    other.interactions.log("b", True, "from the other laptop")
    path = export_json(other, tmp_path / "x.json")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert import_data(store, path) == 1
    assert [i.note for i in store.interactions.today()] == ["from the other laptop"]


def test_import_of_another_couple_is_refused(tmp_path, store, clock):
    other = Store.open(tmp_path / "other", clock=clock)
    other.setup_couple("Kim", "Lee")
    export_json(other, tmp_path / "kl.json")
    before = _snapshot(store.root)
    with pytest.raises(InputError, match="Kim & Lee"):
        import_data(store, tmp_path / "kl.json")
    assert _snapshot(store.root) == before
