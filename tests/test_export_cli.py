"""`attune export` and `attune import` through the CLI: Markdown golden file, CSV headers, errors."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli

GOLDEN = Path(__file__).parent / "golden" / "report.md"


def _week(store, clock):
    """A small, fixed week: two days of interactions and entries, with markup-like text."""
    clock.advance(days=-1, hours=-8)
    store.interactions.log("a", True, "made [b]coffee[/b]", "appreciation")
    clock.advance(minutes=30)
    store.interactions.log("b", False, "snapped *again*", "criticism")
    store.daily.save("b", 2, happened="Long day | bad sleep", on_mind="`rent`", would_help="a hug")
    clock.advance(days=1, hours=8, minutes=-30)
    store.interactions.log("b", True, "")
    store.interactions.log("b", True, "thanks for listening\x1b[31m")
    store.daily.save("a", 4, happened="Gym, then # coding")
    m = store.review.start()  # the week's meeting: its minutes are in the report
    store.review.say(m.uid, "appreciations", "a", "the [b]soup[/b]")
    store.review.set_issue(m.uid, "keys | again", "b")
    store.review.add_turn(m.uid, "b", 95, "you feel *rushed*")
    store.review.say(m.uid, "agreements", "", "a hook by the door")
    store.review.finish(m.uid, notes="next: plan\nthe holidays")


def test_markdown_report_matches_golden(store, clock, data_dir, tmp_path):
    _week(store, clock)
    out = tmp_path / "week.md"
    r = run_cli("export", "--format", "md", "--from", "2026-11-19", "--to", "2026-11-25", "--out", str(out),
                data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    if os.environ.get("ATTUNE_UPDATE_GOLDEN"):
        GOLDEN.write_text(out.read_text())
        pytest.skip("golden file updated: read its diff, then run again")
    assert out.read_text() == GOLDEN.read_text()


def test_a_damaged_reviews_file_leaves_only_the_reviews_out_of_the_report(store, clock, data_dir, tmp_path):
    _week(store, clock)
    (data_dir / "reviews.json").write_text("{oops")
    out = tmp_path / "week.md"
    r = run_cli("export", "--format", "md", "--out", str(out), data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert "## Daily catch-up" in text and "## Weekly reviews held\n\n- left out: " in text and "reviews.json" in text


def test_csv_opens_with_the_right_headers(store, clock, data_dir, tmp_path):
    _week(store, clock)
    r = run_cli("export", "--format", "csv", "--from", "2026-11-19", "--to", "2026-11-25",
                "--out", str(tmp_path / "csv"), data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    with (tmp_path / "csv" / "interactions.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["uid", "at", "by", "sign", "tag", "note", "during_conflict"]
    assert [(r["by"], r["sign"], r["note"]) for r in rows] == [
        ("Sam", "+", "made [b]coffee[/b]"), ("Alex", "-", "snapped *again*"),
        ("Alex", "+", ""), ("Alex", "+", "thanks for listening\x1b[31m"),
    ]
    with (tmp_path / "csv" / "daily.csv").open(newline="") as fh:
        daily = list(csv.DictReader(fh))
    assert list(daily[0]) == ["uid", "day", "by", "mood", "mood_word", "happened", "on_mind", "would_help", "updated"]
    assert [(d["by"], d["mood"], d["mood_word"]) for d in daily] == [("Alex", "2", "low"), ("Sam", "4", "good")]


def test_json_export_import_through_the_cli(store, clock, data_dir, tmp_path):
    _week(store, clock)
    out = tmp_path / "all.json"
    assert run_cli("export", "--out", str(out), data_dir=data_dir).returncode == 0
    again = run_cli("export", "--out", str(out), data_dir=data_dir)
    assert again.returncode == 2 and "already exists" in again.stderr  # never overwrites
    fresh = tmp_path / "fresh"
    r = run_cli("import", str(out), data_dir=fresh)
    assert r.returncode == 0 and "new records" in r.stdout, r.stderr
    r = run_cli("import", str(out), data_dir=fresh)
    assert r.returncode == 0 and "nothing new" in r.stdout
    out2 = tmp_path / "again.json"
    assert run_cli("export", "--out", str(out2), data_dir=fresh).returncode == 0
    import json

    a, b = json.loads(out.read_text()), json.loads(out2.read_text())
    a.pop("exported"), b.pop("exported")
    assert a == b


def test_bad_import_is_one_line_and_changes_nothing(store, data_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    r = run_cli("import", str(bad), data_dir=data_dir)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "cannot be read as an attune export" in r.stderr
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before


def test_a_bad_import_into_a_new_folder_leaves_no_folder_behind(tmp_path):
    bad, new = tmp_path / "bad.json", tmp_path / "new"
    bad.write_text("{oops")
    r = run_cli("import", str(bad), data_dir=new)
    assert r.returncode == 2 and "cannot be read as an attune export" in r.stderr and not new.exists()


def test_file_names_with_escapes_are_printed_harmlessly(store, data_dir, tmp_path):
    """A file name can hold an escape sequence; printed raw it would run in the person's terminal."""
    out = tmp_path / "y\x1b]0;pwned\x07.json"
    r = run_cli("export", "--out", str(out), data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "y␛]0;pwned␇.json" in r.stdout
    r = run_cli("import", str(out), data_dir=data_dir)
    assert r.returncode == 0 and "\x1b" not in r.stdout and "y␛]0;pwned␇.json held nothing new" in r.stdout


def test_default_export_names_never_overwrite_and_never_refuse(store, data_dir, tmp_path, monkeypatch):
    """Without --out, a second export the same day takes the next free name."""
    from tui.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["export", "--data-dir", str(data_dir)]) == 0
    assert main(["export", "--data-dir", str(data_dir)]) == 0
    first, second = sorted(tmp_path.glob("attune-export-*.json"), key=lambda p: len(p.name))
    assert second.name == first.name.replace(".json", "-2.json")  # the same day's name, the next free one
    assert first.read_bytes() and second.read_bytes()


def test_every_export_names_where_it_went_by_its_full_path(store, data_dir, tmp_path, monkeypatch, capsys):
    """Run from the folder it writes into, each format prints the same kind of path."""
    from tui.cli import main

    monkeypatch.chdir(tmp_path)
    for fmt in ("json", "md", "csv"):
        assert main(["export", "--format", fmt, "--data-dir", str(data_dir)]) == 0
        line = capsys.readouterr().out
        assert f"{tmp_path}{os.sep}attune-" in line, line


def test_markdown_report_keeps_joined_emoji_and_drops_controls_and_bidi_overrides(store, data_dir, tmp_path):
    """One line per entry, as a readable report: a couple emoji (joined by ZWJ) stays one emoji;
    control characters and bidi overrides (which can make a line read otherwise) are left out."""
    store.interactions.log("a", True, "us 👩\u200d❤\ufe0f\u200d👨 \u202eevil\u202c bell\x07 done")
    out = tmp_path / "r.md"
    r = run_cli("export", "--format", "md", "--out", str(out), data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert "us 👩\u200d❤\ufe0f\u200d👨 evil bell done" in text
    assert not any(ch in text for ch in "\u202e\u202c\x07")


def test_folders_a_csv_export_creates_are_private_whatever_the_umask(store, data_dir, tmp_path):
    from tui.cli import main

    out = tmp_path / "new" / "sub" / "csv"
    old = os.umask(0)  # the most permissive umask: every folder made must still come out 0700
    try:
        assert main(["export", "--format", "csv", "--out", str(out), "--data-dir", str(data_dir)]) == 0
    finally:
        os.umask(old)
    made = (out.parent.parent, out.parent, out)
    assert [oct(p.stat().st_mode & 0o7777) for p in made] == ["0o700"] * 3
