"""An import lets in nothing the app would refuse when typed: names, text limits, moods, turns.
One bad record refuses the whole file with one line naming file, table and record; nothing changes."""

from __future__ import annotations

import json

import pytest

from data import InputError, Store
from data.exchange import export_json, import_data
from data.text import ENTRY_MAX, NOTE_MAX
from tests.conftest import run_cli


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def exported(store, tmp_path):
    """A small export to edit by hand, and a second folder (same couple) to import it into."""
    store.interactions.log("a", True, "coffee")
    store.daily.save("a", 4, happened="a walk")
    rnd = store.quiz.start_round("starter")
    store.quiz.submit(rnd.uid, rnd.questions[0], "a", "tea", "coffee")
    store.quiz.submit(rnd.uid, rnd.questions[0], "b", "walk", "tea")  # both in: exported (not sealed)
    meeting = store.review.start()
    store.review.add_turn(meeting.uid, "a", 60, "you were tired")
    path = export_json(store, tmp_path / "x.json")
    target = Store.open(tmp_path / "target", clock=store.clock)
    target.setup_couple("Sam", "Alex")
    target.interactions.log("b", False, "already here")
    return path, target


def edit(path, file: str, table: str, change) -> str:
    """Apply `change` to the first record of a table in the export; returns its uid (or id)."""
    data = json.loads(path.read_text())
    row = data["files"][file][table][0]
    change(row)
    path.write_text(json.dumps(data))
    return row.get("uid", row.get("id"))


def refused(path, target, *says: str) -> str:
    before = _snapshot(target.root)
    with pytest.raises(InputError) as err:
        import_data(target, path)
    message = str(err.value)
    for part in (f"import {path}: ", *says, "nothing was imported"):
        assert part in message, message
    assert "\n" not in message
    assert _snapshot(target.root) == before  # no file, no backup, no change stamp
    return message


def test_a_too_long_daily_entry_is_refused_naming_file_table_and_record(exported):
    path, target = exported
    uid = edit(path, "months/2026-11.json", "daily", lambda r: r.update(happened="w" * (ENTRY_MAX + 1)))
    message = refused(path, target)
    assert message.endswith(f"months/2026-11.json daily {uid}: what happened is too long "
                            f"({ENTRY_MAX + 1:,} characters; at most {ENTRY_MAX:,}): nothing was imported")


def test_text_at_the_limits_imports(exported):
    path, target = exported
    edit(path, "months/2026-11.json", "daily", lambda r: r.update(would_help="h" * ENTRY_MAX))
    edit(path, "months/2026-11.json", "interactions", lambda r: r.update(note="n" * NOTE_MAX))
    assert import_data(target, path) > 0
    assert Store.open(target.root).daily.entry("a", target.now().date()).would_help == "h" * ENTRY_MAX


@pytest.mark.parametrize("mood, says", [
    (0, "mood: 0 is not a whole number from 1 to 5"), (6, "mood: 6 is not"), ("4", "mood: '4' is not"),
    (True, "mood: True is not"), (None, "mood: None is not"),
])
def test_a_bad_mood_is_refused(exported, mood, says):
    path, target = exported
    edit(path, "months/2026-11.json", "daily", lambda r: r.update(mood=mood))
    refused(path, target, says)


def test_a_missing_mood_is_refused(exported):
    path, target = exported
    edit(path, "months/2026-11.json", "daily", lambda r: r.pop("mood"))
    refused(path, target, "mood is missing")


@pytest.mark.parametrize("name, says", [
    ("\x1b[31mSam", "partner's name has control characters"),
    ("S" * 41, "partner's name is too long (41 characters; at most 40)"),
    ("  ", "partner's name is empty"),
    (7, "partner's name is not text"),
])
def test_a_bad_partner_name_is_refused(exported, name, says):
    path, target = exported
    pid = edit(path, "attune.json", "partners", lambda r: r.update(name=name))
    refused(path, target, f"attune.json partners {pid}: {says}")


@pytest.mark.parametrize("file, table, change, says", [
    ("months/2026-11.json", "interactions", {"note": "n" * (NOTE_MAX + 1)}, "note is too long"),
    ("months/2026-11.json", "interactions", {"note": "a\x00b"}, "note has a NUL character"),
    ("months/2026-11.json", "daily", {"on_mind": ["not", "text"]}, "what is on my mind is not text"),
    ("quiz.json", "answers", {"text": "z " * 500_000}, "answer is too long (1,000,000 characters; at most 2,000)"),
    ("quiz.json", "guesses", {"text": "g" * (NOTE_MAX + 1)}, "guess is too long"),
    ("reviews.json", "reviews", {"notes": "r" * 10_001}, "notes is too long"),
    ("reviews.json", "reviews", {"turns": [{"speaker": "a", "listener": "b", "seconds": -5}]}, "seconds: -5 is not a number from 0 to 14400"),
    ("reviews.json", "reviews", {"turns": [{"speaker": "a", "listener": "b", "seconds": 9, "heard": "h" * 2001}]},
     "what you heard is too long"),
    ("reviews.json", "reviews", {"appreciations": [{"by": "a", "text": "x" * 2001}]}, "appreciation is too long"),
])
def test_other_typed_fields_keep_their_limits(exported, file, table, change, says):
    path, target = exported
    uid = edit(path, file, table, lambda r: r.update(change))
    refused(path, target, f"{file} {table} {uid}: {says}")


def test_the_cli_says_it_in_one_line_and_exits_2(exported, tmp_path):
    path, target = exported
    edit(path, "months/2026-11.json", "daily", lambda r: r.update(happened="[b]x[/b]\x1b" * 5_000))
    before = _snapshot(target.root)
    r = run_cli("import", str(path), data_dir=target.root)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "months/2026-11.json daily" in r.stderr and "what happened is too long (45,000 characters" in r.stderr
    assert _snapshot(target.root) == before
